#!/usr/bin/env python3
"""Compares PostGraphile 5's answer to operation 3 with 4.14.1's for the same variables.
usage: same_json.py <4's response.json> <5's response.json>
Prints one phrase for the run log; exits 0 only when both answered without errors, with at least
one row, and with the same JSON (rows in the same order: ids, fields, households)."""
import json, sys


def rows(path):
    with open(path) as f:
        body = json.load(f)
    if body.get('errors'):
        raise ValueError(f'{path}: errors {json.dumps(body["errors"])[:200]}')
    return [e['node'] for e in body['data']['peopleUnder']['edges']]


try:
    four, five = rows(sys.argv[1]), rows(sys.argv[2])
except Exception as e:  # unreadable, not JSON, or not the expected shape: say which
    print(f'could not be compared: {e}')
    sys.exit(1)
if not four:
    print('could not be compared: 4.14.1 returned no rows')
    sys.exit(1)
if four != five:
    ids4, ids5 = [n.get('id') for n in four], [n.get('id') for n in five]
    print(f'DIFFERS from 4.14.1\'s: {len(five)} rows vs {len(four)}, '
          + ('same ids, different fields' if ids4 == ids5 else f'ids {ids5[:5]}... vs {ids4[:5]}...'))
    sys.exit(1)
print(f'identical to 4.14.1\'s: {len(four)} rows (ids, fields, households)')
