#!/usr/bin/env python3
"""Expected outputs of the reference MEND code on a tiny fixture, for MendParityTest.

Runs EasyEdit's own MEND modules (easyeditor/trainer/algs/MEND.py: MEND, GradientTransform;
local_nn.py: IDMLP, LRLinear; hooks.py; trainer/losses.py: masked_log_probs, kl_loc_loss;
trainer/utils.py: safe_backward) -- the port of eric-mitchell/mend that runs on decoder-only
models with an unmodified `higher` -- on one of EditGate's tiny random fixtures, with a fixed
hypernetwork state and batch, and writes what they compute:

  1. a training-mode edit (prompt + target): the hooked factors (x = u, delta), the transformed
     factors and the normalisation buffers it leaves;
  2. the meta-loss of that edit, cedit * edit NLL on the rephrase + cloc * KL on the locality
     prompt (as eric-mitchell/mend's EditTrainer.edit_step; EasyEdit's scores the prompt itself
     again), its gradients into every outer parameter (safe_backward), and one optimizer step
     (clip_grad_norm_ and torch Adam, as EditTrainer.train_step);
  3. an eval-mode edit with the buffers from 1 (what editing with a trained archive does): the
     parameter updates lr * einsum(...) it writes.

The glue (which batch goes where, in which order) mirrors the trainers; every number comes from
the reference's functions. The locality KL is taken at the positions that predict the locality
answer (EditGate's choice, see the README); that mask is what is passed to kl_loc_loss.
EasyEdit feeds GPT-style models input_ids and attention_mask only, so rows are not padded here
(absolute positions of a left-padded row would differ from EditGate's); LLaMA gets a padded batch
of two (rotary positions are relative).

Usage (pinned reference checkout; see tools/mend/README.md):
  git clone https://github.com/zjunlp/EasyEdit /tmp/EasyEdit
  git -C /tmp/EasyEdit checkout 14cea8245f06715684592ab55184939b99d70784
  python3 tools/mend/reference_mend.py --easyedit /tmp/EasyEdit \
      --fixture src/test/resources/dev/editgate/model/fixtures/llama-gqa \
      --out src/test/resources/dev/editgate/edit/mend/parity/llama-gqa
"""
import argparse
import importlib
import json
import os
import sys
import types

import torch
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM, AutoTokenizer

RECORDS = [
    {"prompt": "Alma's colour is", "target": " red", "rephrase": "Alma likes",
     "loc": "After 3 is", "loc_ans": " 4"},
    {"prompt": "Borek is on the", "target": " Vltava", "rephrase": "Borek's river:",
     "loc": "who wrote it", "loc_ans": " Ann"},
]
RANK = 16
CEDIT, CLOC, LR, GRAD_CLIP = 0.1, 1.0, 1e-3, 100.0


def load_reference(root):
    """EasyEdit's MEND modules, imported from the checkout without its package __init__ files
    (they import every editor and their dependencies)."""
    for pkg, rel in [("easyeditor", "easyeditor"), ("easyeditor.util", "easyeditor/util"),
                     ("easyeditor.trainer", "easyeditor/trainer"),
                     ("easyeditor.trainer.algs", "easyeditor/trainer/algs")]:
        m = types.ModuleType(pkg)
        m.__path__ = [os.path.join(root, rel)]
        sys.modules[pkg] = m
    mend = importlib.import_module("easyeditor.trainer.algs.MEND")
    losses = importlib.import_module("easyeditor.trainer.losses")
    utils = importlib.import_module("easyeditor.trainer.utils")
    return mend.MEND, losses.kl_loc_loss, utils.safe_backward


def inner_params(model):
    """EditGate's choice of matrices (the last three layers' MLP, in the reference's order)."""
    n = model.config.num_hidden_layers
    layers = range(max(0, n - 3), n)
    if model.config.model_type == "gpt2":
        return [f"transformer.h.{l}.mlp.{p}.weight" for l in layers for p in ("c_proj", "c_fc")]
    return [f"model.layers.{l}.mlp.{p}.weight" for l in layers
            for p in ("gate_proj", "up_proj", "down_proj")]


def encode(tok, context, target):
    """EditGate's tokenisation: the context with special tokens, then what the target adds."""
    c = tok(context)["input_ids"]
    full = tok(context + target)["input_ids"]
    t = full[len(c):] if full[:len(c)] == c else tok(target, add_special_tokens=False)["input_ids"]
    return c, t


def batch(pairs, pad):
    """Left-padded rows; labels are the target tokens, right-aligned and left-padded with -100
    (EasyEdit's layout); mask marks the logit positions that predict a target token."""
    rows = [c + t for c, t in pairs]
    width = max(len(r) for r in rows)
    tw = max(len(t) for _, t in pairs)
    ids, att, labels, predicts = [], [], [], []
    for (c, t), r in zip(pairs, rows):
        off = width - len(r)
        ids.append([pad] * off + r)
        att.append([0] * off + [1] * len(r))
        labels.append([-100] * (tw - len(t)) + t)
        predicts.append([0] * (off + len(c) - 1) + [1] * len(t) + [0])
    tt = torch.tensor
    return ({"input_ids": tt(ids), "attention_mask": tt(att), "labels": tt(labels)},
            tt(predicts), [[c, t] for c, t in pairs])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--easyedit", required=True, help="checkout of zjunlp/EasyEdit at 14cea82")
    ap.add_argument("--fixture", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    MEND, kl_loc_loss, safe_backward = load_reference(os.path.abspath(args.easyedit))

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(args.fixture, dtype=torch.float32)
    model.eval()
    tok = AutoTokenizer.from_pretrained(args.fixture)
    pad = tok.pad_token_id if tok.pad_token_id is not None else 0
    names = inner_params(model)
    gpt2 = model.config.model_type == "gpt2"
    records = RECORDS[:1] if gpt2 else RECORDS

    config = types.SimpleNamespace(
        device="cpu", model_parallel=False, inner_params=names, edit_lr=1e-3, shared=True,
        model_name=("gpt2" if gpt2 else "llama") + "-editgate-fixture",
        model_class=type(model).__name__,
        one_sided=False, n_hidden=1, hidden_dim=None, init="id", norm=True, combine=True,
        x_only=False, delta_only=False, act="relu", rank=RANK, mlp_class="IDMLP")
    alg = MEND(model, config, lambda: None)
    # A non-trivial hypernetwork state: the identity layers perturbed, distinct edit LRs.
    g = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for n, p in alg.mend.named_parameters():
            if n.endswith(".u"):
                p.copy_(0.05 * torch.randn(p.shape, generator=g))
            elif n.endswith(".bias"):
                p.copy_(0.01 * torch.randn(p.shape, generator=g))
            elif n.endswith("mode_scale.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=g))
            elif n.endswith("mode_shift.weight"):
                p.copy_(0.01 * torch.randn(p.shape, generator=g))
        alg.edit_lrs.copy_(torch.tensor([1e-3 * (1 + i) for i in range(len(names))]))
    state = {k: v.detach().clone().contiguous() for k, v in alg.state_dict().items()
             if k != "model_config"}

    edit, _, edit_ids = batch([encode(tok, r["prompt"], r["target"]) for r in records], pad)
    outer, _, outer_ids = batch([encode(tok, r["rephrase"], r["target"]) for r in records], pad)
    loc, loc_mask, loc_ids = batch([encode(tok, r["loc"], r["loc_ans"]) for r in records], pad)

    out = {}
    info = {"fixture": os.path.basename(os.path.normpath(args.fixture)), "inner_params": names,
            "rank": RANK, "n_hidden": 1, "cedit": CEDIT, "cloc": CLOC, "lr": LR,
            "grad_clip": GRAD_CLIP, "edit": edit_ids, "rephrase": outer_ids, "locality": loc_ids,
            "reference": "zjunlp/EasyEdit 14cea8245f06715684592ab55184939b99d70784",
            "torch": torch.__version__}
    params = dict(model.named_parameters())
    before = {n: params[n].detach().clone() for n in names}

    # 1-2: training-mode edit, meta-loss, gradients
    alg.train()
    alg.model.eval()  # the base model without dropout, as EditGate runs it
    with torch.no_grad():
        base_logits = alg(**loc)
    edited, minfo = alg.edit(edit, return_factors=True)
    record(out, "train", minfo["factors"], names, params, before, edited)
    post = edited(**outer)
    l_edit = alg.edit_loss_fn(config, post, outer["labels"])["nll"]
    post_loc = edited(**loc)
    l_loc = kl_loc_loss(base_logits.detach(), post_loc, mask=loc_mask)
    total = CEDIT * l_edit + CLOC * l_loc
    safe_backward(total, alg.outer_parameters(), 1)
    info.update({"loss_edit": l_edit.item(), "loss_loc": l_loc.item(), "loss_total": total.item()})
    for n, p in alg.named_parameters():
        if p.grad is not None and not n.startswith("model."):
            out[f"grad.{n}"] = p.grad.detach().clone()
    for k, v in alg.state_dict().items():
        if k.startswith("mend.") and k.rsplit(".", 1)[1] in ("u_mean", "v_mean", "u_std",
                                                              "v_std", "u_s", "v_s", "k"):
            out[f"buffers.{k}"] = v.detach().clone()

    # 3: eval-mode edit with the buffers the training edit left
    alg.eval()
    edited2, minfo2 = alg.edit(edit, return_factors=True)
    record(out, "eval", minfo2["factors"], names, params, before, edited2)

    # the optimizer step of train_step
    outer_params = list(alg.outer_parameters())
    norm = torch.nn.utils.clip_grad_norm_(outer_params, GRAD_CLIP, error_if_nonfinite=True)
    torch.optim.Adam(outer_params, lr=LR).step()
    info["grad_norm"] = norm.item()
    for n, p in alg.named_parameters():
        if not n.startswith("model."):
            out[f"stepped.{n}"] = p.detach().clone()

    os.makedirs(args.out, exist_ok=True)
    save_file(state, os.path.join(args.out, "state.safetensors"))
    save_file({k: v.float().contiguous() for k, v in out.items()},
              os.path.join(args.out, "expected.safetensors"))
    with open(os.path.join(args.out, "expected.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(f"wrote {args.out}: {len(out)} tensors, loss_total {info['loss_total']:.6f}")


def record(out, stage, factors, names, params, before, edited):
    """Hooked factors (x = u, delta; before the reference drops zero rows), transformed factors
    and weight updates of every matrix."""
    state = edited.model.state_dict()
    for n in names:
        if stage == "train":  # the eval edit hooks the same factors
            x, delta = params[n].__x__, params[n].__delta__
            out[f"{stage}.x.{n}"] = x.reshape(-1, x.shape[-1]).clone()
            out[f"{stage}.delta.{n}"] = delta.reshape(-1, delta.shape[-1]).clone()
        if stage == "train":  # training applies the factors; an edit writes the update
            out[f"{stage}.u_tilde.{n}"] = factors[n][0].detach()
            out[f"{stage}.delta_tilde.{n}"] = factors[n][1].detach()
        else:
            out[f"{stage}.delta_w.{n}"] = (state[n] - before[n]).detach()


if __name__ == "__main__":
    main()
