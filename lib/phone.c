/*
 * Telephone numbers: the ways Swedes write them (trunk 0, area code in
 * parentheses, +46, 0046, "+46 (0)") reduced to E.164. Foreign numbers
 * are only checked for length. Reasons for a refusal are fixed keys that
 * carry nothing of the input.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "err.h"
#include "phone.h"

#define E164_MIN	8	/* digits with the country code */
#define E164_MAX	15
#define SE_NSN_MIN	6	/* Swedish digits after +46 */
#define SE_NSN_MAX	10

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

/* Characters that only group digits. */
static bool
is_grouping(char c)
{
	return c == ' ' || c == '-' || c == '.' || c == '/';
}

/* Writes "+", len digits from d and a NUL to out. */
static void
put_e164(char out[17], const char *d, size_t len)
{
	out[0] = '+';
	memcpy(out + 1, d, len);
	out[len + 1] = '\0';
}

/*
 * Collects the digits of s[0..n-1] into d (at least n bytes), checking
 * the characters and parentheses, and sets *plus if s starts with '+'.
 * *zero is the index in d of the digit of the first parenthesised
 * group if that group is exactly "(0)", else -1. Returns NULL or a key.
 */
static const char *
collect(const char *s, size_t n, char *d, size_t *nd, bool *plus, long *zero)
{
	size_t i, group = 0;
	bool open = false, first = true;

	*nd = 0;
	*zero = -1;
	*plus = n > 0 && s[0] == '+';
	for (i = *plus ? 1 : 0; i < n; i++) {
		if (is_alpha(s[i]))
			return PHONE_ELETTERS;
	}
	for (i = *plus ? 1 : 0; i < n; i++) {
		if (is_digit(s[i]))
			d[(*nd)++] = s[i];
		else if (is_grouping(s[i]))
			continue;
		else if (s[i] == '(' && !open) {
			open = true;
			group = *nd;
		} else if (s[i] == ')' && open && *nd > group) {
			open = false;
			if (first && *nd == group + 1 && d[group] == '0')
				*zero = (long)group;
			first = false;
		} else
			return PHONE_EFORMAT;
	}
	return open ? PHONE_EFORMAT : NULL;
}

int
phone_normalize(const char *in, char out[17], const char **why)
{
	const char *reason = PHONE_EFORMAT, *cc;
	char d[PHONE_MAX_INPUT];
	size_t n, nd, start, len;
	long zero;
	bool plus;
	int rc = TJG_EINVAL;

	out[0] = '\0';
	if (in == NULL)
		goto out;
	while (is_blank(*in))
		in++;
	n = strlen(in);
	while (n > 0 && is_blank(in[n - 1]))
		n--;
	if (n == 0)
		goto out;
	if (n > PHONE_MAX_INPUT) {
		reason = PHONE_ELONG;
		goto out;
	}
	if ((reason = collect(in, n, d, &nd, &plus, &zero)) != NULL)
		goto out;

	if (!plus && (nd < 2 || d[0] != '0' || d[1] != '0')) {
		/* National: a Swedish number with its trunk 0. */
		reason = PHONE_EFORMAT;
		if (nd == 0 || d[0] != '0')
			goto out;
		cc = NULL;
		start = 1;
	} else {
		start = plus ? 0 : 2;
		cc = d + start;
		/* "(0)" right after a 1..3-digit country code is dropped. */
		if (zero > (long)start && zero <= (long)start + 3) {
			memmove(d + zero, d + zero + 1, nd - (size_t)zero - 1);
			nd--;
		}
		reason = PHONE_EFORMAT;
		if (nd == start || cc[0] == '0')
			goto out;
		if (nd - start >= 2 && cc[0] == '4' && cc[1] == '6') {
			cc = NULL;
			start += 2;
			reason = PHONE_ETRUNK;
			if (nd > start && d[start] == '0')
				goto out;
		}
	}

	len = nd - start;
	if (cc == NULL) {
		/* Sweden: the national significant number after +46. */
		reason = len < SE_NSN_MIN ? PHONE_ESHORT :
		    len > SE_NSN_MAX ? PHONE_ELONG : NULL;
		if (reason != NULL)
			goto out;
		memcpy(out, "+46", 3);
		memcpy(out + 3, d + start, len);
		out[len + 3] = '\0';
	} else {
		reason = len < E164_MIN ? PHONE_ESHORT :
		    len > E164_MAX ? PHONE_ELONG : NULL;
		if (reason != NULL)
			goto out;
		put_e164(out, cc, len);
	}
	rc = TJG_OK;
out:
	if (why != NULL)
		*why = reason;
	return rc;
}
