/*
 * Volume reports, the pure part: periods in Swedish time, counts and
 * totals, and the CSV and XML documents (doc/reports.md,
 * doc/volumes.xsd).
 *
 * Periods are runs of whole Swedish calendar months. A month begins at
 * local midnight of its first day, which mktime() turns into the UTC
 * instant with the offset of that moment (CET or CEST): summer time
 * begins and ends at 01:00 UTC on the last Sunday of March and October,
 * never at a local midnight on the first, so no edge falls in a skipped
 * or repeated hour. The store counts orders per month against these
 * edges; quarters and the year are sums of months, which is exact.
 *
 * The documents hold no time of writing: the same parameters and the
 * same orders give the same bytes, from the console and from tjgctl.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/chvalid.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>

#include "err.h"
#include "report.h"

static const char *const kind_names[] = {
	[REPORT_MONTH] = "month",
	[REPORT_QUARTER] = "quarter",
	[REPORT_YEAR] = "year",
};

static const char *const count_names[REPORT_NCOUNTS] = {
	[REPORT_CREATED] = "created",
	[REPORT_ACTIVATED] = "activated",
	[REPORT_REJECTED] = "rejected",
	[REPORT_CANCELLED] = "cancelled",
};

int
report_kind_parse(const char *s, enum report_kind *out)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(kind_names) / sizeof(kind_names[0]);
	    i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum report_kind)i;
			return TJG_OK;
		}
	return TJG_EINVAL;
}

const char *
report_kind_name(enum report_kind k)
{
	return k <= REPORT_YEAR ? kind_names[k] : "?";
}

int
report_year_parse(const char *s, int *out)
{
	int y = 0, i;

	if (s == NULL || strlen(s) != 4)
		return TJG_EINVAL;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return TJG_EINVAL;
		y = y * 10 + (s[i] - '0');
	}
	if (y < REPORT_YEAR_MIN || y > REPORT_YEAR_MAX)
		return TJG_EINVAL;
	*out = y;
	return TJG_OK;
}

int
report_count_of_status(const char *status, enum report_count *out)
{
	enum report_count c;

	/* "created" is no status: only the final ones end a count. */
	for (c = REPORT_ACTIVATED; c < REPORT_NCOUNTS; c++)
		if (status != NULL && strcmp(status, count_names[c]) == 0) {
			*out = c;
			return TJG_OK;
		}
	return TJG_EINVAL;
}

const char *
report_count_name(enum report_count c)
{
	return c < REPORT_NCOUNTS ? count_names[c] : "?";
}

/* ---------------------------------------------------------------- */
/* Periods                                                           */
/* ---------------------------------------------------------------- */

/* The Swedish date of instant t, "YYYY-MM-DD". */
static int
local_date(time_t t, char out[11])
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		return TJG_EINTERNAL;
	return TJG_OK;
}

int
report_span_init(struct report_span *s, int year, enum report_kind kind)
{
	struct report_period *p;
	struct tm tm;
	size_t i, months;
	int m, len;

	if (year < REPORT_YEAR_MIN || year > REPORT_YEAR_MAX ||
	    kind > REPORT_YEAR)
		return TJG_EINVAL;
	memset(s, 0, sizeof(*s));
	s->year = year;
	s->kind = kind;
	for (m = 0; m <= REPORT_MONTHS; m++) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = year - 1900 + m / REPORT_MONTHS;
		tm.tm_mon = m % REPORT_MONTHS;
		tm.tm_mday = 1;
		tm.tm_isdst = -1;	/* the offset of that moment */
		if ((s->edge[m] = mktime(&tm)) == (time_t)-1)
			return TJG_EINTERNAL;
		/* A midnight that did not exist would have moved. */
		if (localtime_r(&s->edge[m], &tm) == NULL || tm.tm_mday != 1 ||
		    tm.tm_hour != 0 || tm.tm_min != 0 || tm.tm_sec != 0)
			return TJG_EINTERNAL;
		if (gmtime_r(&s->edge[m], &tm) == NULL ||
		    strftime(s->edge_sql[m], REPORT_SQL_LEN,
		    "%Y-%m-%d %H:%M:%S", &tm) != REPORT_SQL_LEN - 1)
			return TJG_EINTERNAL;
	}
	months = kind == REPORT_MONTH ? 1 : kind == REPORT_QUARTER ? 3 : 12;
	s->nperiods = REPORT_MONTHS / months;
	for (i = 0; i < s->nperiods; i++) {
		p = &s->period[i];
		p->num = (int)i + 1;
		p->start = s->edge[i * months];
		p->end = s->edge[(i + 1) * months];
		if (kind == REPORT_MONTH)
			len = snprintf(p->id, sizeof(p->id), "%04d-%02d", year,
			    p->num);
		else if (kind == REPORT_QUARTER)
			len = snprintf(p->id, sizeof(p->id), "%04d-Q%d", year,
			    p->num);
		else
			len = snprintf(p->id, sizeof(p->id), "%04d", year);
		/* The last day is the one of the period's last second. */
		if (len < 0 || (size_t)len >= sizeof(p->id) ||
		    local_date(p->start, p->from) != TJG_OK ||
		    local_date(p->end - 1, p->to) != TJG_OK)
			return TJG_EINTERNAL;
	}
	return TJG_OK;
}

size_t
report_period_of(const struct report_span *s, int month)
{
	return (size_t)month / (REPORT_MONTHS / s->nperiods);
}

/* ---------------------------------------------------------------- */
/* Counts                                                            */
/* ---------------------------------------------------------------- */

int
report_init(struct report *r, struct arena *a, const char *network,
    const char *provider, int year, enum report_kind kind)
{
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->network = arena_strdup(a, network != NULL ? network : "");
	r->provider = arena_strdup(a, provider);
	return report_span_init(&r->span, year, kind);
}

int
report_add_service(struct report *r, const char *provider_slug,
    const char *provider_name, long long id, const char *name,
    const char *category)
{
	struct report_provider *p, *np;
	struct report_service *ns;
	size_t i;

	if (r->counts != NULL || provider_slug == NULL)
		return TJG_EINVAL;
	if (r->nproviders == 0 || strcmp(r->providers[r->nproviders -
	    1].slug, provider_slug) != 0) {
		for (i = 0; i < r->nproviders; i++)
			if (strcmp(r->providers[i].slug, provider_slug) == 0)
				return TJG_EINVAL;
		if (r->nproviders == r->capp) {
			r->capp = r->capp ? r->capp * 2 : 8;
			np = arena_calloc(r->a, r->capp, sizeof(*np));
			if (r->nproviders > 0)
				memcpy(np, r->providers, r->nproviders *
				    sizeof(*np));
			r->providers = np;
		}
		p = &r->providers[r->nproviders++];
		p->slug = arena_strdup(r->a, provider_slug);
		p->name = arena_strdup(r->a, provider_name != NULL ?
		    provider_name : "");
		p->first = r->nservices;
	}
	p = &r->providers[r->nproviders - 1];
	if (r->nservices == r->caps) {
		r->caps = r->caps ? r->caps * 2 : 16;
		ns = arena_calloc(r->a, r->caps, sizeof(*ns));
		if (r->nservices > 0)
			memcpy(ns, r->services, r->nservices * sizeof(*ns));
		r->services = ns;
	}
	ns = &r->services[r->nservices++];
	ns->id = id;
	ns->name = arena_strdup(r->a, name != NULL ? name : "");
	ns->category = arena_strdup(r->a, category != NULL ? category : "");
	ns->provider = r->nproviders - 1;
	p->n++;
	return TJG_OK;
}

static int
key_cmp(const void *a, const void *b)
{
	const struct report_key *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The counts and the index by id, once the catalogue is complete. */
static int
counts_open(struct report *r)
{
	size_t i;

	r->keys = arena_calloc(r->a, r->nservices + 1, sizeof(*r->keys));
	for (i = 0; i < r->nservices; i++) {
		r->keys[i].id = r->services[i].id;
		r->keys[i].service = i;
	}
	qsort(r->keys, r->nservices, sizeof(*r->keys), key_cmp);
	for (i = 1; i < r->nservices; i++)
		if (r->keys[i].id == r->keys[i - 1].id)
			return TJG_EINVAL;
	r->counts = arena_calloc(r->a, r->span.nperiods * r->nservices *
	    REPORT_NCOUNTS + 1, sizeof(*r->counts));
	return TJG_OK;
}

static long long *
cell(const struct report *r, size_t p, size_t s)
{
	return &r->counts[(p * r->nservices + s) * REPORT_NCOUNTS];
}

int
report_add(struct report *r, int month, long long id, enum report_count c,
    long long n)
{
	struct report_key key, *k;
	int rc;

	if (month < 0 || month >= REPORT_MONTHS || c >= REPORT_NCOUNTS ||
	    n < 0)
		return TJG_EINVAL;
	if (r->counts == NULL && (rc = counts_open(r)) != TJG_OK)
		return rc;
	key.id = id;
	if ((k = bsearch(&key, r->keys, r->nservices, sizeof(*r->keys),
	    key_cmp)) == NULL)
		return TJG_EINVAL;
	cell(r, report_period_of(&r->span, month), k->service)[c] += n;
	return TJG_OK;
}

const long long *
report_cell(const struct report *r, size_t p, size_t s)
{
	static const long long none[REPORT_NCOUNTS];

	if (r->counts == NULL || p >= r->span.nperiods || s >= r->nservices)
		return none;
	return cell(r, p, s);
}

void
report_sum(const struct report *r, size_t p, size_t provider,
    long long out[REPORT_NCOUNTS])
{
	const long long *v;
	size_t i, s, first = 0, last = r->nservices;
	int c;

	memset(out, 0, REPORT_NCOUNTS * sizeof(*out));
	if (provider != REPORT_ALL) {
		if (provider >= r->nproviders)
			return;
		first = r->providers[provider].first;
		last = first + r->providers[provider].n;
	}
	for (i = 0; i < r->span.nperiods; i++) {
		if (p != REPORT_ALL && p != i)
			continue;
		for (s = first; s < last; s++) {
			v = report_cell(r, i, s);
			for (c = 0; c < REPORT_NCOUNTS; c++)
				out[c] += v[c];
		}
	}
}

bool
report_zero(const long long n[REPORT_NCOUNTS])
{
	int c;

	for (c = 0; c < REPORT_NCOUNTS; c++)
		if (n[c] != 0)
			return false;
	return true;
}

/* ---------------------------------------------------------------- */
/* CSV                                                               */
/* ---------------------------------------------------------------- */

#define CSV_SEP		';'
#define CSV_EOL		"\r\n"
#define CSV_BOM		"\xef\xbb\xbf"

void
report_csv_field(struct buf *out, const char *s)
{
	const char *p;
	size_t len;
	bool guard, quote;

	if (s == NULL)
		s = "";
	len = strlen(s);
	guard = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	quote = strpbrk(s, ";\"\r\n") != NULL ||
	    (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
	if (quote)
		buf_addc(out, '"');
	if (guard)
		buf_addc(out, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(out, '"');
		buf_addc(out, *p);
	}
	if (quote)
		buf_addc(out, '"');
}

/*
 * One row: what, the period (id, first and last day), the provider and
 * the service when there is one (NULL, 0 otherwise), the counts.
 */
static void
csv_row(struct buf *out, const char *what, const char *id, const char *from,
    const char *to, const struct report_provider *p,
    const struct report_service *s, const long long n[REPORT_NCOUNTS])
{
	const char *text[] = {
		what, id, from, to, p != NULL ? p->slug : "",
		p != NULL ? p->name : "",
	};
	size_t i;
	int c;

	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		report_csv_field(out, text[i]);
		buf_addc(out, CSV_SEP);
	}
	if (s != NULL)
		buf_addf(out, "%lld", s->id);
	buf_addc(out, CSV_SEP);
	report_csv_field(out, s != NULL ? s->name : "");
	buf_addc(out, CSV_SEP);
	report_csv_field(out, s != NULL ? s->category : "");
	for (c = 0; c < REPORT_NCOUNTS; c++)
		buf_addf(out, "%c%lld", CSV_SEP, n[c]);
	buf_adds(out, CSV_EOL);
}

int
report_csv(const struct report *r, struct buf *out)
{
	const struct report_span *sp = &r->span;
	const struct report_period *per;
	const struct report_provider *p;
	long long sum[REPORT_NCOUNTS];
	char year[8];
	size_t i, j, s;
	int c;

	buf_adds(out, CSV_BOM "row;period;from;to;provider;provider_name;"
	    "service_id;service;category");
	for (c = 0; c < REPORT_NCOUNTS; c++)
		buf_addf(out, "%c%s", CSV_SEP, count_names[c]);
	buf_adds(out, CSV_EOL);
	for (i = 0; i < sp->nperiods; i++) {
		per = &sp->period[i];
		for (j = 0; j < r->nproviders; j++) {
			p = &r->providers[j];
			report_sum(r, i, j, sum);
			if (report_zero(sum))
				continue;
			for (s = p->first; s < p->first + p->n; s++)
				if (!report_zero(report_cell(r, i, s)))
					csv_row(out, "service", per->id,
					    per->from, per->to, p,
					    &r->services[s],
					    report_cell(r, i, s));
			csv_row(out, "provider", per->id, per->from, per->to,
			    p, NULL, sum);
		}
		report_sum(r, i, REPORT_ALL, sum);
		csv_row(out, "total", per->id, per->from, per->to, NULL, NULL,
		    sum);
	}
	/* With one period it is the year, already written. */
	if (sp->nperiods > 1) {
		snprintf(year, sizeof(year), "%04d", sp->year);
		for (j = 0; j < r->nproviders; j++) {
			report_sum(r, REPORT_ALL, j, sum);
			if (!report_zero(sum))
				csv_row(out, "provider", year,
				    sp->period[0].from,
				    sp->period[sp->nperiods - 1].to,
				    &r->providers[j], NULL, sum);
		}
		report_sum(r, REPORT_ALL, REPORT_ALL, sum);
		csv_row(out, "total", year, sp->period[0].from,
		    sp->period[sp->nperiods - 1].to, NULL, NULL, sum);
	}
	return TJG_OK;
}

/* ---------------------------------------------------------------- */
/* XML                                                               */
/* ---------------------------------------------------------------- */

struct xml {
	xmlTextWriterPtr	 w;
	struct buf		 tmp;	/* a value being cleaned */
};

static int
xml_out(void *ctx, const char *p, int n)
{
	if (n > 0)
		buf_add(ctx, p, (size_t)n);
	return n;
}

/*
 * s itself when XML 1.0 can carry it, else a copy in x->tmp with each
 * malformed byte and each character XML cannot carry made U+FFFD.
 */
static const char *
clean(struct xml *x, const char *s)
{
	const unsigned char *p;
	int c, len;

	for (p = (const unsigned char *)s; *p != '\0'; p += len) {
		len = 4;
		if ((c = xmlGetUTF8Char(p, &len)) < 0 || !xmlIsCharQ(c))
			break;
	}
	if (*p == '\0')
		return s;
	buf_reset(&x->tmp);
	for (p = (const unsigned char *)s; *p != '\0'; p += len) {
		len = 4;
		if ((c = xmlGetUTF8Char(p, &len)) < 0 || !xmlIsCharQ(c)) {
			buf_adds(&x->tmp, "\xef\xbf\xbd");
			len = c < 0 ? 1 : len;
		} else
			buf_add(&x->tmp, p, (size_t)len);
	}
	return buf_str(&x->tmp);
}

static int
attr(struct xml *x, const char *name, const char *value)
{
	return xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
	    BAD_CAST clean(x, value != NULL ? value : "")) < 0 ? -1 : 0;
}

static int
attr_num(struct xml *x, const char *name, long long v)
{
	return xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST name, "%lld",
	    v) < 0 ? -1 : 0;
}

static int
counts(struct xml *x, const long long n[REPORT_NCOUNTS])
{
	int c;

	for (c = 0; c < REPORT_NCOUNTS; c++)
		if (attr_num(x, count_names[c], n[c]) != 0)
			return -1;
	return 0;
}

static int
start(struct xml *x, const char *name)
{
	return xmlTextWriterStartElement(x->w, BAD_CAST name) < 0 ? -1 : 0;
}

static int
end(struct xml *x)
{
	return xmlTextWriterEndElement(x->w) < 0 ? -1 : 0;
}

/* <provider slug name counts>, left open. */
static int
provider_start(struct xml *x, const struct report_provider *p,
    const long long n[REPORT_NCOUNTS])
{
	return start(x, "provider") != 0 || attr(x, "slug", p->slug) != 0 ||
	    attr(x, "name", p->name) != 0 || counts(x, n) != 0 ? -1 : 0;
}

/* <period> with its providers and their services. */
static int
xml_period(struct xml *x, const struct report *r, size_t i)
{
	const struct report_period *per = &r->span.period[i];
	const struct report_provider *p;
	const struct report_service *sv;
	long long sum[REPORT_NCOUNTS];
	size_t j, s;

	report_sum(r, i, REPORT_ALL, sum);
	if (start(x, "period") != 0 || attr(x, "id", per->id) != 0 ||
	    attr(x, "from", per->from) != 0 || attr(x, "to", per->to) != 0 ||
	    counts(x, sum) != 0)
		return -1;
	for (j = 0; j < r->nproviders; j++) {
		p = &r->providers[j];
		report_sum(r, i, j, sum);
		if (report_zero(sum))
			continue;
		if (provider_start(x, p, sum) != 0)
			return -1;
		for (s = p->first; s < p->first + p->n; s++) {
			sv = &r->services[s];
			if (report_zero(report_cell(r, i, s)))
				continue;
			if (start(x, "service") != 0 ||
			    attr_num(x, "id", sv->id) != 0 ||
			    attr(x, "name", sv->name) != 0 ||
			    attr(x, "category", sv->category) != 0 ||
			    counts(x, report_cell(r, i, s)) != 0 ||
			    end(x) != 0)
				return -1;
		}
		if (end(x) != 0)
			return -1;
	}
	return end(x);
}

/* <year> with each provider's total. */
static int
xml_year(struct xml *x, const struct report *r)
{
	const struct report_span *sp = &r->span;
	long long sum[REPORT_NCOUNTS];
	char year[8];
	size_t j;

	snprintf(year, sizeof(year), "%04d", sp->year);
	report_sum(r, REPORT_ALL, REPORT_ALL, sum);
	if (start(x, "year") != 0 || attr(x, "id", year) != 0 ||
	    attr(x, "from", sp->period[0].from) != 0 ||
	    attr(x, "to", sp->period[sp->nperiods - 1].to) != 0 ||
	    counts(x, sum) != 0)
		return -1;
	for (j = 0; j < r->nproviders; j++) {
		report_sum(r, REPORT_ALL, j, sum);
		if (report_zero(sum))
			continue;
		if (provider_start(x, &r->providers[j], sum) != 0 ||
		    end(x) != 0)
			return -1;
	}
	return end(x);
}

int
report_xml(const struct report *r, struct buf *out)
{
	xmlOutputBufferPtr ob;
	struct xml x;
	char year[8];
	size_t i;
	int rc = TJG_EINTERNAL;

	xmlInitParser();
	memset(&x, 0, sizeof(x));
	buf_init(&x.tmp);
	if ((ob = xmlOutputBufferCreateIO(xml_out, NULL, out, NULL)) == NULL)
		goto out;
	/* The writer owns ob from here on, also when it fails. */
	if ((x.w = xmlNewTextWriter(ob)) == NULL)
		goto out;
	snprintf(year, sizeof(year), "%04d", r->span.year);
	if (xmlTextWriterSetIndent(x.w, 1) < 0 ||
	    xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(x.w, NULL, BAD_CAST "volumes",
	    BAD_CAST REPORT_NS) < 0 ||
	    attr(&x, "network", r->network) != 0 ||
	    attr(&x, "year", year) != 0 ||
	    attr(&x, "period", report_kind_name(r->span.kind)) != 0 ||
	    attr(&x, "timeZone", REPORT_TZ) != 0 ||
	    (r->provider != NULL && attr(&x, "provider", r->provider) != 0))
		goto out;
	for (i = 0; i < r->span.nperiods; i++)
		if (xml_period(&x, r, i) != 0)
			goto out;
	if (xml_year(&x, r) != 0 || xmlTextWriterEndDocument(x.w) < 0 ||
	    xmlTextWriterFlush(x.w) < 0)
		goto out;
	rc = TJG_OK;
out:
	if (x.w != NULL)
		xmlFreeTextWriter(x.w);
	buf_free(&x.tmp);
	return rc;
}

const char *
report_filename(struct arena *a, const struct report *r, const char *ext)
{
	char *name, *p;

	name = arena_printf(a, "volumes-%s-%04d-%s%s%s.%s", r->network,
	    r->span.year, report_kind_name(r->span.kind),
	    r->provider != NULL ? "-" : "",
	    r->provider != NULL ? r->provider : "", ext);
	for (p = name; *p != '\0'; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *p) == NULL)
			*p = '_';
	return name;
}

const char *
report_audit_detail(struct arena *a, const struct report *r,
    const char *format)
{
	return arena_printf(a, "format=%s year=%04d period=%s provider=%s",
	    format, r->span.year, report_kind_name(r->span.kind),
	    r->provider != NULL ? r->provider : "all");
}
