"""Expected outputs of EasyEdit's own MEMIT on SmolLM2-135M (the folder `./editgate models pull
smollm2-135m` exports), for MemitSmolLm2ParityTest.

Runs the reference code itself (zjunlp/EasyEdit at the pinned commit: easyeditor/models/memit
execute_memit with its compute_z / compute_ks, and rome/layer_stats for the key statistics) with
the settings of hparams/memit/smollm2-135m.yaml (layers 3-7, 25 steps, weight decay 1e-3,
lambda 1500), except what would make the run random or slow:
  - context templates fixed to [["{}"], editors_reference.PREFIXES] (MEMIT's
    CONTEXT_TEMPLATES_CACHE set before the first call, so generate_fast never runs);
  - key statistics from the first 100 documents of ../shared/data/wikitext2/wiki.test.raw as
    EditGate reads that file (each non-blank line that is not a "= heading =", trimmed), through
    EasyEdit's own layer_stats (only datasets.load_dataset replaced by those documents, as
    tools/peers/layer_stats does), every layer's taken from the unedited model before the loop
    (execute_memit would fetch an upper layer's lazily from a partly edited model: the reference
    quirk editors_reference.py neutralises the same way);
  - float32 on the CPU, torch.manual_seed(0).
One batch of four ZsRE records (REQUESTS of ../shared/data/zsre/zsre_mend_train-1k.json, not ones a
suite edits first).

Small outputs (src/test/resources/dev/editgate/edit/reference/smollm2-135m-memit.json): z per
request (576 floats), the keys of the first and last critical layer as the solve reads them (the
last after the layers below are updated), each layer's update through execute_memit's own factors
(ΔW = resid adj_kᵀ in the (out, in) layout: resid 576 × 4, adj_k 1536 × 4), and the number of
statistics tokens per layer (the Java test checks it read the same text).

Usage (from the repository root; about 8 minutes on a 2-core CPU):
  python tools/reference/smollm2_memit_reference.py --easyedit /path/to/EasyEdit [--model DIR]
"""

import argparse
import json
import os
import sys
from copy import deepcopy
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "external"))
sys.path.insert(0, str(HERE.parent / "peers" / "layer_stats"))
import easyedit_layer_stats  # noqa: E402
from editors_reference import EASYEDIT_COMMIT, PREFIXES, load_easyedit, mat, module_names, t  # noqa: E402
from easyedit_worker import tokenizer  # noqa: E402
from smollm2_reference import compact  # noqa: E402

MODEL = os.path.expanduser("~/.cache/editgate/models/smollm2-135m")
ZSRE = "../shared/data/zsre/zsre_mend_train-1k.json"
WIKI = "../shared/data/wikitext2/wiki.test.raw"
DOCUMENTS = 100
REQUESTS = [100, 101, 102, 103]
OUT = "src/test/resources/dev/editgate/edit/reference/smollm2-135m-memit.json"


def documents(path, n):
    """The first n documents of a text file as EditGate's CorpusIndex finds them: each non-blank
    line, trimmed, that is not a WikiText heading ("= Title =", "= = Section = =")."""
    out = []
    for line in Path(path).read_text("utf-8").split("\n"):
        s = line.strip(" \t\r\f\v")
        if s and not (s.startswith("=") and s.endswith("=")):
            out.append(s)
            if len(out) == n:
                break
    return out


def hparams(ee, model):
    """hparams/memit/smollm2-135m.yaml, field by field (mom2_* replaced: statistics below).
    SmolLM2 ties its output head to the embeddings: the checkpoint has no lm_head.weight parameter,
    which compute_z looks up by name (nethook.get_parameter), so the head is named by the tensor it
    is, model.embed_tokens."""
    names = module_names(model.config.model_type)
    if model.config.tie_word_embeddings:
        names["lm_head_module"] = "model.embed_tokens"
    return ee.memit_memit_hparams.MEMITHyperParams(
        layers=[3, 4, 5, 6, 7],
        layer_selection="all",
        fact_token="subject_last",
        v_num_grad_steps=25,
        v_lr=0.5,
        v_loss_layer=29,
        v_weight_decay=0.001,
        clamp_norm_factor=4.0,
        kl_factor=0.0625,
        mom2_adjustment=True,
        mom2_update_weight=1500.0,
        alg_name="MEMIT",
        device="cpu",
        model_name="smollm2-135m",
        mom2_dataset="wikitext",
        mom2_n_samples=DOCUMENTS,
        mom2_dtype="float32",
        stats_dir="/nonexistent",
        **names,
    )


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--easyedit", required=True, help="EasyEdit checkout at %s" % EASYEDIT_COMMIT)
    p.add_argument("--model", default=MODEL)
    a = p.parse_args()
    torch.manual_seed(0)
    ee = load_easyedit(a.easyedit)
    tok = tokenizer(a.model)
    tok.pad_token_id = tok.eos_token_id  # as BaseEditor / easyedit_worker set it
    tok.padding_side = "right"  # BaseEditor for MEMIT
    model = AutoModelForCausalLM.from_pretrained(a.model, torch_dtype=torch.float32).eval()
    hp = hparams(ee, model)
    mm = ee.memit_memit_main
    # key statistics of the unedited model, every layer first (see the docstring)
    docs = documents(WIKI, DOCUMENTS)
    ls = easyedit_layer_stats.load_layer_stats(a.easyedit)
    counts = {}
    name = model.config._name_or_path.replace("/", "_")
    for layer in hp.layers:
        stat, seconds = easyedit_layer_stats.run(ls, model, tok, layer, docs, None, "float32")
        mm.COV_CACHE[(name, hp.rewrite_module_tmp.format(layer))] = stat.mom2.moment().float()
        counts[str(layer)] = stat.mom2.count
        print("layer", layer, "statistics:", stat.mom2.count, "tokens in", round(seconds, 1), "s", flush=True)
    groups = [["{}"], list(PREFIXES)]
    mm.CONTEXT_TEMPLATES_CACHE = deepcopy(groups)
    records = json.loads(Path(ZSRE).read_text("utf-8"))
    reqs = [{"prompt": records[i]["src"], "subject": records[i]["subject"], "target_new": records[i]["alt"],
             "case_id": i} for i in REQUESTS]
    zs, keys = [], {}
    orig_z, orig_ks = mm.compute_z, mm.compute_ks

    def z_spy(*args, **kw):
        z = orig_z(*args, **kw)
        zs.append(z.detach().clone())
        return z

    def ks_spy(model_, tok_, reqs_, hp_, layer, ctx):
        out = orig_ks(model_, tok_, reqs_, hp_, layer, ctx)
        keys[layer] = out.detach().clone()
        return out

    mm.compute_z, mm.compute_ks = z_spy, ks_spy
    w0 = {l: model.get_parameter(hp.rewrite_module_tmp.format(l) + ".weight").detach().clone() for l in hp.layers}
    torch.manual_seed(0)
    # execute_memit's own preprocessing (a leading space on the target, the subject as "{}") runs
    # in apply_memit_to_model; execute_memit restores the weights and returns each layer's factors
    deltas = mm.execute_memit(model, tok, deepcopy(reqs), hp)
    mm.compute_z, mm.compute_ks = orig_z, orig_ks
    for l in hp.layers:
        w = model.get_parameter(hp.rewrite_module_tmp.format(l) + ".weight")
        assert torch.equal(w, w0[l]), "execute_memit did not restore layer %d" % l
    assert len(zs) == len(reqs), len(zs)
    layers = {}
    for l in hp.layers:
        adj_k, resid = deltas[hp.rewrite_module_tmp.format(l) + ".weight"]
        layers[str(l)] = {"resid": mat(resid), "adj_k": mat(adj_k), "delta_norm": (resid @ adj_k.T).norm().item()}
    first, last = hp.layers[0], hp.layers[-1]
    result = {
        "easyedit_commit": EASYEDIT_COMMIT,
        "torch": torch.__version__,
        "model": "smollm2-135m",
        "zsre_records": REQUESTS,
        "requests": [{k: r[k] for k in ["prompt", "subject", "target_new"]} for r in reqs],
        "templates": groups,
        "statistics": {"text": "wikitext2/wiki.test.raw", "documents": DOCUMENTS, "tokens": counts},
        "hparams": {k: getattr(hp, k) for k in [
            "layers", "fact_token", "v_num_grad_steps", "v_lr", "v_loss_layer", "v_weight_decay",
            "clamp_norm_factor", "kl_factor", "mom2_update_weight"]},
        "z": [t(z) for z in zs],
        "keys": {str(first): mat(keys[first]), str(last): mat(keys[last])},
        "layers_delta": layers,
    }
    Path(OUT).write_text(compact(json.dumps(result)) + "\n", "utf-8")
    print("wrote", OUT, Path(OUT).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
