#!/usr/bin/env bash
# How much an agent saves by keeping one `handbook mcp` session instead of
# starting `handbook explore --format json` for every search: N explore
# calls in one session versus N processes, on this repository, in paired
# rounds whose order alternates (the machine is shared, so only the ratio
# within a round means something). Prints each round and the median ratio.
#
#   bash bench/mcp/run.sh            # N=20 calls, 7 rounds
#   N=50 ROUNDS=5 bash bench/mcp/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${N:-20}
rounds=${ROUNDS:-7}
concept=${CONCEPT:-distributed lock}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -buildvcs=false -o "$tmp/handbook" ./cmd/handbook
bin=$tmp/handbook

{
  echo '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
  echo '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  for i in $(seq 1 "$n"); do
    printf '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"explore","arguments":{"concept":"%s"}}}\n' "$i" "$concept"
  done
} >"$tmp/session.jsonl"

now() { date +%s%N; }
run_cli() {
  for _ in $(seq 1 "$n"); do "$bin" explore "$concept" --format json >/dev/null 2>&1; done
}
run_mcp() {
  "$bin" mcp <"$tmp/session.jsonl" >"$tmp/replies.jsonl" 2>/dev/null
  got=$(grep -c '"structuredContent"' "$tmp/replies.jsonl" || true)
  if [ "$got" != "$n" ]; then
    echo "bench: the session answered $got of $n calls" >&2
    exit 1
  fi
}

run_cli; run_mcp # warm the page cache
ratios=()
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) = 1 ]; then
    t0=$(now); run_cli; t1=$(now); run_mcp; t2=$(now)
    cli=$((t1 - t0)); mcp=$((t2 - t1))
  else
    t0=$(now); run_mcp; t1=$(now); run_cli; t2=$(now)
    mcp=$((t1 - t0)); cli=$((t2 - t1))
  fi
  ratio=$(awk -v a="$mcp" -v b="$cli" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  printf 'round %d: %d CLI runs %4d ms, one MCP session %4d ms, ratio %s\n' "$r" "$n" $((cli / 1000000)) $((mcp / 1000000)) "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "median MCP/CLI wall-time ratio over $rounds rounds: $median"
