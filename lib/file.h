/*
 * Making a rename or a link durable: after it, the directory that holds
 * the name must be fsync'd too (a crash could otherwise lose the new
 * name). Used for the key file and the backups.
 */
#ifndef TJG_FILE_H
#define TJG_FILE_H

#include <stdbool.h>

/* fsyncs the directory dir; false (errno set) if that fails. */
bool	file_sync_dir(const char *dir);

/* fsyncs the directory holding path ("." for a bare name). */
bool	file_sync_parent(const char *path);

#endif
