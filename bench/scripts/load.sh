#!/usr/bin/env bash
# Creates bench_<scale>_<dept> databases on 127.0.0.1:5432 (once) and loads the demo district at
# that scale with the gateway's own loader (idempotent: skips when the data is already there).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/../gateway/target/shanzhi-gateway-0.1.0-SNAPSHOT.jar"
scale=$1
tag=$(echo "$scale" | tr . _)
PG="psql -h 127.0.0.1 -U postgres -Atq"
marker="$here/data/loaded_$tag"
mkdir -p "$here/data"
if [ -f "$marker" ] && [ "$($PG -d "bench_${tag}_people" -c 'select 1' 2>/dev/null)" = 1 ]; then
  echo "scale $scale: databases present (cached)"; exit 0
fi
args=()
for d in people grid legal security; do
  db="bench_${tag}_$d"
  [ "$($PG -d postgres -c "select 1 from pg_database where datname='$db'")" = 1 ] || $PG -d postgres -c "create database $db"
  args+=("--shanzhi.sources.$d.url=postgresql://127.0.0.1:5432/$db")
done
start=$(date +%s)
# The README's load command; load-only exits after loading.
java -Xmx1g -jar "$jar" --shanzhi.demo.load-only=true --spring.main.web-application-type=none \
  --shanzhi.demo.scale="$scale" --shanzhi.rate-limit.enabled=false "${args[@]}" > "$here/data/load_$tag.log" 2>&1
echo "scale $scale loaded in $(( $(date +%s) - start )) s"
date -u +%FT%TZ > "$marker"
