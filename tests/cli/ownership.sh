#!/bin/sh
# A run never deletes what it did not write: --out on the model's own folder, on a
# folder of documents, on a landstad folder with an officer's workbook or an edited
# table added, or on a folder of an earlier version (no manifest) is refused with
# exit 2 and the folder stays byte-identical; the refusal names the foreign files.
# A concurrent run on the same folder is refused. `landstad plot` with a failing or
# hanging gnuplot keeps the charts and report it had. After SIGKILL at any moment the
# earlier results are in place or restored by the next run, which removes every
# leftover with a notice.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out=$builddir/tests/out/ownership.$$
rm -rf "$out"
mkdir -p "$out" || exit 99
cd "$srcdir" || exit 99
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
snapshot() { (cd "$1" && find . -print | LC_ALL=C sort && find . -type f -exec cksum {} + | LC_ALL=C sort); }

# refused DIR WHAT TEXT...: a run into DIR exits 2, says each TEXT, changes nothing.
refused() {
    dir=$1
    what=$2
    shift 2
    snapshot "$dir" >"$out/before"
    "$LANDSTAD" run "$model" --out "$dir" --quiet >"$out/stdout" 2>"$out/stderr"
    code=$?
    [ $code = 2 ] || fail "$what: exit $code, expected 2"
    [ -s "$out/stdout" ] && fail "$what: printed on stdout"
    for text in "$@"; do
        grep -qF -- "$text" "$out/stderr" || { fail "$what: no \"$text\" in:"; cat "$out/stderr"; }
    done
    snapshot "$dir" >"$out/after"
    cmp -s "$out/before" "$out/after" || fail "$what: the folder changed"
    ls -a "$(dirname "$dir")" | grep -q '\.tmp-\|\.old-\|\.lock$' && fail "$what: left a temporary folder or lock"
}

# The closed-world housing fixture, copied so that its folder can be a target.
mkdir -p "$out/model"
cp tests/data/housing/*.csv "$out/model/"
sed 's/^output: {plots: false}/output: {plots: true}/' tests/data/housing/model.yaml >"$out/model/model.yaml"
model=$out/model/model.yaml
# Hardenberg takes about a second: long enough to be hit at any moment.
big=models/hardenberg.yaml

refused "$out/model" "the model's own folder" \
    "$out/model: holds files that landstad did not write" "no landstad-manifest.txt"
mkdir -p "$out/docs/sub"
echo "minutes" >"$out/docs/sub/notulen.txt"
refused "$out/docs" "a folder of documents" "$out/docs: holds files that landstad did not write"

res=$out/res
"$LANDSTAD" run "$model" --out "$res" --quiet || fail "the fixture does not run"
[ -f "$res/landstad-manifest.txt" ] || fail "no manifest in a finished folder"
"$LANDSTAD" run "$model" --out "$res" --quiet || fail "a run does not replace its own folder"

printf 'PK\003\004' >"$res/doelen bewerkt.xlsx"
refused "$res" "an officer's workbook" '"doelen bewerkt.xlsx" (not written by landstad)' \
    "Move them out of the folder"
rm "$res/doelen bewerkt.xlsx"
echo "2099,Ane,1,0,1,0,kern" >>"$res/completions.csv"
refused "$res" "an edited table" '"completions.csv" (changed since landstad wrote it)'
"$LANDSTAD" run "$model" --out "$out/res2" --quiet || fail "the fixture does not run"
cp "$out/res2/completions.csv" "$res/completions.csv" # landstad's bytes again
rm "$res/landstad-manifest.txt"
refused "$res" "a folder of an earlier version" "no landstad-manifest.txt" "delete it yourself"
rm -rf "$res"

# A concurrent run on the same folder: the second is refused and the first finishes.
"$LANDSTAD" run "$model" --out "$res" --quiet || fail "the fixture does not run"
# (--force: the folder holds the fixture's results, and Hardenberg is another model)
"$LANDSTAD" run "$big" --out "$res" --quiet --force 2>"$out/first.err" &
first=$!
sleep 0.2
"$LANDSTAD" run "$model" --out "$res" --quiet 2>"$out/second.err"
code=$?
wait $first || fail "the first of two concurrent runs failed: $(cat "$out/first.err")"
if [ $code = 2 ]; then
    grep -q "another landstad run is writing this folder now" "$out/second.err" ||
        fail "concurrent run: message $(cat "$out/second.err")"
else
    echo "note: the first run finished before the second started (code $code)"
fi

# landstad plot with a gnuplot that fails, or hangs, keeps the charts it had.
if "$LANDSTAD" run "$model" --out "$res" --quiet --force 2>/dev/null && ls "$res"/plots/*.png >/dev/null 2>&1; then
    snapshot "$res" >"$out/plot.before"
    printf '#!/bin/sh\ncat >/dev/null\nexit 1\n' >"$out/badgnuplot"
    chmod +x "$out/badgnuplot"
    LANDSTAD_GNUPLOT=$out/badgnuplot "$LANDSTAD" plot "$res" >/dev/null 2>"$out/badplot.err"
    code=$?
    [ $code = 2 ] || fail "plot with a failing gnuplot: exit $code"
    grep -q "the earlier charts and report.html are kept" "$out/badplot.err" ||
        fail "plot with a failing gnuplot: message $(cat "$out/badplot.err")"
    snapshot "$res" >"$out/plot.after"
    cmp -s "$out/plot.before" "$out/plot.after" || fail "plot with a failing gnuplot changed the folder"
    LANDSTAD_GNUPLOT=/nonexistent "$LANDSTAD" plot "$res" >/dev/null 2>"$out/noplot.err"
    [ $? = 2 ] || fail "plot without gnuplot over drawn charts: exit status"
    snapshot "$res" >"$out/plot.after"
    cmp -s "$out/plot.before" "$out/plot.after" || fail "plot without gnuplot deleted the charts"
    printf '#!/bin/sh\nexec sleep 600\n' >"$out/slowgnuplot"
    chmod +x "$out/slowgnuplot"
    start=$(date +%s)
    LANDSTAD_GNUPLOT=$out/slowgnuplot LANDSTAD_GNUPLOT_TIMEOUT=1 "$LANDSTAD" plot "$res" \
        >/dev/null 2>"$out/slowplot.err"
    code=$?
    took=$(($(date +%s) - start))
    [ $code = 2 ] || fail "plot with a hanging gnuplot: exit $code"
    [ $took -lt 60 ] || fail "plot with a hanging gnuplot took ${took}s"
    grep -q "did not finish within 1 s" "$out/slowplot.err" ||
        fail "plot with a hanging gnuplot: message $(cat "$out/slowplot.err")"
    pgrep -f "$out/slowgnuplot" >/dev/null && fail "a hanging gnuplot was left running"
    snapshot "$res" >"$out/plot.after"
    cmp -s "$out/plot.before" "$out/plot.after" || fail "plot with a hanging gnuplot changed the folder"
    echo "plot: a failing, a missing and a hanging gnuplot left the folder as it was"
else
    echo "note: no gnuplot: the plot cases are skipped"
fi

# SIGKILL at any moment: afterwards the results are the earlier or the new ones, or
# set aside; the next run restores them if needed and removes every leftover with a
# notice, so nothing accumulates. (Two models take turns in one folder: --force.)
rm -rf "$res"
"$LANDSTAD" run "$model" --out "$res" --quiet || fail "the fixture does not run"
kills=0
noticed=0
i=0
for delay in 0.05 0.3 0.6 0.8 0.9 1.0 1.1 1.3; do
    # every other run swaps with two renames, as on file systems without an exchange
    i=$((i + 1))
    if [ $((i % 2)) = 0 ]; then
        LANDSTAD_NO_RENAME_EXCHANGE=1 "$LANDSTAD" run "$big" --out "$res" --quiet --force 2>/dev/null &
    else
        "$LANDSTAD" run "$big" --out "$res" --quiet --force 2>/dev/null &
    fi
    pid=$!
    sleep "$delay"
    kill -KILL $pid 2>/dev/null && kills=$((kills + 1))
    wait $pid 2>/dev/null
    if [ ! -f "$res/population.csv" ] && ! ls -a "$out" | grep -q '^\.res\.old-'; then
        fail "SIGKILL after ${delay}s: neither results nor a set-aside folder"
    fi
    "$LANDSTAD" run "$model" --out "$res" --quiet --force 2>"$out/next.err" || {
        fail "the run after SIGKILL after ${delay}s failed: $(cat "$out/next.err")"
        continue
    }
    grep -q "left behind by an interrupted run\|restored the earlier results" "$out/next.err" &&
        noticed=$((noticed + 1))
    left=$(ls -a "$out" | grep '^\.res\.')
    [ -z "$left" ] || fail "after the run that followed SIGKILL after ${delay}s: $left"
done
echo "SIGKILL: $kills runs killed, $noticed next runs cleaned up after them with a notice"

echo "$failed failed"
[ $failed = 0 ] && rm -rf "$out"
[ $failed = 0 ]
