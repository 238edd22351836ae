"""The reference values every hyperparameter preset claims to follow, read from the reference
repositories at the pinned commits the presets name.

Each hparams/<method>/<preset>.yaml starts with a line
    # follows: OWNER/REPO@COMMIT PATH
This script collects those (repo, commit, path) triples, reads each file with `git show
COMMIT:PATH` from a clone of the repository, parses it (EasyEdit's YAML, ROME's and MEMIT's
JSON) and writes every field, unchanged, to
    src/test/resources/dev/editgate/hparams/reference-values.json
PresetReferenceTest then checks each preset's claims against that table field by field.

Usage (from the repository root; any clone with the commits will do, bare or not):
    git clone https://github.com/zjunlp/EasyEdit
    git clone https://github.com/kmeng01/rome
    git clone https://github.com/kmeng01/memit
    python tools/presets/reference_table.py --repo zjunlp/EasyEdit=EasyEdit \
        --repo kmeng01/rome=rome --repo kmeng01/memit=memit
Requirements: Python 3.9+, PyYAML (tools/presets/requirements.txt).
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

FOLLOWS = re.compile(r"^#\s*follows:\s*(\S+)@([0-9a-f]{40})\s+(\S+)\s*$")


def follows(root):
    """(repo, commit, path) -> [presets], from every preset's '# follows:' line."""
    out = {}
    for f in sorted((root / "hparams").glob("*/*.yaml")):
        for line in f.read_text("utf-8").splitlines():
            m = FOLLOWS.match(line)
            if m:
                out.setdefault(m.groups(), []).append(str(f.relative_to(root)))
    return out


def numeric(v):
    """YAML 1.1 reads '5e-1' as a string; the reference code casts it to float. Do the same."""
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return v
    if isinstance(v, list):
        return [numeric(x) for x in v]
    return v


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repo", action="append", default=[], metavar="OWNER/REPO=DIR",
                   help="a clone of a reference repository (repeat for each)")
    p.add_argument("--root", default=".", help="EditGate repository root")
    a = p.parse_args()
    clones = dict(r.split("=", 1) for r in a.repo)
    root = Path(a.root).resolve()
    table = {}
    for (repo, commit, path), presets in sorted(follows(root).items()):
        if repo not in clones:
            sys.exit(f"{', '.join(presets)} follow {repo}: give --repo {repo}=DIR")
        text = subprocess.run(["git", "-C", clones[repo], "show", f"{commit}:{path}"],
                              check=True, capture_output=True, text=True).stdout
        values = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
        table[f"{repo}@{commit}:{path}"] = {k: numeric(v) for k, v in values.items()}
        print(f"{repo}@{commit[:7]}:{path}: {len(values)} fields ({', '.join(presets)})")
    out = root / "src/test/resources/dev/editgate/hparams/reference-values.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"generated_by": "tools/presets/reference_table.py", "files": table},
                              indent=1, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()
