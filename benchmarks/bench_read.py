"""Speed of the DeepSeek reader: read + `Document.to_json()` on documents of 250, 500 and 1,000 pages.

    python benchmarks/bench_read.py [--pages 250 500 1000] [--repeat 3]

Pages are the ten real samples of ../shared/data/deepseek_samples repeated in turn and joined with
`\\n<--- Page Split --->\\n`. Times are the best of `--repeat` runs, in CPU seconds of this process
(`time.process_time`, so other load on the machine does not count) and wall seconds; peak memory is measured in a
separate run under tracemalloc (Python allocations of read + to_json) and as the process's max RSS.
Before the timed runs, one untimed read + to_json of the largest document warms the allocator (the first run in a
fresh process pays for getting memory from the system: `--cold` times that run instead, in a new process per size).
"""
import argparse, gc, json, resource, subprocess, sys, time, tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from ocr_post.read import read  # noqa: E402

SAMPLES = ROOT.parent / 'shared' / 'data' / 'deepseek_samples'


def build(n: int) -> str:
    "An `n`-page DeepSeek document made of the samples in turn"
    pages = [p.read_text(encoding='utf-8') for p in sorted(SAMPLES.glob('sample_*.txt'))]
    return '\n<--- Page Split --->\n'.join(pages[i % len(pages)] for i in range(n))


def timed(f):
    "(cpu seconds, wall seconds, result) of `f()`"
    c, w = time.process_time(), time.perf_counter()
    r = f()
    return time.process_time() - c, time.perf_counter() - w, r


def bench(n: int, repeat: int) -> dict:
    text = build(n)
    best = None
    for _ in range(repeat):
        gc.collect()
        rc, rw, doc = timed(lambda: read(text))
        jc, jw, js = timed(doc.to_json)
        row = dict(read_cpu=rc, read_wall=rw, json_cpu=jc, json_wall=jw)
        del doc, js
        if best is None or rc + jc < best['read_cpu'] + best['json_cpu']: best = row
    tracemalloc.start()
    doc = read(text); js = doc.to_json()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    tot = best['read_cpu'] + best['json_cpu']
    return dict(pages=n, mb_in=len(text.encode()) / 1e6, blocks=len(doc.blocks), lines=len(doc.lines),
                mb_json=len(js.encode()) / 1e6, **best, pages_per_s=n / tot, read_pages_per_s=n / best['read_cpu'],
                peak_mb=peak / 1e6)


def cold(n: int) -> float:
    "CPU seconds of one read + to_json of `n` pages in a fresh process (what one CLI run pays)"
    code = (f"import sys, time; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'benchmarks')!r}]\n"
            f"from bench_read import build, read; t = build({n}); c = time.process_time(); read(t).to_json(); "
            f"print(time.process_time() - c)")
    return float(subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True).stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--pages', type=int, nargs='+', default=[250, 500, 1000])
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--json', action='store_true', help='print rows as JSON')
    ap.add_argument('--cold', action='store_true', help='also time one run per size in a fresh process')
    a = ap.parse_args()
    if not SAMPLES.exists(): sys.exit(f'no samples at {SAMPLES}')
    read(build(max(a.pages))).to_json()  # warm-up, untimed
    rows = [bench(n, a.repeat) for n in a.pages]
    for r in rows:
        if a.cold: r['cold_cpu'] = min(cold(r['pages']) for _ in range(a.repeat))
    if a.json: print(json.dumps(rows, indent=1)); return
    print(f"{'pages':>6} {'MB in':>6} {'blocks':>7} {'read s':>7} {'json s':>7} {'pages/s':>8} {'read-only p/s':>13} "
          f"{'peak MB':>8} {'wall s':>7}" + (f" {'cold p/s':>9}" if a.cold else ''))
    for r in rows:
        print(f"{r['pages']:6} {r['mb_in']:6.2f} {r['blocks']:7} {r['read_cpu']:7.3f} {r['json_cpu']:7.3f} "
              f"{r['pages_per_s']:8.0f} {r['read_pages_per_s']:13.0f} {r['peak_mb']:8.1f} {r['read_wall'] + r['json_wall']:7.3f}"
              + (f" {r['pages'] / r['cold_cpu']:9.0f}" if a.cold else ''))
    print(f"max RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          f"(CPU seconds, best of {a.repeat})")


if __name__ == '__main__':
    main()
