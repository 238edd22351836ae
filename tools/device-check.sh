#!/usr/bin/env bash
# Device check, in one go (meant for under ten minutes on a GPU machine; not yet run on one): what the runtime finds
# (./editgate doctor), then SmolLM2-135M loaded on the CPU in float32 as the reference and on CUDA
# in float32, float16 and bfloat16, each dtype in its own JVM (a dtype that aborts the process is
# reported, not fatal): logits compared with the CPU's within a tolerance, continuation scoring and
# one ROME edit timed on each device. The last line is RESULT key=value ...; with no GPU it runs the
# CPU part, says "no GPU: CUDA checks not run" and prints RESULT ... gpu=none.
#   tools/device-check.sh [--model DIR] [--device cuda:N]     (exit 1: a dtype beyond tolerance)
# A CUDA PyTorch 2.7.1 from PyPI is found by ./editgate itself (python3's, or EDITGATE_TORCH=DIR);
# see README "GPU, doctor and the device check".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
model_args=()
device=cuda
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model_args=(--model "$2"); shift 2 ;;
    --device) device="$2"; shift 2 ;;
    *) echo "device-check: unknown argument '$1' (accepted: --model DIR, --device cuda|cuda:N)" >&2; exit 2 ;;
  esac
done
started=$(date +%s)
if [ ${#model_args[@]} -eq 0 ]; then
  ./editgate models pull smollm2-135m >/dev/null || { echo "device-check: cannot pull smollm2-135m" >&2; exit 2; }
fi
echo "== doctor"
./editgate doctor --device "$device" 2>&1 | grep -v ' INFO '
doctor=${PIPESTATUS[0]}
gpu_name=none
if [ "$doctor" = 0 ] && command -v nvidia-smi >/dev/null 2>&1; then
  gpu_name="$(nvidia-smi --query-gpu=name --format=csv,noheader -i "${device#cuda:}" 2>/dev/null | head -1 | tr ' ' '_')"
  [ "$device" = cuda ] && gpu_name="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -1 | tr ' ' '_')"
fi
result="RESULT"
status=0
checks=()
if [ "$doctor" != 0 ]; then
  echo "== cpu (no GPU: CUDA checks not run)"
  out="$(./editgate bench device "${model_args[@]}" --device cpu 2>&1)"; rc=$?
  echo "$out" | grep -v ' INFO '
  line="$(echo "$out" | grep '^CHECK ' | tail -1)"
  [ -z "$line" ] && { line="CHECK cpu_failed=exit$rc"; status=1; }
  [ "$rc" != 0 ] && status=1
  result="$result ${line#CHECK }"
else
  first=1
  for dtype in float32 float16 bfloat16; do
    echo "== $device $dtype"
    extra=()
    [ "$first" = 0 ] && extra=(--no-edit)
    out="$(./editgate bench device "${model_args[@]}" --device "$device" --dtype "$dtype" "${extra[@]}" 2>&1)"; rc=$?
    echo "$out" | grep -v ' INFO '
    line="$(echo "$out" | grep '^CHECK ' | tail -1)"
    if [ -z "$line" ]; then
      why="$(echo "$out" | grep -v ' INFO ' | tail -1 | tr ' ' '_' | cut -c1-80)"
      result="$result ${dtype}=aborted(exit$rc:$why)"
      status=1
      continue
    fi
    [ "$rc" != 0 ] && status=1
    if [ "$first" = 1 ]; then
      result="$result $(echo "${line#CHECK }" | sed -E 's/ (dtype|logits_rel_diff|tolerance|top1_agree|logits_ok)=[^ ]*//g')"
      first=0
    fi
    for k in logits_rel_diff top1_agree logits_ok gpu_scores_per_s; do
      v="$(echo "$line" | grep -o " $k=[^ ]*" | cut -d= -f2)"
      [ -n "$v" ] && result="$result ${dtype}_${k}=$v"
    done
  done
  result="$result gpu_name=$gpu_name"
fi
echo "$result seconds=$(( $(date +%s) - started ))"
exit $status
