/*
 * The public guide: the network's landing page and the address search,
 * and the network's own look: its logo and its colours (/tema.css).
 */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "colour.h"
#include "conf.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "search.h"
#include "store.h"
#include "tmpl.h"

int
h_guide_landing(struct request *r)
{
	return tmpl_render(r->tmpl, "landing.cs", r->lang, &r->resp.body);
}

/* Hits.N.*: the addresses found and their outlets. */
static int
set_hits(struct request *r, const struct search_result *res)
{
	const struct address_hit *h;
	const struct outlet_hit *o;
	char pc[7];
	size_t i, j;
	int rc = TJG_OK;

	for (i = 0; i < res->n && rc == TJG_OK; i++) {
		h = &res->hits[i];
		addr_postcode_fmt(h->postcode, pc);
		if ((rc = tmpl_setf(r->tmpl, h->street, "Hits.%zu.street", i))
		    != TJG_OK ||
		    (rc = tmpl_setf(r->tmpl, arena_printf(r->a, "%d",
		    h->number), "Hits.%zu.number", i)) != TJG_OK ||
		    (rc = tmpl_setf(r->tmpl, h->littera, "Hits.%zu.littera", i))
		    != TJG_OK ||
		    (rc = tmpl_setf(r->tmpl, pc, "Hits.%zu.postcode", i)) !=
		    TJG_OK ||
		    (rc = tmpl_setf(r->tmpl, h->city, "Hits.%zu.city", i)) !=
		    TJG_OK ||
		    (rc = tmpl_setf(r->tmpl, arena_printf(r->a, "%s/adress/%lld",
		    strcmp(r->lang, "en") == 0 ? "/en" : "", h->id),
		    "Hits.%zu.url", i)) != TJG_OK)
			break;
		for (j = 0; j < h->noutlets && rc == TJG_OK; j++) {
			o = &h->outlets[j];
			if ((rc = tmpl_setf(r->tmpl, o->code,
			    "Hits.%zu.Outlets.%zu.code", i, j)) != TJG_OK ||
			    (rc = tmpl_setf(r->tmpl, o->apartment != NULL ?
			    o->apartment : "", "Hits.%zu.Outlets.%zu.apartment",
			    i, j)) != TJG_OK)
				break;
			rc = tmpl_setf(r->tmpl, o->status,
			    "Hits.%zu.Outlets.%zu.status", i, j);
		}
	}
	return rc;
}

int
h_guide_search(struct request *r)
{
	const struct pval *q = &r->p[SEARCH_Q];
	struct search_result res;
	const char *key = NULL;
	int rc;

	if (!q->set)
		return tmpl_render(r->tmpl, "search.cs", r->lang,
		    &r->resp.body);
	if ((rc = tmpl_set(r->tmpl, "Search.q", q->s)) != TJG_OK)
		return rc;
	rc = search_addresses(r->db, r->a, r->network_id, q->s,
	    (size_t)r->conf->search_limit, &res);
	if (rc == TJG_EINVAL) {
		key = q->len == 0 ? "search.err_empty" : "search.err_unsearchable";
		r->resp.status = err_status(TJG_EUNPROC);
		if ((rc = tmpl_set(r->tmpl, "Search.error_text",
		    tmpl_text(r->tmpl, r->lang, key))) != TJG_OK)
			return rc;
	} else if (rc != TJG_OK)
		return rc;
	else if ((rc = tmpl_set_int(r->tmpl, "Search.count", (long long)res.n))
	    != TJG_OK ||
	    (rc = tmpl_set_int(r->tmpl, "Search.fuzzy", res.fuzzy)) != TJG_OK ||
	    (rc = tmpl_set_int(r->tmpl, "Search.limited", res.limited)) !=
	    TJG_OK ||
	    (rc = set_hits(r, &res)) != TJG_OK)
		return rc;
	return tmpl_render(r->tmpl, "search.cs", r->lang, &r->resp.body);
}

/*
 * The logo and the colours change seldom, and every page links them with
 * ?v= the network's version, so caches may keep them a while.
 */
#define LOOK_CACHE	"public, max-age=300"

int
h_guide_logo(struct request *r)
{
	const char *data, *ctype;
	size_t len;
	int rc;

	if ((rc = store_network_logo(r->db, r->a, r->network_id, &data, &len,
	    &ctype)) != TJG_OK)
		return rc;
	if ((rc = resp_header(r, "Cache-Control", LOOK_CACHE)) != TJG_OK)
		return rc;
	r->resp.ctype = ctype;
	buf_add(&r->resp.body, data, len);
	return TJG_OK;
}

int
h_guide_theme(struct request *r)
{
	const char *c[4];
	struct theme t;
	int rc;

	if ((rc = store_network_colours(r->db, r->a, r->network_id, c)) !=
	    TJG_OK)
		return rc;
	/* The table's CHECK constraint keeps them "#rrggbb". */
	if (!colour_parse(c[0], &t.primary) || !colour_parse(c[1], &t.accent) ||
	    !colour_parse(c[2], &t.text) || !colour_parse(c[3], &t.background))
		return TJG_EINTERNAL;
	if ((rc = resp_header(r, "Cache-Control", LOOK_CACHE)) != TJG_OK)
		return rc;
	r->resp.ctype = "text/css; charset=utf-8";
	colour_theme_css(&r->resp.body, &t);
	return TJG_OK;
}
