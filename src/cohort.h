/* cohort.h - public interface of the cohort engine (libcohort_core).
 *
 * The library loads a scenario (a folder of CSV files or one JSON file),
 * validates it, builds and solves the cohort MILP with GLPK, and writes the
 * contract's outputs. It never prints and never exits: every problem is
 * reported through a caller-owned cohort_diag, and every function returns a
 * status code.
 *
 * Ownership: objects returned through an out-pointer belong to the caller
 * and are released with the matching *_free function, which accepts NULL.
 */
#ifndef COHORT_H
#define COHORT_H

#include <stddef.h>
#include <stdint.h>

#define COHORT_VERSION "1.0.0"

/* Return codes shared by the whole library. */
enum {
    COHORT_OK = 0,
    COHORT_INFEASIBLE = 1, /* the scenario has no cohort (conflicts explain why) */
    COHORT_EINPUT = 2,     /* bad input or usage: see the diagnostics */
    COHORT_EIO = 3,        /* a file could not be written */
    COHORT_ESOLVER = 4     /* the solver failed (numerical trouble) */
};

/* ---- diagnostics --------------------------------------------------------- */

/* One message per line, already formatted as
 * "FILE:LINE: field 'NAME': what is wrong (what was expected)". */
typedef struct cohort_diag {
    char **errors;
    int nerrors;
    int errors_dropped; /* errors beyond the cap, counted but not kept */
    char **warnings;
    int nwarnings;
    int warnings_dropped;
} cohort_diag;

void cohort_diag_init(cohort_diag *d);
void cohort_diag_clear(cohort_diag *d); /* frees the messages, keeps d usable */

/* ---- scenario -------------------------------------------------------------- */

typedef struct cohort_scenario cohort_scenario;

/* Loads and validates PATH: a scenario folder or a single JSON file.
 * On success *out is a new scenario (free with cohort_scenario_free).
 * On bad input returns COHORT_EINPUT with every error found in d. */
int cohort_scenario_load(const char *path, cohort_scenario **out, cohort_diag *d);
void cohort_scenario_free(cohort_scenario *s);

/* Overrides one numeric scenario key, e.g. "cofinancing.envelope" or
 * "profile_quotas.designer.min" or "hosts.H1.budget"; used by sweeps.
 * Returns COHORT_EINPUT with a message when the key is unknown. */
int cohort_scenario_set(cohort_scenario *s, const char *key, const char *value,
                        cohort_diag *d);

/* ---- solving ------------------------------------------------------------- */

/* What a progress report is about. */
enum {
    COHORT_EV_TICK,         /* periodic (about once a second) during a long LP, a dive or
                               a search */
    COHORT_EV_MODEL,        /* the model is built; value = number of columns */
    COHORT_EV_START_COHORT, /* the greedy starting cohort satisfies every rule */
    COHORT_EV_RELAXATION,   /* root LP of a level solved; value = its bound */
    COHORT_EV_LEVEL,        /* a level is proven optimal; value = its optimum; phase =
                               how: "root" (a cohort at hand or a rounding of the LP
                               reached its bound), "root cuts" (the same after the root
                               cuts), "root cuts, dive" (a dive from the root cuts'
                               LP), "dive" (an LP dive did), "pump", "reduced
                               search" (branch-and-cut on the model reduced by the root's
                               reduced costs), "weighted search", "search" (branch-and-cut
                               on the whole model) or "search, count bounds"; "root
                               cuts, " and one of those when that step found the cohort
                               on the LP of the root cuts */
    COHORT_EV_CUTS,         /* the root cuts of a level (docs/model.md) raised its LP
                               bound; value = the new bound, iterations = the cuts kept */
    COHORT_EV_CONFLICTS     /* an infeasible scenario's conflict search (docs/validation.md,
                               section 3):
                               phase = its stage, "filter" (the rules the best cohorts
                               break, added round by round), "deletion" (each suspect
                               relaxed in turn) or "amounts" (how far each rule of the
                               set must move); value = the rules in play; iterations =
                               0 as the stage starts, then the filter's round, or the
                               rule being tried (1..value) in the other two stages */
};

typedef struct cohort_progress {
    int event;        /* COHORT_EV_* */
    double elapsed;   /* seconds since the start of the solve */
    const char *level; /* objective level being solved ("staffed", ...) or "" */
    double value;     /* see the events above */
    int has_incumbent;
    double incumbent; /* the level's value in the best cohort found */
    double bound;     /* best bound of the level */
    double gap;       /* relative gap, 0..1, or -1 when unknown */
    const char *phase; /* a LEVEL's: how it was proven (above); a TICK's: "search",
                          "better cohort", "dive" (iterations = the dive's simplex
                          iterations so far), "restricted search" (for a better
                          cohort among the pairs of the level's LP: its incumbent
                          and bound are the cohort at hand and the level's, at_hand
                          below), "root cuts" (rounds of cuts at the root:
                          value = the bound, iterations = the round), "root
                          cuts removed" (they gained no unit and no cohort
                          reached their bound: value = that bound), "pump"
                          (the pump try: GLPK's feasibility pump; iterations =
                          the pass that starts, 1 to 5, or 0 for a tick of its
                          root), "weighted search" (the weighted try's root), or
                          "relaxation" (the level's LP is
                          being solved: value = its objective so far, iterations =
                          the simplex iterations so far); a schedule's TICK:
                          phase = the level, iterations = the feasibility
                          pump's pass that starts, or 0 */
    long iterations;
    int at_hand;      /* a TICK's incumbent is the cohort at hand, not one its search
                         found: between searches, in the restricted search, or in a
                         search for better cohorts only (bound: the level's best
                         known, never worse than that cohort) */
} cohort_progress;

typedef void (*cohort_progress_fn)(const cohort_progress *p, void *user);

typedef struct cohort_solve_opts {
    double time_limit;          /* seconds; <= 0 means no limit */
    cohort_progress_fn progress; /* may be NULL */
    void *progress_user;
    double progress_interval;   /* seconds between ticks; <= 0 means 1 (the default) */
    int explain_infeasible;     /* 1: on infeasibility, compute conflicts (default 1) */
    int full_search;            /* 1: a level that needs a search gets GLPK's branch-and-cut
                                   on the whole model only, without the reduced model of
                                   docs/model.md (default 0; for comparisons) */
    int root_cuts;              /* 1: rounds of MIR cuts at a level's root when its LP bound
                                   is not reached (docs/model.md, "Root cuts"; default 1;
                                   0 for comparisons) */
    int probing;                /* 1: probing at the root of a search for a better cohort
                                   (docs/model.md, "Probing"; default 1; 0 for
                                   comparisons) */
    int presolved_root;         /* 1: the staffed level's count bounds' search first at
                                   the root of GLPK's LP presolver's vertex (docs/model.md,
                                   "The staffed level's search: the presolver's root
                                   first"; default 1; 0 for comparisons) */
    int rens;                   /* 1: RENS before the restricted search at the staffed and
                                   filled levels (docs/model.md, "RENS"; default 1; 0 for
                                   comparisons) */
    int money_by_bisection;     /* 1: the conflicts' amounts of money by the engine's
                                   bisection alone, without GLPK's elastic search first
                                   (docs/validation.md, section 3; default 0; for
                                   comparisons and tests) */
} cohort_solve_opts;

void cohort_solve_opts_init(cohort_solve_opts *o);

/* An interrupt: asks the solve (and the schedule) running in this process
 * to end as its time limit would, keeping the best found so far: the
 * cohort written is `feasible` with its gap (or `unknown` without one),
 * and the result says it was interrupted (cohort_result_interrupted()).
 * Each search, rounding loop and conflict search looks at it where it
 * looks at its clock; a simplex already running is not cut short (GLPK
 * has no way to), so the end can come after that LP (under a second at
 * national scale, up to 20 s at a hundred times the real promotion), and
 * GLPK's feasibility pump ends at its next pass (when a progress callback
 * is set: the pass's tick stops it; a few seconds at large scale).
 * Async-signal-safe: meant for a SIGINT or SIGTERM handler. The request
 * stays until cleared. */
void cohort_interrupt(void);
int cohort_interrupted(void);
void cohort_interrupt_clear(void);

typedef struct cohort_result cohort_result;

/* Solves the scenario. Returns COHORT_OK when a cohort was found (status
 * optimal or feasible), COHORT_INFEASIBLE when there is none (the result
 * then carries the conflicts), COHORT_ESOLVER on solver failure. *out is
 * set whenever the return is OK or INFEASIBLE. */
int cohort_solve(const cohort_scenario *s, const cohort_solve_opts *o,
                 cohort_result **out, cohort_diag *d);
void cohort_result_free(cohort_result *r);

/* "optimal", "feasible", "infeasible" or "unknown" (time limit, no cohort):
 * the status word of cohort.json. */
const char *cohort_result_status(const cohort_result *r);

/* 1 when an interrupt (cohort_interrupt()) ended the solve before its
 * proof: the status is then `feasible` or `unknown`. */
int cohort_result_interrupted(const cohort_result *r);

/* How far a cohort is proven, in words, into buf (always terminated):
 * "every level proven optimal", or for a feasible one, e.g. "staffed and
 * filled proven optimal, rank within 0.45 % of its bound"; "" otherwise. */
void cohort_result_proof_text(const cohort_scenario *s, const cohort_result *r, char *buf,
                              size_t size);

/* ---- writing ------------------------------------------------------------- */

typedef struct cohort_write_opts {
    int csv_dialect_fr; /* 1: ';' separator, decimal comma, UTF-8 BOM */
} cohort_write_opts;

void cohort_write_opts_init(cohort_write_opts *o);

/* Writes cohort.json, cohort.csv, finance.csv and report.html into DIR,
 * atomically: everything goes to a temporary folder beside DIR first and
 * is renamed into place only when all files are complete. */
int cohort_write_outputs(const cohort_scenario *s, const cohort_result *r,
                         const char *dir, const cohort_write_opts *o,
                         cohort_diag *d);

/* Writes the GMPL data section for models/cohort.mod. */
int cohort_export_gmpl(const cohort_scenario *s, const char *file, cohort_diag *d);

/* Writes the MILP in CPLEX LP (".lp") or free MPS (".mps") form: the model
 * `cohort solve` builds, or with plain = 1 CONTRACT.md section 2 as written
 * (money rows in cents, none of the implied rows); both have the same
 * integer optimum. */
int cohort_export_model(const cohort_scenario *s, const char *file, int plain, cohort_diag *d);

/* ---- explaining a cohort ------------------------------------------------- */

/* Rebuilds the result that an earlier `cohort solve` of this scenario wrote
 * to DIR/cohort.json. The file is accepted only when writing the rebuilt
 * result gives back the very same bytes (same data, same version of
 * cohort), so what is explained is exactly what the report beside it shows.
 * Returns COHORT_OK and *out (free with cohort_result_free), or
 * COHORT_EINPUT with the reason in d (absent, no cohort, other data). */
int cohort_result_load(const cohort_scenario *s, const char *dir, cohort_result **out,
                       cohort_diag *d);

/* Explains, as plain text for a terminal: for a candidate id, where they
 * are and why they are not on each other challenge they applied to; for a
 * challenge id, its team and why each other applicant is not on it (both
 * when WHO is both). *out is a new string (caller frees). With r or out
 * NULL, only checks WHO. COHORT_EINPUT (message in d) when WHO is neither. */
int cohort_explain_text(const cohort_scenario *s, const cohort_result *r, const char *who,
                        char **out, cohort_diag *d);
/* ---- store of runs (store.c, runview.c, compare.c) ------------------------ */

/* A SQLite file holding every recorded run with its whole scenario (all rows
 * of every table), options, results and output files. See docs/store.md. */
typedef struct cohort_store cohort_store;

/* Opens FILE and brings its schema up to date (versioned migrations). When
 * create is 0 a missing FILE is an error (COHORT_EINPUT). A file that is not
 * a cohort store, or one written by a newer schema, is refused. */
int cohort_store_open(const char *file, int create, cohort_store **out, cohort_diag *d);
void cohort_store_close(cohort_store *st);

typedef struct cohort_run_meta {
    const char *command;  /* "solve" (default) or "sweep" */
    const char *label;    /* NULL, or e.g. "cofinancing.envelope=400000" */
    double load_seconds;  /* reading and validating the scenario */
} cohort_run_meta;

void cohort_run_meta_init(cohort_run_meta *m);

/* Records one run in a single transaction: the scenario, the options so and
 * wo (NULL = defaults), the result and the four output files as
 * cohort_write_outputs writes them. *id (may be NULL) receives the run id. */
int cohort_store_add_run(cohort_store *st, const cohort_scenario *s, const cohort_result *r,
                         const cohort_solve_opts *so, const cohort_write_opts *wo,
                         const cohort_run_meta *m, int64_t *id, cohort_diag *d);

/* Text (json = 0) or JSON (json = 1) views; *out is a new string the caller
 * frees. RUN is a run id, or "last". */
int cohort_store_runs(cohort_store *st, int json, char **out, cohort_diag *d);
int cohort_store_show(cohort_store *st, const char *run, int json, char **out, cohort_diag *d);
int cohort_store_compare(cohort_store *st, const char *run_a, const char *run_b, int json,
                         char **out, cohort_diag *d);

typedef struct cohort_replay_opts {
    int recorded; /* 1: write the recorded outputs instead of solving again */
} cohort_replay_opts;

void cohort_replay_opts_init(cohort_replay_opts *o);

typedef struct cohort_replay_report {
    int64_t id;
    char status[16];     /* status of the replayed (or recorded) cohort */
    int compared;        /* 1 when recorded outputs existed to compare with */
    int identical;       /* 1 when every output file is byte-identical to the recorded one */
    char differs[128];   /* names of the files that differ, space-separated */
} cohort_replay_report;

/* Writes DIR/scenario/ (the run's CSV files and scenario.json), solves it
 * again with the run's options and writes the outputs into DIR, then
 * compares them with the recorded ones (rep). */
int cohort_store_replay(cohort_store *st, const char *run, const char *dir,
                        const cohort_replay_opts *o, cohort_replay_report *rep, cohort_diag *d);

/* ---- sweeps (sweep.c) ------------------------------------------------------- */

typedef struct cohort_sweep_point {
    int index, total;     /* 1-based variant number, number of variants */
    const char *label;    /* "cofinancing.envelope=400000" */
    const char *status;   /* "optimal", "feasible", "infeasible", "unknown" */
    int64_t staffed, filled;
    const char *rank;     /* rank cost as text */
    double seconds;       /* solve time of this variant */
    int64_t run_id;       /* 0 unless recorded in a store */
} cohort_sweep_point;

typedef void (*cohort_sweep_fn)(const cohort_sweep_point *p, void *user);

typedef struct cohort_sweep_opts {
    double time_limit;       /* seconds per variant; <= 0 means no limit */
    cohort_store *store;     /* NULL, or record every variant there */
    cohort_sweep_fn on_point; /* called after each variant (may be NULL) */
    void *user;
} cohort_sweep_opts;

void cohort_sweep_opts_init(cohort_sweep_opts *o);

/* Solves SCENARIO once per value (or pair of values) of one or two numeric
 * keys, each given as "KEY=FROM:TO:STEP" or "KEY=V1,V2,...", and writes
 * DIR/sweep.csv, DIR/sweep.svg and DIR/sweep.md atomically. Every variant
 * is validated before the first solve: a bad key or value is COHORT_EINPUT
 * and nothing is written. */
int cohort_sweep(const char *scenario, const char *const *sets, int nsets, const char *dir,
                 const cohort_sweep_opts *o, cohort_diag *d);
/* ---- conflicts of an infeasible scenario (conflicts.c) --------------------- */

/* How many conflicts an infeasible result carries (0 otherwise), and the
 * plain-words text of conflict k, e.g. "C10 programme envelope: 41,200.00
 * EUR short" (owned by the result). */
int cohort_result_nconflicts(const cohort_result *r);
const char *cohort_result_conflict_text(const cohort_result *r, int k);
/* ---- interview schedule (CONTRACT.md section 4) ---------------------------- */

typedef struct cohort_schedule_opts {
    int buffer;                  /* minutes a candidate keeps free between two of
                                    their interviews on a day (default 0) */
    int max_per_day;             /* interviews a panel holds a day at most; 0 = no limit */
    double time_limit;           /* seconds; <= 0 means no limit */
    cohort_progress_fn progress; /* may be NULL */
    void *progress_user;
    int heuristic;               /* 1 (default): start GLPK from a greedy schedule and
                                    skip the search when it meets the obvious bound;
                                    0: GLPK alone (tests compare the two) */
} cohort_schedule_opts;

void cohort_schedule_opts_init(cohort_schedule_opts *o);

typedef struct cohort_schedule_result cohort_schedule_result;

/* Places every shortlisted interview of S in one slot (slots.csv), then
 * minimises the candidate-days and, among those optima, the panel gaps.
 * Returns COHORT_OK when every interview is placed (status optimal, or
 * feasible when the time limit stopped the proof) or when the time limit
 * passed before any schedule was found (status unknown); COHORT_INFEASIBLE
 * when the slots cannot hold every interview (the result then says which
 * and why); COHORT_EINPUT when the scenario lacks what a schedule needs
 * (e.g. no slots); COHORT_ESOLVER on solver failure. *out is set (free it
 * with cohort_schedule_result_free) whenever the return is OK or
 * INFEASIBLE. */
int cohort_schedule(const cohort_scenario *s, const cohort_schedule_opts *o,
                    cohort_schedule_result **out, cohort_diag *d);
void cohort_schedule_result_free(cohort_schedule_result *r);

/* "optimal", "feasible", "infeasible" or "unknown". */
const char *cohort_schedule_status(const cohort_schedule_result *r);
/* 1 when an interrupt (cohort_interrupt()) ended the schedule's search
 * before its proof. */
int cohort_schedule_interrupted(const cohort_schedule_result *r);
/* The k-th reason (0-based) why interviews cannot be placed, in plain
 * words, or NULL past the last one. Owned by r. */
const char *cohort_schedule_problem(const cohort_schedule_result *r, int k);

/* Writes schedule.csv, schedule.ics, schedule.json and timetable.html into
 * DIR, atomically (as cohort_write_outputs). */
int cohort_write_schedule(const cohort_scenario *s, const cohort_schedule_result *r,
                          const char *dir, cohort_diag *d);

#endif
