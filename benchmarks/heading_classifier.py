"""Does a learned heading detector beat the rules? A logistic regression on the rules' own features, trained on
the project's labelled cases, compared with the rules on cases it did not see.

Usage: python benchmarks/heading_classifier.py [--model logreg|trees] [--train DIR ...] [--test DIR ...]
  Without --test: leave-one-case-out over the --train cases (default: ../shared/data/dev_cases devset holdout).
  With --test: trained on all --train cases, scored on the --test cases (e.g. a fresh held-out set).
Needs scikit-learn (`pip install -e ".[ml]"`); the package itself does not.

The classifier sees every body block the guards let through (the same `features` and `heading_evidence` the rules
weigh) and decides heading or not instead of the evidence threshold; guards, levels and the outline stay the rules'.
Labels: a candidate is a heading when its text matches a true heading (normalised NED ≤ 0.25, one-to-one, closest
first), the metric's own matching. Plain text and lines-json only: DeepSeek's labels make the rules exact there."""
import argparse, re, statistics as st, sys
from pathlib import Path
import numpy as np
from ocr_post import evaluate as E, headings as H

FORMATS = ('text', 'lines-json')
ROOT = Path(__file__).resolve().parents[1]

def ev_key(k:str) -> str: return re.sub(r' ×.*| [a-z_]+$', '', k) if k.startswith(('taller', 'numbering')) else k

EV_KEYS = ['markdown #', 'paragraphs: heading candidate', 'numbering', 'taller', 'centred', 'isolated by gaps',
           'isolated by blank lines', 'all capitals', 'short line before body text', 'second copy of a running header',
           'blank line before', 'blank line after', 'after a full sentence', 'title-like', 'opens the document',
           'under the opening line, before body text', 'over a heading line', 'under a heading line', 'worded like a heading']

def vector(f:dict, ev:dict) -> list:
    "The numbers the classifier sees for one candidate: evidence weights by kind, then raw features"
    w = dict.fromkeys(EV_KEYS, 0.0)
    for k, v in ev.items(): w[ev_key(k)] = w.get(ev_key(k), 0) + v
    num = f['num'] or {}
    clip = lambda x, a=-2, b=4: 0.0 if x is None else float(min(max(x, a), b))
    return [*w.values(), sum(ev.values()), clip(f['hr'], 0, 3), float(f['hr'] is None), float(f['centred']),
            clip(f['gap_above']), clip(f['gap_below']), float(f['blank']), float(f['next_blank']), float(f['short']),
            H._units(f['text']) / 30, len(f['text'].split()) / 15, float(f['caps']), float(f['cand']), float(bool(num)),
            num.get('depth', 0), float(f['lower']), min(f['letters'], 60) / 60, float(f['prev_term']), float(f['next_term']),
            float(bool(f['next_short'])), float(f['opening']), float(f['stack'] == 'top'), float(f['stack'] == 'bottom'),
            float(f['page_end']), float(f['hr'] is None and f['gap_above'] is None)]

class Recorder:
    "Wraps `headings.detect`: records every unguarded candidate, or lets `model` decide instead of the threshold"
    def __init__(self, model=None): self.rows, self.model, self.orig = [], model, H.detect
    def __enter__(self): H.detect = self.detect; return self
    def __exit__(self, *a): H.detect = self.orig
    def detect(self, doc, blocks, threshold=2.5):
        found, ctx = self.orig(doc, blocks, threshold)
        cands = []
        for i in range(len(blocks)):
            f = H.features(blocks, i, ctx)
            if H.false_heading(f, ctx): continue
            cands.append((i, f, H.heading_evidence(f, ctx)))
        self.rows = [(f['text'], vector(f, ev)) for _, f, ev in cands]  # the stage's last call counts
        if self.model is None or not cands: return found, ctx
        p = self.model.predict_proba(np.array([vector(f, ev) for _, f, ev in cands]))[:, 1]
        out = []
        for (i, f, ev), q in zip(cands, p):
            if q >= 0.5: f['evidence'] = ev | {'classifier': round(float(q), 3)}; out.append((i, f))
        return out, ctx

def run(case, label):
    "The pipeline's output for one case and input"
    from ocr_post.pipeline import convert
    return convert(case.inputs[label], fmt=case.fmt(label))

def labelled(case, label):
    "Feature rows and 0/1 labels of one case and input, from a pipeline run"
    with Recorder() as r: run(case, label)
    true = [i for i in E.truth_items(case.truth) if i.type == 'heading']
    pred = [E.Item('heading', t, None, None) for t, _ in r.rows]
    hit = {i for i, _ in E.match_items(pred, true)}
    return [v for _, v in r.rows], [int(k in hit) for k in range(len(r.rows))]

def fit(X, y, kind='logreg'):
    "A logistic regression (scaled features) or a small gradient-boosted tree ensemble on rows `X`, labels `y`"
    if kind == 'trees':
        from sklearn.ensemble import HistGradientBoostingClassifier
        return HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_depth=3, random_state=0).fit(X, y)
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)).fit(X, y)

def heads(case, label, model=None) -> dict:
    "Heading scores of the pipeline on one case and input, with the rules or with `model` deciding"
    with Recorder(model): doc = run(case, label)
    return E.score(doc, case, errors=False)['heading']

def table(rows:dict) -> str:
    out = ['| input | detector | head F1 | level acc | cases |', '|---|---|---|---|---|']
    for (fmt, who), rs in rows.items():
        out.append(f"| {fmt} | {who} | {st.mean(r['f1'] for r in rs):.3f} | {st.mean(r['level_acc'] for r in rs if r['level_acc'] is not None):.3f} | {len(rs)} |")
    return '\n'.join(out)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--train', nargs='+', default=[str(ROOT.parent/'shared'/'data'/'dev_cases'), str(ROOT/'devset'), str(ROOT/'holdout')])
    ap.add_argument('--test', nargs='*')
    ap.add_argument('--model', choices=('logreg', 'trees'), default='logreg')
    a = ap.parse_args(argv)
    train = E.load_cases(a.train)
    data = {(c.name, fmt): labelled(c, fmt) for c in train for fmt in FORMATS if fmt in c.inputs}
    rows = {(fmt, who): [] for fmt in FORMATS for who in ('rules', 'classifier')}
    def stack(keys):
        X = [v for k in keys for v in data[k][0]]; y = [l for k in keys for l in data[k][1]]
        return np.array(X), np.array(y)
    if a.test is None:  # leave one case out
        for c in train:
            model = fit(*stack([k for k in data if k[0] != c.name]), a.model)
            for fmt in FORMATS:
                if fmt not in c.inputs: continue
                rows[fmt, 'rules'].append(heads(c, fmt)); rows[fmt, 'classifier'].append(heads(c, fmt, model))
        print(f'{a.model}: leave-one-case-out over {len(train)} cases ({sum(len(v[1]) for v in data.values())} candidates)\n')
    else:
        model = fit(*stack(list(data)), a.model)
        for c in E.load_cases(a.test):
            for fmt in FORMATS:
                if fmt not in c.inputs: continue
                rows[fmt, 'rules'].append(heads(c, fmt)); rows[fmt, 'classifier'].append(heads(c, fmt, model))
        print(f'{a.model}: trained on {len(train)} cases, scored on {a.test}\n')
    print(table(rows))

if __name__ == '__main__': main()
