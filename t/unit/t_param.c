/*
 * Tests for lib/http_param.c: binding parsed pairs to typed parameter
 * declarations, every rejection and the *why messages.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "tap.h"

static struct arena A;

enum { P_Q, P_NOTE, P_N, P_PAGE, P_OK, P_CODE, NDECL };

static const struct param decl[NDECL] = {
	[P_Q] =		{ "q", PARAM_STR, 0, 10, PARAM_REQUIRED },
	[P_NOTE] =	{ "note", PARAM_TEXT, 0, 20, 0 },
	[P_N] =		{ "n", PARAM_INT, -10, 10, 0 },
	[P_PAGE] =	{ "page", PARAM_INT, 1, 1000, 0 },
	[P_OK] =	{ "ok", PARAM_FLAG, 0, 0, 0 },
	[P_CODE] =	{ "code", PARAM_STR, 4, 4, 0 },
};

static const struct param wide[] = {
	{ "big", PARAM_INT, LLONG_MIN, LLONG_MAX, 0 },
};

static struct pval out[NDECL];
static const char *why;

/* Parses s as a query string and binds it to decl. */
static int
bindq(const char *s)
{
	struct kvlist in;
	int rc;

	rc = http_parse_urlencoded(&A, s, strlen(s), &in);
	if (rc != TJG_OK) {
		why = "(parse failed)";
		return -1;
	}
	return http_params_bind(&A, decl, NDECL, &in, out, &why);
}

static int
bind_wide(const char *s)
{
	struct kvlist in;

	if (http_parse_urlencoded(&A, s, strlen(s), &in) != TJG_OK)
		return -1;
	return http_params_bind(&A, wide, 1, &in, out, &why);
}

/* Binds one pair built by hand: only value[0..len) counts. */
static int
bind_raw(const char *name, const char *value, size_t len)
{
	struct kv kv = { name, value, len };
	struct kvlist in = { &kv, 1 };

	return http_params_bind(&A, decl, NDECL, &in, out, &why);
}

static void
test_good(void)
{
	is_int(bindq("note=hi+there&q=abc&n=-5&page=7&ok=on&code=ab12"), TJG_OK,
	    "bind: all parameters");
	ok(why == NULL, "bind: no message on success");
	ok(out[P_Q].set, "bind: q set");
	is_str(out[P_Q].s, "abc", "bind: q text");
	is_int(out[P_Q].len, 3, "bind: q len");
	is_str(out[P_NOTE].s, "hi there", "bind: note in declaration order");
	is_int(out[P_N].i, -5, "bind: negative int");
	is_str(out[P_N].s, "-5", "bind: int text kept");
	is_int(out[P_PAGE].i, 7, "bind: int");
	ok(out[P_OK].set, "bind: flag set");
	is_int(out[P_OK].i, 1, "bind: flag i=1");
	is_str(out[P_CODE].s, "ab12", "bind: exact length");

	is_int(bindq("q=x"), TJG_OK, "bind: optional ones absent");
	ok(!out[P_NOTE].set && out[P_NOTE].s == NULL, "bind: note unset");
	ok(!out[P_N].set && out[P_N].i == 0, "bind: n unset");
	ok(!out[P_OK].set && out[P_OK].i == 0, "bind: flag unset");

	is_int(bindq("q=++abc+d++"), TJG_OK, "bind: outer spaces");
	is_str(out[P_Q].s, "abc d", "bind: trimmed, inner space kept");
	is_int(out[P_Q].len, 5, "bind: trimmed length");
	is_int(bindq("q=+++"), TJG_OK, "bind: only spaces");
	is_str(out[P_Q].s, "", "bind: only spaces is empty");
	is_int(bindq("q="), TJG_OK, "bind: empty allowed with min 0");
	ok(out[P_Q].set && out[P_Q].len == 0, "bind: empty but set");
	is_int(bindq("q=0123456789"), TJG_OK, "bind: length at max");
	is_int(bindq("q=++0123456789++"), TJG_OK,
	    "bind: length counted after trimming");
	is_int(bindq("q=%C3%A5%C3%A4%C3%B6%C3%A5%C3%A4"), TJG_OK,
	    "bind: 10 bytes of UTF-8");
	is_int(bindq("q=%09x"), TJG_EINVAL, "bind: tab is not trimmed");

	is_int(bindq("q=x&note=a%0D%0Ab%09c"), TJG_OK,
	    "bind: text allows CR LF TAB");
	is_str(out[P_NOTE].s, "a\r\nb\tc", "bind: text kept");
	is_int(bindq("q=x&note=+%0Aa%0A+"), TJG_OK, "bind: text trimmed");
	is_str(out[P_NOTE].s, "\na\n", "bind: only spaces trimmed");

	is_int(bindq("q=x&ok="), TJG_OK, "bind: flag with empty value");
	is_int(out[P_OK].i, 1, "bind: empty flag is on");
	is_int(bindq("q=x&ok=%01anything"), TJG_OK, "bind: flag any value");

	is_int(bindq("q=x&n=10&page=1"), TJG_OK, "bind: int at both bounds");
	is_int(out[P_N].i, 10, "bind: max");
	is_int(out[P_PAGE].i, 1, "bind: min");
	is_int(bindq("q=x&n=-10"), TJG_OK, "bind: negative bound");
	is_int(bindq("q=x&page=0007"), TJG_OK, "bind: leading zeros");
	is_int(out[P_PAGE].i, 7, "bind: leading zeros value");
	is_int(bindq("q=x&n=-0"), TJG_OK, "bind: minus zero");
	is_int(out[P_N].i, 0, "bind: minus zero is 0");

	is_int(bind_wide("big=9223372036854775807"), TJG_OK, "bind: LLONG_MAX");
	ok(out[0].i == LLONG_MAX, "bind: LLONG_MAX value");
	is_int(bind_wide("big=-9223372036854775808"), TJG_OK,
	    "bind: LLONG_MIN");
	ok(out[0].i == LLONG_MIN, "bind: LLONG_MIN value");

	is_int(http_params_bind(&A, decl + P_NOTE, 1, NULL, out, &why), TJG_OK,
	    "bind: no input, nothing required");
	is_int(http_params_bind(&A, NULL, 0, NULL, NULL, &why), TJG_OK,
	    "bind: no declarations, no input");
	is_int(bind_raw("q", "  abcdef", 5), TJG_OK, "bind: pair by hand");
	is_str(out[P_Q].s, "abc", "bind: value bounded by len");
	is_int(http_params_bind(&A, decl, NDECL, NULL, out, NULL), TJG_EINVAL,
	    "bind: why may be NULL");
}

static void
test_bad(void)
{
	is_int(bindq("q=x&SECRET=1"), TJG_EINVAL, "bind: unknown parameter");
	is_str(why, "unknown parameter", "bind: unknown message");
	is_int(bindq("q=x&Q=1"), TJG_EINVAL, "bind: names are case-sensitive");
	is_int(bindq("q=x&q=y"), TJG_EINVAL, "bind: duplicate");
	is_str(why, "duplicate parameter: q", "bind: duplicate message");
	is_int(bindq("q=x&ok=1&ok=1"), TJG_EINVAL, "bind: duplicate flag");
	is_str(why, "duplicate parameter: ok", "bind: names the flag");
	is_int(http_params_bind(&A, decl, NDECL, NULL, out, &why), TJG_EINVAL,
	    "bind: missing required");
	is_str(why, "missing parameter: q", "bind: missing message");
	is_int(bindq("note=x"), TJG_EINVAL, "bind: required absent");
	is_str(why, "missing parameter: q", "bind: names the missing one");

	is_int(bindq("q=01234567890"), TJG_EINVAL, "bind: one byte too long");
	is_str(why, "q: too long", "bind: too long message");
	is_int(bindq("q=%C3%A5%C3%A4%C3%B6%C3%A5%C3%A4%C3%B6"), TJG_EINVAL,
	    "bind: length in bytes, not characters");
	is_int(bindq("q=x&code=abc"), TJG_EINVAL, "bind: one byte too short");
	is_str(why, "code: too short", "bind: too short message");
	is_int(bindq("q=x&code=+abc+"), TJG_EINVAL,
	    "bind: spaces do not count for the minimum");
	is_int(bindq("q=x&code=abcde"), TJG_EINVAL, "bind: over exact length");
	is_int(bindq("q=x&note=012345678901234567890"), TJG_EINVAL,
	    "bind: text too long");
	is_str(why, "note: too long", "bind: text too long message");

	is_int(bindq("q=a%09b"), TJG_EINVAL, "bind: tab in str");
	is_str(why, "q: control character", "bind: control message");
	is_int(bindq("q=a%0Ab"), TJG_EINVAL, "bind: LF in str");
	is_int(bindq("q=a%0Db"), TJG_EINVAL, "bind: CR in str");
	is_int(bindq("q=a%01b"), TJG_EINVAL, "bind: SOH in str");
	is_int(bindq("q=a%1Fb"), TJG_EINVAL, "bind: 0x1F in str");
	is_int(bindq("q=a%7Fb"), TJG_EINVAL, "bind: DEL in str");
	is_int(bindq("q=x&note=a%1Bb"), TJG_EINVAL, "bind: ESC in text");
	is_str(why, "note: control character", "bind: text control message");
	is_int(bindq("q=x&note=a%7F"), TJG_EINVAL, "bind: DEL in text");
	is_int(bindq("q=x&note=%0C"), TJG_EINVAL, "bind: form feed in text");
	is_int(bindq("q=%C2%85"), TJG_OK, "bind: C1 NEL is not ASCII control");

	is_int(bindq("q=x&n="), TJG_EINVAL, "bind: empty int");
	is_str(why, "n: not a number", "bind: not a number message");
	is_int(bindq("q=x&n=-"), TJG_EINVAL, "bind: lone minus");
	is_int(bindq("q=x&n=%2B5"), TJG_EINVAL, "bind: plus sign");
	is_int(bindq("q=x&n=+5"), TJG_EINVAL, "bind: leading space in int");
	is_int(bindq("q=x&n=5+"), TJG_EINVAL, "bind: trailing space in int");
	is_int(bindq("q=x&n=5a"), TJG_EINVAL, "bind: letters in int");
	is_int(bindq("q=x&n=1.5"), TJG_EINVAL, "bind: decimal point");
	is_int(bindq("q=x&n=0x5"), TJG_EINVAL, "bind: hex");
	is_int(bindq("q=x&n=--5"), TJG_EINVAL, "bind: double minus");
	is_int(bindq("q=x&n=%D9%A3"), TJG_EINVAL, "bind: non-ASCII digit");
	is_int(bindq("q=x&n=11"), TJG_EINVAL, "bind: one above max");
	is_str(why, "n: out of range", "bind: range message");
	is_int(bindq("q=x&n=-11"), TJG_EINVAL, "bind: one below min");
	is_int(bindq("q=x&page=0"), TJG_EINVAL, "bind: zero below min 1");
	is_int(bindq("q=x&n=99999999999999999999999"), TJG_EINVAL,
	    "bind: overflow");
	is_str(why, "n: out of range", "bind: overflow is out of range");
	is_int(bind_wide("big=9223372036854775808"), TJG_EINVAL,
	    "bind: LLONG_MAX + 1");
	is_int(bind_wide("big=-9223372036854775809"), TJG_EINVAL,
	    "bind: LLONG_MIN - 1");
	is_int(bind_wide("big=-99999999999999999999"), TJG_EINVAL,
	    "bind: negative overflow");

	/* The message never carries the value. */
	is_int(bindq("q=SECRETSECRETSECRET"), TJG_EINVAL, "bind: long secret");
	lacks_str(why, "SECRET", "bind: value not in message");
	is_int(bindq("q=x&n=SECRET"), TJG_EINVAL, "bind: bad int");
	lacks_str(why, "SECRET", "bind: int value not in message");
	is_int(bindq("q=x&SECRET=SECRET"), TJG_EINVAL, "bind: unknown name");
	lacks_str(why, "SECRET", "bind: unknown name not in message");

	/* Many repeated keys stop at the first duplicate. */
	{
		char s[1024];
		size_t i, n = 0;

		for (i = 0; i < HTTP_MAX_PARAMS; i++)
			n += (size_t)snprintf(s + n, sizeof(s) - n, "q=%zu&",
			    i);
		is_int(bindq(s), TJG_EINVAL, "bind: 64 repeated keys");
		is_str(why, "duplicate parameter: q", "bind: first duplicate");
	}
}

int
main(void)
{
	arena_init(&A);
	test_good();
	test_bad();
	arena_free(&A);
	return done_testing();
}
