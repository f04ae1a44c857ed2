#!/usr/bin/env python3
"""Writes the JSON request bodies of the five operations (documents from bench/operations/)
with the arguments of one scale (from params.sh, read as KEY=VALUE lines on stdin) into outdir.
Operation 5 carries the placeholder __KEY__, which the load generators replace per request."""
import json, os, sys
ops_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'operations')
p = dict(line.strip().split('=', 1) for line in sys.stdin if '=' in line)
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
variables = {
    '1-village-dashboard': {'code': p['VILLAGE']},
    '2-person-profile': {'idNumber': p['ID_NUMBER']},
    '3-people-page': {'under': p['TOWN'], 'tag': p['PEOPLE_TAG']},
    '4-incident-stats': {'code': p['DISTRICT']},
    '5-report-grid-event': {'input': {'idempotencyKey': '__KEY__', 'category': 'SAFETY_HAZARD',
                                      'description': 'benchmark: loose manhole cover',
                                      'cellCode': p['CELL'], 'reporterId': p['WORKER']}},
}
# Bulk reads of personal data declare their purpose of access (README "Purpose of access"); the
# benchmark's caller is a district administrator.
purposes = {'1-village-dashboard': 'STATISTICS', '2-person-profile': 'RESIDENT_SERVICE', '3-people-page': 'STATISTICS'}
for name, v in variables.items():
    with open(os.path.join(ops_dir, name + '.graphql')) as f:
        doc = f.read()
    body = {'query': doc, 'variables': v}
    if name in purposes:
        body['extensions'] = {'purpose': {'code': purposes[name]}}
    with open(os.path.join(out, name + '.json'), 'w') as f:
        json.dump(body, f)
# PostGraphile's equivalents of operation 3 (see bench/postgraphile/people_under.sql), 4.14.1 and 5,
# with the same variables
for name in ('postgraphile-3-people-page', 'postgraphile5-3-people-page'):
    with open(os.path.join(ops_dir, name + '.graphql')) as f:
        doc = f.read()
    with open(os.path.join(out, name + '.json'), 'w') as f:
        json.dump({'query': doc, 'variables': {'town': p['TOWN'], 'tag': p['PEOPLE_TAG']}}, f)
