#!/usr/bin/env bash
# Runs a command with Azurite started for it, and stops Azurite afterwards whatever happens.
#   scripts/with-azurite.sh dotnet test Pipeline.sln
set -euo pipefail
cd "$(dirname "$0")/.."
trap 'scripts/azurite.sh stop' EXIT
AZURITE_CONNECTION_STRING=$(scripts/azurite.sh start)
export AZURITE_CONNECTION_STRING
"$@"
