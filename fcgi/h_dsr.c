/*
 * The resident's rights, self-service (/mina-uppgifter): the resident
 * gives the e-mail address used in an order and gets a six-digit
 * one-time code by mail; with it, their orders with the personal data,
 * a machine-readable copy (XML) and the erasure of one order or all.
 *
 * Nothing tells whether an address has orders: every request answers the
 * same redirect to the same code page, and a request is recorded either
 * way (without a code when there is nothing to send). The code page names
 * the request by a random token, never by the address; the code and the
 * tokens are stored only as hashes. A proven request gives the browser a
 * random secret in a cookie, valid DSR_ACCESS_S seconds.
 *
 * Each showing, copy and erasure is written to the order log (actor
 * "resident") and the audit (actor "resident", object the order), in the
 * transaction of the change. The helpers dsr_case_* are shared with the
 * console's handling of requests (h_admin_dsr.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "conf.h"
#include "console.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "dsr.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "log.h"
#include "outbox.h"
#include "store.h"
#include "store_admin_order.h"
#include "store_console.h"
#include "store_dsr.h"
#include "tmpl.h"

#define DSR_COOKIE	"tjg_dsr"
#define DSR_ACCESS_S	1800	/* seconds a proven request shows data */
#define DSR_RATE_WINDOW	3600	/* seconds: codes per hour */
#define DSR_TOKEN_BYTES	32
#define DSR_TOKEN_CHARS	CRYPTO_TOKEN_LEN(DSR_TOKEN_BYTES)

/* Collects tmpl_set results: the first failure sticks. */
static const char *
url(struct request *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A link inside the site, in the request's language. */
static const char *
url(struct request *r, const char *fmt, ...)
{
	va_list ap;
	char *path;

	va_start(ap, fmt);
	path = arena_vprintf(r->a, fmt, ap);
	va_end(ap);
	return arena_printf(r->a, "%s%s",
	    strcmp(r->lang, "en") == 0 ? "/en" : "", path);
}

/* Now, and now + add seconds, as UTC SQL times. */
static int
now_sql(char now[CLOCK_SQL_LEN + 1], long add, char later[CLOCK_SQL_LEN + 1])
{
	time_t t;
	int rc;

	if ((rc = clock_now(&t)) != TJG_OK) {
		log_err("dsr: TJG_NOW is malformed");
		return TJG_EINTERNAL;
	}
	clock_sql(t, now);
	if (later != NULL)
		clock_sql(t + add, later);
	return TJG_OK;
}

/* "YYYY-MM-DD HH:MM:SS" UTC as RFC 3339. */
static const char *
rfc3339(struct request *r, const char *utc)
{
	if (utc == NULL || strlen(utc) != CLOCK_SQL_LEN)
		return utc;
	return arena_printf(r->a, "%.10sT%sZ", utc, utc + 11);
}

/* ---------------------------------------------------------------- */
/* Shared with the console: one person's orders                      */
/* ---------------------------------------------------------------- */

int
dsr_audit(struct request *r, const char *action, const char *kind,
    const char *ref, const char *detail)
{
	struct audit_entry e;

	if (r->user != NULL)
		return console_audit(r, action, kind, ref, detail);
	memset(&e, 0, sizeof(e));
	e.network_id = r->network_id;
	e.actor = "resident";
	e.action = action;
	e.object_kind = kind;
	e.object_ref = ref;
	e.detail = detail;
	e.ip = store_inet6(r->a, r->remote_addr);
	return store_audit_add(r->db, &e);
}

/* Opens order o's blob into c's personal data (labels of extra fields). */
static int
open_pii(struct request *r, struct dsr_case_order *co, const void *blob,
    size_t len)
{
	const struct admin_order *o = &co->o;
	struct form_field_view *ff;
	struct buf plain;
	struct kvlist kv;
	size_t nff, i, j;
	bool en = strcmp(r->lang, "en") == 0;
	int rc = TJG_EINTERNAL;

	buf_init(&plain);
	if (crypto_open(r->keys, blob, len, o->ref, strlen(o->ref), &plain) !=
	    TJG_OK) {
		log_err("dsr: cannot open the personal data of order %s",
		    o->ref);
		goto out;
	}
	/* Parsed into the arena, which lives as long as the page. */
	if (http_parse_urlencoded(r->a, buf_str(&plain), plain.len, &kv) !=
	    TJG_OK) {
		log_err("dsr: malformed personal data in order %s", o->ref);
		goto out;
	}
	dsr_pii_read(r->a, &kv, &co->pii);
	if ((rc = store_form_fields(r->db, r->a, r->network_id,
	    o->provider_id, o->service_id, &ff, &nff)) != TJG_OK)
		goto out;
	co->labels = arena_calloc(r->a, co->pii.nextra + 1, sizeof(char *));
	co->checks = arena_calloc(r->a, co->pii.nextra + 1, sizeof(bool));
	for (i = 0; i < co->pii.nextra; i++) {
		/* A field removed since is still shown, by its key. */
		co->labels[i] = co->pii.extra_keys[i];
		for (j = 0; j < nff; j++)
			if (strcmp(ff[j].key, co->pii.extra_keys[i]) == 0) {
				co->labels[i] = en ? ff[j].label_en :
				    ff[j].label_sv;
				co->checks[i] = strcmp(ff[j].kind,
				    "checkbox") == 0;
			}
	}
	co->has_pii = true;
out:
	crypto_buf_clear(&plain);
	return rc;
}

int
dsr_case_load(struct request *r, const unsigned char *email_bidx,
    const unsigned char *pnr_bidx, bool pii, struct dsr_case *c)
{
	struct dsr_order_ref *refs;
	struct dsr_case_order *co;
	const void *blob;
	size_t n, i, len;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = store_dsr_network(r->db, r->a, r->network_id,
	    r->conf->retention_days, &c->net)) != TJG_OK ||
	    (rc = store_dsr_orders(r->db, r->a, r->network_id, email_bidx,
	    pnr_bidx, &refs, &n)) != TJG_OK)
		return rc;
	c->v = arena_calloc(r->a, n + 1, sizeof(*c->v));
	for (i = 0; i < n; i++) {
		co = &c->v[c->n];
		rc = store_admin_order_get(r->db, r->a, r->network_id, 0,
		    refs[i].ref, &co->o);
		if (rc == TJG_ENOTFOUND)
			continue;
		if (rc != TJG_OK)
			return rc;
		if (pii) {
			if ((rc = store_admin_order_pii(r->db, r->a, co->o.id,
			    false, &blob, &len)) != TJG_OK)
				return rc;
			if (blob == NULL)	/* erased a moment ago */
				continue;
			if ((rc = open_pii(r, co, blob, len)) != TJG_OK)
				return rc;
		}
		c->n++;
	}
	return TJG_OK;
}

const struct dsr_case_order *
dsr_case_find(const struct dsr_case *c, const char *ref)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].o.ref, ref) == 0)
			return &c->v[i];
	return NULL;
}

int
dsr_case_put(struct request *r, const struct dsr_case *c)
{
	const struct dsr_case_order *co;
	const struct admin_order *o;
	const struct dsr_pii *p;
	const char *pre;
	size_t i, j;
	int rc = TJG_OK;

	hput(r, &rc, "Case.count", arena_printf(r->a, "%zu", c->n));
	hput(r, &rc, "Case.retention_days", arena_printf(r->a, "%d",
	    c->net.retention_days));
	hput(r, &rc, "Case.controller", c->net.controller);
	hput(r, &rc, "Case.contact", c->net.contact);
	for (i = 0; i < c->n && rc == TJG_OK; i++) {
		co = &c->v[i];
		o = &co->o;
		pre = arena_printf(r->a, "Orders.%zu", i);
		hputf(r, &rc, o->ref, "%s.ref", pre);
		hputf(r, &rc, o->status, "%s.status", pre);
		hputf(r, &rc, admin_local_time(r->a, o->created), "%s.created",
		    pre);
		hputf(r, &rc, admin_local_time(r->a, o->updated), "%s.updated",
		    pre);
		hputf(r, &rc, o->service_name, "%s.service", pre);
		hputf(r, &rc, o->provider_name, "%s.provider", pre);
		hputf(r, &rc, o->provider_email, "%s.provider_email", pre);
		hputf(r, &rc, o->provider_phone, "%s.provider_phone", pre);
		hputf(r, &rc, o->desired_start, "%s.desired_start", pre);
		if (o->street != NULL) {
			hputf(r, &rc, arena_printf(r->a, "%s %d%s%s", o->street,
			    o->number, *o->littera != '\0' ? " " : "",
			    o->littera), "%s.address", pre);
			hputf(r, &rc, arena_printf(r->a, "%.3s %s %s",
			    o->postcode, o->postcode + 3, o->city),
			    "%s.place", pre);
			hputf(r, &rc, o->apartment, "%s.apartment", pre);
			hputf(r, &rc, o->outlet_code, "%s.outlet", pre);
		}
		if (!co->has_pii)
			continue;
		p = &co->pii;
		hputf(r, &rc, "1", "%s.pii.shown", pre);
		hputf(r, &rc, p->first_name, "%s.pii.first_name", pre);
		hputf(r, &rc, p->last_name, "%s.pii.last_name", pre);
		hputf(r, &rc, p->email, "%s.pii.email", pre);
		hputf(r, &rc, p->phone, "%s.pii.phone", pre);
		hputf(r, &rc, dsr_pnr_show(r->a, p->pnr), "%s.pii.pnr", pre);
		hputf(r, &rc, p->inv_street, "%s.pii.invoice_street", pre);
		hputf(r, &rc, p->inv_postcode, "%s.pii.invoice_postcode", pre);
		hputf(r, &rc, p->inv_city, "%s.pii.invoice_city", pre);
		for (j = 0; j < p->nextra; j++) {
			hputf(r, &rc, co->labels[j], "%s.pii.extra.%zu.label",
			    pre, j);
			hputf(r, &rc, p->extra_values[j],
			    "%s.pii.extra.%zu.value", pre, j);
			if (co->checks[j])
				hputf(r, &rc, "1", "%s.pii.extra.%zu.check",
				    pre, j);
		}
	}
	return rc;
}

int
dsr_case_copy(struct request *r, const struct dsr_case *c, struct buf *xml)
{
	const struct dsr_case_order *co;
	struct dsr_xml_order *x;
	struct dsr_xml d;
	const char *purposes[2];
	char now[CLOCK_SQL_LEN + 1];
	size_t i;
	int rc;

	if ((rc = now_sql(now, 0, NULL)) != TJG_OK)
		return rc;
	purposes[0] = tmpl_text(r->tmpl, r->lang, "dsr.copy.purpose_order");
	purposes[1] = tmpl_text(r->tmpl, r->lang, "dsr.copy.purpose_status");
	memset(&d, 0, sizeof(d));
	d.generated = rfc3339(r, now);
	d.lang = r->lang;
	d.controller = c->net.controller;
	d.controller_contact = c->net.contact;
	d.network = c->net.name;
	d.purposes = purposes;
	d.npurposes = 2;
	d.legal_basis = tmpl_text(r->tmpl, r->lang, "dsr.copy.legal_basis");
	d.retention = tmpl_text(r->tmpl, r->lang, "dsr.copy.retention");
	d.source = tmpl_text(r->tmpl, r->lang, "dsr.copy.source");
	x = arena_calloc(r->a, c->n + 1, sizeof(*x));
	for (i = 0; i < c->n; i++) {
		co = &c->v[i];
		x[i].ref = co->o.ref;
		x[i].status = co->o.status;
		x[i].created = rfc3339(r, co->o.created);
		x[i].updated = rfc3339(r, co->o.updated);
		x[i].service = co->o.service_name;
		x[i].provider = co->o.provider_name;
		x[i].desired_start = co->o.desired_start;
		if (co->o.street != NULL) {
			x[i].access_id = co->o.outlet_code;
			x[i].apartment = co->o.apartment;
			x[i].street = co->o.street;
			x[i].number = arena_printf(r->a, "%d", co->o.number);
			x[i].littera = co->o.littera;
			x[i].postcode = co->o.postcode;
			x[i].city = co->o.city;
		}
		x[i].pii = co->pii;
		x[i].extra_labels = co->labels;
		x[i].retention_days = c->net.retention_days;
	}
	d.orders = x;
	d.norders = c->n;
	return dsr_xml_write(&d, xml);
}

int
dsr_case_send(struct request *r, struct buf *xml, const char *name)
{
	int rc;

	r->resp.ctype = "application/xml; charset=utf-8";
	/* Every answer is already Cache-Control: no-store (http_resp.c). */
	if ((rc = resp_header(r, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"%s.xml\"", name))) != TJG_OK)
		return rc;
	buf_reset(&r->resp.body);
	buf_add(&r->resp.body, xml->p != NULL ? xml->p : "", xml->len);
	return TJG_OK;
}

int
dsr_case_log(struct request *r, const struct dsr_case *c, const char *event,
    const char *action, long long request_id)
{
	const char *detail = arena_printf(r->a, "request %lld", request_id);
	size_t i;
	int rc;

	for (i = 0; i < c->n; i++)
		if ((rc = store_admin_order_event(r->db, c->v[i].o.id, event,
		    r->user != NULL ? "admin" : "resident",
		    r->user != NULL ? r->user->id : 0, NULL)) != TJG_OK ||
		    (rc = dsr_audit(r, action, "order", c->v[i].o.ref,
		    detail)) != TJG_OK)
			return rc;
	return TJG_OK;
}

int
dsr_case_erase(struct request *r, const struct dsr_case *c, const char *ref,
    long long request_id, size_t *erased)
{
	const char *detail = arena_printf(r->a, "request %lld", request_id);
	size_t i;
	int rc;

	*erased = 0;
	for (i = 0; i < c->n; i++) {
		if (ref != NULL && strcmp(c->v[i].o.ref, ref) != 0)
			continue;
		if ((rc = store_order_erase_in(r->db, c->v[i].o.id,
		    r->user != NULL ? "admin" : "resident",
		    r->user != NULL ? r->user->id : 0)) != TJG_OK ||
		    (rc = dsr_audit(r, "dsr.erase", "order", c->v[i].o.ref,
		    detail)) != TJG_OK)
			return rc;
		(*erased)++;
	}
	return TJG_OK;
}

/* ---------------------------------------------------------------- */
/* The public pages                                                  */
/* ---------------------------------------------------------------- */

/* A form token for purpose, or NULL. */
static const char *
form_token(struct request *r, const char *purpose)
{
	char *token = arena_alloc(r->a, CSRF_TOKEN_LEN + 1);
	const char *cookie;

	if ((cookie = csrf_request_cookie(r)) == NULL ||
	    csrf_token(r->keys, cookie, purpose, token) != TJG_OK)
		return NULL;
	return token;
}

static bool
form_ok(struct request *r, const struct pval *v, const char *purpose)
{
	return v->set && csrf_check(r->keys, req_cookie(r, CSRF_COOKIE),
	    purpose, v->s);
}

/* Renders dsr.cs as view (ask, code, gone, rate, data, erase, none). */
static int
render(struct request *r, const char *view, const char *errkey)
{
	int rc = TJG_OK;

	hput(r, &rc, "Dsr.view", view);
	hput(r, &rc, "Dsr.start_url", url(r, "/mina-uppgifter"));
	hput(r, &rc, "Dsr.privacy_url", url(r, "/integritet"));
	hput(r, &rc, "Dsr.minutes", arena_printf(r->a, "%d",
	    r->conf->code_minutes));
	if (errkey != NULL)
		hput(r, &rc, "Dsr.error", tmpl_text(r->tmpl, r->lang, errkey));
	if (rc != TJG_OK)
		return rc;
	return tmpl_render(r->tmpl, "dsr.cs", r->lang, &r->resp.body);
}

static int
render_ask(struct request *r, const char *email, const char *errkey)
{
	const char *token = form_token(r, "dsr");
	int rc = TJG_OK;

	if (token == NULL)
		return TJG_EINTERNAL;
	hput(r, &rc, "Form.action", url(r, "/mina-uppgifter"));
	hput(r, &rc, "Form.csrf", token);
	hput(r, &rc, "Form.email", email);
	if (rc != TJG_OK)
		return rc;
	return render(r, "ask", errkey);
}

/* GET /mina-uppgifter: asks for the e-mail address used in an order. */
int
h_dsr_form(struct request *r)
{
	int rc;

	if (r->p[DSR_FORM_DONE].set &&
	    (rc = tmpl_set(r->tmpl, "Dsr.ended", "1")) != TJG_OK)
		return rc;
	return render_ask(r, NULL, NULL);
}

/* The code mail, in the request's language. */
static void
code_mail(struct request *r, const char *code, const char *token,
    const char **subject, struct buf *body)
{
	const char *l = r->lang;

	*subject = tmpl_text(r->tmpl, l, "dsr.mail.subject");
	buf_addf(body, "%s\n\n    %s\n\n", tmpl_text(r->tmpl, l,
	    "dsr.mail.intro"), code);
	buf_addf(body, "%s %d %s\n\n", tmpl_text(r->tmpl, l,
	    "dsr.mail.valid_pre"), r->conf->code_minutes,
	    tmpl_text(r->tmpl, l, "dsr.mail.valid_post"));
	buf_addf(body, "%s\n%s://%s%s/mina-uppgifter/kod/%s\n\n",
	    tmpl_text(r->tmpl, l, "dsr.mail.link"), r->scheme, r->host,
	    strcmp(l, "en") == 0 ? "/en" : "", token);
	buf_addf(body, "%s\n", tmpl_text(r->tmpl, l, "dsr.mail.ignore"));
}

/* Counts one code request of who; true when over the hourly limit. */
static int
over_limit(struct request *r, const char *who, bool *over)
{
	unsigned char bucket[CRYPTO_BIDX_LEN];
	long long hits;
	int rc;

	crypto_bidx(r->keys, "rate", who, bucket);
	if ((rc = store_rate_hit(r->db, bucket, DSR_RATE_WINDOW, &hits)) !=
	    TJG_OK)
		return rc;
	if (hits > r->conf->code_rate_limit)
		*over = true;
	return TJG_OK;
}

/*
 * POST /mina-uppgifter: records the request and, when the address has
 * orders, mails a code; either way the same redirect to the code page.
 */
int
h_dsr_ask(struct request *r)
{
	const struct pval *p = r->p;
	unsigned char bidx[CRYPTO_BIDX_LEN], tokhash[CRYPTO_SHA256_LEN];
	unsigned char codehash[CRYPTO_BIDX_LEN];
	char token[DSR_TOKEN_CHARS + 1], code[DSR_CODE_LEN + 1];
	char now[CLOCK_SQL_LEN + 1], expires[CLOCK_SQL_LEN + 1];
	const char *email, *typed = p[DSR_ASK_EMAIL].set ?
	    p[DSR_ASK_EMAIL].s : "", *subject = NULL;
	struct dsr_order_ref *refs;
	struct dsr_new n;
	struct buf body;
	bool over = false;
	size_t norders;
	long long id = 0;
	int rc;

	/* The honeypot: people leave it empty, simple robots do not. */
	if (p[DSR_ASK_WEBSITE].len > 0)
		return TJG_EINVAL;
	if (!form_ok(r, &p[DSR_ASK_CSRF], "dsr")) {
		r->resp.status = 403;
		return render_ask(r, typed, "dsr.err.csrf");
	}
	if ((email = dsr_email_norm(r->a, typed)) == NULL) {
		r->resp.status = 422;
		return render_ask(r, typed, *typed == '\0' ?
		    "dsr.err.email_missing" : "dsr.err.email");
	}
	/* Both counted every time, so neither limit can be dodged. */
	if ((rc = over_limit(r, arena_printf(r->a, "dsr|ip|%s",
	    r->remote_addr), &over)) != TJG_OK ||
	    (rc = over_limit(r, arena_printf(r->a, "dsr|email|%s", email),
	    &over)) != TJG_OK)
		return rc;
	if (over) {
		r->resp.status = 429;
		if ((rc = resp_header(r, "Retry-After", arena_printf(r->a,
		    "%d", DSR_RATE_WINDOW))) != TJG_OK)
			return rc;
		return render(r, "rate", NULL);
	}

	if ((rc = now_sql(now, (long)r->conf->code_minutes * 60, expires)) !=
	    TJG_OK ||
	    (rc = crypto_token(token, sizeof(token), DSR_TOKEN_BYTES)) !=
	    TJG_OK)
		return rc;
	crypto_sha256(token, strlen(token), tokhash);
	crypto_bidx(r->keys, "email", email, bidx);
	if ((rc = store_dsr_orders(r->db, r->a, r->network_id, bidx, NULL,
	    &refs, &norders)) != TJG_OK)
		return rc;
	buf_init(&body);
	code[0] = '\0';
	if (norders > 0) {
		if ((rc = dsr_code_new(code)) != TJG_OK)
			goto out;
		/* Keyed: a copy of the table does not give the code away. */
		crypto_bidx(r->keys, "dsr-code", arena_printf(r->a, "%s|%s",
		    token, code), codehash);
		code_mail(r, code, token, &subject, &body);
	}
	memset(&n, 0, sizeof(n));
	n.network = r->network_id;
	n.kind = "access";
	n.status = "pending";
	n.channel = "web";
	n.email_bidx = bidx;
	n.token_hash = tokhash;
	n.code_hash = norders > 0 ? codehash : NULL;
	n.now = now;
	n.expires_at = expires;
	n.lang = r->lang;
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	if ((rc = store_dsr_insert(r->db, &n, &id)) != TJG_OK ||
	    (norders > 0 && (rc = store_outbox_add(r->db, r->network_id, 0,
	    "dsr_code", email, subject, buf_str(&body), NULL)) != TJG_OK) ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	log_info("dsr: request %lld", id);
	rc = resp_redirect(r, 303, url(r, "/mina-uppgifter/kod/%s", token));
out:
	crypto_buf_clear(&body);
	explicit_bzero(code, sizeof(code));
	return rc;
}

/* The token of the code page's path, if it has the form of one. */
static bool
token_ok(const char *t)
{
	size_t n = strlen(t);

	return n == DSR_TOKEN_CHARS && strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

static int
render_code(struct request *r, const char *errkey, int left)
{
	const char *token = form_token(r, arena_printf(r->a, "dsr-code|%s",
	    r->args[0]));
	int rc = TJG_OK;

	if (token == NULL)
		return TJG_EINTERNAL;
	hput(r, &rc, "Form.action", url(r, "/mina-uppgifter/kod/%s",
	    r->args[0]));
	hput(r, &rc, "Form.csrf", token);
	if (left > 0)
		hput(r, &rc, "Dsr.left", arena_printf(r->a, "%d", left));
	if (rc != TJG_OK)
		return rc;
	return render(r, "code", errkey);
}

/*
 * GET /mina-uppgifter/kod/TOKEN: where the code is typed. The token is
 * not looked up: the page is the same for every address.
 */
int
h_dsr_code_form(struct request *r)
{
	if (!token_ok(r->args[0]))
		return TJG_ENOTFOUND;
	return render_code(r, NULL, 0);
}

/* The request can no longer be used: 410 and the way to start again. */
static int
gone(struct request *r, const char *errkey)
{
	r->resp.status = 410;
	return render(r, "gone", errkey);
}

/* POST /mina-uppgifter/kod/TOKEN: checks the code. */
int
h_dsr_code(struct request *r)
{
	const struct pval *p = r->p;
	unsigned char tokhash[CRYPTO_SHA256_LEN], h[CRYPTO_BIDX_LEN];
	unsigned char acchash[CRYPTO_SHA256_LEN];
	char code[DSR_CODE_LEN + 1], now[CLOCK_SQL_LEN + 1];
	char secret[DSR_TOKEN_CHARS + 1];
	struct dsr_row d;
	bool right, expire;
	int rc;

	if (!token_ok(r->args[0]))
		return TJG_ENOTFOUND;
	if (!form_ok(r, &p[DSR_CODE_CSRF], arena_printf(r->a, "dsr-code|%s",
	    r->args[0]))) {
		r->resp.status = 403;
		return render_code(r, "dsr.err.csrf", 0);
	}
	/* A typing error is not a guess: it costs no try. */
	if (!dsr_code_norm(p[DSR_CODE_CODE].set ? p[DSR_CODE_CODE].s : "",
	    code)) {
		r->resp.status = 422;
		return render_code(r, "dsr.err.code_format", 0);
	}
	if ((rc = now_sql(now, 0, NULL)) != TJG_OK)
		return rc;
	crypto_sha256(r->args[0], strlen(r->args[0]), tokhash);
	crypto_bidx(r->keys, "dsr-code", arena_printf(r->a, "%s|%s",
	    r->args[0], code), h);
	explicit_bzero(code, sizeof(code));
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	rc = store_dsr_lock_token(r->db, r->a, r->network_id, tokhash, now,
	    &d);
	if (rc == TJG_ENOTFOUND) {
		db_rollback(r->db);
		return gone(r, "dsr.err.gone");
	}
	if (rc != TJG_OK)
		goto fail;
	if (strcmp(d.status, "pending") != 0 || d.expired) {
		if (strcmp(d.status, "pending") == 0 &&
		    (rc = store_dsr_attempt(r->db, d.id, true)) != TJG_OK)
			goto fail;
		if ((rc = db_commit(r->db)) != TJG_OK)
			goto fail;
		return gone(r, strcmp(d.status, "pending") == 0 ?
		    "dsr.err.late" : "dsr.err.gone");
	}
	right = d.has_code && crypto_equal(h, d.code_hash, sizeof(h));
	if (!right) {
		expire = d.attempts + 1 >= r->conf->code_attempts;
		if ((rc = store_dsr_attempt(r->db, d.id, expire)) != TJG_OK ||
		    (rc = db_commit(r->db)) != TJG_OK)
			goto fail;
		if (expire)
			return gone(r, "dsr.err.tries");
		r->resp.status = 422;
		return render_code(r, "dsr.err.code_wrong",
		    r->conf->code_attempts - d.attempts - 1);
	}
	if ((rc = crypto_token(secret, sizeof(secret), DSR_TOKEN_BYTES)) !=
	    TJG_OK)
		goto fail;
	crypto_sha256(secret, strlen(secret), acchash);
	if ((rc = store_dsr_verify(r->db, d.id, now, acchash)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK)
		goto fail;
	log_info("dsr: request %lld verified", d.id);
	if ((rc = resp_cookie(r, DSR_COOKIE, secret, DSR_ACCESS_S)) == TJG_OK)
		rc = resp_redirect(r, 303, url(r, "/mina-uppgifter/visa"));
	explicit_bzero(secret, sizeof(secret));
	return rc;
fail:
	db_rollback(r->db);
	return rc;
}

/* The proven request of the browser's cookie: TJG_EUNAUTH if none. */
static int
proven(struct request *r, struct dsr_row *d)
{
	unsigned char h[CRYPTO_SHA256_LEN];
	const char *secret = req_cookie(r, DSR_COOKIE);
	char now[CLOCK_SQL_LEN + 1], since[CLOCK_SQL_LEN + 1];
	int rc;

	if (secret == NULL || !token_ok(secret))
		return TJG_EUNAUTH;
	if ((rc = now_sql(now, -DSR_ACCESS_S, since)) != TJG_OK)
		return rc;
	crypto_sha256(secret, strlen(secret), h);
	rc = store_dsr_by_access(r->db, r->a, r->network_id, h, since, d);
	if (rc == TJG_OK && !d->has_email)
		rc = TJG_ENOTFOUND;	/* only the console's have none */
	return rc == TJG_ENOTFOUND ? TJG_EUNAUTH : rc;
}

/* No (more) access: 403 and the way to ask for a code. */
static int
no_access(struct request *r)
{
	int rc;

	r->resp.status = 403;
	if ((rc = resp_cookie(r, DSR_COOKIE, "-", -1)) != TJG_OK)
		return rc;
	return render(r, "none", NULL);
}

/* The CSRF purpose of the forms of a proven request's pages. */
static const char *
data_purpose(struct request *r, const struct dsr_row *d)
{
	return arena_printf(r->a, "dsr-data|%lld", d->id);
}

/* GET /mina-uppgifter/visa: the resident's orders with their data. */
int
h_dsr_show(struct request *r)
{
	const struct pval *p = r->p;
	struct dsr_case c;
	struct dsr_row d;
	const char *token;
	char now[CLOCK_SQL_LEN + 1];
	int rc;

	if ((rc = proven(r, &d)) == TJG_EUNAUTH)
		return no_access(r);
	if (rc != TJG_OK ||
	    (rc = dsr_case_load(r, d.email_bidx, NULL, true, &c)) != TJG_OK ||
	    (rc = now_sql(now, 0, NULL)) != TJG_OK)
		return rc;
	/* Shown means logged: the order log, the audit, the request done. */
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = dsr_case_log(r, &c, "viewed", "dsr.view", d.id)) != TJG_OK ||
	    (strcmp(d.status, "done") != 0 &&
	    (rc = store_dsr_done(r->db, d.id, now, 0)) != TJG_OK) ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	if ((token = form_token(r, data_purpose(r, &d))) == NULL)
		return TJG_EINTERNAL;
	rc = dsr_case_put(r, &c);
	hput(r, &rc, "Form.csrf", token);
	hput(r, &rc, "Form.copy", url(r, "/mina-uppgifter/kopia"));
	hput(r, &rc, "Form.erase", url(r, "/mina-uppgifter/radera"));
	hput(r, &rc, "Form.end", url(r, "/mina-uppgifter/avsluta"));
	if (p[DSR_SHOW_ERASED].set)
		hput(r, &rc, "Dsr.erased", arena_printf(r->a, "%lld",
		    p[DSR_SHOW_ERASED].i));
	if (rc != TJG_OK)
		return rc;
	return render(r, "data", NULL);
}

/* POST /mina-uppgifter/kopia: the machine-readable copy (XML). */
int
h_dsr_export(struct request *r)
{
	struct dsr_case c;
	struct dsr_row d;
	struct buf xml;
	char now[CLOCK_SQL_LEN + 1];
	int rc;

	if ((rc = proven(r, &d)) == TJG_EUNAUTH)
		return no_access(r);
	if (rc != TJG_OK)
		return rc;
	if (!form_ok(r, &r->p[DSR_DATA_CSRF], data_purpose(r, &d)))
		return TJG_EFORBIDDEN;
	if ((rc = dsr_case_load(r, d.email_bidx, NULL, true, &c)) != TJG_OK ||
	    (rc = now_sql(now, 0, NULL)) != TJG_OK)
		return rc;
	buf_init(&xml);
	if ((rc = dsr_case_copy(r, &c, &xml)) != TJG_OK)
		goto out;
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	if ((rc = dsr_case_log(r, &c, "exported", "dsr.export", d.id)) !=
	    TJG_OK ||
	    (rc = store_dsr_done(r->db, d.id, now, 0)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	rc = dsr_case_send(r, &xml, strcmp(r->lang, "en") == 0 ?
	    "my-data" : "mina-uppgifter");
out:
	crypto_buf_clear(&xml);
	return rc;
}

/* GET /mina-uppgifter/radera[?order=REF]: asks before erasing. */
int
h_dsr_erase_confirm(struct request *r)
{
	const struct pval *o = &r->p[DSR_ERASEQ_ORDER];
	const struct dsr_case_order *one = NULL;
	struct dsr_case c;
	struct dsr_row d;
	struct dsr_case sel;
	const char *token;
	int rc;

	if ((rc = proven(r, &d)) == TJG_EUNAUTH)
		return no_access(r);
	if (rc != TJG_OK ||
	    (rc = dsr_case_load(r, d.email_bidx, NULL, false, &c)) != TJG_OK)
		return rc;
	if (o->set && o->len > 0 && (one = dsr_case_find(&c, o->s)) == NULL)
		return TJG_ENOTFOUND;
	if (c.n == 0)
		return resp_redirect(r, 303, url(r, "/mina-uppgifter/visa"));
	sel = c;
	if (one != NULL) {
		sel.v = (struct dsr_case_order *)one;
		sel.n = 1;
	}
	if ((token = form_token(r, data_purpose(r, &d))) == NULL)
		return TJG_EINTERNAL;
	rc = dsr_case_put(r, &sel);
	hput(r, &rc, "Form.csrf", token);
	hput(r, &rc, "Form.erase", url(r, "/mina-uppgifter/radera"));
	hput(r, &rc, "Form.back", url(r, "/mina-uppgifter/visa"));
	if (one != NULL)
		hput(r, &rc, "Form.order", one->o.ref);
	if (rc != TJG_OK)
		return rc;
	return render(r, "erase", NULL);
}

/* POST /mina-uppgifter/radera: erases one order's personal data or all. */
int
h_dsr_erase(struct request *r)
{
	const struct pval *o = &r->p[DSR_ERASE_ORDER];
	const char *ref = o->set && o->len > 0 ? o->s : NULL;
	const struct dsr_case_order *one = NULL;
	char now[CLOCK_SQL_LEN + 1];
	struct dsr_case c;
	struct dsr_row d;
	struct dsr_new n;
	size_t erased = 0;
	long long id = 0;
	int rc;

	if ((rc = proven(r, &d)) == TJG_EUNAUTH)
		return no_access(r);
	if (rc != TJG_OK)
		return rc;
	if (!form_ok(r, &r->p[DSR_ERASE_CSRF], data_purpose(r, &d)))
		return TJG_EFORBIDDEN;
	if ((rc = dsr_case_load(r, d.email_bidx, NULL, false, &c)) != TJG_OK ||
	    (rc = now_sql(now, 0, NULL)) != TJG_OK)
		return rc;
	if (ref != NULL && (one = dsr_case_find(&c, ref)) == NULL)
		return TJG_ENOTFOUND;
	if (c.n == 0)
		return resp_redirect(r, 303, url(r, "/mina-uppgifter/visa"));
	memset(&n, 0, sizeof(n));
	n.network = r->network_id;
	n.kind = "erasure";
	n.status = "done";
	n.channel = "web";
	n.email_bidx = d.email_bidx;
	n.now = now;
	n.expires_at = now;
	n.order_id = one != NULL ? one->o.id : 0;
	n.lang = r->lang;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_dsr_insert(r->db, &n, &id)) != TJG_OK ||
	    (rc = dsr_case_erase(r, &c, ref, id, &erased)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	log_info("dsr: request %lld erased %zu orders", id, erased);
	return resp_redirect(r, 303, url(r, "/mina-uppgifter/visa?raderade=%zu",
	    erased));
}

/* POST /mina-uppgifter/avsluta: the access secret stops working. */
int
h_dsr_end(struct request *r)
{
	struct dsr_row d;
	int rc;

	if ((rc = proven(r, &d)) == TJG_OK) {
		if (!form_ok(r, &r->p[DSR_DATA_CSRF], data_purpose(r, &d)))
			return TJG_EFORBIDDEN;
		if ((rc = store_dsr_end_access(r->db, d.id)) != TJG_OK)
			return rc;
	} else if (rc != TJG_EUNAUTH)
		return rc;
	if ((rc = resp_cookie(r, DSR_COOKIE, "-", -1)) != TJG_OK)
		return rc;
	return resp_redirect(r, 303, url(r, "/mina-uppgifter?klar=1"));
}
