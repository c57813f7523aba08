/*
 * Console sessions, sign-in with throttling, and the audit helper.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "conf.h"
#include "console.h"
#include "crypto.h"
#include "err.h"
#include "http.h"
#include "log.h"
#include "passwd.h"
#include "store_console.h"

/* Verified against when the user is unknown, so the time is the same. */
static char dummy_hash[PASSWD_HASH_MAX];

static const struct {
	const char	*name;
	unsigned	 bit;
} roles[] = {
	{ "network_admin",	ROLE_ADMIN },
	{ "network_support",	ROLE_SUPPORT },
	{ "provider_user",	ROLE_PROVIDER },
};

unsigned
console_role_bit(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(name, roles[i].name) == 0)
			return roles[i].bit;
	return 0;
}

bool
console_may(unsigned route_flags, unsigned role)
{
	/* One known role bit, not 0 and not several (a broken session). */
	if ((role & ROLE_ANY) != role || role == 0 ||
	    (role & (role - 1)) != 0)
		return false;
	return (route_flags & role) != 0;
}

long long
console_provider(const struct request *r)
{
	return r->user != NULL ? r->user->provider_id : 0;
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
set_user(struct request *r, const struct user_row *u,
    const unsigned char csrf[32])
{
	struct console_user *cu = arena_calloc(r->a, 1, sizeof(*cu));
	char *token = arena_alloc(r->a, SESSION_CSRF_LEN + 1);

	if ((cu->role = console_role_bit(u->role)) == 0)
		return TJG_EUNAUTH;
	hex(csrf, 32, token);
	cu->id = u->id;
	cu->username = u->username;
	cu->role_name = u->role;
	cu->provider_id = u->provider_id;
	cu->provider_name = u->provider_name;
	cu->csrf = token;
	r->user = cu;
	return TJG_OK;
}

/* The cookie's session id as its SHA-256, or false if there is none. */
static bool
cookie_hash(const struct request *r, unsigned char hash[CRYPTO_SHA256_LEN])
{
	const char *v = req_cookie(r, SESSION_COOKIE);

	if (v == NULL || strlen(v) != CRYPTO_TOKEN_LEN(32))
		return false;
	crypto_sha256(v, strlen(v), hash);
	return true;
}

int
console_session(struct request *r)
{
	unsigned char hash[CRYPTO_SHA256_LEN];
	struct session_row s;
	int rc;

	r->user = NULL;
	if (!cookie_hash(r, hash))
		return TJG_EUNAUTH;
	rc = store_session_get(r->db, r->a, hash, r->network_id,
	    r->conf->session_idle, r->conf->session_max, &s);
	if (rc == TJG_ENOTFOUND) {
		/* Expired or ended: make sure it cannot come back. */
		if ((rc = store_session_delete(r->db, hash)) != TJG_OK)
			return rc;
		return TJG_EUNAUTH;
	}
	if (rc != TJG_OK)
		return rc;
	if (s.stale && (rc = store_session_touch(r->db, hash)) != TJG_OK)
		return rc;
	rc = set_user(r, &s.user, s.csrf);
	OPENSSL_cleanse(s.csrf, sizeof(s.csrf));
	return rc;
}

bool
console_csrf_ok(const struct request *r, const char *token)
{
	if (r->user == NULL || token == NULL ||
	    strlen(token) != SESSION_CSRF_LEN)
		return false;
	return crypto_equal(token, r->user->csrf, SESSION_CSRF_LEN);
}

/* The blind index of the lower-cased user name: no name is stored. */
static void
account_hash(const struct request *r, const char *username,
    unsigned char out[CRYPTO_BIDX_LEN])
{
	char lower[128];
	size_t i;

	for (i = 0; username[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (char)tolower((unsigned char)username[i]);
	lower[i] = '\0';
	crypto_bidx(r->keys, "login", lower, out);
}

int
console_session_new(struct request *r, const struct user_row *u)
{
	unsigned char hash[CRYPTO_SHA256_LEN], csrf[32];
	char id[CRYPTO_TOKEN_LEN(32) + 1];
	int rc;

	/* Whatever session the browser had ends here (no fixation). */
	if (cookie_hash(r, hash) &&
	    (rc = store_session_delete(r->db, hash)) != TJG_OK)
		return rc;
	if ((rc = crypto_token(id, sizeof(id), 32)) != TJG_OK ||
	    (rc = crypto_random(csrf, sizeof(csrf))) != TJG_OK)
		return rc;
	crypto_sha256(id, strlen(id), hash);
	if ((rc = store_session_insert(r->db, hash, u->id, csrf)) != TJG_OK ||
	    (rc = set_user(r, u, csrf)) != TJG_OK ||
	    (rc = resp_cookie(r, SESSION_COOKIE, id, 0)) != TJG_OK)
		return rc;
	OPENSSL_cleanse(id, sizeof(id));
	OPENSSL_cleanse(csrf, sizeof(csrf));
	return TJG_OK;
}

/*
 * The password of username, throttled and recorded: TJG_ERATE while the
 * account or the address has too many recent failures, TJG_EUNAUTH for a
 * wrong name or password or a disabled user (about the same time for
 * each), TJG_OK with the user in *u. Rehashes a weaker hash.
 */
static int
check_password(struct request *r, const char *username, const char *password,
    struct user_row *u)
{
	unsigned char acct[CRYPTO_BIDX_LEN];
	const char *ip = store_inet6(r->a, r->remote_addr);
	long long by_account, by_ip;
	bool found, ok, weaker = false;
	char hash[PASSWD_HASH_MAX];
	int rc;

	if (ip == NULL)
		ip = "::";
	account_hash(r, username, acct);
	if ((rc = store_login_failures(r->db, acct, ip, r->conf->login_window,
	    &by_account, &by_ip)) != TJG_OK)
		return rc;
	if (by_account >= r->conf->login_max_account ||
	    by_ip >= r->conf->login_max_ip) {
		log_info("console: password check throttled");
		return TJG_ERATE;
	}
	rc = store_user_by_name(r->db, r->a, r->network_id, username, u);
	if (rc != TJG_OK && rc != TJG_ENOTFOUND)
		return rc;
	found = rc == TJG_OK;
	if (!found && dummy_hash[0] == '\0' &&
	    passwd_hash("not a password", r->conf->scrypt_ln, dummy_hash) !=
	    TJG_OK)
		return TJG_EINTERNAL;
	ok = passwd_verify(password, found ? u->password_hash : dummy_hash,
	    r->conf->scrypt_ln, &weaker) && found && !u->disabled;
	if ((rc = store_login_record(r->db, acct, ip, found ? u->id : 0, ok)) !=
	    TJG_OK)
		return rc;
	if (!ok)
		return TJG_EUNAUTH;
	if (weaker && passwd_hash(password, r->conf->scrypt_ln, hash) ==
	    TJG_OK && (rc = store_user_set_hash(r->db, u->id, hash)) != TJG_OK)
		return rc;
	return TJG_OK;
}

int
console_signin(struct request *r, const char *username, const char *password)
{
	struct user_row u;
	int rc;

	if ((rc = check_password(r, username, password, &u)) != TJG_OK)
		return rc;
	if ((rc = store_user_signed_in(r->db, u.id)) != TJG_OK ||
	    (rc = console_session_new(r, &u)) != TJG_OK)
		return rc;
	return console_audit(r, "login", "user", u.username, NULL);
}

int
console_recheck(struct request *r, const char *password, struct user_row *u)
{
	if (r->user == NULL)
		return TJG_EUNAUTH;
	return check_password(r, r->user->username, password, u);
}

int
console_signout(struct request *r)
{
	unsigned char hash[CRYPTO_SHA256_LEN];
	int rc;

	if (cookie_hash(r, hash) &&
	    (rc = store_session_delete(r->db, hash)) != TJG_OK)
		return rc;
	if (r->user != NULL &&
	    (rc = console_audit(r, "logout", "user", r->user->username, NULL))
	    != TJG_OK)
		return rc;
	return resp_cookie(r, SESSION_COOKIE, "-", -1);
}

int
console_audit(struct request *r, const char *action, const char *object_kind,
    const char *object_ref, const char *detail)
{
	struct audit_entry e;

	memset(&e, 0, sizeof(e));
	if (r->user != NULL) {
		e.user_id = r->user->id;
		e.provider_id = r->user->provider_id;
		e.actor = arena_printf(r->a, "user:%s", r->user->username);
	} else
		e.actor = "anonymous";
	e.network_id = r->network_id;
	e.action = action;
	e.object_kind = object_kind;
	e.object_ref = object_ref;
	e.detail = detail;
	e.ip = store_inet6(r->a, r->remote_addr);
	return store_audit_add(r->db, &e);
}
