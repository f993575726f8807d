/* gnuplot as a child process: no shell, the script's name as its argument, its own
 * process group (stopped with it when the run is interrupted or the chart takes
 * longer than the time limit), exit status 127 when it cannot be executed. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "output.h"
#include "plot.h"
#include "sha256.h"
#include "util.h"

const char *
plot_gnuplot(void)
{
    const char *env = getenv("LANDSTAD_GNUPLOT");
    if (env != NULL)
        return *env != '\0' && access(env, X_OK) == 0 ? env : NULL;
#ifdef LANDSTAD_GNUPLOT
    if (access(LANDSTAD_GNUPLOT, X_OK) == 0)
        return LANDSTAD_GNUPLOT;
#endif
    return NULL;
}

char *
plot_text(const char *s)
{
    char *t = xstrdup(s);
    for (unsigned char *p = (unsigned char *) t; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
        else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            p[0] = p[1] = ' ';
    return t;
}

char *
plot_stem(const char *prefix, const char *name)
{
    strbuf b;
    sha256 h;
    char hex[65];
    size_t kept = 0;
    int dash = 0;

    strbuf_init(&b);
    strbuf_add(&b, prefix, strlen(prefix));
    for (const unsigned char *p = (const unsigned char *) name; *p && kept < 40; p++) {
        const int c = *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            char ch = (char) c;
            strbuf_add(&b, &ch, 1);
            dash = 0;
            kept++;
        } else if (!dash && kept > 0) {
            strbuf_add(&b, "-", 1);
            dash = 1;
            kept++;
        }
    }
    sha256_init(&h);
    sha256_update(&h, name, strlen(name));
    sha256_final(&h, hex);
    if (!dash)
        strbuf_add(&b, "-", 1);
    strbuf_add(&b, hex, 8);
    return b.s;
}

char *
plot_quote(const char *s)
{
    char *t = plot_text(s);
    strbuf b;
    strbuf_init(&b);
    for (const char *p = t; *p; p++) {
        if (*p == '\'')
            strbuf_add(&b, "''", 2);
        else
            strbuf_add(&b, p, 1);
    }
    free(t);
    return b.s;
}

/* Output files a script names with `set output '...'`. */
static size_t
script_outputs(const char *path, char ***names)
{
    char *buf = NULL, *p, *save = NULL;
    size_t len, n = 0;

    *names = NULL;
    if (read_file(path, &buf, &len) != LS_OK)
        return 0;
    for (p = strtok_r(buf, "\n", &save); p != NULL; p = strtok_r(NULL, "\n", &save)) {
        const char *key = "set output '";
        char *q = strstr(p, key), *end;
        if (q != p)
            continue;
        q += strlen(key);
        end = strchr(q, '\'');
        if (end == NULL)
            continue;
        *names = xreallocarray(*names, n + 1, sizeof **names);
        (*names)[n++] = xstrndup(q, (size_t) (end - q));
    }
    free(buf);
    return n;
}

/* Seconds a chart may take: $LANDSTAD_GNUPLOT_TIMEOUT, else 120. */
static double
render_timeout(void)
{
    const char *env = getenv("LANDSTAD_GNUPLOT_TIMEOUT");
    double v;
    if (env != NULL && parse_number(env, &v) == 0 && v > 0 && v <= 86400)
        return v;
    return 120;
}

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Stops gnuplot and everything it started: TERM, then KILL after a second. */
static void
stop_group(pid_t pid, int *status)
{
    const double t0 = now_seconds();
    kill(-pid, SIGTERM);
    while (waitpid(pid, status, WNOHANG) == 0) {
        if (now_seconds() - t0 > 1) {
            kill(-pid, SIGKILL);
            waitpid(pid, status, 0);
            break;
        }
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
    kill(-pid, SIGKILL); /* whatever it left behind in its group */
}

/* Runs `gnuplot SCRIPT` inside dir, without a shell, in its own process group.
 * Returns 0 with *status set, 1 when it ran out of time, 2 when the run was
 * interrupted (gnuplot is then stopped), -1 when it could not be started. */
static int
run_gnuplot(const char *gp, const char *dir, const char *script, double timeout, int *status)
{
    const double t0 = now_seconds();
    pid_t pid = fork(), w;

    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        setpgid(0, 0);
        if (fd >= 0) {
            dup2(fd, STDIN_FILENO);
            dup2(fd, STDOUT_FILENO);
        }
        /* gnuplot holds nothing of the run's (the output folder's lock among them) */
        close_range(3, ~0U, 0);
        if (chdir(dir) == 0)
            execl(gp, gp, script, (char *) NULL);
        _exit(127);
    }
    setpgid(pid, pid);
    for (;;) {
        w = waitpid(pid, status, WNOHANG);
        if (w == pid)
            return 0;
        if (w < 0 && errno != EINTR)
            return -1;
        if (output_interrupted()) {
            stop_group(pid, status);
            return 2;
        }
        if (now_seconds() - t0 > timeout) {
            stop_group(pid, status);
            return 1;
        }
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    }
}

int
plot_render(const char *dir, const char *script, diag *notes)
{
    const char *gp = plot_gnuplot();
    const double timeout = render_timeout();
    char *spath = NULL, **outs = NULL;
    size_t n_outs = 0;
    int status = 0, ret = LS_OK, r;

    if (gp == NULL) {
        diag_add(notes, NULL, 0, 0, "gnuplot not found: wrote %s/%s; render it with "
                 "`cd %s && gnuplot %s` after installing gnuplot (Debian: gnuplot-nox)",
                 dir, script, dir, script);
        return LS_EIO;
    }
    spath = xasprintf("%s/%s", dir, script);
    n_outs = script_outputs(spath, &outs);
    for (size_t i = 0; i < n_outs; i++) {
        char *o = xasprintf("%s/%s", dir, outs[i]);
        remove(o); /* a failed plot must not leave an old image behind */
        free(o);
    }
    r = run_gnuplot(gp, dir, script, timeout, &status);
    if (r < 0) {
        diag_add(notes, NULL, 0, 0, "cannot start gnuplot (%s): %s; wrote %s", gp,
                 strerror(errno), spath);
        ret = LS_EIO;
        goto out;
    }
    if (r == 2) {
        ret = LS_EINTERRUPTED;
        goto out;
    }
    if (r == 1) {
        diag_add(notes, NULL, 0, 0, "gnuplot did not finish within %g s on %s and was stopped; "
                 "the script and data are kept (LANDSTAD_GNUPLOT_TIMEOUT sets the limit)",
                 timeout, spath);
        ret = PLOT_TIMED_OUT;
        goto out;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        diag_add(notes, NULL, 0, 0, "gnuplot failed on %s (%s %d); the script and data are kept",
                 spath, WIFSIGNALED(status) ? "signal" : "exit status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        ret = LS_EIO;
        goto out;
    }
    for (size_t i = 0; i < n_outs; i++) {
        char *o = xasprintf("%s/%s", dir, outs[i]);
        struct stat st;
        if (stat(o, &st) != 0 || st.st_size == 0) {
            diag_add(notes, NULL, 0, 0, "gnuplot wrote no %s", o);
            ret = LS_EIO;
        }
        free(o);
    }
out:
    for (size_t i = 0; i < n_outs; i++)
        free(outs[i]);
    free(outs);
    free(spath);
    return ret;
}
