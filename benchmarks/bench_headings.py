"""Heading P/R/F1 and level accuracy per input format, against a naive `#`-only baseline.

Usage: python benchmarks/bench_headings.py [--pipeline] [CASES_DIR ...]
  --pipeline runs repair, clean, layout and paragraphs before `headings` (as `convert` does);
  CASES_DIR defaults to ../shared/data/dev_cases and devset/ (each reported on its own).
Matching follows dev_cases/README.md: one-to-one, normalised (NFKC, no whitespace) NED <= 0.25, closest first."""
import json, re, sys, statistics as st, unicodedata
from pathlib import Path
from rapidfuzz.distance import Levenshtein
from ocr_post.read import read
from ocr_post.headings import headings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent/'shared'/'data'/'dev_cases', ROOT/'devset']
FORMATS = {'deepseek': ('deepseek.mmd', 'deepseek'), 'rapidocr': ('rapidocr.json', 'lines-json'), 'tesseract': ('tesseract.txt', 'text')}

def norm(s): return re.sub(r'\s+', '', unicodedata.normalize('NFKC', s))
def ned(a, b): a, b = norm(a), norm(b); return Levenshtein.distance(a, b) / max(len(a), len(b), 1)

def score(pred, truth):
    "Precision, recall, F1 and exact-level accuracy of (text, level) lists"
    cands = sorted((ned(p[0], t[0]), abs(i/len(pred) - j/len(truth)), i, j) for i, p in enumerate(pred) for j, t in enumerate(truth))
    up, ut, pairs = set(), set(), []
    for d, _, i, j in cands:
        if d > 0.25: break
        if i not in up and j not in ut: up.add(i); ut.add(j); pairs.append((i, j))
    P = len(pairs)/len(pred) if pred else float(not truth); R = len(pairs)/len(truth) if truth else 1.0
    return P, R, (2*P*R/(P+R) if P+R else 0.0), (sum(pred[i][1] == truth[j][1] for i, j in pairs)/len(pairs) if pairs else 0.0)

def naive(doc):
    "Headings only from markdown `#`, level = the count"
    return [(b.text, b.attrs['md_level']) for b in doc.body if 'md_level' in b.attrs]

def ours(doc, pipeline):
    if pipeline:
        from ocr_post.pipeline import run_stages
        doc = run_stages(doc, ['repair', 'clean', 'layout', 'paragraphs'])
    return [(b.text, b.level) for b in headings(doc).body if b.type == 'heading']

def table(cases_dir, pipeline=False):
    "Print one Markdown table for the cases in `cases_dir`"
    cases = sorted(p for p in Path(cases_dir).iterdir() if (p/'truth.json').exists())
    print(f'\n{Path(cases_dir).name} ({len(cases)} cases)\n\n| format | method | P | R | F1 | level acc |\n|---|---|---|---|---|---|')
    for fmt, (fname, rfmt) in FORMATS.items():
        rows = {'naive (#)': [], 'headings': []}
        for case in cases:
            truth = [(b['text'], b['level']) for b in json.loads((case/'truth.json').read_text())['blocks'] if b['type'] == 'heading']
            doc = read((case/fname).read_text(), rfmt)
            rows['naive (#)'].append(score(naive(doc), truth)); rows['headings'].append(score(ours(doc, pipeline), truth))
        for name, r in rows.items():
            print(f'| {fmt} | {name} | ' + ' | '.join(f'{st.mean(x):.3f}' for x in zip(*r)) + ' |')

def main(argv):
    for d in [a for a in argv if not a.startswith('--')] or DEFAULT:
        if Path(d).exists(): table(d, '--pipeline' in argv)

if __name__ == '__main__': main(sys.argv[1:])
