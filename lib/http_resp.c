/*
 * Responses: headers (the security headers always), redirects, error
 * pages (HTML through the error template, XML for the API) and writing
 * the whole response through the request's I/O function.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlwriter.h>

#include "err.h"
#include "conf.h"
#include "feed.h"
#include "http.h"
#include "log.h"
#include "tmpl.h"

static const char SECURITY_HEADERS[] =
    "Content-Security-Policy: default-src 'none'; style-src 'self'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: no-referrer\r\n";

/* Unless the handler chose its own (a public logo or stylesheet). */
static const char NO_STORE[] = "Cache-Control: no-store\r\n";

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

static bool
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\r' || *s == '\n')
			return false;
	return true;
}

int
resp_header(struct request *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value) ||
	    strchr(name, ':') != NULL) {
		log_err("http: refused unsafe header %s", name);
		return TJG_EINVAL;
	}
	buf_addf(&r->resp.headers, "%s: %s\r\n", name, value);
	return TJG_OK;
}

static bool
cookie_token(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f ||
		    strchr("\";,\\", *s) != NULL)
			return false;
	return true;
}

int
resp_cookie(struct request *r, const char *name, const char *value,
    long max_age)
{
	char age[32] = "";

	if (!cookie_token(name) || !cookie_token(value) ||
	    strchr(name, '=') != NULL)
		return TJG_EINVAL;
	if (max_age > 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	else if (max_age < 0)
		snprintf(age, sizeof(age), "; Max-Age=0");
	buf_addf(&r->resp.headers, "Set-Cookie: %s=%s; Path=/%s; HttpOnly; "
	    "SameSite=Strict%s\r\n", name, value, age,
	    r->conf->secure_cookies ? "; Secure" : "");
	return TJG_OK;
}

const char *
req_cookie(const struct request *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->cookies.n; i++)
		if (strcmp(r->cookies.v[i].name, name) == 0)
			return r->cookies.v[i].value;
	return NULL;
}

int
resp_redirect(struct request *r, int status, const char *location)
{
	int rc;

	if ((rc = resp_header(r, "Location", location)) != TJG_OK)
		return rc;
	r->resp.status = status;
	r->resp.ctype = "text/plain; charset=utf-8";
	buf_reset(&r->resp.body);
	return TJG_OK;
}

/* True if the "Name: value\r\n" lines of h have one called name. */
static bool
has_header(const struct buf *h, const char *name)
{
	const char *p = buf_str(h);
	size_t n = strlen(name);

	while (*p != '\0') {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':')
			return true;
		if ((p = strstr(p, "\r\n")) == NULL)
			break;
		p += 2;
	}
	return false;
}

/* The status line and headers; length < 0 leaves out Content-Length. */
static void
head_lines(struct request *r, struct buf *h, long long length)
{
	struct response *s = &r->resp;

	if (s->status == 0)
		s->status = 200;
	buf_addf(h, "Status: %d %s\r\nContent-Type: %s\r\n", s->status,
	    reason(s->status),
	    s->ctype != NULL ? s->ctype : "text/html; charset=utf-8");
	if (length >= 0)
		buf_addf(h, "Content-Length: %lld\r\n", length);
	buf_add(h, SECURITY_HEADERS, sizeof(SECURITY_HEADERS) - 1);
	if (!has_header(&s->headers, "Cache-Control"))
		buf_add(h, NO_STORE, sizeof(NO_STORE) - 1);
	buf_add(h, buf_str(&s->headers), s->headers.len);
	buf_add(h, "\r\n", 2);
}

int
resp_stream_begin(struct request *r)
{
	struct buf h;
	int rc = TJG_OK;

	if (r->resp.sent)
		return TJG_EINTERNAL;
	buf_init(&h);
	head_lines(r, &h, -1);
	if (r->io.write(r->io.ctx, h.p, h.len) != 0)
		rc = TJG_EINTERNAL;
	r->resp.sent = true;
	buf_free(&h);
	return rc;
}

int
resp_send(struct request *r)
{
	struct response *s = &r->resp;
	struct buf h;
	int rc = TJG_OK;
	bool head = strcmp(r->method, "HEAD") == 0;

	if (s->sent)
		return TJG_OK;
	buf_init(&h);
	head_lines(r, &h, (long long)s->body.len);
	if (r->io.write(r->io.ctx, h.p, h.len) != 0 ||
	    (!head && s->body.len > 0 &&
	    r->io.write(r->io.ctx, s->body.p, s->body.len) != 0))
		rc = TJG_EINTERNAL;
	s->sent = true;
	buf_free(&h);
	return rc;
}

/*
 * <?xml ...?><error xmlns="FEED_NS" code="name">message</error>, written
 * by libxml2: the API's error document of orderfeed.xsd.
 */
static int
xml_error(struct request *r, enum tjg_err code, const char *msg)
{
	xmlBufferPtr xb;
	xmlTextWriterPtr w;
	int rc = TJG_EINTERNAL;

	if ((xb = xmlBufferCreate()) == NULL)
		return rc;
	if ((w = xmlNewTextWriterMemory(xb, 0)) == NULL)
		goto out;
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "error") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
	    BAD_CAST FEED_NS) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "code",
	    BAD_CAST err_name(code)) < 0 ||
	    xmlTextWriterWriteString(w, BAD_CAST msg) < 0 ||
	    xmlTextWriterEndDocument(w) < 0)
		goto out;
	xmlFreeTextWriter(w);
	w = NULL;
	buf_add(&r->resp.body, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	r->resp.ctype = "application/xml; charset=utf-8";
	rc = TJG_OK;
out:
	if (w != NULL)
		xmlFreeTextWriter(w);
	xmlBufferFree(xb);
	return rc;
}

int
resp_error(struct request *r, enum tjg_err code, const char *msg,
    const char *allow)
{
	char key[32];
	int status = err_status(code);
	const char *lang = r->lang != NULL ? r->lang : "sv";

	r->resp.status = status;
	buf_reset(&r->resp.body);
	buf_reset(&r->resp.headers);
	if (code == TJG_EUNAVAIL)
		resp_header(r, "Retry-After", "30");
	if (code == TJG_EMETHOD && allow != NULL)
		resp_header(r, "Allow", allow);

	if (r->route != NULL && (r->route->flags & ROUTE_XML)) {
		if (xml_error(r, code, msg != NULL ? msg : err_name(code)) ==
		    TJG_OK)
			return TJG_OK;
		goto plain;
	}
	snprintf(key, sizeof(key), "err.%d.title", status);
	if (tmpl_set_int(r->tmpl, "Error.status", status) != TJG_OK ||
	    tmpl_set(r->tmpl, "Error.title", tmpl_text(r->tmpl, lang, key))
	    != TJG_OK)
		goto plain;
	snprintf(key, sizeof(key), "err.%d.message", status);
	if (tmpl_set(r->tmpl, "Error.message", tmpl_text(r->tmpl, lang, key))
	    != TJG_OK || tmpl_set(r->tmpl, "Error.detail", msg) != TJG_OK ||
	    /* A text key ("err.csrf") is a reason the reader may see. */
	    (msg != NULL && strncmp(msg, "err.", 4) == 0 &&
	    tmpl_set(r->tmpl, "Error.reason", tmpl_text(r->tmpl, lang, msg))
	    != TJG_OK) ||
	    tmpl_render(r->tmpl, "error.cs", lang, &r->resp.body) != TJG_OK)
		goto plain;
	r->resp.ctype = "text/html; charset=utf-8";
	return TJG_OK;
plain:
	/* The template itself failed: a plain text page is all we have. */
	buf_reset(&r->resp.body);
	buf_addf(&r->resp.body, "%d %s\n", status, reason(status));
	r->resp.ctype = "text/plain; charset=utf-8";
	return TJG_OK;
}
