#!/usr/bin/env bash
# The step of action.yml: builds handbook from the action's own checkout
# (ACTION_DIR) and runs `handbook lint --format github` in the workspace,
# with the inputs as flags. Tested by .ci/test-hooks.sh.
set -euo pipefail

bin="${HANDBOOK_BIN:-}"
if [ -z "$bin" ]; then
	bin="${RUNNER_TEMP:-$(mktemp -d)}/handbook"
	(cd "${ACTION_DIR:?ACTION_DIR is the action checkout}" && go build -trimpath -o "$bin" ./cmd/handbook)
fi

args=(lint --format github)
case "${INPUT_STRICT:-false}" in
true | True | TRUE) args+=(--strict) ;;
false | False | FALSE | "") ;;
*)
	echo "::error title=handbook lint::the strict input is '${INPUT_STRICT}'; use true or false"
	exit 2
	;;
esac
if [ -n "${INPUT_BASELINE:-}" ]; then
	args+=(--baseline "$INPUT_BASELINE")
fi
read -r -a paths <<<"${INPUT_PATHS:-}"
exec "$bin" "${args[@]}" -- "${paths[@]}"
