/*
 * libFuzzer harness for address search: addr_query_parse and addr_norm on
 * the input as a C string, with the invariants of their results, and
 * addr_distance between the two.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena a;

/* Aborts unless s is normalised: [a-z0-9] words joined by single spaces. */
static void
check_norm(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == ' ') {
			if (i == 0 || s[i + 1] == ' ' || s[i + 1] == '\0')
				abort();
		} else if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct addr_query q;
	char pc[7], *s, *n;

	s = arena_strndup(&a, (const char *)data, size);
	n = addr_norm(&a, s);
	check_norm(n);
	if (strlen(n) > strlen(s) || strcmp(addr_norm(&a, n), n) != 0)
		abort();
	if (addr_query_parse(&a, s, &q) != TJG_OK)
		goto out;
	if (strlen(s) > ADDR_MAX_QUERY)
		abort();
	if (q.street == NULL && q.number == 0 && q.postcode[0] == '\0')
		abort();
	if (q.street != NULL) {
		if (q.street[0] == '\0')
			abort();
		check_norm(q.street);
		/* Only strings of up to 100 bytes are compared. */
		if (strlen(q.street) <= 100 &&
		    addr_distance(q.street, q.street, 0) != 0)
			abort();
	}
	if (q.number < 0 || q.number > 9999 ||
	    (q.littera != 0 && (q.littera < 'a' || q.littera > 'z')) ||
	    (q.littera != 0 && q.number == 0))
		abort();
	addr_postcode_fmt(q.postcode, pc);
	if (strlen(q.postcode) != (q.postcode[0] ? 5u : 0u) ||
	    strlen(pc) != (q.postcode[0] ? 6u : 0u))
		abort();
	if (addr_distance(n, q.street != NULL ? q.street : "", 3) > 4)
		abort();
out:
	arena_reset(&a);
	return 0;
}
