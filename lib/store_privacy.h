/*
 * The privacy notice's and the records of processing's store: the
 * network as controller, the providers that receive residents' data in
 * it, the extra form fields they ask for, and which data keys seal the
 * stored orders. Read-only; all SQL of these reports is in
 * store_privacy.c.
 */
#ifndef TJG_STORE_PRIVACY_H
#define TJG_STORE_PRIVACY_H

#include <stddef.h>

#include "arena.h"

struct db;

/* The network as controller (GDPR Art. 13(1)(a), Art. 30(1)(a)). */
struct privacy_controller {
	long long	 id;
	const char	*slug, *name;
	const char	*legal_name;	/* "" if not set */
	const char	*org_number;	/* NULL if not set */
	const char	*postal_address, *contact_email, *contact_phone,
			*contact_url;	/* "" if not set */
	const char	*privacy_email;	/* NULL if not set */
	int		 retention_days;	/* the network's own; 0: none */
};

/* TJG_ENOTFOUND if there is no network id. */
int	store_privacy_controller(struct db *, struct arena *, long long network,
	    struct privacy_controller *out);

/* An extra field of the order form; its value goes into orders.pii. */
struct privacy_field {
	const char	*key;
	const char	*label_sv, *label_en, *help_sv, *help_en;
	const char	*service;	/* service name, or NULL: every one */
	int		 required;
};

struct privacy_provider {
	long long	 id;
	const char	*slug, *name, *legal_name, *org_number;
	const char	*url, *privacy_url;	/* "" if not set */
	int		 requires_pnr, refuses_samordning;
	const char	*pnr_reason_sv, *pnr_reason_en;
	struct privacy_field *fields;	/* its own and its services' */
	size_t		 nfields;
};

/*
 * The active providers delivering in network (by name), each with the
 * active extra fields it and its active services ask for, and the
 * network's own extra fields in *netf. Everything in the arena.
 */
int	store_privacy_providers(struct db *, struct arena *, long long network,
	    struct privacy_provider **out, size_t *n,
	    struct privacy_field **netf, size_t *nnetf);

/* How many of the network's stored orders each data key id seals. */
struct privacy_key_use {
	int		 key_id;
	long long	 orders;
};
int	store_privacy_keys(struct db *, struct arena *, long long network,
	    struct privacy_key_use **out, size_t *n);

/* The ids of the active networks, in the order of their slugs. */
int	store_privacy_networks(struct db *, struct arena *, long long **ids,
	    size_t *n);

#endif
