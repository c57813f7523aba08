/*
 * The network's colours: "#rrggbb" parsing, WCAG 2.1 contrast ratios, and
 * the stylesheet (/tema.css) that puts a network's colours on the public
 * pages. Pure functions, no I/O.
 */
#ifndef TJG_COLOUR_H
#define TJG_COLOUR_H

#include <stdbool.h>

#include "buf.h"

/* WCAG 2.1 AA for normal text (1.4.3). */
#define COLOUR_MIN_CONTRAST	4.5

struct rgb {
	unsigned char	 r, g, b;
};

/* The four colours a network chooses (network.colour_*). */
struct theme {
	struct rgb	 primary;	/* header, buttons: white text on it */
	struct rgb	 accent;	/* decorative borders only */
	struct rgb	 text;
	struct rgb	 background;
};

/* Parses "#rrggbb" (either case); anything else is false. */
bool	 colour_parse(const char *s, struct rgb *out);

/* Writes "#rrggbb" in lower case into out. */
void	 colour_format(const struct rgb *, char out[8]);

/* Relative luminance (WCAG 2.1), 0 for black to 1 for white. */
double	 colour_luminance(const struct rgb *);

/* Contrast ratio of two colours (WCAG 2.1): 1 (same) to 21. */
double	 colour_contrast(const struct rgb *, const struct rgb *);

/*
 * Checks a theme for the rules the public pages need: text on the
 * background, white on the primary colour, and the fixed red of error
 * messages on the background, each at least COLOUR_MIN_CONTRAST.
 * Returns NULL if it is fine, else which rule fails: "text" (text on
 * background), "primary" (white on primary) or "background" (errors on
 * background); *ratio (may be NULL) is that rule's ratio.
 */
const char *colour_theme_check(const struct theme *, double *ratio);

/*
 * Appends the stylesheet for theme to b: CSS rules (no custom
 * properties, for old browsers) that go after tjg.css. Colours of
 * tjg.css that would fall below COLOUR_MIN_CONTRAST on the chosen
 * background are replaced by the text colour; links take the primary
 * colour where it is readable on the background, else the text colour.
 */
void	 colour_theme_css(struct buf *b, const struct theme *);

#endif
