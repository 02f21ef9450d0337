"""Every notebook in nbs/ is a test: run each one in its own process, skipping `#| slow` and `#| gpu` cells
(`--slow` runs the slow ones too)."""
import os, subprocess, sys
from pathlib import Path
import pytest

NBS = Path(__file__).resolve().parents[1] / 'nbs'
NOTEBOOKS = sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith('_'))

RUN = """
import sys
from nbdev.test import test_nb
skip = ['gpu'] if sys.argv[2] == '1' else ['slow', 'gpu']
ok, secs = test_nb(sys.argv[1], skip_flags=skip, profile=False)
print(f'{sys.argv[1]}: {"ok" if ok else "FAILED"} in {secs:.1f}s')
sys.exit(0 if ok else 1)
"""

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook(nb, request):
    slow = '1' if request.config.getoption('--slow') or os.environ.get('OCR_POST_SLOW') else '0'
    env = {**os.environ, 'MPLBACKEND': 'Agg'}
    r = subprocess.run([sys.executable, '-c', RUN, str(nb), slow], capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 0, f"{nb.name} failed:\n{r.stdout[-3000:]}\n{r.stderr[-6000:]}"
