# Two commands from a fresh clone: `make run` and `make test`.
# The interpreter the virtual environment is made from: the distribution's own
# /usr/bin/python3 when it is 3.11 or newer and can make one, else python3 on
# PATH. On this machine python3 on PATH is a pyenv build without
# --enable-optimizations and with a shared libpython; the suite takes about
# 16 % more CPU under it than under Debian's. Set PYTHON to choose another.
ifndef PYTHON
PYTHON := $(shell /usr/bin/python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && echo /usr/bin/python3 || echo python3)
endif
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR := .demo-data

.PHONY: run test bench demo clean template

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's dependencies change. uv installs the same
# packages in about 7 s where pip takes about 30 s; where uv cannot be had
# (no network to PyPI), pip installs them as before. Both compile byte-code at
# install: with PYTHONDONTWRITEBYTECODE set (as on the CI machine) nothing is
# ever written later, and every test worker and every command a test starts
# would compile Textual from source again (1.7 s a process instead of 0.6 s).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	( $(BIN)/python -m pip install --quiet uv \
	  && $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[test]' ) \
	|| ( $(BIN)/python -m pip install --quiet --upgrade pip \
	  && $(BIN)/python -m pip install --quiet -e '.[test]' )
	touch $@

run: $(VENV)/.installed
	@test -f $(DEMO_DIR)/coalition.json || $(BIN)/dhtc-tui demo --data-dir $(DEMO_DIR)
	$(BIN)/dhtc-tui --data-dir $(DEMO_DIR)

demo: $(VENV)/.installed
	$(BIN)/dhtc-tui demo --data-dir $(DEMO_DIR) --force

# Under CI (CI=true) Hypothesis runs its "ci" profile: the same examples every
# run, no example database (tests/conftest.py). Tests run on every core.
HYPOTHESIS_PROFILE ?= $(if $(filter true 1 yes,$(CI)),ci,dev)
export HYPOTHESIS_PROFILE
# Two workers a core: a screen test spends part of its time waiting (for a
# subprocess, a save, the app going idle), and the second worker fills it.
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1))')

# The project's own sources are compiled on each run (about a second; only
# changed files), for the same reason as at install.
test: $(VENV)/.installed
	$(BIN)/python -m compileall -q -j 0 src
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal

bench: $(VENV)/.installed
	$(BIN)/python bench/benchmark.py

template: $(VENV)/.installed
	$(BIN)/python -m dhtc_tui.minutes.template

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache build dist
