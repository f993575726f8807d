#!/bin/sh
# The whole test suite, as the README's second command and CI run it:
#   1. a -Werror build and `make check` (CUnit programs + CLI golden tests),
#   2. every CUnit program again under valgrind memcheck (no errors, no leaks),
#   3. every source compiled by clang as well (-Wall -Wextra -Werror; `make fuzz`
#      builds them with clang, and GCC-only builtins or warnings would break it),
#   4. `make distcheck` of an AddressSanitizer + UBSan build: the release tarball is
#      configured with -Werror and the sanitizers, built out of its read-only tree, and
#      passes the whole `make check` (CUnit and CLI tests) under ASan/UBSan; then it
#      installs, uninstalls and cleans up as distcheck requires.
# Each CUnit "Run Summary" is printed, and how long each stage took. Exits non-zero on
# the first failure.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=${JOBS:-2}

started=$(date +%s)
stage_start=$started
stage_name=
stage_done() {
    [ -n "$stage_name" ] || return 0
    printf -- '-- %s: %d s\n' "$stage_name" $(($(date +%s) - stage_start))
}
banner() {
    stage_done
    stage_name=$*
    stage_start=$(date +%s)
    printf '\n==== %s ====\n' "$*"
}
summaries() { # print the CUnit summaries and any failing log
    for log in "$1"/tests/test_*.log; do
        [ -f "$log" ] || continue
        printf -- '-- %s\n' "${log#$1/}"
        grep -A4 'Run Summary' "$log" || true
    done
    for log in "$1"/tests/*.log "$1"/tests/cli/*.log; do
        [ -f "$log" ] || continue
        if grep -q '^FAIL\|^ERROR' "${log%.log}.trs" 2>/dev/null; then
            printf -- '-- FAILED: %s\n' "$log"; cat "$log"
        fi
    done
}

banner "build (-Werror) and make check"
./bootstrap
./configure --enable-tests --enable-werror --quiet
make -j"$jobs" --quiet
status=0
make -j"$jobs" check || status=$?
summaries "$top"
for log in tests/cli/*.log; do printf -- '-- %s\n' "$log"; grep -v '^PASS\|^FAIL\|^#' "$log" | head -20 || true; done
[ $status -eq 0 ] || exit $status

if command -v valgrind >/dev/null 2>&1; then
    banner "CUnit programs under valgrind"
    unit=$(ls tests/test_*.c | sed 's/\.c$//' | grep -v testlib | tr '\n' ' ')
    make -j"$jobs" check TESTS="$unit" LOG_COMPILER=valgrind \
        LOG_FLAGS="-q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
    summaries "$top"
    banner "landstad run under valgrind (small model)"
    valgrind -q --error-exitcode=99 --leak-check=full ./landstad run tests/data/wpp-canada/model.yaml \
        --out tests/out/valgrind-canada --no-plot --quiet
else
    echo "valgrind not installed: skipped (apt-get install valgrind)"
fi

if command -v clang >/dev/null 2>&1; then
    banner "every source compiled by clang (-Wall -Wextra -Werror)"
    for f in src/*.c; do
        # shellcheck disable=SC2046
        clang -std=c11 -fopenmp-simd -D_GNU_SOURCE -I. -Isrc $(pkg-config --cflags gsl yaml-0.1) \
            -fsyntax-only -Wall -Wextra -Werror "$f"
    done
else
    echo "clang not installed: skipped (apt-get install clang)"
fi

banner "make distcheck: the tarball with AddressSanitizer + UBSan and its make check"
# The tarball's one make check runs under the sanitizers: it proves the tarball complete
# and every test, CUnit and CLI, clean under ASan/UBSan.
ASAN_OPTIONS=detect_leaks=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS UBSAN_OPTIONS
make -j"$jobs" distcheck --quiet \
    DISTCHECK_CONFIGURE_FLAGS="--enable-tests --enable-werror --enable-asan" \
    >distcheck.log 2>&1 || {
    tail -n 80 distcheck.log
    for d in landstad-*/_build/sub; do [ -d "$d" ] && summaries "$d"; done
    exit 1
}
# the tarball's configuration and make check's summary of its tests
grep -E '^ +(CUnit|werror|asan): ' distcheck.log
grep -Eq '^ +asan: +yes' distcheck.log || { echo "distcheck: not an ASan build"; exit 1; }
sed -n '/^# TOTAL:/,/^# ERROR:/p' distcheck.log
grep -q '^# PASS: *[1-9]' distcheck.log || { echo "distcheck ran no tests"; exit 1; }
rm -f distcheck.log
echo "distcheck (ASan + UBSan): passed"
banner "all tests passed"
stage_name=
printf 'total: %d s\n' $(($(date +%s) - started))
