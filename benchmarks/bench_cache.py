"""How much a second run over the same pages costs: a PDF of N pages (drawn here from text written for the
benchmark, with a CJK font) is recognized twice with an empty cache folder; the second run must recognize nothing.

    python benchmarks/bench_cache.py                  # 20 pages, RapidOCR, 1 worker
    python benchmarks/bench_cache.py --pages 5 --workers 2 --json /tmp/bench_cache.json

Prints the seconds of each run (recognize_file, and the whole convert to Markdown) and the ratio second/first;
exits 1 when the ratio of recognize_file is not below --max-ratio (default 0.02)."""
import argparse, json, os, sys, tempfile, time
from pathlib import Path

CLAUSES = ['为了规范{0}的管理，保障公共安全，提高服务水平，根据有关法律法规，结合本市实际，制定本办法。',
           '{0}的经营者应当建立健全安全管理制度，每年至少组织{1}次应急演练，并做好记录。',
           '市主管部门应当会同有关部门对{0}进行监督检查，发现问题的，应当在{1}个工作日内书面通知整改。',
           '违反本办法规定的，由主管部门责令限期改正；逾期不改正的，处{1}000元以上{2}万元以下的罚款。']
SUBJECTS = ['公共停车场', '城市公园', '社区菜市场', '公共图书馆', '体育场馆', '客运码头', '农贸市场', '游泳场所', '文化广场', '养老机构']

def page_text(i:int) -> tuple:
    "Title (first page only) and paragraphs of page `i`, all different"
    subj = SUBJECTS[i % len(SUBJECTS)]
    paras = [f'第{i * 4 + k + 1}条 ' + c.format(subj, k + 2, i % 9 + 1) for k, c in enumerate(CLAUSES)]
    return (f'{subj}管理办法' if i == 0 else None), [f'第{i + 1}章 {subj}'] + paras

def make_pdf(path:Path, n:int) -> Path:
    from ocr_post.recognize import text_page
    imgs = [text_page(ps, title=t, size=30).convert('L') for t, ps in map(page_text, range(n))]
    imgs[0].save(path, save_all=True, append_images=imgs[1:], resolution=144)
    return path

def timed(f, *a, **kw):
    t0 = time.perf_counter()
    out = f(*a, **kw)
    return out, time.perf_counter() - t0

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--pages', type=int, default=20)
    ap.add_argument('--workers', type=int, default=1)
    ap.add_argument('--engine', default='rapidocr')
    ap.add_argument('--max-ratio', type=float, default=0.02)
    ap.add_argument('--json', default=None, help='write the numbers here')
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp())
    os.environ['OCR_POST_CACHE'] = str(tmp / 'cache')  # before the imports that read it: an empty cache
    from ocr_post.recognize import recognize_file, Cache
    from ocr_post.pipeline import convert
    from ocr_post.export import export
    pdf, make_s = timed(make_pdf, tmp / 'bench.pdf', a.pages)
    d1, first = timed(recognize_file, pdf, a.engine, workers=a.workers)
    d2, second = timed(recognize_file, pdf, a.engine, workers=a.workers)
    _, conv2 = timed(lambda: export(convert(pdf, recognizer=a.engine), 'md'))
    r = dict(pages=a.pages, engine=a.engine, workers=a.workers, cpus=os.cpu_count(), make_pdf_s=round(make_s, 2),
             first_s=round(first, 3), second_s=round(second, 4), ratio=round(second / first, 5),
             first_recognized=d1.meta['recognizer']['recognized'], second_cache_hits=d2.meta['recognizer']['cache_hits'],
             second_recognized=d2.meta['recognizer']['recognized'], second_convert_to_md_s=round(conv2, 3),
             per_page_first_s=round(first / a.pages, 3), cache_entries=Cache().info()['entries'],
             load_average=os.getloadavg()[0] if hasattr(os, 'getloadavg') else None)
    print(json.dumps(r, indent=1, ensure_ascii=False))
    if a.json: Path(a.json).write_text(json.dumps(r, indent=1, ensure_ascii=False))
    ok = r['ratio'] < a.max_ratio and r['second_recognized'] == 0
    print(f"second run: {r['second_s']:.3f} s = {100 * r['ratio']:.2f}% of the first ({r['first_s']:.1f} s) -> {'OK' if ok else 'FAIL'}")
    return 0 if ok else 1

if __name__ == '__main__': sys.exit(main())
