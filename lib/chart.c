/*
 * The geometry of a small bar chart: a nice axis maximum, whole-number
 * ticks and integer bar rectangles, for a template to draw as SVG.
 */
#include <stddef.h>

#include "chart.h"

static long long
clamp(long long v)
{
	if (v < 0)
		return 0;
	return v > CHART_VALUE_MAX ? CHART_VALUE_MAX : v;
}

long long
chart_nice_max(long long v)
{
	static const long long m[] = { 1, 2, 5 };
	long long p;
	size_t i;

	v = clamp(v);
	if (v <= 2)
		return 2;
	/* Ends at 10^15 (= CHART_VALUE_MAX) at the latest: no overflow. */
	for (p = 1;; p *= 10)
		for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
			if (m[i] * p >= v)
				return m[i] * p;
}

/*
 * The k-th candidate step, ascending: 1, 2, 5, 10, 20, 25, 50, 100, 200,
 * 250, ... (2.5 times a power of ten only where it is a whole number).
 * Consecutive steps differ by at most 2.5 times, so some step divides
 * any max >= 2 into 2 to 4 intervals.
 */
static long long
step_at(size_t k)
{
	long long p = 1;

	if (k < 3)
		return k == 0 ? 1 : k == 1 ? 2 : 5;
	k -= 3;
	for (; k >= 4; k -= 4)
		p *= 10;
	p *= 10;
	switch (k) {
	case 0:
		return p;
	case 1:
		return 2 * p;
	case 2:
		return 5 * p / 2;
	default:
		return 5 * p;
	}
}

size_t
chart_ticks(long long max, long long values[CHART_MAX_TICKS])
{
	long long s = 0, t;
	size_t k, n;
	int pass;

	values[0] = 0;
	if (max < 2) {
		if (max == 1)
			values[1] = 1;
		return max == 1 ? 2 : 1;
	}
	/* First a step that ends exactly at max, else any that fits. */
	for (pass = 0; pass < 2 && s == 0; pass++)
		for (k = 0; (t = step_at(k)) <= max / 2; k++)
			if (max / t <= 4 && (pass == 1 || max % t == 0)) {
				s = t;
				break;
			}
	for (n = 1; n < CHART_MAX_TICKS && s > 0 && values[n - 1] + s <= max;
	    n++)
		values[n] = values[n - 1] + s;
	return n;
}

/* v of max as a part of span, rounded. */
static int
scale(long long v, long long max, int span)
{
	return (int)((double)v / (double)max * span + 0.5);
}

int
chart_layout(const long long *values, size_t n, int width, int height,
    struct chart *c, struct chart_bar *bars)
{
	long long tv[CHART_MAX_TICKS], v, top = 0;
	int plot_w, plot_h, x0, x1, gap;
	size_t i;

	plot_w = width - CHART_LEFT - CHART_RIGHT;
	plot_h = height - CHART_TOP - CHART_BOTTOM;
	if (plot_w < 1 || plot_h < 10 || (size_t)plot_w < n)
		return -1;
	c->width = width;
	c->height = height;
	c->left = CHART_LEFT;
	c->right = width - CHART_RIGHT;
	c->top = CHART_TOP;
	c->base = height - CHART_BOTTOM;
	for (i = 0; i < n; i++)
		if ((v = clamp(values[i])) > top)
			top = v;
	c->max = chart_nice_max(top);
	c->nticks = chart_ticks(c->max, tv);
	for (i = 0; i < c->nticks; i++) {
		c->ticks[i].value = tv[i];
		c->ticks[i].y = c->base - scale(tv[i], c->max, plot_h);
	}
	for (i = 0; i < n; i++) {
		/* Slot edges from i * plot_w / n: the slots fill the plot. */
		x0 = c->left + (int)(i * (size_t)plot_w / n);
		x1 = c->left + (int)((i + 1) * (size_t)plot_w / n);
		gap = (x1 - x0) / 5;
		bars[i].x = x0 + gap / 2;
		bars[i].w = x1 - x0 - gap;
		bars[i].cx = bars[i].x + bars[i].w / 2;
		v = clamp(values[i]);
		bars[i].h = scale(v, c->max, plot_h);
		if (v > 0 && bars[i].h < 1)
			bars[i].h = 1;
		bars[i].y = c->base - bars[i].h;
	}
	return 0;
}
