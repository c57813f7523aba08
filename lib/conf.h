/*
 * Configuration: an ini-style file (tjg.conf) read once at start-up.
 * Every key is documented in conf/tjg.conf.example. A bad file is refused
 * with "file:line: what is wrong".
 */
#ifndef TJG_CONF_H
#define TJG_CONF_H

#include <stddef.h>

#include "log.h"

struct conf_host {
	char	*host;		/* lower-case host name, no port */
	char	*network;	/* network slug (network.slug in the database) */
};

struct conf {
	/* [app] */
	char		*templates;	/* directory of *.cs and lang/ */
	char		*static_url;	/* URL prefix of tjg.css etc. */
	int		 secure_cookies;
	size_t		 max_body;	/* bytes; larger bodies are 413 */
	int		 search_limit;	/* address search results shown */
	int		 order_rate_limit;	/* orders per IP and hour */
	enum log_target	 log_target;
	int		 log_level;	/* syslog priority */

	/* [database] */
	char		*db_socket;	/* unix socket; empty to use host */
	char		*db_host;
	int		 db_port;
	char		*db_user;
	char		*db_password;
	char		*db_name;
	int		 db_connect_timeout;	/* seconds */
	int		 db_read_timeout;
	int		 db_write_timeout;

	/* [crypto] */
	char		*key_file;	/* data and index keys (tjgctl keygen) */

	/* [mail] */
	char		*sendmail;	/* program reading a message on stdin */
	char		*mail_from;	/* From: of mail to residents */
	int		 mail_max_attempts;

	/* [api]: the provider API */
	int		 api_poll_interval;	/* seconds between feed polls */
	int		 api_page_limit;	/* orders per page by default */
	int		 api_page_max;		/* largest limit= accepted */
	char		*api_schema;		/* path of orderfeed.xsd */

	/* [console]: the administrators' and provider users' console */
	int		 session_idle;		/* seconds without a request */
	int		 session_max;		/* seconds since sign-in */
	int		 login_window;		/* seconds failures are counted */
	int		 login_max_account;	/* failures per account in it */
	int		 login_max_ip;		/* failures per address in it */
	int		 scrypt_ln;		/* cost of new hashes: N = 2^ln */
	int		 alert_unfetched_hours;	/* default per provider */
	int		 alert_unacked_hours;	/* default per provider */

	/* [privacy]: retention and the residents' own requests */
	int		 retention_days;	/* personal data of an order */
	int		 code_minutes;		/* a one-time code is valid */
	int		 code_attempts;		/* tries of one code */
	int		 code_rate_limit;	/* codes per address and hour */
	int		 login_log_days;	/* sign-in attempts are kept */

	/* [backup] */
	char		*backup_dir;
	char		*backup_key_file;	/* not one of the data keys */
	int		 backup_keep_days;
	char		*backup_dump;		/* mariadb-dump program */
	char		*backup_client;		/* mariadb client program */

	/* [contacts]: the contact register's review */
	int		 contact_review_months;
	int		 contact_grace_days;	/* unconfirmed: flagged after */
	int		 contact_purge_days;	/* flagged: removed after */

	/* [hosts]: host name = network slug; "*" matches any other host */
	struct conf_host *hosts;
	size_t		 nhosts;
};

/* Fills c with the built-in defaults (what the example file documents). */
void	 conf_defaults(struct conf *c);

/*
 * Parses text (len bytes) into c, which conf_defaults() prepared; name is
 * used in messages. On failure returns TJG_ECONFIG and writes
 * "name:line: what is wrong" to err. c must be freed with conf_free()
 * either way.
 */
int	 conf_parse(struct conf *c, const char *name, const char *text,
	    size_t len, char *err, size_t errlen);

/* Reads and parses the file at path; same contract as conf_parse(). */
int	 conf_load(struct conf *c, const char *path, char *err, size_t errlen);

void	 conf_free(struct conf *c);

/*
 * Returns the network slug configured for the Host header value host
 * (port and case ignored), the "*" entry, or NULL if none matches.
 */
const char *conf_network_for_host(const struct conf *c, const char *host);

#endif
