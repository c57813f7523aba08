/*
 * The console's catalogue (administrators only, by the route table):
 * areas, addresses and their outlets, and the import of the network's
 * address register from CSV (upload, preview, apply in one transaction).
 * Nothing is deleted here: areas and addresses are deactivated, outlets
 * get the status inactive. The checks of every field are lib/import.c's,
 * the same as the import's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addr.h"
#include "conf.h"
#include "console.h"
#include "crypto.h"
#include "db.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "import.h"
#include "store.h"
#include "store_admin_catalog.h"
#include "tmpl.h"

#define ADDRESSES_PER_PAGE	50
#define IMPORTS_LISTED		20
#define PREVIEW_REJECTS		1000	/* rows of each preview table shown */
#define PREVIEW_ROWS		500
#define IMPORT_FILE_MAX		16777215	/* MEDIUMBLOB */

static const char *
text(struct request *r, const char *key)
{
	return tmpl_text(r->tmpl, r->lang, key);
}

/* The text of key with "{v}" replaced by v (escaped when rendered). */
static const char *
text_v(struct request *r, const char *key, const char *v)
{
	const char *t = text(r, key), *at = strstr(t, "{v}");

	if (at == NULL)
		return t;
	return arena_printf(r->a, "%.*s%s%s", (int)(at - t), t, v, at + 3);
}

/* A parameter's text, "" when absent. */
static const char *
val(const struct pval *p)
{
	return p->set ? p->s : "";
}

/* The id in a path segment; 0 for anything but a positive number. */
static long long
path_id(const char *s)
{
	char *end;
	long long id;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	id = strtoll(s, &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

/* A UTC time from the database ("YYYY-MM-DD HH:MM:SS...") in Swedish time. */
static const char *
local_time(struct request *r, const char *utc)
{
	struct tm tm;
	time_t t;
	char out[32];

	if (utc == NULL)
		return NULL;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(utc, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return utc;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, sizeof(out), "%Y-%m-%d %H:%M", &tm) == 0)
		return utc;
	return arena_strdup(r->a, out);
}

/* "Storgatan 12 B, 123 45 Stad". */
static const char *
address_text(struct request *r, const char *street, int number,
    const char *littera, const char *postcode, const char *city)
{
	char pc[7];

	addr_postcode_fmt(postcode, pc);
	return arena_printf(r->a, "%s %d%s%s, %s %s", street, number,
	    littera != NULL && *littera != '\0' ? " " : "",
	    littera != NULL ? littera : "", pc, city);
}

static const char *
status_text(struct request *r, const char *status)
{
	return text(r, arena_printf(r->a, "admin.catalog.status.%s",
	    status != NULL ? status : "inactive"));
}

/* Adds word to a comma-separated list of changed fields (for the audit). */
static void
changed(struct request *r, const char **list, bool differs, const char *word)
{
	if (differs)
		*list = *list == NULL ? word : arena_printf(r->a, "%s,%s",
		    *list, word);
}

static bool
differ(const char *x, const char *y)
{
	return x == NULL || y == NULL ? x != y : strcmp(x, y) != 0;
}

/* Writes a change and its audit entry in one transaction. */
static int
commit_audit(struct request *r, int rc, const char *action, const char *kind,
    long long id, const char *detail)
{
	if (rc == TJG_OK)
		rc = console_audit(r, action, kind, hnum(r, id), detail);
	if (rc == TJG_OK)
		rc = db_commit(r->db);
	if (rc != TJG_OK)
		db_rollback(r->db);
	return rc;
}

/* The network's areas as Areas.N for a list or a select. */
static int
put_areas(struct request *r, int *rc)
{
	struct area_row *v;
	size_t i, n;

	if (*rc != TJG_OK)
		return *rc;
	if ((*rc = store_area_list(r->db, r->a, r->network_id, &v, &n)) !=
	    TJG_OK)
		return *rc;
	for (i = 0; i < n; i++) {
		hputf(r, rc, hnum(r, v[i].id), "Areas.%zu.id", i);
		hputf(r, rc, v[i].name, "Areas.%zu.name", i);
		hputf(r, rc, v[i].code != NULL ? v[i].code : "",
		    "Areas.%zu.code", i);
		hputf(r, rc, v[i].active ? "1" : "0", "Areas.%zu.active", i);
		hputf(r, rc, hnum(r, v[i].addresses), "Areas.%zu.addresses", i);
	}
	return *rc;
}

/* --- Areas ------------------------------------------------------------ */

/* An area's code: like an outlet code, letters, digits and '-'. */
static bool
area_code_ok(const char *s)
{
	char up[IMPORT_CODE_MAX + 1];

	return *s == '\0' || (strlen(s) <= IMPORT_AREA_CODE_MAX &&
	    import_check_code(s, up));
}

/*
 * Reads and checks the area form into *name, *code (NULL: none),
 * keeping the input in Form.*; *bad if a field was refused (with its
 * error set). except: the area being saved (0 when creating).
 */
static int
read_area(struct request *r, long long except, const char **name,
    const char **code, bool *bad)
{
	const struct pval *p = r->p;
	bool name_taken, code_taken;
	int rc = TJG_OK;

	*bad = false;
	*name = val(&p[AREA_NAME]);
	*code = val(&p[AREA_CODE]);
	hput(r, &rc, "Form.name", *name);
	hput(r, &rc, "Form.code", *code);
	hput(r, &rc, "Form.active", p[AREA_ACTIVE].set ? "1" : "0");
	if (rc != TJG_OK)
		return rc;
	if (**name == '\0' || strlen(*name) > IMPORT_AREA_MAX) {
		rc = admin_error(r, "name", **name == '\0' ?
		    "admin.catalog.err.required" :
		    "admin.catalog.err.too_long");
		*bad = true;
	}
	if (rc == TJG_OK && !area_code_ok(*code)) {
		rc = admin_error(r, "code", "admin.catalog.err.area_code");
		*bad = true;
	}
	if (**code == '\0')
		*code = NULL;
	if (rc != TJG_OK || *bad)
		return rc;
	if ((rc = store_area_taken(r->db, r->network_id, except, *name, *code,
	    &name_taken, &code_taken)) != TJG_OK)
		return rc;
	if (name_taken) {
		rc = admin_error(r, "name", "admin.catalog.err.name_taken");
		*bad = true;
	}
	if (rc == TJG_OK && code_taken) {
		rc = admin_error(r, "code", "admin.catalog.err.code_taken");
		*bad = true;
	}
	return rc;
}

static int
areas_page(struct request *r)
{
	int rc = TJG_OK;

	if (put_areas(r, &rc) != TJG_OK)
		return rc;
	return admin_render(r, "admin/areas.cs", "areas");
}

/* GET /admin/areas: the list and the form for a new one. */
int
h_admin_areas(struct request *r)
{
	return areas_page(r);
}

/* POST /admin/areas: a new area. */
int
h_admin_area_create(struct request *r)
{
	struct new_area n;
	const char *name, *code;
	long long id = 0;
	bool bad;
	int rc;

	if ((rc = read_area(r, 0, &name, &code, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return areas_page(r);
	}
	memset(&n, 0, sizeof(n));
	n.network = r->network_id;
	n.name = name;
	n.code = code;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	rc = store_area_insert(r->db, &n, &id);
	if ((rc = commit_audit(r, rc, "area.create", "area", id, NULL)) ==
	    TJG_ECONFLICT) {
		/* Taken between the check and the insert. */
		r->resp.status = 422;
		if ((rc = admin_error(r, "name",
		    "admin.catalog.err.name_taken")) != TJG_OK)
			return rc;
		return areas_page(r);
	}
	if (rc != TJG_OK)
		return rc;
	return admin_redirect(r, "saved", "/admin/areas/%lld", id);
}

static int
area_page(struct request *r, const struct area_row *a, bool form)
{
	int rc = TJG_OK;

	hput(r, &rc, "Area.id", hnum(r, a->id));
	hput(r, &rc, "Area.name", a->name);
	hput(r, &rc, "Area.code", a->code != NULL ? a->code : "");
	hput(r, &rc, "Area.active", a->active ? "1" : "0");
	hput(r, &rc, "Area.addresses", hnum(r, a->addresses));
	if (form) {
		hput(r, &rc, "Form.name", a->name);
		hput(r, &rc, "Form.code", a->code != NULL ? a->code : "");
		hput(r, &rc, "Form.active", a->active ? "1" : "0");
	}
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/area.cs", "areas");
}

/* GET /admin/areas/ID */
int
h_admin_area(struct request *r)
{
	struct area_row a;
	long long id = path_id(r->args[0]);
	int rc;

	if (id == 0)
		return TJG_ENOTFOUND;
	if ((rc = store_area_get(r->db, r->a, r->network_id, id, &a)) !=
	    TJG_OK)
		return rc;
	return area_page(r, &a, true);
}

/* POST /admin/areas/ID: name, code, active. */
int
h_admin_area_save(struct request *r)
{
	struct area_row a;
	long long id = path_id(r->args[0]);
	const char *name, *code, *what = NULL;
	bool bad, active = r->p[AREA_ACTIVE].set;
	int rc;

	if (id == 0)
		return TJG_ENOTFOUND;
	if ((rc = store_area_get(r->db, r->a, r->network_id, id, &a)) !=
	    TJG_OK)
		return rc;
	if ((rc = read_area(r, id, &name, &code, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return area_page(r, &a, false);
	}
	changed(r, &what, strcmp(name, a.name) != 0, "name");
	changed(r, &what, differ(code, a.code), "code");
	changed(r, &what, active != a.active, active ? "active=1" :
	    "active=0");
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	rc = store_area_update(r->db, r->network_id, id, name, code, active);
	rc = commit_audit(r, rc, "area.update", "area", id, what);
	if (rc == TJG_ECONFLICT) {
		r->resp.status = 422;
		if ((rc = admin_error(r, "name",
		    "admin.catalog.err.name_taken")) != TJG_OK)
			return rc;
		return area_page(r, &a, false);
	}
	if (rc != TJG_OK)
		return rc;
	return admin_redirect(r, "saved", "/admin/areas/%lld", id);
}

/* --- Addresses -------------------------------------------------------- */

/* A link to the address list with the filter and page p. */
static const char *
list_url(struct request *r, int page)
{
	const struct pval *p = r->p;
	struct buf b;
	const char *u;

	buf_init(&b);
	if (p[ADDRS_Q].set && p[ADDRS_Q].len > 0)
		http_form_add(&b, "q", p[ADDRS_Q].s);
	if (p[ADDRS_AREA].set && p[ADDRS_AREA].i > 0)
		http_form_add(&b, "area", hnum(r, p[ADDRS_AREA].i));
	if (p[ADDRS_INACTIVE].set)
		http_form_add(&b, "inactive", "1");
	if (page > 1)
		http_form_add(&b, "page", hnum(r, page));
	u = arena_printf(r->a, "/admin/addresses%s%s", b.len > 0 ? "?" : "",
	    buf_str(&b));
	buf_free(&b);
	return u;
}

/* GET /admin/addresses: search and list, 50 a page. */
int
h_admin_addresses(struct request *r)
{
	const struct pval *p = r->p;
	struct address_filter f;
	struct addr_query q;
	struct admin_address *v;
	long long total;
	long long page = p[ADDRS_PAGE].set ? p[ADDRS_PAGE].i : 1, pages;
	size_t i, n;
	int rc = TJG_OK;

	memset(&f, 0, sizeof(f));
	if (p[ADDRS_Q].set && p[ADDRS_Q].len > 0) {
		f.text = p[ADDRS_Q].s;
		if (addr_query_parse(r->a, f.text, &q) == TJG_OK)
			f.q = &q;
	}
	f.area = p[ADDRS_AREA].set ? p[ADDRS_AREA].i : 0;
	f.inactive = p[ADDRS_INACTIVE].set;
	if ((rc = store_address_admin_list(r->db, r->a, r->network_id, &f,
	    (size_t)(page - 1) * ADDRESSES_PER_PAGE, ADDRESSES_PER_PAGE, &v,
	    &n, &total)) != TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		hputf(r, &rc, hnum(r, v[i].id), "Addrs.%zu.id", i);
		hputf(r, &rc, address_text(r, v[i].street, v[i].number,
		    v[i].littera, v[i].postcode, v[i].city), "Addrs.%zu.text",
		    i);
		hputf(r, &rc, v[i].area_name != NULL ? v[i].area_name : "",
		    "Addrs.%zu.area", i);
		hputf(r, &rc, v[i].external_id != NULL ? v[i].external_id : "",
		    "Addrs.%zu.external_id", i);
		hputf(r, &rc, hnum(r, v[i].outlets), "Addrs.%zu.outlets", i);
		hputf(r, &rc, v[i].active ? "1" : "0", "Addrs.%zu.active", i);
	}
	pages = total > 0 ? (total + ADDRESSES_PER_PAGE - 1) /
	    ADDRESSES_PER_PAGE : 1;
	hput(r, &rc, "Filter.q", val(&p[ADDRS_Q]));
	hput(r, &rc, "Filter.area", hnum(r, f.area));
	hput(r, &rc, "Filter.inactive", f.inactive ? "1" : "0");
	hput(r, &rc, "List.total", hnum(r, total));
	hput(r, &rc, "List.page", hnum(r, page));
	hput(r, &rc, "List.pages", hnum(r, pages));
	if (page > 1)
		hput(r, &rc, "List.prev", list_url(r, (int)page - 1));
	if (page < pages)
		hput(r, &rc, "List.next", list_url(r, (int)page + 1));
	if (put_areas(r, &rc) != TJG_OK)
		return rc;
	return admin_render(r, "admin/addresses.cs", "addresses");
}

/* Form.* from an address: the edit form as the database has it. */
static void
put_address_form(struct request *r, int *rc, const struct admin_address *x)
{
	hput(r, rc, "Form.street", x->street);
	hput(r, rc, "Form.number", hnum(r, x->number));
	hput(r, rc, "Form.littera", x->littera);
	hput(r, rc, "Form.postcode", x->postcode);
	hput(r, rc, "Form.city", x->city);
	hput(r, rc, "Form.area", hnum(r, x->area_id));
	hput(r, rc, "Form.external_id", x->external_id != NULL ?
	    x->external_id : "");
	hput(r, rc, "Form.active", x->active ? "1" : "0");
}

/*
 * Reads and checks the address form into *x, keeping the input in
 * Form.*; *bad if a field was refused (with its error set). except:
 * the address being saved (0 when creating).
 */
static int
read_address(struct request *r, long long except, struct admin_address *x,
    bool *bad)
{
	const struct pval *p = r->p;
	const char *street = val(&p[ADDRESS_STREET]);
	const char *number = val(&p[ADDRESS_NUMBER]);
	const char *littera = val(&p[ADDRESS_LITTERA]);
	const char *postcode = val(&p[ADDRESS_POSTCODE]);
	const char *city = val(&p[ADDRESS_CITY]);
	const char *ext = val(&p[ADDRESS_EXTID]);
	long long area = p[ADDRESS_AREA].set ? p[ADDRESS_AREA].i : 0;
	char *lit = arena_alloc(r->a, 3), *pc = arena_alloc(r->a, 6);
	const char *norm = addr_norm(r->a, street);
	struct area_row ar;
	bool taken;
	int rc = TJG_OK;

#define REFUSE(field, key) do {						\
	if ((rc = admin_error(r, field, key)) != TJG_OK)		\
		return rc;						\
	*bad = true;							\
} while (0)
	*bad = false;
	memset(x, 0, sizeof(*x));
	x->id = except;
	hput(r, &rc, "Form.street", street);
	hput(r, &rc, "Form.number", number);
	hput(r, &rc, "Form.littera", littera);
	hput(r, &rc, "Form.postcode", postcode);
	hput(r, &rc, "Form.city", city);
	hput(r, &rc, "Form.area", hnum(r, area));
	hput(r, &rc, "Form.external_id", ext);
	hput(r, &rc, "Form.active", p[ADDRESS_ACTIVE].set ? "1" : "0");
	if (rc != TJG_OK)
		return rc;
	if (*street == '\0')
		REFUSE("street", "admin.catalog.err.required");
	else if (strlen(street) > IMPORT_STREET_MAX)
		REFUSE("street", "admin.catalog.err.too_long");
	else if (*norm == '\0')
		REFUSE("street", "admin.catalog.err.street");
	if (!import_check_number(number, &x->number))
		REFUSE("number", "admin.catalog.err.number");
	if (!import_check_littera(littera, lit))
		REFUSE("littera", "admin.catalog.err.littera");
	if (!import_check_postcode(postcode, pc))
		REFUSE("postcode", "admin.catalog.err.postcode");
	if (*city == '\0')
		REFUSE("city", "admin.catalog.err.required");
	else if (strlen(city) > IMPORT_CITY_MAX)
		REFUSE("city", "admin.catalog.err.too_long");
	if (area != 0) {
		rc = store_area_get(r->db, r->a, r->network_id, area, &ar);
		if (rc == TJG_ENOTFOUND)
			REFUSE("area", "admin.catalog.err.area");
		else if (rc != TJG_OK)
			return rc;
	}
	if (strlen(ext) > IMPORT_EXTID_MAX)
		REFUSE("external_id", "admin.catalog.err.too_long");
	else if (*ext != '\0') {
		if ((rc = store_address_extid_taken(r->db, r->network_id,
		    except, ext, &taken)) != TJG_OK)
			return rc;
		if (taken)
			REFUSE("external_id", "admin.catalog.err.extid_taken");
	}
#undef REFUSE
	x->street = street;
	x->littera = lit;
	x->postcode = pc;
	x->city = city;
	x->area_id = area;
	x->external_id = *ext != '\0' ? ext : NULL;
	x->active = p[ADDRESS_ACTIVE].set;
	return TJG_OK;
}

/* GET /admin/addresses/new */
int
h_admin_address_new(struct request *r)
{
	int rc = TJG_OK;

	hput(r, &rc, "Addr.new", "1");
	hput(r, &rc, "Form.active", "1");
	if (put_areas(r, &rc) != TJG_OK)
		return rc;
	return admin_render(r, "admin/address.cs", "addresses");
}

/* POST /admin/addresses: a new address. */
int
h_admin_address_create(struct request *r)
{
	struct admin_address x;
	long long id = 0;
	bool bad;
	int rc = TJG_OK;

	if ((rc = read_address(r, 0, &x, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		hput(r, &rc, "Addr.new", "1");
		if (put_areas(r, &rc) != TJG_OK)
			return rc;
		return admin_render(r, "admin/address.cs", "addresses");
	}
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	rc = store_address_admin_insert(r->db, r->a, r->network_id, &x, &id);
	if ((rc = commit_audit(r, rc, "address.create", "address", id, NULL))
	    != TJG_OK)
		return rc;
	return admin_redirect(r, "saved", "/admin/addresses/%lld", id);
}

/*
 * The address page: its facts, the edit form (from the database unless
 * the caller kept the input), its outlets and the form for a new one.
 */
static int
address_page(struct request *r, const struct admin_address *x, bool form)
{
	struct admin_outlet *o;
	size_t i, n;
	int rc = TJG_OK;

	hput(r, &rc, "Addr.id", hnum(r, x->id));
	hput(r, &rc, "Addr.text", address_text(r, x->street, x->number,
	    x->littera, x->postcode, x->city));
	hput(r, &rc, "Addr.area", x->area_name != NULL ? x->area_name : "");
	hput(r, &rc, "Addr.external_id", x->external_id != NULL ?
	    x->external_id : "");
	hput(r, &rc, "Addr.active", x->active ? "1" : "0");
	hput(r, &rc, "Addr.created", local_time(r, x->created_at));
	hput(r, &rc, "Addr.updated", local_time(r, x->updated_at));
	if (form)
		put_address_form(r, &rc, x);
	if (rc != TJG_OK)
		return rc;
	if ((rc = store_outlet_admin_list(r->db, r->a, r->network_id, x->id,
	    &o, &n)) != TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		hputf(r, &rc, hnum(r, o[i].id), "Outlets.%zu.id", i);
		hputf(r, &rc, o[i].code, "Outlets.%zu.code", i);
		hputf(r, &rc, o[i].apartment != NULL ? o[i].apartment : "",
		    "Outlets.%zu.apartment", i);
		hputf(r, &rc, o[i].distinguisher != NULL ? o[i].distinguisher :
		    "", "Outlets.%zu.distinguisher", i);
		hputf(r, &rc, o[i].status, "Outlets.%zu.status", i);
		hputf(r, &rc, status_text(r, o[i].status),
		    "Outlets.%zu.status_text", i);
		hputf(r, &rc, o[i].active_from != NULL ? o[i].active_from : "",
		    "Outlets.%zu.active_from", i);
		hputf(r, &rc, hnum(r, o[i].orders), "Outlets.%zu.orders", i);
	}
	if (put_areas(r, &rc) != TJG_OK)
		return rc;
	return admin_render(r, "admin/address.cs", "addresses");
}

static int
address_get(struct request *r, struct admin_address *x)
{
	long long id = path_id(r->args[0]);

	if (id == 0)
		return TJG_ENOTFOUND;
	return store_address_admin_get(r->db, r->a, r->network_id, id, x);
}

/* GET /admin/addresses/ID */
int
h_admin_address(struct request *r)
{
	struct admin_address x;
	int rc;

	if ((rc = address_get(r, &x)) != TJG_OK)
		return rc;
	return address_page(r, &x, true);
}

/* POST /admin/addresses/ID: every field, active included. */
int
h_admin_address_save(struct request *r)
{
	struct admin_address old, x;
	const char *what = NULL;
	bool bad;
	int rc;

	if ((rc = address_get(r, &old)) != TJG_OK)
		return rc;
	if ((rc = read_address(r, old.id, &x, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return address_page(r, &old, false);
	}
	changed(r, &what, strcmp(x.street, old.street) != 0, "street");
	changed(r, &what, x.number != old.number, "number");
	changed(r, &what, strcmp(x.littera, old.littera) != 0, "littera");
	changed(r, &what, strcmp(x.postcode, old.postcode) != 0, "postcode");
	changed(r, &what, strcmp(x.city, old.city) != 0, "city");
	changed(r, &what, x.area_id != old.area_id, "area");
	changed(r, &what, differ(x.external_id, old.external_id),
	    "external_id");
	changed(r, &what, x.active != old.active, x.active ? "active=1" :
	    "active=0");
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	rc = store_address_admin_update(r->db, r->a, r->network_id, &x);
	if ((rc = commit_audit(r, rc, "address.update", "address", old.id,
	    what)) != TJG_OK)
		return rc;
	return admin_redirect(r, "saved", "/admin/addresses/%lld", old.id);
}

/* --- Outlets ---------------------------------------------------------- */

/*
 * Reads and checks an outlet form into *x, keeping the input in
 * <prefix>.*; *bad if a field was refused. except: the outlet being
 * saved (0 when adding one).
 */
static int
read_outlet(struct request *r, const char *prefix, long long except,
    long long address, struct admin_outlet *x, bool *bad)
{
	const struct pval *p = r->p;
	const char *code = val(&p[OUTLET_CODE]);
	const char *apt = val(&p[OUTLET_APARTMENT]);
	const char *dist = val(&p[OUTLET_DIST]);
	const char *status = val(&p[OUTLET_STATUS]);
	const char *from = val(&p[OUTLET_FROM]);
	char *up = arena_alloc(r->a, IMPORT_CODE_MAX + 1);
	bool code_taken = false, apt_taken = false;
	int rc = TJG_OK;

#define REFUSE(field, key) do {						\
	if ((rc = admin_error(r, field, key)) != TJG_OK)		\
		return rc;						\
	*bad = true;							\
} while (0)
	*bad = false;
	memset(x, 0, sizeof(*x));
	x->id = except;
	x->address_id = address;
	hputf(r, &rc, code, "%s.code", prefix);
	hputf(r, &rc, apt, "%s.apartment", prefix);
	hputf(r, &rc, dist, "%s.distinguisher", prefix);
	hputf(r, &rc, status, "%s.status", prefix);
	hputf(r, &rc, from, "%s.active_from", prefix);
	if (rc != TJG_OK)
		return rc;
	if (*code == '\0')
		REFUSE("code", "admin.catalog.err.required");
	else if (!import_check_code(code, up))
		REFUSE("code", "admin.catalog.err.code");
	if (*apt != '\0' && !import_check_apartment(apt))
		REFUSE("apartment", "admin.catalog.err.apartment");
	if (strlen(dist) > IMPORT_DIST_MAX)
		REFUSE("distinguisher", "admin.catalog.err.too_long");
	if ((x->status = import_check_status(status)) == NULL)
		REFUSE("status", "admin.catalog.err.status");
	if (*from != '\0' && !import_check_date(from))
		REFUSE("active_from", "admin.catalog.err.date");
	if (*bad)
		return TJG_OK;
	if ((rc = store_outlet_taken(r->db, r->network_id, except, address,
	    up, *apt != '\0' ? apt : NULL, &code_taken, &apt_taken)) != TJG_OK)
		return rc;
	if (code_taken)
		REFUSE("code", "admin.catalog.err.outlet_code_taken");
	if (apt_taken)
		REFUSE("apartment", "admin.catalog.err.apartment_taken");
#undef REFUSE
	x->code = up;
	x->apartment = *apt != '\0' ? apt : NULL;
	x->distinguisher = *dist != '\0' ? dist : NULL;
	x->active_from = *from != '\0' ? from : NULL;
	return TJG_OK;
}

/* POST /admin/addresses/ID/outlets: a new outlet of the address. */
int
h_admin_outlet_create(struct request *r)
{
	struct admin_address a;
	struct admin_outlet x;
	long long id = 0;
	bool bad;
	int rc;

	if ((rc = address_get(r, &a)) != TJG_OK)
		return rc;
	if ((rc = read_outlet(r, "NewOutlet", 0, a.id, &x, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return address_page(r, &a, true);
	}
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	rc = store_outlet_admin_insert(r->db, r->network_id, &x, &id);
	if ((rc = commit_audit(r, rc, "outlet.create", "outlet", id,
	    arena_printf(r->a, "address=%lld", a.id))) == TJG_ECONFLICT) {
		r->resp.status = 422;
		if ((rc = admin_error(r, "code",
		    "admin.catalog.err.outlet_code_taken")) != TJG_OK)
			return rc;
		return address_page(r, &a, true);
	}
	if (rc != TJG_OK)
		return rc;
	return admin_redirect(r, "outlet_added", "/admin/addresses/%lld",
	    a.id);
}

static int
outlet_page(struct request *r, const struct admin_outlet *o, bool form)
{
	int rc = TJG_OK;

	hput(r, &rc, "Outlet.id", hnum(r, o->id));
	hput(r, &rc, "Outlet.code", o->code);
	hput(r, &rc, "Outlet.status_text", status_text(r, o->status));
	hput(r, &rc, "Outlet.orders", hnum(r, o->orders));
	hput(r, &rc, "Outlet.address_id", hnum(r, o->address_id));
	hput(r, &rc, "Outlet.address", address_text(r, o->street, o->number,
	    o->littera, o->postcode, o->city));
	if (form) {
		hput(r, &rc, "Form.code", o->code);
		hput(r, &rc, "Form.apartment", o->apartment != NULL ?
		    o->apartment : "");
		hput(r, &rc, "Form.distinguisher", o->distinguisher != NULL ?
		    o->distinguisher : "");
		hput(r, &rc, "Form.status", o->status);
		hput(r, &rc, "Form.active_from", o->active_from != NULL ?
		    o->active_from : "");
	}
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/outlet.cs", "addresses");
}

static int
outlet_get(struct request *r, struct admin_outlet *o)
{
	long long id = path_id(r->args[0]);

	if (id == 0)
		return TJG_ENOTFOUND;
	return store_outlet_admin_get(r->db, r->a, r->network_id, id, o);
}

/* GET /admin/outlets/ID */
int
h_admin_outlet(struct request *r)
{
	struct admin_outlet o;
	int rc;

	if ((rc = outlet_get(r, &o)) != TJG_OK)
		return rc;
	return outlet_page(r, &o, true);
}

/*
 * POST /admin/outlets/ID. An outlet is never deleted (orders refer to
 * it): it is set inactive.
 */
int
h_admin_outlet_save(struct request *r)
{
	struct admin_outlet old, x;
	const char *what = NULL;
	bool bad;
	int rc;

	if ((rc = outlet_get(r, &old)) != TJG_OK)
		return rc;
	if ((rc = read_outlet(r, "Form", old.id, old.address_id, &x, &bad)) !=
	    TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return outlet_page(r, &old, false);
	}
	changed(r, &what, strcmp(x.code, old.code) != 0, "code");
	changed(r, &what, differ(x.apartment, old.apartment), "apartment");
	changed(r, &what, differ(x.distinguisher, old.distinguisher),
	    "distinguisher");
	changed(r, &what, strcmp(x.status, old.status) != 0,
	    arena_printf(r->a, "status=%s", x.status));
	changed(r, &what, differ(x.active_from, old.active_from),
	    "active_from");
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	rc = store_outlet_admin_update(r->db, r->network_id, &x);
	rc = commit_audit(r, rc, "outlet.update", "outlet", old.id, what);
	if (rc == TJG_ECONFLICT) {
		r->resp.status = 422;
		if ((rc = admin_error(r, "code",
		    "admin.catalog.err.outlet_code_taken")) != TJG_OK)
			return rc;
		return outlet_page(r, &old, false);
	}
	if (rc != TJG_OK)
		return rc;
	return admin_redirect(r, "saved", "/admin/outlets/%lld", old.id);
}

/* --- Import ----------------------------------------------------------- */

static int
import_form_page(struct request *r)
{
	struct import_rec *v;
	size_t i, n;
	int rc = TJG_OK;

	if ((rc = store_import_list(r->db, r->a, r->network_id,
	    IMPORTS_LISTED, &v, &n)) != TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		hputf(r, &rc, hnum(r, v[i].id), "Imports.%zu.id", i);
		hputf(r, &rc, v[i].filename, "Imports.%zu.filename", i);
		hputf(r, &rc, v[i].actor, "Imports.%zu.actor", i);
		hputf(r, &rc, local_time(r, v[i].created_at),
		    "Imports.%zu.created", i);
		hputf(r, &rc, local_time(r, v[i].applied_at),
		    "Imports.%zu.applied", i);
	}
	hput(r, &rc, "Import.max_kb", hnum(r, (long long)(r->conf->max_body /
	    1024)));
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/import.cs", "import");
}

/* GET /admin/import: the upload form, the format, the latest imports. */
int
h_admin_import_form(struct request *r)
{
	return import_form_page(r);
}

/* A file name to keep: its last component, printable, at most 255 bytes. */
static const char *
file_name(struct request *r, const char *name)
{
	const char *base = name;
	size_t n;

	if (name == NULL)
		return "";
	if (strrchr(base, '/') != NULL)
		base = strrchr(base, '/') + 1;
	if (strrchr(base, '\\') != NULL)
		base = strrchr(base, '\\') + 1;
	if (!import_check_text(base))
		return "";
	if ((n = strlen(base)) > 255) {
		n = 255;
		while (n > 0 && ((unsigned char)base[n] & 0xc0) == 0x80)
			n--;
	}
	return arena_strndup(r->a, base, n);
}

/*
 * POST /admin/import: multipart, one file part "file" and the csrf. The
 * file is stored as it is; the preview reads it.
 */
int
h_admin_import_upload(struct request *r)
{
	unsigned char sha[CRYPTO_SHA256_LEN];
	const struct part *file = NULL;
	long long id = 0;
	size_t i;
	int rc;

	for (i = 0; i < r->parts.n; i++) {
		if (r->parts.v[i].filename == NULL)
			continue;
		if (strcmp(r->parts.v[i].name, "file") != 0 || file != NULL)
			return TJG_EINVAL;
		file = &r->parts.v[i];
	}
	if (file == NULL || file->len == 0 || file->len > IMPORT_FILE_MAX) {
		r->resp.status = file != NULL && file->len > 0 ? 413 : 422;
		if ((rc = admin_error(r, "file", file != NULL && file->len > 0 ?
		    "admin.catalog.err.file_big" :
		    "admin.catalog.err.file_none")) != TJG_OK)
			return rc;
		return import_form_page(r);
	}
	crypto_sha256(file->data, file->len, sha);
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	rc = store_import_save(r->db, r->network_id, arena_printf(r->a,
	    "user:%s", r->user->username), r->user->id,
	    file_name(r, file->filename), file->data, file->len, sha, &id);
	if ((rc = commit_audit(r, rc, "address.import.upload", "import", id,
	    arena_printf(r->a, "bytes=%zu", file->len))) != TJG_OK)
		return rc;
	return admin_redirect(r, NULL, "/admin/import/%lld", id);
}

/* The plan's counts as the preview's form posts them back. */
static const char *
plan_expect(struct request *r, const struct import_plan *p)
{
	return arena_printf(r->a, "%zu-%zu-%zu-%zu-%zu", p->addresses_added,
	    p->addresses_changed, p->outlets_added, p->outlets_changed,
	    p->nrejects);
}

static const char *
outlet_text(struct request *r, const struct import_outlet *y)
{
	const struct import_address *x = y->address;

	return arena_printf(r->a, "%s%s%s%s%s (%s)", y->code,
	    y->apartment != NULL ? ", " : "",
	    y->apartment != NULL ? text(r, "admin.catalog.import.apt") : "",
	    y->apartment != NULL ? " " : "",
	    y->apartment != NULL ? y->apartment : "",
	    address_text(r, x->street, x->number, x->littera, x->postcode,
	    x->city));
}

/* The changes of one address or outlet as Changes.N rows. */
static void
put_changes(struct request *r, int *rc, size_t *k, size_t line,
    const char *what, const struct import_change *c, size_t n)
{
	size_t i;

	for (i = 0; i < n && *k < PREVIEW_ROWS; i++, (*k)++) {
		hputf(r, rc, hnum(r, (long long)line), "Changes.%zu.line", *k);
		hputf(r, rc, what, "Changes.%zu.what", *k);
		hputf(r, rc, text(r, arena_printf(r->a, "admin.catalog.col.%s",
		    c[i].field)), "Changes.%zu.field", *k);
		hputf(r, rc, c[i].old, "Changes.%zu.old", *k);
		hputf(r, rc, c[i].new, "Changes.%zu.new", *k);
	}
}

/* Import.* and the preview's tables from a file and its plan. */
static int
put_plan(struct request *r, const struct import_file *f,
    const struct import_plan *p)
{
	const struct import_address *x;
	const struct import_outlet *y;
	size_t i, k;
	int rc = TJG_OK;

	if (f->fault != IMPORT_F_NONE) {
		hput(r, &rc, "Import.fault", text_v(r, arena_printf(r->a,
		    "admin.catalog.fault.%s", import_fault_name(f->fault)),
		    f->fault_value));
		return rc;
	}
	hput(r, &rc, "Import.sep", f->sep == ';' ? ";" : f->sep == ',' ? "," :
	    text(r, "admin.catalog.import.tab"));
	hput(r, &rc, "Import.cp1252", f->cp1252 ? "1" : "0");
	for (i = 0; i < f->nignored; i++)
		hputf(r, &rc, f->ignored[i], "Import.ignored.%zu", i);
	hput(r, &rc, "Import.records", hnum(r, (long long)p->records));
	hput(r, &rc, "Import.addresses_added",
	    hnum(r, (long long)p->addresses_added));
	hput(r, &rc, "Import.addresses_changed",
	    hnum(r, (long long)p->addresses_changed));
	hput(r, &rc, "Import.outlets_added",
	    hnum(r, (long long)p->outlets_added));
	hput(r, &rc, "Import.outlets_changed",
	    hnum(r, (long long)p->outlets_changed));
	hput(r, &rc, "Import.unchanged", hnum(r, (long long)p->unchanged));
	hput(r, &rc, "Import.rejected", hnum(r, (long long)p->nrejects));
	hput(r, &rc, "Import.expect", plan_expect(r, p));
	for (i = 0; i < p->nrejects && i < PREVIEW_REJECTS; i++) {
		hputf(r, &rc, hnum(r, (long long)p->rejects[i].line),
		    "Rejects.%zu.line", i);
		hputf(r, &rc, text_v(r, arena_printf(r->a,
		    "admin.catalog.why.%s", import_why_name(p->rejects[i].why)),
		    p->rejects[i].value), "Rejects.%zu.text", i);
	}
	if (p->nrejects > PREVIEW_REJECTS)
		hput(r, &rc, "Import.rejects_more",
		    hnum(r, (long long)(p->nrejects - PREVIEW_REJECTS)));
	for (i = 0, k = 0; i < p->naddresses && k < PREVIEW_ROWS; i++) {
		x = &p->addresses[i];
		if (x->action != IMPORT_ADD)
			continue;
		hputf(r, &rc, hnum(r, (long long)x->line), "Added.%zu.line", k);
		hputf(r, &rc, text(r, "admin.catalog.import.address"),
		    "Added.%zu.kind", k);
		hputf(r, &rc, address_text(r, x->street, x->number, x->littera,
		    x->postcode, x->city), "Added.%zu.text", k++);
	}
	for (i = 0; i < p->noutlets && k < PREVIEW_ROWS; i++) {
		y = &p->outlets[i];
		if (y->action != IMPORT_ADD)
			continue;
		hputf(r, &rc, hnum(r, (long long)y->line), "Added.%zu.line", k);
		hputf(r, &rc, text(r, "admin.catalog.import.outlet"),
		    "Added.%zu.kind", k);
		hputf(r, &rc, outlet_text(r, y), "Added.%zu.text", k++);
	}
	if (p->addresses_added + p->outlets_added > k)
		hput(r, &rc, "Import.added_more", hnum(r, (long long)
		    (p->addresses_added + p->outlets_added - k)));
	for (i = 0, k = 0; i < p->naddresses; i++) {
		x = &p->addresses[i];
		if (x->action == IMPORT_CHANGE)
			put_changes(r, &rc, &k, x->line, address_text(r,
			    x->street, x->number, x->littera, x->postcode,
			    x->city), x->changes, x->nchanges);
	}
	for (i = 0; i < p->noutlets; i++) {
		y = &p->outlets[i];
		if (y->action == IMPORT_CHANGE)
			put_changes(r, &rc, &k, y->line, outlet_text(r, y),
			    y->changes, y->nchanges);
	}
	if (k >= PREVIEW_ROWS)
		hput(r, &rc, "Import.changes_more", "1");
	return rc;
}

/* Import.* of the stored import rec. */
static void
put_import(struct request *r, int *rc, const struct import_rec *x)
{
	hput(r, rc, "Import.id", hnum(r, x->id));
	hput(r, rc, "Import.filename", x->filename);
	hput(r, rc, "Import.actor", x->actor);
	hput(r, rc, "Import.size", hnum(r, x->size));
	hput(r, rc, "Import.created", local_time(r, x->created_at));
	if (x->applied_at == NULL)
		return;
	hput(r, rc, "Import.applied", local_time(r, x->applied_at));
	hput(r, rc, "Import.applied_by", x->applied_by);
	hput(r, rc, "Done.addresses_added", hnum(r, x->addresses_added));
	hput(r, rc, "Done.addresses_changed", hnum(r, x->addresses_changed));
	hput(r, rc, "Done.outlets_added", hnum(r, x->outlets_added));
	hput(r, rc, "Done.outlets_changed", hnum(r, x->outlets_changed));
	hput(r, rc, "Done.unchanged", hnum(r, x->rows_unchanged));
	hput(r, rc, "Done.rejected", hnum(r, x->rows_rejected));
}

/*
 * The preview of import id as the database is now (nothing written), or
 * its result once applied. why: a text key telling why an apply failed,
 * or NULL.
 */
static int
preview_page(struct request *r, long long id, const char *why)
{
	struct import_rec x;
	struct import_file f;
	struct import_state st;
	struct import_plan p;
	int rc = TJG_OK;

	if ((rc = store_import_get(r->db, r->a, r->network_id, id, true, &x))
	    != TJG_OK)
		return rc;
	put_import(r, &rc, &x);
	if (why != NULL)
		hput(r, &rc, "Import.failed", text(r, why));
	if (rc != TJG_OK)
		return rc;
	if (x.applied_at == NULL && x.content != NULL) {
		if ((rc = import_parse(r->a, x.content, x.content_len, NULL,
		    &f)) != TJG_OK ||
		    (rc = store_import_state(r->db, r->a, r->network_id, &st))
		    != TJG_OK ||
		    (rc = import_diff(r->a, &f, &st, NULL, &p)) != TJG_OK ||
		    (rc = put_plan(r, &f, &p)) != TJG_OK)
			return rc;
	}
	return admin_render(r, "admin/import_preview.cs", "import");
}

/* GET /admin/import/ID: what applying would do, or what it did. */
int
h_admin_import_preview(struct request *r)
{
	long long id = path_id(r->args[0]);

	if (id == 0)
		return TJG_ENOTFOUND;
	return preview_page(r, id, NULL);
}

/*
 * POST /admin/import/ID/apply: in one transaction, the import row locked
 * (so it is applied once: a second apply is 409), the plan made again
 * from the database as it is, refused (409) if it is not the plan the
 * preview showed, written, the import marked applied and audited. Any
 * failure rolls everything back and says so.
 */
int
h_admin_import_apply(struct request *r)
{
	const char *expect = val(&r->p[IMPORT_APPLY_EXPECT]);
	long long id = path_id(r->args[0]);
	const char *why = NULL, *actor;
	struct import_rec x;
	struct import_file f;
	struct import_state st;
	struct import_plan p;
	bool applied;
	int rc;

	if (id == 0)
		return TJG_ENOTFOUND;
	actor = arena_printf(r->a, "user:%s", r->user->username);
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_import_lock(r->db, r->network_id, id, &applied)) !=
	    TJG_OK)
		goto fail;
	if (applied) {
		rc = TJG_ECONFLICT;
		why = "admin.catalog.import.again";
		goto fail;
	}
	if ((rc = store_import_get(r->db, r->a, r->network_id, id, true, &x))
	    != TJG_OK ||
	    (rc = import_parse(r->a, x.content != NULL ? x.content : "",
	    x.content_len, NULL, &f)) != TJG_OK ||
	    (rc = store_import_state(r->db, r->a, r->network_id, &st)) !=
	    TJG_OK ||
	    (rc = import_diff(r->a, &f, &st, NULL, &p)) != TJG_OK)
		goto fail;
	if (f.fault != IMPORT_F_NONE || x.content == NULL) {
		rc = TJG_EUNPROC;
		why = "admin.catalog.import.unusable";
		goto fail;
	}
	if (strcmp(expect, plan_expect(r, &p)) != 0) {
		rc = TJG_ECONFLICT;
		why = "admin.catalog.import.moved";
		goto fail;
	}
	if ((rc = store_import_apply(r->db, r->a, r->network_id, &p, NULL)) !=
	    TJG_OK ||
	    (rc = store_import_done(r->db, id, actor, &p)) != TJG_OK ||
	    (rc = console_audit(r, "address.import", "import", hnum(r, id),
	    arena_printf(r->a, "addresses_added=%zu addresses_changed=%zu "
	    "outlets_added=%zu outlets_changed=%zu unchanged=%zu "
	    "rejected=%zu", p.addresses_added, p.addresses_changed,
	    p.outlets_added, p.outlets_changed, p.unchanged, p.nrejects))) !=
	    TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK)
		goto fail;
	return admin_redirect(r, "imported", "/admin/import/%lld", id);
fail:
	db_rollback(r->db);
	if (rc == TJG_ENOTFOUND || rc == TJG_EUNAVAIL)
		return rc;
	/* Say what happened on the page, with the preview as it is now. */
	r->resp.status = err_status(rc);
	return preview_page(r, id, why != NULL ? why :
	    "admin.catalog.import.failed");
}
