"""Build `devset/`: the project's own dev cases, in the format of `../shared/data/dev_cases`.

Each document of `devset_texts.py` (texts written for this project) is laid out on A4 pages at 150 dpi with real
fonts (Noto CJK, DejaVu), with running headers, footers and page numbers; the pages go through RapidOCR and
Tesseract, and a DeepSeek-OCR grounding file is synthesised from the truth with the artefacts real output shows.

Needs: fonts-noto-cjk, fonts-dejavu, tesseract-ocr(-chi-sim), `pip install rapidocr onnxruntime`.
Run from the repository root: `python benchmarks/make_devset.py [--out devset] [--no-ocr]`.
The held-out set: `python benchmarks/make_devset.py --texts holdout_texts --out holdout --gray-levels 16`.

Documents may use opt-in layout features (unused by `devset_texts.py`, so devset/ is unchanged): a 4th tuple
element of options per block (`align`, `indent`, `span`, `gap`, `height`), blocks `('t', None, rows)` tables,
`('fig', None, '')` figures and `('cap', None, text)` captions; doc keys `heading_sizes`, `heading_indent`,
`center_levels`, `line_spacing`, `hyphenation`, `page_start`, `no_head_first`, header `('alternate', odd, even)`
(outer corner) and `artefacts` (extra DeepSeek artefacts: `soft_hyphen`, `untagged_continuation`,
`merged_list_items`)."""
from __future__ import annotations
import argparse, importlib, json, os, random, re, subprocess, sys
from pathlib import Path
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).parent))
from devset_texts import DOCS

W, H, DPI = 1240, 1754, 150
MARGIN_X, TOP, BOTTOM = 150, 190, 1580
NOTO = '/usr/share/fonts/opentype/noto/Noto{}CJK-{}.ttc'
DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVu{}.ttf'
SIZES = {1: 40, 2: 32, 3: 28, 'body': 26, 'furn': 20}  # pixels at 150 dpi


def font(kind:str, lang:str, style:str, size:int):
    "A PIL font: CJK text in Noto (SC face), English in DejaVu"
    if lang == 'en':
        name = {('serif', 'regular'): 'Serif', ('serif', 'bold'): 'Serif-Bold', ('sans', 'regular'): 'Sans',
                ('sans', 'bold'): 'Sans-Bold', ('serif', 'italic'): 'Serif-Italic', ('sans', 'italic'): 'Sans-Oblique'}[kind, style]
        return ImageFont.truetype(DEJAVU.format(name), size)
    fam = 'Serif' if kind == 'serif' and style != 'bold' else 'Sans'
    return ImageFont.truetype(NOTO.format(fam, 'Bold' if style == 'bold' else 'Regular'), size, index=2)


TOKEN = re.compile(r'[A-Za-z0-9][A-Za-z0-9.,:;!?\'’%/()=_@+\-–·]*\s*|\s+|.', re.S)


NO_BREAK_BEFORE = set('，。、；：！？）」』”’》')  # never at the start of a line (kinsoku)


VOWELS = set('aeiouy')


def _hyphen_points(word:str) -> list:
    "Plausible soft-hyphen points of a plain word (V-CV or VC-CV, at least 3 letters each side)"
    w, out = word.lower(), []
    for i in range(3, len(w) - 2):
        a, b, c = w[i - 1], w[i], w[i + 1]
        if (a in VOWELS and b not in VOWELS and c in VOWELS) or \
           (a not in VOWELS and b not in VOWELS and w[i - 2] in VOWELS and a + b not in ('th', 'ch', 'sh', 'ph', 'ck', 'ng', 'gh', 'wh')):
            out.append(i)
    return out


def _split_word(cur:str, tok:str, fnt, avail:float):
    "Split `tok` so that `cur + head` fits: `(head_drawn, rest, join)` or None"
    if '-' in tok.rstrip()[:-1]:  # a compound: break after its own hyphen, which stays in the text
        for i in range(len(tok) - 1, 0, -1):
            if tok[i - 1] == '-' and fnt.getlength(cur + tok[:i]) <= avail: return tok[:i], tok[i:], ''
        return None
    core = re.match(r'[A-Za-z]+', tok)
    if not core or len(core.group()) < 6 or len(core.group()) < len(tok.rstrip()) - 1: return None
    for i in reversed(_hyphen_points(core.group())):
        if fnt.getlength(cur + tok[:i] + '-') <= avail: return tok[:i] + '-', tok[i:], '-'
    return None


def wrap_hyphen(text:str, fnt, width:float, first_indent:float=0) -> list:
    "Like `wrap`, but a Latin word that does not fit is hyphenated (soft: join '-'; compound: join '')"
    lines, cur, avail = [], '', width - first_indent
    for tok in TOKEN.findall(text):
        if cur and tok not in NO_BREAK_BEFORE and fnt.getlength((cur + tok).rstrip()) > avail:
            sp = _split_word(cur, tok, fnt, avail) if not tok.isspace() else None
            if sp: lines.append((cur + sp[0], sp[2])); cur, avail = sp[1], width; continue
            lines.append((cur, ' ' if cur.endswith(' ') else '')); cur, avail = tok.lstrip() if tok.isspace() else tok, width
        else: cur += tok
    if cur.strip(): lines.append((cur, None))
    return [(l.strip(), j) for l, j in lines]


def wrap(text:str, fnt, width:float, first_indent:float=0) -> list:
    "Greedy line breaking: `(line_text, join)`; Latin words are kept whole, CJK breaks anywhere"
    lines, cur, avail = [], '', width - first_indent
    for tok in TOKEN.findall(text):
        if cur and tok not in NO_BREAK_BEFORE and fnt.getlength((cur + tok).rstrip()) > avail:
            lines.append(cur); cur, avail = tok.lstrip() if tok.isspace() else tok, width
        else: cur += tok
    if cur.strip(): lines.append(cur)
    out = []
    for i, l in enumerate(lines):
        join = None if i == len(lines) - 1 else (' ' if l.endswith(' ') else '')
        out.append((l.strip(), join))
    return out


class Layout:
    "Places blocks line by line on pages and columns, recording every drawn line"
    def __init__(self, doc:dict):
        self.doc, self.lang, cols = doc, doc['lang'], doc['columns']
        self.col_w = (W - 2 * MARGIN_X - (60 if cols == 2 else 0)) / cols
        self.pages, self.col, self.y = [], 0, TOP
        self.new_page()

    def new_page(self):
        self.pages.append({'lines': [], 'img': Image.new('L', (W, H), 255)})
        self.col, self.y = 0, TOP

    def next_col(self):
        if self.col + 1 < self.doc['columns'] and not self.spanning: self.col += 1; self.y = self.col_top
        else: self.new_page(); self.col_top = TOP

    def x0(self): return MARGIN_X + (0 if self.spanning else self.col * (self.col_w + 60))

    def place(self, bid:str, text:str, fnt, lh:int, indent:float=0, hang:float=0, center=False, marker=None, gap=0,
              right=False):
        "Draw `text` (block `bid`), wrapping, breaking across columns and pages"
        width = (W - 2 * MARGIN_X) if self.spanning else self.col_w
        if self.y + gap + lh > BOTTOM: self.next_col()
        elif self.y > TOP: self.y += gap
        wr = wrap_hyphen if self.doc.get('hyphenation') else wrap
        lines = wr(text, fnt, width - hang, indent - hang if marker else indent)
        for i, (lt, join) in enumerate(lines):
            if self.y + lh > BOTTOM: self.next_col()
            page = self.pages[-1]
            shown = (marker + ' ' + lt) if marker and i == 0 else lt
            tw = fnt.getlength(shown)
            x = self.x0() + ((width - tw) / 2 if center else (width - tw) if right else (indent if i == 0 else hang))
            if marker and i == 0: x = self.x0() + indent
            d = ImageDraw.Draw(page['img'])
            d.text((x, self.y), shown, font=fnt, fill=0)
            bb = d.textbbox((x, self.y), shown, font=fnt)
            ln = {'text': shown, 'bbox': [round(v) for v in bb], 'block': bid,
                  'col': None if self.spanning else self.col, 'layer': 'body'}
            if join is not None: ln['join'] = join
            page['lines'].append(ln)
            self.y += lh
        return len(self.pages)

    def room(self, h:int, gap:int):
        "Make room for an unbreakable item `h` high; returns its top y"
        if self.y + gap + h > BOTTOM: self.next_col()
        elif self.y > TOP: self.y += gap
        return self.y

    def _line(self, ln:dict): self.pages[-1]['lines'].append({**ln, 'col': None if self.spanning else self.col, 'layer': 'body'})

    def table(self, bid:str, rows:list, fnt, lh:int, gap:int=20):
        "A three-line table centred in the column; one drawn line per cell (with `cell`)"
        width = (W - 2 * MARGIN_X) if self.spanning else self.col_w
        cw = [max(fnt.getlength(r[c]) for r in rows) + 50 for c in range(len(rows[0]))]
        x0 = self.x0() + (width - sum(cw)) / 2
        y = self.room(lh * len(rows) + 16, gap)
        d = ImageDraw.Draw(self.pages[-1]['img'])
        d.line([(x0, y), (x0 + sum(cw), y)], fill=0, width=2)
        for r, row in enumerate(rows):
            yy = y + 8 + r * lh
            if r == 1: d.line([(x0, yy - 6), (x0 + sum(cw), yy - 6)], fill=0, width=1)
            for c, cell in enumerate(row):
                if not cell: continue
                x = x0 + sum(cw[:c]) + 25
                d.text((x, yy), cell, font=fnt, fill=0)
                self._line({'text': cell, 'bbox': [round(v) for v in d.textbbox((x, yy), cell, font=fnt)], 'block': bid, 'cell': [r, c]})
        self.y = y + 16 + lh * len(rows)
        d.line([(x0, self.y - 4), (x0 + sum(cw), self.y - 4)], fill=0, width=2)

    def figure(self, bid:str, h:int, rng:random.Random, gap:int=20):
        "A bar chart without text, framed; one drawn line with `kind` figure"
        width = (W - 2 * MARGIN_X) if self.spanning else self.col_w
        y, x0, fw = self.room(h, gap), self.x0() + width * 0.08, width * 0.84
        d = ImageDraw.Draw(self.pages[-1]['img'])
        d.rectangle([x0, y, x0 + fw, y + h], outline=60, width=2)
        n = 7
        for k in range(n):
            bh = rng.uniform(0.2, 0.85) * (h - 30)
            bx = x0 + 20 + k * (fw - 40) / n
            d.rectangle([bx, y + h - 15 - bh, bx + (fw - 40) / n * 0.6, y + h - 15], fill=110 + 15 * (k % 3))
        self._line({'text': '', 'bbox': [round(x0), round(y), round(x0 + fw), round(y + h)], 'block': bid, 'kind': 'figure'})
        self.y = y + h + 6


def layout_doc(doc:dict) -> tuple:
    "Lay out `doc`: its truth blocks and pages (with images)"
    L, lang, kind = Layout(doc), doc['lang'], doc['font']
    SIZES['body'] = doc.get('body_size', 26)
    body = font(kind, lang, 'regular', SIZES['body'])
    blocks, n_item = [], 0
    L.spanning, L.col_top = True, TOP
    fig_rng = random.Random(doc['name'])
    lsp = doc.get('line_spacing', 1.65)
    for i, blk in enumerate(doc['blocks']):
        (t, lv, text), o = blk[:3], (blk[3] if len(blk) > 3 else {})
        bid = f'b{i + 1}'
        first_page = len(L.pages)
        if doc['columns'] == 2 and L.spanning and o.get('span') is False: L.spanning, L.col_top = False, L.y + 20; L.y = L.col_top
        if t == 'h':
            if doc['columns'] == 2 and lv > 1 and L.spanning and not o.get('span'): L.spanning, L.col_top = False, L.y + 20; L.y = L.col_top
            size = doc['heading_sizes'][lv] if 'heading_sizes' in doc else SIZES[min(lv, 3)]
            f = font(kind, lang, 'bold', size)
            L.place(bid, text, f, int(size * 1.6), center=lv in doc.get('center_levels', (1,)), gap=o.get('gap', 30 if lv <= 2 else 18),
                    indent=doc.get('heading_indent', {}).get(lv, 0))
            blocks.append({'id': bid, 'type': 'heading', 'level': lv, 'text': text})
        elif t == 'p':
            if doc['columns'] == 2 and L.spanning and i > 1 and not o.get('span'): L.spanning, L.col_top = False, L.y + 20; L.y = L.col_top
            align = o.get('align', 'center' if i == 1 else None)  # the date / edition line under the title
            centered = align == 'center'
            ind = o.get('indent', 0 if align or doc['paragraphs'] == 'block' else 2 * SIZES['body'])
            L.place(bid, text, body, int(SIZES['body'] * lsp), indent=ind, center=centered, right=align == 'right',
                    gap=o.get('gap', 14 if doc['paragraphs'] == 'block' or centered else 0))
            blocks.append({'id': bid, 'type': 'paragraph', 'level': None, 'text': text})
        elif t == 't':
            L.table(bid, text, body, int(SIZES['body'] * 1.5))
            blocks.append({'id': bid, 'type': 'table', 'level': None, 'text': ' '.join(c for r in text for c in r), 'rows': text})
        elif t == 'fig':
            L.figure(bid, o.get('height', 260), fig_rng)
            blocks.append({'id': bid, 'type': 'figure', 'level': None, 'text': ''})
        elif t == 'cap':
            f = font(kind, lang, 'regular', SIZES['body'] - 3)
            L.place(bid, text, f, int((SIZES['body'] - 3) * 1.5), center=True, gap=4)
            blocks.append({'id': bid, 'type': 'caption', 'level': None, 'text': text})
        else:
            marker = lv or doc.get('bullet') or '•'
            ind = 2 * SIZES['body'] if lang != 'en' else 24
            hang = 0 if lang != 'en' else ind + body.getlength(marker + ' ')
            L.place(bid, text, body, int(SIZES['body'] * lsp), indent=ind, hang=hang, marker=marker, gap=6)
            blocks.append({'id': bid, 'type': 'list_item', 'level': None, 'text': text, 'marker': lv})
        blocks[-1].update(layer='body', pages=list(range(first_page, len(L.pages) + 1)))
        pages_drawn = sorted({p for p, pg in enumerate(L.pages, 1) for ln in pg['lines'] if ln['block'] == bid})
        blocks[-1]['pages'] = pages_drawn
    return blocks, L.pages


def draw_furniture(doc:dict, pages:list) -> list:
    "Running header, footer and page number on every page; returns the truth furniture items"
    f = font(doc['font'], doc['lang'], 'regular', SIZES['furn'])
    N, items = len(pages), []
    def put(pg, n, typ, text, where, y):
        d = ImageDraw.Draw(pg['img'])
        tw = f.getlength(text)
        x = {'left': MARGIN_X, 'right': W - MARGIN_X - tw, 'center': (W - tw) / 2,
             'outer': (W - MARGIN_X - tw) if n % 2 else MARGIN_X}[where]
        d.text((x, y), text, font=f, fill=0)
        pg['lines'].append({'text': text, 'bbox': [round(v) for v in d.textbbox((x, y), text, font=f)],
                            'block': f'p{n}-{typ}-{len(items)}', 'col': None, 'layer': 'furniture'})
        items.append({'page': n, 'type': typ, 'text': text})
        d.line([(MARGIN_X, 118), (W - MARGIN_X, 118)], fill=90, width=1) if typ == 'header' else None
    for n, pg in enumerate(pages, 1):
        h = doc['header']
        if n == 1 and doc.get('no_head_first'): pass
        elif h[0] == 'split': put(pg, n, 'header', h[1], 'left', 86); put(pg, n, 'header', h[2], 'right', 86)
        elif h[0] == 'alternate': put(pg, n, 'header', h[1] if n % 2 else h[2], 'outer', 86)
        else: put(pg, n, 'header', h[1], h[0], 86)
        if doc.get('footer'): put(pg, n, 'footer', doc['footer'][1], doc['footer'][0], 1640)
        where, fmt = doc['page_number']
        start = doc.get('page_start', 1) - 1
        put(pg, n, 'page_number', fmt.format(n=n + start, N=N + start), where, 1640)
    return items


def degrade(img:Image.Image, rng:random.Random) -> tuple:
    "A mild scan: slight rotation and blur, speckles"
    angle = rng.uniform(0.2, 0.6) * rng.choice([-1, 1])
    out = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.7))
    px = out.load()
    for _ in range(1500): px[rng.randrange(W), rng.randrange(H)] = rng.choice([0, 80, 160])
    return out, {'angle': round(angle, 3), 'blur': 0.7, 'speckle': 1500}


# ---- OCR ---------------------------------------------------------------------------------------------------

def run_tesseract(paths:list, lang:str) -> str:
    env = {**os.environ, 'OMP_THREAD_LIMIT': '1'}
    langs = 'eng' if lang == 'en' else 'chi_sim+eng'
    out = []
    for p in paths:
        r = subprocess.run(['tesseract', str(p), 'stdout', '--psm', '3', '--dpi', str(DPI), '-l', langs],
                           capture_output=True, text=True, env=env, check=True)
        t = r.stdout
        out.append(t if t.endswith('\f') else t + '\f')
    return ''.join(out)


def run_rapidocr(paths:list) -> dict:
    from rapidocr import RapidOCR
    eng, pages = RapidOCR(), []
    for p in paths:
        r = eng(str(p))
        lines = []
        for txt, box, sc in zip(r.txts or [], r.boxes if r.boxes is not None else [], r.scores or []):
            xs, ys = [pt[0] for pt in box], [pt[1] for pt in box]
            lines.append({'text': txt, 'bbox': [round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))],
                          'score': round(float(sc), 4)})
        pages.append({'width': W, 'height': H, 'lines': lines})
    return {'pages': pages}


# ---- synthetic DeepSeek-OCR ----------------------------------------------------------------------------------

def _box(lines:list) -> list:
    x0, y0 = min(l['bbox'][0] for l in lines), min(l['bbox'][1] for l in lines)
    x1, y1 = max(l['bbox'][2] for l in lines), max(l['bbox'][3] for l in lines)
    return [round(x0 / W * 999), round(y0 / H * 999), round(x1 / W * 999), round(y1 / H * 999)]


def _segment_text(lines:list) -> str:
    s = ''
    for k, l in enumerate(lines):  # a soft hyphen at the end of a segment (column or page break) stays printed
        s += l['text'][:-1] if l.get('join') == '-' and k < len(lines) - 1 else l['text'] + (l.get('join') or '')
    return s


def _soft_hyphens(lines:list, whole:str, rng, page:int, bid:str) -> tuple:
    "Segment text where about 30% of soft line-end hyphens stay as `outgo- ing`; the errors recorded"
    s, errs = '', []
    for k, l in enumerate(lines):
        if l.get('join') == '-' and k < len(lines) - 1:
            s += l['text'][:-1]
            if rng.random() < 0.3: errs.append(len(s))
        else: s += l['text'] + (l.get('join') or '')
    out, records = s, []
    for off in reversed(errs):
        wi, wj = _window(s, off, off, whole)
        records.append({'kind': 'soft_hyphen', 'page': page, 'block': bid, 'original': '', 'corrupt': '- ',
                        'truth_window': s[wi:wj], 'corrupt_window': s[wi:off] + '- ' + s[off:wj], 'whitespace': 'collapse'})
        out = out[:off] + '- ' + out[off:]
    return out, records[::-1]


def _html_table(rows:list) -> str:
    esc = lambda c: c.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    return '<table>' + ''.join('<tr>' + ''.join(f'<td>{esc(c)}</td>' for c in r) + '</tr>' for r in rows) + '</table>'


SUBS = [('width', re.compile(r'(?<=[\u4e00-\u9fff])，'), ','), ('width', re.compile(r'(?<=[\u4e00-\u9fff])：'), ':'),
        ('confusion_ji', re.compile('已'), '己'), ('digit_O', re.compile(r'(?<=\d)0|0(?=\d)'), 'O'),
        ('digit_l', re.compile(r'(?<=\d)1|1(?=\d)'), 'l'), ('letter_l', re.compile(r'(?<=[a-z])l(?=[a-z])'), '1')]


def _window(text:str, i:int, j:int, whole:str) -> tuple:
    "A context window around text[i:j] unique in `whole` (whitespace removed)"
    for k in range(4, 20):
        w = text[max(i - k, 0):j + k]
        if re.sub(r'\s+', '', whole).count(re.sub(r'\s+', '', w)) == 1: return max(i - k, 0), j + k
    return max(i - 20, 0), j + 20


def deepseek_doc(doc:dict, blocks:list, pages:list, rng:random.Random) -> tuple:
    "A DeepSeek-OCR grounding file synthesised from the truth, and the record of what was injected"
    btype = {b['id']: b for b in blocks}
    truth_all = '\n'.join(b['text'] for b in blocks)
    errors, artefacts, out_pages = [], [], []
    n_subs = rng.randint(3, 6)
    for n, pg in enumerate(pages, 1):
        segs, out = [], []
        for ln in pg['lines']:
            if ln['layer'] != 'body': continue
            if segs and segs[-1][0] == ln['block'] and segs[-1][1] == ln['col']: segs[-1][2].append(ln)
            else: segs.append((ln['block'], ln['col'], [ln]))
        if n > 1 and rng.random() < 0.5:
            f = [l for l in pg['lines'] if l['layer'] == 'furniture'][0]
            out.append(f"<|ref|>text<|/ref|><|det|>[{_box([f])}]<|/det|>\n{f['text']}  ")
            artefacts.append({'kind': 'furniture_as_text', 'page': n, 'text': f['text']})
        extra, seen, segkinds = doc.get('artefacts', ()), {x['block'] for pg0 in pages[:n - 1] for x in pg0['lines']}, []
        for bid, col, lines in segs:
            b = btype[bid]
            text = _segment_text(lines)
            segkinds.append((bid, b['type'], bid in seen and not segkinds))
            if b['type'] in ('table', 'figure', 'caption'):
                label = {'table': 'table', 'figure': 'image', 'caption': 'image_caption'}[b['type']]
                body = _html_table(b['rows']) if label == 'table' else '' if label == 'image' else f'<center>{text}</center>'
                out.append(f"<|ref|>{label}<|/ref|><|det|>[{_box(lines)}]<|/det|>" + (f"\n{body}  " if body else ''))
                continue
            if 'soft_hyphen' in extra and any(l.get('join') == '-' for l in lines):
                text, errs = _soft_hyphens(lines, truth_all, rng, n, bid)
                if errs:
                    errors.extend(errs)
                    out.append(f"<|ref|>text<|/ref|><|det|>[{_box(lines)}]<|/det|>\n{text}  ")
                    continue
            bullet = (doc.get('bullet') or '•') + ' '
            if b['type'] == 'list_item' and b.get('marker') is None and text.startswith(bullet) and rng.random() < 0.8:
                text = '- ' + text[len(bullet):]  # DeepSeek mostly writes bullets as Markdown
            if b['type'] == 'heading':
                lv, label, hashes = b['level'], 'title' if b['level'] == 1 else 'sub_title', b['level']
                r = rng.random()
                if r < 0.15: hashes = max(1, lv + rng.choice([-1, 1]))
                elif r < 0.25: hashes = 0
                elif r < 0.3 and lv > 1: label = 'title'
                if hashes != lv or (label == 'title') != (lv == 1):
                    artefacts.append({'kind': 'heading_markup', 'page': n, 'block': bid, 'level': lv, 'hashes': hashes, 'label': label})
                text = ('#' * hashes + ' ' if hashes else '') + text
            else: label = 'text'
            if re.search(r'[A-Za-z]-[A-Za-z0-9]', text) and rng.random() < 0.5:
                m = re.search(r'[A-Za-z]-[A-Za-z0-9]', text)
                i = m.start() + 1
                wi, wj = _window(text, i, i + 1, truth_all)
                errors.append({'kind': 'hyphen_space', 'page': n, 'block': bid, 'original': '-', 'corrupt': '- ',
                               'truth_window': text[wi:wj], 'corrupt_window': text[wi:i + 1] + ' ' + text[i + 1:wj],
                               'whitespace': 'collapse'})
                text = text[:i + 1] + ' ' + text[i + 1:]
            if len(errors) < n_subs and b['type'] != 'heading' and rng.random() < 0.6:
                kinds = [(k, rx, c) for k, rx, c in SUBS if rx.search(text)]
                if kinds:
                    k, rx, c = rng.choice(kinds)
                    m = rng.choice(list(rx.finditer(text)))
                    wi, wj = _window(text, m.start(), m.end(), truth_all)
                    tw = text[wi:wj]
                    text = text[:m.start()] + c + text[m.end():]
                    errors.append({'kind': k, 'page': n, 'block': bid, 'original': m.group(), 'corrupt': c,
                                   'truth_window': tw, 'corrupt_window': text[wi:wj - len(m.group()) + len(c)],
                                   'whitespace': 'remove'})
            tail = '  ' if rng.random() < 0.85 else ''
            out.append(f"<|ref|>{label}<|/ref|><|det|>[{_box(lines)}]<|/det|>\n{text}{tail}")
        if 'merged_list_items' in extra and not any(a['kind'] == 'merged_list_items' for a in artefacts):
            k0 = len(out) - len(segkinds)
            for j in range(len(segkinds) - 1):
                if segkinds[j][1] == segkinds[j + 1][1] == 'list_item':
                    nxt = out.pop(k0 + j + 1).split('\n', 1)[1]
                    out[k0 + j] = out[k0 + j].rstrip() + (nxt if nxt.startswith('- ') else ' ' + nxt)
                    artefacts.append({'kind': 'merged_list_items', 'page': n, 'blocks': [segkinds[j][0], segkinds[j + 1][0]],
                                      'note': 'two list items on one line'})
                    break
        if 'untagged_continuation' in extra and segkinds and segkinds[0][2] and rng.random() < 0.8:
            k = len(out) - len(segkinds)  # the furniture text, if any, comes first
            seg = out.pop(k).split('\n', 1)[1]
            out.insert(0, seg)
            artefacts.append({'kind': 'untagged_continuation', 'page': n, 'block': segkinds[0][0]})
        out_pages.append('\n\n'.join(out) + '\n')
    mmd = '\n<--- Page Split --->\n'.join(out_pages)
    if rng.random() < 0.5:
        mmd = mmd.rstrip('\n') + '<｜end▁of▁sentence｜>\n'
        artefacts.append({'kind': 'end_token', 'page': len(pages)})
    for i, e in enumerate(errors, 1): e['id'] = f'e{i}'
    return mmd, {'doc_id': doc['name'], 'note': 'Text errors injected into deepseek.mmd (see dev_cases README).',
                 'errors': errors, 'artefacts': artefacts}


# ---- truth files -----------------------------------------------------------------------------------------------

def truth_md(blocks:list) -> str:
    out = []
    for b in blocks:
        if b['layer'] != 'body': continue
        if b['type'] == 'heading': out.append('#' * b['level'] + ' ' + b['text'])
        elif b['type'] == 'list_item':
            mk = b.get('marker')
            num = re.search(r'\d+', mk or '')
            out.append((f'{num.group()}. ' if num else '- ') + b['text'])
        else: out.append(b['text'])
    return '\n\n'.join(out) + '\n'


def build(doc:dict, out:Path, ocr:bool=True, seed:int=0, gray_levels:int|None=None):
    rng = random.Random(f"{doc['name']}-{seed}")
    blocks, pages = layout_doc(doc)
    furn = draw_furniture(doc, pages)
    case = out / doc['name']
    (case / 'pages').mkdir(parents=True, exist_ok=True)
    tpages, paths = [], []
    for n, pg in enumerate(pages, 1):
        img, deg = pg['img'], None
        if n == 2: img, deg = degrade(img, rng)
        if gray_levels: img = img.point(lambda v: round(v / 255 * (gray_levels - 1)) * 255 // (gray_levels - 1))  # smaller PNGs
        p = case / 'pages' / f'p{n:02d}.png'
        img.save(p, optimize=True)
        paths.append(p)
        tpages.append({'page': n, 'image': f'pages/p{n:02d}.png', 'width': W, 'height': H, 'degradation': deg, 'lines': pg['lines']})
    fblocks = [{'id': f"p{f['page']}-{f['type']}-{i}", 'type': f['type'], 'level': None, 'text': f['text'],
                'layer': 'furniture', 'pages': [f['page']]} for i, f in enumerate(furn)]
    hdr = doc['header']
    truth = {'schema': 'ocr-post-bench/truth@1', 'doc_id': doc['name'], 'lang': doc['lang'], 'title': doc['title'],
             'genre': doc['genre'], 'layout': {'columns': doc['columns'], 'paragraphs': doc['paragraphs'],
             'hyphenation': bool(doc.get('hyphenation')), 'bullet': doc.get('bullet') or '•', 'page_number_format': doc['page_number'][1]},
             'page_count': len(pages), 'blocks': blocks + fblocks, 'furniture': furn, 'pages': tpages}
    (case / 'truth.json').write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding='utf-8')
    (case / 'truth.md').write_text(truth_md(blocks), encoding='utf-8')
    mmd, errs = deepseek_doc(doc, blocks, tpages, rng)
    (case / 'deepseek.mmd').write_text(mmd, encoding='utf-8')
    (case / 'deepseek.errors.json').write_text(json.dumps(errs, ensure_ascii=False, indent=1), encoding='utf-8')
    (case / 'source.txt').write_text(f"Text written for the ocr_post project (Apache-2.0). Layout, furniture and "
                                     f"degradation by benchmarks/make_devset.py, seed {seed}.\n" + doc.get('source_note', ''), encoding='utf-8')
    if ocr:
        (case / 'tesseract.txt').write_text(run_tesseract(paths, doc['lang']), encoding='utf-8')
        (case / 'rapidocr.json').write_text(json.dumps(run_rapidocr(paths), ensure_ascii=False, indent=1), encoding='utf-8')
    print(doc['name'], len(pages), 'pages')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='devset')
    ap.add_argument('--no-ocr', action='store_true')
    ap.add_argument('--texts', default='devset_texts', help='module (in benchmarks/) whose DOCS are built; e.g. holdout_texts')
    ap.add_argument('--only', action='append', help='build only these document names (repeatable)')
    ap.add_argument('--gray-levels', type=int, help='store (and OCR) pages with this many grey levels, for smaller PNGs (holdout: 16)')
    a = ap.parse_args()
    docs = DOCS if a.texts == 'devset_texts' else importlib.import_module(a.texts).DOCS
    for d in docs:
        if not a.only or d['name'] in a.only: build(d, Path(a.out), not a.no_ocr, gray_levels=a.gray_levels)
