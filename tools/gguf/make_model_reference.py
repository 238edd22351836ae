"""Reference outputs of transformers loading the real GGUF models, for EditGate's parity tests.

transformers reads GGUF through the `gguf` package and dequantises to float32; EditGate converts the
same file with its own reader (`./editgate models pull`). This script records, for a few prompts,
transformers' token ids, float32 logits at every position for a fixed subset of the vocabulary
(every k-th id plus each position's top 20), and 12 greedy tokens.

Token ids: `ids` is what transformers' GGUF tokenizer feeds the model (its LlamaTokenizerFast wrapper
adds BOS for SmolLM2 although the GGUF's tokenizer.ggml.add_bos_token is false; its Gemma 3
conversion splits words such as " capital" that the vocabulary holds whole). The logits and greedy
tokens are computed on these ids, and the Java test feeds the same ids, so the model comparison does
not depend on those tokenizer choices; `ids_no_special` is compared for the byte-level BPE models.

    tools/.venv/bin/pip install torch==2.7.1 transformers==4.57.6 gguf numpy accelerate
    ./editgate models pull smollm2-135m gemma3-270m qwen2.5-coder-1.5b
    tools/.venv/bin/python tools/gguf/make_model_reference.py [name ...]

Writes src/test/resources/dev/editgate/model/gguf/parity/<name>.json (small; committed).
"""
import json
import os
import sys
from pathlib import Path

import torch
import transformers
from transformers import AutoModelForCausalLM, AutoTokenizer

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/test/resources/dev/editgate/model/gguf/parity"
CACHE = Path(os.environ.get("EDITGATE_CACHE", Path.home() / ".cache/editgate"))
MODELS = ["smollm2-135m", "gemma3-270m", "qwen2.5-coder-1.5b"]
PROMPTS = [
    "The capital of France is",
    "def fibonacci(n):\n    ",
    "Once upon a time, a little",
]
STEP = 997  # vocabulary sample stride


def main(names):
    OUT.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    for name in names or MODELS:
        gguf = CACHE / "gguf" / f"{name}.gguf"
        tok = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(
            str(gguf.parent), gguf_file=gguf.name, torch_dtype=torch.float32, attn_implementation="eager"
        ).eval()
        model.generation_config.eos_token_id = None
        records = []
        for text in PROMPTS:
            ids = tok(text, return_tensors="pt").input_ids
            with torch.no_grad():
                logits = model(ids).logits[0]  # (T, V)
            vocab = set(range(0, logits.shape[-1], STEP))
            for row in logits:
                vocab.update(torch.topk(row, 20).indices.tolist())
            vocab = sorted(vocab)
            with torch.no_grad():
                out = model.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False,
                                     max_new_tokens=12, eos_token_id=None, pad_token_id=0)
            records.append({
                "text": text,
                "ids": ids[0].tolist(),
                "ids_no_special": tok(text, add_special_tokens=False).input_ids,
                "vocab_ids": vocab,
                "logits": [[round(float(v), 5) for v in row[vocab]] for row in logits],
                "argmax": logits.argmax(-1).tolist(),
                "greedy_ids": out[0, ids.shape[1]:].tolist(),
                "greedy_text": tok.decode(out[0, ids.shape[1]:]),
            })
        doc = {
            "model": name,
            "gguf_file": gguf.name,
            "how": "AutoModelForCausalLM.from_pretrained(dir, gguf_file=..., torch_dtype=float32, eager); "
                   "logits of tok(text) unpadded; greedy = generate(do_sample=False, max_new_tokens=12, no eos)",
            "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
            "prompts": records,
        }
        (OUT / f"{name}.json").write_text(json.dumps(doc))
        print(name, [r["greedy_text"] for r in records])


if __name__ == "__main__":
    main(sys.argv[1:])
