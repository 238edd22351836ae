"""Hostile worker: dies (exit code 3) in the middle of its first edit."""
import os

from editgate_worker import Worker, log, serve


class Crash(Worker):
    name = "crash"

    def edit(self, msg):
        log("crash worker: giving up on purpose")
        os._exit(3)


serve(Crash())
