/* interrupt.c - a request to stop the run at hand, from a signal handler
 * (cohort_interrupt(), docs/model.md "Time limit and status"). The only
 * state of the library that is not in a context: a signal handler has
 * nowhere else to put it. */
#include "cohort.h"

#include <signal.h>

static volatile sig_atomic_t requested;

void cohort_interrupt(void)
{
    requested = 1;
}

int cohort_interrupted(void)
{
    return requested != 0;
}

void cohort_interrupt_clear(void)
{
    requested = 0;
}
