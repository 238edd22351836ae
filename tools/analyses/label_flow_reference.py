"""Label-word information flow (Wang et al. 2023, "Label Words are Anchors") with transformers.

Computes, on EditGate's tiny fixtures, the saliency I_l = |sum_h A_h * dL/dA_h| of every layer's
attention probabilities (eager attention, output_attentions, retain_grad) for the sst2 prompt and
the three flows S_wp, S_pq, S_ww as the reference's attention_attr.py get_proportion defines them,
and writes src/test/resources/dev/editgate/bench/icl/label-flow-expected.json. LabelFlowParityTest
(Java) computes the same with dev.editgate.bench.icl.LabelFlow and compares.

Run (from the repository root, reference env):
    /work/venv-ref/bin/python tools/analyses/label_flow_reference.py

Positions are found here from the tokenizer's offset mapping (the first token ending after the label
word's first character), independently of the Java side's prefix encoding; the test checks both
agree.
"""

import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from transformers import AutoModelForCausalLM, PreTrainedTokenizerFast

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "src/test/resources/dev/editgate/model/fixtures")
DATA = os.path.join(ROOT, "src/test/resources/dev/editgate/bench/icl/sst2-small.tsv")
OUT = os.path.join(ROOT, "src/test/resources/dev/editgate/bench/icl/label-flow-expected.json")
TEMPLATE = "Review: {text}\nSentiment:{label}"  # icl/utils/data_wrapper.py, format_s_dict['sst2']
LABEL_WORDS = {0: " negative", 1: " positive"}


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        if line.strip():
            f = line.split("\t")
            rows.append({"text": f[header.index("text")], "label": int(f[header.index("label")])})
    return rows


def prompt(demos, query):
    """sst2_wrap_data, recording where each demonstration's label word starts."""
    text, starts = "", []
    for d in demos:
        text += TEMPLATE.format(text=d["text"], label="")
        starts.append(len(text))
        text += LABEL_WORDS[d["label"]] + "\n"
    return text + TEMPLATE.format(text=query["text"], label=""), starts


def get_proportion(saliency, class_poss, final_pos):
    """attention_attr.py's get_proportion, on one [T, T] matrix."""
    saliency = saliency.copy()
    np.fill_diagonal(saliency, 0)
    p1 = saliency[class_poss, :].sum()
    p2 = saliency[final_pos, class_poss].sum()
    p3 = saliency.sum() - p1 - p2
    n = int(final_pos)
    sum3 = (n + 1) * n / 2 - sum(class_poss) - len(class_poss)
    return [p1 / sum(class_poss), p2 / len(class_poss), p3 / sum3]


def run(fixture, rows):
    path = os.path.join(FIXTURES, fixture)
    tok = PreTrainedTokenizerFast(tokenizer_file=os.path.join(path, "tokenizer.json"))
    model = AutoModelForCausalLM.from_pretrained(
        path, torch_dtype=torch.float32, attn_implementation="eager"
    ).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    demos = [next(r for r in rows if r["label"] == c) for c in (0, 1)]
    demos.sort(key=rows.index)
    cases = []
    for query in [r for r in rows if r not in demos][:2]:
        text, starts = prompt(demos, query)
        enc = tok(text, return_offsets_mapping=True)
        if fixture.startswith("llama"):  # tokenizer.json's TemplateProcessing adds <s>
            assert enc["input_ids"][0] == model.config.bos_token_id
        ids = enc["input_ids"]
        offsets = enc["offset_mapping"]
        class_poss = [next(i for i, (a, b) in enumerate(offsets) if b > s and b > a) for s in starts]
        final_pos = len(ids) - 1
        n_ctx = len(ids)
        label_tokens = [tok(text + LABEL_WORDS[c])["input_ids"][n_ctx] for c in (0, 1)]
        # the weights are frozen, so the embeddings are made a leaf that requires gradients: the
        # graph then reaches every attention map (their values are unchanged)
        embeds = model.get_input_embeddings()(torch.tensor([ids])).detach().requires_grad_(True)
        out = model(inputs_embeds=embeds, output_attentions=True)
        for a in out.attentions:
            a.retain_grad()
        logits = out.logits[0, final_pos, label_tokens].unsqueeze(0)  # (1, C)
        loss = F.cross_entropy(logits, torch.tensor([query["label"]]))
        loss.backward()
        layers, saliency = [], []
        for a in out.attentions:
            s = (a * a.grad).sum(1).abs()[0].detach().numpy().astype(np.float64)  # (T, T)
            rows_kept = sorted(set(class_poss + [final_pos]))
            saliency.append(
                {
                    "total": float(s.sum() - np.trace(s)),
                    "rows": {str(r): [float(x) for x in s[r]] for r in rows_kept},
                }
            )
            wp, pq, ww = get_proportion(s, class_poss, final_pos)
            layers.append({"wp": float(wp), "pq": float(pq), "ww": float(ww)})
        cases.append(
            {
                "prompt": text,
                "ids": ids,
                "label_positions": class_poss,
                "target": final_pos,
                "label_tokens": label_tokens,
                "gold": query["label"],
                "loss": float(loss),
                "layers": layers,
                "saliency": saliency,
            }
        )
    return {"fixture": fixture, "cases": cases}


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    rows = read_tsv(DATA)
    result = {
        "transformers": __import__("transformers").__version__,
        "torch": torch.__version__,
        "fixtures": [run(f, rows) for f in ("gpt2", "llama-gqa")],
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")
    for fx in result["fixtures"]:
        for c in fx["cases"]:
            print(fx["fixture"], len(c["ids"]), c["label_positions"], [round(l["pq"], 6) for l in c["layers"]])


if __name__ == "__main__":
    main()
