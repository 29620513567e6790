// Command inits links everything handbook links (its cmd package and the
// start-up stack growth of cmd/handbook) and does nothing with it: the
// package inits alone, for bench/startup/libs.sh. Against handbook
// --version it shows what main itself costs.
package main

import (
	"os"

	_ "github.com/handbook-dev/handbook/cmd"
	_ "github.com/handbook-dev/handbook/internal/initstack"
)

func main() { os.Stdout.WriteString("inits 1.0\n") }
