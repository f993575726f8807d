# Leeftijdsopbouw Mini: 2021 (vlak) en 2031 (lijn)
# Data: pyramid.dat. Re-make by hand inside this folder: gnuplot pyramid.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 820,720 font 'DejaVu Sans,10' noenhanced
set output 'pyramid.png'
} else {
set terminal svg size 820,720 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'pyramid.svg'
}
set encoding utf8
set title 'Leeftijdsopbouw Mini: 2021 (vlak) en 2031 (lijn)'
set xlabel 'personen per leeftijdsjaar'
set ylabel 'leeftijd'
set grid lc rgb '#e4e4e4'
set key top left Left reverse samplen 2
set xzeroaxis
set xrange [-60:60]
set xtics ('60' -60, '40' -40, '20' -20, '0' 0, '20' 20, '40' 40, '60' 60)
set yrange [0:3]
set ytics 1 nomirror
set mytics 2
plot 'pyramid.dat' index 0 using ($3/2):($1+0.5):($3/2):(0.5) with boxxyerror fs solid 0.55 noborder lc rgb '#D55E00' title 'vrouwen 2021', \
     'pyramid.dat' index 2 using 1:2 with lines lw 1.5 lc rgb '#7a2e00' title 'vrouwen 2031'
unset output
}
