# Kans dat het doel gehaald wordt, per kern
# Data: target_probability.dat. Re-make by hand inside this folder: gnuplot target_probability.gp
do for [fmt in "png svg"] {
reset
if (fmt eq "png") {
set terminal pngcairo size 650,294 font 'DejaVu Sans,10' noenhanced
set output 'target_probability.png'
} else {
set terminal svg size 650,294 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output 'target_probability.svg'
}
set encoding utf8
set label 1 'Kans dat het doel gehaald wordt, per kern' at screen 0.5, screen 0.9388 center
unset key
set lmargin 15
set rmargin 20
set bmargin at screen 0.3401
set tmargin at screen 0.6871
set xrange [-0.5:1.5]
unset xtics
set x2range [-0.5:1.5]
set x2tics scale 0 font ',9' ("20 woningen\n2022-2029\n(cum_2022_2029)" 0, "20 woningen\n2022-2029\n(explicit_b)" 1)
set ytics font ',9'
set palette defined (0 '#d6604d', 0.25 '#f4a582', 0.5 '#f7f7f7', 0.75 '#92c5de', 1 '#4393c3')
set cbrange [0:1]
set cbtics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1) font ',9'
set colorbox horizontal user origin screen 0.25, screen 0.2041 size screen 0.5, screen 0.0408
set cblabel 'kans dat de kern zijn deel van het doel haalt' font ',9'
set yrange [-0.5:3.5]
set ytics scale 0 ('A' 2, 'B' 1, 'C' 0)
set arrow from -0.5,2.5 to 1.5,2.5 nohead lw 2 lc rgb 'black' front
set label 'stedelijke kernen' at graph 1.015, first 2.0 left font ',9'
set arrow from -0.5,1.5 to 1.5,1.5 nohead lw 2 lc rgb 'black' front
set label 'kleine kernen' at graph 1.015, first 0.5 left font ',9'
set arrow from 0.5,-0.5 to 0.5,3.5 nohead lw 3 lc rgb 'white' front
set ytics add ('gemeente Mini' 3)
plot 'target_probability.dat' using 1:2:3 with image, \
     '' using 1:2:4 with labels font ',8'
unset output
}
