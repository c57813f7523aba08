/*
 * Filling a page's template data from a handler. Each helper keeps the
 * first error in *rc and does nothing once there is one, so a handler
 * sets many values in a row and checks once.
 */
#include <stdarg.h>
#include <stdio.h>

#include "arena.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "tmpl.h"

void
hput(struct request *r, int *rc, const char *name, const char *value)
{
	if (*rc == TJG_OK && value != NULL)
		*rc = tmpl_set(r->tmpl, name, value);
}

void
hputf(struct request *r, int *rc, const char *value, const char *fmt,
    ...)
{
	char name[160];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (*rc == TJG_OK && (len < 0 || (size_t)len >= sizeof(name)))
		*rc = TJG_EINTERNAL;
	hput(r, rc, name, value);
}

const char *
hnum(struct request *r, long long n)
{
	return arena_printf(r->a, "%lld", n);
}
