#!/usr/bin/env bash
# The benchmark: bench/run.sh [scales...]   (default: 0.01 0.1 1.0)
# Installs wrk, gnuplot and PostGraphile, builds the gateway, loads the demo district into
# bench_<scale>_<dept> databases on 127.0.0.1:5432 (cached), then per scale runs the five
# operations against the gateway (-Xmx256m), operation 3 against PostGraphile 4.14.1 and 5.x and
# operations 1 and 2 against the raw-SQL baseline: closed loop (wrk, fixed concurrency) for
# throughput and open loop (fixed rates) for latency. Writes bench/results/<date>-<host>.md + .png.
# Settings (environment): DUR (s per measurement, 15), WARMUP (s, 5), CONC (closed-loop
# connections, 16), RATES ("50 100 200"), SETTLE (compilations per warm-up round below which a
# JVM counts as warmed up, 30), MAX_PRIME (s, cap on a JVM's warm-up, 300), NODE_PRIME (s of
# PostGraphile warm-up, 60), SKIP_BUILD=1, JFR=1 (record a flight recording per scale).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$here"
SCALES=("$@"); [ ${#SCALES[@]} -gt 0 ] || SCALES=(0.01 0.1 1.0)
DUR=${DUR:-15}; WARMUP=${WARMUP:-5}; CONC=${CONC:-16}; RATES=${RATES:-"50 100 200"}
GW_PORT=18080; PG_PORT=18070; PG5_PORT=18071; BL_PORT=18090
stamp=$(date -u +%Y-%m-%d)
out="$here/work/run-$(date -u +%Y%m%dT%H%M%S)"; mkdir -p "$out"
results="$out/results.jsonl"; : > "$results"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

log() { echo "[$(date -u +%T)] $*" | tee -a "$out/run.log"; }

# ---- install what we need
command -v wrk >/dev/null || apt-get install -y wrk
command -v gnuplot >/dev/null || apt-get install -y gnuplot-nox
mkdir -p work
if [ ! -x work/node_modules/.bin/postgraphile ]; then
  (cd work && { [ -f package.json ] || npm init -y >/dev/null; } && npm install postgraphile@4.14.1 >/dev/null)
fi
# PostGraphile 5 in a folder of its own (one node_modules holds one postgraphile): the newest 5.x
# at install time, what a new user gets; delete bench/work/pg5 to pick up a newer one. Its
# packages declare Node >= 22 (npm warns EBADENGINE on Node 20): see postgraphile/promise-with-resolvers.cjs.
if [ ! -x work/pg5/node_modules/.bin/postgraphile ]; then
  mkdir -p work/pg5
  (cd work/pg5 && { [ -f package.json ] || npm init -y >/dev/null; } && npm install postgraphile@5 >/dev/null 2>&1)
fi
cp postgraphile/graphile.config.mjs work/pg5/

# ---- build
if [ "${SKIP_BUILD:-0}" != 1 ]; then (cd "$root" && mvn -B -q install -DskipTests); fi
rm -rf work/lib && mkdir -p work/lib && (cd work/lib && unzip -q -j "$root/gateway/target/shanzhi-gateway-0.1.0-SNAPSHOT.jar" 'BOOT-INF/lib/*')

. "$here/scripts/lib.sh"

# measure <scale> <target> <op> <url> <body> <token> <method> <pid> [statements?]
measure() {
  local scale=$1 target=$2 op=$3 url=$4 body=$5 token=$6 method=$7 pid=$8 stm=${9:-}
  log "scale $scale $target $op: warm-up ${WARMUP}s"
  wrk -t2 -c"$CONC" -d"${WARMUP}s" --timeout 10s -s scripts/graphql.lua "$url" -- "$body" "$token" "$method" > /dev/null
  local s0='{}' s1='{}' c0 c1
  [ -n "$stm" ] && s0=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$GW_PORT/bench/statements")
  c0=$(cpu_ticks "$pid")
  local closed
  closed=$(wrk -t2 -c"$CONC" -d"${DUR}s" --timeout 10s --latency -s scripts/graphql.lua "$url" -- "$body" "$token" "$method" | bench_line)
  c1=$(cpu_ticks "$pid")
  [ -n "$stm" ] && s1=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$GW_PORT/bench/statements")
  # exact statements per request: 10 requests one after another on an otherwise idle gateway (the
  # closed-loop counts above also catch requests in flight when the counter is read)
  local q0='{}' q1='{}'
  if [ -n "$stm" ]; then
    sleep 2; q0=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$GW_PORT/bench/statements")
    for _ in $(seq 1 10); do
      curl -s -o /dev/null -X "$method" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
        --data "$(sed "s/__KEY__/bench-single-$RANDOM$RANDOM/" "$body")" "$url"; done
    q1=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$GW_PORT/bench/statements")
  fi
  emit "{\"scale\":\"$scale\",\"target\":\"$target\",\"op\":\"$op\",\"mode\":\"closed\",\"conc\":$CONC,\"cpu_s\":$(echo "($c1-$c0)/$(getconf CLK_TCK)" | bc -l),\"stm_before\":$s0,\"stm_after\":$s1,\"stm_single_before\":$q0,\"stm_single_after\":$q1,\"stm_single_n\":10,\"result\":$closed}"
  log "  closed: $closed"
  for rate in $RATES; do
    local open
    open=$(node scripts/openloop.js "$url" "$body" "$token" "$method" "$rate" "$DUR" | bench_line)
    emit "{\"scale\":\"$scale\",\"target\":\"$target\",\"op\":\"$op\",\"mode\":\"open\",\"rate\":$rate,\"result\":$open}"
    log "  open $rate/s: $open"
  done
}

# overload <scale> <op> <url> <body> <token>: offered OVERLOAD (2) times the operation's closed-loop
# throughput just measured, open loop for DUR s: admission control must keep the admitted requests'
# latency and refuse the rest at once (503 OVERLOADED), with no other errors.
overload() {
  local scale=$1 op=$2 url=$3 body=$4 token=$5 capacity rate result
  capacity=$(python3 -c "import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
print([r for r in rows if r.get('target')=='gateway' and r.get('op')==sys.argv[2] and r.get('scale')==sys.argv[3] and r.get('mode')=='closed'][-1]['result']['rps'])" "$results" "$op" "$scale")
  rate=$(python3 -c "print(max(1, round(${OVERLOAD:-2} * $capacity)))")
  log "scale $scale gateway $op: overload at $rate/s (${OVERLOAD:-2} x closed-loop $capacity rps)"
  result=$(node scripts/openloop.js "$url" "$body" "$token" POST "$rate" "$DUR" | bench_line)
  emit "{\"scale\":\"$scale\",\"target\":\"gateway\",\"op\":\"$op\",\"mode\":\"overload\",\"rate\":$rate,\"capacity_rps\":$capacity,\"result\":$result}"
  log "  overload $rate/s: $result"
}

for scale in "${SCALES[@]}"; do
  tag=$(echo "$scale" | tr . _)
  log "scale $scale: data"
  scripts/load.sh "$scale" | tee -a "$out/run.log"
  scripts/params.sh "$scale" > "$out/params_$tag.env"
  scripts/bodies.py "$out/req_$tag" < "$out/params_$tag.env"
  set -a; . "$out/params_$tag.env"; set +a
  psql -h 127.0.0.1 -U postgres -q -d "bench_${tag}_people" -f postgraphile/people_under.sql
  # Earlier runs' writes (operation 5's events and outbox rows, audit records) leave dead rows,
  # and a server may run without autovacuum (this machine's does): every scale starts vacuumed.
  for db in "bench_${tag}_people" "bench_${tag}_grid" "bench_${tag}_legal" "bench_${tag}_security" bench_audit; do
    [ "$(psql -h 127.0.0.1 -U postgres -Atq -d postgres -c "select 1 from pg_database where datname='$db'")" = 1 ] \
      && psql -h 127.0.0.1 -U postgres -q -d "$db" -c 'VACUUM (ANALYZE)'; done
  log "scale $scale: databases vacuumed"

  # ---- the gateway
  jfr=()
  [ "${JFR:-0}" = 1 ] && jfr=("-XX:StartFlightRecording=filename=$out/gateway_$tag.jfr,settings=profile,dumponexit=true")
  gw=$(GATEWAY_PORT=$GW_PORT GATEWAY_JAVA_OPTS="${jfr[*]:-}" scripts/gateway.sh "$scale" "$out/gateway_$tag.log"); pids+=("$gw")
  wait_http "http://127.0.0.1:$GW_PORT/demo/token" 240 || { log "gateway did not start"; exit 1; }
  admin=$(curl -s "http://127.0.0.1:$GW_PORT/demo/token?role=DISTRICT_ADMIN&region=440513")
  worker=$(curl -s "http://127.0.0.1:$GW_PORT/demo/token?role=GRID_WORKER&region=$GRID&worker=$WORKER")
  req="$out/req_$tag"
  log "scale $scale: priming the gateway"
  gq="http://127.0.0.1:$GW_PORT/graphql"
  settle "$scale" gateway "$gw" "$gq" "$req/1-village-dashboard.json" "$admin" POST "$gq" "$req/2-person-profile.json" "$admin" POST \
    "$gq" "$req/3-people-page.json" "$admin" POST "$gq" "$req/4-incident-stats.json" "$admin" POST \
    "$gq" "$req/5-report-grid-event.json" "$worker" POST
  measure "$scale" gateway 1-village-dashboard "http://127.0.0.1:$GW_PORT/graphql" "$req/1-village-dashboard.json" "$admin" POST "$gw" stm
  measure "$scale" gateway 2-person-profile "http://127.0.0.1:$GW_PORT/graphql" "$req/2-person-profile.json" "$admin" POST "$gw" stm
  measure "$scale" gateway 3-people-page "http://127.0.0.1:$GW_PORT/graphql" "$req/3-people-page.json" "$admin" POST "$gw" stm
  measure "$scale" gateway 4-incident-stats "http://127.0.0.1:$GW_PORT/graphql" "$req/4-incident-stats.json" "$admin" POST "$gw" stm
  measure "$scale" gateway 5-report-grid-event "http://127.0.0.1:$GW_PORT/graphql" "$req/5-report-grid-event.json" "$worker" POST "$gw" stm
  overload "$scale" 1-village-dashboard "$gq" "$req/1-village-dashboard.json" "$admin"
  curl -s -H "Authorization: Bearer $admin" -H 'content-type: application/json' --data @"$req/3-people-page.json" "http://127.0.0.1:$GW_PORT/graphql" > "$out/op3_gateway_$tag.json"
  curl -s -H "Authorization: Bearer $admin" -H 'content-type: application/json' --data @"$req/1-village-dashboard.json" "http://127.0.0.1:$GW_PORT/graphql" > "$out/op1_gateway_$tag.json"
  curl -s -H "Authorization: Bearer $admin" -H 'content-type: application/json' --data @"$req/2-person-profile.json" "http://127.0.0.1:$GW_PORT/graphql" > "$out/op2_gateway_$tag.json"
  emit "{\"scale\":\"$scale\",\"target\":\"gateway\",\"op\":\"process\",\"vmhwm_kb\":$(hwm_kb "$gw"),\"cpu_total_s\":$(echo "$(cpu_ticks "$gw")/$(getconf CLK_TCK)" | bc -l),\"heap\":\"-Xmx256m\"}"
  stop "$gw"

  # ---- PostGraphile on the people database, operation 3
  (cd work && exec node_modules/.bin/postgraphile -c "postgres://postgres@127.0.0.1:5432/bench_${tag}_people" \
     --schema public,bench --host 127.0.0.1 --port $PG_PORT --disable-query-log --no-setof-functions-contain-nulls \
     > "$out/postgraphile_$tag.log" 2>&1) &
  pg=$!; pids+=("$pg")
  for _ in $(seq 1 60); do curl -s -o /dev/null -X POST -H 'content-type: application/json' --data '{"query":"{__typename}"}' "http://127.0.0.1:$PG_PORT/graphql" && break; sleep 1; done
  curl -s -H 'content-type: application/json' --data @"$req/postgraphile-3-people-page.json" "http://127.0.0.1:$PG_PORT/graphql" > "$out/op3_postgraphile_$tag.json"
  prime "${NODE_PRIME:-60}" "http://127.0.0.1:$PG_PORT/graphql" "$req/postgraphile-3-people-page.json" - POST
  emit "{\"scale\":\"$scale\",\"target\":\"postgraphile\",\"op\":\"warmup\",\"seconds\":${NODE_PRIME:-60}}"
  measure "$scale" postgraphile 3-people-page "http://127.0.0.1:$PG_PORT/graphql" "$req/postgraphile-3-people-page.json" - POST "$pg"
  emit "{\"scale\":\"$scale\",\"target\":\"postgraphile\",\"op\":\"process\",\"vmhwm_kb\":$(hwm_kb "$pg")}"
  stop "$pg"

  # ---- PostGraphile 5 on the same database, operation 3 (amber preset, postgraphile/graphile.config.mjs)
  (cd work/pg5 && PG5_DATABASE_URL="postgres://postgres@127.0.0.1:5432/bench_${tag}_people" PG5_HOST=127.0.0.1 PG5_PORT=$PG5_PORT \
     exec node --require ../../postgraphile/promise-with-resolvers.cjs node_modules/postgraphile/dist/cli-run.js \
     -C graphile.config.mjs > "$out/postgraphile5_$tag.log" 2>&1) &
  pg5=$!; pids+=("$pg5")
  for _ in $(seq 1 60); do curl -s -o /dev/null -X POST -H 'content-type: application/json' --data '{"query":"{__typename}"}' "http://127.0.0.1:$PG5_PORT/graphql" && break; sleep 1; done
  curl -s -H 'content-type: application/json' --data @"$req/postgraphile5-3-people-page.json" "http://127.0.0.1:$PG5_PORT/graphql" > "$out/op3_postgraphile5_$tag.json"
  # Its operation is written against 5's names, aliased to 4's shape: measured only when it
  # answers exactly what 4.14.1 answered for the same variables (same rows, ids, fields, households).
  if same=$(scripts/same_json.py "$out/op3_postgraphile_$tag.json" "$out/op3_postgraphile5_$tag.json"); then
    log "scale $scale postgraphile5: operation 3 $same"
    prime "${NODE_PRIME:-60}" "http://127.0.0.1:$PG5_PORT/graphql" "$req/postgraphile5-3-people-page.json" - POST
    emit "{\"scale\":\"$scale\",\"target\":\"postgraphile5\",\"op\":\"warmup\",\"seconds\":${NODE_PRIME:-60}}"
    measure "$scale" postgraphile5 3-people-page "http://127.0.0.1:$PG5_PORT/graphql" "$req/postgraphile5-3-people-page.json" - POST "$pg5"
    emit "{\"scale\":\"$scale\",\"target\":\"postgraphile5\",\"op\":\"process\",\"vmhwm_kb\":$(hwm_kb "$pg5")}"
  else
    log "scale $scale postgraphile5: NOT measured, operation 3 $same (see $out/op3_postgraphile5_$tag.json)"
  fi
  stop "$pg5"

  # ---- raw-SQL baseline, operations 1 and 2
  nohup java -Xmx256m -cp 'work/lib/*' baseline/Baseline.java $BL_PORT "bench_${tag}" > "$out/baseline_$tag.log" 2>&1 &
  bl=$!; pids+=("$bl")
  wait_http "http://127.0.0.1:$BL_PORT/op2?idNumber=$ID_NUMBER" 120 || { log "baseline did not start"; exit 1; }
  curl -s "http://127.0.0.1:$BL_PORT/op1?code=$VILLAGE" > "$out/op1_baseline_$tag.json"
  curl -s "http://127.0.0.1:$BL_PORT/op2?idNumber=$ID_NUMBER" > "$out/op2_baseline_$tag.json"
  echo '{}' > "$out/empty.json"
  settle "$scale" baseline "$bl" "http://127.0.0.1:$BL_PORT/op1?code=$VILLAGE" "$out/empty.json" - GET \
    "http://127.0.0.1:$BL_PORT/op2?idNumber=$ID_NUMBER" "$out/empty.json" - GET
  measure "$scale" baseline 1-village-dashboard "http://127.0.0.1:$BL_PORT/op1?code=$VILLAGE" "$out/empty.json" - GET "$bl"
  measure "$scale" baseline 2-person-profile "http://127.0.0.1:$BL_PORT/op2?idNumber=$ID_NUMBER" "$out/empty.json" - GET "$bl"
  emit "{\"scale\":\"$scale\",\"target\":\"baseline\",\"op\":\"process\",\"vmhwm_kb\":$(hwm_kb "$bl")}"
  stop "$bl"
done

name="$stamp-$(hostname)"  # a second run on the same day does not overwrite the first report
[ -e "$here/results/$name.md" ] && name="$name-$(date -u +%H%M)"
python3 scripts/report.py "$out" "$here/results/$name" "DUR=$DUR WARMUP=$WARMUP CONC=$CONC RATES=$RATES"
log "report: $here/results/$name.md"
