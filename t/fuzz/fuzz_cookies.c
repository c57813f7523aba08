/*
 * libFuzzer harness for Cookie headers: http_parse_cookies over the input
 * as a C string, checking the limit, unique names and UTF-8 values.
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
	struct kvlist l;
	size_t i, j;
	char *h;

	h = arena_strndup(&a, (const char *)data, size);
	if (http_parse_cookies(&a, h, &l) != TJG_OK)
		goto out;
	if (l.n > HTTP_MAX_COOKIES)
		abort();
	for (i = 0; i < l.n; i++) {
		if (l.v[i].name[0] == '\0' ||
		    strlen(l.v[i].name) > HTTP_MAX_NAME ||
		    strpbrk(l.v[i].name, " \t;=\"") != NULL ||
		    strlen(l.v[i].value) != l.v[i].len ||
		    strchr(l.v[i].value, ';') != NULL ||
		    !http_utf8_valid(l.v[i].value, l.v[i].len))
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(l.v[i].name, l.v[j].name) == 0)
				abort();
	}
out:
	arena_reset(&a);
	return 0;
}
