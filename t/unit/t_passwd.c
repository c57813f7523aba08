/*
 * Tests for lib/passwd.c: hash and verify, a wrong password, every
 * character of the stored salt and hash tampered with, malformed and
 * absurd stored strings (refused quickly, without crashing), fresh salts,
 * the "weaker" report that lets a sign-in rehash, the password policy and
 * random passwords. ln = 10 keeps it fast.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "passwd.h"
#include "tap.h"

#define LN	10
#define PW	"correct horse battery staple"

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Splits a stored hash: the offsets of its salt and hash parts. */
static bool
parts(const char *stored, size_t *salt, size_t *salt_len, size_t *hash)
{
	const char *p = stored, *d[4];
	int i;

	for (i = 0; i < 4; i++) {
		if ((p = strchr(p, '$')) == NULL)
			return false;
		d[i] = p++;
	}
	*salt = (size_t)(d[2] - stored) + 1;
	*salt_len = (size_t)(d[3] - d[2]) - 1;
	*hash = (size_t)(d[3] - stored) + 1;
	return true;
}

static void
test_roundtrip(void)
{
	char h[PASSWD_HASH_MAX], h2[PASSWD_HASH_MAX];
	bool weaker = true;

	is_int(passwd_hash(PW, LN, h), TJG_OK, "hash");
	ok(strncmp(h, "$scrypt$ln=10,r=8,p=1$", 22) == 0,
	    "stored form names its parameters: %s", h);
	ok(strlen(h) < PASSWD_HASH_MAX, "fits PASSWD_HASH_MAX");
	ok(strstr(h, PW) == NULL, "the password is not in the hash");
	ok(passwd_verify(PW, h, LN, &weaker), "the right password verifies");
	ok(!weaker, "same ln: not weaker");
	ok(passwd_verify(PW, h, LN, NULL), "weaker may be NULL");
	ok(!passwd_verify("correct horse battery stapl", h, LN, NULL),
	    "a wrong password fails");
	ok(!passwd_verify("correct horse battery staple ", h, LN, NULL),
	    "a longer password fails");
	ok(!passwd_verify("Correct horse battery staple", h, LN, NULL),
	    "case matters");
	ok(!passwd_verify("", h, LN, NULL), "the empty password fails");

	is_int(passwd_hash(PW, LN, h2), TJG_OK, "hash again");
	ok(strcmp(h, h2) != 0, "two hashes of one password differ");
	ok(strncmp(h, h2, 46) != 0, "... in their salts");
	ok(passwd_verify(PW, h2, LN, NULL), "both verify");
}

static void
test_errors(void)
{
	char h[PASSWD_HASH_MAX], *big;

	is_int(passwd_hash(PW, PASSWD_LN_MIN - 1, h), TJG_EINVAL,
	    "ln below the minimum is refused");
	is_int(passwd_hash(PW, PASSWD_LN_MAX + 1, h), TJG_EINVAL,
	    "ln above the maximum is refused");
	if ((big = malloc(PASSWD_MAX_LEN + 2)) == NULL)
		abort();
	memset(big, 'x', PASSWD_MAX_LEN + 1);
	big[PASSWD_MAX_LEN + 1] = '\0';
	is_int(passwd_hash(big, LN, h), TJG_EINVAL,
	    "a password over PASSWD_MAX_LEN is not hashed");
	big[PASSWD_MAX_LEN] = '\0';
	is_int(passwd_hash(big, LN, h), TJG_OK, "PASSWD_MAX_LEN is hashed");
	ok(passwd_verify(big, h, LN, NULL), "... and verifies");
	big[PASSWD_MAX_LEN] = 'x';
	ok(!passwd_verify(big, h, LN, NULL),
	    "an over-long password never verifies");
	free(big);
}

/* Every character of salt and hash replaced: never verifies. */
static void
test_tamper(void)
{
	char h[PASSWD_HASH_MAX], t[PASSWD_HASH_MAX];
	size_t salt, salt_len, hash, i, bad = 0, n = 0;
	const char *other;

	if (passwd_hash(PW, LN, h) != TJG_OK || !parts(h, &salt, &salt_len,
	    &hash) || salt_len != 24 || strlen(h + hash) != 44) {
		ok(0, "a hash of the expected form to tamper with");
		return;
	}
	for (i = salt; h[i] != '\0'; i++) {
		if (i == salt + salt_len)
			continue;	/* the '$' between them */
		/* Another base64 character, and one that is not base64. */
		for (other = "A/!"; *other != '\0'; other++) {
			memcpy(t, h, sizeof(t));
			t[i] = h[i] != *other ? *other : 'B';
			n++;
			if (passwd_verify(PW, t, LN, NULL)) {
				bad++;
				printf("# verified with [%zu] = '%c': %s\n", i,
				    t[i], t);
			}
		}
	}
	is_int(bad, 0, "none of %zu tampered salts and hashes verifies", n);

	/*
	 * The last character of each part holds bits that the decoder
	 * drops (4 of the salt's, 2 of the hash's): a stored string with
	 * them changed is not the one that was written, and must fail.
	 */
	bad = n = 0;
	for (i = 0; i < 64; i++) {
		memcpy(t, h, sizeof(t));
		if (b64chars[i] != h[salt + 21]) {
			t[salt + 21] = b64chars[i];
			n++;
			bad += passwd_verify(PW, t, LN, NULL);
		}
		memcpy(t, h, sizeof(t));
		if (b64chars[i] != h[hash + 42]) {
			t[hash + 42] = b64chars[i];
			n++;
			bad += passwd_verify(PW, t, LN, NULL);
		}
	}
	is_int(bad, 0, "no other last character of salt or hash verifies "
	    "(%zu tried)", n);
}

static void
test_malformed(void)
{
	static const char *bad[] = {
		"",
		"$",
		"$scrypt$",
		"$scrypt$ln=10,r=8,p=1",
		"$scrypt$ln=10,r=8,p=1$",
		"$scrypt$ln=10,r=8,p=1$$",
		"$scrypt$ln=10,r=8$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$",
		"$scrypt$ln=10,r=8,p=1$$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA=$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAAAA$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAA$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAA*==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$",
		"$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"$scrypt$ln=10,r=8,p=1$====================$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$bcrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$scrypt$n=1024,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"$scrypt$ln=x,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$"
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
	};
	/* Costs no hash was ever made with: refused before any work. */
	static const char *absurd[] = {
		"ln=0,r=8,p=1", "ln=9,r=8,p=1", "ln=21,r=8,p=1",
		"ln=64,r=8,p=1", "ln=99999999999,r=8,p=1", "ln=-1,r=8,p=1",
		"ln=10,r=0,p=1", "ln=10,r=-8,p=1", "ln=10,r=33,p=1",
		"ln=10,r=1000000,p=1", "ln=10,r=8,p=0", "ln=10,r=8,p=5",
		"ln=10,r=8,p=-1", "ln=10,r=8,p=99999",
		/* in each bound alone, but gigabytes and minutes together */
		"ln=20,r=32,p=4", "ln=20,r=16,p=1", "ln=19,r=8,p=4",
	};
	char h[PASSWD_HASH_MAX], t[PASSWD_HASH_MAX + 64];
	const char *rest;
	size_t i;
	double t0;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(!passwd_verify(PW, bad[i], LN, NULL),
		    "malformed stored string %zu refused", i);
	ok(!passwd_verify(PW, NULL, LN, NULL), "NULL stored refused");

	/* A real salt and hash under absurd parameters. */
	if (passwd_hash(PW, LN, h) != TJG_OK ||
	    (rest = strchr(h + 8, '$')) == NULL) {
		ok(0, "hash for absurd parameters");
		return;
	}
	for (i = 0; i < sizeof(absurd) / sizeof(absurd[0]); i++) {
		snprintf(t, sizeof(t), "$scrypt$%s%s", absurd[i], rest);
		t0 = now();
		ok(!passwd_verify(PW, t, LN, NULL) && now() - t0 < 1.0,
		    "%s refused at once", absurd[i]);
	}
}

/* A hash of a lower cost verifies and says so, to be rehashed. */
static void
test_weaker(void)
{
	char h[PASSWD_HASH_MAX];
	bool weaker = false;

	is_int(passwd_hash(PW, LN, h), TJG_OK, "hash at ln 10");
	ok(passwd_verify(PW, h, LN + 1, &weaker), "verifies under ln 11");
	ok(weaker, "... and is weaker than ln 11");
	weaker = true;
	ok(passwd_verify(PW, h, LN, &weaker), "verifies under ln 10");
	ok(!weaker, "... and is not weaker than ln 10");
	weaker = true;
	ok(passwd_verify(PW, h, PASSWD_LN_MIN, &weaker) && !weaker,
	    "nor than the minimum");
	weaker = true;
	ok(!passwd_verify("wrong password", h, LN + 1, &weaker),
	    "a wrong password fails under ln 11");
	ok(!weaker, "... and weaker stays false");

	is_int(passwd_hash(PW, LN + 1, h), TJG_OK, "hash at ln 11");
	ok(passwd_verify(PW, h, LN, &weaker) && !weaker,
	    "a stronger hash is not weaker");
}

static void
test_policy(void)
{
	static const struct {
		const char	*pw;
		const char	*want;
	} cases[] = {
		{ "", "admin.pw.short" },
		{ "a", "admin.pw.short" },
		{ "123456789", "admin.pw.short" },
		{ "1234567890", NULL },
		{ "aaaaaaaaaa", "admin.pw.weak" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "admin.pw.weak" },
		{ "          ", "admin.pw.weak" },
		{ "aaaaaaaaab", NULL },
		{ "baaaaaaaaa", NULL },
		{ "åäöåä", NULL },		/* 10 bytes */
		{ "åäöå", "admin.pw.short" },	/* 8 bytes */
		{ "a long passphrase with spaces", NULL },
	};
	char *big;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(passwd_policy(cases[i].pw), cases[i].want,
		    "policy of \"%s\"", cases[i].pw);
	if ((big = malloc(PASSWD_MAX_LEN + 2)) == NULL)
		abort();
	for (i = 0; i <= PASSWD_MAX_LEN; i++)
		big[i] = (char)('a' + i % 26);
	big[PASSWD_MAX_LEN + 1] = '\0';
	is_str(passwd_policy(big), "admin.pw.long", "PASSWD_MAX_LEN + 1 bytes");
	big[PASSWD_MAX_LEN] = '\0';
	is_str(passwd_policy(big), NULL, "PASSWD_MAX_LEN bytes");
	free(big);
}

static void
test_random(void)
{
	char a[17], b[17];
	size_t i;
	bool alphabet = true;

	memset(a, '#', sizeof(a));
	is_int(passwd_random(a), TJG_OK, "random password");
	is_int(strlen(a), 16, "16 characters");
	for (i = 0; i < 16; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_", a[i]) == NULL)
			alphabet = false;
	ok(alphabet, "base64url: %s", a);
	is_str(passwd_policy(a), NULL, "passes the policy");
	is_int(passwd_random(b), TJG_OK, "another");
	ok(strcmp(a, b) != 0, "differs each call");
}

int
main(void)
{
	test_roundtrip();
	test_errors();
	test_tamper();
	test_malformed();
	test_weaker();
	test_policy();
	test_random();
	return done_testing();
}
