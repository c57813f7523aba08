/*
 * libFuzzer harness for personal identifiers as typed into the order
 * form: pnr_parse against a fixed today and phone_normalize, on the
 * input as a C string, with the invariants of their results (shape,
 * check digit, date not after today, round trips, idempotence).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "phone.h"
#include "pnr.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct pnr_date today = { 2025, 6, 15 };

/* Aborts unless why is one of the keys of pnr.h. */
static void
check_pnr_why(const char *why)
{
	static const char *const keys[] = {
		PNR_EFORMAT, PNR_ELETTERS, PNR_ECHECKSUM, PNR_EORG, PNR_EDATE,
		PNR_EFUTURE
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (why != NULL && strcmp(why, keys[i]) == 0)
			return;
	abort();
}

static int
two(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* Checks an accepted number and parses it again in its other forms. */
static void
check_pnr(const char out[13], bool samo)
{
	char again[13], ten[12];
	const char *why;
	bool s;
	int y, m, d;

	if (strlen(out) != 12 || strspn(out, "0123456789") != 12 ||
	    !pnr_luhn_ok(out + 2))
		abort();
	y = two(out) * 100 + two(out + 2);
	m = two(out + 4);
	d = two(out + 6);
	if (samo != (d > 60))
		abort();
	if (samo)
		d -= 60;
	if (m < 1 || m > 12 || d < 1 || d > 31 || y > today.y ||
	    (y == today.y && (m > today.m || (m == today.m && d > today.d))))
		abort();
	/* The 12 digits are a fixed point. */
	if (pnr_parse(out, &today, again, &s, &why) != TJG_OK ||
	    strcmp(again, out) != 0 || s != samo || why != NULL)
		abort();
	/* The 10-digit form with its separator gives the same century. */
	if (today.y - y >= 200)
		return;
	memcpy(ten, out + 2, 6);
	ten[6] = today.y - y >= 100 ? '+' : '-';
	memcpy(ten + 7, out + 8, 4);
	ten[11] = '\0';
	if (pnr_parse(ten, &today, again, &s, &why) != TJG_OK ||
	    strcmp(again, out) != 0 || s != samo)
		abort();
}

/* Checks an accepted phone number: E.164, and normalised already. */
static void
check_phone(const char out[17])
{
	char again[17];
	const char *why;
	size_t n = strlen(out);

	if (n < 9 || n > 16 || out[0] != '+' || out[1] == '0' ||
	    strspn(out + 1, "0123456789") != n - 1)
		abort();
	if (strncmp(out, "+46", 3) == 0 && (n < 9 || n > 13 || out[3] == '0'))
		abort();
	if (phone_normalize(out, again, &why) != TJG_OK ||
	    strcmp(again, out) != 0 || why != NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, out[13], tel[17];
	const char *why = "unset";
	bool samo = true;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (pnr_parse(s, &today, out, &samo, &why) == TJG_OK) {
		if (why != NULL)
			abort();
		check_pnr(out, samo);
	} else {
		if (out[0] != '\0' || samo)
			abort();
		check_pnr_why(why);
	}

	why = "unset";
	if (phone_normalize(s, tel, &why) == TJG_OK) {
		if (why != NULL)
			abort();
		check_phone(tel);
	} else if (tel[0] != '\0' || why == NULL ||
	    strncmp(why, "phone.", 6) != 0)
		abort();
	free(s);
	return 0;
}
