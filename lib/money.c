/*
 * Formatting of öre amounts as Swedish kronor ("1 234,50 kr") or, for
 * English pages, "SEK 1,234.50". Separators that must not break a line
 * are NO-BREAK SPACEs.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

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
