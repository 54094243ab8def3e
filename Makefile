# vistok: `make serve` and `make test` install whatever is missing first (scripts/setup.sh).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: setup serve build test test-native test-browser test-e2e test-scan test-python gpu-venv test-gpu-script bench bench-scan golden

setup:
	@bash scripts/setup.sh

## Serve the app on http://127.0.0.1:8080 (release build, rebuilt on change).
serve: setup
	trunk serve --release

## Release build into dist/.
build: setup
	trunk build --release

## Every test: native (engine, golden rows, CLI, figures, cost model), browser components, end to
## end, and the GPU measurement script run on the CPU with tiny shapes.
## torch goes in first, while target/ is still small: disk is tightest at the end of the run.
test: setup gpu-venv test-native test-scan test-python test-browser test-e2e test-gpu-script

test-native:
	cargo test --all-targets

test-browser:
	cargo test --target wasm32-unknown-unknown --no-default-features --test web

test-e2e: build
	cargo build --bin vistok
	trunk build --release --public-url /vistok/ --dist target/dist-subpath
	node --test tests/e2e/

## bench/gpu/measure.py on the CPU with 1-layer shapes, in its own virtualenv (torch from PyPI is
## large: about 4.6 GB and two minutes the first time); its rows must match the engine's counts.
## No pip cache: its copy of the CUDA wheels (about 3.5 GB) is never read again on a CI machine.
GPU_VENV := .venv-gpu
gpu-venv:
	@[ -x $(GPU_VENV)/bin/python ] || python3 -m venv $(GPU_VENV)
	$(GPU_VENV)/bin/pip install -q --no-cache-dir torch==2.11.0 torchvision==0.26.0 transformers==5.23.0 \
	  tokenizers==0.23.3 pillow==13.0.0 numpy==2.4.6

test-gpu-script: gpu-venv
	cargo build -q --bin vistok
	rm -f target/gpu-script.jsonl
	for m in $$($(GPU_VENV)/bin/python bench/gpu/measure.py --list); do \
	  $(GPU_VENV)/bin/python bench/gpu/measure.py --tiny --device cpu --model $$m \
	    --sizes 56x56,1000x250 --out target/gpu-script.jsonl || exit 1; done
	$(GPU_VENV)/bin/python bench/gpu/check.py target/gpu-script.jsonl target/debug/vistok

## vistok scan on 2,000 generated images and broken files against the reference: each upright
## size as transformers' load_image (PIL exif_transpose) gives it, each count as vistok batch gives it.
test-scan: gpu-venv
	cargo build -q --bin vistok
	$(GPU_VENV)/bin/python scripts/scan_check.py target/scan-folder --count 2000 --bin target/debug/vistok

## The Python package (python/): a wheel built with maturin (abi3: one wheel for every Python
## 3.9+), installed into a fresh virtualenv, its tests against the golden rows.
PY_BUILD := .venv-build
PY_TEST := .venv-py
test-python:
	@[ -x $(PY_BUILD)/bin/maturin ] || (python3 -m venv $(PY_BUILD) && $(PY_BUILD)/bin/pip install -q maturin==1.16.0)
	rm -rf target/wheels
	CARGO_TARGET_DIR=target/python $(PY_BUILD)/bin/maturin build --release -m python/Cargo.toml -o target/wheels
	rm -rf $(PY_TEST) && python3 -m venv $(PY_TEST)
	$(PY_TEST)/bin/pip install -q target/wheels/vistok-*.whl pyarrow==26.0.1 pyspark==4.3.0 pandas==2.3.3
	$(PY_TEST)/bin/python -m unittest discover -s python/tests -v

## vistok scan (built for speed) against a Python loop of PIL.Image.open + EXIF + smart_resize.
bench-scan: gpu-venv
	cargo build -q --profile cli --bin vistok
	$(GPU_VENV)/bin/python scripts/scan_check.py target/scan-folder --count 2000 --bin target/cli/vistok --bench

## Benchmarks (load at Slow 4G, transfer size, localhost load, slider, drop, leaks, engine sweep); results go to bench/RESULTS.md by hand.
bench: build
	node bench/bench.mjs

## Regenerate tests/golden/rows.jsonl from the real transformers processors (by hand).
golden:
	bash scripts/golden.sh
