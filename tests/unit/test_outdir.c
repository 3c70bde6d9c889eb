/* test_outdir.c - the set of output files moved into place as one step
 * (outdir.c): for other processes writing the same folder, for signals
 * that arrive in the middle of the move, and for what a killed process
 * left behind. */
#define _GNU_SOURCE
#include "internal.h"
#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

static const char *const NAMES[] = {"cohort.json", "cohort.csv", "finance.csv", "report.html"};
#define NF 4

/* Writes the four files of run `tag` into dir: each file says its tag. */
static int write_run(const char *dir, int tag)
{
    sbuf b[NF];
    for (int k = 0; k < NF; k++) {
        sb_init(&b[k]);
        sb_printf(&b[k], "run %d, file %s\n", tag, NAMES[k]);
        /* some bulk, so that writing takes a moment */
        for (int q = 0; q < 2000; q++)
            sb_puts(&b[k], "0123456789abcdef0123456789abcdef\n");
    }
    cohort_diag d;
    cohort_diag_init(&d);
    int rc = write_file_atomic_dir(dir, NAMES, b, NF, &d);
    for (int k = 0; k < d.nerrors; k++)
        printf("\n  run %d: %s", tag, d.errors[k]);
    cohort_diag_clear(&d);
    for (int k = 0; k < NF; k++)
        sb_free(&b[k]);
    return rc;
}

/* The run whose files dir holds, or -1 when they are not one run's. */
static int run_in(const char *dir)
{
    int tag = -2;
    for (int k = 0; k < NF; k++) {
        char *p = path_join(dir, NAMES[k]);
        char *text = read_file(p, NULL);
        free(p);
        int t = -1;
        if (!text || sscanf(text, "run %d,", &t) != 1)
            t = -1;
        free(text);
        if (t < 0 || (tag != -2 && t != tag))
            return -1;
        tag = t;
    }
    return tag;
}

/* Entries of dir other than . and .. */
static int entries(const char *dir)
{
    char *names[64];
    int n = test_list_dir(dir, names, 64, 1);
    for (int k = 0; k < n; k++)
        free(names[k]);
    return n;
}

/* Four processes write the same folder at once, 20 times, into a folder
   that does not exist yet and into one that does: every run succeeds (two
   that both found no folder once failed with "Directory not empty"), the
   folder holds the whole set of one of them, and nothing else is left. */
static void test_concurrent_runs(void)
{
    char *tmp = make_temp_dir("outdir");
    for (int trial = 0; trial < 40; trial++) {
        char name[32];
        snprintf(name, sizeof name, "out%d", trial % 20);
        char *dir = path_join(tmp, name);
        pid_t pids[4];
        for (int c = 0; c < 4; c++) {
            pids[c] = fork();
            if (pids[c] == 0)
                _exit(write_run(dir, trial * 10 + c) == COHORT_OK ? 0 : 1);
        }
        int ok = 1;
        for (int c = 0; c < 4; c++) {
            int st = 0;
            waitpid(pids[c], &st, 0);
            ok &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
        }
        CU_ASSERT(ok);
        int tag = run_in(dir);
        CU_ASSERT(tag >= trial * 10 && tag < trial * 10 + 4);
        CU_ASSERT_EQUAL(entries(dir), NF);
        free(dir);
    }
    CU_ASSERT_EQUAL(entries(tmp), 20); /* no temporary folder left */
    remove_tree(tmp);
    free(tmp);
}

/* Two Ctrl-C in the middle of the move into an existing folder (the
   process paused after its first file, COHORT_OUTDIR_TEST_PAUSE): the
   signals wait until the set is in place and the temporary folder gone,
   then end the process. DIR once mixed the new run's first file with the
   old run's others. */
static void test_signals_wait(void)
{
    char *tmp = make_temp_dir("outdir-sig");
    char *dir = path_join(tmp, "out"), *marker = path_join(tmp, "paused");
    CU_ASSERT_EQUAL_FATAL(write_run(dir, 1), COHORT_OK);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("COHORT_OUTDIR_TEST_PAUSE", marker, 1);
        signal(SIGINT, SIG_DFL);
        _exit(write_run(dir, 2) == COHORT_OK ? 0 : 1);
    }
    for (int k = 0; k < 1000 && access(marker, F_OK) != 0; k++)
        usleep(10000);
    CU_ASSERT_EQUAL_FATAL(access(marker, F_OK), 0);
    kill(pid, SIGINT);
    usleep(50000);
    kill(pid, SIGINT);
    int st = 0;
    waitpid(pid, &st, 0);
    CU_ASSERT(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT); /* it did end, after the move */
    CU_ASSERT_EQUAL(run_in(dir), 2);
    CU_ASSERT_EQUAL(entries(dir), NF);
    CU_ASSERT_EQUAL(entries(tmp), 2); /* out and the marker: no temporary folder */
    remove_tree(tmp);
    free(tmp);
    free(dir);
    free(marker);
}

/* A temporary folder left by a process killed while writing (its process
   gone, untouched for a minute) is removed by the next run; one whose
   process lives, one touched just now, and one holding a file of its own
   are kept; names taken under this process's own id are passed over (a
   run once failed on "File exists"). */
static void test_stale_left_behind(void)
{
    char *tmp = make_temp_dir("outdir-stale");
    char *dir = path_join(tmp, "out");
    pid_t dead = fork();
    if (dead == 0)
        _exit(0);
    waitpid(dead, NULL, 0);
    char n1[64], n2[64], n3[64], n4[64];
    snprintf(n1, sizeof n1, "out.tmp-%ld-0", (long)dead);   /* removed */
    snprintf(n2, sizeof n2, "out.tmp-%ld-1", (long)getppid()); /* a live process */
    snprintf(n3, sizeof n3, "out.tmp-%ld-2", (long)dead);   /* touched now */
    snprintf(n4, sizeof n4, "out.tmp-%ld-3", (long)dead);   /* a file of its own */
    const char *all[] = {n1, n2, n3, n4};
    for (int k = 0; k < 4; k++) {
        char *p = path_join(tmp, all[k]);
        CU_ASSERT_EQUAL_FATAL(mkdir(p, 0777), 0);
        char *f = path_join(p, k == 3 ? "notes.txt" : "cohort.json");
        write_file(f, "left behind\n");
        free(f);
        if (k != 2) {
            struct utimbuf old = {time(NULL) - 3600, time(NULL) - 3600};
            CU_ASSERT_EQUAL(utime(p, &old), 0);
        }
        free(p);
    }
    /* and folders under this process's own id, as a killed process with
       the same id (ids are reused) would leave: passed over */
    for (int k = 0; k < 50; k++) {
        char own[64];
        snprintf(own, sizeof own, "out.tmp-%ld-%d", (long)getpid(), k);
        char *p = path_join(tmp, own);
        mkdir(p, 0777);
        free(p);
    }
    CU_ASSERT_EQUAL(write_run(dir, 7), COHORT_OK);
    CU_ASSERT_EQUAL(run_in(dir), 7);
    for (int k = 0; k < 4; k++) {
        char *p = path_join(tmp, all[k]);
        CU_ASSERT_EQUAL(access(p, F_OK) == 0, k != 0);
        free(p);
    }
    remove_tree(tmp);
    free(tmp);
    free(dir);
}

int main(void)
{
    static const test_case cases[] = {
        {"four runs at once into one folder: one whole set each time", test_concurrent_runs},
        {"Ctrl-C during the move waits for the whole set", test_signals_wait},
        {"what a killed run left is removed by the next", test_stale_left_behind},
        {NULL, NULL}};
    return run_suite("outdir", cases);
}
