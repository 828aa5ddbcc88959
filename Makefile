# Quick start: `make demo` and `make test`. Both set everything up on a fresh machine (Python 3.11 + pip).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install demo test bench lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,ray]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f out/newsweave.db out/newsweave.db-wal out/newsweave.db-shm
	$(BIN)/newsweave analyze examples/kim-russia-2023 --out out --db out/newsweave.db
	@echo
	@echo "The report is in out/: out/report.html (open it in a browser), out/report.md, out/report.json."
	@echo "The store is out/newsweave.db: try '$(BIN)/newsweave stories --db out/newsweave.db'."
	@echo "Open the web UI: '$(BIN)/newsweave serve --db out/newsweave.db', then http://127.0.0.1:8000/"

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null 2>&1; } || \
		echo "wrk not installed: bench_serve measures with its Python clients only"
	$(BIN)/python -m pip install --quiet -e ".[dev,ray,bench]"
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf out .pytest_cache .ruff_cache
