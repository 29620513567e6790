#!/usr/bin/env bash
# Relevance benchmark for `handbook explore`: builds handbook from this tree and
# measures top-1, top-3 and MRR@10 on the repositories in repos.tsv against
# the ground truth in truth/, next to two baselines (file-name match, grep
# counts). Repositories absent from $REPOS are skipped with a message.
#
#   bash bench/relevance/run.sh                 # all repositories present
#   bash bench/relevance/run.sh -only polar     # one
#   REPOS=/elsewhere JSON=/tmp/rel.json bash bench/relevance/run.sh
#
# See bench/relevance/README.md for fetching and cloning the repositories.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-${TMPDIR:-/tmp}/relbench}
mkdir -p "$OUT"
go build -o "$OUT/handbook" ./cmd/handbook
go build -o "$OUT/relevance" ./bench/relevance
exec "$OUT/relevance" -handbook "$OUT/handbook" -repos "${REPOS:-/work/repos}" \
  -json "${JSON:-$OUT/relevance.json}" -scratch "$OUT/scratch" "$@"
