package walk

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	const cfg = `# comment
[core]
	bare = false
	excludesFile = "~/my ignore" ; trailing comment
[Core]
	ExcludesFile = /abs/x # later wins
[core "sub"]
	excludesFile = /not/this
[remote "origin"]
	url = x
[extensions]
	objectFormat = sha256
[core] excludesfile = "a\"b\\c"
	flag
`
	var got []string
	parseConfig([]byte(cfg), func(section, key, value string) {
		got = append(got, section+"."+key+"="+value)
	})
	want := []string{
		"core.bare=false",
		"core.excludesfile=~/my ignore",
		"core.excludesfile=/abs/x",
		".excludesfile=/not/this",
		".url=x",
		"extensions.objectformat=sha256",
		`core.excludesfile=a"b\c`,
		"core.flag=true",
	}
	if !slices.Equal(got, want) {
		t.Errorf("parseConfig:\n got %q\nwant %q", got, want)
	}
}

func TestReadConfigsPrecedence(t *testing.T) {
	home := t.TempDir()
	common := filepath.Join(home, "repo", ".git")
	writeFile(t, filepath.Join(home, ".gitconfig"), "[core]\nexcludesFile = ~/global\n")
	env := map[string]string{"HOME": home, "GIT_CONFIG_NOSYSTEM": "1"}
	getenv := func(k string) string { return env[k] }
	if got := readConfigs(common, common, getenv).excludesFile; got != filepath.Join(home, "global") {
		t.Errorf("global: excludesFile = %q", got)
	}
	writeFile(t, filepath.Join(common, "config"), "[core]\nexcludesFile = /repo/wins\n")
	if got := readConfigs(common, common, getenv).excludesFile; got != "/repo/wins" {
		t.Errorf("repo over global: excludesFile = %q", got)
	}
	env["GIT_CONFIG_GLOBAL"] = filepath.Join(home, "elsewhere")
	writeFile(t, env["GIT_CONFIG_GLOBAL"], "[extensions]\nobjectformat = sha256\n")
	if got := readConfigs(common, common, getenv); got.objectFormat != "sha256" || got.excludesFile != "/repo/wins" {
		t.Errorf("GIT_CONFIG_GLOBAL: %+v", got)
	}
}

func TestDecodeVarint(t *testing.T) {
	// Values and encodings from git's varint.c rules.
	for _, c := range []struct {
		in   []byte
		want uint64
		n    int
	}{
		{[]byte{0}, 0, 1},
		{[]byte{127}, 127, 1},
		{[]byte{0x80, 0}, 128, 2},
		{[]byte{0x80, 0x7f}, 255, 2},
		{[]byte{0x81, 0}, 256, 2},
		{[]byte{0xff, 0x7f}, 16511, 2},
		{[]byte{0x80, 0x80, 0}, 16512, 3},
		{[]byte{0x80}, 0, 0}, // truncated
		{nil, 0, 0},
	} {
		v, n := decodeVarint(c.in)
		if v != c.want || n != c.n {
			t.Errorf("decodeVarint(%x) = %d, %d; want %d, %d", c.in, v, n, c.want, c.n)
		}
	}
}

func TestParseIndexRejectsBadInput(t *testing.T) {
	header := func(version, count byte) []byte {
		return []byte{'D', 'I', 'R', 'C', 0, 0, 0, version, 0, 0, 0, count}
	}
	for _, c := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "DIRC"},
		{"signature", []byte("DIRX\x00\x00\x00\x02\x00\x00\x00\x00"), "DIRC"},
		{"version", header(5, 0), "version 5"},
		{"truncated entry", append(header(2, 1), make([]byte, 30)...), "truncated"},
		{"missing name end", append(header(2, 1), make([]byte, 62)...), "truncated"},
		{"v4 strip too long", append(append(header(4, 1), make([]byte, 62)...), 5, 'a', 0), "prefix"},
	} {
		_, err := parseIndex(c.data, 20)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: err = %v, want one mentioning %q", c.name, err, c.msg)
		}
	}
	if idx, err := parseIndex(header(2, 0), 20); err != nil || len(idx.paths) != 0 {
		t.Errorf("empty index: %v, %v", idx, err)
	}
}

// FuzzParseIndex feeds mutated index files to the parser: it must return
// an error or an index, never panic or loop.
func FuzzParseIndex(f *testing.F) {
	for _, version := range []string{"2", "3", "4"} {
		if data := realIndex(f, version); data != nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		idx, err := parseIndex(data, 20)
		if err == nil {
			for _, p := range idx.paths {
				idx.tracked(p)
			}
		}
	})
}

// realIndex returns an index written by git in the given version, or nil
// when git is missing.
func realIndex(f *testing.F, version string) []byte {
	if _, err := exec.LookPath("git"); err != nil || testing.Short() {
		return nil
	}
	e := newTestEnv(f)
	top := f.TempDir()
	s := scenario{
		paths:        []string{"a", "dir/b c", "dir/sub/d.txt", "dir/sub/e.txt", "z"},
		tracked:      []string{"a", "dir/b c", "dir/sub/d.txt", "z"},
		intent:       []string{"dir/sub/e.txt"},
		indexVersion: version,
	}
	s.build(f, top)
	s.initRepo(f, e, top)
	data, err := os.ReadFile(filepath.Join(top, ".git", "index"))
	if err != nil {
		return nil
	}
	return data
}

// TestCorruptIndexIsNotFatal: a broken index is reported once and the walk
// goes on as if nothing were tracked.
func TestCorruptIndexIsNotFatal(t *testing.T) {
	requireGit(t)
	e := newTestEnv(t)
	top := t.TempDir()
	s := scenario{ignore: map[string]string{".gitignore": "*.log\n"}, paths: []string{"a.txt", "b.log"}, tracked: []string{"b.log"}}
	s.build(t, top)
	s.initRepo(t, e, top)
	writeFile(t, filepath.Join(top, ".git", "index"), "DIRC\x00\x00\x00\x09garbage")
	var reported []string
	var files []string
	st, err := Walk(top, Options{Getenv: e.getenv, OnError: func(p string, err error) {
		reported = append(reported, p)
	}}, func(f File) { files = append(files, f.Rel) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Unreadable != 1 || len(reported) != 1 || filepath.Base(reported[0]) != "index" {
		t.Errorf("Unreadable = %d, reported %q; want the index once", st.Unreadable, reported)
	}
	slices.Sort(files)
	if !slices.Equal(files, []string{".gitignore", "a.txt"}) {
		t.Errorf("files = %q", files)
	}
}
