/*
 * Tests for lib/report.c: the parameters, the Swedish months of a year
 * (checked against the EU summer-time rule for a century, and at the
 * changes and the ends of years), counts and totals, CSV quoting and a
 * whole CSV document, and the XML: well-formed, valid against
 * doc/volumes.xsd, escaped. TJG_SRCDIR names the source tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "buf.h"
#include "err.h"
#include "report.h"
#include "tap.h"

static void
test_parse(void)
{
	static const struct { const char *s; int ok, year; } y[] = {
		{ "2026", 1, 2026 }, { "2000", 1, 2000 }, { "2999", 1, 2999 },
		{ "1999", 0, 0 }, { "3000", 0, 0 }, { "99999", 0, 0 },
		{ "+202", 0, 0 }, { " 2026", 0, 0 }, { "2026 ", 0, 0 },
		{ "20a6", 0, 0 }, { "", 0, 0 }, { "-2026", 0, 0 },
		{ "0x7e", 0, 0 },
	};
	enum report_kind k;
	enum report_count c;
	size_t i;
	int year;

	for (i = 0; i < sizeof(y) / sizeof(y[0]); i++) {
		year = 0;
		is_int(report_year_parse(y[i].s, &year) == TJG_OK, y[i].ok,
		    "year \"%s\" %s", y[i].s, y[i].ok ? "taken" : "refused");
		if (y[i].ok)
			is_int(year, y[i].year, "year \"%s\" is %d", y[i].s,
			    y[i].year);
	}
	ok(report_year_parse(NULL, &year) == TJG_EINVAL, "no year refused");
	ok(report_kind_parse("month", &k) == TJG_OK && k == REPORT_MONTH,
	    "month");
	ok(report_kind_parse("quarter", &k) == TJG_OK && k == REPORT_QUARTER,
	    "quarter");
	ok(report_kind_parse("year", &k) == TJG_OK && k == REPORT_YEAR,
	    "year");
	ok(report_kind_parse("week", &k) == TJG_EINVAL, "week refused");
	ok(report_kind_parse("Month", &k) == TJG_EINVAL, "Month refused");
	ok(report_kind_parse(NULL, &k) == TJG_EINVAL, "no kind refused");
	is_str(report_kind_name(REPORT_QUARTER), "quarter", "kind name");
	ok(report_count_of_status("activated", &c) == TJG_OK &&
	    c == REPORT_ACTIVATED, "activated counts as activated");
	ok(report_count_of_status("rejected", &c) == TJG_OK &&
	    c == REPORT_REJECTED, "rejected");
	ok(report_count_of_status("cancelled", &c) == TJG_OK &&
	    c == REPORT_CANCELLED, "cancelled");
	ok(report_count_of_status("new", &c) == TJG_EINVAL &&
	    report_count_of_status("received", &c) == TJG_EINVAL &&
	    report_count_of_status("created", &c) == TJG_EINVAL,
	    "new, received and created are no final status");
}

/* UTC text of t. */
static const char *
utc(time_t t)
{
	static char s[32];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S", &tm);
	return s;
}

static void
test_edges(void)
{
	struct report_span s;
	struct tm tm;
	time_t want;
	int y, m, bad = 0;

	ok(report_span_init(&s, 2026, REPORT_MONTH) == TJG_OK, "2026 months");
	is_int(s.nperiods, 12, "twelve of them");
	is_str(s.edge_sql[0], "2025-12-31 23:00:00",
	    "January begins at 23:00 UTC on New Year's Eve (CET)");
	is_str(s.edge_sql[2], "2026-02-28 23:00:00", "March begins in CET");
	is_str(s.edge_sql[3], "2026-03-31 22:00:00", "April begins in CEST");
	is_str(s.edge_sql[9], "2026-09-30 22:00:00", "October in CEST");
	is_str(s.edge_sql[10], "2026-10-31 23:00:00", "November in CET");
	is_str(s.edge_sql[12], "2026-12-31 23:00:00",
	    "the year ends when 2027 begins in Sweden");
	is_int(s.edge[3] - s.edge[2], (31 * 24 - 1) * 3600,
	    "March 2026 is an hour short (summer time from 29 March)");
	is_int(s.edge[10] - s.edge[9], (31 * 24 + 1) * 3600,
	    "October 2026 is an hour long (winter time from 25 October)");
	is_int(s.edge[12] - s.edge[0], 365 * 24 * 3600,
	    "the whole year is 365 days");
	is_str(s.period[1].id, "2026-02", "February's id");
	is_str(s.period[1].from, "2026-02-01", "February's first day");
	is_str(s.period[1].to, "2026-02-28", "February's last day");
	is_str(s.period[11].to, "2026-12-31", "December's last day");
	ok(s.period[2].start == s.edge[2] && s.period[2].end == s.edge[3],
	    "a month's instants are its edges");

	ok(report_span_init(&s, 2024, REPORT_MONTH) == TJG_OK, "2024 months");
	is_str(s.period[1].to, "2024-02-29", "a leap year's February");
	is_str(s.edge_sql[3], "2024-03-31 22:00:00",
	    "April 2024 (summer time began on the 31st of March)");

	/*
	 * The EU rule (since 1996): summer time from the last Sunday of
	 * March to the last Sunday of October, at 01:00 UTC, so the first
	 * of April to October begins in CEST (UTC+2), the others in CET.
	 */
	for (y = REPORT_YEAR_MIN; y <= 2100; y++) {
		if (report_span_init(&s, y, REPORT_MONTH) != TJG_OK) {
			bad++;
			continue;
		}
		for (m = 0; m <= 12; m++) {
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = y - 1900 + m / 12;
			tm.tm_mon = m % 12;
			tm.tm_mday = 1;
			want = timegm(&tm) - (m % 12 >= 3 && m % 12 <= 9 ?
			    7200 : 3600);
			if (s.edge[m] != want) {
				printf("# %d month %d: %s\n", y, m,
				    utc(s.edge[m]));
				bad++;
			}
		}
	}
	is_int(bad, 0, "every month edge of 2000..2100 follows the EU rule");

	ok(report_span_init(&s, 2026, REPORT_QUARTER) == TJG_OK, "quarters");
	is_int(s.nperiods, 4, "four of them");
	is_str(s.period[0].id, "2026-Q1", "Q1's id");
	is_str(s.period[0].from, "2026-01-01", "Q1 from New Year's Day");
	is_str(s.period[0].to, "2026-03-31", "to the 31st of March");
	is_str(s.period[3].from, "2026-10-01", "Q4 from October");
	is_str(s.period[3].to, "2026-12-31", "to New Year's Eve");
	ok(s.period[1].start == s.edge[3] && s.period[1].end == s.edge[6],
	    "Q2 is April to June");
	is_int(report_period_of(&s, 0), 0, "January is in Q1");
	is_int(report_period_of(&s, 2), 0, "March is in Q1");
	is_int(report_period_of(&s, 3), 1, "April is in Q2");
	is_int(report_period_of(&s, 11), 3, "December is in Q4");

	ok(report_span_init(&s, 2026, REPORT_YEAR) == TJG_OK, "the year");
	is_int(s.nperiods, 1, "one period");
	is_str(s.period[0].id, "2026", "its id");
	is_str(s.period[0].from, "2026-01-01", "from New Year's Day");
	is_str(s.period[0].to, "2026-12-31", "to New Year's Eve");
	is_int(report_period_of(&s, 11), 0, "December is in it");

	ok(report_span_init(&s, 1999, REPORT_MONTH) == TJG_EINVAL,
	    "1999 refused");
	ok(report_span_init(&s, 99999, REPORT_MONTH) == TJG_EINVAL,
	    "99999 refused");
}

/*
 * Two providers, Alfa (two services) and Beta (one, with a name a
 * spreadsheet would choke on), over quarters of 2026.
 */
static void
sample(struct report *r, struct arena *a, enum report_kind kind)
{
	ok(report_init(r, a, "demo", NULL, 2026, kind) == TJG_OK, "init");
	ok(report_add_service(r, "alfa", "Alfa AB", 11, "Fiber 100",
	    "internet") == TJG_OK &&
	    report_add_service(r, "alfa", "Alfa AB", 12, "TV \"Bas\"", "tv") ==
	    TJG_OK &&
	    report_add_service(r, "beta", "Beta; Söder", 5, "=Tele;fon",
	    "phone") == TJG_OK, "the catalogue");
	ok(report_add(r, 0, 11, REPORT_CREATED, 3) == TJG_OK &&
	    report_add(r, 1, 11, REPORT_CREATED, 2) == TJG_OK &&
	    report_add(r, 2, 11, REPORT_ACTIVATED, 4) == TJG_OK &&
	    report_add(r, 3, 11, REPORT_CREATED, 1) == TJG_OK &&
	    report_add(r, 0, 12, REPORT_CANCELLED, 1) == TJG_OK &&
	    report_add(r, 11, 5, REPORT_CREATED, 7) == TJG_OK &&
	    report_add(r, 11, 5, REPORT_REJECTED, 2) == TJG_OK &&
	    report_add(r, 11, 5, REPORT_REJECTED, 1) == TJG_OK, "the counts");
}

static void
test_counts(void)
{
	struct arena a;
	struct report r;
	long long n[REPORT_NCOUNTS];
	const long long *v;

	arena_init(&a);
	sample(&r, &a, REPORT_QUARTER);
	is_int(r.nproviders, 2, "two providers");
	is_int(r.providers[0].n, 2, "Alfa has two services");
	v = report_cell(&r, 0, 0);
	ok(v[REPORT_CREATED] == 5 && v[REPORT_ACTIVATED] == 4 &&
	    v[REPORT_REJECTED] == 0 && v[REPORT_CANCELLED] == 0,
	    "Fiber 100 in Q1: months summed (3 + 2 created, 4 activated)");
	v = report_cell(&r, 1, 0);
	ok(v[REPORT_CREATED] == 1 && v[REPORT_ACTIVATED] == 0,
	    "April's order is in Q2");
	report_sum(&r, 0, 0, n);
	ok(n[REPORT_CREATED] == 5 && n[REPORT_ACTIVATED] == 4 &&
	    n[REPORT_CANCELLED] == 1, "Alfa's total in Q1");
	report_sum(&r, 3, REPORT_ALL, n);
	ok(n[REPORT_CREATED] == 7 && n[REPORT_REJECTED] == 3,
	    "Q4's total is Beta's");
	report_sum(&r, REPORT_ALL, 0, n);
	ok(n[REPORT_CREATED] == 6 && n[REPORT_ACTIVATED] == 4 &&
	    n[REPORT_CANCELLED] == 1, "Alfa's year");
	report_sum(&r, REPORT_ALL, REPORT_ALL, n);
	ok(n[REPORT_CREATED] == 13 && n[REPORT_ACTIVATED] == 4 &&
	    n[REPORT_REJECTED] == 3 && n[REPORT_CANCELLED] == 1,
	    "the year's total is the sum of all counts added");
	ok(report_zero(report_cell(&r, 2, 1)), "nothing for TV in Q3");

	ok(report_add(&r, 0, 99, REPORT_CREATED, 1) == TJG_EINVAL,
	    "an unknown service is refused");
	ok(report_add(&r, 12, 11, REPORT_CREATED, 1) == TJG_EINVAL &&
	    report_add(&r, -1, 11, REPORT_CREATED, 1) == TJG_EINVAL,
	    "a month out of range is refused");
	ok(report_add(&r, 0, 11, REPORT_CREATED, -1) == TJG_EINVAL,
	    "a negative count is refused");
	ok(report_add_service(&r, "gamma", "Gamma", 7, "X", "other") ==
	    TJG_EINVAL, "no service after the counts began");
	report_sum(&r, REPORT_ALL, REPORT_ALL, n);
	is_int(n[REPORT_CREATED], 13, "and nothing refused was counted");

	ok(report_init(&r, &a, "demo", NULL, 2026, REPORT_MONTH) == TJG_OK &&
	    report_add_service(&r, "alfa", "Alfa", 1, "A", "tv") == TJG_OK &&
	    report_add_service(&r, "beta", "Beta", 2, "B", "tv") == TJG_OK,
	    "a second report");
	ok(report_add_service(&r, "alfa", "Alfa", 3, "C", "tv") == TJG_EINVAL,
	    "a provider cannot come back after another");
	ok(report_add_service(&r, "beta", "Beta", 2, "B2", "tv") == TJG_OK &&
	    report_add(&r, 0, 2, REPORT_CREATED, 1) == TJG_EINVAL,
	    "a service id twice is refused at the first count");
	ok(report_init(&r, &a, "demo", NULL, 2026, REPORT_MONTH) == TJG_OK,
	    "an empty report");
	report_sum(&r, REPORT_ALL, REPORT_ALL, n);
	ok(report_zero(n), "counts nothing");
	arena_free(&a);
}

static void
field_is(const char *in, const char *want)
{
	struct buf b;

	buf_init(&b);
	report_csv_field(&b, in);
	is_str(buf_str(&b), want, "CSV field [%s]", in);
	buf_free(&b);
}

static void
test_csv_field(void)
{
	field_is("Fiber 100/100", "Fiber 100/100");
	field_is("", "");
	field_is("Ljusbo Öst", "Ljusbo Öst");
	field_is("a;b", "\"a;b\"");
	field_is("TV \"Bas\"", "\"TV \"\"Bas\"\"\"");
	field_is("\"", "\"\"\"\"");
	field_is("two\nlines", "\"two\nlines\"");
	field_is("cr\rhere", "\"cr\rhere\"");
	field_is(" lead", "\" lead\"");
	field_is("trail ", "\"trail \"");
	field_is("a,b", "a,b");
	field_is("=SUM(A1:A9)", "'=SUM(A1:A9)");
	field_is("+46", "'+46");
	field_is("-5 %", "'-5 %");
	field_is("@cmd", "'@cmd");
	field_is("=1;2", "\"'=1;2\"");
	field_is("a=b", "a=b");
}

static void
test_csv(void)
{
	static const char want[] =
	    "\xef\xbb\xbfrow;period;from;to;provider;provider_name;service_id;"
	    "service;category;created;activated;rejected;cancelled\r\n"
	    "service;2026-Q1;2026-01-01;2026-03-31;alfa;Alfa AB;11;Fiber 100;"
	    "internet;5;4;0;0\r\n"
	    "service;2026-Q1;2026-01-01;2026-03-31;alfa;Alfa AB;12;"
	    "\"TV \"\"Bas\"\"\";tv;0;0;0;1\r\n"
	    "provider;2026-Q1;2026-01-01;2026-03-31;alfa;Alfa AB;;;;5;4;0;1\r\n"
	    "total;2026-Q1;2026-01-01;2026-03-31;;;;;;5;4;0;1\r\n"
	    "service;2026-Q2;2026-04-01;2026-06-30;alfa;Alfa AB;11;Fiber 100;"
	    "internet;1;0;0;0\r\n"
	    "provider;2026-Q2;2026-04-01;2026-06-30;alfa;Alfa AB;;;;1;0;0;0\r\n"
	    "total;2026-Q2;2026-04-01;2026-06-30;;;;;;1;0;0;0\r\n"
	    "total;2026-Q3;2026-07-01;2026-09-30;;;;;;0;0;0;0\r\n"
	    "service;2026-Q4;2026-10-01;2026-12-31;beta;\"Beta; Söder\";5;"
	    "\"'=Tele;fon\";phone;7;0;3;0\r\n"
	    "provider;2026-Q4;2026-10-01;2026-12-31;beta;\"Beta; Söder\";;;;"
	    "7;0;3;0\r\n"
	    "total;2026-Q4;2026-10-01;2026-12-31;;;;;;7;0;3;0\r\n"
	    "provider;2026;2026-01-01;2026-12-31;alfa;Alfa AB;;;;6;4;0;1\r\n"
	    "provider;2026;2026-01-01;2026-12-31;beta;\"Beta; Söder\";;;;"
	    "7;0;3;0\r\n"
	    "total;2026;2026-01-01;2026-12-31;;;;;;13;4;3;1\r\n";
	struct arena a;
	struct report r;
	struct buf b;
	const char *p;
	int rows = 0;

	arena_init(&a);
	buf_init(&b);
	sample(&r, &a, REPORT_QUARTER);
	ok(report_csv(&r, &b) == TJG_OK, "CSV written");
	is_str(buf_str(&b), want, "the CSV of quarters, byte for byte");
	buf_free(&b);

	buf_init(&b);
	sample(&r, &a, REPORT_YEAR);
	ok(report_csv(&r, &b) == TJG_OK, "CSV of the year written");
	for (p = buf_str(&b); (p = strstr(p, "\r\n")) != NULL; p += 2)
		rows++;
	/* header, 3 services, 2 providers, the total: no year repeated */
	is_int(rows, 7, "the year's CSV has its rows once");
	has_str(buf_str(&b), "\r\ntotal;2026;2026-01-01;2026-12-31;;;;;;"
	    "13;4;3;1\r\n", "and the year's total");
	buf_free(&b);
	arena_free(&a);
}

static xmlSchemaPtr
load_schema(void)
{
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr s;
	const char *dir = getenv("TJG_SRCDIR");
	char path[1024];

	snprintf(path, sizeof(path), "%s/doc/volumes.xsd",
	    dir != NULL ? dir : ".");
	if ((pc = xmlSchemaNewParserCtxt(path)) == NULL)
		return NULL;
	s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	return s;
}

/* 0 if the document is well-formed and valid. */
static int
validate(xmlSchemaPtr schema, const struct buf *b)
{
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr doc;
	int rc;

	if ((doc = xmlReadMemory(buf_str(b), (int)b->len, "volumes.xml", NULL,
	    XML_PARSE_NONET)) == NULL)
		return -1;
	if ((vc = xmlSchemaNewValidCtxt(schema)) == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	return rc;
}

/* What the XML of sample() by quarters says. */
static void
quarter_xml(const char *x)
{
	has_str(x, "<volumes network=\"demo\" year=\"2026\" "
	    "period=\"quarter\" timeZone=\"Europe/Stockholm\" "
	    "xmlns=\"urn:tjansteguiden:volumes:1\">",
	    "the root, in its namespace");
	has_str(x, "<period id=\"2026-Q1\" from=\"2026-01-01\" "
	    "to=\"2026-03-31\" created=\"5\" activated=\"4\" "
	    "rejected=\"0\" cancelled=\"1\">", "Q1 with its totals");
	has_str(x, "<service id=\"12\" name=\"TV &quot;Bas&quot;\" "
	    "category=\"tv\" created=\"0\" activated=\"0\" rejected=\"0\" "
	    "cancelled=\"1\"/>", "quotes escaped");
	has_str(x, "<year id=\"2026\" from=\"2026-01-01\" "
	    "to=\"2026-12-31\" created=\"13\" activated=\"4\" "
	    "rejected=\"3\" cancelled=\"1\">", "the year's total");
	has_str(x, "<provider slug=\"beta\" name=\"Beta; Söder\" "
	    "created=\"7\" activated=\"0\" rejected=\"3\" "
	    "cancelled=\"0\"/>", "Beta's year");
	lacks_str(x, "id=\"2026-Q3\" from=\"2026-07-01\" to=\"2026-09-30\" "
	    "created=\"0\" activated=\"0\" rejected=\"0\" "
	    "cancelled=\"0\">", "an empty period is an empty element");
}

static void
test_xml(void)
{
	xmlSchemaPtr schema;
	struct arena a;
	struct report r;
	struct buf b;
	enum report_kind k;

	schema = load_schema();
	ok(schema != NULL, "doc/volumes.xsd loads");
	arena_init(&a);
	for (k = REPORT_MONTH; k <= REPORT_YEAR; k++) {
		buf_init(&b);
		sample(&r, &a, k);
		ok(report_xml(&r, &b) == TJG_OK, "XML of %s written",
		    report_kind_name(k));
		ok(schema != NULL && validate(schema, &b) == 0,
		    "well-formed and valid against volumes.xsd (%s)",
		    report_kind_name(k));
		if (k == REPORT_QUARTER)
			quarter_xml(buf_str(&b));
		buf_free(&b);
	}

	/* Markup and characters XML 1.0 cannot carry. */
	buf_init(&b);
	ok(report_init(&r, &a, "demo", "x<y", 2026, REPORT_YEAR) == TJG_OK &&
	    report_add_service(&r, "x<y", "A & <B>", 1, "bell\a here\xff",
	    "other") == TJG_OK &&
	    report_add(&r, 5, 1, REPORT_CREATED, 2) == TJG_OK,
	    "a report with hostile names");
	ok(report_xml(&r, &b) == TJG_OK, "written");
	ok(schema != NULL && validate(schema, &b) == 0, "and still valid");
	has_str(buf_str(&b), "name=\"A &amp; &lt;B&gt;\"", "markup escaped");
	has_str(buf_str(&b), "name=\"bell\xef\xbf\xbd here\xef\xbf\xbd\"",
	    "a control character and a bad byte become U+FFFD");
	has_str(buf_str(&b), "provider=\"x&lt;y\"", "the filter on the root");
	is_str(report_filename(&a, &r, "xml"), "volumes-demo-2026-year-x_y.xml",
	    "the file name keeps only safe characters");
	buf_free(&b);
	sample(&r, &a, REPORT_MONTH);
	is_str(report_filename(&a, &r, "csv"), "volumes-demo-2026-month.csv",
	    "the file name of a whole network");
	is_str(report_audit_detail(&a, &r, "csv"),
	    "format=csv year=2026 period=month provider=all",
	    "the audit detail");
	arena_free(&a);
	if (schema != NULL)
		xmlSchemaFree(schema);
}

int
main(void)
{
	/* The worker and tjgctl report run in Swedish time. */
	setenv("TZ", REPORT_TZ, 1);
	tzset();
	test_parse();
	test_edges();
	test_counts();
	test_csv_field();
	test_csv();
	test_xml();
	return done_testing();
}
