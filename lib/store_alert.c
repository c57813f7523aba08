/*
 * The overview's store: orders per day and per provider, and late
 * orders. The queries follow the keys of orders (001_init.sql and
 * 006_alerts.sql):
 *
 *  - per day and per provider: orders_network_created (network_id,
 *    created_at, provider_id, status) holds all these counts need, so a
 *    network's 30 days are one range of the index and no rows are read;
 *    a provider user's, one range of orders_provider_created. Days are
 *    counted by UTC hour, since Swedish days are not UTC days and the
 *    server may have no time zone tables, and the hours summed into days
 *    here (Sweden is a whole number of hours from UTC, so every hour lies
 *    within one day);
 *  - late orders: orders_provider_status (provider_id, status,
 *    created_at) for each provider of the network and status "new" only,
 *    which is a handful of rows when providers do their work. The
 *    provider comes first (STRAIGHT_JOIN) as its thresholds decide which
 *    orders are late; the optimizer would otherwise start from all the
 *    network's orders not erased.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "err.h"
#include "store_alert.h"

static const char SQL_DAYS[] =
    "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H'), COUNT(*) FROM orders"
    " WHERE network_id = ? AND (? IS NULL OR provider_id = ?)"
    "  AND created_at >= ? AND created_at < ?"
    " GROUP BY 1";

/*
 * Providers that deliver in the network (and are active), or that had
 * orders in the window even if they no longer do.
 */
static const char SQL_PROVIDERS[] =
    "SELECT p.id, p.name, COALESCE(c.st_new, 0), COALESCE(c.st_received, 0),"
    " COALESCE(c.st_activated, 0), COALESCE(c.st_rejected, 0),"
    " COALESCE(c.st_cancelled, 0), COALESCE(c.total, 0)"
    " FROM provider_network pn JOIN provider p ON p.id = pn.provider_id"
    " LEFT JOIN (SELECT provider_id,"
    "   COUNT(CASE WHEN status = 'new' THEN 1 END) AS st_new,"
    "   COUNT(CASE WHEN status = 'received' THEN 1 END) AS st_received,"
    "   COUNT(CASE WHEN status = 'activated' THEN 1 END) AS st_activated,"
    "   COUNT(CASE WHEN status = 'rejected' THEN 1 END) AS st_rejected,"
    "   COUNT(CASE WHEN status = 'cancelled' THEN 1 END) AS st_cancelled,"
    "   COUNT(*) AS total"
    "  FROM orders WHERE network_id = ? AND (? IS NULL OR provider_id = ?)"
    "   AND created_at >= ? AND created_at < ?"
    "  GROUP BY provider_id) c ON c.provider_id = pn.provider_id"
    " WHERE pn.network_id = ? AND (? IS NULL OR pn.provider_id = ?)"
    "  AND ((pn.active = 1 AND p.active = 1) OR c.total > 0)"
    " ORDER BY p.name, p.id";

/*
 * Each provider's thresholds (its own, else the network's, else the
 * configuration's), then its late orders; COUNT(*) OVER () is the number
 * of all of them before LIMIT.
 */
#define LATE_THRESHOLDS(col) \
    " FROM (SELECT pn.provider_id, p.name," \
    "   COALESCE(p." col ", n." col ", ?) AS hours" \
    "  FROM provider_network pn JOIN provider p ON p.id = pn.provider_id" \
    "  JOIN network n ON n.id = pn.network_id" \
    "  WHERE pn.network_id = ? AND (? IS NULL OR pn.provider_id = ?)) t" \
    " JOIN orders o ON o.provider_id = t.provider_id AND o.network_id = ?" \
    "  AND o.status = 'new' AND o.erased_at IS NULL"

static const char SQL_UNFETCHED[] =
    "SELECT STRAIGHT_JOIN o.ref, t.name,"
    " DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i'),"
    " NULL, t.hours,"
    " TIMESTAMPDIFF(HOUR, o.created_at + INTERVAL t.hours HOUR,"
    "  UTC_TIMESTAMP(6)),"
    " COUNT(*) OVER ()"
    LATE_THRESHOLDS("alert_unfetched_hours")
    "  AND o.fetched_at IS NULL"
    "  AND o.created_at < UTC_TIMESTAMP(6) - INTERVAL t.hours HOUR"
    " ORDER BY o.created_at + INTERVAL t.hours HOUR, o.id"
    " LIMIT ?";

static const char SQL_UNACKED[] =
    "SELECT STRAIGHT_JOIN o.ref, t.name,"
    " DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i'),"
    " DATE_FORMAT(o.fetched_at, '%Y-%m-%d %H:%i'), t.hours,"
    " TIMESTAMPDIFF(HOUR, o.fetched_at + INTERVAL t.hours HOUR,"
    "  UTC_TIMESTAMP(6)),"
    " COUNT(*) OVER ()"
    LATE_THRESHOLDS("alert_unacked_hours")
    "  AND o.fetched_at IS NOT NULL"
    "  AND o.fetched_at < UTC_TIMESTAMP(6) - INTERVAL t.hours HOUR"
    " ORDER BY o.fetched_at + INTERVAL t.hours HOUR, o.id"
    " LIMIT ?";

static struct db_arg
opt_int(long long v)
{
	return v != 0 ? DB_INT(v) : DB_NULL;
}

static int
utc_text(time_t t, char out[20])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm) != 19)
		return TJG_EINTERNAL;
	return TJG_OK;
}

int
alert_window(time_t now, size_t ndays, struct alert_window *w)
{
	struct tm today, tm;
	size_t i;
	int rc;

	if (ndays < 1 || ndays > ALERT_MAX_DAYS)
		return TJG_EINVAL;
	if (localtime_r(&now, &today) == NULL)
		return TJG_EINTERNAL;
	memset(w, 0, sizeof(*w));
	w->ndays = ndays;
	for (i = 0; i <= ndays; i++) {
		/*
		 * Local midnight of each day; mktime() carries a day of
		 * month below 1 or past the end into the next month, and
		 * finds the offset (summer time or not) by itself.
		 */
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = today.tm_year;
		tm.tm_mon = today.tm_mon;
		tm.tm_mday = today.tm_mday - (int)(ndays - 1) + (int)i;
		tm.tm_isdst = -1;
		if ((w->edge[i] = mktime(&tm)) == (time_t)-1)
			return TJG_EINTERNAL;
		if (i < ndays && strftime(w->date[i], ALERT_DATE_LEN,
		    "%Y-%m-%d", &tm) != ALERT_DATE_LEN - 1)
			return TJG_EINTERNAL;
	}
	if ((rc = utc_text(w->edge[0], w->from)) != TJG_OK ||
	    (rc = utc_text(w->edge[ndays], w->to)) != TJG_OK)
		return rc;
	return TJG_OK;
}

/* The day of w that the UTC hour "YYYY-MM-DD HH" falls on, or -1. */
static long
day_of(const struct alert_window *w, const char *hour, size_t len)
{
	char s[16];
	struct tm tm;
	const char *end;
	time_t t;
	size_t i;

	if (hour == NULL || len >= sizeof(s))
		return -1;
	memcpy(s, hour, len);
	s[len] = '\0';
	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(s, "%Y-%m-%d %H", &tm)) == NULL || *end != '\0')
		return -1;
	t = timegm(&tm);
	for (i = 0; i < w->ndays; i++)
		if (t >= w->edge[i] && t < w->edge[i + 1])
			return (long)i;
	return -1;
}

int
store_alert_days(struct db *db, long long network, long long provider,
    const struct alert_window *w, long long *counts)
{
	struct db_stmt *st;
	const char *hour;
	size_t len;
	long day;
	bool row;
	int rc;

	memset(counts, 0, w->ndays * sizeof(*counts));
	if ((rc = db_exec(db, SQL_DAYS, DB_ARGS(DB_INT(network),
	    opt_int(provider), opt_int(provider), DB_TEXT(w->from),
	    DB_TEXT(w->to)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		hour = db_text(st, 0, &len);
		/* The window ends on day edges, so no hour falls outside. */
		if ((day = day_of(w, hour, len)) < 0) {
			rc = TJG_EINTERNAL;
			break;
		}
		counts[day] += db_int(st, 1);
	}
	db_done(st);
	return rc;
}

int
store_alert_providers(struct db *db, struct arena *a, long long network,
    long long provider, const struct alert_window *w,
    struct alert_provider **out, size_t *n)
{
	struct alert_provider *v = NULL;
	struct db_stmt *st;
	size_t cap = 0, i;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, SQL_PROVIDERS, DB_ARGS(DB_INT(network),
	    opt_int(provider), opt_int(provider), DB_TEXT(w->from),
	    DB_TEXT(w->to), DB_INT(network), opt_int(provider),
	    opt_int(provider)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].id = db_int(st, 0);
		v[*n].name = db_strdup(a, st, 1);
		for (i = 0; i < ALERT_NSTATUS; i++)
			v[*n].status[i] = db_int(st, 2 + (unsigned)i);
		v[*n].total = db_int(st, 2 + ALERT_NSTATUS);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}

int
store_alert_late(struct db *db, struct arena *a, long long network,
    long long provider, enum alert_kind kind, int default_hours,
    size_t limit, struct alert_order **out, size_t *n, long long *total)
{
	struct alert_order *v;
	struct db_stmt *st;
	bool row;
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (limit == 0)
		return TJG_EINVAL;
	v = arena_calloc(a, limit, sizeof(*v));
	if ((rc = db_exec(db, kind == ALERT_UNFETCHED ? SQL_UNFETCHED :
	    SQL_UNACKED, DB_ARGS(DB_INT(default_hours), DB_INT(network),
	    opt_int(provider), opt_int(provider), DB_INT(network),
	    DB_INT((long long)limit)), &st)) != TJG_OK)
		return rc;
	while ((rc = db_next(st, &row)) == TJG_OK && row && *n < limit) {
		v[*n].ref = db_strdup(a, st, 0);
		v[*n].provider = db_strdup(a, st, 1);
		v[*n].created_at = db_strdup(a, st, 2);
		v[*n].fetched_at = db_strdup(a, st, 3);
		v[*n].limit_hours = db_int(st, 4);
		v[*n].late_hours = db_int(st, 5);
		*total = db_int(st, 6);
		(*n)++;
	}
	db_done(st);
	*out = v;
	return rc;
}
