/*
 * The one table mapping error codes to HTTP status, name and log level.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#include "err.h"

static const struct {
	int		 status;
	const char	*name;
	int		 level;
} errs[TJG_ERR_MAX] = {
	[TJG_OK] =		{ 200, "ok",			LOG_DEBUG },
	[TJG_EINVAL] =		{ 400, "bad-request",		LOG_INFO },
	[TJG_EUNAUTH] =		{ 401, "unauthorized",		LOG_INFO },
	[TJG_EFORBIDDEN] =	{ 403, "forbidden",		LOG_NOTICE },
	[TJG_ENOTFOUND] =	{ 404, "not-found",		LOG_DEBUG },
	[TJG_EMETHOD] =		{ 405, "method-not-allowed",	LOG_INFO },
	[TJG_ECONFLICT] =	{ 409, "conflict",		LOG_INFO },
	[TJG_ETOOBIG] =		{ 413, "too-large",		LOG_INFO },
	[TJG_EUNPROC] =		{ 422, "invalid-input",		LOG_DEBUG },
	[TJG_ERATE] =		{ 429, "too-many-requests",	LOG_INFO },
	[TJG_EINTERNAL] =	{ 500, "internal-error",	LOG_ERR },
	[TJG_EUNAVAIL] =	{ 503, "unavailable",		LOG_WARNING },
	[TJG_ECONFIG] =		{ 500, "configuration",		LOG_ERR },
};

int
err_status(enum tjg_err e)
{
	return (unsigned)e < TJG_ERR_MAX ? errs[e].status : 500;
}

const char *
err_name(enum tjg_err e)
{
	return (unsigned)e < TJG_ERR_MAX ? errs[e].name : "internal-error";
}

int
err_loglevel(enum tjg_err e)
{
	return (unsigned)e < TJG_ERR_MAX ? errs[e].level : LOG_ERR;
}

int
err_at(char *err, size_t errlen, const char *path, int line, const char *fmt,
    ...)
{
	va_list ap;
	int n;

	if (err == NULL || errlen == 0)
		return TJG_ECONFIG;
	if (line > 0)
		n = snprintf(err, errlen, "%s:%d: ", path, line);
	else
		n = snprintf(err, errlen, "%s: ", path);
	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return TJG_ECONFIG;
}
