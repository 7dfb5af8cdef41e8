# `make run`: set everything up and serve the sample graph. `make test`: set everything up and run all checks.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Integration tests and benchmarks run on a throwaway Neo4j and Redis of their own (`graph-api stack run`:
# free ports, data under .stack/runs/), so they never touch the graph `make run` serves, nor another checkout's.
ON_THROWAWAY_STACK := $(BIN)/graph-api stack run --

.PHONY: install run test unit integration lint stack-up stack-down bench schema clean test-data

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/graph-api stack up
	$(BIN)/graph-api load sample
	$(BIN)/graph-api serve --host 127.0.0.1 --port 8000

# The ICD-10-CM 2021 tabular (simple-icd-10-cm 1.2.0 ships it; the dev dependency pins 1.3.0, April 2025) for the
# 2021 -> 2025 release-diff test; the test skips, saying why, when the wheel is absent.
HISTORY_WHEEL := .cache/wheels/simple_icd_10_cm-1.2.0-py3-none-any.whl
$(HISTORY_WHEEL): | install
	$(BIN)/pip download -q --no-deps simple-icd-10-cm==1.2.0 -d .cache/wheels || echo "no simple-icd-10-cm 1.2.0: the 2021 -> 2025 diff test will skip"

test-data: $(HISTORY_WHEEL)

test: install lint test-data
	$(ON_THROWAWAY_STACK) $(BIN)/python -m pytest -q --cov --cov-report=term:skip-covered tests

# Unit tests need no Java, Maven or Redis: parsers, rules, codecs, schema printing, a fake reader.
unit: install
	$(BIN)/python -m pytest -q tests/unit

integration: install test-data
	$(ON_THROWAWAY_STACK) $(BIN)/python -m pytest -q tests/integration

lint: install
	$(BIN)/ruff check graph_api schema loaders cypher tests bench
	$(BIN)/ruff format --check graph_api schema loaders cypher tests bench
	$(BIN)/mypy

schema: install
	$(BIN)/graph-api schema > schema/schema.graphql

stack-up: install
	$(BIN)/graph-api stack up

stack-down: install
	$(BIN)/graph-api stack down

# Benchmarks run on a throwaway stack; they print figures next to a same-run baseline.
bench: install
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.ptp_load --rows 3000000
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.code_set_load
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.code_page --ptp-rows 1000000
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.meter
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.history_stream --rows 1000000

clean: stack-down
	rm -rf .stack $(VENV)
