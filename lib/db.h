/*
 * The database layer over MariaDB Connector/C. Statements are prepared once
 * per connection and cached by the address of their SQL text, so a store
 * module names each statement with a static const char[]. All parameters
 * are bound; results are read column by column as text.
 *
 * A lost connection is reopened on the next statement; a statement that
 * fails because the server went away outside a transaction is retried once
 * on a fresh connection. Connection failures are TJG_EUNAVAIL (503).
 */
#ifndef TJG_DB_H
#define TJG_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct arena;
struct conf;
struct db;
struct db_stmt;

enum db_type { DB_T_NULL, DB_T_INT, DB_T_TEXT, DB_T_BLOB };

struct db_arg {
	enum db_type	 type;
	long long	 i;
	const void	*p;
	size_t		 len;
};

/* A NUL-terminated text parameter; NULL binds SQL NULL. */
static inline struct db_arg
db_text_arg(const char *s)
{
	return (struct db_arg){ .type = s != NULL ? DB_T_TEXT : DB_T_NULL,
	    .p = s, .len = s != NULL ? strlen(s) : 0 };
}

#define DB_INT(x)	((struct db_arg){ .type = DB_T_INT, .i = (x) })
#define DB_TEXT(s)	db_text_arg(s)
#define DB_TEXTN(s, n)	((struct db_arg){ .type = DB_T_TEXT, .p = (s), .len = (n) })
#define DB_BLOB(s, n)	((struct db_arg){ .type = DB_T_BLOB, .p = (s), .len = (n) })
#define DB_NULL		((struct db_arg){ .type = DB_T_NULL })
/* DB_ARGS(a, b, ...) expands to the array and its length. */
#define DB_ARGS(...)	(const struct db_arg[]){ __VA_ARGS__ }, \
	(sizeof((const struct db_arg[]){ __VA_ARGS__ }) / sizeof(struct db_arg))
#define DB_NOARGS	NULL, 0

/*
 * Allocates a handle and connects (utf8mb4, timeouts from c). If the
 * server is down the handle is still returned with TJG_EUNAVAIL, and the
 * next statement tries again. c must outlive the handle.
 */
int	 db_open(struct db **out, const struct conf *c);
void	 db_close(struct db *);

/* True while a connection is believed to be open. */
bool	 db_connected(struct db *);

/*
 * Executes sql with args. For a SELECT the whole result is buffered on
 * the client and read with db_next(); every statement must be finished
 * with db_done() before the next db_exec on this handle.
 */
int	 db_exec(struct db *, const char *sql, const struct db_arg *args,
	    size_t nargs, struct db_stmt **out);

/* Moves to the next row: sets *row false at the end. */
int	 db_next(struct db_stmt *, bool *row);

/* Moves to the row of a one-row query: TJG_ENOTFOUND if there is none. */
int	 db_one(struct db_stmt *);

/*
 * The column's value as text (not NUL-terminated for binary data: use
 * len), or NULL for SQL NULL. Valid until the next db_next/db_done.
 */
const char *db_text(struct db_stmt *, unsigned col, size_t *len);
/* The column's text copied into the arena, or NULL for SQL NULL. */
const char *db_strdup(struct arena *, struct db_stmt *, unsigned col);
/* The column as an integer (0 for NULL or non-numeric). */
long long db_int(struct db_stmt *, unsigned col);
bool	 db_null(struct db_stmt *, unsigned col);
unsigned db_ncols(struct db_stmt *);

/* Rows changed by the last INSERT/UPDATE/DELETE; its AUTO_INCREMENT id. */
unsigned long long db_affected(struct db_stmt *);
unsigned long long db_insert_id(struct db_stmt *);

/* Frees the result; the prepared statement stays cached. NULL is fine. */
void	 db_done(struct db_stmt *);

/*
 * Runs sql and finishes it: for statements whose result is only a count.
 * *affected and *id may be NULL.
 */
int	 db_run(struct db *, const char *sql, const struct db_arg *args,
	    size_t nargs, unsigned long long *affected,
	    unsigned long long *id);

/* Transactions. db_rollback is safe to call when none is open. */
int	 db_begin(struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);

/*
 * Runs a script of several ';'-separated statements (a migration file)
 * as one multi-statement query. For db_migrate.c only.
 */
int	 db_script(struct db *, const char *sql, size_t len);

/* The last server error text, for logs (never contains bound values). */
const char *db_errmsg(struct db *);

#endif
