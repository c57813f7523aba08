/*
 * Store: the console's orders (store_admin_order.h). Every statement
 * names the network and, where a provider user asks, its provider.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "err.h"
#include "feed.h"
#include "store_admin_order.h"

/*
 * The filters of the list; an absent one binds NULL, 0 or '' and folds
 * away. With an address filter only orders that still have their outlet
 * (not erased) can match.
 */
#define ORDER_FILTER \
    " FROM orders o JOIN provider p ON p.id = o.provider_id" \
    " LEFT JOIN outlet ot ON ot.id = o.outlet_id" \
    " LEFT JOIN address a ON a.id = ot.address_id" \
    " WHERE o.network_id = ?" \
    "  AND (? = 0 OR o.provider_id = ?)" \
    "  AND (? = 0 OR o.provider_id = ?)" \
    "  AND (? = 0 OR o.service_id = ?)" \
    "  AND (? IS NULL OR o.status = ?)" \
    "  AND (? IS NULL OR o.created_at >= ?)" \
    "  AND (? IS NULL OR o.created_at < ?)" \
    "  AND (? IS NULL OR o.ref LIKE CONCAT(?, '%'))" \
    "  AND (? = 0 OR a.id IS NOT NULL)" \
    "  AND (? = '' OR a.street_norm LIKE CONCAT(?, '%'))" \
    "  AND (? = 0 OR a.number = ?)" \
    "  AND (? = '' OR a.littera = ?)" \
    "  AND (? = '' OR a.postcode = ?)"
#define ORDER_FILTER_NARGS	24

static const char SQL_ORDERS[] =
    "SELECT o.ref, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'), p.name,"
    " o.service_name, o.status, a.street, a.number, a.littera, ot.apartment,"
    " o.fetched_at IS NOT NULL, o.erased_at IS NOT NULL"
    ORDER_FILTER
    " ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?";

static const char SQL_ORDERS_COUNT[] =
    "SELECT COUNT(*)" ORDER_FILTER;

static const char SQL_PROVIDERS[] =
    "SELECT p.id, p.name FROM provider p"
    " JOIN provider_network pn ON pn.provider_id = p.id"
    " WHERE pn.network_id = ? ORDER BY p.name, p.id";

static const char SQL_SERVICES[] =
    "SELECT s.id, s.name, p.name FROM service s"
    " JOIN provider p ON p.id = s.provider_id"
    " JOIN provider_network pn ON pn.provider_id = p.id"
    "  AND pn.network_id = ?"
    " WHERE (? = 0 OR p.id = ?)"
    " ORDER BY p.name, p.id, s.name, s.id";

#define UTC(col)	" DATE_FORMAT(" col ", '%Y-%m-%d %H:%i:%s')"

static const char SQL_ORDER_GET[] =
    "SELECT o.id, o.provider_id, o.service_id, o.feed_seq, o.ref, o.status,"
    " o.lang, p.name, p.email, p.phone, o.service_name, o.campaign_kind,"
    " o.monthly_ore, o.start_fee_ore, o.campaign_value, o.binding_months,"
    " o.notice_months, o.campaign_months,"
    " DATE_FORMAT(o.desired_start, '%Y-%m-%d'),"
    " DATE_FORMAT(o.status_date, '%Y-%m-%d'),"
    " o.provider_reference, o.external_message,"
    UTC("o.created_at") "," UTC("o.updated_at") "," UTC("o.fetched_at") ","
    UTC("o.final_at") "," UTC("o.erased_at") ","
    " a.street, a.littera, a.postcode, a.city, ot.apartment, ot.code,"
    " ot.distinguisher, a.number"
    " FROM orders o JOIN provider p ON p.id = o.provider_id"
    " LEFT JOIN outlet ot ON ot.id = o.outlet_id"
    " LEFT JOIN address a ON a.id = ot.address_id"
    " WHERE o.network_id = ? AND o.ref = ? AND (? = 0 OR o.provider_id = ?)";

/*
 * actor_id is app_user.id for console events but provider.id for the
 * API's, so a name is looked up only where the event can only be the
 * console's: staff ("admin"), and a provider user's showing ("viewed").
 */
static const char SQL_LOG[] =
    "SELECT e.kind, e.actor_kind," UTC("e.created_at") ","
    " IF(? OR e.actor_kind = 'provider', e.note, NULL), u.username"
    " FROM order_event e LEFT JOIN app_user u ON u.id = e.actor_id AND"
    "  ((? AND e.actor_kind = 'admin' AND u.provider_id IS NULL) OR"
    "   (e.actor_kind = 'provider' AND e.kind = 'viewed' AND"
    "    u.provider_id = ?))"
    " WHERE e.order_id = ? ORDER BY e.id";

static const char SQL_PII[] =
    "SELECT pii FROM orders WHERE id = ?";

static const char SQL_PII_LOCK[] =
    "SELECT pii FROM orders WHERE id = ? FOR UPDATE";

static const char SQL_EVENT_ADD[] =
    "INSERT INTO order_event (order_id, kind, actor_kind, actor_id, note)"
    " VALUES (?, ?, ?, ?, ?)";

static const char SQL_SET_TOKEN[] =
    "UPDATE orders SET status_token_hash = ?"
    " WHERE id = ? AND erased_at IS NULL";

/* Fills args[ORDER_FILTER_NARGS] for ORDER_FILTER; lit is bound too. */
static void
filter_args(const struct admin_order_filter *f, struct db_arg *args,
    char lit[2])
{
	const struct addr_query *q = f->addr;
	size_t i = 0;

	args[i++] = DB_INT(f->network);
	args[i++] = DB_INT(f->own_provider);
	args[i++] = DB_INT(f->own_provider);
	args[i++] = DB_INT(f->provider);
	args[i++] = DB_INT(f->provider);
	args[i++] = DB_INT(f->service);
	args[i++] = DB_INT(f->service);
	args[i++] = DB_TEXT(f->status);
	args[i++] = DB_TEXT(f->status);
	args[i++] = DB_TEXT(f->from);
	args[i++] = DB_TEXT(f->from);
	args[i++] = DB_TEXT(f->to);
	args[i++] = DB_TEXT(f->to);
	args[i++] = DB_TEXT(f->ref);
	args[i++] = DB_TEXT(f->ref);
	args[i++] = DB_INT(q != NULL);
	args[i++] = DB_TEXT(q != NULL && q->street != NULL ? q->street : "");
	args[i++] = DB_TEXT(q != NULL && q->street != NULL ? q->street : "");
	args[i++] = DB_INT(q != NULL ? q->number : 0);
	args[i++] = DB_INT(q != NULL ? q->number : 0);
	lit[0] = q != NULL ? q->littera : '\0';
	lit[1] = '\0';
	args[i++] = DB_TEXT(lit);
	args[i++] = DB_TEXT(lit);
	args[i++] = DB_TEXT(q != NULL ? q->postcode : "");
	args[i++] = DB_TEXT(q != NULL ? q->postcode : "");
}

int
store_admin_orders(struct db *db, struct arena *a,
    const struct admin_order_filter *f, long long offset, size_t limit,
    struct admin_order_row **out, size_t *n, long long *total)
{
	struct db_arg args[ORDER_FILTER_NARGS + 2];
	struct admin_order_row *v = NULL, *o;
	char lit[2];
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	filter_args(f, args, lit);
	if ((rc = db_exec(db, SQL_ORDERS_COUNT, args, ORDER_FILTER_NARGS,
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*total = db_int(st, 0);
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	filter_args(f, args, lit);
	args[ORDER_FILTER_NARGS] = DB_INT((long long)limit);
	args[ORDER_FILTER_NARGS + 1] = DB_INT(offset);
	if ((rc = db_exec(db, SQL_ORDERS, args, ORDER_FILTER_NARGS + 2,
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		o = &v[(*n)++];
		o->ref = db_strdup(a, st, 0);
		o->created = db_strdup(a, st, 1);
		o->provider = db_strdup(a, st, 2);
		o->service = db_strdup(a, st, 3);
		o->status = db_strdup(a, st, 4);
		o->street = db_strdup(a, st, 5);
		o->number = (int)db_int(st, 6);
		o->littera = db_strdup(a, st, 7);
		o->apartment = db_strdup(a, st, 8);
		o->fetched = db_int(st, 9) != 0;
		o->erased = db_int(st, 10) != 0;
	}
	db_done(st);
	*out = v;
	return rc;
}

static int
choices(struct db *db, struct arena *a, const char *sql,
    const struct db_arg *args, size_t nargs, struct admin_choice **out,
    size_t *n)
{
	struct admin_choice *v = NULL, *c;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, sql, args, nargs, &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		c = &v[(*n)++];
		c->id = db_int(st, 0);
		c->name = db_strdup(a, st, 1);
		c->provider = db_ncols(st) > 2 ? db_strdup(a, st, 2) : NULL;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_admin_order_providers(struct db *db, struct arena *a,
    long long network, struct admin_choice **out, size_t *n)
{
	return choices(db, a, SQL_PROVIDERS, DB_ARGS(DB_INT(network)), out, n);
}

int
store_admin_order_services(struct db *db, struct arena *a,
    long long network, long long own_provider, struct admin_choice **out,
    size_t *n)
{
	return choices(db, a, SQL_SERVICES, DB_ARGS(DB_INT(network),
	    DB_INT(own_provider), DB_INT(own_provider)), out, n);
}

int
store_admin_order_get(struct db *db, struct arena *a, long long network,
    long long own_provider, const char *ref, struct admin_order *o)
{
	struct db_stmt *st;
	int rc;

	memset(o, 0, sizeof(*o));
	if ((rc = db_exec(db, SQL_ORDER_GET, DB_ARGS(DB_INT(network),
	    DB_TEXT(ref), DB_INT(own_provider), DB_INT(own_provider)), &st)) !=
	    TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		o->id = db_int(st, 0);
		o->provider_id = db_int(st, 1);
		o->service_id = db_int(st, 2);
		o->feed_seq = db_int(st, 3);
		o->ref = db_strdup(a, st, 4);
		o->status = db_strdup(a, st, 5);
		o->lang = db_strdup(a, st, 6);
		o->provider_name = db_strdup(a, st, 7);
		o->provider_email = db_strdup(a, st, 8);
		o->provider_phone = db_strdup(a, st, 9);
		o->service_name = db_strdup(a, st, 10);
		o->campaign_kind = db_strdup(a, st, 11);
		o->monthly_ore = db_int(st, 12);
		o->start_fee_ore = db_int(st, 13);
		o->campaign_value = db_int(st, 14);
		o->binding_months = (int)db_int(st, 15);
		o->notice_months = (int)db_int(st, 16);
		o->campaign_months = (int)db_int(st, 17);
		o->desired_start = db_strdup(a, st, 18);
		o->status_date = db_strdup(a, st, 19);
		o->provider_reference = db_strdup(a, st, 20);
		o->external_message = db_strdup(a, st, 21);
		o->created = db_strdup(a, st, 22);
		o->updated = db_strdup(a, st, 23);
		o->fetched = db_strdup(a, st, 24);
		o->final = db_strdup(a, st, 25);
		o->erased = db_strdup(a, st, 26);
		o->street = db_strdup(a, st, 27);
		o->littera = db_strdup(a, st, 28);
		o->postcode = db_strdup(a, st, 29);
		o->city = db_strdup(a, st, 30);
		o->apartment = db_strdup(a, st, 31);
		o->outlet_code = db_strdup(a, st, 32);
		o->distinguisher = db_strdup(a, st, 33);
		o->number = (int)db_int(st, 34);
	}
	db_done(st);
	return rc;
}

int
store_admin_order_log(struct db *db, struct arena *a, long long id,
    long long provider, bool staff, struct admin_order_event **out,
    size_t *n)
{
	struct admin_order_event *v = NULL, *e;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_LOG, DB_ARGS(DB_INT(staff), DB_INT(staff),
	    DB_INT(provider), DB_INT(id)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		e = &v[(*n)++];
		e->kind = db_strdup(a, st, 0);
		e->actor = db_strdup(a, st, 1);
		e->at = db_strdup(a, st, 2);
		e->note = db_strdup(a, st, 3);
		e->username = db_strdup(a, st, 4);
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_admin_order_pii(struct db *db, struct arena *a, long long id,
    bool lock, const void **pii, size_t *len)
{
	struct db_stmt *st;
	const char *p;
	char *copy;
	size_t n = 0;
	int rc;

	*pii = NULL;
	*len = 0;
	if ((rc = db_exec(db, lock ? SQL_PII_LOCK : SQL_PII,
	    DB_ARGS(DB_INT(id)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK &&
	    (p = db_text(st, 0, &n)) != NULL) {
		copy = arena_alloc(a, n + 1);
		memcpy(copy, p, n);
		*pii = copy;
		*len = n;
	}
	db_done(st);
	return rc;
}

int
store_admin_order_event(struct db *db, long long id, const char *kind,
    const char *actor, long long user_id, const char *note)
{
	return db_run(db, SQL_EVENT_ADD, DB_ARGS(DB_INT(id), DB_TEXT(kind),
	    DB_TEXT(actor), user_id > 0 ? DB_INT(user_id) : DB_NULL,
	    DB_TEXT(note)), NULL, NULL);
}

int
store_admin_order_set_token(struct db *db, long long id,
    const unsigned char *hash)
{
	unsigned long long n = 0;
	int rc;

	if ((rc = db_run(db, SQL_SET_TOKEN, DB_ARGS(DB_BLOB(hash, 32),
	    DB_INT(id)), &n, NULL)) != TJG_OK)
		return rc;
	return n == 1 ? TJG_OK : TJG_ECONFLICT;
}

/* Pure helpers. */

/* n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
admin_day_utc(const char *day, int add, char out[ADMIN_UTC_LEN])
{
	struct tm tm, back;
	time_t t;
	int y, m, d;

	out[0] = '\0';
	if (day == NULL || strlen(day) != 10 || day[4] != '-' ||
	    day[7] != '-' || (y = digits(day, 4)) < 1970 ||
	    (m = digits(day + 5, 2)) < 1 || m > 12 ||
	    (d = digits(day + 8, 2)) < 1 || d > 31)
		return false;
	/* A real day: timegm would move 2026-02-31 to March. */
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	t = timegm(&tm);
	if (gmtime_r(&t, &back) == NULL || back.tm_mday != d ||
	    back.tm_mon != m - 1)
		return false;
	/* Local midnight: mktime works out the offset of that very day. */
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + add;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1 || gmtime_r(&t, &back) == NULL)
		return false;
	return strftime(out, ADMIN_UTC_LEN, "%Y-%m-%d %H:%M:%S", &back) ==
	    ADMIN_UTC_LEN - 1;
}

const char *
admin_local_time(struct arena *a, const char *utc)
{
	struct tm tm;
	const char *end;
	char *out;
	time_t t;
	size_t n, len;
	bool secs;

	if (utc == NULL)
		return NULL;
	n = strlen(utc);
	if (n != 16 && n != 19)
		return utc;
	secs = n == 19;
	memset(&tm, 0, sizeof(tm));
	end = secs ? strptime(utc, "%Y-%m-%d %H:%M:%S", &tm) :
	    strptime(utc, "%Y-%m-%d %H:%M", &tm);
	if (end == NULL || *end != '\0')
		return utc;
	t = timegm(&tm);
	if (localtime_r(&t, &tm) == NULL)
		return utc;
	out = arena_alloc(a, n + 1);
	len = secs ? strftime(out, n + 1, "%Y-%m-%d %H:%M:%S", &tm) :
	    strftime(out, n + 1, "%Y-%m-%d %H:%M", &tm);
	return len == n ? out : utc;
}

bool
admin_ref_norm(const char *in, char out[13])
{
	size_t n = 0;
	char c;

	out[0] = '\0';
	for (; *in != '\0'; in++) {
		c = *in;
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) ||
		    n == 12)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n > 0;
}

/* The statuses of an order in the order of its life. */
static const char *const statuses[] = { "new", "received", "activated",
    "rejected", "cancelled" };

bool
admin_status_ok(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(statuses) / sizeof(statuses[0]);
	    i++)
		if (strcmp(s, statuses[i]) == 0)
			return true;
	return false;
}

size_t
admin_next_states(const char *from, const char *out[4])
{
	size_t i, n = 0;

	/* "new" is never a destination: start at 1. */
	for (i = 1; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (n < 4 && feed_transition_ok(from, statuses[i], NULL))
			out[n++] = statuses[i];
	return n;
}

size_t
admin_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}
