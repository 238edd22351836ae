"""A minimal EditGate worker kit in the Python standard library only (no torch, no numpy).

It speaks EditGate's external-worker protocol (one JSON object per line: requests on stdin,
answers on stdout, logs on stderr) and reads and writes safetensors files in plain Python.
Subclass Worker, override load/reset/edit, and call serve(YourWorker()). Copy it freely.

Protocol version 1 (README, "Write your own editing method"):
  hello    -> {"name", "version", "modifies_weights": true}
  load     {"model": {"path", "dtype", "device", "content_hash"}, "hparams", "work_dir"} -> {}
  reset    -> {}                      (back to the pristine weights)
  edit     {"batch", "first_edit", "requests": [...], "out_dir"}
           -> {"tensors": "<file in out_dir>" or null, "details": {...}}
  shutdown -> {}                      (then exit)
Every answer echoes the request's "id" and carries "ok": true, or "ok": false and "error".
"""
import hashlib
import json
import os
import struct
import sys
from array import array

_FLOAT_FORMATS = {"F32": ("f", 4), "F16": ("e", 2)}


def read_header(path):
    """The safetensors header of `path` (a dict) and the offset where the data starts."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    return header, 8 + n


def _file_of(model_dir, name):
    index = os.path.join(model_dir, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            return os.path.join(model_dir, json.load(f)["weight_map"][name])
    return os.path.join(model_dir, "model.safetensors")


def read_tensor(model_dir, name):
    """Tensor `name` of a Hugging Face folder as (shape, array('f')); F32 and F16 files."""
    path = _file_of(model_dir, name)
    header, start = read_header(path)
    info = header[name]
    fmt, size = _FLOAT_FORMATS[info["dtype"]]
    begin, end = info["data_offsets"]
    with open(path, "rb") as f:
        f.seek(start + begin)
        raw = f.read(end - begin)
    values = array("f", struct.unpack("<%d%s" % ((end - begin) // size, fmt), raw))
    return list(info["shape"]), values


def write_safetensors(path, tensors, dtype="F32"):
    """Writes {name: (shape, values)} to `path` as one safetensors file of `dtype` (F32, F16)."""
    fmt, size = _FLOAT_FORMATS[dtype]
    header, blobs, offset = {}, [], 0
    for name, (shape, values) in tensors.items():
        blob = struct.pack("<%d%s" % (len(values), fmt), *values)
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def content_hash(model_dir):
    """EditGate's content hash of a Hugging Face folder's weights, as a worker that loaded them
    unchanged would report it: SHA-256 over every tensor in name order of
    "name|(d0, d1, ...)|float32|" followed by its little-endian bytes (BF16 widened to float32)."""
    names = {}
    index = os.path.join(model_dir, "model.safetensors.index.json")
    files = (set(json.load(open(index))["weight_map"].values()) if os.path.exists(index)
             else {"model.safetensors"})
    for file in files:
        header, start = read_header(os.path.join(model_dir, file))
        header.pop("__metadata__", None)
        for name, info in header.items():
            names[name] = (os.path.join(model_dir, file), start, info)
    digest = hashlib.sha256()
    dtypes = {"F32": "float32", "F16": "float16", "BF16": "float32"}
    for name in sorted(names):
        path, start, info = names[name]
        begin, end = info["data_offsets"]
        with open(path, "rb") as f:
            f.seek(start + begin)
            raw = f.read(end - begin)
        if info["dtype"] == "BF16":
            halves = struct.unpack("<%dH" % (len(raw) // 2), raw)
            raw = struct.pack("<%dI" % len(halves), *(h << 16 for h in halves))
        shape = ", ".join(str(d) for d in info["shape"])
        digest.update(("%s|(%s)|%s|" % (name, shape, dtypes[info["dtype"]])).encode("utf-8"))
        digest.update(raw)
    return digest.hexdigest()


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


class Worker:
    """Override load, reset and edit; edit returns ({name: (shape, values)} or None, details)."""

    name = "toy"
    version = "1"
    modifies_weights = True

    def hello(self, msg):
        return {"name": self.name, "version": self.version,
                "modifies_weights": self.modifies_weights, "protocol": 1}

    def load(self, msg):
        return {}

    def reset(self, msg):
        return {}

    def edit(self, msg):
        return None, {}

    def _edit(self, msg):
        tensors, details = self.edit(msg)
        if not tensors:
            return {"tensors": None, "details": details}
        name = "batch-%d.safetensors" % msg["batch"]
        write_safetensors(os.path.join(msg["out_dir"], name), tensors)
        return {"tensors": name, "details": details}


def serve(worker, stdin=None, stdout=None):
    """Answers requests until shutdown or end of input."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    handlers = {"hello": worker.hello, "load": worker.load, "reset": worker.reset,
                "edit": worker._edit, "shutdown": lambda msg: {}}
    for line in stdin:
        msg = json.loads(line)
        verb = msg.get("verb")
        try:
            if verb not in handlers:
                raise ValueError("unknown verb %r" % verb)
            answer = dict(handlers[verb](msg), ok=True)
        except Exception as e:  # the error goes back to EditGate, which ends the scenario
            answer = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        answer["id"] = msg.get("id")
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()
        if verb == "shutdown":
            return
