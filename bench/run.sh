#!/bin/sh
# make bench: the figures the issues ask for, measured on this machine.
#   1. one deterministic Hardenberg run, whole process (median of 5);
#   2. the time plotting adds (run with and without plots, median of 5 each);
#   3. MC-10k: 10,000 Monte Carlo runs on all cores (median of 5);
#   4. scaling: runs 1k/10k/100k x threads 1/2, wall time and peak RSS;
#   5. memory: peak RSS at 100k runs against 1k runs (from the scaling rows);
#   6. quantile accuracy: histogram quantiles against exact ones at 10k runs;
#   7. the numpy reference implementation against landstad, per deterministic run;
#   8. CPU per run in one process (bench_mc): the whole Monte Carlo and the trend
#      view, default build and -march=native alternated; the floor from this
#      machine's measured peak (bench_peak) and the model's counted multiply-adds;
#      the numpy reference vectorised across draws, its batch sweep and its BLAS.
# BENCH_QUICK=1 skips the 100k-run rows. BENCH_ONLY_CPU=1 runs section 8 alone.
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
if [ "${BENCH_ONLY_CPU:-0}" != 1 ]; then

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
# the calibrated level, when the model has one, is read from the run's run.yaml
/usr/bin/python3 bench/numpy_projection.py --model $M --check "$out/det" --runs 100
./bench/bench_projection $M 200
fi

echo; echo "8. CPU per run, one process each, default and native alternated (bench_mc, 1 thread)"
runs=${BENCH_MC_RUNS:-1200}
: >"$out/cpu"
for i in 1 2 3; do
    echo "default $(./bench/bench_mc $M $runs 1)" | tee -a "$out/cpu"
    echo "native $(./bench/bench_mc_native $M $runs 1)" | tee -a "$out/cpu"
done
peak=$(./bench/bench_peak)
echo "peak, one core: $peak (G multiply-adds/s)"
OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/numpy_projection.py --model $M --level 1 --runs 1 \
    --sweep 1,4,16,64,256 | sed -n '/batch sweep/,$p' | tee "$out/numpy"
npbest=$(sed -n 's/^numpy best per-run: \([0-9.]*\).*/\1/p' "$out/numpy")
echo "$peak" | awk -v np="$npbest" -v f="$out/cpu" '
    function med3(x, y, z) { x += 0; y += 0; z += 0
        return x > y ? (y > z ? y : (x > z ? z : x)) : (x > z ? x : (y > z ? z : y)) }
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); peak[kv[1]] = kv[2] } }
    END {
        while ((getline line < f) > 0) {
            n = split(line, w, " "); b = w[1]
            for (i = 2; i <= n; i++) { split(w[i], kv, "="); v[kv[1]] = kv[2] }
            mc[b, ++k[b]] = v["mc_ms_per_run"]; tr[b, k[b]] = v["trend_ms_per_run"]
            madds = v["madds_moves"] + v["madds_elementwise"]
        }
        for (b in k) { # medians of three
            MC[b] = med3(mc[b, 1], mc[b, 2], mc[b, 3]); TR[b] = med3(tr[b, 1], tr[b, 2], tr[b, 3])
        }
        ma = peak["muladd_g_per_s"]; fm = peak["fma_g_per_s"]
        floor = madds / (ma * 1e9) * 1e3
        printf "whole MC, CPU ms per run: default %.3f, native %.3f; default/native %.2f\n", MC["default"], MC["native"], MC["default"] / MC["native"]
        printf "trend view, CPU ms per run: default %.3f, native %.3f; default/native %.2f\n", TR["default"], TR["native"], TR["default"] / TR["native"]
        printf "floor: %.2f M multiply-adds a run (%d projections of %d steps after the shared history: moves between kernen %.2f M, element-wise %.2f M) at %.1f G/s (multiply and add, the arithmetic landstad uses; fused %.1f G/s would give %.3f ms) = %.3f ms\n", madds / 1e6, v["views"], v["steps"] - v["prefix"], v["madds_moves"] / 1e6, v["madds_elementwise"] / 1e6, ma, fm, madds / (fm * 1e9) * 1e3, floor
        printf "whole MC / floor: default %.1fx, native %.1fx\n", MC["default"] / floor, MC["native"] / floor
        # A multiply and an add can together reach the fused rate on this core (two
        # pipes of each); the measured multiply-and-add peak swings with the load.
        if (fm > ma) printf "  (against the fused peak, the core'"'"'s limit: floor %.3f ms, default %.1fx)\n", madds / (fm * 1e9) * 1e3, MC["default"] / (madds / (fm * 1e9) * 1e3)
        if (v["views"] > 2) printf "  (counting the two views only, as before the own need: floor %.3f ms, default %.1fx)\n", floor * 2 / v["views"], MC["default"] / (floor * 2 / v["views"])
        if (np > 0) printf "numpy best batch / landstad trend view (default build): %.1fx\n", np / TR["default"]
    }'
