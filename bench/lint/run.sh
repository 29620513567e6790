#!/usr/bin/env bash
# Benchmark: `handbook lint` against markdownlint-cli2 on the same 1,000
# generated entries, each as one process, in paired rounds (each round runs
# both, the order alternating, so load from other processes on a shared
# machine hits both alike). Prints the medians of wall and CPU time and of
# the per-round ratios; issue 13 asks for handbook to be at least 100x
# faster.
#
#   bash bench/lint/run.sh            # 1,000 entries, 10 rounds
#   N=2000 RUNS=20 bash bench/lint/run.sh
#
# compare.sh compares two builds of handbook on the same entries (a step's
# gain); for a profile of lint on them, without start-up:
#   HANDBOOK_LINT_CORPUS=/tmp/handbook-lint-bench/repo go test ./validate/ -run '^$' \
#     -bench LintCorpus -cpuprofile /tmp/cpu.prof
#
# Needs go, node/npm (markdownlint-cli2 is installed into bench/lint/node_modules,
# which git ignores) and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
n=${N:-1000}
runs=${RUNS:-10}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/handbook-lint-bench}

mkdir -p "$work"
# Static, as a release is built (a cgo-linked binary loads the C library).
(cd "$repo" && CGO_ENABLED=0 go build -o "$work/handbook" ./cmd/handbook && go run ./bench/lint/gen -n "$n" -out "$work/repo")
if [ ! -x "$here/node_modules/.bin/markdownlint-cli2" ]; then
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error)
fi
mdl="$here/node_modules/.bin/markdownlint-cli2"

cd "$work/repo"
# Both exit 0 here only if the entries are clean for them; markdownlint-cli2
# reports style issues in generated prose, so exit codes are ignored: the
# point is the time to check the same files.
python3 - "$runs" "$work/handbook" "$mdl" <<'PY'
import os, statistics, subprocess, sys, time
runs, hb, mdl = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cmds = {"handbook lint": [hb, "lint"], "markdownlint-cli2": [mdl, "handbook/**/*.mdx"]}
for argv in cmds.values():  # warm up
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = {k: [] for k in cmds}
cpu = {k: [] for k in cmds}
for r in range(runs):
    order = list(cmds) if r % 2 == 0 else list(cmds)[::-1]
    for k in order:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmds[k], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        wall[k].append(time.perf_counter() - t0)
        cpu[k].append(ru.ru_utime + ru.ru_stime)
for k in cmds:
    print(f"{k}: median wall {statistics.median(wall[k])*1000:.1f} ms, CPU (user+sys) {statistics.median(cpu[k])*1000:.1f} ms")
m, h = "markdownlint-cli2", "handbook lint"
print(f"ratio (markdownlint-cli2 / handbook lint), median of {runs} paired rounds: wall {statistics.median(a / b for a, b in zip(wall[m], wall[h])):.1f}x, CPU {statistics.median(a / b for a, b in zip(cpu[m], cpu[h])):.1f}x")
PY
