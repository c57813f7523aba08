/*
 * Database layer and store tests against a real MariaDB (the test stack's;
 * TJG_TEST_CONF names its tjg.conf, with the demo networks "demo" and
 * "andra" loaded): binding, NULL, long and binary values, transactions,
 * errors, reconnection, migrations re-run, and the address search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "migrate.h"
#include "search.h"
#include "store.h"
#include "tap.h"

static const char SQL_SCRATCH[] =
    "CREATE TEMPORARY TABLE scratch (id INT AUTO_INCREMENT PRIMARY KEY,"
    " k VARCHAR(20) UNIQUE, t TEXT, b BLOB, n BIGINT)";
static const char SQL_INS[] =
    "INSERT INTO scratch (k, t, b, n) VALUES (?, ?, ?, ?)";
static const char SQL_GET[] = "SELECT k, t, b, n FROM scratch WHERE k = ?";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM scratch";
static const char SQL_CONN_ID[] = "SELECT CONNECTION_ID()";
static const char SQL_BAD_ARGS[] = "SELECT ? + ?";
static const char SQL_SYNTAX[] = "SELEC nonsense";
static const char SQL_ADDR[] =
    "SELECT a.street, a.number, a.littera, a.postcode, o.code"
    " FROM address a JOIN network n ON n.id = a.network_id"
    " JOIN outlet o ON o.address_id = a.id"
    " WHERE n.slug = ? AND CHAR_LENGTH(a.street) >= 10"
    " ORDER BY a.id LIMIT 1 OFFSET 17";

static long long
count_rows(struct db *db)
{
	struct db_stmt *st;
	long long n = -1;
	bool row;

	if (db_exec(db, SQL_COUNT, DB_NOARGS, &st) == TJG_OK &&
	    db_next(st, &row) == TJG_OK && row)
		n = db_int(st, 0);
	db_done(st);
	return n;
}

static void
basics(struct db *db)
{
	static const char bin[] = { 'a', 0, 'b', (char)0xff, 0 };
	char long_text[5000];
	struct db_stmt *st;
	unsigned long long id = 0, aff = 0;
	size_t len;
	bool row;

	is_int(db_script(db, SQL_SCRATCH, strlen(SQL_SCRATCH)), TJG_OK,
	    "scratch table");
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	is_int(db_run(db, SQL_INS, DB_ARGS(DB_TEXT("a"), DB_TEXT(long_text),
	    DB_BLOB(bin, sizeof(bin)), DB_INT(-42)), &aff, &id), TJG_OK,
	    "insert with text, blob and int");
	is_int(aff, 1, "one row affected");
	ok(id > 0, "insert id returned");
	is_int(db_run(db, SQL_INS, DB_ARGS(DB_TEXT("b"), DB_NULL, DB_NULL,
	    DB_INT(9223372036854775807LL)), NULL, NULL), TJG_OK,
	    "insert with NULLs and a large int");

	is_int(db_exec(db, SQL_GET, DB_ARGS(DB_TEXT("a")), &st), TJG_OK,
	    "select");
	is_int(db_ncols(st), 4, "four columns");
	is_int(db_next(st, &row), TJG_OK, "fetch");
	ok(row, "a row");
	is_str(db_text(st, 0, NULL), "a", "text column");
	db_text(st, 1, &len);
	is_int(len, sizeof(long_text) - 1, "long text read whole (truncation "
	    "handled)");
	ok(strcmp(db_text(st, 1, NULL), long_text) == 0, "long text intact");
	ok(db_text(st, 2, &len) != NULL && len == sizeof(bin) &&
	    memcmp(db_text(st, 2, NULL), bin, sizeof(bin)) == 0,
	    "binary blob with NUL bytes intact");
	is_int(db_int(st, 3), -42, "negative int");
	is_int(db_next(st, &row), TJG_OK, "fetch past the end");
	ok(!row, "no second row");
	db_done(st);

	is_int(db_exec(db, SQL_GET, DB_ARGS(DB_TEXT("b")), &st), TJG_OK,
	    "the cached statement runs again");
	db_next(st, &row);
	ok(db_null(st, 1) && db_text(st, 1, NULL) == NULL, "NULL reads as "
	    "NULL");
	is_int(db_int(st, 3), 9223372036854775807LL, "BIGINT max");
	db_done(st);

	is_int(db_run(db, SQL_INS, DB_ARGS(DB_TEXT("a"), DB_NULL, DB_NULL,
	    DB_INT(0)), NULL, NULL), TJG_ECONFLICT,
	    "duplicate key is a conflict");
	is_int(db_run(db, SQL_BAD_ARGS, DB_ARGS(DB_INT(1)), NULL, NULL),
	    TJG_EINTERNAL, "wrong parameter count is refused");
	is_int(db_run(db, SQL_SYNTAX, DB_NOARGS, NULL, NULL), TJG_EINTERNAL,
	    "a syntax error is internal");
	ok(db_connected(db), "still connected after statement errors");

	is_int(db_begin(db), TJG_OK, "begin");
	db_run(db, SQL_INS, DB_ARGS(DB_TEXT("c"), DB_NULL, DB_NULL, DB_INT(1)),
	    NULL, NULL);
	is_int(count_rows(db), 3, "row visible inside the transaction");
	db_rollback(db);
	is_int(count_rows(db), 2, "rollback removes it");
	is_int(db_begin(db), TJG_OK, "begin again");
	is_int(db_begin(db), TJG_EINTERNAL, "nested begin refused");
	db_run(db, SQL_INS, DB_ARGS(DB_TEXT("d"), DB_NULL, DB_NULL, DB_INT(1)),
	    NULL, NULL);
	is_int(db_commit(db), TJG_OK, "commit");
	is_int(count_rows(db), 3, "committed row stays");
}

static void
reconnect(struct db *db, const struct conf *c)
{
	struct db *other;
	struct db_stmt *st;
	char kill[64];
	long long id = 0, id2 = 0;
	bool row;

	if (db_exec(db, SQL_CONN_ID, DB_NOARGS, &st) == TJG_OK &&
	    db_next(st, &row) == TJG_OK && row)
		id = db_int(st, 0);
	db_done(st);
	ok(id > 0, "connection id");
	is_int(db_open(&other, c), TJG_OK, "a second connection");
	snprintf(kill, sizeof(kill), "KILL CONNECTION %lld", id);
	is_int(db_script(other, kill, strlen(kill)), TJG_OK,
	    "the first connection is killed");
	db_close(other);
	is_int(db_exec(db, SQL_CONN_ID, DB_NOARGS, &st), TJG_OK,
	    "the next statement reconnects and succeeds");
	if (st != NULL && db_next(st, &row) == TJG_OK && row)
		id2 = db_int(st, 0);
	db_done(st);
	ok(id2 > 0 && id2 != id, "on a new connection");
}

static void
search(struct db *db, struct arena *a)
{
	struct search_result res;
	struct network demo, andra;
	struct db_stmt *st;
	char street[256], q[300], typo[256], code[64], pc[8];
	int number = 0;
	size_t i, n;
	bool row, found;

	is_int(store_network_by_slug(db, a, "demo", &demo), TJG_OK,
	    "demo network");
	is_int(store_network_by_slug(db, a, "andra", &andra), TJG_OK,
	    "second network");
	is_int(store_network_by_slug(db, a, "nope", &andra), TJG_ENOTFOUND,
	    "unknown network");
	store_network_by_slug(db, a, "andra", &andra);

	street[0] = '\0';
	if (db_exec(db, SQL_ADDR, DB_ARGS(DB_TEXT("demo")), &st) == TJG_OK &&
	    db_next(st, &row) == TJG_OK && row) {
		snprintf(street, sizeof(street), "%s", db_text(st, 0, NULL));
		number = (int)db_int(st, 1);
		snprintf(pc, sizeof(pc), "%s", db_text(st, 3, NULL));
		snprintf(code, sizeof(code), "%s", db_text(st, 4, NULL));
	}
	db_done(st);
	if (!ok(street[0] != '\0', "a demo address with a long street name"))
		return;

	snprintf(q, sizeof(q), "%s %d", street, number);
	is_int(search_addresses(db, a, demo.id, q, 20, &res), TJG_OK,
	    "exact search");
	found = false;
	for (i = 0; i < res.n; i++)
		for (n = 0; n < res.hits[i].noutlets; n++)
			found |= strcmp(res.hits[i].outlets[n].code, code) == 0;
	ok(found && !res.fuzzy, "finds the address and its outlet");
	for (i = 0; i < res.n; i++)
		if (res.hits[i].number != number)
			break;
	is_int(i, res.n, "every hit has the number asked for");

	/* Drop one letter in the middle: a typo. */
	n = strlen(street) / 2;
	snprintf(typo, sizeof(typo), "%.*s%s %d", (int)n, street,
	    street + n + 1, number);
	is_int(search_addresses(db, a, demo.id, typo, 20, &res), TJG_OK,
	    "misspelt search");
	found = false;
	for (i = 0; i < res.n; i++)
		found |= strcmp(res.hits[i].street, street) == 0;
	ok(found && res.fuzzy, "a misspelt street is still found, marked "
	    "fuzzy");

	snprintf(q, sizeof(q), "%.3s %.2s", pc, pc + 3);
	is_int(search_addresses(db, a, demo.id, q, 5, &res), TJG_OK,
	    "postcode search");
	ok(res.n > 0, "postcode finds addresses");
	for (i = 0; i < res.n; i++)
		if (strcmp(res.hits[i].postcode, pc) != 0)
			break;
	is_int(i, res.n, "all in that postcode");
	ok(res.n == 5 && res.limited, "results limited, and said so");

	snprintf(q, sizeof(q), "%s %d", street, number);
	is_int(search_addresses(db, a, andra.id, q, 200, &res), TJG_OK,
	    "the same search in the other network");
	for (i = 0; i < res.n; i++)
		for (n = 0; n < res.hits[i].noutlets; n++)
			if (strcmp(res.hits[i].outlets[n].code, code) == 0)
				break;
	ok(i == res.n || n == res.hits[i].noutlets,
	    "the other network never sees the demo network's outlet");

	is_int(search_addresses(db, a, demo.id, "   ", 20, &res), TJG_EINVAL,
	    "an empty query is invalid");
}

/* The per-IP order limit: one counter row per bucket and window. */
static void
rate(struct db *db)
{
	unsigned char a[32], b[32];
	long long n = 0;
	int i;

	/* Fresh buckets, so a second run within the hour counts anew. */
	if (!ok(crypto_random(a, sizeof(a)) == TJG_OK &&
	    crypto_random(b, sizeof(b)) == TJG_OK, "two random buckets"))
		return;
	for (i = 0; i < 3; i++)
		store_rate_hit(db, a, 3600, &n);
	is_int(n, 3, "three hits counted in the bucket");
	is_int(store_rate_hit(db, b, 3600, &n), TJG_OK, "another bucket");
	is_int(n, 1, "counts on its own");
}

int
main(void)
{
	const char *path = getenv("TJG_TEST_CONF"), *src = getenv("TJG_SRCDIR");
	struct conf c;
	struct arena a;
	struct db *db = NULL;
	char err[512], dir[4096];

	if (path == NULL) {
		printf("1..0 # SKIP TJG_TEST_CONF not set: run by dev/test "
		    "against the test stack\n");
		return 0;
	}
	conf_defaults(&c);
	if (conf_load(&c, path, err, sizeof(err)) != TJG_OK) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	log_open("t_db", LOG_TO_STDERR, LOG_ERR);
	arena_init(&a);
	if (!ok(db_open(&db, &c) == TJG_OK, "connects")) {
		printf("Bail out! no database\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/sql", src != NULL ? src : ".");
	is_int(migrate_run(db, dir, NULL), TJG_OK,
	    "migrating an up-to-date schema again is a no-op");
	basics(db);
	reconnect(db, &c);
	search(db, &a);
	rate(db);
	db_close(db);
	arena_free(&a);
	conf_free(&c);
	return done_testing();
}
