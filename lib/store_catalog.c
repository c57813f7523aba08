/*
 * Store: the catalogue rows a network is built from (networks, areas,
 * addresses, outlets, providers, services and the links between them),
 * as inserted by the demo loader and by imports. Reading them for the
 * public pages is store_network.c and store_address.c.
 */
#include <stdbool.h>
#include <string.h>

#include "addr.h"
#include "db.h"
#include "err.h"
#include "store.h"

static const char SQL_NETWORK_EXISTS[] =
    "SELECT 1 FROM network WHERE slug = ?";

static const char SQL_NETWORK_INSERT[] =
    "INSERT INTO network (slug, name, contact_email, contact_phone,"
    " legal_name, org_number, contact_url, landing_title_sv,"
    " landing_title_en, landing_text_sv, landing_text_en)"
    " VALUES (?, ?, COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''), ?,"
    " COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''), ?, ?)";

static const char SQL_AREA_INSERT[] =
    "INSERT INTO area (network_id, name, code) VALUES (?, ?, ?)";

static const char SQL_ADDRESS_INSERT[] =
    "INSERT INTO address (network_id, area_id, street, street_norm, number,"
    " littera, postcode, city, external_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_OUTLET_INSERT[] =
    "INSERT INTO outlet (network_id, address_id, code, apartment,"
    " distinguisher, status, active_from)"
    " VALUES (?, ?, ?, ?, ?, COALESCE(?, 'active'), ?)";

static const char SQL_PROVIDER_INSERT[] =
    "INSERT INTO provider (slug, name, org_number, email, phone, terms_url,"
    " requires_pnr, refuses_samordning, legal_name, url, privacy_url,"
    " pnr_reason_sv, pnr_reason_en)"
    " VALUES (?, ?, ?, COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''),"
    " ?, ?, COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''),"
    " COALESCE(?, ''), COALESCE(?, ''))";

/* The counter row the feed writers lock FOR UPDATE. */
static const char SQL_PROVIDER_FEED_INSERT[] =
    "INSERT INTO provider_feed (provider_id) VALUES (?)";

/* Adding an existing pair makes it active again. */
static const char SQL_PROVIDER_NETWORK_ADD[] =
    "INSERT INTO provider_network (provider_id, network_id) VALUES (?, ?)"
    " ON DUPLICATE KEY UPDATE active = 1";

static const char SQL_SERVICE_INSERT[] =
    "INSERT INTO service (provider_id, category, name, description,"
    " external_code, down_mbps, up_mbps, monthly_ore, start_fee_ore,"
    " binding_months, notice_months, campaign_kind, campaign_value,"
    " campaign_months, limited_to_areas, sort)"
    " VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?,"
    " COALESCE(?, 'none'), ?, ?, ?, ?)";

/* Adding an existing pair is not an error. */
static const char SQL_SERVICE_AREA_ADD[] =
    "INSERT INTO service_area (service_id, area_id) VALUES (?, ?)"
    " ON DUPLICATE KEY UPDATE area_id = area_id";

/* Stores the AUTO_INCREMENT id of a successful insert in *id, if wanted. */
static int
set_id(int rc, unsigned long long nid, long long *id)
{
	if (rc == TJG_OK && id != NULL)
		*id = (long long)nid;
	return rc;
}

static const char SQL_FORM_FIELD_INSERT[] =
    "INSERT INTO form_field (provider_id, network_id, service_id,"
    " field_key, label_sv, label_en, help_sv, help_en, kind, options,"
    " pattern, required, max_len, sort)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static struct db_arg
id_or_null(long long id)
{
	return id > 0 ? DB_INT(id) : DB_NULL;
}

int
store_form_field_insert(struct db *db, const struct new_form_field *f,
    long long *id)
{
	unsigned long long newid = 0;
	int rc;

	rc = db_run(db, SQL_FORM_FIELD_INSERT, DB_ARGS(id_or_null(f->provider),
	    id_or_null(f->network), id_or_null(f->service), DB_TEXT(f->key),
	    DB_TEXT(f->label_sv), DB_TEXT(f->label_en),
	    DB_TEXT(f->help_sv != NULL ? f->help_sv : ""),
	    DB_TEXT(f->help_en != NULL ? f->help_en : ""), DB_TEXT(f->kind),
	    DB_TEXT(f->options), DB_TEXT(f->pattern), DB_INT(f->required),
	    DB_INT(f->max_len > 0 ? f->max_len : 200), DB_INT(f->sort)), NULL,
	    &newid);
	if (rc == TJG_OK && id != NULL)
		*id = (long long)newid;
	return rc;
}

int
store_network_exists(struct db *db, const char *slug, int *exists)
{
	struct db_stmt *st;
	bool row;
	int rc;

	*exists = 0;
	if ((rc = db_exec(db, SQL_NETWORK_EXISTS, DB_ARGS(DB_TEXT(slug)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_next(st, &row)) == TJG_OK)
		*exists = row;
	db_done(st);
	return rc;
}

int
store_network_insert(struct db *db, const struct new_network *n,
    long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_NETWORK_INSERT, DB_ARGS(DB_TEXT(n->slug),
	    DB_TEXT(n->name), DB_TEXT(n->contact_email),
	    DB_TEXT(n->contact_phone), DB_TEXT(n->legal_name),
	    DB_TEXT(n->org_number), DB_TEXT(n->contact_url),
	    DB_TEXT(n->landing_title_sv), DB_TEXT(n->landing_title_en),
	    DB_TEXT(n->landing_text_sv), DB_TEXT(n->landing_text_en)),
	    NULL, &nid);
	return set_id(rc, nid, id);
}

int
store_area_insert(struct db *db, const struct new_area *n, long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_AREA_INSERT, DB_ARGS(DB_INT(n->network),
	    DB_TEXT(n->name), DB_TEXT(n->code)), NULL, &nid);
	return set_id(rc, nid, id);
}

int
store_address_insert(struct db *db, struct arena *a,
    const struct new_address *n, long long *id)
{
	unsigned long long nid = 0;
	const char *norm;
	int rc;

	if (n->street == NULL || (norm = addr_norm(a, n->street)) == NULL ||
	    *norm == '\0')
		return TJG_EINVAL;
	rc = db_run(db, SQL_ADDRESS_INSERT, DB_ARGS(DB_INT(n->network),
	    n->area > 0 ? DB_INT(n->area) : DB_NULL, DB_TEXT(n->street),
	    DB_TEXT(norm), DB_INT(n->number),
	    DB_TEXT(n->littera != NULL ? n->littera : ""),
	    DB_TEXT(n->postcode), DB_TEXT(n->city), DB_TEXT(n->external_id)),
	    NULL, &nid);
	return set_id(rc, nid, id);
}

int
store_outlet_insert(struct db *db, const struct new_outlet *n,
    long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_OUTLET_INSERT, DB_ARGS(DB_INT(n->network),
	    DB_INT(n->address), DB_TEXT(n->code), DB_TEXT(n->apartment),
	    DB_TEXT(n->distinguisher), DB_TEXT(n->status),
	    DB_TEXT(n->active_from)), NULL, &nid);
	return set_id(rc, nid, id);
}

int
store_provider_insert(struct db *db, const struct new_provider *n,
    long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_PROVIDER_INSERT, DB_ARGS(DB_TEXT(n->slug),
	    DB_TEXT(n->name), DB_TEXT(n->org_number), DB_TEXT(n->email),
	    DB_TEXT(n->phone), DB_TEXT(n->terms_url),
	    DB_INT(n->requires_pnr != 0), DB_INT(n->refuses_samordning != 0),
	    DB_TEXT(n->legal_name), DB_TEXT(n->url), DB_TEXT(n->privacy_url),
	    DB_TEXT(n->pnr_reason_sv), DB_TEXT(n->pnr_reason_en)),
	    NULL, &nid);
	if (rc != TJG_OK)
		return rc;
	rc = db_run(db, SQL_PROVIDER_FEED_INSERT,
	    DB_ARGS(DB_INT((long long)nid)), NULL, NULL);
	return set_id(rc, nid, id);
}

int
store_provider_network_add(struct db *db, long long provider,
    long long network)
{
	return db_run(db, SQL_PROVIDER_NETWORK_ADD, DB_ARGS(DB_INT(provider),
	    DB_INT(network)), NULL, NULL);
}

int
store_service_insert(struct db *db, const struct new_service *n,
    long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_SERVICE_INSERT, DB_ARGS(DB_INT(n->provider),
	    DB_TEXT(n->category), DB_TEXT(n->name), DB_TEXT(n->description),
	    DB_TEXT(n->external_code), DB_INT(n->down_mbps),
	    DB_INT(n->up_mbps), DB_INT(n->monthly_ore),
	    DB_INT(n->start_fee_ore), DB_INT(n->binding_months),
	    DB_INT(n->notice_months), DB_TEXT(n->campaign_kind),
	    DB_INT(n->campaign_value), DB_INT(n->campaign_months),
	    DB_INT(n->limited_to_areas != 0), DB_INT(n->sort)), NULL, &nid);
	return set_id(rc, nid, id);
}

int
store_service_area_add(struct db *db, long long service, long long area)
{
	return db_run(db, SQL_SERVICE_AREA_ADD, DB_ARGS(DB_INT(service),
	    DB_INT(area)), NULL, NULL);
}
