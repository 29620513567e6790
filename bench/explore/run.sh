#!/usr/bin/env bash
# Benchmark `handbook explore` against ripgrep on a generated monorepo-shaped
# corpus, at 1x and 2x: wall-time medians over hyperfine rounds that
# alternate which command runs first, CPU time, and peak RSS (which must not
# grow with the corpus). Targets: wall time <= 1.2x rg's, RSS <= 64 MB.
#
#   bash bench/explore/run.sh            # 1x and 2x corpus in /tmp
#   ROUNDS=10 RUNS=5 bash bench/explore/run.sh
#
# Needs: go, git, rg, hyperfine, /usr/bin/time, python3
#   (Debian: apt-get install -y ripgrep hyperfine time)
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-6}   # hyperfine rounds; the two commands alternate between rounds
RUNS=${RUNS:-5}       # runs of each command per round
OUT=${OUT:-/tmp/handbook-bench}
mkdir -p "$OUT"

for tool in rg hyperfine git python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y ripgrep hyperfine time)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }

go build -o "$OUT/handbook" ./cmd/handbook
HB="$OUT/handbook"

corpus() { # scale
  local dir="$OUT/corpus-$1x"
  if [ ! -d "$dir/.git" ]; then
    rm -rf "$dir"
    go run ./bench/explore/gencorpus -out "$dir" -scale "$1" >&2
    # A real repository: some files committed, the rest untracked.
    git -C "$dir" init -q
    git -C "$dir" add server/app0/kit handbook .github server/.gitignore
    git -C "$dir" -c user.email=bench@example.com -c user.name=bench commit -qm corpus
  fi
  echo "$dir"
}

RG='rg -i -n --json -e distributed -e lock'
EX="$HB explore distributed-lock --format json"

for scale in 1 2; do
  dir=$(corpus "$scale")
  cd "$dir"
  files=$(git ls-files --cached --others --exclude-standard | wc -l)
  bytes=$(git ls-files -z --cached --others --exclude-standard | xargs -0 cat | wc -c)
  echo "== corpus ${scale}x: $files files, $((bytes / 1000000)) MB that git lists ($dir)"
  # Same files: both must search what git lists.
  test "$($HB explore --files | wc -l)" -eq "$files" || echo "bench: WARNING: handbook walks $($HB explore --files | wc -l) files, git lists $files"
  $RG >/dev/null; $EX >/dev/null 2>&1 # warm the page cache
  {
    for r in $(seq "$ROUNDS"); do
      if [ $((r % 2)) = 1 ]; then order=("$RG" "$EX"); else order=("$EX" "$RG"); fi
      hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$OUT/round-$r.json" "${order[@]}" >/dev/null 2>&1
    done
    python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
times, cpu = {}, {}
for r in range(1, rounds + 1):
    for res in json.load(open(f"{out}/round-{r}.json"))["results"]:
        key = "rg" if res["command"].startswith("rg ") else "handbook"
        times.setdefault(key, []).extend(res["times"])
        cpu.setdefault(key, []).append(res["user"] + res["system"])
rg, hb = statistics.median(times["rg"]), statistics.median(times["handbook"])
print(f"median wall time over {len(times['rg'])} runs each: rg {rg*1000:.1f} ms, handbook explore {hb*1000:.1f} ms, ratio {hb/rg:.2f} (target <= 1.20)")
crg, chb = statistics.median(cpu["rg"]), statistics.median(cpu["handbook"])
print(f"median of per-round mean CPU time (user+sys): rg {crg*1000:.1f} ms, handbook explore {chb*1000:.1f} ms, ratio {chb/crg:.2f}")
PY
  }
  for cmd in "$RG" "$EX"; do
    peak=0
    for _ in 1 2 3; do
      /usr/bin/time -f '%M' -o "$OUT/rss" $cmd >/dev/null 2>&1
      kb=$(tail -1 "$OUT/rss")
      [ "$kb" -gt "$peak" ] && peak=$kb
    done
    echo "peak RSS ${scale}x: $((peak / 1024)) MB  ($cmd)"
  done
  cd - >/dev/null
done
