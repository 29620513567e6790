// Command gen adds a handbook of entries that cite a real repository's code
// to a clone of it, for bench/refs/run.sh. The entries are committed into
// the history at several depths (each group on a commit whose parent is an
// old commit, merged into HEAD), so that `handbook lint` has to read the
// history back that far, as it would for a handbook written years ago. Each
// entry cites what existed when it was written: definitions next to their
// path:line, line ranges, folders, and Python imports in a fence.
//
//	go run ./bench/refs/gen -repo /tmp/celery -n 64 -depths 50,500,2000,5000
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

type def struct {
	file, name string
	line       int
}

func main() {
	repo := flag.String("repo", "", "clone to add the handbook to")
	n := flag.Int("n", 64, "entries")
	depths := flag.String("depths", "50,500,2000,5000", "first-parent depths at which groups of entries are written")
	flag.Parse()
	if *repo == "" {
		log.Fatal("-repo is required")
	}
	git := func(env []string, stdin []byte, args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", *repo}, args...)...)
		cmd.Env = append(os.Environ(), env...)
		if stdin != nil {
			cmd.Stdin = bytes.NewReader(stdin)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			log.Fatalf("git %v: %v: %s", args, err, stderr.String())
		}
		return strings.TrimSpace(string(out))
	}
	var ds []int
	for _, s := range strings.Split(*depths, ",") {
		d, err := strconv.Atoi(s)
		if err != nil {
			log.Fatal(err)
		}
		ds = append(ds, d)
	}
	head := git(nil, nil, "rev-parse", "HEAD")
	id := []string{"GIT_AUTHOR_NAME=bench", "GIT_AUTHOR_EMAIL=bench@example.com", "GIT_COMMITTER_NAME=bench", "GIT_COMMITTER_EMAIL=bench@example.com"}
	r := rand.New(rand.NewPCG(1, 2))
	var pages []string
	entries := map[string][]byte{}
	parents := []string{head}
	for g, depth := range ds {
		old := git(nil, nil, "rev-parse", fmt.Sprintf("%s~%d", head, depth))
		date := git(nil, nil, "log", "-1", "--format=%cI", old)
		defs := definitions(git, old)
		if len(defs) == 0 {
			log.Fatalf("no definitions at %s", old)
		}
		index := filepath.Join(os.TempDir(), fmt.Sprintf("bench-refs-index-%d", g))
		os.Remove(index)
		env := append([]string{"GIT_INDEX_FILE=" + index, "GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, id...)
		git(env, nil, "read-tree", old)
		count := *n / len(ds)
		if g == len(ds)-1 {
			count = *n - count*(len(ds)-1)
		}
		for i := 0; i < count; i++ {
			slug := fmt.Sprintf("concept-%d-%02d", g, i)
			body := entry(r, slug, defs)
			p := "handbook/backend-development/" + slug + ".mdx"
			entries[p] = body
			pages = append(pages, "backend-development/"+slug)
			blob := git(nil, body, "hash-object", "-w", "--stdin")
			git(env, nil, "update-index", "--add", "--cacheinfo", "100644,"+blob+","+p)
		}
		tree := git(env, nil, "write-tree")
		c := git(env, nil, "commit-tree", tree, "-p", old, "-m", fmt.Sprintf("handbook entries, group %d", g))
		parents = append(parents, c)
		os.Remove(index)
	}
	// The merge: HEAD's tree plus every entry and the navigation.
	docs := fmt.Sprintf(`{"navigation": {"groups": [{"group": "Backend Development", "pages": [%q]}]}}`, strings.Join(pages, `", "`))
	docs = strings.ReplaceAll(docs, `\"`, `"`)
	index := filepath.Join(os.TempDir(), "bench-refs-index-merge")
	os.Remove(index)
	env := append([]string{"GIT_INDEX_FILE=" + index}, id...)
	git(env, nil, "read-tree", head)
	for p, body := range entries {
		blob := git(nil, body, "hash-object", "-w", "--stdin")
		git(env, nil, "update-index", "--add", "--cacheinfo", "100644,"+blob+","+p)
	}
	blob := git(nil, []byte(docs), "hash-object", "-w", "--stdin")
	git(env, nil, "update-index", "--add", "--cacheinfo", "100644,"+blob+",handbook/docs.json")
	tree := git(env, nil, "write-tree")
	args := []string{"commit-tree", tree, "-m", "Merge the handbook"}
	for _, p := range parents {
		args = append(args, "-p", p)
	}
	merge := git(env, nil, args...)
	os.Remove(index)
	git(nil, nil, "reset", "-q", "--hard", merge)
	fmt.Fprintf(os.Stderr, "gen: %d entries in %d groups, merged as %s\n", len(entries), len(ds), merge[:12])
}

// definitions lists the Python definitions at a commit.
func definitions(git func([]string, []byte, ...string) string, commit string) []def {
	out := git(nil, nil, "grep", "-n", "-E", `^(class|def) [A-Za-z_][A-Za-z_0-9]*`, commit, "--", "*.py", ":!t/", ":!docs/", ":!examples/")
	var defs []def
	for _, l := range strings.Split(out, "\n") {
		f := strings.SplitN(strings.TrimPrefix(l, commit+":"), ":", 3)
		if len(f) < 3 {
			continue
		}
		line, _ := strconv.Atoi(f[1])
		fields := strings.FieldsFunc(f[2], func(r rune) bool { return r == ' ' || r == '(' || r == ':' })
		if len(fields) < 2 {
			continue
		}
		defs = append(defs, def{file: f[0], name: fields[1], line: line})
	}
	return defs
}

func entry(r *rand.Rand, slug string, defs []def) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndescription: \"How %s works in this code base.\"\n---\n\n", slug, slug)
	fmt.Fprintf(&b, "This entry explains %s: what it is and why it matters.\n\n", slug)
	b.WriteString("## When to use this concept\n\nWhen a task needs it.\n\n## How to use this concept\n\n")
	d := defs[r.IntN(len(defs))]
	if mod := module(d.file); mod != "" {
		fmt.Fprintf(&b, "```python\nfrom %s import %s\nfrom fastapi import Depends\n```\n\n", mod, d.name)
	}
	b.WriteString("## How it works\n\n")
	for k := 0; k < 10; k++ {
		d := defs[r.IntN(len(defs))]
		switch k % 4 {
		case 0, 1:
			fmt.Fprintf(&b, "- `%s` (`%s:%d`) does one part.\n", d.name, d.file, d.line)
		case 2:
			fmt.Fprintf(&b, "- The lines `%s:%d-%d` do another.\n", d.file, d.line, d.line+5)
		case 3:
			fmt.Fprintf(&b, "- The folder `%s/` holds the rest.\n", path.Dir(d.file))
		}
	}
	return []byte(b.String())
}

// module is the dotted module of a Python file in a repository whose
// packages start at the root.
func module(file string) string {
	if !strings.HasSuffix(file, ".py") {
		return ""
	}
	m := strings.TrimSuffix(strings.TrimSuffix(file, ".py"), "/__init__")
	return strings.ReplaceAll(m, "/", ".")
}
