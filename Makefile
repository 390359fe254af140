# sinovda: two commands.  `make demo` and `make test` each install into .venv first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.sinovda-terpasang

.PHONY: demo test install sistem lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sinovda butuh Python 3.11 atau lebih baru")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

sistem:
	@bash scripts/pasang-sistem.sh

demo: install
	$(VENV)/bin/sinovda demo

test: install sistem lint
	$(PY) -m pytest

# Lint and types (configured in pyproject.toml [tool.ruff] / [tool.mypy]); part of `make test`.
lint: install
	$(VENV)/bin/ruff check sinovda tests benchmarks
	$(VENV)/bin/mypy

bench: install
	$(PY) benchmarks/laporan.py

clean:
	rm -rf $(VENV) kelas keluaran node_modules
