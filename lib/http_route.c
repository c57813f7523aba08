/*
 * The route matcher: a linear scan of the route table for a method and a
 * path pattern of literal segments and '*' wildcards. A path that exists
 * under other methods only is a 405, with the Allow list built here.
 */
#include <stdbool.h>
#include <string.h>

#include "http.h"

#define ROUTE_MAX_METHODS	16	/* distinct methods in one Allow list */

/*
 * Matches path against pattern segment by segment. Each '*' segment takes
 * one non-empty path segment; args[i] then points at its first byte in
 * path, and the segment runs to the next '/' or the end.
 */
static bool
match(const char *pat, const char *path, const char *args[HTTP_MAX_ARGS],
    size_t *nargs)
{
	size_t plen, slen;

	*nargs = 0;
	if (*pat != '/' || *path != '/')
		return false;
	for (;;) {
		pat++;
		path++;
		plen = strcspn(pat, "/");
		slen = strcspn(path, "/");
		if (plen == 1 && *pat == '*') {
			if (slen == 0 || *nargs == HTTP_MAX_ARGS)
				return false;
			args[(*nargs)++] = path;
		} else if (plen != slen || memcmp(pat, path, plen) != 0)
			return false;
		pat += plen;
		path += slen;
		if (*pat == '\0' || *path == '\0')
			return *pat == '\0' && *path == '\0';
	}
}

static bool
method_ok(const char *want, const char *got)
{
	return strcmp(want, got) == 0 ||
	    (strcmp(got, "HEAD") == 0 && strcmp(want, "GET") == 0);
}

/* Adds m to the sorted set ms[*n] unless it is there or the set is full. */
static void
method_add(const char *ms[ROUTE_MAX_METHODS], size_t *n, const char *m)
{
	size_t i, j;
	int c = 1;

	for (i = 0; i < *n && (c = strcmp(ms[i], m)) < 0; i++)
		;
	if ((i < *n && c == 0) || *n == ROUTE_MAX_METHODS)
		return;
	for (j = *n; j > i; j--)
		ms[j] = ms[j - 1];
	ms[i] = m;
	(*n)++;
}

/*
 * args[i] points into path, at the first byte of the segment a '*' took;
 * that segment ends at the next '/' or at the end of path (strcspn(args[i],
 * "/") is its length). The Allow list is sorted and has HEAD wherever GET
 * is; allow is emptied first.
 */
int
http_route_find(const struct route *routes, size_t n, const char *method,
    const char *path, const struct route **out,
    const char *args[HTTP_MAX_ARGS], size_t *nargs, struct buf *allow)
{
	const char *tmp[HTTP_MAX_ARGS], *ms[ROUTE_MAX_METHODS];
	size_t i, k, nms = 0;
	bool found = false;

	*out = NULL;
	*nargs = 0;
	if (allow != NULL)
		buf_reset(allow);
	if (method == NULL || path == NULL)
		return TJG_ENOTFOUND;
	for (i = 0; i < n; i++) {
		if (!match(routes[i].pattern, path, tmp, &k))
			continue;
		if (method_ok(routes[i].method, method)) {
			if (k > 0)
				memcpy(args, tmp, k * sizeof(*tmp));
			*nargs = k;
			*out = &routes[i];
			return TJG_OK;
		}
		found = true;
		method_add(ms, &nms, routes[i].method);
		if (strcmp(routes[i].method, "GET") == 0)
			method_add(ms, &nms, "HEAD");
	}
	if (!found)
		return TJG_ENOTFOUND;
	for (i = 0; allow != NULL && i < nms; i++) {
		if (i > 0)
			buf_adds(allow, ", ");
		buf_adds(allow, ms[i]);
	}
	return TJG_EMETHOD;
}
