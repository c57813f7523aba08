/*
 * Volume reports, the pure part (doc/reports.md): the periods of a year
 * in Swedish time, the counts of orders per period and service, their
 * totals, and the CSV and XML documents. No SQL here: store_report.c
 * fills a report from the anonymous columns of orders; the console and
 * tjgctl write it with the same functions, so the same parameters give
 * the same bytes.
 *
 * What is counted in a period [start, end):
 *   created    orders whose created_at lies in it;
 *   activated  orders now "activated" whose final_at lies in it;
 *   rejected   orders now "rejected" whose final_at lies in it;
 *   cancelled  orders now "cancelled" whose final_at lies in it.
 * Final states absorb and final_at is set once, so each order is created
 * in one period and ends in at most one; the two may differ.
 */
#ifndef TJG_REPORT_H
#define TJG_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "buf.h"

#define REPORT_NS		"urn:tjansteguiden:volumes:1"
#define REPORT_TZ		"Europe/Stockholm"
#define REPORT_YEAR_MIN		2000
#define REPORT_YEAR_MAX		2999
#define REPORT_MONTHS		12
#define REPORT_SQL_LEN		20	/* "YYYY-MM-DD HH:MM:SS" and NUL */
/* report_sum(): every period, or every provider. */
#define REPORT_ALL		((size_t)-1)

enum report_kind { REPORT_MONTH, REPORT_QUARTER, REPORT_YEAR };

enum report_count {
	REPORT_CREATED, REPORT_ACTIVATED, REPORT_REJECTED, REPORT_CANCELLED,
	REPORT_NCOUNTS
};

/* "month", "quarter", "year": TJG_OK or TJG_EINVAL. */
int	 report_kind_parse(const char *s, enum report_kind *out);
const char *report_kind_name(enum report_kind);

/*
 * A year of four decimal digits within REPORT_YEAR_MIN..REPORT_YEAR_MAX
 * (nothing else: no sign, no spaces): TJG_OK or TJG_EINVAL.
 */
int	 report_year_parse(const char *s, int *out);

/* The count a final status adds to: TJG_OK or TJG_EINVAL. */
int	 report_count_of_status(const char *status, enum report_count *out);

/* The column name of a count: "created", "activated", ... */
const char *report_count_name(enum report_count);

struct report_period {
	char		 id[16];	/* "2026-01", "2026-Q1" or "2026" */
	int		 num;		/* month 1..12, quarter 1..4, or 1 */
	char		 from[11];	/* first Swedish day, "YYYY-MM-DD" */
	char		 to[11];	/* last Swedish day (inclusive) */
	time_t		 start, end;	/* the UTC instants [start, end) */
};

/*
 * A year split into Swedish calendar months, each beginning at local
 * midnight of its first day: edge[m] is the UTC instant month m (0..11)
 * begins, edge[12] the next year's first instant; edge_sql[] the same as
 * UTC text for SQL. A quarter or the year is a run of whole months.
 */
struct report_span {
	int		 year;
	enum report_kind kind;
	time_t		 edge[REPORT_MONTHS + 1];
	char		 edge_sql[REPORT_MONTHS + 1][REPORT_SQL_LEN];
	size_t		 nperiods;	/* 12, 4 or 1 */
	struct report_period period[REPORT_MONTHS];
};

/*
 * Fills s for year and kind in the process's time zone, which must be
 * REPORT_TZ (the worker sets it at start; tjgctl report too): no local
 * midnight on the first of a month is ever skipped or repeated by summer
 * time there, so every edge is exact. TJG_EINVAL for a year out of range,
 * TJG_EINTERNAL if the C library cannot convert.
 */
int	 report_span_init(struct report_span *, int year, enum report_kind);

/* The period that month m (0..11) lies in. */
size_t	 report_period_of(const struct report_span *, int month);

struct report_provider {
	const char	*slug, *name;
	size_t		 first, n;	/* its services: [first, first + n) */
};

struct report_service {
	long long	 id;
	const char	*name;		/* the catalogue's current name */
	const char	*category;	/* internet, tv, phone, other */
	size_t		 provider;	/* index into providers */
};

/* A service's id and its index in services, for finding it by id. */
struct report_key {
	long long	 id;
	size_t		 service;
};

/*
 * The report: the catalogue in display order (providers, each with its
 * services) and counts[period][service][count]. Everything is in the
 * arena given to report_init.
 */
struct report {
	struct arena		*a;
	const char		*network;	/* slug */
	const char		*provider;	/* the filter's slug, or NULL */
	struct report_span	 span;
	struct report_provider	*providers;
	size_t			 nproviders;
	struct report_service	*services;
	size_t			 nservices;
	long long		*counts;	/* NULL until the first count */
	struct report_key	*keys;		/* services by id */
	size_t			 capp, caps;	/* allocated */
};

/*
 * Starts an empty report of network (a slug) for year and kind, limited
 * to provider (a slug, or NULL for all). TJG_OK, or report_span_init's
 * errors.
 */
int	 report_init(struct report *, struct arena *, const char *network,
	    const char *provider, int year, enum report_kind kind);

/*
 * Adds a service to the catalogue, in display order: a provider's
 * services must come together (TJG_EINVAL if its slug returns after
 * another provider's), and all before the first report_add (else
 * TJG_EINVAL). Strings are copied.
 */
int	 report_add_service(struct report *, const char *provider_slug,
	    const char *provider_name, long long id, const char *name,
	    const char *category);

/*
 * Adds n (>= 0) orders of service id to count c of the period of month
 * m (0..11). TJG_EINVAL for an unknown service, a bad month or count,
 * or a negative n.
 */
int	 report_add(struct report *, int month, long long id,
	    enum report_count c, long long n);

/* The REPORT_NCOUNTS counts of service s in period p. */
const long long *report_cell(const struct report *, size_t p, size_t s);

/*
 * out[] = the counts of period p (or REPORT_ALL: the year) summed over
 * the services of provider (or REPORT_ALL: of all providers).
 */
void	 report_sum(const struct report *, size_t p, size_t provider,
	    long long out[REPORT_NCOUNTS]);

/* True if all REPORT_NCOUNTS counts are zero. */
bool	 report_zero(const long long n[REPORT_NCOUNTS]);

/*
 * Appends one CSV field to out: quoted (with '"' doubled) when it holds
 * ';', '"', CR or LF or begins or ends with a space; text that a
 * spreadsheet would take for a formula (beginning with '=', '+', '-',
 * '@', tab or CR) gets a "'" in front first.
 */
void	 report_csv_field(struct buf *out, const char *s);

/*
 * The report as CSV (doc/reports.md): UTF-8 with a byte order mark, ';'
 * between fields, CRLF after each row, a header row, then per period the
 * rows of its services with orders, each provider's total after its
 * services and the period's total; for months and quarters then the
 * year's total per provider and overall. Appended to out; TJG_OK.
 */
int	 report_csv(const struct report *, struct buf *out);

/*
 * The report as XML in the namespace REPORT_NS (doc/volumes.xsd),
 * written with libxml2's xmlTextWriter and appended to out. Text XML 1.0
 * cannot carry becomes U+FFFD. TJG_OK or TJG_EINTERNAL.
 */
int	 report_xml(const struct report *, struct buf *out);

/*
 * The download's file name: "volumes-NETWORK-YEAR-KIND[-PROVIDER].EXT",
 * any byte but [A-Za-z0-9._-] made '_'. In the arena.
 */
const char *report_filename(struct arena *, const struct report *,
	    const char *ext);

/*
 * The audit detail of an export of r in format ("csv", "xml"):
 * "format=csv year=2026 period=month provider=all". In the arena.
 */
const char *report_audit_detail(struct arena *, const struct report *,
	    const char *format);

#endif
