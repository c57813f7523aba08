/*
 * A minimal TAP producer for the unit tests: ok(), is_int(), is_str(),
 * done_testing(). Header-only; each test program includes it once.
 */
#ifndef TJG_TAP_H
#define TJG_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("#   Failed at %s line %d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

#define ok(cond, ...)	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (!ok(g_ == w_, __VA_ARGS__))					\
		printf("#   got %lld, want %lld\n", g_, w_);		\
} while (0)

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = (g_ == NULL && w_ == NULL) ||			\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0);		\
	if (!ok(same_, __VA_ARGS__))					\
		printf("#   got \"%s\", want \"%s\"\n",			\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

#define has_str(hay, needle, ...) do {					\
	const char *h_ = (hay), *n_ = (needle);				\
	if (!ok(h_ != NULL && strstr(h_, n_) != NULL, __VA_ARGS__))	\
		printf("#   \"%s\" not found\n", n_);			\
} while (0)

#define lacks_str(hay, needle, ...) do {				\
	const char *h_ = (hay), *n_ = (needle);				\
	if (!ok(h_ != NULL && strstr(h_, n_) == NULL, __VA_ARGS__))	\
		printf("#   \"%s\" found\n", n_);			\
} while (0)

/* Prints the plan and returns the exit status for main(). */
/* How many times needle occurs in hay (not overlapping). */
static inline int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
