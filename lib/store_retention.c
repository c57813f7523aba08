/*
 * Store: retention (see store_retention.h). The rule of how long an
 * order's personal data is kept is retention_days_pick(); everything else
 * here finds or clears what that rule, or a request's own expiry, has
 * made due, in statements of at most RETENTION_BATCH rows.
 */
#include <string.h>

#include "conf.h"
#include "db.h"
#include "err.h"
#include "store_retention.h"

static const char SQL_NETWORK_DAYS[] =
    "SELECT retention_days FROM network WHERE id = ?";

static const char SQL_NETWORKS[] =
    "SELECT id, slug, retention_days FROM network ORDER BY id";

/* Through orders_retention (erased_at, retain_from). */
static const char SQL_DUE_ORDERS[] =
    "SELECT id FROM orders"
    " WHERE erased_at IS NULL AND retain_from < ? - INTERVAL ? DAY"
    "  AND network_id = ? AND id > ?"
    " ORDER BY id LIMIT ?";

static const char SQL_DSR_EXPIRE[] =
    "UPDATE dsr_request SET status = 'expired', code_hash = NULL"
    " WHERE status = 'pending' AND expires_at < ?"
    " ORDER BY id LIMIT ?";

/* A code is worthless after expires_at whatever became of its request. */
static const char SQL_DSR_CODES[] =
    "UPDATE dsr_request SET code_hash = NULL"
    " WHERE code_hash IS NOT NULL AND status <> 'pending'"
    "  AND expires_at < ?"
    " ORDER BY id LIMIT ?";

static const char SQL_DSR_TOKENS[] =
    "UPDATE dsr_request SET access_token_hash = NULL"
    " WHERE access_token_hash IS NOT NULL AND expires_at < ?"
    "  AND COALESCE(verified_at, created_at) < ? - INTERVAL ? HOUR"
    " ORDER BY id LIMIT ?";

/* Defensive: tjgctl mail erases these when it sends or gives up. */
static const char SQL_OUTBOX_ERASE[] =
    "UPDATE outbox SET to_addr = NULL, body = NULL,"
    " erased_at = COALESCE(erased_at, UTC_TIMESTAMP(6))"
    " WHERE status IN ('sent', 'failed')"
    "  AND (to_addr IS NOT NULL OR body IS NOT NULL)"
    " ORDER BY id LIMIT ?";

/* Through outbox_network (network_id, created_at). */
static const char SQL_OUTBOX_DELETE[] =
    "DELETE FROM outbox"
    " WHERE network_id <=> ? AND created_at < ? - INTERVAL ? DAY"
    " ORDER BY id LIMIT ?";

/*
 * Runs sql (whose last parameter is its LIMIT) until a run changes fewer
 * than RETENTION_BATCH rows, adding the changes to *total. Each run is
 * its own transaction (autocommit), so locks are held for one batch only.
 */
static int
batches(struct db *db, const char *sql, const struct db_arg *args,
    size_t nargs, unsigned long long *total)
{
	unsigned long long n;
	int rc;

	do {
		n = 0;
		if ((rc = db_run(db, sql, args, nargs, &n, NULL)) != TJG_OK)
			return rc;
		*total += n;
	} while (n >= RETENTION_BATCH);
	return TJG_OK;
}

int
retention_days_pick(int network_days, int default_days)
{
	return network_days > 0 ? network_days : default_days;
}

int
store_retention_days(struct db *db, const struct conf *c, long long network,
    int *days)
{
	struct db_stmt *st;
	int rc, own = 0;

	*days = retention_days_pick(0, c->retention_days);
	if (network <= 0)
		return TJG_OK;
	if ((rc = db_exec(db, SQL_NETWORK_DAYS, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		own = (int)db_int(st, 0);	/* 0 for NULL */
	db_done(st);
	if (rc != TJG_OK && rc != TJG_ENOTFOUND)
		return rc;
	*days = retention_days_pick(own, c->retention_days);
	return TJG_OK;
}

int
store_retention_networks(struct db *db, struct arena *a, const struct conf *c,
    struct retention_network **out, size_t *n)
{
	struct db_stmt *st;
	struct retention_network *v = NULL;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_NETWORKS, DB_NOARGS, &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].id = db_int(st, 0);
		v[*n].slug = db_strdup(a, st, 1);
		v[*n].own = !db_null(st, 2);
		v[*n].days = retention_days_pick((int)db_int(st, 2),
		    c->retention_days);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_retention_due_orders(struct db *db, const char *now, long long network,
    int days, long long after, long long *ids, size_t *n)
{
	struct db_stmt *st;
	bool row;
	int rc;

	*n = 0;
	if ((rc = db_exec(db, SQL_DUE_ORDERS, DB_ARGS(DB_TEXT(now),
	    DB_INT(days), DB_INT(network), DB_INT(after),
	    DB_INT(RETENTION_BATCH)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row &&
	    *n < RETENTION_BATCH)
		ids[(*n)++] = db_int(st, 0);
	db_done(st);
	return rc;
}

int
store_retention_requests(struct db *db, const char *now,
    unsigned long long *expired, unsigned long long *codes,
    unsigned long long *tokens)
{
	int rc;

	*expired = *codes = *tokens = 0;
	if ((rc = batches(db, SQL_DSR_EXPIRE, DB_ARGS(DB_TEXT(now),
	    DB_INT(RETENTION_BATCH)), expired)) != TJG_OK ||
	    (rc = batches(db, SQL_DSR_CODES, DB_ARGS(DB_TEXT(now),
	    DB_INT(RETENTION_BATCH)), codes)) != TJG_OK)
		return rc;
	return batches(db, SQL_DSR_TOKENS, DB_ARGS(DB_TEXT(now), DB_TEXT(now),
	    DB_INT(RETENTION_ACCESS_HOURS), DB_INT(RETENTION_BATCH)), tokens);
}

int
store_retention_outbox_erase(struct db *db, unsigned long long *erased)
{
	*erased = 0;
	return batches(db, SQL_OUTBOX_ERASE, DB_ARGS(DB_INT(RETENTION_BATCH)),
	    erased);
}

int
store_retention_outbox_delete(struct db *db, const char *now,
    long long network, int days, unsigned long long *deleted)
{
	*deleted = 0;
	return batches(db, SQL_OUTBOX_DELETE, DB_ARGS(network > 0 ?
	    DB_INT(network) : DB_NULL, DB_TEXT(now), DB_INT(days),
	    DB_INT(RETENTION_BATCH)), deleted);
}
