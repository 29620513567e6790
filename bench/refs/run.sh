#!/usr/bin/env bash
# Benchmark: `handbook lint` with reference checks and drift, on 64 entries
# citing the code of a real repository with a long history (celery, 13,145
# commits at the pinned commit), against lint without drift and against lint
# as it was before the reference rules (the binary of BASE). Paired,
# alternating rounds (bench/paired.py); medians and ratios.
#
#   bash bench/refs/run.sh                      # recent handbook: entries written 10-400 merges ago
#   DEPTHS=50,500,2000,5000 bash bench/refs/run.sh   # a handbook last edited years ago
#
# Needs the repository cloned at /work/repos/celery (or REPO=...): bring it
# with the fetch tool (github:celery/celery) and `git clone` it there; the
# script skips with a message when it is absent. Needs go, git, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
repo=${REPO:-/work/repos/celery}
pin=${PIN:-5dc781f0bd5f36186bfcc74e0a4f9f654452c69b}
base=${BASE:-1368f95}   # main before the reference rules
depths=${DEPTHS:-10,50,150,400}
rounds=${ROUNDS:-15}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/handbook-refs-bench}

if ! git -C "$repo" cat-file -e "$pin^{commit}" 2>/dev/null; then
  echo "skip: $repo with commit $pin is not here (fetch github:celery/celery and clone it to $repo)" >&2
  exit 0
fi
rm -rf "$work" && mkdir -p "$work"
source "$here/scratchclone.sh" # build
(cd "$src" && go build -o "$work/handbook" ./cmd/handbook)
build "$base" handbook-base

git clone -q --no-checkout "$repo" "$work/repo"
git -C "$work/repo" checkout -q "$pin"
(cd "$src" && go run ./bench/refs/gen -repo "$work/repo" -depths "$depths")
# The same repository with ref-drift off (the configuration is untracked,
# so it changes nothing else); twice: lint keeps what it learnt of the
# cited files in .git/handbook/, and the second clone has a file there, so
# that it can neither keep nor find anything (every run cold).
git clone -q "$work/repo" "$work/nodrift"
printf 'lint:\n  rules:\n    ref-drift: off\n' > "$work/nodrift/.handbook.yaml"
git clone -q "$work/repo" "$work/nodrift-cold"
cp "$work/nodrift/.handbook.yaml" "$work/nodrift-cold/"
touch "$work/nodrift-cold/.git/handbook"
# The others as clones linted before, which keep their caches from the
# next run (a clone's first run only makes .git/handbook).
mkdir -p "$work/repo/.git/handbook" "$work/nodrift/.git/handbook"
echo "commits: $(git -C "$work/repo" rev-list --count HEAD), entries: $(ls "$work/repo/handbook/backend-development" | wc -l), depths: $depths" >&2
"$work/handbook" lint --format json --root "$work/repo" > "$work/findings.json" || true
python3 -c 'import json,collections,sys; f=json.load(open(sys.argv[1]))["findings"]; print("findings:", dict(collections.Counter(x["rule"] for x in f)))' "$work/findings.json"

# paired.py runs each command once before the rounds, so the cached
# variant's rounds find the cache of that run (warm). The caches keep
# nothing that changed less than 2 s before a run (stat times are coarse),
# and the clones were just written: without this pause the first rounds
# of the "warm" variant (most of them, with recent entries) found no cache
# to use, as in the figures taken before 2026-11-29 18:10 UTC.
sleep 2.5
python3 "$here/../paired.py" --rounds "$rounds" --width 34 \
  "before the reference rules=$work/repo=$work/handbook-base lint" \
  "ref-drift off, no cache (cold)=$work/nodrift-cold=$work/handbook lint" \
  "ref-drift off, cache (warm)=$work/nodrift=$work/handbook lint" \
  "lint with drift=$work/repo=$work/handbook lint"
