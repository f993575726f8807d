#!/bin/sh
# make bench: the figures the issues ask for, measured on this machine.
#   1. one deterministic Hardenberg run, whole process (median of 5);
#   2. the time plotting adds (run with and without plots, median of 5 each);
#   3. MC-10k: 10,000 Monte Carlo runs on all cores (median of 5);
#   4. scaling: runs 1k/10k/100k x threads 1/2, wall time and peak RSS;
#   5. memory: peak RSS at 100k runs against 1k runs (from the scaling rows);
#   6. quantile accuracy: histogram quantiles against exact ones at 10k runs;
#   7. the numpy reference implementation against landstad, per deterministic run.
# BENCH_QUICK=1 skips the 100k-run rows.
set -eu
cd "$(dirname "$0")/.."
B=bench/bench_run
L=./landstad
M=models/hardenberg.yaml
out=${TMPDIR:-/tmp}/landstad-bench.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
cores=$(getconf _NPROCESSORS_ONLN)
echo "machine: $(uname -m), $cores cores; landstad $($L --version | cut -d' ' -f2); CFLAGS: $(sed -n 's/^CFLAGS = //p' Makefile)"

echo; echo "1. deterministic run (whole process, median of 5)"
$B 5 $L run $M --out "$out/det" --quiet --no-plot
echo; echo "2. plotting: with plots, then without (median of 5 each)"
$B 5 $L run $M --out "$out/plot" --quiet
$B 5 $L run $M --out "$out/noplot" --quiet --no-plot

echo; echo "3. MC-10k: 10,000 runs, $cores threads (median of 5)"
$B 5 $L run $M --out "$out/mc10k" --quiet --no-plot --runs 10000 --seed 1

echo; echo "4. scaling (one measurement each): runs threads wall_s peak_rss_mb"
: >"$out/scaling"
for runs in 1000 10000 100000; do
    if [ "$runs" = 100000 ] && [ "${BENCH_QUICK:-0}" = 1 ]; then continue; fi
    for threads in 1 2; do
        r=$($B 1 $L run $M --out "$out/scale" --quiet --no-plot --runs $runs --seed 1 --threads $threads)
        echo "$runs $threads $(echo "$r" | sed 's/.*median_s=\([0-9.]*\).*peak_rss_mb=\([0-9.]*\).*/\1 \2/')" | tee -a "$out/scaling"
    done
done

echo; echo "5. memory: peak RSS at the largest run count / at 1,000 runs, 2 threads"
awk '$2 == 2 { rss[$1] = $4; last = $1 } END { if (rss[1000] > 0) printf "%s runs: %.1f MB, 1000 runs: %.1f MB, ratio %.2f\n", last, rss[last], rss[1000], rss[last] / rss[1000] }' "$out/scaling"

echo; echo "6. quantile accuracy at 10,000 runs: histogram against exact"
$L run $M --out "$out/hist" --quiet --no-plot --runs 10000 --seed 5
$L run $M --out "$out/exact" --quiet --no-plot --runs 10000 --seed 5 --mc-pilot 10000
for f in population_summary households_summary completions_summary; do
    paste -d, "$out/hist/$f.csv" "$out/exact/$f.csv" | awk -F, -v f=$f -f bench/quantile_accuracy.awk
done

echo; echo "7. numpy reference (bench/numpy_projection.py) against landstad, deterministic trend view"
level=$(awk '/^calibration:/ { c = 1 } c && /^  level:/ { print $2; exit }' "$out/det/run.yaml")
/usr/bin/python3 bench/numpy_projection.py --model $M --level "$level" --check "$out/det" --runs 100
./bench/bench_projection $M 200
