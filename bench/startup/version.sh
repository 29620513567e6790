#!/usr/bin/env bash
# Start-up cost: `handbook --version` against `rg --version`, in paired
# rounds (each round runs every command once, order rotating), printing the
# median wall time of each and the median of the per-round differences to
# rg. Two builds: the default one (cgo on, so dynamically linked: pflag
# imports net, termenv os/user) and CGO_ENABLED=0 (static, as a release
# should be built). GODEBUG=inittrace=1 lists what each package's init costs
# (one run: a rough guide), and the sizes of both binaries are printed.
#
#   bash bench/startup/version.sh [ROUNDS]        (needs rg, python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-400}
command -v rg >/dev/null || { echo "skip: rg is not installed (apt-get install -y ripgrep)"; exit 0; }
out=$(mktemp -d)
go build -o "$out/handbook-cgo" ./cmd/handbook
CGO_ENABLED=0 go build -o "$out/handbook-static" ./cmd/handbook
echo "binary size: cgo $(wc -c <"$out/handbook-cgo") bytes, static $(wc -c <"$out/handbook-static") bytes"
python3 bench/paired.py --rounds "$rounds" \
	"rg --version=.=rg --version" \
	"handbook --version (cgo)=.=$out/handbook-cgo --version" \
	"handbook --version (static)=.=$out/handbook-static --version"
GODEBUG=inittrace=1 "$out/handbook-static" --version 2>&1 >/dev/null |
  awk '/^init/ {ms[$2] += $5} END {for (p in ms) printf "%6.3f ms  %s\n", ms[p], p}' | sort -rn | head -8
rm -rf "$out"
