#!/usr/bin/env bash
# Starts or stops Azurite (pinned in package.json) on free loopback ports.
#   scripts/azurite.sh start   -> prints the connection string; also writes .azurite/env (AZURITE_CONNECTION_STRING=…)
#   scripts/azurite.sh stop    -> stops the Azurite this script started (kill, then kill -9 after a grace period)
set -euo pipefail
cd "$(dirname "$0")/.."
state=.azurite
bin=node_modules/.bin/azurite

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

wait_port() { # port, seconds
  local deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    if ((SECONDS >= deadline)); then return 1; fi
    if ! kill -0 "$(cat $state/pid)" 2>/dev/null; then echo "azurite exited early; see $state/azurite.log" >&2; return 1; fi
    sleep 0.2
  done
}

start() {
  [ -x "$bin" ] || { echo "Azurite is not installed: run 'npm ci' first." >&2; exit 1; }
  if [ -f $state/pid ] && kill -0 "$(cat $state/pid)" 2>/dev/null; then cat $state/connection; return; fi
  mkdir -p $state
  local blob queue table data
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  data=$(mktemp -d "${TMPDIR:-/tmp}/azurite.XXXXXX")
  echo "$data" > $state/location
  # --skipApiVersionCheck keeps older SDKs (the WebJobs storage extension) working; --loose tolerates their headers.
  nohup "$bin" --silent --skipApiVersionCheck --loose --location "$data" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" > $state/azurite.log 2>&1 &
  echo $! > $state/pid
  for p in "$blob" "$queue" "$table"; do
    wait_port "$p" 60 || { echo "Azurite did not answer on port $p within 60 s; see $state/azurite.log" >&2; stop; exit 1; }
  done
  # Azurite's published development account key (documented by Microsoft; not a secret).
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  local cs="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "$cs" > $state/connection
  echo "AZURITE_CONNECTION_STRING=$cs" > $state/env
  echo "$cs"
}

stop() {
  [ -f $state/pid ] || return 0
  local pid; pid=$(cat $state/pid)
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  [ -f $state/location ] && rm -rf "$(cat $state/location)"
  rm -f $state/pid $state/connection $state/env $state/location
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
