/*
 * The address search: what a resident typed -> the network's matching
 * addresses with their outlets, forgiving small typos.
 */
#ifndef TJG_SEARCH_H
#define TJG_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "store.h"

struct db;

struct search_result {
	struct address_hit	*hits;
	size_t			 n;
	bool			 fuzzy;		/* hits are for a corrected street */
	bool			 limited;	/* more matched than shown */
};

/*
 * Searches network for text. The street matches by prefix; when that finds
 * nothing, streets within a small edit distance (1 for short names, 2 from
 * eight letters) are tried instead and res->fuzzy is set. Returns
 * TJG_EINVAL when text holds nothing searchable, TJG_EUNAVAIL when the
 * database is down. Results live in the arena.
 */
int	search_addresses(struct db *, struct arena *, long long network,
	    const char *text, size_t limit, struct search_result *res);

#endif
