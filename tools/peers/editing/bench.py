"""EasyEdit's own ROME and MEMIT on the requests EditGate edits, for `./editgate bench edits --easyedit`.

Runs zjunlp/EasyEdit at the pinned commit (easyeditor/models/rome and memit, imported through
tools/reference/editors_reference.load_easyedit, without the package __init__) on a local model
folder, deterministically: the context templates fixed to the ones given (ROME's and MEMIT's
CONTEXT_TEMPLATES_CACHE set before the first call, so generate_fast never runs) and, for MEMIT, the
key second moments C given (EasyEdit's COV_CACHE filled, so layer_stats never runs: both sides use
the same C). Every ROME edit starts from the unedited weights (restored after each); the MEMIT
batch is one call. Times are of apply_rome_to_model / apply_memit_to_model alone. Writes the weight
changes (Hugging Face names and layout) and prints one JSON line:
    {"method": "rome", "seconds": [per edit], "commit": ..., "torch_threads": N}

    python tools/peers/editing/bench.py --easyedit EASYEDIT_CHECKOUT --model MODEL_DIR \
        --method rome|memit --requests requests.json --templates templates.json \
        --hparams hparams.json [--cov cov.safetensors] --out deltas.safetensors
"""

import argparse
import json
import sys
import time
from copy import deepcopy
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from transformers import AutoModelForCausalLM

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "reference"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "external"))
from editors_reference import EASYEDIT_COMMIT, load_easyedit, module_names  # noqa: E402
from easyedit_worker import tokenizer as folder_tokenizer  # noqa: E402

SHARED = ["layers", "fact_token", "v_num_grad_steps", "v_lr", "v_loss_layer", "v_weight_decay",
          "clamp_norm_factor", "kl_factor", "mom2_adjustment"]


def hparams(ee, method, model, given):
    """EasyEdit's hyperparameter record from EditGate's preset values (the same field names)."""
    fields = {k: given[k] for k in SHARED}
    names = module_names(model.config.model_type)
    if getattr(model.config, "tie_word_embeddings", False) and model.config.model_type != "gpt2":
        # a tied head has no lm_head.weight parameter (MEMIT's compute_z reads it by name): the
        # embedding matrix is the same tensor
        names["lm_head_module"] = "model.embed_tokens"
    common = dict(device="cpu", model_name="model", mom2_dataset="wikitext", mom2_n_samples=0,
                  mom2_dtype="float32", stats_dir="/nonexistent",
                  context_template_length_params=[[5, 5]], **names)
    if method == "rome":
        return ee.rome_rome_hparams.ROMEHyperParams(alg_name="ROME", **fields, **common)
    return ee.memit_memit_hparams.MEMITHyperParams(
        alg_name="MEMIT", layer_selection="all", mom2_update_weight=given["mom2_update_weight"],
        **fields, **{k: v for k, v in common.items() if k != "context_template_length_params"})


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--easyedit", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--method", required=True, choices=["rome", "memit"])
    p.add_argument("--requests", required=True, help="JSON list of {prompt, subject, target_new}")
    p.add_argument("--templates", required=True, help='JSON list of templates, "{}" first')
    p.add_argument("--hparams", required=True, help="JSON object of the shared fields")
    p.add_argument("--cov", help="safetensors with mom2.<layer> [I, I] (MEMIT)")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    reqs = json.loads(Path(a.requests).read_text("utf-8"))
    templates = json.loads(Path(a.templates).read_text("utf-8"))
    given = json.loads(Path(a.hparams).read_text("utf-8"))
    if templates[0] != "{}":
        raise SystemExit(f"{a.templates}: the first template must be \"{{}}\" (got {templates[0]!r})")
    ee = load_easyedit(a.easyedit)
    tok = folder_tokenizer(a.model)
    tok.pad_token_id = tok.eos_token_id
    tok.padding_side = "right"  # as BaseEditor sets it for ROME and MEMIT
    model = AutoModelForCausalLM.from_pretrained(a.model, dtype=torch.float32).eval()
    hp = hparams(ee, a.method, model, given)
    names = [hp.rewrite_module_tmp.format(l) + ".weight" for l in hp.layers]
    w0 = {n: model.get_parameter(n).detach().clone() for n in names}
    out, seconds = {}, []
    if a.method == "rome":
        ee.rome_rome_main.CONTEXT_TEMPLATES_CACHE = list(templates)
        for i, r in enumerate(reqs):
            t0 = time.perf_counter()
            ee.rome_rome_main.apply_rome_to_model(model, tok, [deepcopy(r)], hp)
            seconds.append(time.perf_counter() - t0)
            for n in names:
                out[f"rome.{i}.{n}"] = (model.get_parameter(n).detach() - w0[n]).contiguous()
                with torch.no_grad():
                    model.get_parameter(n)[...] = w0[n]
            print(f"rome edit {i}: {seconds[-1]:.2f} s", file=sys.stderr, flush=True)
    else:
        cov = load_file(a.cov)
        key_name = model.config._name_or_path.replace("/", "_")
        for l in hp.layers:  # get_cov's cache key; layer_stats then never runs
            ee.memit_memit_main.COV_CACHE[(key_name, hp.rewrite_module_tmp.format(l))] = cov[f"mom2.{l}"].float()
        ee.memit_memit_main.CONTEXT_TEMPLATES_CACHE = [["{}"], list(templates[1:])]
        t0 = time.perf_counter()
        ee.memit_memit_main.apply_memit_to_model(model, tok, deepcopy(reqs), hp)
        seconds.append(time.perf_counter() - t0)
        for n in names:
            out[f"memit.{n}"] = (model.get_parameter(n).detach() - w0[n]).contiguous()
        print(f"memit batch of {len(reqs)}: {seconds[-1]:.2f} s", file=sys.stderr, flush=True)
    save_file(out, a.out)
    print(json.dumps({"method": a.method, "seconds": seconds, "commit": EASYEDIT_COMMIT,
                      "torch": torch.__version__, "torch_threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
