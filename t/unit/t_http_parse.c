/*
 * Tests for lib/http_parse.c: UTF-8 validation, query/urlencoded bodies,
 * Cookie headers and multipart/form-data bodies. Every input is copied
 * into a buffer of exactly its length, so AddressSanitizer catches a read
 * past the end, and freed before the results are checked, so it catches
 * results that point into the input instead of the arena.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "tap.h"

#define MP_LINE_TEST	1024	/* MP_MAX_LINE in http_parse.c */

static struct arena A;

/* Returns a malloc'd copy of s[0..n) with no terminator. */
static char *
exact(const char *s, size_t n)
{
	char *p = malloc(n > 0 ? n : 1);

	if (p == NULL)
		abort();
	memcpy(p, s, n);
	return p;
}

static int
utf8(const char *s, size_t n)
{
	char *p = exact(s, n);
	int r = http_utf8_valid(p, n);

	free(p);
	return r;
}

#define U8(lit)	utf8(lit, sizeof(lit) - 1)

static int
urlenc_n(const char *s, size_t n, struct kvlist *out)
{
	char *p = exact(s, n);
	int rc = http_parse_urlencoded(&A, p, n, out);

	free(p);
	return rc;
}

static int
urlenc(const char *s, struct kvlist *out)
{
	return urlenc_n(s, strlen(s), out);
}

static int
cookies(const char *s, struct kvlist *out)
{
	char *p = strdup(s);
	int rc;

	if (p == NULL)
		abort();
	rc = http_parse_cookies(&A, p, out);
	free(p);
	return rc;
}

static int
mp_n(const char *ct, const char *body, size_t n, struct partlist *out)
{
	char *p = exact(body, n);
	int rc = http_parse_multipart(&A, ct, p, n, out);

	free(p);
	return rc;
}

#define MP(ct, lit, out)	mp_n(ct, lit, sizeof(lit) - 1, out)

static int
mp(const char *ct, const char *body, struct partlist *out)
{
	return mp_n(ct, body, strlen(body), out);
}

static void
test_utf8(void)
{
	ok(U8(""), "utf8: empty");
	ok(U8("hello, world"), "utf8: ASCII");
	ok(U8("\xc3\xa5\xc3\xa4\xc3\xb6"), "utf8: 2-byte (åäö)");
	ok(U8("\xe2\x82\xac"), "utf8: 3-byte (euro)");
	ok(U8("\xef\xbf\xbf"), "utf8: U+FFFF");
	ok(U8("\xed\x9f\xbf"), "utf8: U+D7FF, just below surrogates");
	ok(U8("\xee\x80\x80"), "utf8: U+E000, just above surrogates");
	ok(U8("\xf0\x9f\x98\x80"), "utf8: 4-byte (emoji)");
	ok(U8("\xf4\x8f\xbf\xbf"), "utf8: U+10FFFF");
	ok(U8("\xc2\x80"), "utf8: U+0080, smallest 2-byte");
	ok(U8("\xe0\xa0\x80"), "utf8: U+0800, smallest 3-byte");
	ok(U8("\xf0\x90\x80\x80"), "utf8: U+10000, smallest 4-byte");

	ok(!U8("a\0b"), "utf8: NUL rejected");
	ok(!U8("\0"), "utf8: lone NUL rejected");
	ok(!U8("\xc0\x80"), "utf8: overlong NUL rejected");
	ok(!U8("\xc1\xbf"), "utf8: overlong 2-byte rejected");
	ok(!U8("\xe0\x80\x80"), "utf8: overlong 3-byte rejected");
	ok(!U8("\xe0\x9f\xbf"), "utf8: overlong 3-byte (U+07FF) rejected");
	ok(!U8("\xf0\x80\x80\x80"), "utf8: overlong 4-byte rejected");
	ok(!U8("\xf0\x8f\xbf\xbf"), "utf8: overlong 4-byte (U+FFFF) rejected");
	ok(!U8("\xed\xa0\x80"), "utf8: high surrogate rejected");
	ok(!U8("\xed\xbf\xbf"), "utf8: low surrogate rejected");
	ok(!U8("\xed\xa0\xbd\xed\xb8\x80"), "utf8: CESU pair rejected");
	ok(!U8("\xf4\x90\x80\x80"), "utf8: U+110000 rejected");
	ok(!U8("\xf5\x80\x80\x80"), "utf8: F5 lead rejected");
	ok(!U8("\xf8\x88\x80\x80\x80"), "utf8: 5-byte form rejected");
	ok(!U8("\xfe"), "utf8: FE rejected");
	ok(!U8("\xff"), "utf8: FF rejected");
	ok(!U8("\x80"), "utf8: lone continuation rejected");
	ok(!U8("a\xbf"), "utf8: continuation after ASCII rejected");
	ok(!U8("\xc3"), "utf8: truncated 2-byte rejected");
	ok(!U8("\xe2\x82"), "utf8: truncated 3-byte rejected");
	ok(!U8("\xf0\x9f\x98"), "utf8: truncated 4-byte rejected");
	ok(!U8("\xc3\x41"), "utf8: bad 2nd byte rejected");
	ok(!U8("\xe2\x82\x41"), "utf8: bad 3rd byte rejected");
	ok(!U8("\xf0\x9f\x41\x80"), "utf8: bad 3rd of 4 rejected");
	ok(!U8("\xf0\x9f\x98\x41"), "utf8: bad 4th byte rejected");
	ok(!U8("\xc3\xc3\xa5"), "utf8: lead byte as continuation rejected");

	ok(!utf8("\xc3\xa5", 1), "utf8: length cuts a sequence");
	ok(http_utf8_valid("ab\xff", 2), "utf8: bytes past len not read");
	ok(http_utf8_valid(NULL, 0), "utf8: NULL with length 0");
}

static void
test_urlencoded(void)
{
	struct kvlist l;
	char big[8192], name[HTTP_MAX_NAME + 8];
	char *huge;
	size_t i, n;

	is_int(urlenc("a=1&b=two", &l), TJG_OK, "urlenc: two pairs");
	is_int(l.n, 2, "urlenc: count");
	is_str(l.v[0].name, "a", "urlenc: first name");
	is_str(l.v[0].value, "1", "urlenc: first value");
	is_int(l.v[0].len, 1, "urlenc: first len");
	is_str(l.v[1].name, "b", "urlenc: second name");
	is_str(l.v[1].value, "two", "urlenc: second value");

	is_int(urlenc("q=a+b%20c%2b", &l), TJG_OK, "urlenc: + and %%20");
	is_str(l.v[0].value, "a b c+", "urlenc: decoded spaces, %%2b is +");
	is_int(urlenc("q=%C3%A5%c3%a4", &l), TJG_OK, "urlenc: UTF-8 escapes");
	is_str(l.v[0].value, "\xc3\xa5\xc3\xa4", "urlenc: upper and lower hex");
	is_int(urlenc("q=\xc3\xb6", &l), TJG_OK, "urlenc: raw UTF-8 value");
	is_int(urlenc("st%C3%A5d=1", &l), TJG_OK, "urlenc: escaped name");
	is_str(l.v[0].name, "st\xc3\xa5" "d", "urlenc: name decoded");
	is_int(urlenc("q=a%0Ab%0D%09", &l), TJG_OK, "urlenc: escaped controls");
	is_str(l.v[0].value, "a\nb\r\t", "urlenc: controls kept for binding");

	is_int(urlenc("&&a=1&&&b=2&", &l), TJG_OK, "urlenc: empty pairs");
	is_int(l.n, 2, "urlenc: empty pairs skipped");
	is_int(urlenc("", &l), TJG_OK, "urlenc: empty input");
	is_int(l.n, 0, "urlenc: nothing");
	ok(l.v == NULL, "urlenc: no array for nothing");
	is_int(urlenc("&&&", &l), TJG_OK, "urlenc: only separators");
	is_int(l.n, 0, "urlenc: nothing from separators");
	is_int(http_parse_urlencoded(&A, NULL, 0, &l), TJG_OK,
	    "urlenc: NULL input");
	is_int(l.n, 0, "urlenc: NULL is empty");

	is_int(urlenc("flag", &l), TJG_OK, "urlenc: name without =");
	is_str(l.v[0].value, "", "urlenc: value empty");
	is_int(l.v[0].len, 0, "urlenc: len 0");
	is_int(urlenc("a=", &l), TJG_OK, "urlenc: empty value");
	is_str(l.v[0].value, "", "urlenc: empty value is \"\"");
	is_int(urlenc("a=b=c", &l), TJG_OK, "urlenc: = in value");
	is_str(l.v[0].value, "b=c", "urlenc: value after first =");
	is_int(urlenc("a=1&a=2", &l), TJG_OK, "urlenc: duplicates kept");
	is_int(l.n, 2, "urlenc: both duplicates");
	is_str(l.v[1].value, "2", "urlenc: second duplicate");
	is_int(urlenc("a;b=1", &l), TJG_OK, "urlenc: ; is not a separator");
	is_str(l.v[0].name, "a;b", "urlenc: ; stays in name");

	is_int(urlenc_n("a=1&b=2", 3, &l), TJG_OK, "urlenc: length bound");
	is_int(l.n, 1, "urlenc: only bytes within len");
	is_str(l.v[0].value, "1", "urlenc: value cut at len");
	is_int(urlenc_n("a=%41", 4, &l), TJG_EINVAL,
	    "urlenc: escape cut by len rejected");

	is_int(urlenc("=1", &l), TJG_EINVAL, "urlenc: empty name rejected");
	is_int(l.n, 0, "urlenc: nothing returned on error");
	is_int(urlenc("a=1&=2", &l), TJG_EINVAL, "urlenc: later empty name");
	is_int(urlenc("a=%", &l), TJG_EINVAL, "urlenc: lone %% rejected");
	is_int(urlenc("a=%4", &l), TJG_EINVAL, "urlenc: short escape");
	is_int(urlenc("a=%4g", &l), TJG_EINVAL, "urlenc: bad hex digit");
	is_int(urlenc("a=%zz", &l), TJG_EINVAL, "urlenc: bad escape");
	is_int(urlenc("%g1=a", &l), TJG_EINVAL, "urlenc: bad escape in name");
	is_int(urlenc("a=%00", &l), TJG_EINVAL, "urlenc: decoded NUL");
	is_int(urlenc("a%00=1", &l), TJG_EINVAL, "urlenc: NUL in name");
	is_int(urlenc_n("a=x\0y", 5, &l), TJG_EINVAL, "urlenc: raw NUL");
	is_int(urlenc("a=%FF", &l), TJG_EINVAL, "urlenc: escaped FF");
	is_int(urlenc("a=%C3", &l), TJG_EINVAL, "urlenc: truncated UTF-8");
	is_int(urlenc("a=%C0%80", &l), TJG_EINVAL, "urlenc: overlong NUL");
	is_int(urlenc("a=%ED%A0%80", &l), TJG_EINVAL, "urlenc: surrogate");
	is_int(urlenc("a=%F4%90%80%80", &l), TJG_EINVAL,
	    "urlenc: above U+10FFFF");
	is_int(urlenc("a=\xff", &l), TJG_EINVAL, "urlenc: raw invalid byte");
	is_int(urlenc("\xc3=1", &l), TJG_EINVAL, "urlenc: invalid name");

	memset(name, 'n', HTTP_MAX_NAME);
	strcpy(name + HTTP_MAX_NAME, "=1");
	is_int(urlenc(name, &l), TJG_OK, "urlenc: name at the limit");
	is_int(strlen(l.v[0].name), HTTP_MAX_NAME, "urlenc: long name kept");
	memset(name, 'n', HTTP_MAX_NAME + 1);
	strcpy(name + HTTP_MAX_NAME + 1, "=1");
	is_int(urlenc(name, &l), TJG_EINVAL, "urlenc: name one past limit");
	for (i = 0, n = 0; i < HTTP_MAX_NAME; i++)
		n += (size_t)sprintf(big + n, "%%41");
	strcpy(big + n, "=1");
	is_int(urlenc(big, &l), TJG_OK, "urlenc: escaped name at limit");
	strcpy(big + n, "%41=1");
	is_int(urlenc(big, &l), TJG_EINVAL,
	    "urlenc: escaped name one past limit");

	for (i = 0, n = 0; i < HTTP_MAX_PARAMS; i++)
		n += (size_t)sprintf(big + n, "p%zu=%zu&", i, i);
	is_int(urlenc(big, &l), TJG_OK, "urlenc: pairs at the limit");
	is_int(l.n, HTTP_MAX_PARAMS, "urlenc: all pairs");
	is_str(l.v[HTTP_MAX_PARAMS - 1].name, "p63", "urlenc: last pair");
	strcpy(big + n, "&&&&");
	is_int(urlenc(big, &l), TJG_OK, "urlenc: empty pairs do not count");
	strcpy(big + n, "x=1");
	is_int(urlenc(big, &l), TJG_EINVAL, "urlenc: one pair too many");
	is_int(l.n, 0, "urlenc: nothing on too many");

	/* Repeated keys must not cost more than one pass. */
	n = 200 * 1024;
	huge = malloc(n);
	if (huge == NULL)
		abort();
	for (i = 0; i < n; i += 4)
		memcpy(huge + i, "a=1&", 4);
	is_int(http_parse_urlencoded(&A, huge, n, &l), TJG_EINVAL,
	    "urlenc: 200 KB of repeated keys rejected by the limit");
	huge[0] = 'a';
	huge[1] = '=';
	memset(huge + 2, 'x', n - 2);
	is_int(http_parse_urlencoded(&A, huge, n, &l), TJG_OK,
	    "urlenc: one 200 KB value");
	is_int(l.v[0].len, n - 2, "urlenc: long value length");
	free(huge);
	arena_reset(&A);
}

static void
test_cookies(void)
{
	struct kvlist l;
	char big[4096], name[HTTP_MAX_NAME + 8];
	size_t i, n;

	is_int(cookies("a=1; b=2", &l), TJG_OK, "cookie: two");
	is_int(l.n, 2, "cookie: count");
	is_str(l.v[0].name, "a", "cookie: first name");
	is_str(l.v[0].value, "1", "cookie: first value");
	is_str(l.v[1].name, "b", "cookie: second name");
	is_int(l.v[1].len, 1, "cookie: len");
	is_int(cookies("a=1;b=2", &l), TJG_OK, "cookie: no space");
	is_int(l.n, 2, "cookie: two without space");
	is_int(cookies(" \ta = 1 ;\t b=2 ;", &l), TJG_OK, "cookie: blanks");
	is_str(l.v[0].name, "a", "cookie: name trimmed");
	is_str(l.v[0].value, "1", "cookie: value trimmed");
	is_int(cookies("s=\"x y\"", &l), TJG_OK, "cookie: quoted");
	is_str(l.v[0].value, "x y", "cookie: quotes removed");
	is_int(cookies("s=\"\"", &l), TJG_OK, "cookie: empty quoted");
	is_str(l.v[0].value, "", "cookie: empty value");
	is_int(cookies("s=\"", &l), TJG_OK, "cookie: lone quote");
	is_str(l.v[0].value, "\"", "cookie: lone quote kept");
	is_int(cookies("s=\"abc", &l), TJG_OK, "cookie: unbalanced quote");
	is_str(l.v[0].value, "\"abc", "cookie: unbalanced quote kept");
	is_int(cookies("s=", &l), TJG_OK, "cookie: empty");
	is_str(l.v[0].value, "", "cookie: empty value kept");
	is_int(cookies("t=a=b==", &l), TJG_OK, "cookie: = in value");
	is_str(l.v[0].value, "a=b==", "cookie: base64 padding kept");
	is_int(cookies("n=\xc3\xa5", &l), TJG_OK, "cookie: UTF-8 value");
	is_str(l.v[0].value, "\xc3\xa5", "cookie: UTF-8 kept");
	is_int(cookies("__Host-sid=abc", &l), TJG_OK, "cookie: prefix name");
	is_str(l.v[0].name, "__Host-sid", "cookie: prefix name kept");

	is_int(cookies("junk; a=1; =2; b c=3; ;; d", &l), TJG_OK,
	    "cookie: malformed pairs");
	is_int(l.n, 1, "cookie: malformed pairs skipped");
	is_str(l.v[0].name, "a", "cookie: good pair kept");
	is_int(cookies("a=1\x01; b=\x7f; c=ok", &l), TJG_OK,
	    "cookie: control characters");
	is_int(l.n, 1, "cookie: pairs with controls skipped");
	is_str(l.v[0].name, "c", "cookie: clean pair kept");
	is_int(cookies("a=\xff; b=\xc0\x80; c=\xed\xa0\x80; d=1", &l), TJG_OK,
	    "cookie: invalid UTF-8");
	is_int(l.n, 1, "cookie: invalid UTF-8 skipped");
	is_str(l.v[0].name, "d", "cookie: valid pair kept");
	is_int(cookies("\xc3\xa5=1; (x)=2; a\"b=3; e=4", &l), TJG_OK,
	    "cookie: non-token names");
	is_int(l.n, 1, "cookie: non-token names skipped");

	is_int(cookies("s=first; s=second; t=1; s=third", &l), TJG_OK,
	    "cookie: repeated name");
	is_int(l.n, 2, "cookie: repeated name once");
	is_str(l.v[0].value, "first", "cookie: first wins");
	is_str(l.v[1].name, "t", "cookie: order kept");
	is_int(cookies("s=1; S=2", &l), TJG_OK, "cookie: names case-sensitive");
	is_int(l.n, 2, "cookie: s and S differ");

	is_int(cookies("", &l), TJG_OK, "cookie: empty header");
	is_int(l.n, 0, "cookie: none");
	is_int(http_parse_cookies(&A, NULL, &l), TJG_OK, "cookie: NULL");
	is_int(l.n, 0, "cookie: none from NULL");
	is_int(cookies(";;; ;", &l), TJG_OK, "cookie: only separators");
	is_int(l.n, 0, "cookie: none from separators");

	memset(name, 'n', HTTP_MAX_NAME);
	strcpy(name + HTTP_MAX_NAME, "=1");
	is_int(cookies(name, &l), TJG_OK, "cookie: name at limit");
	is_int(l.n, 1, "cookie: long name kept");
	memset(name, 'n', HTTP_MAX_NAME + 1);
	strcpy(name + HTTP_MAX_NAME + 1, "=1");
	is_int(cookies(name, &l), TJG_OK, "cookie: name past limit");
	is_int(l.n, 0, "cookie: too long name skipped");

	for (i = 0, n = 0; i < HTTP_MAX_COOKIES; i++)
		n += (size_t)sprintf(big + n, "c%zu=%zu; ", i, i);
	is_int(cookies(big, &l), TJG_OK, "cookie: at the limit");
	is_int(l.n, HTTP_MAX_COOKIES, "cookie: all kept");
	is_str(l.v[HTTP_MAX_COOKIES - 1].name, "c31", "cookie: last kept");
	strcpy(big + n, "junk; =x; y");
	is_int(cookies(big, &l), TJG_OK, "cookie: skipped pairs not counted");
	strcpy(big + n, "x=1");
	is_int(cookies(big, &l), TJG_EINVAL, "cookie: one too many");
	is_int(l.n, 0, "cookie: none on error");
	for (i = 0, n = 0; i <= HTTP_MAX_COOKIES; i++)
		n += (size_t)sprintf(big + n, "s=%zu; ", i);
	is_int(cookies(big, &l), TJG_EINVAL,
	    "cookie: repeated pairs count toward the limit");
	arena_reset(&A);
}

#define CT	"multipart/form-data; boundary=XyZ"

static void
test_multipart_good(void)
{
	static const char bin[] =
	    "\x00\xff\xfe\r\n--XyY\r\n-\r\n--Xy\x00z\r\n--";
	struct partlist l;
	char body[4096];
	size_t n;

	is_int(MP(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n"
	    "hello\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n"
	    "\r\n"
	    "w\xc3\xb6rld\r\nline 2\r\n"
	    "--XyZ--\r\n", &l), TJG_OK, "mp: two fields");
	is_int(l.n, 2, "mp: count");
	is_str(l.v[0].name, "a", "mp: first name");
	ok(l.v[0].len == 5 && memcmp(l.v[0].data, "hello", 5) == 0,
	    "mp: first data");
	ok(l.v[0].filename == NULL, "mp: no filename for a field");
	ok(l.v[0].ctype == NULL, "mp: no content type");
	is_str(l.v[1].name, "b", "mp: second name");
	ok(l.v[1].len == 14 &&
	    memcmp(l.v[1].data, "w\xc3\xb6rld\r\nline 2", 14) == 0,
	    "mp: second data, inner CRLF kept");

	is_int(MP("multipart/form-data; boundary=\"a b:c=d?\"",
	    "--a b:c=d?\r\n"
	    "Content-Disposition: form-data; name=x\r\n\r\n"
	    "1\r\n--a b:c=d?--", &l), TJG_OK, "mp: quoted boundary");
	is_int(l.n, 1, "mp: quoted boundary part");
	is_str(l.v[0].name, "x", "mp: unquoted name");
	is_int(MP("Multipart/Form-Data;charset=UTF-8;  BOUNDARY=XyZ ",
	    "--XyZ\r\ncontent-disposition: FORM-DATA; NAME=\"k\"\r\n\r\n"
	    "v\r\n--XyZ--", &l), TJG_OK, "mp: case-insensitive, other params");
	is_str(l.v[0].name, "k", "mp: NAME parameter");
	is_int(MP("  multipart/form-data ; boundary=XyZ",
	    "--XyZ\r\nContent-Disposition: form-data; name=k\r\n\r\n"
	    "\r\n--XyZ--", &l), TJG_OK, "mp: blanks around type");
	is_int(l.v[0].len, 0, "mp: empty data");

	is_int(MP(CT, "This is a preamble.\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ--\r\nepilogue --XyZ garbage", &l), TJG_OK,
	    "mp: preamble and epilogue");
	is_int(l.n, 1, "mp: preamble and epilogue ignored");
	is_int(MP(CT, "--XyZ--", &l), TJG_OK, "mp: no parts");
	is_int(l.n, 0, "mp: zero parts");
	is_int(MP(CT, "--XyZ \t\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ\t\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
	    "2\r\n--XyZ--", &l), TJG_OK, "mp: transport padding");
	is_int(l.n, 2, "mp: padding after delimiters");

	n = (size_t)snprintf(body, sizeof(body), "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f\"; "
	    "filename=\"C:\\dir\\a.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "Content-Transfer-Encoding: binary\r\n\r\n");
	memcpy(body + n, bin, sizeof(bin) - 1);
	n += sizeof(bin) - 1;
	n += (size_t)snprintf(body + n, sizeof(body) - n, "\r\n--XyZ--\r\n");
	is_int(mp_n(CT, body, n, &l), TJG_OK, "mp: binary file part");
	is_str(l.v[0].name, "f", "mp: file field name");
	is_str(l.v[0].filename, "C:\\dir\\a.bin",
	    "mp: filename with backslashes as sent");
	is_str(l.v[0].ctype, "application/octet-stream", "mp: part type");
	ok(l.v[0].len == sizeof(bin) - 1 &&
	    memcmp(l.v[0].data, bin, sizeof(bin) - 1) == 0,
	    "mp: binary data intact (NUL, FF, near-delimiters)");

	is_int(MP(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\r\n--XyZ--", &l), TJG_OK, "mp: file input left empty");
	is_str(l.v[0].filename, "", "mp: empty filename is \"\"");
	is_int(MP(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f\"; "
	    "filename=\"\xc3\xa5r %22x%22.txt\"\r\n\r\n"
	    "\xff\r\n--XyZ--", &l), TJG_OK, "mp: UTF-8 filename");
	is_str(l.v[0].filename, "\xc3\xa5r %22x%22.txt",
	    "mp: filename kept as sent");
	is_int(l.v[0].len, 1, "mp: file data not UTF-8-checked");
	is_int(MP(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a;b\"; x=\"y\"\r\n\r\n"
	    "1\r\n--XyZ--", &l), TJG_OK, "mp: ; inside quoted name");
	is_str(l.v[0].name, "a;b", "mp: quoted name with ;");
	is_int(MP(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"; "
	    "filename*=UTF-8''x.txt; filename=\"x.txt\"\r\n\r\n"
	    "1\r\n--XyZ--", &l), TJG_OK, "mp: filename* ignored");
	is_str(l.v[0].filename, "x.txt", "mp: plain filename used");
	is_int(MP(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\";\r\n\r\n"
	    "1\r\n--XyZ--", &l), TJG_OK, "mp: trailing ; in disposition");
	arena_reset(&A);
}

static void
test_multipart_bad(void)
{
	struct partlist l;
	const char *part =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";

	is_int(MP("multipart/form-data", "--XyZ--", &l), TJG_EINVAL,
	    "mp: no boundary rejected");
	is_int(l.n, 0, "mp: nothing on error");
	is_int(MP("multipart/form-data; charset=UTF-8", "--XyZ--", &l),
	    TJG_EINVAL, "mp: other params but no boundary");
	is_int(MP("multipart/form-data; boundary=", "--XyZ--", &l), TJG_EINVAL,
	    "mp: empty boundary");
	is_int(MP("multipart/form-data; boundary=\"\"", "----", &l),
	    TJG_EINVAL, "mp: empty quoted boundary");
	is_int(MP("multipart/form-data; boundary=\"XyZ", "--XyZ--", &l),
	    TJG_EINVAL, "mp: unterminated quote");
	is_int(MP("multipart/form-data; boundary=\"XyZ \"", "--XyZ --", &l),
	    TJG_EINVAL, "mp: boundary ending in space");
	is_int(MP("multipart/form-data; boundary=\"a\\b\"", "--a\\b--", &l),
	    TJG_EINVAL, "mp: backslash not a bchar");
	is_int(MP("multipart/form-data; boundary=\"a\xc3\xa5\"",
	    "--a\xc3\xa5--", &l), TJG_EINVAL, "mp: non-ASCII boundary");
	is_int(MP("multipart/form-data; boundary=a; boundary=a", "--a--", &l),
	    TJG_EINVAL, "mp: two boundaries");
	is_int(MP("multipart/form-data; boundary", "--a--", &l), TJG_EINVAL,
	    "mp: parameter without =");
	is_int(MP("multipart/form-data boundary=a", "--a--", &l), TJG_EINVAL,
	    "mp: parameter without ;");
	is_int(MP("text/plain; boundary=XyZ", "--XyZ--", &l), TJG_EINVAL,
	    "mp: not multipart");
	is_int(MP("multipart/mixed; boundary=XyZ", "--XyZ--", &l), TJG_EINVAL,
	    "mp: multipart/mixed");
	is_int(MP("multipart/form-datax; boundary=XyZ", "--XyZ--", &l),
	    TJG_EINVAL, "mp: type prefix only");
	is_int(MP("", "--XyZ--", &l), TJG_EINVAL, "mp: empty content type");
	is_int(http_parse_multipart(&A, NULL, "--XyZ--", 7, &l), TJG_EINVAL,
	    "mp: NULL content type");
	is_int(http_parse_multipart(&A, CT, NULL, 0, &l), TJG_EINVAL,
	    "mp: no body");

	/* Boundary length: RFC 2046 allows 1..70. */
	{
		char ct[200], body[400];
		char b[80];

		memset(b, 'b', 70);
		b[70] = '\0';
		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b);
		snprintf(body, sizeof(body), "--%s\r\nContent-Disposition: "
		    "form-data; name=a\r\n\r\n1\r\n--%s--", b, b);
		is_int(mp(ct, body, &l), TJG_OK, "mp: 70-byte boundary");
		is_int(l.n, 1, "mp: part with 70-byte boundary");
		memset(b, 'b', 71);
		b[71] = '\0';
		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b);
		snprintf(body, sizeof(body), "--%s\r\nContent-Disposition: "
		    "form-data; name=a\r\n\r\n1\r\n--%s--", b, b);
		is_int(mp(ct, body, &l), TJG_EINVAL, "mp: 71-byte boundary");
	}

	/* Truncated and malformed bodies. */
	is_int(MP(CT, "", &l), TJG_EINVAL, "mp: empty body");
	is_int(MP(CT, "hello", &l), TJG_EINVAL, "mp: no delimiter");
	is_int(MP(CT, "--XyZ", &l), TJG_EINVAL, "mp: delimiter only");
	is_int(MP(CT, "--XyZ-", &l), TJG_EINVAL, "mp: half close");
	is_int(MP(CT, "--XyZ\r\n", &l), TJG_EINVAL, "mp: cut after delimiter");
	is_int(mp(CT, part, &l), TJG_EINVAL, "mp: no closing delimiter");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n1\r\n--XyZ", &l), TJG_EINVAL, "mp: last delimiter not closed");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n1\r\n--XyZ\r\n", &l), TJG_EINVAL, "mp: cut before next part");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n",
	    &l), TJG_EINVAL, "mp: cut in headers");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"",
	    &l), TJG_EINVAL, "mp: cut in a header line");
	is_int(MP(CT, "--XyZ\n"
	    "Content-Disposition: form-data; name=\"a\"\n\n1\n--XyZ--", &l),
	    TJG_EINVAL, "mp: bare LF rejected");
	is_int(MP(CT, "--XyZjunk\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
	    &l), TJG_EINVAL, "mp: text after delimiter");
	is_int(MP(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--XyZ-x", &l), TJG_EINVAL, "mp: bad close");

	/* Part headers. */
	is_int(MP(CT, "--XyZ\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: part without headers");
	is_int(MP(CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
	    &l), TJG_EINVAL, "mp: part without disposition");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\n"
	    "1\r\n--XyZ--", &l), TJG_EINVAL, "mp: part without name");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "filename=\"a\"\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: file without name");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n"
	    "\r\n1\r\n--XyZ--", &l), TJG_EINVAL, "mp: empty name");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n"
	    "\r\n1\r\n--XyZ--", &l), TJG_EINVAL, "mp: not form-data");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
	    &l), TJG_EINVAL, "mp: two dispositions");
	is_int(MP(CT, "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n"
	    "1\r\n--XyZ--", &l), TJG_EINVAL, "mp: two names");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename=x; filename=y\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: two filenames");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Type: text/plain\r\nContent-Type: text/html\r\n\r\n"
	    "1\r\n--XyZ--", &l), TJG_EINVAL, "mp: two content types");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n"
	    "\r\n1\r\n--XyZ--", &l), TJG_EINVAL, "mp: unterminated quote");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    " folded\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: folded header line");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "no colon\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: header without colon");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    ": x\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: empty header name");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\x01\"\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: control character in header");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\rb\"\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: bare CR in header");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename=\"\xff.txt\"\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: invalid UTF-8 filename");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\0\"\r\n\r\n1\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: NUL in header");

	/* Field data must be text. */
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n\xff\r\n--XyZ--", &l), TJG_EINVAL, "mp: invalid UTF-8 field");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\nx\0y\r\n--XyZ--", &l), TJG_EINVAL, "mp: NUL in a field");
	is_int(MP(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n\xed\xa0\x80\r\n--XyZ--", &l), TJG_EINVAL,
	    "mp: surrogate in a field");
	arena_reset(&A);
}

/* Builds a body of n parts named p0.. and returns its length. */
static size_t
mp_parts(char *body, size_t size, size_t n)
{
	size_t i, len = 0;

	for (i = 0; i < n; i++)
		len += (size_t)snprintf(body + len, size - len, "--XyZ\r\n"
		    "Content-Disposition: form-data; name=\"p%zu\"\r\n\r\n"
		    "%zu\r\n", i, i);
	len += (size_t)snprintf(body + len, size - len, "--XyZ--\r\n");
	return len;
}

static void
test_multipart_limits(void)
{
	struct partlist l;
	char body[8192], line[MP_LINE_TEST + 64];
	char *huge, *p;
	size_t n, i, pre;

	n = mp_parts(body, sizeof(body), HTTP_MAX_PARTS);
	is_int(mp_n(CT, body, n, &l), TJG_OK, "mp: parts at the limit");
	is_int(l.n, HTTP_MAX_PARTS, "mp: all parts");
	is_str(l.v[HTTP_MAX_PARTS - 1].name, "p15", "mp: last part");
	n = mp_parts(body, sizeof(body), HTTP_MAX_PARTS + 1);
	is_int(mp_n(CT, body, n, &l), TJG_EINVAL, "mp: one part too many");

	/* Part names. */
	memset(line, 'n', HTTP_MAX_NAME);
	line[HTTP_MAX_NAME] = '\0';
	n = (size_t)snprintf(body, sizeof(body), "--XyZ\r\nContent-Disposition:"
	    " form-data; name=\"%s\"\r\n\r\n1\r\n--XyZ--", line);
	is_int(mp_n(CT, body, n, &l), TJG_OK, "mp: name at limit");
	memset(line, 'n', HTTP_MAX_NAME + 1);
	line[HTTP_MAX_NAME + 1] = '\0';
	n = (size_t)snprintf(body, sizeof(body), "--XyZ\r\nContent-Disposition:"
	    " form-data; name=\"%s\"\r\n\r\n1\r\n--XyZ--", line);
	is_int(mp_n(CT, body, n, &l), TJG_EINVAL, "mp: name past limit");

	/* Header lines of exactly MP_LINE_TEST bytes, and one more. */
	pre = (size_t)snprintf(line, sizeof(line),
	    "Content-Disposition: form-data; name=\"a\"; filename=\"");
	memset(line + pre, 'f', MP_LINE_TEST - pre - 1);
	line[MP_LINE_TEST - 1] = '"';
	line[MP_LINE_TEST] = '\0';
	n = (size_t)snprintf(body, sizeof(body),
	    "--XyZ\r\n%s\r\n\r\n1\r\n--XyZ--", line);
	is_int(mp_n(CT, body, n, &l), TJG_OK, "mp: header line at limit");
	is_int(strlen(l.v[0].filename), MP_LINE_TEST - pre - 1,
	    "mp: long filename kept");
	line[MP_LINE_TEST - 1] = 'f';
	line[MP_LINE_TEST] = '"';
	line[MP_LINE_TEST + 1] = '\0';
	n = (size_t)snprintf(body, sizeof(body),
	    "--XyZ\r\n%s\r\n\r\n1\r\n--XyZ--", line);
	is_int(mp_n(CT, body, n, &l), TJG_EINVAL, "mp: header line past limit");

	/* Header lines per part: 8, then 9. */
	n = (size_t)snprintf(body, sizeof(body), "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n");
	for (i = 1; i < 8; i++)
		n += (size_t)snprintf(body + n, sizeof(body) - n,
		    "X-Extra-%zu: %zu\r\n", i, i);
	p = body + n;
	strcpy(p, "\r\n1\r\n--XyZ--");
	is_int(mp(CT, body, &l), TJG_OK, "mp: 8 header lines");
	strcpy(p, "X-Nine: 9\r\n\r\n1\r\n--XyZ--");
	is_int(mp(CT, body, &l), TJG_EINVAL, "mp: 9 header lines");

	/* A large upload full of near-delimiters stays one pass. */
	n = 4 * 1024 * 1024;
	huge = malloc(n);
	if (huge == NULL)
		abort();
	i = (size_t)sprintf(huge, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"f\"; filename=\"big\"\r\n\r\n");
	for (; i + 8 < n - 16; i += 8)
		memcpy(huge + i, "\r\n--XyQ", 8);
	memcpy(huge + i, "\r\n--XyZ--\r\n", 11);
	i += 11;
	is_int(http_parse_multipart(&A, CT, huge, i, &l), TJG_OK,
	    "mp: 4 MB of near-delimiters");
	ok(l.n == 1 && l.v[0].len > 4000000, "mp: large part length");
	free(huge);
	arena_reset(&A);
}

int
main(void)
{
	arena_init(&A);
	test_utf8();
	test_urlencoded();
	test_cookies();
	test_multipart_good();
	test_multipart_bad();
	test_multipart_limits();
	arena_free(&A);
	return done_testing();
}
