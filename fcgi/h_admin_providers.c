/*
 * The console: the providers delivering in the network, with their API
 * tokens and the certificate their customer details are encrypted to.
 * Network administrators only (route flags). A provider is never
 * deleted, since orders refer to it: it stops delivering in the network
 * (provider_network.active). The network itself, when it sells
 * directly, is entered as a provider with own_network_id set.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "api.h"
#include "buf.h"
#include "catalog_check.h"
#include "console.h"
#include "crypto.h"
#include "db.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "store_admin_provider.h"
#include "tmpl.h"

#define CERT_FILE_MAX	(60 * 1024)	/* as tjgctl: cert_pem is a TEXT */
#define HOURS_MAX	8760		/* alert thresholds: a year */
#define POLL_MAX	86400		/* poll interval: a day */

/* Collects tmpl_set results: the first failure sticks. */
/* A number the form shows empty when it is 0 ("the default"). */
static const char *
opt_num(struct request *r, long long n)
{
	return n > 0 ? hnum(r, n) : "";
}

/* Path argument i as an id; anything else is "not found". */
static bool
arg_id(struct request *r, size_t i, long long *id)
{
	return i < r->nargs && check_int(r->args[i], 1, 999999999999999999LL,
	    id);
}

/* A UTC time from SQL ("YYYY-MM-DD HH:MM:SS") in Swedish time. */
static const char *
local_time(struct request *r, const char *utc)
{
	char out[32];
	struct tm tm;
	time_t t;

	if (utc == NULL)
		return NULL;
	memset(&tm, 0, sizeof(tm));
	if (strptime(utc, "%Y-%m-%d %H:%M:%S", &tm) == NULL)
		return utc;
	t = timegm(&tm);
	/* The worker runs with TZ=Europe/Stockholm (main.c). */
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, sizeof(out), "%Y-%m-%d %H:%M", &tm) == 0)
		return utc;
	return arena_strdup(r->a, out);
}

/* "AB:CD:..." as openssl x509 -fingerprint prints it. */
static const char *
fingerprint(struct request *r, const char *hex)
{
	size_t i, n;
	char *out;

	if (hex == NULL || (n = strlen(hex)) == 0)
		return NULL;
	out = arena_alloc(r->a, n + n / 2 + 1);
	for (i = 0; i < n; i++) {
		out[i + i / 2] = (char)(hex[i] >= 'a' && hex[i] <= 'f' ?
		    hex[i] - 'a' + 'A' : hex[i]);
		if (i % 2 == 1)
			out[i + i / 2 + 1] = i + 1 < n ? ':' : '\0';
	}
	out[n + n / 2 - 1] = '\0';
	return out;
}

/*
 * The certificate's subject, for the administrator to recognise it
 * (crypto.h has no accessor for it; this reads only what is shown).
 * NULL if the stored PEM does not parse.
 */
static const char *
cert_subject(struct request *r, const char *pem)
{
	BIO *in = NULL, *out = NULL;
	const char *s = NULL;
	X509 *x = NULL;
	char *p;
	long n;

	if (pem == NULL || (in = BIO_new_mem_buf(pem, -1)) == NULL)
		return NULL;
	/* UTF-8 names as they are, not as \XX escapes. */
	if ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL &&
	    (out = BIO_new(BIO_s_mem())) != NULL &&
	    X509_NAME_print_ex(out, X509_get_subject_name(x), 0,
	    XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0 &&
	    (n = BIO_get_mem_data(out, &p)) > 0)
		s = arena_strndup(r->a, p, (size_t)n);
	X509_free(x);
	BIO_free(out);
	BIO_free(in);
	return s;
}

/* Form.v.<name> = what was posted, for every declared parameter. */
static int
keep_form(struct request *r)
{
	size_t i;
	int rc = TJG_OK;

	for (i = 0; i < r->route->nparams; i++)
		if (r->p[i].set)
			hputf(r, &rc, r->route->params[i].type == PARAM_FLAG ?
			    "1" : r->p[i].s, "Form.v.%s",
			    r->route->params[i].name);
	return rc;
}

/* Form.v.* from the stored provider (the edit page's first showing). */
static int
provider_values(struct request *r, const struct adm_provider *p)
{
	int rc = TJG_OK;

	hput(r, &rc, "Form.v.slug", p->slug);
	hput(r, &rc, "Form.v.name", p->name);
	hput(r, &rc, "Form.v.legal_name", p->legal_name);
	hput(r, &rc, "Form.v.org_number", p->org_number);
	hput(r, &rc, "Form.v.email", p->email);
	hput(r, &rc, "Form.v.phone", p->phone);
	hput(r, &rc, "Form.v.url", p->url);
	hput(r, &rc, "Form.v.terms_url", p->terms_url);
	hput(r, &rc, "Form.v.privacy_url", p->privacy_url);
	hput(r, &rc, "Form.v.requires_pnr", p->requires_pnr ? "1" : NULL);
	hput(r, &rc, "Form.v.refuses_samordning",
	    p->refuses_samordning ? "1" : NULL);
	hput(r, &rc, "Form.v.pnr_reason_sv", p->pnr_reason_sv);
	hput(r, &rc, "Form.v.pnr_reason_en", p->pnr_reason_en);
	hput(r, &rc, "Form.v.alert_unfetched_hours",
	    opt_num(r, p->alert_unfetched_hours));
	hput(r, &rc, "Form.v.alert_unacked_hours",
	    opt_num(r, p->alert_unacked_hours));
	hput(r, &rc, "Form.v.alert_email", p->alert_email);
	hput(r, &rc, "Form.v.poll_interval_s", opt_num(r, p->poll_interval_s));
	hput(r, &rc, "Form.v.own_network", p->own ? "1" : NULL);
	hput(r, &rc, "Form.v.active", p->active ? "1" : NULL);
	return rc;
}

/* Provider.*, its tokens and its certificate, for the edit page. */
static int
provider_facts(struct request *r, const struct adm_provider *p)
{
	struct adm_token *t;
	unsigned char sha[CRYPTO_SHA256_LEN];
	char after[CRYPTO_CERT_TIME_LEN];
	struct crypto_cert *c = NULL;
	bool expired = false;
	size_t i, n;
	int rc;

	if ((rc = store_adm_tokens(r->db, r->a, p->id, &t, &n)) != TJG_OK)
		return rc;
	hput(r, &rc, "Provider.id", hnum(r, p->id));
	hput(r, &rc, "Provider.slug", p->slug);
	hput(r, &rc, "Provider.name", p->name);
	hput(r, &rc, "Provider.nservices", hnum(r, p->nservices));
	hput(r, &rc, "Provider.own_other", p->own_network_id != 0 && !p->own ?
	    "1" : NULL);
	for (i = 0; i < n; i++) {
		hputf(r, &rc, hnum(r, t[i].id), "Tokens.%zu.id", i);
		hputf(r, &rc, t[i].label, "Tokens.%zu.label", i);
		hputf(r, &rc, local_time(r, t[i].created), "Tokens.%zu.created",
		    i);
		hputf(r, &rc, local_time(r, t[i].last_used),
		    "Tokens.%zu.last_used", i);
		hputf(r, &rc, local_time(r, t[i].revoked), "Tokens.%zu.revoked",
		    i);
		hputf(r, &rc, t[i].created_by, "Tokens.%zu.created_by", i);
	}
	if (p->cert_pem != NULL) {
		hput(r, &rc, "Cert.subject", cert_subject(r, p->cert_pem));
		hput(r, &rc, "Cert.fingerprint", fingerprint(r,
		    p->cert_sha256));
		hput(r, &rc, "Cert.not_after", local_time(r,
		    p->cert_not_after));
		/* Expired since it was stored: the feed then sends it clear. */
		if (crypto_cert_load(&c, p->cert_pem) == TJG_OK &&
		    crypto_cert_info(c, sha, after, &expired, NULL) == TJG_OK &&
		    expired)
			hput(r, &rc, "Cert.expired", "1");
		crypto_cert_free(c);
	}
	return rc;
}

/*
 * The provider page: the creation form when p is NULL, else p's
 * settings, tokens and certificate. The form shows what was posted when
 * kept, else p's stored values.
 */
static int
provider_page(struct request *r, const struct adm_provider *p, bool kept)
{
	int rc;

	if ((rc = kept ? keep_form(r) : p != NULL ? provider_values(r, p) :
	    tmpl_set(r->tmpl, "Form.v.active", "1")) != TJG_OK)
		return rc;
	if (p != NULL && (rc = provider_facts(r, p)) != TJG_OK)
		return rc;
	return admin_render(r, "admin/provider.cs", "providers");
}

/* GET /admin/providers */
int
h_admin_providers(struct request *r)
{
	struct adm_provider *v;
	size_t i, n;
	int rc;

	if ((rc = store_adm_providers(r->db, r->a, r->network_id, &v, &n)) !=
	    TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		hputf(r, &rc, hnum(r, v[i].id), "Providers.%zu.id", i);
		hputf(r, &rc, v[i].slug, "Providers.%zu.slug", i);
		hputf(r, &rc, v[i].name, "Providers.%zu.name", i);
		hputf(r, &rc, v[i].org_number, "Providers.%zu.org_number", i);
		hputf(r, &rc, v[i].active ? "1" : "0", "Providers.%zu.active",
		    i);
		hputf(r, &rc, v[i].own ? "1" : "0", "Providers.%zu.own", i);
		hputf(r, &rc, v[i].requires_pnr ? "1" : "0",
		    "Providers.%zu.requires_pnr", i);
		hputf(r, &rc, hnum(r, v[i].nservices),
		    "Providers.%zu.nservices", i);
		hputf(r, &rc, hnum(r, v[i].nactive_tokens),
		    "Providers.%zu.ntokens", i);
		hputf(r, &rc, v[i].cert_pem != NULL ? "1" : "0",
		    "Providers.%zu.cert", i);
	}
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/providers.cs", "providers");
}

/* GET /admin/providers/new */
int
h_admin_provider_new(struct request *r)
{
	return provider_page(r, NULL, false);
}

/* Records a fault of field: its message, and the form is bad. */
static void
fault(struct request *r, int *rc, bool *bad, const char *field,
    const char *key)
{
	if (*rc == TJG_OK)
		*rc = admin_error(r, field, key);
	*bad = true;
}

static const char *
str(const struct request *r, int i)
{
	return r->p[i].set ? r->p[i].s : "";
}

/* An optional whole number: "" is 0 (the default). */
static void
opt_count(struct request *r, int *rc, bool *bad, int i, long long max,
    long long *out, const char *key)
{
	*out = 0;
	if (*str(r, i) != '\0' && !check_int(str(r, i), 1, max, out))
		fault(r, rc, bad, r->route->params[i].name, key);
}

/* An optional link: "" stays "". */
static void
opt_url(struct request *r, int *rc, bool *bad, int i)
{
	if (*str(r, i) != '\0' && !check_url(str(r, i)))
		fault(r, rc, bad, r->route->params[i].name,
		    "admin.providers.err.url");
}

/*
 * Reads the posted provider form into p (strings point into the
 * request); every fault becomes a form error and sets *bad. The slug is
 * read only when creating.
 */
static int
read_provider(struct request *r, bool create, struct adm_provider *p,
    bool *bad)
{
	char *org = arena_alloc(r->a, 12);
	int rc = TJG_OK;

	*bad = false;
	if (create) {
		p->slug = str(r, PROV_SLUG);
		if (!check_slug(p->slug))
			fault(r, &rc, bad, "slug", "admin.providers.err.slug");
	}
	p->name = str(r, PROV_NAME);
	if (*p->name == '\0')
		fault(r, &rc, bad, "name", "admin.providers.err.name");
	p->legal_name = str(r, PROV_LEGAL);
	p->org_number = org;
	if (!check_org_number(str(r, PROV_ORG), org))
		fault(r, &rc, bad, "org_number", "admin.providers.err.org");
	p->email = str(r, PROV_EMAIL);
	if (*p->email != '\0' && !check_email(p->email))
		fault(r, &rc, bad, "email", "admin.providers.err.email");
	p->phone = str(r, PROV_PHONE);
	p->url = str(r, PROV_URL);
	opt_url(r, &rc, bad, PROV_URL);
	p->terms_url = str(r, PROV_TERMS);
	opt_url(r, &rc, bad, PROV_TERMS);
	p->privacy_url = str(r, PROV_PRIVACY);
	opt_url(r, &rc, bad, PROV_PRIVACY);
	p->requires_pnr = r->p[PROV_PNR].set;
	p->refuses_samordning = r->p[PROV_NOSAM].set;
	p->pnr_reason_sv = str(r, PROV_REASON_SV);
	p->pnr_reason_en = str(r, PROV_REASON_EN);
	/* provider_pnr_ck; and the law asks for the reason on the form. */
	if (p->refuses_samordning && !p->requires_pnr)
		fault(r, &rc, bad, "refuses_samordning",
		    "admin.providers.err.nosam");
	if (p->requires_pnr && *p->pnr_reason_sv == '\0')
		fault(r, &rc, bad, "pnr_reason_sv",
		    "admin.providers.err.reason");
	if (p->requires_pnr && *p->pnr_reason_en == '\0')
		fault(r, &rc, bad, "pnr_reason_en",
		    "admin.providers.err.reason");
	opt_count(r, &rc, bad, PROV_UNFETCHED, HOURS_MAX,
	    &p->alert_unfetched_hours, "admin.providers.err.hours");
	opt_count(r, &rc, bad, PROV_UNACKED, HOURS_MAX,
	    &p->alert_unacked_hours, "admin.providers.err.hours");
	p->alert_email = *str(r, PROV_ALERT_EMAIL) != '\0' ?
	    str(r, PROV_ALERT_EMAIL) : NULL;
	if (p->alert_email != NULL && !check_email(p->alert_email))
		fault(r, &rc, bad, "alert_email", "admin.providers.err.email");
	opt_count(r, &rc, bad, PROV_POLL, POLL_MAX, &p->poll_interval_s,
	    "admin.providers.err.poll");
	p->own = r->p[PROV_OWN].set;
	p->active = r->p[PROV_ACTIVE].set;
	return rc;
}

/* POST /admin/providers */
int
h_admin_provider_create(struct request *r)
{
	struct adm_provider p;
	long long id = 0;
	bool bad;
	int rc;

	memset(&p, 0, sizeof(p));
	if ((rc = read_provider(r, true, &p, &bad)) != TJG_OK)
		return rc;
	if (!bad) {
		if ((rc = db_begin(r->db)) != TJG_OK)
			return rc;
		if ((rc = store_adm_provider_create(r->db, r->network_id, &p,
		    &id)) != TJG_OK ||
		    (rc = console_audit(r, "provider.create", "provider",
		    hnum(r, id), p.slug)) != TJG_OK ||
		    (rc = db_commit(r->db)) != TJG_OK) {
			db_rollback(r->db);
			if (rc != TJG_ECONFLICT)
				return rc;
			/* The slug is taken (here or in another network). */
			if ((rc = admin_error(r, "slug",
			    "admin.providers.err.slug_taken")) != TJG_OK)
				return rc;
			bad = true;
		}
	}
	if (bad) {
		r->resp.status = 422;
		return provider_page(r, NULL, true);
	}
	return admin_redirect(r, "saved", "/admin/providers/%lld", id);
}

/* The provider of path argument 0, if it delivers in this network. */
static int
load_provider(struct request *r, struct adm_provider *p)
{
	long long id;

	if (!arg_id(r, 0, &id))
		return TJG_ENOTFOUND;
	return store_adm_provider_get(r->db, r->a, r->network_id, id, p);
}

/* GET /admin/providers/ID */
int
h_admin_provider(struct request *r)
{
	struct adm_provider p;
	int rc;

	if ((rc = load_provider(r, &p)) != TJG_OK)
		return rc;
	return provider_page(r, &p, false);
}

/* POST /admin/providers/ID */
int
h_admin_provider_save(struct request *r)
{
	struct adm_provider cur, p;
	bool bad;
	int rc;

	if ((rc = load_provider(r, &cur)) != TJG_OK)
		return rc;
	memset(&p, 0, sizeof(p));
	if ((rc = read_provider(r, false, &p, &bad)) != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return provider_page(r, &cur, true);
	}
	p.id = cur.id;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_adm_provider_update(r->db, r->network_id, &p)) !=
	    TJG_OK ||
	    (rc = console_audit(r, "provider.update", "provider",
	    hnum(r, p.id), cur.active && !p.active ? "deactivated" :
	    !cur.active && p.active ? "activated" : NULL)) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return admin_redirect(r, "saved", "/admin/providers/%lld", p.id);
}

/*
 * POST /admin/providers/ID/tokens: a new API token, shown on this answer
 * only (the console's answers are all Cache-Control: no-store); the
 * database keeps its SHA-256, as tjgctl token create does.
 */
int
h_admin_token_create(struct request *r)
{
	char tok[CRYPTO_TOKEN_LEN(API_TOKEN_BYTES) + 1];
	unsigned char hash[CRYPTO_SHA256_LEN];
	struct adm_provider p;
	const char *label = str(r, TOKEN_LABEL);
	long long id = 0;
	int rc;

	if ((rc = load_provider(r, &p)) != TJG_OK)
		return rc;
	if ((rc = crypto_token(tok, sizeof(tok), API_TOKEN_BYTES)) != TJG_OK)
		return rc;
	crypto_sha256(tok, strlen(tok), hash);
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	/* The audit names the token by id; the token itself goes nowhere. */
	if ((rc = store_adm_token_create(r->db, p.id, label, hash,
	    r->user->id, &id)) != TJG_OK ||
	    (rc = console_audit(r, "token.create", "token", hnum(r, id),
	    arena_printf(r->a, "provider %lld", p.id))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	hput(r, &rc, "Token.value", tok);
	hput(r, &rc, "Token.id", hnum(r, id));
	hput(r, &rc, "Token.label", label);
	hput(r, &rc, "Provider.id", hnum(r, p.id));
	hput(r, &rc, "Provider.name", p.name);
	hput(r, &rc, "Provider.slug", p.slug);
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/token.cs", "providers");
}

/* POST /admin/tokens/ID/revoke */
int
h_admin_token_revoke(struct request *r)
{
	long long id, provider;
	bool revoked;
	int rc;

	if (!arg_id(r, 0, &id))
		return TJG_ENOTFOUND;
	if ((rc = store_adm_token_provider(r->db, r->network_id, id,
	    &provider, &revoked)) != TJG_OK)
		return rc;
	/* Revoking twice (a double click) changes nothing. */
	if (revoked)
		return admin_redirect(r, "revoked", "/admin/providers/%lld",
		    provider);
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_api_token_revoke(r->db, id)) != TJG_OK ||
	    (rc = console_audit(r, "token.revoke", "token", hnum(r, id),
	    arena_printf(r->a, "provider %lld", provider))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return admin_redirect(r, "revoked", "/admin/providers/%lld", provider);
}

/* The uploaded file of part name, or NULL. */
static const struct part *
file_part(const struct request *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->parts.n; i++)
		if (r->parts.v[i].filename != NULL &&
		    strcmp(r->parts.v[i].name, name) == 0)
			return &r->parts.v[i];
	return NULL;
}

/* A refused upload: the provider page again, the stored one kept. */
static int
cert_refused(struct request *r, const struct adm_provider *p,
    const char *key, const char *when)
{
	const char *text = tmpl_text(r->tmpl, r->lang, key);
	int rc;

	if (when != NULL)
		text = arena_printf(r->a, "%s %s.", text, local_time(r, when));
	if ((rc = tmpl_set(r->tmpl, "Form.errors.cert", text)) != TJG_OK)
		return rc;
	r->resp.status = 422;
	return provider_page(r, p, false);
}

/*
 * Checks an uploaded certificate as tjgctl provider cert does: PEM with
 * no private key in it, parses, not expired, and its key can receive
 * CMS. Sets *key (a text key) and *when for a refusal, else fills sha,
 * after and pem (the certificate alone).
 */
static int
cert_check(const char *text, unsigned char sha[CRYPTO_SHA256_LEN],
    char after[CRYPTO_CERT_TIME_LEN], struct buf *pem, const char **key,
    const char **when)
{
	struct crypto_cert *c = NULL;
	struct buf trial;
	bool expired = true;
	int rc;

	*key = *when = NULL;
	buf_init(&trial);
	if (strstr(text, "PRIVATE KEY") != NULL) {
		*key = "admin.providers.err.cert_private";
		return TJG_OK;
	}
	if ((rc = crypto_cert_load(&c, text)) == TJG_EINVAL) {
		*key = "admin.providers.err.cert_parse";
		return TJG_OK;
	}
	if (rc != TJG_OK || (rc = crypto_cert_info(c, sha, after, &expired,
	    pem)) != TJG_OK)
		goto out;
	if (expired) {
		*key = "admin.providers.err.cert_expired";
		*when = after;
	} else if ((rc = crypto_cms_encrypt_to(c, "trial", 5, &trial)) ==
	    TJG_EINVAL) {
		*key = "admin.providers.err.cert_keytype";
		rc = TJG_OK;
	}
out:
	crypto_cert_free(c);
	buf_free(&trial);
	return rc;
}

/*
 * POST /admin/providers/ID/cert: a multipart upload (file part "cert"),
 * or "remove". Stored as tjgctl provider cert stores it.
 */
int
h_admin_provider_cert(struct request *r)
{
	unsigned char sha[CRYPTO_SHA256_LEN];
	char after[CRYPTO_CERT_TIME_LEN], hex[17];
	const struct part *f;
	const char *key, *when, *text;
	struct adm_provider p;
	struct buf pem;
	size_t i;
	int rc;

	if ((rc = load_provider(r, &p)) != TJG_OK)
		return rc;
	if (r->p[CERT_REMOVE].set) {
		if ((rc = db_begin(r->db)) != TJG_OK)
			return rc;
		if ((rc = store_api_cert_set(r->db, p.slug, NULL, NULL,
		    NULL)) != TJG_OK ||
		    (rc = console_audit(r, "provider.cert_remove", "provider",
		    hnum(r, p.id), NULL)) != TJG_OK ||
		    (rc = db_commit(r->db)) != TJG_OK) {
			db_rollback(r->db);
			return rc;
		}
		return admin_redirect(r, "cert_removed",
		    "/admin/providers/%lld", p.id);
	}
	if ((f = file_part(r, "cert")) == NULL || f->len == 0)
		return cert_refused(r, &p, "admin.providers.err.cert_none",
		    NULL);
	if (f->len > CERT_FILE_MAX)
		return cert_refused(r, &p, "admin.providers.err.cert_parse",
		    NULL);
	text = arena_strndup(r->a, f->data, f->len);
	if (strlen(text) != f->len)	/* a NUL: not a PEM text */
		return cert_refused(r, &p, "admin.providers.err.cert_parse",
		    NULL);
	buf_init(&pem);
	if ((rc = cert_check(text, sha, after, &pem, &key, &when)) !=
	    TJG_OK || key != NULL) {
		buf_free(&pem);
		return rc != TJG_OK ? rc : cert_refused(r, &p, key, when);
	}
	for (i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", sha[i]);
	if ((rc = db_begin(r->db)) == TJG_OK) {
		if ((rc = store_api_cert_set(r->db, p.slug, buf_str(&pem), sha,
		    after)) != TJG_OK ||
		    (rc = console_audit(r, "provider.cert", "provider",
		    hnum(r, p.id), arena_printf(r->a, "sha256 %s...", hex))) !=
		    TJG_OK ||
		    (rc = db_commit(r->db)) != TJG_OK)
			db_rollback(r->db);
	}
	buf_free(&pem);
	if (rc != TJG_OK)
		return rc;
	return admin_redirect(r, "cert", "/admin/providers/%lld", p.id);
}
