/* cmd_solve.c - `cohort solve SCENARIO --out DIR`. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char HELP[] =
    "usage: cohort solve SCENARIO --out DIR [options]\n"
    "\n"
    "Assembles the cohort of SCENARIO (a folder with scenario.json, hosts.csv,\n"
    "challenges.csv, candidates.csv, preferences.csv, or one JSON file) and\n"
    "writes DIR/cohort.json, DIR/cohort.csv, DIR/finance.csv and DIR/report.html.\n"
    "Nothing under DIR is created or changed unless the whole run succeeds.\n"
    "\n"
    "options:\n"
    "  --out DIR            where to write the outputs (required)\n"
    "  --time-limit SECS    end the run (load, search, write) after about SECS\n"
    "                       seconds, writing the best cohort found, with status\n"
    "                       \"feasible\" and its gap\n"
    "  --csv-dialect fr     write the CSV files as a French spreadsheet opens them\n"
    "                       (semicolons, decimal comma, UTF-8 byte-order mark);\n"
    "                       the default, rfc, is comma-separated with a dot\n"
    "  --db FILE            also record the run (scenario rows, options, results,\n"
    "                       outputs) in the SQLite store FILE, created if needed;\n"
    "                       see cohort runs, show, compare and replay\n"
    "  --quiet              no progress and no closing status line on stderr\n"
    "  --verbose            every step of the solve on stderr (levels, bounds, and\n"
    "                       how each level was proven: root, root cuts, dive, pump,\n"
    "                       rens, reduced search, weighted search, search, probing\n"
    "                       or presolved root;\n"
    "                       \"root cuts, pump\" and the like when a step found it\n"
    "                       on the cuts' LP)\n"
    "  --no-root-cuts       for comparisons: no rounds of cuts at a level's root\n"
    "                       (docs/model.md, \"Root cuts\"); the same optimum\n"
    "  --no-probing         for comparisons: no probing at the root of a search for\n"
    "                       a better cohort (docs/model.md, \"Probing\"); the same\n"
    "                       optimum\n"
    "  --no-presolved-root  for comparisons: the staffed level's count bounds'\n"
    "                       search only from the basis at hand, not first at the\n"
    "                       root of GLPK's LP presolver's vertex (docs/model.md);\n"
    "                       the same optimum\n"
    "  --no-rens            for comparisons: no RENS (a search of the cohorts that\n"
    "                       round the root LP) before the restricted search\n"
    "                       (docs/model.md, \"RENS\"); the same optimum\n"
    "  --help               this text\n"
    "\n"
    "Ctrl-C (or SIGTERM) ends the run as --time-limit would: the best cohort found\n"
    "so far is written (\"feasible\", with its gap); a second Ctrl-C ends at once.\n"
    "\n"
    "exit status: 0 a cohort was written (optimal or feasible); 1 the scenario is\n"
    "infeasible (cohort.json lists the conflicting rules) or no cohort was found\n"
    "within the time limit; 2 bad input or usage (nothing written); 130 (143 for\n"
    "SIGTERM) interrupted, the outputs written.\n";

typedef struct progress_state {
    int quiet, verbose;
} progress_state;

/* Progress on stderr: every event with --verbose; otherwise only once a
 * solve has run for a second (short solves stay silent). */
static void on_progress(const cohort_progress *p, void *user)
{
    progress_state *st = user;
    if (st->quiet || (!st->verbose && p->elapsed < 1.0))
        return;
    switch (p->event) {
    case COHORT_EV_MODEL:
        fprintf(stderr, "cohort: %7.3fs model built: %.0f columns\n", p->elapsed, p->value);
        break;
    case COHORT_EV_START_COHORT:
        fprintf(stderr, "cohort: %7.3fs starting cohort found\n", p->elapsed);
        break;
    case COHORT_EV_RELAXATION:
        fprintf(stderr, "cohort: %7.3fs level %-8s relaxation bound %.2f\n", p->elapsed,
                p->level, p->value);
        break;
    case COHORT_EV_CUTS:
        fprintf(stderr, "cohort: %7.3fs level %-8s bound after root cuts %.2f (%ld %s kept)\n",
                p->elapsed, p->level, p->value, p->iterations, p->iterations == 1 ? "cut" : "cuts");
        break;
    case COHORT_EV_CONFLICTS: {
        /* each stage as it starts (iterations 0), then ticks */
        int filter = !strcmp(p->phase, "filter"), deletion = !strcmp(p->phase, "deletion");
        const char *what = filter     ? "looking for the rules that conflict"
                           : deletion ? "narrowing the suspects to a smallest conflicting set"
                                      : "how far each conflicting rule must move";
        int one = p->value == 1;
        if (!p->iterations)
            fprintf(stderr, "cohort: %7.3fs no cohort: %s (%.0f %s)\n", p->elapsed, what,
                    p->value,
                    filter     ? (one ? "rule" : "rules")
                    : deletion ? (one ? "suspect" : "suspects")
                               : (one ? "rule in the set" : "rules in the set"));
        else if (filter)
            fprintf(stderr, "cohort: %7.3fs no cohort: %s, round %ld\n", p->elapsed, what,
                    p->iterations);
        else
            fprintf(stderr, "cohort: %7.3fs no cohort: %s, rule %ld of %.0f\n", p->elapsed,
                    what, p->iterations, p->value);
        break;
    }
    case COHORT_EV_LEVEL:
        fprintf(stderr, "cohort: %7.3fs level %-8s proven optimal: %.0f%s%s%s\n", p->elapsed,
                p->level, p->value, *p->phase ? " (" : "", p->phase, *p->phase ? ")" : "");
        break;
    default:
        if (!strcmp(p->phase, "root cuts"))
            fprintf(stderr, "cohort: %7.3fs level %-8s root cuts: round %ld, bound %.2f\n",
                    p->elapsed, p->level, p->iterations, p->value);
        else if (!strcmp(p->phase, "root cuts removed"))
            fprintf(stderr, "cohort: %7.3fs level %-8s root cuts removed (no cohort at their "
                            "bound, no unit gained)\n",
                    p->elapsed, p->level);
        else if (!strcmp(p->phase, "relaxation"))
            fprintf(stderr, "cohort: %7.3fs level %-8s relaxation: %ld simplex iterations, "
                            "objective %.2f\n",
                    p->elapsed, p->level, p->iterations, p->value);
        else if (p->has_incumbent && !p->at_hand)
            fprintf(stderr, "cohort: %7.3fs level %-8s best %.0f bound %.2f gap %.4f%%\n",
                    p->elapsed, p->level, p->incumbent, p->bound, p->gap < 0 ? 0 : p->gap * 100);
        else {
            /* GLPK's feasibility pump (the pump try: a tick as each of
               its passes starts) and the weighted try's root call no
               callback while they run */
            const char *doing = !strcmp(p->phase, "dive") ? "diving"
                                : !strcmp(p->phase, "restricted search")
                                    ? "searching near the LP's optimum"
                                : !strcmp(p->phase, "pump") ? "feasibility pump"
                                : !strcmp(p->phase, "weighted search")
                                    ? "weighted search of the later levels"
                                    : "searching";
            char its[48] = "";
            if (!strcmp(p->phase, "dive"))
                snprintf(its, sizeof its, " (%ld simplex iterations)", p->iterations);
            else if (!strcmp(p->phase, "pump") && p->iterations > 0)
                snprintf(its, sizeof its, " (pass %ld of at most 5)", p->iterations);
            if (p->has_incumbent)
                fprintf(stderr,
                        "cohort: %7.3fs level %-8s %s%s: best %.0f bound %.2f gap %.4f%%\n",
                        p->elapsed, p->level, doing, its, p->incumbent, p->bound,
                        p->gap < 0 ? 0 : p->gap * 100);
            else
                fprintf(stderr, "cohort: %7.3fs level %-8s %s%s\n", p->elapsed, p->level, doing,
                        its);
        }
    }
}

int cmd_solve(int argc, char **argv)
{
    const char *scenario = NULL, *out = NULL, *db = NULL;
    int bad; /* a usage error's exit status */
    cohort_solve_opts so;
    cohort_write_opts wo;
    cohort_solve_opts_init(&so);
    cohort_write_opts_init(&wo);
    progress_state ps = {0};
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (cli_is_help(a)) {
            fputs(HELP, stdout);
            return 0;
        } else if (!strcmp(a, "--out") && k + 1 < argc) {
            out = argv[++k];
        } else if (!strcmp(a, "--db") && k + 1 < argc) {
            db = argv[++k];
        } else if (!strcmp(a, "--time-limit") && k + 1 < argc) {
            if (cli_parse_seconds("solve", argv[++k], &so.time_limit) < 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--csv-dialect") && k + 1 < argc) {
            const char *v = argv[++k];
            if (!strcmp(v, "fr"))
                wo.csv_dialect_fr = 1;
            else if (!strcmp(v, "rfc"))
                wo.csv_dialect_fr = 0;
            else
                return cli_usage_error("solve", "--csv-dialect '%s': expected fr or rfc", v);
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            ps.quiet = 1;
        } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
            ps.verbose = 1;
        } else if (!strcmp(a, "--no-root-cuts")) {
            so.root_cuts = 0;
        } else if (!strcmp(a, "--no-probing")) {
            so.probing = 0;
        } else if (!strcmp(a, "--no-presolved-root")) {
            so.presolved_root = 0;
        } else if (!strcmp(a, "--no-rens")) {
            so.rens = 0;
        } else if ((bad = cli_operand("solve", a, &scenario)) != 0) {
            return bad;
        }
    }
    if ((bad = cli_scenario_out("solve", scenario, out)) != 0)
        return bad;
    so.progress = on_progress;
    so.progress_user = &ps;

    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    cohort_store *store = NULL;
    /* the store is opened first: a bad --db file is bad input, nothing written */
    if (db && cohort_store_open(db, 1, &store, &d) != COHORT_OK) {
        cli_print_diag(&d);
        cohort_diag_clear(&d);
        return EXIT_USAGE;
    }
    cli_catch_interrupts();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = cohort_scenario_load(scenario, &s, &d);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc != COHORT_OK) {
        cli_print_diag(&d);
        cohort_diag_clear(&d);
        cohort_store_close(store);
        return EXIT_USAGE;
    }
    /* --time-limit covers the whole command: the search gets what is left
       after loading and after a reserve for writing the outputs (measured:
       writing takes up to 6 times as long as loading, at every bench scale),
       and at least a tenth of the limit; the store records the limit given */
    double load = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
    if (ps.verbose && !ps.quiet)
        fprintf(stderr, "cohort: scenario loaded in %.3fs\n", load);
    cohort_solve_opts run = so;
    if (so.time_limit > 0) {
        double left = so.time_limit - 9 * load;
        run.time_limit = left > so.time_limit / 10 ? left : so.time_limit / 10;
    }
    cohort_result *r = NULL;
    rc = cohort_solve(s, &run, &r, &d);
    int exit_code;
    if (rc == COHORT_OK || rc == COHORT_INFEASIBLE) {
        struct timespec w0, w1;
        clock_gettime(CLOCK_MONOTONIC, &w0);
        int wrc = cohort_write_outputs(s, r, out, &wo, &d);
        clock_gettime(CLOCK_MONOTONIC, &w1);
        if (ps.verbose && !ps.quiet && wrc == COHORT_OK)
            fprintf(stderr, "cohort: outputs written in %.3fs\n",
                    (double)(w1.tv_sec - w0.tv_sec) + (w1.tv_nsec - w0.tv_nsec) * 1e-9);
        const char *st = cohort_result_status(r);
        int stopped = cohort_result_interrupted(r);
        const char *by = stopped ? "interrupted: " : "";
        cli_print_diag(&d);
        if (wrc != COHORT_OK) {
            exit_code = EXIT_USAGE;
        } else if (rc == COHORT_INFEASIBLE) {
            for (int k = 0; k < cohort_result_nconflicts(r); k++)
                fprintf(stderr, "conflict: %s\n", cohort_result_conflict_text(r, k));
            fprintf(stderr, "cohort: the scenario is infeasible; the rules that cannot all "
                            "hold are in %s/cohort.json (conflicts)\n", out);
            if (stopped)
                fprintf(stderr, "cohort: interrupted before every conflict's amount was "
                                "proven\n");
            exit_code = EXIT_INFEASIBLE;
        } else if (!strcmp(st, "unknown")) {
            fprintf(stderr, stopped ? "cohort: the run was interrupted before any cohort was "
                                      "found\n"
                                    : "cohort: no cohort was found within the time limit; the "
                                      "scenario may still be feasible (raise --time-limit)\n");
            exit_code = EXIT_INFEASIBLE;
        } else {
            exit_code = EXIT_SOLVED;
        }
        if (stopped && wrc == COHORT_OK)
            exit_code = cli_interrupt_exit();
        if (!ps.quiet && wrc == COHORT_OK) {
            if (!strcmp(st, "feasible")) { /* say how far it is proven */
                char proof[256];
                cohort_result_proof_text(s, r, proof, sizeof proof);
                fprintf(stderr, "cohort: %sfeasible (%s), written to %s\n", by, proof, out);
            } else if (!strcmp(st, "unknown")) {
                fprintf(stderr, "cohort: %sunknown (no cohort %s), written to %s\n", by,
                        stopped ? "found" : "within the time limit", out);
            } else {
                fprintf(stderr, "cohort: %s, written to %s\n", st, out);
            }
        }
        if (store && wrc == COHORT_OK) {
            cohort_run_meta meta;
            cohort_run_meta_init(&meta);
            meta.load_seconds = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
            int64_t id = 0;
            cohort_diag_clear(&d);
            if (cohort_store_add_run(store, s, r, &so, &wo, &meta, &id, &d) != COHORT_OK) {
                cli_print_diag(&d);
                fprintf(stderr, "cohort: the run was NOT recorded in %s\n", db);
                exit_code = EXIT_USAGE;
            } else if (!ps.quiet) {
                fprintf(stderr, "cohort: recorded as run %lld in %s\n", (long long)id, db);
            }
        }
    } else {
        cli_print_diag(&d);
        exit_code = EXIT_INFEASIBLE;
    }
    cohort_result_free(r);
    cohort_scenario_free(s);
    cohort_store_close(store);
    cohort_diag_clear(&d);
    return exit_code;
}
