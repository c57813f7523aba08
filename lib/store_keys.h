/*
 * The store of key rotation (tjgctl rekey and keys): which data key each
 * order's personal data is sealed with, batches of orders to re-encrypt
 * under the newest key, and their update. A blob's key is its first
 * byte (lib/crypto.h); orders.pii_key_id repeats it, and both are read
 * so a row where they disagree is neither missed nor trusted.
 *
 * All functions return TJG_OK or an error code (TJG_EUNAVAIL when the
 * database is down or a lock could not be had).
 */
#ifndef TJG_STORE_KEYS_H
#define TJG_STORE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

struct db;

struct key_use {
	int		 id;		/* the blob's key id */
	long long	 orders;	/* orders with personal data under it */
	long long	 mislabelled;	/* of them, pii_key_id says otherwise */
};

/* The key ids in use by orders' personal data, lowest first. */
int	 store_keys_use(struct db *, struct arena *, struct key_use **out,
	    size_t *n);

/* Orders whose personal data is, or claims to be, under key id. */
int	 store_keys_orders_with(struct db *, int id, long long *n);

/* Orders whose personal data is not (or not labelled) under key id. */
int	 store_rekey_left(struct db *, int newest, long long *n);

struct rekey_row {
	long long	 id;
	const char	*ref;		/* the blob's additional data */
	const void	*pii;
	size_t		 len;
	bool		 recent;	/* created at or after since */
};

/*
 * Starts a transaction at READ COMMITTED for one batch: the rows read are
 * locked, with no gap locks, so new orders are never held up.
 */
int	 store_rekey_begin(struct db *);

/*
 * Locks (FOR UPDATE, in the transaction of store_rekey_begin) and
 * returns at most limit orders with id > after whose personal data is
 * not under newest, lowest id first; a writer of the same order waits for
 * the batch, so nothing it writes is overwritten. recent tells whether
 * an order was created at or after since (UTC "YYYY-MM-DD HH:MM:SS"):
 * such an order sealed under an older key was written by a worker that
 * has not loaded the newest key. *out lives in the arena.
 */
int	 store_rekey_batch(struct db *, struct arena *, int newest,
	    long long after, const char *since, size_t limit,
	    struct rekey_row **out, size_t *n);

/* Replaces the personal data of order id with pii sealed under key_id. */
int	 store_rekey_set(struct db *, long long id, const void *pii,
	    size_t len, int key_id);

#endif
