"""Speed of the `layout` + `paragraphs` stages on one core: pages per second and growth in pages.

Usage: taskset -c 0 python benchmarks/bench_layout.py [--pages 50 100 200 400 800] [--repeat 5]

Times are CPU seconds of this process (`time.process_time`, best of `--repeat` runs), so other jobs on a shared
machine slow the figure less than wall-clock time would; pin to one core with `taskset -c 0`.

Pages are synthetic line-level pages (the shape of a RapidOCR lines-json page: a running header, a page number,
a full-width title on some pages, two interleaved columns of ~40 lines of mixed Chinese and English text,
paragraphs with first-line indents and short last lines), so the benchmark needs no data files.
"""
import argparse, random, time
from ocr_post.document import Document, Page
from ocr_post.layout import layout, em_len
from ocr_post.paragraphs import paragraphs

WORDS = '数据 安全 处理 活动 保障 促进 开发 利用 保护 个人 组织 合法 权益 release cycle python version feature'.split()

def _text(rng, n): return ''.join(rng.choice(WORDS) for _ in range(n))

def make_doc(pages:int, seed=0) -> Document:
    "A synthetic two-column line-level document of `pages` pages"
    rng = random.Random(seed)
    d = Document(pages=[Page(i, 1240, 1754) for i in range(1, pages + 1)], meta={'format': 'lines-json'})
    def add(p, t, box):
        ln = d.add_line(t, box, p)
        d.add_block('paragraph', t, page=p, bbox=box, lines=[ln.id])
    for p in range(1, pages + 1):
        add(p, '数据合规法规汇编', [128, 60, 281, 91]); add(p, str(100 + p), [1073, 68, 1121, 99])
        y0 = 160
        if p % 5 == 1: add(p, '第一章 ' + _text(rng, 2), [420, 158, 825, 206]); y0 = 240
        cols = []
        for x0, x1 in ((125, 603), (640, 1120)):
            lines, y, k = [], y0, 0
            while y < 1560:
                first = k == 0 or rng.random() < 0.3
                last = rng.random() < 0.25
                xa = x0 + (40 if first else 0); xb = x1 - (rng.randint(100, 300) if last else 0)
                t = _text(rng, max(2, (xb - xa) // 60)) + ('。' if last else '')
                lines.append((t, [xa, y, xb, y + 34])); y += 34; k = 0 if last else k + 1
            cols.append(lines)
        for a, b in zip(*cols): add(p, *a); add(p, *b)
    return d

def bench(pages:int, repeat=5) -> tuple:
    "Best CPU seconds of `repeat` runs of `layout`, of `paragraphs`, and of both, on a `pages`-page document"
    d, best = make_doc(pages), [float('inf')] * 3
    for _ in range(repeat):
        em_len.cache_clear()  # every run measures text widths afresh
        t0 = time.process_time(); l = layout(d); t1 = time.process_time(); paragraphs(l); t2 = time.process_time()
        best = [min(best[0], t1 - t0), min(best[1], t2 - t1), min(best[2], t2 - t0)]
    return tuple(best)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--pages', type=int, nargs='+', default=[50, 100, 200, 400, 800])
    ap.add_argument('--repeat', type=int, default=5)
    a = ap.parse_args()
    print(f"{'pages':>6} {'lines':>7} {'layout p/s':>10} {'paras p/s':>10} {'seconds':>8} {'pages/s':>8} {'ms/page':>8}")
    for n in a.pages:
        l, p, s = bench(n, a.repeat)
        print(f'{n:>6} {len(make_doc(n).lines):>7} {n / l:10.0f} {n / p:10.0f} {s:8.3f} {n / s:8.0f} {1000 * s / n:8.3f}')
