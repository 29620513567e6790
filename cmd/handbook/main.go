// Command handbook helps backend developers write the Backend Development
// section of their team handbook. See the README.
package main

import (
	"os"

	"github.com/handbook-dev/handbook/cmd"
	"github.com/handbook-dev/handbook/internal/cli"
)

func main() {
	os.Exit(cmd.Run(os.Args[1:], cli.System()))
}
