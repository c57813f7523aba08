/*
 * The address register import, first half: a CSV file (the format is
 * doc/address-import.md) read into rows that pass the schema's checks,
 * and the rejected lines with their reasons; and those checks, which the
 * console's forms use too. import_diff.c compares the rows with the
 * database. Nothing here touches the database.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "err.h"
#include "import.h"

#define PROGRESS_EVERY	1000	/* rows between progress reports */

static const char *const col_names[IMPORT_NCOLS] = {
	[IMPORT_C_STREET] = "street",
	[IMPORT_C_NUMBER] = "number",
	[IMPORT_C_LITTERA] = "littera",
	[IMPORT_C_POSTCODE] = "postcode",
	[IMPORT_C_CITY] = "city",
	[IMPORT_C_EXTERNAL_ID] = "external_id",
	[IMPORT_C_AREA] = "area",
	[IMPORT_C_APARTMENT] = "apartment",
	[IMPORT_C_OUTLET_CODE] = "outlet_code",
	[IMPORT_C_OUTLET_STATUS] = "outlet_status",
	[IMPORT_C_ACTIVE_FROM] = "active_from",
	[IMPORT_C_DISTINGUISHER] = "distinguisher",
};

/*
 * Header names understood, as header_key() folds them (lower-case ASCII,
 * å/ä/ö folded, no blanks, '_' or '-'): the documented English names,
 * ON-API's, and the Swedish ones registers are often exported with.
 */
static const struct {
	const char	*key;
	enum import_col	 col;
} aliases[] = {
	{ "street", IMPORT_C_STREET },
	{ "streetname", IMPORT_C_STREET },
	{ "gata", IMPORT_C_STREET },
	{ "gatunamn", IMPORT_C_STREET },
	{ "gatuadress", IMPORT_C_STREET },
	{ "number", IMPORT_C_NUMBER },
	{ "streetnumber", IMPORT_C_NUMBER },
	{ "nummer", IMPORT_C_NUMBER },
	{ "nr", IMPORT_C_NUMBER },
	{ "gatunummer", IMPORT_C_NUMBER },
	{ "husnummer", IMPORT_C_NUMBER },
	{ "littera", IMPORT_C_LITTERA },
	{ "streetlittera", IMPORT_C_LITTERA },
	{ "letter", IMPORT_C_LITTERA },
	{ "bokstav", IMPORT_C_LITTERA },
	{ "postcode", IMPORT_C_POSTCODE },
	{ "postalcode", IMPORT_C_POSTCODE },
	{ "zip", IMPORT_C_POSTCODE },
	{ "postnummer", IMPORT_C_POSTCODE },
	{ "postnr", IMPORT_C_POSTCODE },
	{ "city", IMPORT_C_CITY },
	{ "ort", IMPORT_C_CITY },
	{ "postort", IMPORT_C_CITY },
	{ "externalid", IMPORT_C_EXTERNAL_ID },
	{ "externid", IMPORT_C_EXTERNAL_ID },
	{ "externtid", IMPORT_C_EXTERNAL_ID },
	{ "area", IMPORT_C_AREA },
	{ "omrade", IMPORT_C_AREA },
	{ "apartment", IMPORT_C_APARTMENT },
	{ "apartmentnumber", IMPORT_C_APARTMENT },
	{ "mduapartmentnumber", IMPORT_C_APARTMENT },
	{ "lagenhetsnummer", IMPORT_C_APARTMENT },
	{ "lagenhet", IMPORT_C_APARTMENT },
	{ "lgh", IMPORT_C_APARTMENT },
	{ "lghnr", IMPORT_C_APARTMENT },
	{ "outletcode", IMPORT_C_OUTLET_CODE },
	{ "accessid", IMPORT_C_OUTLET_CODE },
	{ "uttagskod", IMPORT_C_OUTLET_CODE },
	{ "uttag", IMPORT_C_OUTLET_CODE },
	{ "outletstatus", IMPORT_C_OUTLET_STATUS },
	{ "status", IMPORT_C_OUTLET_STATUS },
	{ "uttagsstatus", IMPORT_C_OUTLET_STATUS },
	{ "activefrom", IMPORT_C_ACTIVE_FROM },
	{ "aktivfran", IMPORT_C_ACTIVE_FROM },
	{ "distinguisher", IMPORT_C_DISTINGUISHER },
	{ "mdudistinguisher", IMPORT_C_DISTINGUISHER },
};

static const char *const why_names[IMPORT_W_MAX] = {
	[IMPORT_W_LONG] = "long",
	[IMPORT_W_QUOTE] = "quote",
	[IMPORT_W_AFTER_QUOTE] = "after_quote",
	[IMPORT_W_FIELDS] = "fields",
	[IMPORT_W_CONTROL] = "control",
	[IMPORT_W_MISSING] = "missing",
	[IMPORT_W_TOO_LONG] = "too_long",
	[IMPORT_W_STREET] = "street",
	[IMPORT_W_NUMBER] = "number",
	[IMPORT_W_LITTERA] = "littera",
	[IMPORT_W_POSTCODE] = "postcode",
	[IMPORT_W_APARTMENT] = "apartment",
	[IMPORT_W_CODE] = "code",
	[IMPORT_W_STATUS] = "status",
	[IMPORT_W_DATE] = "date",
	[IMPORT_W_NO_CODE] = "no_code",
	[IMPORT_W_DUP_CODE] = "dup_code",
	[IMPORT_W_DUP_APARTMENT] = "dup_apartment",
	[IMPORT_W_ADDR_DIFFERS] = "addr_differs",
	[IMPORT_W_AREA_UNKNOWN] = "area_unknown",
	[IMPORT_W_AREA_INACTIVE] = "area_inactive",
	[IMPORT_W_CODE_ELSEWHERE] = "code_elsewhere",
	[IMPORT_W_APARTMENT_TAKEN] = "apartment_taken",
};

static const char *const fault_names[IMPORT_F_MAX] = {
	[IMPORT_F_NONE] = "none",
	[IMPORT_F_EMPTY] = "empty",
	[IMPORT_F_HEADER] = "header",
	[IMPORT_F_MISSING] = "missing",
	[IMPORT_F_DUPLICATE] = "duplicate",
	[IMPORT_F_TOO_MANY] = "too_many",
};

const char *
import_col_name(enum import_col c)
{
	return (unsigned)c < IMPORT_NCOLS ? col_names[c] : "?";
}

const char *
import_why_name(enum import_why w)
{
	return (unsigned)w < IMPORT_W_MAX ? why_names[w] : "?";
}

const char *
import_fault_name(enum import_fault f)
{
	return (unsigned)f < IMPORT_F_MAX ? fault_names[f] : "?";
}

static void
progress(const struct import_progress *p, const char *stage, size_t done,
    size_t total)
{
	if (p != NULL && p->fn != NULL)
		p->fn(p->ctx, stage, done, total);
}

/* --- Field checks ---------------------------------------------------- */

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

static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

bool
import_check_postcode(const char *s, char out[6])
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		if (!is_digit(*s) || n == 5)
			return false;
		out[n++] = *s;
	}
	out[n] = '\0';
	return n == 5;
}

bool
import_check_number(const char *s, int *out)
{
	long v = 0;
	size_t i;

	for (i = 0; is_digit(s[i]); i++)
		if ((v = v * 10 + (s[i] - '0')) > 99999)
			return false;
	if (i == 0 || s[i] != '\0' || v < 1)
		return false;
	*out = (int)v;
	return true;
}

bool
import_check_littera(const char *s, char out[3])
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i == 2 || !is_alpha(s[i]))
			return false;
		out[i] = upper(s[i]);
	}
	out[i] = '\0';
	return true;
}

bool
import_check_apartment(const char *s)
{
	return is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	    is_digit(s[3]) && s[4] == '\0';
}

bool
import_check_code(const char *s, char out[IMPORT_CODE_MAX + 1])
{
	size_t i;

	if (!is_alpha(s[0]) && !is_digit(s[0]))
		return false;
	for (i = 0; s[i] != '\0'; i++) {
		if (i == IMPORT_CODE_MAX ||
		    (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-'))
			return false;
		out[i] = upper(s[i]);
	}
	out[i] = '\0';
	return true;
}

const char *
import_check_status(const char *s)
{
	static const struct {
		const char	*in, *out;
	} names[] = {
		{ "active", "active" }, { "aktiv", "active" },
		{ "planned", "planned" }, { "planerad", "planned" },
		{ "inactive", "inactive" }, { "inaktiv", "inactive" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].in) == 0)
			return names[i].out;
	return NULL;
}

bool
import_check_date(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int y, m, d, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !is_digit(s[i]))
			return false;
	if (s[10] != '\0')
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	/* MariaDB's DATE range; February 29 only in leap years. */
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return false;
	return true;
}

/* No C0 control, DEL or C1 control (UTF-8 C2 80..C2 9F) in s[0..len). */
static bool
text_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return false;
		if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			return false;
	}
	return true;
}

bool
import_check_text(const char *s)
{
	return text_ok(s, strlen(s));
}

/* --- Reading the file ------------------------------------------------ */

/* True if s[0..len) is well-formed UTF-8 (NUL bytes are let through). */
static bool
utf8_ok(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;
	uint32_t cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			n = 1;
			cp = s[i] & 0x1f;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			n = 2;
			cp = s[i] & 0x0f;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			n = 3;
			cp = s[i] & 0x07;
		} else
			return false;
		if (len - i <= n)
			return false;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates, beyond U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		i += n + 1;
	}
	return true;
}

/*
 * Windows-1252 to UTF-8: what a spreadsheet on Swedish Windows saves as
 * "CSV". The five bytes without a character stay C1 controls, which the
 * field check rejects.
 */
static char *
from_cp1252(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	static const uint16_t c1[32] = {
		0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
		0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
		0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
	};
	const unsigned char *p = (const unsigned char *)s;
	char *out = arena_alloc(a, len * 3 + 1), *o = out;
	uint32_t cp;
	size_t i;

	for (i = 0; i < len; i++) {
		cp = p[i] >= 0x80 && p[i] < 0xa0 ? c1[p[i] - 0x80] : p[i];
		if (cp < 0x80)
			*o++ = (char)cp;
		else if (cp < 0x800) {
			*o++ = (char)(0xc0 | cp >> 6);
			*o++ = (char)(0x80 | (cp & 0x3f));
		} else {
			*o++ = (char)(0xe0 | cp >> 12);
			*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
			*o++ = (char)(0x80 | (cp & 0x3f));
		}
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/* Lines end at LF, CRLF or a lone CR. */
static size_t
count_lines(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len ||
		    s[i + 1] != '\n')))
			n++;
	return len > 0 && s[len - 1] != '\n' && s[len - 1] != '\r' ?
	    n + 1 : n;
}

/* The line at *p: its start and length; *p moves past its end. */
static void
next_line(const char **p, const char *end, const char **line, size_t *len)
{
	const char *s = *p;

	*line = s;
	while (s < end && *s != '\n' && *s != '\r')
		s++;
	*len = (size_t)(s - *line);
	if (s < end && *s == '\r' && s + 1 < end && s[1] == '\n')
		s += 2;
	else if (s < end)
		s++;
	*p = s;
}

struct field {
	const char	*p;
	size_t		 len;
};

static bool
blank(char c, char sep)
{
	return c == ' ' || (c == '\t' && sep != '\t');
}

/*
 * Splits line s[0..len) at sep into at most max fields. A field may be
 * quoted ("a ""b"" c"), but not across lines; blanks around a field are
 * dropped. *nf counts every field, *extra is set if one beyond max is
 * not empty. False with *why for a broken quote.
 */
static bool
split(struct arena *a, const char *s, size_t len, char sep,
    struct field *f, size_t max, size_t *nf, bool *extra,
    enum import_why *why)
{
	const char *start;
	size_t i = 0, n = 0, flen, k;
	char *o;

	*extra = false;
	for (;;) {
		while (i < len && blank(s[i], sep))
			i++;
		if (i < len && s[i] == '"') {
			o = arena_alloc(a, len - i);
			k = 0;
			for (i++;; i++) {
				if (i == len) {
					*why = IMPORT_W_QUOTE;
					return false;
				}
				if (s[i] != '"')
					o[k++] = s[i];
				else if (i + 1 < len && s[i + 1] == '"')
					o[k++] = s[i++];
				else
					break;
			}
			for (i++; i < len && blank(s[i], sep); i++)
				;
			if (i < len && s[i] != sep) {
				*why = IMPORT_W_AFTER_QUOTE;
				return false;
			}
			start = o;
			flen = k;
		} else {
			start = s + i;
			while (i < len && s[i] != sep)
				i++;
			flen = (size_t)(s + i - start);
			while (flen > 0 && blank(start[flen - 1], sep))
				flen--;
		}
		if (n < max) {
			f[n].p = start;
			f[n].len = flen;
		} else if (flen > 0)
			*extra = true;
		n++;
		if (i >= len)
			break;
		i++;	/* the separator */
		if (i == len) {
			/* A separator at the end: one more, empty field. */
			if (n < max) {
				f[n].p = s + i;
				f[n].len = 0;
			}
			n++;
			break;
		}
	}
	*nf = n;
	return true;
}

/* The separator of the header: the most frequent of ';', ',' and tab. */
static char
detect_sep(const char *s, size_t len)
{
	size_t i, semi = 0, comma = 0, tab = 0;
	bool quoted = false;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (s[i] == ';')
			semi++;
		else if (s[i] == ',')
			comma++;
		else if (s[i] == '\t')
			tab++;
	}
	if (comma > semi && comma >= tab)
		return ',';
	if (tab > semi && tab > comma)
		return '\t';
	return ';';
}

/* The column of a header name: "Lägenhets-nummer" is "lagenhetsnummer". */
static int
header_col(struct arena *a, const char *name)
{
	char *k = addr_norm(a, name), *o, *p;
	size_t i;

	for (o = p = k; *p != '\0'; p++)
		if (*p != ' ')
			*o++ = *p;
	*o = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(k, aliases[i].key) == 0)
			return (int)aliases[i].col;
	return -1;
}

const char *
import_shown(struct arena *a, const char *s)
{
	size_t n = strlen(s);

	if (n <= IMPORT_VALUE_SHOWN)
		return s;
	n = IMPORT_VALUE_SHOWN;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return arena_printf(a, "%.*s\xe2\x80\xa6", (int)n, s);
}

/* Runs of blanks as one space. */
static char *
collapse(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (*s == ' ' && (o == out || o[-1] == ' '))
			continue;
		*o++ = *s;
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

struct reader {
	struct arena		*a;
	struct import_file	*f;
	int			 idx[IMPORT_NCOLS];	/* field, or -1 */
	struct field		 fl[IMPORT_MAX_COLUMNS];
	size_t			 nf;
};

/* Column c of the current line, NUL-terminated ("" if absent). */
static const char *
value(struct reader *rd, enum import_col c)
{
	int i = rd->idx[c];

	if (i < 0 || (size_t)i >= rd->nf)
		return "";
	return arena_strndup(rd->a, rd->fl[i].p, rd->fl[i].len);
}

static void
reject(struct import_file *f, size_t line, enum import_why why,
    const char *v)
{
	struct import_reject *r = &f->rejects[f->nrejects++];

	r->line = line;
	r->why = why;
	r->value = v != NULL ? v : "";
}

/* A number with its littera in one field: "12B", "12 b". */
static bool
split_number(const char *s, int *number, char lit[3])
{
	char digits[8];
	size_t i;

	for (i = 0; is_digit(s[i]) && i < sizeof(digits) - 1; i++)
		digits[i] = s[i];
	digits[i] = '\0';
	if (i == 0 || !import_check_number(digits, number))
		return false;
	while (s[i] == ' ')
		i++;
	return s[i] != '\0' && import_check_littera(s + i, lit);
}

/* Checks the current line's values; true and *r filled if they pass. */
static bool
row_read(struct reader *rd, size_t line, struct import_row *r)
{
	static const enum import_col required[] = { IMPORT_C_STREET,
	    IMPORT_C_NUMBER, IMPORT_C_POSTCODE, IMPORT_C_CITY };
	static const struct {
		enum import_col	 col;
		size_t		 max;
	} lens[] = {
		{ IMPORT_C_STREET, IMPORT_STREET_MAX },
		{ IMPORT_C_CITY, IMPORT_CITY_MAX },
		{ IMPORT_C_EXTERNAL_ID, IMPORT_EXTID_MAX },
		{ IMPORT_C_AREA, IMPORT_AREA_MAX },
		{ IMPORT_C_DISTINGUISHER, IMPORT_DIST_MAX },
	};
	struct import_file *f = rd->f;
	struct arena *a = rd->a;
	const char *v[IMPORT_NCOLS];
	char lit[3] = "", code[IMPORT_CODE_MAX + 1];
	size_t i;
	int k;

	memset(r, 0, sizeof(*r));
	r->line = line;
	for (i = 0; i < IMPORT_NCOLS; i++) {
		k = rd->idx[i];
		if (k >= 0 && (size_t)k < rd->nf &&
		    !text_ok(rd->fl[k].p, rd->fl[k].len)) {
			reject(f, line, IMPORT_W_CONTROL, col_names[i]);
			return false;
		}
		v[i] = value(rd, (enum import_col)i);
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (*v[required[i]] == '\0') {
			reject(f, line, IMPORT_W_MISSING,
			    col_names[required[i]]);
			return false;
		}
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
		if (strlen(v[lens[i].col]) > lens[i].max) {
			reject(f, line, IMPORT_W_TOO_LONG,
			    col_names[lens[i].col]);
			return false;
		}
	r->street = collapse(a, v[IMPORT_C_STREET]);
	r->street_norm = addr_norm(a, r->street);
	if (*r->street_norm == '\0') {
		reject(f, line, IMPORT_W_STREET, import_shown(a, r->street));
		return false;
	}
	/* "12B" in the number column, when there is no littera beside it. */
	if (import_check_number(v[IMPORT_C_NUMBER], &r->number)) {
		if (!import_check_littera(v[IMPORT_C_LITTERA], lit)) {
			reject(f, line, IMPORT_W_LITTERA,
			    import_shown(a, v[IMPORT_C_LITTERA]));
			return false;
		}
	} else if (*v[IMPORT_C_LITTERA] != '\0' ||
	    !split_number(v[IMPORT_C_NUMBER], &r->number, lit)) {
		reject(f, line, IMPORT_W_NUMBER,
		    import_shown(a, v[IMPORT_C_NUMBER]));
		return false;
	}
	r->littera = arena_strdup(a, lit);
	if (!import_check_postcode(v[IMPORT_C_POSTCODE], r->postcode)) {
		reject(f, line, IMPORT_W_POSTCODE,
		    import_shown(a, v[IMPORT_C_POSTCODE]));
		return false;
	}
	r->city = collapse(a, v[IMPORT_C_CITY]);
	if (*v[IMPORT_C_EXTERNAL_ID] != '\0')
		r->external_id = v[IMPORT_C_EXTERNAL_ID];
	if (*v[IMPORT_C_AREA] != '\0')
		r->area = collapse(a, v[IMPORT_C_AREA]);
	if (*v[IMPORT_C_APARTMENT] != '\0') {
		if (!import_check_apartment(v[IMPORT_C_APARTMENT])) {
			reject(f, line, IMPORT_W_APARTMENT,
			    import_shown(a, v[IMPORT_C_APARTMENT]));
			return false;
		}
		r->apartment = v[IMPORT_C_APARTMENT];
	}
	if (*v[IMPORT_C_OUTLET_CODE] != '\0') {
		if (!import_check_code(v[IMPORT_C_OUTLET_CODE], code)) {
			reject(f, line, IMPORT_W_CODE,
			    import_shown(a, v[IMPORT_C_OUTLET_CODE]));
			return false;
		}
		r->code = arena_strdup(a, code);
	}
	if (*v[IMPORT_C_OUTLET_STATUS] != '\0' &&
	    (r->status = import_check_status(v[IMPORT_C_OUTLET_STATUS])) ==
	    NULL) {
		reject(f, line, IMPORT_W_STATUS,
		    import_shown(a, v[IMPORT_C_OUTLET_STATUS]));
		return false;
	}
	if (*v[IMPORT_C_ACTIVE_FROM] != '\0') {
		if (!import_check_date(v[IMPORT_C_ACTIVE_FROM])) {
			reject(f, line, IMPORT_W_DATE,
			    import_shown(a, v[IMPORT_C_ACTIVE_FROM]));
			return false;
		}
		r->active_from = v[IMPORT_C_ACTIVE_FROM];
	}
	if (*v[IMPORT_C_DISTINGUISHER] != '\0')
		r->distinguisher = v[IMPORT_C_DISTINGUISHER];
	if (r->code == NULL && (r->apartment != NULL || r->status != NULL ||
	    r->active_from != NULL || r->distinguisher != NULL)) {
		reject(f, line, IMPORT_W_NO_CODE, "");
		return false;
	}
	return true;
}

/* Reads the header line: the separator and the columns. */
static bool
header(struct reader *rd, const char *s, size_t len)
{
	static const enum import_col required[] = { IMPORT_C_STREET,
	    IMPORT_C_NUMBER, IMPORT_C_POSTCODE, IMPORT_C_CITY };
	struct import_file *f = rd->f;
	enum import_why why;
	const char *name;
	bool extra;
	size_t i;
	int c;

	if (len > IMPORT_MAX_LINE) {
		f->fault = IMPORT_F_HEADER;
		return false;
	}
	f->sep = detect_sep(s, len);
	if (!split(rd->a, s, len, f->sep, rd->fl, IMPORT_MAX_COLUMNS, &rd->nf,
	    &extra, &why) || rd->nf > IMPORT_MAX_COLUMNS) {
		f->fault = IMPORT_F_HEADER;
		return false;
	}
	f->ignored = arena_calloc(rd->a, rd->nf, sizeof(*f->ignored));
	for (i = 0; i < rd->nf; i++) {
		name = arena_strndup(rd->a, rd->fl[i].p, rd->fl[i].len);
		if ((c = header_col(rd->a, name)) < 0) {
			if (*name != '\0' && import_check_text(name))
				f->ignored[f->nignored++] =
				    import_shown(rd->a, name);
			continue;
		}
		if (rd->idx[c] >= 0) {
			f->fault = IMPORT_F_DUPLICATE;
			f->fault_value = col_names[c];
			return false;
		}
		rd->idx[c] = (int)i;
		f->has[c] = true;
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!f->has[required[i]]) {
			f->fault = IMPORT_F_MISSING;
			f->fault_value = col_names[required[i]];
			return false;
		}
	return true;
}

int
import_parse(struct arena *a, const char *data, size_t len,
    const struct import_progress *pr, struct import_file *out)
{
	struct reader rd;
	const char *p, *end, *s;
	size_t line = 0, total, cap, hdr_fields, i, slen;
	enum import_why why;
	bool extra, empty;

	memset(out, 0, sizeof(*out));
	memset(&rd, 0, sizeof(rd));
	out->fault_value = "";
	out->sep = ';';
	rd.a = a;
	rd.f = out;
	for (i = 0; i < IMPORT_NCOLS; i++)
		rd.idx[i] = -1;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		out->bom = true;
		data += 3;
		len -= 3;
	}
	if (!utf8_ok((const unsigned char *)data, len)) {
		data = from_cp1252(a, data, len, &len);
		out->cp1252 = true;
	}
	total = count_lines(data, len);
	p = data;
	end = data + len;

	/* The header: the first line with anything on it. */
	do {
		if (p == end) {
			out->fault = IMPORT_F_EMPTY;
			return TJG_OK;
		}
		next_line(&p, end, &s, &slen);
		line++;
		for (i = 0; i < slen && (s[i] == ' ' || s[i] == '\t'); i++)
			;
	} while (i == slen);
	if (!header(&rd, s, slen))
		return TJG_OK;
	hdr_fields = rd.nf;

	cap = (total - line < IMPORT_MAX_ROWS ? total - line :
	    IMPORT_MAX_ROWS) + 1;
	out->rows = arena_calloc(a, cap, sizeof(*out->rows));
	out->rejects = arena_calloc(a, cap, sizeof(*out->rejects));
	while (p < end) {
		next_line(&p, end, &s, &slen);
		line++;
		if (line % PROGRESS_EVERY == 0)
			progress(pr, "read", line, total);
		for (i = 0; i < slen && blank(s[i], out->sep); i++)
			;
		if (i == slen)
			continue;
		if (slen <= IMPORT_MAX_LINE) {
			if (!split(a, s, slen, out->sep, rd.fl, hdr_fields,
			    &rd.nf, &extra, &why)) {
				if (++out->records > IMPORT_MAX_ROWS)
					goto too_many;
				if (out->nrows + out->nrejects + 1 >= cap)
					break;
				reject(out, line, why, "");
				continue;
			}
			/* ";;;;" from a spreadsheet's empty rows. */
			for (empty = !extra, i = 0; empty && i < rd.nf &&
			    i < hdr_fields; i++)
				empty = rd.fl[i].len == 0;
			if (empty)
				continue;
		}
		if (++out->records > IMPORT_MAX_ROWS)
			goto too_many;
		if (out->nrows + out->nrejects + 1 >= cap)
			break;	/* cannot happen: cap counts every line */
		if (slen > IMPORT_MAX_LINE)
			reject(out, line, IMPORT_W_LONG, "");
		else if (extra)
			reject(out, line, IMPORT_W_FIELDS,
			    arena_printf(a, "%zu", rd.nf));
		else if (row_read(&rd, line, &out->rows[out->nrows]))
			out->nrows++;
	}
	progress(pr, "read", total, total);
	return TJG_OK;
too_many:
	out->fault = IMPORT_F_TOO_MANY;
	out->nrows = out->nrejects = 0;
	return TJG_OK;
}
