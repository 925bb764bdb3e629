# The two commands of the README: `make run` (install, ingest the sample corpus, serve) and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run test lint typecheck unit clean

$(BIN)/hubei-agent: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned: the CPU build; an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[st,dev]"
	touch $(BIN)/hubei-agent

install: $(BIN)/hubei-agent

run: install
	$(BIN)/hubei-agent serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check agents knowledge tools serving ui evals tests

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q -p no:cacheprovider

test: lint typecheck unit

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
