/*
 * tjgctl purge, the privacy steps (table in ctl_purge.c): the personal
 * data of orders past their retention, stale data-subject requests and
 * their codes and tokens, and the mail queue. Each prints one line of
 * what it did; each is idempotent and works in batches of at most
 * RETENTION_BATCH rows, so it can run while the application serves.
 */
#include <stdio.h>

#include "ctl.h"
#include "db.h"
#include "err.h"
#include "store.h"
#include "store_retention.h"

/*
 * Erases the due orders of one network, each through store_order_erase()
 * (its own short transaction: the order log's "erased" event by
 * "system" and the feed's erasure marker come with it). An order that
 * cannot be erased is counted in *failed and skipped; a database that is
 * gone ends the step.
 */
static int
erase_network(struct ctl *ctl, const char *now,
    const struct retention_network *net, unsigned long long *erased,
    unsigned long long *failed)
{
	long long ids[RETENTION_BATCH], after = 0;
	size_t n, i;
	int rc;

	do {
		if ((rc = store_retention_due_orders(ctl->db, now, net->id,
		    net->days, after, ids, &n)) != TJG_OK)
			return rc;
		for (i = 0; i < n; i++) {
			after = ids[i];
			rc = store_order_erase(ctl->db, ids[i], "system", 0);
			if (rc == TJG_OK)
				(*erased)++;
			else if (rc == TJG_EUNAVAIL)
				return rc;
			else if (rc != TJG_ENOTFOUND)
				(*failed)++;
		}
	} while (n == RETENTION_BATCH);
	return TJG_OK;
}

int
purge_orders(struct ctl *ctl, const char *now)
{
	struct retention_network *nets;
	unsigned long long erased = 0, failed = 0;
	const char *note;
	size_t nnets, i;
	int rc, days;

	if ((rc = store_retention_days(ctl->db, &ctl->conf, 0, &days)) !=
	    TJG_OK || (rc = store_retention_networks(ctl->db, &ctl->a,
	    &ctl->conf, &nets, &nnets)) != TJG_OK)
		return rc;
	note = arena_printf(&ctl->a, "retention %d days", days);
	for (i = 0; i < nnets && rc == TJG_OK; i++) {
		if (nets[i].own)
			note = arena_printf(&ctl->a, "%s; network %s: %d days",
			    note, nets[i].slug, nets[i].days);
		rc = erase_network(ctl, now, &nets[i], &erased, &failed);
	}
	printf("purge: %llu orders' personal data erased (%s)\n", erased,
	    note);
	if (rc == TJG_OK && failed > 0) {
		fprintf(stderr, "tjgctl: purge: %llu orders could not be "
		    "erased (the log says why)\n", failed);
		rc = TJG_EINTERNAL;
	}
	return rc;
}

int
purge_requests(struct ctl *ctl, const char *now)
{
	unsigned long long expired, codes, tokens;
	int rc;

	if ((rc = store_retention_requests(ctl->db, now, &expired, &codes,
	    &tokens)) != TJG_OK)
		return rc;
	printf("purge: %llu unverified requests expired with their codes, "
	    "%llu other stale codes and %llu access tokens erased\n", expired,
	    codes, tokens);
	return TJG_OK;
}

int
purge_outbox(struct ctl *ctl, const char *now)
{
	struct retention_network *nets;
	unsigned long long erased, n, deleted = 0;
	size_t nnets, i;
	int rc, days;

	if ((rc = store_retention_outbox_erase(ctl->db, &erased)) != TJG_OK ||
	    (rc = store_retention_networks(ctl->db, &ctl->a, &ctl->conf,
	    &nets, &nnets)) != TJG_OK ||
	    (rc = store_retention_days(ctl->db, &ctl->conf, 0, &days)) !=
	    TJG_OK)
		return rc;
	/* Mail of no network is kept as long as the default says. */
	rc = store_retention_outbox_delete(ctl->db, now, 0, days, &deleted);
	for (i = 0; i < nnets && rc == TJG_OK; i++) {
		rc = store_retention_outbox_delete(ctl->db, now, nets[i].id,
		    nets[i].days, &n);
		deleted += n;
	}
	printf("purge: %llu sent or failed mails' addresses and texts erased, "
	    "%llu mails past retention deleted\n", erased, deleted);
	return rc;
}
