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

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
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

/* Every real template, with hostile values in every node it reads. */
static void
real(void)
{
	static const char *const pages[] = { "landing.cs", "search.cs",
	    "error.cs" };
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
