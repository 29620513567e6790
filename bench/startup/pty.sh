#!/usr/bin/env bash
# Start-up on a pseudo-terminal: `handbook --version`, `handbook lint` and
# `handbook explore` against `rg --version`, each run under script(1), whose
# terminal answers no queries (like a CI log captured through a pty). A
# command that queried the terminal (OSC 11, cursor position) waited there
# for termenv's 5 s timeout; none may now.
#
# Paired, alternating rounds on a shared machine: each round runs every
# command once, in turn, and the script prints the median per command and
# the median of the per-round ratios to rg.
#
#   bash bench/startup/pty.sh [ROUNDS]      (needs: script from util-linux, rg)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-21}
command -v rg >/dev/null || { echo "skip: rg is not installed (apt-get install -y ripgrep)"; exit 0; }
command -v script >/dev/null || { echo "skip: script(1) is not installed"; exit 0; }
bin=$(mktemp -d)/handbook
go build -o "$bin" ./cmd/handbook
cmds=("rg --version" "$bin --version" "$bin lint" "$bin explore distributed-lock --limit 3")
names=("rg --version" "handbook --version" "handbook lint" "handbook explore")
ms() { local s e; s=$(date +%s%N); script -q -e -c "$1" /dev/null </dev/null >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
declare -A times
for ((r = 0; r < rounds; r++)); do
	for i in "${!cmds[@]}"; do times[$i]+="$(ms "${cmds[$i]}") "; done
done
python3 - "$rounds" "${names[@]}" <<PY
import statistics, sys
rounds = int(sys.argv[1]); names = sys.argv[2:]
raw = """$(for i in "${!cmds[@]}"; do echo "${times[$i]}"; done)""".strip().split("\n")
t = [[int(x) for x in line.split()] for line in raw]
for n, xs in zip(names, t):
    ratio = statistics.median(x / r for x, r in zip(xs, t[0]))
    print(f"{n:20s} median {statistics.median(xs)/1000:7.1f} ms   max {max(xs)/1000:7.1f} ms   ratio to rg {ratio:5.2f}")
PY
