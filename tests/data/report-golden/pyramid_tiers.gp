# Leeftijdsopbouw per type kern: 2021 (vlak) en 2031 (lijn)
# Data: pyramid_tiers.dat. Re-make by hand inside this folder: gnuplot pyramid_tiers.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 800,620 font 'DejaVu Sans,10' noenhanced
set output 'pyramid_tiers.png'
} else {
set terminal svg size 800,620 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'pyramid_tiers.svg'
}
set encoding utf8
set multiplot layout 1,2 title 'Leeftijdsopbouw per type kern: 2021 (vlak) en 2031 (lijn)'
set grid lc rgb '#e4e4e4'
set xzeroaxis
set xtics font ',8'
set key top left Left reverse samplen 1.5 font ',8'
set title 'stedelijke kernen'
set ylabel 'leeftijd'
set xrange [-30:30]
set xtics ('30' -30, '20' -20, '10' -10, '0' 0, '10' 10, '20' 20, '30' 30)
set yrange [0:3]
set ytics 1 nomirror
set mytics 2
plot 'pyramid_tiers.dat' index 0 using ($3/2):($1+0.5):($3/2):(0.5) with boxxyerror fs solid 0.55 noborder lc rgb '#D55E00' title 'vrouwen 2021', \
     'pyramid_tiers.dat' index 2 using 1:2 with lines lw 1.5 lc rgb '#7a2e00' title 'vrouwen 2031'
set title 'kleine kernen'
unset ylabel
set xrange [-20:20]
set xtics ('20' -20, '10' -10, '0' 0, '10' 10, '20' 20)
set yrange [0:3]
set ytics 1 nomirror
set mytics 2
plot 'pyramid_tiers.dat' index 3 using ($3/2):($1+0.5):($3/2):(0.5) with boxxyerror fs solid 0.55 noborder lc rgb '#D55E00' notitle, \
     'pyramid_tiers.dat' index 5 using 1:2 with lines lw 1.5 lc rgb '#7a2e00' notitle
unset multiplot
unset output
}
