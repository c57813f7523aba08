/*
 * Applies sql/NNN_*.sql migrations in order under GET_LOCK and records
 * each in schema_migrations. Part of the database layer: it runs whole
 * SQL files as scripts.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "migrate.h"

static const char SQL_LOCK[] = "SELECT GET_LOCK('tjg_migrate', 60)";
static const char SQL_UNLOCK[] = "SELECT RELEASE_LOCK('tjg_migrate')";
static const char SQL_CREATE[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(255) NOT NULL,"
    " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char SQL_APPLIED[] =
    "SELECT 1 FROM schema_migrations WHERE version = ?";
static const char SQL_RECORD[] =
    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)";

/* "001_init.sql" -> 1; -1 for names that are not migrations. */
static int
version_of(const char *name)
{
	size_t n = strlen(name);

	if (n < 9 || strcmp(name + n - 4, ".sql") != 0 || name[3] != '_' ||
	    name[0] < '0' || name[0] > '9' || name[1] < '0' ||
	    name[1] > '9' || name[2] < '0' || name[2] > '9')
		return -1;
	return (name[0] - '0') * 100 + (name[1] - '0') * 10 + name[2] - '0';
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
read_file(const char *path, struct buf *b)
{
	char chunk[8192];
	FILE *fp;
	size_t n;
	int rc = TJG_OK;

	if ((fp = fopen(path, "r")) == NULL) {
		log_err("migrate: cannot open %s: %s", path, strerror(errno));
		return TJG_EINTERNAL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(b, chunk, n);
	if (ferror(fp)) {
		log_err("migrate: cannot read %s", path);
		rc = TJG_EINTERNAL;
	}
	fclose(fp);
	return rc;
}

static int
lock(struct db *db, const char *sql, bool want)
{
	struct db_stmt *st;
	bool row;
	int rc;

	if ((rc = db_exec(db, sql, DB_NOARGS, &st)) != TJG_OK)
		return rc;
	if ((rc = db_next(st, &row)) == TJG_OK && want &&
	    (!row || db_int(st, 0) != 1)) {
		log_err("migrate: another migration holds the lock");
		rc = TJG_ECONFLICT;
	}
	db_done(st);
	return rc;
}

static int
apply(struct db *db, const char *dir, const char *name, FILE *progress)
{
	struct db_stmt *st;
	struct buf sql, path;
	bool row;
	int rc, v = version_of(name);

	buf_init(&sql);
	buf_init(&path);
	if ((rc = db_exec(db, SQL_APPLIED, DB_ARGS(DB_INT(v)), &st)) != TJG_OK)
		goto out;
	rc = db_next(st, &row);
	db_done(st);
	if (rc != TJG_OK || row)
		goto out;
	buf_addf(&path, "%s/%s", dir, name);
	if ((rc = read_file(buf_str(&path), &sql)) != TJG_OK)
		goto out;
	if (progress != NULL)
		fprintf(progress, "migrate: applying %s\n", name);
	if ((rc = db_script(db, buf_str(&sql), sql.len)) != TJG_OK) {
		log_err("migrate: %s failed: %s", name, db_errmsg(db));
		goto out;
	}
	rc = db_run(db, SQL_RECORD, DB_ARGS(DB_INT(v), DB_TEXT(name)), NULL,
	    NULL);
out:
	buf_free(&sql);
	buf_free(&path);
	return rc;
}

int
migrate_run(struct db *db, const char *dir, FILE *progress)
{
	struct dirent *de;
	char **names = NULL, **grown;
	size_t n = 0, i;
	DIR *d;
	int rc;

	if ((d = opendir(dir)) == NULL) {
		log_err("migrate: cannot open %s: %s", dir, strerror(errno));
		return TJG_EINTERNAL;
	}
	while ((de = readdir(d)) != NULL) {
		if (version_of(de->d_name) < 0)
			continue;
		if ((grown = realloc(names, (n + 1) * sizeof(*names))) == NULL)
			abort();
		names = grown;
		if ((names[n++] = strdup(de->d_name)) == NULL)
			abort();
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);

	if ((rc = lock(db, SQL_LOCK, true)) != TJG_OK)
		goto out;
	rc = db_script(db, SQL_CREATE, strlen(SQL_CREATE));
	for (i = 0; i < n && rc == TJG_OK; i++) {
		if (i > 0 && version_of(names[i]) == version_of(names[i - 1])) {
			log_err("migrate: two files for version %d",
			    version_of(names[i]));
			rc = TJG_EINTERNAL;
			break;
		}
		rc = apply(db, dir, names[i], progress);
	}
	if (db_connected(db))
		(void)lock(db, SQL_UNLOCK, false);
	if (rc == TJG_OK && progress != NULL)
		fprintf(progress, "migrate: schema up to date (%zu files)\n",
		    n);
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
