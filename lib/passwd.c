/*
 * scrypt password hashes with their parameters (see passwd.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "crypto.h"
#include "err.h"
#include "passwd.h"

#define SALT_LEN	16
#define HASH_LEN	32
#define R		8
#define P		1

/* scrypt needs 128 * r * N bytes and a little more; allow twice that. */
static int
scrypt(const char *pw, const unsigned char *salt, size_t saltlen, int ln,
    int r, int p, unsigned char *out, size_t outlen)
{
	uint64_t n = (uint64_t)1 << ln;
	uint64_t maxmem = 2 * 128 * (uint64_t)r * n * (uint64_t)p +
	    (1 << 20);

	if (EVP_PBE_scrypt(pw, strlen(pw), salt, saltlen, n, (uint64_t)r,
	    (uint64_t)p, maxmem, out, outlen) != 1)
		return TJG_EINTERNAL;
	return TJG_OK;
}

static int
b64(char *out, size_t outlen, const unsigned char *in, size_t n)
{
	if (outlen < 4 * ((n + 2) / 3) + 1)
		return TJG_EINTERNAL;
	EVP_EncodeBlock((unsigned char *)out, in, (int)n);
	return TJG_OK;
}

/*
 * Decodes exactly want bytes of standard base64 (with padding). Only the
 * canonical encoding is taken: the decoder ignores the low bits of the
 * last character, and a stored string changed there must not verify.
 */
static int
unb64(const char *in, size_t len, unsigned char *out, size_t want)
{
	unsigned char tmp[64];
	char again[sizeof(tmp) / 3 * 4 + 1];
	size_t pad = 0;
	int n;

	if (len == 0 || len % 4 != 0 || len / 4 * 3 > sizeof(tmp))
		return TJG_EINVAL;
	if (in[len - 1] == '=')
		pad++;
	if (in[len - 2] == '=')
		pad++;
	n = EVP_DecodeBlock(tmp, (const unsigned char *)in, (int)len);
	if (n < 0 || (size_t)n - pad != want ||
	    b64(again, sizeof(again), tmp, want) != TJG_OK ||
	    strlen(again) != len || memcmp(again, in, len) != 0)
		return TJG_EINVAL;
	memcpy(out, tmp, want);
	return TJG_OK;
}

int
passwd_hash(const char *password, int ln, char out[PASSWD_HASH_MAX])
{
	unsigned char salt[SALT_LEN], hash[HASH_LEN];
	char s64[32], h64[48];
	int rc, n;

	if (strlen(password) > PASSWD_MAX_LEN || ln < PASSWD_LN_MIN ||
	    ln > PASSWD_LN_MAX)
		return TJG_EINVAL;
	if ((rc = crypto_random(salt, sizeof(salt))) != TJG_OK ||
	    (rc = scrypt(password, salt, sizeof(salt), ln, R, P, hash,
	    sizeof(hash))) != TJG_OK ||
	    (rc = b64(s64, sizeof(s64), salt, sizeof(salt))) != TJG_OK ||
	    (rc = b64(h64, sizeof(h64), hash, sizeof(hash))) != TJG_OK)
		return rc;
	n = snprintf(out, PASSWD_HASH_MAX, "$scrypt$ln=%d,r=%d,p=%d$%s$%s",
	    ln, R, P, s64, h64);
	OPENSSL_cleanse(hash, sizeof(hash));
	return n > 0 && n < PASSWD_HASH_MAX ? TJG_OK : TJG_EINTERNAL;
}

bool
passwd_verify(const char *password, const char *stored, int ln,
    bool *weaker)
{
	unsigned char salt[SALT_LEN], want[HASH_LEN], got[HASH_LEN];
	const char *s, *h;
	int sln, r, p, used = 0;
	bool ok;

	if (weaker != NULL)
		*weaker = false;
	if (password == NULL || stored == NULL ||
	    strlen(password) > PASSWD_MAX_LEN ||
	    sscanf(stored, "$scrypt$ln=%d,r=%d,p=%d$%n", &sln, &r, &p, &used)
	    != 3 || used == 0)
		return false;
	/*
	 * Bounds keep a tampered row from asking for gigabytes and minutes:
	 * no more work (N * r * p) than the costliest hash passwd_hash makes.
	 */
	if (sln < PASSWD_LN_MIN || sln > PASSWD_LN_MAX || r < 1 || r > 32 ||
	    p < 1 || p > 4 || ((uint64_t)1 << sln) * (uint64_t)r *
	    (uint64_t)p > ((uint64_t)1 << PASSWD_LN_MAX) * R)
		return false;
	s = stored + used;
	if ((h = strchr(s, '$')) == NULL ||
	    unb64(s, (size_t)(h - s), salt, sizeof(salt)) != TJG_OK ||
	    unb64(h + 1, strlen(h + 1), want, sizeof(want)) != TJG_OK)
		return false;
	if (scrypt(password, salt, sizeof(salt), sln, r, p, got,
	    sizeof(got)) != TJG_OK)
		return false;
	ok = crypto_equal(got, want, sizeof(got));
	OPENSSL_cleanse(got, sizeof(got));
	if (ok && weaker != NULL)
		*weaker = sln < ln || r < R;
	return ok;
}

const char *
passwd_policy(const char *password)
{
	size_t n = strlen(password), i;

	if (n < PASSWD_MIN_LEN)
		return "admin.pw.short";
	if (n > PASSWD_MAX_LEN)
		return "admin.pw.long";
	for (i = 1; i < n && password[i] == password[0]; i++)
		;
	if (i == n)
		return "admin.pw.weak";
	return NULL;
}

int
passwd_random(char out[17])
{
	return crypto_token(out, 17, 12);
}
