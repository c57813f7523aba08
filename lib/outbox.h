/*
 * The mail queue (table outbox). A message is added inside the
 * transaction that causes it (an order, a status change, a one-time code),
 * so it exists exactly when that change was committed; `tjgctl mail`
 * (mail_run in mail.c) sends it later. Recipient address and body are
 * personal data: they are erased (NULL) as soon as the message is sent or
 * has finally failed; kind, subject, status and times remain.
 *
 * All functions return TJG_OK or an error code (err.h); TJG_EUNAVAIL when
 * the database is down.
 */
#ifndef TJG_OUTBOX_H
#define TJG_OUTBOX_H

#include <stddef.h>

#include "arena.h"

struct db;

/* A pending message, as locked by store_outbox_due(). */
struct outbox_msg {
	long long	 id;
	long long	 network_id;	/* 0 if none */
	long long	 order_id;	/* 0 if none */
	const char	*kind;		/* "receipt", "status", ... */
	const char	*to;		/* one addr-spec: local@domain */
	const char	*subject;	/* UTF-8, one line */
	const char	*body;		/* UTF-8 text, LF or CRLF lines */
	int		 attempts;	/* delivery attempts so far */
};

/*
 * Queues a message for to. network_id and order_id are 0 for none (SQL
 * NULL). Runs in the caller's transaction, if any, so the message is
 * committed or rolled back with the change that caused it. Refuses with
 * TJG_EINVAL a NULL or empty argument, a kind longer than 32 bytes, and a
 * to or subject holding CR or LF (header injection); mail_deliver()
 * checks the rest when the message is sent. Sets *id (id may be NULL).
 */
int	 store_outbox_add(struct db *, long long network_id,
	    long long order_id, const char *kind, const char *to,
	    const char *subject, const char *body, long long *id);

/*
 * Starts the transaction in which store_outbox_due() locks messages, at
 * READ COMMITTED: the locks then cover the selected rows only, with no
 * gap locks, so order transactions that add mail meanwhile never wait for
 * a delivery in progress. End it with db_commit()/db_rollback().
 */
int	 store_outbox_begin(struct db *);

/*
 * Locks and returns at most limit pending messages whose next attempt is
 * due (next_attempt_at <= now), earliest due first (then oldest id), with
 * SELECT ... FOR UPDATE SKIP LOCKED: messages another transaction holds
 * are skipped, so concurrent senders never get the same message. Must run
 * inside a transaction begun with store_outbox_begin(); the locks last
 * until it ends. *out (possibly empty, *n == 0) lives in the arena.
 */
int	 store_outbox_due(struct db *, struct arena *, size_t limit,
	    struct outbox_msg **out, size_t *n);

/*
 * Marks pending message id sent (sent_at now, attempts + 1) and erases
 * its personal data: to_addr and body NULL, erased_at now.
 * TJG_ENOTFOUND if id is not a pending message.
 */
int	 store_outbox_sent(struct db *, long long id);

/*
 * Records failed delivery attempt number attempts (1 for the first) of
 * pending message id, with error (a short text that must hold no personal
 * data; truncated to 255 bytes, NULL for none). While attempts is below
 * max_attempts the message stays pending and is due again in delay_s
 * seconds; once attempts reaches max_attempts it is failed and its
 * personal data erased as by store_outbox_sent(). A caller gives up at
 * once on a message that can never be sent by passing max_attempts equal
 * to attempts. TJG_ENOTFOUND if id is not a pending message.
 */
int	 store_outbox_retry(struct db *, long long id, int attempts,
	    int max_attempts, int delay_s, const char *error);

#endif
