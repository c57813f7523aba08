/*
 * Schema migrations: sql/NNN_name.sql files applied in order, each
 * recorded in schema_migrations, under a server-side lock so two
 * concurrent runs cannot interleave. Safe to run again.
 */
#ifndef TJG_MIGRATE_H
#define TJG_MIGRATE_H

#include <stdio.h>

struct db;

/*
 * Applies the migrations in dir not yet recorded, printing one line per
 * file to progress (may be NULL). Returns TJG_OK, TJG_EUNAVAIL, or
 * TJG_EINTERNAL if a file cannot be read or fails (it is then not
 * recorded, and the error is logged).
 */
int	migrate_run(struct db *, const char *dir, FILE *progress);

#endif
