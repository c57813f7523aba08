/*
 * Volume reports: the SQL. The counts come from the anonymous columns of
 * orders only (network, provider, service, status, created_at,
 * final_at), which the retention purge and the resident's erasure leave
 * as they are, so an erased order counts as any other. Names come from
 * the catalogue (provider, service). All SQL of the reports is in
 * store_report.c.
 */
#ifndef TJG_STORE_REPORT_H
#define TJG_STORE_REPORT_H

#include <stddef.h>

#include "arena.h"

struct db;
struct report;

/* A provider delivering in the network: the choices of the filter. */
struct report_choice {
	long long	 id;
	const char	*slug, *name;
};

/*
 * The providers of network (provider_network, active or not: an order
 * keeps its provider's link), by name.
 */
int	 store_report_providers(struct db *, struct arena *, long long network,
	    struct report_choice **out, size_t *n);

/*
 * For tjgctl: the network with slug, or with slug NULL the only one.
 * TJG_ENOTFOUND if there is no such network, TJG_ECONFLICT if slug is
 * NULL and there are several. *slug_out is in the arena.
 */
int	 store_report_network(struct db *, struct arena *, const char *slug,
	    long long *id, const char **slug_out);

/*
 * Fills r (report_init'ed, empty) with the catalogue of network's
 * providers (provider 0: all, else that one) and the counts of its
 * orders in r's year (doc/reports.md). Three statements: call it inside
 * a transaction so that they see one snapshot.
 */
int	 store_report_volumes(struct db *, struct report *r, long long network,
	    long long provider);

#endif
