/*
 * Tests for lib/chart.c: nice axis maxima, whole-number ticks, and the
 * bars of all-zero data, one huge value, one bar and thirty. Also the
 * Swedish calendar days the bars stand for (alert_window of
 * store_alert.c), across the changes to and from summer time.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chart.h"
#include "err.h"
#include "store_alert.h"
#include "tap.h"

#define W	600
#define H	200
#define PW	(W - CHART_LEFT - CHART_RIGHT)	/* the plot's width */

static void
test_nice_max(void)
{
	static const struct { long long v, want; } t[] = {
		{ -5, 2 }, { 0, 2 }, { 1, 2 }, { 2, 2 }, { 3, 5 }, { 5, 5 },
		{ 6, 10 }, { 10, 10 }, { 11, 20 }, { 20, 20 }, { 21, 50 },
		{ 50, 50 }, { 51, 100 }, { 99, 100 }, { 101, 200 },
		{ 499, 500 }, { 987654321, 1000000000 },
		{ CHART_VALUE_MAX, CHART_VALUE_MAX },
		{ LLONG_MAX, CHART_VALUE_MAX },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(chart_nice_max(t[i].v), t[i].want, "nice max of %lld",
		    t[i].v);
}

/* Ticks of max are exactly want[0..n). */
static void
ticks_are(long long max, const long long *want, size_t n)
{
	long long v[CHART_MAX_TICKS];
	size_t got, i;
	bool same;

	got = chart_ticks(max, v);
	same = got == n;
	for (i = 0; same && i < n; i++)
		same = v[i] == want[i];
	ok(same, "ticks of %lld", max);
	if (!same)
		for (i = 0; i < got; i++)
			printf("#   tick %zu = %lld\n", i, v[i]);
}

static void
test_ticks(void)
{
	ticks_are(2, (const long long[]){ 0, 1, 2 }, 3);
	ticks_are(5, (const long long[]){ 0, 2, 4 }, 3);
	ticks_are(10, (const long long[]){ 0, 5, 10 }, 3);
	ticks_are(20, (const long long[]){ 0, 5, 10, 15, 20 }, 5);
	ticks_are(50, (const long long[]){ 0, 25, 50 }, 3);
	ticks_are(100, (const long long[]){ 0, 25, 50, 75, 100 }, 5);
	ticks_are(200, (const long long[]){ 0, 50, 100, 150, 200 }, 5);
	ticks_are(500, (const long long[]){ 0, 250, 500 }, 3);
	ticks_are(1000, (const long long[]){ 0, 250, 500, 750, 1000 }, 5);
}

/* Every nice maximum up to the cap: 3 to 5 even, whole ticks from 0. */
static void
test_ticks_all(void)
{
	static const long long m[] = { 1, 2, 5 };
	long long v[CHART_MAX_TICKS], p, max, step;
	size_t i, k, n;
	bool good = true, exact = true;
	int count = 0;

	for (p = 1; p <= CHART_VALUE_MAX; p *= 10)
		for (k = 0; k < 3 && m[k] * p <= CHART_VALUE_MAX; k++) {
			if ((max = m[k] * p) < 2)
				continue;
			count++;
			n = chart_ticks(max, v);
			if (n < 3 || n > 5 || v[0] != 0 || v[n - 1] > max) {
				good = false;
				printf("#   max %lld: %zu ticks\n", max, n);
				continue;
			}
			step = v[1];
			for (i = 1; i < n; i++)
				if (v[i] - v[i - 1] != step)
					good = false;
			/* Only 5 cannot end on a tick (0, 2, 4). */
			if (v[n - 1] != max && max != 5) {
				exact = false;
				printf("#   max %lld ends at %lld\n", max,
				    v[n - 1]);
			}
		}
	ok(good, "%d nice maxima: 3 to 5 evenly spaced ticks from 0", count);
	ok(exact, "the last tick is the maximum (but for 5)");
	is_int(count, 45, "from 2 to 10^15");
}

/* The bars lie in the plot, left to right, without overlapping. */
static bool
bars_fit(const struct chart *c, const struct chart_bar *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i].w < 1 || b[i].h < 0 || b[i].x < c->left ||
		    b[i].x + b[i].w > c->right || b[i].y < c->top ||
		    b[i].y + b[i].h != c->base ||
		    b[i].cx < b[i].x || b[i].cx > b[i].x + b[i].w)
			return false;
		if (i > 0 && b[i].x < b[i - 1].x + b[i - 1].w)
			return false;
	}
	return true;
}

static void
test_all_zero(void)
{
	long long v[30] = { 0 };
	struct chart_bar b[30];
	struct chart c;
	size_t i;
	bool flat = true;

	is_int(chart_layout(v, 30, W, H, &c, b), 0, "zero: laid out");
	is_int(c.max, 2, "zero: the axis runs to 2");
	is_int(c.nticks, 3, "zero: three ticks");
	is_int(c.ticks[0].y, c.base, "zero: tick 0 on the base line");
	is_int(c.ticks[2].y, c.top, "zero: tick 2 at the top");
	for (i = 0; i < 30; i++)
		if (b[i].h != 0 || b[i].y != c.base)
			flat = false;
	ok(flat, "zero: every bar is flat on the base line");
	ok(bars_fit(&c, b, 30), "zero: bars fit");
}

static void
test_huge(void)
{
	long long v[30];
	struct chart_bar b[30];
	struct chart c;
	size_t i;
	bool small = true;

	for (i = 0; i < 30; i++)
		v[i] = i % 3 == 0 ? 1 : 0;
	v[17] = 987654321;
	is_int(chart_layout(v, 30, W, H, &c, b), 0, "huge: laid out");
	is_int(c.max, 1000000000, "huge: the axis runs to 10^9");
	is_int(c.ticks[c.nticks - 1].value, 1000000000, "huge: last tick");
	is_int(b[17].h, 166, "huge: its bar is 98.8 %% of 168 units");
	is_int(b[17].y, c.base - 166, "huge: and stands on the base line");
	for (i = 0; i < 30; i++)
		if (i != 17 && b[i].h != (v[i] > 0 ? 1 : 0))
			small = false;
	ok(small, "huge: a one still shows as 1 unit, a zero as none");
	ok(bars_fit(&c, b, 30), "huge: bars fit");

	v[3] = LLONG_MAX;
	v[4] = -7;
	is_int(chart_layout(v, 30, W, H, &c, b), 0, "clamped: laid out");
	is_int(c.max, CHART_VALUE_MAX, "clamped: the axis stops at the cap");
	is_int(b[3].h, c.base - c.top, "clamped: the largest is full height");
	is_int(b[4].h, 0, "clamped: a negative value is zero");
}

static void
test_one(void)
{
	long long v[1] = { 7 };
	struct chart_bar b[1];
	struct chart c;

	is_int(chart_layout(v, 1, W, H, &c, b), 0, "one: laid out");
	is_int(c.max, 10, "one: the axis runs to 10");
	is_int(c.nticks, 3, "one: ticks 0, 5, 10");
	is_int(c.ticks[1].y, c.base - (c.base - c.top) / 2, "one: 5 halfway");
	is_int(b[0].w, PW - PW / 5, "one: four fifths of the plot wide");
	is_int(b[0].x, CHART_LEFT + PW / 5 / 2, "one: centred");
	is_int(b[0].h, 118, "one: 7/10 of 168 units, rounded");
	ok(bars_fit(&c, b, 1), "one: the bar fits");
}

static void
test_thirty(void)
{
	long long v[30];
	struct chart_bar b[30];
	struct chart c;
	size_t i;
	bool even = true;

	for (i = 0; i < 30; i++)
		v[i] = (long long)i;
	is_int(chart_layout(v, 30, W, H, &c, b), 0, "thirty: laid out");
	is_int(c.width, W, "thirty: width");
	is_int(c.height, H, "thirty: height");
	is_int(c.left, CHART_LEFT, "thirty: y axis");
	is_int(c.base, H - CHART_BOTTOM, "thirty: x axis");
	is_int(c.max, 50, "thirty: 29 runs to 50");
	is_int(c.nticks, 3, "thirty: ticks 0, 25, 50");
	is_int(c.ticks[1].value, 25, "thirty: the middle tick");
	is_int(b[0].h, 0, "thirty: the first bar is empty");
	is_int(b[29].h, 97, "thirty: 29/50 of 168 units");
	for (i = 1; i < 30; i++)
		if (b[i].w < b[0].w - 1 || b[i].w > b[0].w + 1 ||
		    b[i].h < b[i - 1].h)
			even = false;
	ok(even, "thirty: equal widths (within 1), growing heights");
	ok(bars_fit(&c, b, 30), "thirty: bars fit");
	ok(b[29].x + b[29].w <= c.right && b[29].x + b[29].w >= c.right - 2,
	    "thirty: the last bar reaches the right end");
}

static void
test_refused(void)
{
	long long v[3] = { 1, 2, 3 };
	struct chart_bar b[3];
	struct chart c;

	is_int(chart_layout(v, 3, CHART_LEFT + CHART_RIGHT + 2, H, &c, b), -1,
	    "refused: 3 bars in 2 units");
	is_int(chart_layout(v, 3, W, CHART_TOP + CHART_BOTTOM + 9, &c, b), -1,
	    "refused: a plot 9 units high");
	is_int(chart_layout(v, 0, W, H, &c, b), 0, "no bars: still an axis");
	is_int(c.max, 2, "no bars: to 2");
}

static time_t
utc(int y, int mon, int d, int h)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d,
	    .tm_hour = h };

	return timegm(&tm);
}

/* Day i of w lasts hours hours. */
static void
day_lasts(const struct alert_window *w, size_t i, long hours,
    const char *name)
{
	is_int((w->edge[i + 1] - w->edge[i]) / 3600, hours, "%s: %s lasts %ld "
	    "hours", name, w->date[i], hours);
}

static void
test_window(void)
{
	struct alert_window w;
	size_t i;
	bool whole = true;

	if (setenv("TZ", "Europe/Stockholm", 1) != 0)
		return;
	tzset();

	/* Summer time began on 2025-03-30 at 02:00 (01:00 UTC). */
	is_int(alert_window(utc(2025, 3, 31, 10), 30, &w), TJG_OK,
	    "spring: a window");
	is_int(w.ndays, 30, "spring: 30 days");
	is_str(w.date[0], "2025-03-02", "spring: from the 2nd");
	is_str(w.date[29], "2025-03-31", "spring: to today");
	is_str(w.from, "2025-03-01 23:00:00", "spring: begins at CET midnight");
	is_str(w.to, "2025-03-31 22:00:00", "spring: ends at CEST midnight");
	day_lasts(&w, 27, 24, "spring");
	day_lasts(&w, 28, 23, "spring");
	day_lasts(&w, 29, 24, "spring");
	for (i = 0; i < 30; i++)
		if ((w.edge[i + 1] - w.edge[i]) % 3600 != 0)
			whole = false;
	ok(whole, "spring: every day is whole hours (UTC hours sum to days)");

	/* ... and ended on 2025-10-26 at 03:00 (01:00 UTC). */
	is_int(alert_window(utc(2025, 10, 26, 23), 30, &w), TJG_OK,
	    "autumn: a window");
	is_str(w.date[29], "2025-10-27", "autumn: 23:00 UTC is the next day");
	day_lasts(&w, 28, 25, "autumn");
	is_str(w.to, "2025-10-27 23:00:00", "autumn: ends at CET midnight");

	/* Across the turn of the year. */
	is_int(alert_window(utc(2025, 1, 5, 12), 30, &w), TJG_OK,
	    "new year: a window");
	is_str(w.date[0], "2024-12-07", "new year: from December");
	is_str(w.date[25], "2025-01-01", "new year: New Year's Day");
	is_int(alert_window(utc(2025, 1, 5, 12), 1, &w), TJG_OK,
	    "one day: a window");
	is_str(w.from, "2025-01-04 23:00:00", "one day: today only");
	is_int(alert_window(utc(2025, 1, 5, 12), 0, &w), TJG_EINVAL,
	    "no days: refused");
	is_int(alert_window(utc(2025, 1, 5, 12), ALERT_MAX_DAYS + 1, &w),
	    TJG_EINVAL, "too many days: refused");
}

int
main(void)
{
	test_nice_max();
	test_ticks();
	test_ticks_all();
	test_all_zero();
	test_huge();
	test_one();
	test_thirty();
	test_refused();
	test_window();
	return done_testing();
}
