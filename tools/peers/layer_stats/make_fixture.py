"""Expected second moments from EasyEdit's own layer_stats on EditGate's tiny fixture models.

Writes, for the Java parity test (EasyEditLayerStatsParityTest):
  src/test/resources/dev/editgate/edit/stats/easyedit/<fixture>.safetensors
      tensors mom2.<layer> ([I, I] float32: EasyEdit's stat.mom2.moment())
      metadata: count (keys summed), sample_size, max_length, commit
  src/test/resources/dev/editgate/edit/stats/python-random.json
      random.Random(seed).shuffle(list(range(n))) for a few seeds and sizes (PythonRandomTest)

Usage (from the repository root, with an EasyEdit checkout at the pinned commit):
  git clone https://github.com/zjunlp/EasyEdit && git -C EasyEdit checkout 14cea8245f06715684592ab55184939b99d70784
  python tools/peers/layer_stats/make_fixture.py --easyedit EasyEdit
"""

import argparse
import json
import random
import sys
from pathlib import Path

import torch
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM, AutoTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import easyedit_layer_stats as ee  # noqa: E402

FIXTURES = ["llama-gqa", "gpt2"]
SAMPLE_SIZE = 20  # of the corpus's 32 documents: exercises the seeded subset


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--easyedit", required=True, help="EasyEdit checkout at %s" % ee.EASYEDIT_COMMIT)
    p.add_argument("--repo", default=".", help="EditGate repository root")
    a = p.parse_args()
    repo = Path(a.repo).resolve()
    res = repo / "src/test/resources/dev/editgate"
    out = res / "edit/stats/easyedit"
    out.mkdir(parents=True, exist_ok=True)
    docs = [json.loads(l)["text"] for l in (res / "edit/stats/corpus.jsonl").read_text("utf-8").splitlines() if l.strip()]
    torch.manual_seed(0)
    torch.set_num_threads(1)
    ls = ee.load_layer_stats(a.easyedit)
    for name in FIXTURES:
        d = res / "model/fixtures" / name
        tok = AutoTokenizer.from_pretrained(d)
        model = AutoModelForCausalLM.from_pretrained(d, torch_dtype=torch.float32).eval()
        tensors, meta = {}, {"commit": ee.EASYEDIT_COMMIT, "sample_size": str(SAMPLE_SIZE)}
        for layer in range(model.config.num_hidden_layers):
            stat, _ = ee.run(ls, model, tok, layer, docs, SAMPLE_SIZE, "float32")
            tensors[f"mom2.{layer}"] = stat.mom2.moment().float().contiguous()
            meta[f"count.{layer}"] = str(stat.mom2.count)
        save_file(tensors, str(out / f"{name}.safetensors"), metadata=meta)
        print(name, meta)
    shuffles = []
    for seed, n in [(1, 20), (1, 32), (0, 10), (7, 1000), (12345678901, 50), (1, 1)]:
        x = list(range(n))
        random.Random(seed).shuffle(x)
        shuffles.append({"seed": seed, "n": n, "shuffled": x})
    (res / "edit/stats/python-random.json").write_text(
        json.dumps({"python": sys.version.split()[0], "shuffles": shuffles}) + "\n", "utf-8")


if __name__ == "__main__":
    main()
