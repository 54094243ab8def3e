# vistok: `make serve` and `make test` install whatever is missing first (scripts/setup.sh).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: setup serve build test test-native test-browser test-e2e bench golden

setup:
	@bash scripts/setup.sh

## Serve the app on http://127.0.0.1:8080 (release build, rebuilt on change).
serve: setup
	trunk serve --release

## Release build into dist/.
build: setup
	trunk build --release

## Every test: native (engine, golden rows, CLI, figures), browser components, end to end.
test: setup test-native test-browser test-e2e

test-native:
	cargo test --all-targets

test-browser:
	cargo test --target wasm32-unknown-unknown --test web

test-e2e: build
	cargo build --bin vistok
	node --test tests/e2e/

## Benchmarks (transfer size, slider-to-repaint latency); results go to bench/RESULTS.md by hand.
bench: build
	node bench/bench.mjs

## Regenerate tests/golden/rows.jsonl from the real transformers processors (by hand).
golden:
	bash scripts/golden.sh
