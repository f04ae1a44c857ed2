#!/usr/bin/env bash
# Exact SQL statements per request per store for the five operations: starts the gateway (bench
# profile) on bench_<scale>_*, sends each operation N times one after another, reads
# GET /bench/statements before and after. usage: statements.sh <scale> [N]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd); cd "$here"
scale=$1; n=${2:-10}; tag=$(echo "$scale" | tr . _); port=18081
tmp=$(mktemp -d)
scripts/params.sh "$scale" > "$tmp/params.env"; scripts/bodies.py "$tmp/req" < "$tmp/params.env"
set -a; . "$tmp/params.env"; set +a
gw=$(GATEWAY_PORT=$port scripts/gateway.sh "$scale" "$tmp/gateway.log")
trap 'kill $gw 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port/demo/token" && break; sleep 1; done
admin=$(curl -s "http://127.0.0.1:$port/demo/token?role=DISTRICT_ADMIN&region=440513")
worker=$(curl -s "http://127.0.0.1:$port/demo/token?role=GRID_WORKER&region=$GRID&worker=$WORKER")
for op in 1-village-dashboard 2-person-profile 3-people-page 4-incident-stats 5-report-grid-event; do
  tok=$admin; [ "$op" = 5-report-grid-event ] && tok=$worker
  curl -s -o /dev/null -H "Authorization: Bearer $tok" -H 'content-type: application/json' --data "$(sed "s/__KEY__/stm-warm-$RANDOM$RANDOM/" "$tmp/req/$op.json")" "http://127.0.0.1:$port/graphql"
  sleep 1
  a=$(curl -s -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/bench/statements")
  for _ in $(seq 1 "$n"); do
    curl -s -o /dev/null -H "Authorization: Bearer $tok" -H 'content-type: application/json' \
      --data "$(sed "s/__KEY__/stm-$RANDOM$RANDOM/" "$tmp/req/$op.json")" "http://127.0.0.1:$port/graphql"; done
  b=$(curl -s -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/bench/statements")

  python3 -c "import json,sys;a=json.loads(sys.argv[1]);b=json.loads(sys.argv[2]);n=int(sys.argv[4]);print(sys.argv[3], ' '.join(f'{k}={(b[k]-a[k])/n:g}' for k in a), 'total=%g' % ((sum(b.values())-sum(a.values()))/n))" "$a" "$b" "$op" "$n"
done
