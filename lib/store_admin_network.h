/*
 * The console's store for the network itself (settings, look, logo), its
 * users and its audit log. Every function is limited to one network: a
 * row of another network is TJG_ENOTFOUND, as if it did not exist.
 */
#ifndef TJG_STORE_ADMIN_NETWORK_H
#define TJG_STORE_ADMIN_NETWORK_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

struct db;

/*
 * The network's settings as text, never NULL: "" is an empty text, and
 * for the columns that may be NULL (org_number, privacy_email,
 * alert_email, the texts, the numbers) "" is NULL, which means "not set"
 * or "the configuration's default". Numbers are decimal text.
 */
struct network_settings {
	const char	*name, *legal_name, *org_number, *postal_address;
	const char	*contact_email, *contact_phone, *contact_url;
	const char	*privacy_email, *site_url;
	const char	*colour_primary, *colour_accent, *colour_text,
			*colour_background;
	const char	*landing_title_sv, *landing_title_en;
	const char	*landing_text_sv, *landing_text_en;
	const char	*footer_text_sv, *footer_text_en;
	const char	*embed_origins;
	const char	*retention_days;
	const char	*alert_email, *alert_unfetched_hours,
			*alert_unacked_hours;
	/* Read only: the logo's type ("" if none) and size; the version of
	 * the look (updated_at as digits), as the public pages link it. */
	const char	*logo_type;
	long long	 logo_len;
	const char	*version;
};

int	store_network_settings(struct db *, struct arena *, long long network,
	    struct network_settings *out);
/*
 * Writes every setting (not the logo) and updated_at. The caller has
 * validated the values; the table's CHECK constraints stand behind it.
 */
int	store_network_settings_save(struct db *, long long network,
	    const struct network_settings *);
/*
 * Sets the logo (data of len bytes, of ctype), or removes it when data is
 * NULL; bumps updated_at so pages link the new one.
 */
int	store_network_logo_set(struct db *, long long network,
	    const void *data, size_t len, const char *ctype);

/* Console users of a network (staff, and users of its providers). */
struct admin_user {
	long long	 id;
	const char	*username;
	const char	*role;		/* app_user.role */
	long long	 provider_id;	/* 0 for staff */
	const char	*provider_name;	/* "" for staff */
	bool		 disabled;
	const char	*last_login;	/* UTC "YYYY-MM-DD HH:MM:SS", or NULL */
	const char	*created;	/* UTC, as last_login */
};

/* The network's users, by user name. */
int	store_admin_users(struct db *, struct arena *, long long network,
	    struct admin_user **out, size_t *n);
/* One user of the network; TJG_ENOTFOUND for another network's. */
int	store_admin_user(struct db *, struct arena *, long long network,
	    long long id, struct admin_user *out);
/*
 * Adds a user of network: provider 0 for staff roles. TJG_ECONFLICT when
 * the user name is taken (user names are unique over all networks).
 */
int	store_admin_user_add(struct db *, long long network,
	    const char *username, const char *hash, const char *role,
	    long long provider, long long *id);
/* Sets role, provider (0: none) and disabled of a user of network. */
int	store_admin_user_update(struct db *, long long network, long long id,
	    const char *role, long long provider, bool disabled);
/*
 * Counts the network's enabled network administrators, locking their
 * rows until the end of the caller's transaction.
 */
int	store_admin_count_admins(struct db *, long long network,
	    long long *n);

/* The providers that deliver in a network: who may have provider users. */
struct provider_choice {
	long long	 id;
	const char	*name;
};

int	store_network_providers(struct db *, struct arena *, long long network,
	    struct provider_choice **out, size_t *n);

/*
 * Filters of the audit log; NULL leaves one out. actor matches any part
 * of the actor ("user:alice"); action matches exactly or as a prefix
 * before a dot ("user" finds "user.create"); kind and ref exactly; from
 * and to are UTC "YYYY-MM-DD HH:MM:SS", from inclusive, to exclusive.
 */
struct audit_filter {
	const char	*actor, *action, *kind, *ref, *from, *to;
};

struct audit_row {
	const char	*created;	/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char	*actor, *action;
	const char	*kind, *ref, *detail, *ip;	/* NULL if none */
};

/* Entries of network, newest first: at most limit, skipping offset. */
int	store_audit_list(struct db *, struct arena *, long long network,
	    const struct audit_filter *, long long offset, int limit,
	    struct audit_row **out, size_t *n);
int	store_audit_count(struct db *, long long network,
	    const struct audit_filter *, long long *count);

#endif
