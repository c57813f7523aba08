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
#include "buf.h"
#include "conf.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "demo.h"
#include "err.h"
#include "log.h"
#include "mail.h"
#include "migrate.h"
#include "store.h"
#include "tmpl.h"

#define CERT_FILE_MAX	(60 * 1024)	/* provider.cert_pem is a TEXT */

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
	    "  token revoke ID               revoke an API token\n"
	    "  provider cert SLUG FILE.pem   encrypt the provider's customer\n"
	    "                                details to this X.509 certificate\n"
	    "  provider cert SLUG --remove   send them in clear (over TLS)\n"
	    "  order erase REF               operator tool: erase one order's\n"
	    "                                personal data (it reappears in the\n"
	    "                                feed with an erasure marker)\n"
	    "  user add --network SLUG [--role ROLE] [--provider SLUG] NAME\n"
	    "                                add a console user (password on\n"
	    "                                standard input)\n"
	    "  user passwd NAME              set a password (standard input)\n"
	    "  user disable|enable NAME      lock a user out, or let back in\n"
	    "  purge                         apply the retention rules (daily)\n"
	    "  import-addresses [--network SLUG] [--apply [--skip-rejected]]\n"
	    "                   [--verbose] FILE\n"
	    "                                preview, or apply in one\n"
	    "                                transaction, an address register\n"
	    "                                CSV (doc/address-import.md)\n"
	    /* privacy (records, backup, restore, rekey) */
	    "  records [--network SLUG]      the records of processing (GDPR\n"
	    "                                Art. 30), generated, in Swedish\n"
	    "  backup [--keygen]             encrypted dump to [backup] dir\n"
	    "                                (daily), or make its key file\n"
	    "  restore FILE [--database NAME] [--key-file PATH]\n"
	    "                                check a backup, then load it\n"
	    "  rekey [--batch N]             re-encrypt orders under the\n"
	    "                                newest data key (after keygen)\n"
	    "  keys [--remove ID]            data keys and their orders;\n"
	    "                                remove a key no order uses\n"
	    /* contacts and reports */
	    "  contacts review               flag overdue contacts; mail the\n"
	    "                                responsible contact of each\n"
	    "                                organisation its contacts to\n"
	    "                                review (daily)\n"
	    "  report volumes --year Y [--period month|quarter|year]\n"
	    "      [--network SLUG] [--provider SLUG] [--format csv|xml]\n"
	    "                                orders per provider, service and\n"
	    "                                period (doc/reports.md)\n"
	    /* (every line above ends without a comma: this one ends them) */
	    "", stderr);
	return 2;
}

int
ctl_open_db(struct ctl *ctl)
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
	if (ctl_open_db(ctl) != TJG_OK)
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
	if (ctl_open_db(ctl) != TJG_OK)
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
	if (ctl_open_db(ctl) != TJG_OK)
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
	if (ctl_open_db(ctl) != TJG_OK && !loop)
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
	if (ctl_open_db(ctl) != TJG_OK)
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
	if (ctl_open_db(ctl) != TJG_OK)
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
	if (ctl_open_db(ctl) != TJG_OK)
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

/* Reads the whole of a small file into b; false (and a message) if not. */
static bool
read_small(const char *path, size_t max, struct buf *b)
{
	char chunk[4096];
	size_t n;
	FILE *f;
	bool ok;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "tjgctl: %s: %s\n", path, strerror(errno));
		return false;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b->len <= max)
		buf_add(b, chunk, n);
	ok = !ferror(f) && b->len <= max;
	if (!ok)
		fprintf(stderr, "tjgctl: %s: %s\n", path, ferror(f) ?
		    "read error" : "larger than a certificate can be");
	fclose(f);
	return ok;
}

/*
 * provider cert SLUG FILE.pem: stores the certificate alone (re-encoded
 * as PEM), its SHA-256 and notAfter, after checking that it parses, has
 * not expired and can be a CMS recipient. A file with a private key in
 * it is refused: that key must never leave the provider.
 */
static int
cert_add(struct ctl *ctl, const char *slug, const char *path)
{
	unsigned char sha[CRYPTO_SHA256_LEN];
	char after[CRYPTO_CERT_TIME_LEN];
	struct crypto_cert *c = NULL;
	struct buf text, pem, trial;
	bool expired = true;
	size_t i;
	int rc, ret = 1;

	buf_init(&text);
	buf_init(&pem);
	buf_init(&trial);
	if (!read_small(path, CERT_FILE_MAX, &text))
		goto out;
	if (strstr(buf_str(&text), "PRIVATE KEY") != NULL) {
		fprintf(stderr, "tjgctl: %s holds a private key; give only "
		    "the certificate (and have the provider make a new key)\n",
		    path);
		goto out;
	}
	if (crypto_cert_load(&c, buf_str(&text)) != TJG_OK) {
		fprintf(stderr, "tjgctl: %s: not a PEM X.509 certificate\n",
		    path);
		goto out;
	}
	if (crypto_cert_info(c, sha, after, &expired, &pem) != TJG_OK) {
		fprintf(stderr, "tjgctl: %s: cannot read the certificate\n",
		    path);
		goto out;
	}
	if (expired) {
		fprintf(stderr, "tjgctl: %s: the certificate expired %s UTC\n",
		    path, after);
		goto out;
	}
	if ((rc = crypto_cms_encrypt_to(c, "trial", 5, &trial)) != TJG_OK) {
		fprintf(stderr, "tjgctl: %s: %s\n", path, rc == TJG_EINVAL ?
		    "its key cannot receive CMS (an RSA or EC key is needed)" :
		    "a trial encryption failed");
		goto out;
	}
	if (ctl_open_db(ctl) != TJG_OK)
		goto out;
	rc = store_api_cert_set(ctl->db, slug, buf_str(&pem), sha, after);
	if (rc == TJG_ENOTFOUND) {
		fprintf(stderr, "tjgctl: provider: no provider %s\n", slug);
		goto out;
	}
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: provider: %s\n", err_name(rc));
		goto out;
	}
	printf("provider %s: customer details now encrypted to the "
	    "certificate with SHA-256 ", slug);
	for (i = 0; i < sizeof(sha); i++)
		printf("%02x", sha[i]);
	printf(", valid until %s UTC\n", after);
	ret = 0;
out:
	crypto_cert_free(c);
	buf_free(&text);
	buf_free(&pem);
	buf_free(&trial);
	return ret;
}

static int
cmd_provider(struct ctl *ctl, int argc, char **argv)
{
	int rc;

	if (argc != 4 || strcmp(argv[1], "cert") != 0)
		return usage();
	if (strcmp(argv[3], "--remove") != 0)
		return cert_add(ctl, argv[2], argv[3]);
	if (ctl_open_db(ctl) != TJG_OK)
		return 1;
	rc = store_api_cert_set(ctl->db, argv[2], NULL, NULL, NULL);
	if (rc == TJG_ENOTFOUND) {
		fprintf(stderr, "tjgctl: provider: no provider %s\n", argv[2]);
		return 1;
	}
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: provider: %s\n", err_name(rc));
		return 1;
	}
	printf("provider %s: certificate removed; customer details are sent "
	    "in clear (over TLS)\n", argv[2]);
	return 0;
}

/*
 * order erase REF: erases the order's personal data now, as the
 * retention purge and the resident's request will (an operator's tool
 * until those exist). Erasing an erased order changes nothing.
 */
static int
cmd_order(struct ctl *ctl, int argc, char **argv)
{
	long long id;
	int rc;

	if (argc != 3 || strcmp(argv[1], "erase") != 0)
		return usage();
	if (ctl_open_db(ctl) != TJG_OK)
		return 1;
	if ((rc = store_api_order_id(ctl->db, argv[2], &id)) == TJG_OK)
		rc = store_order_erase(ctl->db, id, "admin", 0);
	if (rc == TJG_ENOTFOUND) {
		fprintf(stderr, "tjgctl: order: no order %s\n", argv[2]);
		return 1;
	}
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: order: %s\n", err_name(rc));
		return 1;
	}
	printf("order %s: personal data erased\n", argv[2]);
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
	{ "token",		cmd_token },
	{ "provider",		cmd_provider },
	{ "order",		cmd_order },
	{ "user",		cmd_user },
	{ "purge",		cmd_purge },
	/* privacy (records, backup, restore, rekey) */
	{ "records",		cmd_records },
	{ "backup",		cmd_backup },
	{ "restore",		cmd_restore },
	{ "rekey",		cmd_rekey },
	{ "keys",		cmd_keys },

	/* contacts and reports */
	{ "import-addresses",	cmd_import_addresses },
	{ "contacts",		cmd_contacts },
	{ "report",		cmd_report },
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
