/*
 * Store: the mail queue (table outbox). Messages are added inside the
 * transaction of the change that causes them, locked in batches by the
 * sender with FOR UPDATE SKIP LOCKED, and erased of personal data (to_addr,
 * body) once sent or finally failed. Times are UTC (the connection runs
 * with time_zone +00:00 and the table's defaults use UTC_TIMESTAMP).
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "outbox.h"

#define OUTBOX_KIND_MAX		32	/* outbox.kind VARCHAR(32) */
#define OUTBOX_ERROR_MAX	255	/* outbox.last_error VARCHAR(255) */

static const char SQL_OUTBOX_ADD[] =
    "INSERT INTO outbox (network_id, order_id, kind, to_addr, subject, body)"
    " VALUES (?, ?, ?, ?, ?, ?)";

/*
 * Applies to the next transaction only. READ COMMITTED takes no gap locks
 * for the range scan below: at REPEATABLE READ the next-key lock past the
 * last due row makes every INSERT of new mail wait for the whole batch.
 */
static const char SQL_OUTBOX_ISOLATION[] =
    "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

/* Through the index outbox_due (status, next_attempt_at). */
static const char SQL_OUTBOX_DUE[] =
    "SELECT id, network_id, order_id, kind, to_addr, subject, body, attempts"
    " FROM outbox"
    " WHERE status = 'pending' AND next_attempt_at <= UTC_TIMESTAMP(6)"
    " ORDER BY next_attempt_at, id"
    " LIMIT ?"
    " FOR UPDATE SKIP LOCKED";

static const char SQL_OUTBOX_SENT[] =
    "UPDATE outbox SET status = 'sent', attempts = attempts + 1,"
    " sent_at = UTC_TIMESTAMP(6),"
    " to_addr = NULL, body = NULL, erased_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND status = 'pending'";

static const char SQL_OUTBOX_RETRY[] =
    "UPDATE outbox SET attempts = ?, last_error = ?,"
    " next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND"
    " WHERE id = ? AND status = 'pending'";

static const char SQL_OUTBOX_FAILED[] =
    "UPDATE outbox SET status = 'failed', attempts = ?, last_error = ?,"
    " to_addr = NULL, body = NULL, erased_at = UTC_TIMESTAMP(6)"
    " WHERE id = ? AND status = 'pending'";

static bool
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

int
store_outbox_add(struct db *db, long long network_id, long long order_id,
    const char *kind, const char *to, const char *subject, const char *body,
    long long *id)
{
	unsigned long long new_id = 0;
	int rc;

	if (empty(kind) || strlen(kind) > OUTBOX_KIND_MAX || empty(to) ||
	    empty(subject) || body == NULL ||
	    strpbrk(to, "\r\n") != NULL || strpbrk(subject, "\r\n") != NULL)
		return TJG_EINVAL;
	rc = db_run(db, SQL_OUTBOX_ADD, DB_ARGS(
	    network_id != 0 ? DB_INT(network_id) : DB_NULL,
	    order_id != 0 ? DB_INT(order_id) : DB_NULL,
	    DB_TEXT(kind), DB_TEXT(to), DB_TEXT(subject), DB_TEXT(body)),
	    NULL, &new_id);
	if (rc == TJG_OK && id != NULL)
		*id = (long long)new_id;
	return rc;
}

int
store_outbox_begin(struct db *db)
{
	int rc;

	if ((rc = db_run(db, SQL_OUTBOX_ISOLATION, DB_NOARGS, NULL, NULL)) !=
	    TJG_OK)
		return rc;
	return db_begin(db);
}

int
store_outbox_due(struct db *db, struct arena *a, size_t limit,
    struct outbox_msg **out, size_t *n)
{
	struct outbox_msg *v, *m;
	struct db_stmt *st;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if (limit == 0)
		return TJG_EINVAL;
	if ((rc = db_exec(db, SQL_OUTBOX_DUE,
	    DB_ARGS(DB_INT((long long)limit)), &st)) != TJG_OK)
		return rc;
	v = arena_calloc(a, limit, sizeof(*v));
	while (*n < limit && (rc = db_next(st, &row)) == TJG_OK && row) {
		m = &v[(*n)++];
		m->id = db_int(st, 0);
		m->network_id = db_int(st, 1);
		m->order_id = db_int(st, 2);
		m->kind = db_strdup(a, st, 3);
		m->to = db_strdup(a, st, 4);
		m->subject = db_strdup(a, st, 5);
		m->body = db_strdup(a, st, 6);
		m->attempts = (int)db_int(st, 7);
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
store_outbox_sent(struct db *db, long long id)
{
	unsigned long long n = 0;
	int rc;

	if ((rc = db_run(db, SQL_OUTBOX_SENT, DB_ARGS(DB_INT(id)), &n, NULL))
	    != TJG_OK)
		return rc;
	return n == 1 ? TJG_OK : TJG_ENOTFOUND;
}

int
store_outbox_retry(struct db *db, long long id, int attempts,
    int max_attempts, int delay_s, const char *error)
{
	unsigned long long n = 0;
	size_t len = 0;
	struct db_arg err = DB_NULL;
	int rc;

	if (attempts < 1 || delay_s < 0)
		return TJG_EINVAL;
	if (error != NULL) {
		/* Cut at a character boundary: VARCHAR(255) of utf8mb4. */
		len = strlen(error);
		if (len > OUTBOX_ERROR_MAX) {
			len = OUTBOX_ERROR_MAX;
			while (len > 0 &&
			    ((unsigned char)error[len] & 0xc0) == 0x80)
				len--;
		}
		err = DB_TEXTN(error, len);
	}
	if (attempts >= max_attempts)
		rc = db_run(db, SQL_OUTBOX_FAILED, DB_ARGS(DB_INT(attempts),
		    err, DB_INT(id)), &n, NULL);
	else
		rc = db_run(db, SQL_OUTBOX_RETRY, DB_ARGS(DB_INT(attempts),
		    err, DB_INT(delay_s), DB_INT(id)), &n, NULL);
	if (rc != TJG_OK)
		return rc;
	return n == 1 ? TJG_OK : TJG_ENOTFOUND;
}
