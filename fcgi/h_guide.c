/*
 * The public guide: the network's landing page and the address search.
 */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "conf.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "search.h"
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
