"""Throughput of the `clean` stage next to `jieba.lcut` over the same ~5 MB of text.

    python benchmarks/bench_clean.py [--mb 5]

The text: the project's clean corpora and error set, plus the real OCR outputs in ../shared/data when present,
repeated to the target size (UTF-8 bytes). Both run in this one process; jieba is initialised before timing. Times are CPU seconds of this process
(time.process_time), so other load on the machine does not distort them.
clean runs as the stage does: one block per line, `clean_text` with a document context (the Ctx build is timed).
Also prints clean's throughput on 1/5 of the text to show it is linear.
"""
import argparse, json, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent/'shared'/'data'

def sample_lines() -> list:
    "Lines of every text the project can read here"
    fx = ROOT/'tests'/'fixtures'
    lines = []
    for k in ('zh', 'en', 'mixed'): lines += (fx/f'clean_corpus_{k}.txt').read_text(encoding='utf-8').splitlines()
    lines += [json.loads(l)['noisy'] for l in (fx/'clean_errors.jsonl').read_text(encoding='utf-8').splitlines()]
    if DATA.exists():
        for f in sorted((DATA/'omnidocbench_demo'/'ocr_raw').glob('*.txt')) + sorted((DATA/'dev_cases').glob('*/tesseract.txt')):
            lines += f.read_text(encoding='utf-8').splitlines()
    return [l for l in lines if l.strip()]

def build(mb: float) -> list:
    "Lines repeated to about `mb` MB of UTF-8"
    base, out, size = sample_lines(), [], 0
    while size < mb * 1e6:
        for l in base:
            out.append(l); size += len(l.encode('utf-8')) + 1
            if size >= mb * 1e6: break
    return out

def time_clean(lines) -> float:
    from ocr_post.clean import clean_text, Ctx
    t = time.process_time()
    ctx = Ctx(doc_text='\n'.join(lines))
    for l in lines: clean_text(l, ctx=ctx)
    return time.process_time() - t

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--mb', type=float, default=5.0); a = ap.parse_args()
    lines = build(a.mb); text = '\n'.join(lines); n = len(text)
    import jieba; jieba.setLogLevel(60); jieba.initialize()
    from ocr_post.clean import tokenizer, english_words, confusions
    tokenizer(); english_words(); confusions()
    t = time.process_time(); jieba.lcut(text); tj = time.process_time() - t
    tc = time_clean(lines)
    tc5 = time_clean(lines[:len(lines)//5])
    print(f'text: {len(text.encode("utf-8"))/1e6:.2f} MB UTF-8, {n:,} characters, {len(lines):,} lines')
    print(f'jieba.lcut : {tj:6.2f} s  {n/tj/1e3:7.0f} k chars/s')
    print(f'clean      : {tc:6.2f} s  {n/tc/1e3:7.0f} k chars/s  ({tj/tc:.2f}x jieba)')
    print(f'clean 1/5  : {tc5:6.2f} s  {n/5/tc5/1e3:7.0f} k chars/s  (linearity: {tc/tc5/5:.2f} of 5x time)')

if __name__ == '__main__': main()
