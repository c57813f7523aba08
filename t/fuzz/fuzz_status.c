/*
 * libFuzzer harness for feed_read_status, the reader of the XML bodies
 * providers POST. Whatever the input, the reader must not crash, leak or
 * read outside it; on TJG_OK the values must be what the schema allows
 * (a reportable status, a YYYY-MM-DD date, bounded texts), on TJG_EINVAL
 * there must be a reason and nothing returned. The same input, as text,
 * is also written as a customer's name through feed_write_one, and the
 * document must stay well-formed XML (the writer's character cleaning).
 *
 * The schema is doc/orderfeed.xsd of the source tree: $TJG_SRCDIR, else
 * FUZZ_XSD (set by t/fuzz/run), else doc/orderfeed.xsd under the current
 * directory or next to the build directory holding the binary.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "buf.h"
#include "err.h"
#include "feed.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct buf doc, text;

static int
try_load(const char *path)
{
	char err[512];

	if (access(path, R_OK) != 0)
		return -1;
	if (feed_schema_load(path, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "fuzz_status: %s\n", err);
		abort();
	}
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("TJG_SRCDIR");
	char path[PATH_MAX], *slash;

	(void)argc;
	if (src != NULL && snprintf(path, sizeof(path), "%s/doc/orderfeed.xsd",
	    src) < (int)sizeof(path) && try_load(path) == 0)
		return 0;
#ifdef FUZZ_XSD
	if (try_load(FUZZ_XSD) == 0)
		return 0;
#endif
	if (try_load("doc/orderfeed.xsd") == 0)
		return 0;
	if (snprintf(path, sizeof(path), "%s", (*argv)[0]) < (int)sizeof(path)
	    && (slash = strrchr(path, '/')) != NULL &&
	    snprintf(slash, sizeof(path) - (size_t)(slash - path),
	    "/../doc/orderfeed.xsd") > 0 && try_load(path) == 0)
		return 0;
	fprintf(stderr, "fuzz_status: doc/orderfeed.xsd not found; "
	    "set TJG_SRCDIR\n");
	abort();
}

static int
collect(void *ctx, const char *p, size_t n)
{
	buf_add(ctx, p, n);
	return 0;
}

static void
check_read(const uint8_t *data, size_t size)
{
	struct feed_status st;
	const char *why = NULL;
	int rc;
	size_t i;

	rc = feed_read_status((const char *)data, size, &st, &why);
	if (rc == TJG_OK) {
		if (why != NULL || (strcmp(st.status, "received") != 0 &&
		    strcmp(st.status, "activated") != 0 &&
		    strcmp(st.status, "rejected") != 0 &&
		    strcmp(st.status, "cancelled") != 0) ||
		    strlen(st.date) != 10 || st.date[4] != '-' ||
		    st.date[7] != '-')
			abort();
		for (i = 0; i < 10; i++)
			if (i != 4 && i != 7 &&
			    (st.date[i] < '0' || st.date[i] > '9'))
				abort();
		/* Characters are at most 4 bytes of UTF-8. */
		if ((st.provider_reference != NULL &&
		    (*st.provider_reference == '\0' ||
		    strlen(st.provider_reference) > 400)) ||
		    (st.external_message != NULL &&
		    strlen(st.external_message) > 4000) ||
		    (st.note != NULL && strlen(st.note) > 4000))
			abort();
	} else if (rc != TJG_EINVAL || why == NULL || st.status[0] != '\0' ||
	    st.provider_reference != NULL || st.external_message != NULL ||
	    st.note != NULL)
		abort();
	feed_status_free(&st);
}

static void
check_write(const uint8_t *data, size_t size)
{
	struct feed_order o;
	xmlDocPtr d;

	buf_reset(&text);
	buf_add(&text, data, size);
	if (strlen(buf_str(&text)) == 0)
		return;
	memset(&o, 0, sizeof(o));
	o.ref = "AB12CD34EF56";
	o.network = "demo";
	o.status = "new";
	o.created = o.updated = "2026-03-01T09:30:00Z";
	o.service_code = "X";
	o.service_name = "Y";
	o.access_id = "A1";
	o.street = o.city = "S";
	o.number = "1";
	o.postcode = "11122";
	o.first_name = buf_str(&text);
	o.last_name = "L";
	o.email = "a@b";
	o.phone = "+46701234567";
	buf_reset(&doc);
	if (feed_write_one(collect, &doc, &o) != TJG_OK)
		abort();
	if ((d = xmlReadMemory(doc.p, (int)doc.len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) ==
	    NULL)
		abort();
	xmlFreeDoc(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_read(data, size);
	check_write(data, size);
	return 0;
}
