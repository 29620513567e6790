#!/usr/bin/env bash
# Benchmark: `handbook lint` against markdownlint-cli2 on the same 1,000
# generated entries, each as one process, with hyperfine. Prints both medians
# and the ratio; the issue asks for handbook to be at least 30x faster.
#
#   bash bench/lint/run.sh            # 1,000 entries, 10 runs each
#   N=2000 RUNS=20 bash bench/lint/run.sh
#
# Needs go, node/npm (markdownlint-cli2 is installed into bench/lint/node_modules,
# which git ignores), hyperfine and jq (apt-get install -y hyperfine jq).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
n=${N:-1000}
runs=${RUNS:-10}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/handbook-lint-bench}

mkdir -p "$work"
(cd "$repo" && go build -o "$work/handbook" ./cmd/handbook && go run ./bench/lint/gen -n "$n" -out "$work/repo")
if [ ! -x "$here/node_modules/.bin/markdownlint-cli2" ]; then
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error)
fi
mdl="$here/node_modules/.bin/markdownlint-cli2"

cd "$work/repo"
# Both exit 0 here only if the entries are clean for them; markdownlint-cli2
# reports style issues in generated prose, so failures are ignored (-i): the
# point is the time to check the same files.
hyperfine --warmup 2 --runs "$runs" -i --export-json "$work/result.json" \
  -n "handbook lint" "$work/handbook lint" \
  -n "markdownlint-cli2" "$mdl 'handbook/**/*.mdx'"

jq -r '
  (.results[] | "\(.command): median \(.median * 1000 | . * 10 | round / 10) ms"),
  "ratio (markdownlint-cli2 / handbook lint, medians): \((.results[1].median / .results[0].median) * 10 | round / 10)x"
' "$work/result.json"
