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

typedef struct cohort_progress {
    double elapsed;   /* seconds since the start of the solve */
    int has_incumbent;
    double incumbent; /* weighted objective of the best cohort found */
    double bound;     /* best bound of the weighted objective */
    double gap;       /* relative gap, 0..1, or -1 when unknown */
    const char *phase;
} cohort_progress;

typedef void (*cohort_progress_fn)(const cohort_progress *p, void *user);

typedef struct cohort_solve_opts {
    double time_limit;          /* seconds; <= 0 means no limit */
    cohort_progress_fn progress; /* may be NULL */
    void *progress_user;
    int explain_infeasible;     /* 1: on infeasibility, compute conflicts (default 1) */
} cohort_solve_opts;

void cohort_solve_opts_init(cohort_solve_opts *o);

typedef struct cohort_result cohort_result;

/* Solves the scenario. Returns COHORT_OK when a cohort was found (status
 * optimal or feasible), COHORT_INFEASIBLE when there is none (the result
 * then carries the conflicts), COHORT_ESOLVER on solver failure. *out is
 * set whenever the return is OK or INFEASIBLE. */
int cohort_solve(const cohort_scenario *s, const cohort_solve_opts *o,
                 cohort_result **out, cohort_diag *d);
void cohort_result_free(cohort_result *r);

/* "optimal", "feasible", "infeasible" or "limit" (time limit, no cohort). */
const char *cohort_result_status(const cohort_result *r);

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

/* Writes the MILP in CPLEX LP (".lp") or free MPS (".mps") form. */
int cohort_export_model(const cohort_scenario *s, const char *file, cohort_diag *d);

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
/* The k-th reason (0-based) why interviews cannot be placed, in plain
 * words, or NULL past the last one. Owned by r. */
const char *cohort_schedule_problem(const cohort_schedule_result *r, int k);

/* Writes schedule.csv, schedule.ics, schedule.json and timetable.html into
 * DIR, atomically (as cohort_write_outputs). */
int cohort_write_schedule(const cohort_scenario *s, const cohort_schedule_result *r,
                          const char *dir, cohort_diag *d);

#endif
