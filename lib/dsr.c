/*
 * The data subject's requests: one-time codes, the e-mail address as the
 * order form reads it, the personal data of an order, and the XML copy
 * (lib/dsr.h). The copy is written with xmlTextWriter over an output
 * callback into our own buffer, so the caller can cleanse it afterwards.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>

#include "arena.h"
#include "buf.h"
#include "crypto.h"
#include "dsr.h"
#include "err.h"
#include "http.h"

int
dsr_code_new(char out[DSR_CODE_LEN + 1])
{
	/* The largest multiple of 10^6 below 2^32: no value is favoured. */
	const uint32_t limit = 4294000000u;
	uint32_t v;
	int rc;

	do {
		if ((rc = crypto_random(&v, sizeof(v))) != TJG_OK) {
			out[0] = '\0';
			return rc;
		}
	} while (v >= limit);
	snprintf(out, DSR_CODE_LEN + 1, "%06u", (unsigned)(v % 1000000u));
	return TJG_OK;
}

bool
dsr_code_norm(const char *in, char out[DSR_CODE_LEN + 1])
{
	size_t n = 0;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '\t' || *in == '-')
			continue;
		if (!isdigit((unsigned char)*in) || n == DSR_CODE_LEN) {
			out[0] = '\0';
			return false;
		}
		out[n++] = *in;
	}
	out[n] = '\0';
	return n == DSR_CODE_LEN;
}

/* The same test as the order form's (fcgi/h_order.c). */
static bool
email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	size_t i;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strchr(at, '.') == NULL || at[1] == '.' ||
	    s[strlen(s) - 1] == '.')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || strchr("<>()[],;:\\\"",
		    s[i]) != NULL)
			return false;
	return true;
}

const char *
dsr_email_norm(struct arena *a, const char *in)
{
	char *lc = arena_strdup(a, in);
	size_t i;

	for (i = 0; lc[i] != '\0'; i++)
		lc[i] = (char)tolower((unsigned char)lc[i]);
	return *lc != '\0' && email_ok(lc) ? lc : NULL;
}

void
dsr_pii_read(struct arena *a, const struct kvlist *kv, struct dsr_pii *out)
{
	const char *k, *v;
	size_t i, nx = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < kv->n; i++)
		if (strncmp(kv->v[i].name, "x.", 2) == 0 &&
		    kv->v[i].name[2] != '\0')
			nx++;
	out->extra_keys = arena_calloc(a, nx + 1, sizeof(char *));
	out->extra_values = arena_calloc(a, nx + 1, sizeof(char *));
	for (i = 0; i < kv->n; i++) {
		k = kv->v[i].name;
		v = kv->v[i].value;
		if (strcmp(k, "first_name") == 0)
			out->first_name = v;
		else if (strcmp(k, "last_name") == 0)
			out->last_name = v;
		else if (strcmp(k, "email") == 0)
			out->email = v;
		else if (strcmp(k, "phone") == 0)
			out->phone = v;
		else if (strcmp(k, "pnr") == 0)
			out->pnr = v;
		else if (strcmp(k, "invoice_street") == 0)
			out->inv_street = v;
		else if (strcmp(k, "invoice_postcode") == 0)
			out->inv_postcode = v;
		else if (strcmp(k, "invoice_city") == 0)
			out->inv_city = v;
		else if (strncmp(k, "x.", 2) == 0 && k[2] != '\0') {
			out->extra_keys[out->nextra] = k + 2;
			out->extra_values[out->nextra++] = v;
		}
	}
}

const char *
dsr_pnr_show(struct arena *a, const char *pnr)
{
	if (pnr == NULL || strlen(pnr) != 12 ||
	    strspn(pnr, "0123456789") != 12)
		return pnr;
	return arena_printf(a, "%.8s-%s", pnr, pnr + 8);
}

/* ---------------------------------------------------------------- */
/* The XML copy                                                      */
/* ---------------------------------------------------------------- */

struct xw {
	xmlTextWriterPtr	 w;
	struct buf		*out;
	struct buf		 tmp;	/* a value being cleaned */
};

static int
xw_write(void *ctx, const char *p, int n)
{
	struct buf *out = ctx;

	if (n > 0)
		buf_add(out, p, (size_t)n);
	return n;
}

static bool
present(const char *s)
{
	return s != NULL && *s != '\0';
}

/*
 * s as XML 1.0 can carry it: s itself in the common case, else a copy in
 * x->tmp with U+FFFD for control characters (but tab, LF, CR), U+FFFE,
 * U+FFFF and, when s is not valid UTF-8, for every byte above 0x7f.
 */
static const char *
clean(struct xw *x, const char *s)
{
	static const char rep[] = "\xef\xbf\xbd";
	size_t n = strlen(s), i;
	bool utf8 = http_utf8_valid(s, n), bad = !utf8;
	const unsigned char *p = (const unsigned char *)s;

	for (i = 0; i < n && !bad; i++)
		if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r') || (p[i] == 0xef && p[i + 1] == 0xbf &&
		    (p[i + 2] == 0xbe || p[i + 2] == 0xbf)))
			bad = true;
	if (!bad)
		return s;
	buf_reset(&x->tmp);
	for (i = 0; i < n; i++) {
		if (!utf8 && p[i] >= 0x80)
			buf_adds(&x->tmp, rep);
		else if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r')
			buf_adds(&x->tmp, rep);
		else if (utf8 && p[i] == 0xef && p[i + 1] == 0xbf &&
		    (p[i + 2] == 0xbe || p[i + 2] == 0xbf)) {
			buf_adds(&x->tmp, rep);
			i += 2;
		} else
			buf_addc(&x->tmp, (char)p[i]);
	}
	return buf_str(&x->tmp);
}

static int
start(struct xw *x, const char *name)
{
	return xmlTextWriterStartElement(x->w, BAD_CAST name) < 0 ? -1 : 0;
}

static int
end(struct xw *x)
{
	return xmlTextWriterEndElement(x->w) < 0 ? -1 : 0;
}

static int
attr(struct xw *x, const char *name, const char *value)
{
	if (!present(value))
		return 0;
	return xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
	    BAD_CAST clean(x, value)) < 0 ? -1 : 0;
}

/* <name>value</name>, left out when value is absent. */
static int
elem(struct xw *x, const char *name, const char *value)
{
	if (!present(value))
		return 0;
	return xmlTextWriterWriteElement(x->w, BAD_CAST name,
	    BAD_CAST clean(x, value)) < 0 ? -1 : 0;
}

static int
write_address(struct xw *x, const struct dsr_xml_order *o)
{
	if (!present(o->street))
		return 0;
	return start(x, "installationAddress") != 0 ||
	    elem(x, "accessId", o->access_id) != 0 ||
	    elem(x, "mduApartmentNumber", o->apartment) != 0 ||
	    elem(x, "streetName", o->street) != 0 ||
	    elem(x, "streetNumber", o->number) != 0 ||
	    elem(x, "streetLittera", o->littera) != 0 ||
	    elem(x, "postalCode", o->postcode) != 0 ||
	    elem(x, "city", o->city) != 0 ||
	    end(x) != 0 ? -1 : 0;
}

static int
write_person(struct xw *x, const struct dsr_xml_order *o)
{
	const struct dsr_pii *p = &o->pii;
	size_t i;

	if (start(x, "customerDetails") != 0 ||
	    elem(x, "firstName", p->first_name) != 0 ||
	    elem(x, "lastName", p->last_name) != 0 ||
	    elem(x, "personalIdentityNumber", p->pnr) != 0 ||
	    elem(x, "email", p->email) != 0 ||
	    elem(x, "phone", p->phone) != 0 ||
	    end(x) != 0)
		return -1;
	if (present(p->inv_street) && (start(x, "invoiceDetails") != 0 ||
	    elem(x, "streetName", p->inv_street) != 0 ||
	    elem(x, "postalCode", p->inv_postcode) != 0 ||
	    elem(x, "city", p->inv_city) != 0 ||
	    end(x) != 0))
		return -1;
	if (p->nextra == 0)
		return 0;
	if (start(x, "extraFields") != 0)
		return -1;
	for (i = 0; i < p->nextra; i++)
		if (start(x, "field") != 0 ||
		    attr(x, "name", p->extra_keys[i]) != 0 ||
		    attr(x, "label", o->extra_labels != NULL ?
		    o->extra_labels[i] : NULL) != 0 ||
		    xmlTextWriterWriteString(x->w, BAD_CAST clean(x,
		    p->extra_values[i] != NULL ? p->extra_values[i] :
		    "")) < 0 ||
		    end(x) != 0)
			return -1;
	return end(x);
}

static int
write_processing(struct xw *x, const struct dsr_xml *d,
    const struct dsr_xml_order *o)
{
	char days[16];
	size_t i;

	snprintf(days, sizeof(days), "%d", o->retention_days);
	if (start(x, "processing") != 0)
		return -1;
	for (i = 0; i < d->npurposes; i++)
		if (elem(x, "purpose", d->purposes[i]) != 0)
			return -1;
	if (elem(x, "legalBasis", d->legal_basis) != 0 ||
	    start(x, "recipient") != 0 || attr(x, "role", "provider") != 0 ||
	    xmlTextWriterWriteString(x->w, BAD_CAST clean(x,
	    o->provider)) < 0 ||
	    end(x) != 0 ||
	    start(x, "recipient") != 0 || attr(x, "role", "network") != 0 ||
	    xmlTextWriterWriteString(x->w, BAD_CAST clean(x,
	    d->network)) < 0 ||
	    end(x) != 0 ||
	    start(x, "retention") != 0 || attr(x, "days", days) != 0 ||
	    (present(d->retention) && xmlTextWriterWriteString(x->w,
	    BAD_CAST clean(x, d->retention)) < 0) ||
	    end(x) != 0 ||
	    elem(x, "source", d->source) != 0)
		return -1;
	return end(x);
}

static int
write_order(struct xw *x, const struct dsr_xml *d,
    const struct dsr_xml_order *o)
{
	if (start(x, "order") != 0 ||
	    attr(x, "reference", o->ref) != 0 ||
	    elem(x, "status", o->status) != 0 ||
	    elem(x, "created", o->created) != 0 ||
	    elem(x, "updated", o->updated) != 0 ||
	    elem(x, "service", o->service) != 0 ||
	    elem(x, "provider", o->provider) != 0 ||
	    elem(x, "desiredStartDate", o->desired_start) != 0 ||
	    write_address(x, o) != 0 ||
	    write_person(x, o) != 0 ||
	    write_processing(x, d, o) != 0)
		return -1;
	return end(x);
}

static bool
complete(const struct dsr_xml *d)
{
	size_t i;

	if (!present(d->generated) || !present(d->controller) ||
	    !present(d->network))
		return false;
	for (i = 0; i < d->norders; i++)
		if (!present(d->orders[i].ref) ||
		    !present(d->orders[i].status) ||
		    !present(d->orders[i].created) ||
		    !present(d->orders[i].service) ||
		    !present(d->orders[i].provider))
			return false;
	return true;
}

int
dsr_xml_write(const struct dsr_xml *d, struct buf *out)
{
	xmlOutputBufferPtr ob;
	struct xw x;
	size_t i;
	int rc = TJG_EINTERNAL;

	if (!complete(d))
		return TJG_EINVAL;
	xmlInitParser();
	memset(&x, 0, sizeof(x));
	x.out = out;
	buf_init(&x.tmp);
	if ((ob = xmlOutputBufferCreateIO(xw_write, NULL, out, NULL)) == NULL)
		goto out;
	/* The writer owns ob from here on, also when it fails. */
	if ((x.w = xmlNewTextWriter(ob)) == NULL)
		goto out;
	if (xmlTextWriterSetIndent(x.w, 1) < 0 ||
	    xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(x.w, NULL, BAD_CAST "personalData",
	    BAD_CAST DSR_NS) < 0 ||
	    attr(&x, "generated", d->generated) != 0 ||
	    attr(&x, "lang", d->lang) != 0 ||
	    start(&x, "controller") != 0 ||
	    elem(&x, "name", d->controller) != 0 ||
	    elem(&x, "contact", d->controller_contact) != 0 ||
	    end(&x) != 0)
		goto out;
	for (i = 0; i < d->norders; i++)
		if (write_order(&x, d, &d->orders[i]) != 0)
			goto out;
	if (xmlTextWriterEndDocument(x.w) < 0 || xmlTextWriterFlush(x.w) < 0)
		goto out;
	rc = TJG_OK;
out:
	if (x.w != NULL)
		xmlFreeTextWriter(x.w);
	crypto_buf_clear(&x.tmp);
	return rc;
}
