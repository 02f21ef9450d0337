"""Build the offline documentation site: notebooks -> nbdev-processed notebooks -> Markdown pages -> mkdocs-material.

    python tools/build_site.py            # process nbs/ into _proc/, write pages to build/site_src/, build _site/
    python tools/build_site.py --no-site  # only the pages (for `mkdocs serve`)

Why not Quarto: nbdev's renderer is a binary that cannot be installed here. We keep nbdev's own processing
(the processor chain of `nbdev-proc-nbs`: frontmatter, hidden cells, `show_doc` cells executed for the API
reference, directives) and render its result with mkdocs-material, a pure-Python, fully offline toolchain with
search. One change to nbdev's chain: its `exec_show_docs` executes every cell holding an import, and aborts the
build when such a cell also uses a name from an unexecuted cell; we run only the imports of such cells.
Notebook outputs are stored outputs (`nbdev-test --save`): nothing is re-executed except `show_doc`.
"""
from __future__ import annotations
import argparse, ast, base64, html, json, os, re, shutil, subprocess, sys, warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBS, PROC, SRC, SITE = ROOT/'nbs', ROOT/'_proc', ROOT/'build'/'site_src', ROOT/'_site'

# ---------------------------------------------------------------- nbdev processing (the `nbdev-proc-nbs` step)

def _procs():
    "nbdev's docs processor chain with a lenient `exec_show_docs`"
    from nbdev import processors as P
    class exec_show_docs_lenient(P.exec_show_docs):
        "Run export and `show_doc` cells in full; of other cells only their top-level imports"
        def __call__(self, cell):
            if not self.nb.has_docs_ or not hasattr(self, 'k') or not P._do_eval(cell): return
            full = cell.directives_.keys() & {'export', 'exports', 'exporti', 'exec_doc'} or P._show_docs(cell.parsed_())
            if full: self.k.cell(cell)
            else: self.k.run('\n'.join(ast.unparse(t) for t in cell.parsed_() if isinstance(t, (ast.Import, ast.ImportFrom))))
            if (e := self.k.exc):
                self.k.exc = None
                if full: raise Exception(f'cell {cell.idx_}:\n{cell.source}\n{type(e).__name__}: {e}') from e
                warnings.warn(f'cell {cell.idx_}: {type(e).__name__}: {e}')
    class Procs(P.FilterDefaults):
        def base_procs(self):
            return [exec_show_docs_lenient if p is P.exec_show_docs else p for p in super().base_procs()]
    return Procs()

def _proc_one(args) -> str:
    "Process notebook `src` into `dst` with nbdev's processors (run in a fresh process: each has its own shell)"
    src, dst = (Path(a).resolve() for a in args)
    from fastcore.nbio import read_nb, write_nb
    os.environ['IN_TEST'] = '1'
    os.chdir(src.parent)  # notebooks run from their folder, as in nbdev-test
    warnings.filterwarnings('ignore', message='Found cells containing imports')
    nb = read_nb(src)
    _procs()(nb)
    write_nb(nb, dst)
    return dst.name

def notebooks(nbs:Path=NBS) -> list:
    "The notebooks that become pages, in notebook order (index first)"
    nbs_ = sorted(p for p in nbs.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    return sorted(nbs_, key=lambda p: (p.stem != 'index', p.name))

def process(nbs:Path=NBS, proc:Path=PROC, force:bool=False, workers:int=4) -> list:
    "Process the notebooks of `nbs` into `proc` (skipping those not changed since), return the processed paths"
    proc.mkdir(parents=True, exist_ok=True)
    srcs = notebooks(nbs)
    todo = [(str(s), str(proc/s.name)) for s in srcs
            if force or not (proc/s.name).exists() or (proc/s.name).stat().st_mtime < s.stat().st_mtime]
    if todo:
        run = lambda a: subprocess.run([sys.executable, __file__, '--proc-one', *a], capture_output=True, text=True)
        with ThreadPoolExecutor(min(workers, len(todo))) as ex:
            for (s, d), r in zip(todo, ex.map(run, todo)):
                if r.returncode: raise RuntimeError(f'processing {s} failed:\n{r.stderr[-3000:]}')
                print(f'processed {Path(s).name}', file=sys.stderr)
    return [proc/s.name for s in srcs]

# ---------------------------------------------------------------- processed notebook -> Markdown page

def _text(x) -> str: return ''.join(x) if isinstance(x, list) else (x or '')

def _fence(text:str, lang:str='') -> str:
    "A fenced code block longer than any backtick run in `text`"
    n = max([3] + [len(m) + 1 for m in re.findall(r'`{3,}', text)])
    return f"{'`' * n}{lang}\n{text.rstrip()}\n{'`' * n}"

def _directives(src:str) -> tuple:
    "Quarto `#| key: value` directives at the top of a cell and the rest of its source"
    lines, dirs = src.splitlines(), {}
    while lines and lines[0].startswith('#|'):
        k, _, v = lines.pop(0)[2:].partition(':')
        dirs[k.strip()] = v.strip()
    return dirs, '\n'.join(lines)

def frontmatter(nb:dict) -> dict:
    "The YAML frontmatter nbdev put in the first raw cell (title, description, output-file)"
    import yaml
    for c in nb['cells']:
        src = _text(c.get('source'))
        if c['cell_type'] == 'raw' and src.strip().startswith('---'):
            return yaml.safe_load(src.strip().strip('-')) or {}
    return {}

class Page:
    "Turns one processed notebook into a Markdown page, writing its images beside it"
    def __init__(self, nb:dict, name:str, out:Path, links:dict):
        self.nb, self.name, self.out, self.links, self.n = nb, name, out, links, 0

    def image(self, data:str, ext:str) -> str:
        "Write an output image, return its Markdown"
        self.n += 1
        d = self.out/f'{self.name}_files'; d.mkdir(parents=True, exist_ok=True)
        (d/f'out{self.n}.{ext}').write_bytes(base64.b64decode(data))
        return f'![output {self.n}]({self.name}_files/out{self.n}.{ext}){{ .nb-figure }}'

    def output(self, o:dict, asis:bool) -> str:
        "One output, richest static form first (a widget falls back to its HTML or text)"
        if o['output_type'] == 'stream':
            return '' if o.get('name') == 'stderr' else _fence(_text(o.get('text')), 'text')
        if o['output_type'] == 'error': return _fence('\n'.join(o.get('traceback', [])), 'text')
        d = o.get('data', {})
        if 'text/markdown' in d: return self.fix_links(_text(d['text/markdown']))
        if 'text/html' in d: return f'<div class="nb-output" markdown="0">\n{_text(d["text/html"]).strip()}\n</div>'
        if 'image/svg+xml' in d: return f'<div class="nb-output nb-figure">{_text(d["image/svg+xml"])}</div>'
        for mime, ext in (('image/png', 'png'), ('image/jpeg', 'jpg')):
            if mime in d: return self.image(_text(d[mime]).replace('\n', ''), ext)
        if 'text/plain' in d: return _fence(_text(d['text/plain']), 'text')
        return ''

    def cell(self, c:dict) -> str:
        "One cell as Markdown: prose as is, code fenced (unless `echo: false`), then its outputs"
        if 'source' not in c: return ''  # `#| hide`
        src = _text(c['source'])
        if c['cell_type'] == 'markdown': return self.fix_links(src)
        if c['cell_type'] != 'code': return ''
        dirs, code = _directives(src)
        parts = [] if dirs.get('echo') == 'false' or not code.strip() else [_fence(code, 'python')]
        if dirs.get('output') != 'false':
            parts += [self.output(o, dirs.get('output') == 'asis') for o in c.get('outputs', [])]
        return '\n\n'.join(p for p in parts if p)

    def fix_links(self, md:str) -> str:
        "Links to the published nbdev pages and to notebooks point at pages of this site"
        for url, page in self.links.items():
            md = re.sub(re.escape(url) + r'(#[\w.-]*)?', lambda m: page + (m.group(1) or '').lower(), md)
        return re.sub(r'\]\((?!https?:)([\w./-]+?)\.ipynb(#[^)]*)?\)', r'](\1.md\2)', md)

    def markdown(self) -> str:
        fm = frontmatter(self.nb)
        head = [f"---\ntitle: {json.dumps(fm.get('title', self.name), ensure_ascii=False)}\n---"]
        if fm.get('title'): head.append(f"# {fm['title']}")
        if fm.get('description'): head.append(f"> {fm['description']}")
        body = [self.cell(c) for c in self.nb['cells'] if c['cell_type'] != 'raw']
        return '\n\n'.join(p for p in head + body if p.strip() and '<!-- WARNING: THIS FILE WAS AUTOGENERATED' not in p) + '\n'

def doc_links(procs:list) -> dict:
    "Published nbdev page URL -> page of this site, from each notebook's `output-file`"
    from nbdev.config import get_config
    cfg = get_config()
    base = f'{cfg.doc_host}{cfg.doc_baseurl}'.rstrip('/')
    out = {}
    for p in procs:
        of = frontmatter(json.loads(p.read_text(encoding='utf-8'))).get('output-file')
        if of: out[f'{base}/{of}'] = f'{p.stem}.md'
    return out

def write_pages(procs:list, src:Path=SRC, nbs:Path=NBS) -> list:
    "Markdown pages for the processed notebooks `procs` in `src`, with nbs/images copied"
    if src.exists(): shutil.rmtree(src)
    src.mkdir(parents=True)
    links = doc_links(procs)
    for p in procs:
        nb = json.loads(p.read_text(encoding='utf-8'))
        (src/f'{p.stem}.md').write_text(Page(nb, p.stem, src, links).markdown(), encoding='utf-8')
    if (nbs/'images').exists(): shutil.copytree(nbs/'images', src/'images')
    css = ROOT/'tools'/'site'/'extra.css'
    if css.exists(): shutil.copy(css, src/'extra.css')
    return sorted(src.glob('*.md'))

# ---------------------------------------------------------------- mkdocs

def nav(procs:list) -> list:
    "Navigation in notebook order, each entry titled by its notebook's title"
    out = []
    for p in procs:
        t = frontmatter(json.loads(p.read_text(encoding='utf-8'))).get('title', p.stem)
        out.append({('Home' if p.stem == 'index' else t): f'{p.stem}.md'})
    return out

def build_site(procs:list, config:Path=ROOT/'mkdocs.yml', src:Path=SRC, site:Path=SITE):
    "Run mkdocs on the pages in `src` into `site`"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    cfg = load_config(str(config), docs_dir=str(src), site_dir=str(site), nav=nav(procs))
    build(cfg)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--force', action='store_true', help='process every notebook again')
    ap.add_argument('--no-site', action='store_true', help='only write the Markdown pages')
    ap.add_argument('--site', default=str(SITE), help='output folder (default _site/)')
    ap.add_argument('--proc-one', nargs=2, metavar=('SRC', 'DST'), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.proc_one: return _proc_one(a.proc_one)
    procs = process(force=a.force)
    pages = write_pages(procs)
    print(f'{len(pages)} pages in {SRC.relative_to(ROOT)}', file=sys.stderr)
    if not a.no_site:
        build_site(procs, site=Path(a.site))
        print(f'site in {a.site}', file=sys.stderr)

if __name__ == '__main__': main()
