/*
 * tjgctl: the command-line tool for operators. Links libtjg, never
 * FastCGI. Each command is one function in the table below.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "demo.h"
#include "err.h"
#include "log.h"
#include "mail.h"
#include "migrate.h"
#include "tmpl.h"

struct ctl {
	struct conf	 conf;
	const char	*conf_path;
	struct db	*db;
	struct arena	 a;
};

static int
usage(void)
{
	fputs("usage: tjgctl [-c tjg.conf] command [options]\n"
	    "commands:\n"
	    "  check-config                  read and check the configuration\n"
	    "  migrate [--dir DIR]           apply new sql/NNN_*.sql migrations\n"
	    "  demo [--slug S] [--name N] [--addresses N] [--seed N]\n"
	    "                                load a fictional demo network\n"
	    "  keygen                        create the key file, or add a\n"
	    "                                data key to it (key rotation)\n"
	    "  mail [--loop]                 deliver queued mail (once, or\n"
	    "                                until SIGTERM)\n",
	    stderr);
	return 2;
}

static int
open_db(struct ctl *ctl)
{
	int rc = db_open(&ctl->db, &ctl->conf);

	if (rc != TJG_OK)
		fprintf(stderr, "tjgctl: cannot connect to the database: %s\n",
		    db_errmsg(ctl->db));
	return rc;
}

static int
cmd_check_config(struct ctl *ctl, int argc, char **argv)
{
	struct tmpl *t = NULL;
	char err[512];

	(void)argv;
	if (argc > 1)
		return usage();
	if (tmpl_open(&t, ctl->conf.templates, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		return 1;
	}
	tmpl_close(t);
	if (open_db(ctl) != TJG_OK)
		return 1;
	printf("%s: configuration is valid; templates and database "
	    "reachable\n", ctl->conf_path);
	return 0;
}

static int
cmd_migrate(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = TJG_DATADIR "/sql";
	int ch;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'd')
			dir = optarg;
		else
			return usage();
	}
	if (optind != argc)
		return usage();
	if (open_db(ctl) != TJG_OK)
		return 1;
	if (migrate_run(ctl->db, dir, stdout) != TJG_OK) {
		fprintf(stderr, "tjgctl: migration failed: %s\n",
		    db_errmsg(ctl->db));
		return 1;
	}
	return 0;
}

static int
number(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || *out > max) {
		fprintf(stderr, "tjgctl: bad number: %s\n", s);
		return -1;
	}
	return 0;
}

static int
cmd_demo(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "slug", required_argument, NULL, 's' },
		{ "name", required_argument, NULL, 'n' },
		{ "addresses", required_argument, NULL, 'a' },
		{ "seed", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *slug = "demo", *name = "Demo Stadsnät";
	unsigned long long naddr = 5000, seed = 1;
	time_t start = time(NULL);
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			slug = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'a':
			if (number(optarg, 10000000, &naddr) != 0)
				return 2;
			break;
		case 'r':
			if (number(optarg, 0xffffffffu, &seed) != 0)
				return 2;
			break;
		default:
			return usage();
		}
	}
	if (optind != argc)
		return usage();
	if (open_db(ctl) != TJG_OK)
		return 1;
	rc = demo_load(ctl->db, &ctl->a, slug, name, (size_t)naddr,
	    (unsigned)seed, stdout);
	if (rc == TJG_ECONFLICT) {
		fprintf(stderr, "tjgctl: network %s is already loaded\n", slug);
		return 3;
	}
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: demo load failed (%s): %s\n",
		    err_name(rc), db_errmsg(ctl->db));
		return 1;
	}
	printf("demo: network %s loaded with %llu addresses in %lld s\n", slug,
	    naddr, (long long)(time(NULL) - start));
	return 0;
}

static int
cmd_keygen(struct ctl *ctl, int argc, char **argv)
{
	char err[512];
	int id;

	(void)argv;
	if (argc > 1)
		return usage();
	if (crypto_keygen(ctl->conf.key_file, &id, err, sizeof(err)) !=
	    TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		return 1;
	}
	printf("keygen: %s now has data key %d (used for new writes)\n",
	    ctl->conf.key_file, id);
	return 0;
}

static int
cmd_mail(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "loop", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	bool loop = false;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'l')
			loop = true;
		else
			return usage();
	}
	if (optind != argc)
		return usage();
	/* With --loop a database that is down now is waited for. */
	if (open_db(ctl) != TJG_OK && !loop)
		return 1;
	rc = mail_run(ctl->db, &ctl->a, &ctl->conf, loop, stdout);
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: mail: %s\n", err_name(rc));
		return 1;
	}
	return 0;
}

static const struct {
	const char	*name;
	int		(*fn)(struct ctl *, int, char **);
} commands[] = {
	{ "check-config",	cmd_check_config },
	{ "migrate",		cmd_migrate },
	{ "demo",		cmd_demo },
	{ "keygen",		cmd_keygen },
	{ "mail",		cmd_mail },
};

int
main(int argc, char **argv)
{
	struct ctl ctl;
	char err[512];
	size_t i;
	int ch, rc = 1;

	memset(&ctl, 0, sizeof(ctl));
	arena_init(&ctl.a);
	conf_defaults(&ctl.conf);
	if ((ctl.conf_path = getenv("TJG_CONF")) == NULL)
		ctl.conf_path = TJG_SYSCONFDIR "/tjg/tjg.conf";
	while ((ch = getopt(argc, argv, "+c:h")) != -1) {
		if (ch == 'c')
			ctl.conf_path = optarg;
		else {
			rc = usage();
			goto out;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		rc = usage();
		goto out;
	}
	if (conf_load(&ctl.conf, ctl.conf_path, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		goto out;
	}
	log_open("tjgctl", LOG_TO_STDERR, ctl.conf.log_level);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		fprintf(stderr, "tjgctl: unknown command %s\n", argv[0]);
		rc = usage();
		goto out;
	}
	optind = 1;	/* each command parses its own options */
	rc = commands[i].fn(&ctl, argc, argv);
out:
	db_close(ctl.db);
	conf_free(&ctl.conf);
	arena_free(&ctl.a);
	return rc;
}
