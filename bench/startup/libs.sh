#!/usr/bin/env bash
# What the libraries handbook links cost its start-up: programs that import
# only one group of them (bench/startup/libs/: the prompts' terminal UI, the
# Markdown and YAML parsers) against an empty one and against handbook
# --version, all static, and rg --version when rg is installed, in paired
# rounds (each round runs every program once, order rotating). Prints each
# median and the median of the per-round differences to the empty program.
#
#   bash bench/startup/libs.sh [ROUNDS]        (needs python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-400}
out=$(mktemp -d)
for p in empty tui markdown; do CGO_ENABLED=0 go build -o "$out/$p" "./bench/startup/libs/$p"; done
CGO_ENABLED=0 go build -o "$out/handbook" ./cmd/handbook
python3 - "$rounds" "$out" <<'PY'
import statistics, subprocess, sys, time
rounds, out = int(sys.argv[1]), sys.argv[2]
import shutil
cmds = {n: [f"{out}/{n}", "--version"] for n in ["empty", "tui", "markdown", "handbook"]}
if shutil.which("rg"):
    cmds["rg"] = ["rg", "--version"]
names = list(cmds)
t = {n: [] for n in names}
for r in range(rounds):
    k = r % len(names)
    for n in names[k:] + names[:k]:
        s = time.perf_counter()
        subprocess.run(cmds[n], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t[n].append(time.perf_counter() - s)
for n in names:
    d = statistics.median(a - b for a, b in zip(t[n], t["empty"]))
    print(f"{n:10} median {statistics.median(t[n])*1000:5.2f} ms   median difference to empty {d*1000:+5.2f} ms")
PY
rm -rf "$out"
