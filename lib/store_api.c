/*
 * The provider API's store: tokens, polling and acknowledgement, the
 * feed's order snapshots, "fetched" marks, status reports and the order
 * log. Every statement names the provider, so one provider can never
 * read or change another's orders.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "db.h"
#include "err.h"
#include "feed.h"
#include "log.h"
#include "store.h"

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_token (provider_id, token_hash, label)"
    " SELECT id, ?, ? FROM provider WHERE slug = ?";

static const char SQL_TOKEN_LIST[] =
    "SELECT t.id, t.label,"
    " DATE_FORMAT(t.created_at, '%Y-%m-%d %H:%i:%s'),"
    " DATE_FORMAT(t.last_used_at, '%Y-%m-%d %H:%i:%s'),"
    " DATE_FORMAT(t.revoked_at, '%Y-%m-%d %H:%i:%s')"
    " FROM api_token t JOIN provider p ON p.id = t.provider_id"
    " WHERE p.slug = ? ORDER BY t.id";

static const char SQL_PROVIDER_BY_SLUG[] =
    "SELECT id FROM provider WHERE slug = ?";

static const char SQL_CERT_SET[] =
    "UPDATE provider SET cert_pem = ?, cert_sha256 = ?, cert_not_after = ?,"
    " updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

static const char SQL_CERT_GET[] =
    "SELECT cert_pem FROM provider WHERE id = ?";

static const char SQL_ORDER_BY_REF[] =
    "SELECT id FROM orders WHERE ref = ?";

static const char SQL_TOKEN_REVOKE[] =
    "UPDATE api_token SET revoked_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND revoked_at IS NULL";

static const char SQL_TOKEN_CHECK[] =
    "SELECT t.id, t.provider_id,"
    " t.last_used_at IS NULL OR"
    "  t.last_used_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
    " FROM api_token t JOIN provider p ON p.id = t.provider_id"
    " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND p.active = 1"
    "  AND (t.expires_at IS NULL OR t.expires_at > UTC_TIMESTAMP(6))";

static const char SQL_TOKEN_TOUCH[] =
    "UPDATE api_token SET last_used_at = UTC_TIMESTAMP(6) WHERE id = ?";

/* Milliseconds since the last poll (NULL: never polled). */
static const char SQL_POLL_LOCK[] =
    "SELECT f.last_seq, COALESCE(p.poll_interval_s, ?),"
    " TIMESTAMPDIFF(MICROSECOND, f.last_poll_at, UTC_TIMESTAMP(6)) DIV 1000"
    " FROM provider_feed f JOIN provider p ON p.id = f.provider_id"
    " WHERE f.provider_id = ? FOR UPDATE";

static const char SQL_POLL_RECORD[] =
    "UPDATE provider_feed SET last_poll_at = UTC_TIMESTAMP(6),"
    " acked_at = IF(? > acked_seq, UTC_TIMESTAMP(6), acked_at),"
    " acked_seq = GREATEST(acked_seq, ?)"
    " WHERE provider_id = ?";

#define FEED_COLUMNS \
    "SELECT o.id, o.fetched_at IS NOT NULL, o.ref, o.feed_seq, n.slug," \
    " o.status, DATE_FORMAT(o.created_at, '%Y-%m-%dT%H:%i:%sZ')," \
    " DATE_FORMAT(o.updated_at, '%Y-%m-%dT%H:%i:%sZ')," \
    " COALESCE(s.external_code, CAST(s.id AS CHAR)), o.service_name," \
    " DATE_FORMAT(o.desired_start, '%Y-%m-%d'), o.provider_reference," \
    " o.external_message, ot.code, ot.apartment, ot.distinguisher," \
    " a.street, CAST(a.number AS CHAR), a.littera, a.postcode, a.city," \
    " DATE_FORMAT(o.erased_at, '%Y-%m-%dT%H:%i:%sZ'), o.pii" \
    " FROM orders o JOIN network n ON n.id = o.network_id" \
    " JOIN service s ON s.id = o.service_id" \
    " LEFT JOIN outlet ot ON ot.id = o.outlet_id" \
    " LEFT JOIN address a ON a.id = ot.address_id"

/* The last sequence of the page, read before the page itself. */
static const char SQL_FEED_NEXT[] =
    "SELECT MAX(feed_seq) FROM (SELECT feed_seq FROM orders"
    " WHERE provider_id = ? AND feed_seq > ? ORDER BY feed_seq LIMIT ?) t";

static const char SQL_FEED[] = FEED_COLUMNS
    " WHERE o.provider_id = ? AND o.feed_seq > ? AND o.feed_seq <= ?"
    " ORDER BY o.feed_seq LIMIT ?";

static const char SQL_ORDER_GET[] = FEED_COLUMNS
    " WHERE o.provider_id = ? AND o.ref = ?";

static const char SQL_MARK_FETCHED[] =
    "UPDATE orders SET fetched_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND provider_id = ? AND fetched_at IS NULL";

static const char SQL_EVENT_INSERT[] =
    "INSERT INTO order_event (order_id, kind, actor_kind, actor_id, note)"
    " VALUES (?, ?, 'provider', ?, ?)";

static const char SQL_ORDER_ID[] =
    "SELECT id FROM orders WHERE provider_id = ? AND ref = ?";

static const char SQL_LOG[] =
    "SELECT kind, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'),"
    " actor_kind, IF(actor_kind = 'provider', note, NULL)"
    " FROM order_event WHERE order_id = ? ORDER BY id";

static const char SQL_STATUS_LOCK[] =
    "SELECT id, status FROM orders WHERE provider_id = ? AND ref = ?"
    " FOR UPDATE";

static const char SQL_STATUS_SET[] =
    "UPDATE orders SET status = ?, feed_seq = ?,"
    " final_at = IF(? IN ('activated', 'rejected', 'cancelled'),"
    "  UTC_TIMESTAMP(6), final_at),"
    " provider_reference = COALESCE(?, provider_reference),"
    " external_message = COALESCE(?, external_message),"
    " status_date = ?, updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND provider_id = ?";

static long long
provider_by_slug(struct db *db, const char *slug, int *rc)
{
	struct db_stmt *st;
	long long id = 0;

	if ((*rc = db_exec(db, SQL_PROVIDER_BY_SLUG, DB_ARGS(DB_TEXT(slug)),
	    &st)) != TJG_OK)
		return 0;
	if ((*rc = db_one(st)) == TJG_OK)
		id = db_int(st, 0);
	db_done(st);
	return id;
}

int
store_api_token_create(struct db *db, const char *provider_slug,
    const char *label, const unsigned char *hash, long long *id)
{
	unsigned long long n = 0, oid = 0;
	int rc;

	if ((rc = db_run(db, SQL_TOKEN_INSERT, DB_ARGS(DB_BLOB(hash, 32),
	    DB_TEXT(label != NULL ? label : ""), DB_TEXT(provider_slug)), &n,
	    &oid)) != TJG_OK)
		return rc;
	if (n == 0)
		return TJG_ENOTFOUND;
	if (id != NULL)
		*id = (long long)oid;
	return TJG_OK;
}

int
store_api_token_list(struct db *db, struct arena *a,
    const char *provider_slug, struct api_token **out, size_t *n)
{
	struct api_token *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	(void)provider_by_slug(db, provider_slug, &rc);
	if (rc != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_TOKEN_LIST, DB_ARGS(DB_TEXT(provider_slug)),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].id = db_int(st, 0);
		v[*n].label = db_strdup(a, st, 1);
		v[*n].created = db_strdup(a, st, 2);
		v[*n].last_used = db_strdup(a, st, 3);
		v[*n].revoked = db_strdup(a, st, 4);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_api_cert_set(struct db *db, const char *provider_slug, const char *pem,
    const unsigned char *sha256, const char *not_after)
{
	long long id;
	int rc;

	id = provider_by_slug(db, provider_slug, &rc);
	if (rc != TJG_OK)
		return rc;
	if (pem == NULL)
		return db_run(db, SQL_CERT_SET, DB_ARGS(DB_NULL, DB_NULL, DB_NULL,
		    DB_INT(id)), NULL, NULL);
	return db_run(db, SQL_CERT_SET, DB_ARGS(DB_TEXT(pem),
	    DB_BLOB(sha256, 32), DB_TEXT(not_after), DB_INT(id)), NULL, NULL);
}

int
store_api_cert_get(struct db *db, struct arena *a, long long provider,
    const char **pem)
{
	struct db_stmt *st;
	int rc;

	*pem = NULL;
	if ((rc = db_exec(db, SQL_CERT_GET, DB_ARGS(DB_INT(provider)), &st)) !=
	    TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*pem = db_strdup(a, st, 0);
	db_done(st);
	return rc;
}

int
store_api_order_id(struct db *db, const char *ref, long long *id)
{
	struct db_stmt *st;
	int rc;

	*id = 0;
	if ((rc = db_exec(db, SQL_ORDER_BY_REF, DB_ARGS(DB_TEXT(ref)), &st)) !=
	    TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*id = db_int(st, 0);
	db_done(st);
	return rc;
}

int
store_api_token_revoke(struct db *db, long long id)
{
	unsigned long long n = 0;
	int rc;

	if ((rc = db_run(db, SQL_TOKEN_REVOKE, DB_ARGS(DB_INT(id)), &n, NULL))
	    != TJG_OK)
		return rc;
	return n == 1 ? TJG_OK : TJG_ENOTFOUND;
}

int
store_api_token_check(struct db *db, const unsigned char *hash,
    long long *provider, long long *token)
{
	struct db_stmt *st;
	bool touch = false;
	int rc;

	if ((rc = db_exec(db, SQL_TOKEN_CHECK, DB_ARGS(
	    DB_INT(API_TOUCH_INTERVAL), DB_BLOB(hash, 32)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		*token = db_int(st, 0);
		*provider = db_int(st, 1);
		touch = db_int(st, 2) != 0;
	}
	db_done(st);
	if (rc == TJG_ENOTFOUND)
		return TJG_EUNAUTH;
	if (rc != TJG_OK || !touch)
		return rc;
	/* Losing this write loses a timestamp only: the request goes on. */
	if (db_run(db, SQL_TOKEN_TOUCH, DB_ARGS(DB_INT(*token)), NULL, NULL)
	    != TJG_OK)
		log_warn("api: cannot record the use of token %lld", *token);
	return TJG_OK;
}

int
store_api_poll(struct db *db, long long provider, long long after,
    int interval, int *retry_after)
{
	struct db_stmt *st;
	long long last = 0, wait_ms = 0, elapsed;
	bool never = true;
	int rc;

	*retry_after = 0;
	if ((rc = db_begin(db)) != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_POLL_LOCK, DB_ARGS(DB_INT(interval),
	    DB_INT(provider)), &st)) != TJG_OK)
		goto out;
	if ((rc = db_one(st)) == TJG_OK) {
		last = db_int(st, 0);
		wait_ms = db_int(st, 1) * 1000;
		never = db_null(st, 2);
		elapsed = db_int(st, 2);
		if (!never && elapsed >= 0 && elapsed < wait_ms)
			*retry_after = (int)((wait_ms - elapsed + 999) / 1000);
	}
	db_done(st);
	if (rc == TJG_ENOTFOUND)
		rc = TJG_EINTERNAL;	/* every provider has its row */
	if (rc != TJG_OK)
		goto out;
	if (*retry_after > 0) {
		rc = TJG_ERATE;
		goto out;
	}
	if (after > last)
		after = last;	/* a cursor from the future acknowledges all */
	if ((rc = db_run(db, SQL_POLL_RECORD, DB_ARGS(DB_INT(after),
	    DB_INT(after), DB_INT(provider)), NULL, NULL)) != TJG_OK)
		goto out;
	rc = db_commit(db);
out:
	if (rc != TJG_OK)
		db_rollback(db);
	return rc;
}

static void
order_row(struct arena *a, struct db_stmt *st, struct api_order *o)
{
	struct feed_order *f = &o->f;
	size_t len = 0;

	memset(o, 0, sizeof(*o));
	o->id = db_int(st, 0);
	o->fetched = db_int(st, 1) != 0;
	f->ref = db_strdup(a, st, 2);
	f->seq = db_int(st, 3);
	f->network = db_strdup(a, st, 4);
	f->status = db_strdup(a, st, 5);
	f->created = db_strdup(a, st, 6);
	f->updated = db_strdup(a, st, 7);
	f->service_code = db_strdup(a, st, 8);
	f->service_name = db_strdup(a, st, 9);
	f->desired_start = db_strdup(a, st, 10);
	f->provider_reference = db_strdup(a, st, 11);
	f->external_message = db_strdup(a, st, 12);
	f->access_id = db_strdup(a, st, 13);
	f->apartment = db_strdup(a, st, 14);
	f->distinguisher = db_strdup(a, st, 15);
	f->street = db_strdup(a, st, 16);
	f->number = db_strdup(a, st, 17);
	f->littera = db_strdup(a, st, 18);
	if (f->littera != NULL && *f->littera == '\0')
		f->littera = NULL;
	f->postcode = db_strdup(a, st, 19);
	f->city = db_strdup(a, st, 20);
	f->erased_at = db_strdup(a, st, 21);
	f->erased = f->erased_at != NULL;
	if (!db_null(st, 22)) {
		o->pii = db_text(st, 22, &len);
		o->pii_len = len;
	}
}

/*
 * The page is (after, next]: next first, then the rows up to it. Sequence
 * numbers commit in order (the counter row is locked by each writer), so
 * every sequence up to next is committed when next is seen, and a new
 * one is always above next: the second query sees the same rows or fewer
 * (an order that changed in between moved above next and comes again on
 * a later page), never one beyond what next acknowledges.
 */
int
store_api_feed_open(struct db *db, long long provider, long long after,
    int limit, long long *next, struct db_stmt **st)
{
	struct db_stmt *q;
	int rc;

	*st = NULL;
	*next = after;
	if ((rc = db_exec(db, SQL_FEED_NEXT, DB_ARGS(DB_INT(provider),
	    DB_INT(after), DB_INT(limit)), &q)) != TJG_OK)
		return rc;
	if ((rc = db_one(q)) == TJG_OK && !db_null(q, 0))
		*next = db_int(q, 0);
	db_done(q);
	if (rc != TJG_OK)
		return rc;
	return db_exec(db, SQL_FEED, DB_ARGS(DB_INT(provider), DB_INT(after),
	    DB_INT(*next), DB_INT(limit)), st);
}

int
store_api_feed_next(struct db_stmt *st, struct arena *a, struct api_order *o,
    bool *row)
{
	int rc;

	if ((rc = db_next(st, row)) == TJG_OK && *row)
		order_row(a, st, o);
	return rc;
}

int
store_api_order_get(struct db *db, struct arena *a, long long provider,
    const char *ref, struct api_order *o)
{
	struct db_stmt *st;
	int rc;

	memset(o, 0, sizeof(*o));
	if ((rc = db_exec(db, SQL_ORDER_GET, DB_ARGS(DB_INT(provider),
	    DB_TEXT(ref)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		order_row(a, st, o);
		/* The row goes away with db_done(): keep the blob. */
		if (o->pii != NULL) {
			void *copy = arena_alloc(a, o->pii_len + 1);

			memcpy(copy, o->pii, o->pii_len);
			o->pii = copy;
		}
	}
	db_done(st);
	return rc;
}

int
store_api_mark_fetched(struct db *db, long long provider,
    const long long *ids, size_t n)
{
	unsigned long long changed;
	size_t i;
	int rc;

	if (n == 0)
		return TJG_OK;
	if ((rc = db_begin(db)) != TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		changed = 0;
		if ((rc = db_run(db, SQL_MARK_FETCHED, DB_ARGS(DB_INT(ids[i]),
		    DB_INT(provider)), &changed, NULL)) != TJG_OK)
			goto out;
		/* Another poll marked it first: its event is written. */
		if (changed == 0)
			continue;
		if ((rc = db_run(db, SQL_EVENT_INSERT, DB_ARGS(DB_INT(ids[i]),
		    DB_TEXT("fetched"), DB_INT(provider), DB_NULL), NULL,
		    NULL)) != TJG_OK)
			goto out;
	}
	rc = db_commit(db);
out:
	if (rc != TJG_OK)
		db_rollback(db);
	return rc;
}

int
store_api_order_log(struct db *db, struct arena *a, long long provider,
    const char *ref, struct feed_event **out, size_t *n)
{
	struct feed_event *v = NULL;
	struct db_stmt *st;
	long long id = 0;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_ORDER_ID, DB_ARGS(DB_INT(provider),
	    DB_TEXT(ref)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		id = db_int(st, 0);
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_LOG, DB_ARGS(DB_INT(id)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].kind = db_strdup(a, st, 0);
		v[*n].at = db_strdup(a, st, 1);
		v[*n].actor = db_strdup(a, st, 2);
		v[*n].note = db_strdup(a, st, 3);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_api_status(struct db *db, long long provider, const char *ref,
    const struct feed_status *s, bool *changed)
{
	struct db_stmt *st;
	long long id = 0, seq = 0;
	char from[16] = "";
	bool implicit = false;
	int rc;

	*changed = false;
	if ((rc = db_begin(db)) != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_STATUS_LOCK, DB_ARGS(DB_INT(provider),
	    DB_TEXT(ref)), &st)) != TJG_OK)
		goto out;
	if ((rc = db_one(st)) == TJG_OK) {
		id = db_int(st, 0);
		snprintf(from, sizeof(from), "%s", db_text(st, 1, NULL));
	}
	db_done(st);
	if (rc != TJG_OK)
		goto out;
	if (strcmp(from, s->status) == 0) {
		/* A retry: answered as done, nothing written. */
		db_rollback(db);
		return TJG_OK;
	}
	if (!feed_transition_ok(from, s->status, &implicit)) {
		rc = TJG_ECONFLICT;
		goto out;
	}
	if ((rc = store_feed_next_seq(db, provider, &seq)) != TJG_OK)
		goto out;
	if ((rc = db_run(db, SQL_STATUS_SET, DB_ARGS(DB_TEXT(s->status),
	    DB_INT(seq), DB_TEXT(s->status), DB_TEXT(s->provider_reference),
	    DB_TEXT(s->external_message), DB_TEXT(s->date), DB_INT(id),
	    DB_INT(provider)), NULL, NULL)) != TJG_OK)
		goto out;
	if (implicit && (rc = db_run(db, SQL_EVENT_INSERT, DB_ARGS(DB_INT(id),
	    DB_TEXT("received"), DB_INT(provider), DB_NULL), NULL, NULL)) !=
	    TJG_OK)
		goto out;
	if ((rc = db_run(db, SQL_EVENT_INSERT, DB_ARGS(DB_INT(id),
	    DB_TEXT(s->status), DB_INT(provider), DB_TEXT(s->note)), NULL,
	    NULL)) != TJG_OK)
		goto out;
	if ((rc = db_commit(db)) == TJG_OK)
		*changed = true;
out:
	if (rc != TJG_OK)
		db_rollback(db);
	return rc;
}
