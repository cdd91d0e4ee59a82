# BranchDesk — `make run` to try it, `make test` to check it, `make bench` to measure it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= demo-data

.PHONY: run test bench demo lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The app and its runtime dependencies (re-installed when pyproject.toml changes).
$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

# Plus the test and lint tools.
$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@ $(VENV)/.run-installed

# The demo branch, with this morning's churn scan already run (the server's own daily
# scan waits for its scan time), so the alert queue has something to triage at once.
$(DATA)/format.json: | $(VENV)/.run-installed
	$(BIN)/branchdesk demo --data $(DATA)
	$(BIN)/branchdesk scan --data $(DATA)

demo: $(DATA)/format.json

# Terminal UI: start a server on the demo data, open the TUI, stop the server on quit.
run: $(VENV)/.run-installed $(DATA)/format.json
	$(BIN)/branchdesk run --data $(DATA) --port 8750

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	@command -v tmux >/dev/null || (apt-get update && apt-get install -y tmux)  # TUI smoke test
	$(BIN)/python -m pytest -q -n auto --durations=15

# The server benchmark drives load with wrk (a Debian package); without it, it falls
# back to its Python load generator and says so.
bench: $(VENV)/.dev-installed
	@command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk) \
		|| echo "wrk could not be installed; the server benchmark will use its Python load generator"
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
