/*
 * tjgctl records [--network SLUG] [--format text]: the records of
 * processing (GDPR Art. 30) as plain Swedish text for the network's
 * data-protection officer, built by records_build() from the
 * configuration, the database and the language files: the same records
 * as the console's /admin/records. Without --network, those of every
 * active network of the installation, one after the other.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "db.h"
#include "err.h"
#include "records.h"
#include "store.h"
#include "store_privacy.h"
#include "tmpl.h"

#define WIDTH	78	/* columns of the text */

/* Columns of s[0..n): UTF-8 continuation bytes take none. */
static size_t
columns(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * Prints text wrapped at WIDTH columns between words: the first line
 * after lead, the others indented by as many columns as lead takes. A
 * word longer than a line (a URL) gets a line of its own.
 */
static void
wrap(const char *lead, const char *text)
{
	size_t indent = columns(lead, strlen(lead)), col, w;
	const char *p = text;

	fputs(lead, stdout);
	col = indent;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		w = strcspn(p, " ");
		if (w == 0)
			break;
		if (col > indent && col + 1 + columns(p, w) > WIDTH) {
			printf("\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, w, stdout);
		col += columns(p, w);
		p += w;
	}
	putchar('\n');
}

/* A heading underlined with '=' or '-' as wide as it is. */
static void
heading(const char *s, char line)
{
	size_t i, n = columns(s, strlen(s));

	printf("%s\n", s);
	for (i = 0; i < n; i++)
		putchar(line);
	putchar('\n');
}

static void
print_records(const struct records *r)
{
	const struct records_activity *act;
	char title[512];
	size_t i, j, k;

	heading(r->title, '=');
	wrap("", r->intro);
	wrap("", r->generated);
	printf("\n");
	heading(r->controller_title, '-');
	for (i = 0; i < r->controller.n; i++)
		wrap("  - ", r->controller.v[i]);
	for (i = 0; i < r->nact; i++) {
		act = &r->act[i];
		snprintf(title, sizeof(title), "%zu. %s", i + 1, act->name);
		printf("\n");
		heading(title, '-');
		for (j = 0; j < RECORDS_NPARTS; j++) {
			if (act->part[j].n == 0)
				continue;
			printf("%s\n", r->part_title[j]);
			for (k = 0; k < act->part[j].n; k++)
				wrap("  - ", act->part[j].v[k]);
		}
	}
}

int
cmd_records(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "network", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *slug = NULL;
	struct network net;
	struct records rec;
	struct tmpl *t = NULL;
	long long *ids = NULL, one;
	size_t i, n = 0;
	char err[512];
	int ch, rc, ret = 1;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'n')
			slug = optarg;
		else if (ch == 'f' && strcmp(optarg, "text") == 0)
			continue;	/* the only format */
		else {
			fputs("usage: tjgctl records [--network SLUG] "
			    "[--format text]\n", stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs("usage: tjgctl records [--network SLUG] "
		    "[--format text]\n", stderr);
		return 2;
	}
	/* The texts are the console's: the language files. */
	if (tmpl_open(&t, ctl->conf.templates, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		return 1;
	}
	if (ctl_open_db(ctl) != TJG_OK)
		goto out;
	if (slug != NULL) {
		if ((rc = store_network_by_slug(ctl->db, &ctl->a, slug,
		    &net)) == TJG_ENOTFOUND) {
			fprintf(stderr, "tjgctl: records: no network %s\n",
			    slug);
			goto out;
		}
		one = net.id;
		ids = &one;
		n = 1;
	} else
		rc = store_privacy_networks(ctl->db, &ctl->a, &ids, &n);
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: records: %s\n", err_name(rc));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((rc = records_build(ctl->db, &ctl->a, &ctl->conf, t, "sv",
		    ids[i], time(NULL), &rec)) != TJG_OK) {
			fprintf(stderr, "tjgctl: records: %s\n", err_name(rc));
			goto out;
		}
		if (i > 0)
			printf("\n\f\n");
		print_records(&rec);
	}
	if (fflush(stdout) != 0) {
		fputs("tjgctl: records: cannot write\n", stderr);
		goto out;
	}
	ret = 0;
out:
	tmpl_close(t);
	return ret;
}
