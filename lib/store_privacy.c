/*
 * Store: what the privacy notice and the records of processing read
 * about a network, its providers and their form fields. Nothing here
 * writes, and nothing reads personal data of residents.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store_privacy.h"

static const char SQL_CONTROLLER[] =
    "SELECT id, slug, name, legal_name, org_number, postal_address,"
    " contact_email, contact_phone, contact_url, privacy_email,"
    " COALESCE(retention_days, 0)"
    " FROM network WHERE id = ?";


static const char SQL_PROVIDERS[] =
    "SELECT p.id, p.slug, p.name, p.legal_name, p.org_number, p.url,"
    " p.privacy_url, p.requires_pnr, p.refuses_samordning,"
    " p.pnr_reason_sv, p.pnr_reason_en"
    " FROM provider p JOIN provider_network pn ON pn.provider_id = p.id"
    " WHERE pn.network_id = ? AND pn.active = 1 AND p.active = 1"
    " ORDER BY p.name, p.id";

/*
 * The fields the order form of this network can ask for: the network's
 * own (provider 0), those of its providers, and those of their active
 * services (with the service's name).
 */
static const char SQL_FIELDS[] =
    "SELECT COALESCE(f.provider_id, s.provider_id, 0), f.field_key,"
    " f.label_sv, f.label_en, f.help_sv, f.help_en, s.name, f.required"
    " FROM form_field f LEFT JOIN service s ON s.id = f.service_id"
    " WHERE f.active = 1 AND (f.network_id = ?"
    "  OR COALESCE(f.provider_id, s.provider_id) IN"
    "   (SELECT pn.provider_id FROM provider_network pn"
    "    WHERE pn.network_id = ? AND pn.active = 1))"
    "  AND (f.service_id IS NULL OR s.active = 1)"
    " ORDER BY f.sort, f.id";

static const char SQL_KEYS[] =
    "SELECT pii_key_id, COUNT(*) FROM orders"
    " WHERE network_id = ? AND pii IS NOT NULL"
    " GROUP BY pii_key_id ORDER BY pii_key_id";

static const char SQL_NETWORKS[] =
    "SELECT id FROM network WHERE active = 1 ORDER BY slug";

int
store_privacy_controller(struct db *db, struct arena *a, long long network,
    struct privacy_controller *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_CONTROLLER, DB_ARGS(DB_INT(network)), &st))
	    != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		out->id = db_int(st, 0);
		out->slug = db_strdup(a, st, 1);
		out->name = db_strdup(a, st, 2);
		out->legal_name = db_strdup(a, st, 3);
		out->org_number = db_strdup(a, st, 4);
		out->postal_address = db_strdup(a, st, 5);
		out->contact_email = db_strdup(a, st, 6);
		out->contact_phone = db_strdup(a, st, 7);
		out->contact_url = db_strdup(a, st, 8);
		out->privacy_email = db_strdup(a, st, 9);
		out->retention_days = (int)db_int(st, 10);
	}
	db_done(st);
	return rc;
}

static int
providers(struct db *db, struct arena *a, long long network,
    struct privacy_provider **out, size_t *n)
{
	struct privacy_provider *v = NULL, *p;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	if ((rc = db_exec(db, SQL_PROVIDERS, DB_ARGS(DB_INT(network)), &st))
	    != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		p = &v[(*n)++];
		p->id = db_int(st, 0);
		p->slug = db_strdup(a, st, 1);
		p->name = db_strdup(a, st, 2);
		p->legal_name = db_strdup(a, st, 3);
		p->org_number = db_strdup(a, st, 4);
		p->url = db_strdup(a, st, 5);
		p->privacy_url = db_strdup(a, st, 6);
		p->requires_pnr = (int)db_int(st, 7);
		p->refuses_samordning = (int)db_int(st, 8);
		p->pnr_reason_sv = db_strdup(a, st, 9);
		p->pnr_reason_en = db_strdup(a, st, 10);
	}
	db_done(st);
	*out = v;
	return rc;
}

/* Appends f to an owner's list, one at a time: the lists are short. */
static void
add_field(struct arena *a, struct privacy_field **v, size_t *n,
    const struct privacy_field *f)
{
	struct privacy_field *bigger;

	bigger = arena_calloc(a, *n + 1, sizeof(*bigger));
	if (*n > 0)
		memcpy(bigger, *v, *n * sizeof(**v));
	bigger[(*n)++] = *f;
	*v = bigger;
}

int
store_privacy_providers(struct db *db, struct arena *a, long long network,
    struct privacy_provider **out, size_t *n, struct privacy_field **netf,
    size_t *nnetf)
{
	struct privacy_field f;
	struct db_stmt *st;
	long long owner;
	size_t i;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	*netf = NULL;
	*nnetf = 0;
	if ((rc = providers(db, a, network, out, n)) != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_FIELDS, DB_ARGS(DB_INT(network),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		owner = db_int(st, 0);
		f.key = db_strdup(a, st, 1);
		f.label_sv = db_strdup(a, st, 2);
		f.label_en = db_strdup(a, st, 3);
		f.help_sv = db_strdup(a, st, 4);
		f.help_en = db_strdup(a, st, 5);
		f.service = db_strdup(a, st, 6);
		f.required = (int)db_int(st, 7);
		if (owner == 0) {
			add_field(a, netf, nnetf, &f);
			continue;
		}
		/* A provider no longer active in the network asks nothing. */
		for (i = 0; i < *n; i++)
			if ((*out)[i].id == owner) {
				add_field(a, &(*out)[i].fields,
				    &(*out)[i].nfields, &f);
				break;
			}
	}
	db_done(st);
	return rc;
}

int
store_privacy_keys(struct db *db, struct arena *a, long long network,
    struct privacy_key_use **out, size_t *n)
{
	struct privacy_key_use *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_KEYS, DB_ARGS(DB_INT(network)), &st)) !=
	    TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].key_id = (int)db_int(st, 0);
		v[(*n)++].orders = db_int(st, 1);
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_privacy_networks(struct db *db, struct arena *a, long long **ids,
    size_t *n)
{
	long long *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_NETWORKS, DB_NOARGS, &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[(*n)++] = db_int(st, 0);
	}
	db_done(st);
	*ids = v;
	return rc;
}
