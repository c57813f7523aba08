/*
 * The console: the network itself (settings, colours, logo, the search
 * snippet for the network's own web site), its users, and its audit log.
 * Every route here is ADMIN only (main.c); everything read or written is
 * limited to r->network_id, and another network's user is "not found".
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "colour.h"
#include "conf.h"
#include "console.h"
#include "db.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "passwd.h"
#include "store_admin_network.h"
#include "store_console.h"
#include "tmpl.h"

#define LOGO_MAX	(200 * 1024)	/* bytes */
#define AUDIT_PER_PAGE	100		/* entries a page */

/* Collects tmpl_set results: the first failure sticks. */
/* A parameter's text, "" when absent. */
static const char *
param(const struct request *r, int i)
{
	return r->p[i].set ? r->p[i].s : "";
}

/* A path argument that must be a row id; anything else is not found. */
static int
path_id(const char *s, long long *id)
{
	char *end;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 18)
		return TJG_ENOTFOUND;
	*id = strtoll(s, &end, 10);
	return *end == '\0' ? TJG_OK : TJG_ENOTFOUND;
}

/* Characters (not bytes) of valid UTF-8. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Text from a <textarea>: CRLF as LF, as the pages show it. */
static const char *
lf(struct request *r, const char *s)
{
	char *out = arena_alloc(r->a, strlen(s) + 1), *o = out;

	for (; *s != '\0'; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*o++ = *s == '\r' ? '\n' : *s;
	*o = '\0';
	return out;
}

/* "YYYY-MM-DD HH:MM:SS" in UTC from the database, in Swedish time. */
static const char *
local_time(struct request *r, const char *utc)
{
	struct tm tm;
	time_t t;
	char *out;

	memset(&tm, 0, sizeof(tm));
	if (utc == NULL || strptime(utc, "%Y-%m-%d %H:%M:%S", &tm) == NULL)
		return utc;
	t = timegm(&tm);
	if (localtime_r(&t, &tm) == NULL)
		return utc;
	out = arena_alloc(r->a, 20);
	strftime(out, 20, "%Y-%m-%d %H:%M", &tm);
	return out;
}

/* A plausible e-mail address: one '@', a dot after it, no blanks. */
static bool
email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && at[1] != '.' &&
	    s[strlen(s) - 1] != '.' && strcspn(s, " \t<>\"'") == strlen(s) &&
	    strlen(s) <= 254;
}

/* An absolute http(s) URL without blanks or quotes. */
static bool
url_ok(const char *s)
{
	size_t skip = strncmp(s, "https://", 8) == 0 ? 8 :
	    strncmp(s, "http://", 7) == 0 ? 7 : 0;

	return skip > 0 && s[skip] != '\0' && s[skip] != '/' &&
	    strcspn(s, " \t<>\"'`\\") == strlen(s) && chars(s) <= 500;
}

/* "https://host[:port]": an origin, as browsers send it. */
static bool
origin_ok(const char *s)
{
	size_t skip = strncmp(s, "https://", 8) == 0 ? 8 :
	    strncmp(s, "http://", 7) == 0 ? 7 : 0;
	const char *h = s + skip;

	return skip > 0 && *h != '\0' && strspn(h,
	    "abcdefghijklmnopqrstuvwxyz0123456789.-:[]") == strlen(h);
}

/* A whole number in [min, max] written in digits only. */
static bool
number_ok(const char *s, long min, long max)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9' || strlen(s) > 6)
		return false;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= min && v <= max;
}

/*
 * A contrast ratio as the reader writes it: "3,2:1" or "3.2:1", rounded
 * down, so a ratio just short of 4.5 never reads 4.5.
 */
static const char *
ratio_text(struct request *r, double x)
{
	char *s = arena_printf(r->a, "%.1f:1", (double)(long)(x * 10) / 10);
	char *dot;

	if (strcmp(r->lang, "sv") == 0 && (dot = strchr(s, '.')) != NULL)
		*dot = ',';
	return s;
}

/* ---------------------------------------------------------------- */
/* The network's settings.                                           */

/* Each setting: its parameter, its form name (= column) and member. */
static const struct {
	int		 param;
	const char	*name;
	size_t		 off;
	size_t		 max;	/* characters */
	bool		 text;	/* multi-line */
} fields[] = {
#define F(p, n, max, text) \
	{ p, #n, offsetof(struct network_settings, n), max, text }
	F(NETWORK_NAME, name, 200, false),
	F(NETWORK_LEGAL_NAME, legal_name, 200, false),
	F(NETWORK_ORG_NUMBER, org_number, 11, false),
	F(NETWORK_POSTAL, postal_address, 500, true),
	F(NETWORK_EMAIL, contact_email, 254, false),
	F(NETWORK_PHONE, contact_phone, 32, false),
	F(NETWORK_URL, contact_url, 500, false),
	F(NETWORK_PRIVACY_EMAIL, privacy_email, 254, false),
	F(NETWORK_SITE_URL, site_url, 500, false),
	F(NETWORK_PRIMARY, colour_primary, 7, false),
	F(NETWORK_ACCENT, colour_accent, 7, false),
	F(NETWORK_TEXT, colour_text, 7, false),
	F(NETWORK_BACKGROUND, colour_background, 7, false),
	F(NETWORK_TITLE_SV, landing_title_sv, 200, false),
	F(NETWORK_TITLE_EN, landing_title_en, 200, false),
	F(NETWORK_LTEXT_SV, landing_text_sv, 4000, true),
	F(NETWORK_LTEXT_EN, landing_text_en, 4000, true),
	F(NETWORK_FOOTER_SV, footer_text_sv, 2000, true),
	F(NETWORK_FOOTER_EN, footer_text_en, 2000, true),
	F(NETWORK_EMBED, embed_origins, 1000, false),
	F(NETWORK_RETENTION, retention_days, 4, false),
	F(NETWORK_ALERT_EMAIL, alert_email, 254, false),
	F(NETWORK_UNFETCHED, alert_unfetched_hours, 4, false),
	F(NETWORK_UNACKED, alert_unacked_hours, 4, false),
#undef F
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

static const char **
field(struct network_settings *s, size_t i)
{
	return (const char **)((char *)s + fields[i].off);
}

/* The contrast the current colours give, for the form's hints. */
static void
put_contrast(struct request *r, int *rc, const struct network_settings *s)
{
	static const struct rgb white = { 0xff, 0xff, 0xff };
	struct theme t;

	if (!colour_parse(s->colour_primary, &t.primary) ||
	    !colour_parse(s->colour_text, &t.text) ||
	    !colour_parse(s->colour_background, &t.background))
		return;
	hput(r, rc, "Contrast.text", ratio_text(r, colour_contrast(&t.text,
	    &t.background)));
	hput(r, rc, "Contrast.primary", ratio_text(r, colour_contrast(&white,
	    &t.primary)));
}

/*
 * Renders the settings page: the form with s (as stored, or as typed),
 * the logo of stored (what the database holds) and the search snippet.
 */
static int
network_page(struct request *r, struct network_settings *s,
    const struct network_settings *stored)
{
	int rc = TJG_OK;
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		hputf(r, &rc, *field(s, i), "Form.%s", fields[i].name);
	put_contrast(r, &rc, stored);
	if (stored->logo_len > 0) {
		hput(r, &rc, "Logo.type", stored->logo_type);
		hput(r, &rc, "Logo.kb", hnum(r,
		    (stored->logo_len + 1023) / 1024));
		hput(r, &rc, "Logo.version", stored->version);
	}
	hput(r, &rc, "Logo.max_kb", hnum(r, LOGO_MAX / 1024));
	/* The snippet posts to this very host, over HTTPS. */
	hput(r, &rc, "Embed.action", arena_printf(r->a, "https://%s%s/sok",
	    r->host, strcmp(r->lang, "en") == 0 ? "/en" : ""));
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/network.cs", "network");
}

int
h_admin_network(struct request *r)
{
	struct network_settings s;
	int rc;

	if ((rc = store_network_settings(r->db, r->a, r->network_id, &s)) !=
	    TJG_OK)
		return rc;
	return network_page(r, &s, &s);
}

/* Each origin checked, lower-cased, and joined by one space. */
static bool
origins(struct request *r, const char *in, const char **out)
{
	char *copy = arena_strndup(r->a, in, strlen(in)), *tok, *save, *p;
	struct buf b;
	bool ok = true;

	buf_init(&b);
	for (tok = strtok_r(copy, " ,\t", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,\t", &save)) {
		for (p = tok; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		if (tok[strlen(tok) - 1] == '/')
			tok[strlen(tok) - 1] = '\0';
		if (!origin_ok(tok))
			ok = false;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, tok);
	}
	*out = arena_strndup(r->a, buf_str(&b), b.len);
	buf_free(&b);
	return ok;
}

/* Checks the colours together: each "#rrggbb", and readable together. */
static int
check_colours(struct request *r, struct network_settings *s, bool *bad)
{
	static const struct {
		const char	*rule, *field, *key;
	} where[] = {
		{ "text", "colour_text", "admin.network.err_contrast_text" },
		{ "primary", "colour_primary",
		    "admin.network.err_contrast_primary" },
		{ "background", "colour_background",
		    "admin.network.err_contrast_background" },
	};
	const char **c[4] = { &s->colour_primary, &s->colour_accent,
	    &s->colour_text, &s->colour_background };
	const char *names[4] = { "colour_primary", "colour_accent",
	    "colour_text", "colour_background" };
	struct rgb v[4];
	struct theme t;
	char hex[8];
	const char *rule;
	double ratio;
	bool parsed = true;
	size_t i;
	int rc;

	for (i = 0; i < 4; i++) {
		if (!colour_parse(*c[i], &v[i])) {
			if ((rc = admin_error(r, names[i],
			    "admin.network.err_colour")) != TJG_OK)
				return rc;
			parsed = false;
			*bad = true;
			continue;
		}
		colour_format(&v[i], hex);
		*c[i] = arena_strndup(r->a, hex, 7);
	}
	if (!parsed)
		return TJG_OK;
	t.primary = v[0];
	t.accent = v[1];
	t.text = v[2];
	t.background = v[3];
	if ((rule = colour_theme_check(&t, &ratio)) == NULL)
		return TJG_OK;
	*bad = true;
	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++)
		if (strcmp(rule, where[i].rule) == 0)
			return tmpl_setf(r->tmpl, arena_printf(r->a, "%s %s.",
			    tmpl_text(r->tmpl, r->lang, where[i].key),
			    ratio_text(r, ratio)), "Form.errors.%s",
			    where[i].field);
	return TJG_EINTERNAL;
}

/* Checks and normalises the typed settings; errors go to Form.errors. */
static int
check_settings(struct request *r, struct network_settings *s, bool *bad)
{
	const char *e = NULL, *v;
	char org[12];
	size_t i;
	int rc;

	/* "5560001234" is the same number as "556000-1234". */
	if (strlen(s->org_number) == 10 &&
	    strspn(s->org_number, "0123456789") == 10) {
		snprintf(org, sizeof(org), "%.6s-%.4s", s->org_number,
		    s->org_number + 6);
		s->org_number = arena_strndup(r->a, org, 11);
	}
	for (i = 0; i < NFIELDS; i++) {
		v = *field(s, i);
		e = chars(v) > fields[i].max ? "admin.network.err_long" : NULL;
		switch (e == NULL ? fields[i].param : -1) {
		case NETWORK_NAME:
			if (*v == '\0')
				e = "admin.network.err_name";
			break;
		case NETWORK_ORG_NUMBER:
			if (*v != '\0' && (strlen(v) != 11 || v[6] != '-' ||
			    strspn(v, "0123456789") != 6 ||
			    strspn(v + 7, "0123456789") != 4))
				e = "admin.network.err_org";
			break;
		case NETWORK_EMAIL:
		case NETWORK_PRIVACY_EMAIL:
		case NETWORK_ALERT_EMAIL:
			if (*v != '\0' && !email_ok(v))
				e = "admin.network.err_email";
			break;
		case NETWORK_PHONE:
			if (strspn(v, "0123456789 +-()") != strlen(v))
				e = "admin.network.err_phone";
			break;
		case NETWORK_URL:
		case NETWORK_SITE_URL:
			if (*v != '\0' && !url_ok(v))
				e = "admin.network.err_url";
			break;
		case NETWORK_EMBED:
			if (!origins(r, v, field(s, i)))
				e = "admin.network.err_origins";
			break;
		case NETWORK_RETENTION:
			if (*v != '\0' && !number_ok(v, 1, 3650))
				e = "admin.network.err_retention";
			break;
		case NETWORK_UNFETCHED:
		case NETWORK_UNACKED:
			if (*v != '\0' && !number_ok(v, 1, 8760))
				e = "admin.network.err_hours";
			break;
		default:
			break;
		}
		if (e == NULL)
			continue;
		*bad = true;
		if ((rc = admin_error(r, fields[i].name, e)) != TJG_OK)
			return rc;
	}
	return check_colours(r, s, bad);
}

int
h_admin_network_save(struct request *r)
{
	struct network_settings s, old;
	struct buf changed;
	bool bad = false;
	size_t i;
	int rc;

	if ((rc = store_network_settings(r->db, r->a, r->network_id, &old)) !=
	    TJG_OK)
		return rc;
	s = old;
	for (i = 0; i < NFIELDS; i++)
		*field(&s, i) = fields[i].text ?
		    lf(r, param(r, fields[i].param)) :
		    param(r, fields[i].param);
	if ((rc = check_settings(r, &s, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return network_page(r, &s, &old);
	}
	/* The audit names the fields that changed, never their values. */
	buf_init(&changed);
	for (i = 0; i < NFIELDS; i++)
		if (strcmp(*field(&s, i), *field(&old, i)) != 0) {
			if (changed.len > 0)
				buf_addc(&changed, ',');
			buf_adds(&changed, fields[i].name);
		}
	if (changed.len == 0) {
		buf_free(&changed);
		return admin_redirect(r, "unchanged", "/admin/network");
	}
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	if ((rc = store_network_settings_save(r->db, r->network_id, &s)) !=
	    TJG_OK ||
	    (rc = console_audit(r, "network.save", "network", r->network_slug,
	    buf_str(&changed))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	rc = admin_redirect(r, "network_saved", "/admin/network");
out:
	buf_free(&changed);
	return rc;
}

/*
 * The type of an image by its first bytes, never by its name or the
 * type the browser claims. SVG is refused: it can carry script.
 */
static const char *
image_type(const char *p, size_t n)
{
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return "image/webp";
	return NULL;
}

int
h_admin_network_logo(struct request *r)
{
	struct network_settings s;
	const struct part *file = NULL;
	const char *type = NULL, *why = NULL, *detail = NULL;
	size_t i;
	int rc;

	for (i = 0; i < r->parts.n; i++)
		if (strcmp(r->parts.v[i].name, "logo") == 0 &&
		    r->parts.v[i].filename != NULL)
			file = &r->parts.v[i];
	if (r->p[LOGO_REMOVE].set) {
		file = NULL;
		detail = "removed";
	} else if (file == NULL || file->len == 0)
		why = "admin.network.err_logo_none";
	else if (file->len > LOGO_MAX)
		why = "admin.network.err_logo_big";
	else if ((type = image_type(file->data, file->len)) == NULL)
		why = "admin.network.err_logo_type";
	if (why != NULL) {
		if ((rc = store_network_settings(r->db, r->a, r->network_id,
		    &s)) != TJG_OK ||
		    (rc = admin_error(r, "logo", why)) != TJG_OK)
			return rc;
		r->resp.status = 422;
		return network_page(r, &s, &s);
	}
	if (file != NULL)
		detail = arena_printf(r->a, "type=%s bytes=%zu", type,
		    file->len);
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_network_logo_set(r->db, r->network_id,
	    file != NULL ? file->data : NULL, file != NULL ? file->len : 0,
	    type)) != TJG_OK ||
	    (rc = console_audit(r, "network.logo", "network", r->network_slug,
	    detail)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return admin_redirect(r, file != NULL ? "logo_saved" : "logo_removed",
	    "/admin/network");
}

/* ---------------------------------------------------------------- */
/* Users.                                                            */

static const char *const roles[] = {
	"network_admin", "network_support", "provider_user"
};

static bool
role_ok(const char *role)
{
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(role, roles[i]) == 0)
			return true;
	return false;
}

/* Letters, digits and . _ @ -: safe in a URL, a log and a mail. */
static bool
username_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 3 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-") == n;
}

/* Providers.N.{id, name} for the select; *n of them. */
static int
put_providers(struct request *r, struct provider_choice **list, size_t *n)
{
	size_t i;
	int rc;

	if ((rc = store_network_providers(r->db, r->a, r->network_id, list,
	    n)) != TJG_OK)
		return rc;
	for (i = 0; i < *n && rc == TJG_OK; i++) {
		hputf(r, &rc, hnum(r, (*list)[i].id), "Providers.%zu.id", i);
		hputf(r, &rc, (*list)[i].name, "Providers.%zu.name", i);
	}
	return rc;
}

/*
 * Checks a role and a provider typed in a form: a provider user needs a
 * provider of this network, staff has none (a provider chosen anyway is
 * dropped). *provider is the id to store.
 */
static int
check_role(struct request *r, const char *role, const char *provider,
    const struct provider_choice *list, size_t n, long long *id, bool *bad)
{
	size_t i;

	*id = 0;
	if (!role_ok(role)) {
		*bad = true;
		return admin_error(r, "role", "admin.users.err_role");
	}
	if (strcmp(role, "provider_user") != 0)
		return TJG_OK;
	for (i = 0; i < n; i++)
		if (strcmp(provider, hnum(r, list[i].id)) == 0) {
			*id = list[i].id;
			return TJG_OK;
		}
	*bad = true;
	return admin_error(r, "provider", "admin.users.err_provider");
}

int
h_admin_users(struct request *r)
{
	struct admin_user *u;
	size_t i, n;
	int rc;

	if ((rc = store_admin_users(r->db, r->a, r->network_id, &u, &n)) !=
	    TJG_OK)
		return rc;
	for (i = 0; i < n && rc == TJG_OK; i++) {
		hputf(r, &rc, hnum(r, u[i].id), "Users.%zu.id", i);
		hputf(r, &rc, u[i].username, "Users.%zu.name", i);
		hputf(r, &rc, u[i].role, "Users.%zu.role", i);
		hputf(r, &rc, u[i].provider_name, "Users.%zu.provider", i);
		hputf(r, &rc, u[i].disabled ? "1" : "0", "Users.%zu.disabled",
		    i);
		hputf(r, &rc, local_time(r, u[i].last_login),
		    "Users.%zu.last_login", i);
	}
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/users.cs", "users");
}

static int
user_new_page(struct request *r, const char *name, const char *role,
    const char *provider)
{
	struct provider_choice *list;
	size_t n;
	int rc;

	if ((rc = put_providers(r, &list, &n)) != TJG_OK)
		return rc;
	hput(r, &rc, "Form.username", name);
	hput(r, &rc, "Form.role", role);
	hput(r, &rc, "Form.provider", provider);
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/user_new.cs", "users");
}

int
h_admin_user_new(struct request *r)
{
	return user_new_page(r, "", "network_support", "");
}

/*
 * The one page that shows a password: the new user's or the reset one,
 * once, in this response only (no-store, as every console page).
 */
static int
password_page(struct request *r, const struct admin_user *u,
    const char *password, bool created)
{
	int rc = TJG_OK;

	hput(r, &rc, "Shown.id", hnum(r, u->id));
	hput(r, &rc, "Shown.username", u->username);
	hput(r, &rc, "Shown.role", u->role);
	hput(r, &rc, "Shown.password", password);
	hput(r, &rc, "Shown.created", created ? "1" : "0");
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/user_password.cs", "users");
}

/* A new random password and its hash; the caller cleanses pw. */
static int
new_password(struct request *r, char pw[17], char hash[PASSWD_HASH_MAX])
{
	int rc;

	if ((rc = passwd_random(pw)) != TJG_OK)
		return rc;
	return passwd_hash(pw, r->conf->scrypt_ln, hash);
}

int
h_admin_user_create(struct request *r)
{
	const char *name = param(r, USER_NEW_NAME);
	const char *role = param(r, USER_NEW_ROLE);
	const char *provider = param(r, USER_NEW_PROVIDER);
	struct provider_choice *list;
	struct admin_user u;
	char pw[17], hash[PASSWD_HASH_MAX];
	long long pid, id;
	bool bad = false;
	size_t n;
	int rc;

	if ((rc = store_network_providers(r->db, r->a, r->network_id, &list,
	    &n)) != TJG_OK)
		return rc;
	if (!username_ok(name)) {
		bad = true;
		if ((rc = admin_error(r, "username",
		    "admin.users.err_username")) != TJG_OK)
			return rc;
	}
	if ((rc = check_role(r, role, provider, list, n, &pid, &bad)) !=
	    TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return user_new_page(r, name, role, provider);
	}
	if ((rc = new_password(r, pw, hash)) != TJG_OK)
		goto out;
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	rc = store_admin_user_add(r->db, r->network_id, name, hash, role, pid,
	    &id);
	if (rc == TJG_ECONFLICT) {
		db_rollback(r->db);
		if ((rc = admin_error(r, "username",
		    "admin.users.err_taken")) != TJG_OK)
			goto out;
		r->resp.status = 422;
		rc = user_new_page(r, name, role, provider);
		goto out;
	}
	if (rc != TJG_OK ||
	    (rc = console_audit(r, "user.create", "user", name,
	    pid != 0 ? arena_printf(r->a, "role=%s provider=%lld", role, pid) :
	    arena_printf(r->a, "role=%s", role))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	memset(&u, 0, sizeof(u));
	u.id = id;
	u.username = name;
	u.role = role;
	rc = password_page(r, &u, pw, true);
out:
	OPENSSL_cleanse(pw, sizeof(pw));
	return rc;
}

/* The user page: u as stored; role, provider, disabled as shown. */
static int
user_page(struct request *r, const struct admin_user *u, const char *role,
    const char *provider, bool disabled)
{
	struct provider_choice *list;
	size_t n;
	int rc;

	if ((rc = put_providers(r, &list, &n)) != TJG_OK)
		return rc;
	hput(r, &rc, "Edit.id", hnum(r, u->id));
	hput(r, &rc, "Edit.username", u->username);
	hput(r, &rc, "Edit.stored_role", u->role);
	hput(r, &rc, "Edit.provider_name", u->provider_name);
	hput(r, &rc, "Edit.stored_disabled", u->disabled ? "1" : "0");
	hput(r, &rc, "Edit.created", local_time(r, u->created));
	hput(r, &rc, "Edit.last_login", local_time(r, u->last_login));
	hput(r, &rc, "Edit.self", u->id == r->user->id ? "1" : "0");
	hput(r, &rc, "Form.role", role);
	hput(r, &rc, "Form.provider", provider);
	hput(r, &rc, "Form.disabled", disabled ? "1" : "0");
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/user.cs", "users");
}

int
h_admin_user(struct request *r)
{
	struct admin_user u;
	long long id;
	int rc;

	if ((rc = path_id(r->args[0], &id)) != TJG_OK ||
	    (rc = store_admin_user(r->db, r->a, r->network_id, id, &u)) !=
	    TJG_OK)
		return rc;
	return user_page(r, &u, u.role, u.provider_id != 0 ?
	    hnum(r, u.provider_id) : "", u.disabled);
}

int
h_admin_user_save(struct request *r)
{
	const char *role = param(r, USER_ROLE);
	const char *provider = param(r, USER_PROVIDER);
	bool disabled = r->p[USER_DISABLED].set, bad = false;
	bool was_admin, stays_admin;
	struct provider_choice *list;
	struct admin_user u;
	long long id, pid, admins;
	const char *e = NULL;
	size_t n;
	int rc;

	if ((rc = path_id(r->args[0], &id)) != TJG_OK ||
	    (rc = store_admin_user(r->db, r->a, r->network_id, id, &u)) !=
	    TJG_OK ||
	    (rc = store_network_providers(r->db, r->a, r->network_id, &list,
	    &n)) != TJG_OK)
		return rc;
	if ((rc = check_role(r, role, provider, list, n, &pid, &bad)) !=
	    TJG_OK)
		return rc;
	was_admin = strcmp(u.role, "network_admin") == 0 && !u.disabled;
	stays_admin = strcmp(role, "network_admin") == 0 && !disabled;
	if (!bad && u.id == r->user->id && !stays_admin)
		e = disabled ? "admin.users.err_self_disable" :
		    "admin.users.err_self_role";
	if (e != NULL) {
		bad = true;
		if ((rc = admin_error(r, disabled ? "disabled" : "role", e)) !=
		    TJG_OK)
			return rc;
	}
	if (bad) {
		r->resp.status = 422;
		return user_page(r, &u, role, provider, disabled);
	}
	if (strcmp(role, u.role) == 0 && pid == u.provider_id &&
	    disabled == u.disabled)
		return admin_redirect(r, "unchanged", "/admin/users/%lld", id);

	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	/*
	 * The last administrator stays: counted in the transaction with its
	 * rows locked, so two administrators cannot disable each other at
	 * the same moment.
	 */
	if (was_admin && !stays_admin) {
		if ((rc = store_admin_count_admins(r->db, r->network_id,
		    &admins)) != TJG_OK)
			goto fail;
		if (admins <= 1) {
			db_rollback(r->db);
			if ((rc = admin_error(r, "role",
			    "admin.users.err_last_admin")) != TJG_OK)
				return rc;
			r->resp.status = 422;
			return user_page(r, &u, role, provider, disabled);
		}
	}
	if ((rc = store_admin_user_update(r->db, r->network_id, id, role, pid,
	    disabled)) != TJG_OK)
		goto fail;
	if (disabled != u.disabled &&
	    (rc = console_audit(r, disabled ? "user.disable" : "user.enable",
	    "user", u.username, NULL)) != TJG_OK)
		goto fail;
	/* A disabled user is signed out everywhere, at once. */
	if (disabled && !u.disabled &&
	    (rc = store_session_delete_user(r->db, id)) != TJG_OK)
		goto fail;
	if ((strcmp(role, u.role) != 0 || pid != u.provider_id) &&
	    (rc = console_audit(r, "user.role", "user", u.username,
	    pid != 0 ? arena_printf(r->a, "role=%s provider=%lld", role, pid) :
	    arena_printf(r->a, "role=%s", role))) != TJG_OK)
		goto fail;
	if ((rc = db_commit(r->db)) != TJG_OK)
		goto fail;
	return admin_redirect(r, "saved", "/admin/users/%lld", id);
fail:
	db_rollback(r->db);
	return rc;
}

int
h_admin_user_password(struct request *r)
{
	char pw[17], hash[PASSWD_HASH_MAX];
	struct admin_user u;
	long long id;
	int rc;

	if ((rc = path_id(r->args[0], &id)) != TJG_OK ||
	    (rc = store_admin_user(r->db, r->a, r->network_id, id, &u)) !=
	    TJG_OK)
		return rc;
	/* One's own password is changed, knowing the old one, on the
	 * account page. */
	if (u.id == r->user->id) {
		if ((rc = admin_error(r, "password",
		    "admin.users.err_self_password")) != TJG_OK)
			return rc;
		r->resp.status = 422;
		return user_page(r, &u, u.role, u.provider_id != 0 ?
		    hnum(r, u.provider_id) : "", u.disabled);
	}
	if ((rc = new_password(r, pw, hash)) != TJG_OK)
		goto out;
	if ((rc = db_begin(r->db)) != TJG_OK)
		goto out;
	if ((rc = store_user_set_hash(r->db, id, hash)) != TJG_OK ||
	    (rc = store_session_delete_user(r->db, id)) != TJG_OK ||
	    (rc = console_audit(r, "user.password", "user", u.username,
	    "reset")) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		goto out;
	}
	rc = password_page(r, &u, pw, false);
out:
	OPENSSL_cleanse(pw, sizeof(pw));
	return rc;
}

/* ---------------------------------------------------------------- */
/* The audit log.                                                    */

/*
 * A day "YYYY-MM-DD" in Swedish time as the UTC time its midnight is
 * (days later, for the end of a range), "YYYY-MM-DD HH:MM:SS"; false for
 * anything but a real date.
 */
static bool
day_utc(struct request *r, const char *day, int later, const char **out)
{
	struct tm tm, back;
	char check[32];
	time_t t;
	char *s;

	memset(&tm, 0, sizeof(tm));
	if (strlen(day) != 10 || strptime(day, "%Y-%m-%d", &tm) == NULL)
		return false;
	/* strptime takes 2025-02-31; its round trip does not. */
	snprintf(check, sizeof(check), "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	back = tm;
	back.tm_isdst = -1;
	if (mktime(&back) == (time_t)-1 || strcmp(check, day) != 0 ||
	    back.tm_mday != tm.tm_mday)
		return false;
	tm.tm_mday += later;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1 || gmtime_r(&t, &tm) == NULL)
		return false;
	s = arena_alloc(r->a, 20);
	strftime(s, 20, "%Y-%m-%d %H:%M:%S", &tm);
	*out = s;
	return true;
}

/* The IPv4 of an IPv4-mapped address: what the reader knows it as. */
static const char *
plain_ip(const char *ip)
{
	if (ip != NULL && strncmp(ip, "::ffff:", 7) == 0 &&
	    strchr(ip + 7, '.') != NULL)
		return ip + 7;
	return ip;
}

/* The list's own address with the filters and page p. */
static const char *
audit_url(struct request *r, long long p)
{
	static const int keep[] = { AUDIT_ACTOR, AUDIT_ACTION, AUDIT_KIND,
	    AUDIT_REF, AUDIT_FROM, AUDIT_TO };
	static const char *const names[] = { "actor", "action", "kind", "ref",
	    "from", "to" };
	struct buf q;
	const char *url;
	size_t i;

	buf_init(&q);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (*param(r, keep[i]) != '\0')
			http_form_add(&q, names[i], param(r, keep[i]));
	if (p > 1)
		http_form_add(&q, "page", hnum(r, p));
	url = arena_printf(r->a, "%s/admin/audit%s%s",
	    strcmp(r->lang, "en") == 0 ? "/en" : "", q.len > 0 ? "?" : "",
	    buf_str(&q));
	buf_free(&q);
	return url;
}

int
h_admin_audit(struct request *r)
{
	struct audit_filter f;
	struct audit_row *e;
	long long page = r->p[AUDIT_PAGE].set ? r->p[AUDIT_PAGE].i : 1;
	long long count = 0, pages;
	bool bad = false;
	size_t i, n = 0;
	int rc = TJG_OK;

	memset(&f, 0, sizeof(f));
#define OPT(k)	(*param(r, (k)) != '\0' ? param(r, (k)) : NULL)
	f.actor = OPT(AUDIT_ACTOR);
	f.action = OPT(AUDIT_ACTION);
	f.kind = OPT(AUDIT_KIND);
	f.ref = OPT(AUDIT_REF);
#undef OPT
	if (*param(r, AUDIT_FROM) != '\0' &&
	    !day_utc(r, param(r, AUDIT_FROM), 0, &f.from)) {
		bad = true;
		rc = admin_error(r, "from", "admin.audit.err_date");
	}
	if (rc == TJG_OK && *param(r, AUDIT_TO) != '\0' &&
	    !day_utc(r, param(r, AUDIT_TO), 1, &f.to)) {
		bad = true;
		rc = admin_error(r, "to", "admin.audit.err_date");
	}
	if (rc != TJG_OK)
		return rc;
	hput(r, &rc, "Form.actor", param(r, AUDIT_ACTOR));
	hput(r, &rc, "Form.action", param(r, AUDIT_ACTION));
	hput(r, &rc, "Form.kind", param(r, AUDIT_KIND));
	hput(r, &rc, "Form.ref", param(r, AUDIT_REF));
	hput(r, &rc, "Form.from", param(r, AUDIT_FROM));
	hput(r, &rc, "Form.to", param(r, AUDIT_TO));
	if (rc != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return admin_render(r, "admin/audit.cs", "audit");
	}
	if ((rc = store_audit_count(r->db, r->network_id, &f, &count)) !=
	    TJG_OK ||
	    (rc = store_audit_list(r->db, r->a, r->network_id, &f,
	    (page - 1) * AUDIT_PER_PAGE, AUDIT_PER_PAGE, &e, &n)) != TJG_OK)
		return rc;
	for (i = 0; i < n && rc == TJG_OK; i++) {
		hputf(r, &rc, local_time(r, e[i].created), "Rows.%zu.when", i);
		hputf(r, &rc, e[i].actor, "Rows.%zu.actor", i);
		hputf(r, &rc, e[i].action, "Rows.%zu.action", i);
		hputf(r, &rc, e[i].kind, "Rows.%zu.kind", i);
		hputf(r, &rc, e[i].ref, "Rows.%zu.ref", i);
		hputf(r, &rc, e[i].detail, "Rows.%zu.detail", i);
		hputf(r, &rc, plain_ip(e[i].ip), "Rows.%zu.ip", i);
	}
	pages = (count + AUDIT_PER_PAGE - 1) / AUDIT_PER_PAGE;
	hput(r, &rc, "Audit.count", hnum(r, count));
	hput(r, &rc, "Audit.shown", hnum(r, (long long)n));
	hput(r, &rc, "Audit.page", hnum(r, page));
	hput(r, &rc, "Audit.pages", hnum(r, pages));
	if (n > 0) {
		hput(r, &rc, "Audit.first", hnum(r,
		    (page - 1) * AUDIT_PER_PAGE + 1));
		hput(r, &rc, "Audit.last", hnum(r,
		    (page - 1) * AUDIT_PER_PAGE + (long long)n));
	}
	if (page > 1)
		hput(r, &rc, "Audit.prev", audit_url(r, page - 1));
	if (page < pages)
		hput(r, &rc, "Audit.next", audit_url(r, page + 1));
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/audit.cs", "audit");
}
