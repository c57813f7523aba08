/*
 * The contact register: named contact persons of a network and of each
 * provider (table contact), their review and purge. All SQL of the
 * register is in store_contact.c.
 *
 * An organisation is the network (provider 0) or a provider. Its
 * responsible contact person ("ansvarig kontaktperson", the one
 * responsible for communication) is a contact with role "admin"
 * (CONTACT_RESPONSIBLE); the network and every active provider must have
 * one at all times (sql/007_contacts.sql).
 *
 * The review rules, with "today" the UTC date of clock_now() (TJG_NOW
 * moves it for tests):
 *   due       review_due <= today;
 *   flagged   not confirmed grace_days after review_due: flagged_at is set
 *             once review_due + grace_days < today;
 *   purged    still flagged purge_days after flagged_at: removed, and the
 *             console users linked to it disabled, their sessions ended.
 * A confirmation sets review_due to today + review_months and clears the
 * flag.
 *
 * The console (network) reads the contacts of its network and of the
 * providers that deliver in it (provider_network active); the others are
 * "not found". Also the small pure helpers, unit tested in
 * t/unit/t_contact.c.
 */
#ifndef TJG_STORE_CONTACT_H
#define TJG_STORE_CONTACT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "arena.h"

struct db;

#define CONTACT_RESPONSIBLE	"admin"	/* role of the responsible contact */
#define CONTACT_DAY_LEN		11	/* "YYYY-MM-DD" and NUL */
#define CONTACT_NAME_MAX	100	/* characters of a first or last name */
#define CONTACT_USERNAME_MAX	64
#define CONTACT_EMAIL_MAX	254
#define CONTACT_LIST_MAX	1000	/* rows of one list */

/* One contact as the console and the review mail show it. */
struct contact {
	long long	 id;
	long long	 network_id;	/* owner: exactly one of these two */
	long long	 provider_id;	/* is non-zero */
	const char	*owner_name;	/* the network's or provider's name */
	const char	*first_name, *last_name;
	const char	*username;	/* or NULL */
	const char	*email;
	const char	*phone;		/* E.164, or NULL */
	const char	*role;		/* contact.role */
	const char	*added_by;	/* console user name, or NULL */
	const char	*added_at;	/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char	*confirmed_by;	/* NULL if never (or user gone) */
	const char	*confirmed_at;	/* UTC, NULL if never */
	const char	*review_due;	/* "YYYY-MM-DD" */
	const char	*flagged_at;	/* UTC, NULL unless flagged */
	const char	*purge_on;	/* flagged: "YYYY-MM-DD" of removal */
	bool		 due;		/* review_due <= today */
	long long	 user_id;	/* linked console user, 0 if none */
	const char	*user_name;	/* its name, or NULL */
};

/* What a list is narrowed to. */
struct contact_filter {
	long long	 network;	/* whose console asks */
	const char	*today;		/* "YYYY-MM-DD" */
	int		 purge_days;	/* for contact.purge_on */
	long long	 owner;		/* -1 any, 0 the network, or provider */
	const char	*role;		/* NULL: any */
	const char	*q;		/* NULL, or part of a name or e-mail */
	bool		 due_only;	/* review_due <= today, oldest first */
};

/*
 * The contacts of filter->network and its providers matching the filter,
 * at most CONTACT_LIST_MAX, by organisation (the network first) and name,
 * or by review date when due_only. *out lives in the arena.
 */
int	 store_contact_list(struct db *, struct arena *,
	    const struct contact_filter *, struct contact **out, size_t *n);

/*
 * Contact id if it belongs to network or to one of its providers;
 * TJG_ENOTFOUND otherwise. today and purge_days as in the filter.
 */
int	 store_contact_get(struct db *, struct arena *, long long network,
	    const char *today, int purge_days, long long id,
	    struct contact *out);

/* An organisation of a network's register. */
struct contact_org {
	long long	 provider_id;	/* 0: the network itself */
	const char	*name;
	bool		 active;	/* must have a responsible contact */
	long long	 responsible;	/* its contacts with role "admin" */
};

/*
 * The network (first) and the providers delivering in it, by name, each
 * with its number of responsible contacts.
 */
int	 store_contact_orgs(struct db *, struct arena *, long long network,
	    struct contact_org **out, size_t *n);

/* A console user of the network, for the link of a contact. */
struct contact_user {
	long long	 id;
	const char	*username;
	const char	*role;		/* app_user.role */
	long long	 provider_id;	/* provider users; 0 for staff */
	const char	*provider_name;	/* or NULL */
	long long	 contact_id;	/* linked contact, 0 if none */
	bool		 disabled;
};

/* The console users of network, staff first, then by provider and name. */
int	 store_contact_users(struct db *, struct arena *, long long network,
	    struct contact_user **out, size_t *n);

/* What a form writes. */
struct contact_new {
	long long	 network_id, provider_id;	/* one of them */
	const char	*first_name, *last_name;
	const char	*username;	/* NULL for none */
	const char	*email;
	const char	*phone;		/* E.164 or NULL */
	const char	*role;
	long long	 added_by;	/* console user, 0 for none */
	const char	*review_due;	/* "YYYY-MM-DD" */
	const char	*now;		/* UTC "YYYY-MM-DD HH:MM:SS" */
};

/* Adds a contact; its id in *id. Runs in the caller's transaction. */
int	 store_contact_insert(struct db *, const struct contact_new *,
	    long long *id);

/*
 * Writes names, user name, e-mail, phone and role of c to contact id
 * (owner, review_due and added_by are not changed).
 */
int	 store_contact_update(struct db *, long long id,
	    const struct contact_new *c);

/*
 * Links contact id to console user user_id of network (0: to none): any
 * other user linked to it is unlinked first, so a contact has at most
 * one user. TJG_ENOTFOUND if user_id is not of network.
 */
int	 store_contact_link(struct db *, long long network, long long id,
	    long long user_id);

/*
 * Confirms contact id now by user: confirmed_by/at, review_due, the flag
 * cleared. TJG_ENOTFOUND if it is gone.
 */
int	 store_contact_confirm(struct db *, long long id, long long user,
	    const char *now, const char *review_due);

/*
 * Locks contact id (FOR UPDATE, in the caller's transaction) and counts
 * the other responsible contacts of its organisation, locking them too,
 * so that two administrators cannot remove the last two at once. Sets
 * *responsible (the contact itself is one), *others and *org_active
 * (the network, or an active provider: it must keep one).
 * TJG_ENOTFOUND if it is gone.
 */
int	 store_contact_lock(struct db *, long long id, bool *responsible,
	    long long *others, bool *org_active);

/* A console user disabled with a removed contact. */
struct contact_disabled {
	long long	 id;
	const char	*username;
};

/*
 * Removes contact id in the caller's transaction: every console user
 * linked to it is disabled and its sessions ended, then the row is
 * deleted. The disabled users in *users (the arena), *n of them.
 * TJG_ENOTFOUND if it was gone.
 */
int	 store_contact_remove(struct db *, struct arena *, long long id,
	    const char *now, struct contact_disabled **users, size_t *n);

/* tjgctl: the review and purge over all organisations. */

/* A contact the rules act on: its id and organisation. */
struct contact_ref {
	long long	 id, network_id, provider_id;
};

/*
 * The unflagged contacts whose review_due + grace_days is before today:
 * at most CONTACT_LIST_MAX, oldest first.
 */
int	 store_contact_overdue(struct db *, struct arena *, const char *today,
	    int grace_days, struct contact_ref **out, size_t *n);

/*
 * Flags contact id at now if it is still unflagged and overdue (as
 * above); *flagged false if it was not (confirmed meanwhile).
 */
int	 store_contact_flag(struct db *, long long id, const char *now,
	    const char *today, int grace_days, bool *flagged);

/* The contacts flagged at least purge_days before now, oldest first. */
int	 store_contact_expired(struct db *, struct arena *, const char *now,
	    int purge_days, struct contact_ref **out, size_t *n);

/*
 * Locks contact id if it is still flagged purge_days before now:
 * TJG_ENOTFOUND if not (confirmed or removed meanwhile). Call in the
 * transaction of store_contact_remove().
 */
int	 store_contact_lock_expired(struct db *, long long id, const char *now,
	    int purge_days);

/* An organisation with contacts due for review. */
struct contact_due_org {
	long long	 network_id, provider_id;	/* one of them */
	const char	*slug, *name;
	long long	 due;		/* its contacts due by today */
};

/* The organisations (all networks and providers) with due contacts. */
int	 store_contact_due_orgs(struct db *, struct arena *, const char *today,
	    struct contact_due_org **out, size_t *n);

/*
 * The contacts of one organisation (network_id or provider_id, the other
 * 0): with due_only those due by today, oldest review first; with role
 * only those with that role (NULL: any).
 */
int	 store_contact_of_org(struct db *, struct arena *, long long network_id,
	    long long provider_id, const char *today, int purge_days,
	    bool due_only, const char *role, struct contact **out, size_t *n);

/*
 * Records the review mail of an organisation on day (contact_review_mail),
 * in the transaction that queues it: TJG_ECONFLICT if one was already
 * recorded for that organisation and day.
 */
int	 store_contact_review_mailed(struct db *, long long network_id,
	    long long provider_id, const char *day, long long contacts,
	    long long recipients);

/* Deletes the records of review mails older than days before today. */
int	 store_contact_review_forget(struct db *, const char *today, int days,
	    unsigned long long *n);

/* Pure helpers. */

/* The UTC date of t, "YYYY-MM-DD". */
void	 contact_today(time_t t, char out[CONTACT_DAY_LEN]);

/*
 * day ("YYYY-MM-DD", a real date) plus months, the day of the month
 * kept or, where the month is shorter, its last day (2026-01-31 + 1 is
 * 2026-02-28). false for anything but such a date or months outside
 * 0..1200.
 */
bool	 contact_add_months(const char *day, int months,
	    char out[CONTACT_DAY_LEN]);

/* day plus days (may be negative); false as contact_add_months(). */
bool	 contact_add_days(const char *day, int days,
	    char out[CONTACT_DAY_LEN]);

/*
 * A plausible e-mail address: one '@' with something before it, a dot in
 * the domain (not first, not last), no blanks, controls or the specials
 * <>()[],;:\" — what the mail program will accept as one addr-spec.
 */
bool	 contact_email_ok(const char *s);

/* True for a value of contact.role. */
bool	 contact_role_ok(const char *s);

/*
 * An organisation chosen in a form: "network" is 0, a provider's id its
 * decimal digits; -1 for anything else.
 */
long long contact_owner_parse(const char *s);

/*
 * The LIKE pattern "%s%" for a search text, with '%', '_' and '\' in it
 * escaped (MariaDB's default escape character '\'). In the arena.
 */
const char *contact_like(struct arena *, const char *s);

#endif
