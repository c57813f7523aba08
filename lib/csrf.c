/*
 * CSRF tokens: nonce "." hex(HMAC(index key, "csrf" 0 cookie|nonce|purpose)).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "crypto.h"
#include "csrf.h"
#include "err.h"
#include "http.h"

static void
hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static void
mac(const struct crypto_keys *k, const char *cookie, const char *nonce,
    const char *purpose, char out[65])
{
	unsigned char m[CRYPTO_BIDX_LEN];
	char msg[512];

	snprintf(msg, sizeof(msg), "%s|%s|%s", cookie, nonce, purpose);
	crypto_bidx(k, "csrf", msg, m);
	hex(m, sizeof(m), out);
}

int
csrf_cookie_new(char out[CSRF_COOKIE_LEN + 1])
{
	return crypto_token(out, CSRF_COOKIE_LEN + 1, 32);
}

int
csrf_token(const struct crypto_keys *k, const char *cookie,
    const char *purpose, char out[CSRF_TOKEN_LEN + 1])
{
	char nonce[23];
	int rc;

	if ((rc = crypto_token(nonce, sizeof(nonce), 16)) != TJG_OK)
		return rc;
	memcpy(out, nonce, 22);
	out[22] = '.';
	mac(k, cookie, nonce, purpose, out + 23);
	return TJG_OK;
}

bool
csrf_check(const struct crypto_keys *k, const char *cookie,
    const char *purpose, const char *token)
{
	char nonce[23], want[65];

	if (cookie == NULL || token == NULL ||
	    strlen(cookie) != CSRF_COOKIE_LEN ||
	    strlen(token) != CSRF_TOKEN_LEN || token[22] != '.')
		return false;
	memcpy(nonce, token, 22);
	nonce[22] = '\0';
	mac(k, cookie, nonce, purpose, want);
	return crypto_equal(want, token + 23, 64);
}

void
csrf_status_secret(const struct crypto_keys *k, const char *token,
    char out[65])
{
	unsigned char m[CRYPTO_BIDX_LEN];

	crypto_bidx(k, "status", token, m);
	hex(m, sizeof(m), out);
}

const char *
csrf_request_cookie(struct request *r)
{
	const char *c = req_cookie(r, CSRF_COOKIE);
	char *fresh;

	if (c != NULL && strlen(c) == CSRF_COOKIE_LEN)
		return c;
	fresh = arena_alloc(r->a, CSRF_COOKIE_LEN + 1);
	if (csrf_cookie_new(fresh) != TJG_OK ||
	    resp_cookie(r, CSRF_COOKIE, fresh, CSRF_COOKIE_AGE) != TJG_OK)
		return NULL;
	return fresh;
}
