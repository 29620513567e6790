// Command walk is the benchmark driver for the explore walker:
//
//	go run ./bench/walk gen DIR [-files N] [-seed S]   generate a tree (git repo)
//	go run ./bench/walk files DIR                      print the files the walker yields
//
// bench/walk/run.sh builds it and compares `files` with `rg --files`.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"sync"

	"github.com/handbook-dev/handbook/workspace/walk"
	"github.com/handbook-dev/handbook/workspace/walk/walktest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "walk:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: walk gen DIR [-files N] [-seed S] [-content BYTES] | walk files DIR")
	}
	switch args[0] {
	case "gen":
		fs := flag.NewFlagSet("gen", flag.ContinueOnError)
		files := fs.Int("files", 5000, "files the walk yields")
		seed := fs.Uint64("seed", 1, "generator seed")
		content := fs.Int("content", 0, "bytes per file")
		if err := fs.Parse(args[2:]); err != nil {
			return err
		}
		if err := os.MkdirAll(args[1], 0o755); err != nil {
			return err
		}
		n, err := walktest.Generate(args[1], walktest.Options{Files: *files, Seed: *seed, Content: *content, Git: true})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "wrote %d files to %s\n", n, args[1])
		return nil
	case "files":
		out := bufio.NewWriterSize(os.Stdout, 64<<10)
		var mu sync.Mutex
		st, err := walk.Walk(args[1], walk.Options{}, func(f walk.File) {
			mu.Lock()
			out.WriteString(f.Rel)
			out.WriteByte('\n')
			mu.Unlock()
		})
		if err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%d files, %d folders, %d ignored, %d unreadable\n", st.Files, st.Dirs, st.Ignored, st.Unreadable)
		return nil
	}
	return fmt.Errorf("unknown subcommand %q", args[0])
}
