//go:build linux

package walk

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// inputState is what a caller keeping a walk's result compares: found or
// not, and the stat data (symlinks followed).
type inputState struct {
	found                          bool
	dev, ino, mode, size           uint64
	mtime, ctime                   int64
	mtimeNsec, ctimeNsec, uid, gid int64
}

func stateOf(abs string) inputState {
	var st syscall.Stat_t
	if err := syscall.Stat(abs, &st); err != nil {
		return inputState{}
	}
	return inputState{found: true, dev: uint64(st.Dev), ino: st.Ino, mode: uint64(st.Mode), size: uint64(st.Size),
		mtime: st.Mtim.Sec, mtimeNsec: st.Mtim.Nsec, ctime: st.Ctim.Sec, ctimeNsec: st.Ctim.Nsec, uid: int64(st.Uid), gid: int64(st.Gid)}
}

// walkInputs walks root and returns the files it yields and the inputs it
// reported with their state right after the walk; trusted is false when
// it reported "".
func walkInputs(t *testing.T, e *testEnv, root string) (files []string, inputs map[string]inputState, trusted bool) {
	t.Helper()
	var mu sync.Mutex
	found := map[string]bool{}
	trusted = true
	_, err := Walk(root, Options{Getenv: e.getenv, Inputs: func(abs string, ok bool) {
		mu.Lock()
		defer mu.Unlock()
		if abs == "" {
			trusted = false
			return
		}
		found[abs] = ok
	}}, func(f File) {
		mu.Lock()
		defer mu.Unlock()
		files = append(files, f.Rel)
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	inputs = map[string]inputState{}
	for abs, ok := range found {
		st := stateOf(abs)
		if st.found != ok {
			t.Fatalf("%s: the walk found it %v, stat %v", abs, ok, st.found)
		}
		inputs[abs] = st
	}
	return files, inputs, trusted
}

// TestInputsVouchForTheListing changes random trees as users do (files
// and folders added, removed or renamed, ignore files, info/exclude, the
// global excludes file and configuration, the index) and checks the
// promise of Options.Inputs: whenever what the walk yields changed, one of
// the inputs the first walk reported has other stat data, or appeared or
// went.
func TestInputsVouchForTheListing(t *testing.T) {
	requireGit(t)
	rounds := 50
	if testing.Short() {
		rounds = 20
	}
	changed := 0
	for seed := uint64(1); seed <= uint64(rounds); seed++ {
		s := randomScenario(seed)
		e := newTestEnv(t)
		top := filepath.Join(t.TempDir(), "repo")
		if err := os.MkdirAll(top, 0o755); err != nil {
			t.Fatal(err)
		}
		s.build(t, top)
		s.initRepo(t, e, top)
		r := rand.New(rand.NewPCG(seed, 0x1a9))
		before, inputs, trusted := walkInputs(t, e, top)
		if !trusted {
			continue
		}
		// Stat times are coarse: the changes must fall in a later tick than
		// the stat data kept (callers wait cacheSettle for that).
		time.Sleep(15 * time.Millisecond)
		did := mutate(t, e, r, top, before)
		after, _, _ := walkInputs(t, e, top)
		if slices.Equal(before, after) {
			continue
		}
		changed++
		stale := true
		for abs, st := range inputs {
			if stateOf(abs) != st {
				stale = false
				break
			}
		}
		if stale {
			t.Errorf("seed %d: after %s the walk yields other files, but every input is as it was:\n%s\ninputs: %q",
				seed, did, diffLists(before, after), slices.Sorted(func(yield func(string) bool) {
					for k := range inputs {
						if !yield(k) {
							return
						}
					}
				}))
		}
	}
	if changed < rounds/3 {
		t.Errorf("only %d of %d rounds changed what the walk yields: the test tests little", changed, rounds)
	}
}

// mutate makes one to three random changes to the tree at top (whose walk
// yielded files) and says what they were.
func mutate(t *testing.T, e *testEnv, r *rand.Rand, top string, files []string) string {
	var dirs []string
	seen := map[string]bool{"": true}
	dirs = append(dirs, "")
	for _, f := range files {
		for d := filepath.Dir(f); d != "." && !seen[d]; d = filepath.Dir(d) {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	name := func() string { return randNames[r.IntN(len(randNames))] }
	patterns := func() string {
		var lines []string
		for i, n := 0, 1+r.IntN(3); i < n; i++ {
			lines = append(lines, randomPattern(r))
		}
		return strings.Join(lines, "\n") + "\n"
	}
	var did []string
	for i, n := 0, 1+r.IntN(3); i < n; i++ {
		switch k := r.IntN(12); k {
		case 0: // a new file
			p := filepath.Join(pick(dirs), name()+"-new")
			writeFile(t, filepath.Join(top, p), "new\n")
			did = append(did, "new file "+p)
		case 1: // a file removed
			if len(files) > 0 {
				p := pick(files)
				os.Remove(filepath.Join(top, p))
				did = append(did, "removed "+p)
			}
		case 2: // a file renamed
			if len(files) > 0 {
				p := pick(files)
				q := filepath.Join(pick(dirs), name()+"-moved")
				os.Rename(filepath.Join(top, p), filepath.Join(top, q))
				did = append(did, "renamed "+p+" to "+q)
			}
		case 3: // an ignore file written (new or changed)
			p := filepath.Join(pick(dirs), ".gitignore")
			writeFile(t, filepath.Join(top, p), patterns())
			did = append(did, "wrote "+p)
		case 4: // an ignore file removed
			p := filepath.Join(pick(dirs), ".gitignore")
			os.Remove(filepath.Join(top, p))
			did = append(did, "removed "+p)
		case 5:
			writeFile(t, filepath.Join(top, ".git", "info", "exclude"), patterns())
			did = append(did, "wrote info/exclude")
		case 6: // git's default global excludes file
			writeFile(t, filepath.Join(e.home, ".config", "git", "ignore"), patterns())
			did = append(did, "wrote the global excludes file")
		case 7: // core.excludesFile set in the global configuration
			writeFile(t, filepath.Join(e.home, "global-excludes"), patterns())
			writeFile(t, filepath.Join(e.home, "gitconfig"), "[core]\n\texcludesFile = ~/global-excludes\n")
			did = append(did, "set core.excludesFile")
		case 8: // an ignored file tracked (or any, when none is)
			var all, ignored []string
			filepath.WalkDir(top, func(p string, d os.DirEntry, err error) error {
				if d != nil && d.Name() == ".git" {
					return filepath.SkipDir
				}
				if err == nil && d.Type().IsRegular() {
					all = append(all, p)
					if rel, _ := filepath.Rel(top, p); !slices.Contains(files, filepath.ToSlash(rel)) {
						ignored = append(ignored, p)
					}
				}
				return nil
			})
			if len(ignored) > 0 {
				all = ignored
			}
			if len(all) > 0 {
				p := pick(all)
				e.git(t, top, "add", "-f", "--", p)
				did = append(did, "tracked "+p)
			}
		case 9: // a tracked file no longer tracked
			if tracked := strings.Fields(e.git(t, top, "ls-files")); len(tracked) > 0 {
				p := pick(tracked)
				e.git(t, top, "rm", "-q", "--cached", "--", p)
				did = append(did, "untracked "+p)
			}
		case 10: // a new folder with a file
			p := filepath.Join(pick(dirs), name()+"-dir", name())
			writeFile(t, filepath.Join(top, p), "new\n")
			did = append(did, "new folder "+p)
		case 11: // a file's content: nothing the walk yields
			if len(files) > 0 {
				p := pick(files)
				if f, err := os.OpenFile(filepath.Join(top, p), os.O_WRONLY|os.O_APPEND, 0); err == nil {
					fmt.Fprintln(f, "more")
					f.Close()
				}
				did = append(did, "edited "+p)
			}
		}
	}
	return strings.Join(did, ", ")
}
