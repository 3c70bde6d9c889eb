/* outdir.c - writing a set of output files atomically.
 *
 * Everything is written into a fresh temporary folder beside DIR; only when
 * every file is complete and flushed does it move into place: by renaming
 * the folder when DIR does not exist yet, or file by file (each rename is
 * atomic) when it does, putting back the files already moved if a later
 * rename fails. On any failure the temporary folder and any parent folder
 * created for DIR are removed, and DIR is left exactly as it was.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Creates the missing parent folders of path, remembering which it made so
 * that a failed run can remove them again. */
typedef struct made {
    char **dirs;
    int n, cap;
} made;

static int mkdirs(const char *path, made *m)
{
    char *p = xstrdup(path);
    int rc = 0;
    for (char *q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0777) == 0) {
            GROW(m->dirs, m->cap, m->n + 1);
            m->dirs[m->n++] = xstrdup(p);
        } else if (errno != EEXIST) {
            rc = -1;
            *q = '/';
            break;
        }
        *q = '/';
    }
    free(p);
    return rc;
}

static void unmake(made *m, int remove)
{
    for (int k = m->n - 1; k >= 0; k--) {
        if (remove)
            rmdir(m->dirs[k]);
        free(m->dirs[k]);
    }
    free(m->dirs);
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

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int write_file_atomic_dir(const char *dir, const char *const *names, const sbuf *contents,
                          int n, cohort_diag *d)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    char *target = xstrndup(dir, len);
    struct stat st;
    int target_exists = stat(target, &st) == 0;
    made parents = {0};
    char *tmp = NULL;
    int rc = COHORT_OK, moved = 0;
    /* per file: 1 when an older version was kept aside in the temporary folder */
    unsigned char *had_old = xcalloc((size_t)(n ? n : 1), 1);
    if (target_exists && !S_ISDIR(st.st_mode)) {
        diag_error(d, "%s: exists and is not a folder (expected a folder for the outputs)", target);
        rc = COHORT_EIO;
        goto done;
    }
    if (mkdirs(target, &parents) < 0) {
        diag_error(d, "%s: cannot create the parent folders: %s", target, strerror(errno));
        rc = COHORT_EIO;
        goto done;
    }
    static unsigned counter;
    tmp = xasprintf("%s.tmp-%ld-%u", target, (long)getpid(), counter++);
    if (mkdir(tmp, 0777) != 0) {
        diag_error(d, "%s: cannot create a temporary folder beside it: %s", target,
                   strerror(errno));
        free(tmp);
        tmp = NULL;
        rc = COHORT_EIO;
        goto done;
    }
    for (int k = 0; k < n; k++) {
        char *p = xasprintf("%s/%s", tmp, names[k]);
        int ok = write_one(p, &contents[k]) == 0;
        free(p);
        if (!ok) {
            diag_error(d, "%s/%s: cannot be written: %s", target, names[k], strerror(errno));
            rc = COHORT_EIO;
            goto done;
        }
    }
    if (!target_exists) {
        if (rename(tmp, target) != 0) {
            diag_error(d, "%s: cannot be created: %s", target, strerror(errno));
            rc = COHORT_EIO;
        } else {
            free(tmp);
            tmp = NULL;
        }
        goto done;
    }
    /* DIR exists: keep a hard link to each file it already has, then move
       the new files in one by one (each rename is atomic); if one fails,
       the files already moved are put back as they were */
    for (int k = 0; k < n && rc == COHORT_OK; k++) {
        char *to = xasprintf("%s/%s", target, names[k]);
        char *old = xasprintf("%s/.old-%s", tmp, names[k]);
        if (exists(to)) {
            if (link(to, old) != 0) {
                diag_error(d, "%s: cannot be replaced: %s", to, strerror(errno));
                rc = COHORT_EIO;
            } else {
                had_old[k] = 1;
            }
        }
        free(to);
        free(old);
    }
    for (int k = 0; k < n && rc == COHORT_OK; k++) {
        char *from = xasprintf("%s/%s", tmp, names[k]);
        char *to = xasprintf("%s/%s", target, names[k]);
        if (rename(from, to) != 0) {
            diag_error(d, "%s: cannot be replaced: %s", to, strerror(errno));
            rc = COHORT_EIO;
        } else {
            moved++;
        }
        free(from);
        free(to);
    }
    if (rc != COHORT_OK) {
        for (int k = 0; k < moved; k++) {
            char *to = xasprintf("%s/%s", target, names[k]);
            char *old = xasprintf("%s/.old-%s", tmp, names[k]);
            if (had_old[k])
                rename(old, to);
            else
                unlink(to);
            free(to);
            free(old);
        }
    }
done:
    if (tmp) {
        /* clean up whatever is left of the temporary folder */
        for (int k = 0; k < n; k++) {
            char *p = xasprintf("%s/%s", tmp, names[k]);
            unlink(p);
            free(p);
            p = xasprintf("%s/.old-%s", tmp, names[k]);
            unlink(p);
            free(p);
        }
        rmdir(tmp);
        free(tmp);
    }
    unmake(&parents, rc != COHORT_OK);
    free(had_old);
    free(target);
    return rc;
}
