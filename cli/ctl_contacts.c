/*
 * tjgctl contacts review, and the "contacts" step of tjgctl purge: the
 * review rules of the contact register (store_contact.h), run daily.
 *
 *  - A contact not confirmed [contacts] grace_days after its review date
 *    is flagged (both commands do this).
 *  - `contacts review` mails the responsible contacts of each
 *    organisation (the network, or a provider) the list of its contacts
 *    due for review, to confirm or correct, through the outbox (`tjgctl
 *    mail` sends it): plain text, Swedish with English below, no links.
 *    At most one mail a day per organisation (contact_review_mail).
 *  - The purge removes contacts still flagged [contacts] purge_days
 *    after flagging, disabling the console users linked to them and
 *    ending their sessions.
 *
 * Every step is audited (actor "system", by contact id). The clock is
 * clock_now(): TJG_NOW moves it for tests. Nothing personal is printed:
 * organisations by slug, contacts by id, mail by outbox id.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "clock.h"
#include "ctl.h"
#include "db.h"
#include "err.h"
#include "outbox.h"
#include "store_console.h"
#include "store_contact.h"
#include "tmpl.h"

/* Records of review mails are kept this long, for the audit's sake. */
#define REVIEW_MAIL_KEEP_DAYS	400

static int
audit(struct ctl *ctl, long long network, long long provider,
    const char *action, const char *kind, const char *ref,
    const char *detail)
{
	struct audit_entry e;

	memset(&e, 0, sizeof(e));
	e.actor = "system";
	e.network_id = network;
	e.provider_id = provider;
	e.action = action;
	e.object_kind = kind;
	e.object_ref = ref;
	e.detail = detail;
	return store_audit_add(ctl->db, &e);
}

/*
 * Flags every contact not confirmed grace_days after its review date,
 * each in its own transaction with its audit entry; *n gets how many.
 */
static int
flag_overdue(struct ctl *ctl, const char *now, const char *today,
    unsigned long long *n)
{
	struct contact_ref *v;
	size_t i, nv;
	bool flagged;
	int rc;

	*n = 0;
	if ((rc = store_contact_overdue(ctl->db, &ctl->a, today,
	    ctl->conf.contact_grace_days, &v, &nv)) != TJG_OK)
		return rc;
	for (i = 0; i < nv; i++) {
		if ((rc = db_begin(ctl->db)) != TJG_OK)
			return rc;
		if ((rc = store_contact_flag(ctl->db, v[i].id, now, today,
		    ctl->conf.contact_grace_days, &flagged)) != TJG_OK ||
		    (flagged && (rc = audit(ctl, v[i].network_id,
		    v[i].provider_id, "contact.flag", "contact",
		    arena_printf(&ctl->a, "%lld", v[i].id),
		    arena_printf(&ctl->a, "not confirmed %d days after "
		    "review_due", ctl->conf.contact_grace_days))) != TJG_OK) ||
		    (rc = db_commit(ctl->db)) != TJG_OK) {
			db_rollback(ctl->db);
			return rc;
		}
		if (flagged)
			(*n)++;
	}
	return TJG_OK;
}

/* The review mail's text admin.contacts.<key> in lang l. */
static const char *
say(struct ctl *ctl, struct tmpl *t, const char *l, const char *key)
{
	return tmpl_text(t, l, arena_printf(&ctl->a, "admin.contacts.%s",
	    key));
}

/* One language's part of the review mail of organisation o. */
static void
mail_part(struct ctl *ctl, struct tmpl *t, const char *l,
    const struct contact_due_org *o, const struct contact *due, size_t n,
    struct buf *b)
{
	const struct contact *c;
	size_t i;

	buf_addf(b, "%s\n\n%s\n\n", say(ctl, t, l, "mail.lang"),
	    say(ctl, t, l, "mail.hello"));
	buf_addf(b, "%s %s. %s\n\n", say(ctl, t, l, "mail.intro"), o->name,
	    say(ctl, t, l, "mail.why"));
	for (i = 0; i < n; i++) {
		c = &due[i];
		buf_addf(b, "- %s %s, %s\n", c->first_name, c->last_name,
		    say(ctl, t, l, arena_printf(&ctl->a, "role.%s", c->role)));
		buf_addf(b, "  %s: %s", say(ctl, t, l, "mail.email"), c->email);
		if (c->phone != NULL)
			buf_addf(b, ", %s: %s", say(ctl, t, l, "mail.phone"),
			    c->phone);
		if (c->username != NULL)
			buf_addf(b, ", %s: %s", say(ctl, t, l,
			    "mail.username"), c->username);
		buf_addf(b, "\n  %s %s", say(ctl, t, l, "mail.due"),
		    c->review_due);
		if (c->flagged_at != NULL)
			buf_addf(b, "; %s %s", say(ctl, t, l, "mail.flagged"),
			    c->purge_on);
		buf_adds(b, "\n");
	}
	buf_addf(b, "\n%s\n\n%s %d %s %d %s\n\n%s\n",
	    say(ctl, t, l, "mail.ask"), say(ctl, t, l, "mail.rule_grace"),
	    ctl->conf.contact_grace_days, say(ctl, t, l, "mail.rule_purge"),
	    ctl->conf.contact_purge_days, say(ctl, t, l, "mail.rule_end"),
	    say(ctl, t, l, "mail.signature"));
}

/*
 * Queues the review mail of organisation o to each of its responsible
 * contacts, in one transaction with the record of the day and the audit.
 * *sent gets the number of mails queued: 0 when the organisation has no
 * responsible contact or was mailed today already.
 */
static int
review_org(struct ctl *ctl, struct tmpl *t, const char *today,
    const struct contact_due_org *o, size_t *sent)
{
	struct contact *due, *resp;
	struct buf body, ids;
	const char *kind = o->provider_id != 0 ? "provider" : "network";
	const char *subject;
	long long id;
	size_t ndue, nresp, i;
	int rc;

	*sent = 0;
	if ((rc = store_contact_of_org(ctl->db, &ctl->a, o->network_id,
	    o->provider_id, today, ctl->conf.contact_purge_days, false,
	    CONTACT_RESPONSIBLE, &resp, &nresp)) != TJG_OK ||
	    (rc = store_contact_of_org(ctl->db, &ctl->a, o->network_id,
	    o->provider_id, today, ctl->conf.contact_purge_days, true, NULL,
	    &due, &ndue)) != TJG_OK)
		return rc;
	if (nresp == 0) {
		printf("contacts: %s %s: %zu due for review, but no "
		    "responsible contact to mail; name one in the console\n",
		    kind, o->slug, ndue);
		return TJG_OK;
	}
	subject = arena_printf(&ctl->a, "%s / %s: %s",
	    say(ctl, t, "sv", "mail.subject"),
	    say(ctl, t, "en", "mail.subject"), o->name);
	buf_init(&body);
	buf_init(&ids);
	mail_part(ctl, t, "sv", o, due, ndue, &body);
	buf_adds(&body, "\n----------------------------------------\n\n");
	mail_part(ctl, t, "en", o, due, ndue, &body);

	if ((rc = db_begin(ctl->db)) != TJG_OK)
		goto out;
	rc = store_contact_review_mailed(ctl->db, o->network_id,
	    o->provider_id, today, (long long)ndue, (long long)nresp);
	if (rc == TJG_ECONFLICT) {
		db_rollback(ctl->db);
		printf("contacts: %s %s: %zu due for review, already mailed "
		    "on %s\n", kind, o->slug, ndue, today);
		rc = TJG_OK;
		goto out;
	}
	for (i = 0; i < nresp && rc == TJG_OK; i++)
		if ((rc = store_outbox_add(ctl->db, o->network_id, 0,
		    "contact_review", resp[i].email, subject, buf_str(&body),
		    &id)) == TJG_OK)
			buf_addf(&ids, "%s%lld", i > 0 ? "," : "", id);
	if (rc != TJG_OK ||
	    (rc = audit(ctl, o->network_id, o->provider_id, "contact.review",
	    kind, arena_printf(&ctl->a, "%lld", o->provider_id != 0 ?
	    o->provider_id : o->network_id), arena_printf(&ctl->a,
	    "%zu due, mailed to %zu responsible as outbox %s", ndue, nresp,
	    buf_str(&ids)))) != TJG_OK ||
	    (rc = db_commit(ctl->db)) != TJG_OK) {
		db_rollback(ctl->db);
		goto out;
	}
	*sent = nresp;
	printf("contacts: %s %s: %zu due for review, mail queued to %zu "
	    "responsible contact%s (outbox %s)\n", kind, o->slug, ndue, nresp,
	    nresp == 1 ? "" : "s", buf_str(&ids));
out:
	buf_free(&ids);
	buf_free(&body);
	return rc;
}

static int
contacts_usage(void)
{
	fputs("usage: tjgctl contacts review\n"
	    "Flags contacts not confirmed [contacts] grace_days after their\n"
	    "review date, and queues to the responsible contacts of each\n"
	    "organisation the list of its contacts due for review (at most\n"
	    "once a day); `tjgctl mail` sends it.\n", stderr);
	return 2;
}

int
cmd_contacts(struct ctl *ctl, int argc, char **argv)
{
	struct contact_due_org *orgs;
	struct tmpl *t = NULL;
	unsigned long long flagged;
	char now[CLOCK_SQL_LEN + 1], today[CONTACT_DAY_LEN], err[512];
	size_t i, n, sent, mails = 0;
	time_t when;
	int rc, ret = 1;

	if (argc != 2 || strcmp(argv[1], "review") != 0)
		return contacts_usage();
	if (clock_now(&when) != TJG_OK) {
		fputs("tjgctl: TJG_NOW is not \"YYYY-MM-DD HH:MM:SS\"\n",
		    stderr);
		return 1;
	}
	clock_sql(when, now);
	contact_today(when, today);
	if (tmpl_open(&t, ctl->conf.templates, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "tjgctl: %s\n", err);
		return 1;
	}
	if (ctl_open_db(ctl) != TJG_OK)
		goto out;
	printf("contacts: now is %s UTC; review date today %s\n", now, today);
	if ((rc = flag_overdue(ctl, now, today, &flagged)) != TJG_OK) {
		fprintf(stderr, "tjgctl: contacts: flagging: %s\n",
		    err_name(rc));
		goto out;
	}
	printf("contacts: %llu flagged (not confirmed %d days after their "
	    "review date)\n", flagged, ctl->conf.contact_grace_days);
	if ((rc = store_contact_due_orgs(ctl->db, &ctl->a, today, &orgs,
	    &n)) != TJG_OK) {
		fprintf(stderr, "tjgctl: contacts: %s\n", err_name(rc));
		goto out;
	}
	ret = 0;
	for (i = 0; i < n; i++) {
		if ((rc = review_org(ctl, t, today, &orgs[i], &sent)) !=
		    TJG_OK) {
			fprintf(stderr, "tjgctl: contacts: %s %s: %s\n",
			    orgs[i].provider_id != 0 ? "provider" : "network",
			    orgs[i].slug, err_name(rc));
			ret = 1;	/* the other organisations still run */
		}
		mails += sent;
	}
	printf("contacts: %zu review mail%s queued\n", mails,
	    mails == 1 ? "" : "s");
out:
	tmpl_close(t);
	return ret;
}

/*
 * Removes contact ref if it is still flagged purge_days before now, with
 * its linked users disabled, in one transaction with the audit; *users
 * adds the users disabled, *removed is set when it was removed.
 */
static int
purge_one(struct ctl *ctl, const char *now, const struct contact_ref *ref,
    unsigned long long *users, bool *removed)
{
	struct contact_disabled *gone;
	struct buf ids;
	const char *id = arena_printf(&ctl->a, "%lld", ref->id);
	long long others;
	size_t i, n;
	bool responsible, active;
	int rc;

	*removed = false;
	if ((rc = db_begin(ctl->db)) != TJG_OK)
		return rc;
	rc = store_contact_lock_expired(ctl->db, ref->id, now,
	    ctl->conf.contact_purge_days);
	if (rc == TJG_ENOTFOUND) {	/* confirmed meanwhile */
		db_rollback(ctl->db);
		return TJG_OK;
	}
	if (rc != TJG_OK ||
	    (rc = store_contact_lock(ctl->db, ref->id, &responsible, &others,
	    &active)) != TJG_OK ||
	    (rc = store_contact_remove(ctl->db, &ctl->a, ref->id, now, &gone,
	    &n)) != TJG_OK) {
		db_rollback(ctl->db);
		return rc;
	}
	buf_init(&ids);
	for (i = 0; i < n; i++)
		buf_addf(&ids, "%s%lld", i > 0 ? "," : "", gone[i].id);
	for (i = 0; i < n && rc == TJG_OK; i++)
		rc = audit(ctl, ref->network_id, ref->provider_id,
		    "user.disable", "user", gone[i].username,
		    arena_printf(&ctl->a, "contact %lld purged", ref->id));
	if (rc == TJG_OK)
		rc = audit(ctl, ref->network_id, ref->provider_id,
		    "contact.purge", "contact", id, arena_printf(&ctl->a,
		    "flagged over %d days%s%s", ctl->conf.contact_purge_days,
		    n > 0 ? ", users disabled: " : "", buf_str(&ids)));
	buf_free(&ids);
	if (rc != TJG_OK || (rc = db_commit(ctl->db)) != TJG_OK) {
		db_rollback(ctl->db);
		return rc;
	}
	*removed = true;
	*users += n;
	if (responsible && others == 0 && active)
		printf("purge: contact %lld was the last responsible contact "
		    "of %s %lld: name another in the console\n", ref->id,
		    ref->provider_id != 0 ? "provider" : "network",
		    ref->provider_id != 0 ? ref->provider_id : ref->network_id);
	return TJG_OK;
}

int
purge_contacts(struct ctl *ctl, const char *now)
{
	struct contact_ref *v;
	unsigned long long flagged, removed = 0, users = 0, forgot = 0;
	char today[CONTACT_DAY_LEN];
	size_t i, n;
	bool done;
	int rc;

	/* now is "YYYY-MM-DD HH:MM:SS" UTC: its date is today. */
	memcpy(today, now, CONTACT_DAY_LEN - 1);
	today[CONTACT_DAY_LEN - 1] = '\0';
	if ((rc = flag_overdue(ctl, now, today, &flagged)) != TJG_OK ||
	    (rc = store_contact_expired(ctl->db, &ctl->a, now,
	    ctl->conf.contact_purge_days, &v, &n)) != TJG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = purge_one(ctl, now, &v[i], &users, &done)) != TJG_OK)
			return rc;
		if (done)
			removed++;
	}
	if ((rc = store_contact_review_forget(ctl->db, today,
	    REVIEW_MAIL_KEEP_DAYS, &forgot)) != TJG_OK)
		return rc;
	printf("purge: %llu contacts flagged (not confirmed %d days after "
	    "their review date), %llu removed (flagged over %d days), %llu "
	    "console users disabled with them\n", flagged,
	    ctl->conf.contact_grace_days, removed,
	    ctl->conf.contact_purge_days, users);
	return TJG_OK;
}
