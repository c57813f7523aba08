/*
 * Tests for lib/clock.c: the system clock, TJG_NOW moving it, and
 * malformed or impossible TJG_NOW values refused.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "err.h"
#include "tap.h"

static void
now_is(const char *env, int want_rc, const char *want)
{
	char out[CLOCK_SQL_LEN + 1];
	time_t t = 0;
	int rc;

	setenv("TJG_NOW", env, 1);
	rc = clock_now(&t);
	is_int(rc, want_rc, "TJG_NOW=\"%s\": %s", env, want_rc == TJG_OK ?
	    "accepted" : "refused");
	if (rc == TJG_OK && want != NULL) {
		clock_sql(t, out);
		is_str(out, want, "TJG_NOW=\"%s\" reads back", env);
	}
}

int
main(void)
{
	char out[CLOCK_SQL_LEN + 1];
	time_t t, before = time(NULL);

	unsetenv("TJG_NOW");
	ok(clock_now(&t) == TJG_OK && t >= before && t <= time(NULL),
	    "without TJG_NOW: the system clock");
	setenv("TJG_NOW", "", 1);
	ok(clock_now(&t) == TJG_OK && t >= before, "empty TJG_NOW: likewise");

	now_is("2027-03-01 12:00:00", TJG_OK, "2027-03-01 12:00:00");
	now_is("2028-02-29 23:59:59", TJG_OK, "2028-02-29 23:59:59");
	now_is("1970-01-01 00:00:00", TJG_OK, "1970-01-01 00:00:00");
	now_is("2027-02-29 00:00:00", TJG_EINVAL, NULL);
	now_is("2026-11-31 10:00:00", TJG_EINVAL, NULL);
	now_is("2026-11-23 24:00:00", TJG_EINVAL, NULL);
	now_is("2026-11-23", TJG_EINVAL, NULL);
	now_is("2026-11-23 10:00:00Z", TJG_EINVAL, NULL);
	now_is("2026-11-23T10:00:00", TJG_EINVAL, NULL);
	now_is("tomorrow", TJG_EINVAL, NULL);
	now_is(" 2026-11-23 10:00:00", TJG_EINVAL, NULL);

	clock_sql(0, out);
	is_str(out, "1970-01-01 00:00:00", "clock_sql(0)");
	clock_sql(1700000000, out);
	is_str(out, "2023-11-14 22:13:20", "clock_sql is UTC");
	return done_testing();
}
