/*
 * Tests for lib/feed.c: the feed writer (streaming per order, hostile
 * and non-XML text, erasure, encryption, missing values, a failing
 * output), every written document validated against doc/orderfeed.xsd
 * with libxml2 and, for samples, with the xmllint command; the status
 * reader (good reports, each optional element, and the hostile ones:
 * not well-formed, billion laughs, XXE, external DTD, XInclude, wrong
 * root or namespace, bad dates and statuses, sizes); the state machine
 * as a full table. TJG_SRCDIR names the source tree (default ".").
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "buf.h"
#include "err.h"
#include "feed.h"
#include "tap.h"

#define NS	"urn:tjansteguiden:orderfeed:1"

static char xsd[4096];
static xmlSchemaPtr test_schema;	/* the test's own, not feed.c's */

/* Collects the output and counts the calls. */
struct sink {
	struct buf	 b;
	int		 calls;
	int		 fail_at;	/* fail from the n-th call on; 0 never */
};

static int
sink_out(void *ctx, const char *p, size_t n)
{
	struct sink *s = ctx;

	s->calls++;
	if (s->fail_at != 0 && s->calls >= s->fail_at)
		return -1;
	buf_add(&s->b, p, n);
	return 0;
}

static void
sink_init(struct sink *s)
{
	memset(s, 0, sizeof(*s));
	buf_init(&s->b);
}

static void
quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (e != NULL && e->message != NULL)
		printf("#   libxml2: %s", e->message);
}

static xmlDocPtr
parse(const char *s)
{
	return xmlReadMemory(s, (int)strlen(s), NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* Does the document s validate against orderfeed.xsd? */
static bool
valid(const char *s)
{
	xmlSchemaValidCtxtPtr v;
	xmlDocPtr doc;
	bool ok_ = false;

	if ((doc = parse(s)) == NULL)
		return false;
	if ((v = xmlSchemaNewValidCtxt(test_schema)) != NULL) {
		xmlSchemaSetValidStructuredErrors(v, quiet, NULL);
		ok_ = xmlSchemaValidateDoc(v, doc) == 0;
		xmlSchemaFreeValidCtxt(v);
	}
	xmlFreeDoc(doc);
	return ok_;
}

/* The text of the first element named name in s, malloc'd, or NULL. */
static char *
text_of(const char *s, const char *name)
{
	xmlDocPtr doc;
	xmlNodePtr n, next;
	char *r = NULL;

	if ((doc = parse(s)) == NULL)
		return NULL;
	for (n = xmlDocGetRootElement(doc); n != NULL; n = next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0) {
			xmlChar *t = xmlNodeGetContent(n);

			r = strdup((const char *)t);
			xmlFree(t);
			break;
		}
		/* Depth first. */
		if (n->children != NULL)
			next = n->children;
		else {
			while (n != NULL && n->next == NULL)
				n = n->parent;
			next = n != NULL ? n->next : NULL;
		}
	}
	xmlFreeDoc(doc);
	return r;
}

static const char *const ex_keys[] = { "moving_date", "door_code" };
static const char *const ex_vals[] = { "2026-04-01", "<1234> & \"x\"" };

static struct feed_order
order_base(const char *ref, long long seq)
{
	struct feed_order o;

	memset(&o, 0, sizeof(o));
	o.ref = ref;
	o.seq = seq;
	o.network = "demo-stadsnat";
	o.status = "new";
	o.created = "2026-03-01T09:30:00Z";
	o.updated = "2026-03-01T09:30:00.123456Z";
	o.service_code = "BB-1000";
	o.service_name = "Bredband 1000/1000";
	o.access_id = "SN-0001-23";
	o.apartment = "1102";
	o.street = "Storgatan";
	o.number = "12";
	o.littera = "B";
	o.postcode = "11122";
	o.city = "Stockholm";
	o.first_name = "Testa";
	o.last_name = "Testsson";
	o.email = "testa@example.org";
	o.phone = "+46701234567";
	return o;
}

/* ---------------------------------------------------------------- */

static void
test_page(void)
{
	struct sink s;
	struct feed_writer *fw = NULL;
	struct feed_order o[4];
	const char *what[4] = { "customer details", "extra fields",
	    "erased", "encrypted" };
	char *t;
	int i, calls;

	sink_init(&s);
	o[0] = order_base("AB12CD34EF56", 101);
	o[0].pnr = "190101019802";
	o[0].inv_street = "Box 123";
	o[0].inv_postcode = "10005";
	o[0].inv_city = "Stockholm";
	o[0].desired_start = "2026-04-01";
	o[0].distinguisher = "Lgh A";
	o[0].provider_reference = "P-1";
	o[0].external_message = "Välkommen!";

	o[1] = order_base("AB12CD34EF57", 102);
	o[1].first_name = "<script>alert(1)</script> & \"Åsa\" 'Ö'";
	o[1].last_name = "Ctl\x01" "A\x1b" "B\x7f" "C\xff" "D\xed\xa0\x80" "E";
	o[1].city = "Göteborg\tvia\r\nlinjer";
	o[1].apartment = "";	/* "" is absent */
	o[1].littera = NULL;
	o[1].extra_keys = (const char **)ex_keys;
	o[1].extra_values = (const char **)ex_vals;
	o[1].nextra = 2;

	o[2] = order_base("AB12CD34EF58", 103);
	o[2].erased = true;
	o[2].erased_at = "2026-06-01T00:00:00Z";
	o[2].status = "activated";
	/* Left over in the struct: must not be written. */
	o[2].first_name = "Kvarglömd";

	o[3] = order_base("AB12CD34EF59", 104);
	o[3].customer_cms = "MIAGCSqGSIb3DQEHA6CAMIACAQA=";
	o[3].first_name = "Hemlig";

	is_int(feed_begin(&fw, sink_out, &s, 104), TJG_OK, "feed_begin");
	for (i = 0; i < 4; i++) {
		calls = s.calls;
		is_int(feed_order(fw, &o[i]), TJG_OK, "feed_order %s", what[i]);
		ok(s.calls > calls && count(buf_str(&s.b), "</order>") == i + 1,
		    "order %d (%s) reached out before the next one", i + 1,
		    what[i]);
	}
	is_int(feed_end(fw), TJG_OK, "feed_end");
	printf("#   page of 4 orders in %d calls, %zu bytes\n", s.calls,
	    s.b.len);
	ok(valid(buf_str(&s.b)), "the page validates against orderfeed.xsd");
	has_str(buf_str(&s.b), "<orders next=\"104\" xmlns=\"" NS "\">",
	    "root orders with next and the namespace");
	has_str(buf_str(&s.b), "encoding=\"UTF-8\"", "declared UTF-8");

	t = text_of(buf_str(&s.b), "firstName");
	is_str(t, "Testa", "first order's firstName");
	free(t);
	has_str(buf_str(&s.b), "&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
	    "&quot;Åsa&quot; 'Ö'", "markup escaped, non-ASCII kept");
	lacks_str(buf_str(&s.b), "<script>", "no raw markup from a value");
	has_str(buf_str(&s.b), "Ctl\xef\xbf\xbd" "A\xef\xbf\xbd" "B\x7f"
	    "C\xef\xbf\xbd" "D\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "E",
	    "controls and malformed UTF-8 became U+FFFD (DEL is legal XML)");
	has_str(buf_str(&s.b), "Göteborg\tvia&#13;\nlinjer",
	    "tab and LF kept, CR as a character reference");
	has_str(buf_str(&s.b), "<field name=\"door_code\">&lt;1234&gt; &amp; "
	    "&quot;x&quot;</field>", "extra field escaped");
	is_int(count(buf_str(&s.b), "<mduApartmentNumber>"), 2,
	    "an empty optional value is left out (orders 1 and 4 only)");
	has_str(buf_str(&s.b), "<erased at=\"2026-06-01T00:00:00Z\"/>",
	    "erasure marker");
	lacks_str(buf_str(&s.b), "Kvarglömd", "nothing personal on an erased "
	    "order");
	is_int(count(buf_str(&s.b), "<accessId>"), 3,
	    "no outlet on the erased order");
	has_str(buf_str(&s.b), "<encryptedCustomerDetails>MIAGCSqGSIb3DQEHA6C"
	    "AMIACAQA=</encryptedCustomerDetails>", "encrypted variant");
	lacks_str(buf_str(&s.b), "Hemlig", "no clear customerDetails beside "
	    "the encrypted ones");
	buf_free(&s.b);
}

static void
test_empty_and_one(void)
{
	struct sink s;
	struct feed_writer *fw = NULL;
	struct feed_order o = order_base("ZZ12CD34EF56", 7);
	char *t;

	sink_init(&s);
	is_int(feed_begin(&fw, sink_out, &s, 0), TJG_OK, "empty page begins");
	is_int(feed_end(fw), TJG_OK, "empty page ends");
	ok(valid(buf_str(&s.b)), "empty page validates");
	has_str(buf_str(&s.b), "next=\"0\"", "empty page has next");
	buf_free(&s.b);

	sink_init(&s);
	o.status = "received";
	o.first_name = "<b>\"Åsa\" & 'Ölund'</b>\r\n\t]]>";
	is_int(feed_write_one(sink_out, &s, &o), TJG_OK, "feed_write_one");
	ok(valid(buf_str(&s.b)), "a single order validates");
	has_str(buf_str(&s.b), "<order xmlns=\"" NS "\">", "root order");
	t = text_of(buf_str(&s.b), "firstName");
	is_str(t, o.first_name, "a hostile value reads back unchanged");
	free(t);
	buf_free(&s.b);

	sink_init(&s);
	o.inv_street = "Box 1";
	o.inv_postcode = "10005";
	o.inv_city = "Stockholm";
	o.extra_keys = (const char **)ex_keys;
	o.extra_values = (const char **)ex_vals;
	o.nextra = 2;
	is_int(feed_write_customer(sink_out, &s, &o), TJG_OK,
	    "feed_write_customer");
	ok(valid(buf_str(&s.b)), "customerData (the CMS plaintext) validates");
	has_str(buf_str(&s.b), "<customerData xmlns=\"" NS "\">",
	    "root customerData");
	buf_free(&s.b);
}

static void
test_log(void)
{
	struct sink s;
	const struct feed_event ev[] = {
		{ "created", "2026-03-01T09:30:00Z", "resident", NULL },
		{ "fetched", "2026-03-01T09:35:00Z", "provider", "" },
		{ "received", "2026-03-01T10:00:00Z", "provider",
		    "Kund <ringd> & \"klar\"\x02" },
		{ "erased", "2026-06-01T00:00:00Z", "system", NULL },
	};
	const struct feed_event bad = { "created", NULL, "resident", NULL };

	sink_init(&s);
	is_int(feed_write_log(sink_out, &s, "AB12CD34EF56", ev, 4), TJG_OK,
	    "feed_write_log");
	ok(valid(buf_str(&s.b)), "the log validates");
	has_str(buf_str(&s.b), "<log ref=\"AB12CD34EF56\" xmlns=\"" NS "\">",
	    "root log");
	has_str(buf_str(&s.b), "Kund &lt;ringd&gt; &amp; &quot;klar&quot;"
	    "\xef\xbf\xbd</event>", "note escaped and cleaned");
	buf_free(&s.b);

	sink_init(&s);
	is_int(feed_write_log(sink_out, &s, "AB12CD34EF56", NULL, 0), TJG_OK,
	    "an empty log");
	ok(valid(buf_str(&s.b)), "the empty log validates");
	buf_free(&s.b);

	sink_init(&s);
	is_int(feed_write_log(sink_out, &s, "AB12CD34EF56", &bad, 1),
	    TJG_EINVAL, "an event without a time is refused");
	is_int(s.calls, 0, "nothing written for a refused log");
	buf_free(&s.b);
}

static void
test_refusals(void)
{
	struct sink s;
	struct feed_writer *fw = NULL;
	struct feed_order good = order_base("AB12CD34EF56", 1);
	struct feed_order o;
	int calls;

	sink_init(&s);
	is_int(feed_begin(&fw, sink_out, &s, 2), TJG_OK, "begin");
	o = good;
	o.email = NULL;
	is_int(feed_order(fw, &o), TJG_EINVAL, "missing email refused");
	o = good;
	o.inv_street = "Box 1";
	is_int(feed_order(fw, &o), TJG_EINVAL,
	    "incomplete invoice address refused");
	o = good;
	o.erased = true;
	is_int(feed_order(fw, &o), TJG_EINVAL, "erased without a time refused");
	o = good;
	o.service_code = "";
	is_int(feed_order(fw, &o), TJG_EINVAL, "empty service code refused");
	is_int(feed_order(fw, &good), TJG_OK, "a good order after refusals");
	is_int(feed_end(fw), TJG_OK, "end");
	ok(valid(buf_str(&s.b)), "refused orders left no trace: page valid");
	is_int(count(buf_str(&s.b), "<order>"), 1, "one order written");
	buf_free(&s.b);

	/* The client went away in the middle of the page. */
	sink_init(&s);
	s.fail_at = 2;
	is_int(feed_begin(&fw, sink_out, &s, 2), TJG_OK, "begin (failing out)");
	is_int(feed_order(fw, &good), TJG_OK, "first order sent");
	is_int(feed_order(fw, &good), TJG_EINTERNAL,
	    "out failing is reported");
	calls = s.calls;
	feed_abort(fw);
	is_int(s.calls, calls, "feed_abort writes nothing more");
	buf_free(&s.b);

	sink_init(&s);
	s.fail_at = 1;
	is_int(feed_write_one(sink_out, &s, &good), TJG_EINTERNAL,
	    "feed_write_one reports a failing out");
	buf_free(&s.b);
}

/* ---------------------------------------------------------------- */

#define REPORT(body)	"<?xml version=\"1.0\"?>\n<statusReport xmlns=\"" \
	NS "\">" body "</statusReport>"

static int
read_s(const char *body, struct feed_status *st, const char **why)
{
	return feed_read_status(body, strlen(body), st, why);
}

/* Expects body refused with a reason containing want. */
static void
refused(const char *what, const char *body, const char *want)
{
	struct feed_status st;
	const char *why = NULL;
	int rc;

	rc = read_s(body, &st, &why);
	if (!ok(rc == TJG_EINVAL && why != NULL && strstr(why, want) != NULL &&
	    st.provider_reference == NULL && st.note == NULL &&
	    st.external_message == NULL && st.status[0] == '\0', "%s: %s",
	    what, want))
		printf("#   rc %d, why \"%s\"\n", rc, why ? why : "(null)");
	feed_status_free(&st);
}

static void
test_read_good(void)
{
	struct feed_status st;
	const char *why = NULL;
	char pr[256], small[1024], *body;
	size_t i, n;

	is_int(read_s(REPORT("<status>activated</status><date>2026-03-02"
	    "</date><providerReference>P-77 &amp; co</providerReference>"
	    "<externalMessage>Tjänsten är aktiv &lt;3</externalMessage>"
	    "<note>Kopplad i nod 4</note>"), &st, &why), TJG_OK,
	    "a full report");
	is_str(why, NULL, "no reason on success");
	is_str(st.status, "activated", "status");
	is_str(st.date, "2026-03-02", "date");
	is_str(st.provider_reference, "P-77 & co", "providerReference");
	is_str(st.external_message, "Tjänsten är aktiv <3", "externalMessage");
	is_str(st.note, "Kopplad i nod 4", "note");
	feed_status_free(&st);

	is_int(read_s(REPORT("<status>received</status><date>2026-02-28"
	    "</date>"), &st, &why), TJG_OK, "a minimal report");
	ok(st.provider_reference == NULL && st.external_message == NULL &&
	    st.note == NULL, "absent optionals are NULL");
	feed_status_free(&st);

	is_int(read_s(REPORT("<status>rejected</status><date>2024-02-29</date>"
	    "<providerReference>X1</providerReference>"), &st, &why), TJG_OK,
	    "providerReference alone (and a leap day)");
	ok(st.provider_reference != NULL && st.external_message == NULL &&
	    st.note == NULL, "only providerReference set");
	feed_status_free(&st);

	is_int(read_s(REPORT("<status>cancelled</status><date>2026-01-01</date>"
	    "<externalMessage>Hej</externalMessage>"), &st, &why), TJG_OK,
	    "externalMessage alone");
	ok(st.provider_reference == NULL && st.external_message != NULL &&
	    st.note == NULL, "only externalMessage set");
	feed_status_free(&st);

	is_int(read_s(REPORT("<status>received</status><date>2026-01-01</date>"
	    "<note/>"), &st, &why), TJG_OK, "an empty note alone");
	is_str(st.note, "", "empty note is \"\"");
	feed_status_free(&st);

	is_int(read_s(REPORT("\n  <status> received\n</status>\n  <date>"
	    "2026-01-01 </date>\n"), &st, &why), TJG_OK, "blanks around "
	    "tokens and between elements");
	is_str(st.status, "received", "status trimmed");
	is_str(st.date, "2026-01-01", "date trimmed");
	feed_status_free(&st);

	is_int(read_s("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<of:statusReport xmlns:of=\"" NS "\" xmlns:x=\"urn:x\" x:a=\"1\">"
	    "<of:status>received</of:status><of:date>2026-01-01</of:date>"
	    "<x:extra><x:deep/></x:extra></of:statusReport>", &st, &why),
	    TJG_OK, "a prefix, and another namespace's element and attribute");
	feed_status_free(&st);

	is_int(read_s(REPORT("<status>received</status><date>2026-01-01</date>"
	    "<note><![CDATA[a <b> & c]]></note>"), &st, &why), TJG_OK,
	    "CDATA");
	is_str(st.note, "a <b> & c", "CDATA text");
	feed_status_free(&st);

	/* 100 characters, 200 bytes: the limit counts characters. */
	memset(pr, 0, sizeof(pr));
	for (i = 0; i < 100; i++)
		memcpy(pr + 2 * i, "å", 2);
	snprintf(small, sizeof(small), REPORT("<status>received</status>"
	    "<date>2026-01-01</date><providerReference>%s"
	    "</providerReference>"), pr);
	is_int(read_s(small, &st, &why), TJG_OK,
	    "providerReference of 100 non-ASCII characters");
	is_str(st.provider_reference, pr, "and it is kept whole");
	feed_status_free(&st);

	/* Exactly FEED_MAX_BODY bytes, padded with blanks. */
	if ((body = malloc(FEED_MAX_BODY + 1)) == NULL)
		return;
	snprintf(body, FEED_MAX_BODY + 1, "%s", REPORT("<status>received"
	    "</status><date>2026-01-01</date>"));
	n = strlen(body);
	memset(body + n, ' ', FEED_MAX_BODY - n);
	is_int(feed_read_status(body, FEED_MAX_BODY, &st, &why), TJG_OK,
	    "a body of exactly FEED_MAX_BODY bytes");
	feed_status_free(&st);
	is_int(feed_read_status(body, FEED_MAX_BODY + 1, &st, &why),
	    TJG_EINVAL, "one byte more is refused");
	is_str(why, "too large", "reason: too large");
	feed_status_free(&st);
	free(body);
}

static void
test_read_hostile(void)
{
	char *big;
	size_t i, n;

	refused("not well-formed", "<statusReport xmlns=\"" NS "\"><status>",
	    "not well-formed");
	refused("empty body", "", "not well-formed");
	refused("text only", "received", "not well-formed");
	refused("undeclared entity (no DOCTYPE)", REPORT("<status>received"
	    "</status><date>2026-01-01</date><note>&xxe;</note>"),
	    "not well-formed");
	refused("billion laughs", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE statusReport [\n"
	    " <!ENTITY a \"aaaaaaaaaa\">\n"
	    " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    " <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    " <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    " <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    " <!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	    " <!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	    "]>\n" REPORT("<status>received</status><date>2026-01-01</date>"
	    "<note>&i;</note>"), "DTD not allowed");
	refused("XXE file:///etc/passwd", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE statusReport [\n"
	    " <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
	    "]>\n" REPORT("<status>received</status><date>2026-01-01</date>"
	    "<note>&xxe;</note>"), "DTD not allowed");
	refused("parameter entity XXE", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE statusReport [\n"
	    " <!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;\n"
	    "]>\n" REPORT("<status>received</status><date>2026-01-01</date>"),
	    "DTD not allowed");
	refused("external DTD", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE statusReport SYSTEM \"file:///etc/passwd\">\n"
	    REPORT("<status>received</status><date>2026-01-01</date>"),
	    "DTD not allowed");
	refused("empty DOCTYPE", "<!DOCTYPE statusReport>"
	    REPORT("<status>received</status><date>2026-01-01</date>"),
	    "DTD not allowed");
	refused("wrong root", "<order xmlns=\"" NS "\"><status>received"
	    "</status><date>2026-01-01</date></order>", "wrong root element");
	refused("wrong namespace", "<statusReport xmlns=\"urn:other\">"
	    "<status>received</status><date>2026-01-01</date></statusReport>",
	    "wrong namespace");
	refused("no namespace", "<statusReport><status>received</status>"
	    "<date>2026-01-01</date></statusReport>", "wrong namespace");
	refused("children without the namespace", "<of:statusReport "
	    "xmlns:of=\"" NS "\"><status>received</status><date>2026-01-01"
	    "</date></of:statusReport>", "schema:");
	refused("invalid date 2026-02-30", REPORT("<status>received</status>"
	    "<date>2026-02-30</date>"), "date");
	refused("date 2025-02-29 (no leap year)", REPORT("<status>received"
	    "</status><date>2025-02-29</date>"), "date");
	refused("date with a time zone", REPORT("<status>received</status>"
	    "<date>2026-01-01Z</date>"), "date");
	refused("date and time", REPORT("<status>received</status>"
	    "<date>2026-01-01T10:00:00Z</date>"), "date");
	refused("unknown status", REPORT("<status>done</status>"
	    "<date>2026-01-01</date>"), "status must be");
	refused("status new cannot be reported", REPORT("<status>new</status>"
	    "<date>2026-01-01</date>"), "status must be");
	refused("status in upper case", REPORT("<status>RECEIVED</status>"
	    "<date>2026-01-01</date>"), "status must be");
	refused("missing date", REPORT("<status>received</status>"),
	    "elements missing");
	refused("elements out of order", REPORT("<date>2026-01-01</date>"
	    "<status>received</status>"), "elements missing");
	refused("unknown element in our namespace", REPORT("<status>received"
	    "</status><date>2026-01-01</date><priority>1</priority>"),
	    "elements missing");
	refused("repeated status", REPORT("<status>received</status>"
	    "<status>received</status><date>2026-01-01</date>"),
	    "elements missing");
	refused("empty providerReference", REPORT("<status>received</status>"
	    "<date>2026-01-01</date><providerReference/>"),
	    "providerReference must be");

	{
		char body[2400], big1[1002];

		memset(big1, 'x', 1001);
		big1[101] = '\0';

		snprintf(body, sizeof(body), REPORT("<status>received</status>"
		    "<date>2026-01-01</date><providerReference>%s"
		    "</providerReference>"), big1);
		refused("providerReference of 101 characters", body,
		    "providerReference must be");
		big1[101] = 'x';
		big1[1001] = '\0';
		snprintf(body, sizeof(body), REPORT("<status>received</status>"
		    "<date>2026-01-01</date><externalMessage>%s"
		    "</externalMessage>"), big1);
		refused("externalMessage of 1001 characters", body,
		    "externalMessage is longer");
		snprintf(body, sizeof(body), REPORT("<status>received</status>"
		    "<date>2026-01-01</date><note>%s</note>"), big1);
		refused("note of 1001 characters", body, "note is longer");
	}

	n = FEED_MAX_BODY * 4;
	if ((big = malloc(n + 1)) == NULL)
		return;
	snprintf(big, n + 1, "%s", REPORT("<status>received</status>"
	    "<date>2026-01-01</date><note>"));
	for (i = strlen(big); i < n; i++)
		big[i] = 'y';
	big[n] = '\0';
	refused("oversized body", big, "too large");
	free(big);

	refused("control character by reference", REPORT("<status>received"
	    "</status><date>2026-01-01</date><note>&#1;</note>"),
	    "not well-formed");
	refused("malformed UTF-8", REPORT("<status>received</status>"
	    "<date>2026-01-01</date><note>\xff\xfe</note>"), "not well-formed");
}

/* XInclude is another namespace's element: ignored, never processed. */
static void
test_read_xinclude(void)
{
	struct feed_status st;
	const char *why;

	is_int(read_s(REPORT("<status>received</status><date>2026-01-01</date>"
	    "<note>n</note><xi:include xmlns:xi=\"http://www.w3.org/2001/"
	    "XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>"), &st,
	    &why), TJG_OK, "an xi:include is accepted as a foreign element");
	is_str(st.note, "n", "and not processed");
	feed_status_free(&st);
}

/* The cached validation context gives the right answer every time. */
static void
test_read_repeat(void)
{
	struct feed_status st;
	const char *why;
	int i, good = 0, bad = 0;

	for (i = 0; i < 200; i++) {
		if (read_s(REPORT("<status>received</status><date>2026-01-01"
		    "</date>"), &st, &why) == TJG_OK)
			good++;
		feed_status_free(&st);
		if (read_s(REPORT("<status>received</status><date>2026-13-01"
		    "</date>"), &st, &why) == TJG_EINVAL)
			bad++;
		feed_status_free(&st);
	}
	ok(good == 200 && bad == 200, "200 good and 200 bad reports in turn "
	    "(cached validator)");
}

/* ---------------------------------------------------------------- */

static void
test_transitions(void)
{
	static const char *const states[] = { "new", "received", "activated",
	    "rejected", "cancelled" };
	/* allowed[from][to]: 1 allowed, 2 allowed with implicit received */
	static const int allowed[5][5] = {
		{ 0, 1, 2, 1, 1 },	/* new */
		{ 0, 0, 1, 1, 1 },	/* received */
		{ 0, 0, 0, 0, 0 },	/* activated (final) */
		{ 0, 0, 0, 0, 0 },	/* rejected (final) */
		{ 0, 0, 0, 0, 0 },	/* cancelled (final) */
	};
	size_t f, t;
	bool imp, r;

	for (f = 0; f < 5; f++)
		for (t = 0; t < 5; t++) {
			imp = !allowed[f][t];	/* must be reset */
			r = feed_transition_ok(states[f], states[t], &imp);
			ok(r == (allowed[f][t] != 0) &&
			    imp == (allowed[f][t] == 2), "%s -> %s: %s%s",
			    states[f], states[t], allowed[f][t] ? "allowed" :
			    "refused", allowed[f][t] == 2 ?
			    " (implicit received)" : "");
		}
	ok(!feed_transition_ok("new", "bogus", &imp) && !imp,
	    "unknown target refused");
	ok(!feed_transition_ok("bogus", "received", &imp),
	    "unknown source refused");
	ok(!feed_transition_ok(NULL, "received", NULL) &&
	    !feed_transition_ok("new", NULL, NULL), "NULL refused");
	ok(feed_transition_ok("new", "activated", NULL),
	    "implicit_received may be NULL");
}

/* ---------------------------------------------------------------- */

/* The namespaced error answer validates; the unqualified one does not. */
static void
test_error_doc(void)
{
	ok(valid("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error xmlns=\""
	    NS "\" code=\"invalid-transition\">activated is final</error>"),
	    "<error> in the feed namespace validates");
	ok(!valid("<?xml version=\"1.0\"?><error code=\"not-found\">x"
	    "</error>"), "<error> without the namespace does not");
}

static int
write_file(const char *dir, const char *name, const char *s)
{
	char path[4200];
	FILE *f;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	if (fputs(s, f) >= 0)
		rc = 0;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

static int
xmllint(const char *dir, const char *name)
{
	char cmd[12000];

	snprintf(cmd, sizeof(cmd), "xmllint --noout --nonet --schema '%s' "
	    "'%s/%s' >/dev/null 2>&1", xsd, dir, name);
	return system(cmd);
}

/* Sample documents checked by the xmllint command, as providers will. */
static void
test_xmllint(void)
{
	char dir[] = "/tmp/t_feed.XXXXXX";
	struct sink s[4];
	struct feed_writer *fw = NULL;
	struct feed_order o = order_base("AB12CD34EF56", 9);
	struct feed_order e = order_base("AB12CD34EF57", 10);
	const struct feed_event ev[] = {
		{ "created", "2026-03-01T09:30:00Z", "resident", NULL },
		{ "received", "2026-03-01T10:00:00Z", "provider", "ok" },
	};
	const char *names[] = { "orders.xml", "order.xml", "log.xml",
	    "customer.xml" };
	char rm[64];
	int i;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	if (system("xmllint --version >/dev/null 2>&1") != 0) {
		ok(0, "xmllint is installed");
		return;
	}
	for (i = 0; i < 4; i++)
		sink_init(&s[i]);
	e.erased = true;
	e.erased_at = "2026-06-01T00:00:00Z";
	o.extra_keys = (const char **)ex_keys;
	o.extra_values = (const char **)ex_vals;
	o.nextra = 2;
	if (feed_begin(&fw, sink_out, &s[0], 10) != TJG_OK ||
	    feed_order(fw, &o) != TJG_OK || feed_order(fw, &e) != TJG_OK ||
	    feed_end(fw) != TJG_OK || feed_write_one(sink_out, &s[1], &o) !=
	    TJG_OK || feed_write_log(sink_out, &s[2], o.ref, ev, 2) != TJG_OK
	    || feed_write_customer(sink_out, &s[3], &o) != TJG_OK)
		ok(0, "samples written");
	for (i = 0; i < 4; i++) {
		is_int(write_file(dir, names[i], buf_str(&s[i].b)), 0,
		    "wrote %s", names[i]);
		is_int(xmllint(dir, names[i]), 0, "xmllint --schema %s",
		    names[i]);
		buf_free(&s[i].b);
	}
	write_file(dir, "status.xml", REPORT("<status>activated</status>"
	    "<date>2026-03-02</date><providerReference>P-1"
	    "</providerReference><externalMessage>Klart</externalMessage>"
	    "<note>intern</note>"));
	is_int(xmllint(dir, "status.xml"), 0, "xmllint --schema status.xml");
	write_file(dir, "error.xml", "<?xml version=\"1.0\"?>\n<error xmlns=\""
	    NS "\" code=\"invalid-transition\">activated is final</error>\n");
	is_int(xmllint(dir, "error.xml"), 0, "xmllint --schema error.xml");
	write_file(dir, "bad.xml", REPORT("<status>done</status>"
	    "<date>2026-02-30</date>"));
	ok(xmllint(dir, "bad.xml") != 0, "xmllint refuses a bad report");
	snprintf(rm, sizeof(rm), "rm -rf '%s'", dir);
	if (system(rm) != 0)
		printf("#   could not remove %s\n", dir);
}

int
main(void)
{
	struct feed_status st;
	const char *srcdir, *why;
	char err[256];
	xmlSchemaParserCtxtPtr pc;
	int saved, fd;
	char errfile[] = "/tmp/t_feed.err.XXXXXX";
	struct stat sb;

	if ((srcdir = getenv("TJG_SRCDIR")) == NULL)
		srcdir = ".";
	snprintf(xsd, sizeof(xsd), "%s/doc/orderfeed.xsd", srcdir);

	is_int(feed_read_status("<a/>", 4, &st, &why), TJG_EINTERNAL,
	    "reading before the schema is loaded is an internal error");
	feed_status_free(&st);
	is_int(feed_schema_load("/nonexistent/orderfeed.xsd", err,
	    sizeof(err)), TJG_ECONFIG, "a missing schema file");
	ok(err[0] != '\0', "with a message");
	is_int(feed_schema_load(xsd, err, sizeof(err)), TJG_OK,
	    "feed_schema_load %s", xsd);
	if (err[0] != '\0')
		printf("#   %s\n", err);

	pc = xmlSchemaNewParserCtxt(xsd);
	test_schema = pc != NULL ? xmlSchemaParse(pc) : NULL;
	if (pc != NULL)
		xmlSchemaFreeParserCtxt(pc);
	if (!ok(test_schema != NULL, "the test's own copy of the schema"))
		return done_testing();

	/* libxml2 must never write to stderr: catch it in a file. */
	fflush(stderr);
	saved = dup(2);
	if ((fd = mkstemp(errfile)) >= 0)
		dup2(fd, 2);

	test_page();
	test_empty_and_one();
	test_log();
	test_refusals();
	test_read_good();
	test_read_hostile();
	test_read_xinclude();
	test_read_repeat();
	test_transitions();
	test_error_doc();

	fflush(stderr);
	if (fd >= 0) {
		dup2(saved, 2);
		ok(fstat(fd, &sb) == 0 && sb.st_size == 0,
		    "libxml2 wrote nothing to stderr");
		close(fd);
		unlink(errfile);
	}
	close(saved);

	test_xmllint();

	xmlSchemaFree(test_schema);
	feed_schema_free();
	return done_testing();
}
