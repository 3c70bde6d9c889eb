/* store.c - the SQLite store of runs: schema and its migrations, recording a
 * run, reading runs back. The only file that includes sqlite3.h.
 *
 * Guarantees (docs/store.md):
 * - every run is written in one IMMEDIATE transaction: a process killed
 *   half-way leaves the file exactly as before (SQLite's WAL rolls back the
 *   unfinished transaction on the next open);
 * - WAL mode and a busy timeout: two coordinators writing at once wait for
 *   each other instead of failing; synchronous=FULL so that a committed run
 *   survives a power cut too;
 * - the schema is versioned by PRAGMA user_version; MIGRATIONS[k] brings a
 *   store from version k to k+1 and is logged in the migrations table. Each
 *   migration runs in the same transaction as the version bump.
 * - foreign keys are on: no row of a run can outlive or miss its run.
 */
#include "internal.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 30000

struct cohort_store {
    sqlite3 *db;  /* NULL while pending */
    char *file;
    int pending;  /* a new file for runs to come: created by the first one
                     (store_connect()), so that a command refused before it
                     records anything leaves no file behind */
};

static int store_connect(cohort_store *st, cohort_diag *d);

/* ---- schema ---- */

typedef struct migration {
    const char *description;
    const char *sql;
} migration;

/* Never edit a migration that has shipped: add a new one. */
static const migration MIGRATIONS[] = {
    {"runs with their scenario rows, options, results and assignments",
     "CREATE TABLE migrations (\n"
     "  version INTEGER PRIMARY KEY,\n"
     "  description TEXT NOT NULL,\n"
     "  applied TEXT NOT NULL);\n"
     "CREATE TABLE runs (\n"
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
     "  created TEXT NOT NULL,\n"
     "  name TEXT NOT NULL,\n"
     "  source TEXT NOT NULL,\n"
     "  engine_version TEXT NOT NULL,\n"
     "  command TEXT NOT NULL,\n"
     "  status TEXT NOT NULL CHECK (status IN ('optimal','feasible','infeasible','unknown')),\n"
     "  gap REAL,\n"
     "  proven_levels INTEGER NOT NULL,\n"
     "  objective_order TEXT NOT NULL,\n"
     "  staffed INTEGER NOT NULL,\n"
     "  filled INTEGER NOT NULL,\n"
     "  rank_scaled INTEGER NOT NULL,\n"
     "  rank_scale_pow INTEGER NOT NULL,\n"
     "  cost INTEGER NOT NULL,\n"
     "  programme_share INTEGER NOT NULL,\n"
     "  host_share INTEGER NOT NULL,\n"
     "  time_limit REAL,\n"
     "  csv_dialect TEXT NOT NULL,\n"
     "  load_seconds REAL NOT NULL,\n"
     "  solve_seconds REAL NOT NULL);\n"
     "CREATE TABLE run_params (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,\n"
     "  PRIMARY KEY (run_id, pos), UNIQUE (run_id, key));\n"
     "CREATE TABLE run_hosts (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,\n"
     "  budget INTEGER, self_financed INTEGER NOT NULL,\n"
     "  PRIMARY KEY (run_id, pos), UNIQUE (run_id, id));\n"
     "CREATE TABLE run_challenges (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, host TEXT NOT NULL,\n"
     "  min_team INTEGER, max_team INTEGER, needs TEXT NOT NULL, must_staff INTEGER NOT NULL,\n"
     "  PRIMARY KEY (run_id, pos), UNIQUE (run_id, id),\n"
     "  FOREIGN KEY (run_id, host) REFERENCES run_hosts(run_id, id));\n"
     "CREATE TABLE run_candidates (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, profile TEXT NOT NULL,\n"
     "  monthly_salary INTEGER,\n"
     "  PRIMARY KEY (run_id, pos), UNIQUE (run_id, id));\n"
     "CREATE TABLE run_attributes (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, name TEXT NOT NULL,\n"
     "  PRIMARY KEY (run_id, pos));\n"
     "CREATE TABLE run_candidate_attrs (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  candidate_pos INTEGER NOT NULL, attr_pos INTEGER NOT NULL, value TEXT NOT NULL,\n"
     "  PRIMARY KEY (run_id, candidate_pos, attr_pos),\n"
     "  FOREIGN KEY (run_id, candidate_pos) REFERENCES run_candidates(run_id, pos),\n"
     "  FOREIGN KEY (run_id, attr_pos) REFERENCES run_attributes(run_id, pos));\n"
     "CREATE TABLE run_applications (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, candidate TEXT NOT NULL, challenge TEXT NOT NULL,\n"
     "  candidate_rank INTEGER, jury_rank INTEGER, shortlisted INTEGER NOT NULL,\n"
     "  PRIMARY KEY (run_id, pos),\n"
     "  FOREIGN KEY (run_id, candidate) REFERENCES run_candidates(run_id, id),\n"
     "  FOREIGN KEY (run_id, challenge) REFERENCES run_challenges(run_id, id));\n"
     "CREATE TABLE run_slots (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, day TEXT NOT NULL, start_time TEXT NOT NULL,\n"
     "  end_time TEXT NOT NULL,\n"
     "  PRIMARY KEY (run_id, pos));\n"
     "CREATE TABLE run_unavailable (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, who TEXT NOT NULL, id TEXT NOT NULL, day TEXT NOT NULL,\n"
     "  start_time TEXT NOT NULL, end_time TEXT NOT NULL,\n"
     "  PRIMARY KEY (run_id, pos));\n"
     "CREATE TABLE run_assignments (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  candidate TEXT NOT NULL, challenge TEXT NOT NULL, host TEXT NOT NULL,\n"
     "  profile TEXT NOT NULL, candidate_rank INTEGER NOT NULL, jury_rank INTEGER NOT NULL,\n"
     "  cost INTEGER NOT NULL, programme_share INTEGER NOT NULL, host_share INTEGER NOT NULL,\n"
     "  PRIMARY KEY (run_id, candidate),\n"
     "  FOREIGN KEY (run_id, candidate) REFERENCES run_candidates(run_id, id),\n"
     "  FOREIGN KEY (run_id, challenge) REFERENCES run_challenges(run_id, id));\n"},
    {"run labels (sweeps), the conflict-finder option, money per host, output files",
     "ALTER TABLE runs ADD COLUMN label TEXT;\n"
     "ALTER TABLE runs ADD COLUMN explain_infeasible INTEGER NOT NULL DEFAULT 1;\n"
     "CREATE TABLE run_host_totals (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  pos INTEGER NOT NULL, host TEXT NOT NULL,\n"
     "  cost INTEGER NOT NULL, programme_share INTEGER NOT NULL, host_share INTEGER NOT NULL,\n"
     "  PRIMARY KEY (run_id, pos),\n"
     "  FOREIGN KEY (run_id, host) REFERENCES run_hosts(run_id, id));\n"
     "INSERT INTO run_host_totals (run_id, pos, host, cost, programme_share, host_share)\n"
     "  SELECT h.run_id, h.pos, h.id, COALESCE(SUM(a.cost), 0),\n"
     "         COALESCE(SUM(a.programme_share), 0), COALESCE(SUM(a.host_share), 0)\n"
     "  FROM run_hosts h LEFT JOIN run_assignments a ON a.run_id = h.run_id AND a.host = h.id\n"
     "  GROUP BY h.run_id, h.pos;\n"
     "CREATE TABLE run_outputs (\n"
     "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
     "  file TEXT NOT NULL, content BLOB NOT NULL,\n"
     "  PRIMARY KEY (run_id, file));\n"
     "CREATE INDEX runs_by_name ON runs(name);\n"},
    {"the solve's comparison options (search_options)",
     "ALTER TABLE runs ADD COLUMN search_options TEXT NOT NULL DEFAULT '';\n"},
};
#define SCHEMA_VERSION ((int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0]))

const char *const SCENARIO_FILES[NSCENFILES] = {"hosts.csv",       "challenges.csv",
                                                "candidates.csv",  "preferences.csv",
                                                "slots.csv",       "unavailable.csv",
                                                "scenario.json"};

/* ---- small helpers ---- */

static int fail(cohort_store *st, cohort_diag *d, const char *what)
{
    int code = sqlite3_errcode(st->db);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        diag_error(d, "%s: %s: the store stayed busy for %d s (another cohort is writing to "
                      "it; try again)", st->file, what, BUSY_TIMEOUT_MS / 1000);
    else if (code == SQLITE_NOTADB)
        diag_error(d, "%s: not a cohort store (the file is not an SQLite database)", st->file);
    else
        diag_error(d, "%s: %s: %s", st->file, what, sqlite3_errmsg(st->db));
    return COHORT_EIO;
}

static int exec(cohort_store *st, const char *sql, cohort_diag *d, const char *what)
{
    int rc;
    if (st->pending && (rc = store_connect(st, d)) != COHORT_OK)
        return rc;
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(st, d, what);
    return COHORT_OK;
}

static sqlite3_stmt *prep(cohort_store *st, const char *sql, cohort_diag *d)
{
    sqlite3_stmt *h = NULL;
    if (st->pending && store_connect(st, d) != COHORT_OK)
        return NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &h, NULL) != SQLITE_OK) {
        fail(st, d, "cannot prepare a statement");
        sqlite3_finalize(h);
        return NULL;
    }
    return h;
}

static void b_text(sqlite3_stmt *h, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(h, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(h, i);
}

static void b_i64(sqlite3_stmt *h, int i, int64_t v)
{
    sqlite3_bind_int64(h, i, v);
}

/* Binds v, or NULL when absent. */
static void b_opt(sqlite3_stmt *h, int i, int present, int64_t v)
{
    if (present)
        sqlite3_bind_int64(h, i, v);
    else
        sqlite3_bind_null(h, i);
}

/* Steps a statement that returns no row, then resets it for the next use. */
static int run_stmt(sqlite3_stmt *h)
{
    int rc = sqlite3_step(h);
    sqlite3_reset(h);
    sqlite3_clear_bindings(h);
    return rc == SQLITE_DONE ? 0 : -1;
}

static char *col_text(sqlite3_stmt *h, int i)
{
    const unsigned char *t = sqlite3_column_text(h, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static void now_iso(char *buf, size_t n)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char date[32] = "";
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    sbuf b;
    sb_init(&b);
    sb_printf(&b, "%s.%03dZ", date, (int)(ts.tv_nsec / 1000000) % 1000);
    snprintf(buf, n, "%s", b.s);
    sb_free(&b);
}

static void hhmm(int minutes, char *buf, size_t n)
{
    snprintf(buf, n, "%02d:%02d", minutes / 60, minutes % 60);
}

/* ---- opening and migrating ---- */

static int user_version(cohort_store *st, int *v, cohort_diag *d)
{
    sqlite3_stmt *h = prep(st, "PRAGMA user_version", d);
    if (!h)
        return COHORT_EIO;
    int rc = sqlite3_step(h);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(h, 0) : 0;
    sqlite3_finalize(h);
    return rc == SQLITE_ROW ? COHORT_OK : fail(st, d, "cannot read the schema version");
}

static int migrate(cohort_store *st, cohort_diag *d)
{
    int v, rc;
    if ((rc = user_version(st, &v, d)))
        return rc;
    if (v > SCHEMA_VERSION) {
        diag_error(d, "%s: the store was written by a newer cohort (schema version %d; this "
                      "cohort %s reads up to %d): use the newer cohort", st->file, v,
                   COHORT_VERSION, SCHEMA_VERSION);
        return COHORT_EINPUT;
    }
    if (v == SCHEMA_VERSION)
        return COHORT_OK;
    /* Under the write lock, read the version again: another process may have
     * migrated the file while this one waited. */
    if ((rc = exec(st, "BEGIN IMMEDIATE", d, "cannot lock the store to update its schema")))
        return rc;
    if ((rc = user_version(st, &v, d)))
        goto rollback;
    if (v == 0) {
        sqlite3_stmt *h = prep(st, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE "
                                   "'sqlite_%'", d);
        if (!h) {
            rc = COHORT_EIO;
            goto rollback;
        }
        int n = sqlite3_step(h) == SQLITE_ROW ? sqlite3_column_int(h, 0) : -1;
        sqlite3_finalize(h);
        if (n != 0) {
            diag_error(d, "%s: not a cohort store (an SQLite database with other tables; "
                          "expected a file made by cohort solve --db)", st->file);
            rc = COHORT_EINPUT;
            goto rollback;
        }
    }
    for (int k = v; k < SCHEMA_VERSION; k++) {
        char what[64], when[40];
        snprintf(what, sizeof what, "cannot migrate the schema to version %d", k + 1);
        if ((rc = exec(st, MIGRATIONS[k].sql, d, what)))
            goto rollback;
        sqlite3_stmt *h = prep(st, "INSERT INTO migrations (version, description, applied) "
                                   "VALUES (?, ?, ?)", d);
        if (!h) {
            rc = COHORT_EIO;
            goto rollback;
        }
        now_iso(when, sizeof when);
        b_i64(h, 1, k + 1);
        b_text(h, 2, MIGRATIONS[k].description);
        b_text(h, 3, when);
        int ok = run_stmt(h) == 0;
        sqlite3_finalize(h);
        if (!ok) {
            rc = fail(st, d, what);
            goto rollback;
        }
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", SCHEMA_VERSION);
    if ((rc = exec(st, pragma, d, "cannot set the schema version")))
        goto rollback;
    if ((rc = exec(st, "COMMIT", d, "cannot commit the schema update")))
        goto rollback;
    return COHORT_OK;
rollback:
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

void cohort_store_close(cohort_store *st)
{
    if (!st)
        return;
    sqlite3_close(st->db);
    free(st->file);
    free(st);
}

/* Opens st->file as it is (no file is created here: SQLITE_OPEN_CREATE
 * only in store_connect()). */
static int open_db(cohort_store *st, int flags, cohort_diag *d)
{
    if (sqlite3_open_v2(st->file, &st->db, flags, NULL) != SQLITE_OK) {
        diag_error(d, "%s: cannot open the store: %s", st->file,
                   st->db ? sqlite3_errmsg(st->db) : "out of memory");
        sqlite3_close(st->db);
        st->db = NULL;
        return COHORT_EINPUT;
    }
    sqlite3_extended_result_codes(st->db, 0);
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
    return COHORT_OK;
}

/* What the file is, read without writing a byte (before anything switches
 * it to WAL or migrates it): a cohort store of this schema or an older one
 * (*version, 0 for an empty database), or an error. */
static int identify(cohort_store *st, int *version, cohort_diag *d)
{
    int rc = user_version(st, version, d);
    if (rc != COHORT_OK)
        return sqlite3_errcode(st->db) == SQLITE_NOTADB ? COHORT_EINPUT : rc;
    if (*version > SCHEMA_VERSION) {
        diag_error(d, "%s: the store was written by a newer cohort (schema version %d; this "
                      "cohort %s reads up to %d): use the newer cohort", st->file, *version,
                   COHORT_VERSION, SCHEMA_VERSION);
        return COHORT_EINPUT;
    }
    if (*version > 0)
        return COHORT_OK;
    sqlite3_stmt *h = prep(st, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE "
                               "'sqlite_%'", d);
    if (!h)
        return sqlite3_errcode(st->db) == SQLITE_NOTADB ? COHORT_EINPUT : COHORT_EIO;
    int n = sqlite3_step(h) == SQLITE_ROW ? sqlite3_column_int(h, 0) : -1;
    sqlite3_finalize(h);
    if (n != 0) {
        diag_error(d, "%s: not a cohort store (an SQLite database with other tables; expected "
                      "a file made by cohort solve --db)", st->file);
        return COHORT_EINPUT;
    }
    return COHORT_OK;
}

/* A store that runs are recorded into: writable, in WAL mode, its schema
 * up to date. */
static int prepare_writes(cohort_store *st, cohort_diag *d)
{
    if (sqlite3_db_readonly(st->db, "main") == 1) {
        diag_error(d, "%s: the store is read-only (expected a file this user may write, to "
                      "record the run)", st->file);
        return COHORT_EINPUT;
    }
    /* Switching to WAL takes a lock that the busy handler does not always
     * wait for (two processes opening a new file at once): retry. */
    for (int tries = 0;; tries++) {
        int e = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if (e == SQLITE_OK)
            break;
        if ((e == SQLITE_BUSY || e == SQLITE_LOCKED) && tries < BUSY_TIMEOUT_MS / 10) {
            usleep(10000);
            continue;
        }
        int rc = fail(st, d, "cannot switch the store to WAL mode");
        if (rc == COHORT_EIO && sqlite3_errcode(st->db) == SQLITE_NOTADB)
            rc = COHORT_EINPUT;
        return rc;
    }
    int rc = exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", d,
                  "cannot configure the store");
    return rc ? rc : migrate(st, d);
}

/* The first run into a new file: created now. */
static int store_connect(cohort_store *st, cohort_diag *d)
{
    st->pending = 0;
    int version, rc = open_db(st, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, d);
    if (rc == COHORT_OK)
        rc = identify(st, &version, d);
    if (rc == COHORT_OK)
        rc = prepare_writes(st, d);
    if (rc != COHORT_OK) {
        sqlite3_close(st->db);
        st->db = NULL;
        st->pending = 1;
    }
    return rc;
}

/* A store this user may not write, in WAL mode: SQLite cannot read it as
 * usual (it needs to write the WAL's index beside it, or to recover the
 * WAL). Read as it stands on disk instead (SQLite's immutable mode): what
 * its owner is recording at that moment, still in the WAL, is not seen. */
static int open_immutable(cohort_store *st, cohort_diag *d)
{
    sbuf uri;
    sb_init(&uri);
    sb_puts(&uri, "file:");
    for (const char *p = st->file; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            sb_printf(&uri, "%%%02X", (unsigned)(unsigned char)*p);
        else
            sb_putc(&uri, *p);
    }
    sb_puts(&uri, "?immutable=1");
    sqlite3_close(st->db);
    st->db = NULL;
    int rc = COHORT_OK;
    if (sqlite3_open_v2(uri.s, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) !=
        SQLITE_OK) {
        diag_error(d, "%s: cannot open the store: %s", st->file,
                   st->db ? sqlite3_errmsg(st->db) : "out of memory");
        rc = COHORT_EINPUT;
    }
    sb_free(&uri);
    return rc;
}

int cohort_store_open(const char *file, int create, cohort_store **out, cohort_diag *d)
{
    *out = NULL;
    struct stat sb;
    int missing = stat(file, &sb) != 0;
    if (!create && missing) {
        diag_error(d, "%s: no such store (expected a file made by cohort solve --db)", file);
        return COHORT_EINPUT;
    }
    if (!missing && S_ISDIR(sb.st_mode)) {
        diag_error(d, "%s: is a folder (expected a store file)", file);
        return COHORT_EINPUT;
    }
    cohort_store *st = xcalloc(1, sizeof *st);
    st->file = xstrdup(file);
    int rc = COHORT_OK, version = 0;
    if (missing) {
        /* a new store: its folder must take it, checked now; the file is
           made by the first run recorded (store_connect()) */
        char *dir = parent_dir(file);
        if (access(dir, W_OK | X_OK) != 0) {
            diag_error(d, "%s: cannot create the store: %s: %s", file, dir, strerror(errno));
            rc = COHORT_EINPUT;
        }
        free(dir);
        st->pending = 1;
        goto done;
    }
    if ((rc = open_db(st, SQLITE_OPEN_READWRITE, d)))
        goto done;
    if (create && sqlite3_db_readonly(st->db, "main") == 1) {
        diag_error(d, "%s: the store is read-only (expected a file this user may write, to "
                      "record the run)", file);
        rc = COHORT_EINPUT;
        goto done;
    }
    rc = identify(st, &version, NULL);
    int code = rc != COHORT_OK ? sqlite3_errcode(st->db) : SQLITE_OK;
    if ((code == SQLITE_CANTOPEN || code == SQLITE_READONLY) && !create &&
        open_immutable(st, d) == COHORT_OK)
        rc = identify(st, &version, d);
    else if (rc != COHORT_OK)
        rc = identify(st, &version, d); /* again, to say why */
    if (rc != COHORT_OK)
        goto done;
    if (create) {
        rc = prepare_writes(st, d);
    } else if (version == 0) {
        diag_error(d, "%s: not a cohort store (an empty database, in which no run was ever "
                      "recorded; expected a file made by cohort solve --db)", file);
        rc = COHORT_EINPUT;
    } else if (version < SCHEMA_VERSION) {
        /* an older store: brought up to date if it may be written */
        if (sqlite3_db_readonly(st->db, "main") == 1) {
            diag_error(d, "%s: the store was made by an older cohort (schema version %d) and "
                          "is read-only here: it cannot be brought up to date (expected a file "
                          "this user may write)", file, version);
            rc = COHORT_EINPUT;
        } else {
            rc = prepare_writes(st, d);
        }
    } else {
        rc = exec(st, "PRAGMA foreign_keys = ON", d, "cannot configure the store");
    }
done:
    if (rc != COHORT_OK) {
        cohort_store_close(st);
        return rc;
    }
    *out = st;
    return COHORT_OK;
}

/* ---- recording a run ---- */

void cohort_run_meta_init(cohort_run_meta *m)
{
    memset(m, 0, sizeof *m);
    m->command = "solve";
}

/* Test hooks (docs/store.md): COHORT_STORE_TEST_PAUSE=FILE creates FILE in
 * the middle of the transaction and sleeps there, so that a test can kill
 * the process mid-write; COHORT_STORE_TEST_FAIL=1 fails at the same point. */
static int test_hook(cohort_store *st, cohort_diag *d)
{
    const char *pause = getenv("COHORT_STORE_TEST_PAUSE");
    if (pause && *pause) {
        FILE *f = fopen(pause, "w");
        if (f)
            fclose(f);
        for (int k = 0; k < 600; k++)
            usleep(100000);
    }
    const char *f = getenv("COHORT_STORE_TEST_FAIL");
    if (f && !strcmp(f, "1")) {
        diag_error(d, "%s: failing on purpose in the middle of a write (COHORT_STORE_TEST_FAIL)",
                   st->file);
        return -1;
    }
    return 0;
}

#define STEP(h)                                                                                \
    do {                                                                                       \
        if (run_stmt(h) != 0) {                                                                \
            rc = fail(st, d, "cannot record the run");                                         \
            goto rollback;                                                                     \
        }                                                                                      \
    } while (0)

#define PREP(h, sql)                                                                           \
    do {                                                                                       \
        if (!((h) = prep(st, (sql), d))) {                                                     \
            rc = COHORT_EIO;                                                                   \
            goto rollback;                                                                     \
        }                                                                                      \
    } while (0)

static int insert_inputs(cohort_store *st, const cohort_scenario *s, int64_t rid, cohort_diag *d)
{
    int rc = COHORT_OK;
    sqlite3_stmt *h = NULL;
    char t1[16], t2[16];
    kvlist kv;
    kv_init(&kv);
    params_to_kv(s, &kv);
    PREP(h, "INSERT INTO run_params (run_id, pos, key, value) VALUES (?, ?, ?, ?)");
    for (int k = 0; k < kv.n; k++) {
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, kv.keys[k]);
        b_text(h, 4, kv.vals[k]);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_hosts (run_id, pos, id, name, kind, budget, self_financed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (int k = 0; k < s->nhosts; k++) {
        const host *x = &s->hosts[k];
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, x->id);
        b_text(h, 4, x->name);
        b_text(h, 5, KIND_NAMES[x->kind]);
        b_opt(h, 6, x->budget >= 0, x->budget);
        b_i64(h, 7, x->self_financed);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_challenges (run_id, pos, id, title, host, min_team, max_team, "
            "needs, must_staff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (int k = 0; k < s->nchals; k++) {
        const challenge *c = &s->chals[k];
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, c->id);
        b_text(h, 4, c->title);
        b_text(h, 5, s->hosts[c->host].id);
        b_opt(h, 6, c->min_given, c->min_team);
        b_opt(h, 7, c->max_given, c->max_team);
        b_text(h, 8, c->needs_text ? c->needs_text : "");
        b_i64(h, 9, c->must_staff);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_candidates (run_id, pos, id, name, profile, monthly_salary) "
            "VALUES (?, ?, ?, ?, ?, ?)");
    for (int k = 0; k < s->ncands; k++) {
        const candidate *c = &s->cands[k];
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, c->id);
        b_text(h, 4, c->name);
        b_text(h, 5, PROFILE_NAMES[c->profile]);
        b_opt(h, 6, c->salary_given, c->salary);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_attributes (run_id, pos, name) VALUES (?, ?, ?)");
    for (int k = 0; k < s->nattrs; k++) {
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, s->attr_names[k]);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_candidate_attrs (run_id, candidate_pos, attr_pos, value) "
            "VALUES (?, ?, ?, ?)");
    for (int i = 0; i < s->ncands; i++)
        for (int k = 0; k < s->nattrs; k++) {
            if (!s->cands[i].attrs || !s->cands[i].attrs[k])
                continue;
            b_i64(h, 1, rid);
            b_i64(h, 2, i);
            b_i64(h, 3, k);
            b_text(h, 4, s->cands[i].attrs[k]);
            STEP(h);
        }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_applications (run_id, pos, candidate, challenge, candidate_rank, "
            "jury_rank, shortlisted) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (int k = 0; k < s->napps; k++) {
        const app *a = &s->apps[k];
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, s->cands[a->cand].id);
        b_text(h, 4, s->chals[a->chal].id);
        b_opt(h, 5, a->crank > 0, a->crank);
        b_opt(h, 6, a->jrank > 0, a->jrank);
        b_i64(h, 7, a->shortlisted);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_slots (run_id, pos, day, start_time, end_time) "
            "VALUES (?, ?, ?, ?, ?)");
    for (int k = 0; k < s->nslots; k++) {
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, s->slots[k].day);
        hhmm(s->slots[k].start, t1, sizeof t1);
        hhmm(s->slots[k].end, t2, sizeof t2);
        b_text(h, 4, t1);
        b_text(h, 5, t2);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_unavailable (run_id, pos, who, id, day, start_time, end_time) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (int k = 0; k < s->nunav; k++) {
        const unavail *u = &s->unav[k];
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, u->who ? "challenge" : "candidate");
        b_text(h, 4, u->who ? s->chals[u->id].id : s->cands[u->id].id);
        b_text(h, 5, u->day);
        hhmm(u->start, t1, sizeof t1);
        hhmm(u->end, t2, sizeof t2);
        b_text(h, 6, t1);
        b_text(h, 7, t2);
        STEP(h);
    }
rollback: /* the caller rolls back */
    sqlite3_finalize(h);
    kv_free(&kv);
    return rc;
}

static int insert_results(cohort_store *st, const cohort_scenario *s, const cohort_result *r,
                          const sbuf outs[NOUTPUTS], int64_t rid, cohort_diag *d)
{
    int rc = COHORT_OK;
    sqlite3_stmt *h = NULL;
    int has = r->status == ST_OPTIMAL || r->status == ST_FEASIBLE;
    PREP(h, "INSERT INTO run_assignments (run_id, candidate, challenge, host, profile, "
            "candidate_rank, jury_rank, cost, programme_share, host_share) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (int i = 0; i < s->ncands && has; i++) {
        if (r->assign[i] < 0)
            continue;
        const app *a = &s->apps[r->assign[i]];
        b_i64(h, 1, rid);
        b_text(h, 2, s->cands[i].id);
        b_text(h, 3, s->chals[a->chal].id);
        b_text(h, 4, s->hosts[s->chals[a->chal].host].id);
        b_text(h, 5, PROFILE_NAMES[s->cands[i].profile]);
        b_i64(h, 6, a->crank_eff);
        b_i64(h, 7, a->jrank);
        b_i64(h, 8, s->cands[i].cost);
        b_i64(h, 9, a->prog);
        b_i64(h, 10, a->hshare);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_host_totals (run_id, pos, host, cost, programme_share, "
            "host_share) VALUES (?, ?, ?, ?, ?, ?)");
    for (int k = 0; k < s->nhosts; k++) {
        money3 m = r->host_total ? r->host_total[k] : (money3){0, 0, 0};
        b_i64(h, 1, rid);
        b_i64(h, 2, k);
        b_text(h, 3, s->hosts[k].id);
        b_i64(h, 4, m.cost);
        b_i64(h, 5, m.prog);
        b_i64(h, 6, m.host);
        STEP(h);
    }
    sqlite3_finalize(h);
    PREP(h, "INSERT INTO run_outputs (run_id, file, content) VALUES (?, ?, ?)");
    for (int k = 0; k < NOUTPUTS; k++) {
        b_i64(h, 1, rid);
        b_text(h, 2, OUTPUT_NAMES[k]);
        sqlite3_bind_blob(h, 3, outs[k].s ? outs[k].s : "", (int)outs[k].len, SQLITE_STATIC);
        STEP(h);
    }
rollback:
    sqlite3_finalize(h);
    return rc;
}

int cohort_store_add_run(cohort_store *st, const cohort_scenario *s, const cohort_result *r,
                         const cohort_solve_opts *so, const cohort_write_opts *wo,
                         const cohort_run_meta *m, int64_t *id, cohort_diag *d)
{
    cohort_solve_opts so0;
    cohort_write_opts wo0;
    cohort_run_meta m0;
    if (!so) {
        cohort_solve_opts_init(&so0);
        so = &so0;
    }
    if (!wo) {
        cohort_write_opts_init(&wo0);
        wo = &wo0;
    }
    if (!m) {
        cohort_run_meta_init(&m0);
        m = &m0;
    }
    if (id)
        *id = 0;
    sbuf outs[NOUTPUTS];
    render_outputs(s, r, wo->csv_dialect_fr, outs);
    int rc = COHORT_OK, has = r->status == ST_OPTIMAL || r->status == ST_FEASIBLE;
    sqlite3_stmt *h = NULL;
    char created[40];
    now_iso(created, sizeof created);
    sbuf order;
    sb_init(&order);
    sb_puts(&order, "");
    for (int k = 0; k < s->norder; k++)
        sb_printf(&order, "%s%s", k ? "," : "", LEVEL_NAMES[s->order[k]]);
    if ((rc = exec(st, "BEGIN IMMEDIATE", d, "cannot lock the store to record the run")))
        goto done;
    PREP(h, "INSERT INTO runs (created, name, label, source, engine_version, command, status, "
            "gap, proven_levels, objective_order, staffed, filled, rank_scaled, rank_scale_pow, "
            "cost, programme_share, host_share, time_limit, csv_dialect, explain_infeasible, "
            "load_seconds, solve_seconds, search_options) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    b_text(h, 1, created);
    b_text(h, 2, s->name);
    b_text(h, 3, m->label);
    b_text(h, 4, s->source ? s->source : "");
    b_text(h, 5, COHORT_VERSION);
    b_text(h, 6, m->command ? m->command : "solve");
    b_text(h, 7, status_name(r->status));
    if (has)
        sqlite3_bind_double(h, 8, r->gap);
    else
        sqlite3_bind_null(h, 8);
    b_i64(h, 9, r->proven_levels);
    b_text(h, 10, order.s);
    b_i64(h, 11, has ? r->level[LV_STAFFED] : 0);
    b_i64(h, 12, has ? r->level[LV_FILLED] : 0);
    b_i64(h, 13, has ? r->level[LV_RANK] : 0);
    b_i64(h, 14, s->rank_scale_pow);
    b_i64(h, 15, r->total.cost);
    b_i64(h, 16, r->total.prog);
    b_i64(h, 17, r->total.host);
    if (so->time_limit > 0)
        sqlite3_bind_double(h, 18, so->time_limit);
    else
        sqlite3_bind_null(h, 18);
    b_text(h, 19, wo->csv_dialect_fr ? "fr" : "rfc");
    b_i64(h, 20, so->explain_infeasible ? 1 : 0);
    sqlite3_bind_double(h, 21, m->load_seconds);
    sqlite3_bind_double(h, 22, r->seconds);
    char search[SEARCH_OPTIONS_SIZE];
    search_options_text(so, search, sizeof search);
    b_text(h, 23, search);
    STEP(h);
    sqlite3_finalize(h);
    h = NULL;
    int64_t rid = sqlite3_last_insert_rowid(st->db);
    if ((rc = insert_inputs(st, s, rid, d)))
        goto rollback;
    if (test_hook(st, d) < 0) {
        rc = COHORT_EIO;
        goto rollback;
    }
    if ((rc = insert_results(st, s, r, outs, rid, d)))
        goto rollback;
    if ((rc = exec(st, "COMMIT", d, "cannot commit the run")))
        goto rollback;
    if (id)
        *id = rid;
    goto done;
rollback:
    sqlite3_finalize(h);
    h = NULL;
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
done:
    sqlite3_finalize(h);
    sb_free(&order);
    for (int k = 0; k < NOUTPUTS; k++)
        sb_free(&outs[k]);
    return rc;
}

/* ---- reading runs back ---- */

void run_record_free(run_record *r)
{
    if (!r)
        return;
    free(r->created);
    free(r->name);
    free(r->label);
    free(r->source);
    free(r->engine);
    free(r->command);
    free(r->status);
    free(r->csv_dialect);
    free(r->search);
    for (int k = 0; k < r->nchals; k++) {
        free(r->chals[k]);
        free(r->chal_hosts[k]);
    }
    free(r->chals);
    free(r->chal_hosts);
    for (int k = 0; k < r->ncands; k++)
        free(r->cands[k]);
    free(r->cands);
    for (int k = 0; k < r->nmem; k++) {
        free(r->mem[k].cand);
        free(r->mem[k].chal);
        free(r->mem[k].host);
        free(r->mem[k].profile);
    }
    free(r->mem);
    for (int k = 0; k < r->nhosts; k++)
        free(r->hosts[k].host);
    free(r->hosts);
    kv_free(&r->params);
    conflicts_free(r->conf, r->nconf);
    free(r->why);
    memset(r, 0, sizeof *r);
}

int store_resolve(cohort_store *st, const char *run, int64_t *id, cohort_diag *d)
{
    *id = 0;
    sqlite3_stmt *h;
    int64_t want = 0;
    int last = !strcmp(run, "last");
    if (!last) {
        char *end;
        errno = 0;
        long long v = strtoll(run, &end, 10);
        if (!*run || *end || errno || v <= 0) {
            diag_error(d, "run '%s': not a run id (expected a number listed by cohort runs "
                          "--db %s, or last)", run, st->file);
            return COHORT_EINPUT;
        }
        want = v;
    }
    h = prep(st, last ? "SELECT max(id) FROM runs" : "SELECT id FROM runs WHERE id = ?", d);
    if (!h)
        return COHORT_EIO;
    if (!last)
        b_i64(h, 1, want);
    int rc = sqlite3_step(h);
    if (rc == SQLITE_ROW && sqlite3_column_type(h, 0) != SQLITE_NULL)
        *id = sqlite3_column_int64(h, 0);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sqlite3_finalize(h);
        return fail(st, d, "cannot read the runs");
    }
    sqlite3_finalize(h);
    if (!*id) {
        if (last)
            diag_error(d, "%s: the store holds no run yet (expected a run recorded by cohort "
                          "solve --db)", st->file);
        else
            diag_error(d, "run %s: no such run in %s (expected a run id listed by cohort runs "
                          "--db %s)", run, st->file, st->file);
        return COHORT_EINPUT;
    }
    return COHORT_OK;
}

static const char SUMMARY_SQL[] =
    "SELECT id, created, name, label, source, engine_version, command, status, gap, "
    "proven_levels, objective_order, staffed, filled, rank_scaled, rank_scale_pow, cost, "
    "programme_share, host_share, time_limit, csv_dialect, explain_infeasible, load_seconds, "
    "solve_seconds, search_options, "
    "(SELECT count(*) FROM run_hosts x WHERE x.run_id = runs.id), "
    "(SELECT count(*) FROM run_challenges x WHERE x.run_id = runs.id), "
    "(SELECT count(*) FROM run_candidates x WHERE x.run_id = runs.id), "
    "(SELECT count(*) FROM run_applications x WHERE x.run_id = runs.id), "
    "(SELECT count(*) FROM run_slots x WHERE x.run_id = runs.id), "
    "(SELECT count(*) FROM run_unavailable x WHERE x.run_id = runs.id), "
    "(SELECT count(*) FROM run_outputs x WHERE x.run_id = runs.id) "
    "FROM runs ";

static void parse_order(const char *text, run_record *r)
{
    r->norder = 0;
    char *t = xstrdup(text ? text : ""), *save = NULL;
    for (char *p = strtok_r(t, ",", &save); p && r->norder < NLEVELS;
         p = strtok_r(NULL, ",", &save))
        for (int l = 0; l < NLEVELS; l++)
            if (!strcmp(p, LEVEL_NAMES[l]))
                r->order[r->norder++] = l;
    free(t);
}

static void read_summary(sqlite3_stmt *h, run_record *r)
{
    memset(r, 0, sizeof *r);
    kv_init(&r->params);
    r->id = sqlite3_column_int64(h, 0);
    r->created = col_text(h, 1);
    r->name = col_text(h, 2);
    r->label = col_text(h, 3);
    r->source = col_text(h, 4);
    r->engine = col_text(h, 5);
    r->command = col_text(h, 6);
    r->status = col_text(h, 7);
    r->has_gap = sqlite3_column_type(h, 8) != SQLITE_NULL;
    r->gap = sqlite3_column_double(h, 8);
    r->proven_levels = sqlite3_column_int(h, 9);
    parse_order((const char *)sqlite3_column_text(h, 10), r);
    r->level[LV_STAFFED] = sqlite3_column_int64(h, 11);
    r->level[LV_FILLED] = sqlite3_column_int64(h, 12);
    r->level[LV_RANK] = sqlite3_column_int64(h, 13);
    r->rank_pow = sqlite3_column_int(h, 14);
    r->cost = sqlite3_column_int64(h, 15);
    r->prog = sqlite3_column_int64(h, 16);
    r->hshare = sqlite3_column_int64(h, 17);
    r->has_time_limit = sqlite3_column_type(h, 18) != SQLITE_NULL;
    r->time_limit = sqlite3_column_double(h, 18);
    r->csv_dialect = col_text(h, 19);
    r->explain = sqlite3_column_int(h, 20);
    r->load_seconds = sqlite3_column_double(h, 21);
    r->solve_seconds = sqlite3_column_double(h, 22);
    r->search = col_text(h, 23);
    for (int k = 0; k < 6; k++)
        r->counts[k] = sqlite3_column_int(h, 24 + k);
    r->noutputs = sqlite3_column_int(h, 30);
    r->has_cohort = r->status && (!strcmp(r->status, "optimal") || !strcmp(r->status, "feasible"));
    if (!r->name)
        r->name = xstrdup("");
    if (!r->status)
        r->status = xstrdup("unknown");
}

int store_list(cohort_store *st, run_record **recs, int *n, cohort_diag *d)
{
    *recs = NULL;
    *n = 0;
    sbuf q;
    sb_init(&q);
    sb_printf(&q, "%sORDER BY id", SUMMARY_SQL);
    sqlite3_stmt *h = prep(st, q.s, d);
    sb_free(&q);
    if (!h)
        return COHORT_EIO;
    int cap = 0, rc;
    while ((rc = sqlite3_step(h)) == SQLITE_ROW) {
        GROW(*recs, cap, *n + 1);
        read_summary(h, &(*recs)[*n]);
        (*n)++;
    }
    sqlite3_finalize(h);
    if (rc != SQLITE_DONE)
        return fail(st, d, "cannot read the runs");
    return COHORT_OK;
}

int store_read(cohort_store *st, int64_t id, run_record *rec, cohort_diag *d)
{
    memset(rec, 0, sizeof *rec);
    kv_init(&rec->params);
    sbuf q;
    sb_init(&q);
    sb_printf(&q, "%sWHERE id = ?", SUMMARY_SQL);
    sqlite3_stmt *h = prep(st, q.s, d);
    sb_free(&q);
    int rc = COHORT_OK, cap;
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    if (sqlite3_step(h) != SQLITE_ROW) {
        sqlite3_finalize(h);
        diag_error(d, "run %lld: no such run in %s", (long long)id, st->file);
        return COHORT_EINPUT;
    }
    read_summary(h, rec);
    sqlite3_finalize(h);

    h = prep(st, "SELECT id, host FROM run_challenges WHERE run_id = ? ORDER BY pos", d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    cap = 0;
    while (sqlite3_step(h) == SQLITE_ROW) {
        GROW(rec->chals, cap, rec->nchals + 1);
        rec->chal_hosts = xrealloc(rec->chal_hosts, sizeof *rec->chal_hosts * (size_t)cap);
        rec->chals[rec->nchals] = col_text(h, 0);
        rec->chal_hosts[rec->nchals++] = col_text(h, 1);
    }
    sqlite3_finalize(h);

    h = prep(st, "SELECT id FROM run_candidates WHERE run_id = ? ORDER BY pos", d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    cap = 0;
    while (sqlite3_step(h) == SQLITE_ROW) {
        GROW(rec->cands, cap, rec->ncands + 1);
        rec->cands[rec->ncands++] = col_text(h, 0);
    }
    sqlite3_finalize(h);

    h = prep(st, "SELECT a.candidate, a.challenge, a.host, a.profile, a.candidate_rank, "
                 "a.jury_rank, a.cost, a.programme_share, a.host_share FROM run_assignments a "
                 "JOIN run_candidates c ON c.run_id = a.run_id AND c.id = a.candidate "
                 "WHERE a.run_id = ? ORDER BY c.pos", d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    cap = 0;
    while (sqlite3_step(h) == SQLITE_ROW) {
        GROW(rec->mem, cap, rec->nmem + 1);
        run_member *m = &rec->mem[rec->nmem++];
        m->cand = col_text(h, 0);
        m->chal = col_text(h, 1);
        m->host = col_text(h, 2);
        m->profile = col_text(h, 3);
        m->crank = sqlite3_column_int(h, 4);
        m->jrank = sqlite3_column_int(h, 5);
        m->cost = sqlite3_column_int64(h, 6);
        m->prog = sqlite3_column_int64(h, 7);
        m->hshare = sqlite3_column_int64(h, 8);
    }
    sqlite3_finalize(h);

    h = prep(st, "SELECT host, cost, programme_share, host_share FROM run_host_totals "
                 "WHERE run_id = ? ORDER BY pos", d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    cap = 0;
    while (sqlite3_step(h) == SQLITE_ROW) {
        GROW(rec->hosts, cap, rec->nhosts + 1);
        run_money *m = &rec->hosts[rec->nhosts++];
        m->host = col_text(h, 0);
        m->cost = sqlite3_column_int64(h, 1);
        m->prog = sqlite3_column_int64(h, 2);
        m->hshare = sqlite3_column_int64(h, 3);
    }
    sqlite3_finalize(h);

    h = prep(st, "SELECT key, value FROM run_params WHERE run_id = ? ORDER BY pos", d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    while (sqlite3_step(h) == SQLITE_ROW)
        kv_add(&rec->params, (const char *)sqlite3_column_text(h, 0),
               (const char *)sqlite3_column_text(h, 1));
    sqlite3_finalize(h);
    return rc;
}

/* ---- the scenario folder of a run ---- */

static void csv_row(sbuf *b, const char *const *cells, int n)
{
    for (int k = 0; k < n; k++) {
        if (k)
            sb_putc(b, ',');
        /* exact values: no formula neutralising, the files are read back as they are */
        csv_put_cell(b, cells[k], ',', 0);
    }
    sb_putc(b, '\n');
}

/* Runs SELECT over one run's table, one CSV row per result row: column k of
 * the result is cell k; NULL is an empty cell; `money` marks columns in
 * cents to write as euros. */
static int table_csv(cohort_store *st, const char *sql, int64_t id, const char *header,
                     unsigned money, sbuf *b, int *nrows, cohort_diag *d)
{
    sqlite3_stmt *h = prep(st, sql, d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    sb_puts(b, header);
    sb_putc(b, '\n');
    int n = sqlite3_column_count(h), rc;
    const char **cells = xcalloc((size_t)n, sizeof *cells);
    char (*num)[40] = xcalloc((size_t)n, sizeof *num);
    *nrows = 0;
    while ((rc = sqlite3_step(h)) == SQLITE_ROW) {
        for (int k = 0; k < n; k++) {
            if (sqlite3_column_type(h, k) == SQLITE_NULL)
                cells[k] = NULL;
            else if (money & (1u << k)) {
                fmt_scaled(sqlite3_column_int64(h, k), 2, num[k], sizeof num[k]);
                cells[k] = num[k];
            } else
                cells[k] = (const char *)sqlite3_column_text(h, k);
        }
        csv_row(b, cells, n);
        (*nrows)++;
    }
    free(cells);
    free(num);
    sqlite3_finalize(h);
    return rc == SQLITE_DONE ? COHORT_OK : fail(st, d, "cannot read the run's scenario");
}

static int candidates_csv(cohort_store *st, int64_t id, sbuf *b, cohort_diag *d)
{
    int rc = COHORT_OK, nattrs = 0, cap = 0;
    char **attrs = NULL;
    sqlite3_stmt *h = prep(st, "SELECT name FROM run_attributes WHERE run_id = ? ORDER BY pos", d);
    sqlite3_stmt *v = NULL;
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    while (sqlite3_step(h) == SQLITE_ROW) {
        GROW(attrs, cap, nattrs + 1);
        attrs[nattrs++] = col_text(h, 0);
    }
    sqlite3_finalize(h);
    const char **cells = xcalloc((size_t)(4 + nattrs), sizeof *cells);
    cells[0] = "id";
    cells[1] = "name";
    cells[2] = "profile";
    cells[3] = "monthly_salary";
    for (int k = 0; k < nattrs; k++)
        cells[4 + k] = attrs[k];
    csv_row(b, cells, 4 + nattrs);
    h = prep(st, "SELECT pos, id, name, profile, monthly_salary FROM run_candidates "
                 "WHERE run_id = ? ORDER BY pos", d);
    v = prep(st, "SELECT candidate_pos, attr_pos, value FROM run_candidate_attrs "
                 "WHERE run_id = ? ORDER BY candidate_pos, attr_pos", d);
    if (!h || !v) {
        rc = COHORT_EIO;
        goto done;
    }
    b_i64(h, 1, id);
    b_i64(v, 1, id);
    int vrc = sqlite3_step(v), hrc;
    char sal[40];
    while ((hrc = sqlite3_step(h)) == SQLITE_ROW) {
        int pos = sqlite3_column_int(h, 0);
        cells[0] = (const char *)sqlite3_column_text(h, 1);
        cells[1] = (const char *)sqlite3_column_text(h, 2);
        cells[2] = (const char *)sqlite3_column_text(h, 3);
        cells[3] = NULL;
        if (sqlite3_column_type(h, 4) != SQLITE_NULL) {
            fmt_scaled(sqlite3_column_int64(h, 4), 2, sal, sizeof sal);
            cells[3] = sal;
        }
        for (int k = 0; k < nattrs; k++)
            cells[4 + k] = NULL;
        /* the attribute rows come sorted like the candidates: merge */
        while (vrc == SQLITE_ROW && sqlite3_column_int(v, 0) < pos)
            vrc = sqlite3_step(v);
        char **vals = xcalloc((size_t)(nattrs ? nattrs : 1), sizeof *vals);
        while (vrc == SQLITE_ROW && sqlite3_column_int(v, 0) == pos) {
            int a = sqlite3_column_int(v, 1);
            if (a >= 0 && a < nattrs && !vals[a]) {
                vals[a] = col_text(v, 2);
                cells[4 + a] = vals[a];
            }
            vrc = sqlite3_step(v);
        }
        csv_row(b, cells, 4 + nattrs);
        for (int k = 0; k < nattrs; k++)
            free(vals[k]);
        free(vals);
    }
    if (hrc != SQLITE_DONE || (vrc != SQLITE_DONE && vrc != SQLITE_ROW))
        rc = fail(st, d, "cannot read the run's candidates");
done:
    sqlite3_finalize(h);
    sqlite3_finalize(v);
    for (int k = 0; k < nattrs; k++)
        free(attrs[k]);
    free(attrs);
    free(cells);
    return rc;
}

int store_scenario_files(cohort_store *st, int64_t id, sbuf files[NSCENFILES],
                         int present[NSCENFILES], cohort_diag *d)
{
    for (int k = 0; k < NSCENFILES; k++) {
        sb_init(&files[k]);
        present[k] = 1;
    }
    int rc, n;
    if ((rc = table_csv(st, "SELECT id, name, kind, budget, self_financed FROM run_hosts "
                            "WHERE run_id = ? ORDER BY pos", id,
                        "id,name,kind,budget,self_financed", 1u << 3, &files[0], &n, d)))
        return rc;
    if ((rc = table_csv(st, "SELECT id, title, host, min_team, max_team, needs, must_staff "
                            "FROM run_challenges WHERE run_id = ? ORDER BY pos", id,
                        "id,title,host,min_team,max_team,needs,must_staff", 0, &files[1], &n, d)))
        return rc;
    if ((rc = candidates_csv(st, id, &files[2], d)))
        return rc;
    if ((rc = table_csv(st, "SELECT candidate, challenge, candidate_rank, jury_rank, "
                            "shortlisted FROM run_applications WHERE run_id = ? ORDER BY pos",
                        id, "candidate,challenge,candidate_rank,jury_rank,shortlisted", 0,
                        &files[3], &n, d)))
        return rc;
    if ((rc = table_csv(st, "SELECT day, start_time, end_time FROM run_slots WHERE run_id = ? "
                            "ORDER BY pos", id, "day,start,end", 0, &files[4], &n, d)))
        return rc;
    present[4] = n > 0;
    if ((rc = table_csv(st, "SELECT who, id, day, start_time, end_time FROM run_unavailable "
                            "WHERE run_id = ? ORDER BY pos", id, "who,id,day,start,end", 0,
                        &files[5], &n, d)))
        return rc;
    present[5] = n > 0;
    kvlist kv;
    kv_init(&kv);
    sqlite3_stmt *h = prep(st, "SELECT key, value FROM run_params WHERE run_id = ? ORDER BY pos",
                           d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    while ((rc = sqlite3_step(h)) == SQLITE_ROW)
        kv_add(&kv, (const char *)sqlite3_column_text(h, 0),
               (const char *)sqlite3_column_text(h, 1));
    sqlite3_finalize(h);
    params_json(&kv, &files[6]);
    kv_free(&kv);
    return rc == SQLITE_DONE ? COHORT_OK : fail(st, d, "cannot read the run's parameters");
}

int store_output(cohort_store *st, int64_t id, const char *file, sbuf *out, int *have,
                 cohort_diag *d)
{
    sb_init(out);
    *have = 0;
    sqlite3_stmt *h =
        prep(st, "SELECT content FROM run_outputs WHERE run_id = ? AND file = ?", d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    b_text(h, 2, file);
    int rc = sqlite3_step(h);
    if (rc == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(h, 0);
        int n = sqlite3_column_bytes(h, 0);
        sb_putn(out, p ? p : "", (size_t)n);
        if (!out->s)
            sb_puts(out, "");
        *have = 1;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(h);
    return rc == SQLITE_DONE ? COHORT_OK : fail(st, d, "cannot read the run's outputs");
}

int store_outputs(cohort_store *st, int64_t id, sbuf out[NOUTPUTS], int have[NOUTPUTS],
                  cohort_diag *d)
{
    int rc = COHORT_OK;
    for (int k = 0; k < NOUTPUTS; k++) {
        sb_init(&out[k]);
        have[k] = 0;
    }
    for (int k = 0; k < NOUTPUTS && rc == COHORT_OK; k++)
        rc = store_output(st, id, OUTPUT_NAMES[k], &out[k], &have[k], d);
    return rc;
}

int store_options(cohort_store *st, int64_t id, cohort_solve_opts *so, cohort_write_opts *wo,
                  cohort_diag *d)
{
    cohort_solve_opts_init(so);
    cohort_write_opts_init(wo);
    sqlite3_stmt *h = prep(st, "SELECT time_limit, csv_dialect, explain_infeasible, search_options "
                               "FROM runs WHERE id = ?", d);
    if (!h)
        return COHORT_EIO;
    b_i64(h, 1, id);
    int rc = sqlite3_step(h);
    if (rc == SQLITE_ROW) {
        if (sqlite3_column_type(h, 0) != SQLITE_NULL)
            so->time_limit = sqlite3_column_double(h, 0);
        const char *dl = (const char *)sqlite3_column_text(h, 1);
        wo->csv_dialect_fr = dl && !strcmp(dl, "fr");
        so->explain_infeasible = sqlite3_column_int(h, 2);
        search_options_read((const char *)sqlite3_column_text(h, 3), so);
    }
    sqlite3_finalize(h);
    return rc == SQLITE_ROW ? COHORT_OK : fail(st, d, "cannot read the run's options");
}
