/*
 * The console: sign-in, sign-out, the user's own account, and the small
 * helpers every console page group shares (admin_*). Which roles may use
 * which route is in the route table (main.c) and checked by the
 * dispatcher, never here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "console.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "log.h"
#include "passwd.h"
#include "store_console.h"
#include "tmpl.h"

#define FLASH_COOKIE	"tjg_flash"

int
admin_render(struct request *r, const char *name, const char *nav)
{
	const char *flash = req_cookie(r, FLASH_COOKIE);
	int rc;

	if (nav != NULL && (rc = tmpl_set(r->tmpl, "Nav.current", nav)) !=
	    TJG_OK)
		return rc;
	/* A confirmation left by the POST before the redirect: once. */
	if (flash != NULL && r->user != NULL) {
		if (flash[strspn(flash, "abcdefghijklmnopqrstuvwxyz_")] ==
		    '\0' && *flash != '\0' &&
		    (rc = tmpl_set(r->tmpl, "Flash.text", tmpl_text(r->tmpl,
		    r->lang, arena_printf(r->a, "admin.flash.%s", flash)))) !=
		    TJG_OK)
			return rc;
		if ((rc = resp_cookie(r, FLASH_COOKIE, "-", -1)) != TJG_OK)
			return rc;
	}
	return tmpl_render(r->tmpl, name, r->lang, &r->resp.body);
}

int
admin_error(struct request *r, const char *field, const char *textkey)
{
	return tmpl_setf(r->tmpl, tmpl_text(r->tmpl, r->lang, textkey),
	    "Form.errors.%s", field);
}

int
admin_redirect(struct request *r, const char *flash, const char *fmt, ...)
{
	char path[1024];
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(path))
		return TJG_EINTERNAL;
	if (flash != NULL &&
	    (rc = resp_cookie(r, FLASH_COOKIE, flash, 60)) != TJG_OK)
		return rc;
	return resp_redirect(r, 303, arena_printf(r->a, "%s%s",
	    strcmp(r->lang, "en") == 0 ? "/en" : "", path));
}

/* Only a console path of this site: no scheme, no host, no "//". */
static const char *
safe_next(const char *next)
{
	if (next == NULL || strncmp(next, "/admin", 6) != 0 ||
	    (next[6] != '\0' && next[6] != '/' && next[6] != '?') ||
	    strstr(next, "//") != NULL || strchr(next, '\\') != NULL ||
	    strcspn(next, "\r\n") != strlen(next))
		return "/admin";
	return next;
}

static int
login_page(struct request *r, const char *username, const char *next,
    const char *errkey)
{
	char token[CSRF_TOKEN_LEN + 1];
	const char *cookie;
	int rc;

	if ((cookie = csrf_request_cookie(r)) == NULL ||
	    (rc = csrf_token(r->keys, cookie, "login", token)) != TJG_OK)
		return TJG_EINTERNAL;
	if ((rc = tmpl_set(r->tmpl, "Login.csrf", token)) != TJG_OK ||
	    (rc = tmpl_set(r->tmpl, "Login.next", safe_next(next))) != TJG_OK ||
	    (username != NULL && (rc = tmpl_set(r->tmpl, "Login.username",
	    username)) != TJG_OK) ||
	    (errkey != NULL && (rc = tmpl_set(r->tmpl, "Login.error",
	    tmpl_text(r->tmpl, r->lang, errkey))) != TJG_OK))
		return rc;
	if ((rc = resp_header(r, "Cache-Control", "no-store")) != TJG_OK)
		return rc;
	return tmpl_render(r->tmpl, "admin/login.cs", r->lang, &r->resp.body);
}

int
h_admin_login_form(struct request *r)
{
	const struct pval *p = r->p;
	int rc;

	if (p[LOGIN_FORM_OUT].set &&
	    (rc = tmpl_set(r->tmpl, "Login.signed_out", "1")) != TJG_OK)
		return rc;
	return login_page(r, NULL, p[LOGIN_FORM_NEXT].set ?
	    p[LOGIN_FORM_NEXT].s : NULL, NULL);
}

int
h_admin_login(struct request *r)
{
	const struct pval *p = r->p;
	const char *user = p[LOGIN_USERNAME].set ? p[LOGIN_USERNAME].s : "";
	const char *next = p[LOGIN_NEXT].set ? p[LOGIN_NEXT].s : NULL;
	int rc;

	if (!p[LOGIN_CSRF].set || !csrf_check(r->keys, req_cookie(r,
	    CSRF_COOKIE), "login", p[LOGIN_CSRF].s)) {
		r->resp.status = 403;
		return login_page(r, user, next, "admin.login.expired");
	}
	rc = console_signin(r, user, p[LOGIN_PASSWORD].set ?
	    p[LOGIN_PASSWORD].s : "");
	if (rc == TJG_EUNAUTH || rc == TJG_ERATE) {
		r->resp.status = rc == TJG_ERATE ? 429 : 401;
		if (rc == TJG_ERATE &&
		    (rc = resp_header(r, "Retry-After", arena_printf(r->a,
		    "%d", r->conf->login_window))) != TJG_OK)
			return rc;
		return login_page(r, user, next, r->resp.status == 429 ?
		    "admin.login.throttled" : "admin.login.wrong");
	}
	if (rc != TJG_OK)
		return rc;
	return resp_redirect(r, 303, arena_printf(r->a, "%s%s",
	    strcmp(r->lang, "en") == 0 ? "/en" : "", safe_next(next)));
}

int
h_admin_logout(struct request *r)
{
	int rc;

	if ((rc = console_signout(r)) != TJG_OK)
		return rc;
	return resp_redirect(r, 303, arena_printf(r->a, "%s/admin/login?out=1",
	    strcmp(r->lang, "en") == 0 ? "/en" : ""));
}

int
h_admin_account(struct request *r)
{
	return admin_render(r, "admin/account.cs", "account");
}

int
h_admin_account_save(struct request *r)
{
	const struct pval *p = r->p;
	const char *cur = p[ACCOUNT_CURRENT].set ? p[ACCOUNT_CURRENT].s : "";
	const char *new = p[ACCOUNT_NEW].set ? p[ACCOUNT_NEW].s : "";
	const char *again = p[ACCOUNT_AGAIN].set ? p[ACCOUNT_AGAIN].s : "";
	char hash[PASSWD_HASH_MAX];
	struct user_row u;
	const char *why;
	bool bad = false;
	int rc;

	if ((rc = console_recheck(r, cur, &u)) == TJG_EUNAUTH ||
	    rc == TJG_ERATE) {
		if ((rc = admin_error(r, "current", rc == TJG_ERATE ?
		    "admin.login.throttled" : "admin.account.wrong")) != TJG_OK)
			return rc;
		bad = true;
	} else if (rc != TJG_OK)
		return rc;
	if ((why = passwd_policy(new)) != NULL) {
		if ((rc = admin_error(r, "new", why)) != TJG_OK)
			return rc;
		bad = true;
	} else if (strcmp(new, again) != 0) {
		if ((rc = admin_error(r, "again", "admin.account.mismatch")) !=
		    TJG_OK)
			return rc;
		bad = true;
	}
	if (bad) {
		r->resp.status = 422;
		return admin_render(r, "admin/account.cs", "account");
	}
	if ((rc = passwd_hash(new, r->conf->scrypt_ln, hash)) != TJG_OK)
		return rc;
	/* Every session of the user ends; this one starts again. */
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_user_set_hash(r->db, u.id, hash)) != TJG_OK ||
	    (rc = store_session_delete_user(r->db, u.id)) != TJG_OK ||
	    (rc = console_audit(r, "user.password", "user", u.username,
	    "own")) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	if ((rc = console_session_new(r, &u)) != TJG_OK)
		return rc;
	return admin_redirect(r, "password", "/admin/account");
}
