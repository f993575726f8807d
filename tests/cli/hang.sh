#!/bin/sh
# Nothing hangs, nothing is unbounded: a named pipe, a folder or a device given as a
# model file or an input, or found in a finished folder, is refused before it is
# read (a pipe without a writer would otherwise wait for ever); a file above the
# size limit is refused with the limit named; a model file nested thousands deep is
# refused at once with its place. (A hanging gnuplot: tests/cli/ownership.sh.)
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out=$builddir/tests/out/hang.$$
rm -rf "$out"
mkdir -p "$out" || exit 99
cd "$srcdir" || exit 99
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
have_timeout=no
timeout 5 true 2>/dev/null && have_timeout=yes

# expect CODE TEXT CMD...: CMD exits CODE within 20 s and says TEXT on stderr.
expect() {
    code=$1
    text=$2
    shift 2
    if [ $have_timeout = yes ]; then
        timeout 20 "$@" >/dev/null 2>"$out/err"
    else
        "$@" >/dev/null 2>"$out/err"
    fi
    got=$?
    [ $got = 124 ] && { fail "hung: $*"; return; }
    [ $got = "$code" ] || fail "$*: exit $got, expected $code ($(cat "$out/err"))"
    [ -z "$text" ] || grep -qF -- "$text" "$out/err" || fail "$*: no \"$text\" in: $(cat "$out/err")"
}

m=$out/m
mkdir -p "$m"
cp tests/data/bad/common/*.csv tests/data/bad/common/ok.yaml "$m/"
if mkfifo "$out/model.fifo" 2>/dev/null; then
    expect 2 "a named pipe (FIFO), not a file" "$LANDSTAD" check "$out/model.fifo"
    rm "$m/population.csv"
    mkfifo "$m/population.csv"
    expect 2 "$m/population.csv: cannot read: a named pipe (FIFO), not a file" \
        "$LANDSTAD" run "$m/ok.yaml" --out "$out/r" --quiet
    rm "$m/population.csv"
else
    echo "note: mkfifo failed: the named-pipe cases are skipped"
    rm "$m/population.csv"
fi
mkdir "$m/population.csv"
expect 2 "$m/population.csv: cannot read: a folder, not a file" "$LANDSTAD" check "$m/ok.yaml"
rmdir "$m/population.csv"
ln -s /dev/zero "$m/population.csv"
expect 2 "$m/population.csv: cannot read: a device, not a file" "$LANDSTAD" check "$m/ok.yaml"
rm "$m/population.csv"
expect 2 "/dev/null: cannot read the model file: a device, not a file" "$LANDSTAD" check /dev/null

# The size limit: a population file of a little over 1 MiB (comment lines).
cp tests/data/bad/common/population.csv "$m/population.csv"
awk 'BEGIN { for (i = 0; i < 12000; i++) printf "# padding line %06d ..........................................................................\n", i }' \
    >>"$m/population.csv"
LANDSTAD_MAX_INPUT_MB=1 expect 2 "larger than 1 MiB, the limit for a file landstad reads" \
    "$LANDSTAD" check "$m/ok.yaml"
expect 0 "" "$LANDSTAD" check "$m/ok.yaml" # under the default limit
cp tests/data/bad/common/population.csv "$m/population.csv"

# A model file nested 100,000 deep.
awk 'BEGIN { printf "name: deep\nbase_year: "; for (i = 0; i < 100000; i++) printf "["; print "" }' >"$out/deep.yaml"
expect 3 "$out/deep.yaml:2:75: mappings and lists nested deeper than 64 levels" \
    "$LANDSTAD" check "$out/deep.yaml"

# A named pipe planted in a finished folder.
"$LANDSTAD" run "$m/ok.yaml" --out "$out/r" --quiet || fail "the ok model does not run"
if mkfifo "$out/r.fifo" 2>/dev/null; then
    rm "$out/r/components.csv"
    mkfifo "$out/r/components.csv"
    expect 2 "components.csv: cannot read: a named pipe (FIFO), not a file" "$LANDSTAD" plot "$out/r"
fi

echo "$failed failed"
[ $failed = 0 ] && rm -rf "$out"
[ $failed = 0 ]
