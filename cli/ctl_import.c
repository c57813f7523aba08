/*
 * tjgctl import-addresses: the console's address register import from
 * the shell, for files too large for an upload. The same reading and
 * diff (lib/import.c), the same texts (the English language file), the
 * same single transaction when applied. A progress line goes to a
 * terminal only.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "err.h"
#include "import.h"
#include "store_admin_catalog.h"
#include "store_console.h"
#include "tmpl.h"

#define IMPORT_CLI_MAX	(256UL * 1024 * 1024)	/* bytes of a file */

static int
import_usage(void)
{
	fputs("usage: tjgctl import-addresses [--network SLUG] [--apply "
	    "[--skip-rejected]]\n"
	    "                                 [--verbose] FILE\n"
	    "Reads the address register FILE (CSV, see doc/address-import.md)"
	    " and shows\nwhat importing it would add, change and reject. "
	    "--apply writes it in one\ntransaction, only if no row was "
	    "rejected, or with --skip-rejected without\nthe rejected rows. "
	    "--verbose lists every addition and change. FILE \"-\" is\n"
	    "standard input. Exit status 1 if a row was rejected (unless "
	    "applied with\n--skip-rejected) or the file cannot be read.\n",
	    stderr);
	return 2;
}

struct texts {
	struct tmpl	*t;	/* NULL: the words of the reasons */
};

/* The English text of key with "{v}" replaced, or fallback. */
static void
print_text(const struct texts *tx, const char *key, const char *v,
    const char *fallback)
{
	const char *t = tx->t != NULL ? tmpl_text(tx->t, "en", key) : key,
	    *at;

	if (t == key || (at = strstr(t, "{v}")) == NULL) {
		if (t == key)
			printf("%s%s%s", fallback, *v != '\0' ? ": " : "", v);
		else
			fputs(t, stdout);
		return;
	}
	printf("%.*s%s%s", (int)(at - t), t, v, at + 3);
}

static bool progress_on;

static void
progress(void *ctx, const char *stage, size_t done, size_t total)
{
	static const char *const words[][2] = {
		{ "read", "line" }, { "compare", "comparing" },
		{ "write", "writing" },
	};
	const char *w = stage;
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(stage, words[i][0]) == 0)
			w = words[i][1];
	fprintf(stderr, "\r%s %zu of %zu   ", w, done, total);
	progress_on = true;
}

/* Clears the progress line before anything else is printed. */
static void
progress_end(void)
{
	if (progress_on)
		fprintf(stderr, "\r%44s\r", "");
	progress_on = false;
}

static bool
read_file(const char *path, struct buf *b)
{
	char chunk[65536];
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t n;
	bool ok;

	if (f == NULL) {
		fprintf(stderr, "tjgctl: %s: %s\n", path, strerror(errno));
		return false;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    b->len <= IMPORT_CLI_MAX)
		buf_add(b, chunk, n);
	ok = !ferror(f) && b->len <= IMPORT_CLI_MAX;
	if (!ok)
		fprintf(stderr, "tjgctl: %s: %s\n", path, ferror(f) ?
		    "read error" : "larger than 256 MB");
	if (f != stdin)
		fclose(f);
	return ok;
}

static const char *
addr_line(struct arena *a, const struct import_address *x)
{
	return arena_printf(a, "%s %d%s, %s %s", x->street, x->number,
	    x->littera, x->postcode, x->city);
}

static void
print_changes(const char *what, size_t line, const struct import_change *c,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("line %zu: change %s: %s: \"%s\" -> \"%s\"\n", line,
		    what, c[i].field, c[i].old, c[i].new);
}

static void
print_plan(struct arena *a, const struct texts *tx, const char *path,
    const struct import_file *f, const struct import_plan *p, bool verbose)
{
	const struct import_reject *r;
	size_t i;

	if (f->fault != IMPORT_F_NONE) {
		printf("%s: ", path);
		print_text(tx, arena_printf(a, "admin.catalog.fault.%s",
		    import_fault_name(f->fault)), f->fault_value,
		    import_fault_name(f->fault));
		printf("\n");
		return;
	}
	printf("%s: %s, separated by '%s'%s\n", path, f->cp1252 ?
	    "Windows-1252 (not UTF-8)" : "UTF-8", f->sep == '\t' ? "\\t" :
	    f->sep == ',' ? "," : ";", f->bom ? ", with a BOM" : "");
	for (i = 0; i < f->nignored; i++)
		printf("column ignored: %s\n", f->ignored[i]);
	if (verbose) {
		for (i = 0; i < p->naddresses; i++)
			if (p->addresses[i].action == IMPORT_ADD)
				printf("line %zu: add address %s\n",
				    p->addresses[i].line,
				    addr_line(a, &p->addresses[i]));
			else if (p->addresses[i].action == IMPORT_CHANGE)
				print_changes(arena_printf(a, "address %s",
				    addr_line(a, &p->addresses[i])),
				    p->addresses[i].line,
				    p->addresses[i].changes,
				    p->addresses[i].nchanges);
		for (i = 0; i < p->noutlets; i++)
			if (p->outlets[i].action == IMPORT_ADD)
				printf("line %zu: add outlet %s%s%s\n",
				    p->outlets[i].line, p->outlets[i].code,
				    p->outlets[i].apartment != NULL ?
				    " apartment " : "",
				    p->outlets[i].apartment != NULL ?
				    p->outlets[i].apartment : "");
			else if (p->outlets[i].action == IMPORT_CHANGE)
				print_changes(arena_printf(a, "outlet %s",
				    p->outlets[i].code), p->outlets[i].line,
				    p->outlets[i].changes,
				    p->outlets[i].nchanges);
	}
	for (i = 0; i < p->nrejects; i++) {
		r = &p->rejects[i];
		printf("line %zu: rejected: ", r->line);
		print_text(tx, arena_printf(a, "admin.catalog.why.%s",
		    import_why_name(r->why)), r->value,
		    import_why_name(r->why));
		printf("\n");
	}
	printf("rows: %zu\n"
	    "addresses added: %zu\n"
	    "addresses changed: %zu\n"
	    "outlets added: %zu\n"
	    "outlets changed: %zu\n"
	    "rows unchanged: %zu\n"
	    "rows rejected: %zu\n", p->records, p->addresses_added,
	    p->addresses_changed, p->outlets_added, p->outlets_changed,
	    p->unchanged, p->nrejects);
}

/* The network named slug, or the only one; false (and why) if neither. */
static bool
network_of(struct ctl *ctl, const char *slug, long long *id)
{
	int rc = store_import_network(ctl->db, slug, id);

	if (rc == TJG_OK)
		return true;
	if (rc == TJG_ENOTFOUND && slug != NULL)
		fprintf(stderr, "tjgctl: no network %s\n", slug);
	else if (rc == TJG_ENOTFOUND)
		fprintf(stderr, "tjgctl: there is no network yet\n");
	else if (rc == TJG_ECONFLICT)
		fprintf(stderr, "tjgctl: there are several networks: name "
		    "one with --network SLUG\n");
	else
		fprintf(stderr, "tjgctl: import-addresses: %s\n",
		    err_name(rc));
	return false;
}

/* Everything in one transaction: state, diff, writes, record, audit. */
static int
apply(struct ctl *ctl, long long network, const char *path,
    const struct buf *file, const struct import_file *f,
    const struct import_progress *pr, struct import_plan *p)
{
	unsigned char sha[CRYPTO_SHA256_LEN];
	const struct passwd *pw = getpwuid(geteuid());
	struct import_state st;
	struct audit_entry e;
	const char *actor, *name;
	long long id = 0;
	int rc;

	actor = arena_printf(&ctl->a, "cli:%s", pw != NULL ? pw->pw_name :
	    "?");
	name = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	crypto_sha256(file->len > 0 ? file->p : "", file->len, sha);
	memset(&e, 0, sizeof(e));
	e.network_id = network;
	e.actor = actor;
	e.action = "address.import";
	e.object_kind = "import";
	if ((rc = db_begin(ctl->db)) != TJG_OK)
		return rc;
	if ((rc = store_import_state(ctl->db, &ctl->a, network, &st)) !=
	    TJG_OK ||
	    (rc = import_diff(&ctl->a, f, &st, pr, p)) != TJG_OK ||
	    (rc = store_import_apply(ctl->db, &ctl->a, network, p, pr)) !=
	    TJG_OK ||
	    (rc = store_import_save(ctl->db, network, actor, 0,
	    strlen(name) > 255 ? "" : name, NULL, file->len, sha, &id)) !=
	    TJG_OK ||
	    (rc = store_import_done(ctl->db, id, actor, p)) != TJG_OK)
		goto fail;
	e.object_ref = arena_printf(&ctl->a, "%lld", id);
	e.detail = arena_printf(&ctl->a, "addresses_added=%zu "
	    "addresses_changed=%zu outlets_added=%zu outlets_changed=%zu "
	    "unchanged=%zu rejected=%zu", p->addresses_added,
	    p->addresses_changed, p->outlets_added, p->outlets_changed,
	    p->unchanged, p->nrejects);
	if ((rc = store_audit_add(ctl->db, &e)) != TJG_OK ||
	    (rc = db_commit(ctl->db)) != TJG_OK)
		goto fail;
	return TJG_OK;
fail:
	db_rollback(ctl->db);
	return rc;
}

int
cmd_import_addresses(struct ctl *ctl, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "network", required_argument, NULL, 'n' },
		{ "apply", no_argument, NULL, 'a' },
		{ "skip-rejected", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_progress pr = { NULL, NULL };
	const char *slug = NULL, *path;
	bool do_apply = false, skip = false, verbose = false;
	struct import_state st;
	struct import_file f;
	struct import_plan p;
	struct texts tx = { NULL };
	long long network;
	struct buf file;
	char err[512];
	int ch, rc, ret = 1;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			slug = optarg;
			break;
		case 'a':
			do_apply = true;
			break;
		case 's':
			skip = true;
			break;
		case 'v':
			verbose = true;
			break;
		default:
			return import_usage();
		}
	}
	if (optind != argc - 1 || (skip && !do_apply))
		return import_usage();
	path = argv[optind];
	if (isatty(STDERR_FILENO))
		pr.fn = progress;
	/* The reasons in the console's English words, if they can be read. */
	if (tmpl_open(&tx.t, ctl->conf.templates, err, sizeof(err)) != TJG_OK)
		tx.t = NULL;
	buf_init(&file);
	if (!read_file(path, &file))
		goto out;
	if (ctl_open_db(ctl) != TJG_OK || !network_of(ctl, slug, &network))
		goto out;
	rc = import_parse(&ctl->a, file.len > 0 ? file.p : "", file.len, &pr,
	    &f);
	if (rc == TJG_OK)
		rc = store_import_state(ctl->db, &ctl->a, network, &st);
	if (rc == TJG_OK)
		rc = import_diff(&ctl->a, &f, &st, &pr, &p);
	progress_end();
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: import-addresses: %s: %s\n",
		    err_name(rc), db_errmsg(ctl->db));
		goto out;
	}
	print_plan(&ctl->a, &tx, path, &f, &p, verbose);
	if (f.fault != IMPORT_F_NONE)
		goto out;
	if (!do_apply) {
		ret = p.nrejects > 0 ? 1 : 0;
		goto out;
	}
	if (p.nrejects > 0 && !skip) {
		printf("not applied: %zu rows rejected (fix them, or apply the "
		    "rest with --skip-rejected)\n", p.nrejects);
		goto out;
	}
	rc = apply(ctl, network, path, &file, &f, &pr, &p);
	progress_end();
	if (rc != TJG_OK) {
		fprintf(stderr, "tjgctl: import-addresses: nothing written, "
		    "the transaction failed: %s: %s\n", err_name(rc),
		    db_errmsg(ctl->db));
		goto out;
	}
	printf("applied: %zu addresses added, %zu changed; %zu outlets added, "
	    "%zu changed\n", p.addresses_added, p.addresses_changed,
	    p.outlets_added, p.outlets_changed);
	ret = 0;
out:
	progress_end();
	buf_free(&file);
	tmpl_close(tx.t);
	return ret;
}
