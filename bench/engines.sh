#!/usr/bin/env bash
# The two engines side by side: bench/engines.sh [scales...]   (default: 0.1 1.0)
# Per scale, RUNS rounds; in each round, one after another on the same machine and data:
#   planned    - the gateway as shipped (the planned engine answers queries);
#   reference  - the same jar with shanzhi.engine.planned=false (graphql-java's strategy);
#   baseline   - the raw-SQL baseline (operations 1 and 2: the statements the gateway sends, no GraphQL);
#   postgraphile - PostGraphile 4.14.1 and 5.x on the people database (operation 3; 5.x only when
#                  it answers what 4.14.1 answers).
# Each gateway is warmed up until its JIT settles, then per operation 1-4: closed loop (wrk, CONC
# connections, DUR s) for throughput and gateway CPU per request; operations 1 and 2 also open
# loop at RATE/s for the latency; the planned gateway is then offered OVERLOAD x its closed-loop
# capacity of operation 1 (admission control: admitted p99, refused p99, other errors). Peak RSS
# of each gateway. Writes bench/results/<date>-engines.md: medians of the rounds [min-max].
# Settings: RUNS (3), DUR (10), CONC (16), RATE (200), OVERLOAD (2), SETTLE, MAX_PRIME (120).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$here"
SCALES=("$@"); [ ${#SCALES[@]} -gt 0 ] || SCALES=(0.1 1.0)
RUNS=${RUNS:-3}; DUR=${DUR:-10}; CONC=${CONC:-16}; RATE=${RATE:-200}; MAX_PRIME=${MAX_PRIME:-120}
GW_PORT=18080; PG_PORT=18070; PG5_PORT=18071; BL_PORT=18090
out="$here/work/engines-$(date -u +%Y%m%dT%H%M%S)"; mkdir -p "$out"
results="$out/results.jsonl"; : > "$results"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { echo "[$(date -u +%T)] $*" | tee -a "$out/run.log"; }
. "$here/scripts/lib.sh"
command -v wrk >/dev/null || apt-get install -y wrk
if [ ! -x work/node_modules/.bin/postgraphile ]; then
  mkdir -p work && (cd work && { [ -f package.json ] || npm init -y >/dev/null; } && npm install postgraphile@4.14.1 >/dev/null)
fi
# PostGraphile 5 in a folder of its own, as bench/run.sh installs it (the newest 5.x; Node 20 needs
# postgraphile/promise-with-resolvers.cjs).
if [ ! -x work/pg5/node_modules/.bin/postgraphile ]; then
  mkdir -p work/pg5
  (cd work/pg5 && { [ -f package.json ] || npm init -y >/dev/null; } && npm install postgraphile@5 >/dev/null 2>&1)
fi
cp postgraphile/graphile.config.mjs work/pg5/
if [ "${SKIP_BUILD:-0}" != 1 ]; then (cd "$root" && mvn -B -q install -DskipTests); fi
rm -rf work/lib && mkdir -p work/lib && (cd work/lib && unzip -q -j "$root/gateway/target/shanzhi-gateway-0.1.0-SNAPSHOT.jar" 'BOOT-INF/lib/*')
seed=$(head -c 32 /dev/urandom | base64)

# closed <scale> <target> <op> <url> <body> <token> <method> <pid>
closed() {
  local c0 c1 line
  c0=$(cpu_ticks "$8")
  line=$(wrk -t2 -c"$CONC" -d"${DUR}s" --timeout 10s --latency -s scripts/graphql.lua "$4" -- "$5" "$6" "$7" | bench_line)
  c1=$(cpu_ticks "$8")
  emit "{\"scale\":\"$1\",\"round\":$round,\"target\":\"$2\",\"op\":\"$3\",\"mode\":\"closed\",\"cpu_s\":$(echo "($c1-$c0)/$(getconf CLK_TCK)" | bc -l),\"result\":$line}"
  log "  $2 $3 closed: $line"
}
opened() { # <scale> <target> <op> <url> <body> <token> <method>
  local line; line=$(node scripts/openloop.js "$4" "$5" "$6" "$7" "$RATE" "$DUR" | bench_line)
  emit "{\"scale\":\"$1\",\"round\":$round,\"target\":\"$2\",\"op\":\"$3\",\"mode\":\"open\",\"rate\":$RATE,\"result\":$line}"
  log "  $2 $3 open $RATE/s: $line"
}

gateway() { # <scale> <engine>
  local scale=$1 engine=$2 tag req gw admin
  tag=$(echo "$scale" | tr . _); req="$out/req_$tag"
  local extra="--shanzhi.evidence.signing.seed=$seed --shanzhi.evidence.signing.key-id=bench"
  [ "$engine" = reference ] && extra="$extra --shanzhi.engine.planned=false"
  gw=$(GATEWAY_PORT=$GW_PORT GATEWAY_ARGS="$extra" scripts/gateway.sh "$scale" "$out/gateway_${engine}_${tag}_$round.log"); pids+=("$gw")
  wait_http "http://127.0.0.1:$GW_PORT/demo/token" 240 || { log "gateway did not start"; exit 1; }
  admin=$(curl -s "http://127.0.0.1:$GW_PORT/demo/token?role=DISTRICT_ADMIN&region=440513")
  local gq="http://127.0.0.1:$GW_PORT/graphql"
  settle "$scale" "$engine" "$gw" "$gq" "$req/1-village-dashboard.json" "$admin" POST "$gq" "$req/2-person-profile.json" "$admin" POST \
    "$gq" "$req/3-people-page.json" "$admin" POST "$gq" "$req/4-incident-stats.json" "$admin" POST
  for op in 1-village-dashboard 2-person-profile 3-people-page 4-incident-stats; do
    curl -s -H "Authorization: Bearer $admin" -H 'content-type: application/json' --data @"$req/$op.json" "$gq" > "$out/${op}_${engine}_$tag.json"
    closed "$scale" "$engine" "$op" "$gq" "$req/$op.json" "$admin" POST "$gw"
  done
  opened "$scale" "$engine" 1-village-dashboard "$gq" "$req/1-village-dashboard.json" "$admin" POST
  opened "$scale" "$engine" 2-person-profile "$gq" "$req/2-person-profile.json" "$admin" POST
  if [ "$engine" = planned ]; then
    local capacity rate line
    capacity=$(python3 -c "import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
print([r for r in rows if r.get('target')=='planned' and r.get('op')=='1-village-dashboard' and r.get('scale')==sys.argv[2] and r.get('mode')=='closed'][-1]['result']['rps'])" "$results" "$scale")
    rate=$(python3 -c "print(max(1, round(${OVERLOAD:-2} * $capacity)))")
    line=$(node scripts/openloop.js "$gq" "$req/1-village-dashboard.json" "$admin" POST "$rate" "$DUR" | bench_line)
    emit "{\"scale\":\"$scale\",\"round\":$round,\"target\":\"planned\",\"op\":\"1-village-dashboard\",\"mode\":\"overload\",\"rate\":$rate,\"result\":$line}"
    log "  planned overload $rate/s: $line"
  fi
  emit "{\"scale\":\"$scale\",\"round\":$round,\"target\":\"$engine\",\"op\":\"process\",\"vmhwm_kb\":$(hwm_kb "$gw")}"
  stop "$gw"
}

peers() { # <scale>
  local scale=$1 tag req; tag=$(echo "$scale" | tr . _); req="$out/req_$tag"
  (cd work && exec node_modules/.bin/postgraphile -c "postgres://postgres@127.0.0.1:5432/bench_${tag}_people" \
     --schema public,bench --host 127.0.0.1 --port $PG_PORT --disable-query-log --no-setof-functions-contain-nulls \
     > "$out/postgraphile_${tag}_$round.log" 2>&1) &
  local pg=$!; pids+=("$pg")
  for _ in $(seq 1 60); do curl -s -o /dev/null -X POST -H 'content-type: application/json' --data '{"query":"{__typename}"}' "http://127.0.0.1:$PG_PORT/graphql" && break; sleep 1; done
  prime 30 "http://127.0.0.1:$PG_PORT/graphql" "$req/postgraphile-3-people-page.json" - POST
  curl -s -H 'content-type: application/json' --data @"$req/postgraphile-3-people-page.json" "http://127.0.0.1:$PG_PORT/graphql" > "$out/op3_postgraphile_${tag}_$round.json"
  closed "$scale" postgraphile 3-people-page "http://127.0.0.1:$PG_PORT/graphql" "$req/postgraphile-3-people-page.json" - POST "$pg"
  stop "$pg"
  (cd work/pg5 && PG5_DATABASE_URL="postgres://postgres@127.0.0.1:5432/bench_${tag}_people" PG5_HOST=127.0.0.1 PG5_PORT=$PG5_PORT \
     exec node --require ../../postgraphile/promise-with-resolvers.cjs node_modules/postgraphile/dist/cli-run.js \
     -C graphile.config.mjs > "$out/postgraphile5_${tag}_$round.log" 2>&1) &
  local pg5=$!; pids+=("$pg5")
  for _ in $(seq 1 60); do curl -s -o /dev/null -X POST -H 'content-type: application/json' --data '{"query":"{__typename}"}' "http://127.0.0.1:$PG5_PORT/graphql" && break; sleep 1; done
  curl -s -H 'content-type: application/json' --data @"$req/postgraphile5-3-people-page.json" "http://127.0.0.1:$PG5_PORT/graphql" > "$out/op3_postgraphile5_${tag}_$round.json"
  # Measured only when it answers exactly what 4.14.1 answered (its operation uses 5's names, aliased).
  local same
  if same=$(scripts/same_json.py "$out/op3_postgraphile_${tag}_$round.json" "$out/op3_postgraphile5_${tag}_$round.json"); then
    prime 30 "http://127.0.0.1:$PG5_PORT/graphql" "$req/postgraphile5-3-people-page.json" - POST
    closed "$scale" postgraphile5 3-people-page "http://127.0.0.1:$PG5_PORT/graphql" "$req/postgraphile5-3-people-page.json" - POST "$pg5"
  else
    log "  postgraphile5 NOT measured: operation 3 $same"
  fi
  stop "$pg5"
  set -a; . "$out/params_$tag.env"; set +a
  nohup java -Xmx256m -cp 'work/lib/*' baseline/Baseline.java $BL_PORT "bench_${tag}" > "$out/baseline_${tag}_$round.log" 2>&1 &
  local bl=$!; pids+=("$bl")
  wait_http "http://127.0.0.1:$BL_PORT/op2?idNumber=$ID_NUMBER" 120 || { log "baseline did not start"; exit 1; }
  echo '{}' > "$out/empty.json"
  settle "$scale" baseline "$bl" "http://127.0.0.1:$BL_PORT/op1?code=$VILLAGE" "$out/empty.json" - GET \
    "http://127.0.0.1:$BL_PORT/op2?idNumber=$ID_NUMBER" "$out/empty.json" - GET
  closed "$scale" baseline 1-village-dashboard "http://127.0.0.1:$BL_PORT/op1?code=$VILLAGE" "$out/empty.json" - GET "$bl"
  closed "$scale" baseline 2-person-profile "http://127.0.0.1:$BL_PORT/op2?idNumber=$ID_NUMBER" "$out/empty.json" - GET "$bl"
  stop "$bl"
}

for scale in "${SCALES[@]}"; do
  tag=$(echo "$scale" | tr . _)
  scripts/load.sh "$scale" | tee -a "$out/run.log"
  scripts/params.sh "$scale" > "$out/params_$tag.env"
  scripts/bodies.py "$out/req_$tag" < "$out/params_$tag.env"
  psql -h 127.0.0.1 -U postgres -q -d "bench_${tag}_people" -f postgraphile/people_under.sql
  for db in "bench_${tag}_people" "bench_${tag}_grid" "bench_${tag}_legal" "bench_${tag}_security"; do
    psql -h 127.0.0.1 -U postgres -q -d "$db" -c 'VACUUM (ANALYZE)'; done
  for round in $(seq 1 "$RUNS"); do
    gateway "$scale" planned
    gateway "$scale" reference
    peers "$scale"
  done
done
python3 scripts/engines_report.py "$results" "$root/bench/results/$(date -u +%Y-%m-%d)-engines.md" \
  "RUNS=$RUNS DUR=$DUR CONC=$CONC RATE=$RATE OVERLOAD=${OVERLOAD:-2}" "$(git -C "$root" rev-parse --short HEAD)"
log "report: $root/bench/results/$(date -u +%Y-%m-%d)-engines.md"
