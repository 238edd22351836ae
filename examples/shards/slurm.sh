#!/usr/bin/env bash
# A Slurm job array that runs an EditGate suite folder as N shards and a dependent job that merges
# them (README "Sharding a run"). Submit from the EditGate checkout:
#   bash examples/shards/slurm.sh suites/study 4
# Each array task runs `./editgate run --shard I/N`; the merge job starts when all have ended
# (afterany: a shard whose gates failed exits 1, and its results still belong in the merge).
set -euo pipefail
suites=${1:?usage: slurm.sh SUITES N}
n=${2:?usage: slurm.sh SUITES N}
tag=$(date +%Y%m%d-%H%M%S)
array=$(sbatch --parsable --array=1-"$n" --job-name=editgate-shard --gres=gpu:1 \
  --export=ALL,DJL_OFFLINE=true,OPT_OUT_TRACKING=true \
  --wrap="./editgate run $suites --shard \${SLURM_ARRAY_TASK_ID}/$n --run-id $tag-shard-\${SLURM_ARRAY_TASK_ID}")
dirs=""
for i in $(seq 1 "$n"); do dirs="$dirs reports/$tag-shard-$i"; done
sbatch --dependency=afterany:"$array" --job-name=editgate-merge \
  --wrap="./editgate merge$dirs --out reports/$tag-merged"
echo "submitted shards $array (1-$n) and their merge: reports/$tag-merged"
