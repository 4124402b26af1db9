# Two promises: `make run` starts the app, `make test` runs every test, on a fresh machine
# with Python 3.11, git and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint db system-deps bench geo sources faults

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,geo]'
	touch $(STAMP)

db: $(STAMP)
	$(BIN)/python -m lib.cli init-db

# serve.py is `streamlit run asgi.py` (app.py as Streamlit serves it, see lib/deep_links.py)
# with the app's modules imported before the port opens.
run: db
	$(BIN)/python serve.py

system-deps:
	bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# pytest starts (and stops) its own PostgreSQL server for the database tests, installing
# PostgreSQL through apt-get when missing: scripts/pg-test-server.sh, tests/conftest.py.
test: $(STAMP) system-deps lint
	$(BIN)/python -m lib.cli check-data
	$(BIN)/python -m pytest

# The fault tests (concurrent imports, kill -9 mid-import, undo racing an import), five
# times in a row: they must never be flaky.
faults: $(STAMP)
	for run in 1 2 3 4 5; do echo "faults run $$run"; $(BIN)/python -m pytest -q -m faults || exit 1; done

sources: $(STAMP)
	$(BIN)/python -m lib.cli build-sources

geo: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[geo]'
	$(BIN)/python -m geo.build

# Benchmarks against the budgets (pages, map payloads, imports, queries): prints a table,
# never fails; `--quick` for small sizes and fewer runs. Not part of `make test`.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py
