# `make run`: set everything up and serve the sample graph. `make test`: set everything up and run all checks.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Integration tests and benchmarks run on a throwaway Neo4j and Redis of their own (`graph-api stack run`:
# free ports, data under .stack/runs/), so they never touch the graph `make run` serves, nor another checkout's.
ON_THROWAWAY_STACK := $(BIN)/graph-api stack run --

.PHONY: install run test test-cluster unit integration vendor lint stack-up stack-down bench schema clean http-audit test-data

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# The site's browser assets (graph picture library, GraphiQL and React) from npm, pinned by package-lock.json,
# copied into the package's static folder (git-ignored) so the service never needs a CDN.
WEB_VENDOR := graph_api/web/static/vendor
$(WEB_VENDOR)/.vendored: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p $(WEB_VENDOR)
	cp node_modules/cytoscape/dist/cytoscape.min.js node_modules/graphiql/graphiql.min.js \
	   node_modules/graphiql/graphiql.min.css node_modules/react/umd/react.production.min.js \
	   node_modules/react-dom/umd/react-dom.production.min.js $(WEB_VENDOR)/
	touch $@

vendor: $(WEB_VENDOR)/.vendored

run: install vendor
	$(BIN)/graph-api stack up
	$(BIN)/graph-api load sample
	$(BIN)/graph-api serve --host 127.0.0.1 --port 8000

# The GraphQL-over-HTTP audit (graphql-http on npm) that tests/integration/test_http_audit.py runs; its own
# package.json, not the repository root's.
HTTP_AUDIT := tests/http_audit
$(HTTP_AUDIT)/node_modules/.installed: $(HTTP_AUDIT)/package-lock.json
	cd $(HTTP_AUDIT) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

http-audit: $(HTTP_AUDIT)/node_modules/.installed

# The ICD-10-CM 2021 tabular (simple-icd-10-cm 1.2.0 ships it; the dev dependency pins 1.3.0, April 2025) for the
# 2021 -> 2025 release-diff test; the test skips, saying why, when the wheel is absent.
HISTORY_WHEEL := .cache/wheels/simple_icd_10_cm-1.2.0-py3-none-any.whl
$(HISTORY_WHEEL): | install
	$(BIN)/pip download -q --no-deps simple-icd-10-cm==1.2.0 -d .cache/wheels || echo "no simple-icd-10-cm 1.2.0: the 2021 -> 2025 diff test will skip"

test-data: $(HISTORY_WHEEL)

# The whole suite runs through the routing driver (neo4j://: reads as read transactions, writes as write
# transactions, as on a cluster); test-cluster runs what touches Redis again on a three-node Redis Cluster, over bolt://.
test: install vendor lint http-audit test-data
	NEO4J_URI=neo4j://127.0.0.1:7687 $(ON_THROWAWAY_STACK) $(BIN)/python -m pytest -q --cov --cov-report=term:skip-covered tests
	$(MAKE) test-cluster

REDIS_TESTS := tests/integration/test_metering.py tests/integration/test_availability.py \
	tests/integration/test_replicas.py tests/integration/test_observability.py tests/integration/test_preflight.py
test-cluster: install
	NEO4J_URI=bolt://127.0.0.1:7687 REDIS_CLUSTER=1 $(ON_THROWAWAY_STACK) $(BIN)/python -m pytest -q $(REDIS_TESTS)

# Unit tests need no Java, Maven or Redis: parsers, rules, codecs, schema printing, a fake reader.
unit: install
	$(BIN)/python -m pytest -q tests/unit

integration: install http-audit test-data
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
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.ptp_full --rows 4000000
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.bulk_import --rows 1000000
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.code_set_load
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.code_page --ptp-rows 1000000
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.cold_start
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.meter_lua
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.claims
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.mcp_tools
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.observability
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.workers
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.checks
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.abuse
	$(ON_THROWAWAY_STACK) $(BIN)/python -m bench.history_stream --rows 1000000

clean: stack-down
	rm -rf .stack $(VENV)
