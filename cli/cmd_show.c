/* cmd_show.c - `cohort show --db FILE RUN [--json]`: one recorded run. */
#include "cli.h"

static const char HELP[] =
    "usage: cohort show --db FILE RUN [--json]\n"
    "\n"
    "Shows the run RUN (an id listed by cohort runs, or last) of the store FILE:\n"
    "when and from what it was made, status, objective per level, money totals,\n"
    "options, timings, the size of its scenario, every scenario parameter, the\n"
    "teams, the unstaffed challenges and the money per host.\n"
    "\n"
    "options:\n"
    "  --db FILE   the store (required)\n"
    "  --json      the same as one JSON object\n"
    "  --help      this text\n"
    "\n"
    "exit status: 0 shown; 2 bad usage, not a store or no such run.\n";

static int show_run(cohort_store *st, const store_query *q, char **text, cohort_diag *d)
{
    return cohort_store_show(st, q->run[0], q->json, text, d);
}

int cmd_show(int argc, char **argv)
{
    store_query q;
    int rc = cli_store_args(argc, argv, "show", HELP, 1, &q);
    if (rc >= 0)
        return rc;
    if (q.nrun < 1)
        return cli_usage_error("show", "missing RUN (a run id listed by cohort runs, or last)");
    return cli_store_print(&q, show_run);
}
