/* outdir.c - writing a set of output files atomically.
 *
 * Everything is written into a fresh temporary folder beside DIR; only when
 * every file is complete and flushed does it move into place: by renaming
 * the folder when DIR does not exist yet, or file by file (each rename is
 * atomic) when it does, putting back the files already moved if a later
 * rename fails. On any failure the temporary folder and any parent folder
 * created for DIR are removed, and DIR is left exactly as it was.
 *
 * The move into place is one step for other cohort processes and for the
 * signals that end a process (found by an audit, session 34):
 * - it holds an exclusive lock on DIR's parent folder (flock), so that two
 *   runs writing the same DIR at once queue: DIR ends with the whole set of
 *   one of them, never a mix, and the second of two runs that both found
 *   no DIR moves its files into the DIR the first made, instead of failing;
 * - SIGINT, SIGTERM, SIGHUP and SIGQUIT wait until it is done (a second
 *   Ctrl-C during the renames left DIR mixing two runs): a few renames, so
 *   the wait is not felt; while the files are written into the temporary
 *   folder, they end the process at once as before;
 * - a temporary folder left by a process killed while writing (its process
 *   gone, untouched for a minute) is removed by the next run into DIR.
 */
#define _GNU_SOURCE
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
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

/* Removes a temporary folder of this set: its files, their .old- copies,
 * then the folder if nothing else is in it. */
static void remove_tmp(const char *tmp, const char *const *names, int n)
{
    for (int k = 0; k < n; k++) {
        char *p = xasprintf("%s/%s", tmp, names[k]);
        unlink(p);
        free(p);
        p = xasprintf("%s/.old-%s", tmp, names[k]);
        unlink(p);
        free(p);
    }
    rmdir(tmp);
}

/* The signals that end a process, held back while the files move. */
static void hold_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

/* An exclusive lock on the folder that holds target (flock on the folder
 * itself: no lock file to leave behind). Returns the descriptor to close,
 * or -1 when the file system offers no lock (the move then goes on without
 * one, as before). */
static int lock_parent(const char *target)
{
    char *parent = parent_dir(target);
    int fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(parent);
    if (fd < 0)
        return -1;
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

/* Removes what a process killed while writing left beside target: folders
 * named TARGET.tmp-PID-N whose PID is no process here and that nobody has
 * touched for a minute, holding only the files of this set (and their
 * .old- copies); anything else in such a folder keeps it. */
static void sweep_stale(const char *target, const char *const *names, int n)
{
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    char *parent = parent_dir(target);
    DIR *dp = opendir(parent);
    if (!dp) {
        free(parent);
        return;
    }
    size_t bl = strlen(base);
    struct dirent *e;
    while ((e = readdir(dp))) {
        const char *nm = e->d_name;
        if (strncmp(nm, base, bl) || strncmp(nm + bl, ".tmp-", 5))
            continue;
        char *end;
        long pid = strtol(nm + bl + 5, &end, 10);
        if (end == nm + bl + 5 || *end != '-' || pid <= 0 || pid == (long)getpid() ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char *dirp = xasprintf("%s/%s", parent, nm);
        struct stat st;
        if (lstat(dirp, &st) == 0 && S_ISDIR(st.st_mode) && time(NULL) - st.st_mtime > 60)
            remove_tmp(dirp, names, n);
        free(dirp);
    }
    closedir(dp);
    free(parent);
}

/* COHORT_OUTDIR_TEST_PAUSE=FILE: creates FILE after the first file moved
 * into an existing DIR and waits a second there, so that a test can send
 * signals in the middle of the move. */
static void test_pause(void)
{
    const char *pause = getenv("COHORT_OUTDIR_TEST_PAUSE");
    if (!pause || !*pause)
        return;
    FILE *f = fopen(pause, "w");
    if (f)
        fclose(f);
    struct timespec ts = {1, 0};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
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
    int rc = COHORT_OK, moved = 0, held = 0, lock = -1;
    sigset_t old_mask;
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
    /* a fresh name: a folder left by an earlier process that had this
       process's id (ids are reused) is passed over */
    static unsigned counter;
    int made_tmp = 0, err = 0;
    for (int tries = 0; !made_tmp && tries < 1000; tries++) {
        tmp = xasprintf("%s.tmp-%ld-%u", target, (long)getpid(), counter++);
        made_tmp = mkdir(tmp, 0777) == 0;
        err = errno;
        if (!made_tmp) {
            free(tmp);
            tmp = NULL;
            if (err != EEXIST)
                break;
        }
    }
    if (!made_tmp) {
        diag_error(d, "%s: cannot create a temporary folder beside it: %s", target,
                   strerror(err));
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
    /* the move into place: one step for other cohort processes and for
       the signals that end a process (the file's header) */
    hold_signals(&old_mask);
    held = 1;
    lock = lock_parent(target);
    sweep_stale(target, names, n);
    target_exists = stat(target, &st) == 0; /* another run may have made it */
    if (target_exists && !S_ISDIR(st.st_mode)) {
        diag_error(d, "%s: exists and is not a folder (expected a folder for the outputs)", target);
        rc = COHORT_EIO;
        goto done;
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
        } else if (++moved == 1) {
            test_pause();
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
        remove_tmp(tmp, names, n); /* whatever is left of it */
        free(tmp);
    }
    unmake(&parents, rc != COHORT_OK);
    if (lock >= 0)
        close(lock); /* releases the lock */
    if (held)
        pthread_sigmask(SIG_SETMASK, &old_mask, NULL); /* a signal held back acts now */
    free(had_old);
    free(target);
    return rc;
}
