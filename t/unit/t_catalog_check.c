/*
 * Tests for lib/catalog_check.c: what the console's provider, service
 * and form-field pages accept, rule by rule, with the edges the schema's
 * CHECK constraints and the public order form draw.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "catalog_check.h"
#include "tap.h"

static void
test_slug(void)
{
	char long_slug[CHECK_SLUG_MAX + 2];

	ok(check_slug("vindlo-demo"), "slug: letters and a dash");
	ok(check_slug("3stad"), "slug: may start with a digit");
	ok(check_slug("a"), "slug: one letter");
	ok(!check_slug(""), "slug: empty");
	ok(!check_slug("-vindlo"), "slug: leading dash");
	ok(!check_slug("Vindlo"), "slug: upper case");
	ok(!check_slug("vind lo"), "slug: blank");
	ok(!check_slug("vindlö"), "slug: non-ASCII");
	ok(!check_slug("vind_lo"), "slug: underscore");
	ok(!check_slug(NULL), "slug: NULL");
	memset(long_slug, 'a', sizeof(long_slug) - 1);
	long_slug[CHECK_SLUG_MAX] = '\0';
	ok(check_slug(long_slug), "slug: %d bytes", CHECK_SLUG_MAX);
	long_slug[CHECK_SLUG_MAX] = 'a';
	long_slug[CHECK_SLUG_MAX + 1] = '\0';
	ok(!check_slug(long_slug), "slug: %d bytes", CHECK_SLUG_MAX + 1);
}

static void
test_org(void)
{
	char out[12];

	ok(check_org_number("556164-3359", out), "org: dashed");
	is_str(out, "556164-3359", "org: kept");
	ok(check_org_number("5561643359", out), "org: ten digits");
	is_str(out, "556164-3359", "org: the dash added");
	ok(check_org_number("556164-3358", out),
	    "org: the check digit is not tested (fictional demo numbers)");
	ok(!check_org_number("556164 3359", out), "org: a blank");
	is_str(out, "", "org: out emptied");
	ok(!check_org_number("55616-43359", out), "org: dash misplaced");
	ok(!check_org_number("556164-335", out), "org: too short");
	ok(!check_org_number("16556164-3359", out), "org: 12 digits");
	ok(!check_org_number("55616A-3359", out), "org: a letter");
	ok(!check_org_number("", out), "org: empty");
	ok(!check_org_number(NULL, out), "org: NULL");
}

static void
test_email_url(void)
{
	ok(check_email("kundtjanst@vindlo.example"), "email: plain");
	ok(!check_email("kundtjanst"), "email: no @");
	ok(!check_email("@vindlo.example"), "email: no local part");
	ok(!check_email("a@b@c.example"), "email: two @");
	ok(!check_email("a@example"), "email: no dot");
	ok(!check_email("a b@example.org"), "email: blank");
	ok(!check_email("a@example.org."), "email: trailing dot");
	ok(!check_email("<a@example.org>"), "email: angle brackets");

	ok(check_url("https://vindlo.example/villkor"), "url: https");
	ok(check_url("http://vindlo.example"), "url: http");
	ok(check_url("https://vindlo.example/v?a=1&b=2#x"), "url: query");
	ok(!check_url("javascript:alert(1)"), "url: javascript:");
	ok(!check_url("//vindlo.example/"), "url: scheme-relative");
	ok(!check_url("/villkor"), "url: relative");
	ok(!check_url("https://"), "url: no host");
	ok(!check_url("https:///x"), "url: empty host");
	ok(!check_url("ftp://vindlo.example"), "url: ftp");
	ok(!check_url("https://vindlo.example/a b"), "url: blank");
	ok(!check_url("https://vindlo.example/\"x"), "url: quote");
	ok(!check_url("HTTPS://vindlo.example"),
	    "url: upper-case scheme refused (kept simple)");
}

static void
test_date_int(void)
{
	long long v = -1;

	ok(check_date("2026-01-31"), "date: plain");
	ok(check_date("2028-02-29"), "date: leap day");
	ok(check_date("2000-02-29"), "date: leap day of 2000");
	ok(!check_date("2100-02-29"), "date: 2100 is no leap year");
	ok(!check_date("2026-02-29"), "date: no leap day");
	ok(!check_date("2026-04-31"), "date: 31 April");
	ok(!check_date("2026-13-01"), "date: month 13");
	ok(!check_date("2026-00-10"), "date: month 0");
	ok(!check_date("2026-01-00"), "date: day 0");
	ok(!check_date("2026-1-01"), "date: short month");
	ok(!check_date("2026-01-011"), "date: long");
	ok(!check_date("0999-01-01"), "date: before year 1000");
	ok(!check_date("2026/01/01"), "date: slashes");
	ok(!check_date(""), "date: empty");

	ok(check_int("12", 0, 60, &v) && v == 12, "int: 12");
	ok(check_int(" 0 ", 0, 60, &v) && v == 0, "int: blanks around");
	ok(check_int("60", 0, 60, &v) && v == 60, "int: the maximum");
	ok(!check_int("61", 0, 60, &v), "int: above");
	ok(!check_int("0", 1, 60, &v), "int: below");
	ok(!check_int("-1", 0, 60, &v), "int: a sign");
	ok(!check_int("1 2", 0, 60, &v), "int: inner blank");
	ok(!check_int("1.5", 0, 60, &v), "int: decimals");
	ok(!check_int("", 0, 60, &v), "int: empty");
	ok(!check_int("9999999999999999999", 0, 60, &v), "int: huge");
}

static void
test_key_pattern(void)
{
	char pat[CHECK_PATTERN_MAX + 2];

	ok(check_field_key("router"), "key: plain");
	ok(check_field_key("install_day2"), "key: digits and _");
	ok(!check_field_key("2router"), "key: leading digit");
	ok(!check_field_key("_router"), "key: leading _");
	ok(!check_field_key("Router"), "key: upper case");
	ok(!check_field_key("rou-ter"), "key: dash");
	ok(!check_field_key(""), "key: empty");

	ok(check_pattern("[0-9]{6,10}"), "pattern: the demo's");
	ok(check_pattern("a|b"), "pattern: alternation (anchored whole)");
	ok(!check_pattern("[0-9"), "pattern: unclosed bracket");
	ok(!check_pattern("(a"), "pattern: unclosed group");
	ok(!check_pattern("a{2,1}"), "pattern: bad repetition bounds");
	ok(!check_pattern("[z-a]"), "pattern: reversed range");
	ok(!check_pattern("\\"), "pattern: trailing backslash");
	ok(!check_pattern("*a"), "pattern: leading repetition");
	ok(!check_pattern(""), "pattern: empty");
	ok(!check_pattern("a\tb"), "pattern: control character");
	is_int(check_pattern_match("[0-9]{6,10}", "123456"), 1,
	    "match: the whole value");
	is_int(check_pattern_match("[0-9]{6,10}", "x123456"), 0,
	    "match: not a value with more before");
	is_int(check_pattern_match("[0-9]{6,10}", "123456x"), 0,
	    "match: nor after");
	is_int(check_pattern_match("a|b", "b"), 1, "match: alternation");
	is_int(check_pattern_match("a|b", "ab"), 0,
	    "match: alternation is anchored as a whole");
	is_int(check_pattern_match("x)|(.*", "anything"), check_pattern(
	    "x)|(.*") ? 0 : -1,
	    "match: a stray parenthesis cannot escape the anchoring");
	is_int(check_pattern_match("a*", ""), 1, "match: empty value, a*");
	is_int(check_pattern_match("(ab|a)(bc|c)?", "abc"), 1,
	    "match: the longest match counts");
	is_int(check_pattern_match("[0-9", "1"), -1, "match: bad pattern");
	memset(pat, 'a', sizeof(pat) - 1);
	pat[CHECK_PATTERN_MAX] = '\0';
	ok(check_pattern(pat), "pattern: %d bytes", CHECK_PATTERN_MAX);
	pat[CHECK_PATTERN_MAX] = 'a';
	pat[CHECK_PATTERN_MAX + 1] = '\0';
	ok(!check_pattern(pat), "pattern: %d bytes", CHECK_PATTERN_MAX + 1);
}

static void
options_bad(struct arena *a, const char *text, int max_len,
    const char *want, int want_line, const char *name)
{
	const char *norm = "x", *why;
	int line = -1;

	why = check_options(a, text, max_len, &norm, &line);
	is_str(why, want, "options: %s", name);
	is_int(line, want_line, "options: %s: line", name);
	ok(norm == NULL, "options: %s: nothing normalised", name);
}

static void
test_options(void)
{
	struct arena a;
	const char *norm, *why;
	char many[2048];
	int line, i;
	size_t n = 0;

	arena_init(&a);
	why = check_options(&a, "std|Standard|Standard\r\n"
	    " prem | Premium (+49 kr/mån) | Premium (+49 SEK/month) \r\n\r\n",
	    200, &norm, &line);
	is_str(why, NULL, "options: three parts, CRLF, blanks");
	is_str(norm, "std|Standard|Standard\n"
	    "prem|Premium (+49 kr/mån)|Premium (+49 SEK/month)",
	    "options: normalised");
	why = check_options(&a, "Standard\nPremium (+49 kr/mån)", 200, &norm,
	    &line);
	is_str(why, NULL, "options: value-only lines (the demo's)");
	is_str(norm, "Standard\nPremium (+49 kr/mån)", "options: kept");

	options_bad(&a, "", 200, "admin.fields.err.options_none", 0, "empty");
	options_bad(&a, " \r\n \n", 200, "admin.fields.err.options_none", 0,
	    "blank lines only");
	options_bad(&a, NULL, 200, "admin.fields.err.options_none", 0,
	    "NULL");
	options_bad(&a, "a|A|A\nb|B", 200, "admin.fields.err.options_parts",
	    2, "two parts");
	options_bad(&a, "a|A|A|x", 200, "admin.fields.err.options_parts", 1,
	    "four parts");
	options_bad(&a, "a||A", 200, "admin.fields.err.options_empty", 1,
	    "an empty label");
	options_bad(&a, "x\n |A|A", 200, "admin.fields.err.options_empty", 2,
	    "an empty value");
	options_bad(&a, "a|A|A\n\nb\na|Again|Again", 200,
	    "admin.fields.err.options_dup", 4, "a repeated value");
	options_bad(&a, "a\tb", 200, "admin.fields.err.options_control", 1,
	    "a tab");
	options_bad(&a, "kort\nen mycket lång rad", 10,
	    "admin.fields.err.options_long", 2, "longer than max_len");

	for (i = 0; i <= CHECK_OPTIONS_MAX; i++)
		n += (size_t)snprintf(many + n, sizeof(many) - n, "v%d\n", i);
	options_bad(&a, many, 200, "admin.fields.err.options_many",
	    CHECK_OPTIONS_MAX + 1, "too many");
	many[n - 5] = '\0';	/* drop the last line, "v50\n" */
	why = check_options(&a, many, 200, &norm, &line);
	is_str(why, NULL, "options: %d are fine", CHECK_OPTIONS_MAX);
	arena_free(&a);
}

static void
test_campaign(void)
{
	struct campaign_check c;

	ok(check_campaign("none", "", "", "", &c), "campaign: none");
	is_str(c.kind, "none", "campaign: none: kind");
	ok(check_campaign("none", "0", "0", NULL, &c),
	    "campaign: none with zeros");
	ok(check_campaign(NULL, NULL, NULL, NULL, &c),
	    "campaign: nothing given is none");
	ok(!check_campaign("none", "20", "", "", &c),
	    "campaign: none with a value");
	is_str(c.err_value, "admin.services.err.campaign_none",
	    "campaign: none with a value: says so");
	ok(!check_campaign("none", "", "3", "2027-01-01", &c),
	    "campaign: none with months and a date");
	ok(c.err_months != NULL && c.err_until != NULL && c.err_value == NULL,
	    "campaign: none: both fields named");

	ok(check_campaign("percent", "20 %", "3", "2027-06-30", &c),
	    "campaign: 20 %% for 3 months");
	ok(c.value == 20 && c.months == 3 && strcmp(c.until, "2027-06-30") ==
	    0, "campaign: percent: values");
	ok(check_campaign("percent", "100", "1", "", &c) && c.until == NULL,
	    "campaign: 100 %%, no date");
	ok(!check_campaign("percent", "0", "3", "", &c),
	    "campaign: 0 %% refused");
	is_str(c.err_value, "admin.services.err.campaign_percent",
	    "campaign: percent: message");
	ok(!check_campaign("percent", "101", "3", "", &c),
	    "campaign: 101 %% refused");
	ok(!check_campaign("percent", "12,5", "3", "", &c),
	    "campaign: fractional per cent refused");
	ok(!check_campaign("percent", "20", "", "", &c),
	    "campaign: no months");
	is_str(c.err_months, "admin.services.err.campaign_months",
	    "campaign: months: message");
	ok(!check_campaign("percent", "20", "0", "", &c),
	    "campaign: 0 months");
	ok(!check_campaign("percent", "20", "61", "", &c),
	    "campaign: 61 months");

	ok(check_campaign("amount", "100 kr", "6", "", &c) && c.value == 10000,
	    "campaign: 100 kr off, in öre");
	ok(!check_campaign("amount", "0", "6", "", &c),
	    "campaign: 0 kr off refused");
	is_str(c.err_value, "admin.services.err.campaign_amount",
	    "campaign: amount: message");
	ok(!check_campaign("amount", "tio", "6", "", &c),
	    "campaign: amount in words refused");

	ok(check_campaign("fixed", "0", "2", "", &c) && c.value == 0,
	    "campaign: free for 2 months");
	ok(check_campaign("fixed", "199,50", "2", "", &c) && c.value == 19950,
	    "campaign: 199,50 kr a month");
	ok(!check_campaign("fixed", "", "2", "", &c),
	    "campaign: fixed without a price");
	is_str(c.err_value, "admin.services.err.campaign_fixed",
	    "campaign: fixed: message");
	ok(!check_campaign("fixed", "99", "2", "2027-02-30", &c),
	    "campaign: a date that does not exist");
	is_str(c.err_until, "admin.services.err.date",
	    "campaign: date: message");

	ok(!check_campaign("bogus", "1", "1", "", &c),
	    "campaign: unknown kind");
	is_str(c.err_kind, "admin.services.err.campaign_kind",
	    "campaign: kind: message");
}

int
main(void)
{
	test_slug();
	test_org();
	test_email_url();
	test_date_int();
	test_key_pattern();
	test_options();
	test_campaign();
	return done_testing();
}
