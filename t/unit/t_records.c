/*
 * Tests for the pure parts of the records of processing (lib/records.c):
 * the retention rule, filling facts into texts, the table of what the
 * order form stores in orders.pii (checked against fcgi/h_order.c, so a
 * new field cannot go unrecorded), the texts of the table in both
 * languages, and the privacy notice and the records page rendered with
 * hostile values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "records.h"
#include "store_retention.h"
#include "tap.h"
#include "tmpl.h"

static const char EVIL[] = "<script>alert(\"x\")</script> & 'q'";
static const char EVIL_ESC[] =
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";

static struct arena A;

static void
test_retention(void)
{
	is_int(retention_days_pick(0, 90), 90,
	    "retention: no network override takes the configuration's");
	is_int(retention_days_pick(30, 90), 30,
	    "retention: the network's own days win");
	is_int(retention_days_pick(365, 90), 365,
	    "retention: also when longer");
	is_int(retention_days_pick(-1, 7), 7,
	    "retention: a nonsense override is no override");
}

static void
test_fill(void)
{
	const char *two[] = { "90", "Nät & <AB>" };
	const char *gap[] = { NULL, "b" };

	is_str(records_fill(&A, "raderas {1} dagar ({2})", two, 2),
	    "raderas 90 dagar (Nät & <AB>)", "fill: two arguments, data as is");
	is_str(records_fill(&A, "{2}{1}{2}", two, 2), "Nät & <AB>90Nät & <AB>",
	    "fill: repeated and adjacent");
	is_str(records_fill(&A, "{3} {0} {x} { {1", two, 2),
	    "{3} {0} {x} { {1", "fill: other braces stay");
	is_str(records_fill(&A, "a {1} b {2}", gap, 2), "a {1} b b",
	    "fill: a NULL argument leaves its place");
	is_str(records_fill(&A, "", NULL, 0), "", "fill: empty text");
	is_str(records_fill(&A, "{1}", two, 1), "90",
	    "fill: only the argument");
}

static char *
slurp(const char *path)
{
	struct buf b;
	char chunk[4096];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return b.p;
}

static int
in_table(const char *key)
{
	size_t i;

	for (i = 0; i < records_npii; i++)
		if (strcmp(records_pii[i].key, key) == 0)
			return 1;
	return 0;
}

/*
 * Every name h_order.c writes with http_form_add(pii, "...") is in
 * records_pii, and every entry of records_pii is written there.
 */
static void
test_pii_table(void)
{
	static const char call[] = "http_form_add(pii, ";
	const char *src = getenv("TJG_SRCDIR"), *p, *q;
	char path[4096], name[64];
	size_t i, n;
	char *text;
	int found = 0, extra = 0;

	snprintf(path, sizeof(path), "%s/fcgi/h_order.c",
	    src != NULL ? src : ".");
	if (!ok((text = slurp(path)) != NULL, "h_order.c is readable"))
		return;
	for (p = text; (p = strstr(p, call)) != NULL; p += sizeof(call) - 1) {
		q = p + sizeof(call) - 1;
		if (strncmp(q, "arena_printf(r->a, \"x.%s\"", 25) == 0) {
			extra = 1;
			continue;
		}
		if (!ok(*q == '"', "pii names in h_order.c are literals"))
			continue;
		n = strcspn(q + 1, "\"");
		snprintf(name, sizeof(name), "%.*s", (int)n, q + 1);
		found++;
		ok(in_table(name), "records_pii lists \"%s\" from h_order.c",
		    name);
	}
	ok(found >= 8, "h_order.c writes the %d names of the table", found);
	ok(extra && in_table("x."),
	    "records_pii lists the extra fields (\"x.<key>\")");
	for (i = 0; i < records_npii; i++) {
		snprintf(name, sizeof(name), "\"%s", records_pii[i].key);
		ok(strstr(text, name) != NULL, "h_order.c writes %s",
		    records_pii[i].key);
	}
	free(text);
}

/* The texts the table needs exist in both languages. */
static void
test_texts(struct tmpl *t)
{
	static const char *const langs[] = { "sv", "en" };
	const char *key;
	size_t i, j;

	for (j = 0; j < 2; j++)
		for (i = 0; i < records_npii; i++) {
			key = arena_printf(&A, "admin.records.when.%s",
			    records_pii[i].when);
			if (strcmp(records_pii[i].when, "extra") != 0)
				ok(strcmp(tmpl_text(t, langs[j], key), key) !=
				    0, "%s: %s", langs[j], key);
			if (strcmp(records_pii[i].key, "x.") == 0)
				continue;
			key = arena_printf(&A, "admin.records.pii.%s",
			    records_pii[i].key);
			ok(strcmp(tmpl_text(t, langs[j], key), key) != 0,
			    "%s: %s", langs[j], key);
		}
}

static void
notice_nodes(struct tmpl *t, int en)
{
	tmpl_set(t, "Page.lang", en ? "en" : "sv");
	tmpl_set(t, "Page.base", en ? "/en" : "");
	tmpl_set(t, "Page.other_lang_url", EVIL);
	tmpl_set(t, "Static", "/static");
	tmpl_set(t, "Net.name", EVIL);
	tmpl_set(t, "Ctl.name", EVIL);
	tmpl_set(t, "Ctl.legal_name", EVIL);
	tmpl_set(t, "Ctl.org_number", EVIL);
	tmpl_set(t, "Ctl.postal_address", EVIL);
	tmpl_set(t, "Ctl.email", EVIL);
	tmpl_set(t, "Ctl.phone", EVIL);
	tmpl_set(t, "Ctl.url", EVIL);
	tmpl_set(t, "Retention.days", "90");
	tmpl_set(t, "Retention.backup_days", "30");
	tmpl_set(t, "Links.rights", en ? "/en/mina-uppgifter" :
	    "/mina-uppgifter");
	tmpl_set(t, "Count.pnr", "1");
	tmpl_set(t, "Count.fields", "2");
	tmpl_set(t, "Providers.0.name", EVIL);
	tmpl_set(t, "Providers.0.org_number", EVIL);
	tmpl_set(t, "Providers.0.privacy_url", EVIL);
	tmpl_set(t, "Providers.0.pnr", "1");
	tmpl_set(t, "Providers.0.pnr_reason", EVIL);
	tmpl_set(t, "Providers.0.Fields.0.label", EVIL);
	tmpl_set(t, "Providers.0.Fields.0.help", EVIL);
	tmpl_set(t, "Providers.0.Fields.0.service", EVIL);
	tmpl_set(t, "Providers.0.Fields.0.required", "1");
	tmpl_set(t, "NetFields.0.label", EVIL);
	tmpl_set(t, "NetFields.0.required", "0");
}

/* The headings in order: h1 once, then no level skipped. */
static int
headings_in_order(const char *html)
{
	const char *p = html;
	int last = 0, level, h1 = 0;

	while ((p = strstr(p, "<h")) != NULL) {
		p += 2;
		if (*p < '1' || *p > '6')
			continue;
		level = *p - '0';
		if (level == 1)
			h1++;
		if (level > last + 1)
			return 0;
		last = level;
	}
	return h1 == 1;
}

static void
test_notice(struct tmpl *t)
{
	struct buf out;
	int en;

	buf_init(&out);
	for (en = 0; en < 2; en++) {
		notice_nodes(t, en);
		buf_reset(&out);
		is_int(tmpl_render(t, "privacy.cs", en ? "en" : "sv", &out),
		    TJG_OK, "privacy.cs renders (%s)", en ? "en" : "sv");
		lacks_str(out.p, "<script>", "privacy.cs: no raw <script>");
		lacks_str(out.p, "\"x\"",
		    "privacy.cs: no raw quotes from data");
		ok(count(out.p, EVIL_ESC) >= 12,
		    "privacy.cs: the data shown escaped (%d)",
		    count(out.p, EVIL_ESC));
		has_str(out.p, en ? "<html lang=\"en\">" : "<html lang=\"sv\">",
		    "privacy.cs: html lang attribute");
		ok(headings_in_order(out.p), "privacy.cs: headings in order");
		has_str(out.p, en ? "href=\"/en/mina-uppgifter\"" :
		    "href=\"/mina-uppgifter\"", "privacy.cs: links the rights");
		has_str(out.p, "href=\"https://www.imy.se/\"",
		    "privacy.cs: links IMY");
		has_str(out.p, "90 ", "privacy.cs: the retention days");
		has_str(out.p, en ? "href=\"/en/integritet\"" :
		    "href=\"/integritet\"",
		    "layout: the footer links the notice");
		tmpl_clear(t);
	}
	buf_free(&out);
}

static void
test_records_page(struct tmpl *t)
{
	struct buf out;

	buf_init(&out);
	tmpl_set(t, "Page.lang", "sv");
	tmpl_set(t, "Page.base", "");
	tmpl_set(t, "Static", "/static");
	tmpl_set(t, "Net.name", EVIL);
	tmpl_set(t, "User.name", EVIL);
	tmpl_set(t, "User.role", "network_admin");
	tmpl_set(t, "Csrf", EVIL);
	tmpl_set(t, "Nav.current", "records");
	tmpl_set(t, "Records.title", EVIL);
	tmpl_set(t, "Records.intro", EVIL);
	tmpl_set(t, "Records.generated", EVIL);
	tmpl_set(t, "Records.slug", EVIL);
	tmpl_set(t, "Records.controller_title", EVIL);
	tmpl_set(t, "Records.Controller.0", EVIL);
	tmpl_set(t, "Records.Act.0.id", "orders");
	tmpl_set(t, "Records.Act.0.name", EVIL);
	tmpl_set(t, "Records.Act.0.Parts.0.title", EVIL);
	tmpl_set(t, "Records.Act.0.Parts.0.Items.0", EVIL);
	tmpl_set(t, "Records.Act.0.Parts.1.title", "empty part");
	is_int(tmpl_render(t, "admin/records.cs", "sv", &out), TJG_OK,
	    "admin/records.cs renders");
	lacks_str(out.p, "<script>", "admin/records.cs: no raw <script>");
	ok(count(out.p, EVIL_ESC) >= 9, "admin/records.cs: data escaped (%d)",
	    count(out.p, EVIL_ESC));
	ok(headings_in_order(out.p), "admin/records.cs: headings in order");
	lacks_str(out.p, "empty part",
	    "admin/records.cs: empty parts left out");
	has_str(out.p, "href=\"/admin/records\" aria-current=\"page\"",
	    "admin/records.cs: the navigation marks the page");
	tmpl_clear(t);
	buf_free(&out);
}

int
main(void)
{
	const char *src = getenv("TJG_SRCDIR");
	char dir[4096], err[256] = "";
	struct tmpl *t;

	arena_init(&A);
	test_retention();
	test_fill();
	test_pii_table();
	snprintf(dir, sizeof(dir), "%s/tmpl", src != NULL ? src : ".");
	if (ok(tmpl_open(&t, dir, err, sizeof(err)) == TJG_OK,
	    "tmpl/ opens: %s", err)) {
		test_texts(t);
		test_notice(t);
		test_records_page(t);
		tmpl_close(t);
	}
	arena_free(&A);
	return done_testing();
}
