/*
 * Store: providers, API tokens, services with their areas, and extra
 * form fields, as the console reads and writes them. Every statement is
 * limited to the providers of one network (provider_network), and where
 * a provider user asks, to that provider.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store.h"
#include "store_admin_provider.h"

#define PROVIDER_COLUMNS \
    "SELECT p.id, p.slug, p.name, p.legal_name, p.org_number, p.email," \
    " p.phone, p.url, p.terms_url, p.privacy_url, p.requires_pnr," \
    " p.refuses_samordning, p.pnr_reason_sv, p.pnr_reason_en," \
    " COALESCE(p.alert_unfetched_hours, 0)," \
    " COALESCE(p.alert_unacked_hours, 0), p.alert_email," \
    " COALESCE(p.poll_interval_s, 0), p.own_network_id <=> pn.network_id," \
    " pn.active, COALESCE(p.own_network_id, 0)," \
    " (SELECT COUNT(*) FROM service s WHERE s.provider_id = p.id)," \
    " (SELECT COUNT(*) FROM api_token t WHERE t.provider_id = p.id" \
    "   AND t.revoked_at IS NULL)," \
    " p.cert_pem, LOWER(HEX(p.cert_sha256))," \
    " DATE_FORMAT(p.cert_not_after, '%Y-%m-%d %H:%i:%s')" \
    " FROM provider p JOIN provider_network pn ON pn.provider_id = p.id" \
    "  AND pn.network_id = ?"

static const char SQL_PROVIDERS[] = PROVIDER_COLUMNS
    " ORDER BY p.name, p.id";

static const char SQL_PROVIDER_GET[] = PROVIDER_COLUMNS
    " WHERE p.id = ?";

/* The slug never changes: the API and tjgctl know providers by it. */
static const char SQL_PROVIDER_UPDATE[] =
    "UPDATE provider p JOIN provider_network pn ON pn.provider_id = p.id"
    "  AND pn.network_id = ?"
    " SET p.name = ?, p.legal_name = ?, p.org_number = ?, p.email = ?,"
    " p.phone = ?, p.url = ?, p.terms_url = ?, p.privacy_url = ?,"
    " p.requires_pnr = ?, p.refuses_samordning = ?, p.pnr_reason_sv = ?,"
    " p.pnr_reason_en = ?, p.alert_unfetched_hours = NULLIF(?, 0),"
    " p.alert_unacked_hours = NULLIF(?, 0), p.alert_email = ?,"
    " p.poll_interval_s = NULLIF(?, 0),"
    " p.own_network_id = CASE WHEN ? THEN pn.network_id"
    "  WHEN p.own_network_id = pn.network_id THEN NULL"
    "  ELSE p.own_network_id END,"
    " pn.active = ?, p.updated_at = UTC_TIMESTAMP(6)"
    " WHERE p.id = ?";

static const char SQL_TOKENS[] =
    "SELECT t.id, t.label,"
    " DATE_FORMAT(t.created_at, '%Y-%m-%d %H:%i:%s'),"
    " DATE_FORMAT(t.last_used_at, '%Y-%m-%d %H:%i:%s'),"
    " DATE_FORMAT(t.revoked_at, '%Y-%m-%d %H:%i:%s'), u.username"
    " FROM api_token t LEFT JOIN app_user u ON u.id = t.created_by"
    " WHERE t.provider_id = ? ORDER BY t.id DESC";

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_token (provider_id, token_hash, label, created_by)"
    " VALUES (?, ?, ?, ?)";

static const char SQL_TOKEN_PROVIDER[] =
    "SELECT t.provider_id, t.revoked_at IS NOT NULL FROM api_token t"
    " JOIN provider_network pn ON pn.provider_id = t.provider_id"
    "  AND pn.network_id = ?"
    " WHERE t.id = ?";

#define SERVICE_COLUMNS \
    "SELECT s.id, s.provider_id, p.name, s.category, s.name," \
    " s.description, s.external_code, COALESCE(s.down_mbps, 0)," \
    " COALESCE(s.up_mbps, 0), s.monthly_ore, s.start_fee_ore," \
    " s.binding_months, s.notice_months, s.campaign_kind," \
    " s.campaign_value, s.campaign_months," \
    " DATE_FORMAT(s.campaign_until, '%Y-%m-%d'), s.terms_url," \
    " DATE_FORMAT(s.available_from, '%Y-%m-%d')," \
    " DATE_FORMAT(s.available_until, '%Y-%m-%d'), s.limited_to_areas," \
    " s.active, s.sort," \
    " (SELECT COUNT(*) FROM service_area sa JOIN area a" \
    "   ON a.id = sa.area_id AND a.network_id = pn.network_id" \
    "   WHERE sa.service_id = s.id)" \
    " FROM service s JOIN provider p ON p.id = s.provider_id" \
    " JOIN provider_network pn ON pn.provider_id = p.id" \
    "  AND pn.network_id = ?" \
    " WHERE (? IS NULL OR s.provider_id = ?)"

static const char SQL_SERVICES[] = SERVICE_COLUMNS
    " ORDER BY p.name, p.id, FIELD(s.category, 'internet', 'tv', 'phone',"
    " 'other'), s.sort, s.name, s.id";

static const char SQL_SERVICE_GET[] = SERVICE_COLUMNS
    " AND s.id = ?";

static const char SQL_SERVICE_INSERT[] =
    "INSERT INTO service (provider_id, category, name, description,"
    " external_code, down_mbps, up_mbps, monthly_ore, start_fee_ore,"
    " binding_months, notice_months, campaign_kind, campaign_value,"
    " campaign_months, campaign_until, terms_url, available_from,"
    " available_until, limited_to_areas, sort, active)"
    " VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_SERVICE_UPDATE[] =
    "UPDATE service SET category = ?, name = ?, description = ?,"
    " external_code = ?, down_mbps = NULLIF(?, 0), up_mbps = NULLIF(?, 0),"
    " monthly_ore = ?, start_fee_ore = ?, binding_months = ?,"
    " notice_months = ?, campaign_kind = ?, campaign_value = ?,"
    " campaign_months = ?, campaign_until = ?, terms_url = ?,"
    " available_from = ?, available_until = ?, limited_to_areas = ?,"
    " sort = ?, active = ?, updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ?";

static const char SQL_AREAS[] =
    "SELECT id, name, code, active FROM area WHERE network_id = ?"
    " ORDER BY name, id";

static const char SQL_SERVICE_AREAS[] =
    "SELECT sa.area_id FROM service_area sa"
    " JOIN area a ON a.id = sa.area_id AND a.network_id = ?"
    " WHERE sa.service_id = ? ORDER BY sa.area_id";

static const char SQL_SERVICE_AREAS_CLEAR[] =
    "DELETE sa FROM service_area sa"
    " JOIN area a ON a.id = sa.area_id AND a.network_id = ?"
    " WHERE sa.service_id = ?";

/* Only an area of the network: an id from elsewhere adds nothing. */
static const char SQL_SERVICE_AREA_ADD[] =
    "INSERT INTO service_area (service_id, area_id)"
    " SELECT ?, id FROM area WHERE id = ? AND network_id = ?"
    " ON DUPLICATE KEY UPDATE area_id = service_area.area_id";

#define FIELD_COLUMNS \
    "SELECT f.id, COALESCE(f.network_id, 0), COALESCE(f.provider_id, 0)," \
    " COALESCE(f.service_id, 0), p.name, s.name, f.field_key, f.label_sv," \
    " f.label_en, f.help_sv, f.help_en, f.kind, f.options, f.pattern," \
    " f.required, f.active, f.max_len, f.sort" \
    " FROM form_field f LEFT JOIN service s ON s.id = f.service_id" \
    " LEFT JOIN provider p ON p.id = COALESCE(f.provider_id, s.provider_id)" \
    " LEFT JOIN provider_network pn ON pn.provider_id = p.id" \
    "  AND pn.network_id = ?" \
    " WHERE ((f.network_id = ? AND ? IS NULL) OR" \
    "  (pn.provider_id IS NOT NULL AND (? IS NULL OR p.id = ?)))"

static const char SQL_FIELDS[] = FIELD_COLUMNS
    " ORDER BY f.network_id IS NULL, p.name, p.id, f.service_id IS NOT NULL,"
    " s.name, f.sort, f.id";

static const char SQL_FIELD_GET[] = FIELD_COLUMNS
    " AND f.id = ?";

static const char SQL_FIELD_INSERT[] =
    "INSERT INTO form_field (provider_id, network_id, service_id,"
    " field_key, label_sv, label_en, help_sv, help_en, kind, options,"
    " pattern, required, max_len, sort, active)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_FIELD_UPDATE[] =
    "UPDATE form_field SET field_key = ?, label_sv = ?, label_en = ?,"
    " help_sv = ?, help_en = ?, kind = ?, options = ?, pattern = ?,"
    " required = ?, max_len = ?, sort = ?, active = ?,"
    " updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

static struct db_arg
opt_id(long long id)
{
	return id > 0 ? DB_INT(id) : DB_NULL;
}

static void
provider_row(struct arena *a, struct db_stmt *st, struct adm_provider *p)
{
	p->id = db_int(st, 0);
	p->slug = db_strdup(a, st, 1);
	p->name = db_strdup(a, st, 2);
	p->legal_name = db_strdup(a, st, 3);
	p->org_number = db_strdup(a, st, 4);
	p->email = db_strdup(a, st, 5);
	p->phone = db_strdup(a, st, 6);
	p->url = db_strdup(a, st, 7);
	p->terms_url = db_strdup(a, st, 8);
	p->privacy_url = db_strdup(a, st, 9);
	p->requires_pnr = db_int(st, 10) != 0;
	p->refuses_samordning = db_int(st, 11) != 0;
	p->pnr_reason_sv = db_strdup(a, st, 12);
	p->pnr_reason_en = db_strdup(a, st, 13);
	p->alert_unfetched_hours = db_int(st, 14);
	p->alert_unacked_hours = db_int(st, 15);
	p->alert_email = db_strdup(a, st, 16);
	p->poll_interval_s = db_int(st, 17);
	p->own = db_int(st, 18) != 0;
	p->active = db_int(st, 19) != 0;
	p->own_network_id = db_int(st, 20);
	p->nservices = db_int(st, 21);
	p->nactive_tokens = db_int(st, 22);
	p->cert_pem = db_strdup(a, st, 23);
	p->cert_sha256 = db_strdup(a, st, 24);
	p->cert_not_after = db_strdup(a, st, 25);
}

int
store_adm_providers(struct db *db, struct arena *a, long long network,
    struct adm_provider **out, size_t *n)
{
	struct adm_provider *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_PROVIDERS, DB_ARGS(DB_INT(network)), &st)) !=
	    TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		provider_row(a, st, &v[(*n)++]);
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_adm_provider_get(struct db *db, struct arena *a, long long network,
    long long id, struct adm_provider *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_PROVIDER_GET, DB_ARGS(DB_INT(network),
	    DB_INT(id)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		provider_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_adm_provider_create(struct db *db, long long network,
    const struct adm_provider *p, long long *id)
{
	struct new_provider np;
	struct adm_provider q;
	int rc;

	/* The demo loader's insert makes the feed counter with the row. */
	memset(&np, 0, sizeof(np));
	np.slug = p->slug;
	np.name = p->name;
	np.org_number = p->org_number;
	if ((rc = store_provider_insert(db, &np, id)) != TJG_OK ||
	    (rc = store_provider_network_add(db, *id, network)) != TJG_OK)
		return rc;
	q = *p;
	q.id = *id;
	return store_adm_provider_update(db, network, &q);
}

int
store_adm_provider_update(struct db *db, long long network,
    const struct adm_provider *p)
{
	return db_run(db, SQL_PROVIDER_UPDATE, DB_ARGS(DB_INT(network),
	    DB_TEXT(p->name), DB_TEXT(p->legal_name), DB_TEXT(p->org_number),
	    DB_TEXT(p->email), DB_TEXT(p->phone), DB_TEXT(p->url),
	    DB_TEXT(p->terms_url), DB_TEXT(p->privacy_url),
	    DB_INT(p->requires_pnr), DB_INT(p->refuses_samordning),
	    DB_TEXT(p->pnr_reason_sv), DB_TEXT(p->pnr_reason_en),
	    DB_INT(p->alert_unfetched_hours), DB_INT(p->alert_unacked_hours),
	    DB_TEXT(p->alert_email), DB_INT(p->poll_interval_s),
	    DB_INT(p->own), DB_INT(p->active), DB_INT(p->id)), NULL, NULL);
}

int
store_adm_tokens(struct db *db, struct arena *a, long long provider,
    struct adm_token **out, size_t *n)
{
	struct adm_token *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_TOKENS, DB_ARGS(DB_INT(provider)), &st)) !=
	    TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].id = db_int(st, 0);
		v[*n].label = db_strdup(a, st, 1);
		v[*n].created = db_strdup(a, st, 2);
		v[*n].last_used = db_strdup(a, st, 3);
		v[*n].revoked = db_strdup(a, st, 4);
		v[*n].created_by = db_strdup(a, st, 5);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_adm_token_create(struct db *db, long long provider, const char *label,
    const unsigned char *hash, long long created_by, long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_TOKEN_INSERT, DB_ARGS(DB_INT(provider),
	    DB_BLOB(hash, 32), DB_TEXT(label != NULL ? label : ""),
	    opt_id(created_by)), NULL, &nid);
	if (rc == TJG_OK && id != NULL)
		*id = (long long)nid;
	return rc;
}

int
store_adm_token_provider(struct db *db, long long network, long long id,
    long long *provider, bool *revoked)
{
	struct db_stmt *st;
	int rc;

	*provider = 0;
	*revoked = false;
	if ((rc = db_exec(db, SQL_TOKEN_PROVIDER, DB_ARGS(DB_INT(network),
	    DB_INT(id)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		*provider = db_int(st, 0);
		*revoked = db_int(st, 1) != 0;
	}
	db_done(st);
	return rc;
}

static void
service_row(struct arena *a, struct db_stmt *st, struct adm_service *s)
{
	s->id = db_int(st, 0);
	s->provider_id = db_int(st, 1);
	s->provider_name = db_strdup(a, st, 2);
	s->category = db_strdup(a, st, 3);
	s->name = db_strdup(a, st, 4);
	s->description = db_strdup(a, st, 5);
	s->external_code = db_strdup(a, st, 6);
	s->down_mbps = db_int(st, 7);
	s->up_mbps = db_int(st, 8);
	s->monthly_ore = db_int(st, 9);
	s->start_fee_ore = db_int(st, 10);
	s->binding_months = (int)db_int(st, 11);
	s->notice_months = (int)db_int(st, 12);
	s->campaign_kind = db_strdup(a, st, 13);
	s->campaign_value = db_int(st, 14);
	s->campaign_months = (int)db_int(st, 15);
	s->campaign_until = db_strdup(a, st, 16);
	s->terms_url = db_strdup(a, st, 17);
	s->available_from = db_strdup(a, st, 18);
	s->available_until = db_strdup(a, st, 19);
	s->limited_to_areas = db_int(st, 20) != 0;
	s->active = db_int(st, 21) != 0;
	s->sort = (int)db_int(st, 22);
	s->nareas = db_int(st, 23);
}

int
store_adm_services(struct db *db, struct arena *a, long long network,
    long long provider, struct adm_service **out, size_t *n)
{
	struct adm_service *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_SERVICES, DB_ARGS(DB_INT(network),
	    opt_id(provider), opt_id(provider)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		service_row(a, st, &v[(*n)++]);
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_adm_service_get(struct db *db, struct arena *a, long long network,
    long long provider, long long id, struct adm_service *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_SERVICE_GET, DB_ARGS(DB_INT(network),
	    opt_id(provider), opt_id(provider), DB_INT(id)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		service_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_adm_service_create(struct db *db, const struct adm_service *s,
    long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_SERVICE_INSERT, DB_ARGS(DB_INT(s->provider_id),
	    DB_TEXT(s->category), DB_TEXT(s->name), DB_TEXT(s->description),
	    DB_TEXT(s->external_code), DB_INT(s->down_mbps),
	    DB_INT(s->up_mbps), DB_INT(s->monthly_ore),
	    DB_INT(s->start_fee_ore), DB_INT(s->binding_months),
	    DB_INT(s->notice_months), DB_TEXT(s->campaign_kind),
	    DB_INT(s->campaign_value), DB_INT(s->campaign_months),
	    DB_TEXT(s->campaign_until), DB_TEXT(s->terms_url),
	    DB_TEXT(s->available_from), DB_TEXT(s->available_until),
	    DB_INT(s->limited_to_areas), DB_INT(s->sort), DB_INT(s->active)),
	    NULL, &nid);
	if (rc == TJG_OK && id != NULL)
		*id = (long long)nid;
	return rc;
}

int
store_adm_service_update(struct db *db, const struct adm_service *s)
{
	return db_run(db, SQL_SERVICE_UPDATE, DB_ARGS(DB_TEXT(s->category),
	    DB_TEXT(s->name), DB_TEXT(s->description),
	    DB_TEXT(s->external_code), DB_INT(s->down_mbps),
	    DB_INT(s->up_mbps), DB_INT(s->monthly_ore),
	    DB_INT(s->start_fee_ore), DB_INT(s->binding_months),
	    DB_INT(s->notice_months), DB_TEXT(s->campaign_kind),
	    DB_INT(s->campaign_value), DB_INT(s->campaign_months),
	    DB_TEXT(s->campaign_until), DB_TEXT(s->terms_url),
	    DB_TEXT(s->available_from), DB_TEXT(s->available_until),
	    DB_INT(s->limited_to_areas), DB_INT(s->sort), DB_INT(s->active),
	    DB_INT(s->id)), NULL, NULL);
}

int
store_adm_areas(struct db *db, struct arena *a, long long network,
    struct adm_area **out, size_t *n)
{
	struct adm_area *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_AREAS, DB_ARGS(DB_INT(network)), &st)) !=
	    TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].id = db_int(st, 0);
		v[*n].name = db_strdup(a, st, 1);
		v[*n].code = db_strdup(a, st, 2);
		v[*n].active = db_int(st, 3) != 0;
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_adm_service_areas(struct db *db, struct arena *a, long long network,
    long long service, long long **ids, size_t *n)
{
	long long *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_SERVICE_AREAS, DB_ARGS(DB_INT(network),
	    DB_INT(service)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[(*n)++] = db_int(st, 0);
	}
	db_done(st);
	*ids = v;
	return rc;
}

int
store_adm_service_areas_set(struct db *db, long long network,
    long long service, const long long *ids, size_t n)
{
	size_t i;
	int rc;

	if ((rc = db_run(db, SQL_SERVICE_AREAS_CLEAR, DB_ARGS(DB_INT(network),
	    DB_INT(service)), NULL, NULL)) != TJG_OK)
		return rc;
	for (i = 0; i < n && rc == TJG_OK; i++)
		rc = db_run(db, SQL_SERVICE_AREA_ADD, DB_ARGS(DB_INT(service),
		    DB_INT(ids[i]), DB_INT(network)), NULL, NULL);
	return rc;
}

static void
field_row(struct arena *a, struct db_stmt *st, struct adm_field *f)
{
	f->id = db_int(st, 0);
	f->network_id = db_int(st, 1);
	f->provider_id = db_int(st, 2);
	f->service_id = db_int(st, 3);
	f->provider_name = db_strdup(a, st, 4);
	f->service_name = db_strdup(a, st, 5);
	f->key = db_strdup(a, st, 6);
	f->label_sv = db_strdup(a, st, 7);
	f->label_en = db_strdup(a, st, 8);
	f->help_sv = db_strdup(a, st, 9);
	f->help_en = db_strdup(a, st, 10);
	f->kind = db_strdup(a, st, 11);
	f->options = db_strdup(a, st, 12);
	f->pattern = db_strdup(a, st, 13);
	f->required = db_int(st, 14) != 0;
	f->active = db_int(st, 15) != 0;
	f->max_len = (int)db_int(st, 16);
	f->sort = (int)db_int(st, 17);
}

int
store_adm_fields(struct db *db, struct arena *a, long long network,
    long long provider, struct adm_field **out, size_t *n)
{
	struct adm_field *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_FIELDS, DB_ARGS(DB_INT(network),
	    DB_INT(network), opt_id(provider), opt_id(provider),
	    opt_id(provider)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		field_row(a, st, &v[(*n)++]);
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_adm_field_get(struct db *db, struct arena *a, long long network,
    long long provider, long long id, struct adm_field *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_FIELD_GET, DB_ARGS(DB_INT(network),
	    DB_INT(network), opt_id(provider), opt_id(provider),
	    opt_id(provider), DB_INT(id)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		field_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_adm_field_create(struct db *db, const struct adm_field *f,
    long long *id)
{
	unsigned long long nid = 0;
	int rc;

	rc = db_run(db, SQL_FIELD_INSERT, DB_ARGS(opt_id(f->provider_id),
	    opt_id(f->network_id), opt_id(f->service_id), DB_TEXT(f->key),
	    DB_TEXT(f->label_sv), DB_TEXT(f->label_en), DB_TEXT(f->help_sv),
	    DB_TEXT(f->help_en), DB_TEXT(f->kind), DB_TEXT(f->options),
	    DB_TEXT(f->pattern), DB_INT(f->required), DB_INT(f->max_len),
	    DB_INT(f->sort), DB_INT(f->active)), NULL, &nid);
	if (rc == TJG_OK && id != NULL)
		*id = (long long)nid;
	return rc;
}

int
store_adm_field_update(struct db *db, const struct adm_field *f)
{
	return db_run(db, SQL_FIELD_UPDATE, DB_ARGS(DB_TEXT(f->key),
	    DB_TEXT(f->label_sv), DB_TEXT(f->label_en), DB_TEXT(f->help_sv),
	    DB_TEXT(f->help_en), DB_TEXT(f->kind), DB_TEXT(f->options),
	    DB_TEXT(f->pattern), DB_INT(f->required), DB_INT(f->max_len),
	    DB_INT(f->sort), DB_INT(f->active), DB_INT(f->id)), NULL, NULL);
}
