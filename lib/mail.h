/*
 * Sending mail: one message at a time through the configured
 * sendmail-compatible program ([mail] sendmail, e.g. "/usr/sbin/sendmail
 * -t -i" or "msmtp -t"), and the sender loop of `tjgctl mail` that
 * empties the queue (outbox.h). Nothing personal is logged or put in an
 * error text: messages are named by their outbox id only.
 */
#ifndef TJG_MAIL_H
#define TJG_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"

struct conf;
struct db;

/* Seconds the mail program may take for one message (default 30). */
#define MAIL_TIMEOUT_DEFAULT	30

/*
 * Sets the seconds mail_deliver() gives the program (at least 1) before it
 * kills it (its whole process group, SIGKILL). Process-wide; meant for
 * tests and for start-up.
 */
void	 mail_set_timeout(int seconds);

/*
 * Delivers one message: runs c->sendmail (split on blanks into argv, run
 * with posix_spawnp, no shell, in its own process group, stdout and
 * stderr captured) and writes to its standard input an RFC 5322 message
 * with LF line ends: From, To, Subject (RFC 2047 encoded-words
 * =?UTF-8?B?...?= when not plain ASCII), Date (UTC), Message-ID (random,
 * at the domain of from), MIME-Version, Content-Type text/plain;
 * charset=utf-8, Content-Transfer-Encoding quoted-printable (7-bit, lines
 * of at most 76 characters, so any relay carries it unchanged and a "."
 * or "From " at the start of a line is encoded), Auto-Submitted:
 * auto-generated, then body (UTF-8; CRLF or LF lines). The program must
 * take the recipients from the header (sendmail -t).
 *
 * from is "addr@domain" or "Display Name <addr@domain>"; to is one
 * addr@domain. Returns:
 *   TJG_OK       the program read the message and exited with status 0;
 *   TJG_EINVAL   the message was refused before anything ran: a CR or LF
 *                in from, to or subject (header injection), an address
 *                that is not one plain addr-spec, a control character in
 *                subject, invalid UTF-8 in subject or body; never worth a
 *                retry;
 *   TJG_ECONFIG  the program cannot be run (empty command, not found or
 *                not executable, or exit status 127: what a child that
 *                could not exec it returns);
 *   TJG_EUNAVAIL the program failed: non-zero exit status, killed by a
 *                signal, or killed after the timeout.
 * On failure err (errlen bytes, may be 0) says what happened with the
 * exit status and the first line of the program's output with anything
 * like an address masked; it never holds the recipient or the message.
 */
int	 mail_deliver(const struct conf *c, const char *from, const char *to,
	    const char *subject, const char *body, char *err, size_t errlen);

/*
 * Seconds to wait before attempt attempts + 1 after attempts failed
 * attempts (attempts >= 1): 60 * 2^(attempts - 1), at most 6 hours.
 */
int	 mail_backoff(int attempts);

/*
 * Sends the due messages of the outbox from c->mail_from, in batches of
 * up to 10: each batch is one transaction that locks its messages (FOR
 * UPDATE SKIP LOCKED, so concurrent runs never send one message twice),
 * delivers them one by one, marks each sent (erasing address and body) or
 * schedules a retry after mail_backoff() — failed, and erased, after
 * c->mail_max_attempts attempts or at once when the message itself is
 * invalid — and commits. A message whose delivery succeeded may be sent
 * again if the commit is lost (at-least-once).
 *
 * Prints one line per message to progress (may be NULL), naming the
 * outbox id only: "mail: 12 sent", "mail: 13 failed (attempt 2, retry in
 * 120 s)", "mail: 14 failed (attempt 8, giving up)", "mail: 15 failed
 * (invalid message, giving up)". The reasons go to the log (log_warn),
 * and to outbox.last_error.
 *
 * Without loop, returns once nothing is due. With loop, looks again every
 * 10 seconds until SIGTERM or SIGINT, and outlives database outages
 * (logged, retried). Either way SIGTERM and SIGINT are caught while it
 * runs (previous handlers restored on return): the message being sent is
 * finished and its batch committed, then mail_run returns TJG_OK.
 *
 * a is scratch space and is reset after every batch: it must hold nothing
 * the caller still needs. Returns TJG_OK; TJG_ECONFIG when c->mail_from
 * is not a usable address or c->sendmail is empty (nothing touched) or,
 * without loop, when the program cannot be run (what the batch had done
 * is committed, the message is left as it was, no attempt counted; with
 * loop this is logged and retried); or, without loop, the database error
 * that ended the pass (its batch rolled back).
 */
int	 mail_run(struct db *db, struct arena *a, const struct conf *c,
	    bool loop, FILE *progress);

#endif
