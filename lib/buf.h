/*
 * Growable byte buffer, always NUL-terminated, for response bodies and
 * strings built piecewise. Owns its memory (malloc); buf_free releases it.
 */
#ifndef TJG_BUF_H
#define TJG_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*p;	/* NUL-terminated contents, or NULL before first use */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
/* Empties the buffer but keeps its memory. */
void	 buf_reset(struct buf *);
/* Makes room for n more bytes; aborts on out-of-memory. */
void	 buf_grow(struct buf *, size_t n);
void	 buf_add(struct buf *, const void *p, size_t n);
void	 buf_adds(struct buf *, const char *s);
void	 buf_addc(struct buf *, char c);
void	 buf_addf(struct buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vaddf(struct buf *, const char *fmt, va_list)
	    __attribute__((format(printf, 2, 0), nonnull(2)));
/* Returns the contents ("" if empty); valid until the next change. */
const char *buf_str(const struct buf *);

#endif
