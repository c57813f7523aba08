/*
 * Tests for lib/http_route.c: literal and '*' segments, exact paths, HEAD
 * on GET routes, and 405 with the Allow list.
 */
#include <string.h>

#include "http.h"
#include "tap.h"

static int
h_dummy(struct request *r)
{
	(void)r;
	return TJG_OK;
}

static const struct route routes[] = {
	{ "GET",	"/",			h_dummy, 0, NULL, 0 },
	{ "GET",	"/search",		h_dummy, 0, NULL, 0 },
	{ "POST",	"/order",		h_dummy, 0, NULL, 0 },
	{ "GET",	"/a/*",			h_dummy, 0, NULL, 0 },
	{ "GET",	"/a/special",		h_dummy, 0, NULL, 0 },
	{ "PUT",	"/a/*/b",		h_dummy, 0, NULL, 0 },
	{ "GET",	"/a/*/b",		h_dummy, 0, NULL, 0 },
	{ "POST",	"/a/*/b",	h_dummy, ROUTE_NOBODY, NULL, 0 },
	{ "GET",	"/w/*/*/*/*",		h_dummy, 0, NULL, 0 },
	{ "GET",	"/v/*/*/*/*/*",		h_dummy, 0, NULL, 0 },
	{ "POST",	"/dup",			h_dummy, 0, NULL, 0 },
	{ "GET",	"/dup",			h_dummy, 0, NULL, 0 },
	{ "POST",	"/dup",			h_dummy, 0, NULL, 0 },
	{ "DELETE",	"/dup",			h_dummy, 0, NULL, 0 },
	{ "GET",	"/dir/",		h_dummy, 0, NULL, 0 },
	{ "HEAD",	"/head",		h_dummy, 0, NULL, 0 },
	{ "GET",	"/star/*x",		h_dummy, 0, NULL, 0 },
	{ "GET",	"/api/v1/orders/*/status",
	    h_dummy, ROUTE_XML, NULL, 0 },
};
#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

static const struct route *rt;
static const char *args[HTTP_MAX_ARGS];
static size_t nargs;
static struct buf allow;

static int
find(const char *method, const char *path)
{
	return http_route_find(routes, NROUTES, method, path, &rt, args,
	    &nargs, &allow);
}

/* Index of the matched route, or -1. */
static int
idx(void)
{
	return rt != NULL ? (int)(rt - routes) : -1;
}

/* The length of args[i]: it runs to the next '/' or the end. */
static size_t
arglen(size_t i)
{
	return strcspn(args[i], "/");
}

static void
test_match(void)
{
	is_int(find("GET", "/"), TJG_OK, "route: root");
	is_int(idx(), 0, "route: root route");
	is_int(nargs, 0, "route: no args");
	is_str(buf_str(&allow), "", "route: allow empty on success");
	is_int(find("GET", "/search"), TJG_OK, "route: literal");
	is_int(idx(), 1, "route: literal route");
	is_int(find("POST", "/order"), TJG_OK, "route: POST");
	is_int(idx(), 2, "route: POST route");

	is_int(find("GET", "/a/xyz"), TJG_OK, "route: wildcard");
	is_int(idx(), 3, "route: wildcard route");
	is_int(nargs, 1, "route: one arg");
	is_str(args[0], "xyz", "route: arg text");
	is_int(find("GET", "/a/special"), TJG_OK, "route: table order");
	is_int(idx(), 3, "route: first matching route wins");
	is_int(find("GET", "/a/x%2Fy"), TJG_OK, "route: escaped slash");
	is_str(args[0], "x%2Fy", "route: arg not decoded");

	is_int(find("GET", "/a/k7/b"), TJG_OK, "route: inner wildcard");
	is_int(idx(), 6, "route: method picks the route");
	is_int(nargs, 1, "route: inner arg");
	ok(arglen(0) == 2 && strncmp(args[0], "k7", 2) == 0,
	    "route: inner arg ends at /");
	is_int(find("PUT", "/a/k7/b"), TJG_OK, "route: PUT");
	is_int(idx(), 5, "route: PUT route");
	is_int(find("POST", "/a/k7/b"), TJG_OK, "route: POST same path");
	is_int(idx(), 7, "route: POST route");
	is_int(rt->flags, ROUTE_NOBODY, "route: flags come along");

	is_int(find("GET", "/w/1/22/333/4444"), TJG_OK, "route: four args");
	is_int(nargs, HTTP_MAX_ARGS, "route: HTTP_MAX_ARGS args");
	ok(arglen(0) == 1 && args[0][0] == '1', "route: arg 1");
	ok(arglen(1) == 2 && strncmp(args[1], "22", 2) == 0, "route: arg 2");
	ok(arglen(2) == 3 && strncmp(args[2], "333", 3) == 0, "route: arg 3");
	is_str(args[3], "4444", "route: arg 4");
	is_int(find("GET", "/v/1/2/3/4/5"), TJG_ENOTFOUND,
	    "route: a pattern with too many '*' never matches");

	is_int(find("GET", "/api/v1/orders/TJG-1234/status"), TJG_OK,
	    "route: API path");
	ok(arglen(0) == 8 && strncmp(args[0], "TJG-1234", 8) == 0,
	    "route: API reference");
	is_int(rt->flags, ROUTE_XML, "route: XML route");

	is_int(find("HEAD", "/search"), TJG_OK, "route: HEAD on GET route");
	is_int(idx(), 1, "route: HEAD gets the GET route");
	is_int(find("HEAD", "/a/q/b"), TJG_OK, "route: HEAD with args");
	is_int(idx(), 6, "route: HEAD skips PUT, takes GET");
	is_int(find("HEAD", "/head"), TJG_OK, "route: explicit HEAD route");
	is_int(find("GET", "/dir/"), TJG_OK, "route: pattern with slash");
	is_int(find("GET", "/star/*x"), TJG_OK, "route: '*x' is a literal");
	is_int(nargs, 0, "route: no arg from a literal");
}

static void
test_nomatch(void)
{
	is_int(find("GET", "/nope"), TJG_ENOTFOUND, "route: unknown path");
	ok(rt == NULL, "route: no route");
	is_int(nargs, 0, "route: no args");
	is_int(find("GET", "/search/"), TJG_ENOTFOUND,
	    "route: trailing slash is another path");
	is_int(find("GET", "/dir"), TJG_ENOTFOUND,
	    "route: missing slash is another path");
	is_int(find("GET", "//"), TJG_ENOTFOUND, "route: //");
	is_int(find("GET", ""), TJG_ENOTFOUND, "route: empty path");
	is_int(find("GET", "search"), TJG_ENOTFOUND, "route: relative path");
	is_int(find("GET", "/searchx"), TJG_ENOTFOUND, "route: longer literal");
	is_int(find("GET", "/sea"), TJG_ENOTFOUND, "route: prefix literal");
	is_int(find("GET", "/a"), TJG_ENOTFOUND, "route: missing segment");
	is_int(find("GET", "/a/"), TJG_ENOTFOUND, "route: empty wildcard");
	is_int(find("GET", "/a//b"), TJG_ENOTFOUND, "route: empty inner");
	is_int(find("GET", "/a/x/"), TJG_ENOTFOUND,
	    "route: wildcard takes one segment");
	is_int(find("GET", "/a/x/y"), TJG_ENOTFOUND, "route: wrong literal");
	is_int(find("GET", "/a/x/b/c"), TJG_ENOTFOUND, "route: extra segment");
	is_int(find("GET", "/w/1/2/3"), TJG_ENOTFOUND, "route: too few args");
	is_int(find("GET", "/SEARCH"), TJG_ENOTFOUND, "route: case-sensitive");
	is_int(find("GET", "/star/ab"), TJG_ENOTFOUND,
	    "route: only a whole '*' segment is a wildcard");
	is_int(find("GET", "/search?q=1"), TJG_ENOTFOUND,
	    "route: query is not part of the path");
	is_int(http_route_find(routes, 0, "GET", "/", &rt, args, &nargs,
	    &allow), TJG_ENOTFOUND, "route: empty table");
	is_int(http_route_find(routes, NROUTES, NULL, "/", &rt, args, &nargs,
	    &allow), TJG_ENOTFOUND, "route: NULL method");
	is_int(http_route_find(routes, NROUTES, "GET", NULL, &rt, args,
	    &nargs, &allow), TJG_ENOTFOUND, "route: NULL path");
}

static void
test_method(void)
{
	is_int(find("POST", "/"), TJG_EMETHOD, "route: POST to GET route");
	ok(rt == NULL, "route: no route on 405");
	is_str(buf_str(&allow), "GET, HEAD", "route: allow GET adds HEAD");
	is_int(find("GET", "/order"), TJG_EMETHOD, "route: GET to POST route");
	is_str(buf_str(&allow), "POST", "route: allow POST only");
	is_int(find("HEAD", "/order"), TJG_EMETHOD, "route: HEAD to POST");
	is_str(buf_str(&allow), "POST", "route: allow for HEAD");
	is_int(find("DELETE", "/a/x/b"), TJG_EMETHOD, "route: DELETE");
	is_str(buf_str(&allow), "GET, HEAD, POST, PUT",
	    "route: allow lists every method once");
	is_int(find("PATCH", "/dup"), TJG_EMETHOD, "route: repeated routes");
	is_str(buf_str(&allow), "DELETE, GET, HEAD, POST",
	    "route: allow without duplicates");
	is_int(find("get", "/"), TJG_EMETHOD, "route: method case-sensitive");
	is_int(find("GET", "/head"), TJG_EMETHOD,
	    "route: GET does not match HEAD route");
	is_str(buf_str(&allow), "HEAD", "route: allow HEAD");
	is_int(find("OPTIONS", "/a/x"), TJG_EMETHOD, "route: OPTIONS");
	is_int(nargs, 0, "route: no args on 405");
	is_str(buf_str(&allow), "GET, HEAD", "route: allow for wildcard path");

	buf_reset(&allow);
	buf_adds(&allow, "junk");
	is_int(find("POST", "/search"), TJG_EMETHOD, "route: reused buffer");
	is_str(buf_str(&allow), "GET, HEAD", "route: allow replaced");
	is_int(find("GET", "/nope"), TJG_ENOTFOUND, "route: 404 after 405");
	is_str(buf_str(&allow), "", "route: allow emptied");
	is_int(http_route_find(routes, NROUTES, "POST", "/", &rt, args, &nargs,
	    NULL), TJG_EMETHOD, "route: allow may be NULL");
}

int
main(void)
{
	buf_init(&allow);
	test_match();
	test_nomatch();
	test_method();
	buf_free(&allow);
	return done_testing();
}
