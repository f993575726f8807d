#!/bin/sh
# Inputs the team edits, as a spreadsheet saves them. LibreOffice, in a Dutch
# locale, saves the shipped plan list and the headship rates as Dutch CSV (';'
# between columns, decimal comma, text quoted, comment lines with the separator
# quoted): once as UTF-8 and once as Windows-1252, and in the latter the phases and
# yes/no are retyped in Dutch (onherroepelijk, in voorbereiding, ja, ...). The
# Hardenberg model run on either copy must give exactly the tables of the shipped
# files, and run.yaml must record each copy's form and encoding and the SHA-256 of
# its bytes as saved. Skipped (77) without LibreOffice (soffice).
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"

if ! command -v soffice >/dev/null 2>&1; then
    echo "SKIP: soffice (LibreOffice) not installed"
    exit 77
fi
out=$builddir/tests/out/excel_inputs.$$
rm -rf "$out"
mkdir -p "$out/in" "$out/utf8" "$out/cp1252" || exit 99
cd "$srcdir" || exit 99
failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

cp input/plans.csv input/headship_nl_2019.csv "$out/in/"
# Import as the international CSV it is (',', '"', UTF-8, US number reading), save in
# the Dutch form: 59 = ';', 34 = '"', then the character set (76 UTF-8, 1 Windows-1252).
for enc in utf8:76 cp1252:1; do
    dir=${enc%%:*}
    LC_ALL=nl_NL.UTF-8 LANG=nl_NL.UTF-8 timeout 300 soffice \
        -env:UserInstallation="file://$out/profile" --headless \
        --infilter='CSV:44,34,76,1,,1033' \
        --convert-to "csv:Text - txt - csv (StarCalc):59,34,${enc#*:},1" \
        --outdir "$out/$dir" "$out/in/plans.csv" "$out/in/headship_nl_2019.csv" \
        >"$out/$dir.log" 2>&1 || fail "soffice ($dir): $(cat "$out/$dir.log")"
done
for f in "$out/utf8/plans.csv" "$out/cp1252/plans.csv" "$out/utf8/headship_nl_2019.csv"; do
    [ -s "$f" ] || { fail "LibreOffice wrote no $f"; continue; }
    grep -q '^"*status_date"*;"*plan_id"*;"*name"*;\|^"*sex"*;"*age"*;' "$f" || fail "$f: no ';' header"
done
grep -q ';"*0,00264"*;' "$out/utf8/headship_nl_2019.csv" ||
    fail "the Dutch headship file has no decimal comma (0,00264): was the locale Dutch?"
LC_ALL=C grep -q "$(printf 'Co\366peratie')" "$out/cp1252/plans.csv" ||
    fail "the Windows-1252 plan list has no Co\\xf6peratie"
# The team's words: phases after the Monitor Plancapaciteit, ja/nee.
sed -e 's/;"idea";/;"visie";/' -e 's/;"soft";/;"in voorbereiding";/' \
    -e 's/;"adopted";/;"Vastgesteld, niet onherroepelijk";/' \
    -e 's/;"irrevocable";/;"onherroepelijk";/' -e 's/;"permit";/;"vergunning";/' \
    -e 's/;"construction";/;"in aanbouw";/' -e 's/;"completed";/;"opgeleverd";/' \
    -e 's/;"yes";/;"ja";/' -e 's/;"no";/;"nee";/' "$out/cp1252/plans.csv" >"$out/cp1252/plans_nl.csv"
grep -q ';"in voorbereiding";' "$out/cp1252/plans_nl.csv" && grep -q ';"ja"' "$out/cp1252/plans_nl.csv" ||
    fail "test setup: the Dutch words did not go in"
grep -q ';"soft";\|;"completed";' "$out/cp1252/plans_nl.csv" && fail "test setup: English words left"

# The model with the copies in place of the shipped files.
model() { # plans headship > yaml (srcdir may itself hold "../": replace once)
    sed -e "s|\.\./input/plans\.csv|@PLANS@|" -e "s|\.\./input/headship_nl_2019\.csv|@HEADSHIP@|" \
        -e "s|\.\./input/|@INPUT@/|" models/hardenberg.yaml |
        sed -e "s|@PLANS@|$1|" -e "s|@HEADSHIP@|$2|" -e "s|@INPUT@|$srcdir/input|"
}
model "$out/utf8/plans.csv" "$out/utf8/headship_nl_2019.csv" >"$out/utf8.yaml"
model "$out/cp1252/plans_nl.csv" "$srcdir/input/headship_nl_2019.csv" >"$out/cp1252.yaml"
"$LANDSTAD" run models/hardenberg.yaml --out "$out/ref" --no-plot --quiet 2>"$out/ref.err" ||
    fail "the shipped model: $(cat "$out/ref.err")"
for v in utf8 cp1252; do
    "$LANDSTAD" run "$out/$v.yaml" --out "$out/res-$v" --no-plot --quiet 2>"$out/$v.err" ||
        { fail "$v copy refused: $(cat "$out/$v.err")"; continue; }
    [ -s "$out/$v.err" ] && fail "$v copy: messages: $(cat "$out/$v.err")"
    n=0
    for t in "$out/ref/"*.csv; do
        name=$(basename "$t")
        [ "$name" = inputs.csv ] && continue
        n=$((n + 1))
        cmp -s "$t" "$out/res-$v/$name" || fail "$v copy: $name differs from the shipped model's"
    done
    [ $n -ge 10 ] || fail "$v copy: only $n tables compared"
done
# run.yaml: the form as told, and the hash of the bytes as saved (not transcoded).
sum=$(sha256sum "$out/cp1252/plans_nl.csv" | cut -d' ' -f1)
grep -E -q "plans_nl.csv\"?, sha256: \"?$sum\"?, form: dutch, encoding: windows-1252}" "$out/res-cp1252/run.yaml" ||
    fail "run.yaml does not record the Windows-1252 Dutch plan list: $(grep plans "$out/res-cp1252/run.yaml")"
grep -E -q "headship_nl_2019.csv\"?, sha256: \"?[0-9a-f]{64}\"?, form: dutch, encoding: utf-8}" "$out/res-utf8/run.yaml" ||
    fail "run.yaml does not record the UTF-8 Dutch headship file: $(grep headship "$out/res-utf8/run.yaml")"
"$LANDSTAD" check "$out/cp1252.yaml" >"$out/check.out" 2>&1 || fail "check refused the copy"
grep -q "saved otherwise: .*plans_nl.csv (Dutch form, Windows-1252)" "$out/check.out" ||
    fail "check does not say how the plan list was saved: $(grep inputs "$out/check.out")"

echo "$failed failed"
if [ $failed = 0 ]; then
    rm -rf "$out"
    exit 0
fi
echo "scratch files kept in $out"
exit 1
