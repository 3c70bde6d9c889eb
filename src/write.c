/* write.c - the set of output files of `cohort solve`, written together. */
#include "internal.h"

#include <string.h>

void cohort_write_opts_init(cohort_write_opts *o)
{
    memset(o, 0, sizeof *o);
}

int cohort_write_outputs(const cohort_scenario *s, const cohort_result *r, const char *dir,
                         const cohort_write_opts *o, cohort_diag *d)
{
    cohort_write_opts dflt;
    if (!o) {
        cohort_write_opts_init(&dflt);
        o = &dflt;
    }
    static const char *const names[] = {"cohort.json", "cohort.csv", "finance.csv",
                                        "report.html"};
    sbuf b[4];
    for (int k = 0; k < 4; k++)
        sb_init(&b[k]);
    out_json(s, r, &b[0]);
    out_cohort_csv(s, r, o->csv_dialect_fr, &b[1]);
    out_finance_csv(s, r, o->csv_dialect_fr, &b[2]);
    out_report(s, r, &b[3]);
    int rc = write_file_atomic_dir(dir, names, b, 4, d);
    for (int k = 0; k < 4; k++)
        sb_free(&b[k]);
    return rc;
}
