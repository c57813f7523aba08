/*
 * The console's store for the network itself, its users and its audit
 * log. Every statement names the network, so another network's rows are
 * never read or written.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "store_admin_network.h"

static const char SQL_SETTINGS[] =
    "SELECT name, legal_name, COALESCE(org_number, ''), postal_address,"
    " contact_email, contact_phone, contact_url,"
    " COALESCE(privacy_email, ''), site_url,"
    " colour_primary, colour_accent, colour_text, colour_background,"
    " landing_title_sv, landing_title_en,"
    " COALESCE(landing_text_sv, ''), COALESCE(landing_text_en, ''),"
    " COALESCE(footer_text_sv, ''), COALESCE(footer_text_en, ''),"
    " embed_origins, COALESCE(retention_days, ''),"
    " COALESCE(alert_email, ''), COALESCE(alert_unfetched_hours, ''),"
    " COALESCE(alert_unacked_hours, ''),"
    " COALESCE(logo_type, ''), COALESCE(LENGTH(logo), 0),"
    " DATE_FORMAT(updated_at, '%Y%m%d%H%i%s%f')"
    " FROM network WHERE id = ?";

static const char SQL_SETTINGS_SAVE[] =
    "UPDATE network SET name = ?, legal_name = ?, org_number = ?,"
    " postal_address = ?, contact_email = ?, contact_phone = ?,"
    " contact_url = ?, privacy_email = ?, site_url = ?,"
    " colour_primary = ?, colour_accent = ?, colour_text = ?,"
    " colour_background = ?, landing_title_sv = ?, landing_title_en = ?,"
    " landing_text_sv = ?, landing_text_en = ?, footer_text_sv = ?,"
    " footer_text_en = ?, embed_origins = ?, retention_days = ?,"
    " alert_email = ?, alert_unfetched_hours = ?, alert_unacked_hours = ?,"
    " updated_at = UTC_TIMESTAMP(6)"
    " WHERE id = ?";

static const char SQL_LOGO_SET[] =
    "UPDATE network SET logo = ?, logo_type = ?,"
    " updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

#define USER_COLUMNS \
    "SELECT u.id, u.username, u.role, COALESCE(u.provider_id, 0)," \
    " COALESCE(p.name, ''), u.disabled," \
    " DATE_FORMAT(u.last_login_at, '%Y-%m-%d %H:%i:%s')," \
    " DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i:%s')" \
    " FROM app_user u LEFT JOIN provider p ON p.id = u.provider_id"

static const char SQL_USERS[] =
    USER_COLUMNS " WHERE u.network_id = ? ORDER BY u.username";

static const char SQL_USER[] =
    USER_COLUMNS " WHERE u.network_id = ? AND u.id = ?";

static const char SQL_USER_ADD[] =
    "INSERT INTO app_user (username, password_hash, role, network_id,"
    " provider_id, password_changed_at)"
    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))";

static const char SQL_USER_UPDATE[] =
    "UPDATE app_user SET role = ?, provider_id = ?, disabled = ?,"
    " updated_at = UTC_TIMESTAMP(6) WHERE network_id = ? AND id = ?";

static const char SQL_COUNT_ADMINS[] =
    "SELECT COUNT(*) FROM app_user WHERE network_id = ?"
    " AND role = 'network_admin' AND disabled = 0 FOR UPDATE";

static const char SQL_PROVIDERS[] =
    "SELECT p.id, p.name FROM provider p"
    " JOIN provider_network pn ON pn.provider_id = p.id"
    " WHERE pn.network_id = ? ORDER BY p.name, p.id";

/*
 * The filters of the audit log; each is written twice or three times,
 * so an absent one (NULL) switches itself off.
 */
#define AUDIT_WHERE \
    " WHERE network_id = ?" \
    " AND (? IS NULL OR LOCATE(?, actor) > 0)" \
    " AND (? IS NULL OR action = ?" \
    "  OR LEFT(action, CHAR_LENGTH(?) + 1) = CONCAT(?, '.'))" \
    " AND (? IS NULL OR object_kind = ?)" \
    " AND (? IS NULL OR object_ref = ?)" \
    " AND (? IS NULL OR created_at >= ?)" \
    " AND (? IS NULL OR created_at < ?)"

static const char SQL_AUDIT_LIST[] =
    "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), actor, action,"
    " object_kind, object_ref, detail, CAST(ip AS CHAR)"
    " FROM audit" AUDIT_WHERE
    " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";

static const char SQL_AUDIT_COUNT[] =
    "SELECT COUNT(*) FROM audit" AUDIT_WHERE;

/* The column as text in the arena, "" for NULL. */
static const char *
str(struct arena *a, struct db_stmt *st, unsigned col)
{
	const char *s = db_strdup(a, st, col);

	return s != NULL ? s : "";
}

/* "" as SQL NULL: the nullable columns. */
static struct db_arg
opt_text(const char *s)
{
	return s != NULL && *s != '\0' ? DB_TEXT(s) : DB_NULL;
}

static struct db_arg
opt_int(long long v)
{
	return v != 0 ? DB_INT(v) : DB_NULL;
}

int
store_network_settings(struct db *db, struct arena *a, long long network,
    struct network_settings *s)
{
	struct db_stmt *st;
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = db_exec(db, SQL_SETTINGS, DB_ARGS(DB_INT(network)), &st)) !=
	    TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK) {
		s->name = str(a, st, 0);
		s->legal_name = str(a, st, 1);
		s->org_number = str(a, st, 2);
		s->postal_address = str(a, st, 3);
		s->contact_email = str(a, st, 4);
		s->contact_phone = str(a, st, 5);
		s->contact_url = str(a, st, 6);
		s->privacy_email = str(a, st, 7);
		s->site_url = str(a, st, 8);
		s->colour_primary = str(a, st, 9);
		s->colour_accent = str(a, st, 10);
		s->colour_text = str(a, st, 11);
		s->colour_background = str(a, st, 12);
		s->landing_title_sv = str(a, st, 13);
		s->landing_title_en = str(a, st, 14);
		s->landing_text_sv = str(a, st, 15);
		s->landing_text_en = str(a, st, 16);
		s->footer_text_sv = str(a, st, 17);
		s->footer_text_en = str(a, st, 18);
		s->embed_origins = str(a, st, 19);
		s->retention_days = str(a, st, 20);
		s->alert_email = str(a, st, 21);
		s->alert_unfetched_hours = str(a, st, 22);
		s->alert_unacked_hours = str(a, st, 23);
		s->logo_type = str(a, st, 24);
		s->logo_len = db_int(st, 25);
		s->version = str(a, st, 26);
	}
	db_done(st);
	return rc;
}

int
store_network_settings_save(struct db *db, long long network,
    const struct network_settings *s)
{
	unsigned long long n = 0;
	int rc;

	if ((rc = db_run(db, SQL_SETTINGS_SAVE, DB_ARGS(DB_TEXT(s->name),
	    DB_TEXT(s->legal_name), opt_text(s->org_number),
	    DB_TEXT(s->postal_address), DB_TEXT(s->contact_email),
	    DB_TEXT(s->contact_phone), DB_TEXT(s->contact_url),
	    opt_text(s->privacy_email), DB_TEXT(s->site_url),
	    DB_TEXT(s->colour_primary), DB_TEXT(s->colour_accent),
	    DB_TEXT(s->colour_text), DB_TEXT(s->colour_background),
	    DB_TEXT(s->landing_title_sv), DB_TEXT(s->landing_title_en),
	    opt_text(s->landing_text_sv), opt_text(s->landing_text_en),
	    opt_text(s->footer_text_sv), opt_text(s->footer_text_en),
	    DB_TEXT(s->embed_origins), opt_text(s->retention_days),
	    opt_text(s->alert_email), opt_text(s->alert_unfetched_hours),
	    opt_text(s->alert_unacked_hours), DB_INT(network)), &n, NULL)) !=
	    TJG_OK)
		return rc;
	/* updated_at always changes, so a matched row is an affected one. */
	return n == 1 ? TJG_OK : TJG_ENOTFOUND;
}

int
store_network_logo_set(struct db *db, long long network, const void *data,
    size_t len, const char *ctype)
{
	unsigned long long n = 0;
	int rc;

	if ((rc = db_run(db, SQL_LOGO_SET, DB_ARGS(data != NULL ?
	    DB_BLOB(data, len) : DB_NULL, data != NULL ? DB_TEXT(ctype) :
	    DB_NULL, DB_INT(network)), &n, NULL)) != TJG_OK)
		return rc;
	return n == 1 ? TJG_OK : TJG_ENOTFOUND;
}

static void
user_row(struct arena *a, struct db_stmt *st, struct admin_user *u)
{
	u->id = db_int(st, 0);
	u->username = str(a, st, 1);
	u->role = str(a, st, 2);
	u->provider_id = db_int(st, 3);
	u->provider_name = str(a, st, 4);
	u->disabled = db_int(st, 5) != 0;
	u->last_login = db_strdup(a, st, 6);
	u->created = str(a, st, 7);
}

int
store_admin_users(struct db *db, struct arena *a, long long network,
    struct admin_user **out, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 16;
	bool row;
	int rc;

	*n = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if ((rc = db_exec(db, SQL_USERS, DB_ARGS(DB_INT(network)), &st)) !=
	    TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (*n == cap) {
			struct admin_user *more = arena_calloc(a, cap * 2,
			    sizeof(*more));

			memcpy(more, *out, cap * sizeof(*more));
			*out = more;
			cap *= 2;
		}
		user_row(a, st, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc;
}

int
store_admin_user(struct db *db, struct arena *a, long long network,
    long long id, struct admin_user *out)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(db, SQL_USER, DB_ARGS(DB_INT(network), DB_INT(id)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		user_row(a, st, out);
	db_done(st);
	return rc;
}

int
store_admin_user_add(struct db *db, long long network, const char *username,
    const char *hash, const char *role, long long provider, long long *id)
{
	unsigned long long newid = 0;
	int rc;

	if ((rc = db_run(db, SQL_USER_ADD, DB_ARGS(DB_TEXT(username),
	    DB_TEXT(hash), DB_TEXT(role), DB_INT(network), opt_int(provider)),
	    NULL, &newid)) != TJG_OK)
		return rc;
	*id = (long long)newid;
	return TJG_OK;
}

int
store_admin_user_update(struct db *db, long long network, long long id,
    const char *role, long long provider, bool disabled)
{
	unsigned long long n = 0;
	int rc;

	if ((rc = db_run(db, SQL_USER_UPDATE, DB_ARGS(DB_TEXT(role),
	    opt_int(provider), DB_INT(disabled ? 1 : 0), DB_INT(network),
	    DB_INT(id)), &n, NULL)) != TJG_OK)
		return rc;
	return n == 1 ? TJG_OK : TJG_ENOTFOUND;
}

int
store_admin_count_admins(struct db *db, long long network, long long *n)
{
	struct db_stmt *st;
	int rc;

	*n = 0;
	if ((rc = db_exec(db, SQL_COUNT_ADMINS, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*n = db_int(st, 0);
	db_done(st);
	return rc;
}

int
store_network_providers(struct db *db, struct arena *a, long long network,
    struct provider_choice **out, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 16;
	bool row;
	int rc;

	*n = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if ((rc = db_exec(db, SQL_PROVIDERS, DB_ARGS(DB_INT(network)), &st)) !=
	    TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (*n == cap) {
			struct provider_choice *more = arena_calloc(a,
			    cap * 2, sizeof(*more));

			memcpy(more, *out, cap * sizeof(*more));
			*out = more;
			cap *= 2;
		}
		(*out)[*n].id = db_int(st, 0);
		(*out)[(*n)++].name = str(a, st, 1);
	}
	db_done(st);
	return rc;
}

/* The filter's arguments in the order of AUDIT_WHERE. */
#define AUDIT_ARGS(net, f) \
	DB_INT(net), \
	DB_TEXT((f)->actor), DB_TEXT((f)->actor), \
	DB_TEXT((f)->action), DB_TEXT((f)->action), DB_TEXT((f)->action), \
	DB_TEXT((f)->action), \
	DB_TEXT((f)->kind), DB_TEXT((f)->kind), \
	DB_TEXT((f)->ref), DB_TEXT((f)->ref), \
	DB_TEXT((f)->from), DB_TEXT((f)->from), \
	DB_TEXT((f)->to), DB_TEXT((f)->to)

int
store_audit_list(struct db *db, struct arena *a, long long network,
    const struct audit_filter *f, long long offset, int limit,
    struct audit_row **out, size_t *n)
{
	struct db_stmt *st;
	struct audit_row *e;
	bool row;
	int rc;

	*n = 0;
	*out = arena_calloc(a, (size_t)limit + 1, sizeof(**out));
	if ((rc = db_exec(db, SQL_AUDIT_LIST, DB_ARGS(AUDIT_ARGS(network, f),
	    DB_INT(limit), DB_INT(offset)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row &&
	    *n < (size_t)limit) {
		e = &(*out)[(*n)++];
		e->created = str(a, st, 0);
		e->actor = str(a, st, 1);
		e->action = str(a, st, 2);
		e->kind = db_strdup(a, st, 3);
		e->ref = db_strdup(a, st, 4);
		e->detail = db_strdup(a, st, 5);
		e->ip = db_strdup(a, st, 6);
	}
	db_done(st);
	return rc;
}

int
store_audit_count(struct db *db, long long network,
    const struct audit_filter *f, long long *count)
{
	struct db_stmt *st;
	int rc;

	*count = 0;
	if ((rc = db_exec(db, SQL_AUDIT_COUNT, DB_ARGS(AUDIT_ARGS(network, f)),
	    &st)) != TJG_OK)
		return rc;
	if ((rc = db_one(st)) == TJG_OK)
		*count = db_int(st, 0);
	db_done(st);
	return rc;
}
