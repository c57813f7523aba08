/*
 * tjgctl user add|passwd|disable|enable: console users from the shell,
 * first of all the network's first administrator. Passwords are read from
 * standard input (one line), never from the command line where ps and
 * the shell history would see them.
 */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "ctl.h"
#include "db.h"
#include "err.h"
#include "passwd.h"
#include "store_console.h"

static int
user_usage(void)
{
	fputs("usage: tjgctl user add --network SLUG [--role ROLE]"
	    " [--provider SLUG] NAME\n"
	    "       tjgctl user passwd NAME\n"
	    "       tjgctl user disable NAME\n"
	    "       tjgctl user enable NAME\n"
	    "ROLE is network_admin (the default), network_support or\n"
	    "provider_user (with --provider). The password is read from\n"
	    "standard input, one line; on a terminal it is asked for twice.\n",
	    stderr);
	return 2;
}

/* One line from stdin without its newline; asked twice on a terminal. */
static int
read_password(char *pw, size_t len)
{
	char again[PASSWD_MAX_LEN + 2];
	bool tty = isatty(STDIN_FILENO);
	const char *why;

	if (tty)
		fputs("New password: ", stderr);
	if (fgets(pw, (int)len, stdin) == NULL) {
		fputs("tjgctl: no password on standard input\n", stderr);
		return 1;
	}
	pw[strcspn(pw, "\r\n")] = '\0';
	if ((why = passwd_policy(pw)) != NULL) {
		fprintf(stderr, "tjgctl: password refused: %s\n",
		    strcmp(why, "admin.pw.short") == 0 ?
		    "shorter than 10 characters" :
		    strcmp(why, "admin.pw.long") == 0 ? "too long" :
		    "one character repeated");
		return 1;
	}
	if (tty) {
		fputs("Again: ", stderr);
		if (fgets(again, sizeof(again), stdin) == NULL)
			return 1;
		again[strcspn(again, "\r\n")] = '\0';
		if (strcmp(pw, again) != 0) {
			fputs("tjgctl: the passwords differ\n", stderr);
			return 1;
		}
		OPENSSL_cleanse(again, sizeof(again));
	}
	return 0;
}

static int
audit(struct ctl *ctl, const char *action, const char *name)
{
	struct audit_entry e;
	const struct passwd *pw = getpwuid(geteuid());
	const char *who = pw != NULL ? pw->pw_name : NULL;

	memset(&e, 0, sizeof(e));
	e.actor = arena_printf(&ctl->a, "cli:%s", who != NULL ? who : "?");
	e.action = action;
	e.object_kind = "user";
	e.object_ref = name;
	return store_audit_add(ctl->db, &e);
}

static int
user_add(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "network", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "provider", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *network = NULL, *role = "network_admin", *provider = NULL;
	char pw[PASSWD_MAX_LEN + 2], hash[PASSWD_HASH_MAX];
	long long id;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'n')
			network = optarg;
		else if (ch == 'r')
			role = optarg;
		else if (ch == 'p')
			provider = optarg;
		else
			return user_usage();
	}
	if (optind != argc - 1 || network == NULL ||
	    (strcmp(role, "network_admin") != 0 &&
	    strcmp(role, "network_support") != 0 &&
	    strcmp(role, "provider_user") != 0) ||
	    (strcmp(role, "provider_user") == 0) != (provider != NULL))
		return user_usage();
	if (strlen(argv[optind]) == 0 || strlen(argv[optind]) > 64) {
		fputs("tjgctl: a user name has 1 to 64 characters\n", stderr);
		return 1;
	}
	if (read_password(pw, sizeof(pw)) != 0)
		return 1;
	rc = passwd_hash(pw, ctl->conf.scrypt_ln, hash);
	OPENSSL_cleanse(pw, sizeof(pw));
	if (rc != TJG_OK || ctl_open_db(ctl) != TJG_OK)
		return 1;
	rc = store_user_add(ctl->db, argv[optind], hash, role, network,
	    provider, &id);
	if (rc == TJG_ENOTFOUND || (rc == TJG_OK && provider != NULL &&
	    id == 0)) {
		fprintf(stderr, "tjgctl: no network %s%s%s\n", network,
		    provider != NULL ? " or provider " : "",
		    provider != NULL ? provider : "");
		return 1;
	}
	if (rc == TJG_ECONFLICT) {
		fprintf(stderr, "tjgctl: user %s exists already\n",
		    argv[optind]);
		return 1;
	}
	if (rc != TJG_OK || audit(ctl, "user.add", argv[optind]) != TJG_OK) {
		fprintf(stderr, "tjgctl: user add: %s\n", err_name(rc));
		return 1;
	}
	printf("user %s (%s) added\n", argv[optind], role);
	return 0;
}

int
cmd_user(struct ctl *ctl, int argc, char **argv)
{
	char pw[PASSWD_MAX_LEN + 2], hash[PASSWD_HASH_MAX];
	const char *what;
	long long id;
	int rc;

	if (argc < 2)
		return user_usage();
	if (strcmp(argv[1], "add") == 0)
		return user_add(ctl, argc - 1, argv + 1);
	if (argc != 3)
		return user_usage();
	if (strcmp(argv[1], "passwd") == 0) {
		if (read_password(pw, sizeof(pw)) != 0)
			return 1;
		rc = passwd_hash(pw, ctl->conf.scrypt_ln, hash);
		OPENSSL_cleanse(pw, sizeof(pw));
		if (rc != TJG_OK || ctl_open_db(ctl) != TJG_OK)
			return 1;
		rc = store_user_set_hash_by_name(ctl->db, argv[2], hash, &id);
		what = "user.password";
	} else if (strcmp(argv[1], "disable") == 0 ||
	    strcmp(argv[1], "enable") == 0) {
		if (ctl_open_db(ctl) != TJG_OK)
			return 1;
		rc = store_user_set_disabled_by_name(ctl->db, argv[2],
		    argv[1][0] == 'd', &id);
		what = argv[1][0] == 'd' ? "user.disable" : "user.enable";
	} else
		return user_usage();
	if (rc == TJG_ENOTFOUND) {
		fprintf(stderr, "tjgctl: no user %s\n", argv[2]);
		return 1;
	}
	if (rc != TJG_OK || (rc = audit(ctl, what, argv[2])) != TJG_OK) {
		fprintf(stderr, "tjgctl: user: %s\n", err_name(rc));
		return 1;
	}
	printf("user %s: %s\n", argv[2], strcmp(argv[1], "passwd") == 0 ?
	    "password set, sessions ended" : argv[1][0] == 'd' ?
	    "disabled, sessions ended" : "enabled");
	return 0;
}
