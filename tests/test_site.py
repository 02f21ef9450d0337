"""The documentation site (`make docs`, tools/build_site.py).

Fast tests: a processed notebook becomes a Markdown page with its title, outputs (figures written beside the
page, widgets falling back to their HTML) and links pointing into the site.
Slow test (`--slow`): build the whole site, check it needs nothing from the network, and open the home page and
two stage pages in headless Chromium: each has its title, a figure from the notebook outputs, no console errors;
screenshots go to `build/site_shots/` (or $OCR_POST_SHOTS)."""
import base64, functools, http.server, importlib.util, io, json, os, re, socket, subprocess, sys, threading
from pathlib import Path
import pytest

# The site build writes _proc/ and build/site_src/: keep every test of this file on one xdist worker (one build).
pytestmark = pytest.mark.xdist_group('site')

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location('build_site', ROOT/'tools'/'build_site.py')
bs = importlib.util.module_from_spec(spec); spec.loader.exec_module(bs)

# The pages the browser test opens: the home page and two stage pages (override: OCR_POST_SITE_PAGES=a,b,c)
PAGES = os.environ.get('OCR_POST_SITE_PAGES', 'index,05_layout,06_paragraphs').split(',')

def _png() -> str:
    from PIL import Image
    buf = io.BytesIO(); Image.new('RGB', (4, 4), 'red').save(buf, format='PNG')
    return base64.b64encode(buf.getvalue()).decode()

def _nb() -> dict:
    out = lambda data: {'output_type': 'execute_result', 'data': data, 'metadata': {}, 'execution_count': 1}
    cells = [
        {'cell_type': 'raw', 'source': '---\ntitle: The stage\ndescription: What it does\noutput-file: stage.html\n---\n'},
        {'cell_type': 'markdown', 'source': 'See [`read`](https://example.invalid/ocr_post/read.html#read) and [viz](01_viz.ipynb).'},
        {'cell_type': 'code', 'source': '#| echo: false\n#| output: asis\nshow_doc(f)',
         'outputs': [out({'text/markdown': '### f\n\n*Does f*', 'text/plain': 'f'})]},
        {'cell_type': 'code', 'source': 'fig', 'outputs': [out({'image/png': _png(), 'text/plain': '<Figure>'})]},
        {'cell_type': 'code', 'source': 'explore(x)', 'outputs': [out({'application/vnd.jupyter.widget-view+json': {'model_id': 'x'},
                                                                        'text/html': '<div class="static">diff</div>', 'text/plain': 'Explorer()'})]},
        {'cell_type': 'code', 'source': "print('hi')", 'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': 'hi\n'}]},
        {'cell_type': 'code', 'metadata': {}, 'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': 'hidden\n'}]},
    ]
    return {'cells': cells, 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}

def test_page_markdown(tmp_path):
    links = {'https://example.invalid/ocr_post/read.html': '02_read.md'}
    md = bs.Page(_nb(), '03_stage', tmp_path, links).markdown()
    assert md.startswith('---\ntitle: "The stage"\n---') and '# The stage' in md and '> What it does' in md
    assert '](02_read.md#read)' in md and '](01_viz.md)' in md
    assert '### f' in md and 'show_doc' not in md  # `echo: false` hides the call, the markdown output stays
    assert '![output 1](03_stage_files/out1.png)' in md and (tmp_path/'03_stage_files'/'out1.png').exists()
    assert '<div class="static">diff</div>' in md and 'model_id' not in md  # a widget falls back to its HTML
    assert "```python\nprint('hi')\n```" in md and '```text\nhi\n```' in md and 'hidden' not in md

def test_fence_and_directives():
    assert bs._fence('a ```` b').startswith('`````')
    assert bs._directives('#| echo: false\n#| output: asis\nx = 1') == ({'echo': 'false', 'output': 'asis'}, 'x = 1')

def test_notebook_order():
    names = [p.stem for p in bs.notebooks()]
    assert names[0] == 'index' and names[1:] == sorted(names[1:])

# ---------------------------------------------------------------- slow: the whole site in a browser

EXTERNAL = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["\'](?:https?:)?//|@import\s+url\(["\']?https?:|'
                      r'url\(["\']?https?://', re.I)

def external_refs(site:Path) -> list:
    "Files of `site` that load a script, style, font, image or frame from another host"
    bad = []
    for p in list(site.rglob('*.html')) + list(site.rglob('*.css')):
        for m in EXTERNAL.finditer(p.read_text(encoding='utf-8', errors='replace')):
            bad.append(f'{p.relative_to(site)}: {m.group(0)[:120]}')
    return bad

@pytest.fixture(scope='module')
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp('site')
    r = subprocess.run([sys.executable, str(ROOT/'tools'/'build_site.py'), '--site', str(out)], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-4000:]
    return out

@pytest.fixture(scope='module')
def server(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}'
    httpd.shutdown()

CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                  '--disable-component-update', '--disable-sync', '--no-first-run', '--window-size=1280,1600']

@pytest.fixture(scope='module')
def browser():
    webdriver = pytest.importorskip('selenium.webdriver')
    if not Path('/usr/bin/chromium').exists() or not Path('/usr/bin/chromedriver').exists():
        pytest.skip('needs Debian chromium and chromium-driver')
    opts = webdriver.ChromeOptions()
    opts.binary_location = '/usr/bin/chromium'
    for f in CHROMIUM_FLAGS: opts.add_argument(f)
    opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    from selenium.webdriver.chrome.service import Service
    d = webdriver.Chrome(options=opts, service=Service('/usr/bin/chromedriver'))
    yield d
    d.quit()

@pytest.mark.slow
def test_site_offline(site):
    assert (site/'index.html').exists() and (site/'search'/'search_index.json').exists()
    assert external_refs(site) == []
    names = [p.stem for p in bs.notebooks()]
    assert all((site/f'{n}.html').exists() for n in names)
    nav = re.findall(r'href="(\d\d[a-z]?_\w+)\.html"', (site/'index.html').read_text(encoding='utf-8'))
    assert list(dict.fromkeys(nav)) == [n for n in names if n != 'index']  # navigation in notebook order

FIGURES = "return document.querySelectorAll('article img.nb-figure, article .nb-output img, article .nb-output svg').length"

@pytest.mark.slow
@pytest.mark.parametrize('page', PAGES)
def test_page_in_browser(page, site, server, browser):
    shots = Path(os.environ.get('OCR_POST_SHOTS', ROOT/'build'/'site_shots')); shots.mkdir(parents=True, exist_ok=True)
    browser.get(f'{server}/{page}.html')
    browser.execute_script('return document.readyState')
    title = browser.execute_script("return (document.querySelector('article h1') || {}).textContent || ''").strip('¶ \n')
    browser.save_screenshot(str(shots/f'{page}.png'))
    errors = [e for e in browser.get_log('browser') if e['level'] == 'SEVERE']
    assert title and title in browser.title, (title, browser.title)
    assert browser.execute_script(FIGURES) >= 1, f'{page}: no figure among the notebook outputs'
    assert errors == [], errors
