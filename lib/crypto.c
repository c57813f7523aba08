/*
 * AES-256-GCM blobs of personal data, HMAC-SHA256 blind indexes, SHA-256,
 * random tokens and order references, and the key file behind them
 * (reading, creating, adding a data key); X.509 certificates of providers
 * and CMS EnvelopedData to them. OpenSSL 3 EVP and CMS only. Every
 * OpenSSL return is checked; key material and plaintext are cleansed
 * when no longer needed and never appear in messages.
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

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "buf.h"
#include "crypto.h"
#include "err.h"
#include "file.h"

#define KEYFILE_MAX	(64 * 1024)	/* bytes; 255 data lines need 14 KiB */
#define CHUNK_MAX	(1 << 30)	/* bytes per EVP call (int lengths) */
#define B64_KEY_LEN	44		/* base64 of 32 bytes, one '=' */
#define MAX_WORDS	3		/* most words on a key file line */
#define REF_ALPHABET	"23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

_Static_assert(sizeof(REF_ALPHABET) - 1 == 32, "5 bits a character");
_Static_assert(CRYPTO_REF_LEN * 5 <= 64, "a reference fits 64 bits");

struct crypto_cert {
	X509		*x;
};

struct crypto_keys {
	unsigned char	 data[CRYPTO_MAX_KEY_ID + 1][CRYPTO_KEY_LEN];
	int		 line[CRYPTO_MAX_KEY_ID + 1];	/* 0: no such key */
	unsigned char	 index[CRYPTO_KEY_LEN];
	int		 index_line;			/* 0: none yet */
	int		 newest;			/* highest data id */
	EVP_CIPHER	*gcm;				/* fetched once */
	EVP_MAC		*hmac;
};

/* A word of a key file line: not NUL-terminated. */
struct word {
	const char	*s;
	size_t		 n;
};

static const char header[] =
    "# tjg key file, written by tjgctl keygen. Mode 0600. Never put it in\n"
    "# the database, a database backup or a repository. Without it the\n"
    "# personal data of every order is lost: keep a copy apart from the\n"
    "# database backups.\n"
    "#   index <base64 of 32 bytes>     blind index key, never changes\n"
    "#   data <id> <base64 of 32 bytes> the highest id encrypts\n";

static void	die(const char *) __attribute__((noreturn));

/* For the void functions: a wrong hash or index must never be returned. */
static void
die(const char *what)
{
	fprintf(stderr, "tjg: %s failed\n", what);
	abort();
}

/* Cleanses and frees a buffer from read_keyfile(). */
static void
text_free(char *text)
{
	if (text == NULL)
		return;
	OPENSSL_cleanse(text, KEYFILE_MAX + 1);
	free(text);
}

/*
 * Reads the key file at path into *text (*len bytes and a NUL; release it
 * with text_free()) and its status into st. Refuses anything but a
 * regular file that only its owner may access.
 */
static int
read_keyfile(const char *path, char **text, size_t *len, struct stat *st,
    char *err, size_t errlen)
{
	char *p = NULL;
	size_t n = 0;
	ssize_t r;
	int fd, rc;

	*text = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO must not hang start-up. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return err_at(err, errlen, path, 0, "cannot open: %s",
		    strerror(errno));
	if (fstat(fd, st) == -1) {
		rc = err_at(err, errlen, path, 0, "cannot stat: %s",
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st->st_mode)) {
		rc = err_at(err, errlen, path, 0, "not a regular file");
		goto out;
	}
	if ((st->st_mode & 077) != 0) {
		rc = err_at(err, errlen, path, 0, "mode %04o lets group or other "
		    "at the keys; chmod 0600",
		    (unsigned)(st->st_mode & 07777));
		goto out;
	}
	if ((p = malloc(KEYFILE_MAX + 1)) == NULL) {
		rc = err_at(err, errlen, path, 0, "out of memory");
		goto out;
	}
	for (;;) {
		r = read(fd, p + n, KEYFILE_MAX + 1 - n);
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
			rc = err_at(err, errlen, path, 0, "larger than %d KiB",
			    KEYFILE_MAX / 1024);
			goto out;
		}
	}
	p[n] = '\0';
	*text = p;
	*len = n;
	p = NULL;
	rc = TJG_OK;
out:
	text_free(p);
	close(fd);
	return rc;
}

/*
 * Decodes s (n bytes) if it is canonical base64 of exactly CRYPTO_KEY_LEN
 * bytes: 44 characters ending in one '=', no stray bits.
 */
static bool
decode_key(const char *s, size_t n, unsigned char out[CRYPTO_KEY_LEN])
{
	unsigned char raw[CRYPTO_KEY_LEN + 1];	/* DecodeBlock counts the '=' */
	unsigned char again[B64_KEY_LEN + 1];
	bool ok = false;

	if (n != B64_KEY_LEN)
		return false;
	if (EVP_DecodeBlock(raw, (const unsigned char *)s, B64_KEY_LEN) !=
	    CRYPTO_KEY_LEN + 1)
		goto out;
	/* Only canonical input encodes back to itself. */
	if (EVP_EncodeBlock(again, raw, CRYPTO_KEY_LEN) != B64_KEY_LEN ||
	    CRYPTO_memcmp(again, s, B64_KEY_LEN) != 0)
		goto out;
	memcpy(out, raw, CRYPTO_KEY_LEN);
	ok = true;
out:
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(again, sizeof(again));
	return ok;
}

/*
 * Splits the line [p, end) into words at spaces, tabs and CRs. Returns
 * the number of words, MAX_WORDS + 1 if there are more; fills w up to
 * MAX_WORDS.
 */
static int
split(const char *p, const char *end, struct word w[MAX_WORDS])
{
	const char *s;
	int n = 0;

	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p == end)
			return n;
		if (n == MAX_WORDS)
			return n + 1;
		for (s = p; p < end && *p != ' ' && *p != '\t' && *p != '\r';
		    p++)
			;
		w[n].s = s;
		w[n].n = (size_t)(p - s);
		n++;
	}
}

static bool
word_is(const struct word *w, const char *s)
{
	return w->n == strlen(s) && memcmp(w->s, s, w->n) == 0;
}

/* Returns the data key id in w (decimal, 1..255), or -1. */
static int
parse_id(const struct word *w)
{
	size_t i;
	int id = 0;

	if (w->n == 0 || w->n > 3)
		return -1;
	for (i = 0; i < w->n; i++) {
		if (w->s[i] < '0' || w->s[i] > '9')
			return -1;
		id = id * 10 + (w->s[i] - '0');
	}
	return id >= 1 && id <= CRYPTO_MAX_KEY_ID ? id : -1;
}

/*
 * Parses the key file text (len bytes) into k, which keys_new() made.
 * Messages name the line and never quote it: a botched line may hold a
 * key.
 */
static int
parse_keys(struct crypto_keys *k, const char *path, const char *text,
    size_t len, char *err, size_t errlen)
{
	const char *p = text, *end = text + len, *eol;
	struct word w[MAX_WORDS];
	int id, line = 0, nw;

	while (p < end) {
		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (memchr(p, '\0', (size_t)(eol - p)) != NULL)
			return err_at(err, errlen, path, line, "NUL byte");
		nw = split(p, eol, w);
		p = eol < end ? eol + 1 : end;
		if (nw == 0 || w[0].s[0] == '#')
			continue;
		if (word_is(&w[0], "data")) {
			if (nw != 3)
				return err_at(err, errlen, path, line,
				    "expected: data <id> <key>");
			if ((id = parse_id(&w[1])) == -1)
				return err_at(err, errlen, path, line,
				    "data key id must be a number from 1 "
				    "to %d", CRYPTO_MAX_KEY_ID);
			if (k->line[id] != 0)
				return err_at(err, errlen, path, line,
				    "data key %d given twice (first on line "
				    "%d)", id, k->line[id]);
			if (!decode_key(w[2].s, w[2].n, k->data[id]))
				return err_at(err, errlen, path, line,
				    "data key %d is not base64 of %d bytes",
				    id, CRYPTO_KEY_LEN);
			k->line[id] = line;
			if (id > k->newest)
				k->newest = id;
		} else if (word_is(&w[0], "index")) {
			if (nw != 2)
				return err_at(err, errlen, path, line,
				    "expected: index <key>");
			if (k->index_line != 0)
				return err_at(err, errlen, path, line,
				    "second index key (first on line %d); "
				    "the index key must never change",
				    k->index_line);
			if (!decode_key(w[1].s, w[1].n, k->index))
				return err_at(err, errlen, path, line,
				    "index key is not base64 of %d bytes",
				    CRYPTO_KEY_LEN);
			k->index_line = line;
		} else
			return err_at(err, errlen, path, line,
			    "unknown keyword (expected data or index)");
	}
	if (k->newest == 0)
		return err_at(err, errlen, path, 0, "no data key");
	if (k->index_line == 0)
		return err_at(err, errlen, path, 0, "no index key");
	for (id = 1; id <= CRYPTO_MAX_KEY_ID; id++)
		if (k->line[id] != 0 && CRYPTO_memcmp(k->data[id], k->index,
		    CRYPTO_KEY_LEN) == 0)
			return err_at(err, errlen, path, k->line[id],
			    "data key %d equals the index key", id);
	return TJG_OK;
}

/* Allocates an empty key set and fetches the algorithms it uses. */
static int
keys_new(struct crypto_keys **out, const char *path, char *err,
    size_t errlen)
{
	struct crypto_keys *k;
	int rc = TJG_EINTERNAL;

	if ((*out = k = calloc(1, sizeof(*k))) == NULL) {
		err_at(err, errlen, path, 0, "out of memory");
		goto out;
	}
	if ((k->gcm = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL)) == NULL) {
		err_at(err, errlen, path, 0, "OpenSSL has no AES-256-GCM");
		goto out;
	}
	if ((k->hmac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL) {
		err_at(err, errlen, path, 0, "OpenSSL has no HMAC");
		goto out;
	}
	rc = TJG_OK;
out:
	if (rc != TJG_OK)
		ERR_clear_error();
	return rc;
}

int
crypto_keys_load(struct crypto_keys **out, const char *path, char *err,
    size_t errlen)
{
	struct crypto_keys *k = NULL;
	struct stat st;
	char *text = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = read_keyfile(path, &text, &len, &st, err, errlen)) !=
	    TJG_OK)
		goto out;
	if ((rc = keys_new(&k, path, err, errlen)) != TJG_OK)
		goto out;
	if ((rc = parse_keys(k, path, text, len, err, errlen)) != TJG_OK)
		goto out;
	*out = k;
	k = NULL;
out:
	crypto_keys_free(k);
	text_free(text);
	return rc;
}

void
crypto_keys_free(struct crypto_keys *k)
{
	if (k == NULL)
		return;
	EVP_CIPHER_free(k->gcm);
	EVP_MAC_free(k->hmac);
	OPENSSL_cleanse(k, sizeof(*k));
	free(k);
}

int
crypto_keys_newest(const struct crypto_keys *k)
{
	return k->newest;
}

bool
crypto_keys_has(const struct crypto_keys *k, int id)
{
	return id >= 1 && id <= CRYPTO_MAX_KEY_ID && k->line[id] != 0;
}

/* Writes n bytes, retrying short writes. */
static bool
write_all(int fd, const char *p, size_t n)
{
	ssize_t r;

	while (n > 0) {
		if ((r = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* Appends "<prefix><base64 of a fresh 32-byte key>\n" to b. */
static bool
add_fresh_key(struct buf *b, const char *prefix)
{
	unsigned char key[CRYPTO_KEY_LEN], b64[B64_KEY_LEN + 1];
	bool ok = false;

	if (RAND_priv_bytes(key, sizeof(key)) != 1) {
		ERR_clear_error();
		goto out;
	}
	if (EVP_EncodeBlock(b64, key, sizeof(key)) != B64_KEY_LEN)
		goto out;
	buf_adds(b, prefix);
	buf_add(b, b64, B64_KEY_LEN);
	buf_addc(b, '\n');
	ok = true;
out:
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(b64, sizeof(b64));
	return ok;
}

/*
 * The start of every change to a key file: refuses a symbolic link, takes
 * the lock (creates tmp with O_EXCL, mode 0600; *fd is then open and
 * *made_tmp true) and, if path exists (*exists), reads and parses it into
 * *text (*len bytes), *st and *k. The caller writes the new contents with
 * install().
 */
static int
lock_and_read(const char *path, const char *tmp, int *fd, bool *made_tmp,
    bool *exists, struct stat *st, char **text, size_t *len,
    struct crypto_keys **k, char *err, size_t errlen)
{
	int rc;

	if (lstat(path, st) == 0) {
		if (S_ISLNK(st->st_mode))
			return err_at(err, errlen, path, 0, "a symbolic link; "
			    "give the path of the file itself");
		*exists = true;
	} else if (errno == ENOENT)
		*exists = false;
	else
		return err_at(err, errlen, path, 0, "cannot stat: %s",
		    strerror(errno));
	/* Taken first: the .tmp file is also the lock against a second
	 * keygen reading the old file meanwhile. */
	*fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (*fd == -1) {
		if (errno == EEXIST)
			return err_at(err, errlen, tmp, 0, "exists: another "
			    "keygen is running, or one crashed (check, then "
			    "remove it)");
		return err_at(err, errlen, tmp, 0, "cannot create: %s",
		    strerror(errno));
	}
	*made_tmp = true;
	if (!*exists)
		return TJG_OK;
	if ((rc = read_keyfile(path, text, len, st, err, errlen)) != TJG_OK)
		return rc;
	if ((rc = keys_new(k, path, err, errlen)) != TJG_OK)
		return rc;
	return parse_keys(*k, path, *text, *len, err, errlen);
}

/*
 * Writes the new contents nb to tmp (open as *fd, closed here) with the
 * owner and group of the old file (st, if *exists), fsyncs it, and puts it
 * in place: renamed over path, or linked to path for a new file (link()
 * never replaces a file created meanwhile). *made_tmp turns false once
 * tmp is gone. Then fsyncs the directory.
 */
static int
install(const char *path, const char *tmp, int *fd, bool *made_tmp,
    bool exists, const struct stat *st, const struct buf *nb, char *err,
    size_t errlen)
{
	int cfd;

	/* The workers read the file as its owner; keep owner and group. */
	if (exists && (st->st_uid != geteuid() || st->st_gid != getegid()) &&
	    fchown(*fd, st->st_uid, st->st_gid) == -1)
		return err_at(err, errlen, tmp, 0, "cannot give it the owner "
		    "of %s: %s", path, strerror(errno));
	/* The umask may have taken more than group and other. */
	if (fchmod(*fd, 0600) == -1 || !write_all(*fd, nb->p, nb->len) ||
	    fsync(*fd) == -1)
		return err_at(err, errlen, tmp, 0, "cannot write: %s",
		    strerror(errno));
	cfd = *fd;
	*fd = -1;
	if (close(cfd) == -1)
		return err_at(err, errlen, tmp, 0, "cannot write: %s",
		    strerror(errno));
	if (exists) {
		if (rename(tmp, path) == -1)
			return err_at(err, errlen, path, 0, "cannot replace: %s",
			    strerror(errno));
		*made_tmp = false;
	} else {
		if (link(tmp, path) == -1)
			return err_at(err, errlen, path, 0, "cannot create: %s",
			    strerror(errno));
		*made_tmp = false;
		if (unlink(tmp) == -1)
			return err_at(err, errlen, tmp, 0, "keys written to %s, "
			    "but cannot remove: %s", path, strerror(errno));
	}
	if (!file_sync_parent(path))
		return err_at(err, errlen, path, 0, "keys written, but cannot "
		    "fsync the directory: %s", strerror(errno));
	return TJG_OK;
}

int
crypto_keygen(const char *path, int *new_id, char *err, size_t errlen)
{
	struct crypto_keys *k = NULL;
	struct buf nb;
	struct stat st;
	char tmp[PATH_MAX], prefix[32];
	char *text = NULL;
	size_t len = 0;
	bool exists = false, made_tmp = false;
	int fd = -1, id, rc;

	buf_init(&nb);
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		rc = err_at(err, errlen, path, 0, "path too long");
		goto out;
	}
	if ((rc = lock_and_read(path, tmp, &fd, &made_tmp, &exists, &st,
	    &text, &len, &k, err, errlen)) != TJG_OK)
		goto out;
	if (exists) {
		if (k->newest == CRYPTO_MAX_KEY_ID) {
			rc = err_at(err, errlen, path, 0, "data key %d exists; "
			    "no id left", CRYPTO_MAX_KEY_ID);
			goto out;
		}
		id = k->newest + 1;
	} else
		id = 1;

	/* Sized once: a realloc would free a copy of the keys uncleansed. */
	buf_grow(&nb, len + sizeof(header) + 2 * (B64_KEY_LEN + 16));
	if (exists) {
		buf_add(&nb, text, len);
		if (len > 0 && text[len - 1] != '\n')
			buf_addc(&nb, '\n');
	} else {
		buf_adds(&nb, header);
		if (!add_fresh_key(&nb, "index ")) {
			rc = err_at(err, errlen, path, 0, "no random bytes");
			goto out;
		}
	}
	snprintf(prefix, sizeof(prefix), "data %d ", id);
	if (!add_fresh_key(&nb, prefix)) {
		rc = err_at(err, errlen, path, 0, "no random bytes");
		goto out;
	}
	rc = install(path, tmp, &fd, &made_tmp, exists, &st, &nb, err,
	    errlen);
	/* Once in place, the key exists even if the last steps failed. */
	if (rc == TJG_OK || !made_tmp)
		*new_id = id;
out:
	if (fd != -1)
		close(fd);
	if (made_tmp)
		unlink(tmp);
	crypto_buf_clear(&nb);
	text_free(text);
	crypto_keys_free(k);
	return rc;
}

int
crypto_key_remove(const char *path, int id, char *err, size_t errlen)
{
	struct crypto_keys *k = NULL;
	struct word w[MAX_WORDS];
	struct buf nb;
	struct stat st;
	char tmp[PATH_MAX];
	const char *p, *end, *eol, *next;
	char *text = NULL;
	size_t len = 0;
	bool exists = false, made_tmp = false;
	int fd = -1, rc;

	buf_init(&nb);
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		rc = err_at(err, errlen, path, 0, "path too long");
		goto out;
	}
	if ((rc = lock_and_read(path, tmp, &fd, &made_tmp, &exists, &st,
	    &text, &len, &k, err, errlen)) != TJG_OK)
		goto out;
	if (!exists) {
		rc = err_at(err, errlen, path, 0, "no such file");
		goto out;
	}
	if (id < 1 || id > CRYPTO_MAX_KEY_ID || k->line[id] == 0) {
		rc = err_at(err, errlen, path, 0, "has no data key %d", id);
		goto out;
	}
	if (id == k->newest) {
		rc = err_at(err, errlen, path, 0, "data key %d is the newest: it "
		    "encrypts new orders (add a newer one with keygen first)",
		    id);
		goto out;
	}
	/* Every line but the key's, as it was. Sized once (see keygen). */
	buf_grow(&nb, len + 1);
	for (p = text, end = text + len; p < end; p = next) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		next = eol < end ? eol + 1 : end;
		if (split(p, eol, w) == 3 && word_is(&w[0], "data") &&
		    parse_id(&w[1]) == id)
			continue;
		buf_add(&nb, p, (size_t)(next - p));
	}
	rc = install(path, tmp, &fd, &made_tmp, true, &st, &nb, err, errlen);
out:
	if (fd != -1)
		close(fd);
	if (made_tmp)
		unlink(tmp);
	crypto_buf_clear(&nb);
	text_free(text);
	crypto_keys_free(k);
	return rc;
}

/*
 * Feeds n bytes at in to ctx in int-sized pieces: additional data if o is
 * NULL, else text whose result (as long as the input, in GCM) goes to o.
 */
static bool
update(EVP_CIPHER_CTX *ctx, unsigned char *o, const void *in, size_t n)
{
	const unsigned char *i = in;
	int chunk, got;

	while (n > 0) {
		chunk = n > CHUNK_MAX ? CHUNK_MAX : (int)n;
		if (EVP_CipherUpdate(ctx, o, &got, i, chunk) != 1)
			return false;
		if (o != NULL) {
			if (got != chunk)
				return false;
			o += chunk;
		}
		i += chunk;
		n -= (size_t)chunk;
	}
	return true;
}

int
crypto_seal(const struct crypto_keys *k, const void *plain, size_t len,
    const void *aad, size_t aadlen, struct buf *out)
{
	EVP_CIPHER_CTX *ctx = NULL;
	unsigned char *p, id;
	int n, rc = TJG_EINTERNAL;

	buf_reset(out);
	if (k == NULL || k->newest == 0)
		goto out;
	buf_grow(out, len + CRYPTO_OVERHEAD);	/* aborts if absurd */
	p = (unsigned char *)out->p;
	id = (unsigned char)k->newest;
	p[0] = id;
	if (RAND_bytes(p + 1, CRYPTO_NONCE_LEN) != 1)
		goto out;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	if (EVP_EncryptInit_ex2(ctx, k->gcm, k->data[id], p + 1, NULL) != 1)
		goto out;
	if (!update(ctx, NULL, &id, 1) || !update(ctx, NULL, aad, aadlen) ||
	    !update(ctx, p + 1 + CRYPTO_NONCE_LEN, plain, len))
		goto out;
	if (EVP_EncryptFinal_ex(ctx, p + 1 + CRYPTO_NONCE_LEN + len, &n) !=
	    1 || n != 0)
		goto out;
	if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, CRYPTO_TAG_LEN,
	    p + 1 + CRYPTO_NONCE_LEN + len) != 1)
		goto out;
	out->len = len + CRYPTO_OVERHEAD;
	out->p[out->len] = '\0';
	rc = TJG_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (rc != TJG_OK) {
		ERR_clear_error();
		buf_reset(out);
	}
	return rc;
}

int
crypto_open(const struct crypto_keys *k, const void *blob, size_t len,
    const void *aad, size_t aadlen, struct buf *out)
{
	const unsigned char *b = blob;
	unsigned char tag[CRYPTO_TAG_LEN], *p;
	EVP_CIPHER_CTX *ctx = NULL;
	size_t clen;
	int n, rc = TJG_EINTERNAL;

	buf_reset(out);
	if (k == NULL)
		goto out;
	if (len < CRYPTO_OVERHEAD || k->line[b[0]] == 0) {
		rc = TJG_EINVAL;
		goto out;
	}
	clen = len - CRYPTO_OVERHEAD;
	/* Grown before decrypting: a realloc must not copy plaintext. */
	buf_grow(out, clen);
	p = (unsigned char *)out->p;
	memcpy(tag, b + len - CRYPTO_TAG_LEN, CRYPTO_TAG_LEN);
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	if (EVP_DecryptInit_ex2(ctx, k->gcm, k->data[b[0]], b + 1, NULL) != 1)
		goto out;
	if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, CRYPTO_TAG_LEN,
	    tag) != 1)
		goto out;
	if (!update(ctx, NULL, b, 1) || !update(ctx, NULL, aad, aadlen) ||
	    !update(ctx, p, b + 1 + CRYPTO_NONCE_LEN, clen))
		goto out;
	/* The tag is checked here; until then p holds unauthenticated
	 * plaintext. */
	if (EVP_DecryptFinal_ex(ctx, p + clen, &n) != 1 || n != 0) {
		rc = TJG_EINVAL;
		goto out;
	}
	out->len = clen;
	out->p[clen] = '\0';
	rc = TJG_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (rc != TJG_OK) {
		ERR_clear_error();
		if (out->p != NULL)
			OPENSSL_cleanse(out->p, out->cap);
		buf_reset(out);
	}
	return rc;
}

int
crypto_blob_key_id(const void *blob, size_t len)
{
	const unsigned char *b = blob;

	if (len < CRYPTO_OVERHEAD || b[0] == 0)
		return -1;
	return b[0];
}

void
crypto_buf_clear(struct buf *b)
{
	if (b->p != NULL)
		OPENSSL_cleanse(b->p, b->cap);
	buf_free(b);
}

void
crypto_bidx(const struct crypto_keys *k, const char *domain,
    const char *value, unsigned char out[CRYPTO_BIDX_LEN])
{
	static char sha256[] = "SHA256";
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx;
	size_t n = 0;
	bool ok;

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    sha256, 0);
	params[1] = OSSL_PARAM_construct_end();
	/* strlen + 1: the NUL of domain is the 0x00 separator. */
	ok = (ctx = EVP_MAC_CTX_new(k->hmac)) != NULL &&
	    EVP_MAC_init(ctx, k->index, CRYPTO_KEY_LEN, params) == 1 &&
	    EVP_MAC_update(ctx, (const unsigned char *)domain,
	    strlen(domain) + 1) == 1 &&
	    EVP_MAC_update(ctx, (const unsigned char *)value,
	    strlen(value)) == 1 &&
	    EVP_MAC_final(ctx, out, &n, CRYPTO_BIDX_LEN) == 1 &&
	    n == CRYPTO_BIDX_LEN;
	EVP_MAC_CTX_free(ctx);
	if (!ok)
		die("HMAC-SHA256");
}

int
crypto_random(void *p, size_t n)
{
	unsigned char *b = p;
	size_t left = n;
	int chunk;

	while (left > 0) {
		chunk = left > CHUNK_MAX ? CHUNK_MAX : (int)left;
		if (RAND_bytes(b, chunk) != 1) {
			ERR_clear_error();
			OPENSSL_cleanse(p, n);
			return TJG_EINTERNAL;
		}
		b += chunk;
		left -= (size_t)chunk;
	}
	return TJG_OK;
}

void
crypto_sha256(const void *p, size_t n, unsigned char out[CRYPTO_SHA256_LEN])
{
	unsigned int len = 0;

	if (EVP_Digest(p, n, out, &len, EVP_sha256(), NULL) != 1 ||
	    len != CRYPTO_SHA256_LEN)
		die("SHA-256");
}

int
crypto_token(char *out, size_t outlen, size_t nbytes)
{
	static const char b64url[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char raw[CRYPTO_TOKEN_MAX_BYTES];
	uint32_t v;
	size_t i, o = 0;
	int rc;

	if (outlen > 0)
		out[0] = '\0';
	if (nbytes == 0 || nbytes > CRYPTO_TOKEN_MAX_BYTES ||
	    outlen <= CRYPTO_TOKEN_LEN(nbytes))
		return TJG_EINVAL;
	if ((rc = crypto_random(raw, nbytes)) != TJG_OK)
		return rc;
	for (i = 0; i + 3 <= nbytes; i += 3) {
		v = (uint32_t)raw[i] << 16 | (uint32_t)raw[i + 1] << 8 |
		    raw[i + 2];
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
		out[o++] = b64url[v & 63];
	}
	if (nbytes - i == 1) {
		v = (uint32_t)raw[i] << 16;
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
	} else if (nbytes - i == 2) {
		v = (uint32_t)raw[i] << 16 | (uint32_t)raw[i + 1] << 8;
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
	}
	out[o] = '\0';
	OPENSSL_cleanse(raw, nbytes);
	return TJG_OK;
}

int
crypto_ref(char out[CRYPTO_REF_LEN + 1])
{
	static const char alphabet[] = REF_ALPHABET;
	unsigned char r[8];
	uint64_t v = 0;
	size_t i;
	int rc;

	out[0] = '\0';
	if ((rc = crypto_random(r, sizeof(r))) != TJG_OK)
		return rc;
	for (i = 0; i < sizeof(r); i++)
		v = v << 8 | r[i];
	/* 32 symbols: 5 bits each, no modulo bias. */
	for (i = 0; i < CRYPTO_REF_LEN; i++) {
		out[i] = alphabet[v & 31];
		v >>= 5;
	}
	out[CRYPTO_REF_LEN] = '\0';
	return TJG_OK;
}

bool
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

int
crypto_cert_load(struct crypto_cert **out, const char *pem)
{
	struct crypto_cert *c = NULL;
	BIO *in = NULL;
	int rc = TJG_EINTERNAL;

	*out = NULL;
	if (pem == NULL || strlen(pem) > INT_MAX) {
		rc = TJG_EINVAL;
		goto out;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		goto out;
	if ((in = BIO_new_mem_buf(pem, -1)) == NULL)
		goto out;
	if ((c->x = PEM_read_bio_X509(in, NULL, NULL, NULL)) == NULL) {
		rc = TJG_EINVAL;
		goto out;
	}
	*out = c;
	c = NULL;
	rc = TJG_OK;
out:
	BIO_free(in);
	crypto_cert_free(c);
	ERR_clear_error();
	return rc;
}

void
crypto_cert_free(struct crypto_cert *c)
{
	if (c == NULL)
		return;
	X509_free(c->x);
	free(c);
}

int
crypto_cert_info(const struct crypto_cert *c,
    unsigned char sha256[CRYPTO_SHA256_LEN],
    char not_after[CRYPTO_CERT_TIME_LEN], bool *expired, struct buf *pem)
{
	const ASN1_TIME *t;
	unsigned char *der = NULL;
	BUF_MEM *bm;
	BIO *mem = NULL;
	struct tm tm;
	int n, rc = TJG_EINTERNAL;

	not_after[0] = '\0';
	*expired = true;
	if (pem != NULL)
		buf_reset(pem);
	if ((n = i2d_X509(c->x, &der)) <= 0)
		goto out;
	crypto_sha256(der, (size_t)n, sha256);
	if ((t = X509_get0_notAfter(c->x)) == NULL ||
	    ASN1_TIME_to_tm(t, &tm) != 1 ||
	    strftime(not_after, CRYPTO_CERT_TIME_LEN, "%Y-%m-%d %H:%M:%S",
	    &tm) != CRYPTO_CERT_TIME_LEN - 1)
		goto out;
	/* -1: before now; 0 is an error. */
	if ((n = X509_cmp_current_time(t)) == 0)
		goto out;
	*expired = n < 0;
	if (pem != NULL) {
		if ((mem = BIO_new(BIO_s_mem())) == NULL ||
		    PEM_write_bio_X509(mem, c->x) != 1 ||
		    BIO_get_mem_ptr(mem, &bm) != 1 || bm == NULL)
			goto out;
		buf_add(pem, bm->data, bm->length);
	}
	rc = TJG_OK;
out:
	OPENSSL_free(der);
	BIO_free(mem);
	if (rc != TJG_OK) {
		ERR_clear_error();
		not_after[0] = '\0';
		if (pem != NULL)
			buf_reset(pem);
	}
	return rc;
}

int
crypto_cms_encrypt_to(const struct crypto_cert *c, const void *plain,
    size_t len, struct buf *out)
{
	CMS_ContentInfo *cms = NULL;
	CMS_RecipientInfo *ri;
	EVP_PKEY_CTX *pctx;
	EVP_PKEY *key;
	unsigned char *der = NULL;
	BIO *in = NULL;
	int n, b64, rc = TJG_EINTERNAL;

	buf_reset(out);
	if (c == NULL || len > INT_MAX / 2) {
		rc = TJG_EINVAL;
		goto out;
	}
	if ((key = X509_get0_pubkey(c->x)) == NULL) {
		rc = TJG_EINVAL;
		goto out;
	}
	/* Read only: the plaintext is never copied into OpenSSL's buffers. */
	if ((in = BIO_new_mem_buf(plain, (int)len)) == NULL)
		goto out;
	/*
	 * CMS_PARTIAL: an empty structure, so the recipient can be added
	 * with its key transport chosen (RSA-OAEP, not PKCS #1 v1.5),
	 * then CMS_final() encrypts. CMS_BINARY: the bytes as they are,
	 * no MIME canonicalisation of line ends.
	 */
	if ((cms = CMS_encrypt(NULL, NULL, EVP_aes_256_cbc(), CMS_BINARY |
	    CMS_PARTIAL)) == NULL)
		goto out;
	if ((ri = CMS_add1_recipient_cert(cms, c->x, CMS_KEY_PARAM)) ==
	    NULL) {
		rc = TJG_EINVAL;	/* no CMS recipient key type */
		goto out;
	}
	if (EVP_PKEY_is_a(key, "RSA")) {
		if ((pctx = CMS_RecipientInfo_get0_pkey_ctx(ri)) == NULL ||
		    EVP_PKEY_CTX_set_rsa_padding(pctx,
		    RSA_PKCS1_OAEP_PADDING) <= 0)
			goto out;
	}
	if (CMS_final(cms, in, NULL, CMS_BINARY) != 1)
		goto out;
	if ((n = i2d_CMS_ContentInfo(cms, &der)) <= 0 || n > INT_MAX / 4 * 3 -
	    3)
		goto out;
	buf_grow(out, (size_t)(n + 2) / 3 * 4);
	if ((b64 = EVP_EncodeBlock((unsigned char *)out->p, der, n)) !=
	    (n + 2) / 3 * 4)
		goto out;
	out->len = (size_t)b64;
	out->p[out->len] = '\0';
	rc = TJG_OK;
out:
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	if (rc != TJG_OK) {
		ERR_clear_error();
		buf_reset(out);
	}
	return rc;
}

int
crypto_cms_encrypt(const char *cert_pem, const void *plain, size_t len,
    struct buf *out)
{
	struct crypto_cert *c;
	int rc;

	buf_reset(out);
	if ((rc = crypto_cert_load(&c, cert_pem)) != TJG_OK)
		return rc;
	rc = crypto_cms_encrypt_to(c, plain, len, out);
	crypto_cert_free(c);
	return rc;
}
