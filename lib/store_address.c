/*
 * Store: addresses and their outlets, for the public address search.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store.h"

/*
 * Deactivated addresses, and those of deactivated areas, are not found
 * (sql/002_console.sql). The addresses come first through the index on
 * (network_id, street_norm, number, littera) or (network_id, postcode,
 * number), limited, then their outlets are joined. Conditions whose
 * parameter is empty fold away when MariaDB optimises each execution.
 */
static const char SQL_ADDRESS_SEARCH[] =
    "SELECT a.id, a.street, a.number, a.littera, a.postcode, a.city,"
    " o.id, o.code, o.apartment, o.status"
    " FROM (SELECT id, street, street_norm, number, littera, postcode, city"
    "  FROM address"
    "  WHERE network_id = ? AND active = 1"
    "   AND (area_id IS NULL OR area_id IN"
    "    (SELECT id FROM area WHERE active = 1))"
    "   AND (? = '' OR street_norm LIKE CONCAT(?, '%'))"
    "   AND (? = 0 OR number = ?)"
    "   AND (? = '' OR littera = ?)"
    "   AND (? = '' OR postcode = ?)"
    "  ORDER BY street_norm, number, littera, id"
    "  LIMIT ?) a"
    " LEFT JOIN outlet o ON o.address_id = a.id"
    " ORDER BY a.street_norm, a.number, a.littera, a.id,"
    "  o.apartment, o.code";

static const char SQL_STREET_NAMES[] =
    "SELECT DISTINCT street_norm FROM address"
    " WHERE network_id = ? AND active = 1"
    "  AND (area_id IS NULL OR area_id IN"
    "   (SELECT id FROM area WHERE active = 1))";

int
store_address_search(struct db *db, struct arena *a, long long network,
    const struct addr_query *q, size_t limit, struct address_hit **out,
    size_t *n)
{
	const char *street = q->street != NULL ? q->street : "";
	char lit[2] = { q->littera, '\0' };
	struct address_hit *hits, *h = NULL;
	struct outlet_hit *o;
	struct db_stmt *st;
	size_t cap = 0;		/* of the outlets of h */
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_ADDRESS_SEARCH, DB_ARGS(DB_INT(network),
	    DB_TEXT(street), DB_TEXT(street), DB_INT(q->number),
	    DB_INT(q->number), DB_TEXT(lit), DB_TEXT(lit),
	    DB_TEXT(q->postcode), DB_TEXT(q->postcode),
	    DB_INT((long long)limit)), &st)) != TJG_OK)
		return rc;
	hits = arena_calloc(a, limit + 1, sizeof(*hits));
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (h == NULL || h->id != db_int(st, 0)) {
			if (*n == limit)
				break;
			h = &hits[(*n)++];
			h->id = db_int(st, 0);
			h->street = db_strdup(a, st, 1);
			h->number = (int)db_int(st, 2);
			h->littera = db_strdup(a, st, 3);
			h->postcode = db_strdup(a, st, 4);
			h->city = db_strdup(a, st, 5);
			/* The rows of one address come together. */
			h->outlets = NULL;
			cap = 0;
		}
		if (db_null(st, 6))
			continue;
		h->outlets = arena_grow(a, h->outlets, h->noutlets, &cap,
		    sizeof(*h->outlets));
		o = &h->outlets[h->noutlets++];
		o->id = db_int(st, 6);
		o->code = db_strdup(a, st, 7);
		o->apartment = db_strdup(a, st, 8);
		o->status = db_strdup(a, st, 9);
	}
	db_done(st);
	if (rc == TJG_OK)
		*out = hits;
	return rc;
}

int
store_street_names(struct db *db, struct arena *a, long long network,
    const char ***out, size_t *n)
{
	struct db_stmt *st;
	const char **v = NULL;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_STREET_NAMES, DB_ARGS(DB_INT(network)), &st))
	    != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[(*n)++] = db_strdup(a, st, 0);
	}
	db_done(st);
	*out = v;
	return rc;
}
