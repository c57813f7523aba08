/*
 * Tests for lib/pnr.c: the Luhn digit, the calendar (every month and day
 * field of leap and common years), century inference around today, "+",
 * samordningsnummer, future dates, organisation numbers, shapes and
 * letters. Every valid-looking number is made by pnr_make at run time;
 * only impossible numbers are written out.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "pnr.h"
#include "tap.h"

/* The shapes a number can be typed in. */
enum form {
	F12,		/* YYYYMMDDNNNC */
	F13,		/* YYYYMMDD-NNNC */
	F10,		/* YYMMDDNNNC */
	F11,		/* YYMMDD-NNNC */
	F11P,		/* YYMMDD+NNNC */
	NFORMS
};

static const char *const form_name[NFORMS] = {
	"YYYYMMDDNNNC", "YYYYMMDD-NNNC", "YYMMDDNNNC", "YYMMDD-NNNC",
	"YYMMDD+NNNC"
};

static const char *const keys[] = {
	PNR_EFORMAT, PNR_ELETTERS, PNR_ECHECKSUM, PNR_EORG, PNR_EDATE,
	PNR_EFUTURE
};

static const struct pnr_date TODAY = { 2025, 6, 15 };

/* Writes the 12-digit number g in form f to buf[14]. */
static void
form(const char *g, enum form f, char *buf)
{
	switch (f) {
	case F12:
		snprintf(buf, 14, "%.12s", g);
		break;
	case F13:
		snprintf(buf, 14, "%.8s-%.4s", g, g + 8);
		break;
	case F10:
		snprintf(buf, 14, "%.10s", g + 2);
		break;
	case F11:
	case F11P:
		snprintf(buf, 14, "%.6s%c%.4s", g + 2, f == F11 ? '-' : '+',
		    g + 8);
		break;
	default:
		buf[0] = '\0';
	}
}

static bool
is_key(const char *why)
{
	size_t i;

	for (i = 0; why != NULL && i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(why, keys[i]) == 0)
			return true;
	return false;
}

/*
 * Parses in against today and compares with the expectation: want is
 * the 12-digit result (NULL for a rejection with reason key). Whatever
 * the outcome, a rejection must leave "" in out, samordning false and a
 * known key in why. Prints a diagnostic and returns false on mismatch.
 */
static bool
check(const char *in, const struct pnr_date *t, const char *want, bool samo,
    const char *key)
{
	char out[13];
	const char *why = "unset";
	bool s = !samo;
	int rc;

	rc = pnr_parse(in, t, out, &s, &why);
	if (want != NULL && rc == TJG_OK && strcmp(out, want) == 0 &&
	    s == samo && why == NULL)
		return true;
	if (want == NULL && rc == TJG_EINVAL && out[0] == '\0' && !s &&
	    is_key(why) && strcmp(why, key) == 0)
		return true;
	printf("#   \"%s\" today %04d-%02d-%02d: rc %d out \"%s\" samordning "
	    "%d why %s; want %s%s %d\n", in ? in : "(null)", t->y, t->m, t->d,
	    rc, rc == TJG_OK ? out : "", s, why ? why : "(null)",
	    want ? want : "", want ? "" : key, samo);
	return false;
}

#define ACCEPT(in, t, want, samo, ...)					\
	ok(check(in, t, want, samo, NULL), __VA_ARGS__)
#define REJECT(in, t, key, ...)						\
	ok(check(in, t, NULL, false, key), __VA_ARGS__)

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int d[13] = {
		0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : d[m];
}

static void
test_make(void)
{
	char g[13];
	int i;

	/* Hand-computed over impossible dates: month 13 is nobody's. */
	pnr_make(1990, 13, 1, 123, false, g);
	is_str(g, "199013011235", "make: 9013011-23 has check digit 5");
	pnr_make(1990, 13, 1, 123, true, g);
	is_str(g, "199013611232", "make: samordning adds 60 to the day");
	pnr_make(2000, 0, 0, 0, false, g);
	is_str(g, "200000000000", "make: all zeros");
	pnr_make(12345, 113, 100, 1000, false, g);
	is_str(g, "234513000002", "make: fields taken modulo their width");
	pnr_make(1990, 13, 99, 999, false, g);
	is_str(g, "199013999991", "make: 9013999-99 has check digit 1");

	for (i = 0; i < 1000; i++) {
		pnr_make(1950 + i % 70, 1 + i % 12, 1 + i % 28, i, i % 3 == 0,
		    g);
		if (strlen(g) != 12 || strspn(g, "0123456789") != 12 ||
		    !pnr_luhn_ok(g + 2))
			break;
	}
	is_int(i, 1000, "make: 1000 numbers of 12 digits, Luhn valid");
}

static void
test_luhn(void)
{
	char g[13], t[11], buf[14];
	int serial, pos, dig, bad = 0, caught = 0, f;
	bool luhn_bad = false;

	ok(pnr_luhn_ok("0000000000"), "luhn: all zeros");
	ok(!pnr_luhn_ok("000000000a"), "luhn: letter");
	ok(!pnr_luhn_ok("00000-0000"), "luhn: separator");
	ok(!pnr_luhn_ok("000000000\0"), "luhn: NUL inside");
	ok(pnr_luhn_ok("9013011235"), "luhn: impossible but valid sum");
	ok(!pnr_luhn_ok("9013011236"), "luhn: off by one");

	/* Every single-digit error in every place, over 1000 serials. */
	for (serial = 0; serial < 1000; serial++) {
		pnr_make(1987, 10, 12 + serial % 10, serial, false, g);
		if (!pnr_luhn_ok(g + 2))
			luhn_bad = true;
		for (pos = 0; pos < 10; pos++) {
			for (dig = 0; dig < 10; dig++) {
				memcpy(t, g + 2, 10);
				t[10] = '\0';
				if (t[pos] == '0' + dig)
					continue;
				t[pos] = (char)('0' + dig);
				if (pnr_luhn_ok(t))
					bad++;
			}
		}
	}
	ok(!luhn_bad, "luhn: 1000 generated numbers pass");
	is_int(bad, 0, "luhn: all 90000 single-digit errors detected");

	/* The same errors through pnr_parse, in every form, for a few. */
	bad = 0;
	for (serial = 0; serial < 1000; serial += 97) {
		pnr_make(1987, 10, 12, serial, serial % 2 == 0, g);
		for (pos = 2; pos < 12; pos++) {
			for (dig = 0; dig < 10; dig++) {
				char e[13];

				memcpy(e, g, 13);
				if (e[pos] == '0' + dig)
					continue;
				e[pos] = (char)('0' + dig);
				for (f = 0; f < NFORMS; f++) {
					form(e, f, buf);
					if (!check(buf, &TODAY, NULL, false,
					    PNR_ECHECKSUM))
						bad++;
					caught++;
				}
			}
		}
	}
	is_int(bad, 0, "luhn: %d single-digit errors rejected by pnr_parse",
	    caught);

	/* Adjacent swaps are caught too, except 0 and 9 (Luhn's blind spot). */
	bad = 0;
	for (serial = 0; serial < 1000; serial++) {
		pnr_make(1987, 10, 12, serial, false, g);
		for (pos = 2; pos < 11; pos++) {
			char e[13];

			memcpy(e, g, 13);
			if (e[pos] == e[pos + 1])
				continue;
			e[pos] = g[pos + 1];
			e[pos + 1] = g[pos];
			if (pnr_luhn_ok(e + 2) != ((e[pos] == '0' &&
			    e[pos + 1] == '9') || (e[pos] == '9' &&
			    e[pos + 1] == '0')))
				bad++;
		}
	}
	is_int(bad, 0, "luhn: adjacent swaps caught except 09/90");

	/* The century is outside the check: changing it keeps the sum. */
	pnr_make(1987, 10, 12, 345, false, g);
	g[0] = '1';
	g[1] = '8';
	ACCEPT(g, &TODAY, g, false, "luhn: century not covered (18xx)");
	g[0] = '2';
	g[1] = '0';
	REJECT(g, &TODAY, PNR_EFUTURE, "luhn: century not covered (20xx)");
}

/*
 * Every month field and day field 00..99 of year y, in the forms that
 * reach year y from today: the real dates are accepted, day + 60 as
 * samordning, months of 20 and more as organisation numbers, the rest
 * as impossible dates.
 */
static void
sweep_year(int y, const struct pnr_date *t, enum form f)
{
	char g[13], buf[14];
	int m, d, bad = 0, days = 0, samo = 0;

	for (m = 0; m < 100; m++) {
		for (d = 0; d < 100; d++) {
			pnr_make(y, m, d, (m * 100 + d) % 1000, false, g);
			form(g, f, buf);
			if (m >= 20)
				bad += !check(buf, t, NULL, false, PNR_EORG);
			else if (m == 0 || m > 12)
				bad += !check(buf, t, NULL, false, PNR_EDATE);
			else if (d >= 1 && d <= mdays(y, m)) {
				bad += !check(buf, t, g, false, NULL);
				days++;
			} else if (d >= 61 && d <= 60 + mdays(y, m)) {
				bad += !check(buf, t, g, true, NULL);
				samo++;
			} else
				bad += !check(buf, t, NULL, false, PNR_EDATE);
		}
	}
	is_int(bad, 0, "year %d as %s from %04d-%02d-%02d: 10000 month/day "
	    "fields", y, form_name[f], t->y, t->m, t->d);
	is_int(days, leap(y) ? 366 : 365, "year %d as %s: %d days", y,
	    form_name[f], leap(y) ? 366 : 365);
	is_int(samo, days, "year %d as %s: as many samordning days", y,
	    form_name[f]);
}

static void
test_calendar(void)
{
	static const struct pnr_date t1950 = { 1950, 6, 15 };
	static const struct pnr_date t2150 = { 2150, 1, 1 };
	char g[13], buf[14];
	int f;

	/* "+" reaches 2000..2049 only from 2100..2149 on. */
	for (f = 0; f < NFORMS; f++) {
		/* 2000 is a leap year (divisible by 400). */
		sweep_year(2000, f == F11P ? &t2150 : &TODAY, f);
		/* 1900 is not (divisible by 100). */
		sweep_year(1900, f == F11P ? &TODAY : &t1950, f);
		sweep_year(2024, f == F11P ? &t2150 : &TODAY, f);
		sweep_year(2023, f == F11P ? &t2150 : &TODAY, f);
	}
	/* 2100 is not a leap year either. */
	sweep_year(2100, &t2150, F12);
	sweep_year(2100, &t2150, F11);

	pnr_make(1996, 2, 29, 1, false, g);
	ACCEPT(g + 2, &TODAY, g, false, "calendar: 1996-02-29");
	pnr_make(1997, 2, 29, 1, false, g);
	REJECT(g + 2, &TODAY, PNR_EDATE, "calendar: 1997-02-29");
	pnr_make(1900, 2, 29, 1, true, g);
	REJECT(g, &TODAY, PNR_EDATE, "calendar: 1900-02-(29+60)");
	pnr_make(2000, 2, 29, 1, true, g);
	ACCEPT(g, &TODAY, g, true, "calendar: 2000-02-(29+60)");
	pnr_make(1804, 2, 29, 1, false, g);
	ACCEPT(g, &TODAY, g, false, "calendar: 1804-02-29 in 12 digits");
	pnr_make(1999, 4, 31, 1, false, g);
	form(g, F11, buf);
	REJECT(buf, &TODAY, PNR_EDATE, "calendar: 31 April");
	pnr_make(1999, 12, 31, 1, false, g);
	form(g, F11, buf);
	ACCEPT(buf, &TODAY, g, false, "calendar: 31 December");
}

/* Samordning: day fields 61..91 only, 60 and 92 are not days. */
static void
test_samordning(void)
{
	char g[13], buf[14];
	int d, f, bad = 0;

	for (f = 0; f < NFORMS; f++) {
		const struct pnr_date *t = &TODAY;
		static const struct pnr_date t2099 = { 2099, 1, 1 };

		if (f == F11P)
			t = &t2099;
		bad = 0;
		for (d = 1; d <= 31; d++) {
			pnr_make(1991, 1, d, 400 + d, true, g);
			form(g, f, buf);
			bad += !check(buf, t, g, true, NULL);
		}
		is_int(bad, 0, "samordning: days 61..91 as %s", form_name[f]);
		pnr_make(1991, 1, 0, 400, true, g);
		form(g, f, buf);
		REJECT(buf, t, PNR_EDATE, "samordning: day 60 as %s",
		    form_name[f]);
		pnr_make(1991, 1, 32, 400, true, g);
		form(g, f, buf);
		REJECT(buf, t, PNR_EDATE, "samordning: day 92 as %s",
		    form_name[f]);
		pnr_make(1991, 4, 31, 400, true, g);
		form(g, f, buf);
		REJECT(buf, t, PNR_EDATE, "samordning: 31 April + 60 as %s",
		    form_name[f]);
		pnr_make(1991, 2, 28, 400, true, g);
		form(g, f, buf);
		ACCEPT(buf, t, g, true, "samordning: 28 February + 60 as %s",
		    form_name[f]);
		pnr_make(1991, 2, 29, 400, true, g);
		form(g, f, buf);
		REJECT(buf, t, PNR_EDATE, "samordning: 29 Feb 1991 + 60 as %s",
		    form_name[f]);
	}
	/* A samordningsnummer's real day decides the century. */
	pnr_make(2025, 6, 15, 1, true, g);
	form(g, F11, buf);
	ACCEPT(buf, &TODAY, g, true, "samordning: born today (day 75)");
	pnr_make(2025, 6, 16, 1, true, g);
	form(g, F11, buf);
	pnr_make(1925, 6, 16, 1, true, g);
	ACCEPT(buf, &TODAY, g, true, "samordning: day 76 is last century");
	pnr_make(2025, 6, 16, 1, true, g);
	REJECT(g, &TODAY, PNR_EFUTURE, "samordning: 12 digits tomorrow");
}

/*
 * Expected year for a 10-digit number by the rule stated independently:
 * walk back from today's year to the first year ending in yy whose
 * date is not after today ("-"), or that lies 100 or more calendar
 * years back ("+").
 */
static int
ref_year(int yy, int m, int d, const struct pnr_date *t, bool plus)
{
	int y;

	for (y = t->y;; y--) {
		if (y % 100 != yy)
			continue;
		if (plus ? t->y - y >= 100 : (y < t->y || m < t->m ||
		    (m == t->m && d <= t->d)))
			return y;
	}
}

/*
 * Every month, days 1, 8, 15, 22 and 29, and years ending in 00, 01, 25
 * and 99, in the three 10-digit forms, against ref_year from today t.
 */
static void
cross_check(const struct pnr_date *t, int *bad, int *n)
{
	static const int yys[] = { 0, 1, 25, 99 };
	char g[13], buf[14];
	size_t i;
	int m, d, f, y;

	for (m = 1; m <= 12; m++) {
		for (d = 1; d <= 29; d += 7) {
			for (i = 0; i < 4; i++) {
				for (f = F10; f < NFORMS; f++) {
					y = ref_year(yys[i], m, d, t,
					    f == F11P);
					pnr_make(y, m, d, 77, false, g);
					form(g, f, buf);
					if (d > mdays(y, m))
						*bad += !check(buf, t, NULL,
						    false, PNR_EDATE);
					else
						*bad += !check(buf, t, g, false,
						    NULL);
					(*n)++;
				}
			}
		}
	}
}

static void
test_century(void)
{
	static const struct pnr_date dec31 = { 2025, 12, 31 };
	static const struct pnr_date jan1 = { 2026, 1, 1 };
	static const struct pnr_date feb28 = { 2000, 2, 28 };
	static const struct pnr_date feb29 = { 2000, 2, 29 };
	static const struct pnr_date y2100 = { 2100, 1, 1 };
	static const struct pnr_date y2099 = { 2099, 12, 31 };
	struct pnr_date t;
	char in[13], want[13], buf[14];
	int f, bad = 0, n = 0;

#define CENT(iy, im, id, fm, today, wy, what) do {			\
	pnr_make(iy, im, id, 321, false, in);				\
	form(in, fm, buf);						\
	pnr_make(wy, im, id, 321, false, want);				\
	ACCEPT(buf, today, want, false, "century: %s", what);		\
} while (0)

	/* "-" and no separator: the latest century not in the future. */
	for (f = F10; f <= F11; f++) {
		CENT(2025, 6, 15, f, &TODAY, 2025, "born today");
		CENT(2025, 6, 14, f, &TODAY, 2025, "born yesterday");
		CENT(2025, 6, 16, f, &TODAY, 1925, "'born tomorrow' is 99");
		CENT(2025, 1, 1, f, &TODAY, 2025, "1 January this year");
		CENT(2025, 12, 31, f, &TODAY, 1925, "31 December: 1925");
		CENT(2024, 12, 31, f, &TODAY, 2024, "last year");
		CENT(2026, 1, 1, f, &TODAY, 1926, "yy after this year");
		CENT(2000, 1, 1, f, &TODAY, 2000, "yy 00");
		CENT(1999, 12, 31, f, &TODAY, 1999, "yy 99");
		CENT(1925, 6, 15, f, &TODAY, 2025,
		    "turned 100 today but '-': newborn");
		CENT(2026, 1, 1, f, &jan1, 2026, "born today, 1 January");
		CENT(2026, 1, 2, f, &jan1, 1926, "2 January from 1 January");
		CENT(2025, 12, 31, f, &dec31, 2025, "born today, 31 Dec");
	}

	/*
	 * "+": from the calendar year of the 100th birthday on, so turning
	 * 100 today, yesterday or tomorrow all give the same century.
	 */
	CENT(1925, 6, 15, F11P, &TODAY, 1925, "+ turning 100 today");
	CENT(1925, 6, 14, F11P, &TODAY, 1925, "+ turned 100 yesterday");
	CENT(1925, 6, 16, F11P, &TODAY, 1925, "+ turning 100 tomorrow");
	CENT(1925, 12, 31, F11P, &TODAY, 1925, "+ turning 100 on 31 Dec");
	CENT(1925, 1, 1, F11P, &TODAY, 1925, "+ turned 100 on 1 Jan");
	CENT(1924, 6, 16, F11P, &TODAY, 1924, "+ 100 last year");
	CENT(1926, 1, 1, F11P, &TODAY, 1826, "+ yy 26 is 1826");
	CENT(1999, 1, 1, F11P, &TODAY, 1899, "+ yy 99 is 1899");
	CENT(1900, 1, 1, F11P, &TODAY, 1900, "+ yy 00 is 1900");
	CENT(1926, 1, 1, F11P, &dec31, 1826,
	    "+ on 31 Dec, born 1 Jan 1926: not yet 100 this year");
	CENT(1926, 1, 1, F11P, &jan1, 1926, "+ on 1 Jan, turning 100 today");
	CENT(1926, 12, 31, F11P, &jan1, 1926,
	    "+ on 1 Jan, turning 100 on 31 Dec");
	CENT(1925, 12, 31, F11P, &dec31, 1925, "+ on 31 Dec, turning 100");
	CENT(1925, 12, 31, F11, &TODAY, 1925,
	    "- turning 100 later this year is still 1925");

	/* 29 February across 1900 (common) and 2000 (leap). */
	pnr_make(2000, 2, 29, 5, false, in);
	form(in, F11, buf);
	REJECT(buf, &feb28, PNR_EDATE, "century: 000229- on 2000-02-28 is "
	    "1900-02-29");
	ACCEPT(buf, &feb29, in, false, "century: 000229- on 2000-02-29");
	form(in, F11P, buf);
	REJECT(buf, &TODAY, PNR_EDATE, "century: 000229+ is 1900-02-29");
	REJECT(buf, &y2099, PNR_EDATE, "century: 000229+ in 2099");
	ACCEPT(buf, &y2100, in, false, "century: 000229+ in 2100 is 2000");

	/* Cross-check against the rule, every today of 2000 and 2001. */
	for (t.y = 2000; t.y <= 2001; t.y++)
		for (t.m = 1; t.m <= 12; t.m++)
			for (t.d = 1; t.d <= mdays(t.y, t.m); t.d++)
				cross_check(&t, &bad, &n);
	is_int(bad, 0, "century: %d numbers agree with the stated rule", n);
#undef CENT
}

static void
test_future(void)
{
	static const struct pnr_date leapday = { 2024, 2, 29 };
	char g[13], buf[14];
	int f;

	for (f = F12; f <= F13; f++) {
		pnr_make(2025, 6, 15, 11, false, g);
		form(g, f, buf);
		ACCEPT(buf, &TODAY, g, false, "future: today as %s",
		    form_name[f]);
		pnr_make(2025, 6, 16, 11, false, g);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_EFUTURE, "future: tomorrow as %s",
		    form_name[f]);
		pnr_make(2025, 7, 1, 11, false, g);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_EFUTURE, "future: next month as %s",
		    form_name[f]);
		pnr_make(2026, 1, 1, 11, false, g);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_EFUTURE, "future: next year as %s",
		    form_name[f]);
		pnr_make(2028, 2, 29, 11, false, g);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_EFUTURE, "future: 2028-02-29 as %s",
		    form_name[f]);
		pnr_make(2027, 2, 29, 11, false, g);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_EDATE, "future: 2027-02-29 is no date "
		    "as %s", form_name[f]);
		pnr_make(9999, 12, 31, 11, false, g);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_EFUTURE, "future: 9999 as %s",
		    form_name[f]);
		pnr_make(2024, 2, 29, 11, false, g);
		form(g, f, buf);
		ACCEPT(buf, &leapday, g, false, "future: born today on a "
		    "leap day as %s", form_name[f]);
		pnr_make(2024, 3, 1, 11, false, g);
		form(g, f, buf);
		REJECT(buf, &leapday, PNR_EFUTURE, "future: 1 March from a "
		    "leap day as %s", form_name[f]);
	}
	pnr_make(1925, 6, 15, 11, false, g);
	form(g, F11P, buf);
	ACCEPT(buf, &TODAY, g, false, "future: + never in the future");
}

static void
test_org(void)
{
	char g[13], buf[14];
	int f, m, bad = 0;

	for (f = 0; f < NFORMS; f++) {
		/* Shaped like an aktiebolag's number: month field 66. */
		pnr_make(1955, 66, 77, 889, false, g);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_EORG, "org: month 66 as %s",
		    form_name[f]);
		g[11] = g[11] == '9' ? '0' : (char)(g[11] + 1);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_ECHECKSUM, "org: with a bad check "
		    "digit as %s", form_name[f]);
		bad = 0;
		for (m = 20; m < 100; m++) {
			pnr_make(2002, m, 1 + m % 28, m, false, g);
			form(g, f, buf);
			bad += !check(buf, &TODAY, NULL, false, PNR_EORG);
		}
		is_int(bad, 0, "org: month fields 20..99 as %s", form_name[f]);
		pnr_make(2002, 19, 1, 1, false, g);
		form(g, f, buf);
		REJECT(buf, &TODAY, PNR_EDATE, "org: month 19 is a bad date "
		    "as %s", form_name[f]);
	}
	/* The "16" prefix some registers write before org numbers. */
	pnr_make(1655, 66, 77, 889, false, g);
	REJECT(g, &TODAY, PNR_EORG, "org: 16-prefixed, 12 digits");
}

static void
test_shape(void)
{
	char g[13], buf[40], ten[11];
	int i, bad;
	static const char seps[] = "/._:*# =,";

	pnr_make(1984, 7, 21, 258, false, g);
	memcpy(ten, g + 2, 11);

	/* Blanks around are trimmed. */
	snprintf(buf, sizeof(buf), "  %.6s-%.4s  ", ten, ten + 6);
	ACCEPT(buf, &TODAY, g, false, "shape: spaces around");
	snprintf(buf, sizeof(buf), "\t%s\r\n", g);
	ACCEPT(buf, &TODAY, g, false, "shape: tab, CR, LF around");
	snprintf(buf, sizeof(buf), " %.8s-%.4s\n", g, g + 8);
	ACCEPT(buf, &TODAY, g, false, "shape: YYYYMMDD-NNNC with blanks");

	/* Lengths. */
	snprintf(buf, sizeof(buf), "%.9s", ten);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: 9 digits");
	snprintf(buf, sizeof(buf), "%s0", ten);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: 11 digits");
	snprintf(buf, sizeof(buf), "%.11s", g);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: 11 digits (12 cut)");
	snprintf(buf, sizeof(buf), "%s0", g);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: 13 digits");
	snprintf(buf, sizeof(buf), "0%s", g);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: 13 digits, leading 0");
	snprintf(buf, sizeof(buf), "%s00", g);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: 14 digits");
	snprintf(buf, sizeof(buf), "%.6s-%.3s", ten, ten + 6);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: YYMMDD-NNN");
	snprintf(buf, sizeof(buf), "%.6s-%.4s0", ten, ten + 6);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: YYMMDD-NNNNN");
	snprintf(buf, sizeof(buf), "%.8s-%.4s0", g, g + 8);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: YYYYMMDD-NNNNN");
	snprintf(buf, sizeof(buf), "%.8s-%.3s", g, g + 8);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: YYYYMMDD-NNN");
	REJECT("", &TODAY, PNR_EFORMAT, "shape: empty");
	REJECT("   \t ", &TODAY, PNR_EFORMAT, "shape: blanks only");
	REJECT("-", &TODAY, PNR_EFORMAT, "shape: a dash");
	REJECT(NULL, &TODAY, PNR_EFORMAT, "shape: NULL");
	{
		char big[1001];

		memset(big, '1', 1000);
		big[1000] = '\0';
		REJECT(big, &TODAY, PNR_EFORMAT, "shape: 1000 digits");
	}

	/* A dash anywhere but after the date, in both lengths. */
	bad = 0;
	for (i = 0; i <= 10; i++) {
		if (i == 6)
			continue;
		snprintf(buf, sizeof(buf), "%.*s-%s", i, ten, ten + i);
		bad += !check(buf, &TODAY, NULL, false, PNR_EFORMAT);
		buf[i] = '+';
		bad += !check(buf, &TODAY, NULL, false, PNR_EFORMAT);
	}
	is_int(bad, 0, "shape: - or + in 10 wrong places of YYMMDDNNNC");
	bad = 0;
	for (i = 0; i <= 12; i++) {
		snprintf(buf, sizeof(buf), "%.*s+%s", i, g, g + i);
		bad += !check(buf, &TODAY, NULL, false, PNR_EFORMAT);
		if (i == 8)
			continue;
		buf[i] = '-';
		bad += !check(buf, &TODAY, NULL, false, PNR_EFORMAT);
	}
	is_int(bad, 0, "shape: + anywhere and - in 12 wrong places of "
	    "YYYYMMDDNNNC");
	snprintf(buf, sizeof(buf), "%.8s+%.4s", g, g + 8);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: YYYYMMDD+NNNC");
	snprintf(buf, sizeof(buf), "%.6s--%.4s", ten, ten + 6);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: two dashes");
	snprintf(buf, sizeof(buf), "%.6s-+%.4s", ten, ten + 6);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: -+");
	snprintf(buf, sizeof(buf), "%.4s-%.2s-%.2s-%.4s", g, g + 4, g + 6,
	    g + 8);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: YYYY-MM-DD-NNNC");
	snprintf(buf, sizeof(buf), "%.2s-%.2s-%.2s-%.4s", ten, ten + 2,
	    ten + 4, ten + 6);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: YY-MM-DD-NNNC");
	snprintf(buf, sizeof(buf), "%.6s-%.2s %.2s", ten, ten + 6, ten + 8);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: space in the serial");
	snprintf(buf, sizeof(buf), "%.6s\xe2\x80\x93%.4s", ten, ten + 6);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: en dash");
	snprintf(buf, sizeof(buf), "%.6s\xe2\x88\x92%.4s", ten, ten + 6);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: minus sign");
	snprintf(buf, sizeof(buf), "\xef\xbc\x91%.9s", ten + 1);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: fullwidth digit");
	snprintf(buf, sizeof(buf), "\xc2\xa0%s", ten);
	REJECT(buf, &TODAY, PNR_EFORMAT, "shape: no-break space is no blank");
	bad = 0;
	for (i = 0; seps[i] != '\0'; i++) {
		snprintf(buf, sizeof(buf), "%.6s%c%.4s", ten, seps[i], ten + 6);
		bad += !check(buf, &TODAY, NULL, false, PNR_EFORMAT);
		snprintf(buf, sizeof(buf), "%.8s%c%.4s", g, seps[i], g + 8);
		bad += !check(buf, &TODAY, NULL, false, PNR_EFORMAT);
	}
	is_int(bad, 0, "shape: / . _ : * # space = , are no separators");
}

static void
test_letters(void)
{
	char g[13], buf[14];
	int f, i, bad = 0;
	static const char letters[] = "TtPpRrXxAZ";

	REJECT("19900101-T123", &TODAY, PNR_ELETTERS, "letters: interim T");
	REJECT("900101-T123", &TODAY, PNR_ELETTERS, "letters: short form");
	REJECT("19900101T123", &TODAY, PNR_ELETTERS, "letters: no dash");
	REJECT("900101-TF12", &TODAY, PNR_ELETTERS, "letters: two");
	REJECT("900101+ABCD", &TODAY, PNR_ELETTERS, "letters: four, +");
	REJECT("abcdefghij", &TODAY, PNR_EFORMAT, "letters: only letters");
	REJECT("9001O1-1234", &TODAY, PNR_EFORMAT, "letters: O in the date");
	REJECT("900101-T12", &TODAY, PNR_EFORMAT, "letters: short interim");
	REJECT("19900101-\xc3\x85" "123", &TODAY, PNR_EFORMAT,
	    "letters: non-ASCII");

	pnr_make(1990, 1, 1, 123, false, g);
	for (f = 0; f < NFORMS; f++) {
		for (i = 0; letters[i] != '\0'; i++) {
			size_t n, k;

			form(g, f, buf);
			n = strlen(buf);
			for (k = n - 4; k < n; k++) {
				char c = buf[k];

				buf[k] = letters[i];
				bad += !check(buf, &TODAY, NULL, false,
				    PNR_ELETTERS);
				buf[k] = c;
			}
			/* Just before the serial (a date digit or '-'). */
			buf[n - 5] = letters[i];
			bad += !check(buf, &TODAY, NULL, false, PNR_EFORMAT);
			buf[0] = letters[i];
			bad += !check(buf, &TODAY, NULL, false, PNR_EFORMAT);
		}
	}
	is_int(bad, 0, "letters: each serial place of each form; before "
	    "the serial and in the date they are bad format");
}

static void
test_api(void)
{
	static const struct pnr_date bad_today[] = {
		{ 2025, 13, 1 }, { 2025, 0, 1 }, { 2025, 2, 29 },
		{ 2025, 6, 0 }, { 2025, 6, 31 }, { 999, 1, 1 },
		{ 10000, 1, 1 }, { -2025, 6, 15 },
	};
	char g[13], out[13], buf[14];
	const char *why = "unset";
	bool samo = true;
	size_t i;

	pnr_make(1970, 3, 4, 567, true, g);
	form(g, F11, buf);
	is_int(pnr_parse(buf, &TODAY, out, NULL, NULL), TJG_OK,
	    "api: samordning and why may be NULL");
	is_str(out, g, "api: result with NULL out-parameters");
	is_int(pnr_parse("1", &TODAY, out, NULL, NULL), TJG_EINVAL,
	    "api: rejection with NULL out-parameters");
	is_str(out, "", "api: out emptied on rejection");

	is_int(pnr_parse(buf, NULL, out, &samo, &why), TJG_EINTERNAL,
	    "api: NULL today is the caller's bug");
	is_str(why, PNR_EFORMAT, "api: NULL today gives a key");
	ok(!samo, "api: NULL today clears samordning");
	for (i = 0; i < sizeof(bad_today) / sizeof(bad_today[0]); i++) {
		samo = true;
		is_int(pnr_parse(buf, &bad_today[i], out, &samo, &why),
		    TJG_EINTERNAL, "api: today %d-%d-%d refused",
		    bad_today[i].y, bad_today[i].m, bad_today[i].d);
	}
	{
		static const struct pnr_date first = { 1000, 1, 1 };
		static const struct pnr_date last = { 9999, 12, 31 };

		pnr_make(1000, 1, 1, 1, false, g);
		ACCEPT(g, &first, g, false, "api: today 1000-01-01");
		form(g, F11P, buf);
		pnr_make(900, 1, 1, 1, false, g);
		ACCEPT(buf, &first, g, false, "api: + from 1000 is 900");
		pnr_make(9999, 12, 31, 1, false, g);
		form(g, F11, buf);
		ACCEPT(buf, &last, g, false, "api: today 9999-12-31");
	}
}

int
main(void)
{
	test_make();
	test_luhn();
	test_calendar();
	test_samordning();
	test_century();
	test_future();
	test_org();
	test_shape();
	test_letters();
	test_api();
	return done_testing();
}
