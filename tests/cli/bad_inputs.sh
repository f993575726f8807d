#!/bin/sh
# Golden diagnostics for bad inputs. Every tests/data/bad/NAME.yaml is run (with
# `run` and with `check`) from the source folder, so that paths in messages read
# tests/data/bad/...; stderr must equal NAME.err byte for byte, the exit code must
# equal NAME.code, stdout must be empty and no output folder may be left behind.
# A NAME.runonly file marks a problem that only a run can find (e.g. a calibration
# that cannot reach its target): `check` must then accept the model.
# A NAME.xfail file marks a known bug (its text says which): a mismatch is then
# reported but does not fail, and a match fails so that the marker gets removed.
# Then every tests/data/ok/NAME.yaml must run cleanly and give the same tables as
# tests/data/bad/common/ok.yaml (they hold the same numbers written differently).
#
# LANDSTAD_REGEN=1 rewrites the .err and .code files from the current program;
# read `git diff tests/data/bad` before committing them.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"

# One folder per run (kept when something failed), so that two test runs in the
# same build tree cannot trip over each other.
out=$builddir/tests/out/bad_inputs.$$
rm -rf "$out"
mkdir -p "$out" || exit 99
cd "$srcdir" || exit 99

failed=0
cases=0
xfailed=0

fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

# Runs one case with the subcommand in $1; sets status to 0 when all matched.
run_case() {
    cmd=$1
    name=$2
    model=tests/data/bad/$name.yaml
    dest=$out/$name-$cmd
    status=0
    if [ "$cmd" = run ]; then
        "$LANDSTAD" run "$model" --out "$dest" >"$dest.stdout" 2>"$dest.stderr"
    else
        "$LANDSTAD" check "$model" >"$dest.stdout" 2>"$dest.stderr"
    fi
    code=$?
    if [ "${LANDSTAD_REGEN:-}" = 1 ] && [ "$cmd" = run ]; then
        cp "$dest.stderr" "tests/data/bad/$name.err"
        echo "$code" >"tests/data/bad/$name.code"
    fi
    want_code=$(cat "tests/data/bad/$name.code" 2>/dev/null)
    if [ ! -f "tests/data/bad/$name.err" ] || [ -z "$want_code" ]; then
        echo "$name: missing tests/data/bad/$name.err or .code"
        status=1
        return
    fi
    if ! cmp -s "tests/data/bad/$name.err" "$dest.stderr"; then
        echo "$name ($cmd): stderr differs from tests/data/bad/$name.err:"
        diff -u "tests/data/bad/$name.err" "$dest.stderr" | sed 's/^/    /'
        status=1
    fi
    if [ "$code" != "$want_code" ]; then
        echo "$name ($cmd): exit code $code, expected $want_code"
        status=1
    fi
    if [ -s "$dest.stdout" ]; then
        echo "$name ($cmd): unexpected output on stdout:"
        sed 's/^/    /' "$dest.stdout"
        status=1
    fi
    if [ -e "$dest" ]; then
        echo "$name ($cmd): left an output folder $dest"
        status=1
    fi
    for t in "$out"/."$name-$cmd".tmp-*; do
        if [ -e "$t" ]; then
            echo "$name ($cmd): left a temporary folder $t"
            status=1
        fi
    done
}

for model in tests/data/bad/*.yaml; do
    name=$(basename "$model" .yaml)
    cases=$((cases + 1))
    for cmd in run check; do
        if [ "$cmd" = check ] && [ -f "tests/data/bad/$name.runonly" ]; then
            "$LANDSTAD" check "$model" >/dev/null 2>&1 || fail "$name (check): a run-only problem must pass check"
            continue
        fi
        run_case "$cmd" "$name"
        if [ -f "tests/data/bad/$name.xfail" ]; then
            if [ $status = 0 ]; then
                fail "$name ($cmd): passes now; remove tests/data/bad/$name.xfail"
            else
                echo "XFAIL: $name ($cmd): $(cat "tests/data/bad/$name.xfail")"
                xfailed=$((xfailed + 1))
            fi
        elif [ $status != 0 ]; then
            fail "$name ($cmd)"
        fi
    done
done

# Inputs that look unusual but are valid give the same results as the plain ones.
ref=$out/ok-reference
if ! "$LANDSTAD" run tests/data/bad/common/ok.yaml --out "$ref" --quiet 2>"$ref.stderr"; then
    fail "tests/data/bad/common/ok.yaml does not run:"
    cat "$ref.stderr"
fi
for model in tests/data/ok/*.yaml; do
    name=$(basename "$model" .yaml)
    cases=$((cases + 1))
    dest=$out/ok-$name
    "$LANDSTAD" run "$model" --out "$dest" --quiet >"$dest.stdout" 2>"$dest.stderr"
    code=$?
    if [ $code != 0 ] || [ -s "$dest.stderr" ] || [ -s "$dest.stdout" ]; then
        fail "$model: exit code $code (expected 0, silent with --quiet):"
        cat "$dest.stdout" "$dest.stderr"
        continue
    fi
    for table in population.csv components.csv; do
        if ! cmp -s "$ref/$table" "$dest/$table"; then
            fail "$model: $table differs from that of tests/data/bad/common/ok.yaml"
            diff "$ref/$table" "$dest/$table" | head -10
        fi
    done
done

echo "$cases cases, $failed failed, $xfailed known failures"
if [ $failed = 0 ]; then
    rm -rf "$out"
    exit 0
fi
echo "scratch files kept in $out"
exit 1
