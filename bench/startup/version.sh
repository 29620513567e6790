#!/usr/bin/env bash
# Start-up cost: `handbook --version` against `rg --version`, in paired
# rounds (each round runs every command once, order rotating), printing the
# median wall time of each and the median of the per-round differences to
# rg. Three builds: the release one (.goreleaser.yaml: CGO_ENABLED=0,
# -trimpath, -ldflags "-s -w"; what the archives ship), `CGO_ENABLED=0 go
# install` (static, with symbols) and plain `go install` (cgo on, so
# dynamically linked: pflag imports net, termenv os/user). GODEBUG=inittrace=1
# lists what each package's init costs (one run: a rough guide, page faults
# included), and the sizes of the binaries are printed.
#
#   bash bench/startup/version.sh [ROUNDS]        (needs rg, python3)
#
# Figures: README.md "Start-up" keeps the latest. 2026-11-29, shared
# 2-core machine: before internal/initstack, at load 6.5 (800 rounds)
# release +1.79 ms, static +1.82; after it, same rounds, release +1.27,
# static +1.43; later, at load 5.5 (600 rounds), release +0.92, static
# +0.95, cgo +1.62, and at load 3.9 (400 rounds) release +1.00, static
# +0.99, cgo +1.73.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-400}
command -v rg >/dev/null || { echo "skip: rg is not installed (apt-get install -y ripgrep)"; exit 0; }
out=$(mktemp -d)
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/handbook-release" ./cmd/handbook
CGO_ENABLED=0 go build -o "$out/handbook-static" ./cmd/handbook
go build -o "$out/handbook-cgo" ./cmd/handbook
echo "binary size: release $(wc -c <"$out/handbook-release") bytes, static $(wc -c <"$out/handbook-static") bytes, cgo $(wc -c <"$out/handbook-cgo") bytes"
python3 bench/paired.py --rounds "$rounds" \
	"rg --version=.=rg --version" \
	"handbook --version (release)=.=$out/handbook-release --version" \
	"handbook --version (static)=.=$out/handbook-static --version" \
	"handbook --version (cgo)=.=$out/handbook-cgo --version"
GODEBUG=inittrace=1 "$out/handbook-static" --version 2>&1 >/dev/null |
  awk '/^init/ {ms[$2] += $5} END {for (p in ms) printf "%6.3f ms  %s\n", ms[p], p}' | sort -rn | head -8
rm -rf "$out"
