# Woningtekort (woningbehoefte min woningvoorraad) als % van de voorraad, per kern (trend)
# Data: shortage_heatmap.dat. Re-make by hand inside this folder: gnuplot shortage_heatmap.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 1000,256 font 'DejaVu Sans,10' noenhanced
set output 'shortage_heatmap.png'
} else {
set terminal svg size 1000,256 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'shortage_heatmap.svg'
}
set encoding utf8
set title 'Woningtekort (woningbehoefte min woningvoorraad) als % van de voorraad, per kern (trend)' offset 0,0.5
unset key
set lmargin 5
set rmargin 20
set bmargin at screen 0.4609
set tmargin at screen 0.7578
set xtics scale 0 1 format '%.0f' font ',9'
set x2tics scale 0 1 format '%.0f' font ',9'
set xrange [2020.5:2031.5]
set x2range [2020.5:2031.5]
set ytics font ',9'
set palette defined (-1 '#2166ac', -0.5 '#92c5de', 0 '#f7f7f7', 0.5 '#f4a582', 1 '#b2182b')
set cbrange [-25:25]
set cbtics font ',9' ('-25%%' -25, '-20%%' -20, '-15%%' -15, '-10%%' -10, '-5%%' -5, '0%%' 0, '+5%%' 5, '+10%%' 10, '+15%%' 15, '+20%%' 20, '+25%%' 25)
set colorbox horizontal user origin screen 0.2, screen 0.2109 size screen 0.6, screen 0.0469
set cblabel 'blauw = overschot, rood = tekort, in % van de woningvoorraad van de kern (kleur afgekapt op ±25%)' font ',9'
set yrange [-0.5:2.5]
set ytics scale 0 ('A' 2, 'B' 1, 'C' 0)
set label 'stedelijke kernen' at graph 1.015, first 2.0 left font ',9'
set arrow from 2020.5,1.5 to 2031.5,1.5 nohead lw 2 lc rgb 'black' front
set label 'kleine kernen' at graph 1.015, first 0.5 left font ',9'
plot 'shortage_heatmap.dat' using 1:2:3 with image, \
     '' using 1:2:4:5 with labels tc rgb variable font ',7'
unset output
}
