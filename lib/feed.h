/*
 * The provider feed's XML (contract: DESIGN.md "Provider API", names after
 * ON-API): the order snapshots written with libxml2's xmlTextWriter straight
 * to an output function, so memory does not grow with the page; the status
 * reports read with libxml2 (no network, no DTD, no entity expansion, a
 * size limit) and checked against the published schema; and the order
 * state machine both the API and the console use.
 */
#ifndef TJG_FEED_H
#define TJG_FEED_H

#include <stdbool.h>
#include <stddef.h>

#define FEED_NS		"urn:tjansteguiden:orderfeed:1"
#define FEED_MAX_BODY	(64 * 1024)	/* a status report, bytes */

struct feed_writer;

/* Receives the document piece by piece; returns 0, or -1 to stop. */
typedef int (*feed_out_fn)(void *ctx, const char *p, size_t n);

/*
 * One order as the provider sees it at its latest change. Optional
 * values are absent when NULL or "". Text is written as UTF-8; what XML
 * 1.0 cannot carry (control characters other than tab, LF and CR,
 * U+FFFE, U+FFFF, malformed UTF-8) becomes U+FFFD, so one bad value can
 * never make a page unreadable.
 */
struct feed_order {
	const char	*ref;
	long long	 seq;		/* its place in the provider's feed */
	const char	*network;	/* network slug */
	const char	*status;	/* new, received, activated, ... */
	const char	*created, *updated;	/* RFC 3339 UTC */
	const char	*service_code, *service_name;
	const char	*desired_start;	/* YYYY-MM-DD or NULL */
	const char	*provider_reference, *external_message;
	/* The outlet and its address. */
	const char	*access_id;	/* outlet code */
	const char	*apartment;	/* mduApartmentNumber or NULL */
	const char	*distinguisher;	/* mduDistinguisher or NULL */
	const char	*street, *number, *littera, *postcode, *city;
	/*
	 * customerDetails; all NULL once erased (then erased is set). An
	 * erased order is written with <erased at=".."/> in place of the
	 * outlet, the address and every personal detail, whatever the
	 * fields hold.
	 */
	bool		 erased;
	const char	*erased_at;	/* RFC 3339 UTC when erased */
	const char	*first_name, *last_name, *pnr, *email, *phone;
	const char	*inv_street, *inv_postcode, *inv_city;	/* or NULL */
	/* Extra form fields: key=value pairs. */
	const char	**extra_keys, **extra_values;
	size_t		 nextra;
	/*
	 * When the provider has a certificate: customerDetails as a CMS
	 * (PKCS#7 enveloped, AES-256) blob, base64, instead of the clear
	 * elements above (customerDetails, invoiceDetails, extraFields).
	 * Its plaintext is the <customerData> document feed_write_customer()
	 * writes.
	 */
	const char	*customer_cms;
};

/*
 * Starts <orders next="NEXT" xmlns="FEED_NS"> written through out.
 * next is the cursor the client passes as "after" for the next page.
 * All writers return TJG_OK, TJG_EINVAL when a required value of an
 * order is missing (nothing of that order is written) or TJG_EINTERNAL
 * when libxml2 or out failed (the document is then unusable: abort).
 */
int	 feed_begin(struct feed_writer **, feed_out_fn out, void *ctx,
	    long long next);
/* Writes one <order> and flushes it to out before returning. */
int	 feed_order(struct feed_writer *, const struct feed_order *);
/* Closes the document, flushes and frees the writer. */
int	 feed_end(struct feed_writer *);
/* Frees a writer after an error without writing more. */
void	 feed_abort(struct feed_writer *);

/* A single <order> document (GET /api/v1/orders/REF). */
int	 feed_write_one(feed_out_fn out, void *ctx, const struct feed_order *);

/*
 * The plaintext of encryptedCustomerDetails: a <customerData> document
 * with the order's customerDetails, invoiceDetails and extraFields.
 */
int	 feed_write_customer(feed_out_fn out, void *ctx,
	    const struct feed_order *);

/*
 * The order log: <log ref="REF"><event kind=".." at=".." actor="..">note
 * </event>...; note may be NULL.
 */
struct feed_event {
	const char	*kind, *at, *actor, *note;
};
int	 feed_write_log(feed_out_fn out, void *ctx, const char *ref,
	    const struct feed_event *ev, size_t n);

/* A status report, as read from POST /api/v1/orders/REF/status. */
struct feed_status {
	char	 status[16];		/* received, activated, ... */
	char	 date[11];		/* YYYY-MM-DD */
	char	*provider_reference;	/* or NULL; malloc'd */
	char	*external_message;	/* or NULL; malloc'd */
	char	*note;			/* or NULL; malloc'd */
};

/*
 * Parses and validates a status report against the schema. Returns
 * TJG_OK, or TJG_EINVAL with a short reason in why (static text: "not
 * well-formed", "DTD not allowed", "wrong namespace", "schema: ...").
 * Network access, DTD loading and entity expansion are off; any DOCTYPE
 * is refused, and so are bodies larger than FEED_MAX_BODY. Returns
 * TJG_EINTERNAL ("schema not loaded") before feed_schema_load().
 * Elements of other namespaces are ignored. On success the strings are
 * malloc'd copies; on failure *st is all empty. Free with
 * feed_status_free() either way.
 */
int	 feed_read_status(const char *body, size_t len, struct feed_status *,
	    const char **why);
void	 feed_status_free(struct feed_status *);

/*
 * The order state machine: new -> received -> activated; new or received
 * -> rejected or cancelled; new -> activated (records an implicit
 * received). Final states absorb. Returns true if from -> to is allowed;
 * *implicit_received is set for new -> activated. from == to is not a
 * move (callers answer it as an idempotent repeat).
 */
bool	 feed_transition_ok(const char *from, const char *to,
	    bool *implicit_received);

/*
 * Loads the published schema (the file orderfeed.xsd at path) once at
 * start-up for feed_read_status() and the tests; also initialises
 * libxml2 and routes its error messages away from stderr. Returns TJG_OK
 * or TJG_ECONFIG with a message in err. feed_schema_free() at shutdown.
 */
int	 feed_schema_load(const char *path, char *err, size_t errlen);
void	 feed_schema_free(void);

#endif
