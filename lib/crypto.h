/*
 * Encryption of personal data, blind indexes, hashes and random tokens,
 * on OpenSSL 3 EVP. The keys live in a key file named by the config
 * ([crypto] key_file), never in the database or the repository:
 *
 *	# comment
 *	index <base64 of 32 bytes>	HMAC-SHA256 key of the blind indexes
 *	data <id> <base64 of 32 bytes>	AES-256-GCM key, id 1..255
 *
 * exactly one index line and one or more data lines, mode 0600. The
 * highest data id seals new blobs; older ids stay to open old blobs
 * (rotation). The index key never rotates: a new index key would orphan
 * every stored blind index.
 *
 * A sealed blob is id (1 byte) || nonce (12) || ciphertext || tag (16),
 * the format of orders.pii. The GCM additional data is the id byte
 * followed by the caller's AAD (the order reference), so a blob copied to
 * another order, or relabelled with another key id, does not open.
 */
#ifndef TJG_CRYPTO_H
#define TJG_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct crypto_keys;

#define CRYPTO_KEY_LEN		32
#define CRYPTO_NONCE_LEN	12
#define CRYPTO_TAG_LEN		16
/* Bytes a sealed blob adds to its plaintext. */
#define CRYPTO_OVERHEAD		(1 + CRYPTO_NONCE_LEN + CRYPTO_TAG_LEN)
#define CRYPTO_MAX_KEY_ID	255
#define CRYPTO_BIDX_LEN		32	/* orders.pnr_bidx, email_bidx */
#define CRYPTO_SHA256_LEN	32	/* status_token_hash, idem_hash */
#define CRYPTO_REF_LEN		12	/* orders.ref, without the NUL */
#define CRYPTO_TOKEN_MAX_BYTES	256	/* largest nbytes of crypto_token */

/* Characters of a token of nbytes bytes (base64url, no padding). */
#define CRYPTO_TOKEN_LEN(nbytes)	(((nbytes) * 4 + 2) / 3)

/*
 * Reads the key file at path into a new key set, stored in *out (NULL on
 * failure); free it with crypto_keys_free(). Refuses with TJG_ECONFIG and
 * "path:line: reason" (or "path: reason" for the file as a whole) in err:
 * a file that is not a regular file, that group or other may access in
 * any way, larger than 64 KiB, with an unknown keyword, a malformed line,
 * a data id outside 1..255 or given twice, a key that is not canonical
 * base64 of exactly 32 bytes, no data key, no index key, two index keys,
 * or an index key equal to a data key. Messages never contain key
 * material. TJG_EINTERNAL if OpenSSL lacks AES-256-GCM or HMAC.
 */
int	 crypto_keys_load(struct crypto_keys **out, const char *path,
	    char *err, size_t errlen);

/* Cleanses the key material and frees the set; NULL is ignored. */
void	 crypto_keys_free(struct crypto_keys *);

/* Returns the id new blobs are sealed with: the highest data id. */
int	 crypto_keys_newest(const struct crypto_keys *);

/* True if the set has data key id (any int may be asked). */
bool	 crypto_keys_has(const struct crypto_keys *, int id);

/*
 * Creates the key file at path with a fresh index key and data key 1, or,
 * if it exists, appends a fresh data key with the highest id + 1 and
 * keeps every other line. Stores the new id in *new_id. The new contents
 * are written to "path.tmp" (created with O_EXCL, mode 0600, the owner
 * and group of the old file), fsync'ed, then linked (new file) or renamed
 * (existing file) over path and the directory fsync'ed, so a crash leaves
 * either the old or the new file. The .tmp file doubles as a lock: a
 * second keygen fails while one runs or after one crashed (remove the
 * stale .tmp by hand). Refuses with TJG_ECONFIG and a message in err: an
 * existing file that crypto_keys_load() refuses, a symbolic link, id 255
 * in use, any I/O error. Exported to the workers only by restarting them.
 */
int	 crypto_keygen(const char *path, int *new_id, char *err,
	    size_t errlen);

/*
 * Removes data key id from the key file at path, the end of a rotation:
 * every other line (comments included) is kept as it was, and the file
 * is replaced as crypto_keygen() replaces it (same .tmp lock, owner,
 * mode, fsync and rename). Refuses with TJG_ECONFIG and a message in err:
 * what crypto_keygen() refuses, a missing file, an id the file does not
 * have, and the newest id (it seals new blobs). Whether blobs still use
 * the key is the caller's to check first (orders.pii_key_id): their
 * personal data could never be opened again. Exported to the workers
 * only by restarting them.
 */
int	 crypto_key_remove(const char *path, int id, char *err,
	    size_t errlen);

/*
 * Encrypts len bytes at plain with the newest data key, AES-256-GCM with
 * a fresh random nonce, bound to aadlen bytes at aad (may be NULL if
 * aadlen is 0). out is reset and receives the blob, len +
 * CRYPTO_OVERHEAD bytes. Returns TJG_OK, or TJG_EINTERNAL if OpenSSL or
 * the random generator fails (out is then empty).
 */
int	 crypto_seal(const struct crypto_keys *, const void *plain,
	    size_t len, const void *aad, size_t aadlen, struct buf *out);

/*
 * Decrypts and authenticates the blob of len bytes at blob, which must be
 * bound to the same aad as when sealed and must not overlap out. out is
 * reset and receives the plaintext (NUL-terminated by struct buf, which
 * the plaintext may itself contain). Returns TJG_EINVAL, with out empty
 * and the bytes decrypted before the tag check cleansed, for a blob
 * shorter than CRYPTO_OVERHEAD, an unknown key id, or a failed
 * authentication (tampered blob, wrong key, wrong aad); TJG_EINTERNAL if
 * OpenSSL fails. Plaintext of personal data should be released with
 * crypto_buf_clear().
 */
int	 crypto_open(const struct crypto_keys *, const void *blob,
	    size_t len, const void *aad, size_t aadlen, struct buf *out);

/*
 * Returns the key id of a sealed blob (its first byte, 1..255), or -1 if
 * the blob is too short to be one. Says nothing about authenticity.
 */
int	 crypto_blob_key_id(const void *blob, size_t len);

/*
 * Cleanses the whole allocation of b (personal data, keys) and frees it;
 * b is then empty, as after buf_init().
 */
void	 crypto_buf_clear(struct buf *b);

/*
 * Writes the blind index of value in domain ("pnr", "email") to out:
 * HMAC-SHA256 with the index key over domain || 0x00 || value. Callers
 * normalise value first (12-digit personnummer, lower-case e-mail). The
 * index key must stay secret: without it, a personnummer index can be
 * reversed by trying every number. Aborts if OpenSSL fails (out of
 * memory), as buf_grow() does, rather than return a wrong index.
 */
void	 crypto_bidx(const struct crypto_keys *, const char *domain,
	    const char *value, unsigned char out[CRYPTO_BIDX_LEN]);

/*
 * Fills n bytes at p from the OpenSSL CSPRNG. Returns TJG_OK, or
 * TJG_EINTERNAL (p then cleansed) if it fails.
 */
int	 crypto_random(void *p, size_t n);

/*
 * Writes the SHA-256 of n bytes at p to out. Aborts if OpenSSL fails (out
 * of memory), as buf_grow() does, rather than return a wrong hash.
 */
void	 crypto_sha256(const void *p, size_t n,
	    unsigned char out[CRYPTO_SHA256_LEN]);

/*
 * Writes a random token of nbytes (1..CRYPTO_TOKEN_MAX_BYTES) bytes as
 * base64url without padding, CRYPTO_TOKEN_LEN(nbytes) characters and a
 * NUL, to out of outlen bytes. Returns TJG_OK, TJG_EINVAL for a bad
 * nbytes or an outlen too small (out then ""), or TJG_EINTERNAL. Use 32
 * bytes for secrets (status links, CSRF, sessions); store only their
 * crypto_sha256().
 */
int	 crypto_token(char *out, size_t outlen, size_t nbytes);

/*
 * Writes a random public order reference to out: CRYPTO_REF_LEN
 * characters of "23456789ABCDEFGHJKLMNPQRSTUVWXYZ" (0-9A-Z without the
 * look-alikes 0, 1, I, O; 32 symbols, 5 bits each, so 60 bits, uniform)
 * and a NUL. Matches the orders.ref check ^[0-9A-Z]{12}$. Returns TJG_OK
 * or TJG_EINTERNAL (out then "").
 */
int	 crypto_ref(char out[CRYPTO_REF_LEN + 1]);

/* Compares n bytes in constant time; true if equal (also for n == 0). */
bool	 crypto_equal(const void *a, const void *b, size_t n);

/*
 * X.509 certificates of providers and CMS (RFC 5652) EnvelopedData to
 * them: the end-to-end encryption of the customer details in the feed.
 * Parse a certificate once (crypto_cert_load) and encrypt each order to
 * it with crypto_cms_encrypt_to(); crypto_cms_encrypt() parses per call.
 */
struct crypto_cert;

/* "YYYY-MM-DD HH:MM:SS" UTC and its NUL. */
#define CRYPTO_CERT_TIME_LEN	20

/*
 * Parses the first certificate of the NUL-terminated PEM text pem into
 * *out (NULL on failure); free it with crypto_cert_free(). Returns
 * TJG_OK, TJG_EINVAL if pem holds no certificate OpenSSL can parse, or
 * TJG_EINTERNAL. Says nothing about expiry or trust.
 */
int	 crypto_cert_load(struct crypto_cert **out, const char *pem);

/* Frees a certificate; NULL is ignored. */
void	 crypto_cert_free(struct crypto_cert *);

/*
 * About a certificate: the SHA-256 of its DER encoding (sha256), its
 * notAfter (not_after, CRYPTO_CERT_TIME_LEN bytes), whether that is past
 * (*expired), and, when pem is not NULL, the certificate alone as PEM
 * (pem is reset first: whatever else the parsed text held is dropped).
 * Returns TJG_OK or TJG_EINTERNAL.
 */
int	 crypto_cert_info(const struct crypto_cert *,
	    unsigned char sha256[CRYPTO_SHA256_LEN],
	    char not_after[CRYPTO_CERT_TIME_LEN], bool *expired,
	    struct buf *pem);

/*
 * Encrypts len bytes at plain to the certificate's public key as a CMS
 * EnvelopedData: content AES-256-CBC under a fresh random key, that key
 * wrapped with RSA-OAEP (RSA keys) or the default key agreement of
 * OpenSSL (EC keys). out is reset and receives the DER structure as
 * base64 on one line (no line breaks), NUL-terminated. AES-256-CBC and
 * not AES-256-GCM (AuthEnvelopedData): every openssl cms -decrypt and
 * the common CMS libraries open EnvelopedData, GCM only OpenSSL 3 and a
 * few others; integrity on the way comes from TLS. Returns TJG_OK,
 * TJG_EINVAL if len exceeds INT_MAX / 2 or the key cannot be a CMS recipient
 * (Ed25519, DSA, ...), or TJG_EINTERNAL (out is then empty).
 */
int	 crypto_cms_encrypt_to(const struct crypto_cert *, const void *plain,
	    size_t len, struct buf *out);

/*
 * crypto_cms_encrypt_to() with the certificate in the NUL-terminated PEM
 * text cert_pem, parsed for this call only (TJG_EINVAL if it does not
 * parse). For one order; a page of orders parses once.
 */
int	 crypto_cms_encrypt(const char *cert_pem, const void *plain,
	    size_t len, struct buf *out);

#endif
