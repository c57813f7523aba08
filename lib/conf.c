/*
 * tjg.conf: an ini-style file of [sections] and "key = value" lines.
 * Each key is described once in the table below: its section, type,
 * bounds and where it is stored, so parsing, defaults and errors are one
 * loop. [hosts] is the exception: its keys are host names.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "err.h"

enum key_type { K_STR, K_INT, K_SIZE, K_BOOL, K_LOGTARGET, K_LOGLEVEL };

struct key {
	const char	*section;
	const char	*name;
	enum key_type	 type;
	long long	 min, max;
	size_t		 off;
	const char	*def;
};

#define K(sec, name, type, min, max, field, def) \
	{ sec, name, type, min, max, offsetof(struct conf, field), def }

static const struct key keys[] = {
	K("app", "templates", K_STR, 1, 4096, templates, TJG_DATADIR "/tmpl"),
	K("app", "static_url", K_STR, 0, 1024, static_url, "/static"),
	K("app", "secure_cookies", K_BOOL, 0, 1, secure_cookies, "true"),
	K("app", "max_body", K_SIZE, 1024, 256 * 1024 * 1024, max_body,
	    "1048576"),
	K("app", "search_limit", K_INT, 1, 200, search_limit, "20"),
	K("app", "order_rate_limit", K_INT, 1, 100000000, order_rate_limit,
	    "20"),
	K("app", "log", K_LOGTARGET, 0, 0, log_target, "syslog"),
	K("app", "log_level", K_LOGLEVEL, 0, 0, log_level, "info"),
	K("database", "socket", K_STR, 0, 4096, db_socket,
	    "/run/mysqld/mysqld.sock"),
	K("database", "host", K_STR, 0, 255, db_host, "127.0.0.1"),
	K("database", "port", K_INT, 1, 65535, db_port, "3306"),
	K("database", "user", K_STR, 1, 80, db_user, "tjg"),
	K("database", "password", K_STR, 0, 255, db_password, ""),
	K("database", "name", K_STR, 1, 64, db_name, "tjg"),
	K("database", "connect_timeout", K_INT, 1, 600, db_connect_timeout,
	    "2"),
	K("database", "read_timeout", K_INT, 1, 3600, db_read_timeout, "10"),
	K("database", "write_timeout", K_INT, 1, 3600, db_write_timeout, "10"),
	K("crypto", "key_file", K_STR, 1, 4096, key_file,
	    TJG_SYSCONFDIR "/tjg/keys"),
	K("mail", "sendmail", K_STR, 1, 4096, sendmail,
	    "/usr/sbin/sendmail -t -i"),
	K("mail", "from", K_STR, 3, 254, mail_from, "noreply@localhost"),
	K("mail", "max_attempts", K_INT, 1, 100, mail_max_attempts, "8"),
	K("api", "poll_interval", K_INT, 0, 86400, api_poll_interval, "10"),
	K("api", "page_limit", K_INT, 1, 1000, api_page_limit, "100"),
	K("api", "page_max", K_INT, 1, 1000, api_page_max, "1000"),
	K("api", "schema", K_STR, 1, 4096, api_schema,
	    TJG_DATADIR "/orderfeed.xsd"),
	K("console", "session_idle", K_INT, 60, 86400, session_idle, "1800"),
	K("console", "session_max", K_INT, 300, 7 * 86400, session_max,
	    "43200"),
	K("console", "login_window", K_INT, 60, 86400, login_window, "900"),
	K("console", "login_max_account", K_INT, 1, 1000, login_max_account,
	    "5"),
	K("console", "login_max_ip", K_INT, 1, 100000, login_max_ip, "30"),
	K("console", "scrypt_ln", K_INT, 10, 20, scrypt_ln, "15"),
	K("console", "alert_unfetched_hours", K_INT, 1, 8760,
	    alert_unfetched_hours, "24"),
	K("console", "alert_unacked_hours", K_INT, 1, 8760,
	    alert_unacked_hours, "72"),
	K("privacy", "retention_days", K_INT, 1, 3650, retention_days, "90"),
	K("privacy", "code_minutes", K_INT, 1, 60, code_minutes, "10"),
	K("privacy", "code_attempts", K_INT, 1, 20, code_attempts, "5"),
	K("privacy", "code_rate_limit", K_INT, 1, 1000, code_rate_limit, "5"),
	K("privacy", "login_log_days", K_INT, 1, 3650, login_log_days, "30"),
	K("backup", "dir", K_STR, 1, 4096, backup_dir, "/var/backups/tjg"),
	K("backup", "key_file", K_STR, 1, 4096, backup_key_file,
	    TJG_SYSCONFDIR "/tjg/backup.key"),
	K("backup", "keep_days", K_INT, 1, 3650, backup_keep_days, "90"),
	K("backup", "dump", K_STR, 1, 4096, backup_dump, "mariadb-dump"),
	K("backup", "client", K_STR, 1, 4096, backup_client, "mariadb"),
	K("contacts", "review_months", K_INT, 1, 60, contact_review_months,
	    "12"),
	K("contacts", "grace_days", K_INT, 1, 365, contact_grace_days, "30"),
	K("contacts", "purge_days", K_INT, 1, 3650, contact_purge_days, "60"),
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

static const char *const levels[] = {
	[LOG_ERR] = "err", [LOG_WARNING] = "warning", [LOG_INFO] = "info",
	[LOG_DEBUG] = "debug",
};

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		abort();
	return p;
}

/* Stores value into the field of k; returns NULL or what is wrong. */
static const char *
set_key(struct conf *c, const struct key *k, const char *v)
{
	char *field = (char *)c + k->off;
	long long n;
	char *end;
	size_t i;

	switch (k->type) {
	case K_STR:
		if ((long long)strlen(v) < k->min)
			return "value must not be empty";
		if ((long long)strlen(v) > k->max)
			return "value too long";
		free(*(char **)field);
		*(char **)field = xstrdup(v);
		return NULL;
	case K_INT:
	case K_SIZE:
		errno = 0;
		n = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0)
			return "not a whole number";
		if (n < k->min || n > k->max)
			return "number out of range";
		if (k->type == K_INT)
			*(int *)field = (int)n;
		else
			*(size_t *)field = (size_t)n;
		return NULL;
	case K_BOOL:
		if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 ||
		    strcmp(v, "1") == 0)
			*(int *)field = 1;
		else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 ||
		    strcmp(v, "0") == 0)
			*(int *)field = 0;
		else
			return "expected true or false";
		return NULL;
	case K_LOGTARGET:
		if (strcmp(v, "syslog") == 0)
			*(enum log_target *)field = LOG_TO_SYSLOG;
		else if (strcmp(v, "stderr") == 0)
			*(enum log_target *)field = LOG_TO_STDERR;
		else
			return "expected syslog or stderr";
		return NULL;
	case K_LOGLEVEL:
		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			if (levels[i] != NULL && strcmp(v, levels[i]) == 0) {
				*(int *)field = (int)i;
				return NULL;
			}
		return "expected err, warning, info or debug";
	}
	return "bad key type";
}

void
conf_defaults(struct conf *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < NKEYS; i++)
		if (set_key(c, &keys[i], keys[i].def) != NULL)
			abort();	/* a bad default is our bug */
}

void
conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (keys[i].type == K_STR)
			free(*(char **)((char *)c + keys[i].off));
	for (i = 0; i < c->nhosts; i++) {
		free(c->hosts[i].host);
		free(c->hosts[i].network);
	}
	free(c->hosts);
	memset(c, 0, sizeof(*c));
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*e = '\0';
	return s;
}

static const char *
add_host(struct conf *c, const char *host, const char *network)
{
	struct conf_host *h;
	size_t i;
	char *lc;

	for (i = 0; host[i] != '\0'; i++)
		if (!isalnum((unsigned char)host[i]) && host[i] != '.' &&
		    host[i] != '-' && host[i] != '*' && host[i] != ':' &&
		    host[i] != '[' && host[i] != ']')
			return "not a host name";
	if (*network == '\0')
		return "network slug missing";
	for (i = 0; i < c->nhosts; i++)
		if (strcasecmp(c->hosts[i].host, host) == 0)
			return "host listed twice";
	h = realloc(c->hosts, (c->nhosts + 1) * sizeof(*h));
	if (h == NULL)
		abort();
	c->hosts = h;
	lc = xstrdup(host);
	for (i = 0; lc[i] != '\0'; i++)
		lc[i] = (char)tolower((unsigned char)lc[i]);
	h[c->nhosts].host = lc;
	h[c->nhosts].network = xstrdup(network);
	c->nhosts++;
	return NULL;
}

int
conf_parse(struct conf *c, const char *name, const char *text, size_t len,
    char *err, size_t errlen)
{
	char section[32] = "", *copy, *line, *next, *eq, *k, *v;
	unsigned char seen[NKEYS] = { 0 };
	const char *why;
	int lineno = 0, rc = TJG_OK;
	size_t i;

	if (memchr(text, '\0', len) != NULL)
		return err_at(err, errlen, name, 0, "file contains a NUL byte");
	if ((copy = malloc(len + 1)) == NULL)
		abort();
	memcpy(copy, text, len);
	copy[len] = '\0';

	for (line = copy; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line = trim(line);
		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		if (*line == '[') {
			k = strchr(line, ']');
			if (k == NULL || k[1] != '\0' ||
			    (size_t)(k - line - 1) >= sizeof(section)) {
				rc = err_at(err, errlen, name, lineno,
				    "malformed section header");
				goto out;
			}
			*k = '\0';
			snprintf(section, sizeof(section), "%s", line + 1);
			if (strcmp(section, "app") != 0 &&
			    strcmp(section, "database") != 0 &&
			    strcmp(section, "crypto") != 0 &&
			    strcmp(section, "mail") != 0 &&
			    strcmp(section, "api") != 0 &&
			    strcmp(section, "console") != 0 &&
			    strcmp(section, "privacy") != 0 &&
			    strcmp(section, "backup") != 0 &&
			    strcmp(section, "contacts") != 0 &&
			    strcmp(section, "hosts") != 0) {
				rc = err_at(err, errlen, name, lineno,
				    "unknown section [%s]", section);
				goto out;
			}
			continue;
		}
		if ((eq = strchr(line, '=')) == NULL) {
			rc = err_at(err, errlen, name, lineno,
			    "expected key = value");
			goto out;
		}
		*eq = '\0';
		k = trim(line);
		v = trim(eq + 1);
		if (*section == '\0') {
			rc = err_at(err, errlen, name, lineno,
			    "key %s outside a section", k);
			goto out;
		}
		if (strcmp(section, "hosts") == 0) {
			if ((why = add_host(c, k, v)) != NULL) {
				rc = err_at(err, errlen, name, lineno,
				    "[hosts] %s: %s", k, why);
				goto out;
			}
			continue;
		}
		for (i = 0; i < NKEYS; i++)
			if (strcmp(keys[i].section, section) == 0 &&
			    strcmp(keys[i].name, k) == 0)
				break;
		if (i == NKEYS) {
			rc = err_at(err, errlen, name, lineno,
			    "unknown key %s in [%s]", k, section);
			goto out;
		}
		if (seen[i]++) {
			rc = err_at(err, errlen, name, lineno,
			    "%s given twice", k);
			goto out;
		}
		if ((why = set_key(c, &keys[i], v)) != NULL) {
			rc = err_at(err, errlen, name, lineno, "%s: %s", k, why);
			goto out;
		}
	}
	if (c->nhosts == 0)
		rc = err_at(err, errlen, name, lineno,
		    "no [hosts] entry: no network would be served");
out:
	free(copy);
	return rc;
}

int
conf_load(struct conf *c, const char *path, char *err, size_t errlen)
{
	struct buf_file { char *p; size_t len, cap; } f = { NULL, 0, 0 };
	FILE *fp;
	size_t n;
	int rc;

	if ((fp = fopen(path, "r")) == NULL)
		return err_at(err, errlen, path, 0, "cannot open: %s",
		    strerror(errno));
	for (;;) {
		if (f.len == f.cap) {
			f.cap = f.cap ? f.cap * 2 : 4096;
			if (f.cap > 1024 * 1024 ||
			    (f.p = realloc(f.p, f.cap)) == NULL) {
				fclose(fp);
				free(f.p);
				return err_at(err, errlen, path, 0,
				    "file too large");
			}
		}
		n = fread(f.p + f.len, 1, f.cap - f.len, fp);
		f.len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		fclose(fp);
		free(f.p);
		return err_at(err, errlen, path, 0, "read error");
	}
	fclose(fp);
	rc = conf_parse(c, path, f.p != NULL ? f.p : "", f.len, err, errlen);
	free(f.p);
	return rc;
}

const char *
conf_network_for_host(const struct conf *c, const char *host)
{
	const char *any = NULL;
	size_t i, n;

	if (host == NULL)
		host = "";
	/* Strip the port: "host:8080", "[::1]:8080". */
	if (*host == '[') {
		const char *e = strchr(host, ']');
		n = e != NULL ? (size_t)(e - host + 1) : strlen(host);
	} else {
		const char *e = strchr(host, ':');
		n = e != NULL ? (size_t)(e - host) : strlen(host);
	}
	for (i = 0; i < c->nhosts; i++) {
		if (strcmp(c->hosts[i].host, "*") == 0)
			any = c->hosts[i].network;
		else if (strlen(c->hosts[i].host) == n &&
		    strncasecmp(c->hosts[i].host, host, n) == 0)
			return c->hosts[i].network;
	}
	return any;
}
