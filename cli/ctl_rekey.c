/*
 * tjgctl rekey and keys: the rotation of the data keys that seal the
 * personal data of orders (lib/crypto.h). A rotation is
 *
 *	tjgctl keygen			adds data key N+1 (cli/tjgctl.c)
 *	restart the workers		they read the key file at start
 *	tjgctl rekey			re-seals every older blob under N+1
 *	tjgctl keys --remove ID		drops a key no order uses any more
 *	restart the workers
 *
 * rekey works in batches, one short transaction each: the batch's orders
 * are locked FOR UPDATE, so a status change or an erasure at the same
 * moment waits for the batch and is not overwritten. Each blob keeps its
 * binding to the order's reference (the GCM additional data). It is
 * idempotent: a second run finds nothing to do, an interrupted run
 * carries on where it stopped.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "err.h"
#include "store_console.h"
#include "store_keys.h"

#define BATCH_DEFAULT	500
#define BATCH_MAX	10000
#define TRIES		3	/* of a batch that met a deadlock or timeout */

/* What the batches did, counted once each batch committed. */
struct rekey_count {
	long long	 done;		/* re-sealed */
	long long	 failed;	/* could not be opened: left alone */
	long long	 recent;	/* sealed under an old key lately */
	long long	 batches;
};

static void
audit(struct ctl *ctl, const char *action, int id, const char *detail)
{
	const struct passwd *pw = getpwuid(geteuid());
	struct audit_entry e;

	memset(&e, 0, sizeof(e));
	e.actor = arena_printf(&ctl->a, "cli:%s", pw != NULL ? pw->pw_name :
	    "?");
	e.action = action;
	e.object_kind = "key";
	e.object_ref = arena_printf(&ctl->a, "%d", id);
	e.detail = detail;
	if (store_audit_add(ctl->db, &e) != TJG_OK)
		fprintf(stderr, "tjgctl: warning: %s not written to the "
		    "audit log\n", action);
}

static bool
load_keys(struct ctl *ctl, struct crypto_keys **k)
{
	char err[1024];

	if (crypto_keys_load(k, ctl->conf.key_file, err, sizeof(err)) ==
	    TJG_OK)
		return true;
	fprintf(stderr, "tjgctl: %s\n", err);
	return false;
}

/*
 * One batch in one transaction: locks the next orders after *after not
 * under the newest key, re-seals each under it (same reference as
 * additional data) and commits. Orders whose blob does not open are left
 * as they are and named after the commit. Advances *after past every
 * order seen; *seen is how many there were (0: finished).
 */
static int
batch(struct ctl *ctl, struct arena *a, const struct crypto_keys *k,
    const char *since, size_t limit, long long *after, size_t *seen,
    struct rekey_count *c)
{
	struct rekey_count here;
	struct rekey_row *rows;
	struct buf plain, blob;
	const char **bad;
	size_t i, n, nbad = 0;
	int newest = crypto_keys_newest(k), id, rc;

	memset(&here, 0, sizeof(here));
	buf_init(&plain);
	buf_init(&blob);
	*seen = 0;
	arena_reset(a);
	if ((rc = store_rekey_begin(ctl->db)) != TJG_OK)
		goto out;
	if ((rc = store_rekey_batch(ctl->db, a, newest, *after, since, limit,
	    &rows, &n)) != TJG_OK)
		goto out;
	bad = arena_calloc(a, n > 0 ? n : 1, sizeof(*bad));
	for (i = 0; i < n; i++) {
		if (rows[i].recent)
			here.recent++;
		if (crypto_open(k, rows[i].pii, rows[i].len, rows[i].ref,
		    strlen(rows[i].ref), &plain) != TJG_OK) {
			id = crypto_blob_key_id(rows[i].pii, rows[i].len);
			bad[nbad++] = arena_printf(a, "order %s: its personal "
			    "data does not open (%s); left as it is",
			    rows[i].ref, id > 0 && !crypto_keys_has(k, id) ?
			    arena_printf(a, "data key %d is not in the key "
			    "file", id) : "damaged, or not sealed for this "
			    "order");
			here.failed++;
			continue;
		}
		rc = crypto_seal(k, plain.p, plain.len, rows[i].ref,
		    strlen(rows[i].ref), &blob);
		crypto_buf_clear(&plain);
		if (rc != TJG_OK)
			goto out;
		if ((rc = store_rekey_set(ctl->db, rows[i].id, blob.p,
		    blob.len, newest)) != TJG_OK)
			goto out;
		here.done++;
	}
	if ((rc = db_commit(ctl->db)) != TJG_OK)
		goto out;
	for (i = 0; i < nbad; i++)
		fprintf(stderr, "%srekey: %s\n", isatty(STDERR_FILENO) ?
		    "\n" : "", bad[i]);
	if (n > 0)
		*after = rows[n - 1].id;
	*seen = n;
	c->done += here.done;
	c->failed += here.failed;
	c->recent += here.recent;
	c->batches++;
out:
	if (rc != TJG_OK)
		db_rollback(ctl->db);
	crypto_buf_clear(&plain);
	buf_free(&blob);
	return rc;
}

int
cmd_rekey(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "batch", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	struct crypto_keys *k = NULL;
	struct rekey_count c;
	struct arena a;
	struct stat st;
	char since[CLOCK_SQL_LEN + 1], *end;
	long long after = 0, total = 0, left = 0, v;
	size_t limit = BATCH_DEFAULT, seen;
	bool tty = isatty(STDERR_FILENO);
	int ch, tries, rc, ret = 1, newest;

	memset(&c, 0, sizeof(c));
	arena_init(&a);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'b')
			goto usage;
		errno = 0;
		v = strtoll(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || errno != 0 || v < 1 ||
		    v > BATCH_MAX)
			goto usage;
		limit = (size_t)v;
	}
	if (optind != argc)
		goto usage;
	if (!load_keys(ctl, &k))
		goto out;
	newest = crypto_keys_newest(k);
	/* Orders created since the key file last changed, sealed under an
	 * older key, come from a worker that has not reloaded it. */
	if (stat(ctl->conf.key_file, &st) == -1) {
		fprintf(stderr, "tjgctl: %s: %s\n", ctl->conf.key_file,
		    strerror(errno));
		goto out;
	}
	clock_sql(st.st_mtime, since);
	if (ctl_open_db(ctl) != TJG_OK)
		goto out;
	if ((rc = store_rekey_left(ctl->db, newest, &total)) != TJG_OK) {
		fprintf(stderr, "tjgctl: rekey: %s\n", err_name(rc));
		goto out;
	}
	printf("rekey: %lld order%s to re-encrypt under data key %d, in "
	    "batches of %zu\n", total, total == 1 ? "" : "s", newest, limit);
	fflush(stdout);
	for (;;) {
		for (tries = 1;; tries++) {
			rc = batch(ctl, &a, k, since, limit, &after, &seen, &c);
			/* A deadlock or lock timeout: the batch is undone;
			 * try it again. */
			if (rc != TJG_EUNAVAIL || tries == TRIES)
				break;
			sleep(1);
		}
		if (rc != TJG_OK) {
			fprintf(stderr, "%stjgctl: rekey: %s: %s (the batches "
			    "before are done; run rekey again)\n", tty ? "\n" :
			    "", err_name(rc), db_errmsg(ctl->db));
			goto out;
		}
		if (tty)
			fprintf(stderr, "\rrekey: %lld of %lld orders", c.done +
			    c.failed, total);
		if (seen < limit)
			break;
	}
	if (tty)
		fputc('\n', stderr);
	if ((rc = store_rekey_left(ctl->db, newest, &left)) != TJG_OK) {
		fprintf(stderr, "tjgctl: rekey: %s\n", err_name(rc));
		goto out;
	}
	printf("rekey: %lld order%s re-encrypted under data key %d in %lld "
	    "batch%s; %lld left under older keys\n", c.done,
	    c.done == 1 ? "" : "s", newest, c.batches,
	    c.batches == 1 ? "" : "es", left);
	if (c.done > 0)
		audit(ctl, "keys.rekey", newest, arena_printf(&ctl->a,
		    "%lld orders re-encrypted", c.done));
	if (c.recent > 0 || left > c.failed)
		printf("rekey: WARNING: orders were sealed under an older key "
		    "after the key file changed: a worker has not loaded data "
		    "key %d. Workers load it within ten seconds; run rekey "
		    "again (restart any that still do not)\n",
		    newest);
	if (c.failed > 0)
		printf("rekey: %lld order%s could not be opened (see above); "
		    "their keys must not be removed\n", c.failed,
		    c.failed == 1 ? "" : "s");
	ret = c.failed > 0 || left > 0 ? 1 : 0;
	goto out;
usage:
	fputs("usage: tjgctl rekey [--batch N]\n", stderr);
	ret = 2;
out:
	crypto_keys_free(k);
	arena_free(&a);
	return ret;
}

/* tjgctl keys: each data key, whether it is the newest, its orders. */
static int
keys_list(struct ctl *ctl, const struct crypto_keys *k)
{
	struct key_use *u;
	size_t i, n;
	long long orders, mislabelled = 0;
	int id, rc, ret = 0;

	if ((rc = store_keys_use(ctl->db, &ctl->a, &u, &n)) != TJG_OK) {
		fprintf(stderr, "tjgctl: keys: %s\n", err_name(rc));
		return 1;
	}
	printf("%s:\nkey\torders\n", ctl->conf.key_file);
	for (id = 1; id <= CRYPTO_MAX_KEY_ID; id++) {
		orders = 0;
		for (i = 0; i < n; i++)
			if (u[i].id == id)
				orders = u[i].orders;
		if (crypto_keys_has(k, id))
			printf("%d\t%lld%s\n", id, orders,
			    id == crypto_keys_newest(k) ?
			    "\tnewest: seals new orders" : orders == 0 ?
			    "\tunused: may be removed (keys --remove)" : "");
	}
	for (i = 0; i < n; i++) {
		mislabelled += u[i].mislabelled;
		if (!crypto_keys_has(k, u[i].id)) {
			printf("%d\t%lld\tNOT IN THE KEY FILE: their personal "
			    "data cannot be opened\n", u[i].id, u[i].orders);
			ret = 1;
		}
	}
	if (mislabelled > 0)
		printf("(%lld orders have a pii_key_id other than their blob's "
		    "key; rekey corrects it)\n", mislabelled);
	return ret;
}

/* tjgctl keys --remove ID */
static int
keys_remove(struct ctl *ctl, const struct crypto_keys *k, int id)
{
	char err[1024];
	long long n;
	int rc;

	if (!crypto_keys_has(k, id)) {
		fprintf(stderr, "tjgctl: keys: %s has no data key %d\n",
		    ctl->conf.key_file, id);
		return 1;
	}
	if (id == crypto_keys_newest(k)) {
		fprintf(stderr, "tjgctl: keys: data key %d is the newest: it "
		    "seals new orders (add a newer one with keygen first)\n",
		    id);
		return 1;
	}
	if ((rc = store_keys_orders_with(ctl->db, id, &n)) != TJG_OK) {
		fprintf(stderr, "tjgctl: keys: %s\n", err_name(rc));
		return 1;
	}
	if (n > 0) {
		fprintf(stderr, "tjgctl: keys: data key %d still seals the "
		    "personal data of %lld order%s: run tjgctl rekey first; "
		    "the key is kept\n", id, n, n == 1 ? "" : "s");
		return 1;
	}
	if (crypto_key_remove(ctl->conf.key_file, id, err, sizeof(err)) !=
	    TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		return 1;
	}
	printf("keys: data key %d removed from %s; restart the workers\n", id,
	    ctl->conf.key_file);
	audit(ctl, "keys.remove", id, NULL);
	return 0;
}

int
cmd_keys(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "remove", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct crypto_keys *k = NULL;
	char *end;
	long v = 0;
	int ch, ret = 1;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'r')
			goto usage;
		errno = 0;
		v = strtol(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || errno != 0 || v < 1 ||
		    v > CRYPTO_MAX_KEY_ID)
			goto usage;
	}
	if (optind != argc)
		goto usage;
	if (!load_keys(ctl, &k) || ctl_open_db(ctl) != TJG_OK)
		goto out;
	ret = v > 0 ? keys_remove(ctl, k, (int)v) : keys_list(ctl, k);
	goto out;
usage:
	fputs("usage: tjgctl keys [--remove ID]\n", stderr);
	ret = 2;
out:
	crypto_keys_free(k);
	return ret;
}
