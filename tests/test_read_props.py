"Property tests for `ocr_post.read`: mutated DeepSeek output never raises and never loses content."
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ocr_post.read import (END_TOKEN, ReadError, decode, lost_content, read, read_deepseek, read_lines_json,
                           read_text, sniff)

FIXTURE = Path(__file__).parent / 'fixtures' / 'read_grounding.mmd'
SAMPLES = Path(__file__).resolve().parents[2] / 'shared' / 'data' / 'deepseek_samples'
SEEDS = [FIXTURE.read_text(encoding='utf-8')] + ([p.read_text(encoding='utf-8') for p in sorted(SAMPLES.glob('*.txt'))]
                                                 if SAMPLES.exists() else [])
PIECES = ['<|ref|>', '<|/ref|>', '<|det|>', '<|/det|>', '[[', ']]', '[[1, 2, 3, 4]]', 'text[[5, 6, 7, 8]]\n',
          '\n<--- Page Split --->\n', '<｜end▁of▁sentence｜>', '\n', '\n\n', '<table>', '</table>', '\\[', '\\]',
          '# ', '- ', '• ', '| a |\n|---|\n', '<center>', '</center>', 'BASE:  torch.Size([1, 256, 1280])\n',
          '=====================\n', ' 0 0 0 1 0 0 2', '\f', '\x00', '一段接一段']
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str):
    "Read `text` as DeepSeek output: it must not raise, must serialise, and must keep every content character"
    doc = read_deepseek(text)
    doc.to_json()
    assert lost_content(text, doc) == Counter()
    assert sum(e.rule == 'end-token' for e in doc.edits) == len(END_TOKEN.findall(text))
    assert all(len(b.lines) <= len(doc.lines) for b in doc.blocks)
    assert [b.id for b in doc.blocks] == list(range(len(doc.blocks)))
    return doc


@st.composite
def mutated(draw):
    "A seed file with a few cuts, insertions of syntax pieces, deletions, duplications and flipped characters"
    s = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(['cut', 'insert', 'delete', 'dup', 'flip', 'drop-piece']))
        i = draw(st.integers(0, len(s)))
        if op == 'cut': s = s[:i]
        elif op == 'insert': s = s[:i] + draw(st.sampled_from(PIECES)) + s[i:]
        elif op == 'delete': s = s[:i] + s[i + draw(st.integers(1, 40)):]
        elif op == 'dup': s = s[:i] + s[i:i + draw(st.integers(1, 80))] * draw(st.integers(2, 5)) + s[i:]
        elif op == 'flip': s = s[:i] + draw(st.characters(blacklist_categories=('Cs',))) + s[i + 1:]
        else:
            p = draw(st.sampled_from(PIECES[:4]))
            s = s.replace(p, '', draw(st.integers(1, 3)))
    return s


@SETTINGS
@given(mutated())
def test_mutated_grounding_never_raises_nor_loses(text):
    check(text)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=40).map(''.join))
def test_random_syntax_soup(text):
    check(text)


@SETTINGS
@given(st.text())
def test_random_unicode(text):
    check(text)
    read_text(text)
    if text: read(text)
    assert sniff(text) in ('deepseek', 'lines-json', 'text')


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_decode_or_read_error(data):
    try: text, enc = decode(data)
    except ReadError as e:
        assert str(e).split(':')[0] in ('empty', 'binary', 'undecodable')
        return
    assert enc in ('utf-8', 'utf-8-sig', 'utf-16', 'gb18030')
    try: read(data)
    except ReadError as e: assert str(e).startswith('lines-json')  # sniffed JSON that does not parse


@SETTINGS
@given(st.data())
def test_flipped_bytes_of_fixture(data):
    raw = bytearray(FIXTURE.read_bytes())
    for _ in range(data.draw(st.integers(1, 10))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    try: text, _ = decode(bytes(raw))
    except ReadError: return
    check(text)


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
                          lambda c: st.lists(c, max_size=4) | st.dictionaries(st.sampled_from(
                              ['text', 'bbox', 'score', 'lines', 'width', 'height', 'x']), c, max_size=4), max_leaves=20)


@SETTINGS
@given(st.lists(json_value, max_size=4))
def test_lines_json_tolerates_junk(pages):
    try: doc = read_lines_json({'pages': pages})
    except ReadError: return
    doc.to_json()
    assert len(doc.blocks) == len(doc.lines)
