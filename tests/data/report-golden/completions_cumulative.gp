# Opleveringen opgeteld vanaf 2022, Mini
# Data: completions_cumulative.dat. Re-make by hand inside this folder: gnuplot completions_cumulative.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 900,520 font 'DejaVu Sans,10' noenhanced
set output 'completions_cumulative.png'
} else {
set terminal svg size 900,520 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'completions_cumulative.svg'
}
set encoding utf8
set title 'Opleveringen opgeteld vanaf 2022, Mini'
set ylabel 'woningen opgeleverd sinds 1 januari'
set xlabel 'stand op 1 januari'
set grid lc rgb '#dddddd'
set key top left Left reverse
set style textbox opaque noborder margins 2,1
# (the path starts at the first completion target's window start)
set xrange [2021.7:2031.3]
set xtics 1 format '%.0f'
set yrange [0:25]
set ytics ('0' 0, '5' 5, '10' 10, '15' 15, '20' 20, '25' 25)
plot 'completions_cumulative.dat' index 0 using 1:3:4 with filledcurves fc rgb '#c6dbef' fs solid 1.0 noborder title '80% van de simulaties', \
     'completions_cumulative.dat' index 0 using 1:2 with linespoints lw 2.5 pt 7 ps 0.6 lc rgb '#0072B2' title 'verwacht', \
     '' index 1 using 3:2:($1-$3):(0) with vectors nohead dt 2 lw 1.5 lc rgb '#000000' notitle, \
     '' index 1 using 1:2 with points pt 13 ps 2 lc rgb '#000000' title 'doel (te halen aan het eind van de doelperiode)', \
     '' index 1 using 1:2:4 with labels boxed right offset char -1.5,1 tc rgb '#000000' notitle
unset output
}
