/*
 * The database layer: one connection per worker, a cache of prepared
 * statements keyed by the address of their SQL text, parameter binding,
 * buffered results read as text, transactions and reconnection.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "err.h"
#include "log.h"

#define DB_MAX_ARGS	64
#define DB_BUCKETS	64
#define DB_COLBUF	64

struct db_stmt {
	struct db_stmt	*next;		/* hash chain */
	struct db	*db;
	const char	*sql;		/* the key: address of the text */
	MYSQL_STMT	*st;
	unsigned	 ncols;
	MYSQL_BIND	*res;
	char		**bufs;
	unsigned long	*lens;
	my_bool		*nulls;
	my_bool		*errs;
	unsigned long long affected;
	unsigned long long insert_id;
};

struct db {
	MYSQL		*m;
	const struct conf *c;
	bool		 connected;
	bool		 in_tx;
	struct db_stmt	*stmts[DB_BUCKETS];
	char		 err[256];
};

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL)
		abort();
	return p;
}

static void
stmt_free(struct db_stmt *s)
{
	unsigned i;

	if (s->st != NULL)
		mysql_stmt_close(s->st);
	for (i = 0; i < s->ncols; i++)
		free(s->bufs[i]);
	free(s->bufs);
	free(s->res);
	free(s->lens);
	free(s->nulls);
	free(s->errs);
	free(s);
}

/* Forgets every prepared statement (they die with the connection). */
static void
cache_clear(struct db *db)
{
	struct db_stmt *s, *next;
	size_t i;

	for (i = 0; i < DB_BUCKETS; i++) {
		for (s = db->stmts[i]; s != NULL; s = next) {
			next = s->next;
			stmt_free(s);
		}
		db->stmts[i] = NULL;
	}
}

static void
disconnect(struct db *db)
{
	cache_clear(db);
	if (db->m != NULL)
		mysql_close(db->m);
	db->m = NULL;
	db->connected = false;
	db->in_tx = false;
}

static int
connect_db(struct db *db)
{
	const struct conf *c = db->c;
	unsigned int ct = (unsigned)c->db_connect_timeout;
	unsigned int rt = (unsigned)c->db_read_timeout;
	unsigned int wt = (unsigned)c->db_write_timeout;
	my_bool off = 0;
	const char *sock = c->db_socket != NULL && *c->db_socket != '\0' ?
	    c->db_socket : NULL;

	disconnect(db);
	if ((db->m = mysql_init(NULL)) == NULL)
		abort();
	if (mysql_options(db->m, MYSQL_SET_CHARSET_NAME, "utf8mb4") != 0 ||
	    mysql_options(db->m, MYSQL_OPT_CONNECT_TIMEOUT, &ct) != 0 ||
	    mysql_options(db->m, MYSQL_OPT_READ_TIMEOUT, &rt) != 0 ||
	    mysql_options(db->m, MYSQL_OPT_WRITE_TIMEOUT, &wt) != 0 ||
	    mysql_options(db->m, MYSQL_OPT_RECONNECT, &off) != 0 ||
	    mysql_options(db->m, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00'") != 0) {
		log_err("db: setting connection options failed");
		disconnect(db);
		return TJG_EINTERNAL;
	}
	if (mysql_real_connect(db->m, sock ? NULL : c->db_host, c->db_user,
	    c->db_password, c->db_name, (unsigned)c->db_port, sock, 0) ==
	    NULL) {
		snprintf(db->err, sizeof(db->err), "%s", mysql_error(db->m));
		log_warn("db: cannot connect: %s", db->err);
		disconnect(db);
		return TJG_EUNAVAIL;
	}
	db->connected = true;
	return TJG_OK;
}

int
db_open(struct db **out, const struct conf *c)
{
	struct db *db = xcalloc(1, sizeof(*db));

	db->c = c;
	*out = db;
	return connect_db(db);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	free(db);
}

bool
db_connected(struct db *db)
{
	return db->connected;
}

const char *
db_errmsg(struct db *db)
{
	return db->err;
}

static bool
is_gone(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	    e == ER_CONNECTION_KILLED || e == ER_SERVER_SHUTDOWN ||
	    e == CR_COMMANDS_OUT_OF_SYNC;
}

/* Maps a server or client error to our code and logs it (no values). */
static int
map_error(struct db *db, unsigned e, const char *msg, const char *sql)
{
	snprintf(db->err, sizeof(db->err), "%s", msg);
	if (is_gone(e)) {
		log_warn("db: connection lost (%u): %s", e, msg);
		disconnect(db);
		return TJG_EUNAVAIL;
	}
	switch (e) {
	case ER_DUP_ENTRY:
		log_debug("db: duplicate: %s", msg);
		return TJG_ECONFLICT;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		log_warn("db: %s", msg);
		return TJG_EUNAVAIL;
	default:
		log_err("db: error %u: %s [%.80s]", e, msg, sql);
		return TJG_EINTERNAL;
	}
}

static struct db_stmt *
stmt_get(struct db *db, const char *sql, int *rc)
{
	size_t h = ((uintptr_t)sql >> 4) % DB_BUCKETS;
	MYSQL_RES *meta;
	struct db_stmt *s;
	unsigned i;

	for (s = db->stmts[h]; s != NULL; s = s->next)
		if (s->sql == sql)
			return s;
	s = xcalloc(1, sizeof(*s));
	s->db = db;
	s->sql = sql;
	if ((s->st = mysql_stmt_init(db->m)) == NULL)
		abort();
	if (mysql_stmt_prepare(s->st, sql, strlen(sql)) != 0) {
		*rc = map_error(db, mysql_stmt_errno(s->st),
		    mysql_stmt_error(s->st), sql);
		stmt_free(s);
		return NULL;
	}
	if ((meta = mysql_stmt_result_metadata(s->st)) != NULL) {
		s->ncols = mysql_num_fields(meta);
		mysql_free_result(meta);
	}
	s->res = xcalloc(s->ncols, sizeof(*s->res));
	s->bufs = xcalloc(s->ncols, sizeof(*s->bufs));
	s->lens = xcalloc(s->ncols, sizeof(*s->lens));
	s->nulls = xcalloc(s->ncols, sizeof(*s->nulls));
	s->errs = xcalloc(s->ncols, sizeof(*s->errs));
	for (i = 0; i < s->ncols; i++) {
		s->bufs[i] = xcalloc(DB_COLBUF, 1);
		s->res[i].buffer_type = MYSQL_TYPE_STRING;
		s->res[i].buffer = s->bufs[i];
		s->res[i].buffer_length = DB_COLBUF - 1;
		s->res[i].length = &s->lens[i];
		s->res[i].is_null = &s->nulls[i];
		s->res[i].error = &s->errs[i];
	}
	s->next = db->stmts[h];
	db->stmts[h] = s;
	return s;
}

static int
exec_once(struct db *db, const char *sql, const struct db_arg *args,
    size_t nargs, struct db_stmt **out)
{
	MYSQL_BIND bind[DB_MAX_ARGS];
	unsigned long lens[DB_MAX_ARGS];
	struct db_stmt *s;
	size_t i;
	int rc = TJG_OK;

	if (!db->connected && (rc = connect_db(db)) != TJG_OK)
		return rc;
	if ((s = stmt_get(db, sql, &rc)) == NULL)
		return rc;
	if (nargs > DB_MAX_ARGS || mysql_stmt_param_count(s->st) != nargs) {
		log_err("db: statement wants %lu parameters, got %zu [%.80s]",
		    mysql_stmt_param_count(s->st), nargs, sql);
		return TJG_EINTERNAL;
	}
	memset(bind, 0, sizeof(bind));
	for (i = 0; i < nargs; i++) {
		switch (args[i].type) {
		case DB_T_NULL:
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_T_INT:
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)&args[i].i;
			break;
		case DB_T_TEXT:
		case DB_T_BLOB:
			bind[i].buffer_type = args[i].type == DB_T_TEXT ?
			    MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			bind[i].buffer = (void *)args[i].p;
			bind[i].buffer_length = args[i].len;
			lens[i] = args[i].len;
			bind[i].length = &lens[i];
			break;
		}
	}
	if ((nargs > 0 && mysql_stmt_bind_param(s->st, bind) != 0) ||
	    mysql_stmt_execute(s->st) != 0)
		return map_error(db, mysql_stmt_errno(s->st),
		    mysql_stmt_error(s->st), sql);
	s->affected = mysql_stmt_affected_rows(s->st);
	s->insert_id = mysql_stmt_insert_id(s->st);
	if (s->ncols > 0) {
		if (mysql_stmt_bind_result(s->st, s->res) != 0 ||
		    mysql_stmt_store_result(s->st) != 0) {
			rc = map_error(db, mysql_stmt_errno(s->st),
			    mysql_stmt_error(s->st), sql);
			if (db->connected)
				mysql_stmt_free_result(s->st);
			return rc;
		}
	}
	*out = s;
	return TJG_OK;
}

int
db_exec(struct db *db, const char *sql, const struct db_arg *args,
    size_t nargs, struct db_stmt **out)
{
	bool was_connected = db->connected, in_tx = db->in_tx;
	int rc;

	*out = NULL;
	rc = exec_once(db, sql, args, nargs, out);
	/*
	 * An idle connection may have been dropped by a server restart; a
	 * statement outside a transaction is safe to send once more.
	 */
	if (rc == TJG_EUNAVAIL && was_connected && !in_tx)
		rc = exec_once(db, sql, args, nargs, out);
	return rc;
}

int
db_next(struct db_stmt *s, bool *row)
{
	unsigned i;
	size_t cap;
	int r;

	*row = false;
	r = mysql_stmt_fetch(s->st);
	if (r == MYSQL_NO_DATA)
		return TJG_OK;
	if (r == 1)
		return map_error(s->db, mysql_stmt_errno(s->st),
		    mysql_stmt_error(s->st), s->sql);
	if (r == MYSQL_DATA_TRUNCATED) {
		for (i = 0; i < s->ncols; i++) {
			if (!s->errs[i])
				continue;
			cap = s->lens[i] + 1;
			free(s->bufs[i]);
			s->bufs[i] = xcalloc(cap, 1);
			s->res[i].buffer = s->bufs[i];
			s->res[i].buffer_length = cap - 1;
			if (mysql_stmt_fetch_column(s->st, &s->res[i], i, 0)
			    != 0)
				return map_error(s->db,
				    mysql_stmt_errno(s->st),
				    mysql_stmt_error(s->st), s->sql);
		}
		if (mysql_stmt_bind_result(s->st, s->res) != 0)
			return map_error(s->db, mysql_stmt_errno(s->st),
			    mysql_stmt_error(s->st), s->sql);
	}
	/* Terminate every value; the buffers keep one byte for it. */
	for (i = 0; i < s->ncols; i++)
		if (!s->nulls[i])
			s->bufs[i][s->lens[i] < s->res[i].buffer_length ?
			    s->lens[i] : s->res[i].buffer_length] = '\0';
	*row = true;
	return TJG_OK;
}

const char *
db_text(struct db_stmt *s, unsigned col, size_t *len)
{
	if (col >= s->ncols || s->nulls[col]) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	if (len != NULL)
		*len = s->lens[col];
	return s->bufs[col];
}

int
db_one(struct db_stmt *s)
{
	bool row;
	int rc = db_next(s, &row);

	return rc != TJG_OK ? rc : row ? TJG_OK : TJG_ENOTFOUND;
}

const char *
db_strdup(struct arena *a, struct db_stmt *s, unsigned col)
{
	size_t len;
	const char *t = db_text(s, col, &len);

	return t != NULL ? arena_strndup(a, t, len) : NULL;
}

long long
db_int(struct db_stmt *s, unsigned col)
{
	const char *t = db_text(s, col, NULL);

	return t != NULL ? strtoll(t, NULL, 10) : 0;
}

bool
db_null(struct db_stmt *s, unsigned col)
{
	return col >= s->ncols || s->nulls[col];
}

unsigned
db_ncols(struct db_stmt *s)
{
	return s->ncols;
}

unsigned long long
db_affected(struct db_stmt *s)
{
	return s->affected;
}

unsigned long long
db_insert_id(struct db_stmt *s)
{
	return s->insert_id;
}

void
db_done(struct db_stmt *s)
{
	if (s != NULL && s->db->connected && s->ncols > 0)
		mysql_stmt_free_result(s->st);
}

int
db_run(struct db *db, const char *sql, const struct db_arg *args,
    size_t nargs, unsigned long long *affected, unsigned long long *id)
{
	struct db_stmt *s;
	int rc;

	if ((rc = db_exec(db, sql, args, nargs, &s)) != TJG_OK)
		return rc;
	if (affected != NULL)
		*affected = s->affected;
	if (id != NULL)
		*id = s->insert_id;
	db_done(s);
	return TJG_OK;
}

static int
simple(struct db *db, const char *q)
{
	if (mysql_real_query(db->m, q, strlen(q)) != 0)
		return map_error(db, mysql_errno(db->m), mysql_error(db->m),
		    q);
	return TJG_OK;
}

int
db_begin(struct db *db)
{
	int rc;

	if (db->in_tx) {
		log_err("db: nested transaction");
		return TJG_EINTERNAL;
	}
	if (!db->connected && (rc = connect_db(db)) != TJG_OK)
		return rc;
	rc = simple(db, "START TRANSACTION");
	if (rc == TJG_EUNAVAIL && (rc = connect_db(db)) == TJG_OK)
		rc = simple(db, "START TRANSACTION");
	if (rc == TJG_OK)
		db->in_tx = true;
	return rc;
}

int
db_commit(struct db *db)
{
	int rc;

	if (!db->in_tx || !db->connected)
		return TJG_EUNAVAIL;
	db->in_tx = false;
	if (mysql_commit(db->m) != 0) {
		rc = map_error(db, mysql_errno(db->m), mysql_error(db->m),
		    "COMMIT");
		return rc == TJG_EINTERNAL ? TJG_EUNAVAIL : rc;
	}
	return TJG_OK;
}

void
db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	db->in_tx = false;
	if (db->connected && mysql_rollback(db->m) != 0)
		map_error(db, mysql_errno(db->m), mysql_error(db->m),
		    "ROLLBACK");
}

int
db_script(struct db *db, const char *sql, size_t len)
{
	MYSQL_RES *res;
	int rc = TJG_OK, more;

	if (!db->connected && (rc = connect_db(db)) != TJG_OK)
		return rc;
	if (mysql_set_server_option(db->m, MYSQL_OPTION_MULTI_STATEMENTS_ON)
	    != 0)
		return map_error(db, mysql_errno(db->m), mysql_error(db->m),
		    "multi-statements on");
	if (mysql_real_query(db->m, sql, len) != 0) {
		rc = map_error(db, mysql_errno(db->m), mysql_error(db->m),
		    sql);
		goto out;
	}
	do {
		if ((res = mysql_store_result(db->m)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(db->m) != 0) {
			rc = map_error(db, mysql_errno(db->m),
			    mysql_error(db->m), sql);
			goto out;
		}
		more = mysql_next_result(db->m);
		if (more > 0) {
			rc = map_error(db, mysql_errno(db->m),
			    mysql_error(db->m), "script statement");
			goto out;
		}
	} while (more == 0);
out:
	if (db->connected &&
	    mysql_set_server_option(db->m, MYSQL_OPTION_MULTI_STATEMENTS_OFF)
	    != 0 && rc == TJG_OK)
		rc = map_error(db, mysql_errno(db->m), mysql_error(db->m),
		    "multi-statements off");
	return rc;
}
