# Functions shared by run.sh and evidence-cost.sh (sourced; they expect $out, $results and log()).
wait_http() { # url seconds
  for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done; return 1; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hwm_kb() { awk '/VmHWM/{print $2}' "/proc/$1/status"; }
stop() { kill "$1" 2>/dev/null || true; for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done; kill -9 "$1" 2>/dev/null || true; }
emit() { echo "$1" >> "$results"; }
bench_line() { grep '^BENCH ' | tail -1 | sed 's/^BENCH //'; }

# prime <seconds> <url> <body> <token> <method>: load at 4 connections, results discarded
prime() { wrk -t1 -c4 -d"$1s" --timeout 10s -s scripts/graphql.lua "$2" -- "$3" "$4" "$5" > /dev/null; }
compiles() { jcmd "$1" PerfCounter.print 2>/dev/null | awk -F= '/sun.ci.totalCompiles/{print $2}'; }
# settle <scale> <target> <pid> <url body token method>...: warms a JVM up until its JIT has
# settled. On 2 shared cores C1/C2 kept compiling for over a minute after start, and a run measured
# meanwhile shows the compiler threads, not the server (a profile had them at a third of the CPU).
# Rounds of 10 s over all the server's operations, until a round causes fewer than SETTLE
# compilations or MAX_PRIME seconds have passed; the report states how long it took.
settle() {
  local scale=$1 target=$2 pid=$3; shift 3
  local start=$SECONDS before after n=$(( $# / 4 )) rounds=0 args=("$@")
  while :; do
    before=$(compiles "$pid")
    for ((i = 0; i < ${#args[@]}; i += 4)); do
      prime $(( 10 / n > 2 ? 10 / n : 2 )) "${args[i]}" "${args[i+1]}" "${args[i+2]}" "${args[i+3]}"; done
    after=$(compiles "$pid"); rounds=$((rounds + 1))
    if [ $((after - before)) -lt "${SETTLE:-30}" ] || [ $((SECONDS - start)) -ge "${MAX_PRIME:-300}" ]; then break; fi
  done
  log "scale $scale $target: warmed up in $((SECONDS - start)) s ($rounds rounds; last round $((after - before)) compilations, $after in all)"
  emit "{\"scale\":\"$scale\",\"target\":\"$target\",\"op\":\"warmup\",\"seconds\":$((SECONDS - start)),\"rounds\":$rounds,\"last_round_compilations\":$((after - before)),\"compilations\":$after}"
}
