/*
 * The request handlers, one file per area (h_<area>.c), and the indexes
 * of their declared parameters in struct request's p[].
 */
#ifndef TJG_HANDLERS_H
#define TJG_HANDLERS_H

#include "http.h"

/* h_guide.c: the public guide. */
enum { SEARCH_Q, SEARCH_NPARAMS };

int	h_guide_landing(struct request *);
int	h_guide_search(struct request *);

/* h_order.c: from an address to a stored order, and its status page. */
enum { CODE_KOD, CODE_NPARAMS };
enum { SERVICES_SORT, SERVICES_NPARAMS };
enum {
	ORDER_CSRF, ORDER_FIRST, ORDER_LAST, ORDER_EMAIL, ORDER_PHONE,
	ORDER_PNR, ORDER_INVOICE, ORDER_INV_STREET, ORDER_INV_POSTCODE,
	ORDER_INV_CITY, ORDER_START, ORDER_TERMS, ORDER_WEBSITE,
	ORDER_X1, ORDER_X2, ORDER_X3, ORDER_X4, ORDER_X5, ORDER_X6,
	ORDER_X7, ORDER_X8, ORDER_NPARAMS
};
#define ORDER_NEXTRA	8
enum { WITHDRAW_CSRF, WITHDRAW_NPARAMS };

int	h_order_address(struct request *);
int	h_order_code(struct request *);
int	h_order_services(struct request *);
int	h_order_form(struct request *);
int	h_order_submit(struct request *);
int	h_order_receipt(struct request *);
int	h_order_status(struct request *);
int	h_order_withdraw_confirm(struct request *);
int	h_order_withdraw(struct request *);

/* An order's confirmation mail: what order_receipt_mail() needs. */
struct order_receipt {
	const char	*ref;
	const char	*lang;		/* the order's: "sv" or "en" */
	const char	*secret;	/* of the status link, 64 hex digits */
	const char	*service, *provider, *provider_email, *provider_phone;
	const char	*street, *littera;	/* littera "" if none */
	const char	*apartment;		/* NULL in a house */
	int		 number;
};

/*
 * The confirmation mail of an order in its language: the subject (in the
 * request's arena) and the text appended to body, with the reference,
 * the service, the address, the status link on the host asked for, and
 * whom to contact. The order form and the console's resend both use it.
 */
void	order_receipt_mail(struct request *, const struct order_receipt *,
	    const char **subject, struct buf *body);

/* h_api.c: the provider API (ROUTE_XML | ROUTE_TOKEN, the schema public). */
enum { API_ORDERS_AFTER, API_ORDERS_LIMIT, API_ORDERS_NPARAMS };

struct conf;

/*
 * Loads the published schema (conf api_schema) at start-up, for checking
 * status reports and for serving it; TJG_ECONFIG with a message in err.
 */
int	h_api_init(const struct conf *, char *err, size_t errlen);
void	h_api_free(void);

int	h_api_orders(struct request *);
int	h_api_order(struct request *);
int	h_api_status(struct request *);
int	h_api_log(struct request *);
int	h_api_schema(struct request *);

/*
 * The console (/admin/): routes with ROLE_* flags. The dispatcher has
 * checked the session, the role and the CSRF token before any of these
 * runs; r->user is the signed-in user. Page groups: h_admin.c (sign-in,
 * account, shared helpers), h_admin_alerts.c (the overview), and one file
 * each for orders, catalogue, providers and network.
 */

/* h_admin.c: shared helpers of the console's page groups. */

/*
 * Renders tmpl (e.g. "admin/orders.cs") with Nav.current = nav, after
 * turning a confirmation left by admin_redirect() into Flash.text.
 */
int	admin_render(struct request *, const char *tmpl, const char *nav);
/* Form.errors.<field> = the text of textkey in the request's language. */
int	admin_error(struct request *, const char *field, const char *textkey);
/*
 * 303 to the console path (printf-style, without the "/en" prefix, which
 * is added for English); flash (may be NULL) names the confirmation
 * admin.flash.<flash> shown once on the next page.
 */
int	admin_redirect(struct request *, const char *flash, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));

enum { LOGIN_FORM_NEXT, LOGIN_FORM_OUT, LOGIN_FORM_NPARAMS };
enum { LOGIN_CSRF, LOGIN_USERNAME, LOGIN_PASSWORD, LOGIN_NEXT,
	LOGIN_NPARAMS };
enum { ACCOUNT_CURRENT, ACCOUNT_NEW, ACCOUNT_AGAIN, ACCOUNT_NPARAMS };

int	h_admin_login_form(struct request *);
int	h_admin_login(struct request *);
int	h_admin_logout(struct request *);
int	h_admin_account(struct request *);
int	h_admin_account_save(struct request *);

/* h_admin_alerts.c: the overview (orders per day, alerts). */
int	h_admin_home(struct request *);

/* Console: orders (h_admin_orders.c) */
enum { AORDERS_STATUS, AORDERS_PROVIDER, AORDERS_SERVICE, AORDERS_FROM,
	AORDERS_TO, AORDERS_REF, AORDERS_ADDRESS, AORDERS_PAGE,
	AORDERS_NPARAMS };
enum { AORDER_STATUS_STATUS, AORDER_STATUS_COMMENT, AORDER_STATUS_NPARAMS };

int	h_admin_orders(struct request *);
int	h_admin_order(struct request *);
int	h_admin_order_show(struct request *);
int	h_admin_order_status(struct request *);
int	h_admin_order_resend(struct request *);

/* Console: catalogue (h_admin_catalog.c) */

/* Console: providers, services, form fields (h_admin_providers.c) */

/* Console: network, users, audit (h_admin_network.c) */

/* Console: contacts (h_admin_contacts.c) */

/* Console: reports (h_admin_reports.c) */

/* Privacy: notice, records (h_privacy.c) */

/* Privacy: the resident's requests and their handling (h_dsr.c) */
#include "dsr.h"
#include "store_admin_order.h"
#include "store_dsr.h"

/* h_dsr.c: the resident's own requests (/mina-uppgifter). */
enum { DSR_FORM_DONE, DSR_FORM_NPARAMS };
enum { DSR_ASK_CSRF, DSR_ASK_EMAIL, DSR_ASK_WEBSITE, DSR_ASK_NPARAMS };
enum { DSR_CODE_CSRF, DSR_CODE_CODE, DSR_CODE_NPARAMS };
enum { DSR_SHOW_ERASED, DSR_SHOW_NPARAMS };
enum { DSR_DATA_CSRF, DSR_DATA_NPARAMS };
enum { DSR_ERASEQ_ORDER, DSR_ERASEQ_NPARAMS };
enum { DSR_ERASE_CSRF, DSR_ERASE_ORDER, DSR_ERASE_NPARAMS };

int	h_dsr_form(struct request *);
int	h_dsr_ask(struct request *);
int	h_dsr_code_form(struct request *);
int	h_dsr_code(struct request *);
int	h_dsr_show(struct request *);
int	h_dsr_export(struct request *);
int	h_dsr_erase_confirm(struct request *);
int	h_dsr_erase(struct request *);
int	h_dsr_end(struct request *);

/*
 * One person's orders, found by a blind index, as the self-service pages
 * and the console show, copy and erase them (h_dsr.c). Everything lives
 * in the request's arena, personal data included, until it is reset.
 */
struct dsr_case_order {
	struct admin_order	 o;
	bool			 has_pii;	/* pii, labels, checks read */
	struct dsr_pii		 pii;
	const char		**labels;	/* of the extra fields */
	bool			*checks;	/* extra field is a checkbox */
};
struct dsr_case {
	struct dsr_network	 net;
	struct dsr_case_order	*v;
	size_t			 n;
};

/*
 * The orders of the network, not erased, by the e-mail index or the
 * personnummer index (either may be NULL), oldest first; with pii, their
 * personal data opened too.
 */
int	dsr_case_load(struct request *, const unsigned char *email_bidx,
	    const unsigned char *pnr_bidx, bool pii, struct dsr_case *);
/* The order ref of the case, or NULL. */
const struct dsr_case_order *dsr_case_find(const struct dsr_case *,
	    const char *ref);
/* Case.* and Orders.N.* (with .pii.* when read) for the templates. */
int	dsr_case_put(struct request *, const struct dsr_case *);
/* The machine-readable copy of the case, appended to xml. */
int	dsr_case_copy(struct request *, const struct dsr_case *,
	    struct buf *xml);
/* Makes xml the response: a download called NAME.xml. */
int	dsr_case_send(struct request *, struct buf *xml, const char *name);
/*
 * In the caller's transaction: event (order_event.kind) in each order's
 * log and action in the audit, by the signed-in user or the resident.
 */
int	dsr_case_log(struct request *, const struct dsr_case *,
	    const char *event, const char *action, long long request_id);
/*
 * In the caller's transaction: erases order ref of the case (every order
 * when ref is NULL), each with its "dsr.erase" audit; *erased counts them.
 */
int	dsr_case_erase(struct request *, const struct dsr_case *,
	    const char *ref, long long request_id, size_t *erased);
/* An audit entry by the signed-in user, or by "resident" on public pages. */
int	dsr_audit(struct request *, const char *action, const char *kind,
	    const char *ref, const char *detail);

/* h_admin_dsr.c: the console's data-subject requests (STAFF). */
enum { ADSR_LIST_STATUS, ADSR_LIST_KIND, ADSR_LIST_PAGE, ADSR_LIST_NPARAMS };
enum { ADSR_NEW_CHANNEL, ADSR_NEW_PNR, ADSR_NEW_EMAIL, ADSR_NEW_NOTE,
	ADSR_NEW_NPARAMS };
enum { ADSR_ERASEQ_ORDER, ADSR_ERASEQ_NPARAMS };
enum { ADSR_ERASE_ORDER, ADSR_ERASE_NOTE, ADSR_ERASE_NPARAMS };

int	h_admin_dsr_list(struct request *);
int	h_admin_dsr_new(struct request *);
int	h_admin_dsr_get(struct request *);
int	h_admin_dsr_show(struct request *);
int	h_admin_dsr_export(struct request *);
int	h_admin_dsr_erase_confirm(struct request *);
int	h_admin_dsr_erase(struct request *);

#endif
