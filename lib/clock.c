/*
 * The clock of retention and review rules (see clock.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "err.h"

int
clock_now(time_t *out)
{
	const char *v = getenv("TJG_NOW");
	struct tm tm, back;
	int n = 0;
	time_t t;

	if (v == NULL || *v == '\0') {
		*out = time(NULL);
		return TJG_OK;
	}
	memset(&tm, 0, sizeof(tm));
	if (sscanf(v, "%4d-%2d-%2d %2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
	    v[n] != '\0' || strlen(v) != CLOCK_SQL_LEN)
		return TJG_EINVAL;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	back = tm;
	if ((t = timegm(&tm)) == (time_t)-1 || tm.tm_mday != back.tm_mday ||
	    tm.tm_mon != back.tm_mon || tm.tm_hour != back.tm_hour ||
	    tm.tm_min != back.tm_min || tm.tm_sec != back.tm_sec)
		return TJG_EINVAL;	/* 2026-02-30 is not a day */
	*out = t;
	return TJG_OK;
}

void
clock_sql(time_t t, char out[CLOCK_SQL_LEN + 1])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, CLOCK_SQL_LEN + 1, "%Y-%m-%d %H:%M:%S", &tm) !=
	    CLOCK_SQL_LEN)
		snprintf(out, CLOCK_SQL_LEN + 1, "1970-01-01 00:00:00");
}
