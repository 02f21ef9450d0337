"""Exports read back by independent readers, through the CLI: DOCX (python-docx), HTML (lxml), PDF (pypdfium2).
The slow tests render HTML in headless Chromium and DOCX through LibreOffice, to PNG."""
import io, re, shutil, subprocess, sys
from pathlib import Path
import pytest
from ocr_post.cli import main
from ocr_post.pipeline import convert

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / 'examples' / 'report.mmd'

@pytest.fixture(scope='module')
def outs(tmp_path_factory):
    out = tmp_path_factory.mktemp('exports')
    assert main(['convert', str(SAMPLE), '--to', 'html', '--to', 'docx', '--to', 'pdf', '--to', 'md', '-o', str(out)]) == 0
    return out

def squash(s): return re.sub(r'\s+', '', s)

def body_texts():
    return [b.text for b in convert(SAMPLE).body if b.type in ('paragraph', 'heading', 'list_item')]

def test_docx(outs):
    import docx
    d = docx.Document(str(outs / 'report.docx'))
    doc = convert(SAMPLE)
    want = [(f'Heading {b.level}', b.text) for b in doc.body if b.type == 'heading']
    got = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith('Heading')]
    assert got == want and want
    alltext = squash(''.join(p.text for p in d.paragraphs) + ''.join(c.text for t in d.tables for r in t.rows for c in r.cells))
    assert '城市更新' in alltext and '中央财政' in alltext

def test_html(outs):
    from lxml import html
    root = html.fromstring((outs / 'report.html').read_bytes())
    heads = [h.text_content() for h in root.iter('h1', 'h2', 'h3', 'h4', 'h5', 'h6')]
    assert heads == [b.text for b in convert(SAMPLE).body if b.type == 'heading']
    assert not root.xpath('//script') and not root.xpath('//link[@rel="stylesheet"]')
    assert not re.search(r'(src|href)="https?://', (outs / 'report.html').read_text())

def test_pdf(outs):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(outs / 'report.pdf'))
    text = squash(''.join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
    for t in body_texts():
        t = squash(re.sub(r'\\\(.*?\\\)', '', t))
        assert t[:8] in text, t
    heads = [b.text for b in convert(SAMPLE).body if b.type == 'heading']
    assert [m.get_title() for m in pdf.get_toc()] == heads

def test_several_formats_one_run(outs):
    assert sorted(p.suffix for p in outs.iterdir()) == ['.docx', '.html', '.md', '.pdf']

@pytest.mark.slow
def test_html_renders_in_chromium(outs, tmp_path):
    from ocr_post.export import html_screenshot
    if not (shutil.which('chromium') or shutil.which('chromium-browser')): pytest.skip('chromium is not installed (Debian package chromium)')
    shot = html_screenshot(outs / 'report.html', tmp_path / 'html.png')
    from PIL import Image
    im = Image.open(shot).convert('L')
    assert im.size[0] >= 800 and min(im.getextrema()) < 64  # dark text drawn on the page

@pytest.mark.slow
def test_docx_renders_in_libreoffice(outs, tmp_path):
    from ocr_post.export import docx_screenshot
    if not (shutil.which('soffice') or shutil.which('libreoffice')): pytest.skip('LibreOffice is not installed (Debian package libreoffice-writer-nogui)')
    shot = docx_screenshot(outs / 'report.docx', tmp_path / 'docx.png')
    from PIL import Image
    assert min(Image.open(shot).convert('L').getextrema()) < 64
