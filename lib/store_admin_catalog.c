/*
 * Store: the console's catalogue of a network (areas, addresses,
 * outlets) and the address register imports. Every statement names the
 * network, so an id of another network is simply not found.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store.h"
#include "store_admin_catalog.h"

#define PROGRESS_EVERY	1000	/* rows written between reports */

/* Areas. */

#define AREA_COLUMNS \
    "SELECT ar.id, ar.name, ar.code, ar.active," \
    " (SELECT COUNT(*) FROM address a WHERE a.area_id = ar.id)" \
    " FROM area ar"

static const char SQL_AREA_LIST[] =
    AREA_COLUMNS " WHERE ar.network_id = ? ORDER BY ar.name, ar.id";

static const char SQL_AREA_GET[] =
    AREA_COLUMNS " WHERE ar.id = ? AND ar.network_id = ?";

/* The same comparison as the unique keys: name by collation, code exact. */
static const char SQL_AREA_TAKEN[] =
    "SELECT"
    " EXISTS (SELECT 1 FROM area WHERE network_id = ? AND id <> ?"
    "  AND name = ?),"
    " EXISTS (SELECT 1 FROM area WHERE network_id = ? AND id <> ?"
    "  AND code = ?)";

static const char SQL_AREA_UPDATE[] =
    "UPDATE area SET name = ?, code = ?, active = ?"
    " WHERE id = ? AND network_id = ?";

/* Addresses. */

#define ADDRESS_COLUMNS \
    "SELECT a.id, COALESCE(a.area_id, 0), ar.name, a.street, a.littera," \
    " a.postcode, a.city, a.external_id, a.number, a.active," \
    " (SELECT COUNT(*) FROM outlet o WHERE o.address_id = a.id)," \
    " a.created_at, a.updated_at"

/*
 * The search text matches as an address (street prefix of the
 * normalised name, number, littera, postcode as given) or as an
 * external id; the conditions of absent parts fold away.
 */
#define ADDRESS_FILTER \
    " FROM address a LEFT JOIN area ar ON ar.id = a.area_id" \
    " WHERE a.network_id = ?" \
    "  AND (? = 0" \
    "   OR (? = 1 AND a.street_norm LIKE CONCAT(?, '%')" \
    "    AND (? = 0 OR a.number = ?) AND (? = '' OR a.littera = ?)" \
    "    AND (? = '' OR a.postcode = ?))" \
    "   OR a.external_id = ?)" \
    "  AND (? = 0 OR a.area_id = ?)" \
    "  AND (? = 1 OR a.active = 1)"

static const char SQL_ADDRESS_LIST[] =
    ADDRESS_COLUMNS ADDRESS_FILTER
    " ORDER BY a.street_norm, a.number, a.littera, a.id LIMIT ? OFFSET ?";

static const char SQL_ADDRESS_COUNT[] =
    "SELECT COUNT(*)" ADDRESS_FILTER;

static const char SQL_ADDRESS_GET[] =
    ADDRESS_COLUMNS
    " FROM address a LEFT JOIN area ar ON ar.id = a.area_id"
    " WHERE a.id = ? AND a.network_id = ?";

static const char SQL_ADDRESS_EXTID_TAKEN[] =
    "SELECT EXISTS (SELECT 1 FROM address WHERE network_id = ? AND id <> ?"
    " AND external_id = ?)";

static const char SQL_ADDRESS_UPDATE[] =
    "UPDATE address SET area_id = ?, street = ?, street_norm = ?,"
    " number = ?, littera = ?, postcode = ?, city = ?, external_id = ?,"
    " active = ?, updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND network_id = ?";

/* The import leaves active alone: a deactivation in the console stands. */
static const char SQL_ADDRESS_IMPORT_UPDATE[] =
    "UPDATE address SET area_id = ?, street = ?, street_norm = ?,"
    " number = ?, littera = ?, postcode = ?, city = ?, external_id = ?,"
    " updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND network_id = ?";

/* Outlets. */

#define OUTLET_COLUMNS \
    "SELECT o.id, o.address_id, o.code, o.apartment, o.distinguisher," \
    " o.status, o.active_from," \
    " (SELECT COUNT(*) FROM orders x WHERE x.outlet_id = o.id)"

static const char SQL_OUTLET_LIST[] =
    OUTLET_COLUMNS
    " FROM outlet o WHERE o.address_id = ? AND o.network_id = ?"
    " ORDER BY o.apartment, o.code";

static const char SQL_OUTLET_GET[] =
    OUTLET_COLUMNS ", a.street, a.littera, a.postcode, a.city, a.number"
    " FROM outlet o JOIN address a ON a.id = o.address_id"
    " WHERE o.id = ? AND o.network_id = ?";

static const char SQL_OUTLET_TAKEN[] =
    "SELECT"
    " EXISTS (SELECT 1 FROM outlet WHERE network_id = ? AND id <> ?"
    "  AND code = ?),"
    " EXISTS (SELECT 1 FROM outlet WHERE address_id = ? AND id <> ?"
    "  AND apartment = ?)";

static const char SQL_OUTLET_UPDATE[] =
    "UPDATE outlet SET code = ?, apartment = ?, distinguisher = ?,"
    " status = ?, active_from = ?, updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND network_id = ?";

static const char SQL_OUTLET_IMPORT_UPDATE[] =
    "UPDATE outlet SET apartment = ?, distinguisher = ?, status = ?,"
    " active_from = ?, updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND network_id = ?";

/* Imports. */

static const char SQL_IMPORT_SAVE[] =
    "INSERT INTO address_import (network_id, actor, user_id, filename,"
    " size, sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?)";

#define IMPORT_COLUMNS \
    "SELECT id, actor, filename, size, created_at, applied_at, applied_by," \
    " addresses_added, addresses_changed, outlets_added, outlets_changed," \
    " rows_unchanged, rows_rejected"

static const char SQL_IMPORT_GET[] =
    IMPORT_COLUMNS ", IF(? = 1, content, NULL)"
    " FROM address_import WHERE id = ? AND network_id = ?";

static const char SQL_IMPORT_LIST[] =
    IMPORT_COLUMNS " FROM address_import WHERE network_id = ?"
    " ORDER BY id DESC LIMIT ?";

static const char SQL_IMPORT_LOCK[] =
    "SELECT applied_at IS NOT NULL FROM address_import"
    " WHERE id = ? AND network_id = ? FOR UPDATE";

static const char SQL_IMPORT_DONE[] =
    "UPDATE address_import SET applied_at = UTC_TIMESTAMP(6),"
    " applied_by = ?, addresses_added = ?, addresses_changed = ?,"
    " outlets_added = ?, outlets_changed = ?, rows_unchanged = ?,"
    " rows_rejected = ? WHERE id = ? AND applied_at IS NULL";

static const char SQL_NETWORK_BY_SLUG[] =
    "SELECT id FROM network WHERE slug = ?";

static const char SQL_NETWORK_FIRST_TWO[] =
    "SELECT id FROM network ORDER BY id LIMIT 2";

static const char SQL_STATE_AREAS[] =
    "SELECT id, name, active FROM area WHERE network_id = ? ORDER BY id";

static const char SQL_STATE_ADDRESSES[] =
    "SELECT id, COALESCE(area_id, 0), street, street_norm, littera,"
    " postcode, city, external_id, number"
    " FROM address WHERE network_id = ? ORDER BY id";

static const char SQL_STATE_OUTLETS[] =
    "SELECT id, address_id, code, apartment, distinguisher, status,"
    " active_from FROM outlet WHERE network_id = ? ORDER BY id";

static struct db_arg
id_or_null(long long id)
{
	return id > 0 ? DB_INT(id) : DB_NULL;
}

/* Two EXISTS columns into *x and *y (either may be NULL). */
static int
two_flags(struct db *db, const char *sql, const struct db_arg *args,
    size_t nargs, bool *x, bool *y)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_exec(db, sql, args, nargs, &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		if (x != NULL)
			*x = db_int(st, 0) != 0;
		if (y != NULL)
			*y = db_ncols(st) > 1 && db_int(st, 1) != 0;
	}
	db_done(st);
	return rc;
}

static void
area_row(struct arena *a, struct db_stmt *st, struct area_row *r)
{
	r->id = db_int(st, 0);
	r->name = db_strdup(a, st, 1);
	r->code = db_strdup(a, st, 2);
	r->active = db_int(st, 3) != 0;
	r->addresses = db_int(st, 4);
}

int
store_area_list(struct db *db, struct arena *a, long long network,
    struct area_row **out, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_AREA_LIST, DB_ARGS(DB_INT(network)), &st)) !=
	    TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		area_row(a, st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc;
}

int
store_area_get(struct db *db, struct arena *a, long long network,
    long long id, struct area_row *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_AREA_GET, DB_ARGS(DB_INT(id),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		area_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_area_taken(struct db *db, long long network, long long except,
    const char *name, const char *code, bool *name_taken, bool *code_taken)
{
	*name_taken = *code_taken = false;
	return two_flags(db, SQL_AREA_TAKEN, DB_ARGS(DB_INT(network),
	    DB_INT(except), DB_TEXT(name), DB_INT(network), DB_INT(except),
	    DB_TEXT(code)), name_taken, code_taken);
}

int
store_area_update(struct db *db, long long network, long long id,
    const char *name, const char *code, bool active)
{
	return db_run(db, SQL_AREA_UPDATE, DB_ARGS(DB_TEXT(name),
	    DB_TEXT(code), DB_INT(active ? 1 : 0), DB_INT(id),
	    DB_INT(network)), NULL, NULL);
}

static void
address_row(struct arena *a, struct db_stmt *st, struct admin_address *x)
{
	x->id = db_int(st, 0);
	x->area_id = db_int(st, 1);
	x->area_name = db_strdup(a, st, 2);
	x->street = db_strdup(a, st, 3);
	x->littera = db_strdup(a, st, 4);
	x->postcode = db_strdup(a, st, 5);
	x->city = db_strdup(a, st, 6);
	x->external_id = db_strdup(a, st, 7);
	x->number = (int)db_int(st, 8);
	x->active = db_int(st, 9) != 0;
	x->outlets = db_int(st, 10);
	x->created_at = db_strdup(a, st, 11);
	x->updated_at = db_strdup(a, st, 12);
}

int
store_address_admin_list(struct db *db, struct arena *a, long long network,
    const struct address_filter *f, size_t offset, size_t limit,
    struct admin_address **out, size_t *n, long long *total)
{
	const struct addr_query *q = f->q;
	const char *street = q != NULL && q->street != NULL ? q->street : "";
	const char *postcode = q != NULL ? q->postcode : "";
	char lit[2] = { q != NULL ? q->littera : 0, '\0' };
	long long number = q != NULL ? q->number : 0;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	/* The two statements bind the same filter; only the tail differs. */
#define FILTER_ARGS \
	DB_INT(network), DB_INT(f->text != NULL), DB_INT(q != NULL), \
	DB_TEXT(street), DB_INT(number), DB_INT(number), DB_TEXT(lit), \
	DB_TEXT(lit), DB_TEXT(postcode), DB_TEXT(postcode), \
	DB_TEXT(f->text != NULL ? f->text : ""), DB_INT(f->area), \
	DB_INT(f->area), DB_INT(f->inactive ? 1 : 0)
	if ((rc = db_exec(db, SQL_ADDRESS_COUNT, DB_ARGS(FILTER_ARGS), &st)) !=
	    TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*total = db_int(st, 0);
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_ADDRESS_LIST, DB_ARGS(FILTER_ARGS,
	    DB_INT((long long)limit), DB_INT((long long)offset)), &st)) !=
	    TJG_OK)
		return rc;
#undef FILTER_ARGS
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		address_row(a, st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc;
}

int
store_address_admin_get(struct db *db, struct arena *a, long long network,
    long long id, struct admin_address *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_ADDRESS_GET, DB_ARGS(DB_INT(id),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		address_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_address_extid_taken(struct db *db, long long network, long long except,
    const char *ext, bool *taken)
{
	*taken = false;
	return two_flags(db, SQL_ADDRESS_EXTID_TAKEN, DB_ARGS(DB_INT(network),
	    DB_INT(except), DB_TEXT(ext)), taken, NULL);
}

int
store_address_admin_insert(struct db *db, struct arena *a, long long network,
    const struct admin_address *x, long long *id)
{
	struct new_address n;

	memset(&n, 0, sizeof(n));
	n.network = network;
	n.area = x->area_id;
	n.street = x->street;
	n.number = x->number;
	n.littera = x->littera;
	n.postcode = x->postcode;
	n.city = x->city;
	n.external_id = x->external_id;
	return store_address_insert(db, a, &n, id);
}

int
store_address_admin_update(struct db *db, struct arena *a, long long network,
    const struct admin_address *x)
{
	const char *norm = addr_norm(a, x->street);

	if (norm == NULL || *norm == '\0')
		return TJG_EINVAL;
	return db_run(db, SQL_ADDRESS_UPDATE, DB_ARGS(id_or_null(x->area_id),
	    DB_TEXT(x->street), DB_TEXT(norm), DB_INT(x->number),
	    DB_TEXT(x->littera != NULL ? x->littera : ""),
	    DB_TEXT(x->postcode), DB_TEXT(x->city), DB_TEXT(x->external_id),
	    DB_INT(x->active ? 1 : 0), DB_INT(x->id), DB_INT(network)), NULL,
	    NULL);
}

static void
outlet_row(struct arena *a, struct db_stmt *st, struct admin_outlet *x)
{
	x->id = db_int(st, 0);
	x->address_id = db_int(st, 1);
	x->code = db_strdup(a, st, 2);
	x->apartment = db_strdup(a, st, 3);
	x->distinguisher = db_strdup(a, st, 4);
	x->status = db_strdup(a, st, 5);
	x->active_from = db_strdup(a, st, 6);
	x->orders = db_int(st, 7);
}

int
store_outlet_admin_list(struct db *db, struct arena *a, long long network,
    long long address, struct admin_outlet **out, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_OUTLET_LIST, DB_ARGS(DB_INT(address),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		outlet_row(a, st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc;
}

int
store_outlet_admin_get(struct db *db, struct arena *a, long long network,
    long long id, struct admin_outlet *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_OUTLET_GET, DB_ARGS(DB_INT(id),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		outlet_row(a, st, out);
		out->street = db_strdup(a, st, 8);
		out->littera = db_strdup(a, st, 9);
		out->postcode = db_strdup(a, st, 10);
		out->city = db_strdup(a, st, 11);
		out->number = (int)db_int(st, 12);
	}
	db_done(st);
	return rc;
}

int
store_outlet_taken(struct db *db, long long network, long long except,
    long long address, const char *code, const char *apartment,
    bool *code_taken, bool *apartment_taken)
{
	*code_taken = *apartment_taken = false;
	return two_flags(db, SQL_OUTLET_TAKEN, DB_ARGS(DB_INT(network),
	    DB_INT(except), DB_TEXT(code), DB_INT(address), DB_INT(except),
	    DB_TEXT(apartment)), code_taken, apartment_taken);
}

int
store_outlet_admin_insert(struct db *db, long long network,
    const struct admin_outlet *x, long long *id)
{
	struct new_outlet n;

	memset(&n, 0, sizeof(n));
	n.address = x->address_id;
	n.network = network;
	n.code = x->code;
	n.apartment = x->apartment;
	n.status = x->status;
	n.active_from = x->active_from;
	n.distinguisher = x->distinguisher;
	return store_outlet_insert(db, &n, id);
}

int
store_outlet_admin_update(struct db *db, long long network,
    const struct admin_outlet *x)
{
	return db_run(db, SQL_OUTLET_UPDATE, DB_ARGS(DB_TEXT(x->code),
	    DB_TEXT(x->apartment), DB_TEXT(x->distinguisher),
	    DB_TEXT(x->status), DB_TEXT(x->active_from), DB_INT(x->id),
	    DB_INT(network)), NULL, NULL);
}

int
store_import_save(struct db *db, long long network, const char *actor,
    long long user_id, const char *filename, const void *content,
    size_t len, const unsigned char *sha256, long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_IMPORT_SAVE, DB_ARGS(DB_INT(network),
	    DB_TEXT(actor), id_or_null(user_id),
	    DB_TEXT(filename != NULL ? filename : ""),
	    DB_INT((long long)len), DB_BLOB(sha256, 32),
	    content != NULL ? DB_BLOB(content, len) : DB_NULL), NULL, &nid);
	if (rc == TJG_OK)
		*id = (long long)nid;
	return rc;
}

static void
import_row(struct arena *a, struct db_stmt *st, struct import_rec *x)
{
	x->id = db_int(st, 0);
	x->actor = db_strdup(a, st, 1);
	x->filename = db_strdup(a, st, 2);
	x->size = db_int(st, 3);
	x->created_at = db_strdup(a, st, 4);
	x->applied_at = db_strdup(a, st, 5);
	x->applied_by = db_strdup(a, st, 6);
	x->addresses_added = db_int(st, 7);
	x->addresses_changed = db_int(st, 8);
	x->outlets_added = db_int(st, 9);
	x->outlets_changed = db_int(st, 10);
	x->rows_unchanged = db_int(st, 11);
	x->rows_rejected = db_int(st, 12);
}

int
store_import_get(struct db *db, struct arena *a, long long network,
    long long id, bool with_content, struct import_rec *out)
{
	struct db_stmt *st;
	const char *p;
	size_t len;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_IMPORT_GET, DB_ARGS(
	    DB_INT(with_content ? 1 : 0), DB_INT(id), DB_INT(network)), &st))
	    != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		import_row(a, st, out);
		if ((p = db_text(st, 13, &len)) != NULL) {
			out->content = arena_strndup(a, p, len);
			out->content_len = len;
		}
	}
	db_done(st);
	return rc;
}

int
store_import_list(struct db *db, struct arena *a, long long network,
    size_t limit, struct import_rec **out, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_IMPORT_LIST, DB_ARGS(DB_INT(network),
	    DB_INT((long long)limit)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		import_row(a, st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc;
}

int
store_import_lock(struct db *db, long long network, long long id,
    bool *applied)
{
	struct db_stmt *st;
	int rc;

	*applied = false;
	if ((rc = db_exec(db, SQL_IMPORT_LOCK, DB_ARGS(DB_INT(id),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*applied = db_int(st, 0) != 0;
	db_done(st);
	return rc;
}

int
store_import_done(struct db *db, long long id, const char *actor,
    const struct import_plan *p)
{
	unsigned long long n = 0;
	int rc;

	rc = db_run(db, SQL_IMPORT_DONE, DB_ARGS(DB_TEXT(actor),
	    DB_INT((long long)p->addresses_added),
	    DB_INT((long long)p->addresses_changed),
	    DB_INT((long long)p->outlets_added),
	    DB_INT((long long)p->outlets_changed),
	    DB_INT((long long)p->unchanged), DB_INT((long long)p->nrejects),
	    DB_INT(id)), &n, NULL);
	if (rc == TJG_OK && n != 1)
		rc = TJG_ECONFLICT;	/* applied meanwhile */
	return rc;
}

int
store_import_network(struct db *db, const char *slug, long long *id)
{
	struct db_stmt *st;
	size_t n = 0;
	bool row;
	int rc;

	*id = 0;
	if (slug != NULL)
		rc = db_exec(db, SQL_NETWORK_BY_SLUG, DB_ARGS(DB_TEXT(slug)),
		    &st);
	else
		rc = db_exec(db, SQL_NETWORK_FIRST_TWO, DB_NOARGS, &st);
	if (rc != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row)
		if (n++ == 0)
			*id = db_int(st, 0);
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	return n == 0 ? TJG_ENOTFOUND : n > 1 ? TJG_ECONFLICT : TJG_OK;
}

int
store_import_state(struct db *db, struct arena *a, long long network,
    struct import_state *out)
{
	struct import_db_address *x;
	struct import_db_outlet *o;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_STATE_AREAS, DB_ARGS(DB_INT(network)), &st))
	    != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		out->areas = arena_grow(a, out->areas, out->nareas, &cap,
		    sizeof(*out->areas));
		out->areas[out->nareas].id = db_int(st, 0);
		out->areas[out->nareas].name = db_strdup(a, st, 1);
		out->areas[out->nareas++].active = db_int(st, 2) != 0;
	}
	db_done(st);
	if (rc != TJG_OK)
		return rc;

	cap = 0;
	if ((rc = db_exec(db, SQL_STATE_ADDRESSES, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		out->addresses = arena_grow(a, out->addresses,
		    out->naddresses, &cap, sizeof(*out->addresses));
		x = &out->addresses[out->naddresses++];
		x->id = db_int(st, 0);
		x->area_id = db_int(st, 1);
		x->street = db_strdup(a, st, 2);
		x->street_norm = db_strdup(a, st, 3);
		x->littera = db_strdup(a, st, 4);
		x->postcode = db_strdup(a, st, 5);
		x->city = db_strdup(a, st, 6);
		x->external_id = db_strdup(a, st, 7);
		x->number = (int)db_int(st, 8);
	}
	db_done(st);
	if (rc != TJG_OK)
		return rc;

	cap = 0;
	if ((rc = db_exec(db, SQL_STATE_OUTLETS, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		out->outlets = arena_grow(a, out->outlets, out->noutlets, &cap,
		    sizeof(*out->outlets));
		o = &out->outlets[out->noutlets++];
		o->id = db_int(st, 0);
		o->address_id = db_int(st, 1);
		o->code = db_strdup(a, st, 2);
		o->apartment = db_strdup(a, st, 3);
		o->distinguisher = db_strdup(a, st, 4);
		o->status = db_strdup(a, st, 5);
		o->active_from = db_strdup(a, st, 6);
	}
	db_done(st);
	return rc;
}

int
store_import_apply(struct db *db, struct arena *a, long long network,
    struct import_plan *p, const struct import_progress *pr)
{
	size_t i, done = 0, total = p->naddresses + p->noutlets;
	struct import_address *x;
	struct import_outlet *y;
	struct new_address na;
	struct new_outlet no;
	int rc = TJG_OK;

	for (i = 0; i < p->naddresses && rc == TJG_OK; i++, done++) {
		x = &p->addresses[i];
		if (x->action == IMPORT_ADD) {
			memset(&na, 0, sizeof(na));
			na.network = network;
			na.area = x->area_id;
			na.street = x->street;
			na.number = x->number;
			na.littera = x->littera;
			na.postcode = x->postcode;
			na.city = x->city;
			na.external_id = x->external_id;
			rc = store_address_insert(db, a, &na, &x->id);
		} else if (x->action == IMPORT_CHANGE)
			rc = db_run(db, SQL_ADDRESS_IMPORT_UPDATE, DB_ARGS(
			    id_or_null(x->area_id), DB_TEXT(x->street),
			    DB_TEXT(x->street_norm), DB_INT(x->number),
			    DB_TEXT(x->littera), DB_TEXT(x->postcode),
			    DB_TEXT(x->city), DB_TEXT(x->external_id),
			    DB_INT(x->id), DB_INT(network)), NULL, NULL);
		if (pr != NULL && pr->fn != NULL && done % PROGRESS_EVERY == 0)
			pr->fn(pr->ctx, "write", done, total);
	}
	for (i = 0; i < p->noutlets && rc == TJG_OK; i++, done++) {
		y = &p->outlets[i];
		if (y->action == IMPORT_ADD) {
			memset(&no, 0, sizeof(no));
			no.address = y->address->id;
			no.network = network;
			no.code = y->code;
			no.apartment = y->apartment;
			no.status = y->status;
			no.active_from = y->active_from;
			no.distinguisher = y->distinguisher;
			rc = store_outlet_insert(db, &no, &y->id);
		} else if (y->action == IMPORT_CHANGE)
			rc = db_run(db, SQL_OUTLET_IMPORT_UPDATE, DB_ARGS(
			    DB_TEXT(y->apartment), DB_TEXT(y->distinguisher),
			    DB_TEXT(y->status), DB_TEXT(y->active_from),
			    DB_INT(y->id), DB_INT(network)), NULL, NULL);
		if (pr != NULL && pr->fn != NULL && done % PROGRESS_EVERY == 0)
			pr->fn(pr->ctx, "write", done, total);
	}
	if (rc == TJG_OK && pr != NULL && pr->fn != NULL)
		pr->fn(pr->ctx, "write", total, total);
	return rc;
}
