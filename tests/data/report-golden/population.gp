# Bevolking op 1 januari, Mini
# Data: population.dat. Re-make by hand inside this folder: gnuplot population.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 900,500 font 'DejaVu Sans,10' noenhanced
set output 'population.png'
} else {
set terminal svg size 900,500 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'population.svg'
}
set encoding utf8
set title 'Bevolking op 1 januari, Mini'
set ylabel 'inwoners'
set grid lc rgb '#dddddd'
set key top left reverse Left
set xrange [2021.0:2031.0]
set xtics 1 format '%.0f'
set yrange [40:100]
set ytics ('40' 40, '50' 50, '60' 60, '70' 70, '80' 80, '90' 90, '100' 100)
plot 'population.dat' using 1:3:4 with filledcurves fc rgb '#c6dbef' fs solid 1.0 noborder title '80% van de simulaties (trend)', \
     'population.dat' using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb '#0072B2' title 'trend', \
     '' using 1:5 with lines lw 2 dt 2 lc rgb '#E69F00' title 'woningmarktgestuurd (de geplande woningen gevuld)'
unset output
}
