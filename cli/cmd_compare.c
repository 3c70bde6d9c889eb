/* cmd_compare.c - `cohort compare --db FILE RUN_A RUN_B [--json]`. */
#include "cli.h"

static const char HELP[] =
    "usage: cohort compare --db FILE RUN_A RUN_B [--json]\n"
    "\n"
    "Compares two runs of the store FILE (ids listed by cohort runs, or last):\n"
    "the scenario parameters that differ, the objective per level, the money\n"
    "totals, who moved (joined a team, left one, changed team), the challenges\n"
    "newly staffed or unstaffed, and the money per host. Changes are B - A.\n"
    "\n"
    "options:\n"
    "  --db FILE   the store (required)\n"
    "  --json      one JSON object: moved [{candidate, from, to, change}] (from/to\n"
    "              null when not assigned), joined, left, changed_team,\n"
    "              newly_staffed, newly_unstaffed, objective_delta, totals_delta,\n"
    "              hosts_delta, params_changed, and a/b summaries\n"
    "  --help      this text\n"
    "\n"
    "exit status: 0 compared; 2 bad usage, not a store or no such run.\n";

static int compare_runs(cohort_store *st, const store_query *q, char **text, cohort_diag *d)
{
    return cohort_store_compare(st, q->run[0], q->run[1], q->json, text, d);
}

int cmd_compare(int argc, char **argv)
{
    store_query q;
    int rc = cli_store_args(argc, argv, "compare", HELP, 2, &q);
    if (rc >= 0)
        return rc;
    if (q.nrun < 2)
        return cli_usage_error("compare", "expected two runs RUN_A RUN_B (ids listed by "
                                          "cohort runs)");
    return cli_store_print(&q, compare_runs);
}
