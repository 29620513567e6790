// Command relevance measures how well `handbook explore` finds where a
// concept lives, on real repositories with ground truth written from their
// code (truth/<repo>.tsv), against two baselines: a person scanning file
// names, and files ranked by grep match counts. bench/relevance/run.sh
// builds handbook and runs it; see README.md there.
//
//	go run ./bench/relevance -handbook BIN [-repos /work/repos] [-json out.json] [-only polar]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

const limit = 10 // ranks counted for MRR (MRR@10), explore's default --limit

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "relevance:", err)
		os.Exit(2)
	}
}

type options struct {
	handbook, repos, bench, jsonOut, scratch string
	only                                     []string
}

func run(args []string, stdout, stderr io.Writer) error {
	var o options
	var only string
	fs := flag.NewFlagSet("relevance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.handbook, "handbook", "", "handbook binary to measure (required)")
	fs.StringVar(&o.repos, "repos", "/work/repos", "folder holding the clones, one per repos.tsv name")
	fs.StringVar(&o.bench, "bench", "bench/relevance", "folder holding repos.tsv and truth/")
	fs.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	fs.StringVar(&o.scratch, "scratch", filepath.Join(os.TempDir(), "relbench-scratch"), "where to check out a pinned commit when a clone is elsewhere")
	fs.StringVar(&only, "only", "", "comma-separated repository names to run (default: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.handbook == "" {
		return errors.New("-handbook is required (bench/relevance/run.sh builds it)")
	}
	if only != "" {
		o.only = strings.Split(only, ",")
	}
	specs, err := readRepos(filepath.Join(o.bench, "repos.tsv"))
	if err != nil {
		return err
	}
	classes, err := readClasses(filepath.Join(o.bench, "classes.tsv"))
	if err != nil {
		return err
	}
	rep := report{Limit: limit, Generated: time.Now().UTC().Format(time.RFC3339)}
	for _, s := range specs {
		if len(o.only) > 0 && !contains(o.only, s.Name) {
			continue
		}
		truthFile := filepath.Join(o.bench, "truth", s.Name+".tsv")
		if _, err := os.Stat(truthFile); err != nil {
			fmt.Fprintf(stderr, "relevance: skipping %s: no ground truth (%s)\n", s.Name, truthFile)
			continue
		}
		concepts, err := readTruth(truthFile)
		if err != nil {
			return err
		}
		for _, c := range concepts {
			delete(classes.unused, s.Name+"/"+c.Name)
		}
		root, err := prepare(o, s, stderr)
		if err != nil {
			return err
		}
		if root == "" {
			continue
		}
		rr, err := measureRepo(o, s, root, concepts, classes.byConcept, stderr)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		rep.Repos = append(rep.Repos, rr)
	}
	for k, line := range classes.unused {
		fmt.Fprintf(stderr, "relevance: classes.tsv:%d: %s is no concept of a truth file\n", line, k)
	}
	if len(rep.Repos) == 0 {
		fmt.Fprintln(stderr, "relevance: no repository measured")
		return nil
	}
	rep.Overall = summarise(rep.Repos, len(rep.Repos) > 1)
	rep.Classes = summariseClasses(rep.Repos)
	printReport(stdout, rep)
	if o.jsonOut != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(o.jsonOut, append(data, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "relevance: wrote %s\n", o.jsonOut)
	}
	return nil
}

// prepare returns the folder to measure: the clone itself when the pinned
// commit is checked out there, else a scratch clone at that commit. It
// returns "" (after saying why) when the clone is absent.
func prepare(o options, s repoSpec, stderr io.Writer) (string, error) {
	dir := filepath.Join(o.repos, s.Name)
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		fmt.Fprintf(stderr, "relevance: skipping %s: %s is absent (fetch github:%s, then git clone <mirror> %s; see bench/relevance/README.md)\n",
			s.Name, dir, s.GitHub, dir)
		return "", nil
	}
	head, err := git(dir, "rev-parse", "HEAD")
	if err != nil {
		return "", err
	}
	if head == s.Commit {
		if st, err := git(dir, "status", "--porcelain", "--untracked-files=no"); err == nil && st == "" {
			return dir, nil
		}
		fmt.Fprintf(stderr, "relevance: %s has local changes; measuring a scratch checkout of %s\n", dir, s.Commit[:12])
	} else {
		fmt.Fprintf(stderr, "relevance: %s is at %s, not the pinned %s; measuring a scratch checkout\n", dir, head[:12], s.Commit[:12])
	}
	if _, err := git(dir, "cat-file", "-e", s.Commit+"^{commit}"); err != nil {
		return "", fmt.Errorf("%s: pinned commit %s is not in %s (fetch it, or clone again from the mirror)", s.Name, s.Commit, dir)
	}
	scratch := filepath.Join(o.scratch, s.Name)
	if h, err := git(scratch, "rev-parse", "HEAD"); err == nil && h == s.Commit {
		return scratch, nil
	}
	os.RemoveAll(scratch)
	if err := os.MkdirAll(o.scratch, 0o755); err != nil {
		return "", err
	}
	if _, err := git(o.scratch, "clone", "-q", "--shared", "--no-checkout", dir, scratch); err != nil {
		return "", err
	}
	// Snapshots may lack large blobs (media, archives); leave them out of the
	// checkout instead of failing on them.
	missing, err := missingBlobs(scratch, s.Commit)
	if err != nil {
		return "", err
	}
	if len(missing) > 0 {
		patterns := "/*\n"
		for _, m := range missing {
			patterns += "!/" + m + "\n"
		}
		if _, err := git(scratch, "sparse-checkout", "init", "--no-cone"); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(scratch, ".git", "info", "sparse-checkout"), []byte(patterns), 0o644); err != nil {
			return "", err
		}
	}
	if _, err := git(scratch, "checkout", "-q", "--detach", s.Commit); err != nil {
		return "", err
	}
	return scratch, nil
}

func missingBlobs(dir, commit string) ([]string, error) {
	tree, err := git(dir, "ls-tree", "-r", "-z", commit)
	if err != nil {
		return nil, err
	}
	var objs, paths []string
	for _, e := range strings.Split(tree, "\x00") {
		meta, p, ok := strings.Cut(e, "\t")
		if f := strings.Fields(meta); ok && len(f) == 3 && f[1] == "blob" {
			objs = append(objs, f[2])
			paths = append(paths, p)
		}
	}
	cmd := exec.Command("git", "-C", dir, "cat-file", "--batch-check=%(objectname)")
	cmd.Stdin = strings.NewReader(strings.Join(objs, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git cat-file in %s: %w", dir, err)
	}
	var missing []string
	for i, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if strings.HasSuffix(line, " missing") && i < len(paths) {
			missing = append(missing, paths[i])
		}
	}
	return missing, nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s in %s: %v: %s", strings.Join(args, " "), dir, err, strings.TrimSpace(errb.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// exploreResult is the part of explore's JSON the benchmark reads. A result
// may be a folder (a module) if explore grows those: a path ending in "/",
// or a kind/type naming a module, folder or directory.
type exploreResult struct {
	Results []struct {
		Path string `json:"path"`
		Kind string `json:"kind"`
		Type string `json:"type"`
	} `json:"results"`
}

type ranking struct {
	Rank int      `json:"rank"` // 1-based rank of the first relevant result; 0 when none in the top 10
	Top  []string `json:"top"`  // the top results as returned (folders end in "/")
}

type conceptResult struct {
	Concept  string   `json:"concept"`
	Relevant []string `json:"relevant"`
	Classes  []string `json:"classes"` // hard classes (classes.tsv, plus computed "named" and "folder")
	Explore  ranking  `json:"explore"`
	FileName ranking  `json:"filename"`
	Grep     ranking  `json:"grep"`
}

type scores struct {
	N    int     `json:"n"`
	Top1 float64 `json:"top1"`
	Top3 float64 `json:"top3"`
	MRR  float64 `json:"mrr"`
}

type summary struct {
	Explore  scores `json:"explore"`
	FileName scores `json:"filename"`
	Grep     scores `json:"grep"`
	// Behind lists the concepts where the file-name baseline is right first
	// and explore is not: the "never behind" target.
	Behind []string `json:"behind"` // never null
}

type repoResult struct {
	Name     string          `json:"name"`
	GitHub   string          `json:"github"`
	Commit   string          `json:"commit"`
	Root     string          `json:"root"`
	Files    int             `json:"files"`
	Concepts []conceptResult `json:"concepts"`
	Summary  summary         `json:"summary"`
}

type report struct {
	Generated string             `json:"generated"`
	Limit     int                `json:"limit"`
	Repos     []repoResult       `json:"repos"`
	Overall   summary            `json:"overall"`
	Classes   map[string]summary `json:"classes"` // over all repositories, by hard class
}

func measureRepo(o options, s repoSpec, root string, concepts []concept, classes map[string][]string, stderr io.Writer) (repoResult, error) {
	rr := repoResult{Name: s.Name, GitHub: s.GitHub, Commit: s.Commit, Root: root}
	out, err := runHandbook(o.handbook, "explore", "--files", "--root", root)
	if err != nil {
		return rr, err
	}
	files := strings.Split(strings.TrimSpace(string(out)), "\n")
	rr.Files = len(files)
	var allWords []string
	for _, c := range concepts {
		for _, w := range conceptWords(c.Name) {
			if !contains(allWords, w) {
				allWords = append(allWords, w)
			}
		}
	}
	fmt.Fprintf(stderr, "relevance: %s: %d files, %d concepts\n", s.Name, len(files), len(concepts))
	grep, err := buildGrepIndex(root, files, allWords)
	if err != nil {
		return rr, err
	}
	for _, c := range concepts {
		words := conceptWords(c.Name)
		cr := conceptResult{Concept: c.Name, Relevant: c.Relevant, Explore: ranking{Top: []string{}},
			Classes: conceptClasses(c, classes[s.Name+"/"+c.Name])}
		cr.FileName = rankFiles(rankByFileName(files, words, limit), c.Relevant)
		cr.Grep = rankFiles(grep.rank(words, limit), c.Relevant)
		out, err := runHandbook(o.handbook, "explore", c.Name, "--format", "json", "--limit", fmt.Sprint(limit), "--root", root)
		if err != nil {
			return rr, fmt.Errorf("explore %s: %w", c.Name, err)
		}
		var er exploreResult
		if err := json.Unmarshal(out, &er); err != nil {
			return rr, fmt.Errorf("explore %s: reading its JSON: %w", c.Name, err)
		}
		for i, r := range er.Results {
			if i == limit {
				break
			}
			folder := strings.HasSuffix(r.Path, "/") || isFolderKind(r.Kind) || isFolderKind(r.Type)
			p := r.Path
			if folder && !strings.HasSuffix(p, "/") {
				p += "/"
			}
			cr.Explore.Top = append(cr.Explore.Top, p)
			if cr.Explore.Rank == 0 && ((folder && relevantFolder(p, c.Relevant)) || (!folder && relevantFile(p, c.Relevant))) {
				cr.Explore.Rank = i + 1
			}
		}
		rr.Concepts = append(rr.Concepts, cr)
	}
	rr.Summary = summarise([]repoResult{rr}, false)
	return rr, nil
}

// summariseClasses scores each hard class over all repositories.
func summariseClasses(repos []repoResult) map[string]summary {
	byClass := map[string][]repoResult{}
	for _, r := range repos {
		for _, c := range r.Concepts {
			for _, cl := range c.Classes {
				rs := byClass[cl]
				if len(rs) == 0 || rs[len(rs)-1].Name != r.Name {
					rs = append(rs, repoResult{Name: r.Name})
				}
				rs[len(rs)-1].Concepts = append(rs[len(rs)-1].Concepts, c)
				byClass[cl] = rs
			}
		}
	}
	out := map[string]summary{}
	for cl, rs := range byClass {
		out[cl] = summarise(rs, true)
	}
	return out
}

func isFolderKind(k string) bool {
	switch strings.ToLower(k) {
	case "module", "folder", "dir", "directory", "package":
		return true
	}
	return false
}

func rankFiles(top []string, relevant []string) ranking {
	r := ranking{Top: append([]string{}, top...)} // [] rather than null in the JSON
	for i, p := range top {
		if relevantFile(p, relevant) {
			r.Rank = i + 1
			break
		}
	}
	return r
}

func runHandbook(bin string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "CI=1")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v: %s", bin, strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out, nil
}

// summarise scores the concepts of repos; qualify names the repository of
// each concept in Behind.
func summarise(repos []repoResult, qualify bool) summary {
	s := summary{Behind: []string{}}
	var e, f, g []int
	for _, r := range repos {
		for _, c := range r.Concepts {
			e = append(e, c.Explore.Rank)
			f = append(f, c.FileName.Rank)
			g = append(g, c.Grep.Rank)
			if c.FileName.Rank == 1 && c.Explore.Rank != 1 {
				name := c.Concept
				if qualify {
					name = r.Name + "/" + name
				}
				s.Behind = append(s.Behind, name)
			}
		}
	}
	s.Explore, s.FileName, s.Grep = score(e), score(f), score(g)
	return s
}

func score(ranks []int) scores {
	s := scores{N: len(ranks)}
	if s.N == 0 {
		return s
	}
	for _, r := range ranks {
		if r == 1 {
			s.Top1++
		}
		if r >= 1 && r <= 3 {
			s.Top3++
		}
		if r >= 1 {
			s.MRR += 1 / float64(r)
		}
	}
	n := float64(s.N)
	s.Top1, s.Top3, s.MRR = s.Top1/n, s.Top3/n, s.MRR/n
	return s
}

func printReport(w io.Writer, rep report) {
	for _, r := range rep.Repos {
		fmt.Fprintf(w, "== %s (%s @ %s, %d files)\n", r.Name, r.GitHub, r.Commit[:12], r.Files)
		fmt.Fprintf(w, "%-30s %7s %8s %5s  %s\n", "concept", "explore", "filename", "grep", "explore's first result")
		for _, c := range r.Concepts {
			first := "-"
			if len(c.Explore.Top) > 0 {
				first = c.Explore.Top[0]
			}
			fmt.Fprintf(w, "%-30s %7s %8s %5s  %s\n", c.Concept, rankText(c.Explore.Rank), rankText(c.FileName.Rank), rankText(c.Grep.Rank), first)
		}
		printSummary(w, r.Name, r.Summary)
		fmt.Fprintln(w)
	}
	printSummary(w, fmt.Sprintf("overall (%d repositories)", len(rep.Repos)), rep.Overall)
	var names []string
	for n := range rep.Classes {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > 0 {
		fmt.Fprintf(w, "\nby hard class (classes.tsv; a concept may be in several):\n")
	}
	for _, n := range names {
		c := rep.Classes[n]
		fmt.Fprintf(w, "  %-11s %3d concepts  explore top-1 %.2f top-3 %.2f MRR %.2f   filename MRR %.2f   grep MRR %.2f   behind %d\n",
			n, c.Explore.N, c.Explore.Top1, c.Explore.Top3, c.Explore.MRR, c.FileName.MRR, c.Grep.MRR, len(c.Behind))
	}
	if len(rep.Overall.Behind) > 0 {
		fmt.Fprintf(w, "\nexplore behind the file-name baseline where it is right first (%d):\n", len(rep.Overall.Behind))
		byName := map[string]conceptResult{}
		for _, r := range rep.Repos {
			for _, c := range r.Concepts {
				byName[r.Name+"/"+c.Concept] = c
				if len(rep.Repos) == 1 {
					byName[c.Concept] = c
				}
			}
		}
		names := append([]string(nil), rep.Overall.Behind...)
		sort.Strings(names)
		for _, n := range names {
			c := byName[n]
			fmt.Fprintf(w, "  %-40s explore rank %-3s file-name first: %s\n", n, rankText(c.Explore.Rank), c.FileName.Top[0])
		}
	}
}

func printSummary(w io.Writer, title string, s summary) {
	fmt.Fprintf(w, "%s: %d concepts\n", title, s.Explore.N)
	fmt.Fprintf(w, "  %-10s %6s %6s %6s\n", "", "top-1", "top-3", "MRR")
	for _, row := range []struct {
		name string
		s    scores
	}{{"explore", s.Explore}, {"filename", s.FileName}, {"grep", s.Grep}} {
		fmt.Fprintf(w, "  %-10s %6.2f %6.2f %6.2f\n", row.name, row.s.Top1, row.s.Top3, row.s.MRR)
	}
	fmt.Fprintf(w, "  explore behind file-name-first: %d\n", len(s.Behind))
}

func rankText(r int) string {
	if r == 0 {
		return "-"
	}
	return fmt.Sprint(r)
}
