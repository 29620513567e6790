package walk

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
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
	if got := readConfigs(common, common, getenv, func(string, bool) {}).excludesFile; got != filepath.Join(home, "global") {
		t.Errorf("global: excludesFile = %q", got)
	}
	writeFile(t, filepath.Join(common, "config"), "[core]\nexcludesFile = /repo/wins\n")
	if got := readConfigs(common, common, getenv, func(string, bool) {}).excludesFile; got != "/repo/wins" {
		t.Errorf("repo over global: excludesFile = %q", got)
	}
	env["GIT_CONFIG_GLOBAL"] = filepath.Join(home, "elsewhere")
	writeFile(t, env["GIT_CONFIG_GLOBAL"], "[extensions]\nobjectformat = sha256\n")
	if got := readConfigs(common, common, getenv, func(string, bool) {}); got.objectFormat != "sha256" || got.excludesFile != "/repo/wins" {
		t.Errorf("GIT_CONFIG_GLOBAL: %+v", got)
	}
}

func TestReadVarint(t *testing.T) {
	// Values and encodings from git's varint.c rules.
	for _, c := range []struct {
		in   []byte
		want uint64
		ok   bool
	}{
		{[]byte{0}, 0, true},
		{[]byte{127}, 127, true},
		{[]byte{0x80, 0}, 128, true},
		{[]byte{0x80, 0x7f}, 255, true},
		{[]byte{0x81, 0}, 256, true},
		{[]byte{0xff, 0x7f}, 16511, true},
		{[]byte{0x80, 0x80, 0}, 16512, true},
		{[]byte{0x80}, 0, false}, // truncated
		{nil, 0, false},
		{bytes.Repeat([]byte{0xff}, 12), 0, false}, // overflows
	} {
		v, err := readVarint(bufio.NewReader(bytes.NewReader(c.in)))
		if v != c.want || (err == nil) != c.ok {
			t.Errorf("readVarint(%x) = %d, %v; want %d, ok %v", c.in, v, err, c.want, c.ok)
		}
	}
}

// TestIndexLookups: the hashed index answers for the paths git wrote, the
// folders above them and nothing else, in every index version.
func TestIndexLookups(t *testing.T) {
	requireGit(t)
	for _, version := range []string{"2", "3", "4"} {
		data := realIndex(t, version)
		if data == nil {
			t.Skip("short mode")
		}
		idx, err := parseIndex(data, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"a", "dir/b c", "dir/sub/d.txt", "dir/sub/e.txt", "z"} {
			if !idx.tracked(p) {
				t.Errorf("v%s: %s not tracked", version, p)
			}
		}
		for _, p := range []string{"dir", "dir/sub", "dir/sub/d", "di", "b c", ""} {
			if idx.tracked(p) {
				t.Errorf("v%s: %q tracked", version, p)
			}
		}
		for _, d := range []string{"dir", "dir/sub"} {
			if !idx.hasTrackedUnder(d) {
				t.Errorf("v%s: nothing tracked under %s", version, d)
			}
		}
		for _, d := range []string{"di", "dir/su", "a", "dir/b c", "dir/sub/d.txt", ""} {
			if idx.hasTrackedUnder(d) {
				t.Errorf("v%s: something tracked under %q", version, d)
			}
		}
	}
}

// TestIndexFoldersOfEveryPath: every folder above a tracked path holds
// tracked files, whatever the order of files and folders in the index
// (a file after its folder's subfolders, folders sharing a prefix), and
// no other prefix does.
func TestIndexFoldersOfEveryPath(t *testing.T) {
	requireGit(t)
	if testing.Short() {
		t.Skip("short mode")
	}
	paths := []string{"a/b/c/x", "a/b/c/y", "a/b/y", "a/b/z", "a/b-c/d", "a/b.c/e", "a/bc/f", "a/x", "ab/c", "b", "c/d/e/f/g", "c/d/h", "c/i"}
	for _, version := range []string{"2", "4"} {
		e := newTestEnv(t)
		top := t.TempDir()
		s := scenario{paths: paths, tracked: paths, indexVersion: version}
		s.build(t, top)
		s.initRepo(t, e, top)
		data, err := os.ReadFile(filepath.Join(top, ".git", "index"))
		if err != nil {
			t.Fatal(err)
		}
		idx, err := parseIndex(data, 20)
		if err != nil {
			t.Fatal(err)
		}
		folders := map[string]bool{}
		for _, p := range paths {
			for i := range len(p) {
				if p[i] == '/' {
					folders[p[:i]] = true
				}
			}
		}
		for d := range folders {
			if !idx.hasTrackedUnder(d) {
				t.Errorf("v%s: nothing tracked under %s", version, d)
			}
		}
		for _, d := range []string{"a/b/c/x", "a/b-", "a/b.", "a/bc/f", "c/d/e/f/g", "c/d/e/", "", "x"} {
			if idx.hasTrackedUnder(d) {
				t.Errorf("v%s: something tracked under %q", version, d)
			}
		}
		if len(idx.dirs) != len(folders) {
			t.Errorf("v%s: %d folder hashes for %d folders", version, len(idx.dirs), len(folders))
		}
		// Each folder's first path: the first (in git's order) right in
		// it, else the first further down.
		sorted := slices.Clone(paths)
		slices.Sort(sorted)
		for d := range folders {
			want := ""
			for _, p := range sorted {
				if rest, ok := strings.CutPrefix(p, d+"/"); ok && (want == "" || !strings.Contains(rest, "/") && strings.Contains(want[len(d)+1:], "/")) {
					want = p
				}
			}
			if got, ok := idx.firstBelow(d); !ok || got != want {
				t.Errorf("v%s: firstBelow(%s) = %q, %v; want %q", version, d, got, ok, want)
			}
		}
		for _, d := range []string{"a/b/c/x", "a/b-", "a/b.", "c/d/e/", "", "x", "b"} {
			if got, ok := idx.firstBelow(d); ok {
				t.Errorf("v%s: firstBelow(%q) = %q", version, d, got)
			}
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
	if idx, err := parseIndex(header(2, 0), 20); err != nil || idx.entries != 0 {
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
			idx.tracked("a")
			idx.hasTrackedUnder("dir")
		}
	})
}

// realIndex returns an index written by git in the given version, or nil
// when git is missing.
func realIndex(f testing.TB, version string) []byte {
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

// TestSortHashes: the bucket sort of the index's hashes orders like
// slices.Sort, repeats included, on either side of the size where it
// takes over.
func TestSortHashes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 255, 256, 257, 1000, 5000, 65537} {
		a := make([]uint64, n)
		for i := range a {
			a[i] = r.Uint64()
			if i%7 == 0 && i > 0 {
				a[i] = a[i-1]
			}
		}
		a = append(a, 0, math.MaxUint64, math.MaxUint64)
		want := slices.Clone(a)
		slices.Sort(want)
		sortHashes(a)
		if !slices.Equal(a, want) {
			t.Fatalf("%d hashes: not sorted as slices.Sort sorts them", n)
		}
	}
}

// TestIndexReadInPieces: the index reader takes its entries from a buffer
// it refills: read a byte or half a buffer at a time, or with a path longer
// than its buffer, the index says the same.
func TestIndexReadInPieces(t *testing.T) {
	requireGit(t)
	for _, version := range []string{"2", "3", "4"} {
		data := realIndex(t, version)
		if data == nil {
			t.Skip("short mode")
		}
		want, err := parseIndex(data, 20)
		if err != nil {
			t.Fatal(err)
		}
		for name, r := range map[string]io.Reader{
			"one byte": iotest.OneByteReader(bytes.NewReader(data)),
			"halves":   iotest.HalfReader(bytes.NewReader(data)),
			"EOF with": iotest.DataErrReader(bytes.NewReader(data)),
		} {
			got, err := readIndex(r, 20, nil, true)
			if err != nil {
				t.Fatalf("v%s, %s: %v", version, name, err)
			}
			for _, p := range []string{"a", "dir/b c", "dir/sub/d.txt", "dir/sub/e.txt", "z"} {
				if got.tracked(p) != want.tracked(p) || !got.tracked(p) {
					t.Errorf("v%s, %s: %s tracked %v", version, name, p, got.tracked(p))
				}
			}
			if f, _ := got.firstBelow("dir"); f != "dir/b c" {
				t.Errorf("v%s, %s: firstBelow(dir) = %q", version, name, f)
			}
			if got.entries != want.entries {
				t.Errorf("v%s, %s: %d entries, want %d", version, name, got.entries, want.entries)
			}
		}
		if _, err := readIndex(bytes.NewReader(data[:len(data)/2]), 20, nil, true); err == nil {
			t.Errorf("v%s: half an index read without an error", version)
		}
	}
	// One entry (version 2) whose path is longer than the reader's buffer.
	long := strings.Repeat("deep/", 8000) + "file"
	entry := make([]byte, 62, 62+len(long)+8)
	binary.BigEndian.PutUint32(entry[24:28], 0o100644)
	binary.BigEndian.PutUint16(entry[60:62], 0xfff) // the length, too long to say
	entry = append(entry, long...)
	entry = append(entry, make([]byte, 8-(len(entry)%8))...)
	data := append([]byte{'D', 'I', 'R', 'C', 0, 0, 0, 2, 0, 0, 0, 1}, entry...)
	idx, err := readIndex(iotest.HalfReader(bytes.NewReader(data)), 20, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if !idx.tracked(long) || !idx.hasTrackedUnder(strings.Repeat("deep/", 7999)+"deep") {
		t.Errorf("the long path is not read whole")
	}
}
