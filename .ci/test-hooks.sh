#!/usr/bin/env bash
# Tests the ecosystem hooks end to end in scratch repositories:
# - the GitHub Action's script (.github/action/lint.sh): inputs, exit codes,
#   annotations, building handbook from the action checkout;
# - the pre-commit hook (.pre-commit-hooks.yaml), with the pre-commit tool
#   itself (skipped with a message when it is not installed, unless CI is set).
# Prints "hooks: N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
[ -n "${KEEP_SCRATCH:-}" ] && echo "scratch: $scratch" >&2 || trap 'rm -rf "$scratch"' EXIT
passed=0 failed=0

check() { # name, command...: the command must succeed
	local name="$1"
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $name" >&2
	fi
}

# A handbook with one clean entry and one with an MDX error.
repo="$scratch/repo"
mkdir -p "$repo/handbook/backend-development"
cat >"$repo/handbook/docs.json" <<'JSON'
{"navigation": {"groups": [{"group": "Backend Development", "pages": ["backend-development/clean", "backend-development/broken"]}]}}
JSON
entry() { # slug, summary
	cat <<MDX
---
title: "$1"
description: "An entry."
---

$2

## When to use this concept

Always.

## How to use this concept

Call it.

## How it works

It works.
MDX
}
entry clean "A clean entry." >"$repo/handbook/backend-development/clean.mdx"
entry broken "Keys expire after <timeout> seconds." >"$repo/handbook/backend-development/broken.mdx"
git -C "$repo" init -q
git -C "$repo" add -A

# --- the action's script ---
bin="$scratch/bin/handbook"
export RUNNER_TEMP="$scratch/runner"
mkdir -p "$RUNNER_TEMP"
action() { # runs lint.sh in the scratch repo; output in $scratch/out, status in $status
	(cd "$repo" && env ACTION_DIR="$root" "$@" bash "$root/.github/action/lint.sh") >"$scratch/out" 2>&1
	status=$?
}
action INPUT_PATHS="" INPUT_STRICT=false INPUT_BASELINE=""
check "action builds handbook from the action checkout" test -x "$RUNNER_TEMP/handbook"
check "action builds a static handbook (no C library to load)" bash -c "! go version -m \"$RUNNER_TEMP/handbook\" | grep -q 'CGO_ENABLED=1'"
check "action fails on an MDX error" test "$status" = 1
check "action annotates the error" grep -q '^::error file=handbook/backend-development/broken.mdx,line=6,col=19,title=mdx-syntax::' "$scratch/out"
cp "$RUNNER_TEMP/handbook" "$scratch/handbook" # later runs reuse the build
export HANDBOOK_BIN="$scratch/handbook"
action INPUT_PATHS="handbook/backend-development/clean.mdx" INPUT_STRICT=true
check "action lints only the paths input" test "$status" = 0
check "action annotates nothing for a clean entry" bash -c "! grep -q '^::' \"$scratch/out\""
printf '\n```\nno language\n```\n' >>"$repo/handbook/backend-development/clean.mdx"
action INPUT_PATHS="handbook/backend-development/clean.mdx" INPUT_STRICT=false
check "action passes warnings without strict" test "$status" = 0
check "action annotates warnings" grep -q '^::warning file=handbook/backend-development/clean.mdx,.*title=code-fence-language::' "$scratch/out"
action INPUT_PATHS="handbook/backend-development/clean.mdx" INPUT_STRICT=true
check "action fails on warnings with strict" test "$status" = 1
action INPUT_STRICT=maybe
check "action refuses a bad strict input" test "$status" = 2
check "action says why" grep -q "strict input is 'maybe'; use true or false" "$scratch/out"
(cd "$repo" && "$HANDBOOK_BIN" lint --baseline-write .handbook-baseline.json >/dev/null 2>&1)
action INPUT_BASELINE=.handbook-baseline.json
check "action accepts the baseline's findings" test "$status" = 0

# --- the pre-commit hook ---
if ! command -v pre-commit >/dev/null; then
	if [ -n "${CI:-}" ]; then
		check "pre-commit is installed in CI (.ci/run installs it)" false
	else
		echo "hooks: pre-commit is not installed (apt-get install pre-commit); skipping the hook test" >&2
	fi
else
	export PRE_COMMIT_HOME="$scratch/pre-commit-home"
	# pre-commit builds the hook with GOPATH set to its own folder; keep the
	# module cache where it is, so nothing is downloaded again.
	export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
	hookrepo="$scratch/hookrepo" # the hook repository as pre-commit clones it: committed
	git clone -q "$root" "$hookrepo"
	(cd "$root" && git ls-files -z --cached --others --exclude-standard) | (cd "$root" && xargs -0 cp --parents -t "$hookrepo" 2>/dev/null)
	git -C "$hookrepo" add -A >/dev/null 2>&1
	git -C "$hookrepo" -c user.name=t -c user.email=t@example.com commit -qm "working tree" >/dev/null 2>&1
	precommit() { # pre-commit try-repo on the given files
		(cd "$repo" && pre-commit try-repo "$hookrepo" handbook-lint "$@") >"$scratch/out" 2>&1
		status=$?
	}
	git -C "$repo" checkout -q -- handbook/backend-development/clean.mdx
	precommit --files handbook/backend-development/broken.mdx
	check "pre-commit hook fails on a changed entry with an MDX error" test "$status" = 1
	check "pre-commit hook shows the finding" grep -q 'broken.mdx:6:19: error: .*\[mdx-syntax\]' "$scratch/out"
	precommit --files handbook/backend-development/clean.mdx handbook/docs.json
	check "pre-commit hook passes a clean entry" test "$status" = 0
	check "pre-commit hook is skipped for non-.mdx files" grep -q 'handbook lint.*Passed' "$scratch/out"
	git -C "$repo" rm -q --cached handbook/backend-development/broken.mdx
	rm "$repo/handbook/backend-development/broken.mdx"
	(cd "$repo" && pre-commit install -q >/dev/null 2>&1 && cp "$hookrepo/.pre-commit-hooks.yaml" /dev/null)
	entry broken "Keys expire after <timeout> seconds." >"$repo/handbook/backend-development/later.mdx"
	git -C "$repo" add handbook/backend-development/later.mdx
	precommit --all-files
	check "pre-commit hook over all files fails on the new broken entry" test "$status" = 1
	check "pre-commit hook names it" grep -q 'later.mdx:6:19: error' "$scratch/out"
fi

echo "hooks: $passed passed, $failed failed"
[ "$failed" = 0 ]
