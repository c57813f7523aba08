/*
 * Tests for the pure parts of the data subject's requests (lib/dsr.c):
 * one-time codes (form, spread), typed codes, the e-mail address as the
 * order form stores it, the personal data read back from a blob's pairs,
 * and the XML copy: well-formed, in its namespace, with every value and
 * the processing facts, hostile text escaped, text XML cannot carry
 * replaced, incomplete input refused.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "arena.h"
#include "buf.h"
#include "dsr.h"
#include "err.h"
#include "http.h"
#include "tap.h"

static struct arena A;

static void
test_codes(void)
{
	char c[DSR_CODE_LEN + 1];
	int seen[10] = { 0 }, i, j, bad = 0, lead0 = 0;

	for (i = 0; i < 2000; i++) {
		if (dsr_code_new(c) != TJG_OK || strlen(c) != DSR_CODE_LEN ||
		    strspn(c, "0123456789") != DSR_CODE_LEN)
			bad++;
		for (j = 0; j < DSR_CODE_LEN; j++)
			seen[c[j] - '0']++;
		if (c[0] == '0')
			lead0++;
	}
	is_int(bad, 0, "2000 codes are six digits each");
	/* 12000 digits: each about 1200; a uniform source is never off 30 %. */
	for (i = 0, bad = 0; i < 10; i++)
		if (seen[i] < 840 || seen[i] > 1560)
			bad++;
	is_int(bad, 0, "every digit appears about as often");
	ok(lead0 > 100 && lead0 < 320, "leading zeros are kept (%d of 2000)",
	    lead0);

	ok(dsr_code_norm("123456", c), "123456 is a code");
	is_str(c, "123456", "  as typed");
	ok(dsr_code_norm(" 123 456 ", c), "blanks are dropped");
	is_str(c, "123456", "  123456");
	ok(dsr_code_norm("123-456", c), "a dash is dropped");
	ok(dsr_code_norm("000001", c), "leading zeros");
	is_str(c, "000001", "  kept");
	ok(!dsr_code_norm("12345", c), "five digits are not a code");
	ok(!dsr_code_norm("1234567", c), "seven digits are not a code");
	ok(!dsr_code_norm("12a456", c), "a letter is not a digit");
	ok(!dsr_code_norm("", c), "nothing is not a code");
	ok(!dsr_code_norm("１２３４５６", c), "full-width digits are not");
}

static void
test_email(void)
{
	is_str(dsr_email_norm(&A, "Anna.Test@Example.ORG"),
	    "anna.test@example.org",
	    "e-mail: lower case, as the form stores it");
	is_str(dsr_email_norm(&A, "a+b@x.se"), "a+b@x.se", "e-mail: plus kept");
	ok(dsr_email_norm(&A, "") == NULL, "e-mail: empty refused");
	ok(dsr_email_norm(&A, "anna") == NULL, "e-mail: no @ refused");
	ok(dsr_email_norm(&A, "@x.se") == NULL, "e-mail: no local part");
	ok(dsr_email_norm(&A, "a@b@x.se") == NULL, "e-mail: two @ refused");
	ok(dsr_email_norm(&A, "a@localhost") == NULL, "e-mail: no dot");
	ok(dsr_email_norm(&A, "a@.se") == NULL, "e-mail: dot first");
	ok(dsr_email_norm(&A, "a@x.se.") == NULL, "e-mail: dot last");
	ok(dsr_email_norm(&A, "a b@x.se") == NULL, "e-mail: blank refused");
	ok(dsr_email_norm(&A, "<a@x.se>") == NULL, "e-mail: <> refused");
}

static void
test_pii(void)
{
	static const char blob[] = "first_name=Testa&last_name=Fiktiv"
	    "&email=testa%40example.org&phone=%2B46701234567"
	    "&pnr=198402290015&invoice_street=Box+1&invoice_postcode=12345"
	    "&invoice_city=Stad&x.floor=3&x.agree=1&other=ignored";
	struct kvlist kv;
	struct dsr_pii p;

	ok(http_parse_urlencoded(&A, blob, strlen(blob), &kv) == TJG_OK,
	    "pii: a blob's pairs parse");
	dsr_pii_read(&A, &kv, &p);
	is_str(p.first_name, "Testa", "pii: first name");
	is_str(p.last_name, "Fiktiv", "pii: last name");
	is_str(p.email, "testa@example.org", "pii: e-mail");
	is_str(p.phone, "+46701234567", "pii: phone");
	is_str(p.pnr, "198402290015", "pii: personnummer");
	is_str(p.inv_street, "Box 1", "pii: invoice street");
	is_str(p.inv_postcode, "12345", "pii: invoice postcode");
	is_str(p.inv_city, "Stad", "pii: invoice city");
	is_int(p.nextra, 2, "pii: two extra fields, the unknown pair ignored");
	is_str(p.extra_keys[0], "floor", "pii: extra key without x.");
	is_str(p.extra_values[1], "1", "pii: extra value");
	is_str(dsr_pnr_show(&A, "198402290015"), "19840229-0015",
	    "pnr shown with a dash");
	is_str(dsr_pnr_show(&A, "12"), "12", "other text as it is");
	ok(dsr_pnr_show(&A, NULL) == NULL, "NULL stays NULL");
}

/* The string value of an XPath expression over doc (prefix p = DSR_NS). */
static char *
xp(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	xmlChar *s;
	char *out;

	xmlXPathRegisterNs(ctx, BAD_CAST "p", BAD_CAST DSR_NS);
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	s = xmlXPathCastToString(o);
	out = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return out;
}

static void
is_xp(xmlDocPtr doc, const char *expr, const char *want, const char *name)
{
	char *got = xp(doc, expr);

	is_str(got, want, "%s", name);
	free(got);
}

static void
test_xml(void)
{
	static const char *purposes[] = { "Att leverera.", "Att visa status." };
	static const char *keys[] = { "floor" }, *values[] = { "3 <&> \"" };
	static const char *labels[] = { "Våning" };
	struct dsr_xml_order o[2];
	struct dsr_xml d;
	struct buf out;
	xmlDocPtr doc;

	memset(o, 0, sizeof(o));
	o[0].ref = "ABCDEFGH2345";
	o[0].status = "new";
	o[0].created = "2026-03-01T10:00:00Z";
	o[0].updated = "2026-03-01T10:00:00Z";
	o[0].service = "Bredband 100";
	o[0].provider = "Vindlo <AB>";
	o[0].access_id = "UT-1";
	o[0].apartment = "1001";
	o[0].street = "Storgatan";
	o[0].number = "12";
	o[0].postcode = "12345";
	o[0].city = "Stad";
	o[0].pii.first_name = "Testa";
	o[0].pii.last_name = "O'Fiktiv & <script>";
	o[0].pii.email = "testa@example.org";
	o[0].pii.phone = "+46701234567";
	o[0].pii.pnr = "198402290015";
	o[0].pii.extra_keys = keys;
	o[0].pii.extra_values = values;
	o[0].pii.nextra = 1;
	o[0].extra_labels = labels;
	o[0].retention_days = 90;
	o[1] = o[0];
	o[1].ref = "ZZZZZZZZ2345";
	o[1].street = NULL;
	o[1].pii.pnr = NULL;
	o[1].pii.first_name = "Bell\aand\x01" "x\xef\xbf\xbey";
	o[1].pii.nextra = 0;
	memset(&d, 0, sizeof(d));
	d.generated = "2026-03-02T08:00:00Z";
	d.lang = "sv";
	d.controller = "Demo Stadsnät AB";
	d.controller_contact = "dpo@example.net";
	d.network = "Demo Stadsnät";
	d.purposes = purposes;
	d.npurposes = 2;
	d.legal_basis = "Avtal.";
	d.retention = "Räknat från hämtning.";
	d.source = "Du själv.";
	d.orders = o;
	d.norders = 2;

	buf_init(&out);
	ok(dsr_xml_write(&d, &out) == TJG_OK, "xml: written");
	doc = xmlReadMemory(out.p, (int)out.len, "copy.xml", NULL,
	    XML_PARSE_NONET);
	ok(doc != NULL, "xml: well-formed");
	if (doc == NULL) {
		printf("# %s\n", buf_str(&out));
		buf_free(&out);
		return;
	}
	is_xp(doc, "namespace-uri(/*)", DSR_NS, "xml: in its namespace");
	is_xp(doc, "string(/p:personalData/@generated)",
	    "2026-03-02T08:00:00Z", "xml: generated");
	is_xp(doc, "string(/p:personalData/p:controller/p:name)",
	    "Demo Stadsnät AB", "xml: controller (UTF-8)");
	is_xp(doc, "string(/p:personalData/p:controller/p:contact)",
	    "dpo@example.net", "xml: controller's contact");
	is_xp(doc, "count(//p:order)", "2", "xml: two orders");
	is_xp(doc, "string(//p:order[1]/@reference)", "ABCDEFGH2345",
	    "xml: reference");
	is_xp(doc, "string(//p:order[1]/p:customerDetails/p:lastName)",
	    "O'Fiktiv & <script>", "xml: hostile text survives as text");
	is_xp(doc,
	    "string(//p:order[1]/p:customerDetails/p:personalIdentityNumber)",
	    "198402290015", "xml: personnummer");
	is_xp(doc, "string(//p:order[1]/p:installationAddress/p:streetName)",
	    "Storgatan", "xml: installation address");
	is_xp(doc, "string(//p:order[1]/p:extraFields/p:field/@label)",
	    "Våning", "xml: extra field label");
	is_xp(doc, "string(//p:order[1]/p:extraFields/p:field)", "3 <&> \"",
	    "xml: extra field value");
	is_xp(doc, "count(//p:order[1]/p:processing/p:purpose)", "2",
	    "xml: purposes");
	is_xp(doc, "string(//p:order[1]/p:processing/p:recipient"
	    "[@role='provider'])", "Vindlo <AB>", "xml: recipient provider");
	is_xp(doc, "string(//p:order[1]/p:processing/p:recipient"
	    "[@role='network'])", "Demo Stadsnät", "xml: recipient network");
	is_xp(doc, "string(//p:order[1]/p:processing/p:retention/@days)", "90",
	    "xml: retention days");
	is_xp(doc, "string(//p:order[1]/p:processing/p:legalBasis)", "Avtal.",
	    "xml: legal basis");
	is_xp(doc, "string(//p:order[1]/p:processing/p:source)", "Du själv.",
	    "xml: source");
	is_xp(doc, "count(//p:order[2]/p:installationAddress)", "0",
	    "xml: no address when there is none");
	is_xp(doc, "count(//p:order[2]/p:customerDetails/"
	    "p:personalIdentityNumber)", "0", "xml: no personnummer if none");
	is_xp(doc, "string(//p:order[2]/p:customerDetails/p:firstName)",
	    "Bell\xef\xbf\xbd" "and\xef\xbf\xbd" "x\xef\xbf\xbd" "y",
	    "xml: characters XML cannot carry are U+FFFD");
	xmlFreeDoc(doc);

	buf_reset(&out);
	o[0].status = NULL;
	ok(dsr_xml_write(&d, &out) == TJG_EINVAL,
	    "xml: an order without status is refused");
	o[0].status = "new";
	d.controller = "";
	ok(dsr_xml_write(&d, &out) == TJG_EINVAL,
	    "xml: a copy without controller is refused");
	d.controller = "X";
	d.norders = 0;
	buf_reset(&out);
	ok(dsr_xml_write(&d, &out) == TJG_OK, "xml: no orders is a copy too");
	has_str(buf_str(&out), "<controller>", "  with the controller");
	buf_free(&out);
}

int
main(void)
{
	arena_init(&A);
	test_codes();
	test_email();
	test_pii();
	test_xml();
	arena_free(&A);
	return done_testing();
}
