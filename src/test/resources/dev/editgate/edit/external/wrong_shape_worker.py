"""Hostile worker: returns a real tensor name with the wrong shape (transposed)."""
from editgate_worker import Worker, read_tensor, serve


class WrongShape(Worker):
    name = "wrong-shape"

    def load(self, msg):
        self.tensor = msg["hparams"]["tensor"]
        self.shape, self.values = read_tensor(msg["model"]["path"], self.tensor)
        return {}

    def edit(self, msg):
        return {self.tensor: (list(reversed(self.shape)), self.values)}, {}


serve(WrongShape())
