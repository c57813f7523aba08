/*
 * Checks of the console's catalogue input: slugs, organisation numbers,
 * links, dates, numbers, form-field keys, patterns and options, and
 * campaigns. Pure functions; see catalog_check.h.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "catalog_check.h"
#include "err.h"
#include "money.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

bool
check_slug(const char *s)
{
	size_t i;

	if (s == NULL || !(is_lower(*s) || is_digit(*s)) ||
	    strlen(s) > CHECK_SLUG_MAX)
		return false;
	for (i = 1; s[i] != '\0'; i++)
		if (!is_lower(s[i]) && !is_digit(s[i]) && s[i] != '-')
			return false;
	return true;
}

bool
check_org_number(const char *s, char out[12])
{
	size_t i, len = s != NULL ? strlen(s) : 0;

	out[0] = '\0';
	if (len == 10) {
		for (i = 0; i < 10; i++)
			if (!is_digit(s[i]))
				return false;
		memcpy(out, s, 6);
		out[6] = '-';
		memcpy(out + 7, s + 6, 4);
		out[11] = '\0';
		return true;
	}
	if (len != 11 || s[6] != '-')
		return false;
	for (i = 0; i < 11; i++)
		if (i != 6 && !is_digit(s[i]))
			return false;
	memcpy(out, s, 12);
	return true;
}

bool
check_email(const char *s)
{
	const char *at;
	size_t i, len;

	if (s == NULL || (at = strchr(s, '@')) == NULL || at == s ||
	    strchr(at + 1, '@') != NULL || strchr(at, '.') == NULL ||
	    at[1] == '.' || (len = strlen(s)) > 254 || s[len - 1] == '.')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f ||
		    strchr("<>()[],;:\\\"", s[i]) != NULL)
			return false;
	return true;
}

bool
check_url(const char *s)
{
	const char *host;
	size_t i;

	if (s == NULL || strlen(s) > CHECK_URL_MAX)
		return false;
	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return false;
	if (*host == '\0' || strchr("/?#:@", *host) != NULL)
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f ||
		    strchr("<>\"\\`", s[i]) != NULL)
			return false;
	return true;
}

bool
check_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, max;
	size_t i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	/* MariaDB's DATE begins at year 1000. */
	if (y < 1000 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

bool
check_int(const char *s, long long min, long long max, long long *out)
{
	long long v = 0;
	int n = 0;

	if (s == NULL)
		return false;
	while (*s == ' ')
		s++;
	for (; is_digit(*s); s++) {
		/* 18 digits cannot overflow a long long. */
		if (++n > 18)
			return false;
		v = v * 10 + (*s - '0');
	}
	while (*s == ' ')
		s++;
	if (n == 0 || *s != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
check_field_key(const char *s)
{
	size_t i;

	if (s == NULL || !is_lower(*s) || strlen(s) > CHECK_KEY_MAX)
		return false;
	for (i = 1; s[i] != '\0'; i++)
		if (!is_lower(s[i]) && !is_digit(s[i]) && s[i] != '_')
			return false;
	return true;
}

bool
check_pattern(const char *pattern)
{
	regex_t re;
	size_t i, len;

	if (pattern == NULL || (len = strlen(pattern)) == 0 ||
	    len > CHECK_PATTERN_MAX)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)pattern[i] < 0x20 || pattern[i] == 0x7f)
			return false;
	if (regcomp(&re, pattern, REG_EXTENDED) != 0)
		return false;
	regfree(&re);
	return true;
}

int
check_pattern_match(const char *pattern, const char *value)
{
	regmatch_t m[1];
	regex_t re;
	int rc;

	if (!check_pattern(pattern))
		return -1;
	if (regcomp(&re, pattern, REG_EXTENDED) != 0)
		return -1;
	rc = regexec(&re, value, 1, m, 0) == 0 && m[0].rm_so == 0 &&
	    (size_t)m[0].rm_eo == strlen(value);
	regfree(&re);
	return rc;
}

/* [s, e) without blanks at either end. */
static void
trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' ||
	    (*e)[-1] == '\r'))
		(*e)--;
}

/*
 * Appends the line [s, e) to out in its normalised form, blanks around
 * each part dropped; returns a fault key or NULL. *value and *vlen get
 * the value part, for the duplicate check.
 */
static const char *
option_line(struct buf *out, const char *s, const char *e, int max_len,
    const char **value, size_t *vlen)
{
	const char *part[3], *pend[3], *bar;
	size_t np = 0, i, start = out->len;

	while (np < 3) {
		bar = memchr(s, '|', (size_t)(e - s));
		part[np] = s;
		pend[np] = bar != NULL ? bar : e;
		trim(&part[np], &pend[np]);
		if (part[np] == pend[np])
			return "admin.fields.err.options_empty";
		np++;
		if (bar == NULL)
			break;
		s = bar + 1;
	}
	if (bar != NULL || np == 2)
		return "admin.fields.err.options_parts";
	for (i = 0; i < np; i++) {
		if (i > 0)
			buf_addc(out, '|');
		buf_add(out, part[i], (size_t)(pend[i] - part[i]));
	}
	if ((int)(out->len - start) > max_len)
		return "admin.fields.err.options_long";
	*value = part[0];
	*vlen = (size_t)(pend[0] - part[0]);
	return NULL;
}

const char *
check_options(struct arena *a, const char *text, int max_len,
    const char **norm, int *line)
{
	const char *s, *e, *end, *nl, *why = NULL, *vals[CHECK_OPTIONS_MAX];
	size_t vlens[CHECK_OPTIONS_MAX], n = 0, i;
	struct buf out;
	int ln = 0;

	*norm = NULL;
	*line = 0;
	buf_init(&out);
	for (s = text != NULL ? text : ""; *s != '\0' && why == NULL;
	    s = nl != NULL ? nl + 1 : end) {
		nl = strchr(s, '\n');
		e = end = nl != NULL ? nl : s + strlen(s);
		ln++;
		trim(&s, &e);
		if (s == e)
			continue;
		for (i = 0; i < (size_t)(e - s); i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				why = "admin.fields.err.options_control";
		if (why == NULL && n == CHECK_OPTIONS_MAX)
			why = "admin.fields.err.options_many";
		if (why == NULL && n > 0)
			buf_addc(&out, '\n');
		if (why == NULL)
			why = option_line(&out, s, e, max_len, &vals[n],
			    &vlens[n]);
		for (i = 0; why == NULL && i < n; i++)
			if (vlens[i] == vlens[n] &&
			    memcmp(vals[i], vals[n], vlens[n]) == 0)
				why = "admin.fields.err.options_dup";
		if (why != NULL)
			*line = ln;
		n++;
	}
	if (why == NULL && n == 0)
		why = "admin.fields.err.options_none";
	if (why == NULL)
		*norm = arena_strndup(a, buf_str(&out), out.len);
	buf_free(&out);
	return why;
}

/* "20", "20 %", "20%": the per cent of a campaign. */
static bool
percent(const char *s, long long *out)
{
	char tmp[16];
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n > 0 && s[n - 1] == '%')
		n--;
	if (n == 0 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return check_int(tmp, 1, 100, out);
}

static bool
empty(const char *s)
{
	return s == NULL || s[strspn(s, " ")] == '\0';
}

bool
check_campaign(const char *kind, const char *value, const char *months,
    const char *until, struct campaign_check *out)
{
	long long v = 0, m = 0;

	memset(out, 0, sizeof(*out));
	out->kind = "none";
	if (kind == NULL || *kind == '\0' || strcmp(kind, "none") == 0) {
		/* "0" is what a cleared campaign leaves in the fields. */
		if (!empty(value) && !(check_int(value, 0, 0, &v) ||
		    (money_parse(value, &v) == TJG_OK && v == 0)))
			out->err_value = "admin.services.err.campaign_none";
		if (!empty(months) && !check_int(months, 0, 0, &m))
			out->err_months = "admin.services.err.campaign_none";
		if (!empty(until))
			out->err_until = "admin.services.err.campaign_none";
		return out->err_value == NULL && out->err_months == NULL &&
		    out->err_until == NULL;
	}
	if (strcmp(kind, "percent") == 0) {
		out->kind = "percent";
		if (empty(value) || !percent(value, &v))
			out->err_value = "admin.services.err.campaign_percent";
	} else if (strcmp(kind, "amount") == 0) {
		out->kind = "amount";
		if (empty(value) || money_parse(value, &v) != TJG_OK || v == 0)
			out->err_value = "admin.services.err.campaign_amount";
	} else if (strcmp(kind, "fixed") == 0) {
		out->kind = "fixed";
		if (empty(value) || money_parse(value, &v) != TJG_OK)
			out->err_value = "admin.services.err.campaign_fixed";
	} else {
		out->err_kind = "admin.services.err.campaign_kind";
		return false;
	}
	if (empty(months) || !check_int(months, 1, CHECK_MONTHS_MAX, &m))
		out->err_months = "admin.services.err.campaign_months";
	if (!empty(until)) {
		if (check_date(until))
			out->until = until;
		else
			out->err_until = "admin.services.err.date";
	}
	out->value = v;
	out->months = (int)m;
	return out->err_value == NULL && out->err_months == NULL &&
	    out->err_until == NULL;
}
