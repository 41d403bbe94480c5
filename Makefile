# `make demo` and `make test` work on a fresh machine with only Python 3.11+:
# each creates the virtual environment .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-pythons bench serve clean

$(BIN)/nq-advisor: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,web]'
	@touch $@

demo: $(BIN)/nq-advisor
	$(BIN)/nq-advisor advise examples/person_lagerhelfer.yaml

test: $(BIN)/nq-advisor
	$(BIN)/python -m pytest

# The suite on every other Python >= 3.11 found (PATH, pyenv), each in its own .venv-3.X; fails if any fails.
test-pythons:
	@set -e; for py in $$(sh .ci/pythons $(PYTHON)); do \
	    v=$$($$py -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	    echo "== Python $$v ($$py)"; \
	    [ -x .venv-$$v/bin/python ] || $$py -m venv .venv-$$v; \
	    .venv-$$v/bin/python -m pip install --quiet --upgrade pip; \
	    .venv-$$v/bin/python -m pip install --quiet -e '.[test,web]'; \
	    .venv-$$v/bin/python -m pytest; \
	done

bench: $(BIN)/nq-advisor
	$(BIN)/python bench/run.py

serve: $(BIN)/nq-advisor
	$(BIN)/nq-advisor serve

clean:
	rm -rf $(VENV) .venv-3.* build *.egg-info
