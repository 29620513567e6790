// Command tui links the terminal UI the prompts use (huh and with it Bubble
// Tea, Bubbles, Lip Gloss), and nothing else: what their package init costs
// every handbook command, for bench/startup/libs.sh.
package main

import (
	"os"

	_ "github.com/charmbracelet/huh"
)

func main() { os.Stdout.WriteString("tui 1.0\n") }
