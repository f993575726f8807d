#!/bin/sh
# Charts and report from the command line: a run without gnuplot still succeeds and
# writes every .gp and .dat with a notice how to render them, and its report.html
# references only files that exist; `landstad plot OUTDIR` rebuilds the charts and
# the report from the CSVs (after an edit) in either language; bad folders are
# refused with a message and status 2, leaving the earlier report alone.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/plot.$$"
rm -rf "$out"
mkdir -p "$out"
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
cd "$srcdir" || exit 1

# Only files that exist: every href/src that is not a data: URI or an anchor.
refs_exist() { # dir
    grep -o -e 'href="[^"]*"' -e 'src="[^"]*"' "$1/report.html" | sed 's/^[a-z]*="//; s/"$//' |
        grep -v -e '^data:' -e '^#' | while read -r f; do
        [ -e "$1/$f" ] || echo "missing: $f"
    done
}

# The closed-world fixture, with plots switched on.
mkdir -p "$out/model"
cp tests/data/housing/*.csv "$out/model/"
sed 's/^output: {plots: false}/output: {plots: true}/' tests/data/housing/model.yaml >"$out/model/model.yaml"
LANDSTAD_GNUPLOT=/nonexistent/gnuplot "$LANDSTAD" run "$out/model/model.yaml" \
    --out "$out/nognu" --quiet 2>"$out/nognu.err" || fail "run without gnuplot failed"
grep -q "gnuplot" "$out/nognu.err" || fail "no notice about gnuplot"
grep -q "gnuplot.*\.gp" "$out/nognu.err" || fail "the notice does not say how to render"
n_gp=$(ls "$out/nognu/plots/"*.gp 2>/dev/null | wc -l)
n_dat=$(ls "$out/nognu/plots/"*.dat 2>/dev/null | wc -l)
[ "$n_gp" -ge 6 ] && [ "$n_gp" = "$n_dat" ] || fail "expected .gp/.dat pairs, found $n_gp/$n_dat"
ls "$out/nognu/plots/"*.png >/dev/null 2>&1 && fail "PNGs without gnuplot"
[ -s "$out/nognu/report.html" ] || fail "no report.html without gnuplot"
m=$(refs_exist "$out/nognu")
[ -z "$m" ] || fail "report references missing files: $m"

# With gnuplot (when there is one): plot rebuilds from the CSVs.
if "$LANDSTAD" --help | grep -q "^  plot OUTDIR"; then
    "$LANDSTAD" run "$out/model/model.yaml" --out "$out/run" --quiet 2>/dev/null ||
        fail "run failed"
    cp "$out/run/report.html" "$out/report.before"
    # Edit a CSV: the municipal completions of 2022 become 99.
    awk -F, 'BEGIN { OFS = "," } $1 == 2022 && $7 == "municipality" { $3 = "99.000" } { print }' \
        "$out/run/completions.csv" >"$out/c.csv" && mv "$out/c.csv" "$out/run/completions.csv"
    "$LANDSTAD" plot "$out/run" >"$out/plot.out" 2>"$out/plot.err" || fail "plot failed: $(cat "$out/plot.err")"
    cmp -s "$out/report.before" "$out/run/report.html" && fail "plot did not rebuild report.html"
    grep -q "^2022 99" "$out/run/plots/completions_annual.dat" || fail "the edited CSV did not reach the chart data"
    m=$(refs_exist "$out/run")
    [ -z "$m" ] || fail "report references missing files: $m"
    "$LANDSTAD" plot "$out/run" --lang en >/dev/null 2>&1 || fail "plot --lang en failed"
    grep -q "<h2>Targets</h2>" "$out/run/report.html" || fail "--lang en: no English headings"
    grep -q '<html lang="en"' "$out/run/report.html" || fail "--lang en: html lang"
    # Refusals leave the report as it was.
    cp "$out/run/report.html" "$out/report.kept"
    "$LANDSTAD" plot "$out/run" --lang fr >/dev/null 2>"$out/fr.err"
    [ $? = 2 ] || fail "--lang fr: exit status"
    grep -q "landstad: --lang must be nl or en" "$out/fr.err" || fail "--lang fr: message"
    "$LANDSTAD" plot "$out/nowhere" >/dev/null 2>"$out/nowhere.err"
    [ $? = 2 ] || fail "plot on a missing folder: exit status"
    grep -q "not an output folder" "$out/nowhere.err" || fail "plot on a missing folder: message"
    mv "$out/run/population.csv" "$out/population.csv"
    "$LANDSTAD" plot "$out/run" >/dev/null 2>"$out/nopop.err"
    code=$?
    [ $code = 2 ] || fail "plot without population.csv: exit status $code"
    grep -q "population.csv" "$out/nopop.err" || fail "plot without population.csv: message"
    cmp -s "$out/report.kept" "$out/run/report.html" || fail "a failed plot changed report.html"
fi
echo "$failed failed"
[ $failed = 0 ] && rm -rf "$out"
[ $failed = 0 ]
