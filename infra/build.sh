#!/usr/bin/env bash
# Builds and lints the Bicep: infra/main.bicep -> artifacts/infra/main.json, each infra/*.bicepparam ->
# artifacts/infra/<name>.parameters.json. Fails on any error AND on any warning (bicep lint exits 0 on warnings).
# The Bicep CLI comes from NuGet (infra/tools/bicep-tool.proj), so nothing but the .NET SDK is needed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
out="$repo/artifacts/infra"
mkdir -p "$out"

version=$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\([0-9.]*\)\]".*/\1/p' infra/tools/bicep-tool.proj)
[ -n "$version" ] || { echo "infra/build.sh: no Bicep version found in infra/tools/bicep-tool.proj" >&2; exit 1; }
dotnet restore infra/tools/bicep-tool.proj --nologo --verbosity quiet
packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -f "$bicep" ] || { echo "infra/build.sh: Bicep CLI not found at $bicep after restore" >&2; exit 1; }
[ -x "$bicep" ] || chmod +x "$bicep"
echo "Bicep: $("$bicep" --version)"

failed=0
# Runs one bicep command; any diagnostic at warning or error level fails the build.
run() {
  local log rc=0
  log=$("$bicep" "$@" 2>&1) || rc=$?
  [ -z "$log" ] || echo "$log"
  if [ "$rc" -ne 0 ] || grep -Eq ': (Warning|Error) ' <<<"$log"; then
    echo "FAILED: bicep $*" >&2
    failed=1
  else
    echo "ok: bicep $*"
  fi
}

run build infra/main.bicep --outfile "$out/main.json"
run lint infra/main.bicep
for p in infra/*.bicepparam; do
  [ -e "$p" ] || continue
  name=$(basename "$p" .bicepparam)
  # Secrets that happen to be in this shell must never end up in a build artifact.
  ALERTS_SMTP_PASSWORD='' ALERTS_WEBHOOK_URL='' run build-params "$p" --outfile "$out/$name.parameters.json"
  run lint "$p"
done

if [ "$failed" -ne 0 ]; then
  echo "infra/build.sh: Bicep build or lint reported warnings or errors (zero are allowed)." >&2
  exit 1
fi
echo "infra/build.sh: Bicep built and linted with zero warnings -> artifacts/infra/"
