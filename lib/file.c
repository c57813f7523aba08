/*
 * Directory fsync after a rename or link (see file.h).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "file.h"

bool
file_sync_dir(const char *dir)
{
	int fd;
	bool ok;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return false;
	ok = fsync(fd) == 0;
	if (close(fd) == -1)
		ok = false;
	return ok;
}

bool
file_sync_parent(const char *path)
{
	char dir[PATH_MAX];
	char *slash;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return false;
	if ((slash = strrchr(dir, '/')) == NULL)
		return file_sync_dir(".");
	if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return file_sync_dir(dir);
}
