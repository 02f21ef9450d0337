import os, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / 'shared' / 'data'

def pytest_addoption(parser):
    parser.addoption('--slow', action='store_true', help='also run `#| slow` notebook cells and slow tests')

def pytest_configure(config):
    config.addinivalue_line('markers', 'slow: needs minutes, a browser or office suite; run with --slow')

def pytest_collection_modifyitems(config, items):
    if config.getoption('--slow') or os.environ.get('OCR_POST_SLOW'): return
    skip = pytest.mark.skip(reason='slow: run with --slow')
    for item in items:
        if 'slow' in item.keywords: item.add_marker(skip)

@pytest.fixture
def shared_data():
    if not DATA.exists(): pytest.skip('../shared/data is not here')
    return DATA
