/*
 * mail_deliver() without a database: small shell scripts in a temporary
 * directory stand in for sendmail. One copies the message to a file, so
 * the header (encoded-words, Date, Message-ID, MIME) and the
 * quoted-printable body can be checked and decoded; others fail, are
 * killed by a signal, stop reading, or sleep past the timeout. Header
 * injection and malformed input are refused before anything runs. Also
 * the back-off schedule.
 */
#include <errno.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "err.h"
#include "mail.h"
#include "tap.h"

static char dir[64];
static char path_buf[4][256];

/* DIR/name in one of four rotating buffers. */
static const char *
path(const char *name)
{
	static int i;
	char *p = path_buf[i++ % 4];

	snprintf(p, sizeof(path_buf[0]), "%s/%s", dir, name);
	return p;
}

static void
write_script(const char *name, const char *text)
{
	FILE *f = fopen(path(name), "w");

	if (f == NULL || fputs("#!/bin/sh\n", f) == EOF ||
	    fputs(text, f) == EOF || fclose(f) != 0 ||
	    chmod(path(name), 0755) != 0) {
		printf("Bail out! cannot write %s: %s\n", name,
		    strerror(errno));
		exit(1);
	}
}

/* The whole file, NUL-terminated, or NULL if it does not exist. */
static char *
slurp(const char *file)
{
	FILE *f = fopen(file, "r");
	char *p = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			if ((p = realloc(p, cap)) == NULL)
				abort();
		}
		n = fread(p + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	fclose(f);
	p[len] = '\0';
	return p;
}

static int
b64val(char c)
{
	const char *tab =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(tab, c) : NULL;

	return p ? (int)(p - tab) : -1;
}

/* Decodes base64 text s (n chars) onto the end of out. */
static void
b64_decode(const char *s, size_t n, char *out)
{
	size_t len = strlen(out), i;
	unsigned v = 0;
	int bits = 0, d;

	for (i = 0; i < n && s[i] != '='; i++) {
		if ((d = b64val(s[i])) < 0)
			continue;
		v = v << 6 | (unsigned)d;
		if ((bits += 6) >= 8) {
			bits -= 8;
			out[len++] = (char)(v >> bits & 0xff);
		}
	}
	out[len] = '\0';
}

/*
 * The value of header name in msg, unfolded, with RFC 2047 B words
 * decoded (as a mail reader shows it), into out. Also checks that each
 * encoded-word is at most 75 characters; returns -1 if one is longer,
 * 0 if the header is missing, 1 if found.
 */
static int
header(const char *msg, const char *name, char *out, size_t outlen)
{
	const char *p = msg, *end, *q, *w;
	size_t nl = strlen(name);

	out[0] = '\0';
	for (;;) {
		if (strncmp(p, name, nl) == 0 && p[nl] == ':')
			break;
		if (*p == '\n' || (p = strchr(p, '\n')) == NULL)
			return 0;	/* end of the header */
		p++;
	}
	p += nl + 1;
	while (*p == ' ')
		p++;
	/* The value runs to a newline not followed by a blank. */
	for (end = p; *end != '\0' && !(*end == '\n' && end[1] != ' ' &&
	    end[1] != '\t'); end++)
		;
	for (q = p; q < end;) {
		if (strncmp(q, "=?UTF-8?B?", 10) == 0 &&
		    (w = strstr(q + 10, "?=")) != NULL && w < end) {
			if (w + 2 - q > 75)
				return -1;
			b64_decode(q + 10, (size_t)(w - q - 10), out);
			q = w + 2;
			/* Blanks between two encoded-words are not text. */
			while (q < end && (*q == '\n' || *q == ' '))
				q++;
			continue;
		}
		if (*q != '\n' && strlen(out) + 1 < outlen)
			strncat(out, q, 1);
		q++;
	}
	return 1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes the quoted-printable body (after the blank line) of msg into
 * out; returns the longest encoded line, or -1 on a malformed escape
 * or a line ending in a blank.
 */
static int
qp_body(const char *msg, char *out)
{
	const char *p = strstr(msg, "\n\n"), *line;
	int longest = 0;
	size_t len = 0;

	out[0] = '\0';
	if (p == NULL)
		return -1;
	for (p += 2; *p != '\0';) {
		line = p;
		while (*p != '\0' && *p != '\n') {
			if (*p == '=' && p[1] == '\n') {
				p++;
				break;	/* soft break: no newline */
			}
			if (*p == '=') {
				if (hexval(p[1]) < 0 || hexval(p[2]) < 0)
					return -1;
				out[len++] = (char)(hexval(p[1]) << 4 |
				    hexval(p[2]));
				p += 3;
				continue;
			}
			out[len++] = *p++;
		}
		if (p - line > longest)
			longest = (int)(p - line);
		if (p > line && (p[-1] == ' ' || p[-1] == '\t'))
			return -1;
		if (*p == '\n') {
			if (p == line || p[-1] != '=')
				out[len++] = '\n';
			p++;
		}
	}
	out[len] = '\0';
	return longest;
}

static bool
matches(const char *s, const char *ere)
{
	regex_t re;
	bool m;

	if (regcomp(&re, ere, REG_EXTENDED | REG_NEWLINE) != 0)
		return false;
	m = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return m;
}

/* Delivers through the capturing script; returns the message or NULL. */
static char *
capture(struct conf *c, const char *from, const char *to,
    const char *subject, const char *body, int *rc)
{
	char err[256];

	unlink(path("msg"));
	*rc = mail_deliver(c, from, to, subject, body, err, sizeof(err));
	if (*rc != TJG_OK)
		printf("# mail_deliver: %s: %s\n", err_name(*rc), err);
	return slurp(path("msg"));
}

static void
t_message(struct conf *c)
{
	char v[1024], cmd[512], *msg, *msg2, *args, *body, *want;
	const char *long_subj =
	    "Beställningen av Bredband 1000/1000 hos Leverantören AB är "
	    "mottagen – vi återkommer när den är behandlad och klar";
	int rc;

	snprintf(cmd, sizeof(cmd), "%s -t -i", path("capture"));
	c->sendmail = cmd;
	msg = capture(c, "noreply@example.se", "anna.svensson@example.org",
	    "Din beställning är mottagen",
	    "Hej,\nåäö = 1\n", &rc);
	is_int(rc, TJG_OK, "delivered through the capturing program");
	ok(msg != NULL, "the program got a message");
	if (msg == NULL)
		return;
	args = slurp(path("args"));
	is_str(args, "-t\n-i\n", "the command is split on blanks into argv");
	free(args);
	ok(strncmp(msg, "From: noreply@example.se\n", 25) == 0,
	    "From: first, the bare address");
	has_str(msg, "\nTo: anna.svensson@example.org\n", "To:");
	has_str(msg, "\nSubject: =?UTF-8?B?"
	    "RGluIGJlc3TDpGxsbmluZyDDpHIgbW90dGFnZW4=?=\n",
	    "a non-ASCII subject is one RFC 2047 B encoded-word");
	ok(matches(msg, "^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
	    "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
	    "20[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} \\+0000$"),
	    "Date: RFC 5322, UTC");
	ok(matches(msg, "^Message-ID: <[0-9]+\\.[0-9a-f]{24}@example\\.se>$"),
	    "Message-ID: random, at the sender's domain");
	has_str(msg, "\nMIME-Version: 1.0\n", "MIME-Version");
	has_str(msg, "\nContent-Type: text/plain; charset=utf-8\n",
	    "Content-Type text/plain UTF-8");
	has_str(msg, "\nContent-Transfer-Encoding: quoted-printable\n",
	    "Content-Transfer-Encoding quoted-printable");
	has_str(msg, "\nAuto-Submitted: auto-generated\n", "Auto-Submitted");
	lacks_str(msg, "\r", "LF line ends only (sendmail -t)");
	has_str(msg, "\n\nHej,\n=C3=A5=C3=A4=C3=B6 =3D 1\n",
	    "the body is quoted-printable after a blank line");
	free(msg);

	/* Two messages get different Message-IDs. */
	msg = capture(c, "noreply@example.se", "a@example.org", "x", "x",
	    &rc);
	msg2 = capture(c, "noreply@example.se", "a@example.org", "x", "x",
	    &rc);
	ok(msg != NULL && msg2 != NULL &&
	    header(msg, "Message-ID", v, sizeof(v)) == 1 &&
	    strstr(msg2, v) == NULL, "each message has its own Message-ID");
	free(msg);
	free(msg2);

	/* A long subject: several words, each <= 75, decoding to it. */
	msg = capture(c, "noreply@example.se", "a@example.org", long_subj,
	    "x", &rc);
	is_int(msg ? header(msg, "Subject", v, sizeof(v)) : 0, 1,
	    "a long subject is folded into encoded-words of <= 75 chars");
	is_str(v, long_subj, "  which decode to the subject");
	ok(msg != NULL && matches(msg, "^ =\\?UTF-8\\?B\\?"),
	    "  on continuation lines");
	free(msg);

	/* ASCII stays readable; "=?" in it is encoded. */
	msg = capture(c, "noreply@example.se", "a@example.org",
	    "Order ABC123 received", "x", &rc);
	has_str(msg, "\nSubject: Order ABC123 received\n",
	    "an ASCII subject is written as it is");
	free(msg);
	msg = capture(c, "noreply@example.se", "a@example.org",
	    "=?UTF-8?B?SGk=?= spoof", "x", &rc);
	ok(msg != NULL && header(msg, "Subject", v, sizeof(v)) == 1 &&
	    strcmp(v, "=?UTF-8?B?SGk=?= spoof") == 0,
	    "a subject holding \"=?\" is encoded, so it reads as written");
	free(msg);

	/* From with a display name. */
	msg = capture(c, "Tjänsteguiden Demo <noreply@example.se>",
	    "a@example.org", "x", "x", &rc);
	has_str(msg, "From: =?UTF-8?B?VGrDpG5zdGVndWlkZW4gRGVtbw==?= "
	    "<noreply@example.se>\n", "a non-ASCII display name is encoded");
	free(msg);
	msg = capture(c, "Demo Net <noreply@example.se>", "a@example.org",
	    "x", "x", &rc);
	has_str(msg, "From: Demo Net <noreply@example.se>\n",
	    "a plain display name stays");
	free(msg);
	msg = capture(c, "Demo \"Net\", AB <noreply@example.se>",
	    "a@example.org", "x", "x", &rc);
	has_str(msg, "From: \"Demo \\\"Net\\\", AB\" <noreply@example.se>\n",
	    "a display name with specials is quoted");
	free(msg);

	/* The body: encoded where it must be, decoding to the text. */
	body = malloc(4096);
	want = malloc(4096);
	if (body == NULL || want == NULL)
		abort();
	snprintf(want, 4096, "Hej Anna,\n\nDin beställning är mottagen.\n"
	    ".\nFrom here on\ntrailing blank \ttab\t\nend =\n%s\n",
	    "https://tjanster.example.se/status/ABCDEFGHJKLMNPQRSTUVWXYZ2345"
	    "6789abcdefghijkmnopqrstuvwxyz-a-very-long-line-that-must-be-"
	    "broken-softly-åäöÅÄÖ-and-then-some-more-text-to-be-sure");
	msg = capture(c, "noreply@example.se", "a@example.org", "x", want,
	    &rc);
	is_int((msg ? qp_body(msg, body) : -1) >= 0, 1,
	    "the body is well-formed quoted-printable");
	is_str(body, want, "  decoding to the text");
	ok(msg && qp_body(msg, body) <= 76, "  in lines of at most 76 chars");
	has_str(msg, "\n=2E\n", "  a lone \".\" line is encoded");
	has_str(msg, "\n=46rom here on\n", "  \"From \" at a line start is "
	    "encoded");
	has_str(msg, "\ntrailing blank \ttab=09\n",
	    "  a blank before the line end is encoded");
	free(msg);

	/* CRLF lines arrive as LF lines, without a stray CR. */
	msg = capture(c, "noreply@example.se", "a@example.org", "x",
	    "one\r\ntwo\r\n", &rc);
	ok(msg != NULL && qp_body(msg, body) >= 0 &&
	    strcmp(body, "one\ntwo\n") == 0, "CRLF in the body becomes LF");
	free(msg);
	free(body);
	free(want);
}

static void
t_refused(struct conf *c)
{
	static const struct {
		const char *from, *to, *subject, *body, *what;
	} bad[] = {
		{ "noreply@example.se", "a@example.org\r\nBcc: x@evil.example",
		    "x", "x", "CR LF in To" },
		{ "noreply@example.se", "a@example.org\nBcc: x@evil.example",
		    "x", "x", "LF in To" },
		{ "noreply@example.se", "a@example.org",
		    "Hi\r\nBcc: x@evil.example", "x", "CR LF in Subject" },
		{ "noreply@example.se", "a@example.org", "Hi\rthere", "x",
		    "CR in Subject" },
		{ "noreply@example.se", "a@example.org", "Hi\nthere", "x",
		    "LF in Subject" },
		{ "Demo\r\nBcc: x@evil.example <noreply@example.se>",
		    "a@example.org", "x", "x", "CR LF in From" },
		{ "noreply@example.se", "a@example.org, x@evil.example", "x",
		    "x", "two recipients" },
		{ "noreply@example.se", "Anna <a@example.org>", "x", "x",
		    "a display name in To" },
		{ "noreply@example.se", "a b@example.org", "x", "x",
		    "a blank in To" },
		{ "noreply@example.se", "example.org", "x", "x",
		    "no @ in To" },
		{ "noreply@example.se", "a@@example.org", "x", "x",
		    "two @ in To" },
		{ "noreply@example.se", "a@example..org", "x", "x",
		    "an empty domain label" },
		{ "noreply@example.se", "-oQ/tmp@example.org", "x", "x",
		    "+ a To like an option (recipients come from the header, "
		    "not argv)" },
		{ "noreply", "a@example.org", "x", "x", "a bad From" },
		{ "Demo <noreply@example.se> x", "a@example.org", "x", "x",
		    "text after the From address" },
		{ "noreply@example.se", "a@example.org", "tab\tok", "x",
		    "+ a TAB in Subject" },
		{ "noreply@example.se", "a@example.org", "bell\a", "x",
		    "a control character in Subject" },
		{ "noreply@example.se", "a@example.org", "bad \xff", "x",
		    "invalid UTF-8 in Subject" },
		{ "noreply@example.se", "a@example.org", "x", "\xc0\xaf",
		    "an overlong sequence in the body" },
		{ "noreply@example.se", "a@example.org", "x",
		    "\xed\xa0\x80", "a surrogate in the body" },
		{ "noreply@example.se", "a@example.org", "x", NULL,
		    "no body" },
	};
	static char cmd[512];
	char err[256];
	size_t i;
	int rc;

	snprintf(cmd, sizeof(cmd), "%s -t", path("capture"));
	c->sendmail = cmd;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unlink(path("msg"));
		rc = mail_deliver(c, bad[i].from, bad[i].to, bad[i].subject,
		    bad[i].body, err, sizeof(err));
		if (bad[i].what[0] == '+') {
			is_int(rc, TJG_OK, "accepted: %s", bad[i].what + 2);
			continue;
		}
		is_int(rc, TJG_EINVAL, "refused: %s", bad[i].what);
		ok(access(path("msg"), F_OK) != 0 && err[0] != '\0' &&
		    strstr(err, "evil") == NULL && strstr(err, "@") == NULL,
		    "  nothing ran; the error names no address (%s)", err);
	}
}

/* Whether pid is gone or a zombie (killed, not yet reaped by init). */
static bool
dead(long pid)
{
	char file[64], *stat, *p;
	bool gone;

	snprintf(file, sizeof(file), "/proc/%ld/stat", pid);
	if ((stat = slurp(file)) == NULL)
		return true;
	p = strrchr(stat, ')');
	gone = p != NULL && p[1] == ' ' && p[2] == 'Z';
	free(stat);
	return gone;
}

static void
t_failures(struct conf *c)
{
	char err[256], cmd[512], *big, *pidtext;
	struct timespec t0, t1;
	double secs;
	long pid;
	int rc, i;

	snprintf(cmd, sizeof(cmd), "%s -t", path("tempfail"));
	c->sendmail = cmd;
	rc = mail_deliver(c, "noreply@example.se", "anna.svensson@example.org",
	    "x", "x", err, sizeof(err));
	is_int(rc, TJG_EUNAVAIL, "a non-zero exit status is a failure");
	has_str(err, "exit status 75 EX_TEMPFAIL", "  with the status (%s)",
	    err);
	has_str(err, "cannot deliver", "  and the program's first line");
	lacks_str(err, "anna", "  the address and local part are masked");
	lacks_str(err, "@", "  no @ at all");
	has_str(err, "[address]", "  shown as [address]");

	snprintf(cmd, sizeof(cmd), "%s", path("signal"));
	c->sendmail = cmd;
	rc = mail_deliver(c, "noreply@example.se", "a@example.org", "x", "x",
	    err, sizeof(err));
	is_int(rc, TJG_EUNAVAIL, "killed by a signal is a failure");
	has_str(err, "killed by signal 9", "  saying so (%s)", err);

	/* 1 MB that /bin/true never reads: EPIPE, no SIGPIPE, a failure. */
	if ((big = malloc(1 << 20)) == NULL)
		abort();
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	c->sendmail = "true";
	rc = mail_deliver(c, "noreply@example.se", "a@example.org", "x", big,
	    err, sizeof(err));
	is_int(rc, TJG_EUNAVAIL, "a program that does not read the message "
	    "fails it (and SIGPIPE does not kill us)");
	has_str(err, "before reading", "  saying so (%s)", err);
	free(big);

	c->sendmail = "/nonexistent/sendmail -t";
	rc = mail_deliver(c, "noreply@example.se", "a@example.org", "x", "x",
	    err, sizeof(err));
	is_int(rc, TJG_ECONFIG, "a missing program is a configuration error");
	has_str(err, "cannot run /nonexistent/sendmail", "  saying so (%s)",
	    err);
	c->sendmail = " \t ";
	rc = mail_deliver(c, "noreply@example.se", "a@example.org", "x", "x",
	    err, sizeof(err));
	is_int(rc, TJG_ECONFIG, "an empty command is a configuration error");

	snprintf(cmd, sizeof(cmd), "%s %s", path("sleeper"), path("pid"));
	c->sendmail = cmd;
	mail_set_timeout(1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = mail_deliver(c, "noreply@example.se", "a@example.org", "x", "x",
	    err, sizeof(err));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	mail_set_timeout(MAIL_TIMEOUT_DEFAULT);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	is_int(rc, TJG_EUNAVAIL, "a program past the timeout fails");
	has_str(err, "timed out after 1 s; killed", "  saying so (%s)", err);
	ok(secs >= 0.9 && secs < 5, "  after the timeout (%.2f s)", secs);
	pidtext = slurp(path("pid"));
	pid = pidtext != NULL ? strtol(pidtext, NULL, 10) : 0;
	free(pidtext);
	/* SIGKILL is sent, not yet delivered, when kill() returns. */
	for (i = 0; i < 100 && pid > 0 && !dead(pid); i++)
		nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, NULL);
	ok(pid > 0 && dead(pid),
	    "  what it started is killed too (process group)");
	if (pid > 0 && !dead(pid))
		kill((pid_t)pid, SIGKILL);
}

/* The number of open file descriptors of this process. */
static int
count_fds(void)
{
	char file[64];
	int fd, n = 0;

	for (fd = 0; fd < 1024; fd++) {
		snprintf(file, sizeof(file), "/proc/self/fd/%d", fd);
		if (access(file, F_OK) == 0)
			n++;
	}
	return n;
}

static void
t_backoff(void)
{
	is_int(mail_backoff(1), 60, "back-off after attempt 1: 60 s");
	is_int(mail_backoff(2), 120, "after attempt 2: 120 s");
	is_int(mail_backoff(3), 240, "after attempt 3: 240 s");
	is_int(mail_backoff(9), 15360, "after attempt 9: 15360 s");
	is_int(mail_backoff(10), 21600, "after attempt 10: capped at 6 h");
	is_int(mail_backoff(100), 21600, "after attempt 100: capped at 6 h");
	is_int(mail_backoff(0), 60, "attempt 0 counts as the first");
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	struct conf c;
	char rm[128];
	int rc, fds;

	snprintf(dir, sizeof(dir), "%s/t_mail.XXXXXX",
	    tmp != NULL && *tmp != '\0' && strlen(tmp) < 40 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	{
		char text[600];

		snprintf(text, sizeof(text),
		    "printf '%%s\\n' \"$@\" >%s\ncat >%s\n", path("args"),
		    path("msg"));
		write_script("capture", text);
		snprintf(text, sizeof(text),
		    "echo 'sendmail: cannot deliver to "
		    "<anna.svensson@example.org> (anna.svensson) now' >&2\n"
		    "echo 'second line' >&2\ncat >/dev/null\nexit 75\n");
		write_script("tempfail", text);
		write_script("signal", "cat >/dev/null\nkill -9 $$\n");
		write_script("sleeper", "sleep 30 &\necho $! >\"$1\"\nwait\n");
	}
	memset(&c, 0, sizeof(c));
	fds = count_fds();

	t_message(&c);
	t_refused(&c);
	t_failures(&c);
	is_int(count_fds(), fds, "no file descriptor is left open");
	t_backoff();

	rc = done_testing();
	snprintf(rm, sizeof(rm), "rm -rf '%s'", dir);
	if (system(rm) != 0)
		printf("# could not remove %s\n", dir);
	return rc;
}
