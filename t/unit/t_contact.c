/*
 * Tests for the pure helpers of the contact register
 * (lib/store_contact.c): today as a UTC date, review dates months ahead
 * (the end of a shorter month, leap years, years), days ahead and back,
 * e-mail addresses, roles, the organisation of a form, and the search
 * text as a LIKE pattern.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "store_contact.h"
#include "tap.h"

static void
months(const char *day, int n, const char *want)
{
	char out[CONTACT_DAY_LEN];
	bool got = contact_add_months(day, n, out);

	if (want == NULL)
		ok(!got, "months: %s + %d refused", day ? day : "(null)", n);
	else {
		ok(got, "months: %s + %d read", day, n);
		is_str(got ? out : NULL, want, "months: %s + %d is %s", day, n,
		    want);
	}
}

static void
days(const char *day, int n, const char *want)
{
	char out[CONTACT_DAY_LEN];
	bool got = contact_add_days(day, n, out);

	if (want == NULL)
		ok(!got, "days: %s %+d refused", day, n);
	else
		is_str(got ? out : NULL, want, "days: %s %+d is %s", day, n,
		    want);
}

static void
test_today(void)
{
	char out[CONTACT_DAY_LEN];

	contact_today(0, out);
	is_str(out, "1970-01-01", "today: the epoch");
	contact_today(1798761599, out);	/* 2026-12-31 23:59:59 UTC */
	is_str(out, "2026-12-31", "today: the last second of a UTC day");
	contact_today(1798761600, out);
	is_str(out, "2027-01-01", "today: the next UTC day (Swedish 01:00)");
}

static void
test_months(void)
{
	months("2026-03-15", 12, "2027-03-15");		/* the default */
	months("2026-03-15", 0, "2026-03-15");
	months("2026-03-15", 1, "2026-04-15");
	months("2026-11-30", 2, "2027-01-30");		/* over the year */
	months("2026-12-31", 1, "2027-01-31");
	months("2026-01-31", 1, "2026-02-28");		/* shorter month */
	months("2028-01-31", 1, "2028-02-29");		/* leap year */
	months("2026-03-31", 1, "2026-04-30");
	months("2028-02-29", 12, "2029-02-28");		/* no 29th next year */
	months("2028-02-29", 48, "2032-02-29");
	months("2026-05-31", 60, "2031-05-31");
	months("2026-08-31", 18, "2028-02-29");
	months("2026-02-29", 1, NULL);			/* not a day */
	months("2026-13-01", 1, NULL);
	months("2026-00-10", 1, NULL);
	months("2026-04-31", 1, NULL);
	months("2026-4-01", 1, NULL);
	months("2026/04/01", 1, NULL);
	months("2026-04-01 ", 1, NULL);
	months("", 1, NULL);
	months(NULL, 1, NULL);
	months("2026-04-01", -1, NULL);
	months("2026-04-01", 1201, NULL);
	months("9999-12-01", 1, NULL);			/* out of years */
}

static void
test_days(void)
{
	days("2026-01-01", 30, "2026-01-31");
	days("2026-01-01", 31, "2026-02-01");
	days("2026-02-28", 1, "2026-03-01");
	days("2028-02-28", 1, "2028-02-29");
	days("2026-12-31", 1, "2027-01-01");
	days("2026-03-29", 1, "2026-03-30");		/* DST: UTC days */
	days("2026-03-01", -1, "2026-02-28");
	days("2026-01-15", -30, "2025-12-16");
	days("2026-01-15", 0, "2026-01-15");
	days("2026-01-15", 365, "2027-01-15");
	days("2026-02-30", 1, NULL);
	days("tomorrow", 1, NULL);
}

static void
test_email(void)
{
	ok(contact_email_ok("anna.kontakt@example.net"), "e-mail: plain");
	ok(contact_email_ok("a+b@sub.example.org"), "e-mail: + and subdomain");
	ok(!contact_email_ok(""), "e-mail: empty refused");
	ok(!contact_email_ok("anna"), "e-mail: no @ refused");
	ok(!contact_email_ok("@example.net"), "e-mail: nothing before @");
	ok(!contact_email_ok("anna@"), "e-mail: nothing after @");
	ok(!contact_email_ok("anna@example"), "e-mail: no dot in the domain");
	ok(!contact_email_ok("anna@.example.net"), "e-mail: dot first");
	ok(!contact_email_ok("anna@example.net."), "e-mail: dot last");
	ok(!contact_email_ok("anna@example..net"), "e-mail: two dots");
	ok(!contact_email_ok("a@b@example.net"), "e-mail: two @");
	ok(!contact_email_ok("anna kontakt@example.net"), "e-mail: a blank");
	ok(!contact_email_ok("anna@example.net\n"), "e-mail: a line break");
	ok(!contact_email_ok("Anna <anna@example.net>"),
	    "e-mail: a display name refused");
	ok(!contact_email_ok("anna@example.net,bo@example.net"),
	    "e-mail: two addresses refused");
}

static void
test_roles_owner(void)
{
	ok(contact_role_ok("admin"), "role: admin (the responsible contact)");
	ok(contact_role_ok("technical") && contact_role_ok("orders") &&
	    contact_role_ok("billing") && contact_role_ok("privacy") &&
	    contact_role_ok("other"), "role: the others of contact.role");
	ok(!contact_role_ok("Admin") && !contact_role_ok("") &&
	    !contact_role_ok(NULL) && !contact_role_ok("owner"),
	    "role: anything else refused");
	is_int(contact_owner_parse("network"), 0, "owner: the network is 0");
	is_int(contact_owner_parse("3"), 3, "owner: a provider's id");
	is_int(contact_owner_parse("123456789012"), 123456789012LL,
	    "owner: a large id");
	is_int(contact_owner_parse("0"), -1, "owner: 0 refused");
	is_int(contact_owner_parse(""), -1, "owner: empty refused");
	is_int(contact_owner_parse("-3"), -1, "owner: negative refused");
	is_int(contact_owner_parse("3a"), -1, "owner: not a number refused");
	is_int(contact_owner_parse("99999999999999999999"), -1,
	    "owner: too long refused");
	is_int(contact_owner_parse(NULL), -1, "owner: none refused");
}

static void
test_like(void)
{
	struct arena a;

	arena_init(&a);
	is_str(contact_like(&a, "anna"), "%anna%", "like: plain");
	is_str(contact_like(&a, "50%_a\\b"), "%50\\%\\_a\\\\b%",
	    "like: %%, _ and \\ escaped");
	is_str(contact_like(&a, ""), "%%", "like: empty matches all");
	arena_free(&a);
}

int
main(void)
{
	test_today();
	test_months();
	test_days();
	test_email();
	test_roles_owner();
	test_like();
	return done_testing();
}
