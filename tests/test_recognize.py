"""End-to-end recognition: pages the tests draw themselves (a PNG and a 3-page PDF) through RapidOCR to Markdown,
the cache across runs and processes, the worker pool, failing pages, the CLI, and the DeepSeek backends without
weights (a tiny trust_remote_code model directory, a fake vLLM, a real local HTTP server)."""
import io, json, multiprocessing as mp, os, re, sys, threading, types, unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein
from ocr_post import recognize as R
from ocr_post.recognize import (Cache, DeepSeekOCR, Recognizer, RapidOCR, cache_key, find_cjk_font, page_images,
                                recognize_file, recognize_pages, text_page)

FONT = find_cjk_font()
needs_font = pytest.mark.skipif(FONT is None, reason='no CJK font: apt-get install fonts-wqy-microhei or set OCR_POST_FONT')

# Text written for these tests (a made-up regulation): (title, paragraphs) per page.
PAGES = [
    ('城市河道保护条例', ['第一章 总则', '第一条 为了加强城市河道的保护和管理，改善水环境，保障防洪安全，制定本条例。',
                          '第二条 本条例适用于本市行政区域内城市河道的规划、建设、保护和管理活动。']),
    (None, ['第三条 市水务部门负责全市城市河道的监督管理工作，区水务部门负责本辖区内河道的日常管理。', '第二章 规划与建设',
            '第四条 城市河道规划应当与防洪、排水和生态保护规划相衔接，规划草案应当公示30日。']),
    (None, ['第五条 任何单位和个人不得向河道倾倒垃圾、渣土和其他废弃物，不得在河道管理范围内搭建建筑物。',
            '第六条 违反本条例规定的，由水务部门责令改正，可以处1000元以上5万元以下的罚款。']),
]

def truth(pages=PAGES) -> str: return ''.join((t or '') + ''.join(ps) for t, ps in pages)

def norm(s:str) -> str:
    "Width- and whitespace-insensitive text; Markdown heading marks dropped"
    return re.sub(r'\s+', '', unicodedata.normalize('NFKC', re.sub(r'(?m)^#+\s*', '', s)))

def cer(truth_text:str, got:str) -> float:
    t = norm(truth_text)
    return Levenshtein.distance(t, norm(got)) / len(t)

def draw(i:int) -> Image.Image:
    title, paras = PAGES[i]
    return text_page(paras, title=title, size=30).convert('L')

@pytest.fixture(scope='session')
def files(tmp_path_factory):
    if FONT is None: pytest.skip('no CJK font')
    d = tmp_path_factory.mktemp('pages')
    draw(0).save(d / 'page.png')
    imgs = [draw(i) for i in range(3)]
    imgs[0].save(d / 'three.pdf', save_all=True, append_images=imgs[1:], resolution=144)
    return d

@pytest.fixture(scope='session')
def session_cache(tmp_path_factory): return str(tmp_path_factory.mktemp('cache'))

@pytest.fixture(autouse=True)
def cache_env(monkeypatch, session_cache):
    "Every test uses a throw-away cache, shared within the session (pages are recognized once)"
    monkeypatch.setenv('OCR_POST_CACHE', session_cache)
    monkeypatch.setenv('HF_HUB_OFFLINE', '1')

def md_of(path, **kw) -> tuple:
    from ocr_post.pipeline import convert
    from ocr_post.export import export
    doc = convert(Path(path), **kw)
    return doc, export(doc, 'md')

# --- RapidOCR end to end -------------------------------------------------------------------------------------

@needs_font
def test_png_to_markdown(files):
    doc, md = md_of(files / 'page.png')
    assert cer(truth(PAGES[:1]), md) <= 0.02, md
    assert doc.meta['recognizer']['engine'] == 'rapidocr'
    assert doc.pages[0].width == 1240

@needs_font
def test_pdf_three_pages_cli_then_cached(files, tmp_path, monkeypatch):
    from ocr_post.cli import main
    out = tmp_path / 'three.md'
    assert main(['convert', str(files / 'three.pdf'), '--to', 'md', '-o', str(out)]) == 0
    md = out.read_text(encoding='utf-8')
    assert cer(truth(), md) <= 0.02, md
    # the second run recognizes nothing: any call to the engine would fail the run
    monkeypatch.setattr(RapidOCR, 'recognize', lambda self, image: (_ for _ in ()).throw(AssertionError('recognized again')))
    doc = recognize_file(files / 'three.pdf')
    assert doc.meta['recognizer']['cache_hits'] == 3 and doc.meta['recognizer']['recognized'] == 0
    assert not doc.warnings
    assert main(['convert', str(files / 'three.pdf'), '--to', 'md', '-o', str(tmp_path / 'again.md')]) == 0
    assert (tmp_path / 'again.md').read_text(encoding='utf-8') == md

@needs_font
def test_pdf_page_range_and_dpi(files):
    doc = recognize_file(files / 'three.pdf', pages='2-3')
    assert doc.meta['recognizer']['pages'] == [2, 3] and len(doc.pages) == 2
    assert {ln.page for ln in doc.lines} == {1, 2}
    assert cer(truth(PAGES[1:]), ''.join(ln.text for ln in doc.lines)) <= 0.02
    small = page_images(files / 'three.pdf', '1', dpi=72)[0].image()
    assert abs(small.size[0] - 620) <= 1 and abs(small.size[1] - 877) <= 1

@needs_font
def test_worker_pool_matches_sequential(files):
    seq = recognize_file(files / 'three.pdf', pages='1-2')
    par = recognize_file(files / 'three.pdf', pages='1-2', workers=2, cache=False)
    assert [ln.text for ln in par.lines] == [ln.text for ln in seq.lines]
    assert par.meta['recognizer']['recognized'] == 2

# --- failures, cache, CLI --------------------------------------------------------------------------------------

class Flaky(Recognizer):
    "Fails on one page"
    engine, pool = 'flaky', None
    def __init__(self, fmt='text', fail_at=2): self.fmt, self.fail_at, self.calls = fmt, fail_at, 0
    def params(self): return {'fail_at': self.fail_at}
    def recognize(self, image):
        self.calls += 1
        if self.calls == self.fail_at: raise RuntimeError('CUDA out of memory')
        return f'第{self.calls}页 正文' if self.fmt == 'text' else f'<|ref|>text<|/ref|><|det|>[[1, 1, 9, 9]]<|/det|>\n第{self.calls}页 正文'

def _blank_pdf(path, n=3):
    imgs = [Image.new('L', (200, 280), 'white') for _ in range(n)]
    imgs[0].save(path, save_all=True, append_images=imgs[1:], resolution=72)
    return path

@pytest.mark.parametrize('fmt,fail_at', [('text', 2), ('deepseek', 2), ('text', 3), ('deepseek', 3), ('deepseek', 1)])
def test_failing_page_is_a_warning_and_an_empty_page(tmp_path, fmt, fail_at):
    pdf = _blank_pdf(tmp_path / 'blank.pdf')
    rec = Flaky(fmt, fail_at)
    doc = recognize_file(pdf, recognizer=rec, cache=Cache(tmp_path / 'c'))
    assert len(doc.pages) == 3
    failed = [w for w in doc.warnings if w.kind == 'recognize-failed']
    assert len(failed) == 1 and failed[0].page == fail_at and 'CUDA out of memory' in failed[0].message
    assert {ln.page for ln in doc.lines} == {1, 2, 3} - {fail_at}
    again = recognize_file(pdf, recognizer=rec, cache=Cache(tmp_path / 'c'))  # only the failed page runs again
    assert rec.calls == 4 and not [w for w in again.warnings if w.kind == 'recognize-failed']

def _writer(root, keys, n):
    c = Cache(root)
    for i in range(n):
        for k in keys: c.put(k, {'raw': 'x' * 5000, 'fmt': 'text', 'width': 1, 'height': 1, 'meta': {'engine': 'w', 'i': i}})

def test_cache_is_safe_with_several_processes(tmp_path):
    keys = [cache_key(f'page{i}', {'engine': 'w'}) for i in range(5)]
    ctx = mp.get_context('spawn')
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), keys, 40)) for _ in range(3)]
    for p in procs: p.start()
    c, seen = Cache(tmp_path), 0
    while any(p.is_alive() for p in procs):  # readers never see a torn entry
        for k in keys:
            e = c.get(k)
            if e is not None: assert e['raw'] == 'x' * 5000; seen += 1
    for p in procs: p.join(); assert p.exitcode == 0
    assert c.info()['entries'] == 5 and not list(tmp_path.glob('recognize/*/.tmp-*'))

def test_cache_is_relocatable(tmp_path, monkeypatch):
    png = tmp_path / 'a.png'
    Image.new('RGB', (50, 30), 'white').save(png)
    class Once(Recognizer):
        engine, fmt, n = 'once', 'text', 0
        def recognize(self, image): Once.n += 1; return 'hello'
    recognize_pages(page_images(png), Once(), cache=Cache(tmp_path / 'old'))
    (tmp_path / 'old').rename(tmp_path / 'new')
    png.rename(tmp_path / 'b.png')  # another name, same bytes
    r = recognize_pages(page_images(tmp_path / 'b.png'), Once(), cache=Cache(tmp_path / 'new'))
    assert Once.n == 1 and r[0].meta['cached'] and r[0].raw == 'hello'

def test_cli_cache_info_and_clear(tmp_path, monkeypatch, capsys):
    from ocr_post.cli import main
    monkeypatch.setenv('OCR_POST_CACHE', str(tmp_path))
    Cache().put('ab' * 32, {'raw': '', 'fmt': 'text', 'width': 1, 'height': 1, 'meta': {'engine': 'rapidocr'}})
    assert main(['cache', 'info']) == 0
    out = capsys.readouterr().out
    assert str(tmp_path) in out and '1 entries' in out and 'rapidocr 1' in out
    assert main(['cache', 'clear']) == 0
    assert 'removed 1' in capsys.readouterr().out and Cache().info()['entries'] == 0

def test_cli_options_reach_recognize_file(tmp_path, monkeypatch):
    from ocr_post import cli
    seen = {}
    def fake(path, recognizer=None, **kw):
        seen.update(kw, recognizer=recognizer)
        from ocr_post.read import read
        return read('一行', 'text')
    monkeypatch.setattr(R, 'recognize_file', fake)
    png = tmp_path / 'p.png'
    Image.new('RGB', (10, 10)).save(png)
    assert cli.main(['convert', str(png), '--engine', 'deepseek', '--backend', 'openai', '--base-url', 'http://x/v1',
                     '--pages', '1', '--dpi', '200', '--workers', '3', '--no-cache', '-o', str(tmp_path / 'o.md')]) == 0
    assert seen == dict(recognizer='deepseek', backend='openai', model=None, prompt=None, base_url='http://x/v1', pages='1',
                        dpi=200.0, workers=3, cache=False)

def test_wrong_option_for_engine_is_a_usage_error(tmp_path, capsys):
    from ocr_post.cli import main
    png = tmp_path / 'p.png'
    Image.new('RGB', (10, 10)).save(png)
    assert main(['convert', str(png), '--engine', 'rapidocr', '--prompt', 'free']) == 2
    assert 'does not apply' in capsys.readouterr().err

# --- Tesseract (optional) -----------------------------------------------------------------------------------------

@needs_font
@pytest.mark.skipif(not __import__('shutil').which('tesseract'), reason='tesseract is not installed')
def test_tesseract_lines_with_boxes(files):
    doc = recognize_file(files / 'page.png', recognizer='tesseract')
    assert doc.meta['recognizer']['engine'] == 'tesseract'
    assert all(ln.bbox is not None for ln in doc.lines)
    assert cer(truth(PAGES[:1]), ''.join(ln.text for ln in doc.lines)) <= 0.05

# --- DeepSeek backends without weights -------------------------------------------------------------------------------

GROUNDING = ('<|ref|>title<|/ref|><|det|>[[100, 50, 900, 90]]<|/det|>\n# 总则\n\n'
             '<|ref|>text<|/ref|><|det|>[[100, 120, 900, 200]]<|/det|>\n第一条 为了测试，制定本条例。  ')

MODELING = '''
import torch
from transformers import PretrainedConfig, PreTrainedModel

class FakeOCRConfig(PretrainedConfig):
    model_type = "fake_ocr"

class FakeOCRModel(PreTrainedModel):
    config_class = FakeOCRConfig
    def __init__(self, config):
        super().__init__(config)
        self.w = torch.nn.Linear(1, 1)
        self.post_init()

    def infer(self, tokenizer, prompt='', image_file='', output_path='', base_size=1024, image_size=640,
              crop_mode=True, test_compress=False, save_results=False, eval_mode=False):
        from PIL import Image
        w, h = Image.open(image_file).size
        calls = self.__dict__.setdefault('calls', [])
        calls.append(dict(prompt=prompt, size=(w, h), base_size=base_size, image_size=image_size, crop_mode=crop_mode,
                          save_results=save_results, tokenizer=type(tokenizer).__name__))
        text = GROUNDING + "\\n\\n<|ref|>text<|/ref|><|det|>[[100, 220, 900, 260]]<|/det|>\\n%dx%d %d/%d" % (w, h, base_size, image_size)
        if eval_mode: return text
        print(text)
'''

def _fake_model_dir(d:Path) -> Path:
    "A model directory `AutoModel.from_pretrained(d, trust_remote_code=True)` really loads"
    import torch
    from safetensors.torch import save_file
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast
    d.mkdir(parents=True, exist_ok=True)
    (d / 'modeling_fakeocr.py').write_text(f'GROUNDING = {GROUNDING!r}\n' + MODELING)
    (d / 'config.json').write_text(json.dumps({'model_type': 'fake_ocr', 'architectures': ['FakeOCRModel'],
        'auto_map': {'AutoConfig': 'modeling_fakeocr.FakeOCRConfig', 'AutoModel': 'modeling_fakeocr.FakeOCRModel'}}))
    save_file({'w.weight': torch.zeros(1, 1), 'w.bias': torch.zeros(1)}, str(d / 'model.safetensors'), metadata={'format': 'pt'})
    tok = Tokenizer(models.WordLevel({'<unk>': 0, 'a': 1}, unk_token='<unk>'))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    PreTrainedTokenizerFast(tokenizer_object=tok, unk_token='<unk>').save_pretrained(d)
    return d

def _check_grounding_doc(doc):
    assert [b.type for b in doc.blocks][:2] == ['heading', 'paragraph']
    assert doc.blocks[0].text.strip('# ') == '总则' and '第一条' in doc.blocks[1].text

@needs_font
def test_deepseek_transformers_trust_remote_code(files, tmp_path):
    pytest.importorskip('torch')
    pytest.importorskip('transformers')
    d = _fake_model_dir(tmp_path / 'DeepSeek-OCR-2-fake')
    rec = DeepSeekOCR(backend='transformers', model=str(d))
    doc = recognize_file(files / 'page.png', recognizer=rec, cache=False)
    assert not [w for w in doc.warnings if w.kind == 'recognize-failed'], doc.warnings  # (infer strips the end token)
    _check_grounding_doc(doc)
    assert doc.meta['recognizer']['engine'] == 'deepseek' and doc.meta['recognizer']['model'] == str(d)
    assert any('1240x' in b.text and '1024/768' in b.text for b in doc.blocks)  # our image, base_size, v2 image_size
    assert doc.blocks[0].bbox[0] == pytest.approx(100 / 999 * 1240, abs=1)  # boxes scaled to the page
    calls = rec.loaded.calls  # the loaded model saw the official arguments
    assert calls[0]['prompt'] == '<image>\n<|grounding|>Convert the document to markdown. ' and calls[0]['crop_mode']
    assert calls[0]['save_results'] is False

class _FakeOutput:
    def __init__(self, text): self.outputs = [types.SimpleNamespace(text=text, finish_reason='stop')]

class FakeLLM:
    "The part of vllm.LLM the recognizer uses"
    instances = []
    def __init__(self, **kw):
        self.kw, self.calls = kw, []
        FakeLLM.instances.append(self)
    def generate(self, inputs, sampling_params):
        self.calls.append((inputs, sampling_params))
        return [_FakeOutput(GROUNDING + f"\n\n<|ref|>text<|/ref|><|det|>[[1, 1, 9, 9]]<|/det|>\n{i['multi_modal_data']['image'].size}")
                for i in inputs]

class FakeSamplingParams:
    def __init__(self, **kw): self.kw = kw

class FakeNGram: pass

@pytest.fixture
def fake_vllm(monkeypatch):
    vllm = types.ModuleType('vllm')
    vllm.LLM, vllm.SamplingParams = FakeLLM, FakeSamplingParams
    ds = types.ModuleType('vllm.model_executor.models.deepseek_ocr')
    ds.NGramPerReqLogitsProcessor = FakeNGram
    for name, mod in [('vllm', vllm), ('vllm.model_executor', types.ModuleType('vllm.model_executor')),
                      ('vllm.model_executor.models', types.ModuleType('vllm.model_executor.models')),
                      ('vllm.model_executor.models.deepseek_ocr', ds)]:
        monkeypatch.setitem(sys.modules, name, mod)
    FakeLLM.instances.clear()
    return FakeLLM

@needs_font
def test_deepseek_vllm_batches_pages(files, fake_vllm):
    doc = recognize_file(files / 'three.pdf', recognizer='deepseek', backend='vllm', cache=False)
    assert len(doc.pages) == 3 and not doc.warnings
    _check_grounding_doc(doc)
    (llm,) = fake_vllm.instances
    assert llm.kw['model'] == 'deepseek-ai/DeepSeek-OCR-2' and llm.kw['logits_processors'] == [FakeNGram]
    assert llm.kw == dict(model='deepseek-ai/DeepSeek-OCR-2', enable_prefix_caching=False, mm_processor_cache_gb=0,
                          logits_processors=[FakeNGram])
    (inputs, sp), = llm.calls  # one batched call for the three pages
    assert len(inputs) == 3 and inputs[0]['prompt'] == '<image>\n<|grounding|>Convert the document to markdown.'
    assert inputs[0]['multi_modal_data']['image'].size == (doc.pages[0].width, doc.pages[0].height)
    assert sp.kw == dict(temperature=0.0, max_tokens=8192, skip_special_tokens=False, include_stop_str_in_output=True,
                         extra_args=dict(ngram_size=30, window_size=90, whitelist_token_ids={128821, 128822}))

@needs_font
def test_deepseek_vllm_free_prompt_and_cache(files, fake_vllm):
    rec = DeepSeekOCR(backend='vllm', prompt='free', model='deepseek-ai/DeepSeek-OCR', vllm_options={'max_num_seqs': 1})
    recognize_file(files / 'page.png', recognizer=rec)
    assert fake_vllm.instances[0].kw['max_num_seqs'] == 1
    doc = recognize_file(files / 'page.png', recognizer=DeepSeekOCR(backend='vllm', prompt='free', model='deepseek-ai/DeepSeek-OCR'))
    assert doc.meta['recognizer']['cache_hits'] == 1 and len(fake_vllm.instances) == 1
    assert fake_vllm.instances[0].calls[0][0][0]['prompt'] == '<image>\nFree OCR.'

class _ChatHandler(BaseHTTPRequestHandler):
    requests, fail_on = [], set()
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
        type(self).requests.append((self.path, body, self.headers.get('Authorization')))
        if len(type(self).requests) in type(self).fail_on:
            self.send_response(500); self.end_headers(); return
        out = json.dumps({'id': 'x', 'object': 'chat.completion', 'model': body['model'],
                          'choices': [{'index': 0, 'finish_reason': 'stop', 'message': {'role': 'assistant', 'content': GROUNDING}}]})
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.end_headers()
        self.wfile.write(out.encode())
    def log_message(self, *a): pass

@pytest.fixture
def chat_server():
    _ChatHandler.requests, _ChatHandler.fail_on = [], set()
    srv = ThreadingHTTPServer(('127.0.0.1', 0), _ChatHandler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f'http://127.0.0.1:{srv.server_address[1]}/v1', _ChatHandler
    srv.shutdown()
    srv.server_close()

@needs_font
def test_deepseek_openai_server(files, chat_server, monkeypatch):
    url, handler = chat_server
    monkeypatch.setenv('OPENAI_API_KEY', 'sk-test')
    doc = recognize_file(files / 'page.png', recognizer='deepseek', backend='openai', base_url=url, model='dsocr', cache=False)
    _check_grounding_doc(doc)
    (path, body, auth), = handler.requests
    assert path == '/v1/chat/completions' and auth == 'Bearer sk-test'
    assert body['model'] == 'dsocr' and body['temperature'] == 0 and body['max_tokens'] == 8192
    assert body['skip_special_tokens'] is False and body['include_stop_str_in_output'] is True
    assert not doc.warnings  # finish_reason 'stop': the page ended
    assert body['vllm_xargs'] == {'ngram_size': 30, 'window_size': 90, 'whitelist_token_ids': [128821, 128822]}
    img, text = body['messages'][0]['content']
    assert text == {'type': 'text', 'text': '<|grounding|>Convert the document to markdown.'}
    assert img['image_url']['url'].startswith('data:image/png;base64,')

@needs_font
def test_deepseek_openai_threads_and_a_failing_page(files, chat_server, tmp_path):
    from ocr_post.cli import main
    url, handler = chat_server
    handler.fail_on = {2}
    out = tmp_path / 'o.json'
    assert main(['convert', str(files / 'three.pdf'), '--engine', 'deepseek', '--backend', 'openai', '--base-url', url,
                 '--workers', '3', '--no-cache', '--to', 'json', '-o', str(out)]) == 0
    d = json.loads(out.read_text(encoding='utf-8'))
    assert len(handler.requests) == 3 and len(d['pages']) == 3
    assert [w['kind'] for w in d['warnings'] if w['kind'] == 'recognize-failed'] == ['recognize-failed']

def test_unreadable_file_is_an_error_not_a_crash(tmp_path, capsys):
    from ocr_post.cli import main
    bad = tmp_path / 'scan.pdf'
    bad.write_bytes(b'%PDF-1.4 garbage')
    assert main(['convert', str(bad)]) == 1
    assert 'not a readable PDF' in capsys.readouterr().err
