"""Speed of the `layout` + `paragraphs` stages on one core: pages per second and growth in pages.

Usage: taskset -c 0 python benchmarks/bench_layout.py [--pages 50 100 200 400 800] [--repeat 5]
       python benchmarks/bench_layout.py --quality [DATA]   (paragraph F1, list F1, furniture per input format)
       taskset -c 0 python benchmarks/bench_layout.py --real [DATA]   (pages/s on the dev cases' real inputs)
       taskset -c 0 python benchmarks/bench_layout.py --ab REV [--repeat 21]   (the stages at git revision REV against
           the working tree's, alternating in one process, so the machine's load weighs on both alike)

Times are CPU seconds of this process (`time.process_time`, best of `--repeat` runs), so other jobs on a shared
machine slow the figure less than wall-clock time would; pin to one core with `taskset -c 0`.

Pages are synthetic line-level pages (the shape of a RapidOCR lines-json page: a running header, a page number,
a full-width title on some pages, two interleaved columns of ~40 lines of mixed Chinese and English text,
paragraphs with first-line indents and short last lines), so the benchmark needs no data files.
"""
import argparse, json, random, tempfile, time
from pathlib import Path
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
        l = r = None  # the last run's documents are freed here, not inside the timed calls
        t0 = time.process_time(); l = layout(d); t1 = time.process_time(); r = paragraphs(l); t2 = time.process_time()
        best = [min(best[0], t1 - t0), min(best[1], t2 - t1), min(best[2], t2 - t0)]
    return tuple(best)

def real_speed(data='../shared/data', repeat=7) -> dict:
    "Pages/s of layout, paragraphs and both on the dev cases' RapidOCR, Tesseract and DeepSeek inputs (best CPU time of `repeat`)"
    from ocr_post.read import read
    D, out = Path(data)/'dev_cases', {}
    for fmt, name in (('lines-json', 'rapidocr.json'), ('text', 'tesseract.txt'), ('deepseek', 'deepseek.mmd')):
        docs = [read(p/name, fmt) for p in sorted(D.iterdir()) if (p/name).exists()]
        pages, best = sum(len(d.pages) for d in docs), [float('inf')] * 2
        for _ in range(repeat):
            em_len.cache_clear(); ls = ps = None  # the last run's documents are freed here, not inside the timed calls
            t0 = time.process_time(); ls = [layout(d) for d in docs]; t1 = time.process_time()
            ps = [paragraphs(l) for l in ls]
            t2 = time.process_time(); best = [min(best[0], t1 - t0), min(best[1], t2 - t1)]
        out[fmt] = dict(pages=pages, lines=sum(len(d.blocks) for d in docs), layout=pages / best[0], paragraphs=pages / best[1], both=pages / sum(best))
    return out

def _stages_at(rev:str):
    "The `layout` and `paragraphs` modules of git revision `rev`, imported as a package of their own (`ocr_post_ab`)"
    import subprocess, sys, importlib
    root = Path(tempfile.mkdtemp()); pkg = root/'ocr_post_ab'; pkg.mkdir(); (pkg/'__init__.py').write_text('')
    for m in ('layout', 'paragraphs'):
        src = subprocess.run(['git', 'show', f'{rev}:ocr_post/{m}.py'], capture_output=True, text=True, check=True).stdout
        (pkg/f'{m}.py').write_text(src.replace('from .document import', 'from ocr_post.document import'))  # the data model is shared
    sys.path.insert(0, str(root))
    return importlib.import_module('ocr_post_ab.layout'), importlib.import_module('ocr_post_ab.paragraphs')

def ab(rev:str, repeat=21, data='../shared/data') -> dict:
    "Pages/s of both stages at git revision `rev` and in the working tree, alternating in one process (best CPU time of `repeat`), on the real inputs and 30 synthetic pages"
    from ocr_post import layout as NL, paragraphs as NP
    from ocr_post.read import read
    OL, OP = _stages_at(rev)
    D, sets = Path(data)/'dev_cases', {}
    for fmt, name in (('lines-json', 'rapidocr.json'), ('text', 'tesseract.txt'), ('deepseek', 'deepseek.mmd')):
        sets[fmt] = [read(p/name, fmt) for p in sorted(D.iterdir()) if (p/name).exists()] if D.exists() else []
    sets['synthetic'] = [make_doc(30)]
    out = {}
    for k, docs in sets.items():
        if not docs: continue
        best = {'old': [float('inf')] * 2, 'new': [float('inf')] * 2}
        for _ in range(repeat):
            for tag, L, P in (('old', OL, OP), ('new', NL, NP)):
                L.em_len.cache_clear(); ls = ps = None
                t0 = time.process_time(); ls = [L.layout(d) for d in docs]; t1 = time.process_time(); ps = [P.paragraphs(l) for l in ls]; t2 = time.process_time()
                best[tag] = [min(best[tag][0], t1 - t0), min(best[tag][1], t2 - t1)]
        n = sum(len(d.pages) for d in docs)
        out[k] = {tag: dict(layout=n / b[0], paragraphs=n / b[1], both=n / sum(b)) for tag, b in best.items()}
    return out

# --- quality: the same stages scored on the dev cases, the OCR trial pages and the OmniDocBench demo pages ---

GT_TYPES = {'title': 'heading', 'heading': 'heading', 'para': 'paragraph', 'list_item': 'list_item',
            'header': 'header', 'footer': 'footer', 'page_number': 'page_number', 'caption': 'caption'}

def trial_truth(gt:dict) -> dict:
    "A truth dict (body blocks in order, then furniture) from one `*.gt.json` page"
    blocks = []
    for i, b in enumerate(gt['blocks'], 1):
        t = GT_TYPES.get(b['type'], 'paragraph')
        layer = 'furniture' if t in ('header', 'footer', 'page_number') else 'body'
        lvl = 1 if b['type'] == 'title' else (b.get('level') or None) and b['level'] + 1 if t == 'heading' else None
        blocks.append({'id': f'b{i}', 'type': t, 'level': lvl, 'text': b['text'], 'layer': layer, 'pages': [1]})
    blocks = [b for b in blocks if b['layer'] == 'body'] + [b for b in blocks if b['layer'] == 'furniture']
    furn = [{'page': 1, 'type': b['type'], 'text': b['text']} for b in blocks if b['layer'] == 'furniture']
    return {'doc_id': gt['page_id'], 'blocks': blocks, 'furniture': furn, 'page_count': 1,
            'pages': [{'page': 1, 'width': gt['width'], 'height': gt['height']}]}

def rapid_to_lines_json(raw:list, w, h) -> str:
    "RapidOCR's raw list (quad boxes) as the lines-JSON format"
    lines = [{'text': r['text'], 'score': r.get('score'),
              'bbox': [min(p[0] for p in r['box']), min(p[1] for p in r['box']), max(p[0] for p in r['box']), max(p[1] for p in r['box'])]} for r in raw]
    return json.dumps({'pages': [{'width': w, 'height': h, 'lines': lines}]}, ensure_ascii=False)

def tess_to_lines_json(d:dict, w, h) -> str:
    "pytesseract `image_to_data` dict (words) as the lines-JSON format (one entry per Tesseract line)"
    lines, cur = [], {}
    for i, lv in enumerate(d['level']):
        if lv != 5 or not d['text'][i].strip(): continue
        k = (d['block_num'][i], d['par_num'][i], d['line_num'][i])
        x0, y0 = d['left'][i], d['top'][i]
        box = [x0, y0, x0 + d['width'][i], y0 + d['height'][i]]
        if k not in cur: cur[k] = {'text': d['text'][i], 'bbox': box, 'score': None}; lines.append(cur[k])
        else:
            c = cur[k]; c['text'] += ' ' + d['text'][i]
            c['bbox'] = [min(c['bbox'][0], box[0]), min(c['bbox'][1], box[1]), max(c['bbox'][2], box[2]), max(c['bbox'][3], box[3])]
    return json.dumps({'pages': [{'width': w, 'height': h, 'lines': lines}]}, ensure_ascii=False)

def trial_cases(root, out_dir=None) -> list:
    "One `Case` per page variant of `root` with a `.gt.json`; converted inputs are written to `out_dir`"
    from ocr_post.evaluate import Case
    root = Path(root); out = Path(out_dir or tempfile.mkdtemp())
    cases = []
    for gtp in sorted((root/'pages').glob('*.gt.json')):
        gt = json.loads(gtp.read_text(encoding='utf-8')); stem = gtp.name[:-len('.gt.json')]
        inputs, formats = {}, {}
        for eng in ('rapid3', 'rapid14'):
            p = root/'ocr_raw'/f'{stem}.{eng}.lines.json'
            if p.exists():
                q = out/f'{stem}.{eng}.lines.json'; q.write_text(rapid_to_lines_json(json.loads(p.read_text()), gt['width'], gt['height']), encoding='utf-8')
                inputs[f'{eng}-boxes'], formats[f'{eng}-boxes'] = q, 'lines-json'
        for tess in sorted((root/'ocr_raw').glob(f'{stem}.tess_*.txt')):
            lab = tess.name[len(stem) + 1:-4]
            inputs[lab], formats[lab] = tess, 'text'
            pj = tess.with_suffix('.lines.json')
            if pj.exists():
                q = out/pj.name; q.write_text(tess_to_lines_json(json.loads(pj.read_text()), gt['width'], gt['height']), encoding='utf-8')
                inputs[lab + '-boxes'], formats[lab + '-boxes'] = q, 'lines-json'
        cases.append(Case(stem, None, trial_truth(gt), inputs, formats=formats))
    return cases

def quality(data='../shared/data') -> list:
    "Rows (set, input, variant, n, para F1, list F1, leak, moved out) for `layout,paragraphs` against the raw baseline"
    from ocr_post.evaluate import bench as ev_bench, summarize, load_cases
    data, rows = Path(data), []
    sets = {'dev_cases': lambda: load_cases(data/'dev_cases'), 'ocr_trials': lambda: trial_cases(data/'ocr_trials'),
            'omnidocbench_demo': lambda: load_cases(data/'omnidocbench_demo'/'OmniDocBench_demo.json')}
    for name, load in sets.items():
        try: cases = load()
        except FileNotFoundError: continue
        S = summarize(ev_bench(cases, stages='layout,paragraphs', baseline=['raw']))
        for fmt, vs in S.items():
            for v, m in vs.items():
                rows.append(dict(set=name, input=fmt, variant='raw' if v == 'raw' else 'layout+paragraphs', n=m['n'], errors=m['errors'],
                                 para_f1=m['para_f1'], list_f1=m['list_f1'], leak=m['leak'], moved=m['moved']))
    return rows

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--pages', type=int, nargs='+', default=[50, 100, 200, 400, 800])
    ap.add_argument('--repeat', type=int, default=5)
    ap.add_argument('--quality', nargs='?', const='../shared/data', default=None)
    ap.add_argument('--real', nargs='?', const='../shared/data', default=None)
    ap.add_argument('--ab', metavar='REV', default=None, help='old (git revision REV) against new, alternating in one process')
    a = ap.parse_args()
    if a.ab:
        for k, r in ab(a.ab, a.repeat).items():
            o, n = r['old'], r['new']
            print(f"{k:11} layout {o['layout']:5.0f} -> {n['layout']:5.0f}  paragraphs {o['paragraphs']:5.0f} -> {n['paragraphs']:5.0f}  "
                  f"both {o['both']:5.0f} -> {n['both']:5.0f} p/s ({n['both'] / o['both']:.2f}x)")
        raise SystemExit
    if a.real:
        for fmt, r in real_speed(a.real).items():
            print(f"{fmt:11} {r['pages']} pages {r['lines']} blocks: layout {r['layout']:.0f} p/s, paragraphs {r['paragraphs']:.0f} p/s, both {r['both']:.0f} p/s")
        raise SystemExit
    if a.quality:
        f = lambda v: '–' if v is None else f'{v:.3f}'
        for r in quality(a.quality): print(f"{r['set']:18} {r['input']:24} {r['variant']:18} n={r['n']:<3} err={r['errors']} para F1 {f(r['para_f1'])}  list F1 {f(r['list_f1'])}  leak {f(r['leak'])}  moved {f(r['moved'])}")
        raise SystemExit
    print(f"{'pages':>6} {'lines':>7} {'layout p/s':>10} {'paras p/s':>10} {'seconds':>8} {'pages/s':>8} {'ms/page':>8}")
    for n in a.pages:
        l, p, s = bench(n, a.repeat)
        print(f'{n:>6} {len(make_doc(n).lines):>7} {n / l:10.0f} {n / p:10.0f} {s:8.3f} {n / s:8.0f} {1000 * s / n:8.3f}')
