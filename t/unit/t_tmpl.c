/*
 * Unit tests: rendering with hostile values. A fixture template uses var:
 * inside each, loop, if and with blocks (where ClearSilver 0.10.5's
 * escape: block does not reach); then the real templates of tmpl/ are
 * rendered with hostile data and must contain no unescaped markup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "tap.h"
#include "tmpl.h"

static const char EVIL[] = "<script>alert(\"x\")</script> & 'q'";
static const char EVIL_ESC[] =
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) < 0 ||
	    fclose(fp) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

static void
fixture(void)
{
	char dir[] = "/tmp/t_tmpl.XXXXXX", path[512], err[256] = "";
	struct tmpl *t;
	struct buf out;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/lang", dir);
	mkdir(path, 0700);
	write_file(dir, "lang/sv.hdf", "greeting = Hej & välkommen\n");
	write_file(dir, "lang/en.hdf", "greeting = Hello & welcome\n");
	write_file(dir, "t.cs",
	    "[<?cs var:L.greeting ?>]\n"
	    "top:<?cs var:X ?>\n"
	    "<?cs each:h = Hits ?>each:<?cs var:h.v ?>\n"
	    "<?cs if:h.v ?>if:<?cs var:h.v ?>\n<?cs /if ?>"
	    "<?cs each:o = h.Outlets ?>nested:<?cs var:o ?>\n<?cs /each ?>"
	    "<?cs /each ?>"
	    "<?cs loop:i = 0, 1 ?>loop:<?cs var:Hits[i].v ?>\n<?cs /loop ?>"
	    "<?cs with:w = Hits.0 ?>with:<?cs var:w.v ?>\n<?cs /with ?>"
	    "url:<?cs var:url_escape(X) ?>\n");

	is_int(tmpl_open(&t, dir, err, sizeof(err)), TJG_OK,
	    "templates open: %s", err);
	buf_init(&out);
	tmpl_set(t, "X", EVIL);
	tmpl_set(t, "Hits.0.v", EVIL);
	tmpl_set(t, "Hits.1.v", EVIL);
	tmpl_set(t, "Hits.0.Outlets.0", EVIL);
	is_int(tmpl_render(t, "t.cs", "sv", &out), TJG_OK, "renders");
	has_str(out.p, "[Hej &amp; välkommen]", "Swedish text, escaped");
	lacks_str(out.p, "<script>", "no raw <script> anywhere");
	has_str(out.p, "top:", "top-level var");
	is_int(count(out.p, EVIL_ESC), 9,
	    "all nine var: uses escaped (top, each x2, if x2, nested, loop "
	    "x2, with)");
	lacks_str(out.p, "'q'", "single quotes escaped");
	has_str(out.p, "url:%3Cscript%3E", "url_escape encodes");

	tmpl_clear(t);
	buf_reset(&out);
	is_int(tmpl_render(t, "t.cs", "en", &out), TJG_OK, "renders again");
	has_str(out.p, "[Hello &amp; welcome]", "English text via L");
	lacks_str(out.p, "script", "cleared nodes are gone");
	is_str(tmpl_text(t, "en", "greeting"), "Hello & welcome",
	    "tmpl_text reads a language text");
	is_str(tmpl_text(t, "sv", "nope"), "nope",
	    "a missing text falls back to its key");
	buf_reset(&out);
	ok(tmpl_render(t, "missing.cs", "sv", &out) == TJG_EINTERNAL,
	    "a missing template is an error, not a crash");
	tmpl_close(t);
	buf_free(&out);

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		printf("# could not remove %s\n", dir);
}

/*
 * Hostile values in every node the order pages read (address.cs,
 * outlet.cs, order.cs, status.cs): in loops, macros and attributes.
 * Numbers the templates compare (counts, months) get hostile text too,
 * except where a value selects a branch that must be rendered.
 */
static void
set_order_nodes(struct tmpl *t)
{
	static const char *const svc[] = { "id", "name", "description",
	    "category", "provider", "provider_email", "provider_phone",
	    "provider_url", "terms_url", "down", "up", "monthly",
	    "start_fee", "binding", "notice", "campaign.kind",
	    "campaign.value", "campaign.months", "campaign.monthly", "total",
	    "total_months", "order_url" };
	static const char *const pfx[] = { "Service",
	    "Cats.0.Services.0", "Cats.0.Services.1", "Cats.1.Services.0" };
	static const char *const kinds[] = { "text", "select", "checkbox",
	    "date" };
	char name[128];
	size_t i, j;

	tmpl_set(t, "Addr.line", EVIL);
	tmpl_set(t, "Addr.place", EVIL);
	tmpl_set(t, "Addr.count", EVIL);
	tmpl_set(t, "Addr.url", EVIL);
	for (i = 0; i < 2; i++) {
		tmpl_setf(t, EVIL, "Outlets.%zu.code", i);
		tmpl_setf(t, i ? "" : EVIL, "Outlets.%zu.apartment", i);
		tmpl_setf(t, i ? "planned" : EVIL, "Outlets.%zu.status", i);
		tmpl_setf(t, EVIL, "Outlets.%zu.active_from", i);
		tmpl_setf(t, EVIL, "Outlets.%zu.url", i);
	}
	tmpl_set(t, "Code.value", EVIL);
	tmpl_set(t, "Code.error_text", EVIL);
	tmpl_set(t, "Outlet.code", EVIL);
	tmpl_set(t, "Outlet.apartment", EVIL);
	tmpl_set(t, "Outlet.status", "planned");
	tmpl_set(t, "Outlet.active_from", EVIL);
	tmpl_set(t, "Outlet.url", EVIL);
	tmpl_set(t, "Sort", EVIL);
	tmpl_set(t, "Sort.price_url", EVIL);
	tmpl_set(t, "Sort.speed_url", EVIL);
	tmpl_set(t, "Services.count", "3");
	tmpl_set(t, "Cats.0.key", EVIL);
	tmpl_set(t, "Cats.1.key", "tv");
	for (i = 0; i < sizeof(pfx) / sizeof(pfx[0]); i++)
		for (j = 0; j < sizeof(svc) / sizeof(svc[0]); j++) {
			snprintf(name, sizeof(name), "%s.%s", pfx[i], svc[j]);
			tmpl_set(t, name, EVIL);
		}
	/* Each campaign branch once, with hostile parts. */
	tmpl_set(t, "Cats.0.Services.0.campaign.kind", "percent");
	tmpl_set(t, "Cats.0.Services.1.campaign.kind", "amount");
	tmpl_set(t, "Cats.1.Services.0.campaign.kind", "fixed");
	tmpl_set(t, "Cats.1.Services.0.terms_url", "javascript:alert(1)");
	tmpl_set(t, "Service.binding", "24");
	tmpl_set(t, "Service.total_months", "24");
	tmpl_set(t, "Service.terms_url", "https://x.example/?a=\"<script>");
	tmpl_set(t, "Form.action", EVIL);
	tmpl_set(t, "Form.csrf", EVIL);
	tmpl_set(t, "Form.min_date", EVIL);
	tmpl_set(t, "Form.privacy_url", EVIL);
	tmpl_set(t, "Form.pnr.required", "1");
	tmpl_set(t, "Form.pnr.reason", EVIL);
	tmpl_set(t, "Form.pnr.no_samordning", "1");
	tmpl_set(t, "Form.v.first_name", EVIL);
	tmpl_set(t, "Form.v.last_name", EVIL);
	tmpl_set(t, "Form.v.email", EVIL);
	tmpl_set(t, "Form.v.phone", EVIL);
	tmpl_set(t, "Form.v.pnr", EVIL);
	tmpl_set(t, "Form.v.invoice", EVIL);
	tmpl_set(t, "Form.v.invoice_street", EVIL);
	tmpl_set(t, "Form.v.invoice_postcode", EVIL);
	tmpl_set(t, "Form.v.invoice_city", EVIL);
	tmpl_set(t, "Form.v.start_date", EVIL);
	tmpl_set(t, "Form.v.terms", EVIL);
	tmpl_set(t, "Form.v.website", EVIL);
	tmpl_set(t, "Form.err.first_name", EVIL);
	tmpl_set(t, "Form.err.pnr", EVIL);
	tmpl_set(t, "Form.err.x2", EVIL);
	tmpl_set(t, "Errors.count", "3");
	tmpl_set(t, "Errors.0.field", EVIL);
	tmpl_set(t, "Errors.0.text", EVIL);
	tmpl_set(t, "Errors.1.field", "csrf");
	tmpl_set(t, "Errors.1.text", EVIL);
	tmpl_set(t, "Errors.2.field", "x2");
	tmpl_set(t, "Errors.2.text", EVIL);
	for (i = 0; i < 4; i++) {
		tmpl_setf(t, EVIL, "Form.Extra.%zu.name", i);
		tmpl_setf(t, EVIL, "Form.Extra.%zu.label", i);
		tmpl_setf(t, EVIL, "Form.Extra.%zu.help", i);
		tmpl_setf(t, kinds[i], "Form.Extra.%zu.kind", i);
		tmpl_setf(t, "1", "Form.Extra.%zu.required", i);
		tmpl_setf(t, EVIL, "Form.Extra.%zu.max_len", i);
		tmpl_setf(t, EVIL, "Form.Extra.%zu.value", i);
		tmpl_setf(t, EVIL, "Form.Extra.%zu.Options.0", i);
		tmpl_setf(t, "B", "Form.Extra.%zu.Options.1", i);
	}
	tmpl_set(t, "Form.Extra.1.name", "x2");
	tmpl_set(t, "Order.ref", EVIL);
	tmpl_set(t, "Order.status", EVIL);
	tmpl_set(t, "Order.service", EVIL);
	tmpl_set(t, "Order.created", EVIL);
	tmpl_set(t, "Order.updated", EVIL);
	tmpl_set(t, "Order.message", EVIL);
	tmpl_set(t, "Order.receipt", "1");
	tmpl_set(t, "Order.erased", "1");
	tmpl_set(t, "Order.status_url", EVIL);
	tmpl_set(t, "Provider.name", EVIL);
	tmpl_set(t, "Provider.email", EVIL);
	tmpl_set(t, "Provider.phone", EVIL);
	tmpl_set(t, "Provider.url", EVIL);
	tmpl_set(t, "Net.email", EVIL);
	tmpl_set(t, "Net.phone", EVIL);
	tmpl_set(t, "Net.url", "javascript:alert(1)");
	tmpl_set(t, "Withdraw.action", EVIL);
	tmpl_set(t, "Withdraw.csrf", EVIL);
}

/* Every real template, with hostile values in every node it reads. */
static void
real(void)
{
	static const char *const pages[] = { "landing.cs", "search.cs",
	    "error.cs", "address.cs", "outlet.cs", "order.cs", "status.cs" };
	const char *src = getenv("TJG_SRCDIR");
	char dir[4096], err[256] = "";
	struct tmpl *t;
	struct buf out;
	size_t i, j;

	snprintf(dir, sizeof(dir), "%s/tmpl", src != NULL ? src : ".");
	if (!ok(tmpl_open(&t, dir, err, sizeof(err)) == TJG_OK,
	    "tmpl/ opens: %s", err))
		return;
	buf_init(&out);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		for (j = 0; j < 2; j++) {
			tmpl_set(t, "Page.lang", j ? "en" : "sv");
			tmpl_set(t, "Page.base", j ? "/en" : "");
			tmpl_set(t, "Page.other_lang_url", EVIL);
			tmpl_set(t, "Static", "/static");
			tmpl_set(t, "Net.name", EVIL);
			tmpl_set(t, "Search.q", EVIL);
			tmpl_set(t, "Search.error_text", EVIL);
			tmpl_set(t, "Search.count", "2");
			tmpl_set(t, "Search.fuzzy", "1");
			tmpl_set(t, "Hits.0.street", EVIL);
			tmpl_set(t, "Hits.0.number", "12");
			tmpl_set(t, "Hits.0.littera", EVIL);
			tmpl_set(t, "Hits.0.postcode", EVIL);
			tmpl_set(t, "Hits.0.city", EVIL);
			tmpl_set(t, "Hits.0.Outlets.0.code", EVIL);
			tmpl_set(t, "Hits.0.Outlets.0.apartment", EVIL);
			tmpl_set(t, "Hits.0.Outlets.0.status", "active");
			tmpl_set(t, "Hits.1.street", EVIL);
			tmpl_set(t, "Error.status", "404");
			tmpl_set(t, "Error.title", EVIL);
			tmpl_set(t, "Error.message", EVIL);
			tmpl_set(t, "Error.detail", EVIL);
			set_order_nodes(t);
			buf_reset(&out);
			is_int(tmpl_render(t, pages[i], j ? "en" : "sv", &out),
			    TJG_OK, "%s renders (%s)", pages[i],
			    j ? "en" : "sv");
			lacks_str(out.p, "<script>", "%s: no raw <script>",
			    pages[i]);
			lacks_str(out.p, "\"x\"", "%s: no raw quotes from data",
			    pages[i]);
			has_str(out.p, j ? "lang=\"en\"" : "lang=\"sv\"",
			    "%s: html lang attribute", pages[i]);
			lacks_str(out.p, "javascript:", "%s: no javascript: URL",
			    pages[i]);
			is_int(count(out.p, "<h1"), 1, "%s: one h1",
			    pages[i]);
			tmpl_clear(t);
		}
	}
	buf_reset(&out);
	tmpl_set(t, "Page.lang", "sv");
	tmpl_set(t, "Net.name", EVIL);
	tmpl_set(t, "Search.q", EVIL);
	tmpl_set(t, "Search.count", "1");
	tmpl_set(t, "Hits.0.street", EVIL);
	tmpl_set(t, "Hits.0.Outlets.0.code", EVIL);
	tmpl_render(t, "search.cs", "sv", &out);
	ok(count(out.p, EVIL_ESC) >= 3,
	    "search.cs shows query, street and outlet code escaped");
	tmpl_clear(t);

	/* The order form: every kept value, extra and message escaped. */
	buf_reset(&out);
	tmpl_set(t, "Page.lang", "sv");
	set_order_nodes(t);
	is_int(tmpl_render(t, "order.cs", "sv", &out), TJG_OK,
	    "order.cs renders with hostile data");
	ok(count(out.p, EVIL_ESC) >= 25,
	    "order.cs shows kept values, extras and messages escaped (%d)",
	    count(out.p, EVIL_ESC));
	has_str(out.p, "aria-invalid=\"true\"", "order.cs marks invalid fields");
	has_str(out.p, "href=\"#order-form\"",
	    "order.cs: the csrf error links to the form");
	has_str(out.p, "href=\"#x2\"", "order.cs: an extra's error links to it");
	has_str(out.p, "name=\"csrf\" value=\"", "order.cs: csrf hidden input");
	has_str(out.p, "class=\"hp\" aria-hidden=\"true\"",
	    "order.cs: the honeypot is hidden");
	has_str(out.p, "name=\"website\" value=\"\"",
	    "order.cs: the honeypot is never filled in");
	has_str(out.p, "autocomplete=\"given-name\"",
	    "order.cs: autocomplete on the name");
	lacks_str(out.p, "<a href=\"https://x.example/?a=\"",
	    "order.cs: quotes in a URL stay inside the attribute");
	tmpl_clear(t);

	/* The status page shows no Net.url with a javascript: scheme. */
	buf_reset(&out);
	tmpl_set(t, "Page.lang", "en");
	set_order_nodes(t);
	is_int(tmpl_render(t, "status.cs", "en", &out), TJG_OK,
	    "status.cs renders with hostile data");
	ok(count(out.p, EVIL_ESC) >= 10, "status.cs shows order data escaped");
	has_str(out.p, "name=\"csrf\"", "status.cs: withdrawal form");
	tmpl_clear(t);

	/* Without Addr the address page is the outlet-code form. */
	buf_reset(&out);
	tmpl_set(t, "Page.lang", "sv");
	tmpl_set(t, "Code.value", EVIL);
	tmpl_set(t, "Code.error_text", EVIL);
	is_int(tmpl_render(t, "address.cs", "sv", &out), TJG_OK,
	    "address.cs renders the code form");
	has_str(out.p, "name=\"kod\" value=\"" , "address.cs: kod input");
	has_str(out.p, "aria-describedby=\"kod-error kod-hint\"",
	    "address.cs: the code error describes the input");
	lacks_str(out.p, "<table", "address.cs: no outlet table without Addr");
	tmpl_clear(t);
	tmpl_close(t);
	buf_free(&out);
}

int
main(void)
{
	fixture();
	real();
	return done_testing();
}
