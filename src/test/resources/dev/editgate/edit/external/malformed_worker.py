"""Hostile worker: answers its edit with a line that is not JSON."""
import sys

from editgate_worker import Worker, serve


class Malformed(Worker):
    name = "malformed"

    def _edit(self, msg):
        sys.stdout.write("Executing edit... done {\n")
        sys.stdout.flush()
        return {}


serve(Malformed())
