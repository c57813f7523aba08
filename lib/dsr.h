/*
 * The data subject's requests (GDPR Art. 15, 17, 20): the pure parts of
 * the self-service pages (/mina-uppgifter) and of their handling in the
 * console. The one-time code, the e-mail address as the order form
 * stores and indexes it, the personal data of an order read back from its
 * sealed blob, and the machine-readable copy: an XML document written
 * with libxml2's xmlTextWriter, as the provider feed is (lib/feed.c).
 * Nothing here touches the database; lib/store_dsr.c does.
 */
#ifndef TJG_DSR_H
#define TJG_DSR_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct buf;
struct kvlist;

#define DSR_CODE_LEN	6	/* digits of the one-time code */
#define DSR_NS		"urn:tjansteguiden:personal-data:1"

/*
 * A uniformly random code of DSR_CODE_LEN decimal digits (leading zeros
 * kept) and a NUL, from the CSPRNG by rejection sampling, so no code is
 * likelier than another. TJG_OK, or TJG_EINTERNAL (out then "").
 */
int	 dsr_code_new(char out[DSR_CODE_LEN + 1]);

/*
 * A typed code: blanks and '-' dropped (people copy "123 456"); true if
 * exactly DSR_CODE_LEN digits remain, which are then in out.
 */
bool	 dsr_code_norm(const char *in, char out[DSR_CODE_LEN + 1]);

/*
 * The e-mail address as the order form stores it and computes its blind
 * index from: every ASCII letter in lower case (the dispatcher already
 * trimmed the outer blanks). Returns the copy (in the arena) when it is a
 * plausible address (one '@', a dot in the domain, no blanks, no
 * characters that cannot appear unquoted), NULL otherwise.
 */
const char *dsr_email_norm(struct arena *, const char *in);

/* The personal data of an order, as the order form sealed it. */
struct dsr_pii {
	const char	*first_name, *last_name, *email, *phone;
	const char	*pnr;		/* 12 digits, or NULL if not asked */
	const char	*inv_street, *inv_postcode, *inv_city; /* or NULL */
	/* Extra form fields: keys without the "x." prefix, and values. */
	const char	**extra_keys, **extra_values;
	size_t		 nextra;
};

/*
 * Reads the opened blob's pairs (an urlencoded list parsed into kv):
 * first_name, last_name, email, phone, pnr, invoice_street,
 * invoice_postcode, invoice_city and "x.KEY" for extra fields; anything
 * else is ignored. The strings stay kv's; the extra arrays are in the
 * arena.
 */
void	 dsr_pii_read(struct arena *, const struct kvlist *kv,
	    struct dsr_pii *out);

/* "YYYYMMDD-NNNN" of a 12-digit personnummer; other text as it is. */
const char *dsr_pnr_show(struct arena *, const char *pnr);

/* One order in the copy. Optional values are left out when NULL or "". */
struct dsr_xml_order {
	const char	*ref, *status;
	const char	*created, *updated;	/* RFC 3339 UTC */
	const char	*service, *provider;
	const char	*desired_start;		/* YYYY-MM-DD */
	/* The installation address: the outlet ordered on. */
	const char	*access_id, *apartment, *street, *number, *littera,
			*postcode, *city;
	struct dsr_pii	 pii;
	const char	**extra_labels;		/* parallel to pii.extra_keys */
	int		 retention_days;
};

/*
 * The copy: who is responsible and, for each order, the personal data
 * and how it is processed. The texts are in the reader's language.
 */
struct dsr_xml {
	const char	*generated;		/* RFC 3339 UTC */
	const char	*lang;			/* "sv" or "en" */
	const char	*controller;		/* the network's legal name */
	const char	*controller_contact;	/* e-mail, or NULL */
	const char	*network;		/* the network's name */
	const char	**purposes;		/* one sentence each */
	size_t		 npurposes;
	const char	*legal_basis;
	const char	*retention;		/* what the days count from */
	const char	*source;		/* where the data came from */
	const struct dsr_xml_order *orders;
	size_t		 norders;
};

/*
 * Writes the copy as an XML document in the DSR_NS namespace to out
 * (appended). Text XML 1.0 cannot carry (control characters, malformed
 * UTF-8) becomes U+FFFD. Returns TJG_OK, TJG_EINVAL when a required
 * value (ref, status, created, service, provider, controller, network,
 * generated) is missing, or TJG_EINTERNAL when libxml2 fails. out holds
 * personal data: release it with crypto_buf_clear().
 */
int	 dsr_xml_write(const struct dsr_xml *, struct buf *out);

#endif
