/* Plots: every chart is written as NAME.dat (data) and NAME.gp (a gnuplot script
 * that sets its own terminal and output, so it can be re-made by hand with
 * `gnuplot NAME.gp` inside the plots folder), then rendered by gnuplot through a
 * pipe when gnuplot is present. Plotting never fails a run: problems become one
 * notice on stderr. */
#ifndef LS_PLOT_H
#define LS_PLOT_H

#include <stddef.h>

#include "error.h"

/* The gnuplot to use: $LANDSTAD_GNUPLOT, else the one found by configure; NULL when
 * none is executable. */
const char *plot_gnuplot(void);

/* Runs gnuplot on dir/script (a file name inside dir), without a shell, stopped
 * after $LANDSTAD_GNUPLOT_TIMEOUT seconds (default 120) or as soon as the run is
 * interrupted. Returns LS_OK when gnuplot exited 0 and every output the script
 * names exists and is not empty; LS_EINTERRUPTED; PLOT_TIMED_OUT (with a notice);
 * otherwise adds a notice to notes and returns LS_EIO. */
#define PLOT_TIMED_OUT 1
int plot_render(const char *dir, const char *script, diag *notes);

/* Data reaches gnuplot only as data. Every script sets its terminals noenhanced, so
 * no markup (^ _ @ & ~ { } \\) in a string is interpreted; inside a single-quoted
 * string only the quote itself is special, and a line break would end the command:
 * plot_quote doubles quotes and turns every control character into a blank. Caller
 * frees. */
char *plot_quote(const char *s);
/* A file stem for a chart named after a kern, tier or target: prefix, then the name
 * in lower-case ASCII letters, digits and '-' (every other byte run becomes one '-',
 * at most 40 of them), then '-' and 8 hex digits of the name's SHA-256 so that two
 * names never share a file ("Den Velde" and "den-velde" differ). Never '/', '.',
 * a quote or a blank: safe in a path, a gnuplot string and a shell. Caller frees. */
char *plot_stem(const char *prefix, const char *name);
/* s with every control character turned into a blank (for comments and data
 * files). Caller frees. */
char *plot_text(const char *s);

#endif
