#!/bin/sh
# The published projections in tests/data and models/examples, run through the
# landstad program exactly as a user would, compared cell by cell with the expected
# populations (UN WPP Canada: published; Preston and Burkina Faso: an independent
# implementation of the same conventions, tools/convert_fixtures.py).
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/examples"
rm -rf "$out"
mkdir -p "$out"
fail=0

compare() { # name expected.csv result-folder tolerance
    awk -F, -v tol="$4" -v name="$1" '
        FNR == 1 { file++ }
        /^#/ || FNR == 1 && file == 1 { next }
        file == 1 { if ($1 != "year") want[$1 "," $2 "," $3 "," $4] = $5; next }
        $1 != "year" { got[$1 "," $2 "," $3 "," $4] = $5 }
        END {
            n = 0; worst = 0
            for (k in want) {
                n++
                if (!(k in got)) { print name ": no result for " k; bad = 1; continue }
                d = got[k] - want[k]; if (d < 0) d = -d
                if (d > worst) worst = d
            }
            printf "%s: %d cells, largest absolute error %.3g persons\n", name, n, worst
            if (n == 0 || worst > tol || bad) exit 1
        }' "$2" "$3/population.csv"
}

run() { # name model
    if ! "$LANDSTAD" run "$2" --out "$out/$1" --no-plot --quiet; then
        echo "FAIL: landstad run $2"
        fail=1
        return 1
    fi
}

run canada "$srcdir/tests/data/wpp-canada/model.yaml" &&
    { compare canada "$srcdir/tests/data/wpp-canada/expected_population.csv" "$out/canada" 1e-6 || fail=1; }
run preston "$srcdir/models/examples/preston-sweden-1993/model.yaml" &&
    { compare preston "$srcdir/models/examples/preston-sweden-1993/expected_population_1998.csv" "$out/preston" 1e-6 || fail=1; }
run burkina "$srcdir/models/examples/burkina-faso-females-1960/model.yaml" &&
    { compare burkina "$srcdir/models/examples/burkina-faso-females-1960/expected_population.csv" "$out/burkina" 1e-6 || fail=1; }
# A female-only model writes only F rows.
if [ -f "$out/burkina/population.csv" ] && grep -q ',M,' "$out/burkina/population.csv"; then
    echo "FAIL: female-only model wrote male rows"; fail=1
fi
exit $fail
