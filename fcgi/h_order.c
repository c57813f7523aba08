/*
 * The resident's journey after the address search: the building's
 * apartments, the services orderable at an outlet, the order form, the
 * stored order with its receipt, and the status page with withdrawal.
 * Personal data typed into the form goes only into the encrypted blob,
 * the blind indexes and the form re-rendered on an error.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addr.h"
#include "catalog_check.h"
#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "log.h"
#include "money.h"
#include "phone.h"
#include "pnr.h"
#include "price.h"
#include "store.h"
#include "tmpl.h"

#define ORDER_RATE_WINDOW	3600	/* seconds */

/* Collects tmpl_set results: the first failure sticks. */
static const char *
money(struct request *r, long long ore)
{
	char *s = arena_alloc(r->a, 48);

	money_fmt(ore, r->lang, s, 48);
	return s;
}

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

static void
today(struct pnr_date *d, char iso[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	d->y = tm.tm_year + 1900;
	d->m = tm.tm_mon + 1;
	d->d = tm.tm_mday;
	strftime(iso, 11, "%Y-%m-%d", &tm);
}

/* "Storgatan 12 B" and "123 45 Stad". */
static void
put_address(struct request *r, int *rc, const char *prefix,
    const char *street, int number, const char *littera,
    const char *postcode, const char *city)
{
	char pc[7];

	addr_postcode_fmt(postcode, pc);
	hputf(r, rc, arena_printf(r->a, "%s %d%s%s", street, number,
	    littera != NULL && *littera != '\0' ? " " : "",
	    littera != NULL ? littera : ""), "%s.line", prefix);
	hputf(r, rc, arena_printf(r->a, "%s %s", pc, city), "%s.place", prefix);
}

static void
put_outlet(struct request *r, int *rc, const char *prefix,
    const struct outlet_view *o)
{
	hputf(r, rc, o->code, "%s.code", prefix);
	hputf(r, rc, o->apartment != NULL ? o->apartment : "",
	    "%s.apartment", prefix);
	hputf(r, rc, o->status, "%s.status", prefix);
	hputf(r, rc, o->active_from, "%s.active_from", prefix);
	hputf(r, rc, url(r, "/uttag/%s", o->code), "%s.url", prefix);
}

/* GET /adress/ID: the outlets of one address. */
int
h_order_address(struct request *r)
{
	struct address_view a;
	char *end;
	long long id = strtoll(r->args[0], &end, 10);
	size_t i;
	int rc = TJG_OK;

	if (*end != '\0' || id <= 0)
		return TJG_ENOTFOUND;
	if ((rc = store_address_get(r->db, r->a, r->network_id, id, &a)) !=
	    TJG_OK)
		return rc;
	/* A house with one outlet needs no choice. */
	if (a.noutlets == 1)
		return resp_redirect(r, 302, url(r, "/uttag/%s",
		    a.outlets[0].code));
	put_address(r, &rc, "Addr", a.street, a.number, a.littera,
	    a.postcode, a.city);
	hput(r, &rc, "Addr.count", hnum(r, (long long)a.noutlets));
	for (i = 0; i < a.noutlets; i++)
		put_outlet(r, &rc, arena_printf(r->a, "Outlets.%zu", i),
		    &a.outlets[i]);
	if (rc != TJG_OK)
		return rc;
	return tmpl_render(r->tmpl, "address.cs", r->lang, &r->resp.body);
}

/* GET /uttag?kod=CODE: the outlet code printed on the socket. */
int
h_order_code(struct request *r)
{
	const struct pval *k = &r->p[CODE_KOD];
	struct outlet_view o;
	char code[40];
	size_t i, n = 0;
	int rc = TJG_OK;

	if (!k->set)
		return tmpl_render(r->tmpl, "address.cs", r->lang,
		    &r->resp.body);
	/* People type codes with spaces and in lower case. */
	for (i = 0; i < k->len && n < sizeof(code) - 1; i++)
		if (k->s[i] != ' ')
			code[n++] = (char)toupper((unsigned char)k->s[i]);
	code[n] = '\0';
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)code[i]) && code[i] != '-')
			break;
	if (n >= 3 && i == n) {
		rc = store_outlet_by_code(r->db, r->a, r->network_id, code, &o);
		if (rc == TJG_OK)
			return resp_redirect(r, 302, url(r, "/uttag/%s",
			    o.code));
		if (rc != TJG_ENOTFOUND)
			return rc;
	}
	rc = TJG_OK;
	r->resp.status = 422;
	hput(r, &rc, "Code.value", k->s);
	hput(r, &rc, "Code.error_text", tmpl_text(r->tmpl, r->lang,
	    n >= 3 && i == n ? "code.err_unknown" : "code.err_format"));
	if (rc != TJG_OK)
		return rc;
	return tmpl_render(r->tmpl, "address.cs", r->lang, &r->resp.body);
}

static struct price
price_of(const struct service_view *s)
{
	struct price p;

	memset(&p, 0, sizeof(p));
	p.monthly = s->monthly_ore;
	p.start_fee = s->start_fee_ore;
	p.binding_months = s->binding_months;
	p.kind = (enum price_campaign)price_kind_parse(s->campaign_kind);
	p.value = s->campaign_value;
	p.campaign_months = s->campaign_months;
	return p;
}

/* Service.* or Cats.N.Services.M.*: everything shown before ordering. */
static void
put_service(struct request *r, int *rc, const char *prefix,
    const struct service_view *s, const char *outlet_code)
{
	struct price p = price_of(s);
	int period = price_period(&p);

	hputf(r, rc, hnum(r, s->id), "%s.id", prefix);
	hputf(r, rc, s->name, "%s.name", prefix);
	hputf(r, rc, s->description, "%s.description", prefix);
	hputf(r, rc, s->category, "%s.category", prefix);
	hputf(r, rc, s->provider_name, "%s.provider", prefix);
	hputf(r, rc, s->provider_email, "%s.provider_email", prefix);
	hputf(r, rc, s->provider_phone, "%s.provider_phone", prefix);
	hputf(r, rc, s->provider_url, "%s.provider_url", prefix);
	hputf(r, rc, s->terms_url, "%s.terms_url", prefix);
	if (s->down_mbps > 0) {
		hputf(r, rc, hnum(r, s->down_mbps), "%s.down", prefix);
		hputf(r, rc, hnum(r, s->up_mbps), "%s.up", prefix);
	}
	hputf(r, rc, money(r, s->monthly_ore), "%s.monthly", prefix);
	hputf(r, rc, money(r, s->start_fee_ore), "%s.start_fee", prefix);
	hputf(r, rc, hnum(r, s->binding_months), "%s.binding", prefix);
	hputf(r, rc, hnum(r, s->notice_months), "%s.notice", prefix);
	if (p.kind != CAMPAIGN_NONE) {
		hputf(r, rc, s->campaign_kind, "%s.campaign.kind", prefix);
		hputf(r, rc, p.kind == CAMPAIGN_PERCENT ?
		    hnum(r, s->campaign_value) : money(r, s->campaign_value),
		    "%s.campaign.value", prefix);
		hputf(r, rc, hnum(r, s->campaign_months), "%s.campaign.months",
		    prefix);
		hputf(r, rc, money(r, price_month(&p, 1)),
		    "%s.campaign.monthly", prefix);
	}
	hputf(r, rc, money(r, price_total(&p, period)), "%s.total", prefix);
	hputf(r, rc, hnum(r, period), "%s.total_months", prefix);
	if (outlet_code != NULL)
		hputf(r, rc, url(r, "/bestall/%s/%lld", outlet_code, s->id),
		    "%s.order_url", prefix);
}

/* The rank of a category in the order the page shows them. */
static int
cat_rank(const char *c)
{
	static const char *const cats[] = { "internet", "tv", "phone",
	    "other" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(c, cats[i]) == 0)
			return i;
	return 4;
}

/* The page's order: by category, then as the providers sort them. */
static int
cmp_default(const void *a, const void *b)
{
	const struct service_view *x = a, *y = b;
	int c = cat_rank(x->category) - cat_rank(y->category);

	if (c == 0)
		c = x->sort - y->sort;
	if (c == 0)
		c = (x->monthly_ore > y->monthly_ore) -
		    (x->monthly_ore < y->monthly_ore);
	if (c == 0)
		c = (x->id > y->id) - (x->id < y->id);
	return c;
}

/*
 * The catalogue changes rarely and is the same for every outlet of an
 * area, so each worker keeps the services of the areas it served for a
 * minute (like the network cache in the dispatcher): the services page
 * then costs one point query for the outlet. A change in the console
 * shows within SERVICES_TTL seconds; ordering always reads the database.
 *
 * The rest of the page after the outlet (services.cs and page_end.cs) is
 * kept with them too, per language, sort and whether the outlet takes
 * orders, while the network's look and texts keep their version: it is
 * the same for every outlet of the area but for the outlet code in each
 * order link, where the kept copy holds SLOT. A rest whose own texts hold
 * SLOT is not kept (the count of slots tells), so every SLOT in a kept
 * copy is a link's. At most 12 copies of about 10 KB per area, for the
 * SERVICES_CACHE areas a worker served last.
 */
#define SERVICES_CACHE	32
#define SERVICES_TTL	60
#define SLOT		"\x01"

enum { SORT_DEFAULT, SORT_PRICE, SORT_SPEED, SORTS };

struct services_cache {
	long long		 network, area;
	time_t			 at;
	struct arena		 a;
	struct service_view	*v;
	size_t			 n;
	char			*version;	/* the network's, of the rest */
	struct buf		 rest[2][SORTS][2];	/* [en][sort][orders] */
};
static struct services_cache scache[SERVICES_CACHE];

/* The cache entry of the area's services, read anew when it is old. */
static struct services_cache *
services_for_area(struct request *r, long long area, int *rc)
{
	const char *version = r->network_version != NULL ?
	    r->network_version : "";
	struct services_cache *c = NULL;
	time_t now = time(NULL);
	size_t i, j, k;
	bool stale;

	for (i = 0; i < SERVICES_CACHE; i++) {
		if (scache[i].network == r->network_id &&
		    scache[i].area == area && scache[i].at != 0) {
			c = &scache[i];
			break;
		}
		if (c == NULL || scache[i].at < c->at)
			c = &scache[i];	/* the oldest, if none matches */
	}
	stale = c->network != r->network_id || c->area != area ||
	    now - c->at >= SERVICES_TTL;
	if (stale || c->version == NULL || strcmp(c->version, version) != 0) {
		for (i = 0; i < 2; i++)
			for (j = 0; j < SORTS; j++)
				for (k = 0; k < 2; k++)
					buf_reset(&c->rest[i][j][k]);
		free(c->version);
		if ((c->version = strdup(version)) == NULL)
			abort();
	}
	if (stale) {
		arena_reset(&c->a);	/* a zeroed arena is an empty one */
		c->at = 0;
		if ((*rc = store_services_for_area(r->db, &c->a, r->network_id,
		    area, &c->v, &c->n)) != TJG_OK)
			return NULL;
		qsort(c->v, c->n, sizeof(*c->v), cmp_default);
		c->network = r->network_id;
		c->area = area;
		c->at = now;
	}
	*rc = TJG_OK;
	return c;
}

/* Cheapest first, within each category. */
static int
cmp_price(const void *a, const void *b)
{
	const struct service_view *x = a, *y = b;
	int c = cat_rank(x->category) - cat_rank(y->category);

	if (c != 0)
		return c;
	return (x->monthly_ore > y->monthly_ore) -
	    (x->monthly_ore < y->monthly_ore);
}

/* Fastest first, within each category. */
static int
cmp_speed(const void *a, const void *b)
{
	const struct service_view *x = a, *y = b;
	int c = cat_rank(x->category) - cat_rank(y->category);

	if (c != 0)
		return c;
	return (x->down_mbps < y->down_mbps) - (x->down_mbps > y->down_mbps);
}

/* Cats.N.key and Cats.N.Services.M for services.cs, in the order given. */
static void
put_services(struct request *r, int *rc, const struct service_view *sv,
    size_t n, const char *outlet_code)
{
	size_t i, cat = 0, m = 0;

	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(sv[i].category, sv[i - 1].category) != 0) {
			cat++;
			m = 0;
		}
		hputf(r, rc, sv[i].category, "Cats.%zu.key", cat);
		put_service(r, rc, arena_printf(r->a, "Cats.%zu.Services.%zu",
		    cat, m++), &sv[i], outlet_code);
	}
}

/* Whether code can stand in a link as it is (the schema says it can). */
static bool
code_plain(const char *code)
{
	return strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(code);
}

/* Appends the kept rest to out with each SLOT replaced by code. */
static void
fill_slots(struct buf *out, const struct buf *rest, const char *code)
{
	const char *p = rest->p, *end = rest->p + rest->len, *q;

	while ((q = memchr(p, SLOT[0], (size_t)(end - p))) != NULL) {
		buf_add(out, p, (size_t)(q - p));
		buf_adds(out, code);
		p = q + 1;
	}
	buf_add(out, p, (size_t)(end - p));
}

static size_t
count_slots(const struct buf *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->len; i++)
		n += b->p[i] == SLOT[0];
	return n;
}

/* The list of services (if any) and the page's end, into out. */
static int
render_rest(struct request *r, struct services_cache *c, int sort,
    const char *outlet_code, struct buf *out)
{
	struct service_view *sv;
	int rc = TJG_OK;

	if (c->n > 0) {
		sv = arena_calloc(r->a, c->n, sizeof(*sv));
		memcpy(sv, c->v, c->n * sizeof(*sv));
		if (sort != SORT_DEFAULT && c->n > 1)
			qsort(sv, c->n, sizeof(*sv), sort == SORT_PRICE ?
			    cmp_price : cmp_speed);
		put_services(r, &rc, sv, c->n, outlet_code);
		if (rc != TJG_OK || (rc = tmpl_render(r->tmpl, "services.cs",
		    r->lang, out)) != TJG_OK)
			return rc;
	}
	return tmpl_render(r->tmpl, "page_end.cs", r->lang, out);
}

/*
 * The page after the outlet, for outlet o, into the response: the kept
 * copy when there is one, else rendered and kept (unless its slots do
 * not add up: then rendered for this outlet alone).
 */
static int
services_rest(struct request *r, struct services_cache *c, int sort,
    const struct outlet_view *o)
{
	bool orders = strcmp(o->status, "inactive") != 0;
	struct buf *kept = &c->rest[strcmp(r->lang, "en") == 0][sort][orders];
	int rc;

	if (!code_plain(o->code))
		kept = NULL;
	if (kept != NULL && kept->len > 0) {
		fill_slots(&r->resp.body, kept, o->code);
		return TJG_OK;
	}
	if (kept != NULL) {
		if ((rc = render_rest(r, c, sort, orders ? SLOT : NULL, kept)) !=
		    TJG_OK) {
			buf_reset(kept);
			return rc;
		}
		if (count_slots(kept) == (orders ? c->n : 0)) {
			fill_slots(&r->resp.body, kept, o->code);
			return TJG_OK;
		}
		buf_reset(kept);
	}
	return render_rest(r, c, sort, orders ? o->code : NULL,
	    &r->resp.body);
}

/*
 * GET /uttag/CODE[?sort=price|speed]: what can be ordered here, in two
 * parts: the outlet (outlet.cs), then the list of services and the
 * page's end (services.cs, page_end.cs), kept per area.
 */
int
h_order_services(struct request *r)
{
	const struct pval *sort = &r->p[SERVICES_SORT];
	struct services_cache *c;
	struct outlet_view o;
	int rc, by = SORT_DEFAULT;

	if ((rc = store_outlet_by_code(r->db, r->a, r->network_id,
	    r->args[0], &o)) != TJG_OK)
		return rc;
	if (sort->set && strcmp(sort->s, "price") == 0)
		by = SORT_PRICE;
	else if (sort->set && strcmp(sort->s, "speed") == 0)
		by = SORT_SPEED;
	else if (sort->set)
		return TJG_EINVAL;
	if ((c = services_for_area(r, o.area_id, &rc)) == NULL)
		return rc;
	put_outlet(r, &rc, "Outlet", &o);
	put_address(r, &rc, "Addr", o.street, o.number, o.littera, o.postcode,
	    o.city);
	hput(r, &rc, "Addr.url", url(r, "/adress/%lld", o.address_id));
	hput(r, &rc, "Sort", sort->set ? sort->s : "");
	hput(r, &rc, "Sort.price_url", url(r, "/uttag/%s?sort=price", o.code));
	hput(r, &rc, "Sort.speed_url", url(r, "/uttag/%s?sort=speed", o.code));
	hput(r, &rc, "Services.count", hnum(r, (long long)c->n));
	if (rc != TJG_OK ||
	    (rc = tmpl_render(r->tmpl, "outlet.cs", r->lang, &r->resp.body)) !=
	    TJG_OK)
		return rc;
	return services_rest(r, c, by, &o);
}

/* The order form's context: where, what, and which extra fields. */
struct order_form {
	struct outlet_view	 o;
	struct service_view	 s;
	struct form_field_view	*f;
	size_t			 nf;
	const char		*purpose;	/* of the CSRF token */
	int			 nerr;
	char			 today[11];
	struct pnr_date		 now;
};

/* Parameter index -> the form field name the template uses. */
static const struct {
	int		 idx;
	const char	*name;
} fields[] = {
	{ ORDER_FIRST, "first_name" }, { ORDER_LAST, "last_name" },
	{ ORDER_EMAIL, "email" }, { ORDER_PHONE, "phone" },
	{ ORDER_PNR, "pnr" }, { ORDER_INVOICE, "invoice" },
	{ ORDER_INV_STREET, "invoice_street" },
	{ ORDER_INV_POSTCODE, "invoice_postcode" },
	{ ORDER_INV_CITY, "invoice_city" }, { ORDER_START, "start_date" },
	{ ORDER_TERMS, "terms" },
};

static int
load_form(struct request *r, struct order_form *f)
{
	char *end;
	long long sid = strtoll(r->args[1], &end, 10);
	int rc;

	memset(f, 0, sizeof(*f));
	today(&f->now, f->today);
	if (*end != '\0' || sid <= 0)
		return TJG_ENOTFOUND;
	if ((rc = store_outlet_by_code(r->db, r->a, r->network_id, r->args[0],
	    &f->o)) != TJG_OK)
		return rc;
	if (strcmp(f->o.status, "inactive") == 0)
		return TJG_ENOTFOUND;
	if ((rc = store_service_for_area(r->db, r->a, r->network_id,
	    f->o.area_id, sid, &f->s)) != TJG_OK)
		return rc;
	if ((rc = store_form_fields(r->db, r->a, r->network_id,
	    f->s.provider_id, f->s.id, &f->f, &f->nf)) != TJG_OK)
		return rc;
	if (f->nf > ORDER_NEXTRA) {
		log_warn("order: service %lld has %zu extra fields, showing %d",
		    f->s.id, f->nf, ORDER_NEXTRA);
		f->nf = ORDER_NEXTRA;
	}
	f->purpose = arena_printf(r->a, "order|%s|%lld", f->o.code, f->s.id);
	return TJG_OK;
}

static void
field_error(struct request *r, int *rc, struct order_form *f,
    const char *field, const char *key)
{
	const char *text = tmpl_text(r->tmpl, r->lang, key);

	hputf(r, rc, text, "Form.err.%s", field);
	hputf(r, rc, field, "Errors.%d.field", f->nerr);
	hputf(r, rc, text, "Errors.%d.text", f->nerr);
	f->nerr++;
}

/*
 * Form.Extra.<i>.Options.<j>.value and .label from one option line:
 * "value" (shown as it is) or "value|label_sv|label_en".
 */
static void
option(struct request *r, int *rc, const char *line, size_t n, bool en,
    size_t i, size_t j)
{
	const char *b1 = memchr(line, '|', n), *b2 = NULL, *label;
	size_t vlen = b1 != NULL ? (size_t)(b1 - line) : n;

	if (b1 != NULL)
		b2 = memchr(b1 + 1, '|', n - vlen - 1);
	if (b1 == NULL || b2 == NULL)
		label = arena_strndup(r->a, line, vlen);
	else if (en)
		label = arena_strndup(r->a, b2 + 1,
		    n - (size_t)(b2 + 1 - line));
	else
		label = arena_strndup(r->a, b1 + 1, (size_t)(b2 - b1 - 1));
	hputf(r, rc, arena_strndup(r->a, line, vlen),
	    "Form.Extra.%zu.Options.%zu.value", i, j);
	hputf(r, rc, label, "Form.Extra.%zu.Options.%zu.label", i, j);
}

/* Renders the form with what was typed (on an error) or empty. */
static int
render_form(struct request *r, struct order_form *f, bool keep)
{
	const struct form_field_view *x;
	char *token = arena_alloc(r->a, CSRF_TOKEN_LEN + 1);
	const char *cookie, *opt, *nl, *v;
	size_t i, j;
	int rc = TJG_OK;
	bool en = strcmp(r->lang, "en") == 0;

	if ((cookie = csrf_request_cookie(r)) == NULL ||
	    csrf_token(r->keys, cookie, f->purpose, token) != TJG_OK)
		return TJG_EINTERNAL;
	put_outlet(r, &rc, "Outlet", &f->o);
	put_address(r, &rc, "Addr", f->o.street, f->o.number, f->o.littera,
	    f->o.postcode, f->o.city);
	put_service(r, &rc, "Service", &f->s, NULL);
	hput(r, &rc, "Form.action", url(r, "/bestall/%s/%lld", f->o.code,
	    f->s.id));
	hput(r, &rc, "Form.csrf", token);
	hput(r, &rc, "Form.min_date", f->today);
	hput(r, &rc, "Form.privacy_url", url(r, "/integritet"));
	if (f->s.requires_pnr) {
		hput(r, &rc, "Form.pnr.required", "1");
		hput(r, &rc, "Form.pnr.reason", en ? f->s.pnr_reason_en :
		    f->s.pnr_reason_sv);
		hput(r, &rc, "Form.pnr.no_samordning",
		    f->s.refuses_samordning ? "1" : "0");
	}
	if (f->nerr > 0)
		hput(r, &rc, "Errors.count", hnum(r, f->nerr));
	for (i = 0; keep && i < sizeof(fields) / sizeof(fields[0]); i++)
		if (r->p[fields[i].idx].set)
			hputf(r, &rc, r->p[fields[i].idx].s, "Form.v.%s",
			    fields[i].name);
	for (i = 0; i < f->nf; i++) {
		x = &f->f[i];
		v = keep && r->p[ORDER_X1 + i].set ? r->p[ORDER_X1 + i].s : "";
		hputf(r, &rc, arena_printf(r->a, "x%zu", i + 1),
		    "Form.Extra.%zu.name", i);
		hputf(r, &rc, en ? x->label_en : x->label_sv,
		    "Form.Extra.%zu.label", i);
		hputf(r, &rc, en ? x->help_en : x->help_sv,
		    "Form.Extra.%zu.help", i);
		hputf(r, &rc, x->kind, "Form.Extra.%zu.kind", i);
		hputf(r, &rc, x->required ? "1" : "0",
		    "Form.Extra.%zu.required", i);
		hputf(r, &rc, hnum(r, x->max_len), "Form.Extra.%zu.max_len", i);
		hputf(r, &rc, v, "Form.Extra.%zu.value", i);
		for (opt = x->options, j = 0; opt != NULL && *opt != '\0';
		    j++) {
			nl = strchr(opt, '\n');
			option(r, &rc, opt, nl != NULL ? (size_t)(nl - opt) :
			    strlen(opt), en, i, j);
			opt = nl != NULL ? nl + 1 : "";
		}
	}
	if (rc != TJG_OK)
		return rc;
	return tmpl_render(r->tmpl, "order.cs", r->lang, &r->resp.body);
}

/* GET /bestall/CODE/SERVICE: the order form. */
int
h_order_form(struct request *r)
{
	struct order_form f;
	int rc;

	if ((rc = load_form(r, &f)) != TJG_OK)
		return rc;
	return render_form(r, &f, false);
}

static bool
valid_email(const char *s)
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

/* "YYYY-MM-DD" naming a real day. */
static bool
valid_date(const char *s)
{
	struct tm tm, back;
	const char *end;
	time_t when;
	int day, mon;

	memset(&tm, 0, sizeof(tm));
	if (strlen(s) != 10 || (end = strptime(s, "%Y-%m-%d", &tm)) == NULL ||
	    *end != '\0')
		return false;
	/* strptime takes 2026-02-31; timegm would move it to March. */
	day = tm.tm_mday;
	mon = tm.tm_mon;
	when = timegm(&tm);
	gmtime_r(&when, &back);
	return back.tm_mday == day && back.tm_mon == mon;
}

/* Checks one extra field; returns the error key or NULL. */
static const char *
check_extra(const struct form_field_view *x, const struct pval *v)
{
	const char *opt, *nl, *bar;
	size_t n;
	int m;

	if (!v->set || v->len == 0)
		return x->required ? "form.err.required" : NULL;
	if ((int)v->len > x->max_len)
		return "form.err.too_long";
	if (strcmp(x->kind, "checkbox") == 0)
		return NULL;
	if (strcmp(x->kind, "date") == 0)
		return valid_date(v->s) ? NULL : "form.err.date";
	if (strcmp(x->kind, "select") == 0) {
		for (opt = x->options; opt != NULL && *opt != '\0';
		    opt = nl != NULL ? nl + 1 : "") {
			nl = strchr(opt, '\n');
			n = nl != NULL ? (size_t)(nl - opt) : strlen(opt);
			/* "value|label_sv|label_en": the value is chosen */
			if ((bar = memchr(opt, '|', n)) != NULL)
				n = (size_t)(bar - opt);
			if (n == v->len && memcmp(opt, v->s, n) == 0)
				return NULL;
		}
		return "form.err.option";
	}
	if (x->pattern != NULL && *x->pattern != '\0') {
		if ((m = check_pattern_match(x->pattern, v->s)) < 0) {
			log_err("order: form field %lld has a bad pattern",
			    x->id);
			return NULL;
		}
		if (m == 0)
			return "form.err.pattern";
	}
	return NULL;
}

/* Validates the whole form; fills the personal data blob's fields. */
static int
validate(struct request *r, struct order_form *f, struct buf *pii,
    char pnr[13], const char **email, char phone[17])
{
	const struct pval *p = r->p;
	const char *why, *e;
	bool samordning = false;
	char *lc;
	size_t i;
	int rc = TJG_OK;

	pnr[0] = '\0';
	if (p[ORDER_FIRST].len == 0)
		field_error(r, &rc, f, "first_name", "form.err.required");
	if (p[ORDER_LAST].len == 0)
		field_error(r, &rc, f, "last_name", "form.err.required");
	lc = arena_strdup(r->a, p[ORDER_EMAIL].set ? p[ORDER_EMAIL].s : "");
	for (i = 0; lc[i] != '\0'; i++)
		lc[i] = (char)tolower((unsigned char)lc[i]);
	*email = lc;
	if (*lc == '\0')
		field_error(r, &rc, f, "email", "form.err.required");
	else if (!valid_email(lc))
		field_error(r, &rc, f, "email", "form.err.email");
	if (p[ORDER_PHONE].len == 0)
		field_error(r, &rc, f, "phone", "form.err.required");
	else if (phone_normalize(p[ORDER_PHONE].s, phone, &why) != TJG_OK)
		field_error(r, &rc, f, "phone", "form.err.phone");
	if (f->s.requires_pnr) {
		if (p[ORDER_PNR].len == 0)
			field_error(r, &rc, f, "pnr", "form.err.required");
		else if (pnr_parse(p[ORDER_PNR].s, &f->now, pnr, &samordning,
		    &why) != TJG_OK) {
			pnr[0] = '\0';
			field_error(r, &rc, f, "pnr",
			    arena_printf(r->a, "form.err.%s", why));
		} else if (samordning && f->s.refuses_samordning) {
			pnr[0] = '\0';
			field_error(r, &rc, f, "pnr", "form.err.samordning");
		}
	}
	if (p[ORDER_INVOICE].set) {
		if (p[ORDER_INV_STREET].len == 0)
			field_error(r, &rc, f, "invoice_street",
			    "form.err.required");
		if (p[ORDER_INV_POSTCODE].len == 0)
			field_error(r, &rc, f, "invoice_postcode",
			    "form.err.required");
		else {
			char digits[8];
			size_t n = 0;
			for (i = 0; i < p[ORDER_INV_POSTCODE].len; i++)
				if (p[ORDER_INV_POSTCODE].s[i] != ' ' &&
				    n < sizeof(digits) - 1)
					digits[n++] = p[ORDER_INV_POSTCODE].s[i];
			digits[n] = '\0';
			if (n != 5 || strspn(digits, "0123456789") != 5)
				field_error(r, &rc, f, "invoice_postcode",
				    "form.err.postcode");
		}
		if (p[ORDER_INV_CITY].len == 0)
			field_error(r, &rc, f, "invoice_city",
			    "form.err.required");
	}
	if (p[ORDER_START].len > 0) {
		if (!valid_date(p[ORDER_START].s))
			field_error(r, &rc, f, "start_date", "form.err.date");
		else if (strcmp(p[ORDER_START].s, f->today) < 0)
			field_error(r, &rc, f, "start_date",
			    "form.err.date_past");
	}
	for (i = 0; i < f->nf; i++)
		if ((e = check_extra(&f->f[i], &p[ORDER_X1 + i])) != NULL)
			field_error(r, &rc, f, arena_printf(r->a, "x%zu", i + 1),
			    e);
	if (!p[ORDER_TERMS].set)
		field_error(r, &rc, f, "terms", "form.err.terms");
	if (rc != TJG_OK || f->nerr > 0)
		return rc;

	http_form_add(pii, "first_name", p[ORDER_FIRST].s);
	http_form_add(pii, "last_name", p[ORDER_LAST].s);
	http_form_add(pii, "email", lc);
	http_form_add(pii, "phone", phone);
	if (pnr[0] != '\0')
		http_form_add(pii, "pnr", pnr);
	if (p[ORDER_INVOICE].set) {
		http_form_add(pii, "invoice_street", p[ORDER_INV_STREET].s);
		http_form_add(pii, "invoice_postcode",
		    p[ORDER_INV_POSTCODE].s);
		http_form_add(pii, "invoice_city", p[ORDER_INV_CITY].s);
	}
	for (i = 0; i < f->nf; i++)
		if (p[ORDER_X1 + i].set && p[ORDER_X1 + i].len > 0)
			http_form_add(pii, arena_printf(r->a, "x.%s",
			    f->f[i].key), p[ORDER_X1 + i].s);
	return TJG_OK;
}

void
order_receipt_mail(struct request *r, const struct order_receipt *o,
    const char **subject, struct buf *body)
{
	const char *l = o->lang;

	*subject = arena_printf(r->a, "%s %s",
	    tmpl_text(r->tmpl, l, "mail.receipt.subject"), o->ref);
	buf_addf(body, "%s\n\n", tmpl_text(r->tmpl, l, "mail.receipt.intro"));
	buf_addf(body, "%s: %s\n", tmpl_text(r->tmpl, l, "mail.ref"), o->ref);
	buf_addf(body, "%s: %s, %s\n", tmpl_text(r->tmpl, l, "mail.service"),
	    o->service, o->provider);
	buf_addf(body, "%s: %s %d%s%s", tmpl_text(r->tmpl, l, "mail.address"),
	    o->street, o->number, *o->littera ? " " : "", o->littera);
	if (o->apartment != NULL)
		buf_addf(body, ", %s %s", tmpl_text(r->tmpl, l,
		    "mail.apartment"), o->apartment);
	/* The link leads to the host name the request asked for. */
	buf_addf(body, "\n\n%s\n%s://%s%s/status/%s\n\n%s\n",
	    tmpl_text(r->tmpl, l, "mail.receipt.status"), r->scheme, r->host,
	    strcmp(l, "en") == 0 ? "/en" : "", o->secret,
	    tmpl_text(r->tmpl, l, "mail.receipt.contact"));
	buf_addf(body, "%s: %s %s\n", o->provider, o->provider_email,
	    o->provider_phone);
}

/* The confirmation mail of the order the form is making. */
static void
receipt_mail(struct request *r, const struct order_form *f, const char *ref,
    const char *secret, const char **subject, struct buf *body)
{
	struct order_receipt o;

	memset(&o, 0, sizeof(o));
	o.ref = ref;
	o.lang = r->lang;
	o.secret = secret;
	o.service = f->s.name;
	o.provider = f->s.provider_name;
	o.provider_email = f->s.provider_email;
	o.provider_phone = f->s.provider_phone;
	o.street = f->o.street;
	o.number = f->o.number;
	o.littera = f->o.littera;
	o.apartment = f->o.apartment;
	order_receipt_mail(r, &o, subject, body);
}

/* POST /bestall/CODE/SERVICE: validate, store, redirect to the receipt. */
int
h_order_submit(struct request *r)
{
	const struct pval *p = r->p;
	unsigned char bucket[CRYPTO_BIDX_LEN], idem[CRYPTO_SHA256_LEN];
	unsigned char tokhash[CRYPTO_SHA256_LEN], pnr_bidx[CRYPTO_BIDX_LEN];
	unsigned char email_bidx[CRYPTO_BIDX_LEN];
	struct buf pii, blob, body;
	struct order_form f;
	struct new_order o;
	const char *email = "", *subject, *ref_old;
	char pnr[13], phone[17] = "", ref[CRYPTO_REF_LEN + 1], secret[65];
	long long id;
	int rc, tries;

	buf_init(&pii);
	buf_init(&blob);
	buf_init(&body);
	if ((rc = load_form(r, &f)) != TJG_OK)
		return rc;
	/* The honeypot: people leave it empty, simple robots do not. */
	if (p[ORDER_WEBSITE].len > 0)
		return TJG_EINVAL;
	if (!p[ORDER_CSRF].set || !csrf_check(r->keys, req_cookie(r,
	    CSRF_COOKIE), f.purpose, p[ORDER_CSRF].s)) {
		r->resp.status = 403;
		rc = TJG_OK;
		field_error(r, &rc, &f, "csrf", "form.err.csrf");
		return rc != TJG_OK ? rc : render_form(r, &f, true);
	}
	crypto_sha256(p[ORDER_CSRF].s, p[ORDER_CSRF].len, idem);
	csrf_status_secret(r->keys, p[ORDER_CSRF].s, secret);
	/* The same form sent twice: show the order it already made. */
	rc = store_order_ref_by_idem(r->db, r->a, idem, &ref_old);
	if (rc == TJG_OK)
		return resp_redirect(r, 303, url(r, "/kvitto/%s", secret));
	if (rc != TJG_ENOTFOUND)
		return rc;

	if ((rc = validate(r, &f, &pii, pnr, &email, phone)) != TJG_OK)
		goto out;
	if (f.nerr > 0) {
		r->resp.status = 422;
		rc = render_form(r, &f, true);
		goto out;
	}
	crypto_sha256(secret, strlen(secret), tokhash);
	crypto_bidx(r->keys, "email", email, email_bidx);
	if (pnr[0] != '\0')
		crypto_bidx(r->keys, "pnr", pnr, pnr_bidx);

	memset(&o, 0, sizeof(o));
	o.network = r->network_id;
	o.area = f.o.area_id;
	o.outlet = &f.o;
	o.service = &f.s;
	o.status_token_hash = tokhash;
	o.idem_hash = idem;
	o.lang = r->lang;
	o.desired_start = p[ORDER_START].len > 0 ? p[ORDER_START].s : NULL;
	o.pnr_bidx = pnr[0] != '\0' ? pnr_bidx : NULL;
	o.email_bidx = email_bidx;
	o.mail_to = email;
	/* Orders stored from one address in a window: counted with them. */
	crypto_bidx(r->keys, "rate", arena_printf(r->a, "order|%s",
	    r->remote_addr), bucket);
	o.rate_bucket = bucket;
	o.rate_window = ORDER_RATE_WINDOW;
	o.rate_limit = r->conf->order_rate_limit;
	/* A reference can collide with one taken: draw again. */
	for (tries = 0; tries < 3; tries++) {
		if ((rc = crypto_ref(ref)) != TJG_OK)
			goto out;
		buf_reset(&blob);
		buf_reset(&body);
		if ((rc = crypto_seal(r->keys, pii.p, pii.len, ref, strlen(ref),
		    &blob)) != TJG_OK)
			goto out;
		receipt_mail(r, &f, ref, secret, &subject, &body);
		o.ref = ref;
		o.pii = blob.p;
		o.pii_len = blob.len;
		o.pii_key_id = crypto_blob_key_id(blob.p, blob.len);
		o.mail_subject = subject;
		o.mail_body = buf_str(&body);
		rc = store_order_insert(r->db, &o, &id);
		if (rc != TJG_ECONFLICT)
			break;
		/* Taken by the same form in a race: that order stands. */
		if (store_order_ref_by_idem(r->db, r->a, idem, &ref_old) ==
		    TJG_OK) {
			rc = TJG_OK;
			break;
		}
	}
	if (rc != TJG_OK)
		goto out;
	log_info("order %s created", o.ref);
	rc = resp_redirect(r, 303, url(r, "/kvitto/%s", secret));
out:
	crypto_buf_clear(&pii);
	crypto_buf_clear(&blob);
	crypto_buf_clear(&body);
	explicit_bzero(pnr, sizeof(pnr));
	explicit_bzero(phone, sizeof(phone));
	return rc;
}

/* The order behind a status secret (64 hex digits) in the URL. */
static int
order_by_secret(struct request *r, const char *secret, struct order_view *o)
{
	unsigned char h[CRYPTO_SHA256_LEN];
	size_t n = strlen(secret);

	if (n != 64 || strspn(secret, "0123456789abcdef") != n)
		return TJG_ENOTFOUND;
	crypto_sha256(secret, n, h);
	return store_order_by_token(r->db, r->a, r->network_id, h, o);
}

/* "YYYY-MM-DD HH:MM" in UTC from the database, as Swedish local time. */
static const char *
local_time(struct request *r, const char *utc)
{
	struct tm tm;
	time_t t;
	char *out;

	memset(&tm, 0, sizeof(tm));
	if (utc == NULL || strptime(utc, "%Y-%m-%d %H:%M", &tm) == NULL)
		return utc;
	t = timegm(&tm);
	if (localtime_r(&t, &tm) == NULL)
		return utc;
	out = arena_alloc(r->a, 20);
	strftime(out, 20, "%Y-%m-%d %H:%M", &tm);
	return out;
}

enum status_view { VIEW_RECEIPT, VIEW_STATUS, VIEW_CONFIRM };

static int
render_status(struct request *r, enum status_view view)
{
	struct network_contact nc;
	struct order_view o;
	char *token;
	const char *cookie;
	int rc;

	if ((rc = order_by_secret(r, r->args[0], &o)) != TJG_OK ||
	    (rc = store_network_contact(r->db, r->a, r->network_id, &nc)) !=
	    TJG_OK)
		return rc;
	hput(r, &rc, "Order.ref", o.ref);
	hput(r, &rc, "Order.status", o.status);
	hput(r, &rc, "Order.service", o.service_name);
	hput(r, &rc, "Order.created", local_time(r, o.created_at));
	hput(r, &rc, "Order.updated", local_time(r, o.updated_at));
	hput(r, &rc, "Order.message", o.external_message);
	hput(r, &rc, "Order.receipt", view == VIEW_RECEIPT ? "1" : "0");
	hput(r, &rc, "Order.erased", o.erased ? "1" : "0");
	hput(r, &rc, "Order.status_url", url(r, "/status/%s", r->args[0]));
	hput(r, &rc, "Provider.name", o.provider_name);
	hput(r, &rc, "Provider.email", o.provider_email);
	hput(r, &rc, "Provider.phone", o.provider_phone);
	hput(r, &rc, "Provider.url", o.provider_url);
	hput(r, &rc, "Net.email", nc.email);
	hput(r, &rc, "Net.phone", nc.phone);
	hput(r, &rc, "Net.url", nc.url);
	if (o.street != NULL) {
		put_address(r, &rc, "Addr", o.street, o.number, o.littera,
		    o.postcode, o.city);
		hput(r, &rc, "Outlet.code", o.outlet_code);
		hput(r, &rc, "Outlet.apartment", o.apartment);
	}
	/*
	 * Withdrawal is possible until the provider has acted, and is asked
	 * for on a page of its own: it cannot be undone.
	 */
	if (rc == TJG_OK && strcmp(o.status, "new") == 0 && view != VIEW_CONFIRM)
		hput(r, &rc, "Withdraw.confirm_url", url(r, "/status/%s/angra",
		    r->args[0]));
	if (view == VIEW_CONFIRM && strcmp(o.status, "new") != 0)
		return TJG_ECONFLICT;
	if (rc == TJG_OK && view == VIEW_CONFIRM) {
		token = arena_alloc(r->a, CSRF_TOKEN_LEN + 1);
		if ((cookie = csrf_request_cookie(r)) == NULL ||
		    csrf_token(r->keys, cookie, arena_printf(r->a,
		    "withdraw|%s", o.ref), token) != TJG_OK)
			return TJG_EINTERNAL;
		hput(r, &rc, "Withdraw.action", url(r, "/status/%s/angra",
		    r->args[0]));
		hput(r, &rc, "Withdraw.csrf", token);
	}
	if (rc != TJG_OK)
		return rc;
	return tmpl_render(r->tmpl, "status.cs", r->lang, &r->resp.body);
}

/* GET /kvitto/SECRET: the receipt right after ordering. */
int
h_order_receipt(struct request *r)
{
	return render_status(r, VIEW_RECEIPT);
}

/* GET /status/SECRET: the order's status, from the confirmation mail. */
int
h_order_status(struct request *r)
{
	return render_status(r, VIEW_STATUS);
}

/* GET /status/SECRET/angra: asks whether to withdraw the order. */
int
h_order_withdraw_confirm(struct request *r)
{
	return render_status(r, VIEW_CONFIRM);
}

/* POST /status/SECRET/angra: withdraw an order nobody has acted on. */
int
h_order_withdraw(struct request *r)
{
	struct order_view o;
	int rc;

	if ((rc = order_by_secret(r, r->args[0], &o)) != TJG_OK)
		return rc;
	if (!r->p[WITHDRAW_CSRF].set || !csrf_check(r->keys, req_cookie(r,
	    CSRF_COOKIE), arena_printf(r->a, "withdraw|%s", o.ref),
	    r->p[WITHDRAW_CSRF].s))
		return TJG_EFORBIDDEN;
	rc = store_order_transition(r->db, o.id, "new", "cancelled",
	    "resident", 0, NULL);
	if (rc == TJG_ECONFLICT)
		return TJG_ECONFLICT;	/* the provider got there first */
	if (rc != TJG_OK)
		return rc;
	log_info("order %s withdrawn by the resident", o.ref);
	return resp_redirect(r, 303, url(r, "/status/%s", r->args[0]));
}
