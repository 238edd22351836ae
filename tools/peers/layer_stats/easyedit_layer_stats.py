"""Runs EasyEdit's own ``layer_stats`` (easyeditor/models/rome/layer_stats.py) on a local model
folder and a local list of documents.

EasyEdit reads its corpus with ``datasets.load_dataset`` (Wikipedia / WikiText from the Hub); here
that one call is replaced by the documents given, so that its own code (TokenizedDataset with
truncation at the model's context length, FixedRandomSubsetSampler(seed=1), length_collation,
nethook.Trace(stop=True), SecondMoment) runs unchanged on the same text EditGate reads. Only
``easyeditor/util`` and ``easyeditor/models/rome`` are imported: the package's ``__init__`` pulls
in every editor and its dependencies, which layer_stats does not need.

Pinned commit: zjunlp/EasyEdit 14cea8245f06715684592ab55184939b99d70784.
"""

import importlib
import sys
import tempfile
import time
import types
from pathlib import Path

EASYEDIT_COMMIT = "14cea8245f06715684592ab55184939b99d70784"


def load_layer_stats(easyedit_dir):
    """EasyEdit's layer_stats module, imported from a checkout without the package __init__."""
    root = Path(easyedit_dir).resolve() / "easyeditor"
    if not (root / "models" / "rome" / "layer_stats.py").is_file():
        raise SystemExit(f"{easyedit_dir}: no easyeditor/models/rome/layer_stats.py (an EasyEdit checkout?)")
    for name, path in [
        ("easyeditor", root),
        ("easyeditor.util", root / "util"),
        ("easyeditor.models", root / "models"),
        ("easyeditor.models.rome", root / "models" / "rome"),
    ]:
        if name not in sys.modules:
            pkg = types.ModuleType(name)
            pkg.__path__ = [str(path)]
            sys.modules[name] = pkg
    return importlib.import_module("easyeditor.models.rome.layer_stats")


def mlp_key_module(model, layer):
    """The module whose input is the MLP key (EasyEdit's rewrite_module_tmp)."""
    t = model.config.model_type
    if t == "gpt2":
        return f"transformer.h.{layer}.mlp.c_proj"
    if t == "gptj":
        return f"transformer.h.{layer}.mlp.fc_out"
    if t == "gpt_neox":
        return f"gpt_neox.layers.{layer}.mlp.dense_4h_to_h"
    return f"model.layers.{layer}.mlp.down_proj"


class _Hparams:
    device = "cpu"


def run(layer_stats_module, model, tokenizer, layer, documents, sample_size, precision="float32"):
    """EasyEdit's layer_stats for one layer over ``documents``; returns (stat, seconds)."""
    ls = layer_stats_module
    ds = [{"text": d} for d in documents]
    ls.load_dataset = lambda name, config=None, **kw: {"train": ds}
    with tempfile.TemporaryDirectory() as stats_dir:
        t0 = time.perf_counter()
        stat = ls.layer_stats(
            model,
            tokenizer,
            mlp_key_module(model, layer),
            stats_dir,
            "wikitext",
            to_collect=["mom2"],
            model_name="model",
            sample_size=sample_size,
            precision=precision,
            progress=lambda it, total=None: it,  # (progress=None breaks: its lambda takes no total)
            force_recompute=True,
            hparams=_Hparams(),
        )
        seconds = time.perf_counter() - t0
    return stat, seconds
