#!/bin/sh
# azd preprovision hook: the function app references both alert secrets in Key Vault. A reference to a secret that
# does not exist stays the literal `@Microsoft.KeyVault(…)` text, which the app's alert options refuse at start-up.
# On the first provision of an environment (no vault yet) both must be given.
set -eu
if [ -z "${AZURE_KEY_VAULT_NAME:-}" ]; then
  missing=""
  [ -n "${ALERTS_SMTP_PASSWORD:-}" ] || missing="$missing ALERTS_SMTP_PASSWORD"
  [ -n "${ALERTS_WEBHOOK_URL:-}" ] || missing="$missing ALERTS_WEBHOOK_URL"
  if [ -n "$missing" ]; then
    echo "First provision of this environment: set the alert secrets first (azd keeps them in .azure/, which git ignores, and writes them to Key Vault):" >&2
    for v in $missing; do echo "  azd env set $v <value>" >&2; done
    echo "A channel you do not use still needs a value (e.g. 'unused'); see docs/deploy.md." >&2
    exit 1
  fi
fi
case "${AZURE_ENV_TYPE:-dev}" in
  dev|prod) ;;
  *) echo "AZURE_ENV_TYPE must be dev or prod, not '${AZURE_ENV_TYPE}'." >&2; exit 1 ;;
esac
