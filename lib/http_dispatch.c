/*
 * The dispatcher: everything between a filled-in request and its
 * response that is the same for every route, in one place, so handlers
 * see a known network, typed and validated parameters only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api.h"
#include "conf.h"
#include "console.h"
#include "crypto.h"
#include "err.h"
#include "http.h"
#include "log.h"
#include "store.h"
#include "tmpl.h"

/*
 * Networks change rarely; each worker remembers the ones it has served
 * for a minute, with what every public page shows of them (contact,
 * texts, whether there is a logo), so a page that needs no other query
 * makes none. A change in the console shows within NETCACHE_TTL.
 */
#define NETCACHE_MAX	16
#define NETCACHE_TTL	60

struct netcache {
	struct network	 n;	/* every string malloc'd, or NULL if free */
	time_t		 at;
};
static struct netcache netcache[NETCACHE_MAX];

static char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s != NULL ? s : "")) == NULL)
		abort();
	return p;
}

/*
 * The strings of a network: the addresses of its members, so one list
 * serves freeing and copying alike.
 */
#define NET_NSTRINGS	12

static void
net_strings(struct network *n, const char **v[NET_NSTRINGS])
{
	v[0] = &n->slug;
	v[1] = &n->name;
	v[2] = &n->version;
	v[3] = &n->contact_email;
	v[4] = &n->contact_phone;
	v[5] = &n->contact_url;
	v[6] = &n->footer_sv;
	v[7] = &n->footer_en;
	v[8] = &n->landing_title_sv;
	v[9] = &n->landing_title_en;
	v[10] = &n->landing_text_sv;
	v[11] = &n->landing_text_en;
}

/* Replaces the cache slot's network by a malloc'd copy of n. */
static void
net_keep(struct netcache *c, const struct network *n, time_t now)
{
	const char **v[NET_NSTRINGS];
	size_t i;

	net_strings(&c->n, v);
	for (i = 0; i < NET_NSTRINGS; i++)
		free((char *)*v[i]);
	c->n = *n;
	for (i = 0; i < NET_NSTRINGS; i++)
		*v[i] = xstrdup(*v[i]);
	c->at = now;
}

/* Net.*: the network for the templates, texts in the request's language. */
static int
net_hdf(struct request *r, const struct network *n)
{
	bool en = strcmp(r->lang, "en") == 0;
	int rc;

	if ((rc = tmpl_set(r->tmpl, "Net.version", n->version)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Net.logo", n->has_logo ? "1" : "")) !=
	    TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Net.contact.email", n->contact_email)) !=
	    TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Net.contact.phone", n->contact_phone)) !=
	    TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Net.contact.url", n->contact_url)) !=
	    TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Net.footer", en ? n->footer_en :
	    n->footer_sv)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Net.landing.title", en ?
	    n->landing_title_en : n->landing_title_sv)) != TJG_OK)
		return rc;
	return tmpl_set(r->tmpl, "Net.landing.text", en ? n->landing_text_en :
	    n->landing_text_sv);
}

static int
network(struct request *r, const char *slug)
{
	struct network n;
	time_t now = time(NULL);
	size_t i, free_slot = 0;
	int rc;

	for (i = 0; i < NETCACHE_MAX; i++) {
		if (netcache[i].n.slug == NULL ||
		    strcmp(netcache[i].n.slug, slug) != 0)
			continue;
		if (now - netcache[i].at < NETCACHE_TTL) {
			r->network_id = netcache[i].n.id;
			r->network_slug = netcache[i].n.slug;
			r->network_name = netcache[i].n.name;
			r->network_version = netcache[i].n.version;
			return net_hdf(r, &netcache[i].n);
		}
		free_slot = i;
		break;
	}
	if ((rc = store_network_by_slug(r->db, r->a, slug, &n)) != TJG_OK)
		return rc;
	if (i == NETCACHE_MAX)	/* not cached: take a free or the oldest */
		for (i = 0; i < NETCACHE_MAX; i++)
			if (netcache[i].n.slug == NULL ||
			    netcache[i].at < netcache[free_slot].at)
				free_slot = i;
	net_keep(&netcache[free_slot], &n, now);
	r->network_id = n.id;
	r->network_slug = n.slug;
	r->network_name = n.name;
	r->network_version = n.version;
	return net_hdf(r, &n);
}

/* Collects the request's parameters: the query, plus a form body. */
static int
gather(struct request *r, struct kvlist *all)
{
	struct kvlist q = { NULL, 0 }, f = { NULL, 0 };
	const char *ct = r->content_type;
	size_t i, n;
	int rc;

	if ((rc = http_parse_urlencoded(r->a, r->query, strlen(r->query), &q))
	    != TJG_OK)
		return rc;
	if (strcmp(r->method, "POST") == 0 &&
	    !(r->route->flags & ROUTE_NOBODY) && r->body_len > 0) {
		if (strncasecmp(ct, "application/x-www-form-urlencoded", 33)
		    == 0)
			rc = http_parse_urlencoded(r->a, r->body, r->body_len,
			    &f);
		else if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
			rc = http_parse_multipart(r->a, ct, r->body,
			    r->body_len, &r->parts);
			/* Text parts become parameters; files stay parts. */
			f.v = arena_calloc(r->a, r->parts.n + 1, sizeof(*f.v));
			for (i = 0; rc == TJG_OK && i < r->parts.n; i++) {
				if (r->parts.v[i].filename != NULL)
					continue;
				f.v[f.n].name = r->parts.v[i].name;
				f.v[f.n].value = arena_strndup(r->a,
				    r->parts.v[i].data, r->parts.v[i].len);
				f.v[f.n++].len = r->parts.v[i].len;
			}
		} else
			rc = TJG_EINVAL;
		if (rc != TJG_OK)
			return rc;
	}
	n = q.n + f.n;
	all->v = arena_calloc(r->a, n + 1, sizeof(*all->v));
	if (q.n > 0)
		memcpy(all->v, q.v, q.n * sizeof(*q.v));
	if (f.n > 0)
		memcpy(all->v + q.n, f.v, f.n * sizeof(*f.v));
	all->n = n;
	return TJG_OK;
}

/* Page.*: what every template may use, and the other language's URL. */
static int
page_data(struct request *r, const char *path)
{
	bool en = strcmp(r->lang, "en") == 0;
	const char *q = *r->query != '\0' ? "?" : "";
	const char *other;
	int rc;

	other = arena_printf(r->a, "%s%s%s%s", en ? "" : "/en", path, q,
	    r->query);
	if ((rc = tmpl_set(r->tmpl, "Page.lang", r->lang)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Page.other_lang", en ? "sv" : "en")) !=
	    TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Page.other_lang_url", other)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Page.base", en ? "/en" : "")) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Page.path", path)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Static", r->conf->static_url)) != TJG_OK)
		return rc;
	return TJG_OK;
}

/*
 * ROUTE_TOKEN: "Authorization: Bearer TOKEN" names an active provider's
 * token, known by its SHA-256 only. Every fault is the same 401, so a
 * caller learns nothing about which tokens exist.
 */
static int
bearer(struct request *r, const char **why)
{
	unsigned char hash[CRYPTO_SHA256_LEN];
	const char *t = r->authorization;
	size_t n;

	*why = "a valid bearer token is required";
	if (strncasecmp(t, "Bearer ", 7) != 0)
		return TJG_EUNAUTH;
	for (t += 7; *t == ' '; t++)
		;
	n = strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_");
	/* base64url, then nothing but trailing blanks */
	if (n == 0 || n > 128 || t[n + strspn(t + n, " ")] != '\0')
		return TJG_EUNAUTH;
	crypto_sha256(t, n, hash);
	return store_api_token_check(r->db, hash, &r->provider_id,
	    &r->token_id);
}

/* A console GET without a session: to the sign-in page, and back after. */
static int
to_signin(struct request *r)
{
	bool en = strcmp(r->lang, "en") == 0;
	struct buf next;
	int rc;

	/*
	 * next is the path without "/en": the sign-in keeps the language
	 * itself and only takes paths that start with /admin.
	 */
	buf_init(&next);
	http_form_add(&next, "next", en ? r->path + 3 : r->path);
	rc = resp_redirect(r, 303, arena_printf(r->a, "%s/admin/login?%s",
	    en ? "/en" : "", buf_str(&next)));
	buf_free(&next);
	return rc;
}

static const struct route signin_route = { "GET", "/admin/login", to_signin,
    0, NULL, 0 };

/*
 * ROLE_* routes: the session, the role, and (after the parameters are
 * gathered, see take_csrf) the form's token. The only place roles are
 * checked.
 */
static int
console_gate(struct request *r, const char **why)
{
	const struct console_user *u;
	int rc;

	if ((rc = resp_header(r, "Cache-Control", "no-store")) != TJG_OK)
		return rc;
	if ((rc = console_session(r)) == TJG_EUNAUTH) {
		if (strcmp(r->method, "GET") == 0 ||
		    strcmp(r->method, "HEAD") == 0) {
			r->route = &signin_route;
			return TJG_OK;
		}
		*why = "err.signin";
		return TJG_EFORBIDDEN;
	}
	if (rc != TJG_OK)
		return rc;
	u = r->user;
	if (!console_may(r->route->flags, u->role)) {
		*why = "err.role";
		return TJG_EFORBIDDEN;
	}
	if ((rc = tmpl_set(r->tmpl, "User.name", u->username)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "User.role", u->role_name)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "User.provider", u->provider_name != NULL ?
	    u->provider_name : "")) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Csrf", u->csrf)) != TJG_OK)
		return rc;
	return TJG_OK;
}

/*
 * Takes every "csrf" out of the parameters; on a console POST exactly one
 * must be there and be the session's token.
 */
static int
take_csrf(struct request *r, struct kvlist *params, const char **why)
{
	const char *token = NULL;
	size_t i, j, seen = 0;

	for (i = j = 0; i < params->n; i++) {
		if (strcmp(params->v[i].name, "csrf") == 0) {
			token = params->v[i].value;
			seen++;
		} else
			params->v[j++] = params->v[i];
	}
	params->n = j;
	if (strcmp(r->method, "POST") != 0)
		return TJG_OK;
	if (seen != 1 || !console_csrf_ok(r, token)) {
		*why = "err.csrf";
		return TJG_EFORBIDDEN;
	}
	return TJG_OK;
}

/* Errors under /api/ are XML even when no route matched. */
static const struct route api_errors = { "", "/api/", NULL, ROUTE_XML,
    NULL, 0 };

static int
prepare(struct request *r, const struct route *routes, size_t n,
    const char **why, struct buf *allow)
{
	const char *path = r->path, *slug;
	struct kvlist params;
	size_t i;
	int rc;

	r->lang = "sv";
	if (strcmp(path, "/en") == 0 || strncmp(path, "/en/", 4) == 0) {
		r->lang = "en";
		path = path[3] != '\0' ? path + 3 : "/";
	}
	if ((rc = page_data(r, path)) != TJG_OK)
		return rc;
	if ((slug = conf_network_for_host(r->conf, r->host)) == NULL) {
		*why = "unknown host";
		return TJG_ENOTFOUND;
	}
	if ((rc = network(r, slug)) != TJG_OK) {
		if (rc == TJG_ENOTFOUND)
			log_err("http: network %s of host is not in the "
			    "database", slug);
		return rc;
	}
	if ((rc = tmpl_set(r->tmpl, "Net.name", r->network_name)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Net.slug", r->network_slug)) != TJG_OK)
		return rc;
	if ((rc = http_route_find(routes, n, r->method, path, &r->route,
	    r->args, &r->nargs, allow)) != TJG_OK)
		return rc;
	/* Each argument points into the path: copy it up to its '/'. */
	for (i = 0; i < r->nargs; i++)
		r->args[i] = arena_strndup(r->a, r->args[i],
		    strcspn(r->args[i], "/"));
	if ((r->route->flags & ROUTE_TOKEN) &&
	    (rc = bearer(r, why)) != TJG_OK)
		return rc;
	if (http_parse_cookies(r->a, r->cookie_header, &r->cookies) != TJG_OK)
		r->cookies.n = 0;	/* a broken cookie is no cookie */
	if ((r->route->flags & ROLE_ANY) &&
	    ((rc = console_gate(r, why)) != TJG_OK || r->user == NULL))
		return rc;
	if ((rc = gather(r, &params)) != TJG_OK) {
		*why = "malformed parameters";
		return rc;
	}
	if ((r->route->flags & ROLE_ANY) &&
	    (rc = take_csrf(r, &params, why)) != TJG_OK)
		return rc;
	r->p = arena_calloc(r->a, r->route->nparams + 1, sizeof(*r->p));
	return http_params_bind(r->a, r->route->params, r->route->nparams,
	    &params, r->p, why);
}

void
http_dispatch(struct request *r, const struct route *routes, size_t n)
{
	const char *why = NULL;
	struct buf allow;
	int rc;

	buf_init(&allow);
	buf_init(&r->resp.body);
	buf_init(&r->resp.headers);
	r->resp.status = 200;
	r->resp.ctype = "text/html; charset=utf-8";
	r->resp.sent = false;

	if (r->body_len > r->conf->max_body)
		rc = TJG_ETOOBIG;
	else if ((rc = prepare(r, routes, n, &why, &allow)) == TJG_OK)
		rc = r->route->fn(r);
	if (rc != TJG_OK) {
		if (err_status(rc) >= 500)
			log_msg(err_loglevel(rc), "%s %s: %s", r->method,
			    r->route != NULL ? r->route->pattern : "-",
			    err_name(rc));
		if (r->route == NULL && strncmp(r->path, "/api/", 5) == 0)
			r->route = &api_errors;
		if (r->resp.sent)
			log_err("http: error after the response started");
		else {
			resp_error(r, rc, why, buf_str(&allow));
			if (rc == TJG_EUNAUTH && r->route != NULL &&
			    (r->route->flags & ROUTE_TOKEN))
				resp_header(r, "WWW-Authenticate",
				    "Bearer realm=\"tjansteguiden\"");
		}
	}
	if (resp_send(r) != TJG_OK)
		log_info("http: client went away");
	tmpl_clear(r->tmpl);
	buf_free(&allow);
	buf_free(&r->resp.body);
	buf_free(&r->resp.headers);
}
