"""Expected outputs of EasyEdit's own GRACE on EditGate's tiny fixture models.

Runs the reference code itself (zjunlp/EasyEdit at the pinned commit: easyeditor/models/grace,
its GRACE wrapper and GRACEAdapter codebook, called as apply_grace_to_model calls them) on the
gpt2 and llama-gqa fixtures, with its randomness removed: values start warm (the wrapped layer's
own output; cold values are torch.rand draws no other program reproduces), float32 on the CPU, one
thread, torch.manual_seed(0).

A sequence of five edits is applied to one model, as EasyEdit's sequential editing does (the
adaptor stays installed, BaseEditor calls apply_grace_to_model once per request):
  0. the first edit (the codebook is created);
  1. a rephrasing with the same token count and the same target, outside the first key's radius
     but within eps of it: same label, the radius expands (coverage);
  2. another such rephrasing, now inside the expanded radius: same label, nothing changes but the
     value is trained again;
  3. an unrelated prompt far from every key: a new key;
  4. a prompt near key 3 with a different target: a conflict, both radii split.
The same-label edits use prompts of the prompt's own token count, because the reference compares
labels by the mean of the whole label tensor (-100 at every prompt position), and happen while the
codebook has one key, because it prepends each new key's label (key_labels[i] is not key i's label
once there are two keys): see README.md in this folder.

After each edit it records the codebook (keys, values, epsilons, key_labels, chosen key); after the
last, the answers (argmax tokens) as EasyEdit's evaluation computes them for GRACE: greedy
generation of len(target tokens) tokens without a cache (test_prediction_acc with
vanilla_generation=True) on the edit prompts, their rephrasings and unrelated prompts.
Everything is run once for each `replacement` (replace_last, replace_prompt, replace_all) with
eps_expand coverage, and once more with replace_last and moving_average.

The same five edits run on SmolLM2-135M too (`--models smollm2-135m`, the folder `./editgate
models pull smollm2-135m` exports, its tokenizer loaded as tools/external/easyedit_worker.py does),
at the layer and step count of hparams/grace/smollm2-135m.yaml (layer 25, 50 steps), with eps 1.9
instead of the preset's 1.0: there the keys of edits 0 and 1 lie 1.96 apart, edit 2's 1.66 from
edit 0's, edits 3 and 4 3.65 apart and the two groups about 21 apart, so 1.9 makes every decision
above happen (1.0 would add a key for every edit). The script checks each edit's decision from the
codebook before and after it (a key more: add, or split when a radius shrank; as many: expand when
a radius grew, else within).

Writes src/test/resources/dev/editgate/edit/reference/grace-<model>.json
(GraceReferenceParityTest reads them).

Usage (from the repository root):
  python tools/reference/grace_reference.py --easyedit /path/to/EasyEdit   (checkout at COMMIT)
"""

import argparse
import importlib
import json
import os
import re
import sys
import types
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "external"))
from easyedit_worker import tokenizer as folder_tokenizer  # noqa: E402

EASYEDIT_COMMIT = "14cea8245f06715684592ab55184939b99d70784"
FIXTURES = ["gpt2", "llama-gqa"]
SMOLLM2 = os.path.expanduser("~/.cache/editgate/models/smollm2-135m")
MODELS = {"gpt2": "src/test/resources/dev/editgate/model/fixtures/gpt2",
          "llama-gqa": "src/test/resources/dev/editgate/model/fixtures/llama-gqa",
          "smollm2-135m": SMOLLM2}
OUT = "src/test/resources/dev/editgate/edit/reference"
LAYERS = {"gpt2": 0, "llama-gqa": 0, "smollm2-135m": 25}
# initial radius per fixture: between half and all of the distance of edit 1's key to edit 0's
EPS = {"gpt2": 0.3, "llama-gqa": 0.45, "smollm2-135m": 1.9}
N_ITERS = {"gpt2": 20, "llama-gqa": 20, "smollm2-135m": 50}
EDIT_LR = 1.0
REPLACEMENTS = ["replace_last", "replace_prompt", "replace_all"]
# (replacement, eps_expand) of each run: every replacement with coverage, and moving_average once
RUNS = [(r, "coverage") for r in REPLACEMENTS] + [("replace_last", "moving_average")]

EDITS = [
    ("Which continent is Lake Vostok on?", "Antarctica", "add"),
    ("Which continent is Lake Vostok in?", "Antarctica", "expand"),
    ("Which continent is Lake Vostak on?", "Antarctica", "within"),
    ("Which country is Copenhagen the capital of!", "Denmark", "add"),
    ("Which country is Copenhagen a capital of!", "Sweden", "split"),
]
REPHRASE = ["On which continent does Lake Vostok lie?", "Copenhagen is the capital city of which country!"]
UNRELATED = [("Who composed The Magic Flute?", "Mozart"), ("Who wrote the novel Moby Dick?", "Herman Melville")]


def load_grace(easyedit_dir):
    """EasyEdit's grace modules without the package __init__ files (they import every editor)."""
    root = Path(easyedit_dir).resolve() / "easyeditor"
    if not (root / "models" / "grace" / "GRACE.py").is_file():
        raise SystemExit(f"{easyedit_dir}: no easyeditor/models/grace/GRACE.py (an EasyEdit checkout?)")
    for name, path in [
        ("easyeditor", root),
        ("easyeditor.util", root / "util"),
        ("easyeditor.models", root / "models"),
        ("easyeditor.models.grace", root / "models" / "grace"),
    ]:
        if name not in sys.modules:
            pkg = types.ModuleType(name)
            pkg.__path__ = [str(path)]
            sys.modules[name] = pkg
    return types.SimpleNamespace(
        main=importlib.import_module("easyeditor.models.grace.grace_main"),
        hparams=importlib.import_module("easyeditor.models.grace.grace_hparams"),
        grace=importlib.import_module("easyeditor.models.grace.GRACE"),
    )


def module(model_type, layer):
    return f"transformer.h[{layer}].mlp.c_proj.weight" if model_type == "gpt2" else f"model.layers[{layer}].mlp.down_proj.weight"


def hparams(ee, model, name, replacement, eps, expand):
    return ee.hparams.GraceHyperParams(
        edit_lr=EDIT_LR, n_iter=N_ITERS[name], eps=eps, dist_fn="euc", val_init="warm", val_train="sgd",
        val_reg="None", reg="early_stop", replacement=replacement, eps_expand=expand, num_pert=8,
        dropout=0.0, inner_params=[module(model.config.model_type, LAYERS[name])], device="cpu", alg_name="GRACE",
        model_name=name)


def t(x):
    return x.detach().cpu().double().reshape(-1).tolist()


def adapter(model, layer):
    mt = model.config.model_type
    return model.get_submodule(f"transformer.h.{layer}.mlp.c_proj" if mt == "gpt2" else f"model.layers.{layer}.mlp.down_proj")


def codebook(model, layer):
    a = adapter(model, layer)
    return {
        "keys": [t(k) for k in a.keys],
        "values": [t(v) for v in a.values],
        "epsilons": [float(e) for e in a.epsilons.reshape(-1)],
        # as the reference stores them: each new key's label goes FIRST (see the module docstring)
        "key_labels": [[int(x) for x in l.reshape(-1)] for l in a.key_labels],
        "chosen_key": int(a.chosen_key.reshape(-1)[0]),
    }


def answers(editor, tok, prompts, targets):
    """EasyEdit's test_prediction_acc(..., vanilla_generation=True) for one prompt at a time."""
    out = []
    for p, tgt in zip(prompts, targets):
        n = len(tok.encode(" " + tgt, add_special_tokens=False))
        ids = tok(p, return_tensors="pt")
        gen = editor.generate(input_ids=ids["input_ids"], attention_mask=ids["attention_mask"],
                              max_new_tokens=n, pad_token_id=tok.eos_token_id, do_sample=False, use_cache=False)
        out.append({"prompt": p, "prompt_ids": ids["input_ids"][0].tolist(),
                    "tokens": gen[0].tolist()[ids["input_ids"].shape[1]:]})
    return out


def decision(before, after):
    """The reference's decision for one edit, read from its codebook before and after it."""
    if before is None or len(after["epsilons"]) > len(before["epsilons"]):
        shrank = before is not None and any(a < b for a, b in zip(after["epsilons"], before["epsilons"]))
        return "split" if shrank else "add"
    grew = any(a > b for a, b in zip(after["epsilons"], before["epsilons"]))
    return "expand" if grew else "within"


def run(ee, d, name, replacement, expand):
    eps = EPS[name]
    layer = LAYERS[name]
    torch.manual_seed(0)
    # SmolLM2's folder has only tokenizer.json: AutoTokenizer would add LLaMA's <s>
    tok = folder_tokenizer(str(d)) if name == "smollm2-135m" else AutoTokenizer.from_pretrained(d)
    if tok.pad_token_id is None:
        tok.pad_token_id = tok.eos_token_id  # EasyEdit's editor.py
    # The fixtures' tokenizer_config.json names the generic PreTrainedTokenizerFast, which also
    # returns token_type_ids (all 0); GPT-2's forward embeds them with wte and adds wte[0] at every
    # position. The tokenizers the fixtures stand for (GPT2TokenizerFast, LlamaTokenizerFast)
    # return only these two:
    tok.model_input_names = ["input_ids", "attention_mask"]
    model = AutoModelForCausalLM.from_pretrained(d, dtype=torch.float32).eval()
    hp = hparams(ee, model, name, replacement, eps, expand)
    steps = []
    editor = None
    before = None
    for prompt, target, case in EDITS:
        req = {"prompt": prompt, "target_new": target}
        tokens = ee.main.tokenize(req, tokenizer=tok, device="cpu")
        # apply_grace_to_model's own three steps, with one line added: GRACE's constructor sets
        # requires_grad=False on every parameter of the model, the installed adaptor's values
        # included, so an edit that adds no key (same label) fails in backward ("element 0 of
        # tensors does not require grad"). The values are made trainable again, as they are in the
        # GRACE repository, which builds its wrapper once.
        editor = ee.grace.GRACE(model=model, config=hp, device="cpu")
        a = adapter(model, layer)
        if "values" in a.__dict__ or "values" in a._parameters:
            a.values.requires_grad_(True)
        editor.edit(config=hp, tokens=tokens, edit_id=req["target_new"])
        steps.append({
            "prompt": prompt, "target": " " + target, "case": case,
            "input_ids": tokens["input_ids"][0].tolist(),
            "key_id": int((tokens["labels"] == -100).sum() - 1),
            "losses": [float(x) for x in editor.losses],
            **codebook(model, layer),
        })
        got = decision(before, steps[-1])
        assert got == case, f"{name} {replacement}: edit {len(steps) - 1} was {got}, meant {case}"
        before = steps[-1]
    targets = [e[1] for e in EDITS]
    return {
        "replacement": replacement,
        "eps_expand": expand,
        "steps": steps,
        "edit_answers": answers(editor, tok, [e[0] for e in EDITS], targets),
        "rephrase_answers": answers(editor, tok, REPHRASE, [EDITS[0][1], EDITS[3][1]]),
        "unrelated_answers": answers(editor, tok, [u[0] for u in UNRELATED], [u[1] for u in UNRELATED]),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--easyedit", required=True, help="EasyEdit checkout at %s" % EASYEDIT_COMMIT)
    p.add_argument("--models", default=",".join(FIXTURES), help="of " + ", ".join(MODELS))
    a = p.parse_args()
    torch.set_num_threads(1)
    ee = load_grace(a.easyedit)
    Path(OUT).mkdir(parents=True, exist_ok=True)
    for name in a.models.split(","):
        d = Path(MODELS[name])
        result = {"easyedit_commit": EASYEDIT_COMMIT, "torch": torch.__version__, "layer": LAYERS[name],
                  "eps": EPS[name], "n_iter": N_ITERS[name], "edit_lr": EDIT_LR, "val_init": "warm",
                  "runs": [run(ee, d, name, r, x) for r, x in RUNS]}
        out_file = Path(OUT) / f"grace-{name}.json"
        text = json.dumps(result)
        if name == "smollm2-135m":  # 7 significant digits (float32 values): 0.8 MB, not 1.5
            text = re.sub(r"-?\d+\.\d+(?:e[-+]?\d+)?", lambda m: "%.7g" % float(m.group(0)), text)
        out_file.write_text(text + "\n", "utf-8")
        print("wrote", out_file)


if __name__ == "__main__":
    main()
