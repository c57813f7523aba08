/*
 * The console's volume reports (doc/reports.md): orders per provider,
 * service and period of a year, counted by created, activated, rejected
 * and cancelled, as a page with a bar chart of the created orders per
 * period (geometry from lib/chart.c, drawn as SVG by the template) and
 * the same numbers as tables, and as CSV and XML downloads written by
 * lib/report.c exactly as tjgctl report volumes writes them. Every
 * download is audited ("report.export"). Administrators only (main.c);
 * the report is of the request's network.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "clock.h"
#include "console.h"
#include "db.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "report.h"
#include "store_report.h"
#include "tmpl.h"

#define CHART_WIDTH	600
#define CHART_HEIGHT	200

/* The parameters of a report, checked. */
struct report_query {
	int			 year;
	enum report_kind	 kind;
	long long		 provider;	/* 0: all */
	const char		*slug;		/* the provider's, or NULL */
	const char		*name;		/* likewise */
};

/* Collects tmpl_set results: the first failure sticks. */
static bool
given(const struct pval *v)
{
	return v->set && v->len > 0;
}

/* The current Swedish year, within the reports' range. */
static int
this_year(int *year)
{
	struct tm tm;
	time_t now;
	int rc;

	if ((rc = clock_now(&now)) != TJG_OK)
		return rc;
	if (localtime_r(&now, &tm) == NULL)
		return TJG_EINTERNAL;
	*year = tm.tm_year + 1900;
	if (*year < REPORT_YEAR_MIN)
		*year = REPORT_YEAR_MIN;
	if (*year > REPORT_YEAR_MAX)
		*year = REPORT_YEAR_MAX;
	return TJG_OK;
}

/*
 * Checks the parameters into q and puts the form: Filter.* as typed (or
 * the defaults: this year, months, every provider) and Providers.N.*.
 * A bad one sets *bad and its Form.errors entry.
 */
static int
read_query(struct request *r, struct report_query *q, bool *bad)
{
	const struct pval *p = r->p;
	struct report_choice *c;
	size_t i, n;
	int rc;

	memset(q, 0, sizeof(*q));
	*bad = false;
	if (given(&p[AREPORTS_YEAR])) {
		if (report_year_parse(p[AREPORTS_YEAR].s, &q->year) != TJG_OK) {
			*bad = true;
			if ((rc = admin_error(r, "year",
			    "admin.reports.err.year")) != TJG_OK)
				return rc;
		}
		rc = tmpl_set(r->tmpl, "Filter.year", p[AREPORTS_YEAR].s);
	} else if ((rc = this_year(&q->year)) == TJG_OK)
		rc = tmpl_set_int(r->tmpl, "Filter.year", q->year);
	if (rc != TJG_OK)
		return rc;

	q->kind = REPORT_MONTH;
	if (given(&p[AREPORTS_PERIOD]) &&
	    report_kind_parse(p[AREPORTS_PERIOD].s, &q->kind) != TJG_OK) {
		*bad = true;
		if ((rc = admin_error(r, "period",
		    "admin.reports.err.period")) != TJG_OK)
			return rc;
	}
	if ((rc = tmpl_set(r->tmpl, "Filter.period",
	    given(&p[AREPORTS_PERIOD]) ? p[AREPORTS_PERIOD].s :
	    report_kind_name(q->kind))) != TJG_OK)
		return rc;

	if ((rc = store_report_providers(r->db, r->a, r->network_id, &c,
	    &n)) != TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		hputf(r, &rc, c[i].slug, "Providers.%zu.slug", i);
		hputf(r, &rc, c[i].name, "Providers.%zu.name", i);
		if (given(&p[AREPORTS_PROVIDER]) &&
		    strcmp(c[i].slug, p[AREPORTS_PROVIDER].s) == 0) {
			hputf(r, &rc, "1", "Providers.%zu.selected", i);
			q->provider = c[i].id;
			q->slug = c[i].slug;
			q->name = c[i].name;
		}
	}
	if (rc != TJG_OK)
		return rc;
	if (given(&p[AREPORTS_PROVIDER]) && q->provider == 0) {
		*bad = true;
		if ((rc = admin_error(r, "provider",
		    "admin.reports.err.provider")) != TJG_OK)
			return rc;
	}
	return tmpl_set(r->tmpl, "Filter.provider",
	    given(&p[AREPORTS_PROVIDER]) ? p[AREPORTS_PROVIDER].s : "");
}

/*
 * Reads the report of q in a transaction, which is left open for the
 * caller to end with done() (or db_rollback), so that all statements see
 * one snapshot and an export is audited in it.
 */
static int
load(struct request *r, const struct report_query *q, struct report *rep)
{
	int rc;

	if ((rc = report_init(rep, r->a, r->network_slug, q->slug, q->year,
	    q->kind)) != TJG_OK ||
	    (rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_report_volumes(r->db, rep, r->network_id,
	    q->provider)) != TJG_OK)
		db_rollback(r->db);
	return rc;
}

/* Ends load()'s transaction; an export in format is audited first. */
static int
done(struct request *r, const struct report *rep, const char *format)
{
	int rc = TJG_OK;

	if (format != NULL)
		rc = console_audit(r, "report.export", "report", "volumes",
		    report_audit_detail(r->a, rep, format));
	if (rc == TJG_OK)
		rc = db_commit(r->db);
	if (rc != TJG_OK)
		db_rollback(r->db);
	return rc;
}

/* prefix.created, .activated, .rejected, .cancelled */
static void
put_counts(struct request *r, int *rc, const long long n[REPORT_NCOUNTS],
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
put_counts(struct request *r, int *rc, const long long n[REPORT_NCOUNTS],
    const char *fmt, ...)
{
	char prefix[120];
	va_list ap;
	int c, len;

	va_start(ap, fmt);
	len = vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	if (*rc == TJG_OK && (len < 0 || (size_t)len >= sizeof(prefix)))
		*rc = TJG_EINTERNAL;
	for (c = 0; c < REPORT_NCOUNTS; c++)
		hputf(r, rc, hnum(r, n[c]), "%s.%s", prefix,
		    report_count_name((enum report_count)c));
}

/* Chart.* and each period's bar, of the created orders per period. */
static int
put_chart(struct request *r, const struct report *rep)
{
	long long values[REPORT_MONTHS], sum[REPORT_NCOUNTS];
	struct chart_bar bars[REPORT_MONTHS];
	struct chart c;
	size_t i;
	int rc = TJG_OK;

	for (i = 0; i < rep->span.nperiods; i++) {
		report_sum(rep, i, REPORT_ALL, sum);
		values[i] = sum[REPORT_CREATED];
	}
	if (chart_layout(values, rep->span.nperiods, CHART_WIDTH,
	    CHART_HEIGHT, &c, bars) != 0)
		return TJG_EINTERNAL;
	hput(r, &rc, "Chart.width", hnum(r, c.width));
	hput(r, &rc, "Chart.height", hnum(r, c.height));
	hput(r, &rc, "Chart.left", hnum(r, c.left));
	hput(r, &rc, "Chart.right", hnum(r, c.right));
	hput(r, &rc, "Chart.top", hnum(r, c.top));
	hput(r, &rc, "Chart.base", hnum(r, c.base));
	hput(r, &rc, "Chart.label_x", hnum(r, c.left - 6));
	hput(r, &rc, "Chart.label_y", hnum(r, c.base + 16));
	for (i = 0; i < c.nticks; i++) {
		hputf(r, &rc, hnum(r, c.ticks[i].value),
		    "Chart.ticks.%zu.value", i);
		hputf(r, &rc, hnum(r, c.ticks[i].y), "Chart.ticks.%zu.y", i);
		hputf(r, &rc, hnum(r, c.ticks[i].y + 4), "Chart.ticks.%zu.ty",
		    i);
	}
	for (i = 0; i < rep->span.nperiods; i++) {
		hputf(r, &rc, hnum(r, bars[i].x), "Periods.%zu.x", i);
		hputf(r, &rc, hnum(r, bars[i].y), "Periods.%zu.y", i);
		hputf(r, &rc, hnum(r, bars[i].w), "Periods.%zu.w", i);
		hputf(r, &rc, hnum(r, bars[i].h), "Periods.%zu.h", i);
		hputf(r, &rc, hnum(r, bars[i].cx), "Periods.%zu.cx", i);
	}
	return rc;
}

/*
 * Report.*; Periods.N.* (id, num, from, to, the counts, and rows.M.*:
 * each service with orders, kind "service", then its provider's total,
 * kind "provider"); Year.* and YearProviders.N.*.
 */
static int
put_report(struct request *r, const struct report *rep,
    const struct report_query *q)
{
	const struct report_period *per;
	const struct report_provider *p;
	const struct report_service *sv;
	long long sum[REPORT_NCOUNTS];
	size_t i, j, s, m, k = 0;
	int rc = TJG_OK;

	hput(r, &rc, "Report.year", hnum(r, rep->span.year));
	hput(r, &rc, "Report.kind", report_kind_name(rep->span.kind));
	hput(r, &rc, "Report.provider", q->name);
	for (i = 0; i < rep->span.nperiods; i++) {
		per = &rep->span.period[i];
		hputf(r, &rc, per->id, "Periods.%zu.id", i);
		hputf(r, &rc, hnum(r, per->num), "Periods.%zu.num", i);
		hputf(r, &rc, per->from, "Periods.%zu.from", i);
		hputf(r, &rc, per->to, "Periods.%zu.to", i);
		report_sum(rep, i, REPORT_ALL, sum);
		put_counts(r, &rc, sum, "Periods.%zu", i);
		m = 0;
		for (j = 0; j < rep->nproviders; j++) {
			p = &rep->providers[j];
			report_sum(rep, i, j, sum);
			if (report_zero(sum))
				continue;
			for (s = p->first; s < p->first + p->n; s++) {
				sv = &rep->services[s];
				if (report_zero(report_cell(rep, i, s)))
					continue;
				hputf(r, &rc, "service",
				    "Periods.%zu.rows.%zu.kind", i, m);
				hputf(r, &rc, p->name,
				    "Periods.%zu.rows.%zu.provider", i, m);
				hputf(r, &rc, sv->name,
				    "Periods.%zu.rows.%zu.service", i, m);
				hputf(r, &rc, sv->category,
				    "Periods.%zu.rows.%zu.category", i, m);
				put_counts(r, &rc, report_cell(rep, i, s),
				    "Periods.%zu.rows.%zu", i, m);
				m++;
			}
			hputf(r, &rc, "provider", "Periods.%zu.rows.%zu.kind",
			    i, m);
			hputf(r, &rc, p->name, "Periods.%zu.rows.%zu.provider",
			    i, m);
			put_counts(r, &rc, sum, "Periods.%zu.rows.%zu", i, m);
			m++;
		}
	}
	hput(r, &rc, "Year.from", rep->span.period[0].from);
	hput(r, &rc, "Year.to", rep->span.period[rep->span.nperiods - 1].to);
	report_sum(rep, REPORT_ALL, REPORT_ALL, sum);
	put_counts(r, &rc, sum, "Year");
	for (j = 0; j < rep->nproviders; j++) {
		report_sum(rep, REPORT_ALL, j, sum);
		if (report_zero(sum))
			continue;
		hputf(r, &rc, rep->providers[j].slug, "YearProviders.%zu.slug",
		    k);
		hputf(r, &rc, rep->providers[j].name, "YearProviders.%zu.name",
		    k);
		put_counts(r, &rc, sum, "YearProviders.%zu", k);
		k++;
	}
	if (rc != TJG_OK)
		return rc;
	return put_chart(r, rep);
}

/* The address of a download of q in format ext. */
static const char *
download_url(struct request *r, const struct report_query *q,
    const char *ext)
{
	struct buf b;
	const char *u;

	buf_init(&b);
	http_form_add(&b, "year", hnum(r, q->year));
	http_form_add(&b, "period", report_kind_name(q->kind));
	if (q->slug != NULL)
		http_form_add(&b, "provider", q->slug);
	u = arena_printf(r->a, "%s/admin/reports/volumes.%s?%s",
	    strcmp(r->lang, "en") == 0 ? "/en" : "", ext, buf_str(&b));
	buf_free(&b);
	return u;
}

int
h_admin_reports(struct request *r)
{
	struct report_query q;
	struct report rep;
	bool bad;
	int rc;

	if ((rc = read_query(r, &q, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return admin_render(r, "admin/reports.cs", "reports");
	}
	if ((rc = load(r, &q, &rep)) != TJG_OK ||
	    (rc = done(r, &rep, NULL)) != TJG_OK ||
	    (rc = put_report(r, &rep, &q)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Download.csv", download_url(r, &q,
	    "csv"))) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Download.xml", download_url(r, &q,
	    "xml"))) != TJG_OK)
		return rc;
	return admin_render(r, "admin/reports.cs", "reports");
}

/* A download in format ext ("csv", "xml"); bad parameters: the form. */
static int
download(struct request *r, const char *ext)
{
	struct report_query q;
	struct report rep;
	struct buf body;
	bool bad, csv = strcmp(ext, "csv") == 0;
	int rc;

	if ((rc = read_query(r, &q, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return admin_render(r, "admin/reports.cs", "reports");
	}
	if ((rc = load(r, &q, &rep)) != TJG_OK)
		return rc;
	/* Written before the audit, so only a complete file is recorded. */
	buf_init(&body);
	if ((rc = csv ? report_csv(&rep, &body) : report_xml(&rep, &body)) !=
	    TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	if ((rc = done(r, &rep, ext)) != TJG_OK ||
	    (rc = resp_header(r, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"%s\"", report_filename(r->a, &rep,
	    ext)))) != TJG_OK)
		goto out;
	r->resp.ctype = csv ? "text/csv; charset=utf-8" :
	    "application/xml; charset=utf-8";
	buf_reset(&r->resp.body);
	buf_add(&r->resp.body, buf_str(&body), body.len);
out:
	buf_free(&body);
	return rc;
}

int
h_admin_reports_csv(struct request *r)
{
	return download(r, "csv");
}

int
h_admin_reports_xml(struct request *r)
{
	return download(r, "xml");
}
