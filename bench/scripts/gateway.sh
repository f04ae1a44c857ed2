#!/usr/bin/env bash
# Starts the gateway on the bench_<scale>_* databases in the background; prints its pid.
# usage: gateway.sh <scale> <logfile> [extra java args...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
jar="${GATEWAY_JAR:-$here/../gateway/target/shanzhi-gateway-0.1.0-SNAPSHOT.jar}"
scale=$1; log=$2; shift 2
tag=$(echo "$scale" | tr . _)
args=()
for d in people grid legal security; do args+=("--shanzhi.sources.$d.url=postgresql://127.0.0.1:5432/bench_${tag}_$d"); done
# The audit trail and Redis on the machine's own servers, as in a deployment (without these the
# gateway would start an embedded PostgreSQL and Redis of its own beside the measured ones).
psql -h 127.0.0.1 -U postgres -Atq -d postgres -c "select 1 from pg_database where datname='bench_audit'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -q -d postgres -c "create database bench_audit"
args+=("--shanzhi.audit.url=postgresql://127.0.0.1:5432/bench_audit" "--shanzhi.redis.url=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/3}")
nohup java -Xmx256m ${GATEWAY_JAVA_OPTS:-} "$@" -jar "$jar" --spring.profiles.active=demo,bench \
  --server.port=${GATEWAY_PORT:-18080} --shanzhi.rate-limit.enabled=false --shanzhi.demo.enabled=false \
  --shanzhi.demo.scale="$scale" "${args[@]}" ${GATEWAY_ARGS:-} > "$log" 2>&1 &
echo $!
