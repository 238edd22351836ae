"""The judge's repetition-penalised perplexity of answers, with transformers' own processor.

For EditGate's tiny fixtures as judges, scores hand-written answers to the first CommonsenseQA
questions of src/test/resources/dev/editgate/bench/genppl/csqa-small.jsonl: the first N=20 answer
tokens (the tokens of encode(prompt + answer) past encode(prompt)), each under the judge's logits
after transformers' RepetitionPenaltyLogitsProcessor(theta) over the answer tokens before it, and
writes the summed NLL to src/test/resources/dev/editgate/bench/genppl/generated-ppl-expected.json
(null where the answer has fewer than N tokens). PenalizedPerplexityParityTest compares.

Run from the repository root: /work/venv-ref/bin/python tools/analyses/generated_ppl_reference.py
"""

import json
import os

import torch
from transformers import AutoModelForCausalLM, PreTrainedTokenizerFast
from transformers.generation.logits_process import RepetitionPenaltyLogitsProcessor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "src/test/resources/dev/editgate/model/fixtures")
HERE = os.path.join(ROOT, "src/test/resources/dev/editgate/bench/genppl")
N = 20
THETAS = [1.0, 1.2, 2.0]
ANSWERS = [
    " A bank, because banks need to control who walks in and out of the building.",
    " the" * 40,
    " yes",
    " Doing a lot of work for a long time can make a person tired and tired and tired.",
]


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    with open(os.path.join(HERE, "csqa-small.jsonl"), encoding="utf-8") as f:
        questions = [json.loads(l)["question"] for l in f if l.strip()]
    prompts = ["Question: " + q + "\nAnswer:" for q in questions]
    out = {"n": N, "answers": ANSWERS, "prompts": prompts, "judges": []}
    for fixture in ("llama-gqa", "gpt2"):
        path = os.path.join(FIXTURES, fixture)
        tok = PreTrainedTokenizerFast(tokenizer_file=os.path.join(path, "tokenizer.json"))
        model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
        per_theta = {}
        for theta in THETAS:
            proc = RepetitionPenaltyLogitsProcessor(penalty=theta)
            nlls = []
            for prompt, answer in zip(prompts, ANSWERS):
                ctx = tok(prompt)["input_ids"]
                full = tok(prompt + answer)["input_ids"]
                if full[: len(ctx)] != ctx or len(full) - len(ctx) < N:
                    nlls.append(None)
                    continue
                ids = full[: len(ctx) + N]
                with torch.no_grad():
                    logits = model(torch.tensor([ids])).logits[0]
                nll = 0.0
                for i in range(N):
                    scores = logits[len(ctx) - 1 + i].unsqueeze(0).clone()
                    if i > 0:
                        scores = proc(torch.tensor([ids[len(ctx) : len(ctx) + i]]), scores)
                    nll -= float(torch.log_softmax(scores.double(), -1)[0, ids[len(ctx) + i]])
                nlls.append(nll)
            per_theta[str(theta)] = nlls
        out["judges"].append({"fixture": fixture, "nll": per_theta})
        print(fixture, per_theta)
    with open(os.path.join(HERE, "generated-ppl-expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
