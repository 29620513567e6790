package main

import (
	"bufio"
	"fmt"
	"os"
	"path"
	"strings"
)

// A repoSpec is one line of repos.tsv: the short name (the folder under the
// repositories directory and the truth file's name), the GitHub repository,
// and the commit the ground truth was written against.
type repoSpec struct {
	Name, GitHub, Commit string
}

// A concept is one ground-truth line: the concept as a team would name its
// entry, and the files or folders (ending in "/") that define it.
type concept struct {
	Name     string
	Relevant []string
}

func readRepos(file string) ([]repoSpec, error) {
	rows, err := readTSV(file)
	if err != nil {
		return nil, err
	}
	var out []repoSpec
	for _, r := range rows {
		if len(r.fields) != 3 {
			return nil, fmt.Errorf("%s:%d: want name, owner/repo and commit, got %d fields", file, r.line, len(r.fields))
		}
		out = append(out, repoSpec{r.fields[0], r.fields[1], r.fields[2]})
	}
	return out, nil
}

func readTruth(file string) ([]concept, error) {
	rows, err := readTSV(file)
	if err != nil {
		return nil, err
	}
	var out []concept
	seen := map[string]bool{}
	for _, r := range rows {
		if len(r.fields) < 2 || len(r.fields) > 4 {
			return nil, fmt.Errorf("%s:%d: want a concept and 1 to 3 paths, got %d fields", file, r.line, len(r.fields))
		}
		if seen[r.fields[0]] {
			return nil, fmt.Errorf("%s:%d: concept %q listed twice", file, r.line, r.fields[0])
		}
		seen[r.fields[0]] = true
		out = append(out, concept{Name: r.fields[0], Relevant: r.fields[1:]})
	}
	return out, nil
}

type tsvRow struct {
	line   int
	fields []string
}

// readTSV reads tab-separated rows, skipping blank lines and # comments.
func readTSV(file string) ([]tsvRow, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []tsvRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var fields []string
		for _, f := range strings.Split(line, "\t") {
			if f = strings.TrimSpace(f); f != "" {
				fields = append(fields, f)
			}
		}
		rows = append(rows, tsvRow{n, fields})
	}
	return rows, sc.Err()
}

// relevantFile reports whether a file result is one of the relevant paths or
// lies under a relevant folder.
func relevantFile(p string, relevant []string) bool {
	for _, r := range relevant {
		if strings.HasSuffix(r, "/") {
			if strings.HasPrefix(p, r) {
				return true
			}
		} else if p == r {
			return true
		}
	}
	return false
}

// relevantFolder reports whether a folder result (a module) is credited: it
// is a relevant folder or lies under one, or it is the folder that directly
// holds a relevant file (the module that file belongs to). A folder higher
// up, which would hold half the repository, is not.
func relevantFolder(dir string, relevant []string) bool {
	dir = strings.TrimSuffix(dir, "/") + "/"
	for _, r := range relevant {
		if strings.HasSuffix(r, "/") {
			if strings.HasPrefix(dir, r) {
				return true
			}
		} else if path.Dir(r)+"/" == dir {
			return true
		}
	}
	return false
}

// classTable is classes.tsv: hand-tagged hard classes per repo/concept, and
// the rows not yet matched to a concept (so a typo does not go unnoticed).
type classTable struct {
	byConcept map[string][]string
	unused    map[string]int // repo/concept -> line
}

func readClasses(file string) (classTable, error) {
	t := classTable{byConcept: map[string][]string{}, unused: map[string]int{}}
	rows, err := readTSV(file)
	if os.IsNotExist(err) {
		return t, nil
	}
	if err != nil {
		return t, err
	}
	for _, r := range rows {
		if len(r.fields) < 2 || !strings.Contains(r.fields[0], "/") {
			return t, fmt.Errorf("%s:%d: want repo/concept and at least one class", file, r.line)
		}
		t.byConcept[r.fields[0]] = append(t.byConcept[r.fields[0]], r.fields[1:]...)
		t.unused[r.fields[0]] = r.line
	}
	return t, nil
}

// conceptClasses adds the computed classes to the tagged ones: "folder" when
// a relevant path is a folder, "named" when a relevant file's or folder's own
// name holds every word of the concept (rate_limit.py, license_key/).
func conceptClasses(c concept, tagged []string) []string {
	out := append([]string{}, tagged...)
	words := conceptWords(c.Name)
	folder, named := false, false
	for _, r := range c.Relevant {
		name := path.Base(strings.TrimSuffix(r, "/"))
		if strings.HasSuffix(r, "/") {
			folder = true
		} else if ext := path.Ext(name); ext != "" && ext != name {
			name = strings.TrimSuffix(name, ext)
		}
		toks := stemAll(splitWords(name))
		all := true
		for _, w := range words {
			all = all && contains(toks, w)
		}
		named = named || all
	}
	if folder {
		out = append(out, "folder")
	}
	if named {
		out = append(out, "named")
	}
	return out
}
