// Package quietterm keeps the terminal UI libraries from talking to the
// terminal, or searching the disk, when the process starts.
//
// Bubble Tea's package init asks Lip Gloss whether the terminal background
// is dark, and Lip Gloss asks the terminal: it writes OSC 11 and a cursor
// position query to stdout and waits for the answers. Every command paid
// for that, and a command that never prompts (lint, explore) left those
// escape sequences in logs captured through a pseudo-terminal. termenv
// skips the query when CI is set, so this package sets CI for the length of
// package initialisation and Restore puts it back.
//
// The clipboard package the prompts' text fields bring (atotto/clipboard,
// through Bubbles) looks, in its init on Linux and the BSDs, for xclip,
// xsel, wl-copy, the termux tools and clip.exe in every folder of PATH:
// five names times every PATH folder, a failed stat each where none is
// installed (0.2 ms of every start-up with 13 folders, more with a longer
// PATH). There PATH is empty for the length of package initialisation too
// (EmptiesPATH), so that search finds nothing at once; the prompts paste
// with their own lookup, made when ctrl+v is pressed (see scaffold's
// field).
//
// Go initialises packages in import-path order among those whose imports
// are done (the spec's rule since Go 1.21). This package imports only os,
// and its path sorts before github.com/muesli/termenv, which Bubble Tea
// needs initialised first, and before path/filepath, which os/exec (and
// so the clipboard package) needs initialised first, so its init always
// runs before theirs (a testscript in cmd/handbook checks the order).
// The prompts ask the terminal themselves, on stderr, when they start.
package quietterm

import "os"

var (
	ciValue, ciSet     = os.LookupEnv("CI")
	pathValue, pathSet = os.LookupEnv("PATH")
)

func init() {
	os.Setenv("CI", "1")
	if EmptiesPATH {
		os.Setenv("PATH", "")
	}
}

// Restore gives CI and PATH back the values the process started with.
// Call it from a package that imports the terminal libraries, so it runs
// after them.
func Restore() {
	restore("CI", ciValue, ciSet)
	if EmptiesPATH {
		restore("PATH", pathValue, pathSet)
	}
}

func restore(key, value string, set bool) {
	if set {
		os.Setenv(key, value)
	} else {
		os.Unsetenv(key)
	}
}
