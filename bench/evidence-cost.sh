#!/usr/bin/env bash
# What the evidence costs: bench/evidence-cost.sh [scale]   (default 0.1)
# Operation 1 (village dashboard: every request shows persons, so every request leaves an audit
# record) against three builds of the same commit, one after another in each of RUNS rounds:
#   with     - as shipped: every record signed (Ed25519), checkpoints to the four department
#              stores every shanzhi.evidence.witnesses.checkpoint-interval (1 minute);
#   without  - the same code with evidence-cost/without-record-signatures.patch applied (records
#              unsigned) and no witnesses (shanzhi.evidence.witnesses.departments empty);
#   signed   - as shipped, and the bench client's responses signed too (Shanzhi-Signature).
# Each variant on its own audit database, so no chain mixes signed and unsigned records. Closed
# loop (wrk, CONC connections, DUR s, long enough to contain a checkpoint), throughput and gateway
# CPU per request. Writes bench/results/<date>-evidence-cost.md: medians of the rounds, with the
# spread. Settings: RUNS (3), DUR (70), CONC (16), SETTLE, MAX_PRIME, SKIP_BUILD=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$here"
scale=${1:-0.1}; tag=$(echo "$scale" | tr . _)
RUNS=${RUNS:-3}; DUR=${DUR:-70}; CONC=${CONC:-16}; GW_PORT=18080
out="$here/work/evidence-$(date -u +%Y%m%dT%H%M%S)"; mkdir -p "$out"
results="$out/results.jsonl"; : > "$results"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { echo "[$(date -u +%T)] $*" | tee -a "$out/run.log"; }
. "$here/scripts/lib.sh"
command -v wrk >/dev/null || apt-get install -y wrk

# ---- the two jars: as shipped, and the same tree without record signatures
shipped="$root/gateway/target/shanzhi-gateway-0.1.0-SNAPSHOT.jar"
unsigned="$here/work/unsigned/gateway/target/shanzhi-gateway-0.1.0-SNAPSHOT.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$root" && mvn -B -q install -DskipTests)
  rm -rf work/unsigned && mkdir -p work/unsigned
  (cd "$root" && git ls-files -z | xargs -0 tar cf - | tar xf - -C "$here/work/unsigned")
  (cd work/unsigned && patch -p1 -s < "$here/evidence-cost/without-record-signatures.patch" \
    && mvn -B -q -o package -DskipTests -pl gateway -am)
fi
[ -f "$unsigned" ] || { echo "no unsigned build: run without SKIP_BUILD"; exit 1; }

scripts/load.sh "$scale" | tee -a "$out/run.log"
scripts/params.sh "$scale" > "$out/params.env"
scripts/bodies.py "$out/req" < "$out/params.env"
body="$out/req/1-village-dashboard.json"
gq="http://127.0.0.1:$GW_PORT/graphql"
for db in ev_with ev_without; do
  psql -h 127.0.0.1 -U postgres -q -d postgres -c "DROP DATABASE IF EXISTS bench_audit_$db" ; done

# One signing key for every start: a demo start would generate a new one, and a chain holding
# records of a key its next start does not trust is broken, and is no longer checkpointed.
seed=$(head -c 32 /dev/urandom | base64)

# run <variant> <round>
run() {
  local variant=$1 round=$2 jar=$shipped audit=bench_audit_ev_with extra=""
  case $variant in
    without) jar=$unsigned; audit=bench_audit_ev_without; extra="--shanzhi.evidence.witnesses.departments=" ;;
    signed) extra="--shanzhi.evidence.signed-responses.clients=graphiql" ;;
  esac
  local gw
  gw=$(GATEWAY_JAR=$jar BENCH_AUDIT_DB=$audit GATEWAY_PORT=$GW_PORT \
    GATEWAY_ARGS="$extra --shanzhi.evidence.signing.seed=$seed --shanzhi.evidence.signing.key-id=bench" \
    scripts/gateway.sh "$scale" "$out/gateway_${variant}_$round.log"); pids+=("$gw")
  wait_http "http://127.0.0.1:$GW_PORT/demo/token" 240 || { log "gateway did not start"; exit 1; }
  local admin; admin=$(curl -s "http://127.0.0.1:$GW_PORT/demo/token?role=DISTRICT_ADMIN&region=440513")
  settle "$scale" "$variant" "$gw" "$gq" "$body" "$admin" POST
  local signature
  signature=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $admin" -H 'content-type: application/json' \
    --data @"$body" "$gq" | grep -ci '^shanzhi-signature:' || true)
  local c0 c1 closed started
  started=$(date -u +%FT%TZ)
  c0=$(cpu_ticks "$gw")
  closed=$(wrk -t2 -c"$CONC" -d"${DUR}s" --timeout 10s --latency -s scripts/graphql.lua "$gq" -- "$body" "$admin" POST | bench_line)
  c1=$(cpu_ticks "$gw")
  local signed_records checkpoints
  signed_records=$(psql -h 127.0.0.1 -U postgres -Atq -d "$audit" -c "select count(*) filter (where signature is not null) || '/' || count(*) from audit_record")
  checkpoints=$(psql -h 127.0.0.1 -U postgres -Atq -d "bench_${tag}_people" -c "select count(*) from evidence_checkpoint where key_id = 'bench' and taken_at >= '$started'" 2>/dev/null || echo 0)
  emit "{\"variant\":\"$variant\",\"round\":$round,\"cpu_s\":$(echo "($c1-$c0)/$(getconf CLK_TCK)" | bc -l),\"signature_header\":$signature,\"signed_records\":\"$signed_records\",\"people_checkpoints\":$checkpoints,\"result\":$closed}"
  log "  $variant round $round: $closed; records signed/all $signed_records; checkpoints in people during the measurement $checkpoints; signature header $signature"
  stop "$gw"
}

for round in $(seq 1 "$RUNS"); do
  for variant in with without signed; do run "$variant" "$round"; done
done

report="$root/bench/results/$(date -u +%Y-%m-%d)-evidence-cost.md"
python3 - "$results" "$report" "$scale" "$DUR" "$CONC" "$RUNS" "$(git -C "$root" rev-parse --short HEAD)" <<'EOF'
import json, statistics, sys
rows = [r for r in (json.loads(l) for l in open(sys.argv[1])) if 'variant' in r]
report, scale, dur, conc, runs, commit = sys.argv[2:]
def stats(variant, key):
    values = [key(r) for r in rows if r['variant'] == variant]
    return statistics.median(values), min(values), max(values), values
rps = lambda r: r['result']['rps']
cpu = lambda r: 1000 * r['cpu_s'] / r['result']['requests']
p99 = lambda r: r['result']['p99_ms']
base = stats('without', rps)[0]
lines = [f"# What the evidence costs: operation 1 (village dashboard), scale {scale}", "",
         f"Commit {commit}; `bench/evidence-cost.sh {scale}` with RUNS={runs}, DUR={dur} s, CONC={conc}; "
         "the variants alternate within each round on the same machine and data. Median of the rounds "
         "[min-max].", "",
         "| variant | throughput (rps) | vs without | gateway CPU per request (ms) | p99 (ms) | errors |",
         "|---|---|---|---|---|---|"]
for variant, what in [('without', 'without: records unsigned, no witnesses'),
                      ('with', 'with: signed records, 4 witnesses, 1-minute checkpoints (as shipped)'),
                      ('signed', 'with, and signed responses for the client')]:
    r = stats(variant, rps); c = stats(variant, cpu); p = stats(variant, p99)
    errors = sum(x['result']['errors'] + x['result']['socket_errors'] for x in rows if x['variant'] == variant)
    lines.append(f"| {what} | {r[0]:.0f} [{r[1]:.0f}-{r[2]:.0f}] | {100 * (r[0] / base - 1):+.1f}% | "
                 f"{c[0]:.2f} [{c[1]:.2f}-{c[2]:.2f}] | {p[0]:.1f} [{p[1]:.1f}-{p[2]:.1f}] | {errors} |")
lines += ["", "Per round (rps):", ""]
for variant in ('without', 'with', 'signed'):
    lines.append(f"- {variant}: " + ", ".join(f"{v:.0f}" for v in stats(variant, rps)[3]))
lines += ["", "Evidence actually produced during the runs (last round): "
          + "; ".join(f"{r['variant']}: records signed/all {r['signed_records']}, checkpoints in people "
                      f"{r['people_checkpoints']} during the measurement, Shanzhi-Signature header {'yes' if r['signature_header'] else 'no'}"
                      for r in rows if r['round'] == int(runs))]
open(report, 'w').write("\n".join(lines) + "\n")
print("\n".join(lines))
EOF
log "report: $report"
