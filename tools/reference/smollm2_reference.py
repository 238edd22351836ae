"""Expected outputs of EasyEdit's own ROME on SmolLM2-135M (the folder `./editgate models pull
smollm2-135m` exports), for RomeSmolLm2ParityTest.

Runs the reference code itself (zjunlp/EasyEdit at the pinned commit: easyeditor/models/rome
compute_u, compute_v, apply_rome_to_model, imported through editors_reference.load_easyedit) with
the settings of hparams/rome/smollm2-135m.yaml, except what would make the run random or slow:
  - context templates fixed to ["{}"] + editors_reference.PREFIXES (ROME's CONTEXT_TEMPLATES_CACHE
    set before the first call, so generate_fast never runs);
  - mom2_adjustment false (the preset's own setting: no second moments, u = k̄ / ‖k̄‖);
  - float32 on the CPU, one thread, torch.manual_seed(0).
Two ZsRE records (REQUESTS of ../shared/data/zsre/zsre_mend_train-1k.json, not ones a suite
edits first), each edited on the unedited model.

The tokenizer is loaded as tools/external/easyedit_worker.py's tokenizer(path) does (the folder has
only tokenizer.json; AutoTokenizer would add LLaMA's <s> past the vocabulary). SmolLM2's tokenizer
is byte-level BPE: EasyEdit's rewriting prompt prompt + decode(target_ids[:-1]) re-tokenises to
exactly prompt + target_ids[:-1] (the Metaspace quirk of the LLaMA fixture does not arise); the
script asserts that and runs EasyEdit as it is, without ContinuationTargetTokenizer.

Small outputs (src/test/resources/dev/editgate/edit/reference/smollm2-135m.json, ~100 KB): per
request k̄, u, k, W k, v (1536 / 576 floats; 7 significant digits) and ΔW through its rank-one
factors (ΔW = r uᵀ in the (out, in) layout, compute_v's right vector r = (v - W k) / (k·u) from
the recorded v, W k, k, u), checked here against apply_rome_to_model's actual weight change, plus that change's Frobenius norm, a fixed slice and its projection on a fixed
integer matrix (sum of ΔW ∘ P, P[i, j] = (7 i + 13 j) mod 11 - 5; no hash).

Usage (from the repository root):
  python tools/reference/smollm2_reference.py --easyedit /path/to/EasyEdit [--model DIR]
"""

import argparse
import json
import os
import re
import sys
from copy import deepcopy
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "external"))
from editors_reference import EASYEDIT_COMMIT, TEMPLATES, load_easyedit, module_names, t  # noqa: E402
from easyedit_worker import tokenizer  # noqa: E402

MODEL = os.path.expanduser("~/.cache/editgate/models/smollm2-135m")
ZSRE = "../shared/data/zsre/zsre_mend_train-1k.json"
REQUESTS = [100, 101]
OUT = "src/test/resources/dev/editgate/edit/reference/smollm2-135m.json"
SLICE = (slice(0, 8), slice(0, 8))  # ΔW[0:8, 0:8] in the (out, in) layout


def hparams(ee, model):
    """hparams/rome/smollm2-135m.yaml, field by field (its context_template_length_params unused:
    the templates are fixed)."""
    return ee.rome_rome_hparams.ROMEHyperParams(
        layers=[4],
        fact_token="subject_last",
        v_num_grad_steps=25,
        v_lr=0.5,
        v_loss_layer=29,
        v_weight_decay=0.001,
        clamp_norm_factor=4.0,
        kl_factor=0.0625,
        mom2_adjustment=False,
        context_template_length_params=[[5, 5]],
        alg_name="ROME",
        device="cpu",
        model_name="smollm2-135m",
        mom2_dataset="wikitext",
        mom2_n_samples=0,
        mom2_dtype="float32",
        stats_dir="/nonexistent",
        **module_names(model.config.model_type),
    )


def projection(rows, cols):
    """A fixed matrix with entries in -5..5, P[i, j] = (7 i + 13 j) mod 11 - 5 (no randomness, so
    the Java side computes the same)."""
    i = torch.arange(rows, dtype=torch.int64)[:, None]
    j = torch.arange(cols, dtype=torch.int64)[None, :]
    return ((7 * i + 13 * j) % 11 - 5).double()


def run(ee, model, tok, hp, req):
    ee.rome_rome_main.CONTEXT_TEMPLATES_CACHE = list(TEMPLATES)
    r = deepcopy(req)
    r["target_new"] = " " + r["target_new"]  # execute_rome's own preprocessing
    r["prompt"] = r["prompt"].replace(r["subject"], "{}")
    assert "{}" in r["prompt"], req
    layer = hp.layers[0]
    prompt = r["prompt"].format(r["subject"])
    target_ids = tok.encode(r["target_new"], add_special_tokens=False)
    rewriting = tok(prompt + tok.decode(target_ids[:-1]))["input_ids"]
    full = tok(prompt + r["target_new"])["input_ids"]
    prompt_ids = tok(prompt)["input_ids"]
    # byte-level BPE: EasyEdit's target ids and rewriting prompt are the continuation's
    assert full == prompt_ids + target_ids, "the target is not a continuation of the prompt"
    assert rewriting == prompt_ids + target_ids[:-1], "the rewriting prompt re-tokenises differently"
    key_mean = ee.rome_repr_tools.get_reprs_at_word_tokens(
        model=model,
        tok=tok,
        context_templates=[tmpl.format(r["prompt"]) for tmpl in TEMPLATES],
        words=[r["subject"]] * len(TEMPLATES),
        layer=layer,
        module_template=hp.rewrite_module_tmp,
        subtoken="last",
        track="in",
    ).mean(0)
    u = ee.rome_compute_u.compute_u(model, tok, r, hp, layer, TEMPLATES)
    right = ee.rome_compute_v.compute_v(model, tok, r, hp, layer, u, TEMPLATES)
    k, cur_out = ee.rome_compute_v.get_module_input_output_at_word(
        model, tok, layer, r["prompt"], r["subject"], hp.rewrite_module_tmp, hp.fact_token
    )
    v = right * torch.dot(k, u) + cur_out  # compute_v: right = (v - W k) / (k·u)
    wname = hp.rewrite_module_tmp.format(layer) + ".weight"
    w0 = model.get_parameter(wname).detach().clone()
    torch.manual_seed(0)
    edited, _ = ee.rome_rome_main.apply_rome_to_model(model, tok, [req], hp)
    delta = (edited.get_parameter(wname).detach() - w0).double()
    with torch.no_grad():
        model.get_parameter(wname)[...] = w0
    outer = torch.outer(right.double(), u.double())  # (out, in): LLaMA's down_proj
    err = (delta - outer).abs().max().item() / delta.abs().max().item()
    # apply_rome_to_model ran compute_u / compute_v again: the same numbers, deterministically
    assert err < 1e-5, f"apply_rome_to_model's ΔW differs from r uᵀ by {err}"
    return {
        "request": req,
        "layer": layer,
        "target_ids": target_ids,
        "rewriting_prompt_ids": rewriting,
        "key_mean": t(key_mean),
        "left": t(u),
        "key": t(k),
        "current_out": t(cur_out),
        "value": t(v),
        "weight": wname,
        "delta_norm": delta.norm().item(),
        "delta_slice": delta[SLICE].tolist(),
        "delta_projection": (delta * projection(*delta.shape)).sum().item(),
        "delta_vs_outer": err,
    }


def compact(text):
    """Every float with 7 significant digits (float32 values; 1e-7 relative, far below the tests'
    1e-4), so the file stays small."""
    return re.sub(r"-?\d+\.\d+(?:e[-+]?\d+)?", lambda m: "%.7g" % float(m.group(0)), text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--easyedit", required=True, help="EasyEdit checkout at %s" % EASYEDIT_COMMIT)
    p.add_argument("--model", default=MODEL)
    a = p.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    ee = load_easyedit(a.easyedit)
    tok = tokenizer(a.model)
    tok.pad_token_id = tok.eos_token_id  # as BaseEditor / easyedit_worker set it
    tok.padding_side = "right"  # BaseEditor for ROME
    model = AutoModelForCausalLM.from_pretrained(a.model, torch_dtype=torch.float32).eval()
    hp = hparams(ee, model)
    records = json.loads(Path(ZSRE).read_text("utf-8"))
    result = {
        "easyedit_commit": EASYEDIT_COMMIT,
        "torch": torch.__version__,
        "model": "smollm2-135m",
        "zsre_records": REQUESTS,
        "templates": TEMPLATES,
        "hparams": {k: getattr(hp, k) for k in [
            "layers", "fact_token", "v_num_grad_steps", "v_lr", "v_loss_layer", "v_weight_decay",
            "clamp_norm_factor", "kl_factor", "mom2_adjustment"]},
        "projection": "P[i, j] = (7 i + 13 j) mod 11 - 5",
        "rome": [],
    }
    for i in REQUESTS:
        rec = records[i]
        req = {"prompt": rec["src"], "subject": rec["subject"], "target_new": rec["alt"]}
        result["rome"].append(run(ee, model, tok, hp, req))
        print("record", i, "ΔW vs r uᵀ", result["rome"][-1]["delta_vs_outer"], flush=True)
    Path(OUT).write_text(compact(json.dumps(result)) + "\n", "utf-8")
    print("wrote", OUT, Path(OUT).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
