# The two commands of the quick start: `make shell` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: shell test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

shell: $(STAMP)
	$(BIN)/sccshell --sandbox

test: $(STAMP)
	$(BIN)/ruff check sccshell tests bench
	$(BIN)/ruff format --check sccshell tests bench
	$(BIN)/python -m pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check sccshell tests bench

format: $(STAMP)
	$(BIN)/ruff format sccshell tests bench
	$(BIN)/ruff check --fix sccshell tests bench

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .ruff_cache
