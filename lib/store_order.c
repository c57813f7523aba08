/*
 * Store: the resident's journey — addresses with their outlets, the
 * services orderable at an outlet, the order itself with its feed
 * sequence number, status changes, and the per-IP rate limit.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "outbox.h"
#include "store.h"

/* A deactivated address, or one of a deactivated area, is not shown. */
static const char SQL_ADDRESS_GET[] =
    "SELECT a.id, a.street, a.number, a.littera, a.postcode, a.city,"
    " o.id, o.code, o.apartment, o.status, o.active_from, a.area_id"
    " FROM address a LEFT JOIN outlet o ON o.address_id = a.id"
    " WHERE a.id = ? AND a.network_id = ? AND a.active = 1"
    "  AND (a.area_id IS NULL OR a.area_id IN"
    "   (SELECT id FROM area WHERE active = 1))"
    " ORDER BY o.apartment, o.code";

/* A join, not a subquery, for the area: a third less work per page. */
static const char SQL_OUTLET_BY_CODE[] =
    "SELECT o.id, o.address_id, a.area_id, o.code, o.apartment, o.status,"
    " o.active_from, a.street, a.number, a.littera, a.postcode, a.city"
    " FROM outlet o JOIN address a ON a.id = o.address_id"
    " LEFT JOIN area ar ON ar.id = a.area_id"
    " WHERE o.network_id = ? AND o.code = ? AND a.active = 1"
    "  AND (a.area_id IS NULL OR ar.active = 1)";

#define SERVICE_COLUMNS \
    "SELECT s.id, s.provider_id, s.category, s.name, s.description," \
    " COALESCE(s.down_mbps, 0), COALESCE(s.up_mbps, 0), s.monthly_ore," \
    " s.start_fee_ore, s.binding_months, s.notice_months," \
    " CASE WHEN s.campaign_until IS NULL OR s.campaign_until >=" \
    "  UTC_DATE() THEN s.campaign_kind ELSE 'none' END," \
    " s.campaign_value, s.campaign_months," \
    " COALESCE(NULLIF(s.terms_url, ''), p.terms_url), p.name, p.email," \
    " p.phone, p.url, p.requires_pnr, p.refuses_samordning," \
    " p.pnr_reason_sv, p.pnr_reason_en, s.sort" \
    " FROM service s" \
    " JOIN provider p ON p.id = s.provider_id AND p.active = 1" \
    " JOIN provider_network pn ON pn.provider_id = p.id" \
    "  AND pn.network_id = ? AND pn.active = 1" \
    " WHERE s.active = 1" \
    "  AND (s.available_from IS NULL OR s.available_from <= UTC_DATE())" \
    "  AND (s.available_until IS NULL OR s.available_until >= UTC_DATE())" \
    "  AND (s.limited_to_areas = 0 OR EXISTS (SELECT 1 FROM service_area" \
    "   sa WHERE sa.service_id = s.id AND sa.area_id = ?))"

/* Unordered: the caller sorts (a FIELD() ordering doubled its cost). */
static const char SQL_SERVICES_FOR_AREA[] = SERVICE_COLUMNS;

static const char SQL_SERVICE_FOR_AREA[] = SERVICE_COLUMNS
    "  AND s.id = ?";

static const char SQL_FORM_FIELDS[] =
    "SELECT id, field_key, label_sv, label_en, help_sv, help_en, kind,"
    " options, pattern, required, max_len FROM form_field"
    " WHERE active = 1 AND (network_id = ? OR provider_id = ? OR"
    " service_id = ?)"
    " ORDER BY (network_id IS NULL), (service_id IS NOT NULL), sort, id";

/*
 * One statement takes the row lock and the next number: LAST_INSERT_ID(x)
 * hands x back as the statement's insert id (MariaDB's documented idiom
 * for sequences), so no SELECT ... FOR UPDATE round trip is needed.
 */
static const char SQL_FEED_NEXT[] =
    "UPDATE provider_feed SET last_seq = LAST_INSERT_ID(last_seq + 1)"
    " WHERE provider_id = ?";

static const char SQL_ORDER_INSERT[] =
    "INSERT INTO orders (ref, network_id, outlet_id, area_id, provider_id,"
    " service_id, status_token_hash, idem_hash, lang, service_name,"
    " monthly_ore, start_fee_ore, binding_months, notice_months,"
    " campaign_kind, campaign_value, campaign_months, desired_start,"
    " pii, pii_key_id, pnr_bidx, email_bidx, feed_seq)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?)";

static const char SQL_EVENT_INSERT[] =
    "INSERT INTO order_event (order_id, kind, actor_kind, actor_id, note)"
    " VALUES (?, ?, ?, ?, ?)";

#define ORDER_COLUMNS \
    "SELECT o.id, o.network_id, o.provider_id, o.service_id, o.ref," \
    " o.status, o.lang, o.service_name, p.name, p.email, p.phone, p.url," \
    " o.external_message, o.provider_reference," \
    " DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i')," \
    " DATE_FORMAT(o.updated_at, '%Y-%m-%d %H:%i')," \
    " a.street, a.number, a.littera, a.postcode, a.city, ot.apartment," \
    " ot.code, o.erased_at IS NOT NULL" \
    " FROM orders o JOIN provider p ON p.id = o.provider_id" \
    " LEFT JOIN outlet ot ON ot.id = o.outlet_id" \
    " LEFT JOIN address a ON a.id = ot.address_id"

static const char SQL_ORDER_BY_TOKEN[] = ORDER_COLUMNS
    " WHERE o.status_token_hash = ? AND o.network_id = ?";

static const char SQL_ORDER_BY_IDEM[] =
    "SELECT ref FROM orders WHERE idem_hash = ?";

static const char SQL_ORDER_LOCK[] =
    "SELECT provider_id, status FROM orders WHERE id = ? FOR UPDATE";

static const char SQL_ORDER_MOVE[] =
    "UPDATE orders SET status = ?, feed_seq = ?,"
    " final_at = IF(? IN ('activated', 'rejected', 'cancelled'),"
    "  UTC_TIMESTAMP(6), final_at),"
    " updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

static const char SQL_ERASE_LOCK[] =
    "SELECT provider_id, erased_at IS NOT NULL FROM orders WHERE id = ?"
    " FOR UPDATE";

/* Everything that identifies the resident; the statistics stay. */
static const char SQL_ERASE[] =
    "UPDATE orders SET pii = NULL, pii_key_id = NULL, pnr_bidx = NULL,"
    " email_bidx = NULL, outlet_id = NULL, provider_reference = NULL,"
    " external_message = NULL, erased_at = UTC_TIMESTAMP(6),"
    " feed_seq = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

/* The new count comes back as the insert id (LAST_INSERT_ID(x) idiom). */
static const char SQL_RATE_HIT[] =
    "INSERT INTO rate_limit (bucket, window_start, count)"
    " VALUES (?, FROM_UNIXTIME(UNIX_TIMESTAMP() DIV ? * ?), LAST_INSERT_ID(1))"
    " ON DUPLICATE KEY UPDATE count = LAST_INSERT_ID(count + 1)";

static const char SQL_NETWORK_CONTACT[] =
    "SELECT name, contact_email, contact_phone, contact_url FROM network"
    " WHERE id = ?";

int
store_address_get(struct db *db, struct arena *a, long long network,
    long long id, struct address_view *out)
{
	struct db_stmt *st;
	struct outlet_view *o;
	size_t cap = 0;
	bool row;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_ADDRESS_GET, DB_ARGS(DB_INT(id),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (out->id == 0) {
			out->id = db_int(st, 0);
			out->street = db_strdup(a, st, 1);
			out->number = (int)db_int(st, 2);
			out->littera = db_strdup(a, st, 3);
			out->postcode = db_strdup(a, st, 4);
			out->city = db_strdup(a, st, 5);
		}
		if (db_null(st, 6))
			continue;
		out->outlets = arena_grow(a, out->outlets, out->noutlets, &cap,
		    sizeof(*out->outlets));
		o = &out->outlets[out->noutlets++];
		o->id = db_int(st, 6);
		o->address_id = out->id;
		o->area_id = db_int(st, 11);
		o->code = db_strdup(a, st, 7);
		o->apartment = db_strdup(a, st, 8);
		o->status = db_strdup(a, st, 9);
		o->active_from = db_strdup(a, st, 10);
		o->street = out->street;
		o->number = out->number;
		o->littera = out->littera;
		o->postcode = out->postcode;
		o->city = out->city;
	}
	db_done(st);
	if (rc == TJG_OK && out->id == 0)
		rc = TJG_ENOTFOUND;
	return rc;
}

int
store_outlet_by_code(struct db *db, struct arena *a, long long network,
    const char *code, struct outlet_view *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_OUTLET_BY_CODE, DB_ARGS(DB_INT(network),
	    DB_TEXT(code)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		out->id = db_int(st, 0);
		out->address_id = db_int(st, 1);
		out->area_id = db_int(st, 2);
		out->code = db_strdup(a, st, 3);
		out->apartment = db_strdup(a, st, 4);
		out->status = db_strdup(a, st, 5);
		out->active_from = db_strdup(a, st, 6);
		out->street = db_strdup(a, st, 7);
		out->number = (int)db_int(st, 8);
		out->littera = db_strdup(a, st, 9);
		out->postcode = db_strdup(a, st, 10);
		out->city = db_strdup(a, st, 11);
	}
	db_done(st);
	return rc;
}

static void
service_row(struct arena *a, struct db_stmt *st, struct service_view *s)
{
	s->id = db_int(st, 0);
	s->provider_id = db_int(st, 1);
	s->category = db_strdup(a, st, 2);
	s->name = db_strdup(a, st, 3);
	s->description = db_strdup(a, st, 4);
	s->down_mbps = (int)db_int(st, 5);
	s->up_mbps = (int)db_int(st, 6);
	s->monthly_ore = db_int(st, 7);
	s->start_fee_ore = db_int(st, 8);
	s->binding_months = (int)db_int(st, 9);
	s->notice_months = (int)db_int(st, 10);
	s->campaign_kind = db_strdup(a, st, 11);
	s->campaign_value = db_int(st, 12);
	s->campaign_months = (int)db_int(st, 13);
	s->terms_url = db_strdup(a, st, 14);
	s->provider_name = db_strdup(a, st, 15);
	s->provider_email = db_strdup(a, st, 16);
	s->provider_phone = db_strdup(a, st, 17);
	s->provider_url = db_strdup(a, st, 18);
	s->requires_pnr = (int)db_int(st, 19);
	s->refuses_samordning = (int)db_int(st, 20);
	s->pnr_reason_sv = db_strdup(a, st, 21);
	s->pnr_reason_en = db_strdup(a, st, 22);
	s->sort = (int)db_int(st, 23);
}

int
store_services_for_area(struct db *db, struct arena *a, long long network,
    long long area, struct service_view **out, size_t *n)
{
	struct service_view *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_SERVICES_FOR_AREA, DB_ARGS(DB_INT(network),
	    DB_INT(area)), &st)) != TJG_OK)
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
store_service_for_area(struct db *db, struct arena *a, long long network,
    long long area, long long service, struct service_view *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_SERVICE_FOR_AREA, DB_ARGS(DB_INT(network),
	    DB_INT(area), DB_INT(service)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		service_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_form_fields(struct db *db, struct arena *a, long long network,
    long long provider, long long service, struct form_field_view **out,
    size_t *n)
{
	struct form_field_view *v = NULL, *f;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_FORM_FIELDS, DB_ARGS(DB_INT(network),
	    DB_INT(provider), DB_INT(service)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		f = &v[(*n)++];
		f->id = db_int(st, 0);
		f->key = db_strdup(a, st, 1);
		f->label_sv = db_strdup(a, st, 2);
		f->label_en = db_strdup(a, st, 3);
		f->help_sv = db_strdup(a, st, 4);
		f->help_en = db_strdup(a, st, 5);
		f->kind = db_strdup(a, st, 6);
		f->options = db_strdup(a, st, 7);
		f->pattern = db_strdup(a, st, 8);
		f->required = (int)db_int(st, 9);
		f->max_len = (int)db_int(st, 10);
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_feed_next_seq(struct db *db, long long provider, long long *seq)
{
	unsigned long long n = 0, id = 0;
	int rc;

	if ((rc = db_run(db, SQL_FEED_NEXT, DB_ARGS(DB_INT(provider)), &n,
	    &id)) != TJG_OK)
		return rc;
	if (n != 1 || id == 0)
		return TJG_EINTERNAL;	/* every provider has its row */
	*seq = (long long)id;
	return TJG_OK;
}

int
store_order_insert(struct db *db, const struct new_order *o, long long *id)
{
	const struct service_view *s = o->service;
	unsigned long long oid = 0;
	long long seq = 0, hits = 0;
	int rc;

	if ((rc = db_begin(db)) != TJG_OK)
		return rc;
	if (o->rate_bucket != NULL && (rc = store_rate_hit(db, o->rate_bucket,
	    o->rate_window, &hits)) != TJG_OK)
		goto out;
	if (o->rate_bucket != NULL && hits > o->rate_limit) {
		rc = TJG_ERATE;
		goto out;
	}
	if ((rc = store_feed_next_seq(db, s->provider_id, &seq)) != TJG_OK)
		goto out;
	if ((rc = db_run(db, SQL_ORDER_INSERT, DB_ARGS(DB_TEXT(o->ref),
	    DB_INT(o->network), DB_INT(o->outlet->id), DB_INT(o->area),
	    DB_INT(s->provider_id), DB_INT(s->id),
	    DB_BLOB(o->status_token_hash, 32), DB_BLOB(o->idem_hash, 32),
	    DB_TEXT(o->lang), DB_TEXT(s->name), DB_INT(s->monthly_ore),
	    DB_INT(s->start_fee_ore), DB_INT(s->binding_months),
	    DB_INT(s->notice_months), DB_TEXT(s->campaign_kind),
	    DB_INT(s->campaign_value), DB_INT(s->campaign_months),
	    DB_TEXT(o->desired_start), DB_BLOB(o->pii, o->pii_len),
	    DB_INT(o->pii_key_id),
	    o->pnr_bidx != NULL ? DB_BLOB(o->pnr_bidx, 32) : DB_NULL,
	    DB_BLOB(o->email_bidx, 32), DB_INT(seq)), NULL, &oid)) != TJG_OK)
		goto out;
	if ((rc = db_run(db, SQL_EVENT_INSERT, DB_ARGS(DB_INT((long long)oid),
	    DB_TEXT("created"), DB_TEXT("resident"), DB_NULL, DB_NULL), NULL,
	    NULL)) != TJG_OK)
		goto out;
	if ((rc = store_outbox_add(db, o->network, (long long)oid, "receipt",
	    o->mail_to, o->mail_subject, o->mail_body, NULL)) != TJG_OK)
		goto out;
	rc = db_commit(db);
	*id = (long long)oid;
out:
	if (rc != TJG_OK)
		db_rollback(db);
	return rc;
}

int
store_order_by_token(struct db *db, struct arena *a, long long network,
    const unsigned char *hash, struct order_view *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_ORDER_BY_TOKEN, DB_ARGS(DB_BLOB(hash, 32),
	    DB_INT(network)), &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		out->id = db_int(st, 0);
		out->network_id = db_int(st, 1);
		out->provider_id = db_int(st, 2);
		out->service_id = db_int(st, 3);
		out->ref = db_strdup(a, st, 4);
		out->status = db_strdup(a, st, 5);
		out->lang = db_strdup(a, st, 6);
		out->service_name = db_strdup(a, st, 7);
		out->provider_name = db_strdup(a, st, 8);
		out->provider_email = db_strdup(a, st, 9);
		out->provider_phone = db_strdup(a, st, 10);
		out->provider_url = db_strdup(a, st, 11);
		out->external_message = db_strdup(a, st, 12);
		out->provider_reference = db_strdup(a, st, 13);
		out->created_at = db_strdup(a, st, 14);
		out->updated_at = db_strdup(a, st, 15);
		out->street = db_strdup(a, st, 16);
		out->number = (int)db_int(st, 17);
		out->littera = db_strdup(a, st, 18);
		out->postcode = db_strdup(a, st, 19);
		out->city = db_strdup(a, st, 20);
		out->apartment = db_strdup(a, st, 21);
		out->outlet_code = db_strdup(a, st, 22);
		out->erased = (int)db_int(st, 23);
	}
	db_done(st);
	return rc;
}

int
store_order_ref_by_idem(struct db *db, struct arena *a,
    const unsigned char *idem, const char **ref)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_exec(db, SQL_ORDER_BY_IDEM, DB_ARGS(DB_BLOB(idem, 32)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*ref = db_strdup(a, st, 0);
	db_done(st);
	return rc;
}

int
store_order_move(struct db *db, long long id, const char *from,
    const char *to, const char *actor, long long actor_id, const char *note)
{
	struct db_stmt *st;
	long long provider = 0, seq = 0;
	int rc;

	if ((rc = db_exec(db, SQL_ORDER_LOCK, DB_ARGS(DB_INT(id)), &st)) !=
	    TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		provider = db_int(st, 0);
		if (strcmp(db_text(st, 1, NULL), from) != 0)
			rc = TJG_ECONFLICT;
	}
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	if ((rc = store_feed_next_seq(db, provider, &seq)) != TJG_OK ||
	    (rc = db_run(db, SQL_ORDER_MOVE, DB_ARGS(DB_TEXT(to), DB_INT(seq),
	    DB_TEXT(to), DB_INT(id)), NULL, NULL)) != TJG_OK)
		return rc;
	return db_run(db, SQL_EVENT_INSERT, DB_ARGS(DB_INT(id), DB_TEXT(to),
	    DB_TEXT(actor), actor_id > 0 ? DB_INT(actor_id) : DB_NULL,
	    DB_TEXT(note)), NULL, NULL);
}

int
store_order_transition(struct db *db, long long id, const char *from,
    const char *to, const char *actor, long long actor_id, const char *note)
{
	int rc;

	if ((rc = db_begin(db)) != TJG_OK)
		return rc;
	if ((rc = store_order_move(db, id, from, to, actor, actor_id,
	    note)) != TJG_OK || (rc = db_commit(db)) != TJG_OK)
		db_rollback(db);
	return rc;
}

int
store_order_erase_in(struct db *db, long long id, const char *actor,
    long long actor_id)
{
	struct db_stmt *st;
	long long provider = 0, seq = 0;
	bool erased = false;
	int rc;

	if ((rc = db_exec(db, SQL_ERASE_LOCK, DB_ARGS(DB_INT(id)), &st)) !=
	    TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		provider = db_int(st, 0);
		erased = db_int(st, 1) != 0;
	}
	db_done(st);
	/* Done before: nothing to write, not even an event. */
	if (rc != TJG_OK || erased)
		return rc;
	if ((rc = store_feed_next_seq(db, provider, &seq)) != TJG_OK ||
	    (rc = db_run(db, SQL_ERASE, DB_ARGS(DB_INT(seq), DB_INT(id)), NULL,
	    NULL)) != TJG_OK)
		return rc;
	return db_run(db, SQL_EVENT_INSERT, DB_ARGS(DB_INT(id),
	    DB_TEXT("erased"), DB_TEXT(actor), actor_id > 0 ?
	    DB_INT(actor_id) : DB_NULL, DB_NULL), NULL, NULL);
}

int
store_order_erase(struct db *db, long long id, const char *actor,
    long long actor_id)
{
	int rc;

	if ((rc = db_begin(db)) != TJG_OK)
		return rc;
	if ((rc = store_order_erase_in(db, id, actor, actor_id)) != TJG_OK ||
	    (rc = db_commit(db)) != TJG_OK)
		db_rollback(db);
	return rc;
}

int
store_rate_hit(struct db *db, const unsigned char *bucket, int window_s,
    long long *count)
{
	unsigned long long id = 0;
	int rc;

	*count = 0;
	if ((rc = db_run(db, SQL_RATE_HIT, DB_ARGS(DB_BLOB(bucket, 32),
	    DB_INT(window_s), DB_INT(window_s)), NULL, &id)) != TJG_OK)
		return rc;
	if (id == 0)
		return TJG_EINTERNAL;
	*count = (long long)id;
	return TJG_OK;
}

int
store_network_contact(struct db *db, struct arena *a, long long network,
    struct network_contact *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_NETWORK_CONTACT, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		out->name = db_strdup(a, st, 0);
		out->email = db_strdup(a, st, 1);
		out->phone = db_strdup(a, st, 2);
		out->url = db_strdup(a, st, 3);
	}
	db_done(st);
	return rc;
}
