/*
 * Tests for the retention rule of lib/store_retention.c: a network's own
 * retention_days wins when set, else [privacy] retention_days (90 by
 * default, 1..3650 in the file). The default, asked for no network,
 * needs no database; the rest runs against one in 91-purge.t.
 */
#include <stddef.h>
#include <string.h>

#include "conf.h"
#include "err.h"
#include "store_retention.h"
#include "tap.h"

/* A configuration must serve some network. */
#define HOSTS	"[hosts]\n* = demo\n"

static void
conf_days(const char *text, int want_rc, int want)
{
	struct conf c;
	char err[256];
	int rc, days = -1;

	conf_defaults(&c);
	rc = conf_parse(&c, "test", text, strlen(text), err, sizeof(err));
	is_int(rc, want_rc, "retention %d: %s", want, want_rc == TJG_OK ?
	    "accepted" : "refused");
	if (rc == TJG_OK) {
		is_int(store_retention_days(NULL, &c, 0, &days), TJG_OK,
		    "no network: no database asked");
		is_int(days, want, "the configured default, %d", want);
	}
	conf_free(&c);
}

int
main(void)
{
	is_int(retention_days_pick(0, 90), 90, "no own setting: the default");
	is_int(retention_days_pick(10, 90), 10, "the network's own, shorter");
	is_int(retention_days_pick(365, 90), 365, "the network's own, longer");
	is_int(retention_days_pick(1, 90), 1, "one day is allowed");
	is_int(retention_days_pick(-1, 30), 30, "nonsense: the default");

	conf_days(HOSTS, TJG_OK, 90);
	conf_days(HOSTS "[privacy]\nretention_days = 30\n", TJG_OK, 30);
	conf_days(HOSTS "[privacy]\nretention_days = 0\n", TJG_ECONFIG, 0);
	conf_days(HOSTS "[privacy]\nretention_days = 3651\n", TJG_ECONFIG,
	    3651);
	return done_testing();
}
