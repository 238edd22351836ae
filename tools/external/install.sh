#!/usr/bin/env bash
# Installs the reference worker: a virtual environment (tools/external/.venv, or $1) with
# requirements.txt, and EasyEdit's source at the pinned commit (tools/external/EasyEdit, or $2).
#   bash tools/external/install.sh [VENV] [EASYEDIT_DIR]
# EASYEDIT_DIR may already hold EasyEdit: a git checkout is moved to the pinned commit; a folder
# without .git (a source export, for a machine that cannot reach GitHub) is taken as is, and must
# be the pinned commit's easyeditor/ and hparams/ (this script cannot check which commit it is).
# EASYEDIT_REPO names where to clone from when the folder is absent (default: GitHub; a local
# mirror works).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-$here/.venv}
easyedit=${2:-$here/EasyEdit}
commit=14cea8245f06715684592ab55184939b99d70784
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q -r "$here/requirements.txt"
repo=${EASYEDIT_REPO:-https://github.com/zjunlp/EasyEdit}
if [ -d "$easyedit/.git" ]; then
  git -C "$easyedit" checkout -q "$commit"
elif [ -d "$easyedit/easyeditor" ]; then
  echo "install.sh: $easyedit is not a git checkout; taking it as EasyEdit $commit" >&2
elif [ -e "$easyedit" ]; then
  echo "install.sh: $easyedit exists but holds neither .git nor easyeditor/" >&2
  exit 2
else
  git clone -q "$repo" "$easyedit"
  git -C "$easyedit" checkout -q "$commit"
fi
"$venv/bin/python" -c "import sys; sys.path.insert(0, '$easyedit'); import easyeditor" >/dev/null
echo "installed: EASYEDIT_PYTHON=$venv/bin/python EASYEDIT_DIR=$easyedit"
