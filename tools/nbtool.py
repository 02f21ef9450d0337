"""Write notebooks from `# %%` percent scripts and back (a developer's tool, not part of the package).

    python tools/nbtool.py py2nb nbs/_src/02_read.py nbs/02_read.ipynb
    python tools/nbtool.py nb2py nbs/02_read.ipynb /tmp/02_read.py

Cells start with `# %%` (code) or `# %% [markdown]` (markdown: each line is written as `# text`).
Outputs are not kept: run `nbdev-test NB --flags slow --save` after `py2nb`. Where `dst` exists, a cell whose kind and
source are unchanged keeps its id (and so its place in the generated module), so diffs show only the cells edited.
"""
import json, secrets, sys
from pathlib import Path

def _cell(kind, lines):
    while lines and not lines[-1].strip(): lines.pop()
    while lines and not lines[0].strip(): lines.pop(0)
    if kind == 'markdown': lines = [l[2:] if l.startswith('# ') else l.lstrip('#') for l in lines]
    src = [l + '\n' for l in lines]
    if src: src[-1] = src[-1][:-1]
    c = dict(cell_type=kind, id=secrets.token_hex(4), metadata={}, source=src)
    if kind == 'code': c.update(execution_count=None, outputs=[])
    return c

def py2nb(src, dst):
    cells, kind, cur = [], None, []
    for line in Path(src).read_text(encoding='utf-8').splitlines():
        if line.startswith('# %%'):
            if kind: cells.append(_cell(kind, cur))
            kind, cur = ('markdown' if '[markdown]' in line else 'code'), []
        else: cur.append(line)
    if kind: cells.append(_cell(kind, cur))
    if Path(dst).exists(): _keep_ids(cells, json.loads(Path(dst).read_text(encoding='utf-8'))['cells'])
    nb = dict(cells=cells, metadata=dict(kernelspec=dict(display_name='python3', language='python', name='python3')),
              nbformat=4, nbformat_minor=5)
    Path(dst).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')

def _keep_ids(cells, old):
    "Give each cell of `cells` the id of an unchanged cell of `old` (same kind and source), ids kept unique"
    key = lambda c: (c['cell_type'], ''.join(c['source']))
    pool = {}
    for c in old: pool.setdefault(key(c), []).append(c.get('id'))
    taken = set()
    for c in cells:
        ids = [i for i in pool.get(key(c), []) if i and i not in taken]
        if ids: c['id'] = ids[0]
        while c['id'] in taken: c['id'] = secrets.token_hex(4)
        taken.add(c['id'])

def nb2py(src, dst):
    out = []
    for c in json.loads(Path(src).read_text(encoding='utf-8'))['cells']:
        text = ''.join(c['source'])
        if c['cell_type'] == 'markdown':
            out.append('# %% [markdown]\n' + '\n'.join('# ' + l if l else '#' for l in text.splitlines()))
        else: out.append('# %%\n' + text)
    Path(dst).write_text('\n\n'.join(out) + '\n', encoding='utf-8')

if __name__ == '__main__':
    {'py2nb': py2nb, 'nb2py': nb2py}[sys.argv[1]](sys.argv[2], sys.argv[3])
