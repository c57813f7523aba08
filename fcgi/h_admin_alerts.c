/*
 * The console's overview: orders per day over the last 30 Swedish
 * calendar days (a bar chart the template draws as SVG from the geometry
 * of lib/chart.c, and the same numbers as a table), orders per provider
 * and status over the same days, and the orders providers have not
 * fetched or acknowledged in time. A provider user sees only its own
 * provider's numbers and orders. Nothing personal is shown: references,
 * provider names, times and counts only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "conf.h"
#include "console.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "store_alert.h"
#include "tmpl.h"

#define DAYS		30	/* of the chart and the provider table */
#define LATE_LIMIT	100	/* late orders listed per kind */
#define CHART_WIDTH	600
#define CHART_HEIGHT	200
#define LABEL_EVERY	7	/* days between labels under the bars */

/* Collects tmpl_set results: the first failure sticks. */
/* "YYYY-MM-DD HH:MM" in UTC from the database, as Swedish local time. */
static const char *
local_time(struct request *r, const char *utc)
{
	struct tm tm;
	time_t t;
	char *out;

	memset(&tm, 0, sizeof(tm));
	if (utc == NULL || strptime(utc, "%Y-%m-%d %H:%M", &tm) == NULL)
		return utc;
	t = timegm(&tm);
	if (localtime_r(&t, &tm) == NULL)
		return utc;
	out = arena_alloc(r->a, 20);
	if (strftime(out, 20, "%Y-%m-%d %H:%M", &tm) == 0)
		return utc;
	return out;
}

/*
 * Chart.*: the frame, the axis and its ticks. Days.N.*: each day's date,
 * day and month (for the label under its bar, on every LABEL_EVERY-th
 * day counted back from today), count and bar. PerDay.total, .peak and
 * .peak_date for the chart's description.
 */
static int
put_days(struct request *r, const struct alert_window *w,
    const long long *counts)
{
	struct chart_bar bars[DAYS];
	struct chart c;
	long long total = 0, peak = 0;
	size_t i, peak_day = 0;
	int rc = TJG_OK;

	if (chart_layout(counts, w->ndays, CHART_WIDTH, CHART_HEIGHT, &c,
	    bars) != 0)
		return TJG_EINTERNAL;
	hput(r, &rc, "Chart.width", hnum(r, c.width));
	hput(r, &rc, "Chart.height", hnum(r, c.height));
	hput(r, &rc, "Chart.left", hnum(r, c.left));
	hput(r, &rc, "Chart.right", hnum(r, c.right));
	hput(r, &rc, "Chart.top", hnum(r, c.top));
	hput(r, &rc, "Chart.base", hnum(r, c.base));
	hput(r, &rc, "Chart.label_x", hnum(r, c.left - 6));
	hput(r, &rc, "Chart.label_y", hnum(r, c.base + 16));
	for (i = 0; i < c.nticks; i++) {
		hputf(r, &rc, hnum(r, c.ticks[i].value),
		    "Chart.ticks.%zu.value", i);
		hputf(r, &rc, hnum(r, c.ticks[i].y), "Chart.ticks.%zu.y", i);
		/* The label's baseline: centred on the line at 12 units. */
		hputf(r, &rc, hnum(r, c.ticks[i].y + 4), "Chart.ticks.%zu.ty",
		    i);
	}
	for (i = 0; i < w->ndays; i++) {
		hputf(r, &rc, w->date[i], "Days.%zu.date", i);
		/* "YYYY-MM-DD": day and month without leading zeros. */
		hputf(r, &rc, hnum(r, (w->date[i][8] - '0') * 10 +
		    (w->date[i][9] - '0')), "Days.%zu.day", i);
		hputf(r, &rc, hnum(r, (w->date[i][5] - '0') * 10 +
		    (w->date[i][6] - '0')), "Days.%zu.month", i);
		hputf(r, &rc, hnum(r, counts[i]), "Days.%zu.count", i);
		hputf(r, &rc, hnum(r, bars[i].x), "Days.%zu.x", i);
		hputf(r, &rc, hnum(r, bars[i].y), "Days.%zu.y", i);
		hputf(r, &rc, hnum(r, bars[i].w), "Days.%zu.w", i);
		hputf(r, &rc, hnum(r, bars[i].h), "Days.%zu.h", i);
		hputf(r, &rc, hnum(r, bars[i].cx), "Days.%zu.cx", i);
		if ((w->ndays - 1 - i) % LABEL_EVERY == 0)
			hputf(r, &rc, "1", "Days.%zu.label", i);
		total += counts[i];
		if (counts[i] > peak) {
			peak = counts[i];
			peak_day = i;
		}
	}
	hput(r, &rc, "Period.from", w->date[0]);
	hput(r, &rc, "Period.to", w->date[w->ndays - 1]);
	hput(r, &rc, "Period.days", hnum(r, (long long)w->ndays));
	hput(r, &rc, "PerDay.total", hnum(r, total));
	hput(r, &rc, "PerDay.peak", hnum(r, peak));
	hput(r, &rc, "PerDay.peak_date", w->date[peak_day]);
	return rc;
}

static const char *const status_names[ALERT_NSTATUS] = {
	[ALERT_NEW] = "new",
	[ALERT_RECEIVED] = "received",
	[ALERT_ACTIVATED] = "activated",
	[ALERT_REJECTED] = "rejected",
	[ALERT_CANCELLED] = "cancelled",
};

/* Providers.N.name/.<status>/.total; Totals.* when there are several. */
static int
put_providers(struct request *r, const struct alert_provider *p, size_t n)
{
	long long sum[ALERT_NSTATUS] = { 0 }, total = 0;
	size_t i, k;
	int rc = TJG_OK;

	for (i = 0; i < n; i++) {
		hputf(r, &rc, p[i].name, "Providers.%zu.name", i);
		for (k = 0; k < ALERT_NSTATUS; k++) {
			hputf(r, &rc, hnum(r, p[i].status[k]),
			    "Providers.%zu.%s", i, status_names[k]);
			sum[k] += p[i].status[k];
		}
		hputf(r, &rc, hnum(r, p[i].total), "Providers.%zu.total", i);
		total += p[i].total;
	}
	if (n > 1) {
		for (k = 0; k < ALERT_NSTATUS; k++)
			hputf(r, &rc, hnum(r, sum[k]), "Totals.%s",
			    status_names[k]);
		hput(r, &rc, "Totals.total", hnum(r, total));
	}
	return rc;
}

/*
 * prefix.total (all late orders of the kind), prefix.shown (how many are
 * listed) and prefix.rows.N.{ref,provider,created,fetched,limit,late},
 * times in Swedish local time.
 */
static int
put_late(struct request *r, const char *prefix, enum alert_kind kind,
    int default_hours)
{
	struct alert_order *v;
	long long total;
	size_t i, n;
	int rc;

	if ((rc = store_alert_late(r->db, r->a, r->network_id,
	    console_provider(r), kind, default_hours, LATE_LIMIT, &v, &n,
	    &total)) != TJG_OK)
		return rc;
	hputf(r, &rc, hnum(r, total), "%s.total", prefix);
	hputf(r, &rc, hnum(r, (long long)n), "%s.shown", prefix);
	for (i = 0; i < n; i++) {
		hputf(r, &rc, v[i].ref, "%s.rows.%zu.ref", prefix, i);
		hputf(r, &rc, v[i].provider, "%s.rows.%zu.provider", prefix, i);
		hputf(r, &rc, local_time(r, v[i].created_at),
		    "%s.rows.%zu.created", prefix, i);
		hputf(r, &rc, local_time(r, v[i].fetched_at),
		    "%s.rows.%zu.fetched", prefix, i);
		hputf(r, &rc, hnum(r, v[i].limit_hours), "%s.rows.%zu.limit",
		    prefix, i);
		hputf(r, &rc, hnum(r, v[i].late_hours), "%s.rows.%zu.late",
		    prefix, i);
	}
	return rc;
}

int
h_admin_home(struct request *r)
{
	long long provider = console_provider(r), counts[DAYS];
	struct alert_provider *prov;
	struct alert_window w;
	size_t nprov;
	int rc;

	if ((rc = alert_window(time(NULL), DAYS, &w)) != TJG_OK ||
	    (rc = store_alert_days(r->db, r->network_id, provider, &w,
	    counts)) != TJG_OK ||
	    (rc = put_days(r, &w, counts)) != TJG_OK ||
	    (rc = store_alert_providers(r->db, r->a, r->network_id, provider,
	    &w, &prov, &nprov)) != TJG_OK ||
	    (rc = put_providers(r, prov, nprov)) != TJG_OK ||
	    (rc = put_late(r, "Unfetched", ALERT_UNFETCHED,
	    r->conf->alert_unfetched_hours)) != TJG_OK ||
	    (rc = put_late(r, "Unacked", ALERT_UNACKED,
	    r->conf->alert_unacked_hours)) != TJG_OK ||
	    (rc = tmpl_set_int(r->tmpl, "Alerts.limit", LATE_LIMIT)) !=
	    TJG_OK ||
	    (rc = admin_contacts_notice(r)) != TJG_OK)
		return rc;
	return admin_render(r, "admin/home.cs", "home");
}
