"""Per-case failures of the pipeline on holdout cases: headings, boundaries, lists, furniture, lost text.

`python holdout/diagnose.py [CASE_DIRS...]` (default: holdout/). Kinds: HEAD_FP / HEAD_FN (heading found / missed,
with what the true heading became), LEVEL, LIST_FP / LIST_FN, GLUED (a true block end with no predicted end: the
normalised text around it, `‖` at the end), SPLIT (a predicted end with no true end), LEAK? (a furniture string
inside a body block: a hint; the metric decides), MOVED / MOVED? (furniture blocks holding body text), MISSING /
EXTRA (stretches of 8+ normalised characters without counterpart). A diagnostic aid, not a metric."""
import sys, json
from ocr_post import evaluate as E
from ocr_post.pipeline import convert
from rapidfuzz.distance import Levenshtein

def short(s, n=70): s = s.replace('\n', '⏎'); return s if len(s) <= n else s[:n//2] + '…' + s[-n//2+1:]

def boundaries(pred, true):
    "truth ends not found (glued) and predicted ends not in truth (split), with context"
    ps, pe = E._ends(pred); ts, te = E._ends(true)
    pos, _ = E.align(ps, ts)
    mapped = [pos[e] for e in pe]
    out = []
    for k, t in enumerate(te):
        if not any(abs(m - t) <= 3 for m in mapped): out.append(('GLUED', ts[max(t-25,0):t] + ' ‖ ' + ts[t:t+25]))
    for k, m in enumerate(mapped):
        if not any(abs(m - t) <= 3 for t in te): out.append(('SPLIT', ts[max(m-25,0):m] + ' ‖ ' + ts[m:m+25]))
    return out

def diagnose(case, label):
    doc = convert(case.inputs[label], fmt=case.fmt(label))
    pred, true = E.doc_items(doc), E.truth_items(case.truth)
    furn = E.doc_items(doc, 'furniture')
    rep = []
    ph = [i for i in pred if i.type == 'heading']; th = [i for i in true if i.type == 'heading']
    pairs = E.match_items(ph, th); mp = {i for i, _ in pairs}; mt = {j for _, j in pairs}
    for i, h in enumerate(ph):
        if i not in mp: rep.append(('HEAD_FP', f'L{h.level} {short(h.text)}'))
    for j, h in enumerate(th):
        if j not in mt:
            got = [p for p in pred if E.norm(h.text)[:6] in E.norm(p.text)]
            rep.append(('HEAD_FN', f'L{h.level} {short(h.text)}  -> ' + (f'{got[0].type} L{got[0].level} "{short(got[0].text)}"' if got else 'not found')))
    for i, j in pairs:
        if ph[i].level != th[j].level: rep.append(('LEVEL', f'{short(th[j].text, 40)}: pred L{ph[i].level} truth L{th[j].level}'))
    pl = [i for i in pred if i.type == 'list_item']; tl = [i for i in true if i.type == 'list_item']
    lp = E.match_items(pl, tl); a = {i for i, _ in lp}; b = {j for _, j in lp}
    for i, x in enumerate(pl):
        if i not in a: rep.append(('LIST_FP', short(x.text)))
    for j, x in enumerate(tl):
        if j not in b:
            got = [p for p in pred if E.norm(x.text)[:6] in E.norm(p.text)]
            rep.append(('LIST_FN', short(x.text) + '  -> ' + (f'{got[0].type} "{short(got[0].text)}"' if got else 'not found')))
    rep += boundaries(pred, true)
    lk = E.furniture_leak(pred, true, case.truth['furniture'])
    if lk['leaked']:
        for f in case.truth['furniture']:
            hits = [p for p in pred if E.norm(f['text']) and E.fold_dashes(E.norm(f['text'])) in E.fold_dashes(E.norm(p.text))]
            if hits: rep.append(('LEAK?', f"p{f['page']} {f['type']} {f['text']!r} in {hits[0].type} \"{short(hits[0].text)}\""))
    cl = E.char_loss(pred, true, furn)
    if cl['furniture_false'] > 0:
        tb = ''.join(E.norm(i.text) for i in true)
        for f in furn:
            if len(E.norm(f.text)) > 3 and E.norm(f.text) in tb: rep.append(('MOVED', f'{f.type} "{short(f.text)}"'))
            elif len(E.norm(f.text)) > 3 and not any(E.norm(f.text) in E.fold_dashes(E.norm(x['text'])) or Levenshtein.normalized_distance(E.norm(f.text), E.norm(x['text'])) < .3 for x in case.truth['furniture']):
                rep.append(('MOVED?', f'{f.type} "{short(f.text)}"'))
    # missing stretches
    ps, ts = ''.join(E.norm(i.text) for i in pred), ''.join(E.norm(i.text) for i in true)
    for op in Levenshtein.opcodes(ps, ts):
        if op.tag in ('insert', 'replace') and op.dest_end - op.dest_start >= 8 and (op.tag == 'insert' or op.src_end - op.src_start < (op.dest_end - op.dest_start) / 2):
            rep.append(('MISSING', short(ts[op.dest_start:op.dest_end], 80)))
        if op.tag in ('delete',) and op.src_end - op.src_start >= 8:
            rep.append(('EXTRA', short(ps[op.src_start:op.src_end], 80)))
    return rep

from pathlib import Path
cases = E.load_cases(sys.argv[1:] or [Path(__file__).resolve().parent])
for c in cases:
    for label in c.inputs:
        r = diagnose(c, label)
        print(f'\n== {c.name} / {label} ({len(r)})')
        for k, v in r: print(f'  {k:8} {v}')
