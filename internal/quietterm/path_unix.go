//go:build freebsd || linux || netbsd || openbsd || solaris || dragonfly

package quietterm

// EmptiesPATH is true where the clipboard package searches PATH in its
// init (its clipboard_unix.go, built for these systems): PATH is empty
// while packages initialise, and the prompts look the clipboard tool up
// themselves. Elsewhere (macOS, Windows) the clipboard is reached when
// used, and the prompts leave ctrl+v to the text fields.
const EmptiesPATH = true
