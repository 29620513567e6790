#!/usr/bin/env bash
# The full kill loop of issue 8: 200 rounds of 8 concurrent `handbook new`,
# killed at random with SIGINT, SIGTERM and SIGKILL. After every round each
# entry is registered or absent (lint --fix repairs what a SIGKILL leaves),
# no page dangles and no temporary file is left. The suite runs 20 rounds.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-200}"
exec go test ./cmd/handbook -run '^TestKillLoop$' -count=1 -v -killloop.rounds="$rounds" -timeout 20m
