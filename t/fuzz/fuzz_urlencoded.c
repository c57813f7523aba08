/*
 * libFuzzer harness for urlencoded form bodies: the same parser as query
 * strings, seeded with order-form bodies, bound to a form's declarations
 * (required fields, multi-line text) and checked for the same invariants.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct param decl[] = {
	{ "csrf", PARAM_STR, 1, 64, PARAM_REQUIRED },
	{ "name", PARAM_STR, 1, 100, PARAM_REQUIRED },
	{ "message", PARAM_TEXT, 0, 2000, 0 },
	{ "outlet", PARAM_INT, 1, 99999999, 0 },
	{ "accept", PARAM_FLAG, 0, 0, 0 },
};
#define NDECL	(sizeof(decl) / sizeof(decl[0]))

static struct arena a;

/* True if s[0..len) has no control character outside allow. */
static int
clean(const char *s, size_t len, const char *allow)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && strchr(allow, s[i]) == NULL)
		    || s[i] == 0x7f)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pval out[NDECL];
	struct kvlist l;
	const char *why;
	size_t i;

	if (http_parse_urlencoded(&a, (const char *)data, size, &l) !=
	    TJG_OK)
		goto out;
	if (l.n > HTTP_MAX_PARAMS)
		abort();
	for (i = 0; i < l.n; i++) {
		if (l.v[i].name[0] == '\0' ||
		    strlen(l.v[i].name) > HTTP_MAX_NAME ||
		    strlen(l.v[i].value) != l.v[i].len ||
		    !http_utf8_valid(l.v[i].value, l.v[i].len))
			abort();
	}
	if (http_params_bind(&a, decl, NDECL, &l, out, &why) != TJG_OK) {
		if (why == NULL)
			abort();
		goto out;
	}
	if (!out[0].set || !out[1].set || out[1].len < 1 ||
	    out[1].len > 100 || !clean(out[1].s, out[1].len, ""))
		abort();
	if (out[2].set && (out[2].len > 2000 ||
	    !clean(out[2].s, out[2].len, "\t\n\r")))
		abort();
	if (out[3].set && (out[3].i < 1 || out[3].i > 99999999))
		abort();
	if (out[4].set && out[4].i != 1)
		abort();
out:
	arena_reset(&a);
	return 0;
}
