/*
 * Unit tests: the per-request arena and the growable buffer.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "tap.h"

int
main(void)
{
	struct arena a;
	struct buf b;
	char *p, *q, *big;
	size_t i;

	arena_init(&a);
	p = arena_alloc(&a, 1);
	q = arena_alloc(&a, 1);
	ok(p != NULL && q != NULL && p != q, "two allocations differ");
	ok(((uintptr_t)p % 16) == 0 && ((uintptr_t)q % 16) == 0,
	    "allocations are 16-byte aligned");
	is_str(arena_strdup(&a, "hej"), "hej", "strdup copies");
	ok(arena_strdup(&a, NULL) == NULL, "strdup(NULL) is NULL");
	is_str(arena_strndup(&a, "abcdef", 3), "abc", "strndup stops at n");
	is_str(arena_printf(&a, "%d-%s", 42, "x"), "42-x", "printf formats");

	big = arena_alloc(&a, 1 << 20);
	memset(big, 'x', 1 << 20);
	ok(big[0] == 'x' && big[(1 << 20) - 1] == 'x',
	    "an allocation larger than a block works");
	for (i = 0; i < 10000; i++)
		arena_alloc(&a, 100);
	ok(a.used >= 10000 * 100, "used counts the bytes handed out");

	arena_reset(&a);
	is_int(a.used, 0, "reset forgets all allocations");
	ok(a.head != NULL, "reset keeps a block for reuse");
	q = arena_alloc(&a, 32);
	ok(q != NULL && a.used == 32, "the arena allocates again after reset");
	p = arena_calloc(&a, 8, 8);
	for (i = 0; i < 64 && p[i] == 0; i++)
		;
	is_int(i, 64, "calloc zero-fills");
	arena_free(&a);
	ok(a.head == NULL, "free releases everything");

	buf_init(&b);
	is_str(buf_str(&b), "", "an empty buffer reads as \"\"");
	buf_adds(&b, "ab");
	buf_addc(&b, 'c');
	buf_addf(&b, "%03d", 7);
	is_str(buf_str(&b), "abc007", "add, addc, addf append");
	is_int(b.len, 6, "len follows");
	for (i = 0; i < 5000; i++)
		buf_add(&b, "0123456789", 10);
	is_int(b.len, 50006, "buffer grows");
	ok(b.p[b.len] == '\0', "always NUL-terminated");
	buf_reset(&b);
	is_str(buf_str(&b), "", "reset empties");
	buf_free(&b);
	return done_testing();
}
