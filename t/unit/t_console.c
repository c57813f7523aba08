/*
 * Tests for the console's pure parts: the dispatcher's role check
 * (console_may) as a table of every role against every flag combination
 * the route table uses, role names, the session's CSRF token check, and
 * the cookie the session travels in (resp_cookie: HttpOnly,
 * SameSite=Strict, Secure unless turned off).
 */
#include <stdbool.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "console.h"
#include "http.h"
#include "tap.h"

/* The route table's role flags, as fcgi/main.c defines them. */
#define ADMIN	ROLE_ADMIN
#define STAFF	(ROLE_ADMIN | ROLE_SUPPORT)
#define OWNERS	(ROLE_ADMIN | ROLE_PROVIDER)
#define ANYONE	ROLE_ANY

static void
test_may(void)
{
	static const struct {
		const char	*name;
		unsigned	 flags;
	} flags[] = {
		{ "ADMIN", ADMIN },
		{ "STAFF", STAFF },
		{ "OWNERS", OWNERS },
		{ "ANYONE", ANYONE },
		{ "public (0)", 0 },
		/* Other flag bits do not change who may. */
		{ "ADMIN|ROUTE_NOBODY", ADMIN | ROUTE_NOBODY },
		{ "OWNERS|ROUTE_XML", OWNERS | ROUTE_XML },
		{ "ROUTE_TOKEN", ROUTE_TOKEN },
	};
	static const struct {
		const char	*name;
		unsigned	 role;
	} roles[] = {
		{ "network_admin", ROLE_ADMIN },
		{ "network_support", ROLE_SUPPORT },
		{ "provider_user", ROLE_PROVIDER },
		{ "no role", 0 },
		{ "admin+support", ROLE_ADMIN | ROLE_SUPPORT },
		{ "all roles", ROLE_ANY },
		{ "a flag bit", ROUTE_XML },
		{ "admin+flag bit", ROLE_ADMIN | ROUTE_TOKEN },
	};
	/* want[flag][role]: 1 = may. */
	static const bool want[8][8] = {
		/*		admin	support	prov	none	a+s	all	flag	a+f */
		/* ADMIN */	{ 1,	0,	0,	0,	0,	0,	0,	0 },
		/* STAFF */	{ 1,	1,	0,	0,	0,	0,	0,	0 },
		/* OWNERS */	{ 1,	0,	1,	0,	0,	0,	0,	0 },
		/* ANYONE */	{ 1,	1,	1,	0,	0,	0,	0,	0 },
		/* 0 */		{ 0,	0,	0,	0,	0,	0,	0,	0 },
		/* A|NOBODY */	{ 1,	0,	0,	0,	0,	0,	0,	0 },
		/* O|XML */	{ 1,	0,	1,	0,	0,	0,	0,	0 },
		/* TOKEN */	{ 0,	0,	0,	0,	0,	0,	0,	0 },
	};
	size_t f, r;

	for (f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
		for (r = 0; r < sizeof(roles) / sizeof(roles[0]); r++)
			is_int(console_may(flags[f].flags, roles[r].role),
			    want[f][r], "%s route, %s: %s", flags[f].name,
			    roles[r].name, want[f][r] ? "may" : "may not");
}

static void
test_role_bit(void)
{
	is_int(console_role_bit("network_admin"), ROLE_ADMIN, "network_admin");
	is_int(console_role_bit("network_support"), ROLE_SUPPORT,
	    "network_support");
	is_int(console_role_bit("provider_user"), ROLE_PROVIDER,
	    "provider_user");
	is_int(console_role_bit(""), 0, "empty name");
	is_int(console_role_bit(NULL), 0, "NULL");
	is_int(console_role_bit("admin"), 0, "admin");
	is_int(console_role_bit("Network_admin"), 0, "other case");
	is_int(console_role_bit("network_admin "), 0, "trailing blank");
	is_int(console_role_bit("network_adm"), 0, "prefix");
	is_int(console_role_bit("network_administrator"), 0, "longer");
	is_int(console_role_bit("public"), 0, "public");
	/* Each name maps back to a role console_may accepts. */
	ok(console_may(ANYONE, console_role_bit("network_support")),
	    "a role bit from a name passes console_may");
}

#define TOKEN \
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void
test_csrf(void)
{
	struct console_user u, other;
	struct request r;
	char t[SESSION_CSRF_LEN + 2];

	memset(&r, 0, sizeof(r));
	memset(&u, 0, sizeof(u));
	u.id = 7;
	u.role = ROLE_ADMIN;
	u.csrf = TOKEN;

	ok(!console_csrf_ok(&r, TOKEN), "no user: refused");
	ok(!console_csrf_ok(&r, NULL), "no user, no token: refused");
	r.user = &u;
	ok(console_csrf_ok(&r, TOKEN), "the session's token");
	ok(!console_csrf_ok(&r, NULL), "NULL token");
	ok(!console_csrf_ok(&r, ""), "empty token");
	memcpy(t, TOKEN, sizeof(TOKEN));
	t[SESSION_CSRF_LEN - 1] = 'e';
	ok(!console_csrf_ok(&r, t), "last character changed");
	memcpy(t, TOKEN, sizeof(TOKEN));
	t[0] = '1';
	ok(!console_csrf_ok(&r, t), "first character changed");
	memcpy(t, TOKEN, sizeof(TOKEN));
	t[0] = 'A';
	ok(!console_csrf_ok(&r, t), "upper case is another token");
	t[SESSION_CSRF_LEN - 1] = '\0';
	memcpy(t, TOKEN, SESSION_CSRF_LEN - 1);
	ok(!console_csrf_ok(&r, t), "one character short (a prefix)");
	memcpy(t, TOKEN, SESSION_CSRF_LEN);
	t[SESSION_CSRF_LEN] = '0';
	t[SESSION_CSRF_LEN + 1] = '\0';
	ok(!console_csrf_ok(&r, t), "one character long");
	ok(!console_csrf_ok(&r, "0123456789abcdef"), "a short prefix");

	/* Another session's token is not this one's. */
	other = u;
	other.csrf =
	    "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
	r.user = &other;
	ok(!console_csrf_ok(&r, TOKEN), "another session's token");
	ok(console_csrf_ok(&r, other.csrf), "... its own passes");

	r.user = NULL;
	is_int(console_provider(&r), 0, "no user: no provider");
	u.provider_id = 3;
	r.user = &u;
	is_int(console_provider(&r), 3, "a provider user's provider");
}

static void
test_cookie(void)
{
	struct conf c;
	struct arena a;
	struct request r;
	const char *h;

	conf_defaults(&c);
	arena_init(&a);
	memset(&r, 0, sizeof(r));
	r.a = &a;
	r.conf = &c;
	buf_init(&r.resp.headers);

	ok(c.secure_cookies, "secure_cookies is on by default");
	is_int(resp_cookie(&r, SESSION_COOKIE, "abc-_123", 0), TJG_OK,
	    "session cookie");
	h = buf_str(&r.resp.headers);
	is_str(h, "Set-Cookie: tjg_session=abc-_123; Path=/; HttpOnly; "
	    "SameSite=Strict; Secure\r\n", "HttpOnly, SameSite=Strict, "
	    "Secure, no Max-Age (ends with the browser)");

	buf_reset(&r.resp.headers);
	is_int(resp_cookie(&r, SESSION_COOKIE, "-", -1), TJG_OK, "deletion");
	is_str(buf_str(&r.resp.headers), "Set-Cookie: tjg_session=-; Path=/; "
	    "Max-Age=0; HttpOnly; SameSite=Strict; Secure\r\n",
	    "a deleted cookie is expired at once");

	buf_reset(&r.resp.headers);
	is_int(resp_cookie(&r, "tjg_flash", "saved", 60), TJG_OK, "Max-Age");
	has_str(buf_str(&r.resp.headers), "tjg_flash=saved; Path=/; Max-Age=60; "
	    "HttpOnly; SameSite=Strict; Secure\r\n",
	    "Max-Age in seconds");

	c.secure_cookies = 0;
	buf_reset(&r.resp.headers);
	is_int(resp_cookie(&r, SESSION_COOKIE, "abc", 0), TJG_OK,
	    "secure_cookies = false");
	is_str(buf_str(&r.resp.headers), "Set-Cookie: tjg_session=abc; "
	    "Path=/; HttpOnly; SameSite=Strict\r\n",
	    "no Secure when turned off, HttpOnly and SameSite stay");

	/* Nothing can be smuggled into the header. */
	buf_reset(&r.resp.headers);
	is_int(resp_cookie(&r, SESSION_COOKIE, "a;Domain=evil", 0), TJG_EINVAL,
	    "';' in a value refused");
	is_int(resp_cookie(&r, SESSION_COOKIE, "a\r\nSet-Cookie: x=1", 0),
	    TJG_EINVAL, "CR LF in a value refused");
	is_int(resp_cookie(&r, SESSION_COOKIE, "a b", 0), TJG_EINVAL,
	    "blank in a value refused");
	is_int(resp_cookie(&r, SESSION_COOKIE, "", 0), TJG_EINVAL,
	    "empty value refused");
	is_int(resp_cookie(&r, "a=b", "c", 0), TJG_EINVAL,
	    "'=' in a name refused");
	is_int(r.resp.headers.len, 0, "nothing was added");

	buf_free(&r.resp.headers);
	arena_free(&a);
	conf_free(&c);
}

int
main(void)
{
	test_may();
	test_role_bit();
	test_csrf();
	test_cookie();
	return done_testing();
}
