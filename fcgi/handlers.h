/*
 * The request handlers, one file per area (h_<area>.c), and the indexes
 * of their declared parameters in struct request's p[].
 */
#ifndef TJG_HANDLERS_H
#define TJG_HANDLERS_H

#include "http.h"

/*
 * h_page.c: a page's template data. Each keeps the first error in *rc
 * and does nothing once there is one; a NULL value sets nothing.
 */
void	hput(struct request *, int *rc, const char *name,
	    const char *value);
void	hputf(struct request *, int *rc, const char *value,
	    const char *namefmt, ...) __attribute__((format(printf, 4, 5)));
/* n as decimal text in the request's arena. */
const char *hnum(struct request *, long long n);

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
enum { AREA_NAME, AREA_CODE, AREA_ACTIVE, AREA_NPARAMS };
enum { ADDRS_Q, ADDRS_AREA, ADDRS_INACTIVE, ADDRS_PAGE, ADDRS_NPARAMS };
enum {
	ADDRESS_STREET, ADDRESS_NUMBER, ADDRESS_LITTERA, ADDRESS_POSTCODE,
	ADDRESS_CITY, ADDRESS_AREA, ADDRESS_EXTID, ADDRESS_ACTIVE,
	ADDRESS_NPARAMS
};
enum {
	OUTLET_CODE, OUTLET_APARTMENT, OUTLET_DIST, OUTLET_STATUS,
	OUTLET_FROM, OUTLET_NPARAMS
};
enum { IMPORT_APPLY_EXPECT, IMPORT_APPLY_NPARAMS };

int	h_admin_areas(struct request *);
int	h_admin_area_create(struct request *);
int	h_admin_area(struct request *);
int	h_admin_area_save(struct request *);
int	h_admin_addresses(struct request *);
int	h_admin_address_new(struct request *);
int	h_admin_address_create(struct request *);
int	h_admin_address(struct request *);
int	h_admin_address_save(struct request *);
int	h_admin_outlet_create(struct request *);
int	h_admin_outlet(struct request *);
int	h_admin_outlet_save(struct request *);
int	h_admin_import_form(struct request *);
int	h_admin_import_upload(struct request *);
int	h_admin_import_preview(struct request *);
int	h_admin_import_apply(struct request *);

/* Console: providers, services, form fields (h_admin_providers.c) */
/*
 * h_admin_providers.c: providers of the network with their API tokens
 * and certificate (network administrators); h_admin_services.c: their
 * services and the extra order-form fields (administrators, and provider
 * users for their own provider).
 */
enum {
	PROV_SLUG, PROV_NAME, PROV_LEGAL, PROV_ORG, PROV_EMAIL, PROV_PHONE,
	PROV_URL, PROV_TERMS, PROV_PRIVACY, PROV_PNR, PROV_NOSAM,
	PROV_REASON_SV, PROV_REASON_EN, PROV_UNFETCHED, PROV_UNACKED,
	PROV_ALERT_EMAIL, PROV_POLL, PROV_OWN, PROV_ACTIVE, PROV_NPARAMS
};
enum { TOKEN_LABEL, TOKEN_NPARAMS };
enum { CERT_REMOVE, CERT_NPARAMS };
/* Area checkboxes a1..aN of the service form, each an area id. */
#define SVC_MAX_AREAS	40
enum {
	SVC_PROVIDER, SVC_CATEGORY, SVC_NAME, SVC_DESCRIPTION, SVC_CODE,
	SVC_DOWN, SVC_UP, SVC_MONTHLY, SVC_START_FEE, SVC_BINDING,
	SVC_NOTICE, SVC_CAMPAIGN, SVC_CAMPAIGN_VALUE, SVC_CAMPAIGN_MONTHS,
	SVC_CAMPAIGN_UNTIL, SVC_TERMS, SVC_FROM, SVC_UNTIL, SVC_LIMITED,
	SVC_SORT, SVC_ACTIVE, SVC_AREA1,
	SVC_NPARAMS = SVC_AREA1 + SVC_MAX_AREAS
};
enum { LIST_PROVIDER, LIST_OWNER, LIST_NPARAMS };
enum {
	FLD_OWNER, FLD_KEY, FLD_LABEL_SV, FLD_LABEL_EN, FLD_HELP_SV,
	FLD_HELP_EN, FLD_KIND, FLD_OPTIONS, FLD_REQUIRED, FLD_PATTERN,
	FLD_MAX_LEN, FLD_SORT, FLD_ACTIVE, FLD_NPARAMS
};

int	h_admin_providers(struct request *);
int	h_admin_provider_new(struct request *);
int	h_admin_provider_create(struct request *);
int	h_admin_provider(struct request *);
int	h_admin_provider_save(struct request *);
int	h_admin_token_create(struct request *);
int	h_admin_token_revoke(struct request *);
int	h_admin_provider_cert(struct request *);
int	h_admin_services(struct request *);
int	h_admin_service_new(struct request *);
int	h_admin_service_create(struct request *);
int	h_admin_service(struct request *);
int	h_admin_service_save(struct request *);
int	h_admin_fields(struct request *);
int	h_admin_field_new(struct request *);
int	h_admin_field_create(struct request *);
int	h_admin_field(struct request *);
int	h_admin_field_save(struct request *);

/* Console: network, users, audit (h_admin_network.c) */
enum {
	NETWORK_NAME, NETWORK_LEGAL_NAME, NETWORK_ORG_NUMBER, NETWORK_POSTAL,
	NETWORK_EMAIL, NETWORK_PHONE, NETWORK_URL, NETWORK_PRIVACY_EMAIL,
	NETWORK_SITE_URL, NETWORK_PRIMARY, NETWORK_ACCENT, NETWORK_TEXT,
	NETWORK_BACKGROUND, NETWORK_TITLE_SV, NETWORK_TITLE_EN,
	NETWORK_LTEXT_SV, NETWORK_LTEXT_EN, NETWORK_FOOTER_SV,
	NETWORK_FOOTER_EN, NETWORK_EMBED, NETWORK_RETENTION,
	NETWORK_ALERT_EMAIL, NETWORK_UNFETCHED, NETWORK_UNACKED,
	NETWORK_NPARAMS
};
enum { LOGO_REMOVE, LOGO_NPARAMS };
enum { LOOK_V, LOOK_NPARAMS };
enum { USER_NEW_NAME, USER_NEW_ROLE, USER_NEW_PROVIDER, USER_NEW_NPARAMS };
enum { USER_ROLE, USER_PROVIDER, USER_DISABLED, USER_NPARAMS };
enum {
	AUDIT_ACTOR, AUDIT_ACTION, AUDIT_KIND, AUDIT_REF, AUDIT_FROM,
	AUDIT_TO, AUDIT_PAGE, AUDIT_NPARAMS
};

int	h_admin_network(struct request *);
int	h_admin_network_save(struct request *);
int	h_admin_network_logo(struct request *);
int	h_admin_users(struct request *);
int	h_admin_user_new(struct request *);
int	h_admin_user_create(struct request *);
int	h_admin_user(struct request *);
int	h_admin_user_save(struct request *);
int	h_admin_user_password(struct request *);
int	h_admin_audit(struct request *);
/* The network's look on the public pages (public routes, in h_guide.c). */
int	h_guide_logo(struct request *);
int	h_guide_theme(struct request *);

/* Console: contacts (h_admin_contacts.c) */
enum { ACONTACTS_OWNER, ACONTACTS_ROLE, ACONTACTS_Q, ACONTACTS_NPARAMS };
enum { ACONTACT_OWNER, ACONTACT_FIRST, ACONTACT_LAST, ACONTACT_USERNAME,
	ACONTACT_EMAIL, ACONTACT_PHONE, ACONTACT_ROLE, ACONTACT_USER,
	ACONTACT_NPARAMS };

int	h_admin_contacts(struct request *);
int	h_admin_contact_new(struct request *);
int	h_admin_contact_create(struct request *);
int	h_admin_contact(struct request *);
int	h_admin_contact_save(struct request *);
int	h_admin_contact_confirm(struct request *);
int	h_admin_contact_remove(struct request *);
/*
 * For the overview (h_admin_home): ContactsMissing.N.name, the
 * organisations without a responsible contact, and ContactsDue, the
 * number of contacts due for review; for administrators only.
 */
int	admin_contacts_notice(struct request *);

/* Console: reports (h_admin_reports.c) */
enum { AREPORTS_YEAR, AREPORTS_PERIOD, AREPORTS_PROVIDER, AREPORTS_NPARAMS };

int	h_admin_reports(struct request *);
int	h_admin_reports_csv(struct request *);
int	h_admin_reports_xml(struct request *);

/* Privacy: notice, records (h_privacy.c) */
int	h_privacy_notice(struct request *);
int	h_privacy_records(struct request *);

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
