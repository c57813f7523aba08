/*
 * Request parsing: query strings and urlencoded bodies, Cookie headers and
 * multipart/form-data bodies. Pure functions over bytes that are never read
 * past their length; every result lives in the caller's arena. Each parser
 * is linear in its input and bounded by the HTTP_MAX_* limits, and every
 * text a handler can see is well-formed UTF-8 without NUL bytes.
 */
#include <stdbool.h>
#include <string.h>

#include "http.h"

#define MP_MAX_BOUNDARY	70	/* RFC 2046 */
#define MP_MAX_LINE	1024	/* bytes in one part header line */
#define MP_MAX_HEADERS	8	/* header lines in one part */

/* A piece of a larger input: not NUL-terminated. */
struct span {
	const char	*p;
	size_t		 len;
};

bool
http_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char c, lo, hi;
	size_t i = 0, k, n;

	while (i < len) {
		c = p[i++];
		if (c == 0)
			return false;
		if (c < 0x80)
			continue;
		/*
		 * The second byte's range rules out overlongs, surrogates and
		 * code points above U+10FFFF.
		 */
		lo = 0x80;
		hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else
			return false;
		if (len - i < n || p[i] < lo || p[i] > hi)
			return false;
		for (k = 1; k < n; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes s[0..len) ('+' is a space, %XX a byte) into a NUL-terminated
 * arena string; fails on a bad escape or if the result is not UTF-8 (which
 * includes a decoded NUL).
 */
static int
url_decode(struct arena *a, const char *s, size_t len, char **out,
    size_t *outlen)
{
	char *d;
	size_t i, n = 0;
	int hi, lo;

	d = arena_alloc(a, len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			d[n++] = ' ';
		else if (s[i] == '%') {
			if (len - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return TJG_EINVAL;
			d[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			d[n++] = s[i];
	}
	d[n] = '\0';
	if (!http_utf8_valid(d, n))
		return TJG_EINVAL;
	*out = d;
	*outlen = n;
	return TJG_OK;
}

int
http_parse_urlencoded(struct arena *a, const char *s, size_t len,
    struct kvlist *out)
{
	const char *p, *end, *amp, *eq;
	struct kv *v = NULL;
	size_t n = 0, namelen;
	char *name, *val;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (s == NULL || len == 0)
		return TJG_OK;
	end = s + len;

	/* Count first, so the limit is checked before any decoding. */
	for (p = s; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp > p && ++n > HTTP_MAX_PARAMS)
			return TJG_EINVAL;
	}
	if (n == 0)
		return TJG_OK;
	v = arena_calloc(a, n, sizeof(*v));

	n = 0;
	for (p = s; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if ((rc = url_decode(a, p, (size_t)(eq - p), &name,
		    &namelen)) != TJG_OK)
			return rc;
		if (namelen == 0 || namelen > HTTP_MAX_NAME)
			return TJG_EINVAL;
		v[n].name = name;
		v[n].value = "";
		if (eq < amp) {
			if ((rc = url_decode(a, eq + 1, (size_t)(amp - eq - 1),
			    &val, &v[n].len)) != TJG_OK)
				return rc;
			v[n].value = val;
		}
		n++;
	}
	out->v = v;
	out->n = n;
	return TJG_OK;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* RFC 7230 tchar: the bytes of a token such as a cookie or header name. */
static bool
is_tchar(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static bool
is_ctl(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7f;
}

/* Trims spaces and tabs from both ends of [*b, *e). */
static void
trim(const char **b, const char **e)
{
	while (*b < *e && is_space(**b))
		(*b)++;
	while (*e > *b && is_space((*e)[-1]))
		(*e)--;
}

/*
 * Reads one "name=value" cookie pair from [b, e). Returns false for a pair
 * a browser would ignore: no '=', an empty or non-token name, a control
 * character or invalid UTF-8 in the value.
 */
static bool
cookie_pair(const char *b, const char *e, struct span *name,
    struct span *val)
{
	const char *eq, *ne, *vb, *p;

	trim(&b, &e);
	if ((eq = memchr(b, '=', (size_t)(e - b))) == NULL)
		return false;
	ne = eq;
	vb = eq + 1;
	trim(&b, &ne);
	trim(&vb, &e);
	if (ne == b || ne - b > HTTP_MAX_NAME)
		return false;
	for (p = b; p < ne; p++)
		if (!is_tchar(*p))
			return false;
	if (e - vb >= 2 && *vb == '"' && e[-1] == '"') {
		vb++;
		e--;
	}
	for (p = vb; p < e; p++)
		if (is_ctl(*p))
			return false;
	if (!http_utf8_valid(vb, (size_t)(e - vb)))
		return false;
	name->p = b;
	name->len = (size_t)(ne - b);
	val->p = vb;
	val->len = (size_t)(e - vb);
	return true;
}

/*
 * The HTTP_MAX_COOKIES limit counts every well-formed pair, repeated names
 * included, so the header's size bounds the work; malformed pairs do not
 * count.
 */
int
http_parse_cookies(struct arena *a, const char *header, struct kvlist *out)
{
	const char *p, *end, *semi;
	struct span name, val;
	struct kv *v = NULL;
	size_t i, n = 0, npairs = 0;

	out->v = NULL;
	out->n = 0;
	if (header == NULL)
		return TJG_OK;
	end = header + strlen(header);
	for (p = header; p < end; p = semi + 1) {
		if ((semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			semi = end;
		if (!cookie_pair(p, semi, &name, &val))
			continue;
		if (++npairs > HTTP_MAX_COOKIES)
			return TJG_EINVAL;
		for (i = 0; i < n; i++)
			if (strlen(v[i].name) == name.len &&
			    memcmp(v[i].name, name.p, name.len) == 0)
				break;
		if (i < n)
			continue;
		if (v == NULL)
			v = arena_calloc(a, HTTP_MAX_COOKIES, sizeof(*v));
		v[n].name = arena_strndup(a, name.p, name.len);
		v[n].value = arena_strndup(a, val.p, val.len);
		v[n].len = val.len;
		n++;
	}
	out->v = v;
	out->n = n;
	return TJG_OK;
}

/* Case-insensitive (ASCII) comparison of a span with a literal. */
static bool
span_ieq(struct span s, const char *lit)
{
	size_t i;
	char c;

	if (s.len != strlen(lit))
		return false;
	for (i = 0; i < s.len; i++) {
		c = s.p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return false;
	}
	return true;
}

/*
 * Reads a bare or quoted header parameter value at *p. A quoted string ends
 * at the next '"': browsers send form-data names and file names with '"'
 * percent-encoded and backslashes as they are (WHATWG), so there are no
 * escapes.
 */
static bool
read_value(const char **p, const char *end, struct span *v)
{
	const char *q;

	if (*p < end && **p == '"') {
		if ((q = memchr(*p + 1, '"', (size_t)(end - *p - 1))) == NULL)
			return false;
		v->p = *p + 1;
		v->len = (size_t)(q - v->p);
		*p = q + 1;
		return true;
	}
	for (q = *p; q < end; q++)
		if (*q == ';' || *q == '"' || is_space(*q) || is_ctl(*q))
			break;
	v->p = *p;
	v->len = (size_t)(q - *p);
	*p = q;
	return v->len > 0;
}

/*
 * Reads the next "; name=value" parameter of a header value at *p.
 * Returns 1 for a parameter, 0 at the end, -1 if malformed.
 */
static int
next_param(const char **p, const char *end, struct span *name,
    struct span *val)
{
	const char *q;

	while (*p < end && is_space(**p))
		(*p)++;
	if (*p == end)
		return 0;
	if (**p != ';')
		return -1;
	(*p)++;
	while (*p < end && is_space(**p))
		(*p)++;
	if (*p == end)
		return 0;
	for (q = *p; q < end && is_tchar(*q); q++)
		;
	if (q == *p || q == end || *q != '=')
		return -1;
	name->p = *p;
	name->len = (size_t)(q - *p);
	*p = q + 1;
	return read_value(p, end, val) ? 1 : -1;
}

/* Reads the first word of a header value (a media or disposition type). */
static struct span
first_word(const char **p, const char *end)
{
	struct span w;

	while (*p < end && is_space(**p))
		(*p)++;
	w.p = *p;
	while (*p < end && **p != ';' && !is_space(**p))
		(*p)++;
	w.len = (size_t)(*p - w.p);
	return w;
}

/* RFC 2046 bchars, plus space anywhere but at the end. */
static bool
is_bchar(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* Finds the boundary parameter of a multipart/form-data content type. */
static int
mp_boundary(const char *ct, struct span *b)
{
	const char *p = ct, *end = ct + strlen(ct);
	struct span name, val;
	bool found = false;
	size_t i;
	int r;

	b->p = NULL;
	b->len = 0;
	if (!span_ieq(first_word(&p, end), "multipart/form-data"))
		return TJG_EINVAL;
	while ((r = next_param(&p, end, &name, &val)) == 1) {
		if (!span_ieq(name, "boundary"))
			continue;
		if (found)
			return TJG_EINVAL;
		found = true;
		*b = val;
	}
	if (r < 0 || !found || b->len == 0 || b->len > MP_MAX_BOUNDARY ||
	    b->p[b->len - 1] == ' ')
		return TJG_EINVAL;
	for (i = 0; i < b->len; i++)
		if (!is_bchar(b->p[i]))
			return TJG_EINVAL;
	return TJG_OK;
}

/* Reads a Content-Disposition value: form-data with name and filename. */
static int
mp_disposition(struct arena *a, const char *p, const char *end,
    struct part *pt)
{
	struct span name, val;
	int r;

	if (!span_ieq(first_word(&p, end), "form-data"))
		return TJG_EINVAL;
	while ((r = next_param(&p, end, &name, &val)) == 1) {
		if (span_ieq(name, "name")) {
			if (pt->name != NULL || val.len == 0 ||
			    val.len > HTTP_MAX_NAME)
				return TJG_EINVAL;
			pt->name = arena_strndup(a, val.p, val.len);
		} else if (span_ieq(name, "filename")) {
			if (pt->filename != NULL)
				return TJG_EINVAL;
			pt->filename = arena_strndup(a, val.p, val.len);
		}
	}
	return r < 0 ? TJG_EINVAL : TJG_OK;
}

/*
 * Reads the header lines of one part at *p up to and including the empty
 * line. Lines end in CRLF, are at most MP_MAX_LINE bytes of UTF-8 without
 * control characters, and are not folded.
 */
static int
mp_headers(struct arena *a, const char **p, const char *end,
    struct part *pt)
{
	const char *eol, *colon, *vb, *ve, *q;
	bool disp = false;
	size_t lim, nlines;
	struct span hname;
	int rc;

	for (nlines = 0;; nlines++) {
		lim = (size_t)(end - *p);
		if (lim > MP_MAX_LINE + 2)
			lim = MP_MAX_LINE + 2;
		if ((eol = memmem(*p, lim, "\r\n", 2)) == NULL)
			return TJG_EINVAL;
		if (eol == *p)
			break;
		if (nlines == MP_MAX_HEADERS)
			return TJG_EINVAL;
		for (q = *p; q < eol; q++)
			if (is_ctl(*q) && *q != '\t')
				return TJG_EINVAL;
		if (!http_utf8_valid(*p, (size_t)(eol - *p)))
			return TJG_EINVAL;
		for (colon = *p; colon < eol && is_tchar(*colon); colon++)
			;
		if (colon == *p || colon == eol || *colon != ':')
			return TJG_EINVAL;
		hname.p = *p;
		hname.len = (size_t)(colon - *p);
		vb = colon + 1;
		ve = eol;
		trim(&vb, &ve);
		if (span_ieq(hname, "content-disposition")) {
			if (disp)
				return TJG_EINVAL;
			disp = true;
			if ((rc = mp_disposition(a, vb, ve, pt)) != TJG_OK)
				return rc;
		} else if (span_ieq(hname, "content-type")) {
			if (pt->ctype != NULL)
				return TJG_EINVAL;
			pt->ctype = arena_strndup(a, vb, (size_t)(ve - vb));
		}
		*p = eol + 2;
	}
	*p = eol + 2;
	return pt->name != NULL ? TJG_OK : TJG_EINVAL;
}

/*
 * Part names, file names, types and data are all copied into the arena, so
 * the body may be released first. Header lines end in CRLF; a delimiter is
 * CRLF "--" boundary, optionally followed by blanks before the CRLF.
 */
int
http_parse_multipart(struct arena *a, const char *content_type,
    const char *body, size_t len, struct partlist *out)
{
	char delim[4 + MP_MAX_BOUNDARY];	/* CRLF "--" boundary */
	const char *p, *end, *next;
	struct part *v;
	struct span b;
	size_t dlen, n = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (content_type == NULL || body == NULL)
		return TJG_EINVAL;
	if ((rc = mp_boundary(content_type, &b)) != TJG_OK)
		return rc;
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b.p, b.len);
	dlen = 4 + b.len;
	end = body + len;

	/* The first delimiter opens the body or ends a preamble. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = memmem(body, len, delim, dlen)) != NULL)
		p += dlen;
	else
		return TJG_EINVAL;

	v = arena_calloc(a, HTTP_MAX_PARTS, sizeof(*v));
	for (;;) {
		/* p is just past a delimiter: "--" closes, else LWSP CRLF. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;
		while (p < end && is_space(*p))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return TJG_EINVAL;
		p += 2;
		if (n == HTTP_MAX_PARTS)
			return TJG_EINVAL;
		if ((rc = mp_headers(a, &p, end, &v[n])) != TJG_OK)
			return rc;
		if ((next = memmem(p, (size_t)(end - p), delim, dlen)) == NULL)
			return TJG_EINVAL;
		if (v[n].filename == NULL &&
		    !http_utf8_valid(p, (size_t)(next - p)))
			return TJG_EINVAL;
		v[n].data = arena_strndup(a, p, (size_t)(next - p));
		v[n].len = (size_t)(next - p);
		n++;
		p = next + dlen;
	}
	out->v = v;
	out->n = n;
	return TJG_OK;
}

void
http_form_add(struct buf *b, const char *name, const char *value)
{
	static const char hexd[] = "0123456789ABCDEF";
	const char *parts[2] = { name, value };
	const unsigned char *s;
	int i;

	if (b->len > 0)
		buf_addc(b, '&');
	for (i = 0; i < 2; i++) {
		if (i == 1)
			buf_addc(b, '=');
		for (s = (const unsigned char *)parts[i]; *s != '\0'; s++) {
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
			    *s <= 'Z') || (*s >= '0' && *s <= '9') ||
			    *s == '-' || *s == '_' || *s == '.' || *s == '~')
				buf_addc(b, (char)*s);
			else {
				buf_addc(b, '%');
				buf_addc(b, hexd[*s >> 4]);
				buf_addc(b, hexd[*s & 15]);
			}
		}
	}
}
