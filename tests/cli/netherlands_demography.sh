#!/bin/sh
# Demographic checks that can fail: the engine with the shipped model's Dutch inputs
# (life table 2022 at exact ages, AG2024 improvement, fertility schedule and TFR path of
# models/hardenberg.yaml) run on the Netherlands, against CBS counts that no input uses
# (tests/data/netherlands/observed.csv).  Hardenberg itself has no births after 2020,
# no deaths after 2021 and no age structure after 2021 in the public data (see
# ../shared/data/README.md); hardenberg_demography.sh checks its 2021 deaths in the
# back-test.  The Dutch test models are closed to migration, so the checks are on
# what migration hardly touches:
#   * deaths 2021 (nl-2021.yaml, from 1 January 2021): within 4% of 170,802.  The
#     Poisson standard error is 0.24% (413); the tolerance is the year's own mortality
#     against the table: 2021 (covid) lay 2.3% above the 2022 table and Dutch deaths
#     swing 2-4% between years (flu winters).  A life table read one year of age off
#     moves deaths by about 9%.
#   * births 2023 (nl-2023.yaml, from 1 January 2023, TFR 1.43289 of 2023): within 2%
#     of 164,487.  The TFR is a rate, not the count: what is tested is the women by age
#     the engine exposes (mean of the start and the survivors) times the 2015 schedule
#     shape rescaled to it.  Poisson 0.25%; the 2015 shape against 2023's (mean age
#     about 0.5 year older) and the year's immigrant women that the closed model lacks
#     (net immigration about 1% of women 15-49, half of it exposed) are each below 1%.
#   * population on 1 January 2025 aged 65-79 and 80+, by sex (nl-2021.yaml, four years
#     of survival): within 1% of CBS.  Persons of 61 and over in 2021 only age and
#     die: a 3% error in their deaths 2021-2024 moves the groups by about 0.4% (65-79)
#     and 1% (80+, less for women); their net migration is below 0.1% a year.  Ages one
#     year off move 65-79 by about 4% (the cohort of 64, 115,000 a sex, in for that of
#     79, 57,000-66,000) and 80+ by about 15%; the life table read one age off moves
#     80+ by 4% (tools/mutants.py survival-one-age-off).
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/netherlands_demography"
rm -rf "$out"
cd "$srcdir" || exit 1
for y in 2021 2023; do
    "$LANDSTAD" run "tests/data/netherlands/nl-$y.yaml" --out "$out/$y" --no-plot --quiet ||
        { echo "FAIL: landstad run tests/data/netherlands/nl-$y.yaml"; exit 1; }
done
obs=tests/data/netherlands/observed.csv
fail=0

# check MEASURE YEAR SEX FROM TO MODELLED TOLERANCE: compare with the observed row.
check() {
    awk -F, -v m="$1" -v y="$2" -v s="$3" -v lo="$4" -v hi="$5" -v got="$6" -v tol="$7" '
        /^#/ || $1 == "measure" { next }
        $1 == m && $2 == y && $3 == s && $4 == lo && $5 == hi { want = $6 }
        END {
            if (want == "") { printf "no observed %s %s %s %s-%s\n", m, y, s, lo, hi; exit 1 }
            rel = (got - want) / want
            printf "%s %s %s %s-%s: model %.0f, CBS %d (%+.2f%%, tolerance %g%%)\n",
                m, y, s, lo, hi, got, want, 100 * rel, 100 * tol
            if (rel < -tol || rel > tol) exit 1
        }' "$obs" || { echo "FAIL: $1 $2 $3 $4-$5 against CBS"; fail=1; }
}

sum_components() { # FILE YEAR COLUMN
    awk -F, -v y="$2" -v c="$3" 'NR > 1 && $1 == y { n += $c } END { printf "%.3f", n }' "$1"
}
group() { # FILE YEAR SEX FROM TO (empty TO = the open group)
    awk -F, -v y="$2" -v s="$3" -v lo="$4" -v hi="$5" '
        NR > 1 && $1 == y && $3 == s && $4 >= lo && (hi == "" || $4 <= hi) { n += $5 }
        END { printf "%.3f", n }' "$1"
}

check deaths 2021 T "" "" "$(sum_components "$out/2021/components.csv" 2021 6)" 0.04
check births 2023 T "" "" "$(sum_components "$out/2023/components.csv" 2023 5)" 0.02
for s in M F; do
    check population 2025 $s 65 79 "$(group "$out/2021/population.csv" 2025 $s 65 79)" 0.01
    check population 2025 $s 80 "" "$(group "$out/2021/population.csv" 2025 $s 80 "")" 0.01
done
exit $fail
