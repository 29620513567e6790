#!/usr/bin/env bash
# Real-world check of issue 14 on Mintlify's own documentation (1,106 pages,
# navigation split by language with $ref): how many pages lint reports as
# outside the navigation (nav-missing), and whether mdx-syntax agrees with
# the MDX compiler on every page (validate/testdata/mdxc, `npm ci` there).
#
#   fetch github:mintlify/docs, then: git clone <mirror> /work/repos/mintlify-docs
#   bash bench/lint/mintlify.sh
#
# Skips with a message when the clone is absent. It writes a .handbook.yaml
# into the clone (handbook and section: the whole site).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
docs=${MINTLIFY_DOCS:-/work/repos/mintlify-docs}
pin=3bbce7aa1abf66b19671bc398b9752d608fd0826
if [ ! -f "$docs/docs.json" ]; then
	echo "mintlify.sh: $docs is absent; fetch github:mintlify/docs and clone it there (commit $pin)" >&2
	exit 0
fi
got=$(git -C "$docs" rev-parse HEAD)
[ "$got" = "$pin" ] || echo "mintlify.sh: $docs is at $got, not the pinned $pin; figures may differ" >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/handbook" ./cmd/handbook)
printf 'handbook: .\nsection: .\n' >"$docs/.handbook.yaml"
(cd "$docs" && "$work/handbook" lint --format json >"$work/lint.json" 2>/dev/null) || true
python3 - "$work/lint.json" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
c = collections.Counter(f["rule"] for f in d["findings"])
print(f"pages linted: {d['summary']['files']}")
print(f"nav-missing: {c['nav-missing']}  mdx-syntax: {c['mdx-syntax']}  mdx-expression: {c['mdx-expression']}  nav-invalid: {c['nav-invalid']}")
PY
oracle="$repo/validate/testdata/mdxc"
if [ -d "$oracle/node_modules/@mdx-js/mdx" ]; then
	(cd "$docs" && find . -name '*.mdx' -not -path './node_modules/*' | sort) >"$work/files"
	(cd "$docs" && python3 -c 'import json,sys; print(json.dumps([open(f.strip(), encoding="utf-8", errors="replace").read() for f in open(sys.argv[1])]))' "$work/files" >"$work/src.json")
	(cd "$oracle" && node oracle.mjs <"$work/src.json" >"$work/compiled.json")
	python3 - "$work/compiled.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"the MDX compiler rejects {sum(not x['ok'] for x in r)} of {len(r)} pages")
PY
else
	echo "(npm ci in validate/testdata/mdxc to compare with the MDX compiler)"
fi
