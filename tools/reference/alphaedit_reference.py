#!/usr/bin/env python3
"""Expected outputs of the reference AlphaEdit code on a tiny fixture, for AlphaEditParityTest.

Runs EasyEdit's own AlphaEdit (easyeditor/models/alphaedit/AlphaEdit_main.py: get_project,
apply_AlphaEdit_to_model, execute_AlphaEdit, with its compute_z and compute_ks) at zjunlp/EasyEdit
14cea8245f06715684592ab55184939b99d70784 on one of EditGate's tiny random fixtures, two batches
edited one after the other (so that the second batch's solve sees the first batch's keys in
cache_c), and writes:

  P.<i>            the null-space projector of critical layer i (get_project)
  delta.<b>.<name> the update batch b writes into <name>, in the stored layout
  cache_c.<b>.<i>  the accumulated key second moment after batch b
  z.<b>            MEMIT's z (compute_z) of batch b's requests, columns
  keys.<b>.<i>     the keys K [I, N] the solve of layer i used (compute_ks)
  resid.<b>.<i>    the residual R [H, N] it distributed: (z - current residual at L) / layers left

The original jianghoucheng/AlphaEdit hard-codes CUDA (`.cuda()` in AlphaEdit_main.py and
compute_z.py); EasyEdit's port is the same algorithm with a device setting, so it is the one run
here, on the CPU.

Inputs the two sides share: the key second moments K0 K0^T/n are EasyEdit's own layer_stats output
on src/test/resources/dev/editgate/edit/stats/corpus.jsonl, committed by
tools/peers/layer_stats/make_fixture.py under .../edit/stats/easyedit/<fixture>.safetensors. They
are put into AlphaEdit_main.COV_CACHE as float64 so that get_project's SVD runs in float64 (from
the float32 cache it would run in float32, whose eigenvector error at these eigen-gaps is ~1e-4);
the projector is then stored into the reference's float32 P as the reference does. The context
templates are fixed (CONTEXT_TEMPLATES_CACHE), EditGate's `context_templates` setting.
model_name contains "llama" or "gpt2-xl" only because execute_AlphaEdit picks the layout of
cache_c and P by that substring.

Usage:
  /work/venv-ref/bin/python tools/reference/alphaedit_reference.py \
      --easyedit /work/refsrc/EasyEdit-14cea82 --fixture llama-gqa
"""
import argparse
import importlib
import json
import os
import sys
import types

import torch
from safetensors.torch import load_file, save_file
from transformers import AutoModelForCausalLM, AutoTokenizer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RES = os.path.join(ROOT, "src", "test", "resources", "dev", "editgate")
TEMPLATES = ["{}", "Once upon a time. {}"]
BATCHES = [
    [{"prompt": "The favourite colour of Alma is", "subject": "Alma", "target_new": " red"},
     {"prompt": "Borek lives by the river", "subject": "Borek", "target_new": " blue"}],
    [{"prompt": "The favourite colour of Cilla is", "subject": "Cilla", "target_new": " green"}],
]
# Thresholds inside a wide gap of each fixture's key spectrum (see the README): the published
# 2e-2 is below every eigenvalue of these random 64-wide keys, which would make P zero.
THRESHOLD = {"llama-gqa": 0.0545, "gpt2": 0.0371, "llama-gqa-3l": 0.1005}
# The fixtures' folders; llama-gqa-3l (three layers, tools/reference/make_deep_fixture.py) is the one
# where z is comparable: on two layers, layers [0, 1] put z at the loss layer, where the NLL has no
# gradient with respect to the delta and z is Adam amplifying rounding noise (see the README).
FIXTURE_DIRS = {"llama-gqa": os.path.join(RES, "model", "fixtures", "llama-gqa"),
                "gpt2": os.path.join(RES, "model", "fixtures", "gpt2"),
                "llama-gqa-3l": os.path.join(RES, "edit", "reference", "fixtures", "llama-gqa-3l")}
L2 = 10.0


def load_reference(root):
    """EasyEdit's AlphaEdit modules, imported from the checkout without the package __init__ files
    (they import every editor). rome.layer_stats is never called (COV_CACHE is filled): a stub."""
    for pkg, rel in [("easyeditor", "easyeditor"), ("easyeditor.util", "easyeditor/util"),
                     ("easyeditor.models", "easyeditor/models"),
                     ("easyeditor.models.rome", "easyeditor/models/rome"),
                     ("easyeditor.models.alphaedit", "easyeditor/models/alphaedit")]:
        m = types.ModuleType(pkg)
        m.__path__ = [os.path.join(root, rel)]
        sys.modules[pkg] = m
    stub = types.ModuleType("easyeditor.models.rome.layer_stats")

    def layer_stats(*a, **k):
        raise RuntimeError("layer_stats must not run: COV_CACHE holds the statistics")

    stub.layer_stats = layer_stats
    sys.modules["easyeditor.models.rome.layer_stats"] = stub
    main = importlib.import_module("easyeditor.models.alphaedit.AlphaEdit_main")
    hp = importlib.import_module("easyeditor.models.alphaedit.AlphaEdit_hparams")
    return main, hp.AlphaEditHyperParams


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--easyedit", required=True, help="checkout of zjunlp/EasyEdit at 14cea82")
    ap.add_argument("--fixture", required=True, choices=sorted(THRESHOLD))
    args = ap.parse_args()
    ae, HP = load_reference(os.path.abspath(args.easyedit))
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    fdir = FIXTURE_DIRS[args.fixture]
    model = AutoModelForCausalLM.from_pretrained(fdir, dtype=torch.float32)
    model.eval()
    tok = AutoTokenizer.from_pretrained(fdir)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    # the fixtures' generic PreTrainedTokenizerFast would also return token_type_ids, which GPT-2
    # embeds (wte) at every position; GPT2TokenizerFast returns only these two (tools/reference/README)
    tok.model_input_names = ["input_ids", "attention_mask"]
    gpt2 = model.config.model_type == "gpt2"
    n = model.config.num_hidden_layers
    if gpt2:
        t = dict(rewrite_module_tmp="transformer.h.{}.mlp.c_proj", layer_module_tmp="transformer.h.{}",
                 mlp_module_tmp="transformer.h.{}.mlp", attn_module_tmp="transformer.h.{}.attn",
                 ln_f_module="transformer.ln_f", lm_head_module="lm_head",
                 model_name="gpt2-xl-editgate-fixture")
    else:
        t = dict(rewrite_module_tmp="model.layers.{}.mlp.down_proj", layer_module_tmp="model.layers.{}",
                 mlp_module_tmp="model.layers.{}.mlp", attn_module_tmp="model.layers.{}.self_attn",
                 ln_f_module="model.norm", lm_head_module="lm_head",
                 model_name="llama-editgate-fixture")
    settings = dict(layers=[0, 1], layer_selection="all", fact_token="subject_last",
                    v_num_grad_steps=20, v_lr=0.5, v_loss_layer=n - 1, v_weight_decay=0.5,
                    clamp_norm_factor=0.75, kl_factor=0.0625, mom2_adjustment=True,
                    mom2_update_weight=20000, mom2_dataset="editgate-corpus", mom2_n_samples=20,
                    mom2_dtype="float32", nullspace_threshold=THRESHOLD[args.fixture], L2=L2)
    hparams = HP(alg_name="AlphaEdit", device="cpu", stats_dir="unused",
                 P_loc=os.path.join("/nonexistent", "null_space_project.pt"), **t, **settings)

    stats_file = os.path.join(RES, "edit", "stats", "easyedit", args.fixture + ".safetensors")
    own_stats = not os.path.exists(stats_file)
    if own_stats:  # EasyEdit's layer_stats on the corpus, as tools/peers/layer_stats/make_fixture.py
        sys.path.insert(0, os.path.join(ROOT, "tools", "peers", "layer_stats"))
        import easyedit_layer_stats as els
        stub = sys.modules.pop("easyeditor.models.rome.layer_stats")  # the real one, for this only
        ls = els.load_layer_stats(os.path.abspath(args.easyedit))
        sys.modules["easyeditor.models.rome.layer_stats"] = stub
        corpus = os.path.join(RES, "edit", "stats", "corpus.jsonl")
        docs = [json.loads(l)["text"] for l in open(corpus, encoding="utf-8") if l.strip()]
        stats = {}
        for layer in settings["layers"]:
            stat, _ = els.run(ls, model, tok, layer, docs, settings["mom2_n_samples"], "float32")
            stats[f"mom2.{layer}"] = stat.mom2.moment().float().contiguous()
    else:
        stats = load_file(stats_file)
    if hparams.nullspace_threshold is None:
        for layer in settings["layers"]:
            print("eigenvalues of layer", layer, torch.linalg.eigvalsh(stats[f"mom2.{layer}"].double()).tolist())
        raise SystemExit("choose THRESHOLD for " + args.fixture + " inside a wide gap of these")
    name = model.config._name_or_path.replace("/", "_")
    for layer in hparams.layers:
        ae.COV_CACHE[(name, hparams.rewrite_module_tmp.format(layer))] = \
            stats[f"mom2.{layer}"].double()
    ae.CONTEXT_TEMPLATES_CACHE = [list(TEMPLATES)]

    out, zs = {}, []
    if own_stats:
        out.update(stats)  # the Java test gives the same second moments to its side
    real_compute_z = ae.compute_z

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from editors_reference import ContinuationTargetTokenizer

    def compute_z(model_, tok_, request, *a, **k):
        # the target's ids as a continuation of the prompt, EditGate's convention: on the Metaspace
        # (LLaMA) fixtures EasyEdit's encode(" " + target) alone + decode(ids[:-1]) re-tokenised
        # scores a window one token early (tools/reference/README, "One reference quirk"); on GPT-2
        # the wrapper changes nothing
        tok_ = ContinuationTargetTokenizer(tok_, request["prompt"].format(request["subject"]),
                                           request["target_new"])
        z = real_compute_z(model_, tok_, request, *a, **k)
        zs.append(z.detach().clone())
        return z

    ae.compute_z = compute_z
    ks_calls, cur_calls = [], []
    real_compute_ks = ae.compute_ks
    real_at_words = ae.get_module_input_output_at_words

    def compute_ks(*a, **k):
        out = real_compute_ks(*a, **k)
        ks_calls.append(out.detach().clone())
        return out

    def at_words(*a, **k):
        out = real_at_words(*a, **k)
        cur_calls.append(out[1].detach().clone())
        return out

    ae.compute_ks = compute_ks
    ae.get_module_input_output_at_words = at_words
    cwd = os.getcwd()
    os.chdir(os.path.join(ROOT, "target") if os.path.isdir(os.path.join(ROOT, "target")) else "/tmp")
    try:  # get_project saves null_space_project.pt into the working directory
        for b, batch in enumerate(BATCHES):
            reqs = [dict(r, case_id=f"{b}.{i}") for i, r in enumerate(batch)]
            before = {k: v.detach().clone() for k, v in model.state_dict().items()}
            zs.clear()
            ks_calls.clear()
            cur_calls.clear()
            ae.apply_AlphaEdit_to_model(model, tok, reqs, hparams, reset_cache=(b == 0))
            n_layers = len(hparams.layers)
            assert len(ks_calls) == 2 * n_layers and len(cur_calls) == n_layers
            for i in range(n_layers):  # the solve's inputs, as execute_AlphaEdit formed them
                out[f"keys.{b}.{i}"] = ks_calls[i].T.contiguous()  # [I, N]
                out[f"resid.{b}.{i}"] = ((torch.stack(zs, dim=1) - cur_calls[i].T)
                                         / (n_layers - i)).contiguous()  # [H, N]
            after = model.state_dict()
            for k in before:
                if not torch.equal(before[k], after[k]):
                    out[f"delta.{b}.{k}"] = (after[k] - before[k]).contiguous()
            out[f"z.{b}"] = torch.stack(zs, dim=1).contiguous()
            for i in range(len(hparams.layers)):
                out[f"cache_c.{b}.{i}"] = ae.cache_c[i].clone().contiguous()
        for i in range(len(hparams.layers)):
            out[f"P.{i}"] = ae.P[i].clone().contiguous()
    finally:
        os.chdir(cwd)

    dest = os.path.join(RES, "edit", "alphaedit", "parity", args.fixture)
    os.makedirs(dest, exist_ok=True)
    save_file({k: v.float().contiguous() for k, v in out.items()},
              os.path.join(dest, "expected.safetensors"))
    info = {"fixture": args.fixture, "target_ids": "continuation of the prompt (ContinuationTargetTokenizer)", "reference": "zjunlp/EasyEdit 14cea8245f06715684592ab55184939b99d70784",
            "templates": TEMPLATES, "batches": BATCHES, "hparams": settings,
            "projector_rank": [int(round(ae.P[i].trace().item())) for i in range(len(hparams.layers))],
            "torch": torch.__version__}
    with open(os.path.join(dest, "expected.json"), "w") as f:
        json.dump(info, f, indent=1)
        f.write("\n")
    print(f"wrote {dest}: {sorted(out)}; projector ranks {info['projector_rank']}")


if __name__ == "__main__":
    main()
