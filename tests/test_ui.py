"""The web UI (`ocr-post ui`) driven as a client would: start the Gradio app on 127.0.0.1, upload the sample with
`gradio_client`, and check that the Markdown it returns is what `ocr-post convert --to md` writes."""
import io, socket
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT/'examples'/'report.mmd'

gr = pytest.importorskip('gradio', reason='the ui extra (gradio) is not installed')
gradio_client = pytest.importorskip('gradio_client')

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture(scope='module')
def client():
    from ocr_post.ui import launch
    app = launch('127.0.0.1', _free_port(), block=False)
    try: yield gradio_client.Client(app.local_url, verbose=False)
    finally: app.close()

def cli_markdown(*args) -> str:
    from ocr_post.cli import main
    out = io.StringIO()
    assert main(['convert', str(SAMPLE), '--to', 'md', *args], stdout=out) == 0
    return out.getvalue()

def test_upload_matches_cli(client):
    from ocr_post.pipeline import STAGES
    res = client.predict(gradio_client.handle_file(str(SAMPLE)), '', None, list(STAGES), 'auto', api_name='/convert')
    md, diff, blocks, edits, page, files, status = res
    cli = cli_markdown()
    assert md.rstrip('\n') == cli.rstrip('\n')  # the page's code box drops the final newline
    assert not status.startswith('Error'), status
    assert '<div' in blocks and Path(page).read_bytes()[:4] == b'\x89PNG'
    names = {Path(f).name for f in files}
    assert {'report.md', 'report.json'} <= names
    got = next(Path(f) for f in files if Path(f).name == 'report.md').read_text(encoding='utf-8')
    assert got == cli  # the download is byte for byte what the CLI writes

def test_stages_and_errors(client):
    res = client.predict(gradio_client.handle_file(str(SAMPLE)), '', None, ['repair', 'clean'], 'auto', api_name='/convert')
    assert res[0].rstrip('\n') == cli_markdown('--stages', 'repair,clean').rstrip('\n')
    res = client.predict(None, '', None, [], 'auto', api_name='/convert')
    assert res[-1].startswith('Error: Upload a file')

def test_cli_registers_ui():
    from ocr_post.cli import build_parser
    a = build_parser().parse_args(['ui', '--port', '7999'])
    assert a.command == 'ui' and a.port == 7999 and a.host == '127.0.0.1'

@pytest.mark.slow
def test_page_image_upload(client):
    "A page image goes through the recognizer (RapidOCR) and comes back structured, with the page drawn"
    pytest.importorskip('rapidocr')
    res = client.predict(gradio_client.handle_file(str(ROOT/'examples'/'page.png')), '', 'rapidocr', ['repair', 'clean', 'layout', 'paragraphs', 'headings'], 'auto', api_name='/convert')
    md, page, status = res[0], res[4], res[-1]
    assert not status.startswith('Error'), status
    assert md.lstrip().startswith('#') and Path(page).read_bytes()[:4] == b'\x89PNG'
