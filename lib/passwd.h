/*
 * Console passwords: scrypt (OpenSSL's EVP_PBE_scrypt; OpenSSL 3.0 has no
 * Argon2) with a random salt, stored with its parameters so they can be
 * raised later without invalidating old hashes:
 *
 *	$scrypt$ln=15,r=8,p=1$<salt, base64>$<hash, base64>
 *
 * N = 2^ln; memory is 128 * r * N bytes (32 MiB for ln=15, r=8).
 */
#ifndef TJG_PASSWD_H
#define TJG_PASSWD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWD_HASH_MAX		160	/* stored form, with its NUL */
#define PASSWD_MIN_LEN		10	/* bytes of a new password */
#define PASSWD_MAX_LEN		1024	/* longer input is refused, not hashed */
#define PASSWD_LN_MIN		10
#define PASSWD_LN_MAX		20

/*
 * Hashes password with cost ln (N = 2^ln), r = 8, p = 1 and a fresh salt
 * into out. TJG_EINVAL for a password longer than PASSWD_MAX_LEN or ln
 * out of range, TJG_EINTERNAL if OpenSSL fails.
 */
int	passwd_hash(const char *password, int ln, char out[PASSWD_HASH_MAX]);

/*
 * True if password matches stored (in constant time over the hash). A
 * malformed (or NULL) stored string never matches, nor one asking for more
 * work than ln = PASSWD_LN_MAX, r = 8, p = 1. *weaker (may be NULL) is set when
 * it matched but with a cost below ln, so the caller can rehash.
 */
bool	passwd_verify(const char *password, const char *stored, int ln,
	    bool *weaker);

/*
 * Checks a new password: at least PASSWD_MIN_LEN bytes, at most
 * PASSWD_MAX_LEN, not all one character. Returns NULL if fine, else the
 * text key of the reason ("admin.pw.short", ...).
 */
const char *passwd_policy(const char *password);

/* A random password of 16 base64url characters for resets. */
int	passwd_random(char out[17]);

#endif
