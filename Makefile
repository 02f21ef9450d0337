.PHONY: docs docs-serve

# The offline documentation site in _site/ (needs the docs extra: pip install -e ".[docs]")
docs:
	python tools/build_site.py

# Rebuild the pages and serve them with live reload on http://127.0.0.1:8000
docs-serve:
	python tools/build_site.py --no-site && mkdocs serve
