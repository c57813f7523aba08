/*
 * The store of data-subject requests (table dsr_request) and the lookups
 * they need: the orders of a person by the blind index of the e-mail
 * address or the personnummer, and what the copy says about the network
 * (controller, retention). A request never holds the e-mail address, the
 * personnummer or the code: only their blind indexes and keyed hashes.
 * Every statement names the network. Times are bound from the caller's
 * clock (lib/clock.h) as UTC "YYYY-MM-DD HH:MM:SS" where a rule is
 * decided (code expiry, access window).
 */
#ifndef TJG_STORE_DSR_H
#define TJG_STORE_DSR_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "crypto.h"

struct db;

#define DSR_LIST_PAGE	50	/* requests on a page of the console's list */

struct dsr_new {
	long long		 network;
	const char		*kind;		/* "access", "erasure" */
	const char		*status;	/* "pending", "verified",
						 * "done" */
	const char		*channel;	/* "web", "letter", ... */
	const unsigned char	*email_bidx;	/* 32 bytes, or NULL */
	const unsigned char	*pnr_bidx;	/* 32 bytes, or NULL */
	const unsigned char	*token_hash;	/* of the code page, or NULL */
	const unsigned char	*code_hash;	/* keyed hash, or NULL */
	const char		*now;		/* UTC; verified_at, done_at */
	const char		*expires_at;	/* UTC */
	long long		 order_id;	/* 0: all orders */
	long long		 handled_by;	/* console user, 0: none */
	const char		*note;		/* or NULL; no personal data */
	const char		*lang;		/* "sv", "en" */
};

/*
 * Adds a request: verified_at is set to now for "verified" and "done",
 * done_at for "done". Runs in the caller's transaction, if any. Sets *id
 * (id may be NULL).
 */
int	 store_dsr_insert(struct db *, const struct dsr_new *, long long *id);

struct dsr_row {
	long long	 id, order_id, handled_by;
	const char	*kind, *status, *channel, *lang, *note;
	/* UTC "YYYY-MM-DD HH:MM:SS", or NULL when not (yet). */
	const char	*created, *expires, *verified, *done;
	const char	*handler;	/* handled_by's user name, or NULL */
	const char	*order_ref;	/* order_id's reference, or NULL */
	unsigned char	 email_bidx[CRYPTO_BIDX_LEN];
	unsigned char	 pnr_bidx[CRYPTO_BIDX_LEN];
	unsigned char	 code_hash[CRYPTO_SHA256_LEN];
	bool		 has_email, has_pnr, has_code;
	int		 attempts;
	bool		 expired;	/* expires_at is past (locked rows) */
};

/*
 * The request of network whose code page has the token hashing to hash,
 * locked FOR UPDATE (call inside a transaction); expired tells whether
 * its expires_at is at or before now. TJG_ENOTFOUND if none.
 */
int	 store_dsr_lock_token(struct db *, struct arena *, long long network,
	    const unsigned char *hash, const char *now, struct dsr_row *out);

/*
 * Counts a wrong code of request id; with expire, the request is then
 * "expired" (too many tries, or too late).
 */
int	 store_dsr_attempt(struct db *, long long id, bool expire);

/*
 * The right code: request id becomes "verified" at now, the code hash is
 * dropped and access_hash (SHA-256 of the secret the browser gets) kept.
 */
int	 store_dsr_verify(struct db *, long long id, const char *now,
	    const unsigned char *access_hash);

/*
 * The verified (or done) request of network whose access secret hashes
 * to hash, if it was verified after since (UTC): the access window.
 * TJG_ENOTFOUND otherwise.
 */
int	 store_dsr_by_access(struct db *, struct arena *, long long network,
	    const unsigned char *hash, const char *since, struct dsr_row *out);

/*
 * Request id is done at now (done_at kept if set before), handled by
 * user (0 keeps whoever handled it).
 */
int	 store_dsr_done(struct db *, long long id, const char *now,
	    long long user);

/* The access secret of request id stops working (the resident is done). */
int	 store_dsr_end_access(struct db *, long long id);

/* One order of a person: its id and reference. */
struct dsr_order_ref {
	long long	 id;
	const char	*ref;
};

/*
 * The orders of network, not erased, whose e-mail index is email_bidx or
 * whose personnummer index is pnr_bidx (either may be NULL, not both),
 * oldest first.
 */
int	 store_dsr_orders(struct db *, struct arena *, long long network,
	    const unsigned char *email_bidx, const unsigned char *pnr_bidx,
	    struct dsr_order_ref **out, size_t *n);

/* What the copy and the pages say about the network. */
struct dsr_network {
	const char	*name;
	const char	*controller;	/* legal name, else the name */
	const char	*contact;	/* privacy e-mail, else contact */
	int		 retention_days; /* the network's, else the default */
};

int	 store_dsr_network(struct db *, struct arena *, long long network,
	    int default_days, struct dsr_network *out);

/* The console's list: what it is narrowed to (NULL matches anything). */
struct dsr_filter {
	long long	 network;
	const char	*status, *kind;
};

/*
 * One page of the requests matching f, newest first: at most limit from
 * offset, and the number of all matching in *total.
 */
int	 store_dsr_list(struct db *, struct arena *, const struct dsr_filter *,
	    long long offset, size_t limit, struct dsr_row **out, size_t *n,
	    long long *total);

/* Request id of network; TJG_ENOTFOUND if none. */
int	 store_dsr_get(struct db *, struct arena *, long long network,
	    long long id, struct dsr_row *out);

#endif
