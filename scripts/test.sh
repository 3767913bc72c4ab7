#!/usr/bin/env bash
# The test command (README, CI): builds and lints the Bicep (the infra tests read its ARM output), starts Azurite,
# runs every test, stops Azurite, and ends with one plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/build.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
scripts/with-azurite.sh dotnet test Pipeline.sln "$@" 2>&1 | tee "$log" || status=$?
summary=$(grep -E '(Passed|Failed)!  - Failed:' "$log" | tail -1 || true)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  echo "$passed passed, $failed failed"
fi
exit "$status"
