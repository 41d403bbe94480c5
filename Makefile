# `make demo` and `make test` work on a fresh machine with only Python 3.11+:
# each creates the virtual environment .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench serve clean

$(BIN)/nq-advisor: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,web]'
	@touch $@

demo: $(BIN)/nq-advisor
	$(BIN)/nq-advisor advise examples/person_lagerhelfer.yaml

test: $(BIN)/nq-advisor
	$(BIN)/python -m pytest

bench: $(BIN)/nq-advisor
	$(BIN)/python bench/run.py

serve: $(BIN)/nq-advisor
	$(BIN)/nq-advisor serve

clean:
	rm -rf $(VENV) build *.egg-info
