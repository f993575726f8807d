#!/bin/sh
# The whole test suite, as the README's second command and CI run it:
#   1. a -Werror build and `make check` (CUnit programs + CLI golden tests),
#   2. every CUnit program again under valgrind memcheck (no errors, no leaks),
#   3. an AddressSanitizer + UBSan build of the release tarball and its `make check`,
#   4. `make distcheck`.
# Each CUnit "Run Summary" is printed. Exits non-zero on the first failure.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=${JOBS:-2}

banner() { printf '\n==== %s ====\n' "$*"; }
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

banner "AddressSanitizer + UBSan build of the tarball and make check"
make dist --quiet >/dev/null
tarball=$(ls -t landstad-*.tar.gz | head -n 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/landstad-asan.XXXXXX")
tar -xzf "$tarball" -C "$work"
(
    cd "$work"/landstad-*/
    ./configure --enable-tests --enable-werror --enable-asan --quiet
    make -j"$jobs" --quiet
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        make -j"$jobs" check || { summaries .; exit 1; }
    summaries .
)
rm -rf "$work"

banner "make distcheck"
make -j"$jobs" distcheck --quiet >/dev/null 2>distcheck.err || { cat distcheck.err; exit 1; }
rm -f distcheck.err
echo "distcheck: passed"
banner "all tests passed"
