/*
 * Encrypted backups: the backup key file, the names of backup files and
 * the chunked AES-256-GCM stream (see backup.h for the format). OpenSSL 3
 * EVP only; every return checked; keys and plaintext cleansed when no
 * longer needed and never in messages.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "backup.h"
#include "buf.h"
#include "err.h"
#include "file.h"

#define MAGIC		"TJGBAK"
#define MAGIC_LEN	6
#define VERSION		1
#define CHUNK_LOG2	16
#define SALT_LEN	32
#define NONCE_LEN	12
#define KEYFILE_MAX	4096
#define B64_KEY_LEN	44
#define KDF_INFO	"tjg backup v1"
#define KEY_ID_DOMAIN	"tjg backup key"

_Static_assert(BACKUP_CHUNK == 1 << CHUNK_LOG2, "chunk size");
_Static_assert(MAGIC_LEN + 2 + BACKUP_KEY_ID_LEN + SALT_LEN ==
    BACKUP_HEADER_LEN, "header layout");

struct backup_stream {
	EVP_CIPHER	*gcm;
	EVP_CIPHER_CTX	*ctx;
	struct backup_key bk;		/* the backup key (a copy) */
	unsigned char	 key[BACKUP_KEY_LEN];	/* this file's key */
	unsigned char	 header[BACKUP_HEADER_LEN];
	size_t		 hlen;		/* header bytes read (open) */
	unsigned char	*buf;		/* plaintext (seal), file (open) */
	size_t		 len, cap;
	uint64_t	 chunk;		/* number of the next chunk */
	int		 sealing;
	int		 failed;
	char		 why[128];
};

static const char keyfile_header[] =
    "# tjg backup key, written by tjgctl backup --keygen. Mode 0600.\n"
    "# Backups are encrypted with it and cannot be restored without it:\n"
    "# keep a copy apart from the backups (and never in them), and never\n"
    "# replace it while backups made with it are kept.\n";

/* The first 8 bytes of SHA-256(KEY_ID_DOMAIN || key). */
static bool
key_id(struct backup_key *k)
{
	unsigned char in[sizeof(KEY_ID_DOMAIN) - 1 + BACKUP_KEY_LEN];
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	bool ok;

	memcpy(in, KEY_ID_DOMAIN, sizeof(KEY_ID_DOMAIN) - 1);
	memcpy(in + sizeof(KEY_ID_DOMAIN) - 1, k->key, BACKUP_KEY_LEN);
	ok = EVP_Digest(in, sizeof(in), md, &mdlen, EVP_sha256(), NULL) == 1 &&
	    mdlen >= BACKUP_KEY_ID_LEN;
	if (ok)
		memcpy(k->id, md, BACKUP_KEY_ID_LEN);
	OPENSSL_cleanse(in, sizeof(in));
	OPENSSL_cleanse(md, sizeof(md));
	ERR_clear_error();
	return ok;
}

/* Decodes s (n bytes) if it is canonical base64 of exactly 32 bytes. */
static bool
decode_key(const char *s, size_t n, unsigned char out[BACKUP_KEY_LEN])
{
	unsigned char raw[BACKUP_KEY_LEN + 1], again[B64_KEY_LEN + 1];
	bool ok = false;

	if (n != B64_KEY_LEN)
		return false;
	if (EVP_DecodeBlock(raw, (const unsigned char *)s, B64_KEY_LEN) !=
	    BACKUP_KEY_LEN + 1)
		goto out;
	/* Only canonical input encodes back to itself. */
	if (EVP_EncodeBlock(again, raw, BACKUP_KEY_LEN) != B64_KEY_LEN ||
	    CRYPTO_memcmp(again, s, B64_KEY_LEN) != 0)
		goto out;
	memcpy(out, raw, BACKUP_KEY_LEN);
	ok = true;
out:
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(again, sizeof(again));
	return ok;
}

/* Parses the key file's text; lines are named, never quoted. */
static int
parse_keyfile(struct backup_key *k, const char *path, const char *text,
    size_t len, char *err, size_t errlen)
{
	const char *p = text, *end = text + len, *eol, *w, *we;
	int line = 0, found = 0;

	while (p < end) {
		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		we = eol;
		while (we > p && (we[-1] == ' ' || we[-1] == '\t' ||
		    we[-1] == '\r'))
			we--;
		if (p == we || *p == '#') {
			p = eol < end ? eol + 1 : end;
			continue;
		}
		if ((size_t)(we - p) < 7 || memcmp(p, "backup", 6) != 0 ||
		    (p[6] != ' ' && p[6] != '\t'))
			return err_at(err, errlen, path, line, "expected: backup "
			    "<base64 of %d bytes>", BACKUP_KEY_LEN);
		if (found)
			return err_at(err, errlen, path, line, "a second backup "
			    "key (first on line %d)", found);
		for (w = p + 6; w < we && (*w == ' ' || *w == '\t'); w++)
			;
		if (!decode_key(w, (size_t)(we - w), k->key))
			return err_at(err, errlen, path, line, "the key is not "
			    "base64 of %d bytes", BACKUP_KEY_LEN);
		found = line;
		p = eol < end ? eol + 1 : end;
	}
	if (!found)
		return err_at(err, errlen, path, 0, "no backup key");
	if (!key_id(k))
		return err_at(err, errlen, path, 0, "SHA-256 failed");
	return TJG_OK;
}

int
backup_key_load(struct backup_key *k, const char *path, char *err,
    size_t errlen)
{
	char text[KEYFILE_MAX + 1];
	struct stat st;
	size_t n = 0;
	ssize_t r;
	int fd, rc;

	memset(k, 0, sizeof(*k));
	/* O_NONBLOCK: opening a FIFO must not hang. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return err_at(err, errlen, path, 0, "cannot open: %s%s",
		    strerror(errno), errno == ENOENT ? " (create it with "
		    "tjgctl backup --keygen)" : "");
	if (fstat(fd, &st) == -1) {
		rc = err_at(err, errlen, path, 0, "cannot stat: %s",
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = err_at(err, errlen, path, 0, "not a regular file");
		goto out;
	}
	if ((st.st_mode & 077) != 0) {
		rc = err_at(err, errlen, path, 0, "mode %04o lets group or other "
		    "at the key; chmod 0600", (unsigned)(st.st_mode & 07777));
		goto out;
	}
	for (;;) {
		r = read(fd, text + n, sizeof(text) - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			rc = err_at(err, errlen, path, 0, "read error: %s",
			    strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > KEYFILE_MAX) {
			rc = err_at(err, errlen, path, 0, "larger than %d bytes",
			    KEYFILE_MAX);
			goto out;
		}
	}
	if (memchr(text, '\0', n) != NULL) {
		rc = err_at(err, errlen, path, 0, "NUL byte");
		goto out;
	}
	rc = parse_keyfile(k, path, text, n, err, errlen);
out:
	OPENSSL_cleanse(text, sizeof(text));
	if (rc != TJG_OK)
		backup_key_clear(k);
	close(fd);
	return rc;
}

int
backup_keygen(const char *path, struct backup_key *out, char *err,
    size_t errlen)
{
	struct backup_key k;
	unsigned char b64[B64_KEY_LEN + 1];
	char tmp[PATH_MAX], text[sizeof(keyfile_header) + B64_KEY_LEN + 16];
	struct stat st;
	size_t len, off;
	ssize_t r;
	bool made_tmp = false;
	int fd = -1, rc;

	memset(&k, 0, sizeof(k));
	text[0] = '\0';
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		rc = err_at(err, errlen, path, 0, "path too long");
		goto out;
	}
	if (lstat(path, &st) == 0) {
		rc = err_at(err, errlen, path, 0, "exists; a backup key is never "
		    "replaced (the backups made with it could not be "
		    "restored): move it away first if you mean it");
		goto out;
	}
	if (errno != ENOENT) {
		rc = err_at(err, errlen, path, 0, "cannot stat: %s",
		    strerror(errno));
		goto out;
	}
	if (RAND_priv_bytes(k.key, sizeof(k.key)) != 1 || !key_id(&k) ||
	    EVP_EncodeBlock(b64, k.key, sizeof(k.key)) != B64_KEY_LEN) {
		ERR_clear_error();
		rc = err_at(err, errlen, path, 0, "no random bytes");
		goto out;
	}
	len = (size_t)snprintf(text, sizeof(text), "%sbackup %s\n",
	    keyfile_header, (const char *)b64);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		if (errno == EEXIST)
			rc = err_at(err, errlen, tmp, 0, "exists: another keygen "
			    "is running, or one crashed (check, then remove "
			    "it)");
		else
			rc = err_at(err, errlen, tmp, 0, "cannot create: %s",
			    strerror(errno));
		goto out;
	}
	made_tmp = true;
	for (off = 0; off < len; off += (size_t)r)
		if ((r = write(fd, text + off, len - off)) == -1) {
			if (errno == EINTR) {
				r = 0;
				continue;
			}
			break;
		}
	/* The umask may have taken more than group and other. */
	if (off < len || fchmod(fd, 0600) == -1 || fsync(fd) == -1) {
		rc = err_at(err, errlen, tmp, 0, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	r = close(fd);
	fd = -1;
	if (r == -1) {
		rc = err_at(err, errlen, tmp, 0, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	/* link() never replaces a file created meanwhile. */
	if (link(tmp, path) == -1) {
		rc = err_at(err, errlen, path, 0, "cannot create: %s",
		    strerror(errno));
		goto out;
	}
	made_tmp = false;
	if (unlink(tmp) == -1 || !file_sync_parent(path)) {
		rc = err_at(err, errlen, path, 0, "written, but: %s",
		    strerror(errno));
		goto out;
	}
	if (out != NULL)
		*out = k;
	rc = TJG_OK;
out:
	if (fd != -1)
		close(fd);
	if (made_tmp)
		unlink(tmp);
	OPENSSL_cleanse(b64, sizeof(b64));
	OPENSSL_cleanse(text, sizeof(text));
	backup_key_clear(&k);
	return rc;
}

void
backup_key_clear(struct backup_key *k)
{
	OPENSSL_cleanse(k, sizeof(*k));
}

void
backup_key_id_hex(const unsigned char id[BACKUP_KEY_ID_LEN],
    char out[2 * BACKUP_KEY_ID_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < BACKUP_KEY_ID_LEN; i++) {
		out[2 * i] = digits[id[i] >> 4];
		out[2 * i + 1] = digits[id[i] & 15];
	}
	out[2 * BACKUP_KEY_ID_LEN] = '\0';
}

void
backup_name(time_t t, char out[BACKUP_NAME_LEN + 1])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, BACKUP_NAME_LEN + 1,
	    "tjg-%Y%m%d-%H%M%S.sql.enc", &tm) != BACKUP_NAME_LEN)
		snprintf(out, BACKUP_NAME_LEN + 1,
		    "tjg-19700101-000000.sql.enc");
}

bool
backup_name_time(const char *name, time_t *t)
{
	static const char shape[] = "tjg-99999999-999999.sql.enc";
	struct tm tm, back;
	size_t i;
	time_t v;

	if (strlen(name) != BACKUP_NAME_LEN)
		return false;
	for (i = 0; i < BACKUP_NAME_LEN; i++)
		if (shape[i] == '9' ? name[i] < '0' || name[i] > '9' :
		    name[i] != shape[i])
			return false;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(name, "tjg-%4d%2d%2d-%2d%2d%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	back = tm;
	if ((v = timegm(&tm)) == (time_t)-1 || tm.tm_mday != back.tm_mday ||
	    tm.tm_mon != back.tm_mon || tm.tm_hour != back.tm_hour ||
	    tm.tm_min != back.tm_min || tm.tm_sec != back.tm_sec)
		return false;	/* 20260230 is not a day */
	*t = v;
	return true;
}

/* --- the stream --------------------------------------------------------- */

static int
stream_new(struct backup_stream **out, const struct backup_key *k,
    int sealing, size_t cap)
{
	struct backup_stream *s;

	if ((*out = s = calloc(1, sizeof(*s))) == NULL)
		return TJG_EINTERNAL;
	s->bk = *k;
	s->sealing = sealing;
	s->cap = cap;
	if ((s->buf = malloc(cap)) == NULL ||
	    (s->gcm = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL)) == NULL ||
	    (s->ctx = EVP_CIPHER_CTX_new()) == NULL) {
		ERR_clear_error();
		s->failed = 1;
		return TJG_EINTERNAL;
	}
	return TJG_OK;
}

/* The file's key: HKDF-SHA256(backup key, salt of the header). */
static bool
derive(struct backup_stream *s)
{
	OSSL_PARAM params[5];
	EVP_KDF_CTX *kctx = NULL;
	EVP_KDF *kdf;
	bool ok = false;

	if ((kdf = EVP_KDF_fetch(NULL, "HKDF", NULL)) == NULL)
		goto out;
	if ((kctx = EVP_KDF_CTX_new(kdf)) == NULL)
		goto out;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    s->bk.key, BACKUP_KEY_LEN);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    s->header + BACKUP_HEADER_LEN - SALT_LEN, SALT_LEN);
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
	    (char *)KDF_INFO, sizeof(KDF_INFO) - 1);
	params[4] = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(kctx, s->key, sizeof(s->key), params) != 1)
		goto out;
	if (EVP_CipherInit_ex2(s->ctx, s->gcm, s->key, NULL, s->sealing,
	    NULL) != 1)
		goto out;
	ok = true;
out:
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	ERR_clear_error();
	return ok;
}

/*
 * Seals or opens one chunk of n bytes at in (ciphertext and tag when
 * opening) into out. Opening, the plaintext is appended only once the tag
 * checked; otherwise whatever was decrypted is cleansed.
 */
static int
chunk(struct backup_stream *s, const unsigned char *in, size_t n, int last,
    struct buf *out)
{
	unsigned char nonce[NONCE_LEN], *o;
	size_t plen, i;
	uint64_t c = s->chunk;
	int got, rc = TJG_EINTERNAL;

	if (!s->sealing && n < BACKUP_TAG_LEN) {
		snprintf(s->why, sizeof(s->why), "cut short in chunk %llu",
		    (unsigned long long)s->chunk);
		return TJG_EINVAL;
	}
	plen = s->sealing ? n : n - BACKUP_TAG_LEN;
	memset(nonce, 0, sizeof(nonce));
	for (i = 0; i < 8; i++, c >>= 8)
		nonce[10 - i] = (unsigned char)(c & 0xff);
	nonce[11] = last ? 1 : 0;
	buf_grow(out, plen + BACKUP_TAG_LEN);
	o = (unsigned char *)out->p + out->len;
	if (EVP_CipherInit_ex2(s->ctx, NULL, NULL, nonce, s->sealing,
	    NULL) != 1)
		goto out;
	if (!s->sealing && EVP_CIPHER_CTX_ctrl(s->ctx, EVP_CTRL_AEAD_SET_TAG,
	    BACKUP_TAG_LEN, (void *)(in + plen)) != 1)
		goto out;
	if (EVP_CipherUpdate(s->ctx, NULL, &got, s->header,
	    BACKUP_HEADER_LEN) != 1)
		goto out;
	if (plen > 0 && (EVP_CipherUpdate(s->ctx, o, &got, in, (int)plen) !=
	    1 || (size_t)got != plen))
		goto out;
	if (EVP_CipherFinal_ex(s->ctx, o + plen, &got) != 1 || got != 0) {
		if (!s->sealing) {
			snprintf(s->why, sizeof(s->why), "damaged, changed or "
			    "cut short (chunk %llu does not authenticate)",
			    (unsigned long long)s->chunk);
			rc = TJG_EINVAL;
		}
		goto out;
	}
	if (s->sealing && EVP_CIPHER_CTX_ctrl(s->ctx, EVP_CTRL_AEAD_GET_TAG,
	    BACKUP_TAG_LEN, o + plen) != 1)
		goto out;
	out->len += s->sealing ? plen + BACKUP_TAG_LEN : plen;
	out->p[out->len] = '\0';
	s->chunk++;
	rc = TJG_OK;
out:
	if (rc != TJG_OK) {
		ERR_clear_error();
		OPENSSL_cleanse(o, plen + BACKUP_TAG_LEN);
		out->p[out->len] = '\0';
		s->failed = 1;
		if (rc == TJG_EINTERNAL)
			snprintf(s->why, sizeof(s->why), "OpenSSL failed");
	}
	return rc;
}

int
backup_seal_begin(struct backup_stream **out, const struct backup_key *k,
    struct buf *o)
{
	struct backup_stream *s;
	int rc;

	if ((rc = stream_new(out, k, 1, BACKUP_CHUNK)) != TJG_OK)
		return rc;
	s = *out;
	memcpy(s->header, MAGIC, MAGIC_LEN);
	s->header[MAGIC_LEN] = VERSION;
	s->header[MAGIC_LEN + 1] = CHUNK_LOG2;
	memcpy(s->header + MAGIC_LEN + 2, k->id, BACKUP_KEY_ID_LEN);
	if (RAND_bytes(s->header + BACKUP_HEADER_LEN - SALT_LEN, SALT_LEN) !=
	    1 || !derive(s)) {
		ERR_clear_error();
		s->failed = 1;
		return TJG_EINTERNAL;
	}
	buf_add(o, s->header, BACKUP_HEADER_LEN);
	return TJG_OK;
}

int
backup_seal_add(struct backup_stream *s, const void *p, size_t n,
    struct buf *out)
{
	const unsigned char *in = p;
	size_t take;
	int rc;

	if (s->failed || !s->sealing)
		return TJG_EINTERNAL;
	while (n > 0) {
		/* A full chunk is sealed once more input shows it is not
		 * the last. */
		if (s->len == BACKUP_CHUNK) {
			if ((rc = chunk(s, s->buf, s->len, 0, out)) != TJG_OK)
				return rc;
			s->len = 0;
		}
		take = BACKUP_CHUNK - s->len < n ? BACKUP_CHUNK - s->len : n;
		memcpy(s->buf + s->len, in, take);
		s->len += take;
		in += take;
		n -= take;
	}
	return TJG_OK;
}

int
backup_seal_end(struct backup_stream *s, struct buf *out)
{
	int rc;

	if (s->failed || !s->sealing)
		return TJG_EINTERNAL;
	rc = chunk(s, s->buf, s->len, 1, out);
	s->failed = 1;		/* nothing may follow the last chunk */
	return rc;
}

int
backup_open_begin(struct backup_stream **out, const struct backup_key *k)
{
	/* One chunk and its tag, and one byte more: the proof that the
	 * chunk is not the last. */
	return stream_new(out, k, 0, BACKUP_CHUNK + BACKUP_TAG_LEN + 1);
}

/* Checks the complete header and derives the file's key. */
static int
header_check(struct backup_stream *s)
{
	char have[2 * BACKUP_KEY_ID_LEN + 1], want[2 * BACKUP_KEY_ID_LEN + 1];
	int rc = TJG_EINVAL;

	if (memcmp(s->header, MAGIC, MAGIC_LEN) != 0)
		snprintf(s->why, sizeof(s->why), "not a tjg backup file");
	else if (s->header[MAGIC_LEN] != VERSION)
		snprintf(s->why, sizeof(s->why), "backup format version %d is "
		    "not known here", s->header[MAGIC_LEN]);
	else if (s->header[MAGIC_LEN + 1] != CHUNK_LOG2)
		snprintf(s->why, sizeof(s->why), "unknown chunk size");
	else if (CRYPTO_memcmp(s->header + MAGIC_LEN + 2, s->bk.id,
	    BACKUP_KEY_ID_LEN) != 0) {
		backup_key_id_hex(s->header + MAGIC_LEN + 2, have);
		backup_key_id_hex(s->bk.id, want);
		snprintf(s->why, sizeof(s->why), "made with backup key %s, "
		    "not with this key (%s)", have, want);
	} else if (!derive(s)) {
		snprintf(s->why, sizeof(s->why), "OpenSSL failed");
		rc = TJG_EINTERNAL;
	} else
		rc = TJG_OK;
	if (rc != TJG_OK)
		s->failed = 1;
	return rc;
}

int
backup_open_add(struct backup_stream *s, const void *p, size_t n,
    struct buf *out)
{
	const unsigned char *in = p;
	size_t take;
	int rc;

	if (s->failed || s->sealing)
		return s->sealing ? TJG_EINTERNAL : TJG_EINVAL;
	if (s->hlen < BACKUP_HEADER_LEN) {
		take = BACKUP_HEADER_LEN - s->hlen < n ?
		    BACKUP_HEADER_LEN - s->hlen : n;
		memcpy(s->header + s->hlen, in, take);
		s->hlen += take;
		in += take;
		n -= take;
		if (s->hlen == BACKUP_HEADER_LEN &&
		    (rc = header_check(s)) != TJG_OK)
			return rc;
	}
	while (n > 0) {
		take = s->cap - s->len < n ? s->cap - s->len : n;
		memcpy(s->buf + s->len, in, take);
		s->len += take;
		in += take;
		n -= take;
		if (s->len == s->cap) {
			if ((rc = chunk(s, s->buf, s->cap - 1, 0, out)) !=
			    TJG_OK)
				return rc;
			s->buf[0] = s->buf[s->cap - 1];
			s->len = 1;
		}
	}
	return TJG_OK;
}

int
backup_open_end(struct backup_stream *s, struct buf *out)
{
	int rc;

	if (s->failed || s->sealing)
		return s->sealing ? TJG_EINTERNAL : TJG_EINVAL;
	if (s->hlen < BACKUP_HEADER_LEN) {
		snprintf(s->why, sizeof(s->why), "not a tjg backup file (too "
		    "short)");
		s->failed = 1;
		return TJG_EINVAL;
	}
	rc = chunk(s, s->buf, s->len, 1, out);
	s->failed = 1;		/* nothing may follow the last chunk */
	return rc;
}

const char *
backup_stream_error(const struct backup_stream *s)
{
	return s->why[0] != '\0' ? s->why : "no error";
}

void
backup_stream_free(struct backup_stream *s)
{
	if (s == NULL)
		return;
	EVP_CIPHER_CTX_free(s->ctx);
	EVP_CIPHER_free(s->gcm);
	if (s->buf != NULL) {
		OPENSSL_cleanse(s->buf, s->cap);
		free(s->buf);
	}
	OPENSSL_cleanse(s, sizeof(*s));
	free(s);
}
