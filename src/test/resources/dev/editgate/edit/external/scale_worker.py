"""The minimal working external editor: each edit request multiplies one tensor by `factor`.

hparams: {tensor: <Hugging Face name>, factor: <number>}. Standard library only (editgate_worker).
Not a knowledge editor: it shows the whole protocol (its own copy of the weights, reset,
returned tensors, figures for edits.jsonl) in thirty lines.
"""
import math

from editgate_worker import Worker, content_hash, log, read_tensor, serve


class ScaleWorker(Worker):
    name = "scale"
    version = "1.0"

    def load(self, msg):
        hp = msg["hparams"]
        self.tensor, self.factor = hp["tensor"], float(hp["factor"])
        self.shape, self.pristine = read_tensor(msg["model"]["path"], self.tensor)
        log("scale worker loaded", self.tensor, self.shape, "from", msg["model"]["path"])
        # optional: lets EditGate check that both copies start from the same weights
        return {"content_hash": content_hash(msg["model"]["path"])}

    def reset(self, msg):
        self.current = list(self.pristine)
        return {}

    def edit(self, msg):
        for _ in msg["requests"]:
            self.current = [v * self.factor for v in self.current]
        norm = math.sqrt(sum(v * v for v in self.current))
        return {self.tensor: (self.shape, self.current)}, {"factor": self.factor, "norm": norm}


if __name__ == "__main__":
    serve(ScaleWorker())
