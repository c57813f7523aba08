/*
 * The console: the services of the network's providers (prices in
 * kronor, campaigns, binding and notice, the areas a service is limited
 * to) and the extra fields of the order form (of the network, of a
 * provider, of one service). Network administrators see every provider
 * of the network; a provider user sees only its own provider, and
 * another provider's service or field is "not found". Nothing is
 * deleted, since orders refer to services: it is deactivated. The public
 * services page caches a catalogue for a minute per worker (h_order.c),
 * so a change shows there within that minute; the order form reads the
 * database every time.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "catalog_check.h"
#include "console.h"
#include "db.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "money.h"
#include "store_admin_provider.h"
#include "tmpl.h"

#define MBPS_MAX	1000000		/* a terabit */
#define SORT_MAX	999999
#define FIELD_LEN_MAX	500		/* the order form's x1..x8 take 500 */
#define FIELD_LEN_DEF	200

static const char *const categories[] = { "internet", "tv", "phone",
    "other" };
static const char *const kinds[] = { "text", "select", "checkbox", "date" };

/* Collects tmpl_set results: the first failure sticks. */
static const char *
str(const struct request *r, int i)
{
	return r->p[i].set ? r->p[i].s : "";
}

/* NULL for "": empty form fields become SQL NULL. */
static const char *
null_if_empty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

static bool
one_of(const char *s, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return true;
	return false;
}

/* Path argument i as an id; anything else is "not found". */
static bool
arg_id(struct request *r, size_t i, long long *id)
{
	return i < r->nargs && check_int(r->args[i], 1, 999999999999999999LL,
	    id);
}

/* A price as the form shows it for editing: "1299,50" or "1299.50". */
static const char *
kronor(struct request *r, long long ore)
{
	if (ore % 100 == 0)
		return hnum(r, ore / 100);
	return arena_printf(r->a, "%lld%c%02lld", ore / 100,
	    strcmp(r->lang, "en") == 0 ? '.' : ',', ore % 100);
}

/* A price as the lists show it: "1 299,50 kr", "SEK 1,299.50". */
static const char *
money(struct request *r, long long ore)
{
	char *s = arena_alloc(r->a, MONEY_FMT_MAX);

	money_fmt(ore, r->lang, s, MONEY_FMT_MAX);
	return s;
}

/* Records a fault of field: its message, and the form is bad. */
static void
fault(struct request *r, int *rc, bool *bad, const char *field,
    const char *key)
{
	if (*rc == TJG_OK && key != NULL)
		*rc = admin_error(r, field, key);
	*bad = true;
}

/* Form.v.<name> = what was posted, for every declared parameter. */
static int
keep_form(struct request *r)
{
	size_t i;
	int rc = TJG_OK;

	for (i = 0; i < r->route->nparams; i++)
		if (r->p[i].set)
			hputf(r, &rc, r->route->params[i].type == PARAM_FLAG ?
			    "1" : r->p[i].s, "Form.v.%s",
			    r->route->params[i].name);
	return rc;
}

/* Providers.N: the providers a form or filter offers to the user. */
static int
put_providers(struct request *r)
{
	struct adm_provider *v;
	size_t i, n;
	int rc;

	if (console_provider(r) != 0)
		return TJG_OK;
	if ((rc = store_adm_providers(r->db, r->a, r->network_id, &v, &n)) !=
	    TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		hputf(r, &rc, hnum(r, v[i].id), "Providers.%zu.id", i);
		hputf(r, &rc, v[i].name, "Providers.%zu.name", i);
		hputf(r, &rc, v[i].slug, "Providers.%zu.slug", i);
		hputf(r, &rc, v[i].active ? "1" : "0", "Providers.%zu.active",
		    i);
	}
	return rc;
}

/* The provider filter of a list: its own for a provider user. */
static long long
list_provider(const struct request *r)
{
	if (console_provider(r) != 0)
		return console_provider(r);
	return r->p[LIST_PROVIDER].set ? r->p[LIST_PROVIDER].i : 0;
}

/* GET /admin/services */
int
h_admin_services(struct request *r)
{
	struct adm_service *v;
	long long provider = list_provider(r);
	size_t i, n;
	int rc;

	if ((rc = store_adm_services(r->db, r->a, r->network_id, provider,
	    &v, &n)) != TJG_OK || (rc = put_providers(r)) != TJG_OK)
		return rc;
	if (provider != 0 && console_provider(r) == 0)
		hput(r, &rc, "Filter.provider", hnum(r, provider));
	for (i = 0; i < n; i++) {
		hputf(r, &rc, hnum(r, v[i].id), "Services.%zu.id", i);
		hputf(r, &rc, v[i].provider_name, "Services.%zu.provider", i);
		hputf(r, &rc, v[i].category, "Services.%zu.category", i);
		hputf(r, &rc, v[i].name, "Services.%zu.name", i);
		hputf(r, &rc, money(r, v[i].monthly_ore),
		    "Services.%zu.monthly", i);
		hputf(r, &rc, money(r, v[i].start_fee_ore),
		    "Services.%zu.start_fee", i);
		hputf(r, &rc, hnum(r, v[i].binding_months),
		    "Services.%zu.binding", i);
		hputf(r, &rc, hnum(r, v[i].notice_months),
		    "Services.%zu.notice", i);
		hputf(r, &rc, v[i].campaign_kind, "Services.%zu.campaign", i);
		hputf(r, &rc, strcmp(v[i].campaign_kind, "percent") == 0 ?
		    hnum(r, v[i].campaign_value) : money(r,
		    v[i].campaign_value), "Services.%zu.campaign_value", i);
		hputf(r, &rc, hnum(r, v[i].campaign_months),
		    "Services.%zu.campaign_months", i);
		hputf(r, &rc, v[i].limited_to_areas ? "1" : "0",
		    "Services.%zu.limited", i);
		hputf(r, &rc, hnum(r, v[i].nareas), "Services.%zu.nareas", i);
		hputf(r, &rc, v[i].active ? "1" : "0", "Services.%zu.active",
		    i);
	}
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/services.cs", "services");
}

/* Form.v.* from the stored service (the edit page's first showing). */
static int
service_values(struct request *r, const struct adm_service *s)
{
	int rc = TJG_OK;
	bool pct = strcmp(s->campaign_kind, "percent") == 0,
	    none = strcmp(s->campaign_kind, "none") == 0;

	hput(r, &rc, "Form.v.category", s->category);
	hput(r, &rc, "Form.v.name", s->name);
	hput(r, &rc, "Form.v.description", s->description);
	hput(r, &rc, "Form.v.external_code", s->external_code);
	hput(r, &rc, "Form.v.down_mbps", s->down_mbps > 0 ?
	    hnum(r, s->down_mbps) : NULL);
	hput(r, &rc, "Form.v.up_mbps", s->up_mbps > 0 ? hnum(r, s->up_mbps) :
	    NULL);
	hput(r, &rc, "Form.v.monthly", kronor(r, s->monthly_ore));
	hput(r, &rc, "Form.v.start_fee", kronor(r, s->start_fee_ore));
	hput(r, &rc, "Form.v.binding_months", hnum(r, s->binding_months));
	hput(r, &rc, "Form.v.notice_months", hnum(r, s->notice_months));
	hput(r, &rc, "Form.v.campaign_kind", s->campaign_kind);
	hput(r, &rc, "Form.v.campaign_value", none ? NULL : pct ?
	    hnum(r, s->campaign_value) : kronor(r, s->campaign_value));
	hput(r, &rc, "Form.v.campaign_months", none ? NULL :
	    hnum(r, s->campaign_months));
	hput(r, &rc, "Form.v.campaign_until", s->campaign_until);
	hput(r, &rc, "Form.v.terms_url", s->terms_url);
	hput(r, &rc, "Form.v.available_from", s->available_from);
	hput(r, &rc, "Form.v.available_until", s->available_until);
	hput(r, &rc, "Form.v.limited_to_areas", s->limited_to_areas ? "1" :
	    NULL);
	hput(r, &rc, "Form.v.sort", hnum(r, s->sort));
	hput(r, &rc, "Form.v.active", s->active ? "1" : NULL);
	return rc;
}

static bool
has_id(const long long *ids, size_t n, long long id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/*
 * The service page: creation when s is NULL, else s's. The form shows
 * what was posted when kept (with the areas checked in ids[0..n)), else
 * s's stored values and areas.
 */
static int
service_page(struct request *r, const struct adm_service *s, bool kept,
    const long long *ids, size_t nids)
{
	struct adm_area *areas;
	long long *stored = NULL;
	const long long *cur = ids;
	size_t i, n, ncur = nids;
	int rc;

	if ((rc = store_adm_areas(r->db, r->a, r->network_id, &areas, &n)) !=
	    TJG_OK)
		return rc;
	if (!kept && s != NULL) {
		if ((rc = store_adm_service_areas(r->db, r->a, r->network_id,
		    s->id, &stored, &ncur)) != TJG_OK)
			return rc;
		cur = stored;
	}
	if (kept)
		rc = keep_form(r);
	else if (s != NULL)
		rc = service_values(r, s);
	else {
		hput(r, &rc, "Form.v.active", "1");
		hput(r, &rc, "Form.v.campaign_kind", "none");
		hput(r, &rc, "Form.v.binding_months", "0");
		hput(r, &rc, "Form.v.notice_months", "0");
		if (r->p[LIST_PROVIDER].set)
			hput(r, &rc, "Form.v.provider",
			    hnum(r, r->p[LIST_PROVIDER].i));
	}
	for (i = 0; i < n && i < SVC_MAX_AREAS; i++) {
		hputf(r, &rc, hnum(r, areas[i].id), "Areas.%zu.id", i);
		hputf(r, &rc, areas[i].name, "Areas.%zu.name", i);
		hputf(r, &rc, areas[i].code, "Areas.%zu.code", i);
		hputf(r, &rc, areas[i].active ? "1" : "0", "Areas.%zu.active",
		    i);
		hputf(r, &rc, arena_printf(r->a, "a%zu", i + 1),
		    "Areas.%zu.param", i);
		hputf(r, &rc, has_id(cur, ncur, areas[i].id) ? "1" : "0",
		    "Areas.%zu.checked", i);
	}
	if (n > SVC_MAX_AREAS)
		hput(r, &rc, "AreasMore", hnum(r, SVC_MAX_AREAS));
	if (s != NULL) {
		hput(r, &rc, "Service.id", hnum(r, s->id));
		hput(r, &rc, "Service.name", s->name);
		hput(r, &rc, "Service.provider_id", hnum(r, s->provider_id));
		hput(r, &rc, "Service.provider", s->provider_name);
	} else if (console_provider(r) != 0)
		hput(r, &rc, "Service.provider", r->user->provider_name);
	if (rc != TJG_OK || (rc = put_providers(r)) != TJG_OK)
		return rc;
	return admin_render(r, "admin/service.cs", "services");
}

/* GET /admin/services/new */
int
h_admin_service_new(struct request *r)
{
	return service_page(r, NULL, false, NULL, 0);
}

/* An optional whole number in min..max: "" is dflt. */
static void
opt_int(struct request *r, int *rc, bool *bad, int i, long long min,
    long long max, long long dflt, long long *out, const char *key)
{
	*out = dflt;
	if (*str(r, i) != '\0' && !check_int(str(r, i), min, max, out))
		fault(r, rc, bad, r->route->params[i].name, key);
}

/* An optional date: "" is NULL. */
static const char *
opt_date(struct request *r, int *rc, bool *bad, int i)
{
	if (*str(r, i) == '\0')
		return NULL;
	if (!check_date(str(r, i)))
		fault(r, rc, bad, r->route->params[i].name,
		    "admin.services.err.date");
	return str(r, i);
}

/*
 * The areas checked in the form (a1..aN, each an area id of this
 * network), plus those of cur[0..ncur) the form could not show (beyond
 * SVC_MAX_AREAS), so that saving never drops them. An id that is not an
 * area of the network did not come from the form: TJG_EINVAL.
 */
static int
read_areas(struct request *r, const struct adm_area *areas, size_t n,
    const long long *cur, size_t ncur, long long **ids, size_t *nids)
{
	long long id, *v;
	size_t i, j, k = 0;

	v = arena_calloc(r->a, SVC_MAX_AREAS + ncur + 1, sizeof(*v));
	for (i = 0; i < SVC_MAX_AREAS; i++) {
		if (*str(r, SVC_AREA1 + (int)i) == '\0')
			continue;
		if (!check_int(str(r, SVC_AREA1 + (int)i), 1,
		    999999999999999999LL, &id))
			return TJG_EINVAL;
		for (j = 0; j < n && j < SVC_MAX_AREAS && areas[j].id != id;
		    j++)
			;
		if (j == n || j == SVC_MAX_AREAS)
			return TJG_EINVAL;
		if (!has_id(v, k, id))
			v[k++] = id;
	}
	for (j = SVC_MAX_AREAS; j < n; j++)
		if (has_id(cur, ncur, areas[j].id))
			v[k++] = areas[j].id;
	*ids = v;
	*nids = k;
	return TJG_OK;
}

/*
 * Reads the posted service form into s (its provider already set);
 * every fault becomes a form error and sets *bad.
 */
static int
read_service(struct request *r, struct adm_service *s, size_t nids,
    bool *bad)
{
	struct campaign_check c;
	long long v;
	int rc = TJG_OK;

	s->category = str(r, SVC_CATEGORY);
	if (!one_of(s->category, categories, 4))
		fault(r, &rc, bad, "category", "admin.services.err.category");
	s->name = str(r, SVC_NAME);
	if (*s->name == '\0')
		fault(r, &rc, bad, "name", "admin.services.err.name");
	s->description = null_if_empty(str(r, SVC_DESCRIPTION));
	s->external_code = null_if_empty(str(r, SVC_CODE));
	opt_int(r, &rc, bad, SVC_DOWN, 1, MBPS_MAX, 0, &s->down_mbps,
	    "admin.services.err.speed");
	opt_int(r, &rc, bad, SVC_UP, 1, MBPS_MAX, 0, &s->up_mbps,
	    "admin.services.err.speed");
	if (money_parse(str(r, SVC_MONTHLY), &s->monthly_ore) != TJG_OK)
		fault(r, &rc, bad, "monthly", "admin.services.err.price");
	s->start_fee_ore = 0;
	if (*str(r, SVC_START_FEE) != '\0' &&
	    money_parse(str(r, SVC_START_FEE), &s->start_fee_ore) != TJG_OK)
		fault(r, &rc, bad, "start_fee", "admin.services.err.price");
	opt_int(r, &rc, bad, SVC_BINDING, 0, CHECK_MONTHS_MAX, 0, &v,
	    "admin.services.err.months");
	s->binding_months = (int)v;
	opt_int(r, &rc, bad, SVC_NOTICE, 0, CHECK_MONTHS_MAX, 0, &v,
	    "admin.services.err.months");
	s->notice_months = (int)v;
	/* service_campaign_ck, one message a field. */
	check_campaign(str(r, SVC_CAMPAIGN), str(r, SVC_CAMPAIGN_VALUE),
	    str(r, SVC_CAMPAIGN_MONTHS), str(r, SVC_CAMPAIGN_UNTIL), &c);
	if (c.err_kind != NULL)
		fault(r, &rc, bad, "campaign_kind", c.err_kind);
	if (c.err_value != NULL)
		fault(r, &rc, bad, "campaign_value", c.err_value);
	if (c.err_months != NULL)
		fault(r, &rc, bad, "campaign_months", c.err_months);
	if (c.err_until != NULL)
		fault(r, &rc, bad, "campaign_until", c.err_until);
	s->campaign_kind = c.kind;
	s->campaign_value = c.value;
	s->campaign_months = c.months;
	s->campaign_until = c.until;
	s->terms_url = null_if_empty(str(r, SVC_TERMS));
	if (s->terms_url != NULL && !check_url(s->terms_url))
		fault(r, &rc, bad, "terms_url", "admin.providers.err.url");
	s->available_from = opt_date(r, &rc, bad, SVC_FROM);
	s->available_until = opt_date(r, &rc, bad, SVC_UNTIL);
	/* service_window_ck; dates as text compare as dates. */
	if (s->available_from != NULL && s->available_until != NULL &&
	    check_date(s->available_from) && check_date(s->available_until) &&
	    strcmp(s->available_from, s->available_until) > 0)
		fault(r, &rc, bad, "available_until",
		    "admin.services.err.window");
	s->limited_to_areas = r->p[SVC_LIMITED].set;
	if (s->limited_to_areas && nids == 0)
		fault(r, &rc, bad, "limited_to_areas",
		    "admin.services.err.no_area");
	opt_int(r, &rc, bad, SVC_SORT, 0, SORT_MAX, 0, &v,
	    "admin.services.err.sort");
	s->sort = (int)v;
	s->active = r->p[SVC_ACTIVE].set;
	return rc;
}

/*
 * Creates (s->id 0) or saves service s with the areas ids[0..n) of this
 * network, audited, in one transaction. TJG_ECONFLICT: the provider has
 * a service with this external code.
 */
static int
service_write(struct request *r, struct adm_service *s, const long long *ids,
    size_t n, const char *detail)
{
	bool create = s->id == 0;
	int rc;

	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = create ? store_adm_service_create(r->db, s, &s->id) :
	    store_adm_service_update(r->db, s)) != TJG_OK ||
	    (rc = store_adm_service_areas_set(r->db, r->network_id, s->id, ids,
	    n)) != TJG_OK ||
	    (rc = console_audit(r, create ? "service.create" :
	    "service.update", "service", hnum(r, s->id), detail)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK)
		db_rollback(r->db);
	return rc;
}

/*
 * After a failed write: a taken external code is the user's to fix (a
 * form error, TJG_OK); anything else is returned as it is.
 */
static int
code_taken(struct request *r, int rc, bool *bad)
{
	if (rc != TJG_ECONFLICT)
		return rc;
	*bad = true;
	return admin_error(r, "external_code", "admin.services.err.code_taken");
}

/* POST /admin/services */
int
h_admin_service_create(struct request *r)
{
	struct adm_provider p;
	struct adm_service s;
	struct adm_area *areas;
	long long *ids, pid = console_provider(r);
	size_t n, nids;
	bool bad = false;
	int rc;

	memset(&s, 0, sizeof(s));
	if ((rc = store_adm_areas(r->db, r->a, r->network_id, &areas, &n)) !=
	    TJG_OK ||
	    (rc = read_areas(r, areas, n, NULL, 0, &ids, &nids)) != TJG_OK)
		return rc;
	/* A provider user's services are its provider's, whatever is sent. */
	if (pid == 0 && !check_int(str(r, SVC_PROVIDER), 1,
	    999999999999999999LL, &pid))
		pid = 0;
	if (pid == 0 || (rc = store_adm_provider_get(r->db, r->a,
	    r->network_id, pid, &p)) == TJG_ENOTFOUND) {
		if ((rc = admin_error(r, "provider",
		    "admin.services.err.provider")) != TJG_OK)
			return rc;
		bad = true;
	} else if (rc != TJG_OK)
		return rc;
	s.provider_id = pid;
	if ((rc = read_service(r, &s, nids, &bad)) != TJG_OK)
		return rc;
	if (!bad && (rc = service_write(r, &s, ids, nids,
	    arena_printf(r->a, "provider %lld", pid))) != TJG_OK &&
	    (rc = code_taken(r, rc, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return service_page(r, NULL, true, ids, nids);
	}
	return admin_redirect(r, "saved", "/admin/services/%lld", s.id);
}

/* The service of path argument 0, if this user may see it. */
static int
load_service(struct request *r, struct adm_service *s)
{
	long long id;

	if (!arg_id(r, 0, &id))
		return TJG_ENOTFOUND;
	return store_adm_service_get(r->db, r->a, r->network_id,
	    console_provider(r), id, s);
}

/* GET /admin/services/ID */
int
h_admin_service(struct request *r)
{
	struct adm_service s;
	int rc;

	if ((rc = load_service(r, &s)) != TJG_OK)
		return rc;
	return service_page(r, &s, false, NULL, 0);
}

/* POST /admin/services/ID */
int
h_admin_service_save(struct request *r)
{
	struct adm_service cur, s;
	struct adm_area *areas;
	long long *ids, *have;
	size_t n, nids, nhave;
	bool bad = false;
	int rc;

	if ((rc = load_service(r, &cur)) != TJG_OK)
		return rc;
	if ((rc = store_adm_areas(r->db, r->a, r->network_id, &areas, &n)) !=
	    TJG_OK ||
	    (rc = store_adm_service_areas(r->db, r->a, r->network_id, cur.id,
	    &have, &nhave)) != TJG_OK ||
	    (rc = read_areas(r, areas, n, have, nhave, &ids, &nids)) != TJG_OK)
		return rc;
	memset(&s, 0, sizeof(s));
	s.id = cur.id;
	s.provider_id = cur.provider_id;
	if ((rc = read_service(r, &s, nids, &bad)) != TJG_OK)
		return rc;
	if (!bad && (rc = service_write(r, &s, ids, nids, cur.active &&
	    !s.active ? "deactivated" : !cur.active && s.active ?
	    "activated" : NULL)) != TJG_OK &&
	    (rc = code_taken(r, rc, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return service_page(r, &cur, true, ids, nids);
	}
	return admin_redirect(r, "saved", "/admin/services/%lld", s.id);
}

/* GET /admin/fields */
int
h_admin_fields(struct request *r)
{
	struct adm_field *v;
	long long provider = list_provider(r);
	size_t i, n;
	int rc;

	if ((rc = store_adm_fields(r->db, r->a, r->network_id, provider, &v,
	    &n)) != TJG_OK || (rc = put_providers(r)) != TJG_OK)
		return rc;
	if (provider != 0 && console_provider(r) == 0)
		hput(r, &rc, "Filter.provider", hnum(r, provider));
	for (i = 0; i < n; i++) {
		hputf(r, &rc, hnum(r, v[i].id), "Fields.%zu.id", i);
		hputf(r, &rc, v[i].key, "Fields.%zu.key", i);
		hputf(r, &rc, strcmp(r->lang, "en") == 0 ? v[i].label_en :
		    v[i].label_sv, "Fields.%zu.label", i);
		hputf(r, &rc, v[i].kind, "Fields.%zu.kind", i);
		hputf(r, &rc, v[i].network_id != 0 ? "network" :
		    v[i].provider_id != 0 ? "provider" : "service",
		    "Fields.%zu.owner", i);
		hputf(r, &rc, v[i].provider_name, "Fields.%zu.provider", i);
		hputf(r, &rc, v[i].service_name, "Fields.%zu.service", i);
		hputf(r, &rc, v[i].required ? "1" : "0", "Fields.%zu.required",
		    i);
		hputf(r, &rc, v[i].active ? "1" : "0", "Fields.%zu.active", i);
	}
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/fields.cs", "fields");
}

/*
 * Owners.N: who a new field can belong to. The network (administrators
 * only), a provider, or one service; a provider user only its own.
 */
static int
put_owners(struct request *r)
{
	struct adm_provider *pv, own;
	struct adm_service *sv;
	size_t i, k = 0, np, ns;
	int rc = TJG_OK;

	if (console_provider(r) == 0) {
		if ((rc = store_adm_providers(r->db, r->a, r->network_id, &pv,
		    &np)) != TJG_OK)
			return rc;
		hput(r, &rc, "Owners.0.value", "network");
		hput(r, &rc, "Owners.0.kind", "network");
		k = 1;
	} else {
		if ((rc = store_adm_provider_get(r->db, r->a, r->network_id,
		    console_provider(r), &own)) == TJG_ENOTFOUND)
			np = 0;
		else if (rc != TJG_OK)
			return rc;
		else
			np = 1;
		pv = &own;
		rc = TJG_OK;
	}
	for (i = 0; i < np; i++, k++) {
		hputf(r, &rc, arena_printf(r->a, "provider:%lld", pv[i].id),
		    "Owners.%zu.value", k);
		hputf(r, &rc, "provider", "Owners.%zu.kind", k);
		hputf(r, &rc, pv[i].name, "Owners.%zu.provider", k);
	}
	if (rc != TJG_OK || (rc = store_adm_services(r->db, r->a,
	    r->network_id, console_provider(r), &sv, &ns)) != TJG_OK)
		return rc;
	for (i = 0; i < ns; i++, k++) {
		hputf(r, &rc, arena_printf(r->a, "service:%lld", sv[i].id),
		    "Owners.%zu.value", k);
		hputf(r, &rc, "service", "Owners.%zu.kind", k);
		hputf(r, &rc, sv[i].provider_name, "Owners.%zu.provider", k);
		hputf(r, &rc, sv[i].name, "Owners.%zu.service", k);
	}
	return rc;
}

/* Form.v.* from the stored field (the edit page's first showing). */
static int
field_values(struct request *r, const struct adm_field *f)
{
	int rc = TJG_OK;

	hput(r, &rc, "Form.v.field_key", f->key);
	hput(r, &rc, "Form.v.label_sv", f->label_sv);
	hput(r, &rc, "Form.v.label_en", f->label_en);
	hput(r, &rc, "Form.v.help_sv", f->help_sv);
	hput(r, &rc, "Form.v.help_en", f->help_en);
	hput(r, &rc, "Form.v.kind", f->kind);
	hput(r, &rc, "Form.v.options", f->options);
	hput(r, &rc, "Form.v.required", f->required ? "1" : NULL);
	hput(r, &rc, "Form.v.pattern", f->pattern);
	hput(r, &rc, "Form.v.max_len", hnum(r, f->max_len));
	hput(r, &rc, "Form.v.sort", hnum(r, f->sort));
	hput(r, &rc, "Form.v.active", f->active ? "1" : NULL);
	return rc;
}

/*
 * The field page: creation when f is NULL (with the owners to choose
 * from), else f's. The form shows what was posted when kept.
 */
static int
field_page(struct request *r, const struct adm_field *f, bool kept)
{
	int rc = TJG_OK;

	if (kept)
		rc = keep_form(r);
	else if (f != NULL)
		rc = field_values(r, f);
	else {
		hput(r, &rc, "Form.v.active", "1");
		hput(r, &rc, "Form.v.kind", "text");
		hput(r, &rc, "Form.v.max_len", hnum(r, FIELD_LEN_DEF));
		if (r->p[LIST_OWNER].set)
			hput(r, &rc, "Form.v.owner", r->p[LIST_OWNER].s);
	}
	if (f != NULL) {
		hput(r, &rc, "Field.id", hnum(r, f->id));
		hput(r, &rc, "Field.key", f->key);
		hput(r, &rc, "Field.owner", f->network_id != 0 ? "network" :
		    f->provider_id != 0 ? "provider" : "service");
		hput(r, &rc, "Field.provider", f->provider_name);
		hput(r, &rc, "Field.service", f->service_name);
		hput(r, &rc, "Field.service_id", f->service_id != 0 ?
		    hnum(r, f->service_id) : NULL);
	} else if (rc == TJG_OK)
		rc = put_owners(r);
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/field.cs", "fields");
}

/* GET /admin/fields/new */
int
h_admin_field_new(struct request *r)
{
	return field_page(r, NULL, false);
}

/*
 * The owner of a new field from "network", "provider:ID" or
 * "service:ID", if this user may give it one: TJG_ENOTFOUND if not.
 */
static int
read_owner(struct request *r, const char *s, struct adm_field *f)
{
	struct adm_provider p;
	struct adm_service sv;
	long long id;
	int rc;

	if (strcmp(s, "network") == 0) {
		if (console_provider(r) != 0)
			return TJG_ENOTFOUND;
		f->network_id = r->network_id;
		return TJG_OK;
	}
	if (strncmp(s, "provider:", 9) == 0 && check_int(s + 9, 1,
	    999999999999999999LL, &id)) {
		if (console_provider(r) != 0 && id != console_provider(r))
			return TJG_ENOTFOUND;
		if ((rc = store_adm_provider_get(r->db, r->a, r->network_id,
		    id, &p)) == TJG_OK)
			f->provider_id = id;
		return rc;
	}
	if (strncmp(s, "service:", 8) == 0 && check_int(s + 8, 1,
	    999999999999999999LL, &id)) {
		if ((rc = store_adm_service_get(r->db, r->a, r->network_id,
		    console_provider(r), id, &sv)) == TJG_OK)
			f->service_id = id;
		return rc;
	}
	return TJG_ENOTFOUND;
}

/*
 * Reads the posted field form into f (its owner already set); every
 * fault becomes a form error and sets *bad.
 */
static int
read_field(struct request *r, struct adm_field *f, bool *bad)
{
	const char *why, *norm;
	long long v;
	int rc = TJG_OK, line;

	f->key = str(r, FLD_KEY);
	if (!check_field_key(f->key))
		fault(r, &rc, bad, "field_key", "admin.fields.err.key");
	f->label_sv = str(r, FLD_LABEL_SV);
	if (*f->label_sv == '\0')
		fault(r, &rc, bad, "label_sv", "admin.fields.err.label");
	f->label_en = str(r, FLD_LABEL_EN);
	if (*f->label_en == '\0')
		fault(r, &rc, bad, "label_en", "admin.fields.err.label");
	f->help_sv = str(r, FLD_HELP_SV);
	f->help_en = str(r, FLD_HELP_EN);
	f->kind = str(r, FLD_KIND);
	if (!one_of(f->kind, kinds, 4))
		fault(r, &rc, bad, "kind", "admin.fields.err.kind");
	opt_int(r, &rc, bad, FLD_MAX_LEN, 1, FIELD_LEN_MAX, FIELD_LEN_DEF, &v,
	    "admin.fields.err.max_len");
	f->max_len = (int)v;
	/* Options only for a select, a pattern only for text. */
	f->options = NULL;
	if (strcmp(f->kind, "select") == 0 &&
	    (why = check_options(r->a, str(r, FLD_OPTIONS), f->max_len,
	    &norm, &line)) != NULL) {
		if (rc == TJG_OK)
			rc = tmpl_set(r->tmpl, "Form.errors.options", line > 0 ?
			    arena_printf(r->a, "%s %d: %s",
			    tmpl_text(r->tmpl, r->lang, "admin.fields.line"),
			    line, tmpl_text(r->tmpl, r->lang, why)) :
			    tmpl_text(r->tmpl, r->lang, why));
		*bad = true;
	} else if (strcmp(f->kind, "select") == 0)
		f->options = norm;
	f->pattern = NULL;
	if (strcmp(f->kind, "text") == 0 && *str(r, FLD_PATTERN) != '\0') {
		f->pattern = str(r, FLD_PATTERN);
		if (!check_pattern(f->pattern))
			fault(r, &rc, bad, "pattern",
			    "admin.fields.err.pattern");
	}
	f->required = r->p[FLD_REQUIRED].set;
	opt_int(r, &rc, bad, FLD_SORT, 0, SORT_MAX, 0, &v,
	    "admin.services.err.sort");
	f->sort = (int)v;
	f->active = r->p[FLD_ACTIVE].set;
	return rc;
}

/* Creates (f->id 0) or saves field f, audited, in one transaction. */
static int
field_write(struct request *r, struct adm_field *f, const char *detail)
{
	bool create = f->id == 0;
	int rc;

	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = create ? store_adm_field_create(r->db, f, &f->id) :
	    store_adm_field_update(r->db, f)) != TJG_OK ||
	    (rc = console_audit(r, create ? "field.create" : "field.update",
	    "form_field", hnum(r, f->id), detail)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK)
		db_rollback(r->db);
	return rc;
}

/* After a failed write: a taken key is a form error (TJG_OK). */
static int
key_taken(struct request *r, int rc, bool *bad)
{
	if (rc != TJG_ECONFLICT)
		return rc;
	*bad = true;
	return admin_error(r, "field_key", "admin.fields.err.key_taken");
}

/* POST /admin/fields */
int
h_admin_field_create(struct request *r)
{
	struct adm_field f;
	bool bad = false;
	int rc;

	memset(&f, 0, sizeof(f));
	if ((rc = read_owner(r, str(r, FLD_OWNER), &f)) == TJG_ENOTFOUND) {
		if ((rc = admin_error(r, "owner", "admin.fields.err.owner")) !=
		    TJG_OK)
			return rc;
		bad = true;
	} else if (rc != TJG_OK)
		return rc;
	if ((rc = read_field(r, &f, &bad)) != TJG_OK)
		return rc;
	if (!bad && (rc = field_write(r, &f, f.key)) != TJG_OK &&
	    (rc = key_taken(r, rc, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return field_page(r, NULL, true);
	}
	return admin_redirect(r, "saved", "/admin/fields/%lld", f.id);
}

/* The field of path argument 0, if this user may see it. */
static int
load_field(struct request *r, struct adm_field *f)
{
	long long id;

	if (!arg_id(r, 0, &id))
		return TJG_ENOTFOUND;
	return store_adm_field_get(r->db, r->a, r->network_id,
	    console_provider(r), id, f);
}

/* GET /admin/fields/ID */
int
h_admin_field(struct request *r)
{
	struct adm_field f;
	int rc;

	if ((rc = load_field(r, &f)) != TJG_OK)
		return rc;
	return field_page(r, &f, false);
}

/* POST /admin/fields/ID; the owner stays as it is. */
int
h_admin_field_save(struct request *r)
{
	struct adm_field cur, f;
	bool bad = false;
	int rc;

	if ((rc = load_field(r, &cur)) != TJG_OK)
		return rc;
	memset(&f, 0, sizeof(f));
	f.id = cur.id;
	if ((rc = read_field(r, &f, &bad)) != TJG_OK)
		return rc;
	if (!bad && (rc = field_write(r, &f, cur.active && !f.active ?
	    "deactivated" : f.key)) != TJG_OK &&
	    (rc = key_taken(r, rc, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return field_page(r, &cur, true);
	}
	return admin_redirect(r, "saved", "/admin/fields/%lld", f.id);
}
