#!/bin/sh
# Relative paths in a model file start from where the model file really is: reached
# through a symbolic link to the file, or through a linked folder followed by "..",
# the model reads the same inputs as from its own folder (before, ".." was taken
# from the link's folder and found other files, or none).
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out=$builddir/tests/out/symlinks.$$
rm -rf "$out"
mkdir -p "$out/project/models" "$out/project/input" "$out/elsewhere" || exit 99
cd "$srcdir" || exit 99
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

cp tests/data/bad/common/*.csv "$out/project/input/"
sed -e 's|^population: population.csv|population: ../input/population.csv|' \
    -e 's|survival: survival.csv|survival: ../input/survival.csv|' \
    -e 's|asfr: asfr.csv|asfr: ../input/asfr.csv|' -e 's|counts: net.csv|counts: ../input/net.csv|' \
    tests/data/bad/common/ok.yaml >"$out/project/models/ok.yaml"
# a decoy: what a lexical ".." from the link's folder would find
mkdir -p "$out/input"
printf 'kern,sex,age,persons\nNoord,M,0,1\n' >"$out/input/population.csv"
ln -s "$out/project/models/ok.yaml" "$out/elsewhere/ok.yaml" || { echo "no symlinks here: skipped"; exit 77; }
ln -s "$out/project/models" "$out/modlink"

"$LANDSTAD" run "$out/project/models/ok.yaml" --out "$out/direct" --quiet || fail "the model does not run from its folder"
for via in "$out/elsewhere/ok.yaml" "$out/modlink/ok.yaml"; do
    "$LANDSTAD" run "$via" --out "$out/via" --quiet 2>"$out/err" || { fail "$via: $(cat "$out/err")"; continue; }
    cmp -s "$out/direct/population.csv" "$out/via/population.csv" || fail "$via: other results than from the model's folder"
    grep -q "$out/project/input/population.csv" "$out/via/inputs.csv" || fail "$via: inputs.csv does not name the real input"
    rm -rf "$out/via"
done

echo "$failed failed"
[ $failed = 0 ] && rm -rf "$out"
[ $failed = 0 ]
