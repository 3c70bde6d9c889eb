/* diag.c - collecting error and warning messages for the caller. */
#include "internal.h"

#include <stdlib.h>

void cohort_diag_init(cohort_diag *d)
{
    d->errors = NULL;
    d->nerrors = 0;
    d->errors_dropped = 0;
    d->warnings = NULL;
    d->nwarnings = 0;
    d->warnings_dropped = 0;
}

void cohort_diag_clear(cohort_diag *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->nerrors; i++)
        free(d->errors[i]);
    for (int i = 0; i < d->nwarnings; i++)
        free(d->warnings[i]);
    free(d->errors);
    free(d->warnings);
    cohort_diag_init(d);
}

static void add(char ***list, int *n, int *dropped, int cap, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));
static void add(char ***list, int *n, int *dropped, int cap, const char *fmt, va_list ap)
{
    if (*n >= cap) {
        (*dropped)++;
        return;
    }
    va_list aq;
    va_copy(aq, ap);
    int len = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *m = xmalloc((size_t)len + 1);
    vsnprintf(m, (size_t)len + 1, fmt, ap);
    *list = xrealloc(*list, sizeof **list * (size_t)(*n + 1));
    (*list)[(*n)++] = m;
}

void diag_error(cohort_diag *d, const char *fmt, ...)
{
    if (!d)
        return;
    va_list ap;
    va_start(ap, fmt);
    add(&d->errors, &d->nerrors, &d->errors_dropped, DIAG_MAX_ERRORS, fmt, ap);
    va_end(ap);
}

void diag_warn(cohort_diag *d, const char *fmt, ...)
{
    if (!d)
        return;
    va_list ap;
    va_start(ap, fmt);
    add(&d->warnings, &d->nwarnings, &d->warnings_dropped, DIAG_MAX_WARNINGS, fmt, ap);
    va_end(ap);
}
