#!/usr/bin/env bash
# The step of action.yml: builds handbook from the action's own checkout
# (ACTION_DIR) and runs `handbook lint --format github` in the workspace,
# with the inputs as flags. Tested by .ci/test-hooks.sh.
set -euo pipefail

bin="${HANDBOOK_BIN:-}"
if [ -z "$bin" ]; then
	bin="${RUNNER_TEMP:-$(mktemp -d)}/handbook"
	# Static, as the release archives are: a runner has a C compiler, so a
	# plain build links the C library (pflag imports net, termenv os/user),
	# and loading it costs every lint about 1 ms (README "Install").
	(cd "${ACTION_DIR:?ACTION_DIR is the action checkout}" && CGO_ENABLED=0 go build -trimpath -o "$bin" ./cmd/handbook)
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
