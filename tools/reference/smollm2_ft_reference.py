"""Expected outputs of EasyEdit's own FT-L on SmolLM2-135M (the folder `./editgate models pull
smollm2-135m` exports), for FtSmolLm2ParityTest.

Runs the reference code itself (zjunlp/EasyEdit at the pinned commit: easyeditor/models/ft
apply_ft_to_model, imported through editors_reference.load_easyedit) with EasyEdit's LLaMA settings
(hparams/FT/llama-7b.yaml: layer 21 of 32, 25 Adam steps at lr 5e-4, no weight decay, no KL, no
norm constraint) at the same relative depth of SmolLM2's 30 layers (layer 20), for both objectives
(prompt_last, target_new), on ZsRE record 100, float32 on the CPU, one thread,
torch.manual_seed(0). SmolLM2's tokenizer is byte-level BPE and its folder names no BOS that
EasyEdit's tok(targets) would add, so EasyEdit runs as it is (the script asserts the target's ids
alone equal its ids as a continuation of the prompt).

The update of layer 20's down_proj (576 x 1536) is recorded through linear functionals of the
whole matrix, which keep the file small: its row sums (576), column sums (1536), Frobenius norm, the
[0:8, 0:8] slice and its sum weighted by the fixed matrix P[i, j] = (7 i + 13 j) mod 11 - 5.

Usage (from the repository root; about a minute):
  python tools/reference/smollm2_ft_reference.py --easyedit /path/to/EasyEdit [--model DIR]
"""

import argparse
import json
import os
import sys
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "external"))
from editors_reference import EASYEDIT_COMMIT, load_easyedit, module_names  # noqa: E402
from easyedit_worker import tokenizer  # noqa: E402
from smollm2_reference import SLICE, compact, projection  # noqa: E402

MODEL = os.path.expanduser("~/.cache/editgate/models/smollm2-135m")
ZSRE = "../shared/data/zsre/zsre_mend_train-1k.json"
RECORD = 100
LAYER = 20
STEPS = 25
LR = 5e-4
OUT = "src/test/resources/dev/editgate/edit/reference/smollm2-135m-ft.json"


def run(ee, model, tok, req, objective):
    names = module_names(model.config.model_type)
    hp = ee.ft_ft_hparams.FTHyperParams(
        layers=[LAYER], num_steps=STEPS, lr=LR, weight_decay=0, kl_factor=0, norm_constraint=False,
        objective_optimization=objective, rewrite_module_tmp=names["mlp_module_tmp"] + ".down_proj",
        layer_module_tmp=names["layer_module_tmp"], mlp_module_tmp=names["mlp_module_tmp"],
        attn_module_tmp=names["attn_module_tmp"], ln_f_module=names["ln_f_module"],
        lm_head_module=names["lm_head_module"], device="cpu", alg_name="FT", model_name="smollm2-135m",
        batch_size=1, max_length=40)
    wname = f"model.layers.{LAYER}.mlp.down_proj.weight"
    w0 = model.get_parameter(wname).detach().clone()
    torch.manual_seed(0)
    edited, _ = ee.ft_ft_main.apply_ft_to_model(model, tok, [req], hp)
    delta = (edited.get_parameter(wname).detach() - w0).double()
    with torch.no_grad():
        model.get_parameter(wname)[...] = w0
    return {
        "objective": objective,
        "weight": wname,
        "row_sums": delta.sum(1).tolist(),
        "column_sums": delta.sum(0).tolist(),
        "delta_norm": delta.norm().item(),
        "delta_max": delta.abs().max().item(),
        "delta_slice": delta[SLICE].tolist(),
        "delta_projection": (delta * projection(*delta.shape)).sum().item(),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--easyedit", required=True, help="EasyEdit checkout at %s" % EASYEDIT_COMMIT)
    p.add_argument("--model", default=MODEL)
    a = p.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    ee = load_easyedit(a.easyedit)
    tok = tokenizer(a.model)
    tok.pad_token_id = tok.eos_token_id
    model = AutoModelForCausalLM.from_pretrained(a.model, dtype=torch.float32).eval()
    rec = json.loads(Path(ZSRE).read_text("utf-8"))[RECORD]
    req = {"prompt": rec["src"], "subject": rec["subject"], "target_new": rec["alt"]}
    alone = tok(" " + req["target_new"])["input_ids"]  # prompt_last's tok(targets), as is
    full = tok(req["prompt"] + " " + req["target_new"])["input_ids"]
    assert full == tok(req["prompt"])["input_ids"] + alone, "the target is not a continuation"
    result = {
        "easyedit_commit": EASYEDIT_COMMIT,
        "torch": torch.__version__,
        "model": "smollm2-135m",
        "zsre_record": RECORD,
        "request": req,
        "layers": [LAYER],
        "steps": STEPS,
        "lr": LR,
        "norm_constraint": 0,
        "projection": "P[i, j] = (7 i + 13 j) mod 11 - 5",
        "ft": {o: run(ee, model, tok, req, o) for o in ["prompt_last", "target_new"]},
    }
    Path(OUT).write_text(compact(json.dumps(result)) + "\n", "utf-8")
    print("wrote", OUT, Path(OUT).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
