"""Per-dataset, per-format means of an `ocr-post bench` JSON (pipeline and raw), holdout next to the dev sets.

Run from the repository root:
  ocr-post bench holdout devset ../shared/data/dev_cases --baseline raw --json /tmp/holdout.json
  python holdout/summarize.py /tmp/holdout.json [-v]   (-v: holdout rows per case)"""
import json, sys
from pathlib import Path
from statistics import mean
res = json.load(open(sys.argv[1]))['results']
ROOT = Path(__file__).resolve().parent.parent
names = lambda d: {p.name for p in d.iterdir() if (p/'truth.json').exists()} if d.exists() else set()
sets = {'holdout': names(ROOT/'holdout'), 'devset': names(ROOT/'devset'), 'dev_cases': names(ROOT.parent/'shared'/'data'/'dev_cases')}
COLS = [('para F1', ('para_f1', 'f1')), ('head F1', ('heading', 'f1')), ('level', ('heading', 'level_acc')),
        ('list F1', ('list_f1', 'f1')), ('leak', ('furniture_leak',)), ('moved', ('furniture_false',)),
        ('NED', ('text_ned', 'raw')), ('NED nfkc', ('text_ned', 'nfkc')), ('missing', ('body_missing',))]
def get(s, path):
    for k in path: s = s.get(k) if isinstance(s, dict) else None
    return s
for variant in ('pipeline', 'raw'):
    print(f'\n### {variant}\n')
    print('| input | set | n | ' + ' | '.join(c for c, _ in COLS) + ' |')
    print('|---|---|---|' + '---|' * len(COLS))
    for fmt in ('deepseek', 'text', 'lines-json'):
        for name, cases in sets.items():
            rows = [r for r in res if r['case'] in cases and r['format'] == fmt and r['variant'] == variant]
            err = [r for r in rows if 'error' in r]
            sc = [r['scores'] for r in rows if 'scores' in r]
            vals = []
            for _, p in COLS:
                xs = [get(s, p) for s in sc]; xs = [x for x in xs if x is not None]
                vals.append(f'{mean(xs):.3f}' if xs else '–')
            print(f'| {fmt} | {name} | {len(sc)}{" ERR"+str(len(err)) if err else ""} | ' + ' | '.join(vals) + ' |')
if '-v' in sys.argv:
    print('\n### holdout per case (pipeline)\n')
    print('| case | input | ' + ' | '.join(c for c, _ in COLS) + ' |')
    print('|---|---|' + '---|' * len(COLS))
    for r in res:
        if r['case'] in sets['holdout'] and r['variant'] == 'pipeline' and 'scores' in r:
            print(f"| {r['case']} | {r['format']} | " + ' | '.join(f'{get(r["scores"], p):.3f}' if get(r['scores'], p) is not None else '–' for _, p in COLS) + ' |')
