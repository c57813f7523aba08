/*
 * Mail: formats one message (RFC 5322 header, MIME text/plain in UTF-8,
 * quoted-printable body, RFC 2047 encoded-words where a header is not
 * plain ASCII), hands it to the configured sendmail-compatible program on
 * its standard input, and empties the outbox with it (mail_run). The
 * program runs without a shell, in its own process group, under a
 * timeout. Error texts and log lines carry outbox ids, exit statuses and
 * the program's own diagnostics with addresses masked, nothing personal.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "mail.h"
#include "outbox.h"

extern char **environ;

#define MAIL_BATCH	10	/* messages locked per transaction */
#define MAIL_IDLE_S	10	/* seconds between rounds with loop */
#define MAIL_MAXARGS	32	/* words of [mail] sendmail */
#define MAIL_OUTPUT_MAX	512	/* bytes of program output kept */
#define MAIL_POLL_MS	50	/* how often the child is looked at */
#define MAIL_QP_MAX	75	/* QP characters before a soft break */
#define MAIL_EW_BYTES	42	/* bytes per encoded-word: 68 chars */
#define MAIL_BACKOFF_FIRST 60
#define MAIL_BACKOFF_MAX (6 * 3600)

static int mail_timeout = MAIL_TIMEOUT_DEFAULT;
static volatile sig_atomic_t mail_stop;

/* A parsed From: optional display name and an addr-spec. */
struct mailbox {
	const char	*name;
	size_t		 namelen;
	const char	*addr;
	size_t		 addrlen;
};

void
mail_set_timeout(int seconds)
{
	mail_timeout = seconds > 0 ? seconds : 1;
}

int
mail_backoff(int attempts)
{
	int delay = MAIL_BACKOFF_FIRST;

	while (--attempts > 0 && delay < MAIL_BACKOFF_MAX)
		delay *= 2;
	return delay < MAIL_BACKOFF_MAX ? delay : MAIL_BACKOFF_MAX;
}

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen == 0)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* --- checking ----------------------------------------------------- */

/*
 * The length of the valid UTF-8 sequence at s (n bytes available), or 0
 * when it is invalid (overlong, surrogate, beyond U+10FFFF, truncated).
 */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2)
		return 0;
	if (s[0] < 0xe0) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] < 0xf0) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] < 0xf5) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

static bool
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, len;

	for (i = 0; i < n; i += len)
		if ((len = utf8_seq(p + i, n - i)) == 0)
			return false;
	return true;
}

/* Header text (subject, display name): UTF-8, no control but TAB. */
static bool
valid_header_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < ' ' && s[i] != '\t') ||
		    s[i] == 0x7f)
			return false;
	return utf8_valid(s, n);
}

/* A dot-atom: no leading, trailing or doubled dot. */
static bool
valid_dots(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (i = 1; i < n; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return false;
	return true;
}

/*
 * One plain addr-spec, local@domain, as a form accepts it: no blanks, no
 * quoting, comments or specials, so it can neither add a recipient nor
 * break out of the header. UTF-8 (RFC 6531 addresses) passes through.
 */
static bool
valid_addr(const char *s, size_t n)
{
	const char *at = NULL;
	unsigned char c;
	size_t i;

	if (n < 3 || n > 254)
		return false;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '@') {
			if (at != NULL)
				return false;
			at = s + i;
		} else if (c <= ' ' || c == 0x7f ||
		    strchr("()<>[]:;,\\\"", c) != NULL)
			return false;
	}
	if (at == NULL || at - s > 64)
		return false;
	return valid_dots(s, (size_t)(at - s)) &&
	    valid_dots(at + 1, n - (size_t)(at - s) - 1) && utf8_valid(s, n);
}

/* "addr" or "Display Name <addr>"; blanks around the name are dropped. */
static bool
parse_from(const char *from, struct mailbox *mb)
{
	const char *lt, *gt, *end;

	memset(mb, 0, sizeof(*mb));
	mb->name = "";
	if ((lt = strchr(from, '<')) == NULL) {
		mb->addr = from;
		mb->addrlen = strlen(from);
		return valid_addr(mb->addr, mb->addrlen);
	}
	if ((gt = strchr(lt, '>')) == NULL || gt[1] != '\0')
		return false;
	mb->addr = lt + 1;
	mb->addrlen = (size_t)(gt - lt - 1);
	for (mb->name = from; *mb->name == ' ' || *mb->name == '\t';
	    mb->name++)
		;
	for (end = lt; end > mb->name && (end[-1] == ' ' || end[-1] == '\t');
	    end--)
		;
	mb->namelen = (size_t)(end - mb->name);
	return valid_addr(mb->addr, mb->addrlen) &&
	    valid_header_text(mb->name, mb->namelen);
}

/* --- formatting --------------------------------------------------- */

static void
put_base64(struct buf *b, const unsigned char *s, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t v;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
		buf_addc(b, tab[v >> 18]);
		buf_addc(b, tab[(v >> 12) & 63]);
		buf_addc(b, tab[(v >> 6) & 63]);
		buf_addc(b, tab[v & 63]);
	}
	if (i < n) {
		v = (uint32_t)s[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		buf_addc(b, tab[v >> 18]);
		buf_addc(b, tab[(v >> 12) & 63]);
		buf_addc(b, i + 1 < n ? tab[(v >> 6) & 63] : '=');
		buf_addc(b, '=');
	}
}

/*
 * s (n bytes of valid UTF-8) as RFC 2047 B encoded-words, each of whole
 * characters and at most 75 characters long, folded onto continuation
 * lines (white space between encoded-words is not part of the text).
 */
static void
put_encoded(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, j, len;

	while (i < n) {
		for (j = i; j < n; j += len) {
			len = utf8_seq(p + j, n - j);
			if (len == 0)
				len = 1;	/* checked before; never here */
			if (j + len - i > MAIL_EW_BYTES)
				break;
		}
		if (i > 0)
			buf_adds(b, "\n ");
		buf_adds(b, "=?UTF-8?B?");
		put_base64(b, p + i, j - i);
		buf_adds(b, "?=");
		i = j;
	}
}

static bool
is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* Whether s holds "=?", which a reader could take for an encoded-word. */
static bool
has_ew_start(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == '=' && s[i + 1] == '?')
			return true;
	return false;
}

/* Whether a display name can stand as an unquoted phrase. */
static bool
is_phrase(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(s[i] == ' ' || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    strchr("!#$%&'*+-/?^_`{|}~", s[i]) != NULL))
			return false;
	return true;
}

static void
put_from(struct buf *b, const struct mailbox *mb)
{
	size_t i;

	buf_adds(b, "From: ");
	if (mb->namelen > 0) {
		if (!is_ascii(mb->name, mb->namelen) ||
		    has_ew_start(mb->name, mb->namelen))
			put_encoded(b, mb->name, mb->namelen);
		else if (is_phrase(mb->name, mb->namelen))
			buf_add(b, mb->name, mb->namelen);
		else {
			buf_addc(b, '"');
			for (i = 0; i < mb->namelen; i++) {
				if (mb->name[i] == '"' || mb->name[i] == '\\')
					buf_addc(b, '\\');
				buf_addc(b, mb->name[i]);
			}
			buf_addc(b, '"');
		}
		buf_adds(b, " <");
		buf_add(b, mb->addr, mb->addrlen);
		buf_adds(b, ">\n");
		return;
	}
	buf_add(b, mb->addr, mb->addrlen);
	buf_addc(b, '\n');
}

static void
put_subject(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	buf_adds(b, "Subject: ");
	/* "=?" could be taken for an encoded-word; 900 keeps under 998. */
	if (!is_ascii(s, n) || has_ew_start(s, n) || n > 900)
		put_encoded(b, s, n);
	else
		buf_add(b, s, n);
	buf_addc(b, '\n');
}

static void
put_date(struct buf *b, time_t now)
{
	static const char *const wday[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	/* Not strftime: the names must be English whatever the locale. */
	if (gmtime_r(&now, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	buf_addf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\n",
	    wday[tm.tm_wday % 7], tm.tm_mday, mon[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
put_message_id(struct buf *b, const struct mailbox *from, time_t now)
{
	static unsigned long long seq;
	unsigned long long u;
	unsigned char rnd[12];
	const char *domain;
	struct timespec ts;
	size_t i;

	if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(rnd)) {
		/* Unique enough without entropy: clock, pid and a counter. */
		(void)clock_gettime(CLOCK_REALTIME, &ts);
		u = (unsigned long long)ts.tv_nsec ^
		    (unsigned long long)getpid() << 32 ^ ++seq << 48;
		for (i = 0; i < sizeof(rnd); i++)
			rnd[i] = (unsigned char)(u >> (8 * (i % 8)));
	}
	domain = (const char *)memchr(from->addr, '@', from->addrlen) + 1;
	buf_addf(b, "Message-ID: <%lld.", (long long)now);
	for (i = 0; i < sizeof(rnd); i++)
		buf_addf(b, "%02x", rnd[i]);
	buf_addc(b, '@');
	buf_add(b, domain, from->addrlen - (size_t)(domain - from->addr));
	buf_adds(b, ">\n");
}

/*
 * The body as quoted-printable (RFC 2045 6.7) with LF line ends: CRLF
 * becomes a line end, lines are broken softly before 76 characters,
 * blanks before a line end are encoded, and so are a "." and the "F" of
 * "From " at the start of a line (a lone "." ends the message for
 * sendmail without -i; "From " is mangled by mbox).
 */
static void
put_qp(struct buf *b, const char *body)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)body;
	size_t col = 0, len;
	bool eol, plain;

	for (; *p != '\0'; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n') {
			buf_addc(b, '\n');
			col = 0;
			continue;
		}
		eol = p[1] == '\0' || p[1] == '\n' ||
		    (p[1] == '\r' && p[2] == '\n');
		plain = (*p >= 33 && *p <= 126 && *p != '=') ||
		    ((*p == ' ' || *p == '\t') && !eol);
		len = plain ? 1 : 3;
		if (col + len > MAIL_QP_MAX) {
			buf_adds(b, "=\n");
			col = 0;
		}
		if (col == 0 && (*p == '.' ||
		    strncmp((const char *)p, "From ", 5) == 0)) {
			plain = false;
			len = 3;
		}
		if (plain)
			buf_addc(b, (char)*p);
		else {
			buf_addc(b, '=');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
		col += len;
	}
	if (col > 0)
		buf_addc(b, '\n');
}

static void
format_message(struct buf *b, const struct mailbox *from, const char *to,
    const char *subject, const char *body)
{
	time_t now = time(NULL);

	put_from(b, from);
	buf_adds(b, "To: ");
	buf_adds(b, to);
	buf_addc(b, '\n');
	put_subject(b, subject);
	put_date(b, now);
	put_message_id(b, from, now);
	buf_adds(b, "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: quoted-printable\n"
	    "Auto-Submitted: auto-generated\n"
	    "\n");
	put_qp(b, body);
}

/* --- running the program ------------------------------------------- */

static const char *
sysexit_name(int status)
{
	static const struct {
		int		 status;
		const char	*name;
	} names[] = {
		{ EX_USAGE, "EX_USAGE" }, { EX_DATAERR, "EX_DATAERR" },
		{ EX_NOINPUT, "EX_NOINPUT" }, { EX_NOUSER, "EX_NOUSER" },
		{ EX_NOHOST, "EX_NOHOST" },
		{ EX_UNAVAILABLE, "EX_UNAVAILABLE" },
		{ EX_SOFTWARE, "EX_SOFTWARE" }, { EX_OSERR, "EX_OSERR" },
		{ EX_OSFILE, "EX_OSFILE" }, { EX_CANTCREAT, "EX_CANTCREAT" },
		{ EX_IOERR, "EX_IOERR" }, { EX_TEMPFAIL, "EX_TEMPFAIL" },
		{ EX_PROTOCOL, "EX_PROTOCOL" }, { EX_NOPERM, "EX_NOPERM" },
		{ EX_CONFIG, "EX_CONFIG" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].status == status)
			return names[i].name;
	return NULL;
}

/*
 * The first non-empty line of the program's output, printable ASCII only,
 * with every word that holds an '@' or the recipient's local part (3 or
 * more characters) replaced by "[address]": MTAs like to quote the
 * address they failed on.
 */
static void
mask_output(char *dst, size_t dstlen, const char *out, size_t n,
    const char *to)
{
	char local[65], word[MAIL_OUTPUT_MAX + 1];
	const char *s = out, *end = out + n, *nl, *at;
	size_t len = 0, wl, ll;

	if (dstlen == 0)
		return;
	dst[0] = '\0';
	at = strchr(to, '@');
	ll = at != NULL && at - to < 65 ? (size_t)(at - to) : 0;
	memcpy(local, to, ll);
	local[ll] = '\0';
	while (s < end && (*s == '\n' || *s == '\r' || *s == ' '))
		s++;
	if ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL)
		end = nl;
	while (s < end) {
		for (wl = 0; s < end && *s != ' ' && *s != '\t'; s++)
			word[wl++] = (unsigned char)*s >= ' ' &&
			    (unsigned char)*s < 0x7f ? *s : '?';
		word[wl] = '\0';
		for (; s < end && (*s == ' ' || *s == '\t'); s++)
			;
		if (wl == 0)
			continue;
		if (strchr(word, '@') != NULL ||
		    (ll >= 3 && strcasestr(word, local) != NULL)) {
			strcpy(word, "[address]");
			wl = strlen(word);
		}
		if (len + wl + 2 >= dstlen)
			break;
		if (len > 0)
			dst[len++] = ' ';
		memcpy(dst + len, word, wl);
		len += wl;
		dst[len] = '\0';
	}
}

static int
set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl == -1 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static long long
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads what the program wrote (non-blocking); false at end or error. */
static bool
read_output(int fd, char *out, size_t *outlen)
{
	char tmp[512];
	ssize_t r;

	for (;;) {
		r = read(fd, tmp, sizeof(tmp));
		if (r > 0) {
			if (*outlen < MAIL_OUTPUT_MAX) {
				if ((size_t)r > MAIL_OUTPUT_MAX - *outlen)
					r = (ssize_t)(MAIL_OUTPUT_MAX -
					    *outlen);
				memcpy(out + *outlen, tmp, (size_t)r);
				*outlen += (size_t)r;
			}
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		return r < 0 && errno == EAGAIN;
	}
}

static void
close_fd(int *fd)
{
	if (*fd != -1)
		(void)close(*fd);
	*fd = -1;
}

/* A child being fed the message and watched. */
struct child {
	pid_t		 pid;
	int		 in;		/* our end of its stdin, or -1 */
	int		 out;		/* its stdout and stderr, or -1 */
	const char	*msg;
	size_t		 len, off;	/* message, bytes written */
	char		 output[MAIL_OUTPUT_MAX + 1];
	size_t		 outlen;
	int		 status;	/* wait status, once reaped */
};

/*
 * Starts argv[0] (PATH searched) with stdin on in_fd and stdout and
 * stderr on out_fd, every other descriptor closed, in its own process
 * group (so a timeout kills what it started too), with a clean signal
 * state whatever the caller ignores or blocks. TJG_ECONFIG if it cannot
 * be run.
 */
static int
spawn(char *const argv[], int in_fd, int out_fd, pid_t *pid, char *err,
    size_t errlen)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t sa;
	sigset_t none, dfl;
	bool fa_ok = false, sa_ok = false;
	int e, rc = TJG_EINTERNAL;

	(void)sigemptyset(&none);
	(void)sigemptyset(&dfl);
	(void)sigaddset(&dfl, SIGPIPE);
	(void)sigaddset(&dfl, SIGINT);
	(void)sigaddset(&dfl, SIGTERM);
	(void)sigaddset(&dfl, SIGHUP);
	(void)sigaddset(&dfl, SIGCHLD);
	if ((e = posix_spawn_file_actions_init(&fa)) != 0)
		goto out;
	fa_ok = true;
	if ((e = posix_spawnattr_init(&sa)) != 0)
		goto out;
	sa_ok = true;
	if ((e = posix_spawnattr_setsigmask(&sa, &none)) != 0 ||
	    (e = posix_spawnattr_setsigdefault(&sa, &dfl)) != 0 ||
	    (e = posix_spawnattr_setpgroup(&sa, 0)) != 0 ||
	    (e = posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) != 0 ||
	    (e = posix_spawn_file_actions_adddup2(&fa, in_fd, 0)) != 0 ||
	    (e = posix_spawn_file_actions_adddup2(&fa, out_fd, 1)) != 0 ||
	    (e = posix_spawn_file_actions_adddup2(&fa, out_fd, 2)) != 0 ||
	    (e = posix_spawn_file_actions_addclosefrom_np(&fa, 3)) != 0)
		goto out;
	if ((e = posix_spawnp(pid, argv[0], &fa, &sa, argv, environ)) != 0) {
		rc = TJG_ECONFIG;
		goto out;
	}
	rc = TJG_OK;
out:
	if (rc == TJG_ECONFIG)
		seterr(err, errlen, "cannot run %s: %s", argv[0], strerror(e));
	else if (rc != TJG_OK)
		seterr(err, errlen, "posix_spawn: %s", strerror(e));
	if (sa_ok)
		(void)posix_spawnattr_destroy(&sa);
	if (fa_ok)
		(void)posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/*
 * Writes the message to the child and collects its output until it
 * exits, at most mail_timeout seconds; then kills its process group.
 * Always reaps it. TJG_OK once it exited by itself (status set).
 */
static int
watch(struct child *ch, char *err, size_t errlen)
{
	long long deadline = now_ms() + (long long)mail_timeout * 1000;
	struct pollfd pfd[2];
	size_t nfd;
	ssize_t n;
	pid_t r;
	int rc;

	for (;;) {
		if ((r = waitpid(ch->pid, &ch->status, WNOHANG)) == ch->pid) {
			if (ch->out != -1)
				(void)read_output(ch->out, ch->output,
				    &ch->outlen);
			rc = TJG_OK;
			goto out;
		}
		if (r == -1 && errno != EINTR) {
			/* ECHILD: reaped elsewhere (SIGCHLD ignored). */
			seterr(err, errlen, "waitpid: %s", strerror(errno));
			rc = TJG_EINTERNAL;
			goto out;
		}
		if (now_ms() >= deadline) {
			seterr(err, errlen, "timed out after %d s; killed",
			    mail_timeout);
			rc = TJG_EUNAVAIL;
			break;
		}
		nfd = 0;
		if (ch->in != -1)
			pfd[nfd++] = (struct pollfd){ ch->in, POLLOUT, 0 };
		if (ch->out != -1)
			pfd[nfd++] = (struct pollfd){ ch->out, POLLIN, 0 };
		if (poll(pfd, nfd, MAIL_POLL_MS) == -1 && errno != EINTR) {
			seterr(err, errlen, "poll: %s; killed",
			    strerror(errno));
			rc = TJG_EINTERNAL;
			break;
		}
		if (ch->in != -1 && ch->off < ch->len) {
			n = send(ch->in, ch->msg + ch->off, ch->len - ch->off,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
			if (n > 0)
				ch->off += (size_t)n;
			else if (n == -1 && errno != EAGAIN &&
			    errno != EINTR)
				close_fd(&ch->in);	/* it stopped reading */
		}
		if (ch->in != -1 && ch->off == ch->len)
			close_fd(&ch->in);	/* end of the message */
		if (ch->out != -1 &&
		    !read_output(ch->out, ch->output, &ch->outlen))
			close_fd(&ch->out);
	}
	/* Timed out, or it cannot be watched. */
	if (kill(-ch->pid, SIGKILL) == -1)
		(void)kill(ch->pid, SIGKILL);
	while (waitpid(ch->pid, &ch->status, 0) == -1 && errno == EINTR)
		;
out:
	ch->output[ch->outlen] = '\0';
	return rc;
}

/*
 * Runs c->sendmail with msg on its standard input (a socket, so that a
 * program that stops reading gives EPIPE and no SIGPIPE) and judges how
 * it ended; see mail_deliver().
 */
static int
run_program(const struct conf *c, const struct buf *msg, const char *to,
    char *err, size_t errlen)
{
	char *copy, *argv[MAIL_MAXARGS + 1], *save = NULL, *w;
	char masked[256];
	struct child ch;
	const char *name;
	int sv[2] = { -1, -1 }, ep[2] = { -1, -1 }, rc, st;
	size_t argc = 0;

	memset(&ch, 0, sizeof(ch));
	ch.in = ch.out = -1;
	ch.msg = msg->p;
	ch.len = msg->len;
	if ((copy = strdup(c->sendmail)) == NULL)
		abort();
	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (argc == MAIL_MAXARGS) {
			seterr(err, errlen, "[mail] sendmail has more than %d "
			    "words", MAIL_MAXARGS);
			rc = TJG_ECONFIG;
			goto out;
		}
		argv[argc++] = w;
	}
	argv[argc] = NULL;
	if (argc == 0) {
		seterr(err, errlen, "[mail] sendmail is empty");
		rc = TJG_ECONFIG;
		goto out;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1 ||
	    pipe2(ep, O_CLOEXEC) == -1 || set_nonblock(sv[0]) == -1 ||
	    set_nonblock(ep[0]) == -1) {
		seterr(err, errlen, "cannot make pipes: %s", strerror(errno));
		rc = TJG_EINTERNAL;
		goto out;
	}
	if ((rc = spawn(argv, sv[1], ep[1], &ch.pid, err, errlen)) != TJG_OK)
		goto out;
	close_fd(&sv[1]);
	close_fd(&ep[1]);
	ch.in = sv[0];
	ch.out = ep[0];
	sv[0] = ep[0] = -1;
	if ((rc = watch(&ch, err, errlen)) != TJG_OK)
		goto out;

	mask_output(masked, sizeof(masked), ch.output, ch.outlen, to);
	st = WIFEXITED(ch.status) ? WEXITSTATUS(ch.status) : -1;
	name = st > 0 ? sysexit_name(st) : NULL;
	rc = TJG_EUNAVAIL;
	if (st == 0 && ch.off == ch.len)
		rc = TJG_OK;
	else if (st == 0)
		/* It exited, perhaps before a write could fail. */
		seterr(err, errlen, "exit status 0 before reading the whole "
		    "message%s%s", masked[0] ? ": " : "", masked);
	else if (st == 127) {
		/* What a spawned child that could not exec exits with. */
		seterr(err, errlen, "cannot run %s (exit status 127)%s%s",
		    argv[0], masked[0] ? ": " : "", masked);
		rc = TJG_ECONFIG;
	} else if (st > 0)
		seterr(err, errlen, "exit status %d%s%s%s%s", st,
		    name ? " " : "", name ? name : "",
		    masked[0] ? ": " : "", masked);
	else
		seterr(err, errlen, "killed by signal %d%s%s",
		    WIFSIGNALED(ch.status) ? WTERMSIG(ch.status) : 0,
		    masked[0] ? ": " : "", masked);
out:
	close_fd(&ch.in);
	close_fd(&ch.out);
	close_fd(&sv[0]);
	close_fd(&sv[1]);
	close_fd(&ep[0]);
	close_fd(&ep[1]);
	free(copy);
	return rc;
}

int
mail_deliver(const struct conf *c, const char *from, const char *to,
    const char *subject, const char *body, char *err, size_t errlen)
{
	struct mailbox mb;
	struct buf msg;
	int rc;

	if (errlen > 0)
		err[0] = '\0';
	if (from == NULL || to == NULL || subject == NULL || body == NULL) {
		seterr(err, errlen, "message incomplete");
		return TJG_EINVAL;
	}
	if (strpbrk(from, "\r\n") != NULL || strpbrk(to, "\r\n") != NULL ||
	    strpbrk(subject, "\r\n") != NULL) {
		seterr(err, errlen, "line break in a header field");
		return TJG_EINVAL;
	}
	if (!parse_from(from, &mb)) {
		seterr(err, errlen, "invalid sender address");
		return TJG_EINVAL;
	}
	if (!valid_addr(to, strlen(to))) {
		seterr(err, errlen, "invalid recipient address");
		return TJG_EINVAL;
	}
	if (!valid_header_text(subject, strlen(subject))) {
		seterr(err, errlen, "invalid subject (control character or "
		    "not UTF-8)");
		return TJG_EINVAL;
	}
	if (!utf8_valid(body, strlen(body))) {
		seterr(err, errlen, "body is not UTF-8");
		return TJG_EINVAL;
	}
	buf_init(&msg);
	format_message(&msg, &mb, to, subject, body);
	rc = run_program(c, &msg, to, err, errlen);
	buf_free(&msg);
	return rc;
}

/* --- the sender ---------------------------------------------------- */

static void
on_signal(int sig)
{
	(void)sig;
	mail_stop = 1;
}

static void
say(FILE *progress, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A progress line; a closed or full stream does not stop the sending. */
static void
say(FILE *progress, const char *fmt, ...)
{
	va_list ap;

	if (progress == NULL)
		return;
	va_start(ap, fmt);
	(void)vfprintf(progress, fmt, ap);
	va_end(ap);
	(void)fflush(progress);
}

/* Sleeps up to seconds, returning early when a stop signal came. */
static void
idle(int seconds)
{
	struct timespec one = { 1, 0 };
	int i;

	for (i = 0; i < seconds && !mail_stop; i++)
		(void)nanosleep(&one, NULL);
}

/*
 * Delivers m and records the outcome in the current transaction. Returns
 * TJG_OK, a database error, or TJG_ECONFIG when the program cannot run
 * (the message is left as it was: no attempt is counted).
 */
static int
mail_one(struct db *db, const struct conf *c, const struct outbox_msg *m,
    FILE *progress)
{
	char err[256];
	int rc, attempts, max, delay;
	bool invalid;

	rc = mail_deliver(c, c->mail_from, m->to, m->subject, m->body, err,
	    sizeof(err));
	if (rc == TJG_ECONFIG) {
		log_err("mail: %s", err);
		return rc;
	}
	if (rc == TJG_OK) {
		rc = store_outbox_sent(db, m->id);
		if (rc == TJG_OK)
			say(progress, "mail: %lld sent\n", m->id);
		goto out;
	}
	invalid = rc == TJG_EINVAL;
	attempts = m->attempts + 1;
	max = invalid ? attempts : c->mail_max_attempts;
	delay = mail_backoff(attempts);
	log_warn("mail: outbox %lld: attempt %d failed: %s", m->id, attempts,
	    err);
	if ((rc = store_outbox_retry(db, m->id, attempts, max, delay, err)) !=
	    TJG_OK)
		goto out;
	if (invalid)
		say(progress, "mail: %lld failed (invalid message, giving "
		    "up)\n", m->id);
	else if (attempts >= max)
		say(progress, "mail: %lld failed (attempt %d, giving up)\n",
		    m->id, attempts);
	else
		say(progress, "mail: %lld failed (attempt %d, retry in %d s)\n",
		    m->id, attempts, delay);
out:
	if (rc == TJG_ENOTFOUND) {
		/* We hold its lock; someone must have changed it by hand. */
		log_warn("mail: outbox %lld is no longer pending", m->id);
		rc = TJG_OK;
	}
	return rc;
}

/*
 * One transaction: locks up to MAIL_BATCH due messages, delivers them and
 * commits. *taken is the number locked (MAIL_BATCH: more may be due).
 */
static int
mail_batch(struct db *db, struct arena *a, const struct conf *c,
    FILE *progress, size_t *taken)
{
	struct outbox_msg *msgs;
	size_t i, n = 0;
	int rc, crc;

	*taken = 0;
	if ((rc = store_outbox_begin(db)) != TJG_OK)
		return rc;
	if ((rc = store_outbox_due(db, a, MAIL_BATCH, &msgs, &n)) != TJG_OK)
		goto out;
	*taken = n;
	for (i = 0; i < n && !mail_stop; i++) {
		rc = mail_one(db, c, &msgs[i], progress);
		if (rc == TJG_ECONFIG)
			break;	/* keep what was done, then report */
		if (rc != TJG_OK)
			goto out;
	}
	if ((crc = db_commit(db)) != TJG_OK)
		rc = crc;
out:
	if (rc != TJG_OK)
		db_rollback(db);
	return rc;
}

int
mail_run(struct db *db, struct arena *a, const struct conf *c, bool loop,
    FILE *progress)
{
	struct sigaction sa, old_term, old_int;
	struct mailbox mb;
	bool down = false;
	size_t taken;
	int rc;

	if (!parse_from(c->mail_from, &mb)) {
		log_err("mail: [mail] from is not a usable address");
		return TJG_ECONFIG;
	}
	if (c->sendmail[strspn(c->sendmail, " \t")] == '\0') {
		log_err("mail: [mail] sendmail is empty");
		return TJG_ECONFIG;
	}
	mail_stop = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	(void)sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a sleep ends at once */
	if (sigaction(SIGTERM, &sa, &old_term) == -1 ||
	    sigaction(SIGINT, &sa, &old_int) == -1) {
		log_err("mail: sigaction: %s", strerror(errno));
		return TJG_EINTERNAL;
	}
	rc = TJG_OK;
	while (!mail_stop) {
		rc = mail_batch(db, a, c, progress, &taken);
		arena_reset(a);
		if (rc != TJG_OK) {
			if (!loop)
				goto out;
			if (!down)
				log_err("mail: %s; trying again every %d s",
				    err_name(rc), MAIL_IDLE_S);
			down = true;
			rc = TJG_OK;
			idle(MAIL_IDLE_S);
			continue;
		}
		if (down)
			log_info("mail: sending again");
		down = false;
		if (taken == MAIL_BATCH)
			continue;	/* more may be due */
		if (!loop)
			break;
		idle(MAIL_IDLE_S);
	}
	if (mail_stop)
		log_info("mail: stopped by a signal");
out:
	(void)sigaction(SIGTERM, &old_term, NULL);
	(void)sigaction(SIGINT, &old_int, NULL);
	return rc;
}
