/*
 * Per-request arena: bump allocation in chained blocks, freed all at once.
 * Everything a handler allocates for one request lives here; the worker
 * calls arena_reset() after the response is finished.
 */
#ifndef TJG_ARENA_H
#define TJG_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block	*head;	/* block being filled; chain to older */
	size_t			 used;	/* bytes handed out since reset */
};

/* Prepares an empty arena; allocates nothing until the first use. */
void	 arena_init(struct arena *);

/* Releases every block. The arena may be used again afterwards. */
void	 arena_free(struct arena *);

/*
 * Forgets every allocation but keeps the first block for reuse, so a worker
 * in steady state does not call malloc per request.
 */
void	 arena_reset(struct arena *);

/*
 * Returns n bytes aligned for any type, owned by the arena; aborts on
 * out-of-memory, as there is nothing sensible a request can do then.
 */
void	*arena_alloc(struct arena *, size_t n);

/* Like arena_alloc, zero-filled; nmemb * size is checked for overflow. */
void	*arena_calloc(struct arena *, size_t nmemb, size_t size);

/* Copies s (NUL-terminated) into the arena. NULL stays NULL. */
/*
 * Room for one more element of size bytes in the array v, of which n are
 * used and *cap allocated: v itself, or a copy twice as large (at least
 * 16) when it is full. For building result lists in the arena.
 */
void	*arena_grow(struct arena *, void *v, size_t n, size_t *cap,
	    size_t size);

char	*arena_strdup(struct arena *, const char *s);

/* Copies n bytes of s and adds a NUL. */
char	*arena_strndup(struct arena *, const char *s, size_t n);

/* Formats into the arena. */
char	*arena_printf(struct arena *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
char	*arena_vprintf(struct arena *, const char *fmt, va_list)
	    __attribute__((format(printf, 2, 0)));

#endif
