"""A three-layer variant of the tiny LLaMA fixture, for MEMIT's and AlphaEdit's parity runs.

On the two-layer fixtures MEMIT's critical layers [0, 1] put z at the last layer, which is also the
loss layer (v_loss_layer = num_layers - 1). The delta added there at the subject's last token
cannot reach the later positions where the target is scored, so the NLL's gradient is exactly zero
and the reference's z is Adam amplifying rounding noise of the KL gradient (EasyEdit's compute_z
logs the same NLL for all 20 steps): nothing to compare. With three layers, layers [0, 1] put z at
layer 1 and the loss at layer 2, as on a real model (z at a middle layer, loss at the last).

Same config as model/fixtures/llama-gqa (its tokenizer files are copied) with num_hidden_layers 3,
every parameter drawn as tools/fixtures/make_fixtures.py draws them (randomize_parameters), seed
fixed. Writes src/test/resources/dev/editgate/edit/reference/fixtures/llama-gqa-3l/.

Usage (from the repository root):
  /work/venv-ref/bin/python tools/reference/make_deep_fixture.py
"""
import json
import shutil
import sys
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, LlamaConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from make_fixtures import randomize_parameters  # noqa: E402

SRC = Path("src/test/resources/dev/editgate/model/fixtures/llama-gqa")
OUT = Path("src/test/resources/dev/editgate/edit/reference/fixtures/llama-gqa-3l")
SEED = 20261203


def main():
    cfg = json.loads((SRC / "config.json").read_text("utf-8"))
    cfg["num_hidden_layers"] = 3
    config = LlamaConfig(**{k: v for k, v in cfg.items() if k not in ("architectures", "transformers_version")})
    torch.manual_seed(SEED)
    model = AutoModelForCausalLM.from_config(config, attn_implementation="eager").eval()
    randomize_parameters(model, torch.Generator().manual_seed(SEED))
    OUT.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(OUT, safe_serialization=True)
    for f in ["tokenizer.json", "tokenizer_config.json", "generation_config.json"]:
        shutil.copy(SRC / f, OUT / f)
    reloaded = AutoModelForCausalLM.from_pretrained(OUT, dtype=torch.float32).eval()
    ids = torch.tensor([[1, 300, 301, 302]])
    with torch.no_grad():
        assert torch.allclose(model(ids).logits, reloaded(ids).logits, atol=1e-5)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
