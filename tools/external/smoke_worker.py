#!/usr/bin/env python3
"""Drives easyedit_worker.py through the whole protocol for each method it wraps, on a tiny model.

    python tools/external/smoke_worker.py MODEL_DIR CORPUS_TXT      (EASYEDIT_PYTHON, EASYEDIT_DIR
                                                                     as for easyedit-worker)
One line per method: ok, the tensors EasyEdit changed, its update norms and seconds. A check that
the worker and EasyEdit run on this machine, not a parity test (that is the SmolLM2 suite).
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(model, alg, hparams):
    work = tempfile.mkdtemp(prefix="easyedit-smoke-")
    p = subprocess.Popen([os.path.join(HERE, "easyedit-worker")], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=open(os.path.join(work, "stderr.log"), "w"),
                         text=True)
    ids = iter(range(1, 100))

    def call(msg):
        msg["id"] = next(ids)
        p.stdin.write(json.dumps(msg) + "\n")
        p.stdin.flush()
        answer = json.loads(p.stdout.readline())
        if not answer["ok"]:
            raise SystemExit("%s: %s failed: %s (log: %s)" % (alg, msg["verb"], answer["error"], work))
        return answer

    call({"verb": "hello"})
    call({"verb": "load", "model": {"path": model, "dtype": "float32", "device": "cpu",
                                    "content_hash": ""}, "hparams": dict(hparams, alg_name=alg),
          "work_dir": work})
    call({"verb": "reset"})
    out = os.path.join(work, "batch-0001")
    os.makedirs(out)
    requests = [{"prompt": "The capital of France is", "subject": "France", "target": " Rome"},
                {"prompt": "Lily's favourite toy was a", "subject": "Lily", "target": " kite"}]
    answer = call({"verb": "edit", "batch": 1, "first_edit": 1,
                   "requests": requests[: hparams.get("batch_size", 1)], "out_dir": out})
    call({"verb": "shutdown"})
    p.wait()
    d = answer["details"]
    print("%-9s ok  changed %s  update norms %s  %.1f s" % (
        alg, sorted(d["update_norm"]), [round(v, 4) for v in d["update_norm"].values()],
        d["easyedit_seconds"]))


def main():
    model, corpus = sys.argv[1], sys.argv[2]
    common = {"layers": [0], "v_loss_layer": 1, "v_num_grad_steps": 3, "seed": 0}
    stats = {"mom2_dataset": corpus, "mom2_n_samples": 20}
    run(model, "ROME", dict(common, context_template_length_params=[[5, 5]]))
    run(model, "MEMIT", dict(common, layers=[0, 1], mom2_update_weight=100, batch_size=2, **stats))
    run(model, "AlphaEdit", dict(common, layers=[0, 1], batch_size=2, **stats))
    run(model, "FT", {"layers": [0], "num_steps": 3, "seed": 0})


if __name__ == "__main__":
    main()
