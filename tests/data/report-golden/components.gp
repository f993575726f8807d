# Geboorten, sterfte, vestiging en vertrek per jaar, Mini
# Data: components.dat. Re-make by hand inside this folder: gnuplot components.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 900,520 font 'DejaVu Sans,10' noenhanced
set output 'components.png'
} else {
set terminal svg size 900,520 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'components.svg'
}
set encoding utf8
set title 'Geboorten, sterfte, vestiging en vertrek per jaar, Mini'
set ylabel 'personen (instroom boven nul, uitstroom onder nul)'
set xlabel 'jaar (van 1 januari tot 1 januari)'
set grid ytics lc rgb '#dddddd'
set xzeroaxis lt -1 lw 1
set key outside right top vertical Left reverse
set style fill solid 0.9 noborder
set boxwidth 0.75
set xrange [2020.4:2030.6]
set xtics 1 format '%.0f'
set yrange [-1.0:1.0]
set ytics ('-1,0' -1.0, '-0,8' -0.8, '-0,6' -0.6, '-0,4' -0.4, '-0,2' -0.2, '0,0' 0.0, '0,2' 0.2, '0,4' 0.4, '0,6' 0.6, '0,8' 0.8, '1,0' 1.0)
plot 'components.dat' using 1:($2+$4) with boxes lc rgb '#56B4E9' title 'Vestiging', \
     '' using 1:2 with boxes lc rgb '#009E73' title 'Geboorten', \
     '' using 1:(-$3-$5) with boxes lc rgb '#E69F00' title 'Vertrek', \
     '' using 1:(-$3) with boxes lc rgb '#666666' title 'Sterfte', \
     '' using 1:6 with linespoints lw 2 pt 7 ps 0.6 lc rgb 'black' title 'Groei (saldo)'
unset output
}
