/*
 * The provider feed's XML (DESIGN.md "Provider API", doc/orderfeed.xsd).
 *
 * Writing: libxml2's xmlTextWriter over an xmlOutputBuffer whose write
 * callback is the caller's feed_out_fn, flushed after every order, so a
 * page streams and memory stays at one order. Text that XML 1.0 cannot
 * carry is replaced by U+FFFD rather than refused: a provider must be
 * able to read every page, and a refused order would stall its feed.
 *
 * Reading: a status report is parsed with no network, no DTD loading and
 * no entity substitution; a DOCTYPE stops the parser the moment it is
 * seen, so neither external entities nor entity expansion can happen.
 * The tree is then checked for its root and namespace and validated
 * against the schema loaded once at start-up, and the values copied out.
 *
 * libxml2 is initialised once (xmlInitParser) and never cleaned up per
 * request; its error messages go to a silent handler, never to stderr.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "err.h"
#include "feed.h"

struct feed_writer {
	feed_out_fn		 out;
	void			*ctx;
	xmlTextWriterPtr	 w;
	bool			 failed;	/* out returned an error */
	bool			 discard;	/* aborting: drop the rest */
	struct buf		 tmp;		/* a value being cleaned */
};

static xmlSchemaPtr		schema;
static xmlSchemaValidCtxtPtr	vctxt;

/* ---------------------------------------------------------------- */
/* libxml2 set-up                                                    */
/* ---------------------------------------------------------------- */

static void
xml_quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static void
xml_quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/*
 * Messages of libxml2 can quote the document, i.e. personal data: they
 * are never printed. Callers report failures by our own short reasons.
 */
static void
feed_xml_init(void)
{
	static bool done;

	if (done)
		return;
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, xml_quiet);
	xmlSetGenericErrorFunc(NULL, xml_quiet_generic);
	done = true;
}

/* ---------------------------------------------------------------- */
/* Writing                                                           */
/* ---------------------------------------------------------------- */

static int
io_write(void *ctx, const char *p, int n)
{
	struct feed_writer *fw = ctx;

	if (fw->discard || n <= 0)
		return n;
	if (fw->failed || fw->out(fw->ctx, p, (size_t)n) != 0) {
		fw->failed = true;
		return -1;
	}
	return n;
}

/* Appends code point c to b as UTF-8. */
static void
put_utf8(struct buf *b, unsigned long c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	buf_add(b, u, n);
}

static bool
xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/*
 * Decodes one UTF-8 sequence at s; returns its length and the code point
 * in *c, or 0 if it is malformed (overlong, surrogate, truncated).
 */
static size_t
utf8_decode(const unsigned char *s, unsigned long *c)
{
	size_t n, i;
	unsigned long min;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		*c = s[0] & 0x1f;
		n = 2;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		*c = s[0] & 0x0f;
		n = 3;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		*c = s[0] & 0x07;
		n = 4;
		min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		*c = (*c << 6) | (s[i] & 0x3f);
	}
	if (*c < min || *c > 0x10ffff || (*c >= 0xd800 && *c <= 0xdfff))
		return 0;
	return n;
}

/*
 * Returns s itself when XML 1.0 can carry it as it is (the common case,
 * no copy), else a copy in fw->tmp with every character it cannot carry
 * and every malformed byte replaced by U+FFFD.
 */
static const char *
clean(struct feed_writer *fw, const char *s)
{
	const unsigned char *p;
	unsigned long c;
	size_t n;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    *p >= 0x7f)
			break;
	if (*p == '\0')
		return s;
	buf_reset(&fw->tmp);
	buf_add(&fw->tmp, s, (size_t)((const char *)p - s));
	while (*p != '\0') {
		if ((n = utf8_decode(p, &c)) == 0 || !xml_char(c)) {
			put_utf8(&fw->tmp, 0xfffd);
			p += n == 0 ? 1 : n;
		} else {
			buf_add(&fw->tmp, p, n);
			p += n;
		}
	}
	return buf_str(&fw->tmp);
}

static bool
present(const char *s)
{
	return s != NULL && *s != '\0';
}

/* <name>value</name>; value must not be NULL. */
static int
elem(struct feed_writer *fw, const char *name, const char *value)
{
	return xmlTextWriterWriteElement(fw->w, BAD_CAST name,
	    BAD_CAST clean(fw, value)) < 0 ? -1 : 0;
}

/* <name>value</name> only if value is present. */
static int
opt_elem(struct feed_writer *fw, const char *name, const char *value)
{
	return present(value) ? elem(fw, name, value) : 0;
}

static int
attr(struct feed_writer *fw, const char *name, const char *value)
{
	return xmlTextWriterWriteAttribute(fw->w, BAD_CAST name,
	    BAD_CAST clean(fw, value)) < 0 ? -1 : 0;
}

static int
start(struct feed_writer *fw, const char *name)
{
	return xmlTextWriterStartElement(fw->w, BAD_CAST name) < 0 ? -1 : 0;
}

static int
start_root(struct feed_writer *fw, const char *name)
{
	return xmlTextWriterStartElementNS(fw->w, NULL, BAD_CAST name,
	    BAD_CAST FEED_NS) < 0 ? -1 : 0;
}

static int
end(struct feed_writer *fw)
{
	return xmlTextWriterEndElement(fw->w) < 0 ? -1 : 0;
}

/* Sends what the writer holds to out. */
static int
flush(struct feed_writer *fw)
{
	return xmlTextWriterFlush(fw->w) < 0 || fw->failed ? -1 : 0;
}

/* Creates a writer over out and writes the XML declaration. */
static int
writer_open(struct feed_writer **fwp, feed_out_fn out, void *ctx)
{
	struct feed_writer *fw;
	xmlOutputBufferPtr ob;
	int rc = TJG_EINTERNAL;

	*fwp = NULL;
	feed_xml_init();
	if ((fw = calloc(1, sizeof(*fw))) == NULL)
		return rc;
	fw->out = out;
	fw->ctx = ctx;
	buf_init(&fw->tmp);
	if ((ob = xmlOutputBufferCreateIO(io_write, NULL, fw, NULL)) == NULL)
		goto out;
	/* The writer owns ob from here on, also when it fails. */
	if ((fw->w = xmlNewTextWriter(ob)) == NULL)
		goto out;
	if (xmlTextWriterSetIndent(fw->w, 1) < 0 ||
	    xmlTextWriterStartDocument(fw->w, "1.0", "UTF-8", NULL) < 0)
		goto out;
	*fwp = fw;
	fw = NULL;
	rc = TJG_OK;
out:
	if (fw != NULL)
		feed_abort(fw);
	return rc;
}

/* Ends the document, flushes and frees the writer. */
static int
writer_close(struct feed_writer *fw)
{
	int rc = TJG_EINTERNAL;

	if (xmlTextWriterEndDocument(fw->w) >= 0 && flush(fw) == 0)
		rc = TJG_OK;
	feed_abort(fw);
	return rc;
}

static bool
order_complete(const struct feed_order *o)
{
	if (!present(o->ref) || !present(o->network) || !present(o->status) ||
	    !present(o->created) || !present(o->updated) ||
	    !present(o->service_code) || !present(o->service_name))
		return false;
	if (o->erased)
		return present(o->erased_at);
	if (!present(o->access_id) || !present(o->street) ||
	    !present(o->number) || !present(o->postcode) || !present(o->city))
		return false;
	if (present(o->customer_cms))
		return true;
	if (!present(o->first_name) || !present(o->last_name) ||
	    !present(o->email) || !present(o->phone))
		return false;
	if (present(o->inv_street) || present(o->inv_postcode) ||
	    present(o->inv_city))
		if (!present(o->inv_street) || !present(o->inv_postcode) ||
		    !present(o->inv_city))
			return false;
	return o->nextra == 0 || o->extra_keys != NULL;
}

/* customerDetails, invoiceDetails?, extraFields?: the clear personal data. */
static int
write_customer(struct feed_writer *fw, const struct feed_order *o)
{
	size_t i;

	if (start(fw, "customerDetails") != 0 ||
	    elem(fw, "firstName", o->first_name) != 0 ||
	    elem(fw, "lastName", o->last_name) != 0 ||
	    opt_elem(fw, "personalIdentityNumber", o->pnr) != 0 ||
	    elem(fw, "email", o->email) != 0 ||
	    elem(fw, "phone", o->phone) != 0 ||
	    end(fw) != 0)
		return -1;
	if (present(o->inv_street) && (start(fw, "invoiceDetails") != 0 ||
	    elem(fw, "streetName", o->inv_street) != 0 ||
	    elem(fw, "postalCode", o->inv_postcode) != 0 ||
	    elem(fw, "city", o->inv_city) != 0 ||
	    end(fw) != 0))
		return -1;
	if (o->nextra == 0)
		return 0;
	if (start(fw, "extraFields") != 0)
		return -1;
	for (i = 0; i < o->nextra; i++) {
		const char *v = o->extra_values != NULL &&
		    o->extra_values[i] != NULL ? o->extra_values[i] : "";

		if (start(fw, "field") != 0 ||
		    attr(fw, "name", o->extra_keys[i]) != 0 ||
		    xmlTextWriterWriteString(fw->w,
		    BAD_CAST clean(fw, v)) < 0 ||
		    end(fw) != 0)
			return -1;
	}
	return end(fw);
}

/* One <order>, as the root (root) or inside <orders>. */
static int
write_order(struct feed_writer *fw, const struct feed_order *o, bool root)
{
	char seq[24];

	if (!order_complete(o))
		return TJG_EINVAL;
	snprintf(seq, sizeof(seq), "%lld", o->seq);
	if ((root ? start_root(fw, "order") : start(fw, "order")) != 0 ||
	    elem(fw, "reference", o->ref) != 0 ||
	    elem(fw, "sequence", seq) != 0 ||
	    elem(fw, "network", o->network) != 0 ||
	    elem(fw, "status", o->status) != 0 ||
	    elem(fw, "created", o->created) != 0 ||
	    elem(fw, "updated", o->updated) != 0 ||
	    start(fw, "service") != 0 ||
	    elem(fw, "code", o->service_code) != 0 ||
	    elem(fw, "name", o->service_name) != 0 ||
	    end(fw) != 0 ||
	    opt_elem(fw, "desiredStartDate", o->desired_start) != 0)
		return TJG_EINTERNAL;
	if (o->erased) {
		/* No outlet, address or person: they identify the resident. */
		if (start(fw, "erased") != 0 ||
		    attr(fw, "at", o->erased_at) != 0 || end(fw) != 0)
			return TJG_EINTERNAL;
	} else {
		if (elem(fw, "accessId", o->access_id) != 0 ||
		    opt_elem(fw, "mduApartmentNumber", o->apartment) != 0 ||
		    opt_elem(fw, "mduDistinguisher", o->distinguisher) != 0 ||
		    elem(fw, "streetName", o->street) != 0 ||
		    elem(fw, "streetNumber", o->number) != 0 ||
		    opt_elem(fw, "streetLittera", o->littera) != 0 ||
		    elem(fw, "postalCode", o->postcode) != 0 ||
		    elem(fw, "city", o->city) != 0)
			return TJG_EINTERNAL;
		if (present(o->customer_cms)) {
			if (elem(fw, "encryptedCustomerDetails",
			    o->customer_cms) != 0)
				return TJG_EINTERNAL;
		} else if (write_customer(fw, o) != 0)
			return TJG_EINTERNAL;
	}
	if (opt_elem(fw, "providerReference", o->provider_reference) != 0 ||
	    opt_elem(fw, "externalMessage", o->external_message) != 0 ||
	    end(fw) != 0 || flush(fw) != 0)
		return TJG_EINTERNAL;
	return TJG_OK;
}

int
feed_begin(struct feed_writer **fwp, feed_out_fn out, void *ctx,
    long long next)
{
	struct feed_writer *fw;
	char cursor[24];
	int rc;

	*fwp = NULL;
	if ((rc = writer_open(&fw, out, ctx)) != TJG_OK)
		return rc;
	snprintf(cursor, sizeof(cursor), "%lld", next);
	if (start_root(fw, "orders") != 0 || attr(fw, "next", cursor) != 0) {
		feed_abort(fw);
		return TJG_EINTERNAL;
	}
	*fwp = fw;
	return TJG_OK;
}

int
feed_order(struct feed_writer *fw, const struct feed_order *o)
{
	return write_order(fw, o, false);
}

int
feed_end(struct feed_writer *fw)
{
	return writer_close(fw);
}

void
feed_abort(struct feed_writer *fw)
{
	if (fw == NULL)
		return;
	/* Freeing the writer flushes its buffer: drop that. */
	fw->discard = true;
	if (fw->w != NULL)
		xmlFreeTextWriter(fw->w);
	buf_free(&fw->tmp);
	free(fw);
}

int
feed_write_one(feed_out_fn out, void *ctx, const struct feed_order *o)
{
	struct feed_writer *fw;
	int rc;

	if ((rc = writer_open(&fw, out, ctx)) != TJG_OK)
		return rc;
	if ((rc = write_order(fw, o, true)) != TJG_OK) {
		feed_abort(fw);
		return rc;
	}
	return writer_close(fw);
}

int
feed_write_customer(feed_out_fn out, void *ctx, const struct feed_order *o)
{
	struct feed_writer *fw;
	int rc;

	if (!present(o->first_name) || !present(o->last_name) ||
	    !present(o->email) || !present(o->phone) ||
	    (o->nextra > 0 && o->extra_keys == NULL))
		return TJG_EINVAL;
	if ((rc = writer_open(&fw, out, ctx)) != TJG_OK)
		return rc;
	if (start_root(fw, "customerData") != 0 || write_customer(fw, o) != 0) {
		feed_abort(fw);
		return TJG_EINTERNAL;
	}
	return writer_close(fw);
}

int
feed_write_log(feed_out_fn out, void *ctx, const char *ref,
    const struct feed_event *ev, size_t n)
{
	struct feed_writer *fw;
	size_t i;
	int rc;

	if (!present(ref))
		return TJG_EINVAL;
	for (i = 0; i < n; i++)
		if (!present(ev[i].kind) || !present(ev[i].at) ||
		    !present(ev[i].actor))
			return TJG_EINVAL;
	if ((rc = writer_open(&fw, out, ctx)) != TJG_OK)
		return rc;
	if (start_root(fw, "log") != 0 || attr(fw, "ref", ref) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (start(fw, "event") != 0 ||
		    attr(fw, "kind", ev[i].kind) != 0 ||
		    attr(fw, "at", ev[i].at) != 0 ||
		    attr(fw, "actor", ev[i].actor) != 0 ||
		    (present(ev[i].note) && xmlTextWriterWriteString(fw->w,
		    BAD_CAST clean(fw, ev[i].note)) < 0) ||
		    end(fw) != 0)
			goto fail;
	}
	return writer_close(fw);
fail:
	feed_abort(fw);
	return TJG_EINTERNAL;
}

/* ---------------------------------------------------------------- */
/* Reading status reports                                            */
/* ---------------------------------------------------------------- */

/* What went wrong in the parse or the validation of one report. */
struct read_state {
	bool		 doctype;	/* a DOCTYPE stopped the parser */
	int		 code;		/* first schema error, 0 if none */
	char		 node[32];	/* the element it was about */
};

/* SAX: a DOCTYPE, before any of its declarations is read. */
static void
sax_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	xmlParserCtxtPtr pc = ctx;
	struct read_state *rs = pc->_private;

	(void)name;
	(void)ext;
	(void)sys;
	rs->doctype = true;
	xmlStopParser(pc);
}

static void
schema_error(void *ctx, xmlErrorPtr e)
{
	struct read_state *rs = ctx;
	xmlNodePtr n;

	if (rs->code != 0 || e == NULL)
		return;
	rs->code = e->code != 0 ? e->code : -1;
	n = e->node;
	if (n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL)
		snprintf(rs->node, sizeof(rs->node), "%s",
		    (const char *)n->name);
}

/* A short reason for the first schema error; static text. */
static const char *
schema_reason(const struct read_state *rs)
{
	static const struct {
		const char *node, *why;
	} reasons[] = {
		{ "status", "schema: status must be received, activated, "
		    "rejected or cancelled" },
		{ "date", "schema: date must be a real day, YYYY-MM-DD" },
		{ "providerReference",
		    "schema: providerReference must be 1 to 100 characters" },
		{ "externalMessage",
		    "schema: externalMessage is longer than 1000 characters" },
		{ "note", "schema: note is longer than 1000 characters" },
	};
	size_t i;

	if (rs->code == XML_SCHEMAV_ELEMENT_CONTENT)
		return "schema: elements missing, unknown or out of order";
	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (strcmp(rs->node, reasons[i].node) == 0)
			return reasons[i].why;
	return "schema: not a valid statusReport";
}

static bool
xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copies the text of n to dst[size] without the blanks the schema's
 * whitespace collapsing ignored (status, date). Returns -1 if it does
 * not fit.
 */
static int
copy_token(xmlNodePtr n, char *dst, size_t size)
{
	xmlChar *t;
	const char *s;
	size_t len;
	int rc = -1;

	if ((t = xmlNodeGetContent(n)) == NULL)
		return -1;
	for (s = (const char *)t; xml_space(*s); s++)
		continue;
	for (len = strlen(s); len > 0 && xml_space(s[len - 1]); len--)
		continue;
	if (len > 0 && len < size) {
		memcpy(dst, s, len);
		dst[len] = '\0';
		rc = 0;
	}
	xmlFree(t);
	return rc;
}

/* Copies the text of n to a new malloc'd string in *dst. */
static int
copy_text(xmlNodePtr n, char **dst)
{
	xmlChar *t;

	if ((t = xmlNodeGetContent(n)) == NULL)
		return -1;
	free(*dst);
	*dst = strdup((const char *)t);
	xmlFree(t);
	return *dst == NULL ? -1 : 0;
}

static bool
is_ours(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, FEED_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Copies the values of a valid <statusReport> into st. */
static int
copy_report(xmlNodePtr root, struct feed_status *st)
{
	xmlNodePtr n;
	int rc = 0;

	for (n = root->children; n != NULL && rc == 0; n = n->next) {
		if (is_ours(n, "status"))
			rc = copy_token(n, st->status, sizeof(st->status));
		else if (is_ours(n, "date"))
			rc = copy_token(n, st->date, sizeof(st->date));
		else if (is_ours(n, "providerReference"))
			rc = copy_text(n, &st->provider_reference);
		else if (is_ours(n, "externalMessage"))
			rc = copy_text(n, &st->external_message);
		else if (is_ours(n, "note"))
			rc = copy_text(n, &st->note);
		/* Anything else is another namespace's: ignored. */
	}
	if (rc == 0 && (st->status[0] == '\0' || strlen(st->date) != 10))
		rc = -1;
	return rc;
}

int
feed_read_status(const char *body, size_t len, struct feed_status *st,
    const char **why)
{
	struct read_state rs;
	xmlParserCtxtPtr pc = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int rc = TJG_EINVAL;

	memset(st, 0, sizeof(*st));
	memset(&rs, 0, sizeof(rs));
	*why = "internal error";
	if (vctxt == NULL) {
		*why = "schema not loaded";
		return TJG_EINTERNAL;
	}
	if (len > FEED_MAX_BODY) {
		*why = "too large";
		return TJG_EINVAL;
	}
	if (len == 0) {
		*why = "not well-formed";
		return TJG_EINVAL;
	}
	if ((pc = xmlCreateMemoryParserCtxt(body, (int)len)) == NULL) {
		rc = TJG_EINTERNAL;
		goto out;
	}
	/*
	 * No XML_PARSE_NOENT (entity substitution), no DTDLOAD/DTDATTR/
	 * DTDVALID, no HUGE: and a DOCTYPE stops the parse at once anyway.
	 */
	if (xmlCtxtUseOptions(pc, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA) != 0) {
		rc = TJG_EINTERNAL;
		goto out;
	}
	pc->sax->internalSubset = sax_doctype;
	pc->sax->externalSubset = NULL;
	pc->sax->serror = xml_quiet;
	pc->_private = &rs;
	/* Its result is pc->wellFormed, checked below. */
	(void)xmlParseDocument(pc);
	doc = pc->myDoc;
	pc->myDoc = NULL;
	if (rs.doctype || (doc != NULL &&
	    (doc->intSubset != NULL || doc->extSubset != NULL))) {
		*why = "DTD not allowed";
		goto out;
	}
	if (!pc->wellFormed || doc == NULL ||
	    (root = xmlDocGetRootElement(doc)) == NULL) {
		*why = "not well-formed";
		goto out;
	}
	if (strcmp((const char *)root->name, "statusReport") != 0) {
		*why = "wrong root element";
		goto out;
	}
	if (root->ns == NULL ||
	    strcmp((const char *)root->ns->href, FEED_NS) != 0) {
		*why = "wrong namespace";
		goto out;
	}
	xmlSchemaSetValidStructuredErrors(vctxt, schema_error, &rs);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0) {
		*why = schema_reason(&rs);
		goto out;
	}
	if (copy_report(root, st) != 0) {
		*why = "internal error";
		rc = TJG_EINTERNAL;
		goto out;
	}
	*why = NULL;
	rc = TJG_OK;
out:
	if (rc != TJG_OK)
		feed_status_free(st);
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (pc != NULL)
		xmlFreeParserCtxt(pc);
	return rc;
}

void
feed_status_free(struct feed_status *st)
{
	free(st->provider_reference);
	free(st->external_message);
	free(st->note);
	memset(st, 0, sizeof(*st));
}

/* ---------------------------------------------------------------- */
/* The state machine                                                 */
/* ---------------------------------------------------------------- */

bool
feed_transition_ok(const char *from, const char *to, bool *implicit_received)
{
	static const struct {
		const char *from, *to;
		bool implicit;
	} moves[] = {
		{ "new", "received", false },
		{ "new", "activated", true },
		{ "new", "rejected", false },
		{ "new", "cancelled", false },
		{ "received", "activated", false },
		{ "received", "rejected", false },
		{ "received", "cancelled", false },
	};
	size_t i;

	if (implicit_received != NULL)
		*implicit_received = false;
	if (from == NULL || to == NULL)
		return false;
	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(from, moves[i].from) == 0 &&
		    strcmp(to, moves[i].to) == 0) {
			if (implicit_received != NULL)
				*implicit_received = moves[i].implicit;
			return true;
		}
	return false;
}

/* ---------------------------------------------------------------- */
/* The schema                                                        */
/* ---------------------------------------------------------------- */

/* Where schema parse errors go at start-up: the first one, in err. */
struct load_state {
	char	*err;
	size_t	 errlen;
	bool	 have;
};

static void
load_error(void *ctx, xmlErrorPtr e)
{
	struct load_state *ls = ctx;
	size_t n;

	if (ls->have || e == NULL || e->message == NULL || ls->errlen == 0)
		return;
	snprintf(ls->err, ls->errlen, "%s:%d: %s",
	    e->file != NULL ? e->file : "schema", e->line, e->message);
	n = strlen(ls->err);
	if (n > 0 && ls->err[n - 1] == '\n')
		ls->err[n - 1] = '\0';
	ls->have = true;
}

int
feed_schema_load(const char *path, char *err, size_t errlen)
{
	struct load_state ls = { err, errlen, false };
	xmlSchemaParserCtxtPtr pc;
	int rc = TJG_ECONFIG;

	feed_xml_init();
	feed_schema_free();
	if (errlen > 0)
		err[0] = '\0';
	if ((pc = xmlSchemaNewParserCtxt(path)) == NULL) {
		snprintf(err, errlen, "%s: cannot create schema parser", path);
		return rc;
	}
	xmlSchemaSetParserStructuredErrors(pc, load_error, &ls);
	if ((schema = xmlSchemaParse(pc)) == NULL) {
		if (!ls.have)
			snprintf(err, errlen, "%s: cannot load schema", path);
		goto out;
	}
	if ((vctxt = xmlSchemaNewValidCtxt(schema)) == NULL) {
		snprintf(err, errlen, "%s: cannot create validator", path);
		goto out;
	}
	rc = TJG_OK;
out:
	xmlSchemaFreeParserCtxt(pc);
	if (rc != TJG_OK)
		feed_schema_free();
	return rc;
}

void
feed_schema_free(void)
{
	if (vctxt != NULL)
		xmlSchemaFreeValidCtxt(vctxt);
	if (schema != NULL)
		xmlSchemaFree(schema);
	vctxt = NULL;
	schema = NULL;
}
