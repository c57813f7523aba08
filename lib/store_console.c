/*
 * The console's store: users, sessions, sign-in attempts, audit.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store_console.h"

#define USER_COLUMNS \
    "SELECT u.id, u.username, u.password_hash, u.role," \
    " COALESCE(u.network_id, 0), COALESCE(u.provider_id, 0), p.name," \
    " u.disabled"

static const char SQL_USER_BY_NAME[] =
    USER_COLUMNS
    " FROM app_user u LEFT JOIN provider p ON p.id = u.provider_id"
    " WHERE u.username = ? AND u.network_id = ?"
    "  AND (u.provider_id IS NULL OR p.active = 1)";

static const char SQL_USER_SET_HASH[] =
    "UPDATE app_user SET password_hash = ?,"
    " password_changed_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ?";

static const char SQL_USER_SIGNED_IN[] =
    "UPDATE app_user SET last_login_at = UTC_TIMESTAMP(6) WHERE id = ?";

/* Failures in the window, and for the account only since its last success. */
static const char SQL_LOGIN_FAILURES[] =
    "SELECT"
    " (SELECT COUNT(*) FROM login_attempt WHERE account_hash = ? AND ok = 0"
    "   AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
    "   AND created_at > COALESCE((SELECT MAX(created_at) FROM login_attempt"
    "     WHERE account_hash = ? AND ok = 1), '1000-01-01')),"
    " (SELECT COUNT(*) FROM login_attempt WHERE ip = ? AND ok = 0"
    "   AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND)";

static const char SQL_LOGIN_RECORD[] =
    "INSERT INTO login_attempt (ip, account_hash, user_id, ok)"
    " VALUES (?, ?, ?, ?)";

static const char SQL_SESSION_INSERT[] =
    "INSERT INTO session (id_hash, user_id, csrf_secret) VALUES (?, ?, ?)";

static const char SQL_SESSION_GET[] =
    USER_COLUMNS ", s.csrf_secret,"
    " s.last_seen_at < UTC_TIMESTAMP(6) - INTERVAL 60 SECOND"
    " FROM session s JOIN app_user u ON u.id = s.user_id"
    " LEFT JOIN provider p ON p.id = u.provider_id"
    " WHERE s.id_hash = ? AND u.disabled = 0 AND u.network_id = ?"
    "  AND s.last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
    "  AND s.created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
    "  AND (u.provider_id IS NULL OR p.active = 1)";

static const char SQL_SESSION_TOUCH[] =
    "UPDATE session SET last_seen_at = UTC_TIMESTAMP(6) WHERE id_hash = ?";

static const char SQL_SESSION_DELETE[] =
    "DELETE FROM session WHERE id_hash = ?";

static const char SQL_SESSION_DELETE_USER[] =
    "DELETE FROM session WHERE user_id = ?";

static const char SQL_AUDIT_ADD[] =
    "INSERT INTO audit (user_id, network_id, provider_id, actor, action,"
    " object_kind, object_ref, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_USER_ADD[] =
    "INSERT INTO app_user (username, password_hash, role, network_id,"
    " provider_id, password_changed_at)"
    " SELECT ?, ?, ?, n.id, p.id, UTC_TIMESTAMP(6) FROM network n"
    " LEFT JOIN provider p ON p.slug = ?"
    " WHERE n.slug = ?";

static const char SQL_USER_ID_BY_NAME[] =
    "SELECT id FROM app_user WHERE username = ?";

static const char SQL_USER_SET_DISABLED[] =
    "UPDATE app_user SET disabled = ?, updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ?";

static const char SQL_PURGE_LOGINS[] =
    "DELETE FROM login_attempt WHERE created_at < ? - INTERVAL ? DAY";

static const char SQL_PURGE_SESSIONS[] =
    "DELETE FROM session WHERE last_seen_at < ? - INTERVAL ? SECOND"
    " OR created_at < ? - INTERVAL ? SECOND";

static void
user_row(struct arena *a, struct db_stmt *st, struct user_row *u)
{
	u->id = db_int(st, 0);
	u->username = db_strdup(a, st, 1);
	u->password_hash = db_strdup(a, st, 2);
	u->role = db_strdup(a, st, 3);
	u->network_id = db_int(st, 4);
	u->provider_id = db_int(st, 5);
	u->provider_name = db_strdup(a, st, 6);
	u->disabled = db_int(st, 7) != 0;
}

static struct db_arg
opt_int(long long v)
{
	return v != 0 ? DB_INT(v) : DB_NULL;
}

const char *
store_inet6(struct arena *a, const char *ip)
{
	if (ip == NULL || *ip == '\0')
		return NULL;
	if (strchr(ip, ':') != NULL)
		return ip;
	return arena_printf(a, "::ffff:%s", ip);
}

int
store_user_by_name(struct db *db, struct arena *a, long long network,
    const char *username, struct user_row *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_USER_BY_NAME, DB_ARGS(DB_TEXT(username),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		user_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_user_set_hash(struct db *db, long long id, const char *hash)
{
	return db_run(db, SQL_USER_SET_HASH, DB_ARGS(DB_TEXT(hash), DB_INT(id)),
	    NULL, NULL);
}

int
store_user_signed_in(struct db *db, long long id)
{
	return db_run(db, SQL_USER_SIGNED_IN, DB_ARGS(DB_INT(id)), NULL, NULL);
}

int
store_login_failures(struct db *db, const unsigned char
    account[CRYPTO_BIDX_LEN], const char *ip, int window,
    long long *by_account, long long *by_ip)
{
	struct db_stmt *st;
	int rc;

	*by_account = *by_ip = 0;
	if ((rc = db_exec(db, SQL_LOGIN_FAILURES, DB_ARGS(
	    DB_BLOB(account, CRYPTO_BIDX_LEN), DB_INT(window),
	    DB_BLOB(account, CRYPTO_BIDX_LEN), DB_TEXT(ip), DB_INT(window)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		*by_account = db_int(st, 0);
		*by_ip = db_int(st, 1);
	}
	db_done(st);
	return rc;
}

int
store_login_record(struct db *db, const unsigned char
    account[CRYPTO_BIDX_LEN], const char *ip, long long user_id, bool ok)
{
	return db_run(db, SQL_LOGIN_RECORD, DB_ARGS(DB_TEXT(ip),
	    DB_BLOB(account, CRYPTO_BIDX_LEN), opt_int(user_id),
	    DB_INT(ok ? 1 : 0)), NULL, NULL);
}

int
store_session_insert(struct db *db, const unsigned char
    id_hash[CRYPTO_SHA256_LEN], long long user_id,
    const unsigned char csrf[32])
{
	return db_run(db, SQL_SESSION_INSERT, DB_ARGS(
	    DB_BLOB(id_hash, CRYPTO_SHA256_LEN), DB_INT(user_id),
	    DB_BLOB(csrf, 32)), NULL, NULL);
}

int
store_session_get(struct db *db, struct arena *a, const unsigned char
    id_hash[CRYPTO_SHA256_LEN], long long network, int idle, int max,
    struct session_row *out)
{
	struct db_stmt *st;
	const char *csrf;
	size_t len = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_SESSION_GET, DB_ARGS(
	    DB_BLOB(id_hash, CRYPTO_SHA256_LEN), DB_INT(network),
	    DB_INT(idle), DB_INT(max)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		user_row(a, st, &out->user);
		csrf = db_text(st, 8, &len);
		if (csrf == NULL || len != sizeof(out->csrf))
			rc = TJG_EINTERNAL;
		else
			memcpy(out->csrf, csrf, len);
		out->stale = db_int(st, 9) != 0;
	}
	db_done(st);
	return rc;
}

int
store_session_touch(struct db *db, const unsigned char
    id_hash[CRYPTO_SHA256_LEN])
{
	return db_run(db, SQL_SESSION_TOUCH, DB_ARGS(
	    DB_BLOB(id_hash, CRYPTO_SHA256_LEN)), NULL, NULL);
}

int
store_session_delete(struct db *db, const unsigned char
    id_hash[CRYPTO_SHA256_LEN])
{
	return db_run(db, SQL_SESSION_DELETE, DB_ARGS(
	    DB_BLOB(id_hash, CRYPTO_SHA256_LEN)), NULL, NULL);
}

int
store_session_delete_user(struct db *db, long long user_id)
{
	return db_run(db, SQL_SESSION_DELETE_USER, DB_ARGS(DB_INT(user_id)),
	    NULL, NULL);
}

int
store_audit_add(struct db *db, const struct audit_entry *e)
{
	return db_run(db, SQL_AUDIT_ADD, DB_ARGS(opt_int(e->user_id),
	    opt_int(e->network_id), opt_int(e->provider_id),
	    DB_TEXT(e->actor), DB_TEXT(e->action), DB_TEXT(e->object_kind),
	    DB_TEXT(e->object_ref), DB_TEXT(e->detail), DB_TEXT(e->ip)),
	    NULL, NULL);
}

int
store_user_add(struct db *db, const char *username, const char *hash,
    const char *role, const char *network_slug, const char *provider_slug,
    long long *id)
{
	unsigned long long n = 0, newid = 0;
	int rc;

	if ((rc = db_run(db, SQL_USER_ADD, DB_ARGS(DB_TEXT(username),
	    DB_TEXT(hash), DB_TEXT(role), DB_TEXT(provider_slug),
	    DB_TEXT(network_slug)), &n, &newid)) != TJG_OK)
		return rc;
	if (n != 1)
		return TJG_ENOTFOUND;
	*id = (long long)newid;
	return TJG_OK;
}

static int
user_id(struct db *db, const char *username, long long *id)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_exec(db, SQL_USER_ID_BY_NAME, DB_ARGS(DB_TEXT(username)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*id = db_int(st, 0);
	db_done(st);
	return rc;
}

int
store_user_set_hash_by_name(struct db *db, const char *username,
    const char *hash, long long *id)
{
	int rc;

	if ((rc = user_id(db, username, id)) != TJG_OK ||
	    (rc = store_user_set_hash(db, *id, hash)) != TJG_OK)
		return rc;
	return store_session_delete_user(db, *id);
}

int
store_user_set_disabled_by_name(struct db *db, const char *username,
    bool disabled, long long *id)
{
	int rc;

	if ((rc = user_id(db, username, id)) != TJG_OK ||
	    (rc = db_run(db, SQL_USER_SET_DISABLED, DB_ARGS(
	    DB_INT(disabled ? 1 : 0), DB_INT(*id)), NULL, NULL)) != TJG_OK)
		return rc;
	return disabled ? store_session_delete_user(db, *id) : TJG_OK;
}

int
store_purge_logins(struct db *db, const char *now, int days,
    unsigned long long *n)
{
	return db_run(db, SQL_PURGE_LOGINS, DB_ARGS(DB_TEXT(now), DB_INT(days)),
	    n, NULL);
}

int
store_purge_sessions(struct db *db, const char *now, int idle, int max,
    unsigned long long *n)
{
	return db_run(db, SQL_PURGE_SESSIONS, DB_ARGS(DB_TEXT(now),
	    DB_INT(idle), DB_TEXT(now), DB_INT(max)), n, NULL);
}
