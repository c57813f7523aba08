/*
 * The time of retention and review rules. Normally the system clock; a
 * test (or an operator rehearsing a purge) may set the environment
 * variable TJG_NOW to a UTC time "YYYY-MM-DD HH:MM:SS" to move the clock,
 * so "90 days after" can be tested without waiting 90 days. Stores take
 * the time as a bound parameter (clock_sql) instead of UTC_TIMESTAMP()
 * wherever such a rule is decided.
 */
#ifndef TJG_CLOCK_H
#define TJG_CLOCK_H

#include <time.h>

#define CLOCK_SQL_LEN	19	/* "YYYY-MM-DD HH:MM:SS" */

/*
 * Now: TJG_NOW when set (TJG_EINVAL if it is malformed: nothing should
 * run on a wrong clock), else the system clock. TJG_OK or TJG_EINVAL.
 */
int	clock_now(time_t *out);

/* t as UTC "YYYY-MM-DD HH:MM:SS", for a DATETIME parameter. */
void	clock_sql(time_t t, char out[CLOCK_SQL_LEN + 1]);

#endif
