/*
 * The console's data-subject requests (/admin/requests, network staff):
 * the network's requests with their status, kind and handling; one
 * request with the person's orders; and requests that come by letter or
 * phone. Staff find the orders by personnummer or e-mail through the
 * blind indexes (a POST, so neither is in a URL), see the personal data
 * only after an explicit "show", export the same XML copy the resident
 * gets, or erase. Each step is a dsr_request row (handled_by, note) and
 * is audited ("dsr.search", "dsr.show", "dsr.export", "dsr.erase"); the
 * personnummer and the e-mail address are never stored, logged or
 * audited, only their blind indexes are kept. Roles are checked by the
 * dispatcher (main.c).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "conf.h"
#include "console.h"
#include "crypto.h"
#include "db.h"
#include "dsr.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "log.h"
#include "pnr.h"
#include "store_admin_order.h"
#include "store_dsr.h"
#include "tmpl.h"

#define NOTE_MAX	1000	/* characters of a note */

static const char *const statuses[] = { "pending", "verified", "done",
    "rejected", "expired" };
static const char *const kinds[] = { "access", "erasure", "rectification" };
/* How a request reached the staff ("web" is the self-service pages). */
static const char *const channels[] = { "letter", "phone", "email",
    "visit", "other" };

/* Collects tmpl_set results: the first failure sticks. */
/* A console path in the request's language. */
static const char *
base(struct request *r)
{
	return strcmp(r->lang, "en") == 0 ? "/en" : "";
}

static bool
one_of(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

#define ONE_OF(s, list)	one_of(s, list, sizeof(list) / sizeof(list[0]))

static bool
given(const struct pval *v)
{
	return v->set && v->len > 0;
}

static int
now_sql(char now[CLOCK_SQL_LEN + 1], time_t *t)
{
	if (clock_now(t) != TJG_OK) {
		log_err("dsr: TJG_NOW is malformed");
		return TJG_EINTERNAL;
	}
	clock_sql(*t, now);
	return TJG_OK;
}

/* Requests.N.* (the list) or Request.* (one): what a row says. */
static void
put_row(struct request *r, int *rc, const char *pre, const struct dsr_row *d)
{
	hputf(r, rc, hnum(r, d->id), "%s.id", pre);
	hputf(r, rc, arena_printf(r->a, "%s/admin/requests/%lld", base(r),
	    d->id), "%s.url", pre);
	hputf(r, rc, d->kind, "%s.kind", pre);
	hputf(r, rc, d->status, "%s.status", pre);
	hputf(r, rc, d->channel, "%s.channel", pre);
	hputf(r, rc, admin_local_time(r->a, d->created), "%s.created", pre);
	hputf(r, rc, admin_local_time(r->a, d->expires), "%s.expires", pre);
	hputf(r, rc, admin_local_time(r->a, d->verified), "%s.verified", pre);
	hputf(r, rc, admin_local_time(r->a, d->done), "%s.done", pre);
	hputf(r, rc, d->handler, "%s.handler", pre);
	hputf(r, rc, d->note, "%s.note", pre);
	hputf(r, rc, d->order_ref, "%s.order", pre);
	hputf(r, rc, hnum(r, d->attempts), "%s.attempts", pre);
	hputf(r, rc, d->has_email ? "1" : "0", "%s.by_email", pre);
	hputf(r, rc, d->has_pnr ? "1" : "0", "%s.by_pnr", pre);
}

/*
 * The list's address of page with the filters (status, kind: checked, or
 * NULL). Not from r->p: after a search's 422 it holds the search's
 * parameters, and the personnummer would end up in a link.
 */
static const char *
page_url(struct request *r, const char *status, const char *kind,
    long long page)
{
	struct buf q;
	const char *u;

	buf_init(&q);
	if (status != NULL)
		http_form_add(&q, "status", status);
	if (kind != NULL)
		http_form_add(&q, "kind", kind);
	http_form_add(&q, "page", hnum(r, page));
	u = arena_printf(r->a, "%s/admin/requests?%s", base(r), buf_str(&q));
	buf_free(&q);
	return u;
}

/*
 * The list page: the filter (from the query, on GET) and the list, plus
 * the form for a request by letter or phone (Form.*, kept on a 422).
 */
static int
render_list(struct request *r, const char *status, const char *kind,
    long long page)
{
	struct dsr_filter f;
	struct dsr_row *rows;
	long long total, pages;
	size_t n, i;
	int rc = TJG_OK;

	memset(&f, 0, sizeof(f));
	f.network = r->network_id;
	f.status = status;
	f.kind = kind;
	if ((rc = store_dsr_list(r->db, r->a, &f, (page - 1) * DSR_LIST_PAGE,
	    DSR_LIST_PAGE, &rows, &n, &total)) != TJG_OK)
		return rc;
	for (i = 0; i < n; i++)
		put_row(r, &rc, arena_printf(r->a, "Requests.%zu", i),
		    &rows[i]);
	pages = total > 0 ? (total + DSR_LIST_PAGE - 1) / DSR_LIST_PAGE : 1;
	hput(r, &rc, "List.total", hnum(r, total));
	hput(r, &rc, "List.page", hnum(r, page));
	hput(r, &rc, "List.pages", hnum(r, pages));
	if (page > 1)
		hput(r, &rc, "List.prev_url", page_url(r, status, kind,
		    page - 1 < pages ? page - 1 : pages));
	if (page < pages)
		hput(r, &rc, "List.next_url", page_url(r, status, kind,
		    page + 1));
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/requests.cs", "requests");
}

/* GET /admin/requests: the network's requests, newest first. */
int
h_admin_dsr_list(struct request *r)
{
	const struct pval *p = r->p;
	const char *status = NULL, *kind = NULL;
	long long page = p[ADSR_LIST_PAGE].set ? p[ADSR_LIST_PAGE].i : 1;
	bool bad = false;
	int rc = TJG_OK;

	hput(r, &rc, "Filter.status", p[ADSR_LIST_STATUS].s);
	hput(r, &rc, "Filter.kind", p[ADSR_LIST_KIND].s);
	if (rc != TJG_OK)
		return rc;
	if (given(&p[ADSR_LIST_STATUS])) {
		if (ONE_OF(p[ADSR_LIST_STATUS].s, statuses))
			status = p[ADSR_LIST_STATUS].s;
		else if ((rc = admin_error(r, "status",
		    "admin.dsr.err.status")) != TJG_OK)
			return rc;
		else
			bad = true;
	}
	if (given(&p[ADSR_LIST_KIND])) {
		if (ONE_OF(p[ADSR_LIST_KIND].s, kinds))
			kind = p[ADSR_LIST_KIND].s;
		else if ((rc = admin_error(r, "kind", "admin.dsr.err.kind")) !=
		    TJG_OK)
			return rc;
		else
			bad = true;
	}
	if (bad) {
		r->resp.status = 422;
		return admin_render(r, "admin/requests.cs", "requests");
	}
	return render_list(r, status, kind, page);
}

/* True if the digits of note contain the 10-digit form of pnr. */
static bool
note_has_pnr(struct request *r, const char *note, const char *pnr)
{
	char *digits = arena_alloc(r->a, strlen(note) + 1);
	size_t n = 0;

	for (; *note != '\0'; note++)
		if (isdigit((unsigned char)*note))
			digits[n++] = *note;
	digits[n] = '\0';
	return strstr(digits, pnr + 2) != NULL;
}

/* True if note contains email, in any case. */
static bool
note_has_email(struct request *r, const char *note, const char *email)
{
	char *low = arena_strdup(r->a, note);
	size_t i;

	for (i = 0; low[i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	return strstr(low, email) != NULL;
}

/*
 * POST /admin/requests: a request by letter or phone. Finds the orders
 * by the blind index of the personnummer or of the e-mail address and
 * records the request (verified by the staff, handled by the user);
 * then the request's page lists what was found.
 */
int
h_admin_dsr_new(struct request *r)
{
	const struct pval *p = r->p;
	unsigned char bidx[CRYPTO_BIDX_LEN];
	char pnr[13] = "", now[CLOCK_SQL_LEN + 1];
	const char *channel = given(&p[ADSR_NEW_CHANNEL]) ?
	    p[ADSR_NEW_CHANNEL].s : "";
	const char *note = given(&p[ADSR_NEW_NOTE]) ? p[ADSR_NEW_NOTE].s : "";
	const char *email = NULL, *why;
	struct dsr_order_ref *refs;
	struct pnr_date today;
	struct dsr_new n;
	struct tm tm;
	time_t t;
	size_t norders;
	long long id = 0;
	bool bad = false, by_pnr = given(&p[ADSR_NEW_PNR]);
	int rc = TJG_OK;

	if ((rc = now_sql(now, &t)) != TJG_OK)
		return rc;
	/* What was typed is kept on a 422: the page is not a URL. */
	hput(r, &rc, "Form.channel", channel);
	hput(r, &rc, "Form.pnr", p[ADSR_NEW_PNR].s);
	hput(r, &rc, "Form.email", p[ADSR_NEW_EMAIL].s);
	hput(r, &rc, "Form.note", note);
	if (rc != TJG_OK)
		return rc;
	if (!ONE_OF(channel, channels)) {
		bad = true;
		if ((rc = admin_error(r, "channel", "admin.dsr.err.channel")) !=
		    TJG_OK)
			goto out;
	}
	if (by_pnr == given(&p[ADSR_NEW_EMAIL])) {
		bad = true;
		if ((rc = admin_error(r, "pnr", by_pnr ?
		    "admin.dsr.err.both" : "admin.dsr.err.neither")) != TJG_OK)
			goto out;
	} else if (by_pnr) {
		gmtime_r(&t, &tm);
		today.y = tm.tm_year + 1900;
		today.m = tm.tm_mon + 1;
		today.d = tm.tm_mday;
		if (pnr_parse(p[ADSR_NEW_PNR].s, &today, pnr, NULL, &why) !=
		    TJG_OK) {
			bad = true;
			if ((rc = admin_error(r, "pnr", arena_printf(r->a,
			    "form.err.%s", why))) != TJG_OK)
				goto out;
		}
	} else if ((email = dsr_email_norm(r->a, p[ADSR_NEW_EMAIL].s)) ==
	    NULL) {
		bad = true;
		if ((rc = admin_error(r, "email", "form.err.email")) != TJG_OK)
			goto out;
	}
	if (*note == '\0' || admin_utf8_len(note) > NOTE_MAX) {
		bad = true;
		if ((rc = admin_error(r, "note", *note == '\0' ?
		    "admin.dsr.err.note" : "admin.dsr.err.note_long")) !=
		    TJG_OK)
			goto out;
	} else if ((pnr[0] != '\0' && note_has_pnr(r, note, pnr)) ||
	    (email != NULL && note_has_email(r, note, email))) {
		/* The note is kept with the request: never the person. */
		bad = true;
		if ((rc = admin_error(r, "note", "admin.dsr.err.note_pii")) !=
		    TJG_OK)
			goto out;
	}
	if (bad) {
		r->resp.status = 422;
		rc = render_list(r, NULL, NULL, 1);
		goto out;
	}

	if (pnr[0] != '\0')
		crypto_bidx(r->keys, "pnr", pnr, bidx);
	else
		crypto_bidx(r->keys, "email", email, bidx);
	if ((rc = store_dsr_orders(r->db, r->a, r->network_id,
	    by_pnr ? NULL : bidx, by_pnr ? bidx : NULL, &refs, &norders)) !=
	    TJG_OK)
		goto out;
	memset(&n, 0, sizeof(n));
	n.network = r->network_id;
	n.kind = "access";
	n.status = "verified";
	n.channel = channel;
	n.email_bidx = by_pnr ? NULL : bidx;
	n.pnr_bidx = by_pnr ? bidx : NULL;
	n.now = now;
	n.expires_at = now;
	n.handled_by = r->user->id;
	n.note = note;
	n.lang = "sv";
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	if ((rc = store_dsr_insert(r->db, &n, &id)) != TJG_OK ||
	    (rc = console_audit(r, "dsr.search", "dsr_request", hnum(r, id),
	    arena_printf(r->a, "by %s; orders found: %zu", by_pnr ? "pnr" :
	    "email", norders))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	rc = admin_redirect(r, "dsr_found", "/admin/requests/%lld", id);
out:
	explicit_bzero(pnr, sizeof(pnr));
	return rc;
}

/* The request of the path, of this network. */
static int
load(struct request *r, struct dsr_row *d)
{
	char *end;
	long long id = strtoll(r->args[0], &end, 10);

	if (*end != '\0' || id <= 0 || r->args[0][0] == '+' ||
	    r->args[0][0] == '-')
		return TJG_ENOTFOUND;
	return store_dsr_get(r->db, r->a, r->network_id, id, d);
}

/* An access request whose person may be shown, copied and erased. */
static bool
actionable(const struct dsr_row *d)
{
	return strcmp(d->kind, "access") == 0 &&
	    (strcmp(d->status, "verified") == 0 ||
	    strcmp(d->status, "done") == 0);
}

/* The person's orders of request d (pii: opened), or none (n = 0). */
static int
load_case(struct request *r, const struct dsr_row *d, bool pii,
    struct dsr_case *c)
{
	memset(c, 0, sizeof(*c));
	if (!actionable(d))
		return TJG_OK;
	return dsr_case_load(r, d->has_email ? d->email_bidx : NULL,
	    d->has_pnr ? d->pnr_bidx : NULL, pii, c);
}

/* The request's page; view is "" or "erase" (the confirmation). */
static int
render_request(struct request *r, const struct dsr_row *d,
    const struct dsr_case *c, const char *view)
{
	const char *path = arena_printf(r->a, "%s/admin/requests/%lld",
	    base(r), d->id);
	size_t i;
	int rc = TJG_OK;

	put_row(r, &rc, "Request", d);
	hput(r, &rc, "Request.view", view);
	if (d->order_ref != NULL)
		hput(r, &rc, "Request.order_url", arena_printf(r->a,
		    "%s/admin/orders/%s", base(r), d->order_ref));
	if (rc != TJG_OK || (rc = dsr_case_put(r, c)) != TJG_OK)
		return rc;
	for (i = 0; i < c->n; i++) {
		hputf(r, &rc, arena_printf(r->a, "%s/admin/orders/%s", base(r),
		    c->v[i].o.ref), "Orders.%zu.url", i);
		hputf(r, &rc, arena_printf(r->a, "%s/erase?order=%s", path,
		    c->v[i].o.ref), "Orders.%zu.erase_url", i);
	}
	if (actionable(d) && c->n > 0) {
		hput(r, &rc, "Can.show", arena_printf(r->a, "%s/show", path));
		hput(r, &rc, "Can.export", arena_printf(r->a, "%s/export",
		    path));
		hput(r, &rc, "Can.erase", arena_printf(r->a, "%s/erase", path));
	}
	hput(r, &rc, "Request.path", path);
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/request.cs", "requests");
}

/* GET /admin/requests/ID: the request and the person's orders. */
int
h_admin_dsr_get(struct request *r)
{
	struct dsr_case c;
	struct dsr_row d;
	int rc;

	if ((rc = load(r, &d)) != TJG_OK ||
	    (rc = load_case(r, &d, false, &c)) != TJG_OK)
		return rc;
	return render_request(r, &d, &c, "");
}

/*
 * POST /admin/requests/ID/show: the same page with the personal data,
 * logged in each order's log and the audit before it is shown.
 */
int
h_admin_dsr_show(struct request *r)
{
	struct dsr_case c;
	struct dsr_row d;
	int rc;

	if ((rc = load(r, &d)) != TJG_OK)
		return rc;
	if (!actionable(&d))
		return TJG_ECONFLICT;
	if ((rc = load_case(r, &d, true, &c)) != TJG_OK)
		return rc;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = dsr_case_log(r, &c, "viewed", "dsr.show", d.id)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return render_request(r, &d, &c, "");
}

/*
 * POST /admin/requests/ID/export: the XML copy, as the resident gets it;
 * the request is then done, handled by the user.
 */
int
h_admin_dsr_export(struct request *r)
{
	char now[CLOCK_SQL_LEN + 1];
	struct dsr_case c;
	struct dsr_row d;
	struct buf xml;
	time_t t;
	int rc;

	if ((rc = load(r, &d)) != TJG_OK)
		return rc;
	if (!actionable(&d))
		return TJG_ECONFLICT;
	if ((rc = load_case(r, &d, true, &c)) != TJG_OK ||
	    (rc = now_sql(now, &t)) != TJG_OK)
		return rc;
	buf_init(&xml);
	if ((rc = dsr_case_copy(r, &c, &xml)) != TJG_OK)
		goto out;
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	if ((rc = dsr_case_log(r, &c, "exported", "dsr.export", d.id)) !=
	    TJG_OK ||
	    (rc = store_dsr_done(r->db, d.id, now, r->user->id)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	rc = dsr_case_send(r, &xml, arena_printf(r->a, "request-%lld", d.id));
out:
	crypto_buf_clear(&xml);
	return rc;
}

/* GET /admin/requests/ID/erase[?order=REF]: asks before erasing. */
int
h_admin_dsr_erase_confirm(struct request *r)
{
	const struct pval *o = &r->p[ADSR_ERASEQ_ORDER];
	const struct dsr_case_order *one = NULL;
	struct dsr_case c, sel;
	struct dsr_row d;
	int rc;

	if ((rc = load(r, &d)) != TJG_OK)
		return rc;
	if (!actionable(&d))
		return TJG_ECONFLICT;
	if ((rc = load_case(r, &d, false, &c)) != TJG_OK)
		return rc;
	if (given(o) && (one = dsr_case_find(&c, o->s)) == NULL)
		return TJG_ENOTFOUND;
	if (c.n == 0)
		return admin_redirect(r, NULL, "/admin/requests/%lld", d.id);
	sel = c;
	if (one != NULL) {
		sel.v = (struct dsr_case_order *)one;
		sel.n = 1;
		if ((rc = tmpl_set(r->tmpl, "Form.order", one->o.ref)) !=
		    TJG_OK)
			return rc;
	}
	return render_request(r, &d, &sel, "erase");
}

/*
 * POST /admin/requests/ID/erase: erases one order's personal data (order)
 * or all of the request's, recorded as an erasure request handled by the
 * user, with each order's log and audit, in one transaction.
 */
int
h_admin_dsr_erase(struct request *r)
{
	const struct pval *p = r->p;
	const char *ref = given(&p[ADSR_ERASE_ORDER]) ?
	    p[ADSR_ERASE_ORDER].s : NULL;
	const char *note = given(&p[ADSR_ERASE_NOTE]) ?
	    p[ADSR_ERASE_NOTE].s : NULL;
	const struct dsr_case_order *one = NULL;
	char now[CLOCK_SQL_LEN + 1];
	struct dsr_case c, sel;
	struct dsr_row d;
	struct dsr_new n;
	size_t erased = 0;
	long long id = 0;
	time_t t;
	int rc;

	if ((rc = load(r, &d)) != TJG_OK)
		return rc;
	if (!actionable(&d))
		return TJG_ECONFLICT;
	if ((rc = load_case(r, &d, false, &c)) != TJG_OK ||
	    (rc = now_sql(now, &t)) != TJG_OK)
		return rc;
	if (ref != NULL && (one = dsr_case_find(&c, ref)) == NULL)
		return TJG_ENOTFOUND;
	if (c.n == 0)
		return admin_redirect(r, NULL, "/admin/requests/%lld", d.id);
	if (note != NULL && admin_utf8_len(note) > NOTE_MAX) {
		sel = c;
		if (one != NULL) {
			sel.v = (struct dsr_case_order *)one;
			sel.n = 1;
		}
		r->resp.status = 422;
		if ((rc = tmpl_set(r->tmpl, "Form.note", note)) != TJG_OK ||
		    (one != NULL && (rc = tmpl_set(r->tmpl, "Form.order",
		    one->o.ref)) != TJG_OK) ||
		    (rc = admin_error(r, "note", "admin.dsr.err.note_long")) !=
		    TJG_OK)
			return rc;
		return render_request(r, &d, &sel, "erase");
	}
	memset(&n, 0, sizeof(n));
	n.network = r->network_id;
	n.kind = "erasure";
	n.status = "done";
	n.channel = d.channel;
	n.email_bidx = d.has_email ? d.email_bidx : NULL;
	n.pnr_bidx = d.has_pnr ? d.pnr_bidx : NULL;
	n.now = now;
	n.expires_at = now;
	n.order_id = one != NULL ? one->o.id : 0;
	n.handled_by = r->user->id;
	n.note = note;
	n.lang = d.lang;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_dsr_insert(r->db, &n, &id)) != TJG_OK ||
	    (rc = dsr_case_erase(r, &c, ref, id, &erased)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return admin_redirect(r, "dsr_erased", "/admin/requests/%lld", d.id);
}
