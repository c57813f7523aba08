/*
 * The store of key rotation (see store_keys.h).
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store_keys.h"

/* ASCII() of a binary string is its first byte: the blob's key id. */
static const char SQL_KEYS_USE[] =
    "SELECT ASCII(pii), COUNT(*),"
    " SUM(pii_key_id IS NULL OR pii_key_id <> ASCII(pii))"
    " FROM orders WHERE pii IS NOT NULL"
    " GROUP BY ASCII(pii) ORDER BY ASCII(pii)";

static const char SQL_KEYS_ORDERS_WITH[] =
    "SELECT COUNT(*) FROM orders"
    " WHERE pii IS NOT NULL AND (ASCII(pii) = ? OR pii_key_id = ?)";

#define NOT_UNDER \
    " pii IS NOT NULL AND (ASCII(pii) <> ? OR pii_key_id IS NULL" \
    " OR pii_key_id <> ?)"

static const char SQL_REKEY_LEFT[] =
    "SELECT COUNT(*) FROM orders WHERE" NOT_UNDER;

/* Applies to the next transaction only (see store_rekey_begin). */
static const char SQL_REKEY_ISOLATION[] =
    "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

static const char SQL_REKEY_BATCH[] =
    "SELECT id, ref, pii, created_at >= ? FROM orders"
    " WHERE id > ? AND" NOT_UNDER
    " ORDER BY id LIMIT ? FOR UPDATE";

static const char SQL_REKEY_SET[] =
    "UPDATE orders SET pii = ?, pii_key_id = ?"
    " WHERE id = ? AND pii IS NOT NULL";

int
store_keys_use(struct db *db, struct arena *a, struct key_use **out,
    size_t *n)
{
	struct db_stmt *st;
	struct key_use *v;
	bool row;
	size_t cap = 16;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_KEYS_USE, DB_NOARGS, &st)) != TJG_OK)
		return rc;
	v = arena_calloc(a, cap, sizeof(*v));
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (*n == cap) {
			struct key_use *w = arena_calloc(a, cap * 2,
			    sizeof(*w));

			memcpy(w, v, cap * sizeof(*v));
			v = w;
			cap *= 2;
		}
		v[*n].id = (int)db_int(st, 0);
		v[*n].orders = db_int(st, 1);
		v[*n].mislabelled = db_int(st, 2);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

/* Runs a one-row COUNT(*) with args into *n. */
static int
count(struct db *db, const char *sql, const struct db_arg *args,
    size_t nargs, long long *n)
{
	struct db_stmt *st;
	int rc;

	*n = 0;
	if ((rc = db_exec(db, sql, args, nargs, &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*n = db_int(st, 0);
	db_done(st);
	return rc;
}

int
store_keys_orders_with(struct db *db, int id, long long *n)
{
	return count(db, SQL_KEYS_ORDERS_WITH, DB_ARGS(DB_INT(id),
	    DB_INT(id)), n);
}

int
store_rekey_left(struct db *db, int newest, long long *n)
{
	return count(db, SQL_REKEY_LEFT, DB_ARGS(DB_INT(newest),
	    DB_INT(newest)), n);
}

int
store_rekey_begin(struct db *db)
{
	int rc;

	if ((rc = db_run(db, SQL_REKEY_ISOLATION, DB_NOARGS, NULL, NULL)) !=
	    TJG_OK)
		return rc;
	return db_begin(db);
}

int
store_rekey_batch(struct db *db, struct arena *a, int newest,
    long long after, const char *since, size_t limit,
    struct rekey_row **out, size_t *n)
{
	struct db_stmt *st;
	struct rekey_row *v;
	const char *p;
	char *copy;
	size_t len;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_REKEY_BATCH, DB_ARGS(DB_TEXT(since),
	    DB_INT(after), DB_INT(newest), DB_INT(newest),
	    DB_INT((long long)limit)), &st)) != TJG_OK)
		return rc;
	v = arena_calloc(a, limit > 0 ? limit : 1, sizeof(*v));
	while ((rc = db_next(st, &row)) == TJG_OK && row && *n < limit) {
		v[*n].id = db_int(st, 0);
		v[*n].ref = db_strdup(a, st, 1);
		len = 0;
		if ((p = db_text(st, 2, &len)) != NULL) {
			copy = arena_alloc(a, len + 1);
			memcpy(copy, p, len);
			v[*n].pii = copy;
			v[*n].len = len;
		}
		v[*n].recent = db_int(st, 3) != 0;
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_rekey_set(struct db *db, long long id, const void *pii, size_t len,
    int key_id)
{
	return db_run(db, SQL_REKEY_SET, DB_ARGS(DB_BLOB(pii, len),
	    DB_INT(key_id), DB_INT(id)), NULL, NULL);
}
