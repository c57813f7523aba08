/*
 * Tests for lib/colour.c: "#rrggbb" parsing, WCAG 2.1 contrast ratios
 * against figures computed independently (and the well-known #767676 /
 * #777777 boundary on white), the theme rules, and the stylesheet.
 */
#include <stdio.h>
#include <string.h>

#include "colour.h"
#include "tap.h"

static struct rgb
c(const char *s)
{
	struct rgb v = { 0, 0, 0 };

	if (!colour_parse(s, &v))
		printf("# cannot parse %s\n", s);
	return v;
}

static void
near(double got, double want, const char *what)
{
	double d = got - want;

	if (!ok(d > -0.005 && d < 0.005, "%s: %.3f", what, want))
		printf("#   got %.6f\n", got);
}

static void
test_parse(void)
{
	struct rgb v;
	char out[8];

	ok(colour_parse("#00558c", &v) && v.r == 0 && v.g == 0x55 &&
	    v.b == 0x8c, "parse: #00558c");
	ok(colour_parse("#FfA0b1", &v) && v.r == 0xff && v.g == 0xa0 &&
	    v.b == 0xb1, "parse: mixed case");
	colour_format(&v, out);
	is_str(out, "#ffa0b1", "format: lower case");
	ok(!colour_parse("00558c", &v), "parse: no #");
	ok(!colour_parse("#00558", &v), "parse: too short");
	ok(!colour_parse("#00558cc", &v), "parse: too long");
	ok(!colour_parse("#00558g", &v), "parse: not hex");
	ok(!colour_parse("#fff", &v), "parse: three digits refused");
	ok(!colour_parse("red", &v), "parse: names refused");
	ok(!colour_parse("", &v), "parse: empty");
	ok(!colour_parse(NULL, &v), "parse: NULL");
}

static void
test_contrast(void)
{
	struct rgb black = c("#000000"), white = c("#ffffff");

	near(colour_luminance(&black), 0, "luminance of black");
	near(colour_luminance(&white), 1, "luminance of white");
	near(colour_contrast(&black, &white), 21, "black on white");
	near(colour_contrast(&white, &black), 21, "symmetric");
	near(colour_contrast(&white, &white), 1, "same colour");
	near(colour_contrast(&(struct rgb){ 0x76, 0x76, 0x76 }, &white),
	    4.542, "#767676 on white");
	near(colour_contrast(&(struct rgb){ 0x77, 0x77, 0x77 }, &white),
	    4.478, "#777777 on white");
	ok(colour_contrast(&(struct rgb){ 0x76, 0x76, 0x76 }, &white) >=
	    COLOUR_MIN_CONTRAST, "#767676 passes AA");
	ok(colour_contrast(&(struct rgb){ 0x77, 0x77, 0x77 }, &white) <
	    COLOUR_MIN_CONTRAST, "#777777 fails AA");
	near(colour_contrast(&(struct rgb){ 0x00, 0x55, 0x8c }, &white),
	    7.841, "#00558c with white");
	near(colour_contrast(&(struct rgb){ 0xff, 0x00, 0x00 }, &white),
	    3.998, "#ff0000 with white");
	near(colour_contrast(&(struct rgb){ 0x1a, 0x1a, 0x1a }, &white),
	    17.404, "#1a1a1a on white");
	/* A channel below the linear threshold (0.04045 * 255 = 10.3). */
	near(colour_luminance(&(struct rgb){ 10, 10, 10 }),
	    10 / 255.0 / 12.92, "linear segment");
}

static struct theme
theme(const char *p, const char *a, const char *t, const char *bg)
{
	struct theme th;

	th.primary = c(p);
	th.accent = c(a);
	th.text = c(t);
	th.background = c(bg);
	return th;
}

static void
test_check(void)
{
	struct theme t;
	double ratio = -1;

	t = theme("#00558c", "#e35205", "#1a1a1a", "#ffffff");
	is_str(colour_theme_check(&t, &ratio), NULL, "check: the defaults");
	near(ratio, 0, "check: no ratio when fine");
	t = theme("#00558c", "#e35205", "#777777", "#ffffff");
	is_str(colour_theme_check(&t, &ratio), "text",
	    "check: grey text on white refused");
	near(ratio, 4.478, "check: with its ratio");
	t = theme("#ff0000", "#e35205", "#1a1a1a", "#ffffff");
	is_str(colour_theme_check(&t, &ratio), "primary",
	    "check: white on bright red refused");
	near(ratio, 3.998, "check: with its ratio");
	t = theme("#00558c", "#e35205", "#ffffff", "#1a1a1a");
	is_str(colour_theme_check(&t, NULL), "background",
	    "check: a dark background hides the red errors");
	t = theme("#00558c", "#ffff00", "#1a1a1a", "#f4f4f4");
	is_str(colour_theme_check(&t, NULL), NULL,
	    "check: the accent is decoration, not checked");
}

static void
test_css(void)
{
	struct theme t;
	struct buf b;

	buf_init(&b);
	t = theme("#00558C", "#e35205", "#1a1a1a", "#ffffff");
	colour_theme_css(&b, &t);
	has_str(buf_str(&b), "body { background: #ffffff; color: #1a1a1a; }",
	    "css: body");
	has_str(buf_str(&b), "header.site { background: #00558c; }",
	    "css: header in the primary colour, lower case");
	has_str(buf_str(&b), "a { color: #00558c; }",
	    "css: links in the primary colour when readable");
	has_str(buf_str(&b), "border-top-color: #e35205",
	    "css: the accent on borders");
	/* 20 % darker: 0x55 * 0.8 = 68 = 0x44, 0x8c * 0.8 = 112 = 0x70. */
	has_str(buf_str(&b), "button:hover, a.button:hover { background: "
	    "#004470;", "css: hover darker");
	lacks_str(buf_str(&b), "footer.site {",
	    "css: the greys stay on white");
	lacks_str(buf_str(&b), "<", "css: nothing like markup");

	/* A grey background: the primary is faint on it, and so is the
	 * hint grey #505a5f (4.49:1), while the error red still passes. */
	buf_reset(&b);
	t = theme("#1f6f8b", "#e35205", "#111111", "#cecece");
	is_str(colour_theme_check(&t, NULL), NULL, "check: the grey theme");
	colour_theme_css(&b, &t);
	has_str(buf_str(&b), "a { color: #111111; }",
	    "css: links take the text colour when the primary is faint");
	has_str(buf_str(&b), ".note, .hint, .place, .code, .from, "
	    ".outlets thead th { color: #111111; }",
	    "css: a faint grey takes the text colour");
	has_str(buf_str(&b), "a:focus, a.button:focus",
	    "css: the focus style comes last");
	buf_free(&b);
}

int
main(void)
{
	test_parse();
	test_contrast();
	test_check();
	test_css();
	done_testing();
}
