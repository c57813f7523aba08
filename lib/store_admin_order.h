/*
 * The console's orders: the filtered list, one order with its log, and
 * what the order pages write (the log entry of a showing of personal
 * data, a status change, a resent confirmation). Every statement names
 * the network, and for a provider user its provider, so an order of
 * another network or provider is never read: it is "not found".
 *
 * Also the small pure helpers of the order pages (dates of the filter,
 * references, the next states), unit tested in t/unit/t_admin_order.c.
 */
#ifndef TJG_STORE_ADMIN_ORDER_H
#define TJG_STORE_ADMIN_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "arena.h"

struct db;

#define ADMIN_ORDERS_PAGE	50	/* orders on a page of the list */
#define ADMIN_COMMENT_MAX	1000	/* characters of a status comment */
#define ADMIN_UTC_LEN		20	/* "YYYY-MM-DD HH:MM:SS" and NUL */

/* What the list is narrowed to; zero or NULL members match anything. */
struct admin_order_filter {
	long long	 network;
	long long	 own_provider;	/* a provider user's provider */
	const char	*status;	/* "new", "received", ... */
	long long	 provider, service;
	const char	*from, *to;	/* created_at in [from, to), UTC */
	const char	*ref;		/* start of the reference, upper case */
	const struct addr_query *addr;	/* addr_query_parse() of the text */
};

struct admin_order_row {
	const char	*ref;
	const char	*created;	/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char	*provider, *service, *status;
	const char	*street, *littera;	/* street NULL once erased */
	const char	*apartment;		/* NULL in a house */
	int		 number;
	bool		 fetched, erased;
};

/*
 * One page of the orders matching f, newest first: at most limit rows
 * from offset, in *out (the arena), and the number of all matching
 * orders in *total.
 */
int	 store_admin_orders(struct db *, struct arena *,
	    const struct admin_order_filter *f, long long offset,
	    size_t limit, struct admin_order_row **out, size_t *n,
	    long long *total);

/* A choice of a filter's select: a provider, or a service of one. */
struct admin_choice {
	long long	 id;
	const char	*name;
	const char	*provider;	/* services: the provider's name */
};

/* The providers that deliver, or delivered, in network, by name. */
int	 store_admin_order_providers(struct db *, struct arena *,
	    long long network, struct admin_choice **out, size_t *n);

/*
 * The services of those providers (only own_provider's when it is not
 * 0), by provider and name, inactive ones too: old orders refer to them.
 */
int	 store_admin_order_services(struct db *, struct arena *,
	    long long network, long long own_provider,
	    struct admin_choice **out, size_t *n);

/* One order as the console shows it: times UTC, NULL when not yet. */
struct admin_order {
	long long	 id, provider_id, service_id, feed_seq;
	const char	*ref, *status, *lang;
	const char	*provider_name, *provider_email, *provider_phone;
	/* The terms as ordered. */
	const char	*service_name, *campaign_kind;
	long long	 monthly_ore, start_fee_ore, campaign_value;
	int		 binding_months, notice_months, campaign_months;
	const char	*desired_start;		/* "YYYY-MM-DD" */
	/* From the provider's status reports. */
	const char	*status_date;		/* "YYYY-MM-DD" */
	const char	*provider_reference, *external_message;
	const char	*created, *updated, *fetched, *final, *erased;
	/* The outlet: street NULL once the order is erased. */
	const char	*street, *littera, *postcode, *city;
	const char	*apartment, *outlet_code, *distinguisher;
	int		 number;
};

/*
 * The order ref of network, and of own_provider when that is not 0;
 * TJG_ENOTFOUND otherwise.
 */
int	 store_admin_order_get(struct db *, struct arena *, long long network,
	    long long own_provider, const char *ref, struct admin_order *out);

struct admin_order_event {
	const char	*kind;		/* order_event.kind */
	const char	*actor;		/* "resident", "provider", ... */
	const char	*at;		/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char	*note;		/* or NULL */
	const char	*username;	/* console user, when known; or NULL */
};

/*
 * The whole log of order id (of provider), oldest first. For staff
 * (staff true) every note and the user names of staff and provider users;
 * for a provider user, as its API log, only the notes of provider
 * events, and the names of its own provider's users.
 */
int	 store_admin_order_log(struct db *, struct arena *, long long id,
	    long long provider, bool staff, struct admin_order_event **out,
	    size_t *n);

/*
 * The sealed personal data of order id, copied into the arena; *pii is
 * NULL once erased. With lock, the row is locked FOR UPDATE (inside the
 * caller's transaction) so that it cannot be erased meanwhile.
 */
int	 store_admin_order_pii(struct db *, struct arena *, long long id,
	    bool lock, const void **pii, size_t *len);

/*
 * Adds an entry to the log of order id: kind of order_event, actor
 * "admin" or "provider" with the console user's id, note NULL or no
 * personal data. Runs in the caller's transaction, if any.
 */
int	 store_admin_order_event(struct db *, long long id, const char *kind,
	    const char *actor, long long user_id, const char *note);

/*
 * Replaces the hash of the status link of order id (32 bytes), for a
 * resent confirmation with a new link; TJG_ECONFLICT once erased.
 */
int	 store_admin_order_set_token(struct db *, long long id,
	    const unsigned char *hash);

/* Pure helpers. */

/*
 * The start of day (local "YYYY-MM-DD", a real date) plus add days, in
 * the process's time zone (TZ; the worker runs in Europe/Stockholm), as
 * UTC "YYYY-MM-DD HH:MM:SS". false for anything but such a date.
 */
bool	 admin_day_utc(const char *day, int add, char out[ADMIN_UTC_LEN]);

/*
 * UTC "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD HH:MM" in local time, with
 * the same precision; utc itself if it is not such a time.
 */
const char *admin_local_time(struct arena *, const char *utc);

/*
 * A typed reference: spaces and '-' dropped, upper case; true if 1..12 of
 * the characters of a reference remain (out then holds them).
 */
bool	 admin_ref_norm(const char *in, char out[13]);

/* True for a status of orders.status. */
bool	 admin_status_ok(const char *s);

/*
 * The statuses order from may move to in the console (the API's state
 * machine, feed_transition_ok()), in the order of the life of an order:
 * at most 4, in out; returns how many.
 */
size_t	 admin_next_states(const char *from, const char *out[4]);

/* Characters (UTF-8 code points) of the valid UTF-8 text s. */
size_t	 admin_utf8_len(const char *s);

#endif
