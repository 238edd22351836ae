"""Hostile worker: on edit, starts a child process (pid written to hparams.pid_file), then hangs."""
import subprocess
import sys
import time

from editgate_worker import Worker, log, serve


class Hang(Worker):
    name = "hang"

    def load(self, msg):
        self.pid_file = msg["hparams"]["pid_file"]
        return {}

    def edit(self, msg):
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
        with open(self.pid_file, "w") as f:
            f.write(str(child.pid))
        log("hang worker: child", child.pid, "started; sleeping")
        while True:
            time.sleep(1)


serve(Hang())
