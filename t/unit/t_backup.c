/*
 * Unit tests of lib/backup.c: backup file names (made, parsed, refused),
 * the backup key file (keygen never replaces, load refuses what it
 * should without quoting the key) and the encrypted stream (round trips
 * at every chunk boundary fed in any split, no plaintext in the file,
 * and a refusal for every way a file can be changed: each header field,
 * a flipped byte, a chunk dropped, swapped or repeated, a file cut short
 * at or between chunk boundaries, or extended; nothing of a failing
 * chunk is ever returned). Files live in a mkdtemp directory.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "buf.h"
#include "err.h"
#include "tap.h"

#define CH	BACKUP_CHUNK
#define TAG	BACKUP_TAG_LEN
#define HDR	BACKUP_HEADER_LEN
#define KEY_B64	"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="

static char dir[PATH_MAX];

static void
in_dir(char *out, const char *name)
{
	if (snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		abort();
}

static bool
write_file(const char *path, const char *text, mode_t mode)
{
	size_t len = strlen(text);
	int fd;
	bool ok;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return false;
	ok = write(fd, text, len) == (ssize_t)len && fchmod(fd, mode) == 0;
	if (close(fd) == -1)
		ok = false;
	return ok;
}

static void
test_names(void)
{
	char name[BACKUP_NAME_LEN + 1];
	time_t t = 0;

	backup_name(0, name);
	is_str(name, "tjg-19700101-000000.sql.enc", "the epoch");
	backup_name(1767225599, name);
	is_str(name, "tjg-20251231-235959.sql.enc", "UTC, seconds");
	ok(backup_name_time(name, &t) && t == 1767225599, "parsed back");
	ok(backup_name_time("tjg-20240229-120000.sql.enc", &t) &&
	    t == 1709208000, "a leap day");
	ok(!backup_name_time("tjg-20250229-120000.sql.enc", &t),
	    "not a leap year");
	ok(!backup_name_time("tjg-20250101-240000.sql.enc", &t), "hour 24");
	ok(!backup_name_time("tjg-20251301-000000.sql.enc", &t), "month 13");
	ok(!backup_name_time("tjg-2025010a-000000.sql.enc", &t), "a letter");
	ok(!backup_name_time("tjg-20250101-000000.sql.enc.tmp", &t),
	    "a temporary file");
	ok(!backup_name_time(".tjg-20250101-000000.sql.enc", &t),
	    "a hidden file");
	ok(!backup_name_time("tjg-20250101-000000.sql", &t), "plain SQL");
	ok(!backup_name_time("xjg-20250101-000000.sql.enc", &t),
	    "another prefix");
	ok(!backup_name_time("tjg-+2025101-000000.sql.enc", &t), "a sign");
	ok(!backup_name_time("", &t), "empty");
}

static bool
leaks(const char *err)
{
	return strstr(err, "ICEiIyQl") != NULL;
}

static void
test_keys(void)
{
	struct backup_key k, k2;
	char path[PATH_MAX], tmp[PATH_MAX + 8], err[512], want[PATH_MAX + 200];
	char hex1[2 * BACKUP_KEY_ID_LEN + 1], hex2[2 * BACKUP_KEY_ID_LEN + 1];
	struct stat st;

	in_dir(path, "backup.key");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	err[0] = '\0';
	is_int(backup_keygen(path, &k, err, sizeof(err)), TJG_OK,
	    "keygen (%s)", err);
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600,
	    "mode 0600");
	ok(access(tmp, F_OK) == -1, "no .tmp left");
	is_int(backup_key_load(&k2, path, err, sizeof(err)), TJG_OK,
	    "it loads (%s)", err);
	ok(memcmp(k.key, k2.key, BACKUP_KEY_LEN) == 0, "the same key");
	backup_key_id_hex(k.id, hex1);
	backup_key_id_hex(k2.id, hex2);
	is_str(hex1, hex2, "the same key id");
	is_int(strlen(hex1), 16, "16 hex digits");
	is_int(backup_keygen(path, &k2, err, sizeof(err)), TJG_ECONFIG,
	    "keygen never replaces a key");
	snprintf(want, sizeof(want), "%s: exists; a backup key is never "
	    "replaced (the backups made with it could not be restored): move "
	    "it away first if you mean it", path);
	is_str(err, want, "and says why");
	is_int(backup_key_load(&k2, path, err, sizeof(err)), TJG_OK,
	    "still loads");
	ok(memcmp(k.key, k2.key, BACKUP_KEY_LEN) == 0, "still the same key");

	ok(write_file(path, "# c\n\n  backup " KEY_B64 "  \r\n", 0600),
	    "a written key");
	is_int(backup_key_load(&k, path, err, sizeof(err)), TJG_OK,
	    "comments, blank lines and spaces are fine");
	backup_key_id_hex(k.id, hex1);
	/* SHA-256("tjg backup key" || 20..3f), independently computed. */
	is_str(hex1, "e3df1ea8b82a8c2a", "known key id");

	ok(chmod(path, 0640) == 0, "chmod 0640");
	is_int(backup_key_load(&k, path, err, sizeof(err)), TJG_ECONFIG,
	    "a group-readable key is refused");
	snprintf(want, sizeof(want), "%s: mode 0640 lets group or other at "
	    "the key; chmod 0600", path);
	is_str(err, want, "mode: message");
	ok(write_file(path, "backup " KEY_B64 "\nbackup " KEY_B64 "\n",
	    0600), "two keys");
	is_int(backup_key_load(&k, path, err, sizeof(err)), TJG_ECONFIG,
	    "two keys are refused");
	snprintf(want, sizeof(want), "%s:2: a second backup key (first on "
	    "line 1)", path);
	is_str(err, want, "two keys: message");
	ok(write_file(path, "backup ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9"
	    "Pj9=\n", 0600), "non-canonical base64");
	is_int(backup_key_load(&k, path, err, sizeof(err)), TJG_ECONFIG,
	    "refused");
	snprintf(want, sizeof(want), "%s:1: the key is not base64 of 32 "
	    "bytes", path);
	is_str(err, want, "bad key: message");
	ok(!leaks(err), "the key is not quoted");
	ok(write_file(path, "data 1 " KEY_B64 "\n", 0600), "a data key line");
	is_int(backup_key_load(&k, path, err, sizeof(err)), TJG_ECONFIG,
	    "refused");
	snprintf(want, sizeof(want), "%s:1: expected: backup <base64 of 32 "
	    "bytes>", path);
	is_str(err, want, "other line: message");
	ok(!leaks(err), "the key is not quoted");
	ok(write_file(path, "# nothing\n", 0600), "no key");
	is_int(backup_key_load(&k, path, err, sizeof(err)), TJG_ECONFIG,
	    "refused");
	snprintf(want, sizeof(want), "%s: no backup key", path);
	is_str(err, want, "no key: message");
	unlink(path);
	is_int(backup_key_load(&k, path, err, sizeof(err)), TJG_ECONFIG,
	    "a missing file");
	snprintf(want, sizeof(want), "%s: cannot open: No such file or "
	    "directory (create it with tjgctl backup --keygen)", path);
	is_str(err, want, "missing: tells what to do");
	ok(symlink("/dev/null", path) == 0, "a symbolic link to /dev/null");
	is_int(backup_keygen(path, &k, err, sizeof(err)), TJG_ECONFIG,
	    "keygen does not write through it");
	unlink(path);
	backup_key_clear(&k);
	backup_key_clear(&k2);
}

/* Seals plain (n bytes) fed in pieces of step bytes into file. */
static bool
seal(const struct backup_key *k, const unsigned char *plain, size_t n,
    size_t step, struct buf *file)
{
	struct backup_stream *s = NULL;
	size_t off, take;
	bool good = false;

	buf_reset(file);
	if (backup_seal_begin(&s, k, file) != TJG_OK)
		goto out;
	for (off = 0; off < n; off += take) {
		take = n - off < step ? n - off : step;
		if (backup_seal_add(s, plain + off, take, file) != TJG_OK)
			goto out;
	}
	good = backup_seal_end(s, file) == TJG_OK;
out:
	backup_stream_free(s);
	return good;
}

/*
 * Opens file (n bytes) fed in pieces of step bytes; the plaintext
 * authenticated so far goes to out. TJG_OK or the first error, whose
 * reason is copied to why.
 */
static int
open_file(const struct backup_key *k, const void *file, size_t n,
    size_t step, struct buf *out, char *why, size_t whylen)
{
	struct backup_stream *s = NULL;
	const unsigned char *p = file;
	size_t off, take;
	int rc;

	buf_reset(out);
	snprintf(why, whylen, "-");
	if ((rc = backup_open_begin(&s, k)) != TJG_OK)
		goto out;
	for (off = 0; off < n; off += take) {
		take = n - off < step ? n - off : step;
		if ((rc = backup_open_add(s, p + off, take, out)) != TJG_OK)
			goto out;
	}
	rc = backup_open_end(s, out);
out:
	if (rc != TJG_OK && s != NULL)
		snprintf(why, whylen, "%s", backup_stream_error(s));
	backup_stream_free(s);
	return rc;
}

/* Number of chunks for n bytes: at least one, the last may be full. */
static size_t
nchunks(size_t n)
{
	return n == 0 ? 1 : (n + CH - 1) / CH;
}

static void
test_round_trips(const struct backup_key *k, const unsigned char *plain)
{
	static const size_t sizes[] = { 0, 1, 100, CH - 1, CH, CH + 1,
	    2 * CH, 3 * CH + 5 };
	static const size_t steps[] = { 1, 7, 4096, CH, CH + TAG + 1,
	    10 * CH };
	struct buf file, out;
	char why[200];
	size_t i, j, n;
	bool all;

	buf_init(&file);
	buf_init(&out);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		n = sizes[i];
		ok(seal(k, plain, n, 4093, &file), "seal %zu bytes", n);
		is_int(file.len, HDR + n + TAG * nchunks(n),
		    "%zu bytes: header, text and a tag per chunk", n);
		all = true;
		for (j = 0; j < sizeof(steps) / sizeof(steps[0]); j++) {
			/* Byte by byte only where it is quick. */
			if (steps[j] == 1 && n > 2 * CH)
				continue;
			if (open_file(k, file.p, file.len, steps[j], &out, why,
			    sizeof(why)) != TJG_OK || out.len != n ||
			    memcmp(out.p, plain, n) != 0) {
				all = false;
				printf("# %zu bytes in steps of %zu: %s\n", n,
				    steps[j], why);
			}
		}
		ok(all, "%zu bytes open to the same text, in any split", n);
		ok(seal(k, plain, n, 1, &out) && out.len == file.len,
		    "%zu bytes sealed byte by byte: the same size", n);
	}
	buf_free(&file);
	buf_free(&out);
}

/*
 * Each change to a good file of three chunks (and 5 bytes): refused,
 * with the reason, and out holds only the chunks before the damage.
 */
static void
test_tampering(const struct backup_key *k, const struct backup_key *other,
    const unsigned char *plain)
{
	const size_t n = 2 * CH + 5, c = CH + TAG;	/* c: a chunk's size */
	struct buf file, bad, out;
	char why[200], want[200], hex1[17], hex2[17];
	size_t i;
	static const struct {
		size_t	 at;		/* byte flipped */
		size_t	 kept;		/* chunks still returned */
		const char *what;
	} flips[] = {
		{ 0, 0, "the magic" },
		{ 6, 0, "the version" },
		{ 7, 0, "the chunk size" },
		{ 9, 0, "the key id" },
		{ 20, 0, "the salt" },
		{ HDR - 1, 0, "the salt's last byte" },
		{ HDR, 0, "the first byte of text" },
		{ HDR + CH + 3, 0, "the first chunk's tag" },
		{ HDR + CH + TAG + 100, 1, "the second chunk" },
		{ HDR + 2 * (CH + TAG) + 2, 2, "the last chunk" },
		{ HDR + 2 * (CH + TAG) + 5 + TAG - 1, 2, "the last tag" },
	};

	buf_init(&file);
	buf_init(&bad);
	buf_init(&out);
	if (!ok(seal(k, plain, n, 999, &file), "a file of three chunks"))
		goto out;
	is_int(open_file(k, file.p, file.len, 5000, &out, why, sizeof(why)),
	    TJG_OK, "it opens");
	for (i = 0; i < sizeof(flips) / sizeof(flips[0]); i++) {
		buf_reset(&bad);
		buf_add(&bad, file.p, file.len);
		bad.p[flips[i].at] ^= 0x01;
		is_int(open_file(k, bad.p, bad.len, 5000, &out, why,
		    sizeof(why)), TJG_EINVAL, "%s changed: refused (%s)",
		    flips[i].what, why);
		ok(out.len == flips[i].kept * CH && memcmp(out.p, plain,
		    out.len) == 0, "%s: only the %zu chunks before it came "
		    "out", flips[i].what, flips[i].kept);
	}
	/* The reasons. */
	buf_reset(&bad);
	buf_add(&bad, file.p, file.len);
	bad.p[0] = 'X';
	open_file(k, bad.p, bad.len, 5000, &out, why, sizeof(why));
	is_str(why, "not a tjg backup file", "the magic: reason");
	bad.p[0] = file.p[0];
	bad.p[6] = 2;
	open_file(k, bad.p, bad.len, 5000, &out, why, sizeof(why));
	is_str(why, "backup format version 2 is not known here",
	    "the version: reason");
	is_int(open_file(other, file.p, file.len, 5000, &out, why,
	    sizeof(why)), TJG_EINVAL, "another key: refused");
	backup_key_id_hex(k->id, hex1);
	backup_key_id_hex(other->id, hex2);
	snprintf(want, sizeof(want), "made with backup key %s, not with this "
	    "key (%s)", hex1, hex2);
	is_str(why, want, "another key: names both keys");
	is_int(out.len, 0, "another key: nothing out");

	/* Cut short: in the header, at and between chunk boundaries. */
	is_int(open_file(k, file.p, HDR - 1, 5000, &out, why, sizeof(why)),
	    TJG_EINVAL, "cut in the header");
	is_str(why, "not a tjg backup file (too short)", "reason");
	is_int(open_file(k, file.p, HDR, 5000, &out, why, sizeof(why)),
	    TJG_EINVAL, "only the header");
	is_str(why, "cut short in chunk 0", "reason");
	is_int(open_file(k, file.p, HDR + c, 5000, &out, why, sizeof(why)),
	    TJG_EINVAL, "cut after the first chunk");
	is_str(why, "damaged, changed or cut short (chunk 0 does not "
	    "authenticate)", "reason");
	is_int(out.len, 0, "nothing out: the first chunk is not the last");
	is_int(open_file(k, file.p, HDR + 2 * c, 5000, &out, why,
	    sizeof(why)), TJG_EINVAL, "cut after the second chunk");
	is_int(out.len, CH, "only the first chunk came out");
	is_int(open_file(k, file.p, file.len - 1, 5000, &out, why,
	    sizeof(why)), TJG_EINVAL, "the last byte cut");
	is_int(open_file(k, file.p, HDR + c + 10, 5000, &out, why,
	    sizeof(why)), TJG_EINVAL, "cut inside a chunk");

	/* Extended, chunks dropped, swapped, repeated. */
	buf_reset(&bad);
	buf_add(&bad, file.p, file.len);
	buf_addc(&bad, 'x');
	is_int(open_file(k, bad.p, bad.len, 5000, &out, why, sizeof(why)),
	    TJG_EINVAL, "a byte appended");
	buf_reset(&bad);
	buf_add(&bad, file.p, HDR + c);
	buf_add(&bad, file.p + HDR + 2 * c, file.len - HDR - 2 * c);
	is_int(open_file(k, bad.p, bad.len, 5000, &out, why, sizeof(why)),
	    TJG_EINVAL, "the middle chunk dropped");
	buf_reset(&bad);
	buf_add(&bad, file.p, HDR);
	buf_add(&bad, file.p + HDR + c, c);
	buf_add(&bad, file.p + HDR, c);
	buf_add(&bad, file.p + HDR + 2 * c, file.len - HDR - 2 * c);
	is_int(open_file(k, bad.p, bad.len, 5000, &out, why, sizeof(why)),
	    TJG_EINVAL, "two chunks swapped");
	is_int(out.len, 0, "nothing out");
	buf_reset(&bad);
	buf_add(&bad, file.p, HDR + c);
	buf_add(&bad, file.p + HDR, file.len - HDR);
	is_int(open_file(k, bad.p, bad.len, 5000, &out, why, sizeof(why)),
	    TJG_EINVAL, "the first chunk repeated");
	/* A chunk of another file under the same key. */
	if (seal(k, plain, n, 999, &bad)) {
		memcpy(bad.p + HDR + c, file.p + HDR + c, c);
		is_int(open_file(k, bad.p, bad.len, 5000, &out, why,
		    sizeof(why)), TJG_EINVAL,
		    "a chunk taken from another file");
	} else
		ok(0, "seal another file");
out:
	buf_free(&file);
	buf_free(&bad);
	buf_free(&out);
}

static void
test_stream(void)
{
	struct backup_key k, other;
	struct buf file, again;
	unsigned char *plain;
	const char *secret = "INSERT INTO `orders` VALUES ('Testa Testsson')";
	size_t i, n = 3 * CH + 5;
	char path[PATH_MAX], err[512];

	buf_init(&file);
	buf_init(&again);
	in_dir(path, "stream.key");
	if ((plain = malloc(n)) == NULL)
		abort();
	for (i = 0; i < n; i++)
		plain[i] = (unsigned char)(i * 131 + (i >> 8));
	memcpy(plain + CH - 10, secret, strlen(secret));
	if (backup_keygen(path, &k, err, sizeof(err)) != TJG_OK ||
	    write_file(path, "backup " KEY_B64 "\n", 0600) == false ||
	    backup_key_load(&other, path, err, sizeof(err)) != TJG_OK) {
		ok(0, "keys: %s", err);
		goto out;
	}
	test_round_trips(&k, plain);
	ok(seal(&k, plain, n, 5000, &file) && seal(&k, plain, n, 5000, &again),
	    "the same text sealed twice");
	ok(file.len == again.len && memcmp(file.p + HDR, again.p + HDR,
	    file.len - HDR) != 0, "different files (salt): no repeated "
	    "nonce under one key");
	ok(memmem(file.p, file.len, secret, strlen(secret)) == NULL &&
	    memmem(file.p, file.len, "orders", 6) == NULL &&
	    memmem(file.p, file.len, "Testsson", 8) == NULL,
	    "no plaintext in the file");
	ok(memcmp(file.p, "TJGBAK\001\020", 8) == 0, "magic, version 1, "
	    "chunk size 2^16");
	test_tampering(&k, &other, plain);
out:
	unlink(path);
	free(plain);
	buf_free(&file);
	buf_free(&again);
	backup_key_clear(&k);
	backup_key_clear(&other);
}

int
main(void)
{
	const char *tmpdir = getenv("TMPDIR");
	int rc;

	snprintf(dir, sizeof(dir), "%s/t_backup.XXXXXX",
	    tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_names();
	test_keys();
	test_stream();
	rc = rmdir(dir);
	ok(rc == 0, "temporary directory removed%s%s", rc == 0 ? "" : ": ",
	    rc == 0 ? "" : strerror(errno));
	return done_testing();
}
