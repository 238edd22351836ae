"""The peers of EditGate's evaluation, for `./editgate bench eval`: Hugging Face transformers'
strided perplexity and lm-evaluation-harness' own HFLM.loglikelihood, on the model folder, text and
MMLU prompts EditGate hands over. Prints one JSON line:
    {"perplexity": {"value", "nll_sum", "tokens", "seconds"},
     "mmlu": {"<mode>": {"seconds", "predictions"}}, "versions": {...}, "torch_threads": n}

    python tools/peers/eval/bench.py --model MODEL_DIR --text wiki-40k.txt --window 512 \
        --stride 256 --mmlu prompts.jsonl --batch-size 4 --modes lm-eval,row-per-option

Perplexity is the loop of transformers' "Perplexity of fixed-length models" guide (docs of 4.57,
perplexity.md): windows of `window` tokens moved by `stride`, the tokens an earlier window scored
masked with -100, the model's own loss times the tokens it averaged. Timed after the model is
loaded, tokenisation included (as on EditGate's side).

MMLU: each line of --mmlu is {"context": ..., "continuations": [" A", " B", " C", " D"]}; the
requests go through lm_eval.models.huggingface.HFLM.loglikelihood (lm-eval 0.4.9), the harness'
own tokenisation, batching and scoring. Mode `lm-eval` is its default (logits_cache=True: requests
whose continuation is one token and whose context is the same run as one row, its logits read for
every option); `row-per-option` is logits_cache=False, one row per (context, option), which is how
the harness runs options of several tokens. The prediction is the option of highest log-likelihood
(first on ties), as EditGate's.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import torch
import transformers
from transformers import AutoModelForCausalLM

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "external"))
from easyedit_worker import tokenizer as folder_tokenizer  # noqa: E402


def perplexity(model, tok, text, window, stride, device):
    """transformers' strided perplexity, as its guide writes it."""
    start = time.perf_counter()
    encodings = tok(text, return_tensors="pt")
    seq_len = encodings.input_ids.size(1)
    nll_sum, n_tokens, prev_end_loc = 0.0, 0, 0
    for begin_loc in range(0, seq_len, stride):
        end_loc = min(begin_loc + window, seq_len)
        trg_len = end_loc - prev_end_loc  # may be different from stride on last loop
        input_ids = encodings.input_ids[:, begin_loc:end_loc].to(device)
        target_ids = input_ids.clone()
        target_ids[:, :-trg_len] = -100
        with torch.no_grad():
            outputs = model(input_ids, labels=target_ids)
            neg_log_likelihood = outputs.loss
        # the tokens the loss averaged: labels shift inside the model, so label 0 never counts.
        # (The guide counts `valid - batch_size`, one too few in every window but the first,
        # whose label 0 is already -100; the exact count makes the value the perplexity.)
        num_loss_tokens = (target_ids[:, 1:] != -100).sum().item()
        nll_sum += neg_log_likelihood.item() * num_loss_tokens
        n_tokens += num_loss_tokens
        prev_end_loc = end_loc
        if end_loc == seq_len:
            break
    seconds = time.perf_counter() - start
    return {"value": float(torch.exp(torch.tensor(nll_sum / n_tokens))), "nll_sum": nll_sum,
            "tokens": n_tokens, "seconds": seconds}


def mmlu(model, tok, questions, batch_size, logits_cache, device):
    from lm_eval.api.instance import Instance
    from lm_eval.models.huggingface import HFLM

    lm = HFLM(pretrained=model, tokenizer=tok, backend="causal", batch_size=batch_size,
              device=device, logits_cache=logits_cache)
    requests, owner = [], []
    for q, item in enumerate(questions):
        for o, cont in enumerate(item["continuations"]):
            requests.append(Instance(request_type="loglikelihood", doc={}, idx=o,
                                     arguments=(item["context"], cont)))
            owner.append(q)
    start = time.perf_counter()
    results = lm.loglikelihood(requests, disable_tqdm=True)
    seconds = time.perf_counter() - start
    scores = [[] for _ in questions]
    for q, (ll, _greedy) in zip(owner, results):
        scores[q].append(ll)
    predictions = [max(range(len(s)), key=lambda i: (s[i], -i)) for s in scores]
    return {"seconds": seconds, "predictions": predictions, "scores": scores}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--text", help="text for the perplexity (omit to skip it)")
    p.add_argument("--window", type=int, default=512)
    p.add_argument("--stride", type=int, default=256)
    p.add_argument("--mmlu", help="JSON lines of MMLU prompts (omit to skip it)")
    p.add_argument("--batch-size", type=int, default=4)
    p.add_argument("--modes", default="lm-eval", help="comma-separated: lm-eval, row-per-option")
    p.add_argument("--device", default="cpu")
    a = p.parse_args()
    import lm_eval

    tok = folder_tokenizer(a.model)
    model = AutoModelForCausalLM.from_pretrained(a.model, dtype=torch.float32).to(a.device).eval()
    out = {"versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                        "lm_eval": getattr(lm_eval, "__version__", "0.4.9")},
           "torch_threads": torch.get_num_threads(), "device": a.device}
    if a.text:
        with open(a.text, encoding="utf-8", newline="") as f:  # keep the file's \r
            text = f.read()
        perplexity(model, tok, text[:4000], a.window, a.stride, a.device)  # warm-up, as EditGate's
        out["perplexity"] = perplexity(model, tok, text, a.window, a.stride, a.device)
    if a.mmlu:
        questions = [json.loads(l) for l in Path(a.mmlu).read_text("utf-8").splitlines() if l.strip()]
        out["mmlu"] = {}
        for mode in a.modes.split(","):
            if mode not in ("lm-eval", "row-per-option"):
                p.error(f"--modes: unknown mode {mode!r} (accepted: lm-eval, row-per-option)")
            mmlu(model, tok, questions[:2], a.batch_size, mode == "lm-eval", a.device)  # warm-up
            out["mmlu"][mode] = mmlu(model, tok, questions, a.batch_size, mode == "lm-eval",
                                     a.device)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
