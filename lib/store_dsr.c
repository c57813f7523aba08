/*
 * Store: data-subject requests (lib/store_dsr.h). All SQL of the table
 * dsr_request is here, with the two lookups of a person's orders and of
 * the network's controller details.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store_dsr.h"

static const char SQL_INSERT[] =
    "INSERT INTO dsr_request (network_id, kind, status, channel, email_bidx,"
    " pnr_bidx, order_id, request_token_hash, code_hash, expires_at,"
    " verified_at, done_at, handled_by, note, lang)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    "  IF(? IN ('verified', 'done'), ?, NULL), IF(? = 'done', ?, NULL),"
    "  ?, ?, ?)";

#define UTC(col)	" DATE_FORMAT(" col ", '%Y-%m-%d %H:%i:%s')"

#define ROW_COLUMNS \
    "SELECT d.id, COALESCE(d.order_id, 0), COALESCE(d.handled_by, 0)," \
    " d.kind, d.status, d.channel, d.lang, d.note," \
    UTC("d.created_at") "," UTC("d.expires_at") "," \
    UTC("d.verified_at") "," UTC("d.done_at") "," \
    " u.username, o.ref, d.email_bidx, d.pnr_bidx, d.code_hash," \
    " d.attempts"

#define ROW_FROM \
    " FROM dsr_request d LEFT JOIN app_user u ON u.id = d.handled_by" \
    " LEFT JOIN orders o ON o.id = d.order_id"

static const char SQL_LOCK_TOKEN[] =
    ROW_COLUMNS ", d.expires_at <= ?" ROW_FROM
    " WHERE d.request_token_hash = ? AND d.network_id = ?"
    " FOR UPDATE";

static const char SQL_ATTEMPT[] =
    "UPDATE dsr_request SET attempts = attempts + 1,"
    " status = IF(?, 'expired', status) WHERE id = ?";

static const char SQL_VERIFY[] =
    "UPDATE dsr_request SET status = 'verified', verified_at = ?,"
    " attempts = attempts + 1, code_hash = NULL, access_token_hash = ?"
    " WHERE id = ?";

static const char SQL_BY_ACCESS[] =
    ROW_COLUMNS ", 0" ROW_FROM
    " WHERE d.access_token_hash = ? AND d.network_id = ?"
    "  AND d.status IN ('verified', 'done') AND d.verified_at > ?";

static const char SQL_DONE[] =
    "UPDATE dsr_request SET status = 'done', done_at = COALESCE(done_at, ?),"
    " handled_by = COALESCE(?, handled_by) WHERE id = ?";

static const char SQL_END_ACCESS[] =
    "UPDATE dsr_request SET access_token_hash = NULL WHERE id = ?";

static const char SQL_ORDERS[] =
    "SELECT id, ref FROM orders WHERE network_id = ? AND erased_at IS NULL"
    " AND ((? IS NOT NULL AND email_bidx = ?) OR"
    "  (? IS NOT NULL AND pnr_bidx = ?))"
    " ORDER BY created_at, id";

static const char SQL_NETWORK[] =
    "SELECT name, COALESCE(NULLIF(legal_name, ''), name),"
    " COALESCE(NULLIF(privacy_email, ''), contact_email),"
    " COALESCE(retention_days, ?) FROM network WHERE id = ?";

#define LIST_WHERE \
    " WHERE d.network_id = ? AND (? IS NULL OR d.status = ?)" \
    " AND (? IS NULL OR d.kind = ?)"

static const char SQL_LIST_COUNT[] =
    "SELECT COUNT(*) FROM dsr_request d" LIST_WHERE;

static const char SQL_LIST[] =
    ROW_COLUMNS ", 0" ROW_FROM LIST_WHERE
    " ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?";

static const char SQL_GET[] =
    ROW_COLUMNS ", 0" ROW_FROM " WHERE d.id = ? AND d.network_id = ?";

static struct db_arg
bidx_arg(const unsigned char *b)
{
	return b != NULL ? DB_BLOB(b, CRYPTO_BIDX_LEN) : DB_NULL;
}

int
store_dsr_insert(struct db *db, const struct dsr_new *n, long long *id)
{
	unsigned long long got = 0;
	int rc;

	rc = db_run(db, SQL_INSERT, DB_ARGS(DB_INT(n->network),
	    DB_TEXT(n->kind), DB_TEXT(n->status), DB_TEXT(n->channel),
	    bidx_arg(n->email_bidx), bidx_arg(n->pnr_bidx),
	    n->order_id > 0 ? DB_INT(n->order_id) : DB_NULL,
	    bidx_arg(n->token_hash), bidx_arg(n->code_hash),
	    DB_TEXT(n->expires_at), DB_TEXT(n->status), DB_TEXT(n->now),
	    DB_TEXT(n->status), DB_TEXT(n->now),
	    n->handled_by > 0 ? DB_INT(n->handled_by) : DB_NULL,
	    DB_TEXT(n->note), DB_TEXT(n->lang)), NULL, &got);
	if (rc == TJG_OK && id != NULL)
		*id = (long long)got;
	return rc;
}

/* A 32-byte column into out; false for NULL (or another length). */
static bool
blob32(struct db_stmt *st, unsigned col, unsigned char *out)
{
	size_t len = 0;
	const char *p = db_text(st, col, &len);

	if (p == NULL || len != CRYPTO_BIDX_LEN)
		return false;
	memcpy(out, p, CRYPTO_BIDX_LEN);
	return true;
}

static void
read_row(struct arena *a, struct db_stmt *st, struct dsr_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_int(st, 0);
	r->order_id = db_int(st, 1);
	r->handled_by = db_int(st, 2);
	r->kind = db_strdup(a, st, 3);
	r->status = db_strdup(a, st, 4);
	r->channel = db_strdup(a, st, 5);
	r->lang = db_strdup(a, st, 6);
	r->note = db_strdup(a, st, 7);
	r->created = db_strdup(a, st, 8);
	r->expires = db_strdup(a, st, 9);
	r->verified = db_strdup(a, st, 10);
	r->done = db_strdup(a, st, 11);
	r->handler = db_strdup(a, st, 12);
	r->order_ref = db_strdup(a, st, 13);
	r->has_email = blob32(st, 14, r->email_bidx);
	r->has_pnr = blob32(st, 15, r->pnr_bidx);
	r->has_code = blob32(st, 16, r->code_hash);
	r->attempts = (int)db_int(st, 17);
	r->expired = db_int(st, 18) != 0;
}

/* Runs a one-row query of ROW_COLUMNS into out. */
static int
one_row(struct db *db, struct arena *a, const char *sql,
    const struct db_arg *args, size_t nargs, struct dsr_row *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, sql, args, nargs, &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		read_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_dsr_lock_token(struct db *db, struct arena *a, long long network,
    const unsigned char *hash, const char *now, struct dsr_row *out)
{
	return one_row(db, a, SQL_LOCK_TOKEN, DB_ARGS(DB_TEXT(now),
	    DB_BLOB(hash, CRYPTO_SHA256_LEN), DB_INT(network)), out);
}

int
store_dsr_attempt(struct db *db, long long id, bool expire)
{
	return db_run(db, SQL_ATTEMPT, DB_ARGS(DB_INT(expire), DB_INT(id)),
	    NULL, NULL);
}

int
store_dsr_verify(struct db *db, long long id, const char *now,
    const unsigned char *access_hash)
{
	return db_run(db, SQL_VERIFY, DB_ARGS(DB_TEXT(now),
	    DB_BLOB(access_hash, CRYPTO_SHA256_LEN), DB_INT(id)), NULL, NULL);
}

int
store_dsr_by_access(struct db *db, struct arena *a, long long network,
    const unsigned char *hash, const char *since, struct dsr_row *out)
{
	return one_row(db, a, SQL_BY_ACCESS, DB_ARGS(
	    DB_BLOB(hash, CRYPTO_SHA256_LEN), DB_INT(network),
	    DB_TEXT(since)), out);
}

int
store_dsr_done(struct db *db, long long id, const char *now, long long user)
{
	return db_run(db, SQL_DONE, DB_ARGS(DB_TEXT(now),
	    user > 0 ? DB_INT(user) : DB_NULL, DB_INT(id)), NULL, NULL);
}

int
store_dsr_end_access(struct db *db, long long id)
{
	return db_run(db, SQL_END_ACCESS, DB_ARGS(DB_INT(id)), NULL, NULL);
}

int
store_dsr_orders(struct db *db, struct arena *a, long long network,
    const unsigned char *email_bidx, const unsigned char *pnr_bidx,
    struct dsr_order_ref **out, size_t *n)
{
	struct dsr_order_ref *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if (email_bidx == NULL && pnr_bidx == NULL)
		return TJG_EINVAL;
	if ((rc = db_exec(db, SQL_ORDERS, DB_ARGS(DB_INT(network),
	    bidx_arg(email_bidx), bidx_arg(email_bidx), bidx_arg(pnr_bidx),
	    bidx_arg(pnr_bidx)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].id = db_int(st, 0);
		v[*n].ref = db_strdup(a, st, 1);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_dsr_network(struct db *db, struct arena *a, long long network,
    int default_days, struct dsr_network *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_NETWORK, DB_ARGS(DB_INT(default_days),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		out->name = db_strdup(a, st, 0);
		out->controller = db_strdup(a, st, 1);
		out->contact = db_strdup(a, st, 2);
		out->retention_days = (int)db_int(st, 3);
	}
	db_done(st);
	return rc;
}

int
store_dsr_list(struct db *db, struct arena *a, const struct dsr_filter *f,
    long long offset, size_t limit, struct dsr_row **out, size_t *n,
    long long *total)
{
	struct dsr_row *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if ((rc = db_exec(db, SQL_LIST_COUNT, DB_ARGS(DB_INT(f->network),
	    DB_TEXT(f->status), DB_TEXT(f->status), DB_TEXT(f->kind),
	    DB_TEXT(f->kind)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*total = db_int(st, 0);
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_LIST, DB_ARGS(DB_INT(f->network),
	    DB_TEXT(f->status), DB_TEXT(f->status), DB_TEXT(f->kind),
	    DB_TEXT(f->kind), DB_INT((long long)limit), DB_INT(offset)), &st))
	    != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		read_row(a, st, &v[(*n)++]);
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_dsr_get(struct db *db, struct arena *a, long long network,
    long long id, struct dsr_row *out)
{
	return one_row(db, a, SQL_GET, DB_ARGS(DB_INT(id), DB_INT(network)),
	    out);
}
