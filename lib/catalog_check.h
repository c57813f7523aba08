/*
 * Checks of what the console's provider, service and form-field pages
 * accept, kept apart from the handlers so that every rule is unit
 * tested (t/unit/t_catalog_check.c). Each check mirrors a CHECK of
 * sql/001_init.sql or what the public pages do with the value, so that
 * nothing the console lets through is refused by the database or breaks
 * the order form. Error results are text keys of the language files.
 */
#ifndef TJG_CATALOG_CHECK_H
#define TJG_CATALOG_CHECK_H

#include <stdbool.h>

#include "arena.h"

#define CHECK_SLUG_MAX		64	/* provider.slug */
#define CHECK_URL_MAX		500	/* provider.terms_url, ... */
#define CHECK_KEY_MAX		64	/* form_field.field_key */
#define CHECK_PATTERN_MAX	200	/* form_field.pattern */
#define CHECK_OPTIONS_MAX	50	/* options of one select field */
#define CHECK_MONTHS_MAX	60	/* binding, notice, campaign months */

/* ^[a-z0-9][a-z0-9-]*$ and at most CHECK_SLUG_MAX bytes. */
bool	 check_slug(const char *s);

/*
 * An organisation number "NNNNNN-NNNN", or its ten digits without the
 * dash: writes the dashed form to out. The check digit is not tested,
 * since demo providers carry made-up numbers with a wrong one on purpose.
 */
bool	 check_org_number(const char *s, char out[12]);

/* An e-mail address: one '@', a dot in the domain, no blanks or <>"... */
bool	 check_email(const char *s);

/*
 * An absolute "https://" or "http://" URL with a host, no blanks or
 * control characters, at most CHECK_URL_MAX bytes: the links residents
 * follow, so never "javascript:" or a relative path.
 */
bool	 check_url(const char *s);

/* "YYYY-MM-DD" naming a real day. */
bool	 check_date(const char *s);

/*
 * A whole number of decimal digits (no sign, blanks around ignored)
 * within min..max: sets *out.
 */
bool	 check_int(const char *s, long long min, long long max,
	    long long *out);

/* A form_field key: ^[a-z][a-z0-9_]*$, at most CHECK_KEY_MAX bytes. */
bool	 check_field_key(const char *s);

/*
 * True if pattern is a POSIX extended regular expression of at most
 * CHECK_PATTERN_MAX bytes without control characters, as the order form
 * applies it (check_pattern_match).
 */
bool	 check_pattern(const char *pattern);

/*
 * Whether the WHOLE of value matches pattern, as HTML's pattern
 * attribute means it: 1 yes, 0 no, -1 the pattern is bad. The match
 * must start at the first byte and (POSIX matches are leftmost-longest)
 * end at the last, so no text in the pattern can escape the anchoring.
 */
int	 check_pattern_match(const char *pattern, const char *value);

/*
 * The options of a select field, one a line, each "value" or
 * "value|label_sv|label_en" with no part empty. Line ends may be CRLF;
 * blanks around lines and parts are dropped and empty lines skipped.
 * A line longer than max_len bytes could never be chosen (the order
 * form refuses longer answers), nor could a second line with the same
 * value. On success sets *norm (in a: the lines joined by "\n") and
 * returns NULL; otherwise returns the text key of the fault, with the
 * 1-based line number in *line (0 for the text as a whole).
 */
const char *check_options(struct arena *a, const char *text, int max_len,
	    const char **norm, int *line);

/*
 * A campaign as the console's service form gives it, checked as
 * service_campaign_ck would, with one message a field: kind "none",
 * "percent" (value 1..100, "%" allowed), "amount" (kronor off a month,
 * more than 0) or "fixed" (the monthly price in kronor, 0 or more);
 * months 1..CHECK_MONTHS_MAX for a campaign, empty or 0 without one;
 * until empty or a date, and only with a campaign.
 */
struct campaign_check {
	const char	*kind;		/* "none", "percent", ... */
	long long	 value;		/* per cent, or öre */
	int		 months;
	const char	*until;		/* "YYYY-MM-DD" or NULL */
	/* Text keys of the faults, NULL where the field is fine. */
	const char	*err_kind, *err_value, *err_months, *err_until;
};

/* Returns true if the campaign is fine; fills *out either way. */
bool	 check_campaign(const char *kind, const char *value,
	    const char *months, const char *until, struct campaign_check *out);

#endif
