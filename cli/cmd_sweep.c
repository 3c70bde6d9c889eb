/* cmd_sweep.c - `cohort sweep SCENARIO --set KEY=FROM:TO:STEP --out DIR`. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: cohort sweep SCENARIO --set KEY=FROM:TO:STEP --out DIR [options]\n"
    "\n"
    "Solves SCENARIO once for every value of a numeric scenario key (or every\n"
    "pair of values of two keys: a grid) and writes into DIR:\n"
    "  sweep.csv  one row per variant: value(s), status, staffed, filled, rank,\n"
    "             cost, programme_share, host_share\n"
    "  sweep.svg  a chart of staffed challenges, filled positions and rank cost\n"
    "             against the first key (one line per value of the second)\n"
    "  sweep.md   the table and what each extra step buys\n"
    "Each variant is one line on stderr. Infeasible variants are rows with that\n"
    "status (their conflicts are not explained: solve that variant alone).\n"
    "\n"
    "KEY is any numeric key of scenario.json by its dotted path: duration_months,\n"
    "employer_cost_factor, default_monthly_salary, team_size.min, team_size.max,\n"
    "min_distinct_profiles, cohort_size.min, cohort_size.max,\n"
    "profile_quotas.PROFILE.min|max|min_share|max_share,\n"
    "diversity.N.min_share|max_share (N: entry index or attribute),\n"
    "cofinancing.rates.KIND, cofinancing.envelope, objective.candidate_weight,\n"
    "objective.jury_weight, and hosts.ID.budget. Values: FROM:TO:STEP, or a list\n"
    "V1,V2,...; 'none' removes an optional limit.\n"
    "\n"
    "options:\n"
    "  --set KEY=VALUES     the swept key (once or twice)\n"
    "  --out DIR            where to write (required)\n"
    "  --db FILE            also record every variant as a run of the store FILE\n"
    "                       (label KEY=VALUE), for cohort show, compare, replay\n"
    "  --time-limit SECS    limit for each variant\n"
    "  --quiet              no progress on stderr\n"
    "  --help               this text\n"
    "\n"
    "example: cohort sweep data/eig5 --set cofinancing.envelope=400000:1600000:100000 \\\n"
    "           --out out/sweep\n"
    "\n"
    "exit status: 0 written; 2 bad input or usage (nothing written).\n";

typedef struct sweep_state {
    int quiet;
} sweep_state;

static void on_point(const cohort_sweep_point *p, void *user)
{
    const sweep_state *st = user;
    if (st->quiet)
        return;
    if (!strcmp(p->status, "optimal") || !strcmp(p->status, "feasible"))
        fprintf(stderr, "cohort sweep: [%d/%d] %s: %s, %lld staffed, %lld filled, rank %s "
                        "(%.2f s)", p->index, p->total, p->label, p->status,
                (long long)p->staffed, (long long)p->filled, p->rank, p->seconds);
    else
        fprintf(stderr, "cohort sweep: [%d/%d] %s: %s (%.2f s)", p->index, p->total, p->label,
                p->status, p->seconds);
    if (p->run_id)
        fprintf(stderr, ", run %lld", (long long)p->run_id);
    fputc('\n', stderr);
}

int cmd_sweep(int argc, char **argv)
{
    const char *scenario = NULL, *out = NULL, *db = NULL, *sets[2];
    int bad; /* a usage error's exit status */
    int nsets = 0;
    sweep_state ss = {0};
    cohort_sweep_opts o;
    cohort_sweep_opts_init(&o);
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (cli_is_help(a)) {
            fputs(HELP, stdout);
            return 0;
        } else if (!strcmp(a, "--set") && k + 1 < argc) {
            if (nsets == 2)
                return cli_usage_error("sweep", "at most two --set (a grid of two keys)");
            sets[nsets++] = argv[++k];
        } else if (!strcmp(a, "--out") && k + 1 < argc) {
            out = argv[++k];
        } else if (!strcmp(a, "--db") && k + 1 < argc) {
            db = argv[++k];
        } else if (!strcmp(a, "--time-limit") && k + 1 < argc) {
            if (cli_parse_seconds("sweep", argv[++k], &o.time_limit) < 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            ss.quiet = 1;
        } else if ((bad = cli_operand("sweep", a, &scenario)) != 0) {
            return bad;
        }
    }
    if (!scenario)
        return cli_usage_error("sweep", "missing SCENARIO (a folder or a JSON file)");
    if (!nsets)
        return cli_usage_error("sweep", "missing --set KEY=FROM:TO:STEP");
    if (!out)
        return cli_usage_error("sweep", "missing --out DIR");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    int rc = COHORT_OK;
    if (db)
        rc = cohort_store_open(db, 1, &st, &d);
    o.store = st;
    o.on_point = on_point;
    o.user = &ss;
    if (rc == COHORT_OK)
        rc = cohort_sweep(scenario, sets, nsets, out, &o, &d);
    cli_print_diag(&d);
    if (rc == COHORT_OK && !ss.quiet)
        fprintf(stderr, "cohort sweep: written to %s/sweep.csv, sweep.svg and sweep.md\n", out);
    cohort_store_close(st);
    cohort_diag_clear(&d);
    return rc == COHORT_OK ? 0 : EXIT_USAGE;
}
