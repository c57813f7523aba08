/*
 * Swedish personnummer and samordningsnummer: the four typed shapes, the
 * Luhn check digit over the 10-digit form, the calendar, century
 * inference from the separator and today, and the 12-digit normal form.
 * Reasons for rejecting a number are fixed keys: nothing of the input
 * ever leaves this file except through out.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "err.h"
#include "pnr.h"

#define SAMORDNING_DAYS	60	/* added to the day of a samordningsnummer */

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Two ASCII digits as a number; the caller has checked both. */
static int
two(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1..12) of year y. */
static int
month_days(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* <0, 0, >0 as y-m-d is before, on or after date t. */
static int
date_cmp(int y, int m, int d, const struct pnr_date *t)
{
	if (y != t->y)
		return y < t->y ? -1 : 1;
	if (m != t->m)
		return m < t->m ? -1 : 1;
	return d < t->d ? -1 : d > t->d;
}

/*
 * Reads the shape of s[0..n-1] (already trimmed) into digits (10 or 12
 * of them, the separator left out) and *sep ('-', '+' or 0). Letters
 * in the last four places, where interim numbers carry them, are told
 * apart from other malformed input. Returns NULL or a reason key.
 */
static const char *
read_shape(const char *s, size_t n, char digits[12], size_t *ndigits,
    char *sep)
{
	size_t i, seppos;
	bool letter = false;

	switch (n) {
	case 10:
	case 12:
		seppos = n;	/* none */
		break;
	case 11:
	case 13:
		seppos = n - 5;
		break;
	default:
		return PNR_EFORMAT;
	}
	*sep = seppos < n ? s[seppos] : 0;
	/* "+" only makes sense where the century is not written out. */
	if (seppos < n && s[seppos] != '-' && !(s[seppos] == '+' && n == 11))
		return PNR_EFORMAT;
	*ndigits = 0;
	for (i = 0; i < n; i++) {
		if (i == seppos)
			continue;
		if (is_digit(s[i]))
			digits[(*ndigits)++] = s[i];
		else if (is_alpha(s[i]) && i >= n - 4) {
			letter = true;
			digits[(*ndigits)++] = '0';
		} else
			return PNR_EFORMAT;
	}
	return letter ? PNR_ELETTERS : NULL;
}

/* True if t is a date pnr_parse can work with. */
static bool
today_ok(const struct pnr_date *t)
{
	return t != NULL && t->y >= 1000 && t->y <= 9999 && t->m >= 1 &&
	    t->m <= 12 && t->d >= 1 && t->d <= month_days(t->y, t->m);
}

int
pnr_parse(const char *in, const struct pnr_date *today, char out[13],
    bool *samordning, const char **why)
{
	const char *reason = PNR_EFORMAT, *ten;
	char digits[12], sep = 0;
	size_t n = 0, ndigits = 0;
	int rc = TJG_EINVAL, y, m, d, dfield, yy, t;
	bool samo = false;

	out[0] = '\0';
	if (!today_ok(today)) {
		rc = TJG_EINTERNAL;
		goto out;
	}
	if (in == NULL)
		goto out;
	while (is_blank(*in))
		in++;
	n = strlen(in);
	while (n > 0 && is_blank(in[n - 1]))
		n--;
	if ((reason = read_shape(in, n, digits, &ndigits, &sep)) != NULL)
		goto out;

	ten = ndigits == 12 ? digits + 2 : digits;
	if (!pnr_luhn_ok(ten)) {
		reason = PNR_ECHECKSUM;
		goto out;
	}
	/* Organisation numbers have 2..9 where a month's tens would be. */
	if (ten[2] >= '2') {
		reason = PNR_EORG;
		goto out;
	}
	yy = two(ten);
	m = two(ten + 2);
	dfield = two(ten + 4);
	d = dfield;
	if (dfield > SAMORDNING_DAYS) {
		samo = true;
		d = dfield - SAMORDNING_DAYS;
	}
	reason = PNR_EDATE;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		goto out;

	if (ndigits == 12)
		y = two(digits) * 100 + yy;
	else if (sep == '+') {
		/* The latest year ending in yy, 100 or more years back. */
		t = today->y - 100;
		y = t - (t - yy) % 100;
	} else {
		/* The latest year ending in yy that is not in the future. */
		y = today->y - (today->y - yy) % 100;
		if (date_cmp(y, m, d, today) > 0)
			y -= 100;
	}
	if (d > month_days(y, m))
		goto out;
	if (date_cmp(y, m, d, today) > 0) {
		reason = PNR_EFUTURE;
		goto out;
	}

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	memcpy(out + 2, ten, 10);
	out[12] = '\0';
	reason = NULL;
	rc = TJG_OK;
out:
	if (rc != TJG_OK)
		samo = false;
	if (samordning != NULL)
		*samordning = samo;
	if (why != NULL)
		*why = reason;
	return rc;
}

bool
pnr_luhn_ok(const char ten[10])
{
	int i, v, sum = 0;

	for (i = 0; i < 10; i++) {
		if (!is_digit(ten[i]))
			return false;
		v = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	return sum % 10 == 0;
}

/* Writes the low width decimal digits of v to p, zero-padded. */
static void
put_digits(char *p, unsigned v, int width)
{
	while (width-- > 0) {
		p[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
pnr_make(int y, int m, int d, int serial, bool samordning, char out[13])
{
	int i, v, sum = 0;

	put_digits(out, (unsigned)y, 4);
	put_digits(out + 4, (unsigned)m, 2);
	put_digits(out + 6, (unsigned)d + (samordning ? SAMORDNING_DAYS : 0),
	    2);
	put_digits(out + 8, (unsigned)serial, 3);
	for (i = 0; i < 9; i++) {
		v = (out[2 + i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	out[11] = (char)('0' + (10 - sum % 10) % 10);
	out[12] = '\0';
}
