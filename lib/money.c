/*
 * Formatting of öre amounts as Swedish kronor ("1 234,50 kr") or, for
 * English pages, "SEK 1,234.50". Separators that must not break a line
 * are NO-BREAK SPACEs. And the way back, for prices typed in the
 * console.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "money.h"

#define NBSP	"\xc2\xa0"	/* U+00A0 NO-BREAK SPACE in UTF-8 */

/* True for "en" and its regional variants ("en-GB", "en_US"). */
static bool
is_english(const char *lang)
{
	return lang != NULL && lang[0] == 'e' && lang[1] == 'n' &&
	    (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

/* Appends s at *p. */
static void
put(char **p, const char *s)
{
	size_t n = strlen(s);

	memcpy(*p, s, n);
	*p += n;
}

void
money_fmt(long long ore, const char *lang, char *out, size_t len)
{
	char buf[MONEY_FMT_MAX], digits[24], *p = buf;
	unsigned long long abs, kr;
	unsigned cents;
	size_t nd = 0, i, n;
	bool en = is_english(lang);

	if (out == NULL || len == 0)
		return;
	/* Negated as unsigned, so LLONG_MIN has a magnitude too. */
	abs = ore < 0 ? 0ULL - (unsigned long long)ore :
	    (unsigned long long)ore;
	kr = abs / 100;
	cents = (unsigned)(abs % 100);
	do {
		digits[nd++] = (char)('0' + kr % 10);
		kr /= 10;
	} while (kr > 0);

	if (en)
		put(&p, "SEK" NBSP);
	if (ore < 0)
		*p++ = '-';
	for (i = nd; i-- > 0;) {
		*p++ = digits[i];
		if (i > 0 && i % 3 == 0)
			put(&p, en ? "," : NBSP);
	}
	if (cents != 0) {
		*p++ = en ? '.' : ',';
		*p++ = (char)('0' + cents / 10);
		*p++ = (char)('0' + cents % 10);
	}
	if (!en)
		put(&p, NBSP "kr");
	*p = '\0';

	n = (size_t)(p - buf) + 1;
	if (n > len)
		out[0] = '\0';
	else
		memcpy(out, buf, n);
}

/* Bytes of the blank at s (space, tab, NBSP, NARROW NBSP), or 0. */
static size_t
blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (strncmp(s, NBSP, 2) == 0)
		return 2;
	if (strncmp(s, "\xe2\x80\xaf", 3) == 0)	/* U+202F */
		return 3;
	return 0;
}

static const char *
skip_blanks(const char *s)
{
	size_t n;

	while ((n = blank_len(s)) > 0)
		s += n;
	return s;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
money_parse(const char *s, long long *ore)
{
	const char *p;
	long long v = 0;
	int ndigits = 0, group = 0;
	bool grouped = false, sek = false;
	size_t n;

	*ore = 0;
	if (s == NULL)
		return TJG_EINVAL;
	p = skip_blanks(s);
	if (strncasecmp(p, "sek", 3) == 0) {
		sek = true;
		p = skip_blanks(p + 3);
	}
	if (!is_digit(*p))
		return TJG_EINVAL;
	/* Kronor, perhaps grouped by thousands: "1 299", "12 345 678". */
	for (;;) {
		while (is_digit(*p)) {
			if (++ndigits > 12)
				return TJG_EINVAL;
			v = v * 10 + (*p++ - '0');
			group++;
		}
		if ((n = blank_len(p)) == 0 || !is_digit(p[n]))
			break;
		if (grouped ? group != 3 : group > 3)
			return TJG_EINVAL;
		grouped = true;
		group = 0;
		p += n;
	}
	if (grouped && group != 3)
		return TJG_EINVAL;
	v *= 100;
	if ((*p == ',' || *p == '.') && is_digit(p[1])) {
		v += (p[1] - '0') * 10;
		p += 2;
		if (is_digit(*p))
			v += *p++ - '0';
		if (is_digit(*p))
			return TJG_EINVAL;	/* "1,299": not a price */
	} else if ((*p == ',' || *p == ':') && p[1] == '-')
		p += 2;				/* "299:-" */
	p = skip_blanks(p);
	if (strncasecmp(p, "kr", 2) == 0)
		p += p[2] == '.' ? 3 : 2;
	else if (!sek && strncasecmp(p, "sek", 3) == 0)
		p += 3;
	if (*skip_blanks(p) != '\0' || v > MONEY_PARSE_MAX)
		return TJG_EINVAL;
	*ore = v;
	return TJG_OK;
}
