#!/bin/sh
# make fuzz: builds the libFuzzer harnesses with clang (ASan + UBSan) and runs each
# for FUZZ_SECONDS (default 60) from the committed seed corpus. Needs Debian's clang
# and libclang-rt-14-dev. A crash leaves crash-* files here: turn each into a
# regression case in tests/data/bad/ and fix it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$(pwd)}
secs=${FUZZ_SECONDS:-60}
work="$build/fuzz/work"
command -v clang >/dev/null || { echo "fuzz: clang not found (apt-get install clang libclang-rt-14-dev)"; exit 2; }
mkdir -p "$work"
srcs=$(ls "$top"/src/*.c | grep -v '/main\.c$')
libs="$(pkg-config --libs yaml-0.1 gsl xlsxwriter) -lpthread"
total=0
for h in config csv model scenario; do
    bin="$work/fuzz_$h"
    clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        -fopenmp-simd -std=c11 -D_GNU_SOURCE -I"$build" -I"$top/src" \
        $srcs "$top/fuzz/fuzz_$h.c" $libs -o "$bin"
    mkdir -p "$work/corpus-$h"
    log="$work/fuzz_$h.log"
    (cd "$work" && "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        "$work/corpus-$h" "$top/fuzz/corpus/$h" >"$log" 2>&1) || {
        echo "fuzz_$h: FAILED (see $log and $work/crash-*)"; tail -40 "$log"; exit 1; }
    runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    echo "fuzz_$h: ${runs:-?} executions in ${secs}s, no crash"
    total=$((total + ${runs:-0}))
done
echo "fuzz: $total executions in all, no crash"
