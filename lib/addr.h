/*
 * Address search: normalising street names (lower case, diacritics folded,
 * abbreviations kept as prefixes) and reading what a resident typed into
 * a street / number / littera / postcode query, plus a bounded edit
 * distance for typo tolerance.
 */
#ifndef TJG_ADDR_H
#define TJG_ADDR_H

#include <stddef.h>

#include "arena.h"

#define ADDR_MAX_QUERY	200	/* bytes of a search query */

struct addr_query {
	const char	*street;	/* normalised street, or NULL */
	int		 number;	/* street number, 0 if none */
	char		 littera;	/* 'a'..'z', or 0 */
	char		 postcode[6];	/* 5 digits, or "" */
};

/*
 * Normalises a street name for comparison and indexing: ASCII lower
 * case with å/ä→a, ö→o, é→e, ü→u and similar folded, punctuation removed,
 * runs of spaces collapsed. "Stora Nygatan" -> "stora nygatan".
 * Returns a string in the arena.
 */
char	*addr_norm(struct arena *, const char *s);

/*
 * Reads a query such as "Storg. 12b", "storgatan 12 B", "Storgatan 12B,
 * 123 45" or "12345". The street is normalised; a trailing '.' marks an
 * abbreviation and is dropped (the store matches streets by prefix).
 * Returns TJG_EINVAL if nothing searchable remains.
 */
int	 addr_query_parse(struct arena *, const char *q, struct addr_query *out);

/*
 * Optimal-string-alignment distance between a and b, or max + 1 as soon
 * as it is certain to exceed max.
 */
int	 addr_distance(const char *a, const char *b, int max);

/* Formats a 5-digit postcode the Swedish way, "123 45", into out[7]. */
void	 addr_postcode_fmt(const char *postcode, char out[7]);

#endif
