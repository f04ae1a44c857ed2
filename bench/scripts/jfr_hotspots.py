#!/usr/bin/env python3
"""Hot spots of a gateway flight recording: execution samples by top frame (self) and by
method anywhere on the stack (inclusive), as a Markdown fragment.
usage: jfr_hotspots.py <recording.jfr> [n]"""
import collections, re, subprocess, sys

path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
text = subprocess.run(['jfr', 'print', '--stack-depth', '96', '--events', 'jdk.ExecutionSample', path],
                      capture_output=True, text=True).stdout
self_c, incl, pkg = collections.Counter(), collections.Counter(), collections.Counter()
total = 0
for block in text.split('jdk.ExecutionSample')[1:]:
    m = re.search(r'stackTrace = \[(.*?)\n\s*\]', block, re.S)
    if not m:
        continue
    frames = [re.sub(r'\s+line:.*$', '', l.strip()) for l in m.group(1).strip().splitlines() if l.strip() and l.strip() != '...']
    if not frames or any('ShanzhiApplication.main' in f for f in frames):
        continue  # start-up (Spring context, Flyway) is not request processing
    total += 1
    self_c[frames[0]] += 1
    for f in set(frames):
        incl[f] += 1
    top = frames[0]
    for p in ('graphql.', 'shanzhi.', 'com.netflix.', 'io.r2dbc.', 'reactor.', 'io.netty.', 'com.fasterxml.', 'org.springframework.',
              'com.nimbusds.', 'java.', 'jdk.', 'sun.'):
        if top.startswith(p):
            pkg[p] += 1
            break
    else:
        pkg['other'] += 1
print(f'{total} execution samples of request processing (start-up on the main thread excluded).\n')
print('Self time by package of the top frame: ' + ', '.join(f'`{p}` {100 * c / total:.0f}%' for p, c in pkg.most_common()) + '\n')
print('| top frame (self) | share |\n|---|---|')
for f, c in self_c.most_common(n):
    print(f'| `{f[:110]}` | {100 * c / total:.1f}% |')
print('\n| on the stack (inclusive), gateway and library methods | share |\n|---|---|')
shown = 0
for f, c in incl.most_common(400):
    if f.startswith(('shanzhi.', 'graphql.', 'com.netflix.', 'com.fasterxml.', 'io.r2dbc.postgresql', 'com.nimbusds', 'org.springframework.graphql', 'org.springframework.security')):
        print(f'| `{f[:110]}` | {100 * c / total:.1f}% |')
        shown += 1
        if shown >= n:
            break
