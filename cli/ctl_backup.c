/*
 * tjgctl backup, backup --keygen and restore: encrypted dumps of the
 * database (the format is in lib/backup.h).
 *
 * backup: mariadb-dump --single-transaction (a consistent snapshot
 * without locking the tables) writes into a pipe; each chunk is
 * encrypted as it arrives and written to a hidden temporary file in
 * [backup] dir (mode 0600), which is linked to its final name
 * tjg-YYYYMMDD-HHMMSS.sql.enc only when the dump ended well. No plaintext
 * is ever on disk. Then backups older than [backup] keep_days (by the
 * time in their names, on clock_now(), so TJG_NOW moves it) are deleted.
 *
 * restore: the whole file is authenticated first, and nothing is sent to
 * the database unless every chunk and the end of the file check out; then
 * it is decrypted a second time, chunk by chunk, into the mariadb client.
 * (A file changed between the two passes stops the client at once; see
 * the README.)
 *
 * The MariaDB programs get the connection of [database] through an option
 * file that lives only in memory (memfd, mode 0600) passed as
 * --defaults-file=/dev/fd/3: the password is never on a command line
 * (where ps shows it) nor on disk, and no other option file (a ~/.my.cnf
 * with root's password) can change whom they connect as.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "backup.h"
#include "buf.h"
#include "clock.h"
#include "ctl.h"
#include "err.h"
#include "file.h"
#include "store_console.h"

#define READ_SIZE	(64 * 1024)
#define MAX_WORDS	16	/* words of [backup] dump and client */
#define OPT_FD		3	/* the option file in the child */
#define HIGH_FD		10	/* our descriptors are moved above this */
#define STALE_TMP	(24 * 60 * 60)	/* seconds: a crashed backup */

extern char **environ;

/* A program of [backup] split into words, with room for our arguments. */
struct argv {
	char	*copy;
	char	*v[MAX_WORDS + 16];
	size_t	 n;
};

static int
usage(void)
{
	fputs("usage: tjgctl backup [--keygen]\n"
	    "       tjgctl restore FILE [--database NAME] [--key-file PATH]\n",
	    stderr);
	return 2;
}

/* Splits prog into words and adds --defaults-file=/dev/fd/3 after it. */
static bool
argv_init(struct argv *a, const char *key, const char *prog)
{
	char *w, *save = NULL;

	memset(a, 0, sizeof(*a));
	if ((a->copy = strdup(prog)) == NULL)
		abort();
	for (w = strtok_r(a->copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (a->n == MAX_WORDS) {
			fprintf(stderr, "tjgctl: [backup] %s has more than %d "
			    "words\n", key, MAX_WORDS);
			return false;
		}
		a->v[a->n++] = w;
		/* Option files are read before anything else. */
		if (a->n == 1)
			a->v[a->n++] = "--defaults-file=/dev/fd/3";
	}
	if (a->n == 0) {
		fprintf(stderr, "tjgctl: [backup] %s is empty\n", key);
		return false;
	}
	return true;
}

static void
argv_add(struct argv *a, char *arg)
{
	if (a->n < sizeof(a->v) / sizeof(a->v[0]) - 1)
		a->v[a->n++] = arg;
	a->v[a->n] = NULL;
}

static void
argv_free(struct argv *a)
{
	free(a->copy);
	a->copy = NULL;
}

/* Appends name="value" with \ and " escaped as option files read them. */
static bool
opt_add(struct buf *b, const char *name, const char *value)
{
	const char *p;

	if (strpbrk(value, "\r\n") != NULL)
		return false;
	buf_addf(b, "%s=\"", name);
	for (p = value; *p != '\0'; p++) {
		if (*p == '\\' || *p == '"')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_adds(b, "\"\n");
	return true;
}

/* Moves fd to a descriptor >= HIGH_FD, close-on-exec; -1 on failure. */
static int
high(int fd)
{
	int h;

	if (fd == -1 || fd >= HIGH_FD)
		return fd;
	h = fcntl(fd, F_DUPFD_CLOEXEC, HIGH_FD);
	close(fd);
	return h;
}

/*
 * The [client] options of the [database] connection in a memory file
 * (never on disk), mode 0600 (the client ignores world-writable option
 * files). Returns its descriptor, or -1 after a message.
 */
static int
client_options(const struct conf *c)
{
	struct buf b;
	size_t off = 0;
	ssize_t r;
	bool good;
	int fd = -1;

	buf_init(&b);
	/* Sized once: a realloc would leave a copy of the password. */
	buf_grow(&b, 256 + 2 * (strlen(c->db_user) +
	    strlen(c->db_password) + strlen(c->db_socket) +
	    strlen(c->db_host)));
	buf_adds(&b, "# tjgctl: the connection of [database]\n[client]\n"
	    "default-character-set=utf8mb4\n");
	good = opt_add(&b, "user", c->db_user) &&
	    opt_add(&b, "password", c->db_password);
	if (good && c->db_socket[0] != '\0')
		good = opt_add(&b, "socket", c->db_socket);
	else if (good) {
		good = opt_add(&b, "host", c->db_host);
		buf_addf(&b, "port=%d\nprotocol=TCP\n", c->db_port);
	}
	if (!good) {
		fputs("tjgctl: [database] holds a line break\n", stderr);
		goto out;
	}
	if ((fd = high(memfd_create("tjg-client-options", MFD_CLOEXEC))) ==
	    -1 || fchmod(fd, 0600) == -1) {
		fprintf(stderr, "tjgctl: cannot make the client's option file: "
		    "%s\n", strerror(errno));
		goto fail;
	}
	while (off < b.len) {
		if ((r = write(fd, b.p + off, b.len - off)) == -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tjgctl: cannot write the client's "
			    "option file: %s\n", strerror(errno));
			goto fail;
		}
		off += (size_t)r;
	}
	goto out;
fail:
	if (fd != -1)
		close(fd);
	fd = -1;
out:
	OPENSSL_cleanse(b.p, b.cap);
	buf_free(&b);
	return fd;
}

/*
 * Starts a->v[0] (PATH searched) with stdin on in_fd and stdout on out_fd
 * (-1: ours), the option file on descriptor 3, every other descriptor
 * closed but stderr (its messages reach the operator), and a clean
 * signal state. Descriptors given must be >= HIGH_FD.
 */
static bool
spawn(const struct argv *a, int in_fd, int out_fd, int opt_fd, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t sa;
	sigset_t none, dfl;
	int e;

	(void)sigemptyset(&none);
	(void)sigemptyset(&dfl);
	(void)sigaddset(&dfl, SIGPIPE);
	(void)sigaddset(&dfl, SIGINT);
	(void)sigaddset(&dfl, SIGTERM);
	(void)sigaddset(&dfl, SIGHUP);
	if ((e = posix_spawn_file_actions_init(&fa)) != 0)
		goto fail;
	if ((e = posix_spawnattr_init(&sa)) != 0) {
		(void)posix_spawn_file_actions_destroy(&fa);
		goto fail;
	}
	if ((e = posix_spawnattr_setsigmask(&sa, &none)) == 0 &&
	    (e = posix_spawnattr_setsigdefault(&sa, &dfl)) == 0 &&
	    (e = posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF)) == 0 &&
	    (in_fd == -1 ||
	    (e = posix_spawn_file_actions_adddup2(&fa, in_fd, 0)) == 0) &&
	    (out_fd == -1 ||
	    (e = posix_spawn_file_actions_adddup2(&fa, out_fd, 1)) == 0) &&
	    (e = posix_spawn_file_actions_adddup2(&fa, opt_fd, OPT_FD)) == 0 &&
	    (e = posix_spawn_file_actions_addclosefrom_np(&fa, OPT_FD + 1)) ==
	    0)
		e = posix_spawnp(pid, a->v[0], &fa, &sa, a->v, environ);
	(void)posix_spawnattr_destroy(&sa);
	(void)posix_spawn_file_actions_destroy(&fa);
	if (e == 0)
		return true;
fail:
	fprintf(stderr, "tjgctl: cannot run %s: %s\n", a->v[0], strerror(e));
	return false;
}

/* Waits for pid; true if it exited 0, else says how it ended. */
static bool
reap(pid_t pid, const char *what)
{
	int st;

	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			fprintf(stderr, "tjgctl: waitpid: %s\n",
			    strerror(errno));
			return false;
		}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return true;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		fprintf(stderr, "tjgctl: %s could not be run (exit status "
		    "127)\n", what);
	else if (WIFEXITED(st))
		fprintf(stderr, "tjgctl: %s failed (exit status %d)\n", what,
		    WEXITSTATUS(st));
	else
		fprintf(stderr, "tjgctl: %s was killed by signal %d\n", what,
		    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return false;
}

static bool
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t r;

	while (n > 0) {
		if ((r = write(fd, c, n)) == -1) {
			if (errno == EINTR)
				continue;
			return false;
		}
		c += r;
		n -= (size_t)r;
	}
	return true;
}

/* read() that retries on EINTR. */
static ssize_t
read_some(int fd, void *p, size_t n)
{
	ssize_t r;

	while ((r = read(fd, p, n)) == -1 && errno == EINTR)
		;
	return r;
}

static void
audit(struct ctl *ctl, const char *action, const char *ref,
    const char *detail)
{
	const struct passwd *pw = getpwuid(geteuid());
	struct audit_entry e;

	memset(&e, 0, sizeof(e));
	e.actor = arena_printf(&ctl->a, "cli:%s", pw != NULL ? pw->pw_name :
	    "?");
	e.action = action;
	e.object_kind = "backup";
	e.object_ref = ref;
	e.detail = detail;
	if (ctl_open_db(ctl) != TJG_OK || store_audit_add(ctl->db, &e) !=
	    TJG_OK)
		fprintf(stderr, "tjgctl: warning: %s not written to the "
		    "audit log\n", action);
}

/* tjgctl backup --keygen */
static int
backup_keygen_cmd(struct ctl *ctl)
{
	struct backup_key k;
	char err[PATH_MAX + 256], hex[2 * BACKUP_KEY_ID_LEN + 1];

	if (backup_keygen(ctl->conf.backup_key_file, &k, err, sizeof(err)) !=
	    TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		return 1;
	}
	backup_key_id_hex(k.id, hex);
	backup_key_clear(&k);
	printf("backup: created the backup key file %s (backup key %s)\n"
	    "backup: keep a copy of it apart from the backups: without it no "
	    "backup can be restored\n", ctl->conf.backup_key_file, hex);
	return 0;
}

/*
 * Deletes the backups in dir older than keep_days before now, by the
 * time in their names, and temporary files of backups that crashed more
 * than a day ago. Other files are left alone. Prints what it deletes.
 */
static bool
prune(const char *dir, time_t now, int keep_days, const char *keep)
{
	char name[BACKUP_NAME_LEN + 1];
	struct dirent *de;
	size_t len, kept = 0;
	time_t t, limit = now - (time_t)keep_days * 24 * 60 * 60;
	bool good = true;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "tjgctl: %s: %s\n", dir, strerror(errno));
		return false;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (backup_name_time(de->d_name, &t)) {
			if (t >= limit || strcmp(de->d_name, keep) == 0) {
				kept++;
				continue;
			}
			if (unlinkat(dirfd(d), de->d_name, 0) == -1) {
				fprintf(stderr, "tjgctl: cannot delete %s/%s: "
				    "%s\n", dir, de->d_name, strerror(errno));
				good = false;
				continue;
			}
			printf("backup: deleted %s (older than %d days)\n",
			    de->d_name, keep_days);
		} else if (len == BACKUP_NAME_LEN + 5 && de->d_name[0] == '.' &&
		    strcmp(de->d_name + len - 4, ".tmp") == 0) {
			memcpy(name, de->d_name + 1, BACKUP_NAME_LEN);
			name[BACKUP_NAME_LEN] = '\0';
			if (!backup_name_time(name, &t) ||
			    t >= now - STALE_TMP)
				continue;
			if (unlinkat(dirfd(d), de->d_name, 0) == 0)
				printf("backup: deleted %s (a backup that did "
				    "not finish)\n", de->d_name);
		}
	}
	if (errno != 0) {
		fprintf(stderr, "tjgctl: %s: %s\n", dir, strerror(errno));
		good = false;
	}
	closedir(d);
	printf("backup: %zu backup%s kept in %s (keep_days = %d)\n", kept,
	    kept == 1 ? "" : "s", dir, keep_days);
	return good;
}

/*
 * Runs the dump into the pipe and encrypts what comes out of it into
 * out_fd. *sql gets the number of bytes of SQL.
 */
static bool
dump_into(struct ctl *ctl, const struct backup_key *k, int out_fd,
    unsigned long long *sql)
{
	struct backup_stream *s = NULL;
	struct argv a;
	struct buf enc;
	unsigned char *plain = NULL;
	pid_t pid = -1;
	ssize_t r;
	int p[2] = { -1, -1 }, opt = -1;
	bool good = false, dumped;

	buf_init(&enc);
	*sql = 0;
	if (!argv_init(&a, "dump", ctl->conf.backup_dump))
		goto out;
	/* One snapshot of every InnoDB table, no table locks; blobs as hex
	 * so the SQL is plain text. */
	argv_add(&a, "--single-transaction");
	argv_add(&a, "--quick");
	argv_add(&a, "--hex-blob");
	argv_add(&a, "--routines");
	argv_add(&a, "--events");
	argv_add(&a, "--triggers");
	argv_add(&a, ctl->conf.db_name);
	if ((plain = malloc(READ_SIZE)) == NULL)
		abort();
	if ((opt = client_options(&ctl->conf)) == -1)
		goto out;
	if (pipe2(p, O_CLOEXEC) == -1 || (p[0] = high(p[0])) == -1 ||
	    (p[1] = high(p[1])) == -1) {
		fprintf(stderr, "tjgctl: pipe: %s\n", strerror(errno));
		goto out;
	}
	if (backup_seal_begin(&s, k, &enc) != TJG_OK) {
		fputs("tjgctl: backup: encryption failed\n", stderr);
		goto out;
	}
	if (!spawn(&a, -1, p[1], opt, &pid))
		goto out;
	close(p[1]);
	p[1] = -1;
	for (;;) {
		if ((r = read_some(p[0], plain, READ_SIZE)) == -1) {
			fprintf(stderr, "tjgctl: reading the dump: %s\n",
			    strerror(errno));
			break;
		}
		if (r == 0) {
			good = backup_seal_end(s, &enc) == TJG_OK;
			if (!good)
				fputs("tjgctl: backup: encryption failed\n",
				    stderr);
		} else if (backup_seal_add(s, plain, (size_t)r, &enc) !=
		    TJG_OK) {
			fputs("tjgctl: backup: encryption failed\n", stderr);
			break;
		} else
			*sql += (unsigned long long)r;
		if (!write_all(out_fd, enc.p, enc.len)) {
			fprintf(stderr, "tjgctl: writing the backup: %s\n",
			    strerror(errno));
			good = false;
			break;
		}
		buf_reset(&enc);
		if (r == 0)
			break;
	}
	if (!good)
		(void)kill(pid, SIGTERM);
	close(p[0]);
	p[0] = -1;
	dumped = reap(pid, a.v[0]);
	good = good && dumped;
out:
	if (p[0] != -1)
		close(p[0]);
	if (p[1] != -1)
		close(p[1]);
	if (opt != -1)
		close(opt);
	if (plain != NULL) {
		OPENSSL_cleanse(plain, READ_SIZE);
		free(plain);
	}
	backup_stream_free(s);
	buf_free(&enc);
	argv_free(&a);
	return good;
}

int
cmd_backup(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "keygen", no_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = ctl->conf.backup_dir;
	char name[BACKUP_NAME_LEN + 1], tmp[BACKUP_NAME_LEN + 8];
	char err[PATH_MAX + 256], hex[2 * BACKUP_KEY_ID_LEN + 1];
	struct backup_key k;
	unsigned long long sql = 0;
	struct stat st;
	bool keygen = false, made_tmp = false;
	time_t now;
	int ch, dfd = -1, fd = -1, ret = 1;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'k')
			keygen = true;
		else
			return usage();
	}
	if (optind != argc)
		return usage();
	if (keygen)
		return backup_keygen_cmd(ctl);
	memset(&k, 0, sizeof(k));
	if (clock_now(&now) != TJG_OK) {
		fputs("tjgctl: TJG_NOW is not \"YYYY-MM-DD HH:MM:SS\"\n",
		    stderr);
		return 1;
	}
	if (ctl->conf.db_name[0] == '-') {
		fputs("tjgctl: [database] name must not begin with '-'\n",
		    stderr);
		return 1;
	}
	if (backup_key_load(&k, ctl->conf.backup_key_file, err, sizeof(err))
	    != TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		return 1;
	}
	backup_key_id_hex(k.id, hex);
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		fprintf(stderr, "tjgctl: cannot create %s: %s\n", dir,
		    strerror(errno));
		goto out;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    fstat(dfd, &st) == -1) {
		fprintf(stderr, "tjgctl: %s: %s\n", dir, strerror(errno));
		goto out;
	}
	backup_name(now, name);
	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	if ((fd = high(openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600))) == -1) {
		fprintf(stderr, "tjgctl: cannot create %s/%s: %s\n", dir, tmp,
		    strerror(errno));
		goto out;
	}
	made_tmp = true;
	if (fchmod(fd, 0600) == -1) {
		fprintf(stderr, "tjgctl: %s/%s: %s\n", dir, tmp,
		    strerror(errno));
		goto out;
	}
	if (!dump_into(ctl, &k, fd, &sql)) {
		fprintf(stderr, "tjgctl: backup failed; nothing was kept, and "
		    "no old backup was deleted\n");
		goto out;
	}
	if (fsync(fd) == -1 || fstat(fd, &st) == -1 || close(fd) == -1) {
		fd = -1;
		fprintf(stderr, "tjgctl: writing %s/%s: %s\n", dir, tmp,
		    strerror(errno));
		goto out;
	}
	fd = -1;
	/* linkat() never replaces a backup made in the same second. */
	if (linkat(dfd, tmp, dfd, name, 0) == -1) {
		fprintf(stderr, "tjgctl: cannot create %s/%s: %s\n", dir, name,
		    strerror(errno));
		goto out;
	}
	if (unlinkat(dfd, tmp, 0) == 0)
		made_tmp = false;
	if (!file_sync_dir(dir)) {
		fprintf(stderr, "tjgctl: %s: fsync: %s\n", dir,
		    strerror(errno));
		goto out;
	}
	printf("backup: %s/%s: %llu bytes of SQL, %lld bytes encrypted with "
	    "backup key %s\n", dir, name, sql, (long long)st.st_size, hex);
	audit(ctl, "backup.create", name, NULL);
	ret = prune(dir, now, ctl->conf.backup_keep_days, name) ? 0 : 1;
out:
	if (fd != -1)
		close(fd);
	if (made_tmp)
		(void)unlinkat(dfd, tmp, 0);
	if (dfd != -1)
		close(dfd);
	backup_key_clear(&k);
	return ret;
}

/*
 * Reads the file at fd (from its start) through a decrypting stream. With
 * to_fd -1 the plaintext is only authenticated and thrown away;
 * otherwise each authenticated piece is written to to_fd. *sql gets the
 * bytes of SQL. Returns TJG_OK, TJG_EINVAL (a bad file: *why set), or
 * TJG_EINTERNAL (I/O: a message printed; EPIPE when to_fd's reader left).
 */
static int
decrypt_file(const struct backup_key *k, int fd, int to_fd,
    unsigned long long *sql, char *why, size_t whylen)
{
	struct backup_stream *s = NULL;
	unsigned char *in;
	struct buf plain;
	ssize_t r;
	int rc;

	buf_init(&plain);
	buf_grow(&plain, BACKUP_CHUNK * 2);	/* no realloc copies */
	*sql = 0;
	if ((in = malloc(READ_SIZE)) == NULL)
		abort();
	if ((rc = backup_open_begin(&s, k)) != TJG_OK)
		goto out;
	for (;;) {
		if ((r = read_some(fd, in, READ_SIZE)) == -1) {
			fprintf(stderr, "tjgctl: read: %s\n", strerror(errno));
			rc = TJG_EINTERNAL;
			break;
		}
		rc = r == 0 ? backup_open_end(s, &plain) :
		    backup_open_add(s, in, (size_t)r, &plain);
		if (rc != TJG_OK) {
			snprintf(why, whylen, "%s", backup_stream_error(s));
			break;
		}
		*sql += plain.len;
		if (to_fd != -1 && !write_all(to_fd, plain.p, plain.len)) {
			if (errno != EPIPE)
				fprintf(stderr, "tjgctl: writing to the "
				    "client: %s\n", strerror(errno));
			rc = TJG_EINTERNAL;
			break;
		}
		OPENSSL_cleanse(plain.p, plain.len);
		buf_reset(&plain);
		if (r == 0)
			break;
	}
out:
	backup_stream_free(s);
	OPENSSL_cleanse(in, READ_SIZE);
	free(in);
	OPENSSL_cleanse(plain.p, plain.cap);
	buf_free(&plain);
	return rc;
}

int
cmd_restore(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "database", required_argument, NULL, 'd' },
		{ "key-file", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = ctl->conf.db_name, *keyfile =
	    ctl->conf.backup_key_file, *file, *base;
	char err[PATH_MAX + 256], why[256], hex[2 * BACKUP_KEY_ID_LEN + 1];
	struct backup_key k;
	unsigned long long sql = 0, sent = 0;
	struct argv a;
	struct stat st;
	pid_t pid = -1;
	bool client_ok;
	int ch, fd = -1, opt = -1, p[2] = { -1, -1 }, rc, ret = 1;

	memset(&a, 0, sizeof(a));
	memset(&k, 0, sizeof(k));
	/* 0, not 1: getopt starts afresh and takes options after FILE too
	 * (tjgctl's own options stop at the command). */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'd')
			db = optarg;
		else if (ch == 'k')
			keyfile = optarg;
		else
			return usage();
	}
	if (optind != argc - 1)
		return usage();
	file = argv[optind];
	base = strrchr(file, '/') != NULL ? strrchr(file, '/') + 1 : file;
	if (db[0] == '\0' || db[0] == '-' || strlen(db) > 64) {
		fputs("tjgctl: restore: give a database name\n", stderr);
		return 2;
	}
	if (backup_key_load(&k, keyfile, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		return 1;
	}
	backup_key_id_hex(k.id, hex);
	if ((fd = high(open(file, O_RDONLY | O_CLOEXEC))) == -1 ||
	    fstat(fd, &st) == -1) {
		fprintf(stderr, "tjgctl: %s: %s\n", file, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "tjgctl: %s: not a regular file\n", file);
		goto out;
	}

	/* Pass 1: the whole file must authenticate before any of it is
	 * sent to the database. */
	rc = decrypt_file(&k, fd, -1, &sql, why, sizeof(why));
	if (rc == TJG_EINVAL)
		fprintf(stderr, "tjgctl: %s: %s; nothing was restored\n", file,
		    why);
	if (rc != TJG_OK)
		goto out;
	printf("restore: %s is intact (%llu bytes of SQL, backup key %s)\n",
	    file, sql, hex);
	fflush(stdout);

	/* Pass 2: decrypt again into the client. */
	if (lseek(fd, 0, SEEK_SET) == -1) {
		fprintf(stderr, "tjgctl: %s: %s\n", file, strerror(errno));
		goto out;
	}
	if (!argv_init(&a, "client", ctl->conf.backup_client))
		goto out;
	argv_add(&a, arena_printf(&ctl->a, "--database=%s", db));
	if ((opt = client_options(&ctl->conf)) == -1)
		goto out;
	if (pipe2(p, O_CLOEXEC) == -1 || (p[0] = high(p[0])) == -1 ||
	    (p[1] = high(p[1])) == -1) {
		fprintf(stderr, "tjgctl: pipe: %s\n", strerror(errno));
		goto out;
	}
	/* A client that exits early gives EPIPE, not a signal. */
	(void)signal(SIGPIPE, SIG_IGN);
	if (!spawn(&a, p[0], -1, opt, &pid))
		goto out;
	close(p[0]);
	p[0] = -1;
	rc = decrypt_file(&k, fd, p[1], &sent, why, sizeof(why));
	if (rc == TJG_EINVAL) {
		/* Changed since pass 1: stop the client before it reads
		 * the end of what it has. */
		(void)kill(pid, SIGKILL);
		fprintf(stderr, "tjgctl: %s changed while it was restored "
		    "(%s): the restore was stopped, and database %s may be "
		    "partly restored; restore an intact backup\n", file, why,
		    db);
	}
	close(p[1]);
	p[1] = -1;
	client_ok = reap(pid, a.v[0]);
	pid = -1;
	if (rc != TJG_OK || !client_ok) {
		if (rc != TJG_EINVAL)
			fprintf(stderr, "tjgctl: restore into database %s "
			    "failed after %llu of %llu bytes of SQL; it may be "
			    "partly restored\n", db, sent, sql);
		goto out;
	}
	printf("restore: %s restored into database %s\n", file, db);
	audit(ctl, "backup.restore", base, arena_printf(&ctl->a,
	    "into database %s", db));
	ret = 0;
out:
	if (pid != -1) {
		(void)kill(pid, SIGKILL);
		(void)reap(pid, a.v[0]);
	}
	if (p[0] != -1)
		close(p[0]);
	if (p[1] != -1)
		close(p[1]);
	if (opt != -1)
		close(opt);
	if (fd != -1)
		close(fd);
	argv_free(&a);
	backup_key_clear(&k);
	return ret;
}
