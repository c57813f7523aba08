/*
 * The console's store for the catalogue of a network: areas, addresses
 * and outlets as administrators see and change them, and the address
 * register imports (sql/003_address_import.sql). Every function is
 * limited to one network; an id of another network is TJG_ENOTFOUND.
 * Writes run in the caller's transaction, if any.
 */
#ifndef TJG_STORE_ADMIN_CATALOG_H
#define TJG_STORE_ADMIN_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "arena.h"
#include "import.h"

struct db;

/* Areas. */

struct area_row {
	long long	 id;
	const char	*name;
	const char	*code;		/* NULL: none */
	bool		 active;
	long long	 addresses;	/* addresses in the area */
};

/* The network's areas by name. */
int	store_area_list(struct db *, struct arena *, long long network,
	    struct area_row **out, size_t *n);
int	store_area_get(struct db *, struct arena *, long long network,
	    long long id, struct area_row *out);
/*
 * Whether another area of network than except (0: none) is called name
 * (case-insensitive, as the unique key compares) or has code (NULL: not
 * asked).
 */
int	store_area_taken(struct db *, long long network, long long except,
	    const char *name, const char *code, bool *name_taken,
	    bool *code_taken);
int	store_area_update(struct db *, long long network, long long id,
	    const char *name, const char *code, bool active);

/* Addresses. */

struct admin_address {
	long long	 id;
	long long	 area_id;	/* 0: in no area */
	const char	*area_name;	/* NULL: none */
	const char	*street, *littera, *postcode, *city;
	const char	*external_id;	/* NULL: none */
	int		 number;
	bool		 active;
	long long	 outlets;	/* its outlets */
	const char	*created_at, *updated_at;	/* UTC, SQL text */
};

struct address_filter {
	const char		*text;	/* raw search text, NULL: any */
	const struct addr_query	*q;	/* text read as an address, or NULL */
	long long		 area;	/* 0: any */
	bool			 inactive;	/* include inactive ones */
};

/*
 * The addresses of network matching f (the text as an address, or as an
 * external id), ordered by street, number and littera: limit of them
 * from offset, and the number of all that match in *total.
 */
int	store_address_admin_list(struct db *, struct arena *, long long network,
	    const struct address_filter *f, size_t offset, size_t limit,
	    struct admin_address **out, size_t *n, long long *total);
int	store_address_admin_get(struct db *, struct arena *, long long network,
	    long long id, struct admin_address *out);
/* Whether another address of network than except has external id ext. */
int	store_address_extid_taken(struct db *, long long network,
	    long long except, const char *ext, bool *taken);
/* Inserts x (street_norm derived from street); its id in *id. */
int	store_address_admin_insert(struct db *, struct arena *,
	    long long network, const struct admin_address *x, long long *id);
/* Saves every field of x, active included. */
int	store_address_admin_update(struct db *, struct arena *,
	    long long network, const struct admin_address *x);

/* Outlets. */

struct admin_outlet {
	long long	 id, address_id;
	const char	*code;
	const char	*apartment;	/* NULL: none */
	const char	*distinguisher;	/* NULL: none */
	const char	*status;	/* "active", "planned", "inactive" */
	const char	*active_from;	/* "YYYY-MM-DD" or NULL */
	long long	 orders;	/* orders that refer to it */
	/* Its address (store_outlet_admin_get). */
	const char	*street, *littera, *postcode, *city;
	int		 number;
};

/* The outlets of an address, by apartment and code. */
int	store_outlet_admin_list(struct db *, struct arena *, long long network,
	    long long address, struct admin_outlet **out, size_t *n);
int	store_outlet_admin_get(struct db *, struct arena *, long long network,
	    long long id, struct admin_outlet *out);
/*
 * Whether another outlet of network than except has code (any case),
 * and whether another outlet of address has apartment (NULL: not asked).
 */
int	store_outlet_taken(struct db *, long long network, long long except,
	    long long address, const char *code, const char *apartment,
	    bool *code_taken, bool *apartment_taken);
int	store_outlet_admin_insert(struct db *, long long network,
	    const struct admin_outlet *x, long long *id);
/* Saves code, apartment, distinguisher, status and active_from. */
int	store_outlet_admin_update(struct db *, long long network,
	    const struct admin_outlet *x);

/* Address register imports. */

struct import_rec {
	long long	 id;
	const char	*actor;		/* "user:alice", "cli:root" */
	const char	*filename;
	long long	 size;
	const char	*created_at;	/* UTC, SQL text */
	const char	*applied_at;	/* NULL: not applied */
	const char	*applied_by;
	long long	 addresses_added, addresses_changed, outlets_added,
			 outlets_changed, rows_unchanged, rows_rejected;
	const char	*content;	/* with_content only; may be NULL */
	size_t		 content_len;
};

/*
 * Stores a file (content may be NULL: tjgctl keeps none) with its
 * SHA-256 (32 bytes); its id in *id.
 */
int	store_import_save(struct db *, long long network, const char *actor,
	    long long user_id, const char *filename, const void *content,
	    size_t len, const unsigned char *sha256, long long *id);
int	store_import_get(struct db *, struct arena *, long long network,
	    long long id, bool with_content, struct import_rec *out);
/* The network's latest imports, newest first, without content. */
int	store_import_list(struct db *, struct arena *, long long network,
	    size_t limit, struct import_rec **out, size_t *n);
/*
 * Locks the import row for the transaction (FOR UPDATE) and tells
 * whether it has been applied. TJG_ENOTFOUND if no such import.
 */
int	store_import_lock(struct db *, long long network, long long id,
	    bool *applied);
/* Marks an import applied by actor, with the plan's counts. */
int	store_import_done(struct db *, long long id, const char *actor,
	    const struct import_plan *p);

/*
 * tjgctl: the id of the network slug, or with slug NULL of the only
 * network (TJG_ECONFLICT if there are several, TJG_ENOTFOUND if none).
 */
int	store_import_network(struct db *, const char *slug, long long *id);

/* The network's areas, addresses and outlets, for import_diff(). */
int	store_import_state(struct db *, struct arena *, long long network,
	    struct import_state *out);
/*
 * Writes the plan: the added addresses (their ids set in the plan) and
 * outlets, the changed ones. Call inside a transaction: a failure leaves
 * part written, so the caller must roll back. progress may be NULL.
 */
int	store_import_apply(struct db *, struct arena *, long long network,
	    struct import_plan *p, const struct import_progress *progress);

#endif
