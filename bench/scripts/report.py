#!/usr/bin/env python3
"""Writes the Markdown report and the PNG plot of one benchmark run.
usage: report.py <run dir> <output path without extension> <settings text>"""
import json, os, platform, re, subprocess, sys

run, dest, settings = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [json.loads(l) for l in open(os.path.join(run, 'results.jsonl')) if l.strip()]
scales = list(dict.fromkeys(r['scale'] for r in rows))
rates = sorted({r['rate'] for r in rows if r.get('mode') == 'open'})
OPS = ['1-village-dashboard', '2-person-profile', '3-people-page', '4-incident-stats', '5-report-grid-event']
STORES = ['people', 'grid', 'legal', 'security']


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:  # noqa
        return '?'


def find(scale, target, op, mode, rate=None):
    for r in rows:
        if r['scale'] == scale and r['target'] == target and r['op'] == op and r.get('mode') == mode \
                and (rate is None or r.get('rate') == rate):
            return r
    return None


def proc(scale, target):
    for r in rows:
        if r['scale'] == scale and r['target'] == target and r['op'] == 'process':
            return r
    return None


def f(x, d=1):
    return '–' if x is None else f'{x:.{d}f}'


def load(name):
    try:
        return json.load(open(os.path.join(run, name)))
    except Exception:
        return None


def same_people(gw, pg):
    try:
        a = [e['node'] for e in gw['data']['people']['edges']]
        b = [e['node'] for e in pg['data']['peopleUnder']['edges']]
        b = [dict({k: v for k, v in n.items() if k != 'householdByHouseholdId'},
                  household=n['householdByHouseholdId']) for n in b]
        return len(a), a == b
    except Exception as e:
        return 0, False


out = []
w = out.append
host = platform.node()
w(f'# Benchmark: {os.path.basename(dest)}\n')
w(f'Run directory: `{os.path.relpath(run, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(dest)))))}` (not committed). Command: `bench/run.sh {" ".join(scales)}` with {settings}.\n')
w('## Machine and versions\n')
mem = sh("awk '/MemTotal/{printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
cpu_model = sh("lscpu | sed -n 's/^Model name: *//p'")
nproc, kernel = sh("nproc"), sh("uname -r")
loadavg = sh("cut -d' ' -f1-3 /proc/loadavg")
java_v = sh("java -version 2>&1 | head -1")
pg_v = sh("psql -h 127.0.0.1 -U postgres -Atc 'select version()' | cut -d, -f1")
node_v = sh("node -v")


def npm_version(*folder):
    try:
        return json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'work', *folder,
                                           'node_modules', 'postgraphile', 'package.json')))['version']
    except Exception:
        return '?'


pgl_v, pgl5_v = npm_version(), npm_version('pg5')
# how the side-by-side table names each server
LABEL = {'postgraphile': f'PostGraphile {pgl_v}', 'postgraphile5': f'PostGraphile {pgl5_v}'}
wrk_v = sh("wrk -v 2>&1 | head -1 | cut -d' ' -f1-2")
gp_v = sh("gnuplot --version")
w(f'- host `{host}`, {nproc} cores ({cpu_model}), {mem} memory, Linux {kernel}')
w(f'- load average at report time: {loadavg} on {nproc} cores. The load generators (wrk, Node) run on the same cores as the servers and the database, so absolute numbers are lower than on separate machines; the ratios within one run are the meaningful part.' + (' ' + os.environ['MACHINE_NOTE'] if os.environ.get('MACHINE_NOTE') else ''))
w(f'- Java: {java_v}; gateway heap `-Xmx256m` (baseline also `-Xmx256m`)')
w(f'- PostgreSQL: {pg_v} on 127.0.0.1:5432, on the same machine')
w(f'- Node {node_v}, PostGraphile {pgl_v} and {pgl5_v} (amber preset, `bench/postgraphile/graphile.config.mjs`; on this Node with `Promise.withResolvers` polyfilled by `bench/postgraphile/promise-with-resolvers.cjs`), {wrk_v}, {gp_v}')
w('- closed loop: wrk, 2 threads, fixed connections, after a warm-up; open loop: `bench/scripts/openloop.js` (Node http, requests sent on a fixed schedule, latency from the scheduled send time, so no coordinated omission). Every response is checked: a 503 `OVERLOADED` is a refusal by admission control (counted apart); any other status ≠ 200 or a body containing `"errors"` is an error.\n')

for scale in scales:
    w(f'## Scale {scale}\n')
    pg = proc(scale, 'gateway') or {}
    w(f'Gateway process: heap `{pg.get("heap", "-Xmx256m")}`, peak RSS (VmHWM) **{f(pg.get("vmhwm_kb", 0) / 1024, 0)} MiB**, CPU over the whole scale (start-up included) {f(pg.get("cpu_total_s"))} s.\n')
    warm = [r for r in rows if r['scale'] == scale and r.get('op') == 'warmup']
    if warm:
        w('Warm-up before measuring: ' + '; '.join(
            f'{r["target"]} {r["seconds"]} s' + (f' ({r["rounds"]} rounds over all its operations, last round {r["last_round_compilations"]} JIT compilations)'
                                                  if 'rounds' in r else ' (fixed)') for r in warm) + '.\n')
    head = '| op | closed rps | closed errors | CPU ms/req | ' + ' | '.join(f'p50/p95/p99 ms @{r}/s' for r in rates) + \
        ' | open errors | open refused (503) | statements/req people/grid/legal/security |'
    w(head)
    w('|' + '---|' * (head.count('|') - 1))
    for op in OPS:
        c = find(scale, 'gateway', op, 'closed')
        if not c:
            continue
        res = c['result']
        cpu = c['cpu_s'] * 1000 / res['requests'] if res['requests'] else None
        cells = []
        oerr = 0
        orefused = 0
        for rate in rates:
            o = find(scale, 'gateway', op, 'open', rate)
            if o:
                o = o['result']
                oerr += o['errors']
                orefused += o.get('refused', 0)
                mark = '' if o['achieved_send_rps'] >= 0.95 * rate else ' (sent %.0f/s)' % o['achieved_send_rps']
                cells.append(f'{f(o["p50_ms"])}/{f(o["p95_ms"])}/{f(o["p99_ms"])}{mark}')
            else:
                cells.append('–')
        stm = '–'
        if c.get('stm_single_after'):
            stm = '/'.join(f'{(c["stm_single_after"].get(s, 0) - c["stm_single_before"].get(s, 0)) / c["stm_single_n"]:.2f}' for s in STORES)
        elif c.get('stm_after') and res['requests']:
            stm = '/'.join(f'{(c["stm_after"].get(s, 0) - c["stm_before"].get(s, 0)) / res["requests"]:.2f}' for s in STORES)
        w(f'| {op} | {f(res["rps"])} | {res["errors"] + res["socket_errors"]} / {res["checked"]} | {f(cpu, 2)} | ' + ' | '.join(cells) + f' | {oerr} | {orefused} | {stm} |')
    w('')
    for o in [r for r in rows if r['scale'] == scale and r.get('mode') == 'overload']:
        res = o['result']
        met = res['errors'] == 0 and res['admitted_p99_ms'] < 100 and (res['refused'] == 0 or res['refused_p99_ms'] < 5)
        w(f'Overload ({o["op"]}, offered {o["rate"]}/s = {o["rate"] / o["capacity_rps"]:.1f} x the closed-loop {f(o["capacity_rps"])} rps, '
          f'open loop): {res["admitted"]} admitted, p50/p99 {f(res["admitted_p50_ms"])}/{f(res["admitted_p99_ms"])} ms; '
          f'{res["refused"]} refused (503 OVERLOADED), p50/p99 {f(res["refused_p50_ms"])}/{f(res["refused_p99_ms"])} ms; '
          f'{res["errors"]} other errors; sent {res["achieved_send_rps"]}/s. Target (admitted p99 < 100 ms, refused p99 < 5 ms, '
          f'no other errors): **{"met" if met else "MISSED"}**.\n')
    # peers
    w('Side by side (same machine, same data, same run):\n')
    head = '| op | server | closed rps | ratio gateway/peer | ' + ' | '.join(f'p99 ms @{r}/s' for r in rates) + ' | errors | peak RSS MiB |'
    w(head)
    w('|' + '---|' * (head.count('|') - 1))
    for op, peers in [('1-village-dashboard', ['baseline']), ('2-person-profile', ['baseline']),
                      ('3-people-page', ['postgraphile', 'postgraphile5'])]:
        g = find(scale, 'gateway', op, 'closed')
        for tname, t in [('gateway', g)] + [(peer, find(scale, peer, op, 'closed')) for peer in peers]:
            if not t:
                continue
            res = t['result']
            ratio = ''
            if tname != 'gateway' and g and res['rps']:
                ratio = f'**{g["result"]["rps"] / res["rps"]:.2f}**'
            errs = res['errors'] + res['socket_errors']
            cells = []
            for rate in rates:
                o = find(scale, tname, op, 'open', rate)
                if o:
                    errs += o['result']['errors']
                    cells.append(f(o['result']['p99_ms']))
                else:
                    cells.append('–')
            rss = proc(scale, tname) or {}
            w(f'| {op} | {LABEL.get(tname, tname)} | {f(res["rps"])} | {ratio} | ' + ' | '.join(cells) + f' | {errs} | {f(rss.get("vmhwm_kb", 0) / 1024, 0)} |')
    tag = scale.replace('.', '_')
    w('\nEquivalence checks:')
    for t in ('postgraphile', 'postgraphile5'):
        n, same = same_people(load(f'op3_gateway_{tag}.json'), load(f'op3_{t}_{tag}.json'))
        w(f' {LABEL[t]} operation 3 returned {n} rows, {"identical to" if same else "NOT identical to"} the gateway\'s (ids, fields, household).')
    if not find(scale, 'postgraphile5', '3-people-page', 'closed'):
        w(f' {LABEL["postgraphile5"]} was not measured (its answer did not equal 4\'s: see the run log).')
    for op in ('op1', 'op2'):
        a, b = load(f'{op}_gateway_{tag}.json'), load(f'{op}_baseline_{tag}.json')
        w(f' Baseline {op}: JSON {"identical to" if a is not None and a == b else "DIFFERENT from"} the gateway\'s.')
    w('')

# targets
w('## Targets (issue 5; for operation 3 also issue 12\'s 2×)\n')
last = scales[-1]


def rps(scale, target, op):
    r = find(scale, target, op, 'closed')
    return r['result']['rps'] if r else None


for scale in scales:
    g3 = rps(scale, 'gateway', '3-people-page')
    # issue 12: against the faster of the two PostGraphile versions measured in this run
    peers3 = [(rps(scale, t, '3-people-page'), t) for t in ('postgraphile', 'postgraphile5')]
    peers3 = [(r, t) for r, t in peers3 if r]
    if g3 and peers3:
        p3, t3 = max(peers3)
        name3 = LABEL[t3] + ('' if len(peers3) == 2 else ', the only version measured')
        w(f'- scale {scale}, operation 3 ≥ PostGraphile (issue 5): {g3:.1f} vs {p3:.1f} rps, the faster being {name3} (ratio {g3 / p3:.2f}): **{"met" if g3 >= p3 else "MISSED"}**')
        w(f'- scale {scale}, operation 3 ≥ 2× the faster PostGraphile (issue 12): {g3:.1f} vs 2 × {p3:.1f} rps ({name3}): **{"met" if g3 >= 2 * p3 else "MISSED"}**')
    for op in ('1-village-dashboard', '2-person-profile'):
        g, b = rps(scale, 'gateway', op), rps(scale, 'baseline', op)
        if g and b:
            w(f'- scale {scale}, operation {op[0]} ≥ half the raw-SQL baseline: {g:.1f} vs {b:.1f} rps (ratio {g / b:.2f}): **{"met" if g >= b / 2 else "MISSED"}**')
if '1.0' in scales:
    for op in ('1-village-dashboard', '2-person-profile'):
        o = find('1.0', 'gateway', op, 'open', 200)
        if not o:
            c = find('1.0', 'gateway', op, 'closed')
            cap = f'{c["result"]["rps"]:.1f}' if c else '?'
            w(f'- scale 1.0, operation {op[0]} p99 < 50 ms at 200 rps: **not measured at 200/s** (rates run: {rates}); the closed-loop throughput on this machine was {cap} rps, so 200/s could only measure a growing queue: **MISSED** (cannot be shown here)')
        if o:
            p99 = o['result']['p99_ms']
            w(f'- scale 1.0, operation {op[0]} p99 < 50 ms at 200 rps: {p99:.1f} ms (sent at {o["result"]["achieved_send_rps"]}/s): **{"met" if p99 < 50 else "MISSED"}**')
else:
    w('- p99 < 50 ms at 200 rps at scale 1.0: **not measured** (scale 1.0 not in this run)')
errs = sum((r['result'].get('errors', 0) + r['result'].get('socket_errors', 0)) for r in rows if 'result' in r and r['target'] == 'gateway')
w(f'- no errors with a 256 MB heap: gateway errors over all measurements: {errs}: **{"met" if errs == 0 else "MISSED"}**\n')

# profile
jfrs = [(sc, os.path.join(run, f'gateway_{sc.replace(".", "_")}.jfr')) for sc in scales]
jfrs = [(sc, j) for sc, j in jfrs if os.path.exists(j)]
if jfrs:
    sc, j = jfrs[-1]
    w(f'## Profile (JFR, gateway, scale {sc})\n')
    w('Recorded with `-XX:StartFlightRecording=settings=profile` over the whole scale run (all five operations, closed and open loop).\n')
    w(subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'jfr_hotspots.py'), j, '15'],
                     capture_output=True, text=True).stdout)

# plot
dat = os.path.join(run, 'plot.dat')
series = [('gateway', '1-village-dashboard'), ('baseline', '1-village-dashboard'), ('gateway', '2-person-profile'),
          ('baseline', '2-person-profile'), ('gateway', '3-people-page'), ('postgraphile', '3-people-page'),
          ('postgraphile5', '3-people-page')]
with open(dat, 'w') as fh:
    for scale in scales:
        for t, op in series:
            fh.write(f'# {scale} {t} {op}\n')
            for rate in rates:
                o = find(scale, t, op, 'open', rate)
                fh.write(f'{rate} {o["result"]["p99_ms"] if o else "NaN"}\n')
            fh.write('\n\n')
png = dest + '.png'
gp = [f'set terminal pngcairo size {520 * len(scales)},440 font ",9"', f'set output "{png}"',
      f'set multiplot layout 1,{len(scales)} title "p99 latency (ms, log scale) against request rate: gateway vs raw-SQL baseline vs PostGraphile 4 and 5"',
      'set logscale y', 'set xlabel "requests per second (open loop)"', 'set ylabel "p99 ms"', 'set key top left font ",8"', 'set grid',
      f'set xtics ({",".join(str(r) for r in rates)})']
styles = ['lc rgb "#1f77b4" lw 2 pt 7', 'lc rgb "#1f77b4" dt 2 pt 6', 'lc rgb "#d62728" lw 2 pt 5',
          'lc rgb "#d62728" dt 2 pt 4', 'lc rgb "#2ca02c" lw 2 pt 9', 'lc rgb "#2ca02c" dt 2 pt 8',
          'lc rgb "#9467bd" dt 3 pt 10']
idx = 0
for scale in scales:
    plots = []
    for k, (t, op) in enumerate(series):
        plots.append(f'"{dat}" index {idx} using 1:2 with linespoints {styles[k]} title "{LABEL.get(t, t)} op{op[0]}"')
        idx += 1
    gp.append(f'set title "scale {scale}"')
    gp.append('plot ' + ', '.join(plots))
gp.append('unset multiplot')
subprocess.run(['gnuplot'], input='\n'.join(gp), text=True, check=False)
w(f'## Plot\n\n![p99 against rate]({os.path.basename(png)})\n')
w('(Missing points: the open-loop run at that rate did not finish or was not measured.)\n')
with open(dest + '.md', 'w') as fh:
    fh.write('\n'.join(out) + '\n')
print(dest + '.md')
