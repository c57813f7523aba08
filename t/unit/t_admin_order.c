/*
 * Tests for the pure helpers of the console's order pages
 * (lib/store_admin_order.c): the days of the date filter as UTC bounds
 * in Swedish time, UTC times shown in Swedish time, typed references,
 * statuses and the next states of the API's state machine, and counting
 * the characters of a comment.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "store_admin_order.h"
#include "tap.h"

static struct arena A;

static void
day(const char *in, int add, const char *want)
{
	char out[ADMIN_UTC_LEN];
	bool got = admin_day_utc(in, add, out);

	if (want == NULL)
		ok(!got, "day: %s refused", in);
	else {
		ok(got, "day: %s%+d read", in, add);
		is_str(out, want, "day: %s%+d is %s UTC", in, add, want);
	}
}

static void
test_days(void)
{
	day("2026-01-15", 0, "2026-01-14 23:00:00");	/* CET, UTC+1 */
	day("2026-07-01", 0, "2026-06-30 22:00:00");	/* CEST, UTC+2 */
	day("2026-07-01", 1, "2026-07-01 22:00:00");
	day("2026-12-31", 1, "2026-12-31 23:00:00");	/* into next year */
	day("2026-03-29", 0, "2026-03-28 23:00:00");	/* DST begins */
	day("2026-03-29", 1, "2026-03-29 22:00:00");	/* a 23-hour day */
	day("2026-10-25", 1, "2026-10-25 23:00:00");	/* a 25-hour day */
	day("2024-02-29", 0, "2024-02-28 23:00:00");	/* leap day */
	day("2026-13-45", 0, NULL);
	day("2026-02-29", 0, NULL);
	day("2026-02-31", 0, NULL);
	day("2026-04-31", 0, NULL);
	day("2026-00-10", 0, NULL);
	day("2026-2-3", 0, NULL);
	day("2026-02-03x", 0, NULL);
	day("20260203", 0, NULL);
	day("2026/02/03", 0, NULL);
	day("1969-12-31", 0, NULL);
	day("", 0, NULL);
	day(NULL, 0, NULL);
}

static void
test_local(void)
{
	is_str(admin_local_time(&A, "2026-01-14 23:00:00"),
	    "2026-01-15 00:00:00", "local: winter, seconds");
	is_str(admin_local_time(&A, "2026-06-30 22:30"), "2026-07-01 00:30",
	    "local: summer, minutes");
	is_str(admin_local_time(&A, "garbage"), "garbage",
	    "local: not a time is shown as it is");
	ok(admin_local_time(&A, NULL) == NULL, "local: NULL stays NULL");
}

static void
test_ref(void)
{
	char out[13];

	ok(admin_ref_norm("ABCD23456789", out) && strcmp(out,
	    "ABCD23456789") == 0, "ref: a whole reference");
	ok(admin_ref_norm(" abcd-2345 ", out) && strcmp(out, "ABCD2345") ==
	    0, "ref: lower case, spaces and dashes");
	ok(!admin_ref_norm("ABCD234567890", out), "ref: 13 characters");
	ok(!admin_ref_norm("AB%", out), "ref: a wildcard");
	ok(!admin_ref_norm("AB_", out), "ref: an underscore");
	ok(!admin_ref_norm("\xc3\x85" "B", out), "ref: not ASCII");
	ok(!admin_ref_norm(" - ", out), "ref: nothing left");
}

static void
test_states(void)
{
	const char *n[4];
	size_t k;

	ok(admin_status_ok("new") && admin_status_ok("cancelled"),
	    "status: known");
	ok(!admin_status_ok("New") && !admin_status_ok("") &&
	    !admin_status_ok(NULL) && !admin_status_ok("erased"),
	    "status: unknown");
	k = admin_next_states("new", n);
	is_int(k, 4, "next: new has four ways on");
	ok(k == 4 && strcmp(n[0], "received") == 0 &&
	    strcmp(n[1], "activated") == 0 && strcmp(n[2], "rejected") == 0 &&
	    strcmp(n[3], "cancelled") == 0, "next: in the order of life");
	k = admin_next_states("received", n);
	ok(k == 3 && strcmp(n[0], "activated") == 0 &&
	    strcmp(n[1], "rejected") == 0 && strcmp(n[2], "cancelled") == 0,
	    "next: received");
	is_int(admin_next_states("activated", n), 0, "next: activated absorbs");
	is_int(admin_next_states("rejected", n), 0, "next: rejected absorbs");
	is_int(admin_next_states("cancelled", n), 0, "next: cancelled absorbs");
	is_int(admin_next_states("bogus", n), 0, "next: unknown has none");
}

static void
test_utf8(void)
{
	is_int(admin_utf8_len(""), 0, "utf8: empty");
	is_int(admin_utf8_len("abc"), 3, "utf8: ASCII");
	is_int(admin_utf8_len("\xc3\xa5\xc3\xa4\xc3\xb6"), 3, "utf8: åäö");
	is_int(admin_utf8_len("\xe2\x82\xac\xf0\x9f\x98\x80"), 2,
	    "utf8: three and four bytes");
}

int
main(void)
{
	/* The worker's time zone (fcgi/main.c). */
	if (setenv("TZ", "Europe/Stockholm", 1) != 0)
		return 1;
	tzset();
	arena_init(&A);
	test_days();
	test_local();
	test_ref();
	test_states();
	test_utf8();
	arena_free(&A);
	return done_testing();
}
