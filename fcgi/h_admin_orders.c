/*
 * The console's orders: the list with its filters and pages; one order
 * with its terms, outlet, the provider's messages and the full log; its
 * personal data only on an explicit "show", which is logged in the order
 * log and the audit before anything is shown; and for administrators a
 * status change (the API's state machine) and a resent confirmation.
 * A provider user sees its own provider's orders only: any other order
 * is not found. Roles are checked by the dispatcher (main.c), not here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "console.h"
#include "crypto.h"
#include "db.h"
#include "err.h"
#include "feed.h"
#include "handlers.h"
#include "http.h"
#include "log.h"
#include "money.h"
#include "outbox.h"
#include "store.h"
#include "store_admin_order.h"
#include "tmpl.h"

/* Collects tmpl_set results: the first failure sticks. */
static const char *
money(struct request *r, long long ore)
{
	char *s = arena_alloc(r->a, MONEY_FMT_MAX);

	money_fmt(ore, r->lang, s, MONEY_FMT_MAX);
	return s;
}

/* A console path in the request's language. */
static const char *
base(struct request *r)
{
	return strcmp(r->lang, "en") == 0 ? "/en" : "";
}

/* "Storgatan 12 B" */
static const char *
street_line(struct request *r, const char *street, int number,
    const char *littera)
{
	if (street == NULL)
		return NULL;
	return arena_printf(r->a, "%s %d%s%s", street, number,
	    littera != NULL && *littera != '\0' ? " " : "",
	    littera != NULL ? littera : "");
}

/* Who writes in the order log: staff as "admin", provider users as such. */
static const char *
actor(const struct request *r)
{
	return console_provider(r) != 0 ? "provider" : "admin";
}

/* An id of a filter's select, "" for none: 0 then, -1 if malformed. */
static long long
select_id(const struct pval *v)
{
	char *end;
	long long id;

	if (!v->set || v->len == 0)
		return 0;
	id = strtoll(v->s, &end, 10);
	return *end == '\0' && id > 0 ? id : -1;
}

/* An empty field of the filter form is no filter. */
static bool
given(const struct pval *v)
{
	return v->set && v->len > 0;
}

/* Marks the form bad with the text of textkey at field. */
static int
bad_field(struct request *r, bool *bad, const char *field,
    const char *textkey)
{
	*bad = true;
	return admin_error(r, field, textkey);
}

/* The filter's selects, with the chosen entries marked. */
static int
put_choices(struct request *r, long long provider, long long service)
{
	struct admin_choice *c;
	size_t n, i;
	int rc;

	if (console_provider(r) == 0) {
		if ((rc = store_admin_order_providers(r->db, r->a,
		    r->network_id, &c, &n)) != TJG_OK)
			return rc;
		for (i = 0; i < n && rc == TJG_OK; i++) {
			hputf(r, &rc, hnum(r, c[i].id), "Providers.%zu.id", i);
			hputf(r, &rc, c[i].name, "Providers.%zu.name", i);
			if (c[i].id == provider)
				hputf(r, &rc, "1", "Providers.%zu.selected", i);
		}
		if (rc != TJG_OK)
			return rc;
	}
	if ((rc = store_admin_order_services(r->db, r->a, r->network_id,
	    console_provider(r), &c, &n)) != TJG_OK)
		return rc;
	for (i = 0; i < n && rc == TJG_OK; i++) {
		hputf(r, &rc, hnum(r, c[i].id), "Services.%zu.id", i);
		hputf(r, &rc, c[i].name, "Services.%zu.name", i);
		hputf(r, &rc, c[i].provider, "Services.%zu.provider", i);
		if (c[i].id == service)
			hputf(r, &rc, "1", "Services.%zu.selected", i);
	}
	return rc;
}

/* The list's address of page with the filters given. */
static const char *
page_url(struct request *r, long long page)
{
	static const struct {
		int		 idx;
		const char	*name;
	} keep[] = {
		{ AORDERS_STATUS, "status" }, { AORDERS_PROVIDER, "provider" },
		{ AORDERS_SERVICE, "service" }, { AORDERS_FROM, "from" },
		{ AORDERS_TO, "to" }, { AORDERS_REF, "ref" },
		{ AORDERS_ADDRESS, "address" },
	};
	struct buf q;
	const char *u;
	size_t i;

	buf_init(&q);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (given(&r->p[keep[i].idx]))
			http_form_add(&q, keep[i].name, r->p[keep[i].idx].s);
	http_form_add(&q, "page", hnum(r, page));
	u = arena_printf(r->a, "%s/admin/orders?%s", base(r), buf_str(&q));
	buf_free(&q);
	return u;
}

static int
put_rows(struct request *r, const struct admin_order_row *v, size_t n)
{
	const struct admin_order_row *o;
	size_t i;
	int rc = TJG_OK;

	for (i = 0; i < n; i++) {
		o = &v[i];
		hputf(r, &rc, o->ref, "Orders.%zu.ref", i);
		hputf(r, &rc, arena_printf(r->a, "%s/admin/orders/%s", base(r),
		    o->ref), "Orders.%zu.url", i);
		hputf(r, &rc, admin_local_time(r->a, o->created),
		    "Orders.%zu.created", i);
		hputf(r, &rc, o->provider, "Orders.%zu.provider", i);
		hputf(r, &rc, o->service, "Orders.%zu.service", i);
		hputf(r, &rc, o->status, "Orders.%zu.status", i);
		hputf(r, &rc, street_line(r, o->street, o->number, o->littera),
		    "Orders.%zu.address", i);
		hputf(r, &rc, o->apartment, "Orders.%zu.apartment", i);
		hputf(r, &rc, o->fetched ? "1" : "0", "Orders.%zu.fetched", i);
		hputf(r, &rc, o->erased ? "1" : "0", "Orders.%zu.erased", i);
	}
	return rc;
}

/* GET /admin/orders: the network's orders, newest first, filtered. */
int
h_admin_orders(struct request *r)
{
	const struct pval *p = r->p;
	struct admin_order_filter f;
	struct admin_order_row *rows;
	struct addr_query q;
	long long page = p[AORDERS_PAGE].set ? p[AORDERS_PAGE].i : 1;
	long long total, pages;
	char from[ADMIN_UTC_LEN], to[ADMIN_UTC_LEN], ref[13];
	size_t n;
	bool bad = false;
	int rc = TJG_OK;

	memset(&f, 0, sizeof(f));
	f.network = r->network_id;
	f.own_provider = console_provider(r);
	/* What was typed is kept, good or bad. */
	hput(r, &rc, "Filter.status", p[AORDERS_STATUS].s);
	hput(r, &rc, "Filter.from", p[AORDERS_FROM].s);
	hput(r, &rc, "Filter.to", p[AORDERS_TO].s);
	hput(r, &rc, "Filter.ref", p[AORDERS_REF].s);
	hput(r, &rc, "Filter.address", p[AORDERS_ADDRESS].s);
	if (rc != TJG_OK)
		return rc;

	if (given(&p[AORDERS_STATUS])) {
		if (admin_status_ok(p[AORDERS_STATUS].s))
			f.status = p[AORDERS_STATUS].s;
		else if ((rc = bad_field(r, &bad, "status",
		    "admin.orders.err.status")) != TJG_OK)
			return rc;
	}
	/* A provider user has no provider to choose. */
	if (f.own_provider == 0 &&
	    (f.provider = select_id(&p[AORDERS_PROVIDER])) < 0 &&
	    (rc = bad_field(r, &bad, "provider", "admin.orders.err.provider"))
	    != TJG_OK)
		return rc;
	if ((f.service = select_id(&p[AORDERS_SERVICE])) < 0 &&
	    (rc = bad_field(r, &bad, "service", "admin.orders.err.service")) !=
	    TJG_OK)
		return rc;
	if (given(&p[AORDERS_FROM])) {
		if (admin_day_utc(p[AORDERS_FROM].s, 0, from))
			f.from = from;
		else if ((rc = bad_field(r, &bad, "from",
		    "admin.orders.err.date")) != TJG_OK)
			return rc;
	}
	if (given(&p[AORDERS_TO])) {
		/* The whole last day: up to the start of the next. */
		if (admin_day_utc(p[AORDERS_TO].s, 1, to))
			f.to = to;
		else if ((rc = bad_field(r, &bad, "to",
		    "admin.orders.err.date")) != TJG_OK)
			return rc;
	}
	if (f.from != NULL && f.to != NULL && strcmp(f.from, f.to) >= 0 &&
	    (rc = bad_field(r, &bad, "to", "admin.orders.err.range")) != TJG_OK)
		return rc;
	if (given(&p[AORDERS_REF])) {
		if (admin_ref_norm(p[AORDERS_REF].s, ref))
			f.ref = ref;
		else if ((rc = bad_field(r, &bad, "ref",
		    "admin.orders.err.ref")) != TJG_OK)
			return rc;
	}
	if (given(&p[AORDERS_ADDRESS])) {
		/* As the public search reads it: street prefix, number, ... */
		if (addr_query_parse(r->a, p[AORDERS_ADDRESS].s, &q) == TJG_OK)
			f.addr = &q;
		else if ((rc = bad_field(r, &bad, "address",
		    "admin.orders.err.address")) != TJG_OK)
			return rc;
	}
	if ((rc = put_choices(r, f.provider, f.service)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return admin_render(r, "admin/orders.cs", "orders");
	}

	if ((rc = store_admin_orders(r->db, r->a, &f,
	    (page - 1) * ADMIN_ORDERS_PAGE, ADMIN_ORDERS_PAGE, &rows, &n,
	    &total)) != TJG_OK)
		return rc;
	if ((rc = put_rows(r, rows, n)) != TJG_OK)
		return rc;
	pages = total > 0 ?
	    (total + ADMIN_ORDERS_PAGE - 1) / ADMIN_ORDERS_PAGE : 1;
	hput(r, &rc, "List.total", hnum(r, total));
	hput(r, &rc, "List.first", hnum(r, n > 0 ?
	    (page - 1) * ADMIN_ORDERS_PAGE + 1 : 0));
	hput(r, &rc, "List.last", hnum(r, n > 0 ?
	    (page - 1) * ADMIN_ORDERS_PAGE + (long long)n : 0));
	hput(r, &rc, "List.page", hnum(r, page));
	hput(r, &rc, "List.pages", hnum(r, pages));
	if (page > 1)
		hput(r, &rc, "List.prev_url", page_url(r, page - 1 < pages ?
		    page - 1 : pages));
	if (page < pages)
		hput(r, &rc, "List.next_url", page_url(r, page + 1));
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/orders.cs", "orders");
}

/* The order of the path's reference, in this network (and provider). */
static int
load(struct request *r, struct admin_order *o)
{
	char ref[13];

	/* A reference is 12 characters [0-9A-Z]; anything else is none. */
	if (strlen(r->args[0]) != CRYPTO_REF_LEN ||
	    !admin_ref_norm(r->args[0], ref) || strcmp(ref, r->args[0]) != 0)
		return TJG_ENOTFOUND;
	return store_admin_order_get(r->db, r->a, r->network_id,
	    console_provider(r), ref, o);
}

/* Opens the sealed personal data: an urlencoded list bound to the ref. */
static int
open_pii(struct request *r, const struct admin_order *o, const void *blob,
    size_t len, struct buf *plain, struct kvlist *kv)
{
	if (crypto_open(r->keys, blob, len, o->ref, strlen(o->ref), plain) !=
	    TJG_OK) {
		log_err("admin: cannot open the personal data of order %s",
		    o->ref);
		return TJG_EINTERNAL;
	}
	if (http_parse_urlencoded(r->a, buf_str(plain), plain->len, kv) !=
	    TJG_OK) {
		log_err("admin: malformed personal data in order %s", o->ref);
		return TJG_EINTERNAL;
	}
	return TJG_OK;
}

/* Pii.*: the personal data, extra fields with their labels. */
static int
put_pii(struct request *r, const struct admin_order *o,
    const struct kvlist *kv)
{
	static const char *const plain[] = { "first_name", "last_name",
	    "email", "phone", "invoice_street", "invoice_postcode",
	    "invoice_city" };
	struct form_field_view *ff;
	const char *k, *v, *label;
	size_t nff, i, j, nx = 0;
	bool en = strcmp(r->lang, "en") == 0;
	int rc;

	if ((rc = store_form_fields(r->db, r->a, r->network_id,
	    o->provider_id, o->service_id, &ff, &nff)) != TJG_OK)
		return rc;
	hput(r, &rc, "Pii.shown", "1");
	for (i = 0; i < kv->n; i++) {
		k = kv->v[i].name;
		v = kv->v[i].value;
		for (j = 0; j < sizeof(plain) / sizeof(plain[0]); j++)
			if (strcmp(k, plain[j]) == 0)
				hputf(r, &rc, v, "Pii.%s", k);
		if (strcmp(k, "pnr") == 0)
			hput(r, &rc, "Pii.pnr", strlen(v) == 12 ?
			    arena_printf(r->a, "%.8s-%s", v, v + 8) : v);
		if (strncmp(k, "x.", 2) != 0 || k[2] == '\0')
			continue;
		/* A field removed since is still shown, by its key. */
		label = k + 2;
		for (j = 0; j < nff; j++)
			if (strcmp(ff[j].key, k + 2) == 0) {
				label = en ? ff[j].label_en : ff[j].label_sv;
				if (strcmp(ff[j].kind, "checkbox") == 0)
					hputf(r, &rc, "1",
					    "Pii.extra.%zu.check", nx);
			}
		hputf(r, &rc, label, "Pii.extra.%zu.label", nx);
		hputf(r, &rc, v, "Pii.extra.%zu.value", nx);
		nx++;
	}
	return rc;
}

/* The order page; with its personal data when kv is not NULL. */
static int
render_order(struct request *r, const struct admin_order *o,
    const struct kvlist *kv)
{
	struct admin_order_event *ev;
	const char *next[4], *path;
	char pc[7];
	size_t n, i;
	bool staff = console_provider(r) == 0;
	bool admin = r->user->role == ROLE_ADMIN;
	int rc = TJG_OK;

	path = arena_printf(r->a, "%s/admin/orders/%s", base(r), o->ref);
	hput(r, &rc, "Order.ref", o->ref);
	hput(r, &rc, "Order.url", path);
	hput(r, &rc, "Order.status", o->status);
	hput(r, &rc, "Order.status_date", o->status_date);
	hput(r, &rc, "Order.lang", o->lang);
	hput(r, &rc, "Order.provider", o->provider_name);
	hput(r, &rc, "Order.service", o->service_name);
	hput(r, &rc, "Order.desired_start", o->desired_start);
	hput(r, &rc, "Order.provider_reference", o->provider_reference);
	hput(r, &rc, "Order.external_message", o->external_message);
	hput(r, &rc, "Order.created", admin_local_time(r->a, o->created));
	hput(r, &rc, "Order.updated", admin_local_time(r->a, o->updated));
	hput(r, &rc, "Order.fetched", admin_local_time(r->a, o->fetched));
	hput(r, &rc, "Order.final", admin_local_time(r->a, o->final));
	hput(r, &rc, "Order.erased", admin_local_time(r->a, o->erased));
	hput(r, &rc, "Terms.monthly", money(r, o->monthly_ore));
	hput(r, &rc, "Terms.start_fee", money(r, o->start_fee_ore));
	hput(r, &rc, "Terms.binding", hnum(r, o->binding_months));
	hput(r, &rc, "Terms.notice", hnum(r, o->notice_months));
	if (strcmp(o->campaign_kind, "none") != 0) {
		hput(r, &rc, "Terms.campaign.kind", o->campaign_kind);
		hput(r, &rc, "Terms.campaign.value",
		    strcmp(o->campaign_kind, "percent") == 0 ?
		    hnum(r, o->campaign_value) : money(r, o->campaign_value));
		hput(r, &rc, "Terms.campaign.months",
		    hnum(r, o->campaign_months));
	}
	if (o->street != NULL) {
		addr_postcode_fmt(o->postcode, pc);
		hput(r, &rc, "Outlet.address", street_line(r, o->street,
		    o->number, o->littera));
		hput(r, &rc, "Outlet.place", arena_printf(r->a, "%s %s", pc,
		    o->city));
		hput(r, &rc, "Outlet.apartment", o->apartment);
		hput(r, &rc, "Outlet.code", o->outlet_code);
		hput(r, &rc, "Outlet.distinguisher", o->distinguisher);
	}
	if (rc != TJG_OK)
		return rc;

	if ((rc = store_admin_order_log(r->db, r->a, o->id, o->provider_id,
	    staff, &ev, &n)) != TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		hputf(r, &rc, ev[i].kind, "Log.%zu.kind", i);
		hputf(r, &rc, ev[i].actor, "Log.%zu.actor", i);
		hputf(r, &rc, ev[i].username, "Log.%zu.user", i);
		hputf(r, &rc, admin_local_time(r->a, ev[i].at), "Log.%zu.at",
		    i);
		hputf(r, &rc, ev[i].note, "Log.%zu.note", i);
	}

	/* What may be done: the buttons and forms of the page. */
	if (o->erased == NULL && kv == NULL)
		hput(r, &rc, "Can.show", arena_printf(r->a, "%s/show", path));
	if (admin && o->erased == NULL)
		hput(r, &rc, "Can.resend", arena_printf(r->a, "%s/resend",
		    path));
	if (admin && (n = admin_next_states(o->status, next)) > 0) {
		hput(r, &rc, "Can.status", arena_printf(r->a, "%s/status",
		    path));
		for (i = 0; i < n; i++)
			hputf(r, &rc, next[i], "Next.%zu", i);
	}
	if (rc != TJG_OK)
		return rc;
	if (kv != NULL && (rc = put_pii(r, o, kv)) != TJG_OK)
		return rc;
	return admin_render(r, "admin/order.cs", "orders");
}

/* The order page with a problem explained at its top. */
static int
problem(struct request *r, const struct admin_order *o, int status,
    const char *textkey)
{
	int rc;

	r->resp.status = status;
	if ((rc = tmpl_set(r->tmpl, "Order.problem", tmpl_text(r->tmpl,
	    r->lang, textkey))) != TJG_OK)
		return rc;
	return render_order(r, o, NULL);
}

/* GET /admin/orders/REF: the order without its personal data. */
int
h_admin_order(struct request *r)
{
	struct admin_order o;
	int rc;

	if ((rc = load(r, &o)) != TJG_OK)
		return rc;
	return render_order(r, &o, NULL);
}

/*
 * POST /admin/orders/REF/show: the same page with the personal data. The
 * showing is written to the order log and the audit, in one transaction,
 * before anything is shown.
 */
int
h_admin_order_show(struct request *r)
{
	struct admin_order o;
	struct kvlist kv;
	struct buf plain;
	const void *blob;
	size_t len;
	int rc;

	if ((rc = load(r, &o)) != TJG_OK)
		return rc;
	if (o.erased != NULL)
		return problem(r, &o, 409, "admin.orders.err.erased");
	if ((rc = store_admin_order_pii(r->db, r->a, o.id, false, &blob,
	    &len)) != TJG_OK)
		return rc;
	if (blob == NULL)	/* erased a moment ago */
		return problem(r, &o, 409, "admin.orders.err.erased");
	buf_init(&plain);
	if ((rc = open_pii(r, &o, blob, len, &plain, &kv)) != TJG_OK)
		goto out;
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	if ((rc = store_admin_order_event(r->db, o.id, "viewed", actor(r),
	    r->user->id, NULL)) != TJG_OK ||
	    (rc = console_audit(r, "order.show", "order", o.ref, NULL)) !=
	    TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	rc = render_order(r, &o, &kv);
out:
	crypto_buf_clear(&plain);
	return rc;
}

/*
 * POST /admin/orders/REF/status: an administrator moves the order on, as
 * the API's state machine allows, with a comment for the log. The order,
 * its new place in the provider's feed, the log and the audit are written
 * in one transaction.
 */
int
h_admin_order_status(struct request *r)
{
	const struct pval *p = r->p;
	const char *to = p[AORDER_STATUS_STATUS].set ?
	    p[AORDER_STATUS_STATUS].s : "";
	const char *comment = p[AORDER_STATUS_COMMENT].set ?
	    p[AORDER_STATUS_COMMENT].s : "";
	struct admin_order o;
	const char *next[4];
	bool implicit = false, bad = false;
	int rc = TJG_OK;

	if ((rc = load(r, &o)) != TJG_OK)
		return rc;
	/* A final status absorbs: there is no form to correct. */
	if (admin_next_states(o.status, next) == 0)
		return problem(r, &o, 409, "admin.orders.err.transition");
	hput(r, &rc, "Form.status", to);
	hput(r, &rc, "Form.comment", comment);
	if (rc != TJG_OK)
		return rc;
	if ((!admin_status_ok(to) || strcmp(to, "new") == 0) &&
	    (rc = bad_field(r, &bad, "status",
	    "admin.orders.err.new_status")) != TJG_OK)
		return rc;
	if ((*comment == '\0' || admin_utf8_len(comment) > ADMIN_COMMENT_MAX) &&
	    (rc = bad_field(r, &bad, "comment", *comment == '\0' ?
	    "admin.orders.err.comment" : "admin.orders.err.comment_long")) !=
	    TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return render_order(r, &o, NULL);
	}
	if (!feed_transition_ok(o.status, to, &implicit))
		return problem(r, &o, 409, "admin.orders.err.transition");

	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	/* new -> activated: received on the way, as the API records it. */
	if ((implicit && (rc = store_admin_order_event(r->db, o.id,
	    "received", "admin", r->user->id, NULL)) != TJG_OK) ||
	    (rc = store_order_move(r->db, o.id, o.status, to, "admin",
	    r->user->id, comment)) != TJG_OK ||
	    (rc = console_audit(r, "order.status", "order", o.ref,
	    arena_printf(r->a, "%s -> %s", o.status, to))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		if (rc != TJG_ECONFLICT)
			return rc;
		/* Someone else moved it meanwhile: show where it is now. */
		if ((rc = load(r, &o)) != TJG_OK)
			return rc;
		return problem(r, &o, 409, "admin.orders.err.changed");
	}
	return admin_redirect(r, "order_status", "/admin/orders/%s", o.ref);
}

/*
 * POST /admin/orders/REF/resend: queues the confirmation mail again,
 * made as the order form makes it. Only a hash of the status link is
 * stored, so the mail carries a new link and the old one stops working.
 */
int
h_admin_order_resend(struct request *r)
{
	static const char hexd[] = "0123456789abcdef";
	unsigned char rnd[32], hash[CRYPTO_SHA256_LEN];
	struct order_receipt rec;
	struct admin_order o;
	struct buf plain, body;
	struct kvlist kv;
	const void *blob;
	const char *email = NULL, *subject;
	char secret[65];
	size_t len, i;
	int rc;

	if ((rc = load(r, &o)) != TJG_OK)
		return rc;
	if (o.erased != NULL)
		return problem(r, &o, 409, "admin.orders.err.erased_resend");
	if ((rc = crypto_random(rnd, sizeof(rnd))) != TJG_OK)
		return rc;
	for (i = 0; i < sizeof(rnd); i++) {
		secret[2 * i] = hexd[rnd[i] >> 4];
		secret[2 * i + 1] = hexd[rnd[i] & 15];
	}
	secret[64] = '\0';
	crypto_sha256(secret, 64, hash);
	buf_init(&plain);
	buf_init(&body);
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	/* Locked, so that it cannot be erased while the mail is queued. */
	if ((rc = store_admin_order_pii(r->db, r->a, o.id, true, &blob,
	    &len)) != TJG_OK)
		goto out;
	if (blob == NULL) {
		db_rollback(r->db);
		rc = problem(r, &o, 409, "admin.orders.err.erased_resend");
		goto out;
	}
	if ((rc = open_pii(r, &o, blob, len, &plain, &kv)) != TJG_OK)
		goto out;
	for (i = 0; i < kv.n; i++)
		if (strcmp(kv.v[i].name, "email") == 0)
			email = kv.v[i].value;
	if (email == NULL || o.street == NULL) {
		log_err("admin: order %s has no e-mail address or outlet",
		    o.ref);
		rc = TJG_EINTERNAL;
		goto out;
	}
	memset(&rec, 0, sizeof(rec));
	rec.ref = o.ref;
	rec.lang = o.lang;
	rec.secret = secret;
	rec.service = o.service_name;
	rec.provider = o.provider_name;
	rec.provider_email = o.provider_email;
	rec.provider_phone = o.provider_phone;
	rec.street = o.street;
	rec.number = o.number;
	rec.littera = o.littera;
	rec.apartment = o.apartment;
	order_receipt_mail(r, &rec, &subject, &body);
	if ((rc = store_admin_order_set_token(r->db, o.id, hash)) != TJG_OK ||
	    (rc = store_outbox_add(r->db, r->network_id, o.id, "receipt",
	    email, subject, buf_str(&body), NULL)) != TJG_OK ||
	    (rc = store_admin_order_event(r->db, o.id, "mail", "admin",
	    r->user->id, NULL)) != TJG_OK ||
	    (rc = console_audit(r, "order.resend", "order", o.ref, NULL)) !=
	    TJG_OK)
		goto out;
	if ((rc = db_commit(r->db)) == TJG_OK)
		rc = admin_redirect(r, "order_resent", "/admin/orders/%s",
		    o.ref);
out:
	if (rc != TJG_OK)
		db_rollback(r->db);
	crypto_buf_clear(&plain);
	crypto_buf_clear(&body);
	explicit_bzero(secret, sizeof(secret));
	explicit_bzero(rnd, sizeof(rnd));
	return rc;
}
