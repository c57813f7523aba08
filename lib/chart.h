/*
 * The geometry of a small bar chart, drawn as inline SVG by a template
 * (the console's orders per day). Pure functions: values in, integer
 * coordinates in the SVG user space ("viewBox 0 0 width height") out; no
 * text, no allocation.
 */
#ifndef TJG_CHART_H
#define TJG_CHART_H

#include <stddef.h>

#define CHART_MAX_TICKS	5
/* Values are clamped to 0..CHART_VALUE_MAX, so no axis can overflow. */
#define CHART_VALUE_MAX	1000000000000000LL	/* 10^15 */

/*
 * The frame around the plot: room for the tick labels on the left, and
 * for half a day label beyond the last bar on the right.
 */
#define CHART_LEFT	40
#define CHART_RIGHT	24
#define CHART_TOP	8
#define CHART_BOTTOM	24

struct chart_bar {
	int		 x, y;		/* top left corner */
	int		 w, h;		/* h is 0 for a zero value */
	int		 cx;		/* centre, for a label under the bar */
};

struct chart_tick {
	long long	 value;
	int		 y;		/* of its grid line and label */
};

struct chart {
	int		 width, height;	/* the whole drawing */
	/* The plot area: the axes are x = left and y = base. */
	int		 left, right, top, base;
	long long	 max;		/* the axis maximum, at y = top */
	struct chart_tick ticks[CHART_MAX_TICKS];	/* from 0 upwards */
	size_t		 nticks;
};

/*
 * The "nice" axis maximum for the largest value v: the smallest of 1, 2
 * and 5 times a power of ten that is at least v, and never below 2, so
 * that whole-number ticks always exist (an all-zero chart runs to 2).
 * v is clamped as the values are.
 */
long long chart_nice_max(long long v);

/*
 * The ticks of an axis running from 0 to max (a chart_nice_max value):
 * 3 to 5 whole numbers from 0, evenly spaced by a step of 1, 2, 2.5 or
 * 5 times a power of ten, preferring a step that ends exactly at max.
 * Fills values[] (CHART_MAX_TICKS long) and returns their number.
 */
size_t	 chart_ticks(long long max, long long values[CHART_MAX_TICKS]);

/*
 * Lays out n bars (n may be 0) for values[] in a drawing of width x
 * height: the frame (CHART_* margins), the axis maximum, the ticks with
 * their y, and bars[i] for values[i], left to right, equally wide, with a
 * gap between them. A non-zero value is at least 1 unit tall, so a day
 * with orders never looks empty. Returns 0, or -1 (and lays out nothing)
 * if the plot area would be smaller than 1 unit per bar or 10 units high.
 */
int	 chart_layout(const long long *values, size_t n, int width, int height,
	    struct chart *c, struct chart_bar *bars);

#endif
