"""Hostile worker: reports a content hash that is not the model's (its copy differs)."""
from editgate_worker import Worker, serve


class Stale(Worker):
    name = "stale-copy"

    def load(self, msg):
        return {"content_hash": "0" * 64}


serve(Stale())
