/*
 * Colours: parsing, WCAG 2.1 contrast, and the network's stylesheet.
 * Written without libm: the one power the luminance needs is taken with
 * Newton's method.
 */
#include <stdio.h>
#include <string.h>

#include "colour.h"

/* The fixed colours of tjg.css that sit on the page background. */
#define ERROR_RED	{ 0xb1, 0x0e, 0x1e }	/* .field-error, summaries */

static const struct rgb white = { 0xff, 0xff, 0xff };

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
colour_parse(const char *s, struct rgb *out)
{
	unsigned char v[3];
	int hi, lo;
	size_t i;

	if (s == NULL || s[0] != '#' || strlen(s) != 7)
		return false;
	for (i = 0; i < 3; i++) {
		if ((hi = hexval(s[1 + 2 * i])) < 0 ||
		    (lo = hexval(s[2 + 2 * i])) < 0)
			return false;
		v[i] = (unsigned char)(hi * 16 + lo);
	}
	out->r = v[0];
	out->g = v[1];
	out->b = v[2];
	return true;
}

void
colour_format(const struct rgb *c, char out[8])
{
	snprintf(out, 8, "#%02x%02x%02x", c->r, c->g, c->b);
}

/* x^(1/5) for 0 < x <= 1, by Newton's method from above. */
static double
root5(double x)
{
	double y = 1.0, next;
	int i;

	for (i = 0; i < 100; i++) {
		next = y - (y * y * y * y * y - x) / (5 * y * y * y * y);
		if (next >= y)	/* converged: the steps only shrink */
			break;
		y = next;
	}
	return y;
}

/* An sRGB channel (0..255) to linear light (WCAG 2.1 definition). */
static double
linear(unsigned char v)
{
	double c = v / 255.0, x;

	if (c <= 0.04045)
		return c / 12.92;
	x = (c + 0.055) / 1.055;
	/* x^2.4 = x^2 * (x^2)^(1/5) */
	return x * x * root5(x * x);
}

double
colour_luminance(const struct rgb *c)
{
	return 0.2126 * linear(c->r) + 0.7152 * linear(c->g) +
	    0.0722 * linear(c->b);
}

double
colour_contrast(const struct rgb *a, const struct rgb *b)
{
	double la = colour_luminance(a), lb = colour_luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

const char *
colour_theme_check(const struct theme *t, double *ratio)
{
	static const struct rgb red = ERROR_RED;
	const struct {
		const char		*rule;
		const struct rgb	*fg, *bg;
	} rules[] = {
		{ "text", &t->text, &t->background },
		{ "primary", &white, &t->primary },
		{ "background", &red, &t->background },
	};
	double x;
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if ((x = colour_contrast(rules[i].fg, rules[i].bg)) <
		    COLOUR_MIN_CONTRAST) {
			if (ratio != NULL)
				*ratio = x;
			return rules[i].rule;
		}
	if (ratio != NULL)
		*ratio = 0;
	return NULL;
}

/* c darkened by pct percent towards black: for hover states. */
static struct rgb
darker(const struct rgb *c, unsigned pct)
{
	struct rgb d;

	d.r = (unsigned char)(c->r * (100 - pct) / 100);
	d.g = (unsigned char)(c->g * (100 - pct) / 100);
	d.b = (unsigned char)(c->b * (100 - pct) / 100);
	return d;
}

/*
 * Grey texts of tjg.css and where they are used: each that would be
 * too faint on the chosen background takes the text colour instead.
 */
static const struct {
	struct rgb	 c;
	const char	*selectors;
} greys[] = {
	{ { 0x50, 0x5a, 0x5f }, ".note, .hint, .place, .code, .from, "
	    ".outlets thead th" },
	{ { 0x4a, 0x4a, 0x4a }, "footer.site" },
	{ { 0x38, 0x3f, 0x43 }, ".facts dt, .service .by" },
};

void
colour_theme_css(struct buf *b, const struct theme *t)
{
	char p[8], a[8], tx[8], bg[8], dk[8], link[8];
	struct rgb d = darker(&t->primary, 20);
	size_t i;

	colour_format(&t->primary, p);
	colour_format(&t->accent, a);
	colour_format(&t->text, tx);
	colour_format(&t->background, bg);
	colour_format(&d, dk);
	if (colour_contrast(&t->primary, &t->background) >=
	    COLOUR_MIN_CONTRAST)
		memcpy(link, p, sizeof(link));
	else
		memcpy(link, tx, sizeof(link));

	buf_addf(b, "/* The colours of this city network, after tjg.css. */\n"
	    "body { background: %s; color: %s; }\n"
	    "header.site { background: %s; }\n"
	    ".net { color: #fff; }\n"
	    "a { color: %s; }\n"
	    "button, a.button, a.button:visited"
	    " { background: %s; border-color: %s; color: #fff; }\n"
	    "button:hover, a.button:hover"
	    " { background: %s; border-color: %s; }\n"
	    ".service { border-top-color: %s; }\n"
	    ".reason, .message { border-left-color: %s; }\n"
	    ".sort a[aria-current] { color: %s; border-bottom-color: %s; }\n"
	    ".ref strong { color: %s; }\n",
	    bg, tx, p, link, p, p, dk, dk, a, a, tx, a, tx);
	for (i = 0; i < sizeof(greys) / sizeof(greys[0]); i++)
		if (colour_contrast(&greys[i].c, &t->background) <
		    COLOUR_MIN_CONTRAST)
			buf_addf(b, "%s { color: %s; }\n", greys[i].selectors,
			    tx);
	/* The focus style of tjg.css again, above the rules here. */
	buf_adds(b, "a:focus, a.button:focus"
	    " { background: #fd0; color: #0b0c0c; }\n"
	    "a.button:focus { border-color: #fd0; }\n");
}
