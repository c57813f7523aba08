/*
 * Tests for lib/phone.c: Swedish numbers in the forms people type, +46
 * and 0046, "(0)", foreign numbers, lengths and what is refused.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "phone.h"
#include "tap.h"

static const char *const keys[] = {
	PHONE_EFORMAT, PHONE_ELETTERS, PHONE_ESHORT, PHONE_ELONG,
	PHONE_ETRUNK
};

static bool
is_key(const char *why)
{
	size_t i;

	for (i = 0; why != NULL && i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(why, keys[i]) == 0)
			return true;
	return false;
}

/*
 * Normalises in and compares with want (the E.164 result) or, for want
 * NULL, with a rejection for reason key. Prints what it got on mismatch.
 */
static bool
check(const char *in, const char *want, const char *key)
{
	char out[17];
	const char *why = "unset";
	int rc;

	memset(out, 'x', sizeof(out));
	rc = phone_normalize(in, out, &why);
	if (want != NULL && rc == TJG_OK && strcmp(out, want) == 0 &&
	    why == NULL)
		return true;
	if (want == NULL && rc == TJG_EINVAL && out[0] == '\0' &&
	    is_key(why) && strcmp(why, key) == 0)
		return true;
	printf("#   \"%s\": rc %d out \"%s\" why %s; want %s\n",
	    in ? in : "(null)", rc, rc == TJG_OK ? out : "",
	    why ? why : "(null)", want ? want : key);
	return false;
}

#define GOOD(in, want)	ok(check(in, want, NULL), "good: \"%s\"", in)
#define BAD(in, key)	ok(check(in, NULL, key), "bad: \"%s\" is %s", in, key)

static void
test_swedish(void)
{
	/* The forms in the brief. */
	GOOD("070-123 45 67", "+46701234567");
	GOOD("0701234567", "+46701234567");
	GOOD("+46 70 123 45 67", "+46701234567");
	GOOD("0046701234567", "+46701234567");
	GOOD("08-123 456 78", "+46812345678");
	GOOD("(08) 12 34 56", "+468123456");
	GOOD("+46 (0)70-1234567", "+46701234567");

	/* More of what people type. */
	GOOD("070 123 45 67", "+46701234567");
	GOOD("070-1234567", "+46701234567");
	GOOD("070.123.45.67", "+46701234567");
	GOOD("070/123 45 67", "+46701234567");
	GOOD("070 - 123 45 67", "+46701234567");
	GOOD("+46701234567", "+46701234567");
	GOOD("+46-70-123 45 67", "+46701234567");
	GOOD("+46(0)701234567", "+46701234567");
	GOOD("+46 (0) 70 123 45 67", "+46701234567");
	GOOD("0046 (0)70 123 45 67", "+46701234567");
	GOOD("00 46 70 123 45 67", "+46701234567");
	GOOD("+ 46 70 123 45 67", "+46701234567");
	GOOD("(070) 123 45 67", "+46701234567");
	GOOD("08-12 34 56", "+468123456");
	GOOD("031-12 34 56", "+4631123456");
	GOOD("0980-123 45", "+4698012345");
	GOOD("(0980) 123 45", "+4698012345");
	ok(check("  070-123 45 67 \t\r\n", "+46701234567", NULL),
	    "good: blanks around");
	GOOD("010-123 45 67", "+46101234567");
	GOOD("020-12 34 56", "+4620123456");

	/* Lengths of the national significant number: 6..10. */
	GOOD("08-123 45", "+46812345");
	GOOD("0812345", "+46812345");
	BAD("081234", PHONE_ESHORT);
	GOOD("+46 812 345", "+46812345");
	BAD("+46 81 234", PHONE_ESHORT);
	GOOD("07012345678", "+467012345678");
	BAD("070123456789", PHONE_ELONG);
	GOOD("+46 70 1234 5678", "+467012345678");
	BAD("+46 70 1234 56789", PHONE_ELONG);
	BAD("0", PHONE_ESHORT);
	BAD("+46", PHONE_ESHORT);
	BAD("0046", PHONE_ESHORT);

	/* A trunk 0 after +46 is an error, except written as "(0)". */
	BAD("+46 070 123 45 67", PHONE_ETRUNK);
	BAD("+460701234567", PHONE_ETRUNK);
	BAD("0046 070 123 45 67", PHONE_ETRUNK);
	BAD("+46 (0)070 123 45 67", PHONE_ETRUNK);
	BAD("+46 (0) 0 70 123 45 67", PHONE_ETRUNK);
	BAD("+46 (08) 123 456", PHONE_ETRUNK);

	/* "(0)" anywhere else is an ordinary digit. */
	GOOD("(0)70 123 45 67", "+46701234567");
	GOOD("+46 70 (0)1234567", "+467001234567");
}

static void
test_foreign(void)
{
	GOOD("+47 22 12 34 56", "+4722123456");
	GOOD("0047 22 12 34 56", "+4722123456");
	GOOD("+44 (0)20 7946 0000", "+442079460000");
	GOOD("+358 (0)9 123 4567", "+35891234567");
	GOOD("+1 (555) 010-0000", "+15550100000");
	GOOD("+49 30 1234567", "+49301234567");
	GOOD("+4930 1234567", "+49301234567");
	GOOD("+45 12345678", "+4512345678");
	GOOD("+1 555 0100", "+15550100");		/* 8 digits */
	BAD("+1 555 010", PHONE_ESHORT);		/* 7 */
	GOOD("+1 234 567 890 123 45", "+123456789012345");	/* 15 */
	BAD("+1 234 567 890 123 456", PHONE_ELONG);	/* 16 */
	GOOD("+4 1234567", "+41234567");	/* 4 but not 46 */
	GOOD("+47 0 12 34 56", "+470123456");	/* foreign 0s are kept */
	BAD("+0 12 34 56 78", PHONE_EFORMAT);
	BAD("000 12 34 56 78", PHONE_EFORMAT);
	BAD("+", PHONE_EFORMAT);
	BAD("00", PHONE_EFORMAT);
	GOOD("+1 (0)555 010 0000", "+15550100000");
	GOOD("+1 555 (0) 010 0000", "+155500100000");	/* not after cc */
}

static void
test_refused(void)
{
	char big[PHONE_MAX_INPUT + 2];

	BAD("070-CALL-NOW", PHONE_ELETTERS);
	BAD("070-123 45 67 ank 12", PHONE_ELETTERS);
	BAD("070 123 45 67 ext. 12", PHONE_ELETTERS);
	BAD("+46 70 123 45 6x", PHONE_ELETTERS);
	BAD("O70-123 45 67", PHONE_ELETTERS);
	BAD("tel: 070-123 45 67", PHONE_ELETTERS);
	BAD("", PHONE_EFORMAT);
	BAD("   ", PHONE_EFORMAT);
	BAD("-", PHONE_EFORMAT);
	BAD("701234567", PHONE_EFORMAT);	/* no trunk 0 */
	BAD("46701234567", PHONE_EFORMAT);	/* no + */
	BAD("++46701234567", PHONE_EFORMAT);
	BAD("070+1234567", PHONE_EFORMAT);
	BAD("070-123 45 67#", PHONE_EFORMAT);
	BAD("070,1234567", PHONE_EFORMAT);
	BAD("070_1234567", PHONE_EFORMAT);
	ok(check("070\t1234567", NULL, PHONE_EFORMAT), "bad: tab inside");
	BAD("070\xc2\xa0" "1234567", PHONE_EFORMAT);
	BAD("\xef\xbc\x90" "701234567", PHONE_EFORMAT);
	BAD("(08 12 34 56", PHONE_EFORMAT);
	BAD("08) 12 34 56", PHONE_EFORMAT);
	BAD("((08)) 12 34 56", PHONE_EFORMAT);
	BAD("() 08 12 34 56", PHONE_EFORMAT);
	GOOD("(08)(12) 34 56", "+468123456");

	/* Input length is bounded before anything else. */
	memset(big, ' ', sizeof(big));
	memcpy(big, "0701234567", 10);
	big[PHONE_MAX_INPUT] = '7';
	big[PHONE_MAX_INPUT + 1] = '\0';
	ok(check(big, NULL, PHONE_ELONG), "bad: 41 bytes");
	big[PHONE_MAX_INPUT] = '\0';
	big[PHONE_MAX_INPUT - 1] = '7';
	ok(check(big, "+467012345677", NULL), "good: 40 bytes");
	memset(big, '0', sizeof(big));
	big[PHONE_MAX_INPUT] = '\0';
	ok(check(big, NULL, PHONE_EFORMAT), "bad: 40 zeros (+0...)");
	memset(big, ' ', sizeof(big));
	big[0] = '0';
	big[1] = '8';
	memcpy(big + sizeof(big) - 7, "123456", 7);
	ok(check(big, NULL, PHONE_ELONG), "bad: 41 bytes, most of them "
	    "blanks inside");
	big[0] = ' ';
	big[1] = '0';
	big[2] = '8';
	ok(check(big, "+468123456", NULL), "good: 41 bytes, one around");

	ok(check(NULL, NULL, PHONE_EFORMAT), "bad: NULL");
	{
		char out[17];

		is_int(phone_normalize("0701234567", out, NULL), TJG_OK,
		    "why may be NULL");
		is_str(out, "+46701234567", "result with why NULL");
	}
}

int
main(void)
{
	test_swedish();
	test_foreign();
	test_refused();
	return done_testing();
}
