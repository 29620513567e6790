package githistory

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// treesPrefix names the temporary folders of the tree pairs drift diffs
// (startPairs): treesPrefix + the process id + "-" + random.
const treesPrefix = "handbook-trees-"

// staleAfter is how old a trees folder must be before a later run may take
// it for the leftover of a killed one. A run with drift is bounded far
// below it, and a process id seen as dead may belong to another PID
// namespace sharing the temporary folder: the age keeps its live folder.
const staleAfter = time.Hour

// treesDir makes this run's trees folder, after removing those that runs
// killed before they could (SIGKILL, a power cut) left in tmp.
func treesDir(tmp string) (string, error) {
	sweepTrees(tmp, time.Now())
	return os.MkdirTemp(tmp, treesPrefix+strconv.Itoa(os.Getpid())+"-")
}

// sweepTrees removes the trees folders in tmp older than staleAfter whose
// process is gone. Failures are ignored: another user's folder, or one
// another run removes at the same time.
func sweepTrees(tmp string, now time.Time) {
	if tmp == "" {
		tmp = os.TempDir()
	}
	names, _ := filepath.Glob(filepath.Join(tmp, treesPrefix+"*"))
	for _, p := range names {
		rest := strings.TrimPrefix(filepath.Base(p), treesPrefix)
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 {
			continue // not ours to judge
		}
		fi, err := os.Lstat(p)
		if err != nil || !fi.IsDir() || now.Sub(fi.ModTime()) < staleAfter || processAlive(pid) {
			continue
		}
		os.RemoveAll(p)
	}
}
