"""Hostile worker: returns a correctly shaped tensor holding a NaN, after a valid tensor."""
from editgate_worker import Worker, read_tensor, serve


class NonFinite(Worker):
    name = "non-finite"

    def load(self, msg):
        self.good = msg["hparams"]["good_tensor"]
        self.tensor = msg["hparams"]["tensor"]
        self.good_shape, self.good_values = read_tensor(msg["model"]["path"], self.good)
        self.shape, self.values = read_tensor(msg["model"]["path"], self.tensor)
        return {}

    def edit(self, msg):
        good = [2.0 * v for v in self.good_values]
        bad = list(self.values)
        bad[len(bad) // 2] = float("nan")
        return {self.good: (self.good_shape, good), self.tensor: (self.shape, bad)}, {}


serve(NonFinite())
