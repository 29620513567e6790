#!/usr/bin/env bash
# Benchmark: `handbook lint` with ref-drift on a big docs site: Mintlify's
# own docs (mintlify/docs, 3,751 commits at the pinned commit), linted as a
# whole (`lint .`: 1,103 files; those that cite code, whole folders such as
# zh/ and snippets/ or files such as docs.json, have 98 distinct last commits).
# Against the same build with ref-drift off and, with PEER=REV, another
# build with drift, each build in its own clone (lint's caches are per
# build). Paired, alternating rounds (bench/paired.py): medians and ratios.
# With PEER it first compares `lint --format json` (and stderr and the exit
# code) of both builds and exits 1 when they differ.
#
#   PEER=main bash bench/refs/mintlify.sh
#   ROUNDS=11 BENCH_DIR=/tmp/x bash bench/refs/mintlify.sh
#
# Needs the docs cloned at /work/repos/mintlify-docs (or REPO=...): bring
# them with the fetch tool (github:mintlify/docs) and `git clone` them
# there; the script skips with a message otherwise. It works on scratch
# clones under BENCH_DIR and never writes into REPO. Needs go, git, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
repo=${REPO:-/work/repos/mintlify-docs}
pin=${PIN:-3bbce7aa1abf66b19671bc398b9752d608fd0826}
peer=${PEER:-}
rounds=${ROUNDS:-7}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/handbook-refs-mintlify}

if ! git -C "$repo" cat-file -e "$pin^{commit}" 2>/dev/null; then
  echo "skip: $repo with commit $pin is not here (fetch github:mintlify/docs and clone it to $repo)" >&2
  exit 0
fi
rm -rf "$work" && mkdir -p "$work"
source "$here/scratchclone.sh" # build, clone
(cd "$src" && go build -o "$work/handbook" ./cmd/handbook)
[ -n "$peer" ] && build "$peer" handbook-peer

# A scratch clone at the pin.
clone "$work/repo"
clone "$work/nodrift"
printf 'lint:\n  rules:\n    ref-drift: off\n' > "$work/nodrift/.handbook.yaml"
# As clones linted before: they keep their caches from the next run.
mkdir -p "$work/repo/.git/handbook" "$work/nodrift/.git/handbook"
variants=(
  "ref-drift off=$work/nodrift=$work/handbook lint ."
  "lint with drift=$work/repo=$work/handbook lint ."
)
if [ -n "$peer" ]; then
  clone "$work/peer"
  mkdir -p "$work/peer/.git/handbook"
  for b in handbook handbook-peer; do
    d=$work/repo; [ $b = handbook-peer ] && d=$work/peer
    rc=0
    (cd "$d" && "$work/$b" lint --format json . > "$work/$b.json" 2> "$work/$b.err") || rc=$?
    echo "exit $rc" >> "$work/$b.err"
  done
  if cmp -s "$work/handbook.json" "$work/handbook-peer.json" && cmp -s "$work/handbook.err" "$work/handbook-peer.err"; then
    echo "findings: identical to $peer's ($(grep -c '"rule": "ref-drift"' "$work/handbook.json") ref-drift)" >&2
  else
    echo "findings differ from $peer's: diff $work/handbook.json $work/handbook-peer.json" >&2
    exit 1
  fi
  variants+=("$peer, with drift=$work/peer=$work/handbook-peer lint .")
fi
echo "commits: $(git -C "$work/repo" rev-list --count HEAD), .mdx files: $(git -C "$work/repo" ls-files '*.mdx' | wc -l)" >&2
sleep 2.5 # the caches keep nothing that changed in the last 2 s
python3 "$here/../paired.py" --rounds "$rounds" --width 24 "${variants[@]}"
