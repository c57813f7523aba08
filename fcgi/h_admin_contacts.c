/*
 * The console's contact register (administrators only; the route table
 * says so): the contact persons of the network and of the providers
 * delivering in it, with who added and who last confirmed each; at the
 * top the contacts due for review (flagged ones marked) and a warning for
 * every organisation without a responsible contact. A contact can be
 * added, edited, confirmed (its review date moves forward) and removed
 * (the console user linked to it is disabled and signed out in the same
 * transaction). The last responsible contact of an organisation cannot be
 * removed or given another role until another is named.
 *
 * "Today" is the UTC date of clock_now(), as in `tjgctl contacts review`
 * and the purge (store_contact.h has the rules). Every change is audited
 * by contact id with field names only, never a name or an address.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "clock.h"
#include "conf.h"
#include "console.h"
#include "db.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "phone.h"
#include "store_admin_order.h"
#include "store_contact.h"
#include "tmpl.h"

/* The clock of one request: today's UTC date and now. */
struct when {
	char	 today[CONTACT_DAY_LEN];
	char	 now[CLOCK_SQL_LEN + 1];
};

/* Collects tmpl_set results: the first failure sticks. */
static const char *
base(struct request *r)
{
	return strcmp(r->lang, "en") == 0 ? "/en" : "";
}

static int
clock_of(struct when *w)
{
	time_t t;

	if (clock_now(&t) != TJG_OK)
		return TJG_EINTERNAL;	/* a malformed TJG_NOW */
	contact_today(t, w->today);
	clock_sql(t, w->now);
	return TJG_OK;
}

/* An id of the path: decimal digits, no sign; 0 if anything else. */
static long long
path_id(const char *s)
{
	long long id = contact_owner_parse(s);

	return id > 0 ? id : 0;
}

/* A given field: present and not empty. */
static bool
given(const struct pval *v)
{
	return v->set && v->len > 0;
}

static const char *
text(const struct pval *v)
{
	return v->set ? v->s : "";
}

static int
bad_field(struct request *r, bool *bad, const char *field,
    const char *textkey)
{
	*bad = true;
	return admin_error(r, field, textkey);
}

/* The contact of the path, if it is of this network or its providers. */
static int
load(struct request *r, const struct when *w, struct contact *c)
{
	long long id = path_id(r->args[0]);

	if (id == 0)
		return TJG_ENOTFOUND;
	return store_contact_get(r->db, r->a, r->network_id, w->today,
	    r->conf->contact_purge_days, id, c);
}

/* prefix.*: one contact, times in Swedish time. */
static int
put_contact(struct request *r, const char *prefix, const struct contact *c)
{
	int rc = TJG_OK;

	hputf(r, &rc, hnum(r, c->id), "%s.id", prefix);
	hputf(r, &rc, arena_printf(r->a, "%s/admin/contacts/%lld", base(r),
	    c->id), "%s.url", prefix);
	hputf(r, &rc, c->first_name, "%s.first_name", prefix);
	hputf(r, &rc, c->last_name, "%s.last_name", prefix);
	hputf(r, &rc, c->username, "%s.username", prefix);
	hputf(r, &rc, c->email, "%s.email", prefix);
	hputf(r, &rc, c->phone, "%s.phone", prefix);
	hputf(r, &rc, c->role, "%s.role", prefix);
	hputf(r, &rc, c->owner_name, "%s.owner", prefix);
	hputf(r, &rc, c->provider_id != 0 ? "provider" : "network",
	    "%s.owner_kind", prefix);
	hputf(r, &rc, c->added_by, "%s.added_by", prefix);
	hputf(r, &rc, admin_local_time(r->a, c->added_at), "%s.added_at",
	    prefix);
	hputf(r, &rc, c->confirmed_by, "%s.confirmed_by", prefix);
	hputf(r, &rc, admin_local_time(r->a, c->confirmed_at),
	    "%s.confirmed_at", prefix);
	hputf(r, &rc, c->review_due, "%s.review_due", prefix);
	hputf(r, &rc, c->due ? "1" : "0", "%s.due", prefix);
	if (c->flagged_at != NULL) {
		hputf(r, &rc, admin_local_time(r->a, c->flagged_at),
		    "%s.flagged_at", prefix);
		hputf(r, &rc, c->purge_on, "%s.purge_on", prefix);
	}
	hputf(r, &rc, c->user_name, "%s.user", prefix);
	return rc;
}

static int
put_list(struct request *r, const char *name, const struct contact *v,
    size_t n)
{
	size_t i;
	int rc = TJG_OK;

	for (i = 0; i < n && rc == TJG_OK; i++)
		rc = put_contact(r, arena_printf(r->a, "%s.%zu", name, i),
		    &v[i]);
	return rc;
}

/*
 * Orgs.N.{value, name, selected} for the selects (selected is the owner
 * given, -1 for none) and Missing.N.name for each organisation that must
 * have a responsible contact and has none.
 */
static int
put_orgs(struct request *r, const struct contact_org *o, size_t n,
    long long selected)
{
	size_t i, m = 0;
	int rc = TJG_OK;

	for (i = 0; i < n; i++) {
		hputf(r, &rc, o[i].provider_id == 0 ? "network" :
		    hnum(r, o[i].provider_id), "Orgs.%zu.value", i);
		hputf(r, &rc, o[i].name, "Orgs.%zu.name", i);
		hputf(r, &rc, o[i].provider_id == 0 ? "1" : "0",
		    "Orgs.%zu.network", i);
		if (o[i].provider_id == selected)
			hputf(r, &rc, "1", "Orgs.%zu.selected", i);
		if (o[i].active && o[i].responsible == 0)
			hputf(r, &rc, o[i].name, "Missing.%zu.name", m++);
	}
	return rc;
}

/*
 * Users.N.{id, name, role, provider, disabled, selected} of the select:
 * those of provider (0: the network's staff; -1: all of them).
 */
static int
put_users(struct request *r, const struct contact_user *u, size_t n,
    long long provider, long long selected)
{
	size_t i, k = 0;
	int rc = TJG_OK;

	for (i = 0; i < n; i++) {
		if (provider >= 0 && u[i].provider_id != provider)
			continue;
		hputf(r, &rc, hnum(r, u[i].id), "Users.%zu.id", k);
		hputf(r, &rc, u[i].username, "Users.%zu.name", k);
		hputf(r, &rc, u[i].role, "Users.%zu.role", k);
		hputf(r, &rc, u[i].provider_name, "Users.%zu.provider", k);
		if (u[i].disabled)
			hputf(r, &rc, "1", "Users.%zu.disabled", k);
		if (u[i].id == selected)
			hputf(r, &rc, "1", "Users.%zu.selected", k);
		k++;
	}
	return rc;
}

/* GET /admin/contacts: the due list, the warnings, the filtered list. */
int
h_admin_contacts(struct request *r)
{
	const struct pval *p = r->p;
	struct contact_filter f, due;
	struct contact_org *orgs;
	struct contact *rows, *duev;
	struct when w;
	size_t norgs, n = 0, ndue;
	bool bad = false;
	int rc = TJG_OK;

	if ((rc = clock_of(&w)) != TJG_OK)
		return rc;
	memset(&f, 0, sizeof(f));
	f.network = r->network_id;
	f.today = w.today;
	f.purge_days = r->conf->contact_purge_days;
	f.owner = -1;
	hput(r, &rc, "Filter.owner", p[ACONTACTS_OWNER].s);
	hput(r, &rc, "Filter.role", p[ACONTACTS_ROLE].s);
	hput(r, &rc, "Filter.q", p[ACONTACTS_Q].s);
	if (rc != TJG_OK)
		return rc;
	if (given(&p[ACONTACTS_OWNER]) &&
	    (f.owner = contact_owner_parse(p[ACONTACTS_OWNER].s)) < 0 &&
	    (rc = bad_field(r, &bad, "owner", "admin.contacts.err.owner")) !=
	    TJG_OK)
		return rc;
	if (given(&p[ACONTACTS_ROLE])) {
		if (contact_role_ok(p[ACONTACTS_ROLE].s))
			f.role = p[ACONTACTS_ROLE].s;
		else if ((rc = bad_field(r, &bad, "role",
		    "admin.contacts.err.role")) != TJG_OK)
			return rc;
	}
	if (given(&p[ACONTACTS_Q])) {
		if (admin_utf8_len(p[ACONTACTS_Q].s) <= CONTACT_NAME_MAX)
			f.q = p[ACONTACTS_Q].s;
		else if ((rc = bad_field(r, &bad, "q",
		    "admin.contacts.err.q")) != TJG_OK)
			return rc;
	}

	if ((rc = store_contact_orgs(r->db, r->a, r->network_id, &orgs,
	    &norgs)) != TJG_OK ||
	    (rc = put_orgs(r, orgs, norgs, f.owner)) != TJG_OK)
		return rc;
	due = f;
	due.owner = -1;
	due.role = NULL;
	due.q = NULL;
	due.due_only = true;
	if ((rc = store_contact_list(r->db, r->a, &due, &duev, &ndue)) !=
	    TJG_OK || (rc = put_list(r, "Due", duev, ndue)) != TJG_OK)
		return rc;
	hput(r, &rc, "Today", w.today);
	hput(r, &rc, "Rules.review_months",
	    hnum(r, r->conf->contact_review_months));
	hput(r, &rc, "Rules.grace_days", hnum(r, r->conf->contact_grace_days));
	hput(r, &rc, "Rules.purge_days", hnum(r, r->conf->contact_purge_days));
	if (rc != TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return admin_render(r, "admin/contacts.cs", "contacts");
	}
	if ((rc = store_contact_list(r->db, r->a, &f, &rows, &n)) != TJG_OK ||
	    (rc = put_list(r, "Contacts", rows, n)) != TJG_OK)
		return rc;
	hput(r, &rc, "List.total", hnum(r, (long long)n));
	if (n == CONTACT_LIST_MAX)
		hput(r, &rc, "List.capped", "1");
	if (f.owner >= 0 || f.role != NULL || f.q != NULL)
		hput(r, &rc, "List.filtered", "1");
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/contacts.cs", "contacts");
}

/*
 * The form's owner (a contact's organisation): the network or one of its
 * providers in orgs. -1 if it is neither.
 */
static long long
owner_of(const struct pval *v, const struct contact_org *orgs, size_t n)
{
	long long id;
	size_t i;

	if (!given(v) || (id = contact_owner_parse(v->s)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (orgs[i].provider_id == id)
			return id;
	return -1;
}

/*
 * Reads and checks the contact form into c (owner given by provider: 0
 * for the network) and *user (0: none). Bad fields get their messages and
 * set *bad; what was typed is kept in Form.*.
 */
static int
read_form(struct request *r, long long provider,
    const struct contact_user *users, size_t nusers, struct contact_new *c,
    long long *user, bool *bad)
{
	const struct pval *p = r->p;
	const char *why;
	char *phone;
	size_t i;
	bool found = false;
	int rc = TJG_OK;

	hput(r, &rc, "Form.first_name", text(&p[ACONTACT_FIRST]));
	hput(r, &rc, "Form.last_name", text(&p[ACONTACT_LAST]));
	hput(r, &rc, "Form.username", text(&p[ACONTACT_USERNAME]));
	hput(r, &rc, "Form.email", text(&p[ACONTACT_EMAIL]));
	hput(r, &rc, "Form.phone", text(&p[ACONTACT_PHONE]));
	hput(r, &rc, "Form.role", text(&p[ACONTACT_ROLE]));
	if (rc != TJG_OK)
		return rc;

	c->network_id = provider == 0 ? r->network_id : 0;
	c->provider_id = provider;
	c->first_name = text(&p[ACONTACT_FIRST]);
	c->last_name = text(&p[ACONTACT_LAST]);
	c->username = given(&p[ACONTACT_USERNAME]) ?
	    p[ACONTACT_USERNAME].s : NULL;
	c->email = text(&p[ACONTACT_EMAIL]);
	c->role = text(&p[ACONTACT_ROLE]);
	c->phone = NULL;

	if ((*c->first_name == '\0' ||
	    admin_utf8_len(c->first_name) > CONTACT_NAME_MAX) &&
	    (rc = bad_field(r, bad, "first_name", *c->first_name == '\0' ?
	    "admin.contacts.err.first_name" : "admin.contacts.err.name_long"))
	    != TJG_OK)
		return rc;
	if ((*c->last_name == '\0' ||
	    admin_utf8_len(c->last_name) > CONTACT_NAME_MAX) &&
	    (rc = bad_field(r, bad, "last_name", *c->last_name == '\0' ?
	    "admin.contacts.err.last_name" : "admin.contacts.err.name_long"))
	    != TJG_OK)
		return rc;
	if (c->username != NULL &&
	    admin_utf8_len(c->username) > CONTACT_USERNAME_MAX &&
	    (rc = bad_field(r, bad, "username",
	    "admin.contacts.err.username")) != TJG_OK)
		return rc;
	if (!contact_email_ok(c->email) &&
	    (rc = bad_field(r, bad, "email", *c->email == '\0' ?
	    "admin.contacts.err.email_missing" : "admin.contacts.err.email"))
	    != TJG_OK)
		return rc;
	if (given(&p[ACONTACT_PHONE])) {
		phone = arena_alloc(r->a, 17);
		if (phone_normalize(p[ACONTACT_PHONE].s, phone, &why) ==
		    TJG_OK)
			c->phone = phone;
		else if ((rc = bad_field(r, bad, "phone",
		    "admin.contacts.err.phone")) != TJG_OK)
			return rc;
	}
	if (!contact_role_ok(c->role) &&
	    (rc = bad_field(r, bad, "role", "admin.contacts.err.role")) !=
	    TJG_OK)
		return rc;

	*user = 0;
	if (!given(&p[ACONTACT_USER]))
		return TJG_OK;
	if ((*user = path_id(p[ACONTACT_USER].s)) != 0)
		for (i = 0; i < nusers; i++)
			if (users[i].id == *user) {
				found = true;
				/* A provider's user: its own contacts only. */
				if (users[i].provider_id != provider &&
				    provider >= 0 &&
				    (rc = bad_field(r, bad, "user",
				    "admin.contacts.err.user_owner")) != TJG_OK)
					return rc;
			}
	if (!found)
		return bad_field(r, bad, "user", "admin.contacts.err.user");
	return TJG_OK;
}

/*
 * The form page, new or one contact's (c not NULL): the selects with
 * owner and user chosen (Form.* holds what is typed).
 */
static int
render_form(struct request *r, const struct contact *c,
    const struct contact_org *orgs, size_t norgs, long long owner,
    const struct contact_user *users, size_t nusers, long long user)
{
	int rc = TJG_OK;

	/* A contact's organisation is known: only its users can be linked. */
	if ((rc = put_orgs(r, orgs, norgs, owner)) != TJG_OK ||
	    (rc = put_users(r, users, nusers, c != NULL ? c->provider_id : -1,
	    user)) != TJG_OK)
		return rc;
	hput(r, &rc, "Form.user", user != 0 ? hnum(r, user) : NULL);
	if (c == NULL)
		hput(r, &rc, "Form.action", arena_printf(r->a,
		    "%s/admin/contacts", base(r)));
	else {
		if ((rc = put_contact(r, "Contact", c)) != TJG_OK)
			return rc;
		hput(r, &rc, "Form.action", arena_printf(r->a,
		    "%s/admin/contacts/%lld", base(r), c->id));
		hput(r, &rc, "Can.confirm", arena_printf(r->a,
		    "%s/admin/contacts/%lld/confirm", base(r), c->id));
		hput(r, &rc, "Can.remove", arena_printf(r->a,
		    "%s/admin/contacts/%lld/remove", base(r), c->id));
	}
	hput(r, &rc, "Rules.review_months",
	    hnum(r, r->conf->contact_review_months));
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/contact.cs", "contacts");
}

/* GET /admin/contacts/new */
int
h_admin_contact_new(struct request *r)
{
	struct contact_org *orgs;
	struct contact_user *users;
	size_t norgs, nusers;
	int rc = TJG_OK;

	if ((rc = store_contact_orgs(r->db, r->a, r->network_id, &orgs,
	    &norgs)) != TJG_OK ||
	    (rc = store_contact_users(r->db, r->a, r->network_id, &users,
	    &nusers)) != TJG_OK)
		return rc;
	hput(r, &rc, "Form.role", "other");
	if (rc != TJG_OK)
		return rc;
	return render_form(r, NULL, orgs, norgs, -1, users, nusers, 0);
}

/* POST /admin/contacts: a new contact, due for review in review_months. */
int
h_admin_contact_create(struct request *r)
{
	struct contact_org *orgs;
	struct contact_user *users;
	struct contact_new c;
	struct when w;
	char due[CONTACT_DAY_LEN];
	long long owner, user = 0, id = 0;
	size_t norgs, nusers;
	bool bad = false;
	int rc;

	if ((rc = clock_of(&w)) != TJG_OK ||
	    (rc = store_contact_orgs(r->db, r->a, r->network_id, &orgs,
	    &norgs)) != TJG_OK ||
	    (rc = store_contact_users(r->db, r->a, r->network_id, &users,
	    &nusers)) != TJG_OK)
		return rc;
	memset(&c, 0, sizeof(c));
	if ((owner = owner_of(&r->p[ACONTACT_OWNER], orgs, norgs)) < 0 &&
	    (rc = bad_field(r, &bad, "owner", "admin.contacts.err.owner")) !=
	    TJG_OK)
		return rc;
	if ((rc = read_form(r, owner, users, nusers, &c, &user, &bad)) !=
	    TJG_OK)
		return rc;
	if (bad) {
		r->resp.status = 422;
		return render_form(r, NULL, orgs, norgs, owner, users, nusers,
		    user);
	}
	if (!contact_add_months(w.today, r->conf->contact_review_months, due))
		return TJG_EINTERNAL;
	c.added_by = r->user->id;
	c.review_due = due;
	c.now = w.now;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_contact_insert(r->db, &c, &id)) != TJG_OK ||
	    (user != 0 && (rc = store_contact_link(r->db, r->network_id, id,
	    user)) != TJG_OK) ||
	    (rc = console_audit(r, "contact.create", "contact", hnum(r, id),
	    arena_printf(r->a, "%s, role %s%s", owner == 0 ? "network" :
	    arena_printf(r->a, "provider %lld", owner), c.role, user != 0 ?
	    arena_printf(r->a, ", user %lld", user) : ""))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return admin_redirect(r, "contact_added", "/admin/contacts/%lld", id);
}

/* GET /admin/contacts/ID: the form of one contact, with its history. */
int
h_admin_contact(struct request *r)
{
	struct contact_user *users;
	struct contact c;
	struct when w;
	size_t nusers;
	int rc = TJG_OK;

	if ((rc = clock_of(&w)) != TJG_OK || (rc = load(r, &w, &c)) != TJG_OK ||
	    (rc = store_contact_users(r->db, r->a, r->network_id, &users,
	    &nusers)) != TJG_OK)
		return rc;
	hput(r, &rc, "Form.first_name", c.first_name);
	hput(r, &rc, "Form.last_name", c.last_name);
	hput(r, &rc, "Form.username", c.username);
	hput(r, &rc, "Form.email", c.email);
	hput(r, &rc, "Form.phone", c.phone);
	hput(r, &rc, "Form.role", c.role);
	if (rc != TJG_OK)
		return rc;
	return render_form(r, &c, NULL, 0, -1, users, nusers, c.user_id);
}

/* The one contact's page with a problem explained at its top. */
static int
problem(struct request *r, const struct contact *c, int status,
    const char *textkey)
{
	struct contact_user *users;
	size_t nusers;
	int rc = TJG_OK;

	r->resp.status = status;
	if ((rc = store_contact_users(r->db, r->a, r->network_id, &users,
	    &nusers)) != TJG_OK)
		return rc;
	hput(r, &rc, "Problem", tmpl_text(r->tmpl, r->lang, textkey));
	hput(r, &rc, "Form.first_name", c->first_name);
	hput(r, &rc, "Form.last_name", c->last_name);
	hput(r, &rc, "Form.username", c->username);
	hput(r, &rc, "Form.email", c->email);
	hput(r, &rc, "Form.phone", c->phone);
	hput(r, &rc, "Form.role", c->role);
	if (rc != TJG_OK)
		return rc;
	return render_form(r, c, NULL, 0, -1, users, nusers, c->user_id);
}

static bool
differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) != (b == NULL);
	return strcmp(a, b) != 0;
}

/* The names of the fields that change, for the audit: never values. */
static const char *
changed(struct request *r, const struct contact *old,
    const struct contact_new *c, long long user)
{
	struct buf b;
	const char *s;

	buf_init(&b);
	if (differs(old->first_name, c->first_name))
		buf_addf(&b, ",first_name");
	if (differs(old->last_name, c->last_name))
		buf_addf(&b, ",last_name");
	if (differs(old->username, c->username))
		buf_addf(&b, ",username");
	if (differs(old->email, c->email))
		buf_addf(&b, ",email");
	if (differs(old->phone, c->phone))
		buf_addf(&b, ",phone");
	if (differs(old->role, c->role))
		buf_addf(&b, ",role %s -> %s", old->role, c->role);
	if (old->user_id != user)
		buf_addf(&b, ",user %lld -> %lld", old->user_id, user);
	s = b.len > 0 ? arena_printf(r->a, "changed: %s", buf_str(&b) + 1) :
	    "unchanged";
	buf_free(&b);
	return s;
}

/*
 * POST /admin/contacts/ID: saves the form. Taking the responsible role
 * from the last responsible contact of an organisation that must have one
 * is refused (422) until another is named.
 */
int
h_admin_contact_save(struct request *r)
{
	struct contact_user *users;
	struct contact_new c;
	struct contact old;
	struct when w;
	long long user = 0, others;
	size_t nusers;
	bool bad = false, responsible, active;
	int rc;

	if ((rc = clock_of(&w)) != TJG_OK || (rc = load(r, &w, &old)) !=
	    TJG_OK ||
	    (rc = store_contact_users(r->db, r->a, r->network_id, &users,
	    &nusers)) != TJG_OK)
		return rc;
	memset(&c, 0, sizeof(c));
	/* The organisation is not changed: a new contact is added instead. */
	if ((rc = read_form(r, old.provider_id, users, nusers, &c, &user,
	    &bad)) != TJG_OK)
		return rc;
	c.now = w.now;
	if (bad)
		goto refuse;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if (strcmp(old.role, CONTACT_RESPONSIBLE) == 0 &&
	    strcmp(c.role, CONTACT_RESPONSIBLE) != 0) {
		if ((rc = store_contact_lock(r->db, old.id, &responsible,
		    &others, &active)) != TJG_OK) {
			db_rollback(r->db);
			return rc;
		}
		if (responsible && others == 0 && active) {
			db_rollback(r->db);
			if ((rc = bad_field(r, &bad, "role",
			    "admin.contacts.err.last_role")) != TJG_OK)
				return rc;
			goto refuse;
		}
	}
	if ((rc = store_contact_update(r->db, old.id, &c)) != TJG_OK ||
	    (user != old.user_id && (rc = store_contact_link(r->db,
	    r->network_id, old.id, user)) != TJG_OK) ||
	    (rc = console_audit(r, "contact.edit", "contact", hnum(r, old.id),
	    changed(r, &old, &c, user))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return admin_redirect(r, "saved", "/admin/contacts/%lld", old.id);
refuse:
	r->resp.status = 422;
	return render_form(r, &old, NULL, 0, -1, users, nusers, user);
}

/*
 * POST /admin/contacts/ID/confirm: the details are right as they are:
 * confirmed now by this user, next review in review_months, any flag
 * cleared.
 */
int
h_admin_contact_confirm(struct request *r)
{
	struct contact c;
	struct when w;
	char due[CONTACT_DAY_LEN];
	int rc;

	if ((rc = clock_of(&w)) != TJG_OK || (rc = load(r, &w, &c)) != TJG_OK)
		return rc;
	if (!contact_add_months(w.today, r->conf->contact_review_months, due))
		return TJG_EINTERNAL;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_contact_confirm(r->db, c.id, r->user->id, w.now,
	    due)) != TJG_OK ||
	    (rc = console_audit(r, "contact.confirm", "contact", hnum(r, c.id),
	    arena_printf(r->a, "review_due %s -> %s%s", c.review_due, due,
	    c.flagged_at != NULL ? ", flag cleared" : ""))) != TJG_OK ||
	    (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return admin_redirect(r, "contact_confirmed", "/admin/contacts");
}

/*
 * POST /admin/contacts/ID/remove: deletes the contact; the console users
 * linked to it are disabled and signed out, in one transaction with the
 * audit. The last responsible contact of an organisation that must have
 * one stays (409) until another is named.
 */
int
h_admin_contact_remove(struct request *r)
{
	struct contact_disabled *gone;
	struct contact c;
	struct when w;
	struct buf ids;
	long long others;
	size_t n, i;
	bool responsible, active;
	int rc;

	if ((rc = clock_of(&w)) != TJG_OK || (rc = load(r, &w, &c)) != TJG_OK)
		return rc;
	if ((rc = db_begin(r->db)) != TJG_OK)
		return rc;
	if ((rc = store_contact_lock(r->db, c.id, &responsible, &others,
	    &active)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	if (responsible && others == 0 && active) {
		db_rollback(r->db);
		return problem(r, &c, 409, "admin.contacts.err.last_remove");
	}
	if ((rc = store_contact_remove(r->db, r->a, c.id, w.now, &gone, &n)) !=
	    TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	buf_init(&ids);
	for (i = 0; i < n; i++)
		buf_addf(&ids, "%s%lld", i > 0 ? "," : "", gone[i].id);
	for (i = 0; i < n && rc == TJG_OK; i++)
		rc = console_audit(r, "user.disable", "user", gone[i].username,
		    arena_printf(r->a, "contact %lld removed", c.id));
	if (rc == TJG_OK)
		rc = console_audit(r, "contact.remove", "contact", hnum(r,
		    c.id),
		    n > 0 ? arena_printf(r->a, "users disabled: %s",
		    buf_str(&ids)) : NULL);
	buf_free(&ids);
	if (rc != TJG_OK || (rc = db_commit(r->db)) != TJG_OK) {
		db_rollback(r->db);
		return rc;
	}
	return admin_redirect(r, "contact_removed", "/admin/contacts");
}

int
admin_contacts_notice(struct request *r)
{
	struct contact_filter f;
	struct contact_org *orgs;
	struct contact *due;
	struct when w;
	size_t norgs, ndue, i, m = 0;
	int rc = TJG_OK;

	/* What to show, not who may: the register is the administrators'. */
	if (r->user == NULL || r->user->role != ROLE_ADMIN)
		return TJG_OK;
	if ((rc = clock_of(&w)) != TJG_OK ||
	    (rc = store_contact_orgs(r->db, r->a, r->network_id, &orgs,
	    &norgs)) != TJG_OK)
		return rc;
	for (i = 0; i < norgs; i++)
		if (orgs[i].active && orgs[i].responsible == 0)
			hputf(r, &rc, orgs[i].name, "ContactsMissing.%zu.name",
			    m++);
	memset(&f, 0, sizeof(f));
	f.network = r->network_id;
	f.today = w.today;
	f.purge_days = r->conf->contact_purge_days;
	f.owner = -1;
	f.due_only = true;
	if (rc != TJG_OK ||
	    (rc = store_contact_list(r->db, r->a, &f, &due, &ndue)) != TJG_OK)
		return rc;
	if (ndue > 0)
		hput(r, &rc, "ContactsDue", hnum(r, (long long)ndue));
	return rc;
}
