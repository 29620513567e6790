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
python3 "$repo/bench/paired.py" --rounds "$runs" "old=.=$work/old lint" "new=.=$work/new lint"
