/* internal.h - private structures shared by the library's subsystems.
 *
 * Data flows one way:
 *   csv.c / json_in.c  -> table   (raw cells with their file and line)
 *   instance.c         -> cohort_scenario (validated, money in cents)
 *   model.c + solve.c  -> cohort_result   (assignments, status)
 *   solution.c         -> derived figures (totals, finance, blocking pairs)
 *   out_*.c, report.c  -> files
 * Nothing downstream reaches back upstream.
 */
#ifndef COHORT_INTERNAL_H
#define COHORT_INTERNAL_H

#include "cohort.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

/* ---- fixed vocabularies ---------------------------------------------------- */

#define NPROF 6
enum { P_DEVELOPER, P_DESIGNER, P_DATA_SCIENTIST, P_DIGITAL_LAWYER,
       P_DATA_ENGINEER, P_GEOMATICIAN };
extern const char *const PROFILE_NAMES[NPROF];

#define NKIND 4
enum { K_STATE, K_LOCAL, K_HEALTH, K_OTHER };
extern const char *const KIND_NAMES[NKIND];

enum { LV_STAFFED, LV_FILLED, LV_RANK, NLEVELS };
extern const char *const LEVEL_NAMES[NLEVELS];

/* ---- util.c ---------------------------------------------------------------- */

/* Allocation never returns NULL: on exhaustion the process aborts (the one
 * exception to "the library never exits", documented in docs/design.md). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *p (an array of elem-size items with capacity *cap) to hold need. */
void grow(void **p, int *cap, int need, size_t elem);
#define GROW(arr, cap, need) grow((void **)&(arr), &(cap), (need), sizeof *(arr))

/* Runs fn(arg) on this thread and, when threads > 1, on a second thread at
 * the same time (fn shares out its work itself); returns when both are done.
 * Without a second thread (threads 1, or none could be started) fn does it
 * all. */
void run_threads(void *(*fn)(void *), void *arg, int threads);

/* Dynamic string. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;
void sb_init(sbuf *b);
void sb_free(sbuf *b);
void sb_putc(sbuf *b, char c);
void sb_puts(sbuf *b, const char *s);
void sb_putn(sbuf *b, const char *s, size_t n);
void sb_reserve(sbuf *b, size_t extra); /* room for extra more bytes */
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(sbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* snprintf, with the common formats expanded without stdio (see util.c) */
int fmt_text(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int fmt_vtext(char *buf, size_t n, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
char *sb_take(sbuf *b); /* returns the string, b becomes empty */

/* Groups items by key (CSR): list[start[g] .. start[g + 1]) holds, in their
 * order, the items whose key is g (items NULL: the indexes 0..nitems-1).
 * Both arrays are new. */
void csr_build(int nkeys, int nitems, const int *items, const int *key, int **start_out,
               int **list_out);

/* String -> int map (open addressing, insertion order independent lookups). */
typedef struct strmap {
    const char **keys;
    int *vals;
    size_t cap, n;
} strmap;
void sm_init(strmap *m);
void sm_free(strmap *m);
int sm_get(const strmap *m, const char *key); /* -1 when absent */
void sm_put(strmap *m, const char *key, int val); /* key not copied */

/* Exact rational, den > 0. */
typedef struct ratio {
    int64_t num, den;
} ratio;

/* Parses a plain decimal ("12", "-0.35", "1e-3"): exact rational.
 * Returns 0 on success, -1 when not a number, -2 when too large/precise. */
int parse_decimal(const char *s, ratio *out);
/* Shortest text that reads back as the same double (like Python's repr). */
void double_text(double v, char *buf, size_t n);
/* round(a * b / c) half away from zero, exact (128-bit). c > 0. */
int64_t muldiv_round(int64_t a, int64_t b, int64_t c);
/* Members a share r of n allows (n >= 0, 0 <= r <= 1): a minimum share at
 * least ceil(r x n), a maximum share at most floor(r x n); exact. */
int64_t share_least(ratio r, int64_t n);
int64_t share_most(ratio r, int64_t n);
/* Greatest common divisor, >= 0 (0 only for gcd64(0, 0)). */
int64_t gcd64(int64_t a, int64_t b);
/* The distance of x to the nearest integer (0 to 0.5). */
double frac_dist(double x);
/* An LP column and the distance of its value to the nearest integer. */
typedef struct frac_col {
    int col;
    double dist;
} frac_col;
/* Sorts the most fractional first (the largest dist), ties by column: the
 * order in which the root cuts (cuts.c) and probing (probe.c) take them. */
void frac_cols_sort(frac_col *c, int n);
/* Rational * integer cents, rounded half away from zero. */
int64_t ratio_apply(ratio r, int64_t cents);
/* Formats cents as euros "1234.56" (sep '.' or ','). */
void fmt_cents(int64_t cents, char *buf, size_t n, char decimal_sep);
/* Formats cents as "1,234.56 EUR" for messages and the report. */
void fmt_eur(int64_t cents, char *buf, size_t n);
/* Formats a scaled integer v / 10^scale as a minimal decimal ("12.5"). */
void fmt_scaled(int64_t v, int scale, char *buf, size_t n);
/* Calendar text, digits only (no sign, no blank: "2021-07-+5" is no date):
 * "YYYY-MM-DD" (a real day, years 1900-2999), "YYYY-MM" (*ym = year x 12 +
 * month - 1), "HH:MM" or "H:MM" (minutes, 00:00 to 24:00). 0 or -1. */
int parse_date(const char *s, int *y, int *m, int *d);
int parse_year_month(const char *s, int *ym);
int parse_hhmm(const char *s, int *minutes);
/* The folder that holds path ("." for a bare name, "/" for "/x"); caller frees. */
char *parent_dir(const char *path);
/* Trims ASCII blanks in place, returns s. */
char *trim(char *s);
/* Validates UTF-8; returns byte offset of the first bad byte or -1. */
long utf8_check(const char *s, size_t n);
double now_seconds(void);
/* Whether the clock is past deadline (0: none), or an interrupt asked the
 * run to stop (cohort_interrupt()): every loop that looks at its clock asks
 * this. */
int past_deadline(double deadline);

/* ---- diag.c ---------------------------------------------------------------- */

#define DIAG_MAX_ERRORS 100
#define DIAG_MAX_WARNINGS 100
void diag_error(cohort_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_warn(cohort_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- table.c, csv.c, json_in.c: raw tables --------------------------------- */

typedef struct table {
    char *file;   /* display name of the file, e.g. "data/eig5/hosts.csv" */
    int present;  /* 0 when the file is absent (an empty table) */
    int ncols;
    char **cols;
    int nrows;
    char **cells; /* nrows * ncols; NULL = absent (empty cell) */
    long *lines;  /* line in file where the row starts */
    int rows_cap;
    int broken;   /* csv.c: a syntax error made some rows unreadable, so ids
                     missing from this table are not reported as unknown */
    void *arena;  /* csv.c: storage of the cell texts (freed with the table) */
} table;

void table_init(table *t, const char *file);
void table_free(table *t);
int table_col(const table *t, const char *name); /* -1 when absent */
const char *table_cell(const table *t, int row, int col); /* NULL if absent/empty */
int table_add_col(table *t, const char *name);
int table_add_row(table *t, long line);
void table_set(table *t, int row, int col, const char *value);

/* Reads a CSV file (RFC 4180, BOM, CRLF). Missing file: t->present = 0,
 * returns 0. Errors go to d; returns -1 if the file is unusable. */
int csv_read_file(const char *path, const char *display, table *t, cohort_diag *d);
/* Parses CSV text held in memory (used by the file reader and the fuzzer). */
int csv_parse(const char *text, size_t len, const char *display, table *t, cohort_diag *d);
/* CSV writing: quotes as needed; neutralises formula-looking cells when
 * text_cell is 1 (a leading = + - @ gets a ' prefix). */
void csv_put_cell(sbuf *b, const char *s, char sep, int text_cell);

/* ---- scenario, validated ---------------------------------------------------- */

typedef struct host {
    char *id, *name;
    int kind;
    int64_t budget; /* cents, -1 = unlimited */
    int self_financed;
    long line;
} host;

typedef struct challenge {
    char *id, *title;
    int host;
    int min_team, max_team;
    int min_given, max_given; /* 1 when the file gave min_team / max_team (params.c) */
    int need_min[NPROF], need_max[NPROF]; /* max = max_team when unlisted */
    int need_listed[NPROF];
    char *needs_text;
    int must_staff;
    long line;
} challenge;

typedef struct candidate {
    char *id, *name;
    int profile;
    int64_t salary;  /* cents a month */
    int salary_given; /* 1 when the file gave monthly_salary (params.c) */
    int64_t cost;    /* cents over the contract */
    char **attrs;    /* one value per scenario attribute column (may be NULL) */
    long line;
} candidate;

/* One preferences.csv row. */
typedef struct app {
    int cand, chal;
    int crank;       /* candidate rank, 0 when the jury proposed the pair */
    int jrank;       /* jury rank, 0 when declined */
    int shortlisted;
    int eligible;    /* C2: jury_rank present and profile allowed */
    int crank_eff;   /* crank, or 1 + largest candidate rank in the file */
    int64_t prog;    /* programme share in cents (if assigned) */
    int64_t hshare;  /* host share in cents */
    int64_t rcost;   /* rank cost, scaled by rank_scale */
    long line;
} app;

typedef struct quota {
    int min, max; /* -1 = absent */
    int has_min_share, has_max_share;
    ratio min_share, max_share;
} quota;

typedef struct diversity {
    char *attribute, *value;
    int attr;      /* index into scenario attrs, -1 when no candidate has it */
    int has_min_share, has_max_share;
    ratio min_share, max_share;
} diversity;

typedef struct slot {
    char *day;      /* YYYY-MM-DD */
    int start, end; /* minutes since midnight */
    int day_index;
    long line;
} slot;

typedef struct unavail {
    int who;  /* 0 candidate, 1 challenge */
    int id;   /* candidate or challenge index */
    char *day;
    int start, end;
    long line;
} unavail;

struct cohort_scenario {
    char *source;   /* path given by the user */
    char *name;
    int start_year, start_month, start_day;
    int duration;   /* months */
    ratio factor;
    int64_t default_salary; /* cents */
    int team_min, team_max;
    int min_distinct;
    int cs_min, cs_max; /* -1 = absent */
    quota quotas[NPROF];
    int has_quota[NPROF];
    diversity *divs;
    int ndivs;
    ratio rates[NKIND];      /* effective rates (covered_months applied) */
    ratio rates_given[NKIND];
    int has_covered;
    int covered_from, covered_to; /* year*12 + month-1 */
    int covered_count;
    int64_t envelope;        /* cents, -1 = none */
    int order[NLEVELS];
    int norder;
    ratio wc, wj;
    int rank_scale_pow;      /* rank costs are scaled by 10^rank_scale_pow */
    int64_t rank_scale;

    host *hosts;
    int nhosts;
    challenge *chals;
    int nchals;
    candidate *cands;
    int ncands;
    char **attr_names;
    int nattrs;
    app *apps;
    int napps;
    int max_crank;

    /* eligible pairs (indices into apps), grouped */
    int *pairs;       /* eligible app indices, in preferences order */
    int npairs;
    int *by_chal_start; /* nchals+1: CSR over pairs sorted by challenge */
    int *by_chal;       /* app indices */
    int *by_cand_start; /* ncands+1 */
    int *by_cand;       /* app indices */
    int *apps_by_chal_start; /* all applications (eligible or not) by challenge */
    int *apps_by_chal;

    slot *slots;
    int nslots;
    unavail *unav;
    int nunav;
    char **days;     /* distinct slot days, sorted */
    int ndays;

    strmap host_ix, chal_ix, cand_ix;
};

/* instance.c: tables -> validated scenario. Takes ownership of nothing. */
typedef struct raw_scenario {
    char *json_file;  /* display name of the file holding the scenario object */
    void *json_root;  /* cJSON* document (owned) */
    void *json;       /* cJSON* of the scenario object inside it (may be NULL) */
    const char *jprefix; /* "" (scenario.json) or "scenario." (single file) */
    strmap jl;        /* JSON value path -> line, for messages */
    char **jl_keys;
    int njl, jl_cap;
    char *base;       /* folder or file name, for the default scenario name */
    table hosts, challenges, candidates, preferences, slots, unavailable;
} raw_scenario;

/* Line of a JSON value path ("team_size.min") in raw->json_file, or 0. */
long raw_json_line(const raw_scenario *raw, const char *path);

/* json_in.c */
int load_folder(const char *dir, raw_scenario *raw, cohort_diag *d);
int load_json_file(const char *path, raw_scenario *raw, cohort_diag *d);
void raw_free(raw_scenario *raw);
/* Reads scenario parameters from raw->json into s (only json_in.c sees cJSON). */
int scenario_params(const raw_scenario *raw, cohort_scenario *s, cohort_diag *d);
/* Parses a JSON document held in memory (fuzzer entry point). */
int json_parse_scenario_text(const char *text, size_t len, const char *display,
                             raw_scenario *raw, cohort_diag *d);

int instance_build(const raw_scenario *raw, const char *source, cohort_scenario **out,
                   cohort_diag *d);
/* Recomputes rates and money after a parameter change. */
void instance_refresh_money(cohort_scenario *s);
/* The largest rank sum of any cohort (each candidate at their costliest
 * application; INT64_MAX when it would overflow). A scenario is refused past
 * RANK_SUM_MAX (2^53, what a double holds exactly). */
int64_t scenario_rank_upper(const cohort_scenario *s);
#define RANK_SUM_MAX ((int64_t)1 << 53)
/* Month index helpers: contract month k (0-based) -> calendar year. */
int contract_month_year(const cohort_scenario *s, int k);
/* Whether candidate i belongs to diversity entry d (attribute = value). */
int cand_in_div(const cohort_scenario *s, int i, int d);
int parse_profile(const char *s);
int parse_kind(const char *s);

/* ---- result ----------------------------------------------------------------- */

enum { ST_OPTIMAL, ST_FEASIBLE, ST_INFEASIBLE, ST_LIMIT };
/* Their words in cohort.json, the store and sweep.csv: "optimal",
 * "feasible", "infeasible", "unknown" (ST_LIMIT: no cohort in time). */
const char *status_name(int status);

typedef struct conflict {
    char *rule;    /* "C6", "C10", ... */
    char *subject; /* challenge, host or profile id ("" for programme-wide) */
    char *text;    /* plain words for people */
    int64_t amount;  /* by how much it must move, in the unit below */
    char *unit;      /* "EUR", "members", "challenges", ... */
} conflict;

/* Frees n conflicts and the array (solve.c). */
void conflicts_free(conflict *c, int n);
/* The JSON array of n conflicts as cohort.json has it (out_json.c): each
 * object after `item` (e.g. "\n    "), `end` before the closing bracket. */
void json_conflicts(sbuf *b, const conflict *c, int n, const char *item, const char *end);

typedef struct blocking {
    int app;        /* the eligible (candidate, challenge) application */
    int *displaces; /* candidate indices */
    int ndisp;
    int kept_by;    /* KEPT_RULE, KEPT_OBJECTIVE, KEPT_TIE or KEPT_BETTER (explain.c) */
    int rule;       /* KEPT_RULE: the rule number (10 for C10) */
    int level;      /* KEPT_OBJECTIVE / KEPT_BETTER: the level (LV_*) */
    char *why;
} blocking;

typedef struct money3 {
    int64_t cost, prog, host;
} money3;

struct cohort_result {
    int status;
    double gap;          /* relative gap of the level being solved, 0 when optimal */
    int proven_levels;   /* how many levels of the order are proven optimal */
    double seconds;      /* wall time of the solve (never written to outputs) */
    int *assign;         /* per candidate: app index or -1 */
    int *team_size;      /* per challenge */
    int64_t level[NLEVELS]; /* staffed, filled, rank (rank scaled) */
    conflict *conflicts;
    int nconflicts;
    char *message;       /* plain words when no cohort (limit, solver), or when
                            an interrupt ended the search */
    int interrupted;     /* an interrupt (cohort_interrupt()) ended it unproven */
    /* the conflict finder's questions per stage (filter, deletion,
       amounts) asked of the engine's search [0] and of GLPK's elastic
       search [1] (never written; the unit tests read them) */
    int conflict_asked[3][2];

    /* derived by solution.c */
    money3 total;
    int nyears;
    int *years;          /* calendar years of the contracts, ascending */
    int *months_in_year;
    money3 *fin_host;    /* nhosts * nyears */
    money3 *fin_year;    /* nyears */
    money3 *host_total;  /* nhosts */
    money3 *chal_total;  /* nchals */
    blocking *blocks;
    int nblocks;
    int *mem_start;      /* nchals + 1: members of each team, CSR */
    int *mem;            /* candidate indices, in candidates.csv order */
};

cohort_result *result_new(const cohort_scenario *s);
void solution_derive(const cohort_scenario *s, cohort_result *r);
/* Splits amount over the contract years (contract rule), out[nyears]. */
void split_years(const cohort_scenario *s, const cohort_result *r, int64_t amount,
                 int64_t *out);

/* ---- model.c / solve.c -------------------------------------------------------- */

/* A model built from a scenario: GLPK problem plus the column maps. */
typedef struct model model;
typedef struct model_opts {
    int elastic;       /* 1: slack columns on relaxable rows (conflict finder) */
    int with_objective;
    int plain;         /* 1: CONTRACT.md section 2 as written: money rows in
                          cents, none of the implied rows (export-model --plain) */
} model_opts;

model *model_build(const cohort_scenario *s, const model_opts *o);
void model_free(model *m);
/* Integer count columns (cohort size, shared profiles, diversity groups),
 * wanted when a rule asks for a share; model_del_counts() takes them out. */
int model_counts_wanted(const cohort_scenario *s);
int model_add_counts(model *m, const cohort_scenario *s, int *col0, int *row0);
void model_del_counts(model *m, int n, int col0, int row0);
/* Bounds on them for the cohorts of lo to hi members; -1: none fits. */
int model_count_bounds(model *m, const cohort_scenario *s, int col0, int64_t lo, int64_t hi);
/* The fewest members a cohort of that many staffed teams can have (the
 * smallest team floors: min_team, needs, min_distinct_profiles); above
 * npairs when fewer challenges can be staffed. */
int64_t model_least_members(const model *m, const cohort_scenario *s, int64_t teams);
/* Rows rounding every share rule to a count at a proven cohort size. */
int model_size_rows(model *m, const cohort_scenario *s, int64_t size);
int model_write(model *m, const char *file, int mps, cohort_diag *d);
/* Weights making one objective exactly lexicographic, and level ranges.
 * Returns 1 when that objective holds in a double's integers (at most
 * 2^53), 0 when not (the weights are then capped and only ever too small). */
int model_weights(const cohort_scenario *s, int64_t weight[NLEVELS], int64_t range[NLEVELS]);

int solve_cohort(const cohort_scenario *s, const cohort_solve_opts *o, cohort_result *r,
                 cohort_diag *d);
/* The options for comparisons that differ from their defaults, as the words
 * of their `cohort solve` flags ("no-root-cuts no-probing"; "" for none), so
 * that the store records them and a replay solves the same way. */
#define SEARCH_OPTIONS_SIZE 96
void search_options_text(const cohort_solve_opts *o, char *buf, size_t size);
/* Sets the options named in text (words as above; others are ignored). */
void search_options_read(const char *text, cohort_solve_opts *o);
int explain_infeasible(const cohort_scenario *s, const cohort_solve_opts *o, cohort_result *r);
/* The least amount in cents by which a money rule (limit `limit` cents, its
 * row in units of `unit` cents, the limit rounded down) must move, from the
 * elastic LP's bound `lp` on the row's slack: unit * lp - limit mod unit,
 * a cent at least (lp read with a tolerance of 1e-6 of a unit). */
int64_t money_least(int64_t unit, int64_t limit, double lp);
/* Any cohort of s, by the solve's own means (starting cohort, root LP
 * rounding, then the first level's search stopped at its first cohort),
 * within seconds: 1 found (in assign, exact), 0 there is none, -1 not known
 * in time. For the conflict finder, on a scenario reduced to some rules. */
int first_cohort(const cohort_scenario *s, double seconds, int *assign);
/* The optimum of s by its objective order, within seconds: 2 proven (in
 * assign), 1 the best found when time ran out, 0 none, -1 not known. */
int best_cohort(const cohort_scenario *s, double seconds, int *assign);
/* greedy.c: a feasible-looking starting cohort; assign[cand] = app or -1.
 * Returns 1 when the cohort satisfies every rule. */
int greedy_cohort(const cohort_scenario *s, int *assign);
/* The same, and when a share or count rule is still short, whole teams
 * leave too (a cohort far from the best, for the conflict finder's
 * questions: is there one at all, how far must a rule move). */
int greedy_any_cohort(const cohort_scenario *s, int *assign);
/* Rounds an LP solution (x per pair, y per challenge) into a cohort; 1 when
 * it satisfies every rule. staff_first: every team at its smallest size
 * before any team gets more members. */
int round_cohort(const cohort_scenario *s, const double *xval, const double *yval,
                 int staff_first, int *assign);
/* A rounding for the staffed level: as round_cohort() staffing first, but
 * without the last fill of teams with room (greedy.c, build()). */
int round_cohort_staffed(const cohort_scenario *s, const double *xval, const double *yval,
                         int *assign);
/* As round_cohort(), and when a share or count rule is still short, whole
 * teams leave too (for a level that a time limit stopped: solve.c). */
int round_cohort_teams(const cohort_scenario *s, const double *xval, const double *yval,
                       int staff_first, int *assign);
/* check.c: verifies an assignment exactly against C1..C11; returns the
 * number of violated rules and describes the first one in buf. */
int check_cohort(const cohort_scenario *s, const int *assign, char *buf, size_t n);
/* Level values of an assignment. */
void cohort_levels(const cohort_scenario *s, const int *assign, int64_t level[NLEVELS]);

/* ---- writers ------------------------------------------------------------------- */

int write_file_atomic_dir(const char *dir, const char *const *names,
                          const sbuf *contents, int n, cohort_diag *d);
void out_json(const cohort_scenario *s, const cohort_result *r, sbuf *b);
void out_cohort_csv(const cohort_scenario *s, const cohort_result *r, int fr, sbuf *b);
void out_finance_csv(const cohort_scenario *s, const cohort_result *r, int fr, sbuf *b);
void out_report(const cohort_scenario *s, const cohort_result *r, sbuf *b);
/* the same with 1 or 2 threads (out_report chooses: page_threads) */
void out_report_threads(const cohort_scenario *s, const cohort_result *r, sbuf *b, int threads);
void json_str(sbuf *b, const char *s);
void html_str(sbuf *b, const char *s);
/* Formats the rank level (scaled) for output. */
void fmt_rank(const cohort_scenario *s, int64_t v, char *buf, size_t n);
/* A level's value as the outputs write it: rank as fmt_rank(), the others
 * as integers. */
void fmt_level(const cohort_scenario *s, int l, int64_t v, char *buf, size_t n);

/* ---- check.c: violations with their amounts, and moves ----------------------- */

enum { CHK_NONE, CHK_CANDIDATE, CHK_CHALLENGE, CHK_HOST, CHK_PROFILE, CHK_DIVERSITY };

/* One broken rule, with by how much. */
typedef struct check_violation {
    int rule;          /* 1..11 for C1..C11 */
    int subject_kind;  /* CHK_*: what `subject` indexes */
    int subject;       /* challenge, host, profile, diversity entry or candidate; -1 */
    int64_t amount;    /* how far from holding: cents when unit is "EUR", else a count */
    const char *unit;  /* "EUR", "members", "profiles", "challenges", "pairs" */
    char text[240];    /* plain words, e.g. "the programme would pay 702,000.00 EUR, ..." */
} check_violation;

/* Checks the whole assignment; returns the number of broken rules and
 * describes the first nv of them (rule order: C1, C2 by candidate, then
 * C6/C3/C4/C5 by challenge, C7, C8, C9, C10, C11 by host). check_cohort()
 * is this with one violation printed as "C<n> <text>". */
int check_cohort_v(const cohort_scenario *s, const int *assign, check_violation *v, int nv);
/* "2,000.00 EUR", "1 member", "2 profiles". */
void check_amount_text(const check_violation *v, char *buf, size_t n);

/* Counters of a cohort (one that passes check_cohort) for trying moves. */
typedef struct check_state check_state;
typedef struct check_move {
    int cand; /* candidate index */
    int app;  /* the application it moves to, -1 = leaves the cohort */
} check_move;
check_state *check_state_new(const cohort_scenario *s, const int *assign); /* copies assign */
void check_state_free(check_state *st);
const int *check_state_assign(const check_state *st);
void check_state_levels(const check_state *st, int64_t level[NLEVELS]);
/* Applies the moves, counts the rules the changed cohort breaks (exactly
 * as check_cohort_v on it would, describing the first nv), stores its
 * levels in level (may be NULL), then undoes the moves. */
int check_state_try(check_state *st, const check_move *mv, int nmv, check_violation *v, int nv,
                    int64_t level[NLEVELS]);
/* Makes moves permanent (moves that check_state_try accepted). */
void check_state_apply(check_state *st, const check_move *mv, int nmv);

/* ---- explain.c: why each application is not an assignment --------------------- */

enum { KEPT_RULE = 1, KEPT_OBJECTIVE, KEPT_TIE, KEPT_BETTER };

/* Reason codes, most telling first. */
enum {
    WHY_ASSIGNED,  /* it is an assignment */
    WHY_DECLINED,  /* C2: the jury gave no rank */
    WHY_PROFILE,   /* C2: the challenge's needs take none of that profile */
    WHY_PREFERS,   /* placed on a challenge they ranked higher */
    WHY_JURY,      /* the jury ranked them below every member of their profile */
    WHY_UNSTAFFED, /* the challenge has no team (see explain.unstaffed) */
    WHY_RULE,      /* every move tried breaks a rule */
    WHY_OBJECTIVE, /* the best move keeps the rules but worsens an objective level */
    WHY_TIE,       /* the best move gives an equally good cohort */
    WHY_BETTER,    /* a move improves the cohort (only when not proven optimal) */
    NWHY
};
extern const char *const WHY_NAMES[NWHY]; /* "assigned", "declined", ... */

typedef struct ex_app {
    int code;      /* WHY_* */
    int rule;      /* WHY_RULE: rule number of the best move's first violation */
    int level;     /* WHY_OBJECTIVE / WHY_BETTER: the level */
    char *label;   /* short, e.g. "kept out by C10" */
    char *reason;  /* one sentence */
    char *moves;   /* the moves tried and what each gives ("" when none) */
} ex_app;

typedef struct explain {
    ex_app *apps;      /* s->napps entries, in preferences order */
    char **unstaffed;  /* per challenge: why it has no team (NULL when staffed) */
} explain;

/* Explains every application of a cohort (status optimal or feasible):
 * cost linear in the number of applications (a few moves each), plus a
 * bounded search of teams per unstaffed challenge. */
explain *explain_new(const cohort_scenario *s, const cohort_result *r);
/* 1 or 2: the threads the jury page's work takes (explanations, challenge
   sections): two when there are enough applications and two processors */
int page_threads(const cohort_scenario *s);
/* the same with 1 or 2 threads (explain_new chooses) */
explain *explain_new_threads(const cohort_scenario *s, const cohort_result *r, int threads);
void explain_free(explain *e, const cohort_scenario *s);
/* Why blocking pair (application ai) holds: the moves of the application's
 * own reason (the candidate in place of each member, or added, the place
 * they leave filled when that helps), best first. Returns a new sentence;
 * sets *kept_by (KEPT_*), *rule and *level. */
char *explain_blocking(const cohort_scenario *s, const cohort_result *r, check_state *st, int ai,
                       int *kept_by, int *rule, int *level);

/* ---- solution.c: the monthly schedule of the report ----------------------------- */

/* The monthly schedule of amount A (cents), out[duration]: each year's part,
 * split as in finance.csv, is spread over that year's m contract months by
 * cumulative rounding: month t gets round(P*t/m) - round(P*(t-1)/m) (half
 * away from zero), so the months add up to the year row to the cent. */
void split_months(const cohort_scenario *s, const cohort_result *r, int64_t amount, int64_t *out);
/* ---- scenarios as data: params.c, store.c, runview.c, compare.c, sweep.c ---- */

/* Key/value texts in insertion order (scenario parameters by dotted path). */
typedef struct kvlist {
    char **keys, **vals;
    int n, cap;
} kvlist;
void kv_init(kvlist *kv);
void kv_free(kvlist *kv);
void kv_add(kvlist *kv, const char *key, const char *val); /* copies both */
const char *kv_get(const kvlist *kv, const char *key);     /* NULL when absent */

/* A digest of everything in the scenario that the solve reads (parameters,
 * and every row but names and titles): cohort.json's scenario_digest, by
 * which `cohort explain` knows a cohort.json written from other data. */
uint64_t scenario_digest(const cohort_scenario *s);
/* Exact decimal text of a ratio whose denominator divides a power of ten. */
void ratio_text(ratio r, char *buf, size_t n);
/* Every parameter of scenario.json as dotted key/value texts, in a fixed
 * order ("duration_months" = "10", "profile_quotas.designer.min" = "8",
 * "diversity.0.attribute" = "gender", "objective.order" = "staffed,filled,rank"). */
void params_to_kv(const cohort_scenario *s, kvlist *kv);
/* scenario.json text that loads back to exactly those parameters. */
void params_json(const kvlist *kv, sbuf *b);
/* instance.c: recomputes the rank costs after a weight change. */
void instance_refresh_ranks(cohort_scenario *s);

/* The four output files of a run, rendered in memory (as cohort_write_outputs). */
#define NOUTPUTS 4
extern const char *const OUTPUT_NAMES[NOUTPUTS];
void render_outputs(const cohort_scenario *s, const cohort_result *r, int csv_fr,
                    sbuf out[NOUTPUTS]);

/* A stored run read back (store.c) for the listing, show and compare. */
typedef struct run_member {
    char *cand, *chal, *host, *profile;
    int crank, jrank;
    int64_t cost, prog, hshare; /* cents */
} run_member;

typedef struct run_money {
    char *host;
    int64_t cost, prog, hshare; /* cents */
} run_money;

typedef struct run_record {
    int64_t id;
    char *created, *name, *label, *source, *engine, *command, *status, *csv_dialect;
    char *search; /* the comparison options, as search_options_text() writes them */
    int has_gap, has_time_limit;
    double gap, time_limit, load_seconds, solve_seconds;
    int explain, proven_levels, has_cohort;
    int order[NLEVELS], norder;
    int64_t level[NLEVELS]; /* staffed, filled, rank (rank scaled by 10^rank_pow) */
    int rank_pow;
    int64_t cost, prog, hshare; /* cents */
    int counts[6];              /* rows: hosts, challenges, candidates, preferences, slots,
                                   unavailable */
    int noutputs;               /* output files recorded (0 for runs migrated from v1) */
    /* filled by store_read only */
    char **chals, **chal_hosts;
    int nchals;
    char **cands;
    int ncands;
    run_member *mem; /* in candidates order */
    int nmem;
    run_money *hosts;
    int nhosts;
    kvlist params;
    /* for a run without a cohort, from its recorded cohort.json (runview.c,
       why_none_read()): the conflicts (unit "cents" for EUR, as the solver's)
       and the message of a run stopped without a cohort */
    int why_recorded; /* 0: cohort.json not recorded (a run from a v1 store) */
    conflict *conf;
    int nconf;
    char *why;
} run_record;

void run_record_free(run_record *r);
/* "12" or "last" -> run id; COHORT_EINPUT with a message when there is none. */
int store_resolve(cohort_store *st, const char *run, int64_t *id, cohort_diag *d);
/* Summaries of every run, oldest first (*recs: caller frees each and the array). */
int store_list(cohort_store *st, run_record **recs, int *n, cohort_diag *d);
int store_read(cohort_store *st, int64_t id, run_record *rec, cohort_diag *d);
/* The scenario folder of a run: 7 files (the 6 tables then scenario.json);
 * present[k] = 0 for an optional table with no rows. */
#define NSCENFILES 7
extern const char *const SCENARIO_FILES[NSCENFILES];
int store_scenario_files(cohort_store *st, int64_t id, sbuf files[NSCENFILES],
                         int present[NSCENFILES], cohort_diag *d);
/* The recorded output named file ("cohort.json"; *have = 0 when not recorded). */
int store_output(cohort_store *st, int64_t id, const char *file, sbuf *out, int *have,
                 cohort_diag *d);
/* The recorded outputs (have[k] = 0 when not recorded). */
int store_outputs(cohort_store *st, int64_t id, sbuf out[NOUTPUTS], int have[NOUTPUTS],
                  cohort_diag *d);
/* The options the run was solved with. */
int store_options(cohort_store *st, int64_t id, cohort_solve_opts *so, cohort_write_opts *wo,
                  cohort_diag *d);

/* compare.c */
void compare_render(const run_record *a, const run_record *b, int json, sbuf *out);
/* runview.c helpers shared with compare.c */
void rv_objective_json(const run_record *r, sbuf *b);
/* Why a run has no cohort: title (with "the rules that cannot all hold"
 * when infeasible) and after, then its conflicts' messages (or its
 * message), one line each after indent; as JSON, its conflicts ([] for a
 * run with a cohort, null when not recorded). */
void rv_why_none_text(const run_record *r, const char *title, const char *after,
                      const char *indent, sbuf *b);
void rv_why_none_json(const run_record *r, sbuf *b, const char *item, const char *end);
void rv_money_json(sbuf *b, int64_t cents);
/* ---- schedule.c, sched_*.c, schedule_out.c, ics.c: interview schedule ------ */

/* The schedule's instance: the shortlisted interviews and the slots sorted
 * by day, start, end (a slot is named by its position p in that order). */
typedef struct sched_inst {
    const cohort_scenario *s;
    int buffer;          /* minutes between two interviews of a candidate */
    int max_per_day;     /* per panel and day, 0 = no limit */
    int niv;             /* interviews, in preferences.csv order */
    int *iv_app, *iv_cand, *iv_chal;
    int np;              /* slots */
    int *pos_slot;       /* position -> index into s->slots */
    int *day, *start, *end; /* per position: day index, minutes */
    int ndays;
    int *day_first;      /* ndays + 1: positions of each day */
    unsigned char *cand_free; /* ncands * np: 1 when the candidate may sit */
    unsigned char *chal_free; /* nchals * np: 1 when the panel may sit */
    int *feas_start, *feas;   /* CSR per interview: positions where both are free */
    int *cand_iv_start, *cand_iv; /* CSR: interviews of each candidate */
    int *chal_iv_start, *chal_iv; /* CSR: interviews of each panel */
} sched_inst;

/* Builds the instance (never fails on a validated scenario); free with
 * sched_inst_free. */
void sched_inst_build(const cohort_scenario *s, int buffer, int max_per_day, sched_inst *in);
void sched_inst_free(sched_inst *in);
/* 1 when one candidate cannot sit in both positions (same day, overlapping
 * or closer than the buffer); p == q counts as a conflict. */
int sched_cand_conflict(const sched_inst *in, int p, int q);
/* 1 when one panel cannot sit in both positions (same day, overlapping). */
int sched_panel_conflict(const sched_inst *in, int p, int q);
/* Gaps of panel h on day d given pos[] (per interview, -1 = unplaced):
 * available slots of that day that overlap none of its interviews and lie
 * after one of them and before another. */
int sched_panel_day_gaps(const sched_inst *in, const int *pos, int h, int d);
/* Objective of a schedule: unplaced interviews, candidate-days, gaps. */
void sched_eval(const sched_inst *in, const int *pos, int *unplaced, int *days, int *gaps);
/* Checks every rule on pos[] (unplaced interviews allowed); returns the
 * number of violations and describes the first in buf. */
int sched_check(const sched_inst *in, const int *pos, char *buf, size_t n);

/* sched_heur.c: a greedy schedule (returns the number left unplaced) and a
 * local search that improves (unplaced, days, gaps) lexicographically,
 * never placing fewer interviews. */
int sched_greedy(const sched_inst *in, int *pos);
void sched_improve(const sched_inst *in, int *pos, double deadline);

/* One reason why interviews cannot all be placed. */
typedef struct sched_problem {
    char *kind;     /* "panel", "candidate", "interview" or "schedule" */
    char *subject;  /* challenge or candidate id ("" for the whole schedule) */
    int interviews; /* interviews concerned */
    int slots;      /* slots they can use */
    int missing;    /* slots missing: at least this many stay unplaced */
    char *text;     /* plain words */
    int *ivs;       /* interviews concerned */
    int nivs;
} sched_problem;

struct cohort_schedule_result {
    int status;          /* ST_OPTIMAL, ST_FEASIBLE, ST_INFEASIBLE, ST_LIMIT */
    double gap;          /* relative gap of the level being proven, 0 when optimal */
    int proven_levels;   /* 0, 1 (candidate-days) or 2 (and panel gaps) */
    int buffer, max_per_day;
    int niv;
    int *iv_app;         /* per interview: application index */
    int *slot;           /* per interview: index into s->slots, -1 = unplaced */
    int candidate_days, panel_gaps, unplaced;
    int bound_days, bound_gaps; /* proven lower bounds */
    sched_problem *problems;
    int nproblems;
    char **why;          /* per interview: why it is unplaced, or NULL */
    char *message;
    int interrupted;     /* an interrupt (cohort_interrupt()) ended it unproven */
    double seconds;      /* never written to outputs */
};

/* sched_precheck.c: counting arguments run before the solver; appends a
 * problem to r for every panel, candidate or interview that cannot be
 * served. Returns the number added. */
int sched_precheck(const sched_inst *in, cohort_schedule_result *r);
/* Most pairwise compatible positions p of day d with ok[p] (intervals
 * lengthened by buffer minutes): the earliest-end count. */
int sched_max_disjoint(const sched_inst *in, const unsigned char *ok, int d, int buffer);
void sched_add_problem(cohort_schedule_result *r, const char *kind, const char *subject,
                       int interviews, int slots, const int *ivs, int nivs, char *text);

/* schedule_out.c and ics.c */
void sched_out_csv(const cohort_scenario *s, const cohort_schedule_result *r, sbuf *b);
void sched_out_json(const cohort_scenario *s, const cohort_schedule_result *r, sbuf *b);
void sched_out_html(const cohort_scenario *s, const cohort_schedule_result *r, sbuf *b);
void sched_out_ics(const cohort_scenario *s, const cohort_schedule_result *r, sbuf *b);
/* Interview order of the outputs: by slot, then challenge, then candidate;
 * unplaced interviews last. Returns a new array of interview indices. */
int *sched_output_order(const cohort_scenario *s, const cohort_schedule_result *r);
/* ics.c helpers, exposed for the tests: a content line (name, params and
 * value already escaped) folded at 75 octets with CRLF; TEXT escaping. */
void ics_line(sbuf *b, const char *line);
void ics_text(sbuf *b, const char *s);

#endif
