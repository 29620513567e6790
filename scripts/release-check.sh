#!/usr/bin/env bash
# Checks the release configuration with the goreleaser version it is
# written for, installed with go install when missing (a few minutes the
# first time, so this runs here and not in CI; CI cross-compiles every
# target instead).
#
#   bash scripts/release-check.sh             # goreleaser check
#   bash scripts/release-check.sh --snapshot  # also build every archive into dist/
set -euo pipefail
cd "$(dirname "$0")/.."

version=v2.15.1
bin="$(go env GOPATH)/bin/goreleaser"
if ! "$bin" --version 2>/dev/null | grep -q "GitVersion:[[:space:]]*$version$"; then
  echo "release-check: installing goreleaser $version" >&2
  go install "github.com/goreleaser/goreleaser/v2@$version"
fi
"$bin" check
if [ "${1:-}" = "--snapshot" ]; then
  "$bin" release --snapshot --clean --skip=publish
  ls -l dist/*.tar.gz dist/*.zip dist/checksums.txt
  (cd dist && sha256sum -c checksums.txt)
fi
