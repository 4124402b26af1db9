# Two promises: `make run` starts the app, `make test` runs every test, on a fresh machine
# with Python 3.11, git and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint db system-deps bench geo sources

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,geo]'
	touch $(STAMP)

db: $(STAMP)
	$(BIN)/python -m lib.cli init-db

run: db
	$(BIN)/streamlit run app.py

system-deps:
	bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) system-deps lint
	$(BIN)/python -m lib.cli check-data
	$(BIN)/python -m pytest

sources: $(STAMP)
	$(BIN)/python -m lib.cli build-sources

geo: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[geo]'
	$(BIN)/python -m geo.build
