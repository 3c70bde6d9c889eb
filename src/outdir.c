/* outdir.c - writing a set of output files atomically.
 *
 * Everything is written into a fresh temporary folder beside DIR; only when
 * every file is complete and flushed does it move into place: by renaming
 * the folder when DIR does not exist yet, or file by file (each rename is
 * atomic) when it does. On any failure the temporary folder is removed and
 * DIR is left exactly as it was.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int mkdirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *q = '/';
    }
    free(p);
    return 0;
}

static int write_one(const char *path, const sbuf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = b->len ? fwrite(b->s, 1, b->len, f) : 0;
    int ok = n == b->len && fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (fclose(f) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

int write_file_atomic_dir(const char *dir, const char *const *names, const sbuf *contents,
                          int n, cohort_diag *d)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    char *target = xstrndup(dir, len);
    struct stat st;
    int exists = stat(target, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode)) {
        diag_error(d, "%s: exists and is not a folder (expected a folder for the outputs)", target);
        free(target);
        return COHORT_EIO;
    }
    if (mkdirs(target) < 0) {
        diag_error(d, "%s: cannot create the parent folders: %s", target, strerror(errno));
        free(target);
        return COHORT_EIO;
    }
    static unsigned counter;
    char *tmp = xasprintf("%s.tmp-%ld-%u", target, (long)getpid(), counter++);
    int rc = COHORT_OK;
    if (mkdir(tmp, 0777) != 0) {
        diag_error(d, "%s: cannot create a temporary folder beside it: %s", target,
                   strerror(errno));
        free(tmp);
        free(target);
        return COHORT_EIO;
    }
    int written = 0;
    for (int k = 0; k < n; k++) {
        char *p = xasprintf("%s/%s", tmp, names[k]);
        if (write_one(p, &contents[k]) < 0) {
            diag_error(d, "%s/%s: cannot be written: %s", target, names[k], strerror(errno));
            rc = COHORT_EIO;
            free(p);
            break;
        }
        written++;
        free(p);
    }
    if (rc == COHORT_OK) {
        if (!exists) {
            if (rename(tmp, target) != 0) {
                diag_error(d, "%s: cannot be created: %s", target, strerror(errno));
                rc = COHORT_EIO;
            }
        } else {
            for (int k = 0; k < n && rc == COHORT_OK; k++) {
                char *from = xasprintf("%s/%s", tmp, names[k]);
                char *to = xasprintf("%s/%s", target, names[k]);
                if (rename(from, to) != 0) {
                    diag_error(d, "%s: cannot be replaced: %s", to, strerror(errno));
                    rc = COHORT_EIO;
                }
                free(from);
                free(to);
            }
        }
    }
    /* clean up whatever is left of the temporary folder */
    for (int k = 0; k < written; k++) {
        char *p = xasprintf("%s/%s", tmp, names[k]);
        unlink(p);
        free(p);
    }
    rmdir(tmp);
    free(tmp);
    free(target);
    return rc;
}
