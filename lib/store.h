/*
 * The stores: every SQL statement of the application lives in a
 * lib/store_*.c module (and lib/db*.c), as a named static string bound
 * with parameters. Results are copied into the caller's arena.
 * All functions return TJG_OK or an error code (TJG_ENOTFOUND when a
 * looked-up row does not exist, TJG_EUNAVAIL when the database is down).
 */
#ifndef TJG_STORE_H
#define TJG_STORE_H

#include <stddef.h>

#include "addr.h"
#include "arena.h"

struct db;

/* store_network.c */

struct network {
	long long	 id;
	const char	*slug;
	const char	*name;
};

int	 store_network_by_slug(struct db *, struct arena *, const char *slug,
	    struct network *out);

/* store_address.c */

struct outlet_hit {
	long long	 id;
	const char	*code;		/* outlet code printed on the socket */
	const char	*apartment;	/* lägenhetsnummer (4 digits) or NULL */
	const char	*status;	/* "active", "planned", "inactive" */
};

struct address_hit {
	long long	 id;
	const char	*street;
	int		 number;
	const char	*littera;	/* "" if none */
	const char	*postcode;	/* 5 digits */
	const char	*city;
	struct outlet_hit *outlets;
	size_t		 noutlets;
};

/*
 * Addresses of network matching q, at most limit, each with its outlets.
 * The street matches by prefix of the normalised name; number, littera and
 * postcode, when given, must match. Ordered by street, number, littera.
 */
int	 store_address_search(struct db *, struct arena *, long long network,
	    const struct addr_query *q, size_t limit, struct address_hit **out,
	    size_t *n);

/*
 * The distinct normalised street names of network, for typo-tolerant
 * matching when the prefix search found nothing.
 */
int	 store_street_names(struct db *, struct arena *, long long network,
	    const char ***out, size_t *n);

/* store_catalog.c: inserts used by the demo loader and imports. */

struct new_network {
	const char	*slug, *name, *contact_email, *contact_phone;
	/* Added for 001_init.sql; NULL leaves the column's default. */
	const char	*legal_name;	/* the controller on the privacy page */
	const char	*org_number;	/* "NNNNNN-NNNN" or NULL */
	const char	*contact_url;	/* network's page about the outlet */
	const char	*landing_title_sv, *landing_title_en;
	const char	*landing_text_sv, *landing_text_en;
};
struct new_area {
	long long	 network;
	const char	*name;
	const char	*code;		/* added: short code or NULL */
};
struct new_address {
	long long	 network, area;	/* area 0: in no area (added note) */
	const char	*street;	/* as written; street_norm is derived */
	int		 number;
	const char	*littera;	/* "" or one letter */
	const char	*postcode;	/* 5 digits */
	const char	*city;
	const char	*external_id;
};
struct new_outlet {
	long long	 address;
	long long	 network;	/* added: network of the address */
	const char	*code;
	const char	*apartment;	/* NULL for a single-outlet house */
	const char	*status;	/* "active", "planned", "inactive" */
	const char	*active_from;	/* "YYYY-MM-DD" for planned, or NULL */
	const char	*distinguisher;	/* added: ON-API mduDistinguisher */
};
struct new_provider {
	const char	*slug, *name, *org_number, *email, *phone, *terms_url;
	int		 requires_pnr, refuses_samordning;
	/* Added for 001_init.sql; NULL leaves the column's default. */
	const char	*legal_name, *url, *privacy_url;
	const char	*pnr_reason_sv, *pnr_reason_en;	/* why pnr is asked */
};
struct new_service {
	long long	 provider;
	const char	*category;	/* "internet", "tv", "phone", "other" */
	const char	*name;
	int		 down_mbps, up_mbps;	/* 0 if not applicable */
	long long	 monthly_ore, start_fee_ore;
	int		 binding_months, notice_months;
	/* Added for 001_init.sql. */
	const char	*description;	/* or NULL */
	const char	*external_code;	/* provider's product code, or NULL */
	const char	*campaign_kind;	/* NULL, "none", "percent", "amount",
					 * "fixed" */
	long long	 campaign_value; /* percent, or öre (see service) */
	int		 campaign_months;
	int		 limited_to_areas; /* 1: only in service_area areas */
	int		 sort;		/* order within the category */
};

/*
 * The insert functions return the new row's id in *id (id may be NULL)
 * and TJG_ECONFLICT when a unique key (slug, code, ...) is taken. They
 * run inside the caller's transaction, if any.
 */
int	 store_network_insert(struct db *, const struct new_network *,
	    long long *id);
/* Sets *exists to whether a network with slug exists. */
int	 store_network_exists(struct db *, const char *slug, int *exists);
int	 store_area_insert(struct db *, const struct new_area *, long long *id);
/* Derives street_norm with addr_norm(), allocated in the arena. */
int	 store_address_insert(struct db *, struct arena *,
	    const struct new_address *, long long *id);
int	 store_outlet_insert(struct db *, const struct new_outlet *,
	    long long *id);
/*
 * Also creates the provider's feed counter (provider_feed); call it in a
 * transaction so that both rows or neither are written.
 */
int	 store_provider_insert(struct db *, const struct new_provider *,
	    long long *id);
/* Lets provider deliver in network (provider_network). */
int	 store_provider_network_add(struct db *, long long provider,
	    long long network);
int	 store_service_insert(struct db *, const struct new_service *,
	    long long *id);
/* Makes service orderable in area (service_area). */
int	 store_service_area_add(struct db *, long long service, long long area);

#endif
