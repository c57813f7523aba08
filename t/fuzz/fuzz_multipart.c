/*
 * libFuzzer harness for multipart/form-data: the first line of the input
 * is the Content-Type header value, the rest is the body, which is passed
 * in place so any read past its end is caught.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena a;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *nl;
	struct partlist l;
	size_t i, clen;
	char *ct;

	if ((nl = memchr(p, '\n', size)) == NULL)
		goto out;
	ct = arena_strndup(&a, p, (size_t)(nl - p));
	clen = size - (size_t)(nl + 1 - p);
	if (http_parse_multipart(&a, ct, nl + 1, clen, &l) != TJG_OK)
		goto out;
	if (l.n > HTTP_MAX_PARTS)
		abort();
	for (i = 0; i < l.n; i++) {
		if (l.v[i].name == NULL || l.v[i].name[0] == '\0' ||
		    strlen(l.v[i].name) > HTTP_MAX_NAME ||
		    l.v[i].len > clen ||
		    (l.v[i].filename == NULL &&
		    !http_utf8_valid(l.v[i].data, l.v[i].len)) ||
		    (l.v[i].filename != NULL &&
		    !http_utf8_valid(l.v[i].filename,
		    strlen(l.v[i].filename))))
			abort();
		/* Every byte of the data must be readable. */
		memcpy(arena_alloc(&a, l.v[i].len), l.v[i].data, l.v[i].len);
	}
out:
	arena_reset(&a);
	return 0;
}
