#!/usr/bin/env python3
"""EditGate external worker wrapping EasyEdit's own editors (ROME, MEMIT, AlphaEdit, FT).

EditGate starts it once per scenario (`method: external`) and speaks protocol 1 with it over
stdin/stdout (README, "Write your own editing method"). The worker loads its own copy of the
model with transformers, applies each batch with EasyEdit's editing function for `alg_name` (the
functions EasyEdit's BaseEditor dispatches to, from `easyeditor`'s public exports, called as
BaseEditor.edit does: copy=False, return_orig_weights=True, keep_original_weight=False) and hands
back every tensor EasyEdit changed, whole, in a safetensors file.

    python easyedit_worker.py --easyedit /path/to/EasyEdit     (a checkout at EASYEDIT_COMMIT)

Hyperparameters (the scenario's `hparams`, free-form in EditGate):
  alg_name   ROME | MEMIT | AlphaEdit | FT                       (required)
  template   an EasyEdit hparams file, relative to the checkout (default: hparams/<alg>/<family>.yaml
             for the model's family, e.g. hparams/ROME/llama-7b.yaml: module names and defaults)
  seed       seeds torch, numpy and random at load (EasyEdit seeds 42 when imported)
  verify_hash  (default true) hash the loaded weights EditGate's way and report it, so that
             EditGate checks both copies start identical
  every other key must be a field of EasyEdit's hyperparameter class for alg_name, and overrides
  the template (EditGate's presets use EasyEdit's names, e.g. hparams/rome/smollm2-135m.yaml).
  mom2_dataset may name a local text file: EasyEdit's own layer_stats then reads its paragraphs
  (split at blank lines, or lines when it has none) instead of downloading Wikipedia; mom2_max_length truncates each to that
  many tokens.
Requests: targets arrive with EditGate's leading space; EasyEdit adds its own, so it is stripped.
"""
import argparse
import hashlib
import json
import os
import random
import sys
import time

EASYEDIT_COMMIT = "14cea8245f06715684592ab55184939b99d70784"
VERSION = "1.0+easyedit-" + EASYEDIT_COMMIT[:7]
ALGS = {
    "ROME": ("ROMEHyperParams", "apply_rome_to_model"),
    "MEMIT": ("MEMITHyperParams", "apply_memit_to_model"),
    "AlphaEdit": ("AlphaEditHyperParams", "apply_AlphaEdit_to_model"),
    "FT": ("FTHyperParams", "apply_ft_to_model"),
}
# EasyEdit picks code paths by substrings of hparams.model_name ("llama", "qwen", "gpt2-xl"):
# the worker names the model by its family so those paths are the right ones.
FAMILY_NAMES = {"llama": "llama", "mistral": "mistral", "qwen2": "qwen2", "gpt2": "gpt2-xl",
                "gptj": "gpt-j-6b"}
# EasyEdit's own hparams file per family, first one present (module names and defaults)
TEMPLATES = {"llama": ["llama-7b", "llama3-8b", "llama3.2-3b"], "mistral": ["mistral-7b"],
             "qwen2": ["qwen2.5-7b", "qwen2-7b"], "gpt2": ["gpt2-xl"], "gptj": ["gpt-j-6B"]}
WORKER_KEYS = {"alg_name", "template", "seed", "verify_hash", "mom2_max_length"}


def protocol_stream():
    """EasyEdit prints to stdout: keep fd 1 for the protocol, send everything else to stderr."""
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return proto


def log(*parts):
    print("[easyedit-worker]", *parts, file=sys.stderr, flush=True)


class EasyEditWorker:
    def __init__(self, easyedit_dir):
        self.easyedit_dir = os.path.abspath(easyedit_dir)
        self.model = None
        self.journal = {}

    def hello(self, msg):
        return {"name": "easyedit", "version": VERSION, "modifies_weights": True, "protocol": 1}

    def load(self, msg):
        import torch
        import yaml
        from transformers import AutoModelForCausalLM

        sys.path.insert(0, self.easyedit_dir)
        import easyeditor  # noqa: F401  (imports every editor; seeds 42)

        hp = dict(msg["hparams"])
        alg = hp.get("alg_name")
        if alg not in ALGS:
            raise ValueError("hparams.alg_name must be one of %s, found %r" % (sorted(ALGS), alg))
        cls_name, fn_name = ALGS[alg]
        cls = getattr(easyeditor, cls_name)
        self.apply = getattr(easyeditor, fn_name)
        self.alg = alg

        spec = msg["model"]
        path, device = spec["path"], spec["device"]
        dtype = {"float32": torch.float32, "float16": torch.float16,
                 "bfloat16": torch.bfloat16}[spec["dtype"]]
        with open(os.path.join(path, "config.json")) as f:
            model_type = json.load(f)["model_type"]
        template = hp.get("template")
        if not template:
            tried = ["hparams/%s/%s.yaml" % (alg, t) for t in TEMPLATES.get(model_type, [model_type])]
            present = [t for t in tried if os.path.isfile(os.path.join(self.easyedit_dir, t))]
            if not present:
                raise ValueError("no EasyEdit hparams template for %s on %s (tried %s): set hparams.template"
                                 % (alg, model_type, tried))
            template = present[0]
        template_path = os.path.join(self.easyedit_dir, template)
        with open(template_path) as f:
            config = yaml.safe_load(f)
        fields = set(cls.__dataclass_fields__)
        unknown = sorted(k for k in hp if k not in fields and k not in WORKER_KEYS)
        if unknown:
            raise ValueError("hyperparameters %s are not fields of EasyEdit's %s (fields: %s)"
                             % (unknown, cls_name, sorted(fields)))
        config.update({k: v for k, v in hp.items() if k in fields})
        config["model_name"] = "%s/%s" % (FAMILY_NAMES.get(model_type, model_type), os.path.basename(path.rstrip("/")))
        config["device"] = device
        work_dir = msg["work_dir"]
        if "stats_dir" in fields:
            config["stats_dir"] = os.path.join(work_dir, "easyedit-stats")
        if alg == "AlphaEdit":
            config["P_loc"] = os.path.join(work_dir, "null_space_project.pt")
        if self._local_corpus(config.get("mom2_dataset"), hp.get("mom2_max_length")):
            # EasyEdit looks the name up in its table of hub datasets before loading it; the
            # loader is replaced, so the name only names the stats cache file in work_dir
            config["mom2_dataset"] = "wikitext"
        config = cls.construct_float_from_scientific_notation(config)
        self.hparams = cls(**config)
        if "seed" in hp:
            seed = int(hp["seed"])
            torch.manual_seed(seed)
            random.seed(seed)
            import numpy
            numpy.random.seed(seed)
        os.makedirs(work_dir, exist_ok=True)
        os.chdir(work_dir)  # EasyEdit writes logs/ and null_space_project.pt into the cwd

        t0 = time.time()
        self.model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=dtype).to(device)
        self.model.eval()
        self.tok = tokenizer(path)
        self.tok.pad_token_id = self.tok.eos_token_id
        if alg in ("ROME", "MEMIT", "AlphaEdit"):
            self.tok.padding_side = "right"  # as BaseEditor sets it for these methods
        else:
            self.tok.padding_side = "left"
        self.checkpoint_names = checkpoint_tensor_names(path)
        log("loaded %s (%s, %s) in %.1f s; %s with %s" % (path, spec["dtype"], device, time.time() - t0, alg, template))
        answer = {}
        if hp.get("verify_hash", True):
            answer["content_hash"] = self.content_hash()
        return answer

    def _local_corpus(self, dataset, max_length):
        """Lets EasyEdit's own layer_stats read a local text file instead of downloading one."""
        if not dataset or not os.path.isfile(str(dataset)):
            return False
        from easyeditor.models.rome import layer_stats as ls

        def load_local(name, config=None, **kwargs):
            with open(dataset, encoding="utf-8") as f:
                text = f.read()
            separator = "\n\n" if "\n\n" in text else "\n"
            paragraphs = [p.strip() for p in text.split(separator) if p.strip()]
            if max_length:
                paragraphs = [self.tok.decode(self.tok(p)["input_ids"][: int(max_length)],
                                              skip_special_tokens=True) for p in paragraphs]
            log("second moments from %s: %d paragraphs" % (dataset, len(paragraphs)))
            return {"train": [{"text": p} for p in paragraphs]}

        ls.load_dataset = load_local
        log("mom2_dataset %s is read locally" % dataset)
        return True

    def content_hash(self):
        """EditGate's WeightStore.contentHash over this copy: SHA-256 of name|shape|dtype|bytes."""
        import torch
        state = self.model.state_dict()
        digest = hashlib.sha256()
        for name in sorted(self.checkpoint_names):
            t = state.get(self._model_name(name))
            if t is None:
                raise ValueError("checkpoint tensor %s is not in the loaded model" % name)
            t = t.detach().to("cpu").contiguous()
            dtype = {torch.float32: "float32", torch.float16: "float16",
                     torch.bfloat16: "bfloat16"}[t.dtype]
            digest.update(("%s|(%s)|%s|" % (name, ", ".join(str(d) for d in t.shape), dtype)).encode())
            if t.dtype == torch.bfloat16:
                t = t.float()
            digest.update(t.numpy().tobytes())
        return digest.hexdigest()

    def _model_name(self, checkpoint_name):
        state_names = self._state_names()
        if checkpoint_name in state_names:
            return checkpoint_name
        prefix = self.model.base_model_prefix + "."
        return prefix + checkpoint_name if prefix + checkpoint_name in state_names else checkpoint_name

    def _checkpoint_name(self, model_name):
        if model_name in self.checkpoint_names:
            return model_name
        prefix = self.model.base_model_prefix + "."
        if model_name.startswith(prefix) and model_name[len(prefix):] in self.checkpoint_names:
            return model_name[len(prefix):]
        raise ValueError("EasyEdit changed %s, which the checkpoint does not hold" % model_name)

    def _state_names(self):
        if not hasattr(self, "_names"):
            self._names = set(self.model.state_dict())
        return self._names

    def reset(self, msg):
        import torch
        with torch.no_grad():
            for name, original in self.journal.items():
                dict(self.model.named_parameters())[name][...] = original
        self.journal = {}
        self.reset_alphaedit = True
        return {}

    def edit(self, msg):
        import torch
        from safetensors.torch import save_file

        requests = []
        for r in msg["requests"]:
            target = r["target"][1:] if r["target"].startswith(" ") else r["target"]
            requests.append({"prompt": r["prompt"], "subject": r["subject"], "target_new": target,
                             "ground_truth": r.get("ground_truth") or "<|endoftext|>",
                             "rephrase_prompt": r.get("rephrase"), "locality": {}, "portability": {}})
        kwargs = {}
        if self.alg == "AlphaEdit" and getattr(self, "reset_alphaedit", False):
            kwargs["reset_cache"] = True
            self.reset_alphaedit = False
        t0 = time.time()
        self.model, weights_copy = self.apply(self.model, self.tok, requests, self.hparams, copy=False,
                                              return_orig_weights=True, keep_original_weight=False,
                                              **kwargs)
        seconds = time.time() - t0
        params = dict(self.model.named_parameters())
        tensors, details = {}, {"alg_name": self.alg, "easyedit_seconds": round(seconds, 3)}
        norms, rel = {}, {}
        with torch.no_grad():
            for name, before in weights_copy.items():
                now = params[name].detach()
                if name not in self.journal:
                    self.journal[name] = before.detach().clone()
                delta = (now.float() - before.float().to(now.device))
                norms[name] = float(delta.norm())
                rel[name] = float(delta.norm() / before.float().norm().clamp_min(1e-30))
                if not torch.isfinite(now).all():
                    log("warning: %s holds non-finite values after the edit" % name)
                tensors[self._checkpoint_name(name)] = now.to("cpu").contiguous().clone()
        details["update_norm"] = norms
        details["relative_update"] = rel
        if not tensors:
            return {"tensors": None, "details": details}
        file = "edit.safetensors"
        save_file(tensors, os.path.join(msg["out_dir"], file))
        return {"tensors": file, "details": details}


def tokenizer(path):
    """The folder's tokenizer. A folder with only tokenizer.json (EditGate's GGUF imports) would
    get AutoTokenizer's LLaMA defaults, whose <s> and </s> are new ids past the vocabulary: take
    the file as it is, with BOS and EOS named by config.json's ids, as EditGate does."""
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    if os.path.exists(os.path.join(path, "tokenizer_config.json")):
        return AutoTokenizer.from_pretrained(path)
    tok = PreTrainedTokenizerFast(tokenizer_file=os.path.join(path, "tokenizer.json"))
    with open(os.path.join(path, "config.json")) as f:
        config = json.load(f)
    for role in ("bos", "eos"):
        token_id = config.get(role + "_token_id")
        if isinstance(token_id, list):
            token_id = token_id[0]
        if token_id is not None:
            setattr(tok, role + "_token", tok.convert_ids_to_tokens(int(token_id)))
    return tok


def checkpoint_tensor_names(path):
    index = os.path.join(path, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            return set(json.load(f)["weight_map"])
    import struct
    with open(os.path.join(path, "model.safetensors"), "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    header.pop("__metadata__", None)
    return set(header)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--easyedit", default=os.environ.get("EASYEDIT_DIR"),
                        help="EasyEdit checkout at %s (or $EASYEDIT_DIR)" % EASYEDIT_COMMIT)
    args = parser.parse_args()
    proto = protocol_stream()
    if not args.easyedit or not os.path.isdir(os.path.join(args.easyedit, "easyeditor")):
        log("no EasyEdit checkout: pass --easyedit DIR or set EASYEDIT_DIR (see tools/external/README.md)")
        sys.exit(2)
    worker = EasyEditWorker(args.easyedit)
    handlers = {"hello": worker.hello, "load": worker.load, "reset": worker.reset,
                "edit": worker.edit, "shutdown": lambda msg: {}}
    for line in sys.stdin:
        msg = json.loads(line)
        verb = msg.get("verb")
        try:
            if verb not in handlers:
                raise ValueError("unknown verb %r" % verb)
            answer = dict(handlers[verb](msg), ok=True)
        except Exception as e:
            import traceback
            traceback.print_exc(file=sys.stderr)
            answer = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        answer["id"] = msg.get("id")
        proto.write(json.dumps(answer) + "\n")
        proto.flush()
        if verb == "shutdown":
            break


if __name__ == "__main__":
    main()
