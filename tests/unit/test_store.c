/* test_store.c - the SQLite store (src/store.c, runview.c, compare.c) on real
 * files: two processes writing at once lose nothing, a process killed in the
 * middle of a write leaves exactly the runs committed before, a store of the
 * previous schema version (v1, created here as that version shipped) is
 * migrated with its runs intact, a replay gives byte-identical outputs, and
 * a comparison reports exactly the moves between two results. */
#define _GNU_SOURCE
#include "internal.h"
#include "testutil.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MESSY TESTS_DIR "/e2e/solve/messy-input"
#define C1 TESTS_DIR "/e2e/solve/c1-one-challenge-each"

static cohort_scenario *load(const char *path)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    cohort_scenario_load(path, &s, &d);
    cohort_diag_clear(&d);
    return s;
}

static cohort_result *solve(const cohort_scenario *s)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_result *r = NULL;
    cohort_solve(s, NULL, &r, &d);
    cohort_diag_clear(&d);
    return r;
}

static cohort_store *open_store(const char *file, int create)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    if (cohort_store_open(file, create, &st, &d))
        for (int k = 0; k < d.nerrors; k++)
            printf("\n  open %s: %s", file, d.errors[k]);
    cohort_diag_clear(&d);
    return st;
}

static int64_t add(cohort_store *st, const cohort_scenario *s, const cohort_result *r)
{
    cohort_diag d;
    cohort_diag_init(&d);
    int64_t id = 0;
    if (cohort_store_add_run(st, s, r, NULL, NULL, NULL, &id, &d))
        for (int k = 0; k < d.nerrors; k++)
            printf("\n  add: %s", d.errors[k]);
    cohort_diag_clear(&d);
    return id;
}

static int count_runs(cohort_store *st)
{
    run_record *recs;
    int n;
    if (store_list(st, &recs, &n, NULL))
        return -1;
    for (int k = 0; k < n; k++)
        run_record_free(&recs[k]);
    free(recs);
    return n;
}

/* Opens FILE directly: integrity, foreign keys, and rows without a run. */
static int sql_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *h;
    int v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &h, NULL) == SQLITE_OK && sqlite3_step(h) == SQLITE_ROW)
        v = sqlite3_column_int(h, 0);
    sqlite3_finalize(h);
    return v;
}

static void check_sound(const char *file)
{
    sqlite3 *db;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_stmt *h;
    CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &h, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_step(h), SQLITE_ROW);
    CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(h, 0), "ok");
    sqlite3_finalize(h);
    CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &h, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_step(h), SQLITE_DONE); /* no violation */
    sqlite3_finalize(h);
    static const char *const tables[] = {"run_params", "run_hosts", "run_challenges",
                                         "run_candidates", "run_applications", "run_assignments",
                                         "run_host_totals", "run_outputs", NULL};
    for (const char *const *t = tables; *t; t++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE run_id NOT IN (SELECT id FROM "
                 "runs)", *t);
        CU_ASSERT_EQUAL(sql_int(db, sql), 0);
    }
    sqlite3_close(db);
}

static char *tmpfile_in(const char *dir, const char *name)
{
    return path_join(dir, name);
}

/* ---- schema, pragmas ---- */

static void test_fresh_store(void)
{
    char *dir = make_temp_dir("store");
    char *file = tmpfile_in(dir, "runs.db");
    cohort_store *st = open_store(file, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(count_runs(st), 0);
    char *text = NULL;
    CU_ASSERT_EQUAL(cohort_store_runs(st, 1, &text, NULL), 0);
    CU_ASSERT_STRING_EQUAL(text, "[]\n");
    free(text);
    cohort_store_close(st);
    sqlite3 *db;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(file, &db), SQLITE_OK);
    CU_ASSERT_EQUAL(sql_int(db, "PRAGMA user_version"), 3);
    CU_ASSERT_EQUAL(sql_int(db, "SELECT count(*) FROM migrations"), 3);
    sqlite3_stmt *h;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &h, NULL);
    CU_ASSERT_EQUAL(sqlite3_step(h), SQLITE_ROW);
    CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(h, 0), "wal"); /* persistent */
    sqlite3_finalize(h);
    sqlite3_close(db);
    remove_tree(dir);
    free(file);
    free(dir);
}

static void test_refuses_other_files(void)
{
    char *dir = make_temp_dir("store");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    /* missing, not created when create = 0 */
    char *missing = tmpfile_in(dir, "missing.db");
    CU_ASSERT_EQUAL(cohort_store_open(missing, 0, &st, &d), COHORT_EINPUT);
    CU_ASSERT_PTR_NULL(st);
    CU_ASSERT(d.nerrors == 1 && strstr(d.errors[0], "no such store"));
    CU_ASSERT_EQUAL(access(missing, F_OK), -1);
    cohort_diag_clear(&d);
    /* a text file */
    char *text = tmpfile_in(dir, "notes.txt");
    write_file(text, "id,name\nthis is not a database, it is a CSV file that is long enough\n");
    CU_ASSERT_EQUAL(cohort_store_open(text, 1, &st, &d), COHORT_EINPUT);
    CU_ASSERT(d.nerrors >= 1 && strstr(d.errors[0], "not a cohort store"));
    cohort_diag_clear(&d);
    char *after = read_file(text, NULL);
    CU_ASSERT_STRING_EQUAL(after, "id,name\nthis is not a database, it is a CSV file that is "
                                  "long enough\n"); /* untouched */
    free(after);
    /* another application's database */
    char *other = tmpfile_in(dir, "other.db");
    sqlite3 *db;
    sqlite3_open(other, &db);
    sqlite3_exec(db, "CREATE TABLE invoices (id INTEGER)", NULL, NULL, NULL);
    sqlite3_close(db);
    CU_ASSERT_EQUAL(cohort_store_open(other, 1, &st, &d), COHORT_EINPUT);
    CU_ASSERT(d.nerrors == 1 && strstr(d.errors[0], "other tables"));
    cohort_diag_clear(&d);
    /* a store from a newer cohort */
    char *newer = tmpfile_in(dir, "newer.db");
    st = open_store(newer, 1);
    cohort_store_close(st);
    st = NULL;
    sqlite3_open(newer, &db);
    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(db);
    CU_ASSERT_EQUAL(cohort_store_open(newer, 1, &st, &d), COHORT_EINPUT);
    CU_ASSERT(d.nerrors == 1 && strstr(d.errors[0], "newer cohort"));
    cohort_diag_clear(&d);
    /* a folder */
    CU_ASSERT_EQUAL(cohort_store_open(dir, 1, &st, &d), COHORT_EINPUT);
    cohort_diag_clear(&d);
    remove_tree(dir);
    free(missing);
    free(text);
    free(other);
    free(newer);
    free(dir);
}

/* ---- what a run holds ---- */

static void test_record_and_read(void)
{
    char *dir = make_temp_dir("store");
    char *file = tmpfile_in(dir, "runs.db");
    cohort_store *st = open_store(file, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    cohort_scenario *s = load(EIG5), *m = load(MESSY);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    cohort_result *r = solve(s), *rm = solve(m);
    CU_ASSERT_EQUAL(add(st, s, r), 1);
    CU_ASSERT_EQUAL(add(st, m, rm), 2);
    run_record rec;
    CU_ASSERT_EQUAL_FATAL(store_read(st, 1, &rec, NULL), 0);
    CU_ASSERT_STRING_EQUAL(rec.status, "optimal");
    CU_ASSERT_STRING_EQUAL(rec.name, s->name);
    CU_ASSERT_STRING_EQUAL(rec.engine, COHORT_VERSION);
    CU_ASSERT_EQUAL(rec.counts[0], s->nhosts);
    CU_ASSERT_EQUAL(rec.counts[1], s->nchals);
    CU_ASSERT_EQUAL(rec.counts[2], s->ncands);
    CU_ASSERT_EQUAL(rec.counts[3], s->napps);
    CU_ASSERT_EQUAL(rec.counts[4], s->nslots);
    CU_ASSERT_EQUAL(rec.counts[5], s->nunav);
    CU_ASSERT_EQUAL(rec.noutputs, 4);
    for (int l = 0; l < NLEVELS; l++)
        CU_ASSERT_EQUAL(rec.level[l], r->level[l]);
    CU_ASSERT_EQUAL(rec.cost, r->total.cost);
    CU_ASSERT_EQUAL(rec.prog, r->total.prog);
    CU_ASSERT_EQUAL(rec.hshare, r->total.host);
    CU_ASSERT_EQUAL(rec.nmem, (int)r->level[LV_FILLED]);
    /* every assignment, as in the result */
    for (int k = 0; k < rec.nmem; k++) {
        int i = sm_get(&s->cand_ix, rec.mem[k].cand);
        CU_ASSERT_FATAL(i >= 0 && r->assign[i] >= 0);
        CU_ASSERT_STRING_EQUAL(rec.mem[k].chal, s->chals[s->apps[r->assign[i]].chal].id);
        CU_ASSERT_EQUAL(rec.mem[k].prog, s->apps[r->assign[i]].prog);
    }
    int64_t hsum = 0;
    for (int k = 0; k < rec.nhosts; k++)
        hsum += rec.hosts[k].prog;
    CU_ASSERT_EQUAL(hsum, r->total.prog);
    CU_ASSERT_STRING_EQUAL(kv_get(&rec.params, "cofinancing.envelope"), "700000");
    run_record_free(&rec);
    /* "last" and unknown runs */
    int64_t id;
    CU_ASSERT_EQUAL(store_resolve(st, "last", &id, NULL), 0);
    CU_ASSERT_EQUAL(id, 2);
    cohort_diag d;
    cohort_diag_init(&d);
    CU_ASSERT_EQUAL(store_resolve(st, "3", &id, &d), COHORT_EINPUT);
    CU_ASSERT_EQUAL(store_resolve(st, "x1", &id, &d), COHORT_EINPUT);
    CU_ASSERT_EQUAL(d.nerrors, 2);
    cohort_diag_clear(&d);
    /* listing: JSON array with the required keys */
    char *text = NULL;
    CU_ASSERT_EQUAL(cohort_store_runs(st, 1, &text, NULL), 0);
    cJSON *arr = cJSON_Parse(text);
    CU_ASSERT_FATAL(cJSON_IsArray(arr) && cJSON_GetArraySize(arr) == 2);
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        static const char *const keys[] = {"id", "name", "status", "objective", "created", NULL};
        for (const char *const *k = keys; *k; k++)
            CU_ASSERT_PTR_NOT_NULL(cJSON_GetObjectItem(e, *k));
    }
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 1),
                                                           "objective"), "rank")->valueint, 21);
    cJSON_Delete(arr);
    free(text);
    /* show, both forms */
    CU_ASSERT_EQUAL(cohort_store_show(st, "2", 1, &text, NULL), 0);
    cJSON *one = cJSON_Parse(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(one, "teams")), 2);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(one, "parameters"),
                                               "diversity.0.attribute")->valuestring,
                           "seniority");
    cJSON_Delete(one);
    free(text);
    CU_ASSERT_EQUAL(cohort_store_show(st, "last", 0, &text, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "D1 (H1): P1 developer"));
    free(text);
    cohort_result_free(r);
    cohort_result_free(rm);
    cohort_scenario_free(s);
    cohort_scenario_free(m);
    cohort_store_close(st);
    check_sound(file);
    remove_tree(dir);
    free(file);
    free(dir);
}

/* ---- replay ---- */

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

static void replay_case(const char *scenario)
{
    char *dir = make_temp_dir("replay");
    char *file = tmpfile_in(dir, "runs.db"), *orig = tmpfile_in(dir, "orig"),
         *again = tmpfile_in(dir, "again"), *rec = tmpfile_in(dir, "rec");
    cohort_store *st = open_store(file, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    cohort_scenario *s = load(scenario);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_result *r = solve(s);
    CU_ASSERT_EQUAL(cohort_write_outputs(s, r, orig, NULL, NULL), 0);
    int64_t id = add(st, s, r);
    CU_ASSERT_FATAL(id > 0);
    char run[16];
    snprintf(run, sizeof run, "%lld", (long long)id);
    cohort_replay_report rep;
    cohort_diag d;
    cohort_diag_init(&d);
    CU_ASSERT_EQUAL(cohort_store_replay(st, run, again, NULL, &rep, &d), 0);
    CU_ASSERT(rep.compared && rep.identical);
    CU_ASSERT_STRING_EQUAL(rep.status, "optimal");
    cohort_replay_opts o;
    cohort_replay_opts_init(&o);
    o.recorded = 1;
    CU_ASSERT_EQUAL(cohort_store_replay(st, run, rec, &o, &rep, &d), 0);
    for (int k = 0; k < d.nerrors; k++)
        printf("\n  replay: %s", d.errors[k]);
    cohort_diag_clear(&d);
    for (int k = 0; k < NOUTPUTS; k++) {
        char *a = path_join(orig, OUTPUT_NAMES[k]), *b = path_join(again, OUTPUT_NAMES[k]),
             *c = path_join(rec, OUTPUT_NAMES[k]);
        CU_ASSERT(same_file(a, b));
        CU_ASSERT(same_file(a, c));
        free(a);
        free(b);
        free(c);
    }
    /* the scenario folder is a real one: it loads, and solves the same way */
    char *scen = path_join(again, "scenario"), *third = tmpfile_in(dir, "third");
    CU_ASSERT(dir_count(scen) >= 5);
    cohort_scenario *s2 = load(scen);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
    CU_ASSERT_STRING_EQUAL(s2->name, s->name);
    CU_ASSERT_EQUAL(s2->napps, s->napps);
    CU_ASSERT_EQUAL(s2->nslots, s->nslots);
    CU_ASSERT_EQUAL(s2->nunav, s->nunav);
    cohort_scenario_free(s2);
    /* replaying into the same folder again is fine */
    CU_ASSERT_EQUAL(cohort_store_replay(st, run, again, NULL, &rep, NULL), 0);
    CU_ASSERT(rep.identical);
    free(scen);
    free(third);
    cohort_result_free(r);
    cohort_scenario_free(s);
    cohort_store_close(st);
    remove_tree(dir);
    free(file);
    free(orig);
    free(again);
    free(rec);
    free(dir);
}

/* ---- the comparison options are recorded, shown and replayed ---- */

static void test_search_options(void)
{
    cohort_solve_opts so, back;
    char text[SEARCH_OPTIONS_SIZE];
    cohort_solve_opts_init(&so);
    search_options_text(&so, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "");
    so.full_search = 1;
    so.root_cuts = 0;
    so.probing = 0;
    so.presolved_root = 0;
    so.money_by_bisection = 1;
    so.rens = 0;
    search_options_text(&so, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "full-search no-root-cuts no-probing no-presolved-root "
                                 "money-by-bisection no-rens");
    cohort_solve_opts_init(&back);
    search_options_read(text, &back);
    CU_ASSERT(back.full_search == 1 && back.root_cuts == 0 && back.probing == 0 &&
              back.presolved_root == 0 && back.money_by_bisection == 1 && back.rens == 0);
    /* whole words only: "xno-probing" and "no-probingx" are not the flag */
    cohort_solve_opts_init(&back);
    search_options_read("xno-probing no-probingx no-root-cuts", &back);
    CU_ASSERT(back.probing == 1 && back.root_cuts == 0 && back.presolved_root == 1);

    char *dir = make_temp_dir("store");
    char *file = tmpfile_in(dir, "runs.db");
    cohort_store *st = open_store(file, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    cohort_scenario *s = load(EIG5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_result *r = solve(s);
    CU_ASSERT_EQUAL(add(st, s, r), 1); /* the defaults */
    cohort_solve_opts_init(&so);
    so.root_cuts = 0;
    so.presolved_root = 0;
    cohort_diag d;
    cohort_diag_init(&d);
    int64_t id = 0;
    CU_ASSERT_EQUAL(cohort_store_add_run(st, s, r, &so, NULL, NULL, &id, &d), 0);
    CU_ASSERT_EQUAL(id, 2);
    cohort_write_opts wo;
    CU_ASSERT_EQUAL(store_options(st, 1, &back, &wo, &d), 0);
    CU_ASSERT(back.root_cuts == 1 && back.presolved_root == 1 && back.probing == 1);
    CU_ASSERT_EQUAL(store_options(st, 2, &back, &wo, &d), 0);
    CU_ASSERT(back.root_cuts == 0 && back.presolved_root == 0 && back.probing == 1 &&
              back.full_search == 0);
    char *out = NULL;
    CU_ASSERT_EQUAL(cohort_store_show(st, "1", 0, &out, &d), 0);
    CU_ASSERT_PTR_NULL(strstr(out, "search --"));
    free(out);
    CU_ASSERT_EQUAL(cohort_store_show(st, "1", 1, &out, &d), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"search_options\": []}"));
    free(out);
    CU_ASSERT_EQUAL(cohort_store_show(st, "2", 0, &out, &d), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, ", search --no-root-cuts --no-presolved-root\n"));
    free(out);
    CU_ASSERT_EQUAL(cohort_store_show(st, "2", 1, &out, &d), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"search_options\": [\"no-root-cuts\", "
                                       "\"no-presolved-root\"]}"));
    free(out);
    /* the replay solves with them, and gives the recorded bytes back */
    char *again = tmpfile_in(dir, "again");
    cohort_replay_report rep;
    CU_ASSERT_EQUAL(cohort_store_replay(st, "2", again, NULL, &rep, &d), 0);
    CU_ASSERT(rep.compared && rep.identical);
    CU_ASSERT_EQUAL(d.nerrors, 0);
    cohort_diag_clear(&d);
    free(again);
    cohort_result_free(r);
    cohort_scenario_free(s);
    cohort_store_close(st);
    remove_tree(dir);
    free(file);
    free(dir);
}

static void test_replay_eig5(void)
{
    replay_case(EIG5);
}

static void test_replay_messy(void)
{
    replay_case(MESSY);
}

/* ---- compare ---- */

/* Two runs in a new store: eig5 as run 1 and eig5 with the parameters
   set (key, value, ..., NULL) as run 2. */
typedef struct two_runs {
    char *dir, *file;
    cohort_store *st;
    cohort_scenario *a, *b;
    cohort_result *ra, *rb;
} two_runs;

static void two_runs_open(two_runs *t, const char *const *set)
{
    t->dir = make_temp_dir("store");
    t->file = tmpfile_in(t->dir, "runs.db");
    t->st = open_store(t->file, 1);
    t->a = load(EIG5);
    t->b = load(EIG5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t->st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t->a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t->b);
    for (int k = 0; set[k]; k += 2)
        CU_ASSERT_EQUAL(cohort_scenario_set(t->b, set[k], set[k + 1], NULL), 0);
    t->ra = solve(t->a);
    t->rb = solve(t->b);
    CU_ASSERT_EQUAL(add(t->st, t->a, t->ra), 1);
    CU_ASSERT_EQUAL(add(t->st, t->b, t->rb), 2);
}

static void two_runs_close(two_runs *t)
{
    cohort_result_free(t->ra);
    cohort_result_free(t->rb);
    cohort_scenario_free(t->a);
    cohort_scenario_free(t->b);
    cohort_store_close(t->st);
    remove_tree(t->dir);
    free(t->file);
    free(t->dir);
}

static void test_compare(void)
{
    two_runs runs;
    two_runs_open(&runs, (const char *const[]){"cofinancing.envelope", "600000",
                                               "objective.jury_weight", "1.5", NULL});
    cohort_store *st = runs.st;
    const cohort_scenario *a = runs.a, *b = runs.b;
    const cohort_result *ra = runs.ra, *rb = runs.rb;
    char *text = NULL;
    CU_ASSERT_EQUAL_FATAL(cohort_store_compare(st, "1", "2", 1, &text, NULL), 0);
    cJSON *j = cJSON_Parse(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    /* the moves, recomputed here from the two results */
    int expected = 0;
    for (int i = 0; i < a->ncands; i++) {
        const char *from = ra->assign[i] >= 0 ? a->chals[a->apps[ra->assign[i]].chal].id : NULL;
        const char *to = rb->assign[i] >= 0 ? b->chals[b->apps[rb->assign[i]].chal].id : NULL;
        if ((!from && !to) || (from && to && !strcmp(from, to)))
            continue;
        expected++;
        int found = 0;
        const cJSON *m;
        cJSON_ArrayForEach(m, cJSON_GetObjectItem(j, "moved"))
        {
            if (strcmp(cJSON_GetObjectItem(m, "candidate")->valuestring, a->cands[i].id))
                continue;
            const cJSON *f = cJSON_GetObjectItem(m, "from"), *t = cJSON_GetObjectItem(m, "to");
            found = (from ? cJSON_IsString(f) && !strcmp(f->valuestring, from) : cJSON_IsNull(f))
                    && (to ? cJSON_IsString(t) && !strcmp(t->valuestring, to) : cJSON_IsNull(t));
        }
        CU_ASSERT(found);
    }
    CU_ASSERT(expected > 0);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "moved")), expected);
    const cJSON *od = cJSON_GetObjectItem(j, "objective_delta");
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(od, "filled")->valueint,
                    (int)(rb->level[LV_FILLED] - ra->level[LV_FILLED]));
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(od, "staffed")->valueint,
                    (int)(rb->level[LV_STAFFED] - ra->level[LV_STAFFED]));
    /* rank on a common scale: b's weights have one decimal */
    double rank_b = (double)rb->level[LV_RANK] / (double)b->rank_scale;
    double rank_a = (double)ra->level[LV_RANK] / (double)a->rank_scale;
    CU_ASSERT_DOUBLE_EQUAL(cJSON_GetObjectItem(od, "rank")->valuedouble, rank_b - rank_a, 1e-9);
    const cJSON *td = cJSON_GetObjectItem(j, "totals_delta");
    CU_ASSERT_DOUBLE_EQUAL(cJSON_GetObjectItem(td, "programme_share")->valuedouble,
                           (double)(rb->total.prog - ra->total.prog) / 100, 1e-6);
    double hsum = 0;
    const cJSON *h;
    cJSON_ArrayForEach(h, cJSON_GetObjectItem(j, "hosts_delta"))
        hsum += cJSON_GetObjectItem(h, "cost")->valuedouble;
    CU_ASSERT_DOUBLE_EQUAL(hsum, (double)(rb->total.cost - ra->total.cost) / 100, 1e-6);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "params_changed")), 2);
    cJSON_Delete(j);
    free(text);
    /* a run against itself: nothing moved */
    CU_ASSERT_EQUAL(cohort_store_compare(st, "2", "last", 1, &text, NULL), 0);
    j = cJSON_Parse(text);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "moved")), 0);
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "objective_delta"), "rank")
                        ->valuedouble, 0);
    cJSON_Delete(j);
    free(text);
    CU_ASSERT_EQUAL(cohort_store_compare(st, "1", "2", 0, &text, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "cofinancing.envelope: 700000 -> 600000"));
    free(text);
    two_runs_close(&runs);
}

/* A run without a cohort says why: show and compare give the conflicts of
   its recorded cohort.json (eig5 with the envelope at 490,000: the cohort
   size and the envelope, as the solve found them), and a run solved
   without the conflict finder (as sweeps solve) says they were not
   searched. */
static void test_why_no_cohort(void)
{
    two_runs t;
    two_runs_open(&t, (const char *const[]){"cofinancing.envelope", "490000", NULL});
    cohort_store *st = t.st;
    cohort_scenario *a = t.a, *b = t.b;
    const cohort_result *ra = t.ra, *rb = t.rb;
    CU_ASSERT_STRING_EQUAL(cohort_result_status(rb), "infeasible");
    CU_ASSERT_EQUAL_FATAL(rb->nconflicts, 2);
    cohort_solve_opts so;
    cohort_solve_opts_init(&so);
    so.explain_infeasible = 0;
    cohort_result *rq = NULL;
    CU_ASSERT_EQUAL(cohort_solve(b, &so, &rq, NULL), COHORT_INFEASIBLE);
    CU_ASSERT_EQUAL(cohort_store_add_run(st, b, rq, &so, NULL, NULL, NULL, NULL), 0);

    char *text = NULL;
    CU_ASSERT_EQUAL_FATAL(cohort_store_show(st, "2", 0, &text, NULL), 0);
    const char *at = strstr(text, "\nwhy no cohort (the rules that cannot all hold)\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    for (int k = 0; k < rb->nconflicts; k++) {
        char line[400];
        snprintf(line, sizeof line, "\n  %s\n", rb->conflicts[k].text);
        CU_ASSERT_PTR_NOT_NULL(strstr(at, line));
    }
    /* as cohort.json: no cohort leaves nobody unassigned */
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nteams\n  none (no cohort)\n"));
    CU_ASSERT_PTR_NULL(strstr(text, "unassigned:"));
    free(text);
    CU_ASSERT_EQUAL_FATAL(cohort_store_show(st, "2", 1, &text, NULL), 0);
    cJSON *j = cJSON_Parse(text);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "unassigned")), 0);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "unstaffed")), 0);
    const cJSON *c = cJSON_GetObjectItem(j, "conflicts");
    CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(c), rb->nconflicts);
    for (int k = 0; k < rb->nconflicts; k++) {
        const cJSON *e = cJSON_GetArrayItem(c, k);
        const conflict *x = &rb->conflicts[k];
        CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(e, "rule")->valuestring, x->rule);
        CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(e, "message")->valuestring, x->text);
        int eur = !strcmp(x->unit, "cents");
        CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(e, "unit")->valuestring, eur ? "EUR" : x->unit);
        CU_ASSERT_DOUBLE_EQUAL(cJSON_GetObjectItem(e, "relax_by")->valuedouble,
                               (double)x->amount / (eur ? 100 : 1), 1e-9);
    }
    cJSON_Delete(j);
    free(text);
    /* a run with a cohort: none */
    CU_ASSERT_EQUAL_FATAL(cohort_store_show(st, "1", 1, &text, NULL), 0);
    j = cJSON_Parse(text);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "conflicts")), 0);
    cJSON_Delete(j);
    CU_ASSERT_PTR_NULL(strstr(text, "why no cohort"));
    free(text);
    /* without the conflict finder */
    CU_ASSERT_EQUAL_FATAL(cohort_store_show(st, "3", 0, &text, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n  not searched (a sweep solves without the conflict "
                                        "finder)"));
    free(text);

    /* compare: b's conflicts, and a's cohort is not listed member by member */
    CU_ASSERT_EQUAL_FATAL(cohort_store_compare(st, "1", "2", 0, &text, NULL), 0);
    at = strstr(text, "\n  why b has none (the rules that cannot all hold):\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    CU_ASSERT_PTR_NOT_NULL(strstr(at, rb->conflicts[0].text));
    CU_ASSERT_PTR_NOT_NULL(strstr(at, rb->conflicts[1].text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ": a's whole cohort, as b has none\n"));
    int listed = 0;
    for (int i = 0; i < a->ncands; i++)
        listed += ra->assign[i] >= 0 && strstr(text, a->cands[i].id) != NULL;
    CU_ASSERT_EQUAL(listed, 0);
    free(text);
    CU_ASSERT_EQUAL_FATAL(cohort_store_compare(st, "1", "2", 1, &text, NULL), 0);
    j = cJSON_Parse(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "a"),
                                                           "conflicts")), 0);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "b"),
                                                           "conflicts")), rb->nconflicts);
    /* the JSON still lists every move */
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "moved")), ra->level[LV_FILLED]);
    cJSON_Delete(j);
    free(text);
    /* neither run has a cohort: both say why */
    CU_ASSERT_EQUAL_FATAL(cohort_store_compare(st, "2", "3", 0, &text, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "(no comparison: neither run has a cohort)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n  why a has none (the rules that cannot all hold):\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n  why b has none (the rules that cannot all hold):\n"
                                        "    not searched"));
    free(text);
    cohort_result_free(rq);
    two_runs_close(&t);
}

/* ---- two writers at once ---- */

static void writer(const char *file, int go_fd, int n)
{
    char c;
    if (read(go_fd, &c, 1) < 0) /* barrier: both start together */
        _exit(3);
    cohort_scenario *s = load(C1);
    cohort_result *r = s ? solve(s) : NULL;
    cohort_store *st = r ? open_store(file, 1) : NULL;
    int ok = st != NULL;
    for (int k = 0; k < n && ok; k++)
        ok = add(st, s, r) > 0;
    cohort_store_close(st);
    cohort_result_free(r);
    cohort_scenario_free(s);
    _exit(ok ? 0 : 1);
}

static void test_concurrent_writers(void)
{
    char *dir = make_temp_dir("store");
    char *file = tmpfile_in(dir, "runs.db"); /* a new file: both also create and migrate it */
    int go[2];
    CU_ASSERT_EQUAL_FATAL(pipe(go), 0);
    pid_t pid[2];
    fflush(stdout);
    for (int k = 0; k < 2; k++) {
        pid[k] = fork();
        if (pid[k] == 0) {
            close(go[1]);
            writer(file, go[0], 20);
        }
    }
    close(go[0]);
    close(go[1]); /* EOF: go */
    for (int k = 0; k < 2; k++) {
        int stt;
        waitpid(pid[k], &stt, 0);
        CU_ASSERT(WIFEXITED(stt) && WEXITSTATUS(stt) == 0);
    }
    cohort_store *st = open_store(file, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    run_record *recs;
    int n;
    CU_ASSERT_EQUAL(store_list(st, &recs, &n, NULL), 0);
    CU_ASSERT_EQUAL(n, 40);
    for (int k = 0; k < n; k++) {
        CU_ASSERT_EQUAL(recs[k].id, k + 1);
        CU_ASSERT_EQUAL(recs[k].counts[2], 3); /* every run complete */
        CU_ASSERT_EQUAL(recs[k].counts[3], 4);
        CU_ASSERT_EQUAL(recs[k].noutputs, 4);
        CU_ASSERT_EQUAL(recs[k].level[LV_FILLED], 2);
        run_record_free(&recs[k]);
    }
    free(recs);
    cohort_store_close(st);
    check_sound(file);
    remove_tree(dir);
    free(file);
    free(dir);
}

/* ---- killed in the middle of a write, or failing there ---- */

static void test_killed_mid_write(void)
{
    char *dir = make_temp_dir("store");
    char *file = tmpfile_in(dir, "runs.db"), *marker = tmpfile_in(dir, "in-transaction");
    cohort_scenario *s = load(C1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_result *r = solve(s);
    cohort_store *st = open_store(file, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(add(st, s, r), 1);
    CU_ASSERT_EQUAL(add(st, s, r), 2);
    cohort_store_close(st);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("COHORT_STORE_TEST_PAUSE", marker, 1);
        cohort_store *cs = open_store(file, 0);
        add(cs, s, r); /* pauses inside its transaction until killed */
        _exit(0);
    }
    int waited = 0;
    while (access(marker, F_OK) != 0 && waited < 2000) {
        usleep(10000);
        waited++;
    }
    CU_ASSERT_EQUAL(access(marker, F_OK), 0);
    /* while the writer holds its transaction, readers still see the 2 runs */
    st = open_store(file, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(count_runs(st), 2);
    cohort_store_close(st);
    kill(pid, SIGKILL);
    int stt;
    waitpid(pid, &stt, 0);
    CU_ASSERT(WIFSIGNALED(stt) && WTERMSIG(stt) == SIGKILL);
    check_sound(file);
    st = open_store(file, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(count_runs(st), 2); /* exactly the runs committed before */
    CU_ASSERT_EQUAL(add(st, s, r), 3);  /* and the store goes on */
    CU_ASSERT_EQUAL(count_runs(st), 3);
    /* a write failing half-way rolls back too */
    setenv("COHORT_STORE_TEST_FAIL", "1", 1);
    cohort_diag d;
    cohort_diag_init(&d);
    CU_ASSERT_EQUAL(cohort_store_add_run(st, s, r, NULL, NULL, NULL, NULL, &d), COHORT_EIO);
    unsetenv("COHORT_STORE_TEST_FAIL");
    CU_ASSERT_EQUAL(d.nerrors, 1);
    cohort_diag_clear(&d);
    CU_ASSERT_EQUAL(count_runs(st), 3);
    CU_ASSERT_EQUAL(add(st, s, r), 4);
    cohort_store_close(st);
    check_sound(file);
    cohort_result_free(r);
    cohort_scenario_free(s);
    remove_tree(dir);
    free(file);
    free(marker);
    free(dir);
}

/* ---- migration from schema version 1 ---- */

/* The schema as version 1 shipped it (store.c's MIGRATIONS[0]), kept here
 * verbatim so that the test does not depend on the code it checks. */
static const char V1_SCHEMA[] =
    "CREATE TABLE migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
    "  applied TEXT NOT NULL);"
    "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL,"
    "  name TEXT NOT NULL, source TEXT NOT NULL, engine_version TEXT NOT NULL,"
    "  command TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('optimal','feasible','infeasible','unknown')),"
    "  gap REAL, proven_levels INTEGER NOT NULL, objective_order TEXT NOT NULL,"
    "  staffed INTEGER NOT NULL, filled INTEGER NOT NULL, rank_scaled INTEGER NOT NULL,"
    "  rank_scale_pow INTEGER NOT NULL, cost INTEGER NOT NULL,"
    "  programme_share INTEGER NOT NULL, host_share INTEGER NOT NULL, time_limit REAL,"
    "  csv_dialect TEXT NOT NULL, load_seconds REAL NOT NULL, solve_seconds REAL NOT NULL);"
    "CREATE TABLE run_params (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
    "  PRIMARY KEY (run_id, pos), UNIQUE (run_id, key));"
    "CREATE TABLE run_hosts (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,"
    "  budget INTEGER, self_financed INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, pos), UNIQUE (run_id, id));"
    "CREATE TABLE run_challenges (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE "
    "  CASCADE, pos INTEGER NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL,"
    "  host TEXT NOT NULL, min_team INTEGER, max_team INTEGER, needs TEXT NOT NULL,"
    "  must_staff INTEGER NOT NULL, PRIMARY KEY (run_id, pos), UNIQUE (run_id, id),"
    "  FOREIGN KEY (run_id, host) REFERENCES run_hosts(run_id, id));"
    "CREATE TABLE run_candidates (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE "
    "  CASCADE, pos INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,"
    "  profile TEXT NOT NULL, monthly_salary INTEGER,"
    "  PRIMARY KEY (run_id, pos), UNIQUE (run_id, id));"
    "CREATE TABLE run_attributes (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE "
    "  CASCADE, pos INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (run_id, pos));"
    "CREATE TABLE run_candidate_attrs (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE"
    "  CASCADE, candidate_pos INTEGER NOT NULL, attr_pos INTEGER NOT NULL,"
    "  value TEXT NOT NULL, PRIMARY KEY (run_id, candidate_pos, attr_pos),"
    "  FOREIGN KEY (run_id, candidate_pos) REFERENCES run_candidates(run_id, pos),"
    "  FOREIGN KEY (run_id, attr_pos) REFERENCES run_attributes(run_id, pos));"
    "CREATE TABLE run_applications (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE "
    "  CASCADE, pos INTEGER NOT NULL, candidate TEXT NOT NULL, challenge TEXT NOT NULL,"
    "  candidate_rank INTEGER, jury_rank INTEGER, shortlisted INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, pos),"
    "  FOREIGN KEY (run_id, candidate) REFERENCES run_candidates(run_id, id),"
    "  FOREIGN KEY (run_id, challenge) REFERENCES run_challenges(run_id, id));"
    "CREATE TABLE run_slots (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL, day TEXT NOT NULL, start_time TEXT NOT NULL,"
    "  end_time TEXT NOT NULL, PRIMARY KEY (run_id, pos));"
    "CREATE TABLE run_unavailable (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE "
    "  CASCADE, pos INTEGER NOT NULL, who TEXT NOT NULL, id TEXT NOT NULL, day TEXT NOT NULL,"
    "  start_time TEXT NOT NULL, end_time TEXT NOT NULL, PRIMARY KEY (run_id, pos));"
    "CREATE TABLE run_assignments (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE "
    "  CASCADE, candidate TEXT NOT NULL, challenge TEXT NOT NULL, host TEXT NOT NULL,"
    "  profile TEXT NOT NULL, candidate_rank INTEGER NOT NULL, jury_rank INTEGER NOT NULL,"
    "  cost INTEGER NOT NULL, programme_share INTEGER NOT NULL, host_share INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, candidate),"
    "  FOREIGN KEY (run_id, candidate) REFERENCES run_candidates(run_id, id),"
    "  FOREIGN KEY (run_id, challenge) REFERENCES run_challenges(run_id, id));"
    "INSERT INTO migrations VALUES (1, 'runs with their scenario rows, options, results and "
    "  assignments', '2026-01-05T10:00:00.000Z');"
    "PRAGMA user_version = 1;";

/* A run of the C1 case written as cohort with schema 1 wrote it. */
static const char V1_RUN[] =
    "INSERT INTO runs VALUES (1, '2026-01-05T10:00:01.000Z', 'C1 one challenge each',"
    "  'tests/e2e/solve/c1-one-challenge-each', '0.9.0', 'solve', 'optimal', 0, 3,"
    "  'staffed,filled,rank', 1, 2, 4, 0, 8000000, 2400000, 5600000, NULL, 'rfc', 0.01, 0.02);"
    "INSERT INTO run_params VALUES (1, 0, 'name', 'C1 one challenge each'),"
    "  (1, 1, 'start_date', '2021-09-13'), (1, 2, 'duration_months', '10'),"
    "  (1, 3, 'employer_cost_factor', '1'), (1, 4, 'default_monthly_salary', '4000'),"
    "  (1, 5, 'team_size.min', '2'), (1, 6, 'team_size.max', '3'),"
    "  (1, 7, 'min_distinct_profiles', '2'), (1, 8, 'cofinancing.rates.state', '0.3'),"
    "  (1, 9, 'cofinancing.rates.local', '0'), (1, 10, 'cofinancing.rates.health', '0'),"
    "  (1, 11, 'cofinancing.rates.other', '0'), (1, 12, 'objective.order', "
    "  'staffed,filled,rank'), (1, 13, 'objective.candidate_weight', '1'),"
    "  (1, 14, 'objective.jury_weight', '1');"
    "INSERT INTO run_hosts VALUES (1, 0, 'H1', 'DINUM', 'state', NULL, 0);"
    "INSERT INTO run_challenges VALUES (1, 0, 'D1', 'Signaux faibles', 'H1', NULL, NULL, '', 0),"
    "  (1, 1, 'D2', 'LexImpact', 'H1', NULL, NULL, '', 0);"
    "INSERT INTO run_candidates VALUES (1, 0, 'P1', 'Alice Martin', 'developer', NULL),"
    "  (1, 1, 'P2', 'Bruno Petit', 'designer', NULL),"
    "  (1, 2, 'P3', 'Chloé Roux', 'designer', NULL);"
    "INSERT INTO run_applications VALUES (1, 0, 'P1', 'D1', 1, 1, 0), (1, 1, 'P1', 'D2', 2, 1, 0),"
    "  (1, 2, 'P2', 'D1', 1, 1, 0), (1, 3, 'P3', 'D2', 1, 1, 0);"
    "INSERT INTO run_assignments VALUES"
    "  (1, 'P1', 'D1', 'H1', 'developer', 1, 1, 4000000, 1200000, 2800000),"
    "  (1, 'P2', 'D1', 'H1', 'designer', 1, 1, 4000000, 1200000, 2800000);";

/* Refusing a file changes none of its bytes (the store was once switched to
   WAL before it was found to be another application's database), and a
   new store is only made by the first run recorded into it. */
static void test_refused_files_untouched(void)
{
    char *dir = make_temp_dir("store");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    char *other = tmpfile_in(dir, "other.db");
    sqlite3 *db;
    sqlite3_open(other, &db);
    sqlite3_exec(db, "CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (7)", NULL,
                 NULL, NULL);
    sqlite3_close(db);
    size_t n0 = 0, n1 = 0;
    char *before = read_file(other, &n0);
    for (int create = 0; create <= 1; create++) {
        CU_ASSERT_EQUAL(cohort_store_open(other, create, &st, &d), COHORT_EINPUT);
        CU_ASSERT(d.nerrors == 1 && strstr(d.errors[0], "other tables"));
        cohort_diag_clear(&d);
    }
    char *after = read_file(other, &n1);
    CU_ASSERT(before && after && n0 == n1 && !memcmp(before, after, n0));
    char *wal = tmpfile_in(dir, "other.db-wal");
    CU_ASSERT_EQUAL(access(wal, F_OK), -1);
    /* an empty file: no store to read (nothing written into it) */
    char *empty = tmpfile_in(dir, "empty.db");
    write_file(empty, "");
    CU_ASSERT_EQUAL(cohort_store_open(empty, 0, &st, &d), COHORT_EINPUT);
    CU_ASSERT(d.nerrors == 1 && strstr(d.errors[0], "an empty database"));
    cohort_diag_clear(&d);
    struct stat sb;
    CU_ASSERT(stat(empty, &sb) == 0 && sb.st_size == 0);
    /* a new store: checked at once, made by its first run */
    char *fresh = tmpfile_in(dir, "fresh.db");
    CU_ASSERT_EQUAL_FATAL(cohort_store_open(fresh, 1, &st, &d), COHORT_OK);
    cohort_store_close(st);
    CU_ASSERT_EQUAL(access(fresh, F_OK), -1);
    st = open_store(fresh, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    cohort_scenario *s = load(EIG5);
    cohort_result *r = solve(s);
    CU_ASSERT_EQUAL(add(st, s, r), 1);
    cohort_store_close(st);
    CU_ASSERT_EQUAL(access(fresh, F_OK), 0);
    char *nowhere = tmpfile_in(dir, "no/such/folder/runs.db");
    CU_ASSERT_EQUAL(cohort_store_open(nowhere, 1, &st, &d), COHORT_EINPUT);
    CU_ASSERT(d.nerrors == 1 && strstr(d.errors[0], "cannot create the store"));
    cohort_diag_clear(&d);
    cohort_result_free(r);
    cohort_scenario_free(s);
    remove_tree(dir);
    free(before);
    free(after);
    free(other);
    free(wal);
    free(empty);
    free(fresh);
    free(nowhere);
    free(dir);
}

/* A store this user may not write (run as nobody when the tests run as
   root, whom permissions do not stop): recording is refused at once,
   before any scenario is read; reading works, also from a read-only
   folder where SQLite cannot make the WAL's index file. */
static int readonly_checks(const char *file)
{
    int bad = 0;
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    if (cohort_store_open(file, 1, &st, &d) != COHORT_EINPUT || d.nerrors != 1 ||
        !strstr(d.errors[0], "read-only")) {
        printf("\n  writing a read-only store: %s", d.nerrors ? d.errors[0] : "accepted");
        bad++;
    }
    cohort_diag_clear(&d);
    if (cohort_store_open(file, 0, &st, &d) != COHORT_OK) {
        printf("\n  reading a read-only store: %s", d.nerrors ? d.errors[0] : "?");
        bad++;
    } else {
        if (count_runs(st) != 1) {
            printf("\n  reading a read-only store: %d runs", count_runs(st));
            bad++;
        }
        cohort_store_close(st);
    }
    cohort_diag_clear(&d);
    return bad;
}

static void test_read_only_store(void)
{
    char *dir = make_temp_dir("store");
    char *sub = tmpfile_in(dir, "share"), *file = tmpfile_in(dir, "share/runs.db");
    CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0755), 0);
    cohort_store *st = open_store(file, 1);
    cohort_scenario *s = load(EIG5);
    cohort_result *r = solve(s);
    CU_ASSERT_EQUAL(add(st, s, r), 1);
    cohort_store_close(st);
    chmod(dir, 0755);
    chmod(file, 0444);
    for (int folder_ro = 0; folder_ro <= 1; folder_ro++) {
        chmod(sub, folder_ro ? 0555 : 0755);
        pid_t pid = fork();
        if (pid == 0) {
            if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
                _exit(99);
            _exit(readonly_checks(file));
        }
        int stt = 0;
        waitpid(pid, &stt, 0);
        if (WIFEXITED(stt) && WEXITSTATUS(stt) == 99) {
            /* root without the right to change user (a container without
               CAP_SETUID): permissions cannot be tried here */
            printf("\n  NOTE: could not become nobody; read-only store not tried");
            continue;
        }
        CU_ASSERT(WIFEXITED(stt) && WEXITSTATUS(stt) == 0);
    }
    chmod(sub, 0755);
    chmod(file, 0644);
    cohort_result_free(r);
    cohort_scenario_free(s);
    remove_tree(dir);
    free(sub);
    free(file);
    free(dir);
}

static void test_migration_from_v1(void)
{
    char *dir = make_temp_dir("store");
    char *file = tmpfile_in(dir, "v1.db"), *out = tmpfile_in(dir, "replay"),
         *orig = tmpfile_in(dir, "orig");
    sqlite3 *db;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(file, &db), SQLITE_OK);
    char *err = NULL;
    CU_ASSERT_EQUAL(sqlite3_exec(db, V1_SCHEMA, NULL, NULL, &err), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(db, V1_RUN, NULL, NULL, &err), SQLITE_OK);
    if (err)
        printf("\n  v1: %s", err);
    sqlite3_free(err);
    sqlite3_close(db);

    cohort_store *st = open_store(file, 0); /* migrates */
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    run_record rec;
    CU_ASSERT_EQUAL_FATAL(store_read(st, 1, &rec, NULL), 0);
    CU_ASSERT_STRING_EQUAL(rec.name, "C1 one challenge each");
    CU_ASSERT_PTR_NULL(rec.label); /* new column, empty for old runs */
    CU_ASSERT_EQUAL(rec.explain, 1);
    CU_ASSERT_EQUAL(rec.noutputs, 0);
    CU_ASSERT_EQUAL(rec.nmem, 2);
    CU_ASSERT_EQUAL_FATAL(rec.nhosts, 1); /* money per host, computed by the migration */
    CU_ASSERT_STRING_EQUAL(rec.hosts[0].host, "H1");
    CU_ASSERT_EQUAL(rec.hosts[0].cost, 8000000);
    CU_ASSERT_EQUAL(rec.hosts[0].prog, 2400000);
    CU_ASSERT_EQUAL(rec.hosts[0].hshare, 5600000);
    run_record_free(&rec);
    /* the old run replays: its scenario solves to what the case's files give */
    cohort_replay_report rep;
    CU_ASSERT_EQUAL(cohort_store_replay(st, "1", out, NULL, &rep, NULL), 0);
    CU_ASSERT_EQUAL(rep.compared, 0);
    CU_ASSERT_STRING_EQUAL(rep.status, "optimal");
    cohort_scenario *s = load(C1);
    cohort_result *r = solve(s);
    CU_ASSERT_EQUAL(cohort_write_outputs(s, r, orig, NULL, NULL), 0);
    for (int k = 0; k < NOUTPUTS; k++) {
        char *a = path_join(orig, OUTPUT_NAMES[k]), *b = path_join(out, OUTPUT_NAMES[k]);
        CU_ASSERT(same_file(a, b));
        free(a);
        free(b);
    }
    /* --recorded has nothing to write for it */
    cohort_replay_opts o;
    cohort_replay_opts_init(&o);
    o.recorded = 1;
    cohort_diag d;
    cohort_diag_init(&d);
    CU_ASSERT_EQUAL(cohort_store_replay(st, "1", out, &o, &rep, &d), COHORT_EINPUT);
    cohort_diag_clear(&d);
    /* new runs go on after it, and compare with it */
    CU_ASSERT_EQUAL(add(st, s, r), 2);
    char *text = NULL;
    CU_ASSERT_EQUAL(cohort_store_compare(st, "1", "2", 1, &text, NULL), 0);
    cJSON *j = cJSON_Parse(text);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "moved")), 0);
    cJSON_Delete(j);
    free(text);
    cohort_store_close(st);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(file, &db), SQLITE_OK);
    CU_ASSERT_EQUAL(sql_int(db, "PRAGMA user_version"), 3);
    CU_ASSERT_EQUAL(sql_int(db, "SELECT count(*) FROM migrations"), 3);
    CU_ASSERT_EQUAL(sql_int(db, "SELECT max(version) FROM migrations"), 3);
    sqlite3_close(db);
    check_sound(file);
    cohort_result_free(r);
    cohort_scenario_free(s);
    remove_tree(dir);
    free(file);
    free(out);
    free(orig);
    free(dir);
}

int main(void)
{
    static const test_case cases[] = {
        {"a new store: schema version, migrations, WAL", test_fresh_store},
        {"refuses missing, foreign, newer files and folders", test_refuses_other_files},
        {"refused files untouched; a new store made by its first run",
         test_refused_files_untouched},
        {"a read-only store: recording refused, reading works", test_read_only_store},
        {"a run holds its scenario, result and outputs", test_record_and_read},
        {"replay of eig5 is byte-identical", test_replay_eig5},
        {"replay of the messy input is byte-identical", test_replay_messy},
        {"compare reports exactly the moves and deltas", test_compare},
        {"show and compare say why a run has no cohort", test_why_no_cohort},
        {"two processes writing 20 runs each: all 40 present", test_concurrent_writers},
        {"killed mid-write: the committed runs, nothing else", test_killed_mid_write},
        {"migration from schema version 1", test_migration_from_v1},
        {"comparison options: recorded, shown, replayed", test_search_options},
        {NULL, NULL},
    };
    return run_suite("store", cases);
}
