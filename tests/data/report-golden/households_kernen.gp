# Huishoudens en woningvoorraad per kern, 2021–2031
# Data: households_kernen.dat. Re-make by hand inside this folder: gnuplot households_kernen.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 712,308 font 'DejaVu Sans,10' noenhanced
set output 'households_kernen.png'
} else {
set terminal svg size 712,308 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'households_kernen.svg'
}
set encoding utf8
set multiplot title 'Huishoudens en woningvoorraad per kern, 2021–2031' font ',12'
unset key
set grid lc rgb '#e4e4e4'
set tics font ',8'
set title font ',10' offset 0,-0.7
set lmargin 6.5
set rmargin 1.5
set tmargin 1.6
set bmargin 1.6
set size 0.32584,0.63636
set origin 0.01124,0.02597
set title 'A'
set xrange [2021.0:2031.0]
set xtics 5 format '%.0f'
set mxtics 5
set yrange [9.5:12.5]
set ytics ('9,5' 9.5, '10,0' 10.0, '10,5' 10.5, '11,0' 11.0, '11,5' 11.5, '12,0' 12.0, '12,5' 12.5)
plot 'households_kernen.dat' index 0 using 1:4 with lines lw 2 lc rgb '#444444', \
     '' index 0 using 1:2 with lines lw 2 lc rgb '#0072B2', \
     '' index 0 using 1:3 with lines lw 2 dt 2 lc rgb '#E69F00'
set origin 0.33708,0.02597
set title 'B'
set xrange [2021.0:2031.0]
set xtics 5 format '%.0f'
set mxtics 5
set yrange [0:40]
set ytics ('0' 0, '10' 10, '20' 20, '30' 30, '40' 40)
plot 'households_kernen.dat' index 1 using 1:4 with lines lw 2 lc rgb '#444444', \
     '' index 1 using 1:2 with lines lw 2 lc rgb '#0072B2', \
     '' index 1 using 1:3 with lines lw 2 dt 2 lc rgb '#E69F00'
set origin 0.66292,0.02597
set title 'C'
set xrange [2021.0:2031.0]
set xtics 5 format '%.0f'
set mxtics 5
set yrange [2.5:5.5]
set ytics ('2,5' 2.5, '3,0' 3.0, '3,5' 3.5, '4,0' 4.0, '4,5' 4.5, '5,0' 5.0, '5,5' 5.5)
plot 'households_kernen.dat' index 2 using 1:4 with lines lw 2 lc rgb '#444444', \
     '' index 2 using 1:2 with lines lw 2 lc rgb '#0072B2', \
     '' index 2 using 1:3 with lines lw 2 dt 2 lc rgb '#E69F00'
# the shared legend, under the title
set origin 0,0.66234
set size 1,0.22727
unset title
unset border
unset tics
unset grid
set lmargin 0
set rmargin 0
set tmargin 0
set bmargin 0
set xrange [0:1]
set yrange [0:1]
set key center center horizontal Left reverse samplen 3 width 3 font ',10'
plot NaN with lines lw 2 lc rgb '#0072B2' title 'Huishoudens (trend)', \
     NaN with lines lw 2 dt 2 lc rgb '#E69F00' title 'Huishoudens (woningmarktgestuurd)', \
     NaN with lines lw 2 lc rgb '#444444' title 'Woningvoorraad'
unset multiplot
unset output
}
