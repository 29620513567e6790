// Command markdown links the parsers lint reads entries with (goldmark's
// block parser, yaml.v3), and nothing else: what their package init costs
// every handbook command, for bench/startup/libs.sh. It grows the main
// goroutine's stack first as handbook does (internal/initstack), so the
// figure is what handbook pays for them.
package main

import (
	"os"

	_ "github.com/handbook-dev/handbook/internal/initstack"
	_ "github.com/yuin/goldmark/parser"
	_ "gopkg.in/yaml.v3"
)

func main() { os.Stdout.WriteString("markdown 1.0\n") }
