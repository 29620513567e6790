#!/usr/bin/env bash
# Benchmark: the issue's size — 64 entries in a repository of 17,000
# commits — on polar (17,016 commits at the pin, 3,747 source files): the
# entries of gen/ (as run.sh writes them for celery) committed into polar's
# history at DEPTHS, timed against lint before the reference rules (BASE)
# in paired, alternating rounds: without drift cold and warm, and with drift.
#
#   bash bench/refs/polar64.sh                           # entries 10-400 merges back
#   DEPTHS=50,500,2000,5000 bash bench/refs/polar64.sh   # years back
#   DEPTHS=0,0,0,0 bash bench/refs/polar64.sh            # every reference holds
#
# Needs polar at /work/repos/polar (or REPO=; fetch github:polarsource/polar
# and clone it there) and skips with a message otherwise. Scratch clones only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
repo=${REPO:-/work/repos/polar}
pin=${PIN:-c6c3645e639ee8eeaa05aa0835cf8e39e330382f}
base=${BASE:-1368f95}
depths=${DEPTHS:-10,50,150,400}
rounds=${ROUNDS:-15}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/handbook-refs-polar64}

if ! git -C "$repo" cat-file -e "$pin^{commit}" 2>/dev/null; then
  echo "skip: $repo with commit $pin is not here (fetch github:polarsource/polar and clone it to $repo)" >&2
  exit 0
fi
rm -rf "$work" && mkdir -p "$work"
(cd "$src" && go build -o "$work/handbook" ./cmd/handbook)
git -C "$src" worktree add -q --detach "$work/base-src" "$base"
(cd "$work/base-src" && go build -o "$work/handbook-base" ./cmd/handbook)
git -C "$src" worktree remove --force "$work/base-src"

source "$here/scratchclone.sh"
clone "$work/repo"
(cd "$src" && go run ./bench/refs/gen -repo "$work/repo" -depths "$depths")
# The clones of the handbook's commit; one with a file where the caches'
# folder would be (every run cold), one whose caches are kept (warm).
repo=$work/repo pin=$(git -C "$work/repo" rev-parse HEAD)
nodrift() {
  clone "$1"
  printf 'lint:\n  rules:\n    ref-drift: off\n' > "$1/.handbook.yaml"
}
nodrift "$work/nodrift"
mkdir -p "$work/nodrift/.git/handbook"
nodrift "$work/nodrift-cold"
touch "$work/nodrift-cold/.git/handbook"
echo "commits: $(git -C "$work/repo" rev-list --count HEAD), entries: $(ls "$work/repo/handbook/backend-development" | wc -l), depths: $depths" >&2
"$work/handbook" lint --format json --root "$work/repo" > "$work/findings.json" || true
python3 -c 'import json,collections,sys; f=json.load(open(sys.argv[1]))["findings"]; print("findings:", dict(collections.Counter(x["rule"] for x in f)))' "$work/findings.json"
sleep 2.5 # files settle before the caches keep them (see run.sh)
python3 "$here/../paired.py" --rounds "$rounds" --width 34 \
  "before the reference rules=$work/repo=$work/handbook-base lint" \
  "ref-drift off, no cache (cold)=$work/nodrift-cold=$work/handbook lint" \
  "ref-drift off, cache (warm)=$work/nodrift=$work/handbook lint" \
  "lint with drift=$work/repo=$work/handbook lint"
