"""EasyEdit's layer_stats on the documents EditGate sampled, for `./editgate bench stats`.

Reads the documents (JSON lines, {"text": ...}, in the order EditGate visits them), runs EasyEdit's
own layer_stats once per layer, as its MEMIT does (get_cov per layer; each call stops at its own
layer: nethook.Trace(stop=True)), writes the moments it computed and prints one JSON line:
    {"seconds": total, "layers": [{"layer": l, "seconds": s, "count": keys}], "commit": ...}

    python tools/peers/layer_stats/bench.py --easyedit EASYEDIT_CHECKOUT --model MODEL_DIR \
        --layers 3,4,5,6,7 --documents docs.jsonl --out moments.safetensors
"""

import argparse
import json
import sys
import time
from pathlib import Path

import torch
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "external"))
import easyedit_layer_stats as ee  # noqa: E402
from easyedit_worker import tokenizer as folder_tokenizer  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--easyedit", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--layers", required=True, help="comma-separated")
    p.add_argument("--documents", required=True, help="JSON lines with a text field")
    p.add_argument("--out", required=True, help="safetensors file for the moments")
    p.add_argument("--precision", default="float32")
    a = p.parse_args()
    docs = [json.loads(l)["text"] for l in Path(a.documents).read_text("utf-8").splitlines() if l.strip()]
    ls = ee.load_layer_stats(a.easyedit)
    # a folder with only tokenizer.json (EditGate's GGUF imports): AutoTokenizer would add LLaMA's
    # default <s> as a new id past the vocabulary; the worker's loader names config.json's BOS/EOS
    tok = folder_tokenizer(a.model)
    model = AutoModelForCausalLM.from_pretrained(a.model, dtype=torch.float32).eval()
    out, layers, total = {}, [], 0.0
    for layer in [int(x) for x in a.layers.split(",")]:
        # sample_size=None: every document given, in the given order (they are EditGate's sample)
        stat, seconds = ee.run(ls, model, tok, layer, docs, None, a.precision)
        out[f"mom2.{layer}"] = stat.mom2.moment().float().contiguous()
        layers.append({"layer": layer, "seconds": seconds, "count": stat.mom2.count})
        total += seconds
    save_file(out, a.out)
    print(json.dumps({"seconds": total, "layers": layers, "commit": ee.EASYEDIT_COMMIT,
                      "torch_threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
