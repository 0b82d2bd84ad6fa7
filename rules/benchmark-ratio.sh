#!/usr/bin/env bash
# The matching benchmark's ratio target (docs/benchmarks.md): 10 and 10,000 automations measured
# alternately, several times, so that a machine slowing down during the run favours neither side.
# Usage: rules/benchmark-ratio.sh [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
score() {
  ./mvnw -B -q -pl rules -am -Pbenchmark -Dskip.npm -DskipTests process-test-classes \
    -Djmh.args="-p automations=$1 -f 1" 2>&1 | awk '/^MatchingBenchmark.match/ {print $7}'
}
ratios=()
echo "run | 10 automations, events/s | 10,000 automations, events/s | ratio"
for run in $(seq 1 "$runs"); do
  small=$(score 10)
  large=$(score 10000)
  ratio=$(awk -v a="$small" -v b="$large" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$ratio")
  echo "$run | $small | $large | $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{r[NR]=$1} END {print "median ratio: " r[int((NR+1)/2)]}'
