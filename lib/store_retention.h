/*
 * Retention: how long personal data is kept, and the statements of
 * `tjgctl purge` that find what is due and erase it. The time is always
 * the caller's "now" (clock_now/clock_sql, so TJG_NOW can move it), bound
 * as a "YYYY-MM-DD HH:MM:SS" UTC parameter.
 *
 * Orders are not erased here: the purge lists the due ones and erases
 * each with store_order_erase(), the one erasure of the application.
 * Every statement changes at most RETENTION_BATCH rows, so no purge
 * transaction holds locks for long while the application serves requests.
 */
#ifndef TJG_STORE_RETENTION_H
#define TJG_STORE_RETENTION_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

struct conf;
struct db;

#define RETENTION_BATCH		500	/* rows per statement */

/*
 * A verified request's access token lives until its expires_at, and at
 * least this long after verification; then the purge erases its hash.
 */
#define RETENTION_ACCESS_HOURS	24

/*
 * THE retention rule: the network's own network.retention_days when set
 * (network_days > 0), else [privacy] retention_days (default_days).
 */
int	 retention_days_pick(int network_days, int default_days);

/*
 * The days the personal data of network's orders is kept after they were
 * fetched or reached a final state, by retention_days_pick(). This is the
 * number the privacy notice and the records of processing show; network
 * 0 (or an unknown network) gives the configured default.
 */
int	 store_retention_days(struct db *, const struct conf *,
	    long long network, int *days);

struct retention_network {
	long long	 id;
	const char	*slug;
	int		 days;		/* by retention_days_pick() */
	bool		 own;		/* its own retention_days is set */
};

/* Every network (active or not) with its retention days, by id. */
int	 store_retention_networks(struct db *, struct arena *,
	    const struct conf *, struct retention_network **out, size_t *n);

/*
 * Up to RETENTION_BATCH ids (ascending, all above after) of network's
 * orders not erased whose retain_from (first of fetched_at and final_at)
 * is more than days before now. Orders never fetched and never final have
 * no retain_from and are never due. *n is the number written to ids,
 * which holds RETENTION_BATCH.
 */
int	 store_retention_due_orders(struct db *, const char *now,
	    long long network, int days, long long after, long long *ids,
	    size_t *n);

/*
 * Data-subject requests: pending ones past expires_at become "expired"
 * with their one-time code hash erased (*expired); any other code hash
 * past expires_at is erased too (*codes, the expired ones not counted
 * twice); access token hashes past expires_at and RETENTION_ACCESS_HOURS
 * after verification are erased (*tokens). The rows stay.
 */
int	 store_retention_requests(struct db *, const char *now,
	    unsigned long long *expired, unsigned long long *codes,
	    unsigned long long *tokens);

/*
 * The mail queue. Erases the address and text of sent or failed mail
 * still holding them (*erased; normally 0: tjgctl mail does it when it
 * sends or gives up).
 */
int	 store_retention_outbox_erase(struct db *,
	    unsigned long long *erased);

/*
 * Deletes network's mail created more than days before now, whatever its
 * status (*deleted). Network 0: the mail of no network.
 */
int	 store_retention_outbox_delete(struct db *, const char *now,
	    long long network, int days, unsigned long long *deleted);

#endif
