/*
 * The console's sessions, sign-in and audit, shared by the dispatcher and
 * the /admin/ handlers. Roles are checked in one place: the dispatcher,
 * against the ROLE_* flags of the route (http.h). Handlers only narrow
 * what they show with console_provider(): a provider user sees its own
 * provider's things, and another provider's are "not found".
 */
#ifndef TJG_CONSOLE_H
#define TJG_CONSOLE_H

#include <stdbool.h>

struct request;
struct user_row;

#define SESSION_COOKIE		"tjg_session"
#define SESSION_CSRF_LEN	64	/* hex of the session's 32-byte secret */

struct console_user {
	long long	 id;
	const char	*username;
	unsigned	 role;		/* exactly one ROLE_* bit */
	const char	*role_name;	/* "network_admin", ... */
	long long	 provider_id;	/* provider users; 0 for staff */
	const char	*provider_name;	/* provider users; NULL for staff */
	const char	*csrf;		/* every form of the session posts it */
};

/*
 * Finds the session of the request's cookie: sets r->user and returns
 * TJG_OK; TJG_EUNAUTH when there is none, it has expired (idle or
 * absolute time-out; it is then deleted), the user is disabled, or the
 * user does not belong to the request's network. Touches last_seen_at at
 * most once a minute.
 */
int	console_session(struct request *);

/* True if the token posted with a form is the session's. */
bool	console_csrf_ok(const struct request *, const char *token);

/*
 * Signs in: refuses with TJG_ERATE while the account or the client address
 * has too many recent failures, TJG_EUNAUTH for a wrong or unknown name or
 * password or a disabled user (the same answer and about the same time for
 * all three), else creates a new session (a new id every time), sets its
 * cookie and r->user. Every attempt is recorded; a success is audited.
 */
int	console_signin(struct request *, const char *username,
	    const char *password);

/*
 * Starts a new session for u (after sign-in or a password change): ends
 * the browser's old one, sets the cookie and r->user.
 */
int	console_session_new(struct request *, const struct user_row *u);

/*
 * Checks the signed-in user's password again (before a password change),
 * throttled and recorded as a sign-in is: TJG_OK with the user in *u,
 * TJG_EUNAUTH, or TJG_ERATE.
 */
int	console_recheck(struct request *, const char *password,
	    struct user_row *u);

/* Ends the request's session in the database and clears the cookie. */
int	console_signout(struct request *);

/*
 * Writes an audit entry for the signed-in user (or "anonymous"): action
 * like "order.show", the kind and reference of the object ("order",
 * "ABC123..."), a short detail (never personal data). Returns the store's
 * error; callers that change data write it in the same transaction.
 */
int	console_audit(struct request *, const char *action,
	    const char *object_kind, const char *object_ref,
	    const char *detail);

/* The provider a provider user is limited to; 0 for network staff. */
long long console_provider(const struct request *);

/* ROLE_* bit for a role name of app_user.role, 0 if unknown. */
unsigned console_role_bit(const char *name);

/*
 * The role check of the dispatcher: true if role (exactly one ROLE_* bit,
 * as console_role_bit gives) is among the ROLE_* bits of route_flags.
 * No role, a combination of roles, or a route without roles: false.
 */
bool	console_may(unsigned route_flags, unsigned role);

#endif
