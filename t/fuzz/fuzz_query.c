/*
 * libFuzzer harness for query strings: http_parse_urlencoded over the raw
 * bytes (not NUL-terminated), the invariants every pair must keep, and
 * http_params_bind against a search page's declarations.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct param decl[] = {
	{ "q", PARAM_STR, 0, 200, 0 },
	{ "page", PARAM_INT, 1, 1000, 0 },
	{ "n", PARAM_INT, -100, 100, 0 },
	{ "all", PARAM_FLAG, 0, 0, 0 },
	{ "lang", PARAM_STR, 2, 2, 0 },
};
#define NDECL	(sizeof(decl) / sizeof(decl[0]))

static struct arena a;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pval out[NDECL];
	struct kvlist l;
	const char *why;
	size_t i, nlen;

	if (http_parse_urlencoded(&a, (const char *)data, size, &l) !=
	    TJG_OK)
		goto out;
	if (l.n > HTTP_MAX_PARAMS)
		abort();
	for (i = 0; i < l.n; i++) {
		nlen = strlen(l.v[i].name);
		if (nlen == 0 || nlen > HTTP_MAX_NAME ||
		    !http_utf8_valid(l.v[i].name, nlen) ||
		    strlen(l.v[i].value) != l.v[i].len ||
		    !http_utf8_valid(l.v[i].value, l.v[i].len))
			abort();
	}
	if (http_params_bind(&a, decl, NDECL, &l, out, &why) != TJG_OK) {
		if (why == NULL)
			abort();
		goto out;
	}
	if (out[0].set && (out[0].len > 200 || strlen(out[0].s) !=
	    out[0].len || (out[0].len > 0 && (out[0].s[0] == ' ' ||
	    out[0].s[out[0].len - 1] == ' '))))
		abort();
	if (out[1].set && (out[1].i < 1 || out[1].i > 1000))
		abort();
	if (out[2].set && (out[2].i < -100 || out[2].i > 100))
		abort();
	if (out[4].set && out[4].len != 2)
		abort();
out:
	arena_reset(&a);
	return 0;
}
