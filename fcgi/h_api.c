/*
 * The provider API (/api/v1/, DESIGN.md "Provider API"): the order feed,
 * one order, status reports, the order log and the published schema.
 * The dispatcher has checked the bearer token (ROUTE_TOKEN) and put its
 * provider in r->provider_id; every store call is limited to it. Personal
 * data is decrypted here only, one order at a time, and written straight
 * to the client by the streaming feed writer. When the provider has a
 * certificate, the customer details are encrypted to it (CMS) instead:
 * the certificate is parsed once per request, and clear customer details
 * are then never sent, whatever fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlwriter.h>

#include "api.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "err.h"
#include "feed.h"
#include "handlers.h"
#include "http.h"
#include "log.h"

#define XML_CTYPE	"application/xml; charset=utf-8"

/* The published schema, read once at start-up and served as it is. */
static struct buf schema_text;

int
h_api_init(const struct conf *c, char *err, size_t errlen)
{
	char chunk[4096];
	FILE *f;
	size_t n;
	int rc;

	if ((rc = feed_schema_load(c->api_schema, err, errlen)) != TJG_OK)
		return rc;
	if ((f = fopen(c->api_schema, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", c->api_schema,
		    strerror(errno));
		return TJG_ECONFIG;
	}
	buf_init(&schema_text);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&schema_text, chunk, n);
	rc = ferror(f) ? TJG_ECONFIG : TJG_OK;
	if (rc != TJG_OK)
		snprintf(err, errlen, "%s: read error", c->api_schema);
	fclose(f);
	return rc;
}

void
h_api_free(void)
{
	buf_free(&schema_text);
	feed_schema_free();
}

/*
 * An XML error with a code of its own (409 "invalid-transition") or a
 * header resp_error() would drop (Retry-After of a 429). Returns TJG_OK:
 * the handler's answer is this error.
 */
static int
api_error(struct request *r, enum tjg_err e, const char *code,
    const char *msg)
{
	xmlBufferPtr xb;
	xmlTextWriterPtr w = NULL;
	int rc = TJG_EINTERNAL;

	if ((xb = xmlBufferCreate()) == NULL)
		return rc;
	if ((w = xmlNewTextWriterMemory(xb, 0)) == NULL)
		goto out;
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "error") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
	    BAD_CAST FEED_NS) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "code", BAD_CAST code) < 0 ||
	    xmlTextWriterWriteString(w, BAD_CAST msg) < 0 ||
	    xmlTextWriterEndDocument(w) < 0)
		goto out;
	xmlFreeTextWriter(w);
	w = NULL;
	buf_reset(&r->resp.body);
	buf_add(&r->resp.body, xmlBufferContent(xb),
	    (size_t)xmlBufferLength(xb));
	r->resp.status = err_status(e);
	r->resp.ctype = XML_CTYPE;
	rc = TJG_OK;
out:
	if (w != NULL)
		xmlFreeTextWriter(w);
	xmlBufferFree(xb);
	return rc;
}

/* feed_out_fn writing to the client. */
static int
to_client(void *ctx, const char *p, size_t n)
{
	struct request *r = ctx;

	return r->io.write(r->io.ctx, p, n);
}

/* feed_out_fn collecting a small document in the response body. */
static int
to_body(void *ctx, const char *p, size_t n)
{
	struct request *r = ctx;

	buf_add(&r->resp.body, p, n);
	return 0;
}

/* feed_out_fn collecting the plaintext of encryptedCustomerDetails. */
static int
to_buf(void *ctx, const char *p, size_t n)
{
	buf_add(ctx, p, n);
	return 0;
}

/*
 * The certificate of the provider of r, parsed, in *cert; NULL when it
 * has none. A certificate on file that does not parse is an internal
 * error: the feed must not fall back to clear customer details.
 */
static int
recipient(struct request *r, struct crypto_cert **cert)
{
	const char *pem;
	int rc;

	*cert = NULL;
	if ((rc = store_api_cert_get(r->db, r->a, r->provider_id, &pem)) !=
	    TJG_OK || pem == NULL)
		return rc;
	if ((rc = crypto_cert_load(cert, pem)) != TJG_OK) {
		log_err("api: the certificate of provider %lld does not parse",
		    r->provider_id);
		return TJG_EINTERNAL;
	}
	return TJG_OK;
}

/* A reference is 12 characters [0-9A-Z]; anything else is no order. */
static bool
ref_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= 12 || !((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	return i == 12;
}

/*
 * Fills the customer fields of o from its sealed personal data: an
 * urlencoded list (h_order.c writes it) bound to the reference. Strings
 * go into a; plain is the caller's, cleared with crypto_buf_clear(). With
 * a certificate (cert not NULL) also the <customerData> document of those
 * fields encrypted to it, base64, in cms (the caller's, valid until its
 * next use) and o->f.customer_cms. An erased order is left as it is.
 */
static int
customer(const struct request *r, struct arena *a, struct api_order *o,
    const struct crypto_cert *cert, struct buf *plain, struct buf *cms)
{
	struct buf xml;
	struct feed_order *f = &o->f;
	struct kvlist kv;
	size_t i;
	int rc;

	if (o->pii == NULL)
		return TJG_OK;		/* erased: the marker says so */
	if ((rc = crypto_open(r->keys, o->pii, o->pii_len, f->ref,
	    strlen(f->ref), plain)) != TJG_OK) {
		log_err("api: cannot open the personal data of order %s",
		    f->ref);
		return TJG_EINTERNAL;
	}
	if ((rc = http_parse_urlencoded(a, buf_str(plain), plain->len, &kv)) !=
	    TJG_OK) {
		log_err("api: malformed personal data in order %s", f->ref);
		return TJG_EINTERNAL;
	}
	f->extra_keys = arena_calloc(a, kv.n + 1, sizeof(*f->extra_keys));
	f->extra_values = arena_calloc(a, kv.n + 1, sizeof(*f->extra_values));
	for (i = 0; i < kv.n; i++) {
		const char *k = kv.v[i].name, *v = kv.v[i].value;

		if (strcmp(k, "first_name") == 0)
			f->first_name = v;
		else if (strcmp(k, "last_name") == 0)
			f->last_name = v;
		else if (strcmp(k, "email") == 0)
			f->email = v;
		else if (strcmp(k, "phone") == 0)
			f->phone = v;
		else if (strcmp(k, "pnr") == 0)
			f->pnr = v;
		else if (strcmp(k, "invoice_street") == 0)
			f->inv_street = v;
		else if (strcmp(k, "invoice_postcode") == 0)
			f->inv_postcode = v;
		else if (strcmp(k, "invoice_city") == 0)
			f->inv_city = v;
		else if (strncmp(k, "x.", 2) == 0 && k[2] != '\0') {
			f->extra_keys[f->nextra] = k + 2;
			f->extra_values[f->nextra++] = v;
		}
	}
	if (cert == NULL)
		return TJG_OK;
	buf_init(&xml);
	if ((rc = feed_write_customer(to_buf, &xml, f)) == TJG_OK &&
	    (rc = crypto_cms_encrypt_to(cert, xml.p, xml.len, cms)) == TJG_OK)
		f->customer_cms = buf_str(cms);
	else
		log_err("api: cannot encrypt the customer details of order %s: "
		    "%s", f->ref, err_name(rc));
	crypto_buf_clear(&xml);
	return rc == TJG_OK ? TJG_OK : TJG_EINTERNAL;
}

/*
 * GET /api/v1/orders?after=CURSOR&limit=N: one page of the provider's
 * feed, streamed. The poll is checked and the cursor acknowledged first;
 * the orders delivered for the first time are marked after the page.
 */
int
h_api_orders(struct request *r)
{
	const struct pval *pa = &r->p[API_ORDERS_AFTER];
	const struct pval *pl = &r->p[API_ORDERS_LIMIT];
	long long after = pa->set ? pa->i : 0, next, *fresh;
	int limit = r->conf->api_page_limit, retry = 0, rc, wrc;
	struct feed_writer *w = NULL;
	struct crypto_cert *cert = NULL;
	struct db_stmt *st = NULL;
	struct api_order o;
	struct arena row;
	struct buf plain, cms;
	size_t nfresh = 0;
	char secs[16];
	bool more;

	if (pl->set)
		limit = pl->i > r->conf->api_page_max ?
		    r->conf->api_page_max : (int)pl->i;
	rc = store_api_poll(r->db, r->provider_id, after,
	    r->conf->api_poll_interval, &retry);
	if (rc == TJG_ERATE) {
		snprintf(secs, sizeof(secs), "%d", retry);
		if ((rc = api_error(r, TJG_ERATE, err_name(TJG_ERATE),
		    "polling faster than the agreed interval")) == TJG_OK)
			rc = resp_header(r, "Retry-After", secs);
		return rc;
	}
	if (rc != TJG_OK)
		return rc;
	/* Parsed once for the page, before anything is sent. */
	if ((rc = recipient(r, &cert)) != TJG_OK)
		return rc;
	if ((rc = store_api_feed_open(r->db, r->provider_id, after, limit,
	    &next, &st)) != TJG_OK) {
		crypto_cert_free(cert);
		return rc;
	}

	r->resp.ctype = XML_CTYPE;
	if ((rc = resp_stream_begin(r)) != TJG_OK ||
	    strcmp(r->method, "HEAD") == 0) {
		crypto_cert_free(cert);
		db_done(st);
		return rc;
	}
	fresh = arena_calloc(r->a, (size_t)limit + 1, sizeof(*fresh));
	arena_init(&row);
	buf_init(&plain);
	buf_init(&cms);
	/* From here on the status is sent: a fault truncates the document. */
	if ((wrc = feed_begin(&w, to_client, r, next)) != TJG_OK)
		goto out;
	while ((wrc = store_api_feed_next(st, &row, &o, &more)) == TJG_OK &&
	    more) {
		if ((wrc = customer(r, &row, &o, cert, &plain, &cms)) !=
		    TJG_OK || (wrc = feed_order(w, &o.f)) != TJG_OK)
			break;
		if (!o.fetched && nfresh < (size_t)limit)
			fresh[nfresh++] = o.id;
		crypto_buf_clear(&plain);
		arena_reset(&row);
	}
	if (wrc == TJG_OK) {
		wrc = feed_end(w);
		w = NULL;
	}
out:
	if (w != NULL)
		feed_abort(w);
	crypto_buf_clear(&plain);
	buf_free(&cms);
	crypto_cert_free(cert);
	arena_free(&row);
	db_done(st);
	if (wrc != TJG_OK) {
		log_err("api: feed page of provider %lld broken off: %s",
		    r->provider_id, err_name(wrc));
		return TJG_OK;	/* nothing more can be told to the client */
	}
	if ((rc = store_api_mark_fetched(r->db, r->provider_id, fresh,
	    nfresh)) != TJG_OK)
		log_err("api: cannot mark %zu orders of provider %lld "
		    "fetched: %s", nfresh, r->provider_id, err_name(rc));
	return TJG_OK;
}

/* The response body: the single <order> document of o. */
static int
one_order(struct request *r, struct api_order *o)
{
	struct crypto_cert *cert;
	struct buf plain, cms;
	int rc;

	if ((rc = recipient(r, &cert)) != TJG_OK)
		return rc;
	buf_init(&plain);
	buf_init(&cms);
	if ((rc = customer(r, r->a, o, cert, &plain, &cms)) == TJG_OK)
		rc = feed_write_one(to_body, r, &o->f);
	crypto_buf_clear(&plain);
	buf_free(&cms);
	crypto_cert_free(cert);
	return rc;
}

/* GET /api/v1/orders/REF: one order of the provider. */
int
h_api_order(struct request *r)
{
	struct api_order o;
	int rc;

	if (!ref_ok(r->args[0]))
		return TJG_ENOTFOUND;
	if ((rc = store_api_order_get(r->db, r->a, r->provider_id, r->args[0],
	    &o)) != TJG_OK)
		return rc;
	if ((rc = one_order(r, &o)) != TJG_OK)
		return rc;
	r->resp.ctype = XML_CTYPE;
	if (!o.fetched && (rc = store_api_mark_fetched(r->db, r->provider_id,
	    &o.id, 1)) != TJG_OK)
		log_err("api: cannot mark order %s fetched: %s", o.f.ref,
		    err_name(rc));
	return TJG_OK;
}

/* True for an XML media type: application/xml or text/xml, any params. */
static bool
xml_ctype(const char *ct)
{
	size_t n = strcspn(ct, "; ");

	return (n == 15 && strncasecmp(ct, "application/xml", 15) == 0) ||
	    (n == 8 && strncasecmp(ct, "text/xml", 8) == 0);
}

/*
 * POST /api/v1/orders/REF/status: a status report. Anything wrong with
 * the document is a 400 before the database is touched; the change itself
 * is one transaction in the store. Answers the order as it is now.
 */
int
h_api_status(struct request *r)
{
	struct feed_status s;
	const char *why = "malformed status report";
	struct api_order o;
	bool changed = false;
	int rc;

	memset(&s, 0, sizeof(s));
	if (!ref_ok(r->args[0]))
		return TJG_ENOTFOUND;
	if (r->body_len > FEED_MAX_BODY)
		return TJG_ETOOBIG;
	if (!xml_ctype(r->content_type))
		return api_error(r, TJG_EINVAL, err_name(TJG_EINVAL),
		    "Content-Type must be application/xml");
	if (r->body == NULL || r->body_len == 0)
		return api_error(r, TJG_EINVAL, err_name(TJG_EINVAL),
		    "a status report is required");
	if ((rc = feed_read_status(r->body, r->body_len, &s, &why)) !=
	    TJG_OK) {
		feed_status_free(&s);
		if (rc == TJG_ETOOBIG)
			return rc;
		return api_error(r, TJG_EINVAL, err_name(TJG_EINVAL),
		    why != NULL ? why : "malformed status report");
	}
	rc = store_api_status(r->db, r->provider_id, r->args[0], &s,
	    &changed);
	feed_status_free(&s);
	if (rc == TJG_ECONFLICT)
		return api_error(r, TJG_ECONFLICT, "invalid-transition",
		    "the order's status does not allow this change");
	if (rc != TJG_OK)
		return rc;
	if ((rc = store_api_order_get(r->db, r->a, r->provider_id, r->args[0],
	    &o)) != TJG_OK)
		return rc;
	if ((rc = one_order(r, &o)) != TJG_OK)
		return rc;
	r->resp.ctype = XML_CTYPE;
	return TJG_OK;
}

/* GET /api/v1/orders/REF/log: the order's events as the provider sees them. */
int
h_api_log(struct request *r)
{
	struct feed_event *ev;
	size_t n;
	int rc;

	if (!ref_ok(r->args[0]))
		return TJG_ENOTFOUND;
	if ((rc = store_api_order_log(r->db, r->a, r->provider_id, r->args[0],
	    &ev, &n)) != TJG_OK)
		return rc;
	if ((rc = feed_write_log(to_body, r, r->args[0], ev, n)) != TJG_OK)
		return rc;
	r->resp.ctype = XML_CTYPE;
	return TJG_OK;
}

/* GET /api/v1/orderfeed.xsd: the published schema, no token needed. */
int
h_api_schema(struct request *r)
{
	buf_add(&r->resp.body, schema_text.p, schema_text.len);
	r->resp.ctype = XML_CTYPE;
	return TJG_OK;
}
