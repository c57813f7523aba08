/*
 * tjg.fcgi: the FastCGI worker. Reads the configuration, opens the
 * database and the templates once, then serves requests one at a time
 * from the socket the web server gave it (fd 0) until SIGTERM or SIGINT,
 * finishing the request in progress. The one route table is here.
 */
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "addr.h"
#include "arena.h"
#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "log.h"
#include "tmpl.h"

#define P(a)	a, sizeof(a) / sizeof(a[0])
#define NOP	NULL, 0

static const struct param p_search[] = {
	[SEARCH_Q] = { "q", PARAM_STR, 0, ADDR_MAX_QUERY, 0 },
};
static const struct param p_code[] = {
	[CODE_KOD] = { "kod", PARAM_STR, 0, 40, 0 },
};
static const struct param p_services[] = {
	[SERVICES_SORT] = { "sort", PARAM_STR, 1, 10, 0 },
};
static const struct param p_order[] = {
	[ORDER_CSRF] = { "csrf", PARAM_STR, 0, CSRF_TOKEN_LEN, 0 },
	[ORDER_FIRST] = { "first_name", PARAM_STR, 0, 100, 0 },
	[ORDER_LAST] = { "last_name", PARAM_STR, 0, 100, 0 },
	[ORDER_EMAIL] = { "email", PARAM_STR, 0, 254, 0 },
	[ORDER_PHONE] = { "phone", PARAM_STR, 0, 40, 0 },
	[ORDER_PNR] = { "pnr", PARAM_STR, 0, 20, 0 },
	[ORDER_INVOICE] = { "invoice", PARAM_FLAG, 0, 0, 0 },
	[ORDER_INV_STREET] = { "invoice_street", PARAM_STR, 0, 200, 0 },
	[ORDER_INV_POSTCODE] = { "invoice_postcode", PARAM_STR, 0, 10, 0 },
	[ORDER_INV_CITY] = { "invoice_city", PARAM_STR, 0, 100, 0 },
	[ORDER_START] = { "start_date", PARAM_STR, 0, 10, 0 },
	[ORDER_TERMS] = { "terms", PARAM_FLAG, 0, 0, 0 },
	[ORDER_WEBSITE] = { "website", PARAM_STR, 0, 200, 0 },
	[ORDER_X1] = { "x1", PARAM_STR, 0, 500, 0 },
	[ORDER_X2] = { "x2", PARAM_STR, 0, 500, 0 },
	[ORDER_X3] = { "x3", PARAM_STR, 0, 500, 0 },
	[ORDER_X4] = { "x4", PARAM_STR, 0, 500, 0 },
	[ORDER_X5] = { "x5", PARAM_STR, 0, 500, 0 },
	[ORDER_X6] = { "x6", PARAM_STR, 0, 500, 0 },
	[ORDER_X7] = { "x7", PARAM_STR, 0, 500, 0 },
	[ORDER_X8] = { "x8", PARAM_STR, 0, 500, 0 },
};
static const struct param p_withdraw[] = {
	[WITHDRAW_CSRF] = { "csrf", PARAM_STR, 0, CSRF_TOKEN_LEN, 0 },
};

/* A cursor is a feed sequence; limits above [api] page_max are capped. */
static const struct param p_api_orders[] = {
	[API_ORDERS_AFTER] = { "after", PARAM_INT, 0, 9000000000000000000LL,
	    0 },
	[API_ORDERS_LIMIT] = { "limit", PARAM_INT, 1, 1000000000, 0 },
};

static const struct param p_login_form[] = {
	[LOGIN_FORM_NEXT] = { "next", PARAM_STR, 0, 500, 0 },
	[LOGIN_FORM_OUT] = { "out", PARAM_FLAG, 0, 0, 0 },
};
static const struct param p_login[] = {
	[LOGIN_CSRF] = { "csrf", PARAM_STR, 0, CSRF_TOKEN_LEN, 0 },
	[LOGIN_USERNAME] = { "username", PARAM_STR, 0, 64, 0 },
	[LOGIN_PASSWORD] = { "password", PARAM_TEXT, 0, 1024, 0 },
	[LOGIN_NEXT] = { "next", PARAM_STR, 0, 500, 0 },
};
static const struct param p_account[] = {
	[ACCOUNT_CURRENT] = { "current", PARAM_TEXT, 0, 1024, 0 },
	[ACCOUNT_NEW] = { "new", PARAM_TEXT, 0, 1024, 0 },
	[ACCOUNT_AGAIN] = { "again", PARAM_TEXT, 0, 1024, 0 },
};

/* Console: orders (params) */
static const struct param p_admin_orders[] = {
	[AORDERS_STATUS] = { "status", PARAM_STR, 0, 40, 0 },
	[AORDERS_PROVIDER] = { "provider", PARAM_STR, 0, 40, 0 },
	[AORDERS_SERVICE] = { "service", PARAM_STR, 0, 40, 0 },
	[AORDERS_FROM] = { "from", PARAM_STR, 0, 40, 0 },
	[AORDERS_TO] = { "to", PARAM_STR, 0, 40, 0 },
	[AORDERS_REF] = { "ref", PARAM_STR, 0, 40, 0 },
	[AORDERS_ADDRESS] = { "address", PARAM_STR, 0, ADDR_MAX_QUERY, 0 },
	[AORDERS_PAGE] = { "page", PARAM_INT, 1, 1000000, 0 },
};
/* The comment's 1000 characters are counted by the handler (422). */
static const struct param p_admin_order_status[] = {
	[AORDER_STATUS_STATUS] = { "status", PARAM_STR, 0, 40, 0 },
	[AORDER_STATUS_COMMENT] = { "comment", PARAM_TEXT, 0, 8000, 0 },
};

/* Console: catalogue (params) */
/* Lengths up to twice the schema's, so a long value is a 422 with a text. */
static const struct param p_area[] = {
	[AREA_NAME] = { "name", PARAM_STR, 0, 400, 0 },
	[AREA_CODE] = { "code", PARAM_STR, 0, 64, 0 },
	[AREA_ACTIVE] = { "active", PARAM_FLAG, 0, 0, 0 },
};
static const struct param p_addresses[] = {
	[ADDRS_Q] = { "q", PARAM_STR, 0, ADDR_MAX_QUERY, 0 },
	[ADDRS_AREA] = { "area", PARAM_INT, 0, 9000000000000000000LL, 0 },
	[ADDRS_INACTIVE] = { "inactive", PARAM_FLAG, 0, 0, 0 },
	[ADDRS_PAGE] = { "page", PARAM_INT, 1, 1000000, 0 },
};
static const struct param p_address[] = {
	[ADDRESS_STREET] = { "street", PARAM_STR, 0, 400, 0 },
	[ADDRESS_NUMBER] = { "number", PARAM_STR, 0, 20, 0 },
	[ADDRESS_LITTERA] = { "littera", PARAM_STR, 0, 20, 0 },
	[ADDRESS_POSTCODE] = { "postcode", PARAM_STR, 0, 20, 0 },
	[ADDRESS_CITY] = { "city", PARAM_STR, 0, 200, 0 },
	[ADDRESS_AREA] = { "area", PARAM_INT, 0, 9000000000000000000LL, 0 },
	[ADDRESS_EXTID] = { "external_id", PARAM_STR, 0, 128, 0 },
	[ADDRESS_ACTIVE] = { "active", PARAM_FLAG, 0, 0, 0 },
};
static const struct param p_outlet[] = {
	[OUTLET_CODE] = { "code", PARAM_STR, 0, 64, 0 },
	[OUTLET_APARTMENT] = { "apartment", PARAM_STR, 0, 20, 0 },
	[OUTLET_DIST] = { "distinguisher", PARAM_STR, 0, 64, 0 },
	[OUTLET_STATUS] = { "status", PARAM_STR, 0, 20, 0 },
	[OUTLET_FROM] = { "active_from", PARAM_STR, 0, 20, 0 },
};
static const struct param p_import_apply[] = {
	[IMPORT_APPLY_EXPECT] = { "expect", PARAM_STR, 0, 100, 0 },
};

/* Console: providers, services, form fields (params) */
/*
 * Numbers typed into these forms are PARAM_STR and checked by the
 * handler, so that a mistake is a 422 with the form kept, not a 400.
 */
static const struct param p_provider[] = {
	[PROV_SLUG] = { "slug", PARAM_STR, 0, 64, 0 },
	[PROV_NAME] = { "name", PARAM_STR, 0, 200, 0 },
	[PROV_LEGAL] = { "legal_name", PARAM_STR, 0, 200, 0 },
	[PROV_ORG] = { "org_number", PARAM_STR, 0, 20, 0 },
	[PROV_EMAIL] = { "email", PARAM_STR, 0, 254, 0 },
	[PROV_PHONE] = { "phone", PARAM_STR, 0, 32, 0 },
	[PROV_URL] = { "url", PARAM_STR, 0, 500, 0 },
	[PROV_TERMS] = { "terms_url", PARAM_STR, 0, 500, 0 },
	[PROV_PRIVACY] = { "privacy_url", PARAM_STR, 0, 500, 0 },
	[PROV_PNR] = { "requires_pnr", PARAM_FLAG, 0, 0, 0 },
	[PROV_NOSAM] = { "refuses_samordning", PARAM_FLAG, 0, 0, 0 },
	[PROV_REASON_SV] = { "pnr_reason_sv", PARAM_TEXT, 0, 500, 0 },
	[PROV_REASON_EN] = { "pnr_reason_en", PARAM_TEXT, 0, 500, 0 },
	[PROV_UNFETCHED] = { "alert_unfetched_hours", PARAM_STR, 0, 20, 0 },
	[PROV_UNACKED] = { "alert_unacked_hours", PARAM_STR, 0, 20, 0 },
	[PROV_ALERT_EMAIL] = { "alert_email", PARAM_STR, 0, 254, 0 },
	[PROV_POLL] = { "poll_interval_s", PARAM_STR, 0, 20, 0 },
	[PROV_OWN] = { "own_network", PARAM_FLAG, 0, 0, 0 },
	[PROV_ACTIVE] = { "active", PARAM_FLAG, 0, 0, 0 },
};
static const struct param p_token[] = {
	[TOKEN_LABEL] = { "label", PARAM_STR, 0, 100, 0 },
};
static const struct param p_cert[] = {
	[CERT_REMOVE] = { "remove", PARAM_FLAG, 0, 0, 0 },
};
static const struct param p_catalog_list[] = {
	[LIST_PROVIDER] = { "provider", PARAM_INT, 0, 9000000000000000000LL,
	    0 },
	[LIST_OWNER] = { "owner", PARAM_STR, 0, 40, 0 },
};
static const struct param p_service[] = {
	[SVC_PROVIDER] = { "provider", PARAM_STR, 0, 20, 0 },
	[SVC_CATEGORY] = { "category", PARAM_STR, 0, 20, 0 },
	[SVC_NAME] = { "name", PARAM_STR, 0, 200, 0 },
	[SVC_DESCRIPTION] = { "description", PARAM_TEXT, 0, 4000, 0 },
	[SVC_CODE] = { "external_code", PARAM_STR, 0, 64, 0 },
	[SVC_DOWN] = { "down_mbps", PARAM_STR, 0, 20, 0 },
	[SVC_UP] = { "up_mbps", PARAM_STR, 0, 20, 0 },
	[SVC_MONTHLY] = { "monthly", PARAM_STR, 0, 40, 0 },
	[SVC_START_FEE] = { "start_fee", PARAM_STR, 0, 40, 0 },
	[SVC_BINDING] = { "binding_months", PARAM_STR, 0, 20, 0 },
	[SVC_NOTICE] = { "notice_months", PARAM_STR, 0, 20, 0 },
	[SVC_CAMPAIGN] = { "campaign_kind", PARAM_STR, 0, 20, 0 },
	[SVC_CAMPAIGN_VALUE] = { "campaign_value", PARAM_STR, 0, 40, 0 },
	[SVC_CAMPAIGN_MONTHS] = { "campaign_months", PARAM_STR, 0, 20, 0 },
	[SVC_CAMPAIGN_UNTIL] = { "campaign_until", PARAM_STR, 0, 20, 0 },
	[SVC_TERMS] = { "terms_url", PARAM_STR, 0, 500, 0 },
	[SVC_FROM] = { "available_from", PARAM_STR, 0, 20, 0 },
	[SVC_UNTIL] = { "available_until", PARAM_STR, 0, 20, 0 },
	[SVC_LIMITED] = { "limited_to_areas", PARAM_FLAG, 0, 0, 0 },
	[SVC_SORT] = { "sort", PARAM_STR, 0, 20, 0 },
	[SVC_ACTIVE] = { "active", PARAM_FLAG, 0, 0, 0 },
	[SVC_AREA1 + 0] = { "a1", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 1] = { "a2", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 2] = { "a3", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 3] = { "a4", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 4] = { "a5", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 5] = { "a6", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 6] = { "a7", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 7] = { "a8", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 8] = { "a9", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 9] = { "a10", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 10] = { "a11", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 11] = { "a12", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 12] = { "a13", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 13] = { "a14", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 14] = { "a15", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 15] = { "a16", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 16] = { "a17", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 17] = { "a18", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 18] = { "a19", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 19] = { "a20", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 20] = { "a21", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 21] = { "a22", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 22] = { "a23", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 23] = { "a24", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 24] = { "a25", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 25] = { "a26", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 26] = { "a27", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 27] = { "a28", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 28] = { "a29", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 29] = { "a30", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 30] = { "a31", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 31] = { "a32", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 32] = { "a33", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 33] = { "a34", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 34] = { "a35", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 35] = { "a36", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 36] = { "a37", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 37] = { "a38", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 38] = { "a39", PARAM_STR, 0, 20, 0 },
	[SVC_AREA1 + 39] = { "a40", PARAM_STR, 0, 20, 0 },
};
_Static_assert(sizeof(p_service) / sizeof(p_service[0]) == SVC_NPARAMS,
    "one a<N> parameter for each of SVC_MAX_AREAS areas");
static const struct param p_field[] = {
	[FLD_OWNER] = { "owner", PARAM_STR, 0, 40, 0 },
	[FLD_KEY] = { "field_key", PARAM_STR, 0, 64, 0 },
	[FLD_LABEL_SV] = { "label_sv", PARAM_STR, 0, 200, 0 },
	[FLD_LABEL_EN] = { "label_en", PARAM_STR, 0, 200, 0 },
	[FLD_HELP_SV] = { "help_sv", PARAM_TEXT, 0, 500, 0 },
	[FLD_HELP_EN] = { "help_en", PARAM_TEXT, 0, 500, 0 },
	[FLD_KIND] = { "kind", PARAM_STR, 0, 20, 0 },
	[FLD_OPTIONS] = { "options", PARAM_TEXT, 0, 20000, 0 },
	[FLD_REQUIRED] = { "required", PARAM_FLAG, 0, 0, 0 },
	[FLD_PATTERN] = { "pattern", PARAM_STR, 0, 200, 0 },
	[FLD_MAX_LEN] = { "max_len", PARAM_STR, 0, 20, 0 },
	[FLD_SORT] = { "sort", PARAM_STR, 0, 20, 0 },
	[FLD_ACTIVE] = { "active", PARAM_FLAG, 0, 0, 0 },
};

/* Console: network, users, audit (params) */
/* Byte bounds are four times the columns' characters (UTF-8). */
static const struct param p_network[] = {
	[NETWORK_NAME] = { "name", PARAM_STR, 0, 800, 0 },
	[NETWORK_LEGAL_NAME] = { "legal_name", PARAM_STR, 0, 800, 0 },
	[NETWORK_ORG_NUMBER] = { "org_number", PARAM_STR, 0, 44, 0 },
	[NETWORK_POSTAL] = { "postal_address", PARAM_TEXT, 0, 2000, 0 },
	[NETWORK_EMAIL] = { "contact_email", PARAM_STR, 0, 1016, 0 },
	[NETWORK_PHONE] = { "contact_phone", PARAM_STR, 0, 128, 0 },
	[NETWORK_URL] = { "contact_url", PARAM_STR, 0, 2000, 0 },
	[NETWORK_PRIVACY_EMAIL] = { "privacy_email", PARAM_STR, 0, 1016, 0 },
	[NETWORK_SITE_URL] = { "site_url", PARAM_STR, 0, 2000, 0 },
	[NETWORK_PRIMARY] = { "colour_primary", PARAM_STR, 0, 28, 0 },
	[NETWORK_ACCENT] = { "colour_accent", PARAM_STR, 0, 28, 0 },
	[NETWORK_TEXT] = { "colour_text", PARAM_STR, 0, 28, 0 },
	[NETWORK_BACKGROUND] = { "colour_background", PARAM_STR, 0, 28, 0 },
	[NETWORK_TITLE_SV] = { "landing_title_sv", PARAM_STR, 0, 800, 0 },
	[NETWORK_TITLE_EN] = { "landing_title_en", PARAM_STR, 0, 800, 0 },
	[NETWORK_LTEXT_SV] = { "landing_text_sv", PARAM_TEXT, 0, 16000, 0 },
	[NETWORK_LTEXT_EN] = { "landing_text_en", PARAM_TEXT, 0, 16000, 0 },
	[NETWORK_FOOTER_SV] = { "footer_text_sv", PARAM_TEXT, 0, 8000, 0 },
	[NETWORK_FOOTER_EN] = { "footer_text_en", PARAM_TEXT, 0, 8000, 0 },
	[NETWORK_EMBED] = { "embed_origins", PARAM_STR, 0, 4000, 0 },
	[NETWORK_RETENTION] = { "retention_days", PARAM_STR, 0, 20, 0 },
	[NETWORK_ALERT_EMAIL] = { "alert_email", PARAM_STR, 0, 1016, 0 },
	[NETWORK_UNFETCHED] = { "alert_unfetched_hours", PARAM_STR, 0, 20, 0 },
	[NETWORK_UNACKED] = { "alert_unacked_hours", PARAM_STR, 0, 20, 0 },
};
static const struct param p_logo[] = {
	[LOGO_REMOVE] = { "remove", PARAM_FLAG, 0, 0, 0 },
};
/* ?v= only tells caches apart: each change of the look has its own. */
static const struct param p_look[] = {
	[LOOK_V] = { "v", PARAM_STR, 0, 40, 0 },
};
static const struct param p_user_new[] = {
	[USER_NEW_NAME] = { "username", PARAM_STR, 0, 256, 0 },
	[USER_NEW_ROLE] = { "role", PARAM_STR, 0, 32, 0 },
	[USER_NEW_PROVIDER] = { "provider", PARAM_STR, 0, 20, 0 },
};
static const struct param p_user[] = {
	[USER_ROLE] = { "role", PARAM_STR, 0, 32, 0 },
	[USER_PROVIDER] = { "provider", PARAM_STR, 0, 20, 0 },
	[USER_DISABLED] = { "disabled", PARAM_FLAG, 0, 0, 0 },
};
static const struct param p_audit[] = {
	[AUDIT_ACTOR] = { "actor", PARAM_STR, 0, 400, 0 },
	[AUDIT_ACTION] = { "action", PARAM_STR, 0, 256, 0 },
	[AUDIT_KIND] = { "kind", PARAM_STR, 0, 128, 0 },
	[AUDIT_REF] = { "ref", PARAM_STR, 0, 256, 0 },
	[AUDIT_FROM] = { "from", PARAM_STR, 0, 20, 0 },
	[AUDIT_TO] = { "to", PARAM_STR, 0, 20, 0 },
	[AUDIT_PAGE] = { "page", PARAM_INT, 1, 1000000, 0 },
};

/* Console: contacts (params) */
static const struct param p_admin_contacts[] = {
	[ACONTACTS_OWNER] = { "owner", PARAM_STR, 0, 20, 0 },
	[ACONTACTS_ROLE] = { "role", PARAM_STR, 0, 20, 0 },
	[ACONTACTS_Q] = { "q", PARAM_STR, 0, 800, 0 },
};
/* Lengths in characters are counted by the handler (422). */
static const struct param p_admin_contact[] = {
	[ACONTACT_OWNER] = { "owner", PARAM_STR, 0, 20, 0 },
	[ACONTACT_FIRST] = { "first_name", PARAM_STR, 0, 800, 0 },
	[ACONTACT_LAST] = { "last_name", PARAM_STR, 0, 800, 0 },
	[ACONTACT_USERNAME] = { "username", PARAM_STR, 0, 512, 0 },
	[ACONTACT_EMAIL] = { "email", PARAM_STR, 0, 1024, 0 },
	[ACONTACT_PHONE] = { "phone", PARAM_STR, 0, 200, 0 },
	[ACONTACT_ROLE] = { "role", PARAM_STR, 0, 20, 0 },
	[ACONTACT_USER] = { "user", PARAM_STR, 0, 20, 0 },
};

/* Console: reports (params) */
/* Text, so that a bad year or period is a 422 form, not a 400. */
static const struct param p_admin_reports[] = {
	[AREPORTS_YEAR] = { "year", PARAM_STR, 0, 20, 0 },
	[AREPORTS_PERIOD] = { "period", PARAM_STR, 0, 20, 0 },
	[AREPORTS_PROVIDER] = { "provider", PARAM_STR, 0, 64, 0 },
};

/* Privacy: notice, records (params) */

/* Privacy: the resident's requests and their handling (params) */
static const struct param p_dsr_form[] = {
	[DSR_FORM_DONE] = { "klar", PARAM_FLAG, 0, 0, 0 },
};
static const struct param p_dsr_ask[] = {
	[DSR_ASK_CSRF] = { "csrf", PARAM_STR, 0, CSRF_TOKEN_LEN, 0 },
	[DSR_ASK_EMAIL] = { "email", PARAM_STR, 0, 254, 0 },
	[DSR_ASK_WEBSITE] = { "website", PARAM_STR, 0, 200, 0 },
};
static const struct param p_dsr_code[] = {
	[DSR_CODE_CSRF] = { "csrf", PARAM_STR, 0, CSRF_TOKEN_LEN, 0 },
	[DSR_CODE_CODE] = { "kod", PARAM_STR, 0, 20, 0 },
};
static const struct param p_dsr_show[] = {
	[DSR_SHOW_ERASED] = { "raderade", PARAM_INT, 0, 1000000, 0 },
};
static const struct param p_dsr_data[] = {
	[DSR_DATA_CSRF] = { "csrf", PARAM_STR, 0, CSRF_TOKEN_LEN, 0 },
};
static const struct param p_dsr_eraseq[] = {
	[DSR_ERASEQ_ORDER] = { "order", PARAM_STR, 0, 12, 0 },
};
static const struct param p_dsr_erase[] = {
	[DSR_ERASE_CSRF] = { "csrf", PARAM_STR, 0, CSRF_TOKEN_LEN, 0 },
	[DSR_ERASE_ORDER] = { "order", PARAM_STR, 0, 12, 0 },
};
static const struct param p_admin_dsr_list[] = {
	[ADSR_LIST_STATUS] = { "status", PARAM_STR, 0, 40, 0 },
	[ADSR_LIST_KIND] = { "kind", PARAM_STR, 0, 40, 0 },
	[ADSR_LIST_PAGE] = { "page", PARAM_INT, 1, 1000000, 0 },
};
/* The note's 1000 characters are counted by the handler (422). */
static const struct param p_admin_dsr_new[] = {
	[ADSR_NEW_CHANNEL] = { "channel", PARAM_STR, 0, 40, 0 },
	[ADSR_NEW_PNR] = { "pnr", PARAM_STR, 0, 20, 0 },
	[ADSR_NEW_EMAIL] = { "email", PARAM_STR, 0, 254, 0 },
	[ADSR_NEW_NOTE] = { "note", PARAM_TEXT, 0, 8000, 0 },
};
static const struct param p_admin_dsr_eraseq[] = {
	[ADSR_ERASEQ_ORDER] = { "order", PARAM_STR, 0, 12, 0 },
};
static const struct param p_admin_dsr_erase[] = {
	[ADSR_ERASE_ORDER] = { "order", PARAM_STR, 0, 12, 0 },
	[ADSR_ERASE_NOTE] = { "note", PARAM_TEXT, 0, 8000, 0 },
};

#define API	(ROUTE_XML | ROUTE_TOKEN)
/* Console roles: see http.h. */
#define ADMIN	ROLE_ADMIN
#define STAFF	(ROLE_ADMIN | ROLE_SUPPORT)
#define OWNERS	(ROLE_ADMIN | ROLE_PROVIDER)
#define ANYONE	ROLE_ANY

/* Method, path, handler, flags, parameters: read top to bottom. */
static const struct route routes[] = {
	{ "GET",  "/",		h_guide_landing,	0,	NOP },
	{ "GET",  "/sok",	h_guide_search,		0,	P(p_search) },
	{ "GET",  "/adress/*",	h_order_address,	0,	NOP },
	{ "GET",  "/uttag",	h_order_code,		0,	P(p_code) },
	{ "GET",  "/uttag/*",	h_order_services,	0,	P(p_services) },
	{ "GET",  "/bestall/*/*", h_order_form,		0,	NOP },
	{ "POST", "/bestall/*/*", h_order_submit,	0,	P(p_order) },
	{ "GET",  "/kvitto/*",	h_order_receipt,	0,	NOP },
	{ "GET",  "/status/*",	h_order_status,		0,	NOP },
	{ "GET",  "/status/*/angra", h_order_withdraw_confirm, 0, NOP },
	{ "POST", "/status/*/angra", h_order_withdraw,	0,	P(p_withdraw) },

	/* The provider API: XML only, a bearer token (but the schema). */
	{ "GET",  "/api/v1/orders", h_api_orders,	API,	P(p_api_orders) },
	{ "GET",  "/api/v1/orders/*", h_api_order,	API,	NOP },
	{ "POST", "/api/v1/orders/*/status", h_api_status,
	    API | ROUTE_NOBODY,					NOP },
	{ "GET",  "/api/v1/orders/*/log", h_api_log,	API,	NOP },
	{ "GET",  "/api/v1/orderfeed.xsd", h_api_schema, ROUTE_XML, NOP },

	/* The console: the roles of each route are its flags. */
	{ "GET",  "/admin/login", h_admin_login_form,	0,	P(p_login_form) },
	{ "POST", "/admin/login", h_admin_login,	0,	P(p_login) },
	{ "POST", "/admin/logout", h_admin_logout,	ANYONE,	NOP },
	{ "GET",  "/admin",	h_admin_home,		ANYONE,	NOP },
	{ "GET",  "/admin/account", h_admin_account,	ANYONE,	NOP },
	{ "POST", "/admin/account", h_admin_account_save, ANYONE, P(p_account) },

	/* Console: orders (routes) */
	{ "GET",  "/admin/orders", h_admin_orders,	ANYONE,
	    P(p_admin_orders) },
	{ "GET",  "/admin/orders/*", h_admin_order,	ANYONE,	NOP },
	{ "POST", "/admin/orders/*/show", h_admin_order_show, ANYONE, NOP },
	{ "POST", "/admin/orders/*/status", h_admin_order_status, ADMIN,
	    P(p_admin_order_status) },
	{ "POST", "/admin/orders/*/resend", h_admin_order_resend, ADMIN, NOP },

	/* Console: catalogue (routes) */
	{ "GET",  "/admin/areas", h_admin_areas,	ADMIN,	NOP },
	{ "POST", "/admin/areas", h_admin_area_create,	ADMIN,	P(p_area) },
	{ "GET",  "/admin/areas/*", h_admin_area,	ADMIN,	NOP },
	{ "POST", "/admin/areas/*", h_admin_area_save,	ADMIN,	P(p_area) },
	{ "GET",  "/admin/addresses", h_admin_addresses, ADMIN,	P(p_addresses) },
	{ "POST", "/admin/addresses", h_admin_address_create, ADMIN,
	    P(p_address) },
	{ "GET",  "/admin/addresses/new", h_admin_address_new, ADMIN, NOP },
	{ "GET",  "/admin/addresses/*", h_admin_address, ADMIN,	NOP },
	{ "POST", "/admin/addresses/*", h_admin_address_save, ADMIN,
	    P(p_address) },
	{ "POST", "/admin/addresses/*/outlets", h_admin_outlet_create, ADMIN,
	    P(p_outlet) },
	{ "GET",  "/admin/outlets/*", h_admin_outlet,	ADMIN,	NOP },
	{ "POST", "/admin/outlets/*", h_admin_outlet_save, ADMIN, P(p_outlet) },
	{ "GET",  "/admin/import", h_admin_import_form,	ADMIN,	NOP },
	{ "POST", "/admin/import", h_admin_import_upload, ADMIN, NOP },
	{ "GET",  "/admin/import/*", h_admin_import_preview, ADMIN, NOP },
	{ "POST", "/admin/import/*/apply", h_admin_import_apply, ADMIN,
	    P(p_import_apply) },

	/* Console: providers, services, form fields (routes) */
	/* "new" before "*": the first matching route wins. */
	{ "GET",  "/admin/providers", h_admin_providers, ADMIN,	NOP },
	{ "GET",  "/admin/providers/new", h_admin_provider_new, ADMIN, NOP },
	{ "POST", "/admin/providers", h_admin_provider_create, ADMIN,
	    P(p_provider) },
	{ "GET",  "/admin/providers/*", h_admin_provider, ADMIN, NOP },
	{ "POST", "/admin/providers/*", h_admin_provider_save, ADMIN,
	    P(p_provider) },
	{ "POST", "/admin/providers/*/tokens", h_admin_token_create, ADMIN,
	    P(p_token) },
	{ "POST", "/admin/tokens/*/revoke", h_admin_token_revoke, ADMIN, NOP },
	{ "POST", "/admin/providers/*/cert", h_admin_provider_cert, ADMIN,
	    P(p_cert) },
	{ "GET",  "/admin/services", h_admin_services,	OWNERS,
	    P(p_catalog_list) },
	{ "GET",  "/admin/services/new", h_admin_service_new, OWNERS,
	    P(p_catalog_list) },
	{ "POST", "/admin/services", h_admin_service_create, OWNERS,
	    P(p_service) },
	{ "GET",  "/admin/services/*", h_admin_service, OWNERS, NOP },
	{ "POST", "/admin/services/*", h_admin_service_save, OWNERS,
	    P(p_service) },
	{ "GET",  "/admin/fields", h_admin_fields,	OWNERS,
	    P(p_catalog_list) },
	{ "GET",  "/admin/fields/new", h_admin_field_new, OWNERS,
	    P(p_catalog_list) },
	{ "POST", "/admin/fields", h_admin_field_create, OWNERS, P(p_field) },
	{ "GET",  "/admin/fields/*", h_admin_field,	OWNERS,	NOP },
	{ "POST", "/admin/fields/*", h_admin_field_save, OWNERS, P(p_field) },

	/* Console: network, users, audit (routes) */
	{ "GET",  "/logo",	h_guide_logo,		0,	P(p_look) },
	{ "GET",  "/tema.css",	h_guide_theme,		0,	P(p_look) },
	{ "GET",  "/admin/network", h_admin_network,	ADMIN,	NOP },
	{ "POST", "/admin/network", h_admin_network_save, ADMIN, P(p_network) },
	{ "POST", "/admin/network/logo", h_admin_network_logo, ADMIN,
	    P(p_logo) },
	{ "GET",  "/admin/users", h_admin_users,	ADMIN,	NOP },
	{ "GET",  "/admin/users/new", h_admin_user_new,	ADMIN,	NOP },
	{ "POST", "/admin/users", h_admin_user_create,	ADMIN,	P(p_user_new) },
	{ "GET",  "/admin/users/*", h_admin_user,	ADMIN,	NOP },
	{ "POST", "/admin/users/*", h_admin_user_save,	ADMIN,	P(p_user) },
	{ "POST", "/admin/users/*/password", h_admin_user_password, ADMIN,
	    NOP },
	{ "GET",  "/admin/audit", h_admin_audit,	ADMIN,	P(p_audit) },

	/* Console: contacts (routes) */
	{ "GET",  "/admin/contacts", h_admin_contacts,	ADMIN,
	    P(p_admin_contacts) },
	{ "GET",  "/admin/contacts/new", h_admin_contact_new, ADMIN, NOP },
	{ "POST", "/admin/contacts", h_admin_contact_create, ADMIN,
	    P(p_admin_contact) },
	{ "GET",  "/admin/contacts/*", h_admin_contact, ADMIN,	NOP },
	{ "POST", "/admin/contacts/*", h_admin_contact_save, ADMIN,
	    P(p_admin_contact) },
	{ "POST", "/admin/contacts/*/confirm", h_admin_contact_confirm, ADMIN,
	    NOP },
	{ "POST", "/admin/contacts/*/remove", h_admin_contact_remove, ADMIN,
	    NOP },

	/* Console: reports (routes) */
	{ "GET",  "/admin/reports", h_admin_reports, ADMIN,
	    P(p_admin_reports) },
	{ "GET",  "/admin/reports/volumes.csv", h_admin_reports_csv, ADMIN,
	    P(p_admin_reports) },
	{ "GET",  "/admin/reports/volumes.xml", h_admin_reports_xml, ADMIN,
	    P(p_admin_reports) },

	/* Privacy: notice, records (routes) */
	{ "GET",  "/integritet", h_privacy_notice,	0,	NOP },
	{ "GET",  "/admin/records", h_privacy_records,	ADMIN,	NOP },

	/* Privacy: the resident's requests and their handling (routes) */
	{ "GET",  "/mina-uppgifter", h_dsr_form,	0,	P(p_dsr_form) },
	{ "POST", "/mina-uppgifter", h_dsr_ask,		0,	P(p_dsr_ask) },
	{ "GET",  "/mina-uppgifter/kod/*", h_dsr_code_form, 0,	NOP },
	{ "POST", "/mina-uppgifter/kod/*", h_dsr_code,	0,	P(p_dsr_code) },
	{ "GET",  "/mina-uppgifter/visa", h_dsr_show,	0,	P(p_dsr_show) },
	{ "POST", "/mina-uppgifter/kopia", h_dsr_export, 0,	P(p_dsr_data) },
	{ "GET",  "/mina-uppgifter/radera", h_dsr_erase_confirm, 0,
	    P(p_dsr_eraseq) },
	{ "POST", "/mina-uppgifter/radera", h_dsr_erase, 0,
	    P(p_dsr_erase) },
	{ "POST", "/mina-uppgifter/avsluta", h_dsr_end,	0,	P(p_dsr_data) },
	{ "GET",  "/admin/requests", h_admin_dsr_list,	STAFF,
	    P(p_admin_dsr_list) },
	{ "POST", "/admin/requests", h_admin_dsr_new,	STAFF,
	    P(p_admin_dsr_new) },
	{ "GET",  "/admin/requests/*", h_admin_dsr_get,	STAFF,	NOP },
	{ "POST", "/admin/requests/*/show", h_admin_dsr_show, STAFF, NOP },
	{ "POST", "/admin/requests/*/export", h_admin_dsr_export, STAFF, NOP },
	{ "GET",  "/admin/requests/*/erase", h_admin_dsr_erase_confirm, STAFF,
	    P(p_admin_dsr_eraseq) },
	{ "POST", "/admin/requests/*/erase", h_admin_dsr_erase, STAFF,
	    P(p_admin_dsr_erase) },
};

/*
 * tjg.fcgi --routes: the table, for the authorization matrix test: one
 * line a route, "METHOD PATTERN WHO", WHO the roles (comma-separated),
 * "bearer_token" for the provider API, or "public".
 */
static int
print_routes(void)
{
	static const struct { unsigned bit; const char *name; } r[] = {
		{ ROLE_ADMIN, "network_admin" },
		{ ROLE_SUPPORT, "network_support" },
		{ ROLE_PROVIDER, "provider_user" },
	};
	size_t i, j;
	const char *sep;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		printf("%s %s ", routes[i].method, routes[i].pattern);
		sep = "";
		for (j = 0; j < sizeof(r) / sizeof(r[0]); j++)
			if (routes[i].flags & r[j].bit) {
				printf("%s%s", sep, r[j].name);
				sep = ",";
			}
		if (routes[i].flags & ROUTE_TOKEN) {
			printf("%sbearer_token", sep);
			sep = ",";
		}
		printf("%s\n", *sep == '\0' ? "public" : "");
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

static volatile sig_atomic_t stopping;

/*
 * The key file is read again when it changes (tjgctl keygen, keys
 * --remove), checked at most every KEYS_CHECK seconds, so a worker never
 * goes on sealing under a key that rotation has retired. A file that does
 * not load keeps the keys the worker has, and says so in the log.
 */
#define KEYS_CHECK	10

struct keyfile {
	struct crypto_keys	*keys;
	struct timespec		 mtime;
	ino_t			 ino;
	time_t			 checked;
};

static void
keys_fresh(struct keyfile *k, const char *path)
{
	struct crypto_keys *fresh = NULL;
	time_t now = time(NULL);
	char err[512];
	struct stat st;

	if (now - k->checked < KEYS_CHECK)
		return;
	k->checked = now;
	if (stat(path, &st) != 0) {
		log_err("key file %s: %s; keeping the keys loaded", path,
		    strerror(errno));
		return;
	}
	if (st.st_ino == k->ino && st.st_mtim.tv_sec == k->mtime.tv_sec &&
	    st.st_mtim.tv_nsec == k->mtime.tv_nsec)
		return;
	if (crypto_keys_load(&fresh, path, err, sizeof(err)) != TJG_OK) {
		log_err("%s; keeping the keys loaded", err);
		return;
	}
	crypto_keys_free(k->keys);
	k->keys = fresh;
	k->ino = st.st_ino;
	k->mtime = st.st_mtim;
	log_info("key file changed: keys reloaded, newest data key %d",
	    crypto_keys_newest(fresh));
}

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static int
fcgi_write(void *ctx, const char *p, size_t n)
{
	FCGX_Stream *out = ctx;

	while (n > 0) {
		int chunk = n > 65536 ? 65536 : (int)n;

		if (FCGX_PutStr(p, chunk, out) != chunk)
			return -1;
		p += chunk;
		n -= (size_t)chunk;
	}
	return 0;
}

static const char *
param(FCGX_Request *fr, const char *name)
{
	const char *v = FCGX_GetParam(name, fr->envp);

	return v != NULL ? v : "";
}

/* Reads the body, if it is within the limit; larger ones stay unread. */
static int
read_body(FCGX_Request *fr, struct request *r)
{
	const char *cl = param(fr, "CONTENT_LENGTH");
	unsigned long long n;
	char *end, *p;
	int got;

	if (*cl == '\0')
		return TJG_OK;
	errno = 0;
	n = strtoull(cl, &end, 10);
	if (*end != '\0' || errno != 0)
		return TJG_EINVAL;
	if (n > r->conf->max_body) {
		r->body_len = (size_t)n;	/* the dispatcher answers 413 */
		return TJG_OK;
	}
	p = arena_alloc(r->a, (size_t)n + 1);
	got = n > 0 ? FCGX_GetStr(p, (int)n, fr->in) : 0;
	if (got < 0 || (unsigned long long)got != n)
		return TJG_EINVAL;
	p[n] = '\0';
	r->body = p;
	r->body_len = (size_t)n;
	return TJG_OK;
}

static void
serve(FCGX_Request *fr, struct arena *a, const struct conf *c,
    struct db *db, struct tmpl *t, const struct crypto_keys *keys)
{
	struct request r;
	const char *uri, *q;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.conf = c;
	r.db = db;
	r.tmpl = t;
	r.keys = keys;
	r.io.write = fcgi_write;
	r.io.ctx = fr->out;
	r.method = param(fr, "REQUEST_METHOD");
	uri = param(fr, "REQUEST_URI");
	if ((q = strchr(uri, '?')) != NULL) {
		r.path = arena_strndup(a, uri, (size_t)(q - uri));
		r.query = q + 1;
	} else {
		r.path = *uri != '\0' ? uri : "/";
		r.query = param(fr, "QUERY_STRING");
	}
	r.host = param(fr, "HTTP_HOST");
	r.scheme = strcmp(param(fr, "HTTPS"), "on") == 0 ? "https" : "http";
	r.content_type = param(fr, "CONTENT_TYPE");
	r.cookie_header = param(fr, "HTTP_COOKIE");
	r.remote_addr = param(fr, "REMOTE_ADDR");
	r.authorization = param(fr, "HTTP_AUTHORIZATION");
	if (read_body(fr, &r) != TJG_OK) {
		r.lang = "sv";
		buf_init(&r.resp.body);
		buf_init(&r.resp.headers);
		resp_error(&r, TJG_EINVAL, "unreadable body", NULL);
		(void)resp_send(&r);
		tmpl_clear(t);
		buf_free(&r.resp.body);
		buf_free(&r.resp.headers);
		return;
	}
	http_dispatch(&r, routes, sizeof(routes) / sizeof(routes[0]));
}

int
main(int argc, char **argv)
{
	const char *path = getenv("TJG_CONF");
	struct sigaction sa;
	FCGX_Request fr;
	struct conf c;
	struct arena a;
	struct db *db = NULL;
	struct tmpl *t = NULL;
	struct keyfile kf;
	struct stat st;
	char err[512];
	int rc = 1;

	if (argc == 2 && strcmp(argv[1], "--routes") == 0)
		return print_routes();
	if (argc != 1) {
		fprintf(stderr, "usage: tjg.fcgi [--routes]\n");
		return 2;
	}
	if (path == NULL)
		path = TJG_SYSCONFDIR "/tjg/tjg.conf";
	conf_defaults(&c);
	if (conf_load(&c, path, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "tjg.fcgi: %s\n", err);
		goto out;
	}
	log_open("tjg.fcgi", c.log_target, c.log_level);
	/* Times are stored in UTC and shown to residents in Swedish time. */
	if (setenv("TZ", "Europe/Stockholm", 1) != 0)
		log_warn("cannot set TZ");
	tzset();
	if (tmpl_open(&t, c.templates, err, sizeof(err)) != TJG_OK) {
		log_err("%s", err);
		goto out;
	}
	memset(&kf, 0, sizeof(kf));
	if (stat(c.key_file, &st) == 0) {
		kf.ino = st.st_ino;
		kf.mtime = st.st_mtim;
	}
	kf.checked = time(NULL);
	if (crypto_keys_load(&kf.keys, c.key_file, err, sizeof(err)) !=
	    TJG_OK) {
		log_err("%s", err);
		goto out;
	}
	if (h_api_init(&c, err, sizeof(err)) != TJG_OK) {
		log_err("%s", err);
		goto out;
	}
	/* A database that is down now is retried on each request. */
	(void)db_open(&db, &c);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: accept() returns */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGUSR1, &sa, NULL) != 0) {
		log_err("sigaction: %s", strerror(errno));
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);

	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&fr, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_err("cannot initialise FastCGI");
		goto out;
	}
	arena_init(&a);
	log_info("worker %ld ready", (long)getpid());
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		keys_fresh(&kf, c.key_file);
		serve(&fr, &a, &c, db, t, kf.keys);
		FCGX_Finish_r(&fr);
		arena_reset(&a);
	}
	FCGX_Free(&fr, 1);
	arena_free(&a);
	log_info("worker %ld stopping", (long)getpid());
	rc = 0;
out:
	db_close(db);
	h_api_free();
	tmpl_close(t);
	crypto_keys_free(kf.keys);
	conf_free(&c);
	log_close();
	return rc;
}
