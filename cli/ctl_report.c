/*
 * tjgctl report volumes: the volume report of a network's orders in a
 * year (doc/reports.md) on standard output, as CSV or XML, byte for
 * byte what the console's download gives for the same parameters (both
 * are written by lib/report.c). Periods are Swedish, whatever the
 * caller's TZ. The export is audited as the console's is.
 */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "db.h"
#include "err.h"
#include "report.h"
#include "store_console.h"
#include "store_report.h"

static int
report_usage(void)
{
	fputs("usage: tjgctl report volumes --year YYYY"
	    " [--period month|quarter|year]\n"
	    "           [--network SLUG] [--provider SLUG]"
	    " [--format csv|xml]\n"
	    "Prints the orders of the network per provider, service and\n"
	    "period of the year (Swedish time), counted by created,\n"
	    "activated, rejected and cancelled: the console's download for\n"
	    "the same parameters. The defaults are months and CSV; --network\n"
	    "may be left out when there is only one network. YYYY is\n"
	    "2000..2999.\n",
	    stderr);
	return 2;
}

static int
audit(struct ctl *ctl, long long network, const struct report *rep,
    const char *format)
{
	struct audit_entry e;
	const struct passwd *pw = getpwuid(geteuid());
	const char *who = pw != NULL ? pw->pw_name : NULL;

	memset(&e, 0, sizeof(e));
	e.actor = arena_printf(&ctl->a, "cli:%s", who != NULL ? who : "?");
	e.network_id = network;
	e.action = "report.export";
	e.object_kind = "report";
	e.object_ref = "volumes";
	e.detail = report_audit_detail(&ctl->a, rep, format);
	return store_audit_add(ctl->db, &e);
}

/* The provider's id among the network's, or 0 (and a message). */
static long long
provider_id(struct ctl *ctl, long long network, const char *net,
    const char *slug)
{
	struct report_choice *c;
	size_t i, n;
	int rc;

	if ((rc = store_report_providers(ctl->db, &ctl->a, network, &c,
	    &n)) != TJG_OK) {
		fprintf(stderr, "tjgctl: report: %s\n", err_name(rc));
		return 0;
	}
	for (i = 0; i < n; i++)
		if (strcmp(c[i].slug, slug) == 0)
			return c[i].id;
	fprintf(stderr, "tjgctl: report: no provider %s in network %s\n",
	    slug, net);
	return 0;
}

static int
volumes(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "period", required_argument, NULL, 'p' },
		{ "network", required_argument, NULL, 'n' },
		{ "provider", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *network = NULL, *provider = NULL, *format = "csv", *net;
	enum report_kind kind = REPORT_MONTH;
	long long network_id, prov = 0;
	struct report rep;
	struct buf out;
	int ch, year = 0, rc, ret = 1;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'y':
			if (report_year_parse(optarg, &year) != TJG_OK) {
				fprintf(stderr, "tjgctl: report: bad year %s\n",
				    optarg);
				return report_usage();
			}
			break;
		case 'p':
			if (report_kind_parse(optarg, &kind) != TJG_OK) {
				fprintf(stderr, "tjgctl: report: bad period "
				    "%s\n", optarg);
				return report_usage();
			}
			break;
		case 'n':
			network = optarg;
			break;
		case 'P':
			provider = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "csv") != 0 &&
			    strcmp(optarg, "xml") != 0) {
				fprintf(stderr, "tjgctl: report: bad format "
				    "%s\n", optarg);
				return report_usage();
			}
			format = optarg;
			break;
		default:
			return report_usage();
		}
	}
	if (optind != argc || year == 0)
		return report_usage();
	/* The periods are Swedish months, as in the worker. */
	if (setenv("TZ", REPORT_TZ, 1) != 0) {
		fputs("tjgctl: report: cannot set TZ\n", stderr);
		return 1;
	}
	tzset();
	if (ctl_open_db(ctl) != TJG_OK)
		return 1;
	rc = store_report_network(ctl->db, &ctl->a, network, &network_id,
	    &net);
	if (rc == TJG_ENOTFOUND || rc == TJG_ECONFLICT) {
		fprintf(stderr, "tjgctl: report: %s\n", rc == TJG_ENOTFOUND ?
		    "no such network" : "there are several networks: give "
		    "--network SLUG");
		return rc == TJG_ECONFLICT ? report_usage() : 1;
	}
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: report: %s\n", err_name(rc));
		return 1;
	}
	if (provider != NULL &&
	    (prov = provider_id(ctl, network_id, net, provider)) == 0)
		return 1;
	if ((rc = report_init(&rep, &ctl->a, net, provider, year, kind)) !=
	    TJG_OK) {
		fprintf(stderr, "tjgctl: report: %s\n", err_name(rc));
		return 1;
	}
	buf_init(&out);
	if ((rc = db_begin(ctl->db)) != TJG_OK)
		goto out;
	if ((rc = store_report_volumes(ctl->db, &rep, network_id, prov)) !=
	    TJG_OK ||
	    (rc = strcmp(format, "csv") == 0 ? report_csv(&rep, &out) :
	    report_xml(&rep, &out)) != TJG_OK ||
	    (rc = audit(ctl, network_id, &rep, format)) != TJG_OK ||
	    (rc = db_commit(ctl->db)) != TJG_OK) {
		db_rollback(ctl->db);
		goto out;
	}
	if (fwrite(buf_str(&out), 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		fputs("tjgctl: report: cannot write the report\n", stderr);
		goto out;
	}
	ret = 0;
out:
	if (rc != TJG_OK)
		fprintf(stderr, "tjgctl: report: %s\n", err_name(rc));
	buf_free(&out);
	return ret;
}

int
cmd_report(struct ctl *ctl, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "volumes") != 0)
		return report_usage();
	/* The subcommand parses the options after its own name. */
	optind = 1;
	return volumes(ctl, argc - 1, argv + 1);
}
