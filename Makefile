# paperchat — `make run` sets everything up and starts the app; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run install install-dev models test-models ingest test lint bench eval clean

run: install models ingest
	$(BIN)/paperchat serve

# llama.cpp's AMX kernels crash (SIGSEGV in ggml_backend_amx_mul_mat at the first answer, seen on an AMX machine
# with llama-cpp-python 0.3.36) and -march=native turns them on: where the CPU has AMX, its other features are
# listed instead (every AMX CPU has these AVX-512 extensions).
LLAMA_CPU := $(shell grep -qw amx_int8 /proc/cpuinfo 2>/dev/null && echo -DGGML_NATIVE=OFF -DGGML_AVX=ON \
	-DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX512=ON -DGGML_AVX512_VBMI=ON \
	-DGGML_AVX512_VNNI=ON -DGGML_AVX512_BF16=ON)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The CPU build of torch, pinned: an unpinned torch pulls gigabytes of CUDA packages.
	$(BIN)/pip install --quiet torch==2.13.0
	# llama-cpp-python builds from source the first time (about 6 minutes on 2 cores); pip caches the wheel.
	# LLAVA_BUILD=OFF skips its multimodal library (libmtmd: 51 of 178 compile units), which text chat
	# through `python -m llama_cpp.server` never loads.
	CMAKE_ARGS="$(CMAKE_ARGS) $(LLAMA_CPU) -DLLAVA_BUILD=OFF" $(BIN)/pip install --quiet -e ".[local]"
	touch $(STAMP)

# The test, lint and benchmark tools (pytest, playwright, mypy, llama-index, sentence-transformers): `make run`
# does not need them, so only the targets that use them install them.
$(DEV_STAMP): $(STAMP)
	CMAKE_ARGS="$(CMAKE_ARGS) $(LLAMA_CPU) -DLLAVA_BUILD=OFF" $(BIN)/pip install --quiet -e ".[local,dev]"
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

models: install
	# the embedder and 1.5b, the default local model
	$(BIN)/paperchat models fetch embed 1.5b

test-models: models
	# 0.5b: the fast model the LLM tests run on
	$(BIN)/paperchat models fetch 0.5b

ingest: models
	$(BIN)/paperchat ingest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy rag ingest ui benchmarks

test: install-dev test-models lint
	$(BIN)/python -m pytest -q

eval: ingest
	$(BIN)/paperchat eval --backend extractive

bench: install-dev test-models
	$(BIN)/python -m benchmarks.run
	# 20 + 4 concurrent conversations through gradio_client against `paperchat serve` (about 5-10 minutes)
	$(BIN)/python -m benchmarks.load

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
