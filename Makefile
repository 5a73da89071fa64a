# Two commands matter: `make run` and `make test`. Both set themselves up first.
# Django 6 needs Python 3.12 or newer: take the newest one this machine has (pyenv's included).
PYTHON ?= $(shell for c in python3.14 python3.13 python3.12 \
	$(sort $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3)) python3; do \
	$$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $$c && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run samples test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.12 或更高版本 / Python 3.12 or newer is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The app with demo data on an embedded SQLite database under var/, at http://127.0.0.1:8000
run: install
	SHISHI_DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	@SHISHI_DEBUG=1 $(BIN)/python manage.py load_demo
	SHISHI_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# What the notice reader makes of the sample notices
samples: install
	@for f in samples/notices/*; do $(BIN)/shishi parse --format text "$$f"; echo; done

test: install lint
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# ruff's lint and format check (pyproject.toml [tool.ruff]); `$(BIN)/ruff format .` mends the format
lint: install
	$(BIN)/ruff check shishi tests bench
	$(BIN)/ruff format --check shishi tests bench

# Figures, not tests: each script prints its own (bench/province.py builds the data once, in var/bench)
bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/documents.py --data-dir var/bench
	$(BIN)/python bench/pages.py --database sqlite --data-dir var/bench

clean:
	rm -rf $(VENV) var build *.egg-info
