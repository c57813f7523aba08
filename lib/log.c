/*
 * Logging to syslog or stderr, filtered by level.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>

#include "log.h"

static enum log_target target = LOG_TO_STDERR;
static int maxlevel = LOG_INFO;
static const char *ident = "tjg";

void
log_open(const char *id, enum log_target t, int level)
{
	ident = id;
	target = t;
	maxlevel = level;
	if (t == LOG_TO_SYSLOG)
		openlog(id, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_close(void)
{
	if (target == LOG_TO_SYSLOG)
		closelog();
}

void
log_msg(int prio, const char *fmt, ...)
{
	static const char *const names[] = { "emerg", "alert", "crit", "err",
	    "warning", "notice", "info", "debug" };
	va_list ap;

	if (prio > maxlevel)
		return;
	va_start(ap, fmt);
	if (target == LOG_TO_SYSLOG)
		vsyslog(prio, fmt, ap);
	else {
		fprintf(stderr, "%s: %s: ", ident, names[prio & 7]);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
