/*
 * Store: networks (one installation can serve several city networks).
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store.h"

static const char SQL_NETWORK_BY_SLUG[] =
    "SELECT id, slug, name FROM network WHERE slug = ?";

int
store_network_by_slug(struct db *db, struct arena *a, const char *slug,
    struct network *out)
{
	struct db_stmt *st;
	bool row;
	int rc;

	if ((rc = db_exec(db, SQL_NETWORK_BY_SLUG, DB_ARGS(DB_TEXT(slug)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_next(st, &row)) == TJG_OK) {
		if (!row)
			rc = TJG_ENOTFOUND;
		else {
			out->id = db_int(st, 0);
			out->slug = db_strdup(a, st, 1);
			out->name = db_strdup(a, st, 2);
		}
	}
	db_done(st);
	return rc;
}
