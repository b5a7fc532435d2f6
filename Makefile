# paperchat — `make run` sets everything up and starts the app; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run install models ingest test lint bench eval clean

run: install models ingest
	$(BIN)/paperchat serve

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The CPU build of torch, pinned: an unpinned torch pulls gigabytes of CUDA packages.
	$(BIN)/pip install --quiet torch==2.13.0
	# llama-cpp-python builds from source the first time (about 6 minutes on 2 cores); pip caches the wheel.
	# LLAVA_BUILD=OFF skips its multimodal library (libmtmd: 51 of 178 compile units), which text chat
	# through `python -m llama_cpp.server` never loads.
	CMAKE_ARGS="$(CMAKE_ARGS) -DLLAVA_BUILD=OFF" $(BIN)/pip install --quiet -e ".[local,dev]"
	touch $(STAMP)

install: $(STAMP)

models: install
	# 1.5b: the default local model; 0.5b: the fast one the LLM tests run on.
	$(BIN)/paperchat models fetch embed 0.5b 1.5b

ingest: models
	$(BIN)/paperchat ingest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy rag ingest ui

test: install models lint
	$(BIN)/python -m pytest -q

eval: ingest
	$(BIN)/paperchat eval --backend extractive

bench: install models
	$(BIN)/python -m benchmarks.run
	# 20 + 4 concurrent conversations through gradio_client against `paperchat serve` (about 5-10 minutes)
	$(BIN)/python -m benchmarks.load

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
