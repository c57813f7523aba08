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

#include "api.h"
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
	    "                                until SIGTERM)\n"
	    "  token create --provider SLUG [--label L]\n"
	    "                                create an API token (shown once)\n"
	    "  token list --provider SLUG    a provider's API tokens\n"
	    "  token revoke ID               revoke an API token\n",
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

/* token create|list: --provider SLUG [--label L]. */
static int
token_opts(int argc, char **argv, const char **provider, const char **label)
{
	static const struct option opts[] = {
		{ "provider", required_argument, NULL, 'p' },
		{ "label", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	*provider = NULL;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'p')
			*provider = optarg;
		else if (ch == 'l' && label != NULL)
			*label = optarg;
		else
			return -1;
	}
	return optind == argc && *provider != NULL ? 0 : -1;
}

/*
 * The token is printed once and never stored: the database keeps its
 * SHA-256, so a lost token is revoked and replaced, not recovered.
 */
static int
token_create(struct ctl *ctl, int argc, char **argv)
{
	unsigned char hash[CRYPTO_SHA256_LEN];
	char tok[CRYPTO_TOKEN_LEN(API_TOKEN_BYTES) + 1];
	const char *provider, *label = "";
	long long id = 0;
	int rc;

	if (token_opts(argc, argv, &provider, &label) != 0)
		return usage();
	if (strlen(label) > 100) {
		fprintf(stderr, "tjgctl: token: the label is longer than 100 "
		    "bytes\n");
		return 1;
	}
	if (open_db(ctl) != TJG_OK)
		return 1;
	if (crypto_token(tok, sizeof(tok), API_TOKEN_BYTES) != TJG_OK) {
		fprintf(stderr, "tjgctl: token: no randomness\n");
		return 1;
	}
	crypto_sha256(tok, strlen(tok), hash);
	rc = store_api_token_create(ctl->db, provider, label, hash, &id);
	if (rc == TJG_ENOTFOUND) {
		fprintf(stderr, "tjgctl: token: no provider %s\n", provider);
		return 1;
	}
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: token: %s\n", err_name(rc));
		return 1;
	}
	fprintf(stderr, "token %lld for %s created; it is shown only now:\n",
	    id, provider);
	printf("%s\n", tok);
	return 0;
}

static int
token_list(struct ctl *ctl, int argc, char **argv)
{
	struct api_token *t;
	const char *provider;
	size_t i, n;
	int rc;

	if (token_opts(argc, argv, &provider, NULL) != 0)
		return usage();
	if (open_db(ctl) != TJG_OK)
		return 1;
	rc = store_api_token_list(ctl->db, &ctl->a, provider, &t, &n);
	if (rc == TJG_ENOTFOUND) {
		fprintf(stderr, "tjgctl: token: no provider %s\n", provider);
		return 1;
	}
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: token: %s\n", err_name(rc));
		return 1;
	}
	printf("id\tlabel\tcreated\tlast used\trevoked\n");
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\n", t[i].id, t[i].label,
		    t[i].created, t[i].last_used ? t[i].last_used : "-",
		    t[i].revoked ? t[i].revoked : "-");
	return 0;
}

static int
token_revoke(struct ctl *ctl, int argc, char **argv)
{
	char *end;
	long long id;
	int rc;

	if (argc != 2)
		return usage();
	id = strtoll(argv[1], &end, 10);
	if (*end != '\0' || id <= 0)
		return usage();
	if (open_db(ctl) != TJG_OK)
		return 1;
	if ((rc = store_api_token_revoke(ctl->db, id)) == TJG_ENOTFOUND) {
		fprintf(stderr, "tjgctl: token: no token %lld, or already "
		    "revoked\n", id);
		return 1;
	}
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: token: %s\n", err_name(rc));
		return 1;
	}
	printf("token %lld revoked\n", id);
	return 0;
}

static int
cmd_token(struct ctl *ctl, int argc, char **argv)
{
	if (argc < 2)
		return usage();
	/* Each subcommand parses the options after its own name. */
	optind = 1;
	if (strcmp(argv[1], "create") == 0)
		return token_create(ctl, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return token_list(ctl, argc - 1, argv + 1);
	if (strcmp(argv[1], "revoke") == 0)
		return token_revoke(ctl, argc - 1, argv + 1);
	return usage();
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
	{ "token",		cmd_token },
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
