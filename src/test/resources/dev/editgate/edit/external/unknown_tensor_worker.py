"""Hostile worker: returns a tensor the model does not have."""
from editgate_worker import Worker, serve


class Unknown(Worker):
    name = "unknown-tensor"

    def edit(self, msg):
        return {"model.layers.99.mlp.down_proj.weight": ([2, 2], [1.0, 2.0, 3.0, 4.0])}, {}


serve(Unknown())
