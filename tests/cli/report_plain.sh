#!/bin/sh
# The report in plain Dutch, read back from report.html (python3's html.parser) of the
# shipped Hardenberg model with simulations, in Dutch and in English:
# - the Dutch text (without file names and code; with the sources of what was observed,
#   which the input gives in Dutch) holds none of the English words the program's
#   English strings or the English sources use, no target id and no plan id;
# - a target shown for comparison only (role: comparison) gets no advice;
# - the cards phrase forecasts as forecasts ("Naar verwachting ...");
# - the plan list has every plan of plan_list.csv by name, sorted by its contribution
#   (non-increasing), each contribution the rounded expected_in_window;
# - the advice gives, for every municipal target with extra capacity, the numbers of
#   targets.csv (80% and 90%, and each tier short of its share) and the years from
#   the first year extra plans can deliver to the end of the window;
# - every chart sits in a scrolling frame that keeps it at least 44rem wide on a phone,
#   and no PNG is narrower than that (704 px) so nothing is blown up; a chart with a
#   row or panel per kern (800 px tall or more) keeps its own size there;
# - the glossary names woningtekort, plancapaciteit, harde/zachte plannen and kans, and
#   the page uses those terms;
# - the English report has the same sections in English and none of the Dutch words.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"

out=$builddir/tests/out/report_plain.$$
rm -rf "$out"
mkdir -p "$out" || exit 99
cd "$srcdir" || exit 99
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 is needed to read report.html"
    exit 77
fi
failed=0
for lang in nl en; do
    "$LANDSTAD" run models/hardenberg.yaml --out "$out/$lang" --runs 200 --lang "$lang" --quiet \
        >"$out/run-$lang.log" 2>&1 || { echo "FAIL: run --lang $lang: $(cat "$out/run-$lang.log")"; exit 1; }
done

cat >"$out/check.py" <<'EOF'
import csv, html.parser, math, re, struct, base64, sys

folder, lang = sys.argv[1], sys.argv[2]
problems = []
def bad(msg):
    problems.append(msg)

class Page(html.parser.HTMLParser):
    """Text per section (outside code, links to files and, in English, quoted sources), the rows
    of every table per section, the images with their frame's classes."""
    def __init__(self):
        super().__init__()
        self.section, self.text, self.tables = None, {}, {}
        self.skip, self.stack, self.row, self.cell = 0, [], None, None
        self.imgs, self.frames, self.css = [], [], ""
        self.in_style = False
        self.dt = []
        self.in_dt = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "style":
            self.in_style = True
        if tag == "section":
            self.section = a.get("id")
        skipping = (tag == "code" or (tag == "a" and not a.get("href", "").startswith("#"))
                    or (tag == "td" and "src" in a.get("class", "") and lang != "nl"))
        if tag not in ("br", "img", "meta", "link"):
            self.stack.append(skipping)
            if skipping:
                self.skip += 1
        if tag == "div":
            self.frames.append(a.get("class", ""))
        if tag == "img":
            self.imgs.append((a.get("src", ""), self.frames[-1] if self.frames else ""))
        if tag == "tr":
            self.row = []
        if tag in ("td", "th"):
            self.cell = ""
        if tag == "dt":
            self.in_dt = True
            self.dt.append("")
    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag not in ("br", "img", "meta", "link") and self.stack:
            if self.stack.pop():
                self.skip -= 1
        if tag == "div" and self.frames:
            self.frames.pop()
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        if tag == "tr" and self.row is not None:
            self.tables.setdefault(self.section, []).append(self.row)
            self.row = None
        if tag == "dt":
            self.in_dt = False
        if tag == "section":
            self.section = None
    def handle_data(self, data):
        if self.in_style:
            self.css += data
            return
        if self.cell is not None:
            self.cell += data
        if self.in_dt:
            self.dt[-1] += data
        if not self.skip:
            self.text[self.section] = self.text.get(self.section, "") + " " + data

page = Page()
page.feed(open(folder + "/report.html", encoding="utf-8").read())
text = " ".join(page.text.values())
words = set(w.lower() for w in re.findall(r"[A-Za-z\u00c0-\u017f]+(?:-[A-Za-z]+)*", text))

def number(s, lang):
    s = s.split()[0] if s.split() else s
    s = s.replace("\u2212", "-")
    s = s.replace(".", "").replace(",", ".") if lang == "nl" else s.replace(",", "")
    return float(s)

def fmt(x, lang):
    s = "{:,.0f}".format(x)
    return s.replace(",", ".") if lang == "nl" else s

targets = list(csv.DictReader(open(folder + "/targets.csv", encoding="utf-8")))
plans = list(csv.DictReader(open(folder + "/plan_list.csv", encoding="utf-8")))

english = """the and with from expected required target targets shortage surplus probability
dwellings households simulations simulation observed forecast town middle rural tier idea
adopted irrevocable permit construction window missed years share phase soft plans
population stock build deaths municipality reported press estimate gross split citing
provisional release""".split()
dutch = """woningen verwachting achterstand woningtekort plancapaciteit zachte harde kans
simulaties doelen gehaald opgeleverd waargenomen begrippenlijst""".split()
if lang == "nl":
    for w in english:
        if w in words:
            i = text.lower().find(" " + w + " ")
            bad("English word %r in the Dutch report: ...%s..." % (w, text[max(0, i - 60):i + 60].strip()))
    for ident in set(t["target"] for t in targets) | set(p["plan_id"] for p in plans):
        if ident in text:
            bad("internal id %r in the Dutch report" % ident)
    for s in re.findall(r"(?<![Vv]erwachting )(?<!\()\b(?:Niet gehaald|Gehaald)\b(?! \(waargenomen\))", page.text.get("kernpunten", "")):
        bad("a forecast stated as a fact on a card: %r" % s)
else:
    for w in dutch:
        if w in words:
            bad("Dutch word %r in the English report" % w)

# the plan list
rows = [r for r in page.tables.get("plannen", []) if r and r[0] not in ("Plan",)]
if len(rows) != len(plans):
    bad("plan list: %d rows for %d plans in plan_list.csv" % (len(rows), len(plans)))
contrib = {p["name"]: float(p["expected_in_window"]) for p in plans}
last = math.inf
for r in rows:
    if r[0] not in contrib:
        bad("plan list: %r is not a plan of plan_list.csv" % r[0])
        continue
    c = number(r[6], lang)
    if c != round(contrib[r[0]]):
        bad("plan list: %s contributes %s, plan_list.csv says %.3f" % (r[0], r[6], contrib[r[0]]))
    if contrib[r[0]] > last + 1e-9:
        bad("plan list not sorted by contribution at %r" % r[0])
    last = contrib[r[0]]

# the advice: targets.csv's numbers per target
advice = page.text.get("advies", "")
items = re.split(r"\s(?=\S[^.]*\.\s)", advice)
extra_from = None
for line in open(folder + "/run.yaml", encoding="utf-8"):
    m = re.match(r"\s+extra_capacity_from:\s*(\d+)", line)
    if m:
        extra_from = int(m.group(1))
for t in targets:
    if t["scope"] == "municipality" and t.get("role") == "comparison":
        # shown for comparison only (the regional measure beyond the trend): no advice
        if ("boven de trendprognose" if lang == "nl" else "beyond the trend projection") in advice:
            bad("advice for %s: a comparison row gets advice" % t["target"])
        continue
    if t["scope"] != "municipality" or t["extra_units_needed_p80"] in ("", "unreachable"):
        continue
    e80, e90 = float(t["extra_units_needed_p80"]), float(t["extra_units_needed_p90"] or "nan")
    if e80 <= 0:
        continue
    # the advice item of this target: from its required number to the next item
    req = fmt(float(t["required"]), lang)
    start = advice.find(req)
    if start < 0:
        bad("advice: no item for target %s (required %s)" % (t["target"], req))
        continue
    item = advice[start:start + 900]
    for what, v in (("80%", e80), ("90%", e90)):
        if fmt(v, lang) not in item:
            bad("advice for %s: %s extra %s of targets.csv not found in %r" % (t["target"], what, fmt(v, lang), item[:300]))
    end = int(t["window_end"]) if t["window"] != "at" else int(t["window_start"]) - 1
    years = "%d\u2013%d" % (extra_from, end)
    if years not in item:
        bad("advice for %s: the years %s not found" % (t["target"], years))
    for u in targets:
        if u["target"] == t["target"] and u["scope"].startswith("tier:") and \
                u["extra_units_needed_p80"] not in ("", "unreachable") and float(u["extra_units_needed_p80"]) > 0:
            if fmt(float(u["extra_units_needed_p80"]), lang) not in item:
                bad("advice for %s: tier %s needs %s (targets.csv), not in the advice" % (t["target"], u["scope"], u["extra_units_needed_p80"]))

# charts at phone width
if not re.search(r"@media \(max-width:40rem\)\{[^}]*\.figwrap img\{[^}]*width:44rem", page.css):
    bad("no rule keeping charts 44rem wide at phone width")
if not page.imgs:
    bad("no charts in the report")
for src, frame in page.imgs:
    if "figwrap" not in frame:
        bad("a chart outside a scrolling frame")
    png = base64.b64decode(src.split(",", 1)[1])
    w, h = struct.unpack(">II", png[16:24])
    if w < 704:
        bad("a chart %d px wide is blown up to 44rem on a phone" % w)
    if h >= 800 and "wide" not in frame:
        bad("a chart with a row per kern (%d px tall) is shrunk on a phone" % h)

# glossary
terms = ["Woningtekort", "Plancapaciteit", "Harde plannen", "Zachte plannen", "Kans"] if lang == "nl" \
    else ["Housing shortage", "Plan capacity", "Hard plans", "Soft plans", "Probability"]
gl = [d.strip() for d in page.dt]
body = " ".join(v for k, v in page.text.items() if k != "begrippen").lower()
for term in terms:
    if term not in gl:
        bad("glossary lacks %r" % term)
    if term.lower() not in body:
        bad("glossary term %r is not used in the report" % term)
for sec in ("plannen", "advies", "zekerheid", "begrippen"):
    if sec not in page.text:
        bad("no section %s" % sec)
for p in problems:
    print(p)
EOF
for lang in nl en; do
    python3 "$out/check.py" "$out/$lang" "$lang" >"$out/problems-$lang.txt" 2>&1 || echo "check.py failed" >>"$out/problems-$lang.txt"
    if [ -s "$out/problems-$lang.txt" ]; then
        echo "FAIL ($lang):"
        cat "$out/problems-$lang.txt"
        failed=$((failed + 1))
    fi
done
if [ "$failed" -eq 0 ]; then
    rm -rf "$out"
    echo "report.html reads as plain Dutch and as English; plan list, advice, charts and glossary as expected"
fi
[ "$failed" -eq 0 ]
