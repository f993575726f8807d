#!/bin/sh
# make fuzz: builds the libFuzzer harnesses with clang (ASan + UBSan) and runs each
# for FUZZ_SECONDS (default 60) from the committed seed corpus. Needs Debian's clang
# and libclang-rt-14-dev. A crash leaves crash-* files in fuzz/work: turn each into
# a regression case (tests/data/bad/ or a unit test) and fix it.
#
#   FUZZ_ONLY="csv cli"   run only these harnesses
#   FUZZ_JOBS=2           run that many harnesses at once (default 1)
#
# Adding a harness: write fuzz/fuzz_NAME.c (LLVMFuzzerTestOneInput), put seeds in
# fuzz/corpus/NAME/, add a line to the table below and the files to EXTRA_DIST.
set -eu

# name       max_len  libFuzzer flags      what the input is
HARNESSES='
config       65536    -                    a model file (YAML)
csv          262144   -                    an input table
model        262144   -                    the population table of a small model, projected when valid
results      262144   -                    a finished output folder (=== NAME headers) for landstad plot
runrecord    65536    -                    a run.yaml, read and written again
cli          2048     -close_fd_mask=3     a command line (arguments on lines) in a scratch folder
scenario     65536    -                    a scenario file over a small base model with two plans
observed     262144   -                    an observations file (then === plans and a plan list) of a small model
'

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$(pwd)}
secs=${FUZZ_SECONDS:-60}
only=${FUZZ_ONLY:-}
work="$build/fuzz/work"
command -v clang >/dev/null || { echo "fuzz: clang not found (apt-get install clang libclang-rt-14-dev)"; exit 2; }
mkdir -p "$work"
srcs=$(ls "$top"/src/*.c | grep -v '/main\.c$')
libs="$(pkg-config --libs yaml-0.1 gsl xlsxwriter) -lpthread -lm"
selected() { # the table's rows that FUZZ_ONLY keeps
    echo "$HARNESSES" | while read -r h maxlen flags what; do
        [ -n "$h" ] || continue
        if [ -n "$only" ]; then
            case " $only " in *" $h "*) ;; *) continue ;; esac
        fi
        echo "$h $maxlen $flags $what"
    done
}
# Build every harness first, so that the runs test one state of the source.
selected | while read -r h maxlen flags what; do
    clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        -fopenmp-simd -std=c11 -D_GNU_SOURCE -DFUZZ_TOP="\"$top\"" -w -I"$build" -I"$top/src" \
        $srcs "$top/fuzz/fuzz_$h.c" $libs -o "$work/fuzz_$h"
done
selected | while read -r h maxlen flags what; do
    bin="$work/fuzz_$h"
    mkdir -p "$work/corpus-$h"
    log="$work/fuzz_$h.log"
    [ "$flags" = - ] && flags=
    (cd "$work" && "$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
        -max_len="$maxlen" -artifact_prefix="$work/$h-" $flags \
        "$work/corpus-$h" "$top/fuzz/corpus/$h" >"$log" 2>&1) || {
        echo "fuzz_$h ($what): FAILED (see $log and $work/$h-*)"; tail -40 "$log"; exit 1; }
    runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    echo "fuzz_$h ($what): ${runs:-?} executions in ${secs}s, $cov, no crash"
done
