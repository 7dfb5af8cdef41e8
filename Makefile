# `make run`: set everything up and serve the sample graph. `make test`: set everything up and run all checks.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The tests get their own Neo4j and Redis (ports 7688/6380, data in .stack/test), so they never touch
# the graph `make run` serves.
TEST_ENV := NEO4J_URI=bolt://127.0.0.1:7688 REDIS_URL=redis://127.0.0.1:6380/0 STACK_DIR=$(CURDIR)/.stack/test

.PHONY: install run test lint stack-up stack-down bench schema clean

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

test: install lint
	$(TEST_ENV) $(BIN)/graph-api stack up
	$(TEST_ENV) $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check graph_api schema loaders tests bench
	$(BIN)/ruff format --check graph_api schema loaders tests bench
	$(BIN)/mypy

schema: install
	$(BIN)/graph-api schema > schema/schema.graphql

stack-up: install
	$(BIN)/graph-api stack up

stack-down: install
	$(BIN)/graph-api stack down
	$(TEST_ENV) $(BIN)/graph-api stack down

# Benchmarks use the test stack (its graph is replaced); they print figures next to a same-run baseline.
bench: install
	$(TEST_ENV) $(BIN)/graph-api stack up
	$(TEST_ENV) $(BIN)/python -m bench.ptp_load --rows 3000000
	$(TEST_ENV) $(BIN)/python -m bench.code_set_load
	$(TEST_ENV) $(BIN)/python -m bench.code_page --ptp-rows 1000000
	$(TEST_ENV) $(BIN)/python -m bench.meter
	$(TEST_ENV) $(BIN)/python -m bench.mcp_tools

clean: stack-down
	rm -rf .stack $(VENV)
