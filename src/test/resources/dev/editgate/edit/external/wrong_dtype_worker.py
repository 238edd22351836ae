"""Hostile worker: returns a float32 model's tensor as float16."""
import os

from editgate_worker import Worker, read_tensor, serve, write_safetensors


class WrongDtype(Worker):
    name = "wrong-dtype"

    def load(self, msg):
        self.tensor = msg["hparams"]["tensor"]
        self.shape, self.values = read_tensor(msg["model"]["path"], self.tensor)
        return {}

    def _edit(self, msg):
        write_safetensors(os.path.join(msg["out_dir"], "t.safetensors"),
                          {self.tensor: (self.shape, self.values)}, dtype="F16")
        return {"tensors": "t.safetensors", "details": {}}


serve(WrongDtype())
