/*
 * The request layer: our own parsing of query strings, urlencoded and
 * multipart bodies and cookies (ClearSilver's CGI kit is unsafe in a
 * long-lived worker), typed parameter declarations, the route table
 * matcher, and response building. Nothing here includes FastCGI: the
 * worker fills a struct request and supplies a write function.
 */
#ifndef TJG_HTTP_H
#define TJG_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

/* Bounds checked while parsing: larger input is TJG_EINVAL. */
#define HTTP_MAX_PARAMS		64	/* pairs in one query or body */
#define HTTP_MAX_NAME		64	/* bytes in a parameter name */
#define HTTP_MAX_COOKIES	32
#define HTTP_MAX_PARTS		16	/* multipart parts */
#define HTTP_MAX_ARGS		4	/* '*' segments in a route pattern */

struct kv {
	const char	*name;		/* NUL-terminated, valid UTF-8 */
	const char	*value;		/* NUL-terminated, valid UTF-8 */
	size_t		 len;		/* of value */
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
};

struct part {
	const char	*name;		/* form field name */
	const char	*filename;	/* NULL unless a file upload */
	const char	*ctype;		/* part Content-Type, or NULL */
	const char	*data;		/* not NUL-terminated; may be binary */
	size_t		 len;
};

struct partlist {
	struct part	*v;
	size_t		 n;
};

/* http_parse.c: pure parsers; all output is allocated in the arena. */

/* True if s[0..len) is well-formed UTF-8 without NUL bytes. */
bool	 http_utf8_valid(const char *s, size_t len);

/*
 * Parses a query string or an application/x-www-form-urlencoded body:
 * '&'-separated name=value pairs, '+' is a space, %XX decoded. Empty
 * pairs are skipped. Returns TJG_EINVAL for a bad escape, a decoded NUL,
 * invalid UTF-8, an empty or too long name, or more than HTTP_MAX_PARAMS
 * pairs. Duplicate names are kept (http_params_bind rejects them).
 */
int	 http_parse_urlencoded(struct arena *, const char *s, size_t len,
	    struct kvlist *out);

/*
 * Parses a Cookie header ("a=1; b=2"). Values may be quoted. Malformed
 * pairs are skipped as browsers do; more than HTTP_MAX_COOKIES is
 * TJG_EINVAL. For a repeated name the first one wins (most specific path).
 */
int	 http_parse_cookies(struct arena *, const char *header,
	    struct kvlist *out);

/*
 * Parses a multipart/form-data body. content_type is the full header
 * value; a missing or bad boundary, a missing final delimiter, a part
 * without a name, more than HTTP_MAX_PARTS parts or invalid UTF-8 in a
 * non-file part is TJG_EINVAL. File parts are returned as they are.
 */
int	 http_parse_multipart(struct arena *, const char *content_type,
	    const char *body, size_t len, struct partlist *out);

/*
 * Appends name=value to b, '&'-separated, percent-encoding everything but
 * unreserved characters: the inverse of http_parse_urlencoded().
 */
void	 http_form_add(struct buf *b, const char *name, const char *value);

/* http_param.c: typed parameters declared once per route. */

enum param_type {
	PARAM_STR,	/* one line of text; min/max bound the length in bytes */
	PARAM_TEXT,	/* multi-line text; min/max bound the length */
	PARAM_INT,	/* decimal integer; min/max bound the value */
	PARAM_FLAG	/* checkbox: present (any value) or absent */
};

#define PARAM_REQUIRED	0x1

struct param {
	const char	*name;
	enum param_type	 type;
	long long	 min;
	long long	 max;
	unsigned	 flags;
};

struct pval {
	bool		 set;	/* present in the request */
	const char	*s;	/* text as given (trimmed of outer spaces) */
	size_t		 len;
	long long	 i;	/* PARAM_INT value */
};

/*
 * Checks every pair of in against the ndecl declarations and fills
 * out[ndecl] in declaration order. Unknown, duplicate, out-of-bounds or
 * malformed parameters, control characters in PARAM_STR, and missing
 * PARAM_REQUIRED ones are TJG_EINVAL; *why then names the parameter and
 * the fault (static text plus the declared name, never the value).
 */
int	 http_params_bind(struct arena *, const struct param *decl,
	    size_t ndecl, const struct kvlist *in, struct pval *out,
	    const char **why);

/* http_route.c */

struct request;
typedef int (*handler_fn)(struct request *);

/* Route flags: what the dispatcher enforces before the handler runs. */
#define ROUTE_XML	0x01	/* errors answered as XML, not HTML */
#define ROUTE_NOBODY	0x02	/* POST carries no form to parse */
/*
 * The provider API: an "Authorization: Bearer" token of an active
 * provider is required (else 401 with WWW-Authenticate); the dispatcher
 * puts its provider into struct request.
 */
#define ROUTE_TOKEN	0x04
/*
 * The console: the roles that may use the route. A route with any ROLE_*
 * bit needs a signed-in console session (without one a GET is redirected
 * to the sign-in page, anything else is 403), a user whose role is listed
 * (else 403), and for a POST a "csrf" parameter equal to the session's
 * token (else 403). The dispatcher takes "csrf" out of the parameters
 * before binding the route's own, and sets struct request's user.
 */
#define ROLE_ADMIN	0x10	/* network administrator: everything */
#define ROLE_SUPPORT	0x20	/* network support: orders and their log */
#define ROLE_PROVIDER	0x40	/* provider user: its own provider only */
#define ROLE_ANY	(ROLE_ADMIN | ROLE_SUPPORT | ROLE_PROVIDER)

struct route {
	const char		*method;	/* "GET", "POST" */
	const char		*pattern;	/* "/a/b"; a segment "*" matches any one */
	handler_fn		 fn;
	unsigned		 flags;
	const struct param	*params;
	size_t			 nparams;
};

/*
 * Finds the route for method and path. '*' matches one non-empty segment
 * and its (undecoded) text is stored in args[]; HEAD matches GET routes.
 * Returns TJG_OK, TJG_ENOTFOUND if no pattern matches, or TJG_EMETHOD if
 * the path matches under other methods only; then allow gets them
 * ("GET, POST").
 */
int	 http_route_find(const struct route *routes, size_t n,
	    const char *method, const char *path, const struct route **out,
	    const char *args[HTTP_MAX_ARGS], size_t *nargs, struct buf *allow);

/* The request: filled by the worker, read by handlers. */

struct http_io {
	/* Writes n bytes to the client; returns 0 or -1. */
	int	(*write)(void *ctx, const char *p, size_t n);
	void	*ctx;
};

struct response {
	int		 status;
	const char	*ctype;		/* Content-Type */
	struct buf	 headers;	/* extra "Name: value\r\n" lines */
	struct buf	 body;
	bool		 sent;		/* headers already written */
};

struct conf;
struct console_user;
struct crypto_keys;
struct db;
struct tmpl;

struct request {
	struct arena		*a;
	const struct conf	*conf;
	struct db		*db;
	struct tmpl		*tmpl;
	const struct crypto_keys *keys;
	struct http_io		 io;

	/* From the server (CGI variables); never NULL, "" when absent. */
	const char		*method;
	const char		*path;		/* raw path, no query */
	const char		*query;
	const char		*host;
	const char		*scheme;	/* "https" or "http" */
	const char		*content_type;
	const char		*cookie_header;
	const char		*remote_addr;
	const char		*authorization;
	const char		*body;		/* NULL when none */
	size_t			 body_len;

	/* Parsed by the dispatcher. */
	struct kvlist		 cookies;
	struct partlist		 parts;		/* multipart bodies only */
	const struct route	*route;
	const char		*args[HTTP_MAX_ARGS];
	size_t			 nargs;
	struct pval		*p;		/* route->nparams values */

	/* The network this host name serves. */
	long long		 network_id;
	const char		*network_slug;
	const char		*network_name;
	const char		*network_version;	/* of its look and texts */
	const char		*lang;		/* "sv" or "en" */

	/* ROUTE_TOKEN routes: whose token it is. */
	long long		 provider_id;
	long long		 token_id;

	/* ROLE_* routes: who is signed in. NULL elsewhere. */
	const struct console_user *user;

	struct response		 resp;
};

/* http_resp.c */

/*
 * Adds a response header. Returns TJG_EINVAL (and adds nothing) if name or
 * value contains CR, LF or NUL, so no header can be injected.
 */
int	 resp_header(struct request *, const char *name, const char *value);

/*
 * Sets a cookie for the whole site: HttpOnly, SameSite=Strict, and Secure
 * unless the configuration turns that off (local demo). max_age in
 * seconds; 0 makes it a session cookie, a negative one deletes it. name and value must be cookie
 * tokens (TJG_EINVAL otherwise).
 */
int	 resp_cookie(struct request *, const char *name, const char *value,
	    long max_age);

/* Returns the value of cookie name, or NULL. */
const char *req_cookie(const struct request *, const char *name);

/* Sets a redirect (303 after POST, 302/301 otherwise) to location. */
int	 resp_redirect(struct request *, int status, const char *location);

/*
 * Writes the status line, the security headers, Content-Type,
 * Content-Length, the extra headers and the body (not for HEAD) through
 * r->io. Returns TJG_OK or TJG_EINTERNAL if the client went away.
 */
int	 resp_send(struct request *);

/*
 * Starts a streamed response: writes the status line, the security
 * headers, Content-Type and the extra headers, but no Content-Length (the
 * FastCGI server then closes or chunks the body), through r->io, and
 * marks the response sent. The caller writes the body through r->io
 * itself and none for HEAD. Returns TJG_OK or TJG_EINTERNAL if the client
 * went away.
 */
int	 resp_stream_begin(struct request *);

/*
 * Replaces the response with an error for code: an XML <error code="...">
 * for ROUTE_XML routes, else the error template with msg (a static text
 * key or sentence, never user data). 503 adds Retry-After, 405 the Allow
 * header given in allow (may be NULL).
 */
int	 resp_error(struct request *, enum tjg_err code, const char *msg,
	    const char *allow);

/* http_dispatch.c */

/*
 * Serves one request that the worker has filled in (method, path, query,
 * host, headers, body, a, conf, db, tmpl, io): takes the "/en" language
 * prefix off the path, finds the network for the host name, matches the
 * route, parses and binds the parameters (400 on any fault), runs the
 * handler, turns an error code into an error page, and sends the
 * response. Per-request template data is cleared afterwards.
 */
void	 http_dispatch(struct request *r, const struct route *routes,
	    size_t n);

#endif
