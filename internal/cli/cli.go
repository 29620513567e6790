// Package cli holds what every command shares at the process boundary: the
// injected input/output streams with their terminal facts, and the error kinds
// that main turns into exit codes (0 ok, 1 findings, 2 usage or bad input,
// 130 cancelled, 143 terminated).
package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// IO is the set of streams a command talks through. Commands never touch
// os.Stdin/os.Stdout directly so that tests can drive them.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY  bool
	OutTTY bool
	ErrTTY bool
	// OutCols is the width of stdout in columns when it is a terminal
	// (0 when unknown), for output laid out to fit it.
	OutCols int
	// ErrCols and ErrRows are the size of stderr's terminal, where the
	// prompts draw (0 when unknown).
	ErrCols, ErrRows int

	// Getenv reads the environment; tests replace it.
	Getenv func(string) string

	lines *LineReader
}

// Lines returns In as a LineReader, the same one on every call, so that
// successive prompts never lose input an earlier one buffered.
func (s *IO) Lines() *LineReader {
	if s.lines == nil {
		s.lines = NewLineReader(s.In)
	}
	return s.lines
}

// System returns the process's real streams.
func System() *IO {
	cols := 0
	if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
		cols = w
	}
	errCols, errRows, _ := term.GetSize(int(os.Stderr.Fd()))
	return &IO{
		OutCols: cols,
		ErrCols: errCols,
		ErrRows: errRows,
		In:      os.Stdin,
		Out:     os.Stdout,
		ErrOut:  os.Stderr,
		InTTY:   term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY:  term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY:  term.IsTerminal(int(os.Stderr.Fd())),
		Getenv:  os.Getenv,
	}
}

func (s *IO) env(key string) string {
	if s.Getenv == nil {
		return ""
	}
	return s.Getenv(key)
}

// CanPrompt reports whether asking questions is allowed: both ends must be a
// terminal and the run must not be in CI, where nobody would answer.
func (s *IO) CanPrompt() bool {
	return s.InTTY && s.OutTTY && s.env("CI") == ""
}

// ColorOut reports whether stdout may carry ANSI colour.
func (s *IO) ColorOut() bool { return s.OutTTY && s.colorAllowed() }

// ColorErr reports whether stderr may carry ANSI colour.
func (s *IO) ColorErr() bool { return s.ErrTTY && s.colorAllowed() }

func (s *IO) colorAllowed() bool {
	// https://no-color.org: any non-empty value disables colour.
	return s.env("NO_COLOR") == "" && s.env("TERM") != "dumb"
}

// UsageError is bad input from the user: a wrong flag, argument or value.
// It maps to exit code 2.
type UsageError struct {
	Msg string
	// Hint is printed on its own line after the message, e.g. a suggestion.
	Hint string
}

func (e *UsageError) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + "\n" + e.Hint
}

// Usagef builds a UsageError.
func Usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// ErrCancelled means the user stopped the command (Ctrl-C, Esc, end of input
// while prompting). It maps to exit code 130.
var ErrCancelled = errors.New("cancelled")

// ErrTerminated means the command was stopped by SIGTERM while it held the
// repository lock; its changes were undone. Exit code 143 (128 + 15), what
// a shell reports for a process SIGTERM ends.
var ErrTerminated = errors.New("terminated")

// ErrFindings means the command ran fine and reported problems (lint errors).
// Its report is already printed, so main prints nothing more. Exit code 1.
var ErrFindings = errors.New("findings reported")

// Exit codes.
const (
	ExitOK         = 0
	ExitFindings   = 1
	ExitUsage      = 2
	ExitCancelled  = 130
	ExitTerminated = 143
)

// ExitCode maps an error returned by a command to the process exit code.
// Any failure that is not findings or a cancel is bad input or I/O: 2.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrFindings):
		return ExitFindings
	case errors.Is(err, ErrCancelled):
		return ExitCancelled
	case errors.Is(err, ErrTerminated):
		return ExitTerminated
	default:
		return ExitUsage
	}
}

// LineReader hands out at most one line per Read call. huh's accessible
// prompts wrap the reader in a fresh bufio.Scanner for every question, so a
// reader that returned all piped input at once would lose every answer after
// the first. Reading line by line from one shared buffer keeps them.
type LineReader struct {
	r   *bufio.Reader
	EOF bool // set once the underlying reader is exhausted
	// Starved is set once a question read at the end of the input and
	// got nothing: the input ended while a question waited for its
	// answer. (A last answer without its newline is an answer: the
	// scanner that reads it asks once more to find the line's end.)
	Starved bool
	partial bool // the last read returned a line cut by the end of input
}

// NewLineReader wraps r.
func NewLineReader(r io.Reader) *LineReader { return &LineReader{r: bufio.NewReader(r)} }

func (l *LineReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n := 0
	for n < len(p) {
		b, err := l.r.ReadByte()
		if err != nil {
			l.EOF = true
			if n > 0 {
				l.partial = true
				return n, nil
			}
			if l.partial {
				l.partial = false // the scanner of that line asking for its end
			} else {
				l.Starved = true
			}
			return 0, err
		}
		p[n] = b
		n++
		if b == '\n' {
			break
		}
	}
	return n, nil
}

// WriteJSON writes v as indented JSON, the one shape every --format json
// prints. HTML escaping is off: the output is for scripts, and `<` or `&` in
// a title should read as typed.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
