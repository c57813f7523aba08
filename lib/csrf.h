/*
 * CSRF tokens for forms without a session (the public order form): a
 * double-submit cookie (random, HttpOnly, SameSite=Strict) plus a token in
 * the form that is a keyed MAC of that cookie, a fresh nonce and the
 * form's purpose. A cross-site POST carries no cookie; a token cannot be
 * made without the server's key; a token for one form does not fit
 * another. The token is also the form's idempotency key.
 */
#ifndef TJG_CSRF_H
#define TJG_CSRF_H

#include <stdbool.h>

struct crypto_keys;
struct request;

#define CSRF_COOKIE	"tjg_csrf"
#define CSRF_COOKIE_LEN	43	/* base64url of 32 bytes */
#define CSRF_TOKEN_LEN	(22 + 1 + 64)	/* nonce "." hex MAC */

#define CSRF_COOKIE_AGE	(12 * 3600)	/* seconds */

/*
 * The request's CSRF cookie value; when it has none (or a malformed one),
 * a new one is made and set on the response. NULL if that fails.
 */
const char *csrf_request_cookie(struct request *);

/* A new random cookie value (CSRF_COOKIE_LEN characters). */
int	csrf_cookie_new(char out[CSRF_COOKIE_LEN + 1]);

/* A token for the form purpose (e.g. "order|CODE|12") under cookie. */
int	csrf_token(const struct crypto_keys *, const char *cookie,
	    const char *purpose, char out[CSRF_TOKEN_LEN + 1]);

/* True if token was made by csrf_token() for cookie and purpose. */
bool	csrf_check(const struct crypto_keys *, const char *cookie,
	    const char *purpose, const char *token);

/*
 * The secret of an order's status link, derived from the token of the form
 * that created it (so a resubmitted form leads to the same link): 64 hex
 * characters.
 */
void	csrf_status_secret(const struct crypto_keys *, const char *token,
	    char out[65]);

#endif
