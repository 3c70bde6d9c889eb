/* test_e2e_store.c - the real `cohort` binary with a real store file:
 * solve --db of two different scenarios into one file, then runs, show,
 * compare and replay (byte-identical outputs) from the command line; every
 * hand-solved case of tests/e2e/solve replays byte for byte; a `cohort
 * solve --db` killed with SIGKILL in the middle of its write leaves the
 * committed runs only; two processes recording 20 runs each lose none;
 * sweeps write their table, chart and summary, record their variants, and
 * refuse bad keys or values before writing anything. */
#define _GNU_SOURCE
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CASES TESTS_DIR "/e2e/solve"
#define MESSY CASES "/messy-input"
#define C1 CASES "/c1-one-challenge-each"

static const char *const OUTS[] = {"cohort.json", "cohort.csv", "finance.csv", "report.html"};

static int same_file(const char *a, const char *b)
{
    size_t na, nb;
    char *x = read_file(a, &na), *y = read_file(b, &nb);
    int same = x && y && na == nb && !memcmp(x, y, na);
    if (!same)
        printf("\n  %s and %s differ", a, b);
    free(x);
    free(y);
    return same;
}

static int same_outputs(const char *da, const char *db)
{
    int ok = 1;
    for (int k = 0; k < 4; k++) {
        char *a = path_join(da, OUTS[k]), *b = path_join(db, OUTS[k]);
        ok &= same_file(a, b);
        free(a);
        free(b);
    }
    return ok;
}

static int count_runs(const char *db)
{
    const char *args[] = {"runs", "--db", db, "--json", NULL};
    char *out = NULL;
    int rc = run_cohort_out(args, &out, NULL);
    cJSON *j = rc == 0 ? cJSON_Parse(out) : NULL;
    int n = cJSON_IsArray(j) ? cJSON_GetArraySize(j) : -1;
    cJSON_Delete(j);
    free(out);
    return n;
}

/* ---- the "done when" walk-through ---- */

static void test_two_scenarios_one_file(void)
{
    char *tmp = make_temp_dir("e2e-store");
    char *db = path_join(tmp, "runs.db"), *o1 = path_join(tmp, "o1"), *o2 = path_join(tmp, "o2"),
         *r1 = path_join(tmp, "r1"), *r2 = path_join(tmp, "r2");
    const char *s1[] = {"solve", EIG5, "--out", o1, "--db", db, NULL};
    const char *s2[] = {"solve", MESSY, "--out", o2, "--db", db, "--quiet", NULL};
    char *err = NULL;
    CU_ASSERT_EQUAL(run_cohort(s1, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "recorded as run 1 in") ? err : NULL);
    free(err);
    CU_ASSERT_EQUAL(run_cohort(s2, NULL), 0);

    char *out = NULL;
    const char *runs[] = {"runs", "--db", db, "--json", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(runs, &out, NULL), 0);
    cJSON *arr = cJSON_Parse(out);
    CU_ASSERT_FATAL(cJSON_IsArray(arr) && cJSON_GetArraySize(arr) == 2);
    const cJSON *e;
    int k = 0;
    cJSON_ArrayForEach(e, arr)
    {
        CU_ASSERT_EQUAL(cJSON_GetObjectItem(e, "id")->valueint, ++k);
        CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(e, "status")->valuestring, "optimal");
        CU_ASSERT(cJSON_IsObject(cJSON_GetObjectItem(e, "objective")));
        CU_ASSERT(cJSON_IsString(cJSON_GetObjectItem(e, "created")));
        CU_ASSERT(cJSON_IsString(cJSON_GetObjectItem(e, "name")));
    }
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 1), "name")->valuestring,
                           "Messy input: BOM, CRLF, quotes, accents, shuffled and extra columns");
    cJSON_Delete(arr);
    free(out);
    const char *runs_text[] = {"runs", "--db", db, NULL};
    CU_ASSERT_EQUAL(run_cohort_out(runs_text, &out, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "EIG 5 (2021)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Messy input"));
    free(out);

    const char *show[] = {"show", "--db", db, "1", "--json", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(show, &out, NULL), 0);
    cJSON *one = cJSON_Parse(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    cJSON *cj = NULL;
    char *cjp = path_join(o1, "cohort.json");
    cj = read_json(cjp);
    free(cjp);
    /* show agrees with the cohort.json the run wrote */
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(one, "teams")),
                    cJSON_GetArraySize(cJSON_GetObjectItem(cj, "teams")));
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(one, "objective"), "rank")->valueint,
                    cJSON_GetObjectItem(cJSON_GetObjectItem(cj, "objective"), "rank")->valueint);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(one, "unassigned")),
                    cJSON_GetArraySize(cJSON_GetObjectItem(cj, "unassigned")));
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(one, "inputs"), "preferences")
                        ->valueint, 1001);
    cJSON_Delete(one);
    cJSON_Delete(cj);
    free(out);
    const char *show_text[] = {"show", "--db", db, "last", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(show_text, &out, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "run 2: Messy input"));
    free(out);

    const char *cmp[] = {"compare", "--db", db, "1", "2", "--json", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(cmp, &out, NULL), 0);
    cJSON *c = cJSON_Parse(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* different scenarios: everyone of run 1 left, everyone of run 2 joined */
    const cJSON *mv = cJSON_GetObjectItem(c, "moved");
    CU_ASSERT_EQUAL(cJSON_GetArraySize(mv), 39 + 6);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(c, "left")), 39);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(c, "joined")), 6);
    const cJSON *m0 = cJSON_GetArrayItem(mv, 0);
    CU_ASSERT(cJSON_IsString(cJSON_GetObjectItem(m0, "candidate")));
    CU_ASSERT(cJSON_IsString(cJSON_GetObjectItem(m0, "from")));
    CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(m0, "to")));
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(c, "objective_delta"), "filled")
                        ->valueint, 6 - 39);
    CU_ASSERT(cJSON_IsObject(cJSON_GetObjectItem(c, "totals_delta")));
    CU_ASSERT(cJSON_IsArray(cJSON_GetObjectItem(c, "hosts_delta")));
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(c, "newly_staffed")), 2);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(c, "newly_unstaffed")), 16);
    cJSON_Delete(c);
    free(out);
    const char *cmp_text[] = {"compare", "--db", db, "1", "2", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(cmp_text, &out, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "moved: 45 candidates (6 joined, 39 left, 0 changed "
                                       "team)"));
    free(out);

    const char *rp1[] = {"replay", "--db", db, "1", "--out", r1, NULL};
    const char *rp2[] = {"replay", "--db", db, "2", "--out", r2, NULL};
    CU_ASSERT_EQUAL(run_cohort(rp1, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "identical") ? err : NULL);
    free(err);
    CU_ASSERT_EQUAL(run_cohort(rp2, NULL), 0);
    CU_ASSERT(same_outputs(o1, r1));
    CU_ASSERT(same_outputs(o2, r2));
    char *scen = path_join(r1, "scenario");
    CU_ASSERT_EQUAL(dir_count(scen), 7);
    /* the written-back folder is an ordinary scenario: solving it gives the
     * same bytes again */
    char *o3 = path_join(tmp, "o3");
    const char *s3[] = {"solve", scen, "--out", o3, "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort(s3, NULL), 0);
    CU_ASSERT(same_outputs(o1, o3));
    free(scen);
    free(o3);
    remove_tree(tmp);
    free(tmp);
    free(db);
    free(o1);
    free(o2);
    free(r1);
    free(r2);
}

/* every hand-solved case: solve --db, then replay gives the same bytes */
static void test_every_case_replays(void)
{
    char *tmp = make_temp_dir("e2e-store");
    char *db = path_join(tmp, "runs.db");
    DIR *d = opendir(CASES);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    int id = 0, ncases = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *dir = path_join(CASES, e->d_name), *ep = path_join(dir, "expect.json");
        cJSON *ex = read_json(ep);
        free(ep);
        if (!ex) {
            free(dir);
            continue;
        }
        const cJSON *inp = cJSON_GetObjectItem(ex, "input");
        char *input = cJSON_IsString(inp) ? path_join(dir, inp->valuestring) : strdup(dir);
        char *o = path_join(tmp, "o"), *r = path_join(tmp, "r");
        const char *solve[] = {"solve", input, "--out", o, "--db", db, "--quiet", NULL};
        int rc = run_cohort(solve, NULL);
        if (rc == 0 || rc == 1) {
            char run[16];
            snprintf(run, sizeof run, "%d", ++id);
            const char *rp[] = {"replay", "--db", db, run, "--out", r, "--quiet", NULL};
            char *err = NULL;
            int rrc = run_cohort(rp, &err);
            if (rrc != 0 || !same_outputs(o, r))
                printf("\n  %s: replay exit %d: %s", e->d_name, rrc, err ? err : "");
            CU_ASSERT_EQUAL(rrc, 0);
            CU_ASSERT(same_outputs(o, r));
            free(err);
            ncases++;
        }
        remove_tree(o);
        remove_tree(r);
        free(o);
        free(r);
        free(input);
        free(dir);
        cJSON_Delete(ex);
    }
    closedir(d);
    CU_ASSERT(ncases >= 20);
    CU_ASSERT_EQUAL(count_runs(db), ncases);
    remove_tree(tmp);
    free(tmp);
    free(db);
}

/* ---- robustness ---- */

static pid_t spawn_paused(const char *const *args, const char *marker)
{
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        setenv("COHORT_STORE_TEST_PAUSE", marker, 1);
        int n = 0;
        while (args[n])
            n++;
        char **argv = calloc((size_t)n + 2, sizeof *argv);
        argv[0] = (char *)COHORT_BIN;
        for (int k = 0; k < n; k++)
            argv[k + 1] = (char *)args[k];
        execv(COHORT_BIN, argv);
        _exit(127);
    }
    return pid;
}

static void test_solve_killed_mid_write(void)
{
    char *tmp = make_temp_dir("e2e-store");
    char *db = path_join(tmp, "runs.db"), *o = path_join(tmp, "o"),
         *marker = path_join(tmp, "paused");
    const char *s[] = {"solve", EIG5, "--out", o, "--db", db, "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort(s, NULL), 0);
    CU_ASSERT_EQUAL(run_cohort(s, NULL), 0);
    pid_t pid = spawn_paused(s, marker);
    int waited = 0;
    while (access(marker, F_OK) != 0 && waited++ < 3000)
        usleep(10000);
    CU_ASSERT_EQUAL(access(marker, F_OK), 0);
    kill(pid, SIGKILL);
    int st;
    waitpid(pid, &st, 0);
    CU_ASSERT(WIFSIGNALED(st));
    CU_ASSERT_EQUAL(count_runs(db), 2);
    CU_ASSERT_EQUAL(run_cohort(s, NULL), 0);
    CU_ASSERT_EQUAL(count_runs(db), 3);
    const char *show[] = {"show", "--db", db, "3", "--json", NULL};
    char *out = NULL;
    CU_ASSERT_EQUAL(run_cohort_out(show, &out, NULL), 0);
    cJSON *j = cJSON_Parse(out);
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "inputs"), "candidates")->valueint,
                    471);
    cJSON_Delete(j);
    free(out);
    remove_tree(tmp);
    free(tmp);
    free(db);
    free(o);
    free(marker);
}

static void test_two_coordinators_at_once(void)
{
    char *tmp = make_temp_dir("e2e-store");
    char *db = path_join(tmp, "runs.db");
    pid_t pid[2];
    fflush(stdout);
    for (int w = 0; w < 2; w++) {
        pid[w] = fork();
        if (pid[w] == 0) {
            char o[512];
            snprintf(o, sizeof o, "%s/o%d", tmp, w);
            const char *s[] = {"solve", C1, "--out", o, "--db", db, "--quiet", NULL};
            for (int k = 0; k < 20; k++)
                if (run_cohort(s, NULL) != 0)
                    _exit(1);
            _exit(0);
        }
    }
    for (int w = 0; w < 2; w++) {
        int st;
        waitpid(pid[w], &st, 0);
        CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    CU_ASSERT_EQUAL(count_runs(db), 40);
    remove_tree(tmp);
    free(tmp);
    free(db);
}

static void test_bad_store_and_runs(void)
{
    char *tmp = make_temp_dir("e2e-store");
    char *txt = path_join(tmp, "notes.txt"), *o = path_join(tmp, "o"),
         *missing = path_join(tmp, "missing.db"), *db = path_join(tmp, "runs.db");
    write_file(txt, "this is a text file, not a store of runs, and it is long enough\n");
    const char *s[] = {"solve", C1, "--out", o, "--db", txt, NULL};
    char *err = NULL;
    CU_ASSERT_EQUAL(run_cohort(s, &err), 2);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "not a cohort store") ? err : NULL);
    free(err);
    CU_ASSERT(!dir_exists(o)); /* nothing written */
    const char *runs[] = {"runs", "--db", missing, NULL};
    CU_ASSERT_EQUAL(run_cohort(runs, NULL), 2);
    CU_ASSERT_EQUAL(access(missing, F_OK), -1);
    /* a solve refused for bad input makes no new store either */
    char *nowhere = path_join(tmp, "no-such-scenario");
    const char *bad[] = {"solve", nowhere, "--out", o, "--db", missing, NULL};
    CU_ASSERT_EQUAL(run_cohort(bad, NULL), 2);
    CU_ASSERT_EQUAL(access(missing, F_OK), -1);
    free(nowhere);
    const char *s2[] = {"solve", C1, "--out", o, "--db", db, "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort(s2, NULL), 0);
    const char *show[] = {"show", "--db", db, "7", NULL};
    CU_ASSERT_EQUAL(run_cohort(show, &err), 2);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "no such run") ? err : NULL);
    free(err);
    const char *cmp[] = {"compare", "--db", db, "1", NULL};
    CU_ASSERT_EQUAL(run_cohort(cmp, NULL), 2);
    char *r = path_join(tmp, "r");
    const char *rp[] = {"replay", "--db", db, "2", "--out", r, NULL};
    CU_ASSERT_EQUAL(run_cohort(rp, NULL), 2);
    CU_ASSERT(!dir_exists(r));
    remove_tree(tmp);
    free(tmp);
    free(txt);
    free(o);
    free(missing);
    free(db);
    free(r);
}

/* ---- sweeps ---- */

static int count_lines(const char *text)
{
    int n = 0;
    for (const char *p = text; p && *p; p++)
        n += *p == '\n';
    return n;
}

static void test_envelope_sweep(void)
{
    char *tmp = make_temp_dir("e2e-sweep");
    char *out = path_join(tmp, "sweep"), *out2 = path_join(tmp, "sweep2"),
         *db = path_join(tmp, "runs.db"), *base = path_join(tmp, "base");
    const char *sw[] = {"sweep", EIG5, "--set", "cofinancing.envelope=400000:1600000:100000",
                        "--out", out, "--db", db, NULL};
    char *err = NULL;
    CU_ASSERT_EQUAL(run_cohort(sw, &err), 0);
    /* progress: one line per variant */
    for (int k = 1; k <= 13; k++) {
        char tag[32];
        snprintf(tag, sizeof tag, "[%d/13] cofinancing.envelope=", k);
        CU_ASSERT_PTR_NOT_NULL(err && strstr(err, tag) ? err : NULL);
    }
    free(err);
    char *csvp = path_join(out, "sweep.csv"), *svgp = path_join(out, "sweep.svg"),
         *mdp = path_join(out, "sweep.md");
    char *csv = read_file(csvp, NULL), *svg = read_file(svgp, NULL), *md = read_file(mdp, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(svg);
    CU_ASSERT_PTR_NOT_NULL_FATAL(md);
    CU_ASSERT_EQUAL(count_lines(csv), 14);
    CU_ASSERT_EQUAL(strncmp(csv, "cofinancing.envelope,status,staffed,filled,rank,cost,"
                                 "programme_share", 66), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\r\n400000,infeasible,"));
    CU_ASSERT_PTR_NULL(strstr(csv, "0\n")); /* CRLF only */
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\n700000,optimal,16,39,175,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\n1600000,optimal,16,40,184,"));
    CU_ASSERT_EQUAL(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(svg, "</svg>\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(svg, "<polyline"));
    CU_ASSERT_PTR_NOT_NULL(strstr(svg, "staffed challenges"));
    CU_ASSERT_PTR_NOT_NULL(strstr(svg, "filled positions"));
    CU_ASSERT_PTR_NOT_NULL(strstr(svg, "rank cost"));
    CU_ASSERT_PTR_NOT_NULL(strstr(svg, ">cofinancing.envelope</text>"));
    /* self-contained: the namespace is its only URL, no link, image or script */
    CU_ASSERT_PTR_NULL(strstr(strstr(svg, "http") + 4, "http"));
    CU_ASSERT_PTR_NULL(strstr(svg, "href"));
    CU_ASSERT_PTR_NULL(strstr(svg, "<script"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "What each extra step buys"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "600000 → 700000: +5 specialists"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "Beyond 800000"));
    /* the variants are runs of the store, labelled */
    CU_ASSERT_EQUAL(count_runs(db), 13);
    const char *show[] = {"show", "--db", db, "4", "--json", NULL};
    char *sout = NULL;
    CU_ASSERT_EQUAL(run_cohort_out(show, &sout, NULL), 0);
    cJSON *j = cJSON_Parse(sout);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "label")->valuestring,
                           "cofinancing.envelope=700000");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "command")->valuestring, "sweep");
    cJSON_Delete(j);
    free(sout);
    /* the 700000 variant is eig5 itself: its replay equals a plain solve */
    const char *s[] = {"solve", EIG5, "--out", base, "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort(s, NULL), 0);
    char *r = path_join(tmp, "r");
    const char *rp[] = {"replay", "--db", db, "4", "--out", r, "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort(rp, NULL), 0);
    CU_ASSERT(same_outputs(base, r));
    /* same input, same bytes; --quiet is quiet */
    const char *sw2[] = {"sweep", EIG5, "--set", "cofinancing.envelope=400000:1600000:100000",
                         "--out", out2, "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort(sw2, &err), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "x", "");
    free(err);
    static const char *const names[] = {"sweep.csv", "sweep.svg", "sweep.md"};
    for (int k = 0; k < 3; k++) {
        char *a = path_join(out, names[k]), *b = path_join(out2, names[k]);
        CU_ASSERT(same_file(a, b));
        free(a);
        free(b);
    }
    free(csv);
    free(svg);
    free(md);
    free(csvp);
    free(svgp);
    free(mdp);
    free(r);
    remove_tree(tmp);
    free(tmp);
    free(out);
    free(out2);
    free(db);
    free(base);
}

static void test_grid_sweep(void)
{
    char *tmp = make_temp_dir("e2e-sweep");
    char *out = path_join(tmp, "grid");
    const char *sw[] = {"sweep", EIG5, "--set", "cofinancing.envelope=600000:800000:100000",
                        "--set", "team_size.max=2,3", "--out", out, "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort(sw, NULL), 0);
    char *p = path_join(out, "sweep.csv");
    char *csv = read_file(p, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    CU_ASSERT_EQUAL(count_lines(csv), 7);
    CU_ASSERT_EQUAL(strncmp(csv, "cofinancing.envelope,team_size.max,status,", 42), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\n700000,3,optimal,16,39,175,"));
    free(csv);
    free(p);
    remove_tree(tmp);
    free(tmp);
    free(out);
}

static void test_sweep_refuses_bad_input(void)
{
    char *tmp = make_temp_dir("e2e-sweep");
    char *out = path_join(tmp, "sweep"), *db = path_join(tmp, "runs.db");
    const char *cases[][2] = {
        {"cofinancing.envelop=1:2:1", "not a numeric scenario key"},
        {"cofinancing.envelope=abc:2:1", "FROM:TO:STEP"},
        {"cofinancing.envelope=100:50:10", "step"},
        {"cofinancing.envelope=100:200:0", "step"},
        {"cofinancing.envelope=400000:800000:300000", "goes past TO after 700000, to 1000000"},
        {"duration_months=0:12:6", "duration_months"}, /* 0 is refused, before any solve */
        {"hosts.nobody.budget=1,2", "unknown host"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *sw[] = {"sweep", EIG5, "--set", cases[k][0], "--out", out, "--db", db, NULL};
        char *err = NULL;
        int rc = run_cohort(sw, &err);
        CU_ASSERT_EQUAL(rc, 2);
        if (!err || !strstr(err, cases[k][1]))
            printf("\n  --set %s: expected '%s' in: %s", cases[k][0], cases[k][1],
                   err ? err : "");
        CU_ASSERT_PTR_NOT_NULL(err ? strstr(err, cases[k][1]) : NULL);
        CU_ASSERT(!dir_exists(out));
        free(err);
    }
    CU_ASSERT_EQUAL(access(db, F_OK), -1); /* nothing recorded: not even a new store */
    const char *three[] = {"sweep", EIG5, "--set", "duration_months=9,10", "--set",
                           "team_size.max=2,3", "--set", "cohort_size.max=40", "--out", out,
                           NULL};
    CU_ASSERT_EQUAL(run_cohort(three, NULL), 2);
    const char *noset[] = {"sweep", EIG5, "--out", out, NULL};
    CU_ASSERT_EQUAL(run_cohort(noset, NULL), 2);
    CU_ASSERT(!dir_exists(out));
    remove_tree(tmp);
    free(tmp);
    free(out);
    free(db);
}

int main(void)
{
    static const test_case cases[] = {
        {"two scenarios in one store: runs, show, compare, replay", test_two_scenarios_one_file},
        {"every hand-solved case replays byte for byte", test_every_case_replays},
        {"cohort solve --db killed mid-write", test_solve_killed_mid_write},
        {"two coordinators recording 20 runs each", test_two_coordinators_at_once},
        {"bad store files, unknown runs", test_bad_store_and_runs},
        {"13-value envelope sweep on eig5 with chart and store", test_envelope_sweep},
        {"a two-key grid sweep", test_grid_sweep},
        {"sweeps refuse bad keys and values, writing nothing", test_sweep_refuses_bad_input},
        {NULL, NULL},
    };
    return run_suite("e2e store", cases);
}
