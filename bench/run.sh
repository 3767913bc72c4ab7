#!/usr/bin/env bash
# One benchmark run, every mode, results in artifacts/bench/*.json (see bench/README.md). Takes about 10 minutes on 2 cores (2026-12-06).
#   bench/run.sh            silver at 200 MB and 2 GB, real-size (1x, rerun, 10x), latency (7 runs on Azurite)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release functions/Pipeline.Cli
dotnet build -c Release bench/Pipeline.Bench
bench=(dotnet bench/Pipeline.Bench/bin/Release/net10.0/Pipeline.Bench.dll)
"${bench[@]}" real-size --scale 10
scripts/with-azurite.sh "${bench[@]}" latency --runs 7
"${bench[@]}" silver --mb 200
"${bench[@]}" silver --mb 2048
