/*
 * Tests for lib/money.c and lib/price.c: formatting öre in Swedish and
 * English, and campaign and total-cost arithmetic with hand-computed
 * figures.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "money.h"
#include "price.h"
#include "tap.h"

#define N	"\xc2\xa0"	/* NO-BREAK SPACE */

static void
fmt_is(long long ore, const char *lang, const char *want)
{
	char out[MONEY_FMT_MAX];

	money_fmt(ore, lang, out, sizeof(out));
	is_str(out, want, "money: %lld %s", ore, lang ? lang : "(null)");
}

static void
test_swedish(void)
{
	fmt_is(0, "sv", "0" N "kr");
	fmt_is(100, "sv", "1" N "kr");
	fmt_is(5, "sv", "0,05" N "kr");
	fmt_is(50, "sv", "0,50" N "kr");
	fmt_is(99, "sv", "0,99" N "kr");
	fmt_is(123400, "sv", "1" N "234" N "kr");
	fmt_is(123450, "sv", "1" N "234,50" N "kr");
	fmt_is(123401, "sv", "1" N "234,01" N "kr");
	fmt_is(99900, "sv", "999" N "kr");
	fmt_is(99999, "sv", "999,99" N "kr");
	fmt_is(100000, "sv", "1" N "000" N "kr");
	fmt_is(39900, "sv", "399" N "kr");
	fmt_is(1234567800, "sv", "12" N "345" N "678" N "kr");
	fmt_is(100000000, "sv", "1" N "000" N "000" N "kr");
	fmt_is(-5000, "sv", "-50" N "kr");
	fmt_is(-1, "sv", "-0,01" N "kr");
	fmt_is(-123456, "sv", "-1" N "234,56" N "kr");
	fmt_is(-100000, "sv", "-1" N "000" N "kr");
	fmt_is(LLONG_MAX, "sv", "92" N "233" N "720" N "368" N "547" N
	    "758,07" N "kr");
	fmt_is(LLONG_MIN, "sv", "-92" N "233" N "720" N "368" N "547" N
	    "758,08" N "kr");
	fmt_is(123450, NULL, "1" N "234,50" N "kr");
	fmt_is(123450, "", "1" N "234,50" N "kr");
	fmt_is(123450, "de", "1" N "234,50" N "kr");
	fmt_is(123450, "eng", "1" N "234,50" N "kr");
	fmt_is(123450, "EN", "1" N "234,50" N "kr");
}

static void
test_english(void)
{
	fmt_is(123400, "en", "SEK" N "1,234");
	fmt_is(123450, "en", "SEK" N "1,234.50");
	fmt_is(0, "en", "SEK" N "0");
	fmt_is(5, "en", "SEK" N "0.05");
	fmt_is(-5000, "en", "SEK" N "-50");
	fmt_is(-123456, "en", "SEK" N "-1,234.56");
	fmt_is(100000000, "en", "SEK" N "1,000,000");
	fmt_is(99999, "en", "SEK" N "999.99");
	fmt_is(123450, "en-GB", "SEK" N "1,234.50");
	fmt_is(123450, "en_US", "SEK" N "1,234.50");
	fmt_is(LLONG_MIN, "en", "SEK" N "-92,233,720,368,547,758.08");
}

/* The expected text built another way: from printf, separators added. */
static void
reference(long long ore, int en, char *out)
{
	char d[32], *o = out;
	long long a = llabs(ore);
	size_t n, i;

	n = (size_t)snprintf(d, sizeof(d), "%lld", a / 100);
	if (en)
		o += sprintf(o, "SEK" N);
	if (ore < 0)
		*o++ = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			o += sprintf(o, "%s", en ? "," : N);
		*o++ = d[i];
	}
	if (a % 100 != 0)
		o += sprintf(o, "%c%02lld", en ? '.' : ',', a % 100);
	sprintf(o, "%s", en ? "" : N "kr");
}

static void
test_bulk(void)
{
	char got[MONEY_FMT_MAX], want[64];
	long long v;
	int en, bad = 0, i;

	for (en = 0; en < 2; en++) {
		for (v = -300000; v <= 300000; v += 7) {
			money_fmt(v, en ? "en" : "sv", got, sizeof(got));
			reference(v, en, want);
			if (strcmp(got, want) != 0 && bad++ < 5)
				printf("#   %lld: \"%s\" vs \"%s\"\n", v, got,
				    want);
		}
		srand(7);
		for (i = 0; i < 100000; i++) {
			v = ((long long)rand() << 31 | rand()) *
			    (rand() % 2 ? 1 : -1) / (1 + rand() % 1000);
			money_fmt(v, en ? "en" : "sv", got, sizeof(got));
			reference(v, en, want);
			if (strcmp(got, want) != 0 && bad++ < 5)
				printf("#   %lld: \"%s\" vs \"%s\"\n", v, got,
				    want);
		}
	}
	is_int(bad, 0, "money: 371430 amounts agree with a printf reference");
}

static void
test_room(void)
{
	char out[MONEY_FMT_MAX];
	const char *want = "1" N "234,50" N "kr";	/* 13 bytes + NUL */

	money_fmt(123450, "sv", out, 14);
	is_str(out, want, "money: exactly enough room");
	memset(out, 'x', sizeof(out));
	money_fmt(123450, "sv", out, 13);
	is_str(out, "", "money: one byte short gives \"\"");
	memset(out, 'x', sizeof(out));
	money_fmt(123450, "sv", out, 1);
	is_str(out, "", "money: room for the NUL only");
	memset(out, 'x', sizeof(out));
	money_fmt(123450, "sv", out, 0);
	ok(out[0] == 'x', "money: len 0 writes nothing");
	money_fmt(123450, "sv", NULL, 10);
	ok(1, "money: NULL out is ignored");
	money_fmt(LLONG_MIN, "sv", out, sizeof(out));
	ok(strlen(out) > 0 && strlen(out) < MONEY_FMT_MAX,
	    "money: MONEY_FMT_MAX holds the longest Swedish text");
	money_fmt(LLONG_MIN, "en", out, sizeof(out));
	ok(strlen(out) > 0 && strlen(out) < MONEY_FMT_MAX,
	    "money: MONEY_FMT_MAX holds the longest English text");
}

static struct price
mk(long long monthly, long long start_fee, int binding,
    enum price_campaign kind, long long value, int campaign_months)
{
	struct price p;

	memset(&p, 0, sizeof(p));
	p.monthly = monthly;
	p.start_fee = start_fee;
	p.binding_months = binding;
	p.kind = kind;
	p.value = value;
	p.campaign_months = campaign_months;
	return p;
}

static void
test_price_none(void)
{
	struct price p = mk(39900, 0, 0, CAMPAIGN_NONE, 0, 0);

	is_int(price_month(&p, 1), 39900, "none: month 1");
	is_int(price_month(&p, 12), 39900, "none: month 12");
	is_int(price_period(&p), 12, "none: no binding, 12 months");
	is_int(price_total(&p, 12), 478800, "none: 12 x 399 kr");
	p.start_fee = 49500;
	is_int(price_total(&p, 12), 528300, "none: with a 495 kr start fee");
	is_int(price_total(&p, 0), 49500, "none: 0 months is the start fee");
	is_int(price_total(&p, -3), 49500, "none: negative months too");
	is_int(price_month(&p, 0), 0, "none: month 0 costs nothing");
	is_int(price_month(&p, -1), 0, "none: month -1 costs nothing");
	p.campaign_months = 6;
	p.value = 100;
	is_int(price_month(&p, 1), 39900, "none: value ignored");
	is_int(price_period(&p), 12, "none: campaign months ignored");
	p.binding_months = 24;
	is_int(price_period(&p), 24, "none: binding 24 months");
}

static void
test_price_percent(void)
{
	struct price p = mk(49900, 0, 12, CAMPAIGN_PERCENT, 50, 3);

	is_int(price_month(&p, 1), 24950, "percent: 50 %% of 499 kr");
	is_int(price_month(&p, 3), 24950, "percent: last campaign month");
	is_int(price_month(&p, 4), 49900, "percent: first full month");
	is_int(price_total(&p, 12), 523950, "percent: 3 x 249,50 + 9 x 499");
	is_int(price_period(&p), 12, "percent: binding decides");

	/* Rounding of the price to whole öre, half an öre up. */
	p = mk(12345, 0, 0, CAMPAIGN_PERCENT, 10, 1);
	is_int(price_month(&p, 1), 11111, "percent: 11110,5 up to 11111");
	p.value = 15;
	is_int(price_month(&p, 1), 10493, "percent: 10493,25 down to 10493");
	p.value = 1;
	is_int(price_month(&p, 1), 12222, "percent: 12221,55 up to 12222");
	p.value = 99;
	is_int(price_month(&p, 1), 123, "percent: 123,45 down to 123");
	p.value = 100;
	is_int(price_month(&p, 1), 0, "percent: 100 %% is free");
	p = mk(1, 0, 0, CAMPAIGN_PERCENT, 50, 1);
	is_int(price_month(&p, 1), 1, "percent: 0,5 öre up to 1");
	p.value = 51;
	is_int(price_month(&p, 1), 0, "percent: 0,49 öre down to 0");
	p.value = 49;
	is_int(price_month(&p, 1), 1, "percent: 0,51 öre up to 1");
	p = mk(3, 0, 0, CAMPAIGN_PERCENT, 50, 1);
	is_int(price_month(&p, 1), 2, "percent: 1,5 öre up to 2");
	p = mk(29900, 0, 0, CAMPAIGN_PERCENT, 33, 1);
	is_int(price_month(&p, 1), 20033, "percent: 33 %% off 299 kr");
	p = mk(29950, 0, 0, CAMPAIGN_PERCENT, 25, 1);
	is_int(price_month(&p, 1), 22463, "percent: 22462,5 up to 22463");

	/* Out-of-range percentages are clamped. */
	p = mk(29900, 0, 0, CAMPAIGN_PERCENT, 150, 1);
	is_int(price_month(&p, 1), 0, "percent: 150 %% counts as 100");
	p.value = -10;
	is_int(price_month(&p, 1), 29900, "percent: -10 %% counts as 0");
	p.value = 0;
	is_int(price_month(&p, 1), 29900, "percent: 0 %%");

	/* No overflow on the largest price. */
	p = mk(LLONG_MAX, 0, 0, CAMPAIGN_PERCENT, 50, 1);
	is_int(price_month(&p, 1), LLONG_MAX / 2 + 1,
	    "percent: half of LLONG_MAX, rounded up");
	p.value = 1;
	is_int(price_month(&p, 1), 9131138316486228049LL,
	    "percent: 99 %% of LLONG_MAX");
}

static void
test_price_amount(void)
{
	struct price p = mk(39900, 49500, 12, CAMPAIGN_AMOUNT, 10000, 6);

	is_int(price_month(&p, 1), 29900, "amount: 100 kr off 399 kr");
	is_int(price_month(&p, 6), 29900, "amount: month 6");
	is_int(price_month(&p, 7), 39900, "amount: month 7");
	is_int(price_total(&p, 12), 468300,
	    "amount: 495 + 6 x 299 + 6 x 399 kr");
	is_int(price_total(&p, 3), 139200, "amount: 495 + 3 x 299 kr");
	p.value = 39900;
	is_int(price_month(&p, 1), 0, "amount: all of it off");
	p.value = 50000;
	is_int(price_month(&p, 1), 0, "amount: more off than the price");
	is_int(price_total(&p, 12), 49500 + 6 * 39900,
	    "amount: free months cost nothing, not less");
	p.value = -100;
	is_int(price_month(&p, 1), 39900, "amount: negative counts as 0");
}

static void
test_price_fixed(void)
{
	struct price p = mk(59900, 0, 0, CAMPAIGN_FIXED, 9900, 3);

	is_int(price_month(&p, 1), 9900, "fixed: 99 kr a month");
	is_int(price_month(&p, 4), 59900, "fixed: then 599 kr");
	is_int(price_period(&p), 3, "fixed: no binding, campaign period");
	is_int(price_total(&p, 3), 29700, "fixed: 3 x 99 kr");
	p.start_fee = 29900;
	is_int(price_total(&p, 3), 59600, "fixed: 299 + 3 x 99 kr");
	is_int(price_total(&p, 12), 29900 + 29700 + 9 * 59900,
	    "fixed: over a year");
	p.value = 0;
	is_int(price_month(&p, 2), 0, "fixed: free months");
	is_int(price_total(&p, 12), 29900 + 9 * 59900, "fixed: free 3");
	p.value = 69900;
	is_int(price_month(&p, 1), 69900, "fixed: above the price, as set");
	p.value = -1;
	is_int(price_month(&p, 1), 0, "fixed: negative counts as 0");
}

static void
test_price_edges(void)
{
	struct price p;
	int kind, mon, cm, bad = 0;
	long long sum;

	/* A campaign longer than the binding period. */
	p = mk(40000, 0, 12, CAMPAIGN_PERCENT, 50, 24);
	is_int(price_period(&p), 12, "longer campaign: binding decides");
	is_int(price_total(&p, 12), 240000, "longer campaign: 12 x 200 kr");
	is_int(price_total(&p, 24), 480000, "longer campaign: 24 x 200 kr");
	is_int(price_total(&p, 25), 520000, "longer campaign: then 400 kr");

	/* Zero prices. */
	p = mk(0, 0, 0, CAMPAIGN_NONE, 0, 0);
	is_int(price_total(&p, 12), 0, "zero: free service");
	p.kind = CAMPAIGN_PERCENT;
	p.value = 50;
	p.campaign_months = 3;
	is_int(price_month(&p, 1), 0, "zero: percent of nothing");
	p.kind = CAMPAIGN_AMOUNT;
	is_int(price_month(&p, 1), 0, "zero: amount off nothing");
	p.start_fee = 19900;
	is_int(price_total(&p, 12), 19900, "zero: start fee only");
	p = mk(-100, -200, 0, CAMPAIGN_NONE, 0, 0);
	is_int(price_month(&p, 1), 0, "zero: negative price counts as 0");
	is_int(price_total(&p, 12), 0, "zero: negative start fee too");

	/* Campaign months of 0 or less: no campaign. */
	p = mk(29900, 0, 0, CAMPAIGN_FIXED, 100, 0);
	is_int(price_month(&p, 1), 29900, "no campaign months: full price");
	is_int(price_period(&p), 12, "no campaign months: 12");
	is_int(price_total(&p, 12), 12 * 29900, "no campaign months: total");
	p.campaign_months = -5;
	is_int(price_total(&p, 12), 12 * 29900, "negative campaign months");
	p.binding_months = -1;
	is_int(price_period(&p), 12, "negative binding is no binding");

	/* Saturation instead of overflow. */
	p = mk(LLONG_MAX / 2, 0, 0, CAMPAIGN_NONE, 0, 0);
	is_int(price_total(&p, 2), LLONG_MAX - 1, "saturate: just fits");
	is_int(price_total(&p, 3), LLONG_MAX, "saturate: 3 months");
	p = mk(1, LLONG_MAX, 0, CAMPAIGN_NONE, 0, 0);
	is_int(price_total(&p, 1), LLONG_MAX, "saturate: start fee");
	p = mk(100000000000LL, 0, 0, CAMPAIGN_FIXED, 100000000000LL,
	    INT_MAX);
	is_int(price_total(&p, INT_MAX), LLONG_MAX, "saturate: campaign");

	/* price_total is the start fee plus the sum of price_month. */
	for (kind = CAMPAIGN_NONE; kind <= CAMPAIGN_FIXED; kind++) {
		for (cm = -1; cm <= 14; cm++) {
			p = mk(29950, 19900, 12, kind,
			    kind == CAMPAIGN_PERCENT ? 33 : 12345, cm);
			sum = p.start_fee;
			for (mon = 0; mon <= 30; mon++) {
				if (mon > 0)
					sum += price_month(&p, mon);
				if (price_total(&p, mon) != sum)
					bad++;
			}
		}
	}
	is_int(bad, 0, "total: agrees with summed months, all kinds");
}

static void
test_kind_parse(void)
{
	is_int(price_kind_parse("none"), CAMPAIGN_NONE, "kind: none");
	is_int(price_kind_parse("percent"), CAMPAIGN_PERCENT, "kind: percent");
	is_int(price_kind_parse("amount"), CAMPAIGN_AMOUNT, "kind: amount");
	is_int(price_kind_parse("fixed"), CAMPAIGN_FIXED, "kind: fixed");
	is_int(price_kind_parse("Percent"), -1, "kind: case matters");
	is_int(price_kind_parse("percent "), -1, "kind: no blanks");
	is_int(price_kind_parse("perc"), -1, "kind: no prefixes");
	is_int(price_kind_parse(""), -1, "kind: empty");
	is_int(price_kind_parse(NULL), -1, "kind: NULL");
}

static void
parse_is(const char *in, long long want)
{
	long long got = -1;
	int rc = money_parse(in, &got);

	ok(rc == TJG_OK && got == want, "parse: \"%s\" is %lld öre", in,
	    want);
	if (rc != TJG_OK || got != want)
		printf("#   rc %d, got %lld\n", rc, got);
}

static void
parse_bad(const char *in)
{
	long long got = -1;
	int rc = money_parse(in, &got);

	ok(rc == TJG_EINVAL && got == 0, "parse: \"%s\" is refused",
	    in != NULL ? in : "(null)");
}

static void
test_parse(void)
{
	char text[MONEY_FMT_MAX];
	long long v, got;
	int bad = 0;

	parse_is("299", 29900);
	parse_is("0", 0);
	parse_is("299,50", 29950);
	parse_is("299,5", 29950);
	parse_is("299.50", 29950);
	parse_is("299.05", 29905);
	parse_is("1 299", 129900);
	parse_is("1 299,50", 129950);
	parse_is("1 299 kr", 129900);
	parse_is("1 299,50 kr", 129950);
	parse_is("1" N "299" N "kr", 129900);
	parse_is("1\xe2\x80\xaf" "299", 129900);
	parse_is("12 345 678", 1234567800);
	parse_is("1299", 129900);
	parse_is("  299 KR.  ", 29900);
	parse_is("299kr", 29900);
	parse_is("299 SEK", 29900);
	parse_is("SEK 299.50", 29950);
	parse_is("299:-", 29900);
	parse_is("299,-", 29900);
	parse_is("299:- ", 29900);
	parse_is("00299", 29900);
	parse_is("999 999 999,99", MONEY_PARSE_MAX);

	parse_bad(NULL);
	parse_bad("");
	parse_bad("   ");
	parse_bad("kr");
	parse_bad("-299");
	parse_bad("+299");
	parse_bad("1,299");		/* three decimals: not guessed */
	parse_bad("1.299");
	parse_bad("1,299.50");		/* English thousands */
	parse_bad("299,505");
	parse_bad("299,");
	parse_bad("299.");
	parse_bad(",50");
	parse_bad("12 34");		/* groups of three */
	parse_bad("1299 000");
	parse_bad("1 2999");
	parse_bad("1  299");
	parse_bad("299 kronor");
	parse_bad("SEK 299 SEK");
	parse_bad("299 kr kr");
	parse_bad("2 99");
	parse_bad("0x10");
	parse_bad("1e3");
	parse_bad("299:-,50");
	parse_bad("1 000 000 000");	/* above MONEY_PARSE_MAX */
	parse_bad("99999999999999999999");

	/* Every amount money_fmt writes in Swedish reads back. */
	for (v = 0; v <= 2000000; v += 37) {
		money_fmt(v, "sv", text, sizeof(text));
		if ((money_parse(text, &got) != TJG_OK || got != v) &&
		    bad++ < 5)
			printf("#   \"%s\" read as %lld\n", text, got);
	}
	money_fmt(MONEY_PARSE_MAX, "sv", text, sizeof(text));
	if (money_parse(text, &got) != TJG_OK || got != MONEY_PARSE_MAX)
		bad++;
	is_int(bad, 0, "parse: money_fmt's Swedish text reads back");
}

int
main(void)
{
	test_swedish();
	test_english();
	test_bulk();
	test_room();
	test_price_none();
	test_price_percent();
	test_price_amount();
	test_price_fixed();
	test_price_edges();
	test_kind_parse();
	test_parse();
	return done_testing();
}
