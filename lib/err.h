/*
 * Error codes returned by every libtjg function that can fail. One table
 * (err.c) maps each code to an HTTP status, a short name and a log level.
 */
#ifndef TJG_ERR_H
#define TJG_ERR_H

#include <stddef.h>

enum tjg_err {
	TJG_OK = 0,
	TJG_EINVAL,	/* bad input from the client: 400 */
	TJG_EUNAUTH,	/* no or bad credentials: 401 */
	TJG_EFORBIDDEN,	/* authenticated but not allowed: 403 */
	TJG_ENOTFOUND,	/* no such thing (or not yours): 404 */
	TJG_EMETHOD,	/* path exists, method does not: 405 */
	TJG_ECONFLICT,	/* state does not allow it: 409 */
	TJG_ETOOBIG,	/* request too large: 413 */
	TJG_EUNPROC,	/* well-formed but invalid form input: 422 */
	TJG_ERATE,	/* too many requests: 429 */
	TJG_EINTERNAL,	/* our bug or a library failure: 500 */
	TJG_EUNAVAIL,	/* database unreachable: 503 */
	TJG_ECONFIG,	/* bad configuration (start-up only) */
	TJG_ERR_MAX
};

/* HTTP status for the code; 500 for unknown codes. */
int		 err_status(enum tjg_err);
/* Stable lower-case name, e.g. "not-found", used in XML errors and logs. */
const char	*err_name(enum tjg_err);
/* syslog priority at which a failure with this code is logged. */
int		 err_loglevel(enum tjg_err);

/*
 * Writes "path:line: message" ("path: message" when line is 0) to err, of
 * errlen bytes (nothing when err is NULL), for errors in files read at
 * start-up. Returns TJG_ECONFIG.
 */
int		 err_at(char *err, size_t errlen, const char *path, int line,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
