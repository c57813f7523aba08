/*
 * The provider API's store (lib/store_api.c): bearer tokens, the feed
 * cursor (polling interval and acknowledgement), the order snapshots of a
 * provider's feed, the "fetched" marks, status reports and the order log
 * as the provider sees it. Every query is limited to one provider: an
 * order of another provider is TJG_ENOTFOUND, never a refusal.
 */
#ifndef TJG_API_H
#define TJG_API_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "feed.h"

struct db;
struct db_stmt;

#define API_TOKEN_BYTES		32	/* 256 bits of randomness */
#define API_TOUCH_INTERVAL	60	/* seconds between last_used_at writes */

/* One token as tjgctl lists it; times "YYYY-MM-DD HH:MM:SS" UTC or NULL. */
struct api_token {
	long long	 id;
	const char	*label, *created, *last_used, *revoked;
};

/*
 * Stores a token of the provider with slug: only hash (the SHA-256 of the
 * token text, 32 bytes) and label. TJG_ENOTFOUND if there is no such
 * provider.
 */
int	 store_api_token_create(struct db *, const char *provider_slug,
	    const char *label, const unsigned char *hash, long long *id);

/* The tokens of the provider with slug, oldest first (ENOTFOUND: none). */
int	 store_api_token_list(struct db *, struct arena *,
	    const char *provider_slug, struct api_token **out, size_t *n);

/*
 * Stores the certificate of the provider with slug (PEM, the SHA-256 of
 * its DER, notAfter "YYYY-MM-DD HH:MM:SS" UTC), or clears all three when
 * pem is NULL. The caller has parsed and checked it. TJG_ENOTFOUND if
 * there is no such provider.
 */
int	 store_api_cert_set(struct db *, const char *provider_slug,
	    const char *pem, const unsigned char *sha256,
	    const char *not_after);

/*
 * The certificate (PEM, in a) customer details are encrypted to for
 * provider, or *pem NULL when it has none: the feed is then clear.
 */
int	 store_api_cert_get(struct db *, struct arena *, long long provider,
	    const char **pem);

/*
 * The id of the order with reference ref, of any provider: for
 * operators (tjgctl), never for the API. TJG_ENOTFOUND if none.
 */
int	 store_api_order_id(struct db *, const char *ref, long long *id);

/* Revokes token id; TJG_ENOTFOUND if it does not exist or is revoked. */
int	 store_api_token_revoke(struct db *, long long id);

/*
 * Finds the token whose SHA-256 is hash: TJG_EUNAUTH if unknown, revoked,
 * expired or its provider inactive. Records last_used_at, at most once in
 * API_TOUCH_INTERVAL seconds so that polling costs no write.
 */
int	 store_api_token_check(struct db *, const unsigned char *hash,
	    long long *provider, long long *token);

/*
 * One poll of the feed by provider asking for the orders after cursor
 * after: TJG_ERATE with *retry_after (seconds, >= 1) if the last poll was
 * less than interval seconds ago (the provider's own poll_interval_s
 * wins over interval); nothing is written then. Otherwise records the
 * poll and acknowledges everything up to after (never beyond the last
 * sequence, never backwards), in one transaction.
 */
int	 store_api_poll(struct db *, long long provider, long long after,
	    int interval, int *retry_after);

/* An order of the feed: the snapshot without its personal data. */
struct api_order {
	long long		 id;
	bool			 fetched;	/* delivered before */
	struct feed_order	 f;		/* customer fields left NULL */
	/* The sealed personal data (AAD: f.ref), NULL once erased. */
	const void		*pii;
	size_t			 pii_len;
};

/*
 * One page of the provider's feed: the orders with a sequence in
 * (after, *next], oldest first, at most limit; *next is the last
 * sequence of the page, or after when it is empty. Read the rows with
 * store_api_feed_next() and finish with db_done(). The database layer
 * buffers the result (at most limit rows, limit <= 1000).
 */
int	 store_api_feed_open(struct db *, long long provider, long long after,
	    int limit, long long *next, struct db_stmt **st);

/*
 * The next order into o (strings in a; o->pii points into the row and is
 * valid until the next call); *row false at the end.
 */
int	 store_api_feed_next(struct db_stmt *, struct arena *a,
	    struct api_order *o, bool *row);

/* One order of provider by reference (ENOTFOUND: none or another's). */
int	 store_api_order_get(struct db *, struct arena *, long long provider,
	    const char *ref, struct api_order *o);

/*
 * Marks the orders ids[0..n) of provider delivered, in one transaction:
 * orders.fetched_at and a "fetched" event, once per order (an order
 * already marked is left alone, also when two polls race). The feed
 * sequence does not change.
 */
int	 store_api_mark_fetched(struct db *, long long provider,
	    const long long *ids, size_t n);

/*
 * The order log of the provider's order ref, oldest first: kind, time
 * (RFC 3339 UTC) and actor kind; notes only of the provider's own events.
 */
int	 store_api_order_log(struct db *, struct arena *, long long provider,
	    const char *ref, struct feed_event **out, size_t *n);

/*
 * Applies a status report to the provider's order ref in one transaction:
 * the order locked FOR UPDATE; the same status again changes nothing
 * (*changed false); a move feed_transition_ok() refuses is TJG_ECONFLICT;
 * otherwise the status (final_at for final states), provider reference,
 * external message and status date, a new feed sequence from the
 * provider's counter row, and the events ("received" first for new ->
 * activated; the note on the event of the new status).
 */
int	 store_api_status(struct db *, long long provider, const char *ref,
	    const struct feed_status *st, bool *changed);

#endif
