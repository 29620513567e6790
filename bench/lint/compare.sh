#!/usr/bin/env bash
# Compare two builds of handbook on the lint benchmark's entries, in paired
# rounds (each round runs both, the order alternating, so load from other
# processes on a shared machine hits both alike). Prints the median CPU
# (user+sys) and wall time of each and the median per-round ratio new/old.
# A step's gain is measured this way; run.sh measures the ratio to
# markdownlint-cli2.
#
#   bash bench/lint/compare.sh OLD_REF [NEW_REF]   # git revisions; NEW_REF defaults to the work tree
#   RUNS=40 N=1000 bash bench/lint/compare.sh main
#
# Needs go and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
old=${1:?usage: compare.sh OLD_REF [NEW_REF]}
new=${2:-}
n=${N:-1000}
runs=${RUNS:-30}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/handbook-lint-compare}
mkdir -p "$work"
build() { # ref out
	if [ -z "$1" ]; then
		(cd "$repo" && CGO_ENABLED=0 go build -o "$2" ./cmd/handbook)
		return
	fi
	rm -rf "$work/src" && mkdir -p "$work/src"
	git -C "$repo" archive "$1" | tar -x -C "$work/src"
	(cd "$work/src" && CGO_ENABLED=0 go build -o "$2" ./cmd/handbook)
}
build "$old" "$work/old"
build "$new" "$work/new"
(cd "$repo" && go run ./bench/lint/gen -n "$n" -out "$work/repo")
cd "$work/repo"
python3 - "$runs" "$work/old" "$work/new" <<'PY'
import os, statistics, subprocess, sys, time
runs, bins = int(sys.argv[1]), sys.argv[2:]
cpu = {b: [] for b in bins}
wall = {b: [] for b in bins}
for b in bins:  # warm up
    subprocess.run([b, "lint"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for r in range(runs):
    for b in (bins if r % 2 == 0 else bins[::-1]):
        t0 = time.perf_counter()
        p = subprocess.Popen([b, "lint"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        wall[b].append(time.perf_counter() - t0)
        cpu[b].append(ru.ru_utime + ru.ru_stime)
for b in bins:
    print(f"{os.path.basename(b)}: median CPU {statistics.median(cpu[b])*1000:.1f} ms, wall {statistics.median(wall[b])*1000:.1f} ms")
o, n = bins
print(f"new/old, median of {runs} paired rounds: CPU {statistics.median(a / b for a, b in zip(cpu[n], cpu[o])):.3f}, wall {statistics.median(a / b for a, b in zip(wall[n], wall[o])):.3f}; load average {os.getloadavg()[0]:.1f}")
PY
