#!/usr/bin/env bash
# Starts the gateway on the bench_<scale>_* databases in the background; prints its pid.
# usage: gateway.sh <scale> <logfile> [extra java args...]
# Environment: GATEWAY_JAR, GATEWAY_PORT, GATEWAY_JAVA_OPTS, GATEWAY_ARGS, BENCH_AUDIT_DB (bench_audit).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
jar="${GATEWAY_JAR:-$here/../gateway/target/shanzhi-gateway-0.1.0-SNAPSHOT.jar}"
scale=$1; log=$2; shift 2
tag=$(echo "$scale" | tr . _)
args=()
for d in people grid legal security; do args+=("--shanzhi.sources.$d.url=postgresql://127.0.0.1:5432/bench_${tag}_$d"); done
# The audit trail and Redis on the machine's own servers, as in a deployment (without these the
# gateway would start an embedded PostgreSQL and Redis of its own beside the measured ones).
audit=${BENCH_AUDIT_DB:-bench_audit}
psql -h 127.0.0.1 -U postgres -Atq -d postgres -c "select 1 from pg_database where datname='$audit'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -q -d postgres -c "create database $audit"
# The gateway appends to the audit trail as a writer login only (never the owner or a superuser)
# and migrates as the owner (postgres here).
psql -h 127.0.0.1 -U postgres -q -d postgres -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shanzhi_audit_writer') THEN CREATE ROLE shanzhi_audit_writer NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shanzhi_bench_audit') THEN CREATE ROLE shanzhi_bench_audit LOGIN PASSWORD 'bench'; END IF;
  END \$\$; GRANT shanzhi_audit_writer TO shanzhi_bench_audit"
args+=("--shanzhi.audit.url=postgresql://127.0.0.1:5432/$audit" "--shanzhi.redis.url=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/3}"
  "--shanzhi.audit.username=shanzhi_bench_audit" "--shanzhi.audit.password=bench"
  "--shanzhi.audit.migration-username=postgres" "--shanzhi.audit.migration-password="
  # The benchmark mints demo tokens against the machine's servers on purpose (throw-away data).
  "--shanzhi.demo.allow-demo-tokens-on-real-servers=true")
nohup java -Xmx256m ${GATEWAY_JAVA_OPTS:-} "$@" -jar "$jar" --spring.profiles.active=demo,bench \
  --server.port=${GATEWAY_PORT:-18080} --shanzhi.rate-limit.enabled=false --shanzhi.demo.enabled=false \
  --shanzhi.demo.scale="$scale" "${args[@]}" ${GATEWAY_ARGS:-} > "$log" 2>&1 &
echo $!
