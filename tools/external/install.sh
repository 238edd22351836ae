#!/usr/bin/env bash
# Installs the reference worker: a virtual environment (tools/external/.venv, or $1) with
# requirements.txt, and EasyEdit's source at the pinned commit (tools/external/EasyEdit, or $2).
#   bash tools/external/install.sh [VENV] [EASYEDIT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-$here/.venv}
easyedit=${2:-$here/EasyEdit}
commit=14cea8245f06715684592ab55184939b99d70784
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q -r "$here/requirements.txt"
if [ ! -d "$easyedit/.git" ]; then
  git clone -q https://github.com/zjunlp/EasyEdit "$easyedit"
fi
git -C "$easyedit" checkout -q "$commit"
"$venv/bin/python" -c "import sys; sys.path.insert(0, '$easyedit'); import easyeditor" >/dev/null
echo "installed: EASYEDIT_PYTHON=$venv/bin/python EASYEDIT_DIR=$easyedit"
