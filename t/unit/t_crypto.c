/*
 * Unit tests: the key file (loading, every refusal with its line,
 * permissions, keygen, rotation and key removal), AES-256-GCM blobs
 * (known answer, round trip, tampering with each region, AAD, empty and 1 MB
 * plaintexts), blind indexes, SHA-256, tokens and order references,
 * provider certificates and CMS EnvelopedData (a key and a self-signed
 * certificate made here, the envelope opened with CMS_decrypt()).
 * Files live in a mkdtemp directory that is removed at the end.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "buf.h"
#include "crypto.h"
#include "err.h"
#include "tap.h"

/* Known keys: index 00..1f, data 20..3f and 40..5f. */
#define IDX	"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define D1	"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="
#define D2	"QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8="
#define REF	"ABCDEFGHJKLM"
#define REF_ALPHABET	"23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

/*
 * Sealed by an independent implementation (Python cryptography):
 * data key 1, nonce 00..0b, AAD 0x01 || REF, "Anna Andersson".
 */
static const char kat_hex[] =
    "01000102030405060708090a0b1d3c33c66a748588d98bbab5491d48fcb73d2503"
    "42698936d61b23bedb55";

static char dir[PATH_MAX];
static char kpath[PATH_MAX];	/* dir/keys: the file most tests use */

/* Writes dir/name to out (PATH_MAX bytes). */
static void
in_dir(char *out, const char *name)
{
	if (snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		abort();
}

static bool
write_file_len(const char *path, const char *text, size_t len, mode_t mode)
{
	int fd;
	bool ok;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return false;
	ok = write(fd, text, len) == (ssize_t)len && fchmod(fd, mode) == 0;
	if (close(fd) == -1)
		ok = false;
	return ok;
}

static bool
write_file(const char *path, const char *text, mode_t mode)
{
	return write_file_len(path, text, strlen(text), mode);
}

/* Reads a whole file into b (reset first); false if it cannot. */
static bool
read_file(const char *path, struct buf *b)
{
	char chunk[4096];
	size_t n;
	FILE *fp;

	buf_reset(b);
	if ((fp = fopen(path, "r")) == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(b, chunk, n);
	fclose(fp);
	return true;
}

/* Writes text to kpath with mode and loads it. */
static int
load_text(const char *text, mode_t mode, struct crypto_keys **k, char *err,
    size_t errlen)
{
	err[0] = '\0';
	if (!write_file(kpath, text, mode))
		return -1;
	return crypto_keys_load(k, kpath, err, errlen);
}

static void
unhex(const char *h, unsigned char *out, size_t *n)
{
	unsigned int v;

	for (*n = 0; h[0] != '\0' && h[1] != '\0'; h += 2) {
		sscanf(h, "%2x", &v);
		out[(*n)++] = (unsigned char)v;
	}
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

static bool
mem_has(const void *hay, size_t n, const void *needle, size_t m)
{
	return hay != NULL && m > 0 && memmem(hay, n, needle, m) != NULL;
}

/* Fragments of the test keys: no message may contain them. */
static bool
leaks_key(const char *s)
{
	return strstr(s, "AAECAwQFBgcI") != NULL ||
	    strstr(s, "ICEiIyQlJico") != NULL ||
	    strstr(s, "QEFCQ0RFRkdI") != NULL;
}

static void
test_load_errors(void)
{
	static const struct {
		const char	*text;
		int		 line;
		const char	*msg;
	} bad[] = {
		{ "", 0, "no data key" },
		{ "# only a comment\n\n", 0, "no data key" },
		{ "index " IDX "\n", 0, "no data key" },
		{ "data 1 " D1 "\n", 0, "no index key" },
		{ "index " IDX "\ndata 1 " D1 "\nindex " D2 "\n", 3,
		    "second index key (first on line 1); the index key "
		    "must never change" },
		{ "index " IDX "\ndata 1 " D1 "\ndata 1 " D2 "\n", 3,
		    "data key 1 given twice (first on line 2)" },
		{ "index " IDX "\ndata 7 " D1 "\ndata 007 " D2 "\n", 3,
		    "data key 7 given twice (first on line 2)" },
		{ "index " IDX "\ndata 0 " D1 "\n", 2,
		    "data key id must be a number from 1 to 255" },
		{ "index " IDX "\ndata 256 " D1 "\n", 2,
		    "data key id must be a number from 1 to 255" },
		{ "index " IDX "\ndata -1 " D1 "\n", 2,
		    "data key id must be a number from 1 to 255" },
		{ "index " IDX "\ndata 1x " D1 "\n", 2,
		    "data key id must be a number from 1 to 255" },
		{ "index " IDX "\ndata 0001 " D1 "\n", 2,
		    "data key id must be a number from 1 to 255" },
		{ "index " IDX "\ndata 1 AAECAwQF\n", 2,
		    "data key 1 is not base64 of 32 bytes" },
		/* 33 bytes: 44 characters, like a 32-byte key. */
		{ "index " IDX "\ndata 1 "
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", 2,
		    "data key 1 is not base64 of 32 bytes" },
		/* Stray bits in the last character. */
		{ "index " IDX "\ndata 1 "
		    "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9=\n", 2,
		    "data key 1 is not base64 of 32 bytes" },
		/* No padding. */
		{ "index " IDX "\ndata 1 "
		    "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8\n", 2,
		    "data key 1 is not base64 of 32 bytes" },
		{ "index " IDX "\ndata 1 "
		    "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9P*8=\n", 2,
		    "data key 1 is not base64 of 32 bytes" },
		{ "index " IDX "\ndata 1 "
		    "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8==\n", 2,
		    "data key 1 is not base64 of 32 bytes" },
		{ "index AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n"
		    "data 1 " D1 "\n", 1,
		    "index key is not base64 of 32 bytes" },
		{ "index " IDX "\ndata 1\n", 2, "expected: data <id> <key>" },
		{ "index " IDX "\ndata " D1 "\n", 2,
		    "expected: data <id> <key>" },
		{ "index " IDX "\ndata 1 " D1 " # old\n", 2,
		    "expected: data <id> <key>" },
		{ "index\ndata 1 " D1 "\n", 1, "expected: index <key>" },
		{ "index " IDX " " D2 "\ndata 1 " D1 "\n", 1,
		    "expected: index <key>" },
		{ "index " IDX "\nkey 1 " D1 "\n", 2,
		    "unknown keyword (expected data or index)" },
		{ "index " IDX "\nDATA 1 " D1 "\n", 2,
		    "unknown keyword (expected data or index)" },
		{ "index " IDX "\n" D1 "\n", 2,
		    "unknown keyword (expected data or index)" },
		/* Comments, blank lines and CRs still count as lines. */
		{ "# keys\n\n   # indented comment\r\nindex " IDX "\n\t\n"
		    "data 1 " D1 "\ndata 1 " D2 "\n", 7,
		    "data key 1 given twice (first on line 6)" },
		{ "index " IDX "\ndata 1 " D1 "\ndata 2 " IDX "\n", 3,
		    "data key 2 equals the index key" },
	};
	struct crypto_keys *k;
	char err[512], want[PATH_MAX + 200];
	size_t i;
	bool leaked = false, nulled = true;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		k = (struct crypto_keys *)1;
		is_int(load_text(bad[i].text, 0600, &k, err, sizeof(err)),
		    TJG_ECONFIG, "bad key file %zu refused", i);
		if (k != NULL)
			nulled = false;
		if (bad[i].line > 0)
			snprintf(want, sizeof(want), "%s:%d: %s", kpath,
			    bad[i].line, bad[i].msg);
		else
			snprintf(want, sizeof(want), "%s: %s", kpath,
			    bad[i].msg);
		is_str(err, want, "bad key file %zu: message", i);
		if (leaks_key(err))
			leaked = true;
	}
	ok(nulled, "a refused file leaves *out NULL");
	ok(!leaked, "no message quotes key material");

	/* A NUL byte on line 2. */
	static const char nul[] = "index " IDX "\nda\0ta 1 " D1 "\n";
	err[0] = '\0';
	ok(write_file_len(kpath, nul, sizeof(nul) - 1, 0600), "write NUL");
	is_int(crypto_keys_load(&k, kpath, err, sizeof(err)), TJG_ECONFIG,
	    "NUL byte refused");
	snprintf(want, sizeof(want), "%s:2: NUL byte", kpath);
	is_str(err, want, "NUL byte: message");

	/* Too large (comment lines beyond 64 KiB). */
	{
		struct buf big;

		buf_init(&big);
		buf_adds(&big, "index " IDX "\ndata 1 " D1 "\n");
		while (big.len <= 64 * 1024)
			buf_adds(&big, "# padding padding padding padding\n");
		is_int(load_text(big.p, 0600, &k, err, sizeof(err)),
		    TJG_ECONFIG, "file over 64 KiB refused");
		snprintf(want, sizeof(want), "%s: larger than 64 KiB", kpath);
		is_str(err, want, "too large: message");
		buf_free(&big);
	}
}

static void
test_load_good(void)
{
	struct crypto_keys *k = NULL;
	char err[512];

	is_int(load_text("# keys\r\n  index\t" IDX "  \r\n\n"
	    "data 3 " D2 "\r\n\tdata  1 " D1, 0600, &k, err, sizeof(err)),
	    TJG_OK, "CRLF, tabs, indentation, no final newline: loads (%s)",
	    err);
	if (k != NULL)
		is_int(crypto_keys_newest(k), 3, "highest id is newest");
	crypto_keys_free(k);
	k = NULL;
	is_int(load_text("index " IDX "\ndata 255 " D1 "\ndata 9 " D2 "\n",
	    0600, &k, err, sizeof(err)), TJG_OK, "id 255 loads");
	if (k != NULL)
		is_int(crypto_keys_newest(k), 255, "255 is newest");
	crypto_keys_free(k);
	crypto_keys_free(NULL);
	ok(1, "crypto_keys_free(NULL) is a no-op");
}

static void
test_permissions(void)
{
	static const mode_t badmodes[] = { 0644, 0640, 0604, 0620, 0602,
	    0610, 0601, 0660, 0666 };
	struct crypto_keys *k = NULL;
	char err[512], want[PATH_MAX + 200], other[PATH_MAX];
	const char *good = "index " IDX "\ndata 1 " D1 "\n";
	size_t i;

	for (i = 0; i < sizeof(badmodes) / sizeof(badmodes[0]); i++) {
		is_int(load_text(good, badmodes[i], &k, err, sizeof(err)),
		    TJG_ECONFIG, "mode %04o refused", (unsigned)badmodes[i]);
		snprintf(want, sizeof(want), "%s: mode %04o lets group or "
		    "other at the keys; chmod 0600", kpath,
		    (unsigned)badmodes[i]);
		is_str(err, want, "mode %04o: message",
		    (unsigned)badmodes[i]);
		ok(k == NULL, "mode %04o: no keys", (unsigned)badmodes[i]);
	}
	is_int(load_text(good, 0400, &k, err, sizeof(err)), TJG_OK,
	    "mode 0400 loads");
	crypto_keys_free(k);
	k = NULL;

	in_dir(other, "missing");
	is_int(crypto_keys_load(&k, other, err, sizeof(err)), TJG_ECONFIG,
	    "missing file refused");
	has_str(err, ": cannot open: No such file", "missing: message");
	is_int(crypto_keys_load(&k, dir, err, sizeof(err)), TJG_ECONFIG,
	    "directory refused");
	snprintf(want, sizeof(want), "%s: not a regular file", dir);
	is_str(err, want, "directory: message");
}

/* Checks that opening blob fails and out holds nothing of plain. */
static bool
refused(const struct crypto_keys *k, const unsigned char *blob, size_t len,
    const char *aad, struct buf *out, const void *plain, size_t plen)
{
	size_t m;
	int rc;

	/* out starts with a previous plaintext in it. */
	buf_reset(out);
	buf_add(out, "previous", 8);
	rc = crypto_open(k, blob, len, aad, aad != NULL ? strlen(aad) : 0,
	    out);
	/* Both ends: one flipped bit cannot change both. */
	m = plen > 32 ? 16 : plen;
	return rc == TJG_EINVAL && out->len == 0 &&
	    (out->p == NULL || out->p[0] == '\0') &&
	    !mem_has(out->p, out->cap, plain, m) &&
	    !mem_has(out->p, out->cap, (const char *)plain + plen - m, m);
}

static void
test_blobs(void)
{
	static const char pii[] = "Anna Andersson\n191212121212\n"
	    "anna@example.se\n+46701234567";
	const size_t plen = sizeof(pii) - 1;
	struct crypto_keys *k = NULL, *k1 = NULL;
	struct buf blob, blob2, out;
	unsigned char kat[128], *big = NULL, *t = NULL;
	size_t katlen, i, n;
	char err[512];
	bool all;

	buf_init(&blob);
	buf_init(&blob2);
	buf_init(&out);
	if (load_text("index " IDX "\ndata 1 " D1 "\ndata 2 " D2 "\n", 0600,
	    &k, err, sizeof(err)) != TJG_OK ||
	    load_text("index " IDX "\ndata 1 " D1 "\n", 0600, &k1, err,
	    sizeof(err)) != TJG_OK) {
		ok(0, "load test keys: %s", err);
		goto out;
	}

	/* Known answer: the format is what the other side wrote. */
	unhex(kat_hex, kat, &katlen);
	is_int(crypto_open(k, kat, katlen, REF, strlen(REF), &out), TJG_OK,
	    "known blob opens");
	is_str(buf_str(&out), "Anna Andersson", "known blob: plaintext");
	is_int(crypto_blob_key_id(kat, katlen), 1, "known blob: key id 1");

	/* Round trip. */
	is_int(crypto_seal(k, pii, plen, REF, strlen(REF), &blob), TJG_OK,
	    "seal");
	is_int(blob.len, plen + CRYPTO_OVERHEAD, "blob is plaintext + 29");
	is_int((unsigned char)blob.p[0], 2, "sealed with the newest key");
	is_int(crypto_blob_key_id(blob.p, blob.len), 2, "blob key id 2");
	ok(!mem_has(blob.p, blob.len, "Anna", 4), "no plaintext in blob");
	is_int(crypto_open(k, blob.p, blob.len, REF, strlen(REF), &out),
	    TJG_OK, "open");
	ok(out.len == plen && memcmp(out.p, pii, plen) == 0,
	    "open gives the plaintext back");
	is_int(crypto_seal(k, pii, plen, REF, strlen(REF), &blob2), TJG_OK,
	    "seal again");
	ok(blob.len == blob2.len && memcmp(blob.p + 1, blob2.p + 1,
	    CRYPTO_NONCE_LEN) != 0, "fresh nonce every seal");
	ok(memcmp(blob.p, blob2.p, blob.len) != 0, "blobs differ");

	/* Tamper with every bit of each region. */
	if ((t = malloc(blob.len)) == NULL)
		abort();
	{
		static const char *const region[] = { "key id", "nonce",
		    "ciphertext", "tag" };
		size_t from, to, r, bit;

		for (r = 0; r < 4; r++) {
			switch (r) {
			case 0:
				from = 0;
				to = 1;
				break;
			case 1:
				from = 1;
				to = 1 + CRYPTO_NONCE_LEN;
				break;
			case 2:
				from = 1 + CRYPTO_NONCE_LEN;
				to = blob.len - CRYPTO_TAG_LEN;
				break;
			default:
				from = blob.len - CRYPTO_TAG_LEN;
				to = blob.len;
				break;
			}
			all = true;
			for (i = from; i < to; i++)
				for (bit = 0; bit < 8; bit++) {
					memcpy(t, blob.p, blob.len);
					t[i] ^= (unsigned char)(1u << bit);
					if (!refused(k, t, blob.len, REF, &out,
					    pii, plen))
						all = false;
				}
			ok(all, "every bit flip in the %s refused, nothing "
			    "returned", region[r]);
		}
	}
	/* Relabelled to another key that exists: authentication fails. */
	memcpy(t, blob.p, blob.len);
	t[0] = 1;
	ok(refused(k, t, blob.len, REF, &out, pii, plen),
	    "key id 2 -> 1 (a known key) refused");
	t[0] = 3;
	ok(refused(k, t, blob.len, REF, &out, pii, plen),
	    "unknown key id refused");
	t[0] = 0;
	ok(refused(k, t, blob.len, REF, &out, pii, plen), "key id 0 refused");
	is_int(crypto_blob_key_id(t, blob.len), -1, "key id 0: -1");

	/* Truncated and extended. */
	all = true;
	for (n = 0; n < blob.len; n++)
		if (!refused(k, (unsigned char *)blob.p, n, REF, &out, pii,
		    plen))
			all = false;
	ok(all, "every truncation refused");
	for (n = 0; n < CRYPTO_OVERHEAD; n++)
		if (crypto_blob_key_id(blob.p, n) != -1)
			break;
	is_int(n, CRYPTO_OVERHEAD, "blob_key_id: -1 below 29 bytes");
	buf_reset(&blob2);
	buf_add(&blob2, blob.p, blob.len);
	buf_addc(&blob2, 'x');
	ok(refused(k, (unsigned char *)blob2.p, blob2.len, REF, &out, pii,
	    plen), "extended blob refused");

	/* AAD binds the blob to its order. */
	ok(refused(k, (unsigned char *)blob.p, blob.len, "ABCDEFGHJKLN",
	    &out, pii, plen), "other order reference refused");
	ok(refused(k, (unsigned char *)blob.p, blob.len, "", &out, pii,
	    plen), "empty AAD refused");
	ok(refused(k, (unsigned char *)blob.p, blob.len, NULL, &out, pii,
	    plen), "no AAD refused");
	ok(refused(k, (unsigned char *)blob.p, blob.len, REF "2", &out, pii,
	    plen), "longer AAD refused");
	ok(refused(k, (unsigned char *)kat, katlen, "ABCDEFGHJKL", &out,
	    "Anna", 4), "known blob, shorter AAD refused");
	is_int(crypto_seal(k, pii, plen, NULL, 0, &blob2), TJG_OK,
	    "seal without AAD");
	is_int(crypto_open(k, blob2.p, blob2.len, NULL, 0, &out), TJG_OK,
	    "open without AAD");
	ok(refused(k, (unsigned char *)blob2.p, blob2.len, REF, &out, pii,
	    plen), "sealed without AAD, opened with: refused");

	/* A key set without the key: refused; with only key 1: known. */
	ok(refused(k1, (unsigned char *)blob.p, blob.len, REF, &out, pii,
	    plen), "key set without key 2 refuses its blob");

	/* Empty plaintext. */
	is_int(crypto_seal(k, "", 0, REF, strlen(REF), &blob2), TJG_OK,
	    "seal empty plaintext");
	is_int(blob2.len, CRYPTO_OVERHEAD, "empty: blob is 29 bytes");
	buf_reset(&out);
	buf_adds(&out, "stale");
	is_int(crypto_open(k, blob2.p, blob2.len, REF, strlen(REF), &out),
	    TJG_OK, "open empty");
	ok(out.len == 0 && buf_str(&out)[0] == '\0', "empty: nothing out");
	blob2.p[blob2.len - 1] ^= 1;
	ok(refused(k, (unsigned char *)blob2.p, blob2.len, REF, &out, "x",
	    0), "empty: tampered tag refused");

	/* 1 MB. */
	n = 1024 * 1024;
	if ((big = malloc(n)) == NULL)
		abort();
	is_int(crypto_random(big, n), TJG_OK, "1 MB of random plaintext");
	is_int(crypto_seal(k, big, n, REF, strlen(REF), &blob2), TJG_OK,
	    "seal 1 MB");
	is_int(blob2.len, n + CRYPTO_OVERHEAD, "1 MB: blob length");
	is_int(crypto_open(k, blob2.p, blob2.len, REF, strlen(REF), &out),
	    TJG_OK, "open 1 MB");
	ok(out.len == n && memcmp(out.p, big, n) == 0, "1 MB round trip");
	blob2.p[CRYPTO_OVERHEAD + n / 2] ^= 0x40;
	ok(refused(k, (unsigned char *)blob2.p, blob2.len, REF, &out, big,
	    64), "1 MB: one flipped bit refused, nothing returned");

	crypto_buf_clear(&out);
	ok(out.p == NULL && out.len == 0 && out.cap == 0,
	    "crypto_buf_clear empties the buffer");
out:
	free(t);
	free(big);
	buf_free(&blob);
	buf_free(&blob2);
	crypto_buf_clear(&out);
	crypto_keys_free(k);
	crypto_keys_free(k1);
}

/* Drops the lines of b that start with prefix. */
static void
drop_lines(struct buf *b, const char *prefix)
{
	struct buf o;
	const char *p, *e;

	buf_init(&o);
	for (p = buf_str(b); *p != '\0'; p = e) {
		e = strchr(p, '\n');
		e = e != NULL ? e + 1 : p + strlen(p);
		if (strncmp(p, prefix, strlen(prefix)) != 0)
			buf_add(&o, p, (size_t)(e - p));
	}
	buf_reset(b);
	buf_add(b, buf_str(&o), o.len);
	buf_free(&o);
}

static void
test_rotation(void)
{
	struct crypto_keys *k1 = NULL, *k2 = NULL, *k3 = NULL;
	struct buf b1, b2, b3, out, file, before;
	unsigned char ix1[CRYPTO_BIDX_LEN], ix2[CRYPTO_BIDX_LEN];
	char err[512], want[PATH_MAX + 200], path[PATH_MAX],
	    tmp[PATH_MAX + 8], link_path[PATH_MAX];
	const char *kept = "# keep me\nindex " IDX "\ndata 3 " D1
	    "\ndata 4 ";
	struct stat st;
	int id;

	buf_init(&b1);
	buf_init(&b2);
	buf_init(&b3);
	buf_init(&out);
	buf_init(&file);
	buf_init(&before);
	in_dir(path, "rot");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);

	/* New file. */
	id = 0;
	err[0] = '\0';
	is_int(crypto_keygen(path, &id, err, sizeof(err)), TJG_OK,
	    "keygen creates a key file (%s)", err);
	is_int(id, 1, "first data key is 1");
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600,
	    "created with mode 0600");
	ok(access(tmp, F_OK) == -1, "no .tmp left");
	ok(read_file(path, &file), "read key file");
	has_str(buf_str(&file), "\nindex ", "has an index line");
	has_str(buf_str(&file), "\ndata 1 ", "has data key 1");
	ok(!leaks_key(err), "no key in messages");
	is_int(crypto_keys_load(&k1, path, err, sizeof(err)), TJG_OK,
	    "generated file loads (%s)", err);
	if (k1 == NULL)
		goto out;
	is_int(crypto_keys_newest(k1), 1, "newest 1");
	crypto_bidx(k1, "pnr", "191212121212", ix1);
	is_int(crypto_seal(k1, "one", 3, REF, strlen(REF), &b1), TJG_OK,
	    "seal with key 1");

	/* Add key 2. */
	is_int(crypto_keygen(path, &id, err, sizeof(err)), TJG_OK,
	    "keygen adds a key (%s)", err);
	is_int(id, 2, "second data key is 2");
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600,
	    "still mode 0600");
	ok(access(tmp, F_OK) == -1, "no .tmp left");
	ok(read_file(path, &before), "read key file");
	ok(strncmp(buf_str(&before), buf_str(&file), file.len) == 0,
	    "old lines kept as they were");
	is_int(crypto_keys_load(&k2, path, err, sizeof(err)), TJG_OK,
	    "rotated file loads");
	if (k2 == NULL)
		goto out;
	is_int(crypto_keys_newest(k2), 2, "newest 2");
	crypto_bidx(k2, "pnr", "191212121212", ix2);
	ok(memcmp(ix1, ix2, sizeof(ix1)) == 0,
	    "index key unchanged by rotation");
	is_int(crypto_seal(k2, "two", 3, REF, strlen(REF), &b2), TJG_OK,
	    "seal after rotation");
	is_int(crypto_blob_key_id(b2.p, b2.len), 2, "new seals use key 2");
	is_int(crypto_open(k2, b1.p, b1.len, REF, strlen(REF), &out), TJG_OK,
	    "old blob still opens");
	is_str(buf_str(&out), "one", "old blob: plaintext");
	is_int(crypto_open(k2, b2.p, b2.len, REF, strlen(REF), &out), TJG_OK,
	    "new blob opens");
	is_int(crypto_open(k1, b2.p, b2.len, REF, strlen(REF), &out),
	    TJG_EINVAL, "new blob refused by the old key set");

	/* Remove key 1: old blobs refused, new ones fine. */
	drop_lines(&before, "data 1 ");
	ok(write_file(path, buf_str(&before), 0600), "remove data key 1");
	is_int(crypto_keys_load(&k3, path, err, sizeof(err)), TJG_OK,
	    "file without key 1 loads");
	if (k3 == NULL)
		goto out;
	is_int(crypto_open(k3, b1.p, b1.len, REF, strlen(REF), &out),
	    TJG_EINVAL, "blob of key 1 refused");
	ok(out.len == 0, "nothing returned");
	is_int(crypto_blob_key_id(b1.p, b1.len), 1,
	    "its key id tells which key is missing");
	is_int(crypto_open(k3, b2.p, b2.len, REF, strlen(REF), &out), TJG_OK,
	    "blob of key 2 opens");
	is_int(crypto_seal(k3, "three", 5, REF, strlen(REF), &b3), TJG_OK,
	    "seal");
	is_int(crypto_blob_key_id(b3.p, b3.len), 2, "still key 2");
	is_int(crypto_open(k3, b3.p, b3.len, REF, strlen(REF), &out), TJG_OK,
	    "and opens");

	/* Refusals leave the file alone. */
	ok(write_file(tmp, "", 0600), "stale .tmp");
	id = 0;
	is_int(crypto_keygen(path, &id, err, sizeof(err)), TJG_ECONFIG,
	    "keygen refuses while a .tmp exists");
	snprintf(want, sizeof(want), "%s: exists: another keygen is running, "
	    "or one crashed (check, then remove it)", tmp);
	is_str(err, want, "stale .tmp: message");
	ok(read_file(tmp, &file) && file.len == 0, ".tmp not touched");
	unlink(tmp);
	is_int(id, 0, "no id on failure");

	ok(chmod(path, 0640) == 0, "chmod 0640");
	is_int(crypto_keygen(path, &id, err, sizeof(err)), TJG_ECONFIG,
	    "keygen refuses a group-readable file");
	ok(access(tmp, F_OK) == -1, "no .tmp left");
	ok(chmod(path, 0600) == 0, "chmod 0600");

	ok(write_file(path, "index " IDX "\ndata 255 " D1 "\n", 0600),
	    "key file with id 255");
	is_int(crypto_keygen(path, &id, err, sizeof(err)), TJG_ECONFIG,
	    "keygen refuses at 255");
	snprintf(want, sizeof(want), "%s: data key 255 exists; no id left",
	    path);
	is_str(err, want, "at 255: message");
	ok(read_file(path, &file) && strcmp(buf_str(&file),
	    "index " IDX "\ndata 255 " D1 "\n") == 0, "file unchanged");
	ok(access(tmp, F_OK) == -1, "no .tmp left");

	ok(write_file(path, "index " IDX "\ndata 1 " D1 "\ndata x " D2 "\n",
	    0600), "broken key file");
	is_int(crypto_keygen(path, &id, err, sizeof(err)), TJG_ECONFIG,
	    "keygen refuses a broken file");
	snprintf(want, sizeof(want), "%s:3: data key id must be a number "
	    "from 1 to 255", path);
	is_str(err, want, "broken: message names the line");

	ok(write_file(path, "# keep me\nindex " IDX "\ndata 3 " D1, 0600),
	    "file without final newline");
	is_int(crypto_keygen(path, &id, err, sizeof(err)), TJG_OK,
	    "keygen appends");
	is_int(id, 4, "highest + 1");
	ok(read_file(path, &file) && strncmp(buf_str(&file), kept,
	    strlen(kept)) == 0, "comment and lines kept, newline added");
	crypto_keys_free(k3);
	k3 = NULL;
	is_int(crypto_keys_load(&k3, path, err, sizeof(err)), TJG_OK,
	    "and it loads");
	if (k3 != NULL)
		is_int(crypto_keys_newest(k3), 4, "newest 4");

	/* Run as root, keygen must leave the file to the workers' user. */
	if (geteuid() == 0) {
		ok(chown(path, 65534, 65534) == 0, "chown to 65534");
		is_int(crypto_keygen(path, &id, err, sizeof(err)), TJG_OK,
		    "keygen as root on another user's file");
		ok(stat(path, &st) == 0 && st.st_uid == 65534 &&
		    st.st_gid == 65534 && (st.st_mode & 07777) == 0600,
		    "owner, group and mode kept");
	} else
		ok(1, "# SKIP owner kept: not root");

	in_dir(link_path, "link");
	ok(symlink(path, link_path) == 0, "symlink");
	is_int(crypto_keygen(link_path, &id, err, sizeof(err)), TJG_ECONFIG,
	    "keygen refuses a symbolic link");
	snprintf(want, sizeof(want), "%s: a symbolic link; give the path of "
	    "the file itself", link_path);
	is_str(err, want, "symlink: message");
	unlink(link_path);
out:
	unlink(path);
	unlink(tmp);
	crypto_keys_free(k1);
	crypto_keys_free(k2);
	crypto_keys_free(k3);
	buf_free(&b1);
	buf_free(&b2);
	buf_free(&b3);
	crypto_buf_clear(&out);
	crypto_buf_clear(&file);
	crypto_buf_clear(&before);
}

/*
 * crypto_key_remove: the end of a rotation. The removed key's line (and
 * only it) is gone, the rest loads, blobs of the other keys open; the
 * newest key, an absent id and a locked file are refused and leave the
 * file as it was.
 */
static void
test_remove(void)
{
	struct crypto_keys *k = NULL;
	struct buf b3, out, file;
	char err[512], want[PATH_MAX + 200], path[PATH_MAX],
	    tmp[PATH_MAX + 8], link_path[PATH_MAX];
	const char *text = "# keys\nindex " IDX "\ndata 2 " D1 "\n"
	    "# the new one\ndata 3 " D2 "\n";
	const char *after = "# keys\nindex " IDX "\n"
	    "# the new one\ndata 3 " D2 "\n";
	struct stat st;

	buf_init(&b3);
	buf_init(&out);
	buf_init(&file);
	in_dir(path, "rm");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	ok(write_file(path, text, 0600), "key file with data keys 2 and 3");
	is_int(crypto_keys_load(&k, path, err, sizeof(err)), TJG_OK,
	    "it loads");
	if (k == NULL)
		goto out;
	ok(!crypto_keys_has(k, 1) && crypto_keys_has(k, 2) &&
	    crypto_keys_has(k, 3), "has 2 and 3, not 1");
	ok(!crypto_keys_has(k, 0) && !crypto_keys_has(k, 256) &&
	    !crypto_keys_has(k, -1), "has no id outside 1..255");
	is_int(crypto_seal(k, "three", 5, REF, strlen(REF), &b3), TJG_OK,
	    "seal with key 3");
	crypto_keys_free(k);
	k = NULL;

	err[0] = '\0';
	is_int(crypto_key_remove(path, 3, err, sizeof(err)), TJG_ECONFIG,
	    "the newest key is not removed");
	snprintf(want, sizeof(want), "%s: data key 3 is the newest: it "
	    "encrypts new orders (add a newer one with keygen first)", path);
	is_str(err, want, "newest: message");
	is_int(crypto_key_remove(path, 1, err, sizeof(err)), TJG_ECONFIG,
	    "an absent key is refused");
	snprintf(want, sizeof(want), "%s: has no data key 1", path);
	is_str(err, want, "absent: message");
	is_int(crypto_key_remove(path, 0, err, sizeof(err)), TJG_ECONFIG,
	    "id 0 is refused");
	ok(read_file(path, &file) && strcmp(buf_str(&file), text) == 0,
	    "refusals leave the file as it was");
	ok(access(tmp, F_OK) == -1, "no .tmp left");

	ok(write_file(tmp, "", 0600), "stale .tmp");
	is_int(crypto_key_remove(path, 2, err, sizeof(err)), TJG_ECONFIG,
	    "refused while a .tmp exists (keygen running)");
	ok(read_file(path, &file) && strcmp(buf_str(&file), text) == 0,
	    "file unchanged");
	unlink(tmp);

	ok(chmod(path, 0644) == 0, "chmod 0644");
	is_int(crypto_key_remove(path, 2, err, sizeof(err)), TJG_ECONFIG,
	    "refused on a file others may read");
	ok(chmod(path, 0600) == 0, "chmod 0600");

	err[0] = '\0';
	is_int(crypto_key_remove(path, 2, err, sizeof(err)), TJG_OK,
	    "data key 2 removed (%s)", err);
	ok(read_file(path, &file) && strcmp(buf_str(&file), after) == 0,
	    "only its line is gone; comments and order kept");
	ok(!mem_has(file.p, file.len, D1, strlen(D1)), "its key is gone");
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600,
	    "still mode 0600");
	ok(access(tmp, F_OK) == -1, "no .tmp left");
	ok(!leaks_key(err), "no key in messages");
	is_int(crypto_keys_load(&k, path, err, sizeof(err)), TJG_OK,
	    "the file loads");
	if (k == NULL)
		goto out;
	is_int(crypto_keys_newest(k), 3, "newest still 3");
	ok(!crypto_keys_has(k, 2), "key 2 is gone");
	is_int(crypto_open(k, b3.p, b3.len, REF, strlen(REF), &out), TJG_OK,
	    "a blob of key 3 opens");
	is_str(buf_str(&out), "three", "its plaintext");
	is_int(crypto_key_remove(path, 2, err, sizeof(err)), TJG_ECONFIG,
	    "removing it again is refused");
	is_int(crypto_key_remove(path, 3, err, sizeof(err)), TJG_ECONFIG,
	    "the last key is the newest: refused");

	/* Run as root, the file stays the workers' user's. */
	if (geteuid() == 0) {
		ok(write_file(path, text, 0600) &&
		    chown(path, 65534, 65534) == 0, "another user's file");
		is_int(crypto_key_remove(path, 2, err, sizeof(err)), TJG_OK,
		    "removed as root");
		ok(stat(path, &st) == 0 && st.st_uid == 65534 &&
		    st.st_gid == 65534 && (st.st_mode & 07777) == 0600,
		    "owner, group and mode kept");
	} else
		ok(1, "# SKIP owner kept: not root");

	in_dir(link_path, "rmlink");
	ok(symlink(path, link_path) == 0, "symlink");
	is_int(crypto_key_remove(link_path, 2, err, sizeof(err)), TJG_ECONFIG,
	    "a symbolic link is refused");
	unlink(link_path);
	unlink(path);
	is_int(crypto_key_remove(path, 2, err, sizeof(err)), TJG_ECONFIG,
	    "a missing file is refused");
	snprintf(want, sizeof(want), "%s: no such file", path);
	is_str(err, want, "missing: message");
	ok(access(path, F_OK) == -1 && access(tmp, F_OK) == -1,
	    "and nothing is created");
out:
	unlink(path);
	unlink(tmp);
	crypto_keys_free(k);
	buf_free(&b3);
	crypto_buf_clear(&out);
	crypto_buf_clear(&file);
}

static void
test_bidx(void)
{
	struct crypto_keys *k = NULL, *other = NULL;
	unsigned char a[CRYPTO_BIDX_LEN], b[CRYPTO_BIDX_LEN];
	char err[512], h[2 * CRYPTO_BIDX_LEN + 1];

	if (load_text("index " IDX "\ndata 1 " D1 "\n", 0600, &k, err,
	    sizeof(err)) != TJG_OK || load_text("index " D2 "\ndata 1 " D1
	    "\n", 0600, &other, err, sizeof(err)) != TJG_OK) {
		ok(0, "load keys: %s", err);
		goto out;
	}
	/* Known answers from Python's hmac module. */
	crypto_bidx(k, "pnr", "191212121212", a);
	hex(a, sizeof(a), h);
	is_str(h, "acb39a0f441ea61f74278e67347a069449bf75d38b0326d1193e174b"
	    "4efb54f0", "pnr index: known answer");
	crypto_bidx(k, "email", "anna@example.se", a);
	hex(a, sizeof(a), h);
	is_str(h, "d1cadeaa3d320dc3bdf1eedc205c28e750aa9a276335d76893c8b166"
	    "d1ea7ae6", "email index: known answer");

	crypto_bidx(k, "pnr", "191212121212", a);
	crypto_bidx(k, "pnr", "191212121212", b);
	ok(memcmp(a, b, sizeof(a)) == 0, "deterministic");
	crypto_bidx(k, "pnr", "191212121213", b);
	ok(memcmp(a, b, sizeof(a)) != 0, "value-dependent");
	crypto_bidx(k, "email", "191212121212", b);
	ok(memcmp(a, b, sizeof(a)) != 0, "domain-separated");
	crypto_bidx(k, "ab", "c", a);
	crypto_bidx(k, "a", "bc", b);
	ok(memcmp(a, b, sizeof(a)) != 0, "domain/value boundary fixed");
	crypto_bidx(k, "pnr", "191212121212", a);
	crypto_bidx(other, "pnr", "191212121212", b);
	ok(memcmp(a, b, sizeof(a)) != 0, "key-dependent");
out:
	crypto_keys_free(k);
	crypto_keys_free(other);
}

static void
test_hash_equal_random(void)
{
	unsigned char d[CRYPTO_SHA256_LEN], r[64], z[64];
	char h[2 * CRYPTO_SHA256_LEN + 1];

	crypto_sha256("abc", 3, d);
	hex(d, sizeof(d), h);
	is_str(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61"
	    "f20015ad", "sha256(abc)");
	crypto_sha256("", 0, d);
	hex(d, sizeof(d), h);
	is_str(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
	    "7852b855", "sha256 of nothing");

	ok(crypto_equal("abc", "abc", 3), "equal");
	ok(!crypto_equal("abc", "abd", 3), "not equal");
	ok(crypto_equal("a", "b", 0), "zero bytes are equal");

	memset(z, 0, sizeof(z));
	memset(r, 0, sizeof(r));
	is_int(crypto_random(r, 0), TJG_OK, "random of 0 bytes");
	is_int(crypto_random(r, sizeof(r)), TJG_OK, "random");
	ok(memcmp(r, z, sizeof(r)) != 0, "random is not zeros");
}

/* Pearson's chi-square of counts against a uniform expectation. */
static double
chi2(const long *count, int ncells, long total)
{
	double e = (double)total / ncells, x = 0, d;
	int i;

	for (i = 0; i < ncells; i++) {
		d = (double)count[i] - e;
		x += d * d / e;
	}
	return x;
}

static int
cmp_ref(const void *a, const void *b)
{
	return memcmp(a, b, CRYPTO_REF_LEN + 1);
}

static void
test_tokens(void)
{
	static const size_t sizes[] = { 1, 2, 3, 4, 16, 32, 33, 256 };
	static const char b64url[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char t[400], t2[400];
	long seen[64];
	size_t i, j, len;
	bool alpha;
	int n;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		is_int(crypto_token(t, sizeof(t), sizes[i]), TJG_OK,
		    "token of %zu bytes", sizes[i]);
		is_int(strlen(t), CRYPTO_TOKEN_LEN(sizes[i]),
		    "%zu bytes: %d characters", sizes[i],
		    (int)CRYPTO_TOKEN_LEN(sizes[i]));
		ok(strspn(t, b64url) == strlen(t), "%zu bytes: base64url",
		    sizes[i]);
	}
	is_int(CRYPTO_TOKEN_LEN(32), 43, "32 bytes are 43 characters");
	len = CRYPTO_TOKEN_LEN(32);
	is_int(crypto_token(t, len + 1, 32), TJG_OK, "exact room");
	is_int(crypto_token(t, len, 32), TJG_EINVAL, "one byte short");
	is_str(t, "", "short: out empty");
	is_int(crypto_token(t, sizeof(t), 0), TJG_EINVAL, "0 bytes refused");
	is_int(crypto_token(t, sizeof(t), CRYPTO_TOKEN_MAX_BYTES + 1),
	    TJG_EINVAL, "too many bytes refused");
	crypto_token(t, sizeof(t), 32);
	crypto_token(t2, sizeof(t2), 32);
	ok(strcmp(t, t2) != 0, "two tokens differ");
	/* A 1-byte token's second character carries 2 bits: A, Q, g, w. */
	alpha = true;
	for (n = 0; n < 200; n++) {
		crypto_token(t, sizeof(t), 1);
		if (strchr("AQgw", t[1]) == NULL)
			alpha = false;
	}
	ok(alpha, "1-byte token: canonical last character");
	memset(seen, 0, sizeof(seen));
	for (n = 0; n < 2000; n++) {
		crypto_token(t, sizeof(t), 30);	/* no partial group */
		for (j = 0; t[j] != '\0'; j++)
			seen[strchr(b64url, t[j]) - b64url]++;
	}
	ok(chi2(seen, 64, 2000 * 40) < 150, "token characters uniform "
	    "(chi2 %.1f, 63 df)", chi2(seen, 64, 2000 * 40));
}

static void
test_refs(void)
{
	enum { N = 10000 };
	static char refs[N][CRYPTO_REF_LEN + 1];
	long all[32], pos[CRYPTO_REF_LEN][32];
	regex_t re;
	double worst = 0, x;
	size_t i, j, dups = 0;
	bool shape = true, alpha = true, failed = false;
	const char *c;

	memset(all, 0, sizeof(all));
	memset(pos, 0, sizeof(pos));
	if (regcomp(&re, "^[0-9A-Z]{12}$", REG_EXTENDED | REG_NOSUB) != 0)
		abort();
	for (i = 0; i < N; i++) {
		if (crypto_ref(refs[i]) != TJG_OK)
			failed = true;
		if (regexec(&re, refs[i], 0, NULL, 0) != 0)
			shape = false;
		for (j = 0; j < CRYPTO_REF_LEN && refs[i][j] != '\0'; j++) {
			if ((c = strchr(REF_ALPHABET, refs[i][j])) == NULL) {
				alpha = false;
				continue;
			}
			all[c - REF_ALPHABET]++;
			pos[j][c - REF_ALPHABET]++;
		}
	}
	regfree(&re);
	ok(!failed, "%d references made", N);
	ok(shape, "all match ^[0-9A-Z]{12}$ (the orders.ref check)");
	ok(alpha, "all from 2-9 and A-Z without I and O");
	qsort(refs, N, sizeof(refs[0]), cmp_ref);
	for (i = 1; i < N; i++)
		if (strcmp(refs[i - 1], refs[i]) == 0)
			dups++;
	is_int(dups, 0, "no duplicate among %d", N);
	/* 31 degrees of freedom: P(chi2 > 100) is 3.5e-9. */
	x = chi2(all, 32, (long)N * CRYPTO_REF_LEN);
	ok(x < 100, "symbols uniform overall (chi2 %.1f, 31 df)", x);
	for (j = 0; j < CRYPTO_REF_LEN; j++)
		if ((x = chi2(pos[j], 32, N)) > worst)
			worst = x;
	ok(worst < 100, "symbols uniform at every position (worst chi2 "
	    "%.1f)", worst);
}

/*
 * A self-signed certificate for key, valid from days_from to days_to
 * (days from now), as PEM in pem; false if OpenSSL fails.
 */
static bool
make_cert(EVP_PKEY *key, long days_from, long days_to, struct buf *pem)
{
	X509 *x = NULL;
	X509_NAME *name;
	BUF_MEM *bm;
	BIO *mem = NULL;
	bool ok = false;

	buf_reset(pem);
	if ((x = X509_new()) == NULL || X509_set_version(x, 2) != 1 ||
	    ASN1_INTEGER_set(X509_get_serialNumber(x), 1) != 1 ||
	    X509_gmtime_adj(X509_getm_notBefore(x), days_from * 86400) ==
	    NULL ||
	    X509_gmtime_adj(X509_getm_notAfter(x), days_to * 86400) == NULL ||
	    X509_set_pubkey(x, key) != 1 ||
	    (name = X509_get_subject_name(x)) == NULL ||
	    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)"t_crypto", -1, -1, 0) != 1 ||
	    X509_set_issuer_name(x, name) != 1 ||
	    X509_sign(x, key, EVP_PKEY_is_a(key, "ED25519") ? NULL :
	    EVP_sha256()) <= 0)
		goto out;
	if ((mem = BIO_new(BIO_s_mem())) == NULL ||
	    PEM_write_bio_X509(mem, x) != 1 ||
	    BIO_get_mem_ptr(mem, &bm) != 1)
		goto out;
	buf_add(pem, bm->data, bm->length);
	ok = true;
out:
	BIO_free(mem);
	X509_free(x);
	return ok;
}

/* Opens the base64 envelope b64 with key and cert pem into out. */
static bool
cms_open(const char *b64, EVP_PKEY *key, const char *pem, struct buf *out)
{
	CMS_ContentInfo *cms = NULL;
	const unsigned char *q;
	unsigned char *der;
	size_t len = strlen(b64);
	BIO *cb = NULL, *ob = NULL;
	BUF_MEM *bm;
	X509 *x = NULL;
	int n, pad = 0;
	bool ok = false;

	buf_reset(out);
	if ((der = malloc(len / 4 * 3 + 3)) == NULL)
		return false;
	if (len % 4 != 0 || (n = EVP_DecodeBlock(der, (const unsigned char *)
	    b64, (int)len)) < 0)
		goto out;
	if (len >= 1 && b64[len - 1] == '=')
		pad++;
	if (len >= 2 && b64[len - 2] == '=')
		pad++;
	q = der;
	if ((cms = d2i_CMS_ContentInfo(NULL, &q, n - pad)) == NULL ||
	    (cb = BIO_new_mem_buf(pem, -1)) == NULL ||
	    (x = PEM_read_bio_X509(cb, NULL, NULL, NULL)) == NULL ||
	    (ob = BIO_new(BIO_s_mem())) == NULL ||
	    CMS_decrypt(cms, key, x, NULL, ob, CMS_BINARY) != 1 ||
	    BIO_get_mem_ptr(ob, &bm) != 1)
		goto out;
	buf_add(out, bm->data, bm->length);
	ok = OBJ_obj2nid(CMS_get0_type(cms)) == NID_pkcs7_enveloped;
out:
	X509_free(x);
	BIO_free(ob);
	BIO_free(cb);
	CMS_ContentInfo_free(cms);
	free(der);
	return ok;
}

static void
test_cms(void)
{
	static const char plain[] = "<customerData>\r\nAnna \xc3\x85" "berg\n"
	    "\0binary\xff" "</customerData>";
	unsigned char sha[CRYPTO_SHA256_LEN], want[CRYPTO_SHA256_LEN], *der;
	char after[CRYPTO_CERT_TIME_LEN];
	struct crypto_cert *c = NULL;
	struct buf pem, pem2, b64, b64b, opened;
	EVP_PKEY *rsa, *ed = NULL, *other;
	BIO *bio;
	X509 *x;
	bool expired = true;
	int n;

	buf_init(&pem);
	buf_init(&pem2);
	buf_init(&b64);
	buf_init(&b64b);
	buf_init(&opened);
	rsa = EVP_RSA_gen(2048);
	other = EVP_RSA_gen(2048);
	ok(rsa != NULL && other != NULL && make_cert(rsa, 0, 2, &pem),
	    "cms: an RSA key and a self-signed certificate made");

	is_int(crypto_cert_load(&c, buf_str(&pem)), TJG_OK,
	    "cms: the certificate parses");
	is_int(crypto_cert_info(c, sha, after, &expired, &pem2), TJG_OK,
	    "cms: its details");
	ok(!expired, "cms: not expired");
	ok(strlen(after) == 19 && after[4] == '-' && after[10] == ' ',
	    "cms: notAfter as YYYY-MM-DD HH:MM:SS (%s)", after);
	is_str(buf_str(&pem2), buf_str(&pem), "cms: the certificate as PEM");
	bio = BIO_new_mem_buf(pem.p, -1);
	x = bio != NULL ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
	der = NULL;
	n = x != NULL ? i2d_X509(x, &der) : -1;
	if (n > 0)
		crypto_sha256(der, (size_t)n, want);
	ok(n > 0 && memcmp(sha, want, sizeof(sha)) == 0,
	    "cms: the SHA-256 is that of the DER certificate");
	OPENSSL_free(der);
	X509_free(x);
	BIO_free(bio);

	is_int(crypto_cms_encrypt_to(c, plain, sizeof(plain) - 1, &b64),
	    TJG_OK, "cms: encrypted to the parsed certificate");
	ok(b64.len > 0 && strspn(b64.p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/=") == b64.len,
	    "cms: base64 on one line");
	ok(cms_open(buf_str(&b64), rsa, buf_str(&pem), &opened),
	    "cms: an EnvelopedData that CMS_decrypt opens");
	ok(opened.len == sizeof(plain) - 1 &&
	    memcmp(opened.p, plain, opened.len) == 0,
	    "cms: to exactly the plaintext, binary bytes and line ends kept");
	ok(!cms_open(buf_str(&b64), other, buf_str(&pem), &opened),
	    "cms: another key does not open it");
	is_int(crypto_cms_encrypt(buf_str(&pem), plain, sizeof(plain) - 1,
	    &b64b), TJG_OK, "cms: encrypted to the PEM text");
	ok(strcmp(buf_str(&b64), buf_str(&b64b)) != 0,
	    "cms: a fresh content key each time");
	ok(cms_open(buf_str(&b64b), rsa, buf_str(&pem), &opened) &&
	    opened.len == sizeof(plain) - 1 &&
	    memcmp(opened.p, plain, opened.len) == 0,
	    "cms: and that opens too");
	is_int(crypto_cms_encrypt_to(c, "", 0, &b64b), TJG_OK,
	    "cms: an empty plaintext");
	ok(cms_open(buf_str(&b64b), rsa, buf_str(&pem), &opened) &&
	    opened.len == 0, "cms: opens to nothing");
	crypto_cert_free(c);
	c = NULL;

	is_int(crypto_cms_encrypt("not a certificate", plain, 3, &b64),
	    TJG_EINVAL, "cms: garbage is no certificate");
	is_int(b64.len, 0, "cms: and gives nothing");
	is_int(crypto_cert_load(&c, "-----BEGIN CERTIFICATE-----\nAAAA\n"
	    "-----END CERTIFICATE-----\n"), TJG_EINVAL,
	    "cms: a broken PEM certificate is refused");
	ok(c == NULL, "cms: and nothing is returned");

	ok(make_cert(rsa, -10, -1, &pem), "cms: an expired certificate made");
	is_int(crypto_cert_load(&c, buf_str(&pem)), TJG_OK,
	    "cms: it parses");
	is_int(crypto_cert_info(c, sha, after, &expired, NULL), TJG_OK,
	    "cms: its details");
	ok(expired, "cms: expired");
	crypto_cert_free(c);
	c = NULL;

	ed = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	ok(ed != NULL && make_cert(ed, 0, 2, &pem),
	    "cms: an Ed25519 certificate made");
	is_int(crypto_cms_encrypt(buf_str(&pem), plain, 3, &b64),
	    TJG_EINVAL, "cms: a signing-only key is no recipient");

	EVP_PKEY_free(ed);
	EVP_PKEY_free(other);
	EVP_PKEY_free(rsa);
	buf_free(&pem);
	buf_free(&pem2);
	buf_free(&b64);
	buf_free(&b64b);
	buf_free(&opened);
}

int
main(void)
{
	const char *tmpdir = getenv("TMPDIR");
	int rc;

	snprintf(dir, sizeof(dir), "%s/t_crypto.XXXXXX",
	    tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	in_dir(kpath, "keys");

	test_load_errors();
	test_load_good();
	test_permissions();
	test_blobs();
	test_rotation();
	test_remove();
	test_bidx();
	test_hash_equal_random();
	test_tokens();
	test_refs();
	test_cms();

	unlink(kpath);
	rc = rmdir(dir);
	ok(rc == 0, "temporary directory removed%s%s", rc == 0 ? "" : ": ",
	    rc == 0 ? "" : strerror(errno));
	return done_testing();
}
