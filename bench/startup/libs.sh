#!/usr/bin/env bash
# What the libraries handbook links cost its start-up: programs that import
# only one group of them (bench/startup/libs/: the prompts' terminal UI, the
# Markdown and YAML parsers) and one that links all handbook links and does
# nothing (inits: the package inits alone), against an empty one and
# against handbook --version, all static, and rg --version when rg is
# installed, in paired rounds (each round runs every program once, order
# rotating). Prints each median and the median of the per-round
# differences to the empty program.
#
#   bash bench/startup/libs.sh [ROUNDS]        (needs python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-400}
out=$(mktemp -d)
# Each binary is copied with cat after the build, so all sit alike in the
# page cache (how a file was written moves start-up by 0.5 ms; see
# version.sh).
build() { CGO_ENABLED=0 go build -o "$out/built" "$2" && cat "$out/built" >"$out/$1" && chmod +x "$out/$1"; }
for p in empty tui markdown inits; do build "$p" "./bench/startup/libs/$p"; done
build handbook ./cmd/handbook
specs=()
for n in empty tui markdown inits handbook; do specs+=("$n=.=$out/$n --version"); done
command -v rg >/dev/null && specs+=("rg=.=rg --version")
python3 bench/paired.py --rounds "$rounds" --width 10 "${specs[@]}"
rm -rf "$out"
