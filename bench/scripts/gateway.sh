#!/usr/bin/env bash
# Starts the gateway on the bench_<scale>_* databases in the background; prints its pid.
# usage: gateway.sh <scale> <logfile> [extra java args...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/../gateway/target/shanzhi-gateway-0.1.0-SNAPSHOT.jar"
scale=$1; log=$2; shift 2
tag=$(echo "$scale" | tr . _)
args=()
for d in people grid legal security; do args+=("--shanzhi.sources.$d.url=postgresql://127.0.0.1:5432/bench_${tag}_$d"); done
nohup java -Xmx256m ${GATEWAY_JAVA_OPTS:-} "$@" -jar "$jar" --spring.profiles.active=demo,bench \
  --server.port=${GATEWAY_PORT:-18080} --shanzhi.rate-limit.enabled=false --shanzhi.demo.enabled=false \
  --shanzhi.demo.scale="$scale" "${args[@]}" ${GATEWAY_ARGS:-} > "$log" 2>&1 &
echo $!
