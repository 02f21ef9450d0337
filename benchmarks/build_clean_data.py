"""Build the data files the `clean` stage ships (ocr_post/data/): run once, needs Debian packages.

    apt-get install unicode-data fonts-wqy-zenhei wamerican
    python benchmarks/build_clean_data.py

Outputs
- ocr_post/data/cjk_confusions.tsv : look-alike (形近字) pairs over the 3,500 most frequent single
  characters of jieba's dictionary; a pair is kept when (same Unihan kFourCornerCode and glyph
  similarity >= 0.5) or glyph similarity >= 0.85, plus a hand-curated seed list of classic OCR pairs.
  Glyph similarity: each character rendered at 28 px in a 32x32 cell with WenQuanYi Zen Hei, Gaussian
  blur sigma 1, cosine of the mean-centred bitmaps.
- ocr_post/data/cjk_radicals.tsv : Kangxi and supplement radicals -> unified ideographs (Unicode data).
- ocr_post/data/english_words.txt : lower-case words of SCOWL (Debian wamerican), 3+ letters, no
  apostrophes or proper nouns.
"""
import bz2, re, math
from collections import defaultdict
from pathlib import Path
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import jieba

OUT = Path(__file__).resolve().parent.parent/'ocr_post'/'data'
FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'
UNIHAN = '/usr/share/unicode/Unihan_DictionaryLikeData.txt.bz2'
SEEDS = ['己已巳', '戊戌戍', '人入八', '木本术', '刀力', '贝见', '未末', '日曰', '土士', '干千于', '大太犬',
         '免兔', '问间', '鸟乌', '睛晴', '冶治', '候侯', '崇祟', '茶荼', '今令', '王玉主', '天夭', '办为', '拔拨']

def common_chars(n=3500):
    "The `n` most frequent single-character words of jieba's dictionary"
    p = Path(jieba.__file__).parent/'dict.txt'
    fr = {}
    for line in p.open(encoding='utf-8'):
        w, f = line.split()[:2]
        if len(w) == 1 and '\u4e00' <= w <= '\u9fff': fr[w] = int(f)
    return sorted(fr, key=fr.get, reverse=True)[:n]

def four_corner():
    "Character -> 4-digit four-corner code from Unihan"
    d = {}
    for line in bz2.open(UNIHAN, 'rt', encoding='utf-8'):
        if '\tkFourCornerCode\t' in line:
            cp, _, v = line.rstrip('\n').split('\t')
            d[chr(int(cp[2:], 16))] = v.split()[0][:4]
    return d

def glyphs(chars):
    "Mean-centred, unit-norm blurred bitmaps, one row per character"
    font = ImageFont.truetype(FONT, 28)
    rows = []
    for c in chars:
        im = Image.new('L', (32, 32), 0)
        ImageDraw.Draw(im).text((2, 0), c, fill=255, font=font)
        a = np.asarray(im.filter(ImageFilter.GaussianBlur(1)), dtype=np.float32).ravel()
        a = a - a.mean(); rows.append(a/(np.linalg.norm(a) + 1e-9))
    return np.stack(rows)

def main():
    chars = common_chars(); fc = four_corner(); G = glyphs(chars)
    S = G @ G.T
    pairs = {}
    for i in range(len(chars)):
        for j in range(i+1, len(chars)):
            s = float(S[i, j]); a, b = chars[i], chars[j]
            same = a in fc and fc.get(a) == fc.get(b)
            if (same and s >= 0.5) or s >= 0.85: pairs[tuple(sorted((a, b)))] = ('fourcorner+glyph' if same else 'glyph', s)
    idx = {c: k for k, c in enumerate(chars)}
    for grp in SEEDS:
        for a in grp:
            for b in grp:
                key = tuple(sorted((a, b)))
                if a == b or key in pairs: continue
                s = float(S[idx[a], idx[b]]) if a in idx and b in idx else float('nan')
                pairs[key] = ('seed', s)
    lines = ['# Look-alike CJK character pairs (形近字) for ocr_post.clean; built by benchmarks/build_clean_data.py',
             '# Sources: jieba dict.txt (MIT) for the 3,500 most frequent characters; Unihan kFourCornerCode',
             '# (Unicode licence, Debian unicode-data 15.0.0); glyph similarity rendered with WenQuanYi Zen Hei',
             '# (Debian fonts-wqy-zenhei); seed = hand-curated classic OCR pairs. Columns: a, b, source, glyph cosine.']
    for (a, b), (src, s) in sorted(pairs.items()):
        lines.append(f'{a}\t{b}\t{src}\t{s:.2f}')
    (OUT/'cjk_confusions.tsv').write_text('\n'.join(lines) + '\n', encoding='utf-8')
    print(len(pairs), 'pairs')
    words = set()
    for w in Path('/usr/share/dict/american-english').read_text(encoding='utf-8').split('\n'):
        if len(w) >= 3 and w.isascii() and w.isalpha() and w.islower(): words.add(w)
    hdr = ('# English words for ocr_post.clean: lower-case entries of SCOWL (Debian wamerican 2020.12.07),\n'
           '# Copyright 2000-2011 Kevin Atkinson and others; permission to use, copy, modify, distribute and sell\n'
           '# granted provided the copyright and permission notices appear (see english_words.LICENSE).\n')
    (OUT/'english_words.txt').write_text(hdr + '\n'.join(sorted(words)) + '\n', encoding='utf-8')
    print(len(words), 'words')
    rad = {}
    for cp in range(0x2F00, 0x2FD6): rad[chr(cp)] = __import__('unicodedata').normalize('NFKC', chr(cp))
    for line in open('/usr/share/unicode/EquivalentUnifiedIdeograph.txt', encoding='utf-8'):
        line = line.split('#')[0].strip()
        if not line: continue
        src, dst = [x.strip() for x in line.split(';')]
        lo, hi = (src.split('..') + [src])[:2]
        for cp in range(int(lo, 16), int(hi, 16) + 1): rad.setdefault(chr(cp), chr(int(dst, 16)))
    (OUT/'cjk_radicals.tsv').write_text('# Kangxi radicals (NFKC) and CJK Radicals Supplement (Unicode EquivalentUnifiedIdeograph.txt 15.0)'
        ' -> unified ideographs; Unicode licence. Built by benchmarks/build_clean_data.py\n'
        + ''.join(f'{a}\t{b}\n' for a, b in sorted(rad.items())), encoding='utf-8')
    print(len(rad), 'radicals')

if __name__ == '__main__': main()
