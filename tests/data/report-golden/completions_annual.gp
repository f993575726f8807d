# Opleveringen per jaar, Mini
# Data: completions_annual.dat. Re-make by hand inside this folder: gnuplot completions_annual.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 900,480 font 'DejaVu Sans,10' noenhanced
set output 'completions_annual.png'
} else {
set terminal svg size 900,480 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'completions_annual.svg'
}
set encoding utf8
set title 'Opleveringen per jaar, Mini'
set ylabel 'woningen opgeleverd in het jaar'
set grid ytics lc rgb '#dddddd'
set key top right Left reverse
set style fill solid 0.9 noborder
set boxwidth 0.7
set xrange [2020.4:2030.6]
set xtics 1 format '%.0f'
set yrange [0:12]
set ytics ('0' 0, '2' 2, '4' 4, '6' 6, '8' 8, '10' 10, '12' 12)
plot 'completions_annual.dat' index 0 using 1:2:3 with boxes lc rgb variable notitle, \
     NaN with boxes lc rgb '#0072B2' title 'doeljaar, genoeg', \
     NaN with boxes lc rgb '#B2182B' title 'doeljaar, te weinig', \
     NaN with boxes lc rgb '#b8c9d6' title 'overige jaren', \
     '' index 0 using 1:4:(0):($5-$4) with vectors heads size screen 0.006,90 lw 1 lc rgb '#333333' title '80% van de simulaties', \
     'completions_annual.dat' index 1 using 1:3:($2-$1):(0) with vectors nohead lw 3 lc rgb '#000000' notitle, \
     NaN with lines lw 3 lc rgb '#000000' title 'doel: 5 per jaar in 2022–2023'
unset output
}
