/*
 * Store: networks (one installation can serve several city networks),
 * and what their public pages show: contact, texts, colours, logo.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store.h"

/* updated_at as digits: it changes with each change of the look. */
static const char SQL_NETWORK_BY_SLUG[] =
    "SELECT id, slug, name, DATE_FORMAT(updated_at, '%Y%m%d%H%i%s%f'),"
    " logo IS NOT NULL, contact_email, contact_phone, contact_url,"
    " COALESCE(footer_text_sv, ''), COALESCE(footer_text_en, ''),"
    " landing_title_sv, landing_title_en,"
    " COALESCE(landing_text_sv, ''), COALESCE(landing_text_en, '')"
    " FROM network WHERE slug = ?";

static const char SQL_NETWORK_COLOURS[] =
    "SELECT colour_primary, colour_accent, colour_text, colour_background"
    " FROM network WHERE id = ?";

static const char SQL_NETWORK_LOGO[] =
    "SELECT logo, logo_type FROM network WHERE id = ? AND logo IS NOT NULL";

/* The column as text in the arena, "" for NULL. */
static const char *
str(struct arena *a, struct db_stmt *st, unsigned col)
{
	const char *s = db_strdup(a, st, col);

	return s != NULL ? s : "";
}

int
store_network_by_slug(struct db *db, struct arena *a, const char *slug,
    struct network *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_NETWORK_BY_SLUG, DB_ARGS(DB_TEXT(slug)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		out->id = db_int(st, 0);
		out->slug = str(a, st, 1);
		out->name = str(a, st, 2);
		out->version = str(a, st, 3);
		out->has_logo = db_int(st, 4) != 0;
		out->contact_email = str(a, st, 5);
		out->contact_phone = str(a, st, 6);
		out->contact_url = str(a, st, 7);
		out->footer_sv = str(a, st, 8);
		out->footer_en = str(a, st, 9);
		out->landing_title_sv = str(a, st, 10);
		out->landing_title_en = str(a, st, 11);
		out->landing_text_sv = str(a, st, 12);
		out->landing_text_en = str(a, st, 13);
	}
	db_done(st);
	return rc;
}

int
store_network_colours(struct db *db, struct arena *a, long long network,
    const char *out[4])
{
	struct db_stmt *st;
	unsigned i;
	int rc;

	if ((rc = db_exec(db, SQL_NETWORK_COLOURS, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		for (i = 0; i < 4; i++)
			out[i] = str(a, st, i);
	db_done(st);
	return rc;
}

int
store_network_logo(struct db *db, struct arena *a, long long network,
    const char **data, size_t *len, const char **ctype)
{
	struct db_stmt *st;
	const char *p;
	char *copy;
	int rc;

	*data = NULL;
	*len = 0;
	*ctype = NULL;
	if ((rc = db_exec(db, SQL_NETWORK_LOGO, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		p = db_text(st, 0, len);
		copy = arena_alloc(a, *len + 1);
		if (*len > 0)
			memcpy(copy, p, *len);
		*data = copy;
		*ctype = str(a, st, 1);
	}
	db_done(st);
	return rc;
}
