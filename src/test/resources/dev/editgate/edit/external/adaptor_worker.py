"""A GRACE-like worker: says it does not modify weights, which EditGate must refuse."""
from editgate_worker import Worker, serve


class Adaptor(Worker):
    name = "adaptor"
    modifies_weights = False


serve(Adaptor())
