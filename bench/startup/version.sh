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
#   BASE=c9fc3cd bash bench/startup/version.sh 1000
#
# With BASE (a commit), the release build of that commit (from git
# archive, built right before this tree's, so both sit alike in the page
# cache) runs in the same rounds: a change's effect, paired.
#
# How a binary's bytes sit in the page cache changes its start-up a lot,
# so the release build is timed twice: as go build wrote it (which times
# like a binary read back from disk or extracted by tar) and copied with
# cat (which times like a cp or install copy, until the page cache drops
# it: larger page-cache folios to map), 0.5-0.7 ms sooner in paired rounds;
# the same bytes copied with `dd bs=2M` started sooner still, the kernel
# mapping their text and rodata with 2 MiB pages (FilePmdMapped in
# /proc/PID/smaps; rg's text is not mapped so). Compare builds in the same
# state (to read one back from disk without dropping every cache: cp it,
# sync, posix_fadvise(DONTNEED) the copy, run it once).
#
# Figures: README.md "Start-up" keeps the latest. 2026-11-29, shared
# 2-core machine, release build, 1,000 paired rounds: read back from disk
# the day's first main (dd63385) +1.97 ms, after internal/initstack, the
# root command's cheaper set-up and --version without cobra +1.66 (static
# with symbols +1.79 -> +1.52; load 5.4); copied with cat +1.22 -> +0.92
# (static +1.19 -> +0.97; load 7.9). This script at load 7.5 (600
# rounds): release +1.58, copied +0.87, static +1.43, cgo +2.20.
# Later on 2026-11-29, after handbook's own maps became switches and
# internal/quietterm emptied PATH for the clipboard package's init (its
# search of every PATH folder): this script (600 rounds, load 2.9)
# release +0.97, copied +0.63, static +1.04, cgo +1.75; the release
# build before and after, 1,000 paired rounds at load 2.4, +1.12 -> +0.88.
# Quiet (load 0.9-1.2), BASE=c9fc3cd and 800 rounds: release +0.90 ->
# +0.64, copied +0.37, static +0.84, cgo +1.45.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-400}
command -v rg >/dev/null || { echo "skip: rg is not installed (apt-get install -y ripgrep)"; exit 0; }
out=$(mktemp -d)
base=()
if [ -n "${BASE:-}" ]; then
	mkdir "$out/base-src"
	git archive "$BASE" | tar -x -C "$out/base-src"
	(cd "$out/base-src" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/handbook-base" ./cmd/handbook)
	base=("handbook --version (release, $BASE)=.=$out/handbook-base --version")
fi
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/handbook-release" ./cmd/handbook
cat "$out/handbook-release" >"$out/handbook-copied" && chmod +x "$out/handbook-copied"
CGO_ENABLED=0 go build -o "$out/handbook-static" ./cmd/handbook
go build -o "$out/handbook-cgo" ./cmd/handbook
echo "binary size: release $(wc -c <"$out/handbook-release") bytes, static $(wc -c <"$out/handbook-static") bytes, cgo $(wc -c <"$out/handbook-cgo") bytes"
python3 bench/paired.py --rounds "$rounds" --width $((${#base[@]} ? 40 : 28)) \
	"rg --version=.=rg --version" \
	"handbook --version (release)=.=$out/handbook-release --version" \
	"handbook --version (copied)=.=$out/handbook-copied --version" \
	"handbook --version (static)=.=$out/handbook-static --version" \
	"handbook --version (cgo)=.=$out/handbook-cgo --version" \
	"${base[@]}"
GODEBUG=inittrace=1 "$out/handbook-static" --version 2>&1 >/dev/null |
  awk '/^init/ {ms[$2] += $5} END {for (p in ms) printf "%6.3f ms  %s\n", ms[p], p}' | sort -rn | head -8
rm -rf "$out"
