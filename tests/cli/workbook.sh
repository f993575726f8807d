#!/bin/sh
# The Excel workbook of the results, read back from its XML (python3's zipfile):
# one sheet per CSV file of the run, named on the first sheet; headers in Dutch (and
# English with --lang en); numbers stored as numbers (no t="s"/"inlineStr" type)
# with display formats, the header row frozen, an autofilter; no formulas, even when
# a CSV cell looks like one; a column the table does not know still appears. The
# Bevolking sheet must add up, for 1 January 2021, to CBS's published 61,357
# inhabitants of Hardenberg. With LibreOffice present, the workbook is also opened in
# a Dutch locale and its cells must read the Dutch way (7.910, 2,45, 2,4%).
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"

out=$builddir/tests/out/workbook.$$
rm -rf "$out"
mkdir -p "$out" || exit 99
cd "$srcdir" || exit 99
failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 is needed to read the workbook's XML"
    exit 77
fi

"$LANDSTAD" run models/hardenberg.yaml --out "$out/nl" --runs 20 --no-plot --quiet \
    >"$out/run.log" 2>&1 || { fail "run failed: $(cat "$out/run.log")"; }
[ -s "$out/nl/resultaten.xlsx" ] || fail "no resultaten.xlsx"
[ -e "$out/nl/results.xlsx" ] && fail "results.xlsx (English) written by a Dutch run"

# check.py WORKBOOK FOLDER LANG: prints one line per problem.
cat >"$out/check.py" <<'EOF'
import glob, os, re, sys, zipfile
import xml.etree.ElementTree as ET

book, folder, lang = sys.argv[1], sys.argv[2], sys.argv[3]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
z = zipfile.ZipFile(book)
problems = []

def bad(msg):
    problems.append(msg)

wb = ET.fromstring(z.read("xl/workbook.xml"))
rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
target = {r.get("Id"): r.get("Target") for r in rels}
sheets = [(s.get("name"), "xl/" + target[s.get(R)]) for s in wb.find("m:sheets", NS)]
styles = ET.fromstring(z.read("xl/styles.xml"))
numfmt = {n.get("numFmtId"): n.get("formatCode") for n in styles.iter("{%s}numFmt" % NS["m"])}
xf_fmt = [numfmt.get(x.get("numFmtId"), x.get("numFmtId"))
          for x in styles.find("m:cellXfs", NS)]

def col_of(ref):
    return re.match(r"[A-Z]+", ref).group(0)

# libxlsxwriter writes r, s, t in that order: one regular expression reads a cell
# (ElementTree is far too slow for 117,000 rows).
CELL = re.compile(r'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?'
                  r'(?:/>|><v>([^<]*)</v></c>|><is><t[^>]*>([^<]*)</t></is></c>)')
def unescape(t):
    return t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")

def cells(path):
    """rows as {column: (type, value, format)}"""
    rows = {}
    for col, rownum, s, t, v, text in CELL.findall(z.read(path).decode()):
        t = t or "n"
        rows.setdefault(int(rownum), {})[col] = (t, unescape(text) if t == "inlineStr" else v,
                                                 xf_fmt[int(s) if s else 0])
    return [rows[k] for k in sorted(rows)]

first = "Overzicht" if lang == "nl" else "Contents"
if not sheets or sheets[0][0] != first:
    bad("first sheet is %s, expected %s" % (sheets[0][0] if sheets else None, first))
overview = cells(sheets[0][1])
listed = {r["B"][1] for r in overview if "B" in r}
for f in sorted(glob.glob(os.path.join(folder, "*.csv"))):
    if os.path.basename(f) not in listed:
        bad("%s has no sheet (not named on the first sheet)" % os.path.basename(f))
if len(sheets) - 1 != len(glob.glob(os.path.join(folder, "*.csv"))):
    bad("%d sheets for %d CSV files" % (len(sheets) - 1, len(glob.glob(os.path.join(folder, "*.csv")))))

for name, path in sheets:
    x = z.read(path).decode()
    if "<f>" in x or "<f " in x:
        bad("sheet %s holds a formula" % name)
    if name == first:
        continue
    if 'state="frozen"' not in x or 'ySplit="1"' not in x:
        bad("sheet %s: header row not frozen" % name)
    if "<autoFilter" not in x:
        bad("sheet %s: no autofilter" % name)

by_name = dict(sheets)
pop = cells(by_name["Bevolking" if lang == "nl" else "Population"])
head = {c: v[1] for c, v in pop[0].items()}
want = ["1 januari", "Kern", "Geslacht", "Leeftijd", "Personen"] if lang == "nl" else \
       ["1 January", "Kern", "Sex", "Age", "Persons"]
if [head.get(c) for c in "ABCDE"] != want:
    bad("population headers %s, expected %s" % ([head.get(c) for c in "ABCDE"], want))
total, nonnum = 0.0, 0
for r in pop[1:]:
    for c in "ADE":
        if r[c][0] != "n":
            nonnum += 1
    if r["A"][1] == "2021":
        total += float(r["E"][1])
if nonnum:
    bad("%d year/age/persons cells not stored as numbers" % nonnum)
if abs(total - 61357) > 0.5:
    bad("population on 1 January 2021 adds up to %.3f, CBS published 61,357" % total)
if pop[1]["E"][2] != "#,##0" or pop[1]["A"][2] != "0":
    bad("population formats: persons %s (want #,##0), year %s (want 0)" % (pop[1]["E"][2], pop[1]["A"][2]))
sexes = {r["C"][1] for r in pop[1:]}
if sexes != ({"man", "vrouw"} if lang == "nl" else {"M", "F"}):
    bad("sex values %s" % sorted(sexes))

tg = cells(by_name["Doelen" if lang == "nl" else "Targets"])
th = {v[1]: c for c, v in tg[0].items()}
req = th["Nodig" if lang == "nl" else "Required"]
prob = th["Kans dat het doel wordt gehaald" if lang == "nl" else "Probability of meeting it"]
row = [r for r in tg[1:] if r["A"][1] == "completions_3000_before_2030" and
       r["B"][1] == ("gemeente" if lang == "nl" else "municipality")]
if len(row) != 1 or row[0][req] != ("n", "3000", "#,##0"):
    bad("the 3,000-homes target (Omgevingsvisie) is not a number 3000: %s" % ((row[0].get(req) if row else None),))
elif row[0][prob][0] != "n" or not 0 <= float(row[0][prob][1]) <= 1 or row[0][prob][2] != "0.0%":
    bad("probability not a number 0..1 shown as a percentage: %s" % (row[0][prob],))

# Dates in words in the Dutch workbook (CBS published the 2024 population on
# 1 July 2025: observations.csv), ISO in the English one; the inputs say what they
# hold in Dutch.
ob = cells(by_name["Waarnemingen" if lang == "nl" else "Observations"])
oh = {v[1]: c for c, v in ob[0].items()}
vint = [r[oh["Bekend sinds" if lang == "nl" else "Known since"]][1] for r in ob[1:]
        if oh["Bekend sinds" if lang == "nl" else "Known since"] in r]
if ("1 juli 2025" if lang == "nl" else "2025-07-01") not in vint:
    bad("Known since: no %s among %s" % ("1 juli 2025" if lang == "nl" else "2025-07-01", sorted(set(vint))[:5]))
if lang == "nl":
    iso = [v for r in ob[1:] for v in (x[1] for x in r.values())
           if v and re.match(r"\d{4}-\d\d-\d\d$", v)]
    if iso:
        bad("Waarnemingen: dates written as ISO: %s" % iso[:3])
    inp = cells(by_name["Invoer"])
    ih = {v[1]: c for c, v in inp[0].items()}
    if "Wat het bestand bevat" not in ih:
        bad("Invoer: no column 'Wat het bestand bevat': %s" % sorted(ih))
    else:
        notes = {r[ih["Bestand"]][1]: r[ih["Wat het bestand bevat"]][1] for r in inp[1:]}
        for f, n in sorted(notes.items()):
            if re.search(r"\b(the|of|by|ESTIMATED|population|households)\b", n):
                bad("Invoer: %s has an English note: %s" % (f, n))
        if not notes.get("input/life_table_nl_2022.csv", "").startswith("de Nederlandse sterftetafel 2022"):
            bad("Invoer: life table note %r" % notes.get("input/life_table_nl_2022.csv"))
for msg in problems:
    print(msg)
EOF

python3 "$out/check.py" "$out/nl/resultaten.xlsx" "$out/nl" nl >"$out/check-nl.txt" 2>&1 ||
    fail "check.py crashed: $(cat "$out/check-nl.txt")"
[ -s "$out/check-nl.txt" ] && fail "resultaten.xlsx: $(cat "$out/check-nl.txt")"

# English, rebuilt from the CSVs, after two edits: a CSV cell that looks like a
# formula (must stay text) and a column the table does not name (must appear).
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "extra_score"; next } { print $0, NR * 1.5 }' \
    "$out/nl/kernen.csv" >"$out/k.csv" && mv "$out/k.csv" "$out/nl/kernen.csv"
sed 's/^population_65000,municipality,\(.*\),"[^"]*",,,target$/population_65000,municipality,\1,"=HYPERLINK(""http:\/\/x"")",,,target/' \
    "$out/nl/targets.csv" >"$out/t.csv" && mv "$out/t.csv" "$out/nl/targets.csv"
grep -q '=HYPERLINK' "$out/nl/targets.csv" || fail "test setup: targets.csv edit did not apply"
"$LANDSTAD" plot "$out/nl" --lang en >"$out/plot.log" 2>&1 || fail "plot --lang en: $(cat "$out/plot.log")"
[ -s "$out/nl/results.xlsx" ] || fail "plot --lang en wrote no results.xlsx"
python3 "$out/check.py" "$out/nl/results.xlsx" "$out/nl" en >"$out/check-en.txt" 2>&1 ||
    fail "check.py crashed: $(cat "$out/check-en.txt")"
[ -s "$out/check-en.txt" ] && fail "results.xlsx: $(cat "$out/check-en.txt")"
python3 - "$out/nl/results.xlsx" >"$out/edits.txt" 2>&1 <<'EOF' || fail "edits: $(cat "$out/edits.txt")"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
x = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
if '<is><t>=HYPERLINK("http://x")</t></is>' not in x:
    print("the formula-like source is not a plain text cell")
if "<is><t>extra_score</t></is>" not in x:
    print("the unknown column extra_score has no header")
EOF
[ -s "$out/edits.txt" ] && fail "$(cat "$out/edits.txt")"

# A Dutch LibreOffice shows the stored numbers with Dutch display formats.
if command -v soffice >/dev/null 2>&1; then
    mkdir -p "$out/lo"
    LC_ALL=nl_NL.UTF-8 LANG=nl_NL.UTF-8 timeout 300 soffice \
        -env:UserInstallation="file://$out/lo/profile" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1' \
        --outdir "$out/lo" "$out/nl/resultaten.xlsx" >"$out/lo/log" 2>&1
    hh="$out/lo/resultaten-Huishoudens en woningen.csv"
    if [ ! -s "$hh" ]; then
        fail "LibreOffice did not convert the workbook: $(cat "$out/lo/log")"
    else
        # The municipality on 1 January 2021: 24,565 households in 25,177 dwellings
        # (the inputs), shown as 24.565 and 25.177; household size and vacancy with a
        # decimal comma.
        grep -q '^2021;Hardenberg;trend;24\.565;[0-9.]*;2,[0-9][0-9];25\.177;.*;gemeente;61\.357;[0-9],[0-9]%$' "$hh" ||
            fail "LibreOffice (nl) does not show the municipal 2021 row the Dutch way: $(grep '^2021;Hardenberg;trend;24' "$hh")"
    fi
else
    echo "note: soffice not installed; the Dutch display check was skipped"
fi

echo "$failed failed"
if [ $failed = 0 ]; then
    rm -rf "$out"
    exit 0
fi
echo "scratch files kept in $out"
exit 1
