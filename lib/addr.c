/*
 * Address search: street names normalised to plain lower-case ASCII for
 * comparison, the reading of a free-text query into street, number,
 * littera and postcode, and a bounded edit distance for typos.
 */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "addr.h"
#include "err.h"
#include "http.h"

#define DIST_MAX_LEN	100	/* bytes addr_distance compares */
#define QUERY_MAX_WORDS	(ADDR_MAX_QUERY / 2 + 1)

/*
 * Folds of U+00C0..U+00FF (UTF-8 C3 80..C3 BF), indexed by the second
 * byte - 0x80: diacritics dropped, ligatures spelled out, "" removes.
 */
static const char *const fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* À..Ç */
	"e", "e", "e", "e", "i", "i", "i", "i",		/* È..Ï */
	"d", "n", "o", "o", "o", "o", "o", "",		/* Ð..× */
	"o", "u", "u", "u", "u", "y", "th", "ss",	/* Ø..ß */
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* à..ç */
	"e", "e", "e", "e", "i", "i", "i", "i",		/* è..ï */
	"d", "n", "o", "o", "o", "o", "o", "",		/* ð..÷ */
	"o", "u", "u", "u", "u", "y", "th", "y",	/* ø..ÿ */
};

/*
 * Letters and digits are kept (ASCII upper case lowered, the Latin-1
 * letters folded by the table above, U+1E9E to "ss"); space and '-'
 * separate words; everything else, including other non-ASCII letters and
 * invalid UTF-8, is removed.
 */
char *
addr_norm(struct arena *a, const char *s)
{
	const unsigned char *p;
	const char *f;
	char one[2] = { 0, 0 }, *out, *o;
	bool space = false;

	if (s == NULL)
		return NULL;
	/* No fold is longer than the UTF-8 sequence it replaces. */
	out = o = arena_alloc(a, strlen(s) + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (p[0] == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf)
			f = fold[*++p - 0x80];
		else if (p[0] == 0xe1 && p[1] == 0xba && p[2] == 0x9e) {
			f = "ss";	/* U+1E9E, capital sharp s */
			p += 2;
		} else if ((*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9')) {
			one[0] = (char)*p;
			f = one;
		} else if (*p >= 'A' && *p <= 'Z') {
			one[0] = (char)(*p - 'A' + 'a');
			f = one;
		} else {
			/* Space and '-' separate words; the rest goes. */
			if (*p == ' ' || *p == '-')
				space = true;
			continue;
		}
		if (*f == '\0')
			continue;
		if (space && o > out)
			*o++ = ' ';
		space = false;
		while (*f != '\0')
			*o++ = *f++;
	}
	*o = '\0';
	return out;
}

/* A word of the query: not NUL-terminated. */
struct word {
	const char	*p;
	size_t		 len;
};

/*
 * Words end at blanks and commas, and after a '.': an abbreviation's dot
 * is dropped ("Storg.12" is "Storg 12") as the store matches by prefix.
 */
static bool
is_sep(char c)
{
	return c == ' ' || c == '\t' || c == ',' || c == '.';
}

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

/* True if w is exactly n digits. */
static bool
digits(struct word w, size_t n)
{
	size_t i;

	if (w.len != n)
		return false;
	for (i = 0; i < n; i++)
		if (!is_digit(w.p[i]))
			return false;
	return true;
}

/* True if only blanks (no comma) separate word a from the next word b. */
static bool
blank_between(struct word a, struct word b)
{
	const char *p;

	for (p = a.p + a.len; p < b.p; p++)
		if (*p != ' ' && *p != '\t')
			return false;
	return true;
}

/* A street number: digits, optionally followed by one ASCII letter. */
static bool
is_number(struct word w)
{
	size_t i;

	for (i = 0; i < w.len && is_digit(w.p[i]); i++)
		;
	return i > 0 && (i == w.len || (i + 1 == w.len && is_alpha(w.p[i])));
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Reads the number word w (at most 4 digits, not 0) and its littera. */
static int
read_number(struct word w, struct addr_query *out)
{
	size_t i;
	int v = 0;

	for (i = 0; i < w.len && is_digit(w.p[i]); i++) {
		if (i == 4)
			return TJG_EINVAL;
		v = v * 10 + (w.p[i] - '0');
	}
	if (v == 0)
		return TJG_EINVAL;
	out->number = v;
	if (i < w.len)
		out->littera = lower(w.p[i]);
	return TJG_OK;
}

/*
 * The postcode is the first five-digit word or "NNN NN" pair; the number
 * is the first word of digits (1 to 9999) with an optional letter; the
 * littera is that letter or a single letter after a blank; the street is
 * the words before the number, or those after it when the query starts
 * with the number. Queries over ADDR_MAX_QUERY bytes, invalid UTF-8, a
 * number 0 or of more than four digits are TJG_EINVAL.
 */
int
addr_query_parse(struct arena *a, const char *q, struct addr_query *out)
{
	struct word w[QUERY_MAX_WORDS];
	size_t len, n = 0, i, num, sb = 0, se = 0;
	const char *p;
	char *street, *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if (q == NULL)
		return TJG_EINVAL;
	len = strnlen(q, ADDR_MAX_QUERY + 1);
	if (len > ADDR_MAX_QUERY || !http_utf8_valid(q, len))
		return TJG_EINVAL;
	for (p = q; *p != '\0';) {
		if (is_sep(*p)) {
			p++;
			continue;
		}
		w[n].p = p;
		while (*p != '\0' && !is_sep(*p))
			p++;
		w[n].len = (size_t)(p - w[n].p);
		n++;
	}

	/* The postcode, "12345" or "123 45", anywhere; then it is removed. */
	for (i = 0; i < n; i++) {
		if (digits(w[i], 5)) {
			memcpy(out->postcode, w[i].p, 5);
			memmove(&w[i], &w[i + 1], (n - i - 1) * sizeof(*w));
			n--;
			break;
		}
		if (i + 1 < n && digits(w[i], 3) && digits(w[i + 1], 2) &&
		    blank_between(w[i], w[i + 1])) {
			memcpy(out->postcode, w[i].p, 3);
			memcpy(out->postcode + 3, w[i + 1].p, 2);
			memmove(&w[i], &w[i + 2], (n - i - 2) * sizeof(*w));
			n -= 2;
			break;
		}
	}

	/*
	 * The street is the words before the first number; the littera is
	 * in the number or the single letter after it. "12 Storgatan" puts
	 * the street after the number instead.
	 */
	for (num = 0; num < n && !is_number(w[num]); num++)
		;
	se = num;
	if (num < n) {
		if ((rc = read_number(w[num], out)) != TJG_OK) {
			memset(out, 0, sizeof(*out));
			return rc;
		}
		i = num + 1;
		if (out->littera == 0 && i < n && w[i].len == 1 &&
		    is_alpha(w[i].p[0]) && blank_between(w[num], w[i])) {
			out->littera = lower(w[i].p[0]);
			i++;
		}
		if (num == 0) {
			for (sb = se = i; se < n && !is_number(w[se]); se++)
				;
		}
	}
	if (se > sb) {
		/* The words joined by spaces fit in the query's length. */
		s = street = arena_alloc(a, len + 1);
		for (i = sb; i < se; i++) {
			if (i > sb)
				*s++ = ' ';
			memcpy(s, w[i].p, w[i].len);
			s += w[i].len;
		}
		*s = '\0';
		street = addr_norm(a, street);
		if (*street != '\0')
			out->street = street;
	}
	if (out->street == NULL && out->number == 0 && out->postcode[0] == 0)
		return TJG_EINVAL;
	return TJG_OK;
}

/* Strings longer than DIST_MAX_LEN bytes count as too far: max + 1. */
int
addr_distance(const char *a, const char *b, int max)
{
	int rows[3][DIST_MAX_LEN + 1], *pp, *prev, *cur, *t;
	int over = max < INT_MAX ? max + 1 : INT_MAX, best, v;
	size_t la, lb, i, j;

	if (a == NULL)
		a = "";
	if (b == NULL)
		b = "";
	la = strnlen(a, DIST_MAX_LEN + 1);
	lb = strnlen(b, DIST_MAX_LEN + 1);
	if (max < 0 || la > DIST_MAX_LEN || lb > DIST_MAX_LEN ||
	    (la > lb ? la - lb : lb - la) > (size_t)max)
		return over;

	pp = rows[0];
	prev = rows[1];
	cur = rows[2];
	for (j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (i = 1; i <= la; i++) {
		cur[0] = best = (int)i;
		for (j = 1; j <= lb; j++) {
			v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		/* No cell of a later row can be below this row's minimum. */
		if (best > max)
			return over;
		t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > max ? over : prev[lb];
}

/* Anything but exactly five digits gives "". */
void
addr_postcode_fmt(const char *postcode, char out[7])
{
	struct word w;

	out[0] = '\0';
	if (postcode == NULL)
		return;
	w.p = postcode;
	w.len = strnlen(postcode, 6);
	if (!digits(w, 5))
		return;
	memcpy(out, postcode, 3);
	out[3] = ' ';
	memcpy(out + 4, postcode + 3, 2);
	out[6] = '\0';
}
