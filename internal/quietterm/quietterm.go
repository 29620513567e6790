// Package quietterm keeps the terminal UI libraries from talking to the
// terminal when the process starts.
//
// Bubble Tea's package init asks Lip Gloss whether the terminal background
// is dark, and Lip Gloss asks the terminal: it writes OSC 11 and a cursor
// position query to stdout and waits for the answers. Every command paid
// for that, and a command that never prompts (lint, explore) left those
// escape sequences in logs captured through a pseudo-terminal. termenv
// skips the query when CI is set, so this package sets CI for the length of
// package initialisation and Restore puts it back.
//
// Go initialises packages in import-path order among those whose imports
// are done (the spec's rule since Go 1.21). This package imports only os,
// and its path sorts before github.com/muesli/termenv, which Bubble Tea
// needs initialised first, so its init always runs before Bubble Tea's.
// The prompts ask the terminal themselves, on stderr, when they start.
package quietterm

import "os"

var ciValue, ciSet = os.LookupEnv("CI")

func init() { os.Setenv("CI", "1") }

// Restore gives CI back the value the process started with. Call it from
// a package that imports the terminal libraries, so it runs after them.
func Restore() {
	if ciSet {
		os.Setenv("CI", ciValue)
	} else {
		os.Unsetenv("CI")
	}
}
