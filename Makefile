# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in QR codes and printed URLs. For phones in the room, serve on the LAN:
#   make run HOST=0.0.0.0 MINGLE_BASE_URL=http://192.168.1.20:8000
MINGLE_BASE_URL ?= http://127.0.0.1:$(PORT)
export MINGLE_BASE_URL

.PHONY: run test lint lock bench migrate demo serve install install-test install-lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	touch $@

$(VENV)/.installed-lint: pyproject.toml $(VENV)/.installed-test
	$(PY) -m pip install --quiet -c constraints.txt -e '.[lint]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-lint: $(VENV)/.installed-lint

migrate: install
	$(PY) -m service migrate

demo: migrate
	$(PY) -m service demo

serve: install
	$(PY) -m service serve --host $(HOST) --port $(PORT)

run: demo
	$(PY) -m service serve --host $(HOST) --port $(PORT)

# Timing tests (marked "alone") run one at a time after the rest, with no other test loading the 2 cores.
test: install-test
	$(PY) -m pytest -m "not alone"
	$(PY) -m pytest -m alone -n 0

lint: install-lint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: install-test
	$(PY) -m bench

# Resolve every dependency afresh (no constraints) in a scratch environment and pin what it got.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[test,bench,lint]'
	{ echo "# Exact versions of everything 'make' installs (runtime, test, bench and lint extras), from a fresh"; \
	  echo "# install on Python 3.11: 'make lock' writes this file anew after a dependency changes."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^mingle'; } > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis
