/*
 * The address search: a prefix search first, and only when it finds
 * nothing, a typo-tolerant pass over the network's street names.
 */
#include <string.h>

#include "addr.h"
#include "err.h"
#include "search.h"
#include "store.h"

#define FUZZY_STREETS	3	/* corrected streets tried at the most */

/* Typos tolerated for a query word of this length. */
static int
tolerance(size_t len)
{
	return len < 4 ? 0 : len < 8 ? 1 : 2;
}

/*
 * Distance from the typed street to name, comparing with the whole name
 * and with its start of the same length (a misspelt abbreviation).
 */
static int
street_distance(struct arena *a, const char *typed, const char *name,
    int max)
{
	size_t n = strlen(typed);
	int d, dp;

	d = addr_distance(typed, name, max);
	if (strlen(name) > n) {
		dp = addr_distance(typed, arena_strndup(a, name, n), max);
		if (dp < d)
			d = dp;
	}
	return d;
}

int
search_addresses(struct db *db, struct arena *a, long long network,
    const char *text, size_t limit, struct search_result *res)
{
	const char *best[FUZZY_STREETS], **names;
	int bestd[FUZZY_STREETS], max, d;
	struct addr_query q;
	size_t i, j, k, nnames, nbest = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	if ((rc = addr_query_parse(a, text, &q)) != TJG_OK)
		return rc;
	if ((rc = store_address_search(db, a, network, &q, limit + 1,
	    &res->hits, &res->n)) != TJG_OK)
		return rc;
	if (res->n > 0 || q.street == NULL ||
	    (max = tolerance(strlen(q.street))) == 0)
		goto out;

	if ((rc = store_street_names(db, a, network, &names, &nnames)) !=
	    TJG_OK)
		return rc;
	/* Keep the FUZZY_STREETS closest names, closest first. */
	for (i = 0; i < nnames; i++) {
		d = street_distance(a, q.street, names[i], max);
		if (d > max)
			continue;
		for (j = 0; j < nbest && bestd[j] <= d; j++)
			;
		if (j == FUZZY_STREETS)
			continue;
		for (k = nbest < FUZZY_STREETS ? nbest : FUZZY_STREETS - 1;
		    k > j; k--) {
			best[k] = best[k - 1];
			bestd[k] = bestd[k - 1];
		}
		best[j] = names[i];
		bestd[j] = d;
		if (nbest < FUZZY_STREETS)
			nbest++;
	}
	for (i = 0; i < nbest && res->n == 0; i++) {
		q.street = best[i];
		if ((rc = store_address_search(db, a, network, &q, limit + 1,
		    &res->hits, &res->n)) != TJG_OK)
			return rc;
		res->fuzzy = res->n > 0;
	}
out:
	if (res->n > limit) {
		res->n = limit;
		res->limited = true;
	}
	return TJG_OK;
}
