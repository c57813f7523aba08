/*
 * Demo data: a deterministic generator of a fictional city network with
 * areas, streets, addresses, outlets, providers and services, for the
 * local demo, the integration tests and the benchmarks. No real people
 * and no real companies.
 */
#ifndef TJG_DEMO_H
#define TJG_DEMO_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"

struct db;

#define DEMO_MAX_ADDRESSES	1000000

/*
 * Creates the network slug/name with naddresses addresses (1 up to
 * DEMO_MAX_ADDRESSES) and their outlets, four providers delivering in it
 * and their services, all in one transaction that is rolled back on any
 * failure. The same seed gives the same network (only the start dates of
 * planned outlets follow today's date). Provider slugs are suffixed with
 * the network slug, so several demo networks can share an installation.
 * Prints progress lines to progress unless it is NULL.
 *
 * Returns TJG_ECONFLICT if a network with slug exists, TJG_EINVAL for a
 * bad argument, or the database error. a is used for small allocations
 * that live as long as the caller's arena.
 */
int	 demo_load(struct db *db, struct arena *a, const char *slug,
	    const char *name, size_t naddresses, unsigned seed,
	    FILE *progress);

#endif
