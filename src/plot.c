/* gnuplot through a pipe. popen() succeeds even when the program does not exist,
 * so the binary is checked with access() first, SIGPIPE is ignored while writing,
 * and pclose()'s status is read: 127 not found, 1 a gnuplot error. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plot.h"
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
plot_quote(const char *s)
{
    strbuf b;
    strbuf_init(&b);
    for (; *s; s++) {
        if (*s == '\'')
            strbuf_add(&b, "''", 2);
        else
            strbuf_add(&b, s, 1);
    }
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

int
plot_render(const char *dir, const char *script, diag *notes)
{
    const char *gp = plot_gnuplot();
    char *cmd = NULL, *qdir = NULL, *qscript = NULL, *spath = NULL, **outs = NULL;
    size_t n_outs = 0;
    struct sigaction ign, old;
    FILE *pipe = NULL;
    int status, ret = LS_OK;

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
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old);
    {
        char *qgp = xstrdup(gp);
        /* The path comes from configure or the environment; quote it for sh. */
        strbuf b;
        strbuf_init(&b);
        strbuf_add(&b, "exec '", 6);
        for (const char *s = qgp; *s; s++)
            if (*s == '\'')
                strbuf_add(&b, "'\\''", 4);
            else
                strbuf_add(&b, s, 1);
        strbuf_add(&b, "' >/dev/null", 12);
        cmd = b.s;
        free(qgp);
    }
    pipe = popen(cmd, "w");
    if (pipe == NULL) {
        diag_add(notes, NULL, 0, 0, "cannot start gnuplot (%s): %s; wrote %s", gp,
                 strerror(errno), spath);
        ret = LS_EIO;
        goto out;
    }
    qdir = plot_quote(dir);
    qscript = plot_quote(script);
    fprintf(pipe, "cd '%s'\nload '%s'\n", qdir, qscript);
    status = pclose(pipe);
    pipe = NULL;
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
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
    sigaction(SIGPIPE, &old, NULL);
    for (size_t i = 0; i < n_outs; i++)
        free(outs[i]);
    free(outs);
    free(cmd);
    free(qdir);
    free(qscript);
    free(spath);
    return ret;
}
