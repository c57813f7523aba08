/*
 * Unit tests: configuration parsing, good and broken files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "err.h"
#include "tap.h"

static int
parse(struct conf *c, const char *text, char *err, size_t errlen)
{
	conf_free(c);
	conf_defaults(c);
	err[0] = '\0';
	return conf_parse(c, "t.conf", text, strlen(text), err, errlen);
}

static const char good[] =
    "# comment\n"
    "; another\n"
    "[app]\n"
    "templates = /srv/tmpl\n"
    "secure_cookies = false\n"
    "max_body = 2048\n"
    "search_limit = 15\n"
    "log = stderr\n"
    "log_level = debug\n"
    "\n"
    "[database]\n"
    "socket =\n"
    "host = db.internal\n"
    "port = 3307\n"
    "user = guide\n"
    "password = s3cr=t # not a comment\n"
    "name = guide\n"
    "connect_timeout = 3\n"
    "[hosts]\n"
    "Guide.Example.NET = demo\n"
    "andra.example.net = andra\n"
    "* = fallback\n";

static const struct {
	const char	*text;
	const char	*err;
} bad[] = {
	{ "[app]\nnope = 1\n[hosts]\na = b\n", "t.conf:2: unknown key nope" },
	{ "[ap]\n", "t.conf:1: unknown section [ap]" },
	{ "[app\n", "t.conf:1: malformed section header" },
	{ "templates = x\n", "t.conf:1: key templates outside a section" },
	{ "[app]\nmax_body = 12k\n", "t.conf:2: max_body: not a whole number" },
	{ "[app]\nmax_body = 1\n", "t.conf:2: max_body: number out of range" },
	{ "[app]\nsearch_limit = 201\n",
	    "t.conf:2: search_limit: number out of range" },
	{ "[app]\nsecure_cookies = maybe\n",
	    "t.conf:2: secure_cookies: expected true or false" },
	{ "[app]\nlog = file\n", "t.conf:2: log: expected syslog or stderr" },
	{ "[app]\nlog_level = loud\n",
	    "t.conf:2: log_level: expected err, warning, info or debug" },
	{ "[app]\ntemplates =\n",
	    "t.conf:2: templates: value must not be empty" },
	{ "[app]\n\n\nsearch_limit = 5\nsearch_limit = 6\n",
	    "t.conf:5: search_limit given twice" },
	{ "[app]\njust words\n", "t.conf:2: expected key = value" },
	{ "[hosts]\nbad host = demo\n", "t.conf:2: [hosts] bad host: not a "
	    "host name" },
	{ "[hosts]\na = demo\nA = other\n",
	    "t.conf:3: [hosts] A: host listed twice" },
	{ "[hosts]\na =\n", "t.conf:2: [hosts] a: network slug missing" },
	{ "[app]\nlog = stderr\n", "t.conf:3: no [hosts] entry" },
	{ "[database]\nport = 70000\n",
	    "t.conf:2: port: number out of range" },
};

int
main(void)
{
	struct conf c;
	char err[256], path[] = "/tmp/t_conf.XXXXXX";
	size_t i;
	FILE *fp;
	int fd;

	conf_defaults(&c);
	is_int(c.search_limit, 20, "default search_limit");
	is_int(c.secure_cookies, 1, "cookies are Secure by default");
	is_int(c.max_body, 1048576, "default max_body");
	is_str(c.db_name, "tjg", "default database name");

	is_int(parse(&c, good, err, sizeof(err)), TJG_OK, "good file parses");
	is_str(err, "", "no message for a good file");
	is_str(c.templates, "/srv/tmpl", "string value");
	is_int(c.secure_cookies, 0, "boolean false");
	is_int(c.max_body, 2048, "size value");
	is_int(c.search_limit, 15, "int value");
	is_int(c.log_target, LOG_TO_STDERR, "log target");
	is_int(c.log_level, LOG_DEBUG, "log level");
	is_str(c.db_socket, "", "empty value allowed where it makes sense");
	is_int(c.db_port, 3307, "port");
	is_str(c.db_password, "s3cr=t # not a comment",
	    "value is taken as written after the first '='");
	is_int(c.db_read_timeout, 10, "unset key keeps its default");
	is_int(c.nhosts, 3, "three hosts");
	is_str(conf_network_for_host(&c, "guide.example.net"), "demo",
	    "host lookup ignores case");
	is_str(conf_network_for_host(&c, "GUIDE.example.net:8080"), "demo",
	    "host lookup ignores the port");
	is_str(conf_network_for_host(&c, "andra.example.net"), "andra",
	    "second network by host");
	is_str(conf_network_for_host(&c, "other.example"), "fallback",
	    "'*' serves any other host");
	is_str(conf_network_for_host(&c, ""), "fallback",
	    "no Host header falls back to '*'");

	is_int(parse(&c, "[hosts]\nonly.example = demo\n", err, sizeof(err)),
	    TJG_OK, "hosts without '*'");
	ok(conf_network_for_host(&c, "other.example") == NULL,
	    "an unknown host has no network");
	is_int(parse(&c, "[hosts]\r\nx.example = demo\r\n", err, sizeof(err)),
	    TJG_OK, "CRLF line ends are accepted");

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		is_int(parse(&c, bad[i].text, err, sizeof(err)), TJG_ECONFIG,
		    "bad file %zu is refused", i);
		ok(strncmp(err, bad[i].err, strlen(bad[i].err)) == 0,
		    "message names file:line and the fault: %s", err);
	}
	conf_free(&c);
	conf_defaults(&c);
	ok(conf_parse(&c, "nul.conf", "[app]\0x", 7, err, sizeof(err)) ==
	    TJG_ECONFIG && strstr(err, "NUL") != NULL,
	    "a NUL byte is refused");

	conf_free(&c);
	conf_defaults(&c);
	is_int(conf_load(&c, "/nonexistent/tjg.conf", err, sizeof(err)),
	    TJG_ECONFIG, "a missing file is refused");
	has_str(err, "/nonexistent/tjg.conf: cannot open",
	    "missing file message");

	fd = mkstemp(path);
	ok(fd >= 0 && (fp = fdopen(fd, "w")) != NULL, "temp file");
	fputs(good, fp);
	fclose(fp);
	conf_free(&c);
	conf_defaults(&c);
	is_int(conf_load(&c, path, err, sizeof(err)), TJG_OK,
	    "the file loads from disk");
	is_str(c.db_host, "db.internal", "loaded value");
	unlink(path);

	/* The example shipped in conf/ must itself be valid. */
	{
		const char *src = getenv("TJG_SRCDIR");
		char ex[4096];

		snprintf(ex, sizeof(ex), "%s/conf/tjg.conf.example",
		    src != NULL ? src : ".");
		conf_free(&c);
		conf_defaults(&c);
		is_int(conf_load(&c, ex, err, sizeof(err)), TJG_OK,
		    "conf/tjg.conf.example is valid: %s", err);
	}
	conf_free(&c);
	return done_testing();
}
