/*
 * Store: the contact register (table contact, and contact_review_mail
 * for the review mails), with the pure helpers of its dates and forms.
 * Times are UTC; the rules take "now" and "today" as bound parameters
 * (clock_now()), never UTC_TIMESTAMP(), so tests can move the clock.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "err.h"
#include "store_console.h"
#include "store_contact.h"

#define UTC(col)	" DATE_FORMAT(" col ", '%Y-%m-%d %H:%i:%s')"

/*
 * The columns read by contact_row(); two parameters: purge_days (for the
 * day of removal of a flagged contact) and today (is it due).
 */
#define CONTACT_COLUMNS \
    "SELECT c.id, COALESCE(c.network_id, 0), COALESCE(c.provider_id, 0)," \
    " COALESCE(p.name, n.name), c.first_name, c.last_name, c.username," \
    " c.email, c.phone, c.role, ua.username," UTC("c.created_at") "," \
    " uc.username," UTC("c.confirmed_at") "," \
    " DATE_FORMAT(c.review_due, '%Y-%m-%d')," UTC("c.flagged_at") "," \
    " DATE_FORMAT(c.flagged_at + INTERVAL ? DAY, '%Y-%m-%d')," \
    " c.review_due <= CAST(? AS DATE), COALESCE(lu.id, 0), lu.username" \
    " FROM contact c" \
    " LEFT JOIN network n ON n.id = c.network_id" \
    " LEFT JOIN provider p ON p.id = c.provider_id" \
    " LEFT JOIN app_user ua ON ua.id = c.added_by" \
    " LEFT JOIN app_user uc ON uc.id = c.confirmed_by" \
    " LEFT JOIN app_user lu ON lu.id =" \
    "  (SELECT MIN(x.id) FROM app_user x WHERE x.contact_id = c.id)"

/* The contacts a network's console sees: its own and its providers'. */
#define OF_NETWORK \
    " (c.network_id = ? OR c.provider_id IN (SELECT pn.provider_id" \
    "  FROM provider_network pn WHERE pn.network_id = ? AND pn.active = 1))"

static const char SQL_CONTACT_LIST[] =
    CONTACT_COLUMNS
    " WHERE" OF_NETWORK
    "  AND (? < 0 OR (? = 0 AND c.network_id IS NOT NULL)"
    "   OR c.provider_id = ?)"
    "  AND (? IS NULL OR c.role = ?)"
    "  AND (? IS NULL OR CONCAT_WS(' ', c.first_name, c.last_name,"
    "   c.username, c.email) LIKE ?)"
    "  AND (? = 0 OR c.review_due <= CAST(? AS DATE))"
    " ORDER BY CASE WHEN ? = 1 THEN c.review_due END,"
    "  c.network_id IS NULL, COALESCE(p.name, n.name), c.provider_id,"
    "  c.last_name, c.first_name, c.id"
    " LIMIT ?";

static const char SQL_CONTACT_GET[] =
    CONTACT_COLUMNS
    " WHERE c.id = ? AND" OF_NETWORK;

static const char SQL_CONTACT_OF_ORG[] =
    CONTACT_COLUMNS
    " WHERE c.network_id <=> ? AND c.provider_id <=> ?"
    "  AND (? = 0 OR c.review_due <= CAST(? AS DATE))"
    "  AND (? IS NULL OR c.role = ?)"
    " ORDER BY CASE WHEN ? = 1 THEN c.review_due END,"
    "  c.last_name, c.first_name, c.id"
    " LIMIT ?";

static const char SQL_CONTACT_ORGS[] =
    "SELECT o.id, o.name, o.active, o.responsible FROM ("
    " SELECT 0 AS id, n.name AS name, 1 AS active,"
    "  (SELECT COUNT(*) FROM contact c WHERE c.network_id = n.id"
    "   AND c.role = 'admin') AS responsible"
    " FROM network n WHERE n.id = ?"
    " UNION ALL"
    " SELECT p.id, p.name, p.active,"
    "  (SELECT COUNT(*) FROM contact c WHERE c.provider_id = p.id"
    "   AND c.role = 'admin')"
    " FROM provider_network pn JOIN provider p ON p.id = pn.provider_id"
    " WHERE pn.network_id = ? AND pn.active = 1"
    ") o ORDER BY o.id <> 0, o.name, o.id";

static const char SQL_CONTACT_USERS[] =
    "SELECT u.id, u.username, u.role, COALESCE(u.provider_id, 0), p.name,"
    " COALESCE(u.contact_id, 0), u.disabled"
    " FROM app_user u LEFT JOIN provider p ON p.id = u.provider_id"
    " WHERE u.network_id = ?"
    " ORDER BY u.provider_id IS NOT NULL, p.name, u.username";

static const char SQL_CONTACT_INSERT[] =
    "INSERT INTO contact (network_id, provider_id, first_name, last_name,"
    " username, email, phone, role, added_by, review_due, created_at,"
    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_CONTACT_UPDATE[] =
    "UPDATE contact SET first_name = ?, last_name = ?, username = ?,"
    " email = ?, phone = ?, role = ?, updated_at = ? WHERE id = ?";

static const char SQL_CONTACT_UNLINK[] =
    "UPDATE app_user SET contact_id = NULL"
    " WHERE contact_id = ? AND id <> ?";

static const char SQL_CONTACT_LINK[] =
    "UPDATE app_user SET contact_id = ? WHERE id = ? AND network_id = ?";

static const char SQL_CONTACT_LINKED[] =
    "SELECT COUNT(*) FROM app_user WHERE id = ? AND network_id = ?"
    " AND contact_id = ?";

static const char SQL_CONTACT_CONFIRM[] =
    "UPDATE contact SET confirmed_by = ?, confirmed_at = ?,"
    " review_due = CAST(? AS DATE), flagged_at = NULL, updated_at = ?"
    " WHERE id = ?";

static const char SQL_CONTACT_LOCK[] =
    "SELECT COALESCE(c.network_id, 0), COALESCE(c.provider_id, 0),"
    " c.role = 'admin', c.network_id IS NOT NULL OR p.active = 1"
    " FROM contact c LEFT JOIN provider p ON p.id = c.provider_id"
    " WHERE c.id = ? FOR UPDATE";

static const char SQL_CONTACT_OTHERS[] =
    "SELECT id FROM contact WHERE network_id <=> ? AND provider_id <=> ?"
    " AND role = 'admin' AND id <> ? FOR UPDATE";

static const char SQL_CONTACT_USERS_OF[] =
    "SELECT id, username FROM app_user WHERE contact_id = ? FOR UPDATE";

static const char SQL_CONTACT_USER_DISABLE[] =
    "UPDATE app_user SET disabled = 1, contact_id = NULL, updated_at = ?"
    " WHERE id = ?";

static const char SQL_CONTACT_DELETE[] =
    "DELETE FROM contact WHERE id = ?";

static const char SQL_CONTACT_OVERDUE[] =
    "SELECT id, COALESCE(network_id, 0), COALESCE(provider_id, 0)"
    " FROM contact WHERE flagged_at IS NULL"
    " AND review_due < CAST(? AS DATE) - INTERVAL ? DAY"
    " ORDER BY review_due, id LIMIT ?";

static const char SQL_CONTACT_FLAG[] =
    "UPDATE contact SET flagged_at = ?, updated_at = ?"
    " WHERE id = ? AND flagged_at IS NULL"
    " AND review_due < CAST(? AS DATE) - INTERVAL ? DAY";

static const char SQL_CONTACT_EXPIRED[] =
    "SELECT id, COALESCE(network_id, 0), COALESCE(provider_id, 0)"
    " FROM contact WHERE flagged_at IS NOT NULL"
    " AND flagged_at <= CAST(? AS DATETIME) - INTERVAL ? DAY"
    " ORDER BY flagged_at, id LIMIT ?";

static const char SQL_CONTACT_LOCK_EXPIRED[] =
    "SELECT id FROM contact WHERE id = ? AND flagged_at IS NOT NULL"
    " AND flagged_at <= CAST(? AS DATETIME) - INTERVAL ? DAY FOR UPDATE";

static const char SQL_CONTACT_DUE_ORGS[] =
    "SELECT COALESCE(c.network_id, 0), COALESCE(c.provider_id, 0),"
    " COALESCE(n.slug, p.slug), COALESCE(n.name, p.name), COUNT(*)"
    " FROM contact c"
    " LEFT JOIN network n ON n.id = c.network_id"
    " LEFT JOIN provider p ON p.id = c.provider_id"
    " WHERE c.review_due <= CAST(? AS DATE)"
    " GROUP BY c.network_id, c.provider_id, n.slug, p.slug, n.name, p.name"
    " ORDER BY c.network_id IS NULL, COALESCE(n.slug, p.slug)";

static const char SQL_CONTACT_REVIEW_MAILED[] =
    "INSERT INTO contact_review_mail (owner_kind, owner_id, day, contacts,"
    " recipients) VALUES (?, ?, CAST(? AS DATE), ?, ?)";

static const char SQL_CONTACT_REVIEW_FORGET[] =
    "DELETE FROM contact_review_mail"
    " WHERE day < CAST(? AS DATE) - INTERVAL ? DAY";

static struct db_arg
opt_int(long long v)
{
	return v != 0 ? DB_INT(v) : DB_NULL;
}

static void
contact_row(struct arena *a, struct db_stmt *st, struct contact *c)
{
	c->id = db_int(st, 0);
	c->network_id = db_int(st, 1);
	c->provider_id = db_int(st, 2);
	c->owner_name = db_strdup(a, st, 3);
	c->first_name = db_strdup(a, st, 4);
	c->last_name = db_strdup(a, st, 5);
	c->username = db_strdup(a, st, 6);
	c->email = db_strdup(a, st, 7);
	c->phone = db_strdup(a, st, 8);
	c->role = db_strdup(a, st, 9);
	c->added_by = db_strdup(a, st, 10);
	c->added_at = db_strdup(a, st, 11);
	c->confirmed_by = db_strdup(a, st, 12);
	c->confirmed_at = db_strdup(a, st, 13);
	c->review_due = db_strdup(a, st, 14);
	c->flagged_at = db_strdup(a, st, 15);
	c->purge_on = db_strdup(a, st, 16);
	c->due = db_int(st, 17) != 0;
	c->user_id = db_int(st, 18);
	c->user_name = db_strdup(a, st, 19);
}

/* Reads every row of st (at most CONTACT_LIST_MAX) and finishes it. */
static int
contact_rows(struct arena *a, struct db_stmt *st, struct contact **out,
    size_t *n)
{
	struct contact *v;
	bool row;
	int rc = TJG_OK;

	v = arena_calloc(a, CONTACT_LIST_MAX, sizeof(*v));
	while (*n < CONTACT_LIST_MAX && (rc = db_next(st, &row)) == TJG_OK &&
	    row)
		contact_row(a, st, &v[(*n)++]);
	db_done(st);
	if (rc != TJG_OK) {
		*n = 0;
		return rc;
	}
	*out = v;
	return TJG_OK;
}

int
store_contact_list(struct db *db, struct arena *a,
    const struct contact_filter *f, struct contact **out, size_t *n)
{
	struct db_stmt *st;
	const char *like = f->q != NULL ? contact_like(a, f->q) : NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_CONTACT_LIST, DB_ARGS(
	    DB_INT(f->purge_days), DB_TEXT(f->today),
	    DB_INT(f->network), DB_INT(f->network),
	    DB_INT(f->owner), DB_INT(f->owner), DB_INT(f->owner),
	    DB_TEXT(f->role), DB_TEXT(f->role),
	    DB_TEXT(like), DB_TEXT(like),
	    DB_INT(f->due_only ? 1 : 0), DB_TEXT(f->today),
	    DB_INT(f->due_only ? 1 : 0), DB_INT(CONTACT_LIST_MAX)), &st)) !=
	    TJG_OK)
		return rc;
	return contact_rows(a, st, out, n);
}

int
store_contact_get(struct db *db, struct arena *a, long long network,
    const char *today, int purge_days, long long id, struct contact *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_CONTACT_GET, DB_ARGS(DB_INT(purge_days),
	    DB_TEXT(today), DB_INT(id), DB_INT(network), DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		contact_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_contact_of_org(struct db *db, struct arena *a, long long network_id,
    long long provider_id, const char *today, int purge_days, bool due_only,
    const char *role, struct contact **out, size_t *n)
{
	struct db_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_CONTACT_OF_ORG, DB_ARGS(DB_INT(purge_days),
	    DB_TEXT(today), opt_int(network_id), opt_int(provider_id),
	    DB_INT(due_only ? 1 : 0), DB_TEXT(today), DB_TEXT(role),
	    DB_TEXT(role), DB_INT(due_only ? 1 : 0),
	    DB_INT(CONTACT_LIST_MAX)), &st)) != TJG_OK)
		return rc;
	return contact_rows(a, st, out, n);
}

int
store_contact_orgs(struct db *db, struct arena *a, long long network,
    struct contact_org **out, size_t *n)
{
	struct contact_org *v = NULL, *o;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_CONTACT_ORGS, DB_ARGS(DB_INT(network),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (*n == cap) {
			o = arena_calloc(a, cap = cap * 2 + 16, sizeof(*o));
			if (*n > 0)
				memcpy(o, v, *n * sizeof(*o));
			v = o;
		}
		o = &v[(*n)++];
		o->provider_id = db_int(st, 0);
		o->name = db_strdup(a, st, 1);
		o->active = db_int(st, 2) != 0;
		o->responsible = db_int(st, 3);
	}
	db_done(st);
	if (rc != TJG_OK) {
		*n = 0;
		return rc;
	}
	*out = v;
	return TJG_OK;
}

int
store_contact_users(struct db *db, struct arena *a, long long network,
    struct contact_user **out, size_t *n)
{
	struct contact_user *v = NULL, *u;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_CONTACT_USERS, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (*n == cap) {
			u = arena_calloc(a, cap = cap * 2 + 16, sizeof(*u));
			if (*n > 0)
				memcpy(u, v, *n * sizeof(*u));
			v = u;
		}
		u = &v[(*n)++];
		u->id = db_int(st, 0);
		u->username = db_strdup(a, st, 1);
		u->role = db_strdup(a, st, 2);
		u->provider_id = db_int(st, 3);
		u->provider_name = db_strdup(a, st, 4);
		u->contact_id = db_int(st, 5);
		u->disabled = db_int(st, 6) != 0;
	}
	db_done(st);
	if (rc != TJG_OK) {
		*n = 0;
		return rc;
	}
	*out = v;
	return TJG_OK;
}

int
store_contact_insert(struct db *db, const struct contact_new *c,
    long long *id)
{
	unsigned long long newid = 0;
	int rc;

	if ((rc = db_run(db, SQL_CONTACT_INSERT, DB_ARGS(
	    opt_int(c->network_id), opt_int(c->provider_id),
	    DB_TEXT(c->first_name), DB_TEXT(c->last_name),
	    DB_TEXT(c->username), DB_TEXT(c->email), DB_TEXT(c->phone),
	    DB_TEXT(c->role), opt_int(c->added_by), DB_TEXT(c->review_due),
	    DB_TEXT(c->now), DB_TEXT(c->now)), NULL, &newid)) != TJG_OK)
		return rc;
	*id = (long long)newid;
	return TJG_OK;
}

int
store_contact_update(struct db *db, long long id, const struct contact_new *c)
{
	return db_run(db, SQL_CONTACT_UPDATE, DB_ARGS(DB_TEXT(c->first_name),
	    DB_TEXT(c->last_name), DB_TEXT(c->username), DB_TEXT(c->email),
	    DB_TEXT(c->phone), DB_TEXT(c->role), DB_TEXT(c->now), DB_INT(id)),
	    NULL, NULL);
}

int
store_contact_link(struct db *db, long long network, long long id,
    long long user_id)
{
	struct db_stmt *st;
	long long linked = 0;
	int rc;

	if ((rc = db_run(db, SQL_CONTACT_UNLINK, DB_ARGS(DB_INT(id),
	    DB_INT(user_id)), NULL, NULL)) != TJG_OK || user_id == 0)
		return rc;
	/* Affected rows are 0 when it was linked already: ask instead. */
	if ((rc = db_run(db, SQL_CONTACT_LINK, DB_ARGS(DB_INT(id),
	    DB_INT(user_id), DB_INT(network)), NULL, NULL)) != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_CONTACT_LINKED, DB_ARGS(DB_INT(user_id),
	    DB_INT(network), DB_INT(id)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		linked = db_int(st, 0);
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	return linked == 1 ? TJG_OK : TJG_ENOTFOUND;
}

int
store_contact_confirm(struct db *db, long long id, long long user,
    const char *now, const char *review_due)
{
	unsigned long long n = 0;
	int rc;

	if ((rc = db_run(db, SQL_CONTACT_CONFIRM, DB_ARGS(opt_int(user),
	    DB_TEXT(now), DB_TEXT(review_due), DB_TEXT(now), DB_INT(id)), &n,
	    NULL)) != TJG_OK)
		return rc;
	return n == 1 ? TJG_OK : TJG_ENOTFOUND;
}

int
store_contact_lock(struct db *db, long long id, bool *responsible,
    long long *others, bool *org_active)
{
	struct db_stmt *st;
	long long network = 0, provider = 0;
	bool row;
	int rc;

	*responsible = *org_active = false;
	*others = 0;
	if ((rc = db_exec(db, SQL_CONTACT_LOCK, DB_ARGS(DB_INT(id)), &st)) !=
	    TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		network = db_int(st, 0);
		provider = db_int(st, 1);
		*responsible = db_int(st, 2) != 0;
		*org_active = db_int(st, 3) != 0;
	}
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_CONTACT_OTHERS, DB_ARGS(opt_int(network),
	    opt_int(provider), DB_INT(id)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row)
		(*others)++;
	db_done(st);
	return rc;
}

int
store_contact_remove(struct db *db, struct arena *a, long long id,
    const char *now, struct contact_disabled **users, size_t *n)
{
	struct contact_disabled *v = NULL, *u;
	struct db_stmt *st;
	unsigned long long gone = 0;
	size_t i, cap = 0;
	bool row;
	int rc;

	*users = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_CONTACT_USERS_OF, DB_ARGS(DB_INT(id)),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (*n == cap) {
			u = arena_calloc(a, cap = cap * 2 + 4, sizeof(*u));
			if (*n > 0)
				memcpy(u, v, *n * sizeof(*u));
			v = u;
		}
		u = &v[(*n)++];
		u->id = db_int(st, 0);
		u->username = db_strdup(a, st, 1);
	}
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	for (i = 0; i < *n; i++)
		if ((rc = db_run(db, SQL_CONTACT_USER_DISABLE, DB_ARGS(
		    DB_TEXT(now), DB_INT(v[i].id)), NULL, NULL)) != TJG_OK ||
		    (rc = store_session_delete_user(db, v[i].id)) != TJG_OK)
			return rc;
	if ((rc = db_run(db, SQL_CONTACT_DELETE, DB_ARGS(DB_INT(id)), &gone,
	    NULL)) != TJG_OK)
		return rc;
	*users = v;
	return gone == 1 ? TJG_OK : TJG_ENOTFOUND;
}

/* Reads the (id, network, provider) rows of st and finishes it. */
static int
ref_rows(struct arena *a, struct db_stmt *st, struct contact_ref **out,
    size_t *n)
{
	struct contact_ref *v;
	bool row;
	int rc = TJG_OK;

	v = arena_calloc(a, CONTACT_LIST_MAX, sizeof(*v));
	while (*n < CONTACT_LIST_MAX && (rc = db_next(st, &row)) == TJG_OK &&
	    row) {
		v[*n].id = db_int(st, 0);
		v[*n].network_id = db_int(st, 1);
		v[*n].provider_id = db_int(st, 2);
		(*n)++;
	}
	db_done(st);
	if (rc != TJG_OK) {
		*n = 0;
		return rc;
	}
	*out = v;
	return TJG_OK;
}

int
store_contact_overdue(struct db *db, struct arena *a, const char *today,
    int grace_days, struct contact_ref **out, size_t *n)
{
	struct db_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_CONTACT_OVERDUE, DB_ARGS(DB_TEXT(today),
	    DB_INT(grace_days), DB_INT(CONTACT_LIST_MAX)), &st)) != TJG_OK)
		return rc;
	return ref_rows(a, st, out, n);
}

int
store_contact_flag(struct db *db, long long id, const char *now,
    const char *today, int grace_days, bool *flagged)
{
	unsigned long long n = 0;
	int rc;

	*flagged = false;
	if ((rc = db_run(db, SQL_CONTACT_FLAG, DB_ARGS(DB_TEXT(now),
	    DB_TEXT(now), DB_INT(id), DB_TEXT(today), DB_INT(grace_days)), &n,
	    NULL)) != TJG_OK)
		return rc;
	*flagged = n == 1;
	return TJG_OK;
}

int
store_contact_expired(struct db *db, struct arena *a, const char *now,
    int purge_days, struct contact_ref **out, size_t *n)
{
	struct db_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_CONTACT_EXPIRED, DB_ARGS(DB_TEXT(now),
	    DB_INT(purge_days), DB_INT(CONTACT_LIST_MAX)), &st)) != TJG_OK)
		return rc;
	return ref_rows(a, st, out, n);
}

int
store_contact_lock_expired(struct db *db, long long id, const char *now,
    int purge_days)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_exec(db, SQL_CONTACT_LOCK_EXPIRED, DB_ARGS(DB_INT(id),
	    DB_TEXT(now), DB_INT(purge_days)), &st)) != TJG_OK)
		return rc;
	rc = db_one(st);
	db_done(st);
	return rc;
}

int
store_contact_due_orgs(struct db *db, struct arena *a, const char *today,
    struct contact_due_org **out, size_t *n)
{
	struct contact_due_org *v = NULL, *o;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_CONTACT_DUE_ORGS, DB_ARGS(DB_TEXT(today)),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (*n == cap) {
			o = arena_calloc(a, cap = cap * 2 + 16, sizeof(*o));
			if (*n > 0)
				memcpy(o, v, *n * sizeof(*o));
			v = o;
		}
		o = &v[(*n)++];
		o->network_id = db_int(st, 0);
		o->provider_id = db_int(st, 1);
		o->slug = db_strdup(a, st, 2);
		o->name = db_strdup(a, st, 3);
		o->due = db_int(st, 4);
	}
	db_done(st);
	if (rc != TJG_OK) {
		*n = 0;
		return rc;
	}
	*out = v;
	return TJG_OK;
}

int
store_contact_review_mailed(struct db *db, long long network_id,
    long long provider_id, const char *day, long long contacts,
    long long recipients)
{
	return db_run(db, SQL_CONTACT_REVIEW_MAILED, DB_ARGS(
	    DB_TEXT(provider_id != 0 ? "provider" : "network"),
	    DB_INT(provider_id != 0 ? provider_id : network_id),
	    DB_TEXT(day), DB_INT(contacts), DB_INT(recipients)), NULL, NULL);
}

int
store_contact_review_forget(struct db *db, const char *today, int days,
    unsigned long long *n)
{
	return db_run(db, SQL_CONTACT_REVIEW_FORGET, DB_ARGS(DB_TEXT(today),
	    DB_INT(days)), n, NULL);
}

/* Pure helpers. */

void
contact_today(time_t t, char out[CONTACT_DAY_LEN])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, CONTACT_DAY_LEN, "%Y-%m-%d", &tm) !=
	    CONTACT_DAY_LEN - 1)
		memcpy(out, "1970-01-01", CONTACT_DAY_LEN);
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* "YYYY-MM-DD" naming a real day of the years 1000..9999. */
static bool
parse_day(const char *s, int *y, int *m, int *d)
{
	int i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = atoi(s);
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *y >= 1000 && *m >= 1 && *m <= 12 && *d >= 1 &&
	    *d <= month_days(*y, *m);
}

static bool
put_day(int y, int m, int d, char out[CONTACT_DAY_LEN])
{
	if (y < 1000 || y > 9999)
		return false;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return true;
}

bool
contact_add_months(const char *day, int months, char out[CONTACT_DAY_LEN])
{
	int y, m, d, last;

	if (!parse_day(day, &y, &m, &d) || months < 0 || months > 1200)
		return false;
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	if (d > (last = month_days(y, m)))
		d = last;
	return put_day(y, m, d, out);
}

bool
contact_add_days(const char *day, int days, char out[CONTACT_DAY_LEN])
{
	struct tm tm;
	int y, m, d;
	time_t t;

	if (!parse_day(day, &y, &m, &d) || days < -3660000 || days > 3660000)
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	t = timegm(&tm) + (time_t)days * 86400;
	if (gmtime_r(&t, &tm) == NULL)
		return false;
	return put_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}

bool
contact_email_ok(const char *s)
{
	const char *at;
	size_t i, len;

	if (s == NULL || (len = strlen(s)) == 0 || len > CONTACT_EMAIL_MAX ||
	    (at = strchr(s, '@')) == NULL || at == s ||
	    strchr(at + 1, '@') != NULL || strchr(at, '.') == NULL ||
	    at[1] == '.' || at[1] == '\0' || s[len - 1] == '.' ||
	    strstr(at, "..") != NULL)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] == 0x7f ||
		    strchr("<>()[],;:\\\"", s[i]) != NULL)
			return false;
	return true;
}

bool
contact_role_ok(const char *s)
{
	static const char *const roles[] = { "admin", "technical", "orders",
	    "billing", "privacy", "other" };
	size_t i;

	for (i = 0; s != NULL && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(s, roles[i]) == 0)
			return true;
	return false;
}

long long
contact_owner_parse(const char *s)
{
	long long v = 0;
	size_t i;

	if (s == NULL)
		return -1;
	if (strcmp(s, "network") == 0)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 18)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return i > 0 && v > 0 ? v : -1;
}

const char *
contact_like(struct arena *a, const char *s)
{
	size_t i, j = 0, len = strlen(s);
	char *out = arena_alloc(a, 2 * len + 3);

	out[j++] = '%';
	for (i = 0; i < len; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			out[j++] = '\\';
		out[j++] = s[i];
	}
	out[j++] = '%';
	out[j] = '\0';
	return out;
}
