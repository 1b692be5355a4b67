# slac: `make run` and `make test` set everything up themselves (a .venv in this folder).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.runtime-stamp
STAMP := $(VENV)/.installed-stamp
AS_OF ?= 2012-03-01

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck pytest validate bench schema golden clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# `make run` needs slac only; `make test` adds the development tools (linters, browsers for
# the HTML check, ...), which are several times larger.
$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(RUN_STAMP) ## Set up slac, then list what was overdue in plan/ as of AS_OF (default 2012-03-01)
	$(BIN)/slac overdue --plan plan --as-of $(AS_OF)

test: lint typecheck validate pytest ## Set up, then lint, type-check, validate plan/ and run the tests

lint: $(STAMP) ## ruff: lint and formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP) ## mypy --strict
	$(BIN)/mypy

validate: $(STAMP) ## slac validate plan/, and check its layout (slac fmt --check)
	$(BIN)/slac validate plan
	$(BIN)/slac fmt --check plan

pytest: $(STAMP) ## The test suite
	$(BIN)/pytest

bench: $(STAMP) ## Time slac against python, yamllint and check-jsonschema on synthetic plans
	$(BIN)/python scripts/bench.py

golden: $(STAMP) ## Regenerate the golden reports in tests/golden/ (review the diff)
	$(BIN)/python -m tests.golden

schema: $(STAMP) ## Regenerate the shipped JSON Schemas in schema/
	$(BIN)/slac schema --write schema

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build
