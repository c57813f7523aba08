/*
 * The console's store for providers, their API tokens, services, the
 * areas services are limited to, and extra order-form fields. Every
 * function takes the network of the request and sees only the providers
 * delivering in it (provider_network), active or not; the ones that
 * take a provider limit (provider users) see only that provider's rows.
 * Anything outside is TJG_ENOTFOUND, never a refusal.
 */
#ifndef TJG_STORE_ADMIN_PROVIDER_H
#define TJG_STORE_ADMIN_PROVIDER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

struct db;

/*
 * A provider as the console edits it. The optional numbers are 0 for
 * "the default" (SQL NULL); alert_email is NULL for the network's.
 */
struct adm_provider {
	long long	 id;
	const char	*slug, *name, *legal_name, *org_number;
	const char	*email, *phone, *url, *terms_url, *privacy_url;
	bool		 requires_pnr, refuses_samordning;
	const char	*pnr_reason_sv, *pnr_reason_en;
	long long	 alert_unfetched_hours, alert_unacked_hours;
	const char	*alert_email;
	long long	 poll_interval_s;
	bool		 own;		/* sells for this network itself */
	bool		 active;	/* delivers in this network now */
	/* Read only. */
	long long	 own_network_id;	/* 0: none */
	long long	 nservices, nactive_tokens;
	const char	*cert_pem;		/* NULL: none */
	const char	*cert_sha256;		/* hex, or NULL */
	const char	*cert_not_after;	/* UTC "YYYY-MM-DD HH:MM:SS" */
};

/* The providers of network, by name. */
int	 store_adm_providers(struct db *, struct arena *, long long network,
	    struct adm_provider **out, size_t *n);

/* Provider id of network; TJG_ENOTFOUND if it does not deliver there. */
int	 store_adm_provider_get(struct db *, struct arena *, long long network,
	    long long id, struct adm_provider *out);

/*
 * Creates the provider p (all its fields), its feed counter and its
 * place in network, and sets *id. TJG_ECONFLICT if the slug is taken.
 * Run it inside a transaction: three tables are written.
 */
int	 store_adm_provider_create(struct db *, long long network,
	    const struct adm_provider *p, long long *id);

/*
 * Saves p (by p->id, not its slug, which does not change) and whether it
 * delivers in network now; a provider of another network is left alone,
 * so callers look it up with store_adm_provider_get() first. own sets
 * own_network_id to network; clearing it clears only this network's
 * claim.
 */
int	 store_adm_provider_update(struct db *, long long network,
	    const struct adm_provider *p);

/* API tokens; times UTC "YYYY-MM-DD HH:MM:SS" or NULL. */
struct adm_token {
	long long	 id;
	const char	*label, *created, *last_used, *revoked;
	const char	*created_by;	/* user name, or NULL */
};

/* The tokens of provider, newest first. */
int	 store_adm_tokens(struct db *, struct arena *, long long provider,
	    struct adm_token **out, size_t *n);

/* Stores a token of provider by its SHA-256 only (hash, 32 bytes). */
int	 store_adm_token_create(struct db *, long long provider,
	    const char *label, const unsigned char *hash, long long created_by,
	    long long *id);

/*
 * The provider of token id, if that provider delivers in network
 * (else TJG_ENOTFOUND), and whether the token is revoked already.
 */
int	 store_adm_token_provider(struct db *, long long network, long long id,
	    long long *provider, bool *revoked);

/* A service as the console edits it; NULL texts are SQL NULL. */
struct adm_service {
	long long	 id, provider_id;
	const char	*provider_name;		/* read only */
	const char	*category, *name, *description, *external_code;
	long long	 down_mbps, up_mbps;	/* 0: not given */
	long long	 monthly_ore, start_fee_ore;
	int		 binding_months, notice_months;
	const char	*campaign_kind;		/* "none", "percent", ... */
	long long	 campaign_value;
	int		 campaign_months;
	const char	*campaign_until;	/* "YYYY-MM-DD" or NULL */
	const char	*terms_url;		/* NULL: the provider's */
	const char	*available_from, *available_until;
	bool		 limited_to_areas, active;
	int		 sort;
	long long	 nareas;		/* read only: of this network */
};

/*
 * The services of the providers of network (only of provider, if not
 * 0), by provider, category, sort and name.
 */
int	 store_adm_services(struct db *, struct arena *, long long network,
	    long long provider, struct adm_service **out, size_t *n);

/* Service id of a provider of network (of provider, if not 0). */
int	 store_adm_service_get(struct db *, struct arena *, long long network,
	    long long provider, long long id, struct adm_service *out);

/* Inserts s (not its areas); TJG_ECONFLICT if its external code is taken. */
int	 store_adm_service_create(struct db *, const struct adm_service *s,
	    long long *id);

/* Saves s by s->id; its provider does not change. TJG_ECONFLICT as above. */
int	 store_adm_service_update(struct db *, const struct adm_service *s);

/* An area of a network. */
struct adm_area {
	long long	 id;
	const char	*name, *code;	/* code may be NULL */
	bool		 active;
};

/* The areas of network, by name. */
int	 store_adm_areas(struct db *, struct arena *, long long network,
	    struct adm_area **out, size_t *n);

/* The areas of network that service is listed for (service_area). */
int	 store_adm_service_areas(struct db *, struct arena *,
	    long long network, long long service, long long **ids, size_t *n);

/*
 * Makes the areas of network that service is listed for exactly
 * ids[0..n) (ids of other networks are ignored); the service's areas in
 * other networks stay as they are.
 */
int	 store_adm_service_areas_set(struct db *, long long network,
	    long long service, const long long *ids, size_t n);

/* An extra field of the order form; one of the three owners is set. */
struct adm_field {
	long long	 id;
	long long	 network_id, provider_id, service_id;	/* 0: not it */
	const char	*provider_name, *service_name;	/* read only */
	const char	*key, *label_sv, *label_en, *help_sv, *help_en;
	const char	*kind;		/* text, select, checkbox, date */
	const char	*options;	/* select only, else NULL */
	const char	*pattern;	/* text only, or NULL */
	bool		 required, active;
	int		 max_len, sort;
};

/*
 * The fields of network: the network's own, those of its providers and
 * of their services; with provider not 0, only that provider's and its
 * services' (not the network's).
 */
int	 store_adm_fields(struct db *, struct arena *, long long network,
	    long long provider, struct adm_field **out, size_t *n);

/* Field id among what store_adm_fields would list. */
int	 store_adm_field_get(struct db *, struct arena *, long long network,
	    long long provider, long long id, struct adm_field *out);

/* Inserts f; TJG_ECONFLICT if its owner has a field with its key. */
int	 store_adm_field_create(struct db *, const struct adm_field *f,
	    long long *id);

/* Saves f by f->id; its owner does not change. TJG_ECONFLICT as above. */
int	 store_adm_field_update(struct db *, const struct adm_field *f);

#endif
