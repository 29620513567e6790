// Command pairfreq counts how often each pair of ASCII letters (case
// folded) occurs in the text files git lists in a repository, and prints
// the table explore's matcher chooses scan anchors by (pairFreq in
// explore/match.go): twice the log2 of each pair's count, rounded, one row
// a first letter.
//
//	go run ./bench/explore/pairfreq /work/repos/polar
package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pairfreq REPO")
		os.Exit(2)
	}
	root := os.Args[1]
	out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pairfreq:", err)
		os.Exit(1)
	}
	var counts [26][26]float64
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil || bytes.IndexByte(data[:min(len(data), 8<<10)], 0) >= 0 {
			continue
		}
		for i := 0; i+1 < len(data); i++ {
			a, b := data[i]|0x20, data[i+1]|0x20
			if a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z' {
				counts[a-'a'][b-'a']++
			}
		}
	}
	var b strings.Builder
	for i := range counts {
		b.WriteString("\t{")
		for j := range counts[i] {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%d", int(math.Round(2*math.Log2(counts[i][j]+1))))
		}
		fmt.Fprintf(&b, "}, // %c\n", 'a'+i)
	}
	fmt.Print(b.String())
}
