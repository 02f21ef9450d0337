"""`ocr-post bench` end to end on the project's own dev set (devset/), and on the shared dev cases when present."""
import io, json, time
from contextlib import redirect_stdout
from pathlib import Path
import pytest
from ocr_post.cli import main
from ocr_post.evaluate import load_cases, score, truth_doc

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / 'devset'


def test_devset_cases_score_perfect_against_themselves():
    cases = load_cases(DEVSET)
    assert len(cases) >= 4
    for c in cases:
        assert set(c.inputs) == {'deepseek', 'text', 'lines-json'}, c
        s = score(truth_doc(c.truth), c, errors=False)
        assert s['para_f1']['f1'] == 1 and s['heading']['f1'] == 1 and s['list_f1']['f1'] == 1, c.name
        assert s['furniture_leak'] == 0 and s['body_missing'] == 0, c.name


def test_bench_cli_devset(tmp_path):
    out, js = io.StringIO(), tmp_path / 'b.json'
    with redirect_stdout(out): rc = main(['bench', str(DEVSET), '--baseline', 'raw', '--json', str(js)])
    text = out.getvalue()
    assert 'deepseek: means over cases' in text and 'lines-json' in text and 'para F1' in text
    res = json.loads(js.read_text())
    assert {r['variant'] for r in res['results']} == {'raw', 'pipeline'}
    raw = res['summary']['deepseek']['raw']
    assert raw['para_f1'] > 0.8 and raw['head_f1'] == 0  # the raw baseline types nothing


def test_bench_cli_shared_dev_cases_under_two_minutes(shared_data):
    t0, out = time.perf_counter(), io.StringIO()
    with redirect_stdout(out): main(['bench', str(shared_data / 'dev_cases'), str(DEVSET), '--baseline', 'raw'])
    assert time.perf_counter() - t0 < 120
    assert 'text: means over cases' in out.getvalue()
