#!/bin/sh
# Compares the explore walker with `rg --files --hidden -g '!.git'` (same
# job: list what .gitignore lets through, hidden files included) and with git itself
# on a generated monorepo-shaped tree. Needs ripgrep and hyperfine.
#
#   sh bench/walk/run.sh [DIR]        FILES=20000 sh bench/walk/run.sh /tmp/w20k
set -eu
dir=${1:-/tmp/walk-bench-5k}
files=${FILES:-5000}
bin=${TMPDIR:-/tmp}/walk-bench-bin
go build -o "$bin" ./bench/walk
[ -d "$dir/.git" ] || "$bin" gen "$dir" -files "$files"
echo "files listed: walker $("$bin" files "$dir" 2>/dev/null | wc -l)," \
	"rg $(rg --files --hidden -g '!.git' "$dir" | wc -l)," \
	"git $(git -C "$dir" ls-files --cached --others --exclude-standard | wc -l)"
json=${TMPDIR:-/tmp}/walk-bench.json
hyperfine -N --warmup 5 --runs ${RUNS:-60} --export-json "$json" \
	"$bin files $dir" \
	"rg --files --hidden -g '!.git' $dir" \
	"git -C $dir ls-files --cached --others --exclude-standard"
# Medians: the machine may be shared, and means suffer from outliers.
python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))["results"]
for x in r: print("median %7.1f ms  %s" % (x["median"]*1000, x["command"]))
print("walker / rg = %.2f" % (r[0]["median"]/r[1]["median"]))' "$json"
