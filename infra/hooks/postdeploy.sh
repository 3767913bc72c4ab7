#!/bin/sh
# azd postdeploy hook: subscribes the function app's two blob triggers to the lake's Event Grid system topic, as
# Azure-Samples/functions-quickstart-dotnet-azd-eventgrid-blob does in scripts/post-up.sh. It runs after
# `azd deploy` because the webhook's key (the host's system key `blobs_extension`) exists only once the code with an
# Event Grid blob trigger has started. Without azd, export the variables below (from `az deployment sub show … outputs`)
# and run it by hand after deploying the code. Re-running it updates the subscriptions in place.
#   raw/     -> OnRawFile  (Host.Functions.OnRawFile)
#   landing/ -> OnUpload   (Host.Functions.OnUpload)
set -eu

for v in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME LAKE_EVENTGRID_TOPIC_NAME; do
  eval "val=\${$v:-}"
  [ -n "$val" ] || { echo "postdeploy: $v is not set (run azd provision first)." >&2; exit 1; }
done
command -v az >/dev/null 2>&1 || { echo "postdeploy: the Azure CLI (az) is needed to create the Event Grid subscriptions." >&2; exit 1; }

rg="$AZURE_RESOURCE_GROUP"
app="$AZURE_FUNCTION_APP_NAME"
topic="$LAKE_EVENTGRID_TOPIC_NAME"
# The default host name from the deployment (Flex Consumption apps may have a regional name, not <app>.azurewebsites.net).
host="${AZURE_FUNCTION_APP_HOSTNAME:-}"
[ -n "$host" ] || host=$(az functionapp show -n "$app" -g "$rg" --query defaultHostName -o tsv)

# The key appears when the host has indexed the blob triggers; a fresh deployment can take a minute.
key=""
attempt=0
while [ -z "$key" ] && [ "$attempt" -lt 12 ]; do
  key=$(az functionapp keys list -n "$app" -g "$rg" --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] || { attempt=$((attempt + 1)); echo "postdeploy: waiting for the blobs_extension key ($attempt/12)…"; sleep 10; }
done
[ -n "$key" ] || { echo "postdeploy: no blobs_extension system key on $app: did the deployment start the host with its blob triggers?" >&2; exit 1; }

# One subscription per trigger: BlobCreated in the trigger's container only. ADLS Gen2 also reports a BlobCreated for
# CreateFile (an empty file, before its data is flushed); only the finished file (FlushWithClose, PutBlob,
# PutBlockList, CopyBlob…) may start a trigger. Further filters per subscription follow the function's name.
subscribe() { # name, container, function, [further az arguments…]
  name=$1 container=$2 function=$3
  shift 3
  endpoint="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.${function}&code=${key}"
  az eventgrid system-topic event-subscription create \
    --name "$name" \
    --resource-group "$rg" \
    --system-topic-name "$topic" \
    --endpoint-type webhook \
    --endpoint "$endpoint" \
    --included-event-types Microsoft.Storage.BlobCreated \
    --subject-begins-with "/blobServices/default/containers/$container/" \
    --advanced-filter data.api StringNotIn CreateFile \
    "$@" \
    --output none
  echo "postdeploy: $container/ -> $function (Event Grid subscription $name)."
}

# A raw file's provenance sidecar ({sha256}.{ext}.json) is no data file: OnRawFile would ignore it, so it is not sent.
subscribe raw-to-onrawfile raw OnRawFile --advanced-filter subject StringNotEndsWith .json
subscribe landing-to-onupload landing OnUpload
