#!/usr/bin/env python3
"""The report of bench/engines.sh: medians of the rounds [min-max], both engines side by side."""
import json, statistics, sys

results, report, settings, commit = sys.argv[1:5]
rows = [json.loads(line) for line in open(results)]
scales = sorted({r['scale'] for r in rows if 'scale' in r}, key=float)
OPS = ['1-village-dashboard', '2-person-profile', '3-people-page', '4-incident-stats']


def pick(scale, target, op, mode):
    return [r for r in rows if r.get('scale') == scale and r.get('target') == target and r.get('op') == op
            and r.get('mode') == mode]


def med(values, digits=0):
    if not values:
        return 'n/a'
    m = statistics.median(values)
    return f"{m:.{digits}f} [{min(values):.{digits}f}-{max(values):.{digits}f}]"


def median(values):
    return statistics.median(values) if values else None


lines = [f"# Planned engine and reference engine, side by side", "",
         f"Commit {commit}; `bench/engines.sh {' '.join(scales)}` ({settings}); in every round the planned "
         "gateway, the reference gateway (same jar, `shanzhi.engine.planned=false`), PostGraphile 4.14.1 "
         "and 5.x (operation 3; the peer column shows the faster) and the raw-SQL baseline (operations 1 and 2) ran one after another on the same "
         "machine and data. Each figure is the median of the rounds [min-max]. Gateway CPU per request is "
         "the gateway process's CPU time during the closed loop divided by its requests.", ""]
for scale in scales:
    lines += [f"## Scale {scale}", "",
              "| operation | planned rps | reference rps | planned / reference | peer rps | planned / peer | "
              "planned CPU/req (ms) | reference CPU/req (ms) | planned p50 (ms) | errors (planned, reference) |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for op in OPS:
        p = pick(scale, 'planned', op, 'closed'); r = pick(scale, 'reference', op, 'closed')
        peer = 'postgraphile' if op.startswith('3') else 'baseline' if op[0] in '12' else None
        q = pick(scale, peer, op, 'closed') if peer else []
        if peer == 'postgraphile':
            # The target holds against the faster of PostGraphile 4.14.1 and 5.x.
            q5 = pick(scale, 'postgraphile5', op, 'closed')
            if q5 and (not q or median([x['result']['rps'] for x in q5]) > median([x['result']['rps'] for x in q])):
                peer, q = 'postgraphile5', q5
        prps = [x['result']['rps'] for x in p]; rrps = [x['result']['rps'] for x in r]; qrps = [x['result']['rps'] for x in q]
        ratio = f"{median(prps) / median(rrps):.2f}" if prps and rrps else 'n/a'
        pratio = f"{median(prps) / median(qrps):.2f} ({peer})" if prps and qrps else 'n/a'
        cpu = lambda xs: [1000 * x['cpu_s'] / max(1, x['result']['requests']) for x in xs]
        errors = (sum(x['result']['errors'] + x['result']['socket_errors'] for x in p),
                  sum(x['result']['errors'] + x['result']['socket_errors'] for x in r))
        lines.append(f"| {op} | {med(prps)} | {med(rrps)} | {ratio} | {med(qrps)} | {pratio} | {med(cpu(p), 2)} | "
                     f"{med(cpu(r), 2)} | {med([x['result']['p50_ms'] for x in p], 1)} | {errors[0]}, {errors[1]} |")
    pg4 = [x['result']['rps'] for x in pick(scale, 'postgraphile', '3-people-page', 'closed')]
    pg5 = [x['result']['rps'] for x in pick(scale, 'postgraphile5', '3-people-page', 'closed')]
    lines += ["", f"Operation 3 on PostGraphile: 4.14.1 {med(pg4)} rps, 5.x {med(pg5)} rps.", ""]
    lines += ["", f"Open loop at a fixed rate (p99 ms; errors):", ""]
    for op in OPS[:2]:
        for target in ('planned', 'reference'):
            o = pick(scale, target, op, 'open')
            if o:
                lines.append(f"- {op}, {target}, {o[0]['rate']}/s: p99 {med([x['result']['p99_ms'] for x in o], 1)} ms, "
                             f"p50 {med([x['result']['p50_ms'] for x in o], 1)} ms, errors "
                             f"{[x['result']['errors'] for x in o]}")
    over = pick(scale, 'planned', '1-village-dashboard', 'overload')
    if over:
        lines += ["", "Overload (planned gateway, operation 1, offered twice its closed-loop throughput): "
                  + "; ".join(f"offered {x['rate']}/s: admitted {x['result']['admitted']} p99 {x['result']['admitted_p99_ms']} ms, "
                              f"refused {x['result']['refused']} p99 {x['result']['refused_p99_ms']} ms, other errors "
                              f"{x['result']['errors']}" for x in over)]
    import os
    same = []
    for op in OPS:
        files = [os.path.join(os.path.dirname(results), f"{op}_{t}_{scale.replace('.', '_')}.json") for t in ('planned', 'reference')]
        if all(os.path.exists(f) for f in files):
            a, b = (json.load(open(f)) for f in files)
            same.append(f"{op} {'same' if a == b else 'DIFFERENT'}")
    lines += ["", "Answers of the two engines (last round, compared as JSON): " + ", ".join(same)]
    rss = {t: [r['vmhwm_kb'] / 1024 for r in rows if r.get('scale') == scale and r.get('target') == t and r.get('op') == 'process']
           for t in ('planned', 'reference')}
    lines += ["", f"Peak RSS (MiB, -Xmx256m): planned {med(rss['planned'])}, reference {med(rss['reference'])}", ""]
open(report, 'w').write("\n".join(lines) + "\n")
print("\n".join(lines))
