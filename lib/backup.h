/*
 * Encrypted database backups: the file format, the backup key file and
 * the names of backup files. No database and no processes here (tjgctl
 * backup and restore, cli/ctl_backup.c, run mariadb-dump and mariadb).
 *
 * A backup file is a header and a sequence of chunks:
 *
 *	header	"TJGBAK" | version 1 | 16 (log2 of the chunk size) |
 *		key id (8 bytes) | salt (32 random bytes)	48 bytes
 *	chunk	AES-256-GCM of up to 64 KiB of SQL | tag (16)
 *
 * Every chunk but the last holds exactly 64 KiB; the last holds 0 to
 * 64 KiB. Each file has its own AES key, HKDF-SHA256 of the backup key
 * with the salt, so the 12-byte GCM nonce can be the chunk number (11
 * bytes, big-endian) and a last-chunk flag (1 byte) without ever being
 * reused. Every chunk's additional data is the whole header. So a
 * changed byte anywhere, chunks reordered, dropped, repeated or taken
 * from another file, a file cut short or extended, and a header changed
 * in any way (another key id, salt, version) all fail authentication
 * (the construction of Hoang, Reyhanitabar, Rogaway and Vizár's STREAM,
 * as in age and Tink).
 *
 * The backup key file (mode 0600, its own file, never a data key) is
 *
 *	# comment
 *	backup <base64 of 32 bytes>
 *
 * and its key id, the first 8 bytes of SHA-256("tjg backup key" || key),
 * names the key in every file made with it without revealing it.
 */
#ifndef TJG_BACKUP_H
#define TJG_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct buf;
struct backup_stream;

#define BACKUP_KEY_LEN		32
#define BACKUP_KEY_ID_LEN	8
#define BACKUP_HEADER_LEN	48
#define BACKUP_CHUNK		(64 * 1024)	/* plaintext bytes */
#define BACKUP_TAG_LEN		16
/* "tjg-YYYYMMDD-HHMMSS.sql.enc" */
#define BACKUP_NAME_LEN		27

struct backup_key {
	unsigned char	key[BACKUP_KEY_LEN];
	unsigned char	id[BACKUP_KEY_ID_LEN];
};

/*
 * Reads the backup key file at path into k. Refuses with TJG_ECONFIG and
 * "path: reason" (or "path:line: reason") in err: a file that is not a
 * regular file, that group or other may access, larger than 4 KiB, with
 * a line other than comments, blank lines and exactly one "backup" line,
 * or a key that is not canonical base64 of 32 bytes. Messages never
 * contain key material. Clear k with backup_key_clear().
 */
int	 backup_key_load(struct backup_key *k, const char *path, char *err,
	    size_t errlen);

/*
 * Creates the backup key file at path with a fresh key, mode 0600,
 * written to "path.tmp" (O_EXCL) and linked into place, so an existing
 * file is never replaced. Stores the key in k (may be NULL). Refuses
 * with TJG_ECONFIG and a message: path exists (any kind of file), the
 * .tmp exists, any I/O error.
 */
int	 backup_keygen(const char *path, struct backup_key *k, char *err,
	    size_t errlen);

/* Cleanses k. */
void	 backup_key_clear(struct backup_key *k);

/* The key id as 16 lower-case hex digits and a NUL. */
void	 backup_key_id_hex(const unsigned char id[BACKUP_KEY_ID_LEN],
	    char out[2 * BACKUP_KEY_ID_LEN + 1]);

/* The file name of a backup made at t (UTC): tjg-YYYYMMDD-HHMMSS.sql.enc */
void	 backup_name(time_t t, char out[BACKUP_NAME_LEN + 1]);

/*
 * If name is exactly a backup file name, with a real date and time,
 * stores that time in *t and returns true; false for any other name.
 */
bool	 backup_name_time(const char *name, time_t *t);

/*
 * Encryption: backup_seal_begin() appends the header to out; each
 * backup_seal_add() takes n more bytes of SQL and appends the chunks it
 * completes; backup_seal_end() appends the last chunk. The caller writes
 * out and empties it as it likes. TJG_OK, or TJG_EINTERNAL if OpenSSL or
 * the random generator fails (the stream is then unusable). Free the
 * stream with backup_stream_free() whatever happened.
 */
int	 backup_seal_begin(struct backup_stream **, const struct backup_key *,
	    struct buf *out);
int	 backup_seal_add(struct backup_stream *, const void *p, size_t n,
	    struct buf *out);
int	 backup_seal_end(struct backup_stream *, struct buf *out);

/*
 * Decryption: backup_open_begin() makes the stream; each
 * backup_open_add() takes n more bytes of the file (any split) and
 * appends to out only plaintext whose chunk has been authenticated;
 * backup_open_end() authenticates and appends the last chunk. A chunk is
 * known to be the last only at the end, so up to one chunk (64 KiB) is
 * held back until then. TJG_EINVAL for a file that is not a backup,
 * another version, made with another key, or damaged (changed, cut
 * short, extended): backup_stream_error() says which, and out has
 * nothing of the failing chunk. The whole file is authentic only when
 * backup_open_end() returns TJG_OK. TJG_EINTERNAL if OpenSSL fails.
 */
int	 backup_open_begin(struct backup_stream **, const struct backup_key *);
int	 backup_open_add(struct backup_stream *, const void *p, size_t n,
	    struct buf *out);
int	 backup_open_end(struct backup_stream *, struct buf *out);

/*
 * After a failed backup_open_*: a short reason ("not a backup file",
 * "made with backup key 0123456789abcdef", "damaged or changed at
 * chunk 3", ...), in the stream, valid until it is freed.
 */
const char *backup_stream_error(const struct backup_stream *);

/* Cleanses the keys and buffers and frees the stream; NULL is ignored. */
void	 backup_stream_free(struct backup_stream *);

#endif
