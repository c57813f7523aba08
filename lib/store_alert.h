/*
 * The console's overview: orders per Swedish calendar day and per
 * provider over a window of days, and the orders a provider has not
 * fetched, or fetched but not acknowledged, within its alert thresholds.
 * All SQL of the overview is in store_alert.c.
 */
#ifndef TJG_STORE_ALERT_H
#define TJG_STORE_ALERT_H

#include <stddef.h>
#include <time.h>

#include "arena.h"

struct db;

#define ALERT_MAX_DAYS	62
#define ALERT_DATE_LEN	11	/* "YYYY-MM-DD" and NUL */

/*
 * The last ndays calendar days in the process's time zone (the worker
 * runs in Europe/Stockholm), today included: edge[i] is the UTC instant
 * at which day i begins, edge[ndays] the end of today, so a day may last
 * 23 or 25 hours.
 */
struct alert_window {
	size_t		 ndays;
	time_t		 edge[ALERT_MAX_DAYS + 1];
	char		 date[ALERT_MAX_DAYS][ALERT_DATE_LEN];
	char		 from[20];	/* edge[0], UTC "YYYY-MM-DD HH:MM:SS" */
	char		 to[20];	/* edge[ndays], likewise */
};

/*
 * Fills w for the ndays (1..ALERT_MAX_DAYS) days up to the day of now.
 * TJG_EINVAL for a bad ndays, TJG_EINTERNAL if the C library cannot
 * convert the times.
 */
int	 alert_window(time_t now, size_t ndays, struct alert_window *w);

/*
 * counts[i] = the orders of network created on day i of w (counts has
 * w->ndays elements); provider 0 means every provider.
 */
int	 store_alert_days(struct db *, long long network, long long provider,
	    const struct alert_window *w, long long *counts);

enum {
	ALERT_NEW, ALERT_RECEIVED, ALERT_ACTIVATED, ALERT_REJECTED,
	ALERT_CANCELLED, ALERT_NSTATUS
};

struct alert_provider {
	long long	 id;
	const char	*name;
	long long	 status[ALERT_NSTATUS];	/* by ALERT_NEW, ... */
	long long	 total;
};

/*
 * The orders of network created within w by provider and status: one row
 * per provider that delivers in the network or had orders then, by name;
 * provider 0 means every provider, else only that one.
 */
int	 store_alert_providers(struct db *, struct arena *, long long network,
	    long long provider, const struct alert_window *w,
	    struct alert_provider **out, size_t *n);

enum alert_kind {
	ALERT_UNFETCHED,	/* not fetched within N hours of its creation */
	ALERT_UNACKED		/* fetched, still new M hours later */
};

struct alert_order {
	const char	*ref;
	const char	*provider;	/* its name */
	const char	*created_at;	/* UTC "YYYY-MM-DD HH:MM" */
	const char	*fetched_at;	/* likewise; NULL if not fetched */
	long long	 limit_hours;	/* the provider's threshold */
	long long	 late_hours;	/* whole hours past it */
};

/*
 * The late orders of network (of provider, unless 0) of one kind: still
 * "new", not erased, and either never fetched and created more than N
 * hours ago, or fetched more than M hours ago. N and M are the provider's
 * alert_unfetched_hours / alert_unacked_hours, else the network's, else
 * default_hours (the configuration's). At most limit rows, the most
 * overdue first; *total counts them all.
 */
int	 store_alert_late(struct db *, struct arena *, long long network,
	    long long provider, enum alert_kind kind, int default_hours,
	    size_t limit, struct alert_order **out, size_t *n,
	    long long *total);

#endif
