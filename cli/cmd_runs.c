/* cmd_runs.c - `cohort runs --db FILE [--json]`: the runs recorded in a store. */
#include "cli.h"

static const char HELP[] =
    "usage: cohort runs --db FILE [--json]\n"
    "\n"
    "Lists the runs recorded in the store FILE (by cohort solve --db or cohort\n"
    "sweep --db), oldest first: id, creation time (UTC), status, objective,\n"
    "programme share, scenario name and label.\n"
    "\n"
    "options:\n"
    "  --db FILE   the store (required)\n"
    "  --json      a JSON array of objects with id, name, label, status,\n"
    "              objective, created, source, command, engine_version, totals\n"
    "  --help      this text\n"
    "\n"
    "exit status: 0 listed; 2 bad usage or not a store.\n";

static int list_runs(cohort_store *st, const store_query *q, char **text, cohort_diag *d)
{
    return cohort_store_runs(st, q->json, text, d);
}

int cmd_runs(int argc, char **argv)
{
    store_query q;
    int rc = cli_store_args(argc, argv, "runs", HELP, 0, &q);
    return rc >= 0 ? rc : cli_store_print(&q, list_runs);
}
