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
	/*
	 * What every public page shows, so the dispatcher can keep it with
	 * the network (never NULL; "" when not set).
	 */
	const char	*version;	/* changes with every change of the
					 * network's look (digits) */
	int		 has_logo;
	const char	*contact_email, *contact_phone, *contact_url;
	const char	*footer_sv, *footer_en;
	const char	*landing_title_sv, *landing_title_en;
	const char	*landing_text_sv, *landing_text_en;
};

int	 store_network_by_slug(struct db *, struct arena *, const char *slug,
	    struct network *out);

/*
 * The network's colours as "#rrggbb" (primary, accent, text, background),
 * for /tema.css.
 */
int	 store_network_colours(struct db *, struct arena *, long long network,
	    const char *out[4]);

/*
 * The network's logo: *data (not NUL-terminated, in the arena), *len and
 * *ctype; TJG_ENOTFOUND when it has none.
 */
int	 store_network_logo(struct db *, struct arena *, long long network,
	    const char **data, size_t *len, const char **ctype);

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
/* An extra field of the order form; exactly one owner is non-zero. */
struct new_form_field {
	long long	 provider, network, service;
	const char	*key;		/* [a-z][a-z0-9_]* */
	const char	*label_sv, *label_en, *help_sv, *help_en;
	const char	*kind;		/* "text", "select", "checkbox", "date" */
	const char	*options;	/* select: one option per line */
	const char	*pattern;	/* text: extended regex, or NULL */
	int		 required, max_len, sort;
};
int	 store_form_field_insert(struct db *, const struct new_form_field *,
	    long long *id);

/* Makes service orderable in area (service_area). */
int	 store_service_area_add(struct db *, long long service, long long area);

/* store_order.c: the resident's journey, from outlet to order. */

struct outlet_view {
	long long	 id, address_id, area_id;
	const char	*code;
	const char	*apartment;	/* NULL for a single-outlet house */
	const char	*status;	/* "active", "planned", "inactive" */
	const char	*active_from;	/* "YYYY-MM-DD" or NULL */
	const char	*street, *littera, *postcode, *city;
	int		 number;
};

struct address_view {
	long long	 id;
	const char	*street, *littera, *postcode, *city;
	int		 number;
	struct outlet_view *outlets;	/* ordered by apartment */
	size_t		 noutlets;
};

struct service_view {
	long long	 id, provider_id;
	const char	*category;	/* "internet", "tv", "phone", "other" */
	const char	*name, *description;
	int		 down_mbps, up_mbps;
	long long	 monthly_ore, start_fee_ore;
	int		 binding_months, notice_months;
	const char	*campaign_kind;	/* "none", "percent", ... */
	long long	 campaign_value;
	int		 campaign_months;
	const char	*terms_url;	/* the service's, else the provider's */
	const char	*provider_name, *provider_email, *provider_phone,
			*provider_url;
	int		 requires_pnr, refuses_samordning;
	const char	*pnr_reason_sv, *pnr_reason_en;
	int		 sort;		/* the provider's order in a category */
};

struct form_field_view {
	long long	 id;
	const char	*key, *label_sv, *label_en, *help_sv, *help_en;
	const char	*kind;		/* "text", "select", "checkbox", "date" */
	const char	*options;	/* select: one option per line */
	const char	*pattern;	/* POSIX extended regex, or NULL */
	int		 required, max_len;
};

/* The address of network with its outlets; TJG_ENOTFOUND if none. */
int	 store_address_get(struct db *, struct arena *, long long network,
	    long long id, struct address_view *out);

/* The outlet with code (case-insensitive) in network, with its address. */
int	 store_outlet_by_code(struct db *, struct arena *, long long network,
	    const char *code, struct outlet_view *out);

/*
 * The active services orderable in network and area: of providers active
 * in the network, within their orderable window, and either not limited to
 * areas or listed for area, in no particular order.
 */
int	 store_services_for_area(struct db *, struct arena *, long long network,
	    long long area, struct service_view **out, size_t *n);

/* One service, only if orderable in network and area (else ENOTFOUND). */
int	 store_service_for_area(struct db *, struct arena *, long long network,
	    long long area, long long service, struct service_view *out);

/* Extra form fields of the network, the provider and the service. */
int	 store_form_fields(struct db *, struct arena *, long long network,
	    long long provider, long long service,
	    struct form_field_view **out, size_t *n);

struct new_order {
	const char		*ref;		/* 12 characters, [0-9A-Z] */
	long long		 network, area;
	const struct outlet_view *outlet;
	const struct service_view *service;
	const unsigned char	*status_token_hash;	/* 32 bytes */
	const unsigned char	*idem_hash;		/* 32 bytes */
	const char		*lang;
	const char		*desired_start;	/* "YYYY-MM-DD" or NULL */
	const void		*pii;		/* sealed blob */
	size_t			 pii_len;
	int			 pii_key_id;
	const unsigned char	*pnr_bidx;	/* 32 bytes or NULL */
	const unsigned char	*email_bidx;	/* 32 bytes */
	/* The confirmation mail, queued in the same transaction. */
	const char		*mail_to, *mail_subject, *mail_body;
	/*
	 * The per-address limit, counted in the same transaction so only
	 * orders that are stored count: the bucket (32 bytes; NULL for no
	 * limit, as tools loading data use), its window in seconds and the
	 * most orders allowed in it.
	 */
	const unsigned char	*rate_bucket;
	int			 rate_window, rate_limit;
};

/*
 * The provider's next feed sequence number, from its provider_feed row
 * bumped (which locks it): call inside the writing transaction, so
 * sequence numbers are commit-ordered and a feed reader can never skip an
 * order (AUTO_INCREMENT could commit out of order). Every change that must
 * reappear in the provider's feed takes its number here.
 */
int	 store_feed_next_seq(struct db *, long long provider, long long *seq);

/*
 * Stores the order in one transaction: a hit on the address's rate
 * bucket, the next feed sequence number of the provider, the order row,
 * the "created" event and the confirmation mail. TJG_ERATE when the
 * bucket is past its limit, TJG_ECONFLICT when the reference or the
 * idempotency key is taken (nothing is stored then, nor counted).
 */
int	 store_order_insert(struct db *, const struct new_order *,
	    long long *id);

struct order_view {
	long long	 id, network_id, provider_id, service_id;
	const char	*ref, *status, *lang;
	const char	*service_name;
	const char	*provider_name, *provider_email, *provider_phone,
			*provider_url;
	const char	*external_message, *provider_reference;
	const char	*created_at, *updated_at;	/* UTC, SQL format */
	const char	*street, *littera, *postcode, *city, *apartment;
	const char	*outlet_code;
	int		 number;
	int		 erased;
};

/* The order whose status token hashes to hash (32 bytes), of network. */
int	 store_order_by_token(struct db *, struct arena *, long long network,
	    const unsigned char *hash, struct order_view *out);

/* The reference of the order created with this idempotency key. */
int	 store_order_ref_by_idem(struct db *, struct arena *,
	    const unsigned char *idem, const char **ref);

/*
 * Moves order id from status from to status to in one transaction: the
 * order row (final_at for final states), a new feed sequence number and
 * an event of kind "to" by actor ("resident", "provider", "admin",
 * "system"). TJG_ECONFLICT if the order is no longer in status from.
 */
int	 store_order_transition(struct db *, long long id, const char *from,
	    const char *to, const char *actor, long long actor_id,
	    const char *note);

/*
 * store_order_transition() inside the caller's transaction, for callers
 * that write more in it (the console's audit). The caller rolls back on
 * an error.
 */
int	 store_order_move(struct db *, long long id, const char *from,
	    const char *to, const char *actor, long long actor_id,
	    const char *note);

/*
 * Erases the personal data of order id in one transaction: the order
 * locked FOR UPDATE; pii, its key id, the blind indexes, the outlet, the
 * provider reference and the external message cleared; erased_at set; a
 * new feed sequence number from the provider's counter row (locked FOR
 * UPDATE), so the order reappears in the feed with its erasure marker;
 * and an "erased" event by actor ("resident", "admin", "system", ...;
 * actor_id 0 for none). An order erased before is left alone (TJG_OK,
 * nothing written). TJG_ENOTFOUND if there is no order id.
 */
int	 store_order_erase(struct db *, long long id, const char *actor,
	    long long actor_id);

/*
 * store_order_erase() inside the caller's transaction, for callers that
 * write more in it (a data-subject request, its audit). The caller rolls
 * back on an error.
 */
int	 store_order_erase_in(struct db *, long long id, const char *actor,
	    long long actor_id);

/*
 * Counts one hit in the fixed window of window_s seconds of bucket (a
 * 32-byte hash) and returns the hits so far in *count.
 */
int	 store_rate_hit(struct db *, const unsigned char *bucket,
	    int window_s, long long *count);

/* The network's contact details for residents. */
struct network_contact {
	const char	*name, *email, *phone, *url;
};
int	 store_network_contact(struct db *, struct arena *, long long network,
	    struct network_contact *out);

#endif
