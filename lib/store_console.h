/*
 * The console's store: users, sessions, sign-in attempts and the audit
 * log. All SQL of these tables is in store_console.c.
 */
#ifndef TJG_STORE_CONSOLE_H
#define TJG_STORE_CONSOLE_H

#include <stdbool.h>

#include "arena.h"
#include "crypto.h"

struct db;

struct user_row {
	long long	 id;
	const char	*username;
	const char	*password_hash;
	const char	*role;		/* app_user.role */
	long long	 network_id;
	long long	 provider_id;	/* 0 for staff */
	const char	*provider_name;	/* NULL for staff */
	bool		 disabled;
};

/*
 * The user called username (case-insensitive) of network, with the
 * provider still active for provider users; TJG_ENOTFOUND if none.
 */
int	store_user_by_name(struct db *, struct arena *, long long network,
	    const char *username, struct user_row *out);
int	store_user_set_hash(struct db *, long long id, const char *hash);
int	store_user_signed_in(struct db *, long long id);

/*
 * Failed sign-ins within window seconds (and since the last success) of
 * the account, and of the client address.
 */
int	store_login_failures(struct db *, const unsigned char
	    account[CRYPTO_BIDX_LEN], const char *ip, int window,
	    long long *by_account, long long *by_ip);
int	store_login_record(struct db *, const unsigned char
	    account[CRYPTO_BIDX_LEN], const char *ip, long long user_id,
	    bool ok);

int	store_session_insert(struct db *, const unsigned char
	    id_hash[CRYPTO_SHA256_LEN], long long user_id,
	    const unsigned char csrf[32]);

struct session_row {
	struct user_row	 user;
	unsigned char	 csrf[32];
	bool		 stale;		/* last_seen_at over a minute ago */
};

/*
 * The live session with this id hash of a user of network: idle and max
 * in seconds. TJG_ENOTFOUND if none (expired, disabled user, other
 * network).
 */
int	store_session_get(struct db *, struct arena *, const unsigned char
	    id_hash[CRYPTO_SHA256_LEN], long long network, int idle, int max,
	    struct session_row *out);
int	store_session_touch(struct db *, const unsigned char
	    id_hash[CRYPTO_SHA256_LEN]);
int	store_session_delete(struct db *, const unsigned char
	    id_hash[CRYPTO_SHA256_LEN]);
/* Ends every session of a user (disabled, password changed). */
int	store_session_delete_user(struct db *, long long user_id);

struct audit_entry {
	long long	 user_id;	/* 0: none */
	long long	 network_id;	/* 0: none */
	long long	 provider_id;	/* 0: none */
	const char	*actor;		/* "user:alice", "cli:root" */
	const char	*action;	/* "order.show" */
	const char	*object_kind;	/* may be NULL */
	const char	*object_ref;	/* may be NULL */
	const char	*detail;	/* may be NULL; never personal data */
	const char	*ip;		/* may be NULL */
};

int	store_audit_add(struct db *, const struct audit_entry *);

/* tjgctl user: by user name, any network. */
int	store_user_add(struct db *, const char *username, const char *hash,
	    const char *role, const char *network_slug,
	    const char *provider_slug, long long *id);
int	store_user_set_hash_by_name(struct db *, const char *username,
	    const char *hash, long long *id);
int	store_user_set_disabled_by_name(struct db *, const char *username,
	    bool disabled, long long *id);

/*
 * tjgctl purge: deletes sign-in attempts older than days, and sessions
 * idle longer than idle or older than max seconds, at now ("YYYY-MM-DD
 * HH:MM:SS" UTC); *n gets the rows deleted.
 */
int	store_purge_logins(struct db *, const char *now, int days,
	    unsigned long long *n);
int	store_purge_sessions(struct db *, const char *now, int idle, int max,
	    unsigned long long *n);

/* An address as INET6 text: IPv4 "a.b.c.d" becomes "::ffff:a.b.c.d". */
const char *store_inet6(struct arena *, const char *ip);

#endif
