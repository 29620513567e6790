#!/usr/bin/env bash
# Benchmark: `handbook lint` on a real repository's own handbook: polar
# (polarsource/polar, 17,016 commits at the pinned commit, ~3,800 source
# files), whose 7 entries in handbook/engineering/backend-development/ cite
# its code by paths, imports and many bare names, some of them broken.
# Against lint before the reference rules (the binary of BASE), in paired,
# alternating rounds (bench/paired.py): medians and ratios.
#
#   bash bench/refs/polar.sh
#   PEER=8bf7d55 bash bench/refs/polar.sh    # also another build, ref-drift off, warm
#   DEPTHS=10,50,150,400 bash bench/refs/polar.sh   # the issue's size: run.sh's 64
#       # generated entries (gen/) in polar's history instead of its own 7
#       # (DEPTHS=0,0,0,0: every reference holds; 50,500,2000,5000: years old)
#   ROUNDS=31 BENCH_DIR=/tmp/x bash bench/refs/polar.sh
#
# Needs polar cloned at /work/repos/polar (or REPO=...) with the pinned
# commit: bring it with the fetch tool (github:polarsource/polar) and `git
# clone` it there; the script skips with a message otherwise. It works on
# scratch clones under BENCH_DIR and never writes into REPO. Needs go, git,
# python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
repo=${REPO:-/work/repos/polar}
pin=${PIN:-c6c3645e639ee8eeaa05aa0835cf8e39e330382f}
base=${BASE:-1368f95}   # main before the reference rules
peer=${PEER:-}
rounds=${ROUNDS:-15}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/handbook-refs-polar}

if ! git -C "$repo" cat-file -e "$pin^{commit}" 2>/dev/null; then
  echo "skip: $repo with commit $pin is not here (fetch github:polarsource/polar and clone it to $repo)" >&2
  exit 0
fi
rm -rf "$work" && mkdir -p "$work"
source "$here/scratchclone.sh" # build, clone
(cd "$src" && go build -o "$work/handbook" ./cmd/handbook)
build "$base" handbook-base
[ -n "$peer" ] && build "$peer" handbook-peer

# A scratch clone at the pin.
clone "$work/repo"
section=handbook/engineering/backend-development
if [ -n "${DEPTHS:-}" ]; then
  # The generated entries, committed into the history at DEPTHS; the
  # clones below are of that commit.
  (cd "$src" && go run ./bench/refs/gen -repo "$work/repo" -depths "$DEPTHS")
  repo=$work/repo pin=$(git -C "$work/repo" rev-parse HEAD)
  section=handbook/backend-development
fi
# ref-drift off: the configuration is untracked, so it changes nothing
# else. The lint before the reference rules runs in "$work/repo", without
# it (it does not know the rule: it would stop at the configuration, exit
# 2, in a few milliseconds). The cold clone has a file at .git/handbook, so
# that it can neither keep nor find a cache (every run a first run).
nodrift() {
  clone "$1"
  printf 'lint:\n  rules:\n    ref-drift: off\n' > "$1/.handbook.yaml"
}
nodrift "$work/nodrift"
nodrift "$work/nodrift-cold"
touch "$work/nodrift-cold/.git/handbook"
# The others as clones linted before, which keep their caches from the
# next run (a clone's first run only makes .git/handbook).
mkdir -p "$work/repo/.git/handbook" "$work/nodrift/.git/handbook"
peers=()
if [ -n "$peer" ]; then
  nodrift "$work/nodrift-peer"
  mkdir -p "$work/nodrift-peer/.git/handbook"
  peers=("$peer, ref-drift off, warm=$work/nodrift-peer=$work/handbook-peer lint")
fi
# lint keeps nothing of files changed in the last 2 s (stat times are
# coarse): the clones' files settle first, so that the first run of each
# warm variant (paired.py's) writes its caches.
sleep 2.1
echo "commits: $(git -C "$work/repo" rev-list --count HEAD), sources: $(git -C "$work/repo" ls-files '*.py' '*.ts' '*.tsx' '*.js' '*.jsx' '*.go' | wc -l), entries: $(ls "$work/repo/$section" | wc -l)" >&2
"$work/handbook-base" lint --root "$work/repo" > /dev/null 2>&1 && rc=0 || rc=$?
[ "$rc" -le 1 ] || { echo "the base lint fails on this repository (exit $rc)" >&2; exit 1; }
"$work/handbook" lint --format json --root "$work/repo" > "$work/findings.json" || true
python3 -c 'import json,collections,sys; f=json.load(open(sys.argv[1]))["findings"]; print("findings with drift:", dict(collections.Counter(x["rule"] for x in f)))' "$work/findings.json"

# paired.py runs each command once before the rounds, so the warm
# variants' rounds find the caches of that run.
python3 "$here/../paired.py" --rounds "$rounds" --width 34 \
  "before the reference rules=$work/repo=$work/handbook-base lint" \
  "ref-drift off, no cache (cold)=$work/nodrift-cold=$work/handbook lint" \
  "ref-drift off, cache (warm)=$work/nodrift=$work/handbook lint" \
  "${peers[@]}" \
  "lint with drift=$work/repo=$work/handbook lint"
