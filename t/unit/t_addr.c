/*
 * Tests for lib/addr.c: street normalisation, reading address queries,
 * the bounded edit distance and postcode formatting.
 */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "err.h"
#include "tap.h"

static struct arena A;

#define NORM(in, want)	is_str(addr_norm(&A, in), want, "norm: %s", want)

static void
test_norm(void)
{
	NORM("Stora Nygatan", "stora nygatan");
	NORM("\xc3\x96stra L\xc3\xa5nggatan", "ostra langgatan");
	NORM("\xc3\x85\xc3\x84\xc3\x96 \xc3\xa5\xc3\xa4\xc3\xb6", "aao aao");
	NORM("\xc3\xa0\xc3\xa1\xc3\xa2\xc3\xa3\xc3\xa4\xc3\xa5", "aaaaaa");
	NORM("\xc3\x80\xc3\x81\xc3\x82\xc3\x83\xc3\x84\xc3\x85", "aaaaaa");
	NORM("\xc3\xb6\xc3\xb2\xc3\xb3\xc3\xb4\xc3\xb5\xc3\xb8", "oooooo");
	NORM("\xc3\x96\xc3\x92\xc3\x93\xc3\x94\xc3\x95\xc3\x98", "oooooo");
	NORM("\xc3\xa9\xc3\xa8\xc3\xaa\xc3\xab", "eeee");
	NORM("\xc3\x89\xc3\x88\xc3\x8a\xc3\x8b", "eeee");
	NORM("\xc3\xbc\xc3\xba\xc3\xb9\xc3\xbb", "uuuu");
	NORM("\xc3\x9c\xc3\x9a\xc3\x99\xc3\x9b", "uuuu");
	NORM("\xc3\xad\xc3\xac\xc3\xae\xc3\xaf", "iiii");
	NORM("\xc3\x8d\xc3\x8c\xc3\x8e\xc3\x8f", "iiii");
	NORM("\xc3\xa7\xc3\x87", "cc");
	NORM("\xc3\xb1\xc3\x91", "nn");
	NORM("Stra\xc3\x9f" "e", "strasse");
	NORM("STRA\xe1\xba\x9e" "E", "strasse");
	NORM("\xc3\xa6\xc3\x86", "aeae");
	NORM("\xc3\xbf\xc3\xbd", "yy");
	NORM("a\xc3\x97" "b\xc3\xb7" "c", "abc");
	NORM("a\xcc\x8a", "a");			/* decomposed å */
	NORM("\xc5\x81\xc3\xb3" "d\xc5\xba", "od");	/* no fold: removed */
	NORM("Gr\xc3\xb6na v\xc3\xa4gen \xe2\x82\xac", "grona vagen");

	NORM("S:t Eriksgatan", "st eriksgatan");
	NORM("Karl-Johansgatan", "karl johansgatan");
	NORM("a - b", "a b");
	NORM("a--b", "a b");
	NORM("  a    b  ", "a b");
	NORM("-a-", "a");
	NORM("Storg.", "storg");
	NORM("Gata 12B", "gata 12b");
	NORM("1:a L\xc3\xa5nggatan", "1a langgatan");
	NORM("O'Brien (g\xc3\xa5ta)", "obrien gata");
	NORM("a\tb", "ab");
	NORM("a, b", "a b");
	NORM("a\xff" "b\xc3", "ab");		/* invalid bytes dropped */
	NORM("", "");
	NORM("!!! ... ---", "");
	NORM("\xc3\x9f\xc3\x9f\xc3\x9f", "ssssss");
	ok(addr_norm(&A, NULL) == NULL, "norm: NULL");
}

static struct addr_query Q;

static int
parse(const char *q)
{
	return addr_query_parse(&A, q, &Q);
}

/* Checks a parsed query against expected street/number/littera/postcode. */
static void
check(const char *q, const char *street, int number, char littera,
    const char *postcode)
{
	int rc = parse(q);

	is_int(rc, TJG_OK, "query: \"%s\" accepted", q);
	if (rc != TJG_OK)
		return;
	is_str(Q.street, street, "query: \"%s\" street", q);
	is_int(Q.number, number, "query: \"%s\" number", q);
	is_int(Q.littera, littera, "query: \"%s\" littera", q);
	is_str(Q.postcode, postcode, "query: \"%s\" postcode", q);
}

static void
test_query(void)
{
	char q[ADDR_MAX_QUERY + 2];
	size_t i;

	check("Storg. 12b", "storg", 12, 'b', "");
	check("Storg.12b", "storg", 12, 'b', "");
	check("St.Eriksgatan 5.", "st eriksgatan", 5, 0, "");
	check("Storgatan 12.b", "storgatan", 12, 0, "");
	check("storgatan 12 B", "storgatan", 12, 'b', "");
	check("Storgatan 12B, 123 45", "storgatan", 12, 'b', "12345");
	check("Storgatan 12 b 12345", "storgatan", 12, 'b', "12345");
	check("12345", NULL, 0, 0, "12345");
	check("123 45", NULL, 0, 0, "12345");
	check("\xc3\x96stra L\xc3\xa5nggatan 3", "ostra langgatan", 3, 0, "");
	check("S:t Eriksgatan 5", "st eriksgatan", 5, 0, "");
	check("Storgatan", "storgatan", 0, 0, "");
	check("12", NULL, 12, 0, "");
	check("12b", NULL, 12, 'b', "");
	check("12 B", NULL, 12, 'b', "");

	check("  Storgatan   12  b  ", "storgatan", 12, 'b', "");
	check("Storgatan 12, b", "storgatan", 12, 0, "");
	check("Storgatan 12 bc", "storgatan", 12, 0, "");
	check("Storgatan 12b c", "storgatan", 12, 'b', "");
	check("Storgatan 12, 123 45 Malm\xc3\xb6", "storgatan", 12, 0, "12345");
	check("Storgatan 12, 123, 45", "storgatan", 12, 0, "");
	check("12345 Storgatan 3", "storgatan", 3, 0, "12345");
	check("Storgatan 9999", "storgatan", 9999, 0, "");
	check("Storgatan 0012", "storgatan", 12, 0, "");
	check("Storgatan 99999", "storgatan", 0, 0, "99999");
	check("Storgatan 123 45", "storgatan", 0, 0, "12345");
	check("1:a L\xc3\xa5nggatan 5", "1a langgatan", 5, 0, "");
	check("\xc3\x96. L\xc3\xa5ngg. 3 A", "o langg", 3, 'a', "");
	check("12 Storgatan", "storgatan", 12, 0, "");
	check("12 b Storgatan", "storgatan", 12, 'b', "");
	check("Karl-Johansgatan 1", "karl johansgatan", 1, 0, "");
	check("Storgatan\t7", "storgatan", 7, 0, "");
	check("!!! 7", NULL, 7, 0, "");
	check("Storgatan 12\xc3\xa5", "storgatan 12a", 0, 0, "");

	is_int(parse(""), TJG_EINVAL, "query: empty");
	is_int(parse("   "), TJG_EINVAL, "query: blanks");
	is_int(parse(" , ,"), TJG_EINVAL, "query: commas");
	is_int(parse("!!! ..."), TJG_EINVAL, "query: punctuation only");
	is_int(parse("Storgatan 0"), TJG_EINVAL, "query: number 0");
	is_int(parse("0"), TJG_EINVAL, "query: lone 0");
	is_int(parse("Storgatan 123456, 123 45"), TJG_EINVAL,
	    "query: 6-digit number");
	ok(Q.street == NULL && Q.postcode[0] == '\0', "query: nothing kept");
	is_int(parse("Storgatan 10000b"), TJG_EINVAL, "query: 5-digit number");
	is_int(parse("Storg\xff"), TJG_EINVAL, "query: invalid UTF-8");
	is_int(parse("Storg\xc0\xae"), TJG_EINVAL, "query: overlong");
	is_int(parse("\xed\xa0\x80"), TJG_EINVAL, "query: surrogate");
	is_int(addr_query_parse(&A, NULL, &Q), TJG_EINVAL, "query: NULL");
	ok(Q.street == NULL && Q.number == 0 && Q.postcode[0] == '\0',
	    "query: cleared on error");

	memset(q, 'a', ADDR_MAX_QUERY);
	q[ADDR_MAX_QUERY] = '\0';
	is_int(parse(q), TJG_OK, "query: at ADDR_MAX_QUERY bytes");
	is_int(strlen(Q.street), ADDR_MAX_QUERY, "query: long street kept");
	q[ADDR_MAX_QUERY] = 'a';
	q[ADDR_MAX_QUERY + 1] = '\0';
	is_int(parse(q), TJG_EINVAL, "query: one byte past the limit");
	for (i = 0; i < ADDR_MAX_QUERY; i += 2)
		memcpy(q + i, "1 ", 2);
	q[ADDR_MAX_QUERY] = '\0';
	is_int(parse(q), TJG_OK, "query: most words possible");
	is_int(Q.number, 1, "query: first of many numbers");
}

static void
test_distance(void)
{
	static const char alpha[] = "abcs";
	char x[12], y[12], big[102];
	int i, j, k, d, full, bad = 0;

	is_int(addr_distance("storgatan", "storgatan", 2), 0, "dist: equal");
	is_int(addr_distance("", "", 0), 0, "dist: empty");
	is_int(addr_distance("", "abc", 5), 3, "dist: insertions");
	is_int(addr_distance("abc", "", 5), 3, "dist: deletions");
	is_int(addr_distance("kitten", "sitting", 5), 3, "dist: kitten");
	is_int(addr_distance("storgatan", "stogratan", 2), 1,
	    "dist: transposition is one edit");
	is_int(addr_distance("ab", "ba", 2), 1, "dist: ab/ba");
	is_int(addr_distance("ca", "abc", 5), 3,
	    "dist: optimal alignment, not full Damerau (2)");
	is_int(addr_distance("storgatan", "storgtan", 2), 1, "dist: deletion");
	is_int(addr_distance("storgatan", "storgaatan", 2), 1,
	    "dist: insertion");
	is_int(addr_distance("storgatan", "storgatom", 2), 2,
	    "dist: at max");
	is_int(addr_distance("kitten", "sitting", 2), 3, "dist: over max");
	is_int(addr_distance("kitten", "sitting", 3), 3, "dist: exactly max");
	is_int(addr_distance("a", "abcdef", 2), 3, "dist: length gap");
	is_int(addr_distance("abcdef", "uvwxyz", 1), 2, "dist: early exit");
	is_int(addr_distance("abc", "abd", 0), 1, "dist: max 0, differ");
	is_int(addr_distance("abc", "abc", 0), 0, "dist: max 0, equal");
	is_int(addr_distance("abc", "abc", -1), 0, "dist: negative max");
	is_int(addr_distance(NULL, "ab", 5), 2, "dist: NULL is empty");
	is_int(addr_distance("a", "b", 2147483647), 1, "dist: INT_MAX max");

	memset(big, 'a', 100);
	big[100] = '\0';
	is_int(addr_distance(big, big, 3), 0, "dist: 100 bytes");
	big[100] = 'a';
	big[101] = '\0';
	is_int(addr_distance(big, big, 3), 4, "dist: 101 bytes is max+1");
	is_int(addr_distance(big, big + 1, 3), 4, "dist: 101 against 100");
	is_int(addr_distance(big + 1, big, 3), 4, "dist: 100 against 101");
	is_int(addr_distance("a", big, 2147483647), 2147483647,
	    "dist: too long with INT_MAX max");

	/* The early exit never changes an answer within max. */
	srand(1);
	for (i = 0; i < 3000; i++) {
		for (j = 0, k = rand() % 10; j < k; j++)
			x[j] = alpha[rand() % 4];
		x[k] = '\0';
		for (j = 0, k = rand() % 10; j < k; j++)
			y[j] = alpha[rand() % 4];
		y[k] = '\0';
		full = addr_distance(x, y, 100);
		for (k = 0; k < 6; k++) {
			d = addr_distance(x, y, k);
			if (d != (full <= k ? full : k + 1))
				bad++;
		}
		if (full != addr_distance(y, x, 100))
			bad++;
	}
	is_int(bad, 0, "dist: bounded agrees with unbounded, symmetric");
}

static void
test_postcode(void)
{
	char out[7];

	addr_postcode_fmt("12345", out);
	is_str(out, "123 45", "postcode: formatted");
	addr_postcode_fmt("1234", out);
	is_str(out, "", "postcode: 4 digits");
	addr_postcode_fmt("123456", out);
	is_str(out, "", "postcode: 6 digits");
	addr_postcode_fmt("12a45", out);
	is_str(out, "", "postcode: letter");
	addr_postcode_fmt("", out);
	is_str(out, "", "postcode: empty");
	addr_postcode_fmt(NULL, out);
	is_str(out, "", "postcode: NULL");
	if (parse("Storgatan 1, 211 20") == TJG_OK)
		addr_postcode_fmt(Q.postcode, out);
	is_str(out, "211 20", "postcode: from a query");
}

int
main(void)
{
	arena_init(&A);
	test_norm();
	test_query();
	test_distance();
	test_postcode();
	arena_free(&A);
	return done_testing();
}
