// Command empty prints a version line and links nothing else: the floor
// of a Go program's start-up, for bench/startup/libs.sh.
package main

import "os"

func main() { os.Stdout.WriteString("empty 1.0\n") }
