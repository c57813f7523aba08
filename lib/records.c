/*
 * The records of processing (GDPR Art. 30), generated: every sentence is
 * a text of the language files (admin.records.*) with the facts filled
 * in from the configuration, the database and the table of what the
 * order form stores, so changing a setting changes the records, and the
 * records cannot claim what the system does not do. Also the retention
 * rule that the privacy notice and `tjgctl purge` share.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "err.h"
#include "records.h"
#include "store_privacy.h"
#include "store_retention.h"
#include "tmpl.h"

const struct records_pii records_pii[] = {
	{ "first_name",		"always" },
	{ "last_name",		"always" },
	{ "email",		"always" },
	{ "phone",		"always" },
	{ "pnr",		"pnr" },
	{ "invoice_street",	"invoice" },
	{ "invoice_postcode",	"invoice" },
	{ "invoice_city",	"invoice" },
	{ "x.",			"extra" },
};
const size_t records_npii = sizeof(records_pii) / sizeof(records_pii[0]);

static const char *const part_keys[RECORDS_NPARTS] = {
	[RECORDS_CONTROLLER] = "admin.records.part.controller",
	[RECORDS_PURPOSES] = "admin.records.part.purposes",
	[RECORDS_BASIS] = "admin.records.part.basis",
	[RECORDS_SUBJECTS] = "admin.records.part.subjects",
	[RECORDS_DATA] = "admin.records.part.data",
	[RECORDS_RECIPIENTS] = "admin.records.part.recipients",
	[RECORDS_TRANSFERS] = "admin.records.part.transfers",
	[RECORDS_RETENTION] = "admin.records.part.retention",
	[RECORDS_SECURITY] = "admin.records.part.security",
};

const char *
records_fill(struct arena *a, const char *text, const char *const *args,
    size_t nargs)
{
	struct buf b;
	const char *p, *out;
	size_t i;

	buf_init(&b);
	buf_adds(&b, "");
	for (p = text; *p != '\0'; p++) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' &&
		    (i = (size_t)(p[1] - '1')) < nargs && args[i] != NULL) {
			buf_adds(&b, args[i]);
			p += 2;
		} else
			buf_addc(&b, *p);
	}
	out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* The state of one build: where the next sentence goes. */
struct rb {
	struct arena		*a;
	struct tmpl		*t;
	const char		*lang;
	struct records_list	*cur;
};

static void
list_add(struct arena *a, struct records_list *l, const char *s)
{
	l->v = arena_grow(a, l->v, l->n, &l->cap, sizeof(*l->v));
	l->v[l->n++] = s;
}

static const char *
text(struct rb *b, const char *key)
{
	return tmpl_text(b->t, b->lang, key);
}

/* The text of key with the NULL-terminated arguments filled in. */
static const char *
vfill(struct rb *b, const char *key, va_list ap)
{
	const char *args[9], *s;
	size_t n = 0;

	while (n < 9 && (s = va_arg(ap, const char *)) != NULL)
		args[n++] = s;
	return records_fill(b->a, text(b, key), args, n);
}

static const char *
fill(struct rb *b, const char *key, ...) __attribute__((sentinel));

static const char *
fill(struct rb *b, const char *key, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, key);
	s = vfill(b, key, ap);
	va_end(ap);
	return s;
}

/* Adds a sentence to the current part. */
static void
say(struct rb *b, const char *key, ...) __attribute__((sentinel));

static void
say(struct rb *b, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	list_add(b->a, b->cur, vfill(b, key, ap));
	va_end(ap);
}

static const char *
num(struct rb *b, long long n)
{
	return arena_printf(b->a, "%lld", n);
}

static bool
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/*
 * TLS is the web server's; secure_cookies off is how the configuration
 * says that this installation is a plain-HTTP demo.
 */
static void
tls(struct rb *b, const struct conf *c)
{
	say(b, c->secure_cookies ? "admin.records.sec_tls" :
	    "admin.records.sec_tls_off", NULL);
}

static struct records_activity *
activity(struct rb *b, struct records *r, const char *id)
{
	struct records_activity *act = &r->act[r->nact++];

	act->id = id;
	act->name = text(b, arena_printf(b->a, "admin.records.%s.name", id));
	return act;
}

static void
part(struct rb *b, struct records_activity *act, enum records_part p)
{
	b->cur = &act->part[p];
}

/* "Name, organisationsnummer NNNNNN-NNNN" of the network. */
static const char *
controller_line(struct rb *b, const struct privacy_controller *c)
{
	return fill(b, "admin.records.ctl.line", empty(c->legal_name) ?
	    c->name : c->legal_name, empty(c->org_number) ?
	    text(b, "admin.records.missing") : c->org_number, NULL);
}

static void
controller(struct rb *b, struct records *r,
    const struct privacy_controller *c)
{
	const char *missing = text(b, "admin.records.missing");

	b->cur = &r->controller;
	say(b, "admin.records.ctl.name", empty(c->legal_name) ? missing :
	    c->legal_name, NULL);
	say(b, "admin.records.ctl.org", empty(c->org_number) ? missing :
	    c->org_number, NULL);
	say(b, "admin.records.ctl.address", empty(c->postal_address) ?
	    missing : c->postal_address, NULL);
	say(b, "admin.records.ctl.email", empty(c->contact_email) ? missing :
	    c->contact_email, NULL);
	say(b, "admin.records.ctl.privacy_email", empty(c->privacy_email) ?
	    text(b, "admin.records.ctl.privacy_same") : c->privacy_email,
	    NULL);
	if (!empty(c->contact_phone))
		say(b, "admin.records.ctl.phone", c->contact_phone, NULL);
}

/* Names of the providers that require personnummer, or NULL for none. */
static const char *
pnr_providers(struct rb *b, const struct privacy_provider *p, size_t n)
{
	struct buf s;
	const char *out = NULL;
	size_t i;

	buf_init(&s);
	for (i = 0; i < n; i++)
		if (p[i].requires_pnr) {
			if (s.len > 0)
				buf_adds(&s, ", ");
			buf_adds(&s, p[i].name);
		}
	if (s.len > 0)
		out = arena_strdup(b->a, buf_str(&s));
	buf_free(&s);
	return out;
}

static void
extra_field(struct rb *b, const struct privacy_field *f, const char *owner)
{
	bool en = strcmp(b->lang, "en") == 0;
	const char *label = en ? f->label_en : f->label_sv;

	if (f->service != NULL)
		owner = fill(b, "admin.records.extra_service", owner,
		    f->service, NULL);
	say(b, "admin.records.orders.data_extra", label, owner,
	    text(b, f->required ? "admin.records.required" :
	    "admin.records.optional"), f->key, NULL);
}

/* The personal data of an order: the table, then the form's fields. */
static void
order_data(struct rb *b, const struct conf *c,
    const struct privacy_controller *net, const struct privacy_provider *p,
    size_t np, const struct privacy_field *netf, size_t nnetf)
{
	const char *pnr = pnr_providers(b, p, np), *when;
	size_t i, j, nextra = nnetf;

	for (i = 0; i < records_npii; i++) {
		if (strcmp(records_pii[i].when, "extra") == 0)
			continue;
		if (strcmp(records_pii[i].key, "pnr") == 0 && pnr == NULL)
			when = text(b, "admin.records.when.pnr_none");
		else
			when = fill(b, arena_printf(b->a,
			    "admin.records.when.%s", records_pii[i].when),
			    pnr, NULL);
		say(b, "admin.records.orders.data_pii", text(b, arena_printf(
		    b->a, "admin.records.pii.%s", records_pii[i].key)), when,
		    records_pii[i].key, NULL);
	}
	for (i = 0; i < nnetf; i++)
		extra_field(b, &netf[i], empty(net->legal_name) ? net->name :
		    net->legal_name);
	for (i = 0; i < np; i++)
		for (j = 0; j < p[i].nfields; j++, nextra++)
			extra_field(b, &p[i].fields[j], p[i].name);
	if (nextra == 0)
		say(b, "admin.records.orders.data_extra_none", NULL);
	say(b, "admin.records.orders.data_outlet", NULL);
	say(b, "admin.records.orders.data_order", NULL);
	say(b, "admin.records.orders.data_log", NULL);
	say(b, "admin.records.orders.data_bidx", NULL);
	say(b, "admin.records.orders.data_ip", num(b, c->order_rate_limit),
	    NULL);
}

static void
orders(struct rb *b, struct records *r, const struct conf *c,
    const struct privacy_controller *net, const struct privacy_provider *p,
    size_t np, const struct privacy_field *netf, size_t nnetf,
    const struct privacy_key_use *keys, size_t nkeys, int days)
{
	struct records_activity *act = activity(b, r, "orders");
	const char *pnr = pnr_providers(b, p, np);
	size_t i;

	part(b, act, RECORDS_CONTROLLER);
	list_add(b->a, b->cur, controller_line(b, net));
	say(b, "admin.records.orders.ctl_provider", NULL);
	part(b, act, RECORDS_PURPOSES);
	say(b, "admin.records.orders.purpose1", NULL);
	say(b, "admin.records.orders.purpose2", NULL);
	say(b, "admin.records.orders.purpose3", NULL);
	say(b, "admin.records.orders.purpose4", NULL);
	part(b, act, RECORDS_BASIS);
	say(b, "admin.records.orders.basis", NULL);
	if (pnr != NULL)
		say(b, "admin.records.orders.basis_pnr", pnr, NULL);
	else
		say(b, "admin.records.orders.basis_pnr_none", NULL);
	part(b, act, RECORDS_SUBJECTS);
	say(b, "admin.records.orders.subjects", NULL);
	part(b, act, RECORDS_DATA);
	order_data(b, c, net, p, np, netf, nnetf);
	part(b, act, RECORDS_RECIPIENTS);
	for (i = 0; i < np; i++)
		say(b, "admin.records.orders.recipient", p[i].name,
		    empty(p[i].org_number) ? text(b, "admin.records.missing") :
		    p[i].org_number, empty(p[i].privacy_url) ?
		    text(b, "admin.records.missing") : p[i].privacy_url, NULL);
	if (np == 0)
		say(b, "admin.records.orders.recipient_none", NULL);
	say(b, "admin.records.orders.recipient_staff", NULL);
	part(b, act, RECORDS_TRANSFERS);
	say(b, "admin.records.transfers_none", NULL);
	part(b, act, RECORDS_RETENTION);
	say(b, "admin.records.orders.ret", num(b, days),
	    days == c->retention_days ? text(b, "admin.records.ret_conf") :
	    fill(b, "admin.records.ret_network", num(b, c->retention_days),
	    NULL), NULL);
	say(b, "admin.records.orders.ret_erase", NULL);
	say(b, "admin.records.ret_backup", num(b, c->backup_keep_days), NULL);
	part(b, act, RECORDS_SECURITY);
	say(b, "admin.records.orders.sec_aes", NULL);
	for (i = 0; i < nkeys; i++)
		say(b, "admin.records.orders.sec_key", num(b, keys[i].key_id),
		    num(b, keys[i].orders), NULL);
	if (nkeys == 0)
		say(b, "admin.records.orders.sec_key_none", NULL);
	say(b, "admin.records.orders.sec_bidx", NULL);
	tls(b, c);
	say(b, "admin.records.orders.sec_access", NULL);
	say(b, "admin.records.orders.sec_status", NULL);
}

/*
 * The parts every activity but the orders fills the same way; the
 * transfers too unless the activity has its own sentence for them.
 */
static void
common(struct rb *b, struct records_activity *act,
    const struct privacy_controller *net, const char *id, bool transfers)
{
	part(b, act, RECORDS_CONTROLLER);
	list_add(b->a, b->cur, controller_line(b, net));
	part(b, act, RECORDS_PURPOSES);
	say(b, arena_printf(b->a, "admin.records.%s.purpose", id), NULL);
	part(b, act, RECORDS_BASIS);
	say(b, arena_printf(b->a, "admin.records.%s.basis", id), NULL);
	part(b, act, RECORDS_SUBJECTS);
	say(b, arena_printf(b->a, "admin.records.%s.subjects", id), NULL);
	part(b, act, RECORDS_TRANSFERS);
	if (transfers)
		say(b, "admin.records.transfers_none", NULL);
}

static void
dsr(struct rb *b, struct records *r, const struct conf *c,
    const struct privacy_controller *net)
{
	struct records_activity *act = activity(b, r, "dsr");

	common(b, act, net, "dsr", true);
	part(b, act, RECORDS_PURPOSES);
	say(b, "admin.records.dsr.purpose2", NULL);
	part(b, act, RECORDS_DATA);
	say(b, "admin.records.dsr.data1", NULL);
	say(b, "admin.records.dsr.data2", NULL);
	say(b, "admin.records.dsr.data3", NULL);
	part(b, act, RECORDS_RECIPIENTS);
	say(b, "admin.records.dsr.recipients", NULL);
	part(b, act, RECORDS_RETENTION);
	say(b, "admin.records.dsr.ret1", num(b, c->code_minutes),
	    num(b, c->code_attempts), num(b, c->code_rate_limit), NULL);
	say(b, "admin.records.dsr.ret2", NULL);
	say(b, "admin.records.ret_backup", num(b, c->backup_keep_days), NULL);
	part(b, act, RECORDS_SECURITY);
	say(b, "admin.records.dsr.sec1", NULL);
	say(b, "admin.records.dsr.sec2", NULL);
	tls(b, c);
}

static void
console(struct rb *b, struct records *r, const struct conf *c,
    const struct privacy_controller *net)
{
	struct records_activity *act = activity(b, r, "console");

	common(b, act, net, "console", true);
	part(b, act, RECORDS_PURPOSES);
	say(b, "admin.records.console.purpose2", NULL);
	part(b, act, RECORDS_DATA);
	say(b, "admin.records.console.data1", NULL);
	say(b, "admin.records.console.data2", NULL);
	say(b, "admin.records.console.data3", NULL);
	say(b, "admin.records.console.data4", NULL);
	part(b, act, RECORDS_RECIPIENTS);
	say(b, "admin.records.recipients_none", NULL);
	part(b, act, RECORDS_RETENTION);
	say(b, "admin.records.console.ret1", num(b, c->login_log_days), NULL);
	say(b, "admin.records.console.ret2", num(b, c->session_idle / 60),
	    num(b, c->session_max / 3600), NULL);
	say(b, "admin.records.console.ret3", NULL);
	say(b, "admin.records.ret_backup", num(b, c->backup_keep_days), NULL);
	part(b, act, RECORDS_SECURITY);
	say(b, "admin.records.console.sec1", num(b, c->scrypt_ln),
	    num(b, c->login_max_account), num(b, c->login_max_ip),
	    num(b, c->login_window / 60), NULL);
	say(b, c->secure_cookies ? "admin.records.console.sec2" :
	    "admin.records.console.sec2_insecure", NULL);
	say(b, "admin.records.console.sec3", NULL);
	tls(b, c);
}

static void
contacts(struct rb *b, struct records *r, const struct conf *c,
    const struct privacy_controller *net)
{
	struct records_activity *act = activity(b, r, "contacts");

	common(b, act, net, "contacts", true);
	part(b, act, RECORDS_DATA);
	say(b, "admin.records.contacts.data", NULL);
	part(b, act, RECORDS_RECIPIENTS);
	say(b, "admin.records.recipients_none", NULL);
	part(b, act, RECORDS_RETENTION);
	say(b, "admin.records.contacts.ret1", num(b, c->contact_review_months),
	    NULL);
	say(b, "admin.records.contacts.ret2", num(b, c->contact_grace_days),
	    num(b, c->contact_purge_days), NULL);
	say(b, "admin.records.ret_backup", num(b, c->backup_keep_days), NULL);
	part(b, act, RECORDS_SECURITY);
	say(b, "admin.records.contacts.sec", NULL);
	tls(b, c);
}

/* The program of [mail] sendmail without its arguments (which may hold
 * an account's options). */
static const char *
program(struct rb *b, const char *cmd)
{
	return arena_strndup(b->a, cmd, strcspn(cmd, " \t"));
}

static void
mail(struct rb *b, struct records *r, const struct conf *c,
    const struct privacy_controller *net)
{
	struct records_activity *act = activity(b, r, "mail");

	common(b, act, net, "mail", false);
	part(b, act, RECORDS_DATA);
	say(b, "admin.records.mail.data", NULL);
	part(b, act, RECORDS_RECIPIENTS);
	say(b, "admin.records.mail.recipients", program(b, c->sendmail),
	    c->mail_from, NULL);
	part(b, act, RECORDS_TRANSFERS);
	say(b, "admin.records.mail.transfers", NULL);
	part(b, act, RECORDS_RETENTION);
	say(b, "admin.records.mail.ret", num(b, c->mail_max_attempts), NULL);
	part(b, act, RECORDS_SECURITY);
	say(b, "admin.records.mail.sec", NULL);
}

static void
backups(struct rb *b, struct records *r, const struct conf *c,
    const struct privacy_controller *net)
{
	struct records_activity *act = activity(b, r, "backup");

	common(b, act, net, "backup", true);
	part(b, act, RECORDS_DATA);
	say(b, "admin.records.backup.data", NULL);
	part(b, act, RECORDS_RECIPIENTS);
	say(b, "admin.records.backup.recipients", c->backup_dir, NULL);
	part(b, act, RECORDS_RETENTION);
	say(b, "admin.records.backup.ret", num(b, c->backup_keep_days), NULL);
	part(b, act, RECORDS_SECURITY);
	say(b, "admin.records.backup.sec", NULL);
}

int
records_build(struct db *db, struct arena *a, const struct conf *c,
    struct tmpl *t, const char *lang, long long network, time_t now,
    struct records *out)
{
	struct privacy_controller net;
	struct privacy_provider *p;
	struct privacy_field *netf;
	struct privacy_key_use *keys;
	struct rb b = { a, t, lang, NULL };
	size_t np, nnetf, nkeys, i;
	struct tm tm;
	char when[32];
	int days, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_privacy_controller(db, a, network, &net)) != TJG_OK ||
	    (rc = store_privacy_providers(db, a, network, &p, &np, &netf,
	    &nnetf)) != TJG_OK ||
	    (rc = store_privacy_keys(db, a, network, &keys, &nkeys)) !=
	    TJG_OK ||
	    (rc = store_retention_days(db, c, network, &days)) != TJG_OK)
		return rc;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	out->network_slug = net.slug;
	out->network_name = net.name;
	out->title = text(&b, "admin.records.h1");
	out->intro = fill(&b, "admin.records.intro", net.name, NULL);
	out->generated = fill(&b, "admin.records.generated", when, NULL);
	out->controller_title = text(&b, "admin.records.controller_title");
	for (i = 0; i < RECORDS_NPARTS; i++)
		out->part_title[i] = text(&b, part_keys[i]);
	controller(&b, out, &net);
	orders(&b, out, c, &net, p, np, netf, nnetf, keys, nkeys, days);
	dsr(&b, out, c, &net);
	console(&b, out, c, &net);
	contacts(&b, out, c, &net);
	mail(&b, out, c, &net);
	backups(&b, out, c, &net);
	return TJG_OK;
}
