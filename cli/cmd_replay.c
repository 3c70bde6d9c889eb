/* cmd_replay.c - `cohort replay --db FILE RUN --out DIR`: a recorded run's
 * scenario folder and outputs, written back. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: cohort replay --db FILE RUN --out DIR [--recorded] [--quiet]\n"
    "\n"
    "Writes the scenario of run RUN (an id listed by cohort runs, or last) as it\n"
    "was when the run was made into DIR/scenario/ (hosts.csv, challenges.csv,\n"
    "candidates.csv, preferences.csv, slots.csv and unavailable.csv when it had\n"
    "any, scenario.json), solves it again with the run's options and writes\n"
    "DIR/cohort.json, cohort.csv, finance.csv and report.html. Then checks them\n"
    "byte for byte against the outputs recorded with the run.\n"
    "\n"
    "options:\n"
    "  --db FILE    the store (required)\n"
    "  --out DIR    where to write (required)\n"
    "  --recorded   write the recorded outputs as they are, without solving\n"
    "  --quiet      no message on stderr when all is well\n"
    "  --help       this text\n"
    "\n"
    "exit status: 0 written, and identical to the recorded outputs (or nothing\n"
    "was recorded to compare with); 1 written, but the new outputs differ from\n"
    "the recorded ones (e.g. a run stopped by its time limit); 2 bad usage, not\n"
    "a store or no such run (nothing written).\n";

int cmd_replay(int argc, char **argv)
{
    const char *db = NULL, *run = NULL, *out = NULL;
    int quiet = 0;
    cohort_replay_opts o;
    cohort_replay_opts_init(&o);
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (cli_is_help(a)) {
            fputs(HELP, stdout);
            return 0;
        } else if (!strcmp(a, "--db") && k + 1 < argc) {
            db = argv[++k];
        } else if (!strcmp(a, "--out") && k + 1 < argc) {
            out = argv[++k];
        } else if (!strcmp(a, "--recorded")) {
            o.recorded = 1;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("replay", "unknown option or missing value: '%s'", a);
        } else if (!run) {
            run = a;
        } else {
            return cli_usage_error("replay", "unexpected argument '%s'", a);
        }
    }
    if (!db)
        return cli_usage_error("replay", "missing --db FILE");
    if (!run)
        return cli_usage_error("replay", "missing RUN (a run id listed by cohort runs, or last)");
    if (!out)
        return cli_usage_error("replay", "missing --out DIR");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    cohort_replay_report rep;
    memset(&rep, 0, sizeof rep);
    int rc = cohort_store_open(db, 0, &st, &d);
    if (rc == COHORT_OK)
        rc = cohort_store_replay(st, run, out, &o, &rep, &d);
    cli_print_diag(&d);
    int exit_code = EXIT_USAGE;
    if (rc == COHORT_OK) {
        if (!rep.compared) {
            exit_code = 0;
            if (!quiet)
                fprintf(stderr, "cohort: run %lld replayed (%s) into %s; it has no recorded "
                                "outputs to compare with\n", (long long)rep.id, rep.status, out);
        } else if (rep.identical) {
            exit_code = 0;
            if (!quiet)
                fprintf(stderr, "cohort: run %lld %s (%s) into %s: outputs identical to the "
                                "recorded ones\n", (long long)rep.id,
                        o.recorded ? "written back" : "replayed", rep.status, out);
        } else {
            exit_code = EXIT_INFEASIBLE;
            fprintf(stderr, "cohort: run %lld replayed (%s) into %s, but %s differ%s from the "
                            "recorded outputs (a run stopped by a time limit, or made by "
                            "another engine version, may not reproduce; cohort replay "
                            "--recorded writes the recorded ones)\n", (long long)rep.id,
                    rep.status, out, rep.differs, strchr(rep.differs, ' ') ? "" : "s");
        }
    }
    cohort_store_close(st);
    cohort_diag_clear(&d);
    return exit_code;
}
