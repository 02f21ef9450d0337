"""The views outside a notebook: plain text forms, HTML escaping, and figures under the Agg backend."""
import io
import matplotlib
matplotlib.use('Agg')
from PIL import Image
from ocr_post.document import Document, Page
from ocr_post.viz import show_diff, diff_docs, edits_table, show_blocks, compare, show_page, char_diff, diff_sides

def _doc():
    doc = Document(pages=[Page(1, 400, 300)])
    a = doc.add_line('第一章  总则', [40, 30, 200, 60])
    b = doc.add_line('<script>alert(1)</script>', None)
    doc.add_block('heading', a.text, level=1, lines=[a.id])
    doc.add_block('paragraph', b.text, lines=[b.id])
    doc.add_block('page_number', '3', layer='furniture', bbox=[190, 270, 210, 290])
    return doc

def test_plain_and_html():
    before = _doc(); after = before.copy()
    after.set_text(after.blocks[0], '第一章 总则', 'clean', 'spaces')
    v = diff_docs(before, after)
    assert '[- -]' in str(v) and v.stats == {'delete': 1, 'insert': 0}
    assert '<del' in v._repr_html_() and '&lt;script&gt;' in v._repr_html_() and '<script>' not in v._repr_html_()
    assert 'clean/spaces: 1' in str(edits_table(after))
    for view in (show_blocks(after), compare(before, after), edits_table(after)):
        assert '<script>' not in view._repr_html_() and str(view)

def test_long_text_round_trip():
    a = '随着办公数字化进程的加快，大量纸质档案需要转换为电子文本。\n' * 300
    b = a.replace('，', ' , ').replace('档案', '档 案')
    assert diff_sides(char_diff(a, b)) == (a, b)
    assert show_diff(a, b, context=0).stats == {'delete': 300, 'insert': 1200}

def test_show_page_agg():
    doc = _doc()
    fig = show_page(doc)  # no image: a blank page of the page's size
    assert len(fig.axes[0].patches) == 1 + 1 + 2  # page, the boxed line, heading (from its line) and page number
    fig = show_page(doc, image=Image.new('RGB', (400, 300), 'white'), lines=False)
    buf = io.BytesIO(); fig.savefig(buf, format='png')
    assert buf.getvalue()[:4] == b'\x89PNG'
