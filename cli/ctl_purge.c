/*
 * tjgctl purge: the retention rules, run daily (conf/tjg-purge.timer or
 * the cron line in conf/). Each kind of data has a step in the table
 * below; every step is idempotent, safe while the application serves
 * requests (short transactions), and prints one line of what it did. The
 * clock is clock_now(): TJG_NOW moves it for tests.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "ctl.h"
#include "db.h"
#include "err.h"
#include "store_console.h"

/* Sign-in attempts after [privacy] login_log_days; ended sessions. */
static int
purge_logins(struct ctl *ctl, const char *now)
{
	unsigned long long attempts = 0, sessions = 0;
	int rc;

	if ((rc = store_purge_logins(ctl->db, now, ctl->conf.login_log_days,
	    &attempts)) != TJG_OK ||
	    (rc = store_purge_sessions(ctl->db, now, ctl->conf.session_idle,
	    ctl->conf.session_max, &sessions)) != TJG_OK)
		return rc;
	printf("purge: %llu sign-in attempts older than %d days, %llu ended "
	    "console sessions deleted\n", attempts, ctl->conf.login_log_days,
	    sessions);
	return TJG_OK;
}

static const struct {
	const char	*name;
	int		(*fn)(struct ctl *, const char *now);
} steps[] = {
	{ "logins",	purge_logins },
	/* orders and requests (privacy) */
	{ "orders",	purge_orders },
	{ "requests",	purge_requests },
	{ "outbox",	purge_outbox },

	/* contacts */
	{ "contacts",	purge_contacts },
};

int
cmd_purge(struct ctl *ctl, int argc, char **argv)
{
	char now[CLOCK_SQL_LEN + 1];
	time_t t;
	size_t i;
	int rc, failed = 0;

	(void)argv;
	if (argc != 1) {
		fputs("usage: tjgctl purge\n", stderr);
		return 2;
	}
	if (clock_now(&t) != TJG_OK) {
		fputs("tjgctl: TJG_NOW is not \"YYYY-MM-DD HH:MM:SS\"\n",
		    stderr);
		return 1;
	}
	clock_sql(t, now);
	if (ctl_open_db(ctl) != TJG_OK)
		return 1;
	printf("purge: now is %s UTC\n", now);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if ((rc = steps[i].fn(ctl, now)) != TJG_OK) {
			fprintf(stderr, "tjgctl: purge %s: %s\n", steps[i].name,
			    err_name(rc));
			failed = 1;	/* the other steps still run */
		}
	return failed;
}
