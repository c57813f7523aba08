/*
 * The volume reports' store. Counting follows the keys of orders
 * (006_alerts.sql, 008_reports.sql):
 *
 *  - created: orders_network_created (network_id, created_at,
 *    provider_id, status, service_id) holds every column the count
 *    needs, so a year is one range of the index and no row is read;
 *  - activated, rejected, cancelled: orders_network_final (network_id,
 *    final_at, provider_id, service_id, status) likewise.
 *
 * Each statement is given the thirteen UTC instants at which the year's
 * Swedish months begin (report_span_init) and sorts each order into its
 * month with eleven comparisons, so months need no time zone tables in
 * the server and a year is at most twelve groups per service. Quarters
 * and the year are summed from months in report.c.
 */
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "report.h"
#include "store_report.h"

static const char SQL_PROVIDERS[] =
    "SELECT p.id, p.slug, p.name"
    " FROM provider_network pn JOIN provider p ON p.id = pn.provider_id"
    " WHERE pn.network_id = ?"
    " ORDER BY p.name, p.id";

static const char SQL_NETWORK[] =
    "SELECT id, slug FROM network WHERE (? IS NULL OR slug = ?)"
    " ORDER BY id LIMIT 2";

/*
 * The catalogue in display order: providers by name, each one's
 * services by category (the ENUM's order: internet, tv, phone, other),
 * then name.
 */
static const char SQL_SERVICES[] =
    "SELECT p.slug, p.name, s.id, s.name, s.category"
    " FROM provider_network pn JOIN provider p ON p.id = pn.provider_id"
    " JOIN service s ON s.provider_id = p.id"
    " WHERE pn.network_id = ? AND (? IS NULL OR p.id = ?)"
    " ORDER BY p.name, p.id, s.category, s.name, s.id";

/* The month (0..11) of col: how many of the 11 inner edges it has passed. */
#define GE(col)		"(" col " >= ?)"
#define MONTH_OF(col)	GE(col) "+" GE(col) "+" GE(col) "+" GE(col) "+" \
			GE(col) "+" GE(col) "+" GE(col) "+" GE(col) "+" \
			GE(col) "+" GE(col) "+" GE(col)

static const char SQL_CREATED[] =
    "SELECT " MONTH_OF("created_at") ", service_id, COUNT(*)"
    " FROM orders"
    " WHERE network_id = ? AND (? IS NULL OR provider_id = ?)"
    "  AND created_at >= ? AND created_at < ?"
    " GROUP BY 1, 2";

/* final_at is set exactly when the status is a final one (orders_final_ck). */
static const char SQL_FINAL[] =
    "SELECT " MONTH_OF("final_at") ", service_id, status, COUNT(*)"
    " FROM orders"
    " WHERE network_id = ? AND (? IS NULL OR provider_id = ?)"
    "  AND final_at >= ? AND final_at < ?"
    " GROUP BY 1, 2, 3";

static struct db_arg
opt_int(long long v)
{
	return v != 0 ? DB_INT(v) : DB_NULL;
}

int
store_report_providers(struct db *db, struct arena *a, long long network,
    struct report_choice **out, size_t *n)
{
	struct report_choice *v = NULL;
	struct db_stmt *st;
	size_t cap = 0;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_PROVIDERS, DB_ARGS(DB_INT(network)),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].id = db_int(st, 0);
		v[*n].slug = db_strdup(a, st, 1);
		v[*n].name = db_strdup(a, st, 2);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_report_network(struct db *db, struct arena *a, const char *slug,
    long long *id, const char **slug_out)
{
	struct db_stmt *st;
	size_t n = 0;
	bool row;
	int rc;

	if ((rc = db_exec(db, SQL_NETWORK, DB_ARGS(DB_TEXT(slug),
	    DB_TEXT(slug)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		if (n++ == 0) {
			*id = db_int(st, 0);
			*slug_out = db_strdup(a, st, 1);
		}
	}
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	return n == 0 ? TJG_ENOTFOUND : n > 1 ? TJG_ECONFLICT : TJG_OK;
}

/* The month a row's first column names, checked. */
static int
month_of(struct db_stmt *st, int *month)
{
	long long m = db_int(st, 0);

	if (db_null(st, 0) || m < 0 || m >= REPORT_MONTHS)
		return TJG_EINTERNAL;
	*month = (int)m;
	return TJG_OK;
}

static int
load_services(struct db *db, struct report *r, long long network,
    long long provider)
{
	struct db_stmt *st;
	bool row;
	int rc;

	if ((rc = db_exec(db, SQL_SERVICES, DB_ARGS(DB_INT(network),
	    opt_int(provider), opt_int(provider)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row)
		if ((rc = report_add_service(r, db_text(st, 0, NULL),
		    db_text(st, 1, NULL), db_int(st, 2), db_text(st, 3, NULL),
		    db_text(st, 4, NULL))) != TJG_OK)
			break;
	db_done(st);
	return rc;
}

/*
 * The statement's arguments: the 11 inner month edges, the network, the
 * provider twice, and the year's first and last edge.
 */
#define COUNT_ARGS(s, network, provider) DB_ARGS( \
	DB_TEXT((s)->edge_sql[1]), DB_TEXT((s)->edge_sql[2]), \
	DB_TEXT((s)->edge_sql[3]), DB_TEXT((s)->edge_sql[4]), \
	DB_TEXT((s)->edge_sql[5]), DB_TEXT((s)->edge_sql[6]), \
	DB_TEXT((s)->edge_sql[7]), DB_TEXT((s)->edge_sql[8]), \
	DB_TEXT((s)->edge_sql[9]), DB_TEXT((s)->edge_sql[10]), \
	DB_TEXT((s)->edge_sql[11]), \
	DB_INT(network), opt_int(provider), opt_int(provider), \
	DB_TEXT((s)->edge_sql[0]), DB_TEXT((s)->edge_sql[REPORT_MONTHS]))

int
store_report_volumes(struct db *db, struct report *r, long long network,
    long long provider)
{
	const struct report_span *s = &r->span;
	enum report_count c;
	struct db_stmt *st;
	bool row;
	int month, rc;

	if ((rc = load_services(db, r, network, provider)) != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_CREATED, COUNT_ARGS(s, network, provider),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row)
		if ((rc = month_of(st, &month)) != TJG_OK ||
		    (rc = report_add(r, month, db_int(st, 1), REPORT_CREATED,
		    db_int(st, 2))) != TJG_OK)
			break;
	db_done(st);
	if (rc != TJG_OK)
		return rc;
	if ((rc = db_exec(db, SQL_FINAL, COUNT_ARGS(s, network, provider),
	    &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row)
		if ((rc = month_of(st, &month)) != TJG_OK ||
		    (rc = report_count_of_status(db_text(st, 2, NULL), &c)) !=
		    TJG_OK ||
		    (rc = report_add(r, month, db_int(st, 1), c,
		    db_int(st, 3))) != TJG_OK)
			break;
	db_done(st);
	/* A count the catalogue cannot place is a fault, not bad input. */
	return rc == TJG_EINVAL ? TJG_EINTERNAL : rc;
}
