#!/bin/sh
# Data never becomes code. Kern, tier and municipality names with commas, quotes,
# a leading '#', HTML, gnuplot quotes and enhanced-text markup run through a whole
# run and `landstad plot`: the CSVs quote them per RFC 4180 and read back, the report
# escapes them, the chart scripts take them as data (gnuplot draws them literally).
# A name with a line break, whether in an input or planted in a finished folder's
# CSV, is refused with its place, and nothing it holds is ever executed.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out=$builddir/tests/out/hostile.$$
rm -rf "$out"
mkdir -p "$out/model" || exit 99
cd "$srcdir" || exit 99
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

A='Ane, "de Oude"'
B='<script>alert(1)</script> #1'
C="O'Brien & {x}^_@~\\ 100%"
# The kern column of every CSV of the housing fixture: A, B, C become the names
# above, written as a careful spreadsheet would (RFC 4180).
for f in tests/data/housing/*.csv; do
    awk -F, -v OFS=, '
        NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "kern") k = i; if ($i == "tier") t = i } print; next }
        {
            if (k && $k == "A") $k = "\"Ane, \"\"de Oude\"\"\""
            if (k && $k == "B") $k = "<script>alert(1)</script> #1"
            if (k && $k == "C") $k = "O'\''Brien & {x}^_@~\\ 100%"
            if (t && $t == "town") $t = "\"stad, \"\"centrum\"\"\""
            if (t && $t == "rural") $t = "plat'\''teland"
            print
        }' "$f" >"$out/model/${f##*/}"
done
sed -e 's/^  municipality: Mini$/  municipality: "Mini'\''s <b>\&amp; gemeente"/' \
    -e "s/^  tiers: \[town, rural\]$/  tiers: ['stad, \"centrum\"', \"plat'teland\"]/" \
    -e '/id: explicit_b/d' -e 's/^output: {plots: false}/output: {plots: true}/' \
    tests/data/housing/model.yaml >"$out/model/model.yaml"
grep -q "Mini's" "$out/model/model.yaml" || fail "the test did not rename the municipality"

"$LANDSTAD" run "$out/model/model.yaml" --out "$out/res" --quiet 2>"$out/run.err" ||
    fail "a run with hostile names failed: $(cat "$out/run.err")"
res=$out/res
# RFC 4180 in the tables, the earlier failure: the run reads back its own output.
grep -qF '"Ane, ""de Oude""",' "$res/kernen.csv" || fail "kernen.csv does not quote $A"
grep -qF '<script>alert(1)</script> #1,' "$res/kernen.csv" || fail "kernen.csv lost $B"
grep -qF '"stad, ""centrum"""' "$res/kernen.csv" || fail "kernen.csv does not quote the tier"
grep -qF "2021,O'Brien & {x}^_@~\\ 100%,F,2," "$res/population.csv" || fail "population.csv lost $C"
grep -qF '"kern:Ane, ""de Oude"""' "$res/targets.csv" || fail "targets.csv does not quote the scope"
"$LANDSTAD" plot "$res" >/dev/null 2>"$out/plot.err" || fail "plot of hostile names failed: $(cat "$out/plot.err")"
# HTML: every name escaped
grep -q '<script' "$res/report.html" && fail "report.html holds a raw <script"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; #1' "$res/report.html" || fail "report.html lacks the escaped name"
grep -qF 'Mini&#39;s &lt;b&gt;&amp;amp; gemeente' "$res/report.html" || fail "report.html lacks the escaped municipality"
# gnuplot: data only; when gnuplot is there it drew every chart, the names literally
if ls "$res/plots/"*.png >/dev/null 2>&1; then
    for gp in "$res"/plots/*.gp; do
        [ -s "${gp%.gp}.png" ] || fail "${gp##*/} was not drawn"
    done
    grep -qF "O'Brien &amp; {x}^_@~\\ 100%" "$res/plots/households_kernen.svg" ||
        fail "the SVG does not show $C literally (enhanced text?)"
fi

# A line break in a name of a finished folder: refused with its place, never run.
cp -r "$res" "$out/planted"
rm -f "$out/PWNED"
awk -v pw="$out/PWNED" 'NR == 2 { print "\"Ane\nset title \x27x\x27; system(\x27touch " pw "\x27)\",town,0,0"; next } { print }' \
    "$res/kernen.csv" >"$out/k.csv" && mv "$out/k.csv" "$out/planted/kernen.csv"
"$LANDSTAD" plot "$out/planted" >/dev/null 2>"$out/planted.err"
code=$?
[ $code = 3 ] || fail "plot of a planted line break: exit $code, expected 3"
grep -q "^landstad: $out/planted/kernen.csv:2:1: column \"kern\": a line break in a value" "$out/planted.err" ||
    fail "plot of a planted line break: message $(cat "$out/planted.err")"
[ -e "$out/PWNED" ] && fail "a name in a CSV ran a command"
# A kern that begins with '#' would read as a comment where it stands first in a row:
# refused with its place.
printf 'kern,tier,x_km,y_km\n"#1",,0,0\n' >"$out/model/kernen.csv"
"$LANDSTAD" check "$out/model/model.yaml" >/dev/null 2>"$out/check.err"
grep -q "kernen.csv:2:1: kern \"#1\" begins with '#'" "$out/check.err" ||
    fail "a kern beginning with #: $(cat "$out/check.err")"
# ... and a line break in an input
printf 'kern,tier,x_km,y_km\n"A\nB",town,0,0\n' >"$out/model/kernen.csv"
"$LANDSTAD" check "$out/model/model.yaml" >/dev/null 2>"$out/check.err"
code=$?
[ $code = 3 ] || fail "a line break in an input name: exit $code"
grep -q "kernen.csv:2:1: column \"kern\": a line break in a value" "$out/check.err" ||
    fail "a line break in an input name: $(cat "$out/check.err")"

echo "$failed failed"
[ $failed = 0 ] && [ -z "${KEEP:-}" ] && rm -rf "$out"
[ $failed = 0 ]
