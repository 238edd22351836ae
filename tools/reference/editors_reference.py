"""Expected outputs of EasyEdit's own ROME, MEMIT and FT-L on EditGate's tiny fixture models.

Runs the reference code itself (zjunlp/EasyEdit at the pinned commit: easyeditor/models/rome,
memit, ft), with its randomness removed:
  - context templates fixed (ROME's and MEMIT's CONTEXT_TEMPLATES_CACHE set before the first call
    to ["{}"] + PREFIXES), so generate_fast never runs;
  - second moments from the committed corpus src/test/resources/dev/editgate/edit/stats/corpus.jsonl
    through EasyEdit's own layer_stats (20 documents, its FixedRandomSubsetSampler(seed=1)), with
    only datasets.load_dataset replaced by those documents (as tools/peers/layer_stats does);
  - float32 on the CPU, one thread, torch.manual_seed(0).

Writes src/test/resources/dev/editgate/edit/reference/<fixture>.json (the Java parity tests
RomeReferenceParityTest, MemitReferenceParityTest, FtReferenceParityTest read them).

Usage (from the repository root):
  python tools/reference/editors_reference.py --easyedit /path/to/EasyEdit   (checkout at COMMIT)
"""

import argparse
import importlib
import json
import sys
import tempfile
import types
from copy import deepcopy
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, BatchEncoding

EASYEDIT_COMMIT = "14cea8245f06715684592ab55184939b99d70784"
FIXTURE_DIRS = {
    "gpt2": "src/test/resources/dev/editgate/model/fixtures/gpt2",
    "llama-gqa": "src/test/resources/dev/editgate/model/fixtures/llama-gqa",
    # three layers (tools/reference/make_deep_fixture.py): MEMIT's z at a layer below the loss layer
    "llama-gqa-3l": "src/test/resources/dev/editgate/edit/reference/fixtures/llama-gqa-3l",
}
FIXTURES = list(FIXTURE_DIRS)
PREFIXES = ["The city of light. {}", "Therefore, it is said that. {}", "I think. {}"]
TEMPLATES = ["{}"] + PREFIXES
MOM2_SAMPLES = 20
ZSRE = "src/test/resources/dev/editgate/model/fixtures/zsre-small.json"
CORPUS = "src/test/resources/dev/editgate/edit/stats/corpus.jsonl"
OUT = "src/test/resources/dev/editgate/edit/reference"

ROME_LAYER = 0
# MEMIT's z sits at the last critical layer and its loss at the model's last layer. On the two-layer
# fixtures layers [0, 1] would make them the same layer: the delta at the subject's token cannot
# reach the positions where the target is scored, the NLL's gradient is exactly zero and the
# reference's z is Adam amplifying the KL gradient's rounding noise. So one critical layer there,
# and two ([0, 1], z at 1, loss at 2) on the three-layer fixture.
MEMIT_LAYERS = {"gpt2": [0], "llama-gqa": [0], "llama-gqa-3l": [0, 1]}
MEMIT_BATCH = 4
FT_LAYERS = [0]


def load_easyedit(easyedit_dir):
    """EasyEdit's rome, memit and ft modules without the package __init__ (which imports every
    editor's dependencies)."""
    root = Path(easyedit_dir).resolve() / "easyeditor"
    if not (root / "models" / "rome" / "compute_v.py").is_file():
        raise SystemExit(f"{easyedit_dir}: no easyeditor/models/rome/compute_v.py (an EasyEdit checkout?)")
    for name, path in [
        ("easyeditor", root),
        ("easyeditor.util", root / "util"),
        ("easyeditor.models", root / "models"),
        ("easyeditor.models.rome", root / "models" / "rome"),
        ("easyeditor.models.memit", root / "models" / "memit"),
        ("easyeditor.models.ft", root / "models" / "ft"),
        ("easyeditor.models.r_rome", root / "models" / "r_rome"),
    ]:
        if name not in sys.modules:
            pkg = types.ModuleType(name)
            pkg.__path__ = [str(path)]
            sys.modules[name] = pkg
    mods = {
        n: importlib.import_module("easyeditor.models." + n)
        for n in [
            "rome.layer_stats",
            "rome.repr_tools",
            "rome.compute_u",
            "rome.compute_v",
            "rome.rome_main",
            "rome.rome_hparams",
            "memit.compute_z",
            "memit.compute_ks",
            "memit.memit_main",
            "memit.memit_hparams",
            "ft.ft_main",
            "ft.ft_hparams",
            "r_rome.layer_stats",
            "r_rome.compute_u",
            "r_rome.compute_v",
            "r_rome.r_rome_main",
            "r_rome.r_rome_hparams",
        ]
    }
    return types.SimpleNamespace(**{k.replace(".", "_"): v for k, v in mods.items()})


def module_names(model_type):
    if model_type == "gpt2":
        return dict(
            rewrite_module_tmp="transformer.h.{}.mlp.c_proj",
            layer_module_tmp="transformer.h.{}",
            mlp_module_tmp="transformer.h.{}.mlp",
            attn_module_tmp="transformer.h.{}.attn",
            ln_f_module="transformer.ln_f",
            lm_head_module="transformer.wte",
        )
    return dict(
        rewrite_module_tmp="model.layers.{}.mlp.down_proj",
        layer_module_tmp="model.layers.{}",
        mlp_module_tmp="model.layers.{}.mlp",
        attn_module_tmp="model.layers.{}.self_attn",
        ln_f_module="model.norm",
        lm_head_module="lm_head",
    )


def stats_fields(stats_dir):
    return dict(mom2_dataset="wikitext", mom2_n_samples=MOM2_SAMPLES, mom2_dtype="float32", stats_dir=stats_dir)


def rome_hparams(ee, model, name, stats_dir):
    return ee.rome_rome_hparams.ROMEHyperParams(
        layers=[ROME_LAYER],
        fact_token="subject_last",
        v_num_grad_steps=20,
        v_lr=0.5,
        v_loss_layer=model.config.num_hidden_layers - 1,
        v_weight_decay=0.5,
        clamp_norm_factor=4.0,
        kl_factor=0.0625,
        mom2_adjustment=True,
        context_template_length_params=[[5, 10], [10, 10]],
        alg_name="ROME",
        device="cpu",
        model_name=name,
        **module_names(model.config.model_type),
        **stats_fields(stats_dir),
    )


def memit_hparams(ee, model, name, stats_dir):
    return ee.memit_memit_hparams.MEMITHyperParams(
        layers=MEMIT_LAYERS[name],
        layer_selection="all",
        fact_token="subject_last",
        v_num_grad_steps=20,
        v_lr=0.5,
        v_loss_layer=model.config.num_hidden_layers - 1,
        v_weight_decay=0.5,
        clamp_norm_factor=4.0,
        kl_factor=0.0625,
        mom2_adjustment=True,
        mom2_update_weight=100.0,
        alg_name="MEMIT",
        device="cpu",
        model_name=name,
        **module_names(model.config.model_type),
        **stats_fields(stats_dir),
    )


def requests(n):
    recs = json.loads(Path(ZSRE).read_text("utf-8"))[:n]
    return [{"prompt": r["src"], "subject": r["subject"], "target_new": r["alt"]} for r in recs]


def t(x):
    return x.detach().double().reshape(-1).tolist()


def mat(x):
    """A matrix as [rows][cols] of floats."""
    return x.detach().double().tolist()


def out_in(w, model_type):
    """A projection weight in (out, in) layout: GPT-2's Conv1D stores (in, out)."""
    return w.T if model_type == "gpt2" else w


class ContinuationTargetTokenizer:
    """The fixture's tokenizer, except where compute_v / compute_z turn the target into ids and the
    target's prefix back into text: there it gives the target's ids as a continuation of the
    prompt and text that re-tokenises to exactly those ids (EditGate's convention).

    EasyEdit encodes " " + target alone and decodes target_ids[:-1] to append it to the prompt as
    text. On a Metaspace tokenizer (LLaMA's) " Europe" alone becomes "▁▁Europe" (a lone
    "▁" token first) and the decoder strips the leading space again, so the re-tokenised
    prompt is shorter than prompt + target_ids[:-1] and the scored window starts one token early.
    On byte-level BPE (GPT-2's, SmolLM2's) both conventions give the same ids and text, and this
    wrapper changes nothing (the script checks that). Everything else is passed through."""

    def __init__(self, tok, prompt, target):
        self._tok = tok
        self._target = target
        p = tok(prompt)["input_ids"]
        full = tok(prompt + target)["input_ids"]
        assert full[: len(p)] == p, "the target changes the prompt's tokens"
        self.ids = full[len(p):]
        self._prompt_ids = p
        self._prompt = prompt

    def __getattr__(self, name):
        return getattr(self._tok, name)

    def __call__(self, text, *a, **kw):
        if text == [self._target]:  # FT-L's prompt_last: tok(targets)["input_ids"]
            return {"input_ids": torch.tensor([self.ids])}
        if text == self._target:  # R-ROME's compute_v: tok(target_new, return_tensors="pt")
            return BatchEncoding({"input_ids": torch.tensor([self.ids])})
        return self._tok(text, *a, **kw)

    def encode(self, text, *a, **kw):
        if text == self._target and kw.get("add_special_tokens") is False:
            ids = torch.tensor([self.ids])
            return ids if kw.get("return_tensors") == "pt" else self.ids
        return self._tok.encode(text, *a, **kw)

    def decode(self, ids, *a, **kw):
        ids = ids.tolist() if hasattr(ids, "tolist") else ids
        if isinstance(ids, list) and ids == self.ids[:-1]:
            text = self._target
            while text and self._tok(self._prompt + text)["input_ids"] != self._prompt_ids + ids:
                text = text[:-1]
            assert self._tok(self._prompt + text)["input_ids"] == self._prompt_ids + ids, text
            return text
        return self._tok.decode(ids, *a, **kw)


def run_rome(ee, model, tok, name, stats_dir, exact_tokens=False):
    hp = rome_hparams(ee, model, name, stats_dir)
    ee.rome_rome_main.CONTEXT_TEMPLATES_CACHE = list(TEMPLATES)
    req = requests(1)[0]
    # execute_rome's own preprocessing: a leading space on the target, the subject as "{}"
    r = deepcopy(req)
    r["target_new"] = " " + r["target_new"]
    r["prompt"] = r["prompt"].replace(r["subject"], "{}")
    layer = ROME_LAYER
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
    vtok = ContinuationTargetTokenizer(tok, r["prompt"].format(r["subject"]), r["target_new"]) if exact_tokens else tok
    right = ee.rome_compute_v.compute_v(model, vtok, r, hp, layer, u, TEMPLATES)
    k, cur_out = ee.rome_compute_v.get_module_input_output_at_word(
        model, tok, layer, r["prompt"], r["subject"], hp.rewrite_module_tmp, hp.fact_token
    )
    v = right * torch.dot(k, u) + cur_out  # compute_v: right = (v - W k) / (k·u)
    wname = hp.rewrite_module_tmp.format(layer) + ".weight"
    w0 = model.get_parameter(wname).detach().clone()
    if exact_tokens:
        w1 = w0 + out_in(torch.outer(right, u), model.config.model_type)  # rome_main's ΔW = u vᵀ (Conv1D) / (u vᵀ)ᵀ
    else:
        edited, _ = ee.rome_rome_main.apply_rome_to_model(model, tok, [req], hp)
        w1 = edited.get_parameter(wname).detach().clone()
        with torch.no_grad():
            model.get_parameter(wname)[...] = w0
    target_ids = tok.encode(r["target_new"], add_special_tokens=False)
    return {
        "continuation_target_ids": ContinuationTargetTokenizer(tok, r["prompt"].format(r["subject"]), r["target_new"]).ids,
        "rewriting_prompt_ids": tok(r["prompt"].format(r["subject"]) + tok.decode(target_ids[:-1]))["input_ids"],
        "request": req,
        "layer": layer,
        "templates": TEMPLATES,
        "target_ids": target_ids,
        "rewriting_prompt_suffix": tok.decode(target_ids[:-1]),
        "key_mean": t(key_mean),
        "left": t(u),
        "key": t(k),
        "current_out": t(cur_out),
        "value": t(v),
        "weight": wname,
        "delta": mat(out_in(w1 - w0, model.config.model_type)),
    }


def run_rrome(ee, model, tok, name, stats_dir):
    """EasyEdit's R-ROME (easyeditor/models/r_rome) with enable_random_prefix_keys, its default: the
    key and the current output of the update averaged over the context templates. Run with the
    target's ids as a continuation of the prompt (ContinuationTargetTokenizer), as ROME's
    continuation run; the settings are ROME's."""
    rome = rome_hparams(ee, model, name, stats_dir)
    fields = {k: getattr(rome, k) for k in ee.r_rome_r_rome_hparams.R_ROMEHyperParams.__dataclass_fields__
              if hasattr(rome, k)}
    hp = ee.r_rome_r_rome_hparams.R_ROMEHyperParams(**dict(
        fields, alg_name="R-ROME", enable_prompt_keys=False, enable_random_prefix_keys=True,
        original_implementation=False))
    ee.r_rome_r_rome_main.CONTEXT_TEMPLATES_CACHE = list(TEMPLATES)
    req = requests(1)[0]
    r = deepcopy(req)
    r["target_new"] = " " + r["target_new"]
    r["prompt"] = r["prompt"].replace(r["subject"], "{}")
    layer = ROME_LAYER
    vtok = ContinuationTargetTokenizer(tok, r["prompt"].format(r["subject"]), r["target_new"])
    u = ee.r_rome_compute_u.compute_u(model, tok, r, hp, layer, TEMPLATES)
    right = ee.r_rome_compute_v.compute_v(model, vtok, r, hp, layer, u, TEMPLATES)
    ins, outs = zip(*[ee.r_rome_compute_v.get_module_input_output_at_word(
        model, tok, layer, tmpl.format(r["prompt"]), r["subject"], hp.rewrite_module_tmp, hp.fact_token)
        for tmpl in TEMPLATES])
    k, cur_out = torch.stack(ins).mean(0), torch.stack(outs).mean(0)  # as compute_v averages them
    v = right * torch.dot(k, u) + cur_out  # compute_v: right = (v - mean W k) / (mean k · u)
    wname = hp.rewrite_module_tmp.format(layer) + ".weight"
    w0 = model.get_parameter(wname).detach().clone()
    edited, _ = ee.r_rome_r_rome_main.apply_r_rome_to_model(model, vtok, [req], hp)
    w1 = edited.get_parameter(wname).detach().clone()
    with torch.no_grad():
        model.get_parameter(wname)[...] = w0
    outer = out_in(torch.outer(right, u), model.config.model_type)
    assert torch.allclose(w1 - w0, outer, atol=1e-6 * outer.abs().max().item()), "apply differs from u vᵀ"
    return {
        "request": req,
        "layer": layer,
        "templates": TEMPLATES,
        "left": t(u),
        "key": t(k),
        "current_out": t(cur_out),
        "value": t(v),
        "weight": wname,
        "delta": mat(out_in(w1 - w0, model.config.model_type)),
    }


def run_memit(ee, model, tok, name, stats_dir, exact_tokens=False):
    hp = memit_hparams(ee, model, name, stats_dir)
    orig_z = ee.memit_compute_z.compute_z

    def z_fn(model_, tok_, request, hp_, layer, ctx):
        if exact_tokens:
            tok_ = ContinuationTargetTokenizer(tok_, request["prompt"].format(request["subject"]), request["target_new"])
        return orig_z(model_, tok_, request, hp_, layer, ctx)

    groups = [["{}"], list(PREFIXES)]
    ee.memit_memit_main.CONTEXT_TEMPLATES_CACHE = deepcopy(groups)
    reqs = requests(MEMIT_BATCH)
    rs = deepcopy(reqs)
    for r in rs:
        r["target_new"] = " " + r["target_new"]
        r["prompt"] = r["prompt"].replace(r["subject"], "{}")
    z_layer = hp.layers[-1]
    zs = [z_fn(model, tok, r, hp, z_layer, groups) for r in rs]
    keys0 = ee.memit_compute_ks.compute_ks(model, tok, rs, hp, hp.layers[0], groups)
    names = [hp.rewrite_module_tmp.format(l) + ".weight" for l in hp.layers]
    w0 = {n: model.get_parameter(n).detach().clone() for n in names}
    # the keys of every layer as execute_memit computes them: after the layers below are updated
    keys = {}
    orig_ks = ee.memit_compute_ks.compute_ks

    def ks_spy(model_, tok_, reqs_, hp_, layer, ctx):
        out = orig_ks(model_, tok_, reqs_, hp_, layer, ctx)
        keys[layer] = out
        return out

    # execute_memit fetches each layer's C lazily inside its loop (get_cov), after the layers below
    # were already updated: without stats files on disk, an upper layer's C comes from a partly
    # edited model (on llama-gqa-3l layer 1's ΔW then differs by 0.32). C is meant to be the
    # unedited model's key statistics (EditGate computes every layer's before the first update),
    # so they are fetched here first, from the unedited model, and the loop finds them cached.
    for l in hp.layers:
        ee.memit_memit_main.get_cov(model, tok, hp.rewrite_module_tmp.format(l), hp.mom2_dataset,
                                    hp.mom2_n_samples, hp.mom2_dtype, hparams=hp)
    ee.memit_memit_main.compute_ks = ks_spy
    ee.memit_memit_main.compute_z = z_fn
    edited, _ = ee.memit_memit_main.apply_memit_to_model(model, tok, reqs, hp)
    ee.memit_memit_main.compute_ks = orig_ks
    ee.memit_memit_main.compute_z = orig_z
    w1 = {n: edited.get_parameter(n).detach().clone() for n in names}
    with torch.no_grad():
        for n in names:
            model.get_parameter(n)[...] = w0[n]
    assert torch.allclose(keys[hp.layers[0]], keys0)
    return {
        "requests": reqs,
        "layers": hp.layers,
        "mom2_update_weight": hp.mom2_update_weight,
        "templates": groups,
        "z": [t(z) for z in zs],
        "keys": {str(l): mat(keys[l]) for l in hp.layers},
        "deltas": {n: mat(out_in(w1[n] - w0[n], model.config.model_type)) for n in names},
    }


def run_ft(ee, model, tok, name, objective, exact_tokens=False):
    mt = model.config.model_type
    hp = ee.ft_ft_hparams.FTHyperParams(
        layers=FT_LAYERS,
        num_steps=10,
        lr=5e-4,
        weight_decay=0,
        kl_factor=0,
        norm_constraint=5e-4,
        objective_optimization=objective,
        rewrite_module_tmp=module_names(mt)["mlp_module_tmp"] + (".c_proj" if mt == "gpt2" else ".down_proj"),
        layer_module_tmp=module_names(mt)["layer_module_tmp"],
        mlp_module_tmp=module_names(mt)["mlp_module_tmp"],
        attn_module_tmp=module_names(mt)["attn_module_tmp"],
        ln_f_module=module_names(mt)["ln_f_module"],
        lm_head_module=module_names(mt)["lm_head_module"],
        device="cpu",
        alg_name="FT",
        model_name=name,
        batch_size=1,
        max_length=40,
    )
    req = requests(1)[0]
    names = [n for n, _ in model.named_parameters() if any(
        hp.rewrite_module_tmp.format(l) in n for l in hp.layers)]
    w0 = {n: model.get_parameter(n).detach().clone() for n in names}
    ftok = ContinuationTargetTokenizer(tok, req["prompt"], " " + req["target_new"]) if exact_tokens else tok
    edited, _ = ee.ft_ft_main.apply_ft_to_model(model, ftok, [req], hp)
    w1 = {n: edited.get_parameter(n).detach().clone() for n in names}
    with torch.no_grad():
        for n in names:
            model.get_parameter(n)[...] = w0[n]
    return {
        "request": req,
        "objective": objective,
        "layers": hp.layers,
        "steps": hp.num_steps,
        "lr": hp.lr,
        "norm_constraint": hp.norm_constraint,
        "deltas": {
            n: (mat(out_in(w1[n] - w0[n], mt)) if w1[n].dim() == 2 else t(w1[n] - w0[n])) for n in names
        },
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--easyedit", required=True, help="EasyEdit checkout at %s" % EASYEDIT_COMMIT)
    p.add_argument("--methods", default="rome,memit,ft,rrome")
    p.add_argument("--fixtures", default=",".join(FIXTURES))
    a = p.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    ee = load_easyedit(a.easyedit)
    docs = [json.loads(l)["text"] for l in Path(CORPUS).read_text("utf-8").splitlines() if l.strip()]
    ee.rome_layer_stats.load_dataset = lambda name, config=None, **kw: {"train": [{"text": d} for d in docs]}
    ee.r_rome_layer_stats.load_dataset = ee.rome_layer_stats.load_dataset
    Path(OUT).mkdir(parents=True, exist_ok=True)
    methods = a.methods.split(",")
    for name in a.fixtures.split(","):
        d = Path(FIXTURE_DIRS[name])
        tok = AutoTokenizer.from_pretrained(d)
        if tok.pad_token_id is None:
            tok.pad_token_id = tok.eos_token_id  # EasyEdit's editor.py for LLaMA
        tok.padding_side = "right"  # editor.py for ROME/MEMIT (and the fast tokenizer's default)
        # The fixtures' tokenizer_config names the generic PreTrainedTokenizerFast, whose
        # model_input_names include token_type_ids; EasyEdit calls model(**tok(...)) and GPT-2's
        # forward adds wte(token_type_ids) (= the embedding of token 0) at every position. A real
        # GPT-2 checkpoint loads GPT2TokenizerFast (input_ids, attention_mask only), so the
        # fixtures are run as that tokenizer would be (see README, "A fixture artefact").
        tok.model_input_names = ["input_ids", "attention_mask"]
        model = AutoModelForCausalLM.from_pretrained(d, torch_dtype=torch.float32).eval()
        out_file = Path(OUT) / f"{name}.json"
        result = json.loads(out_file.read_text("utf-8")) if out_file.exists() else {}
        result.update({"easyedit_commit": EASYEDIT_COMMIT, "torch": torch.__version__,
                       "mom2_samples": MOM2_SAMPLES})
        with tempfile.TemporaryDirectory() as stats_dir:
            for cache in [ee.rome_compute_u.inv_mom2_cache, ee.memit_memit_main.COV_CACHE,
                          ee.r_rome_compute_u.inv_mom2_cache]:
                cache.clear()
            if "rome" in methods:
                result["rome"] = run_rome(ee, model, tok, name, stats_dir)
                result["rome_continuation_target"] = run_rome(ee, model, tok, name, stats_dir, True)
            if "rrome" in methods:
                result["r_rome_continuation_target"] = run_rrome(ee, model, tok, name, stats_dir)
            if "memit" in methods:
                result["memit"] = run_memit(ee, model, tok, name, stats_dir)
                result["memit_continuation_target"] = run_memit(ee, model, tok, name, stats_dir, True)
            if "ft" in methods:
                result["ft"] = {o: run_ft(ee, model, tok, name, o) for o in ["prompt_last", "target_new"]}
                result["ft_continuation_target"] = {
                    o: run_ft(ee, model, tok, name, o, True) for o in ["prompt_last", "target_new"]}
        out_file.write_text(json.dumps(result) + "\n", "utf-8")
        print("wrote", out_file)


if __name__ == "__main__":
    main()
