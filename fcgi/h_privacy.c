/*
 * Privacy: the notice every resident can read (/integritet), and the
 * records of processing for the network's administrators
 * (/admin/records). Both state only facts of the configuration and the
 * database, so they cannot disagree with what the system does: the
 * controller is the network's row, the recipients are its providers,
 * and the retention is store_retention_days(), the rule `tjgctl
 * purge` applies.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "err.h"
#include "handlers.h"
#include "http.h"
#include "records.h"
#include "store_retention.h"
#include "store_privacy.h"
#include "tmpl.h"

/* Collects tmpl_set results: the first failure sticks. */
/* Only a web address is a link; anything else in the column is not. */
static const char *
web_url(const char *s)
{
	if (s != NULL && (strncmp(s, "https://", 8) == 0 ||
	    strncmp(s, "http://", 7) == 0) && strcspn(s, " \"<>") ==
	    strlen(s))
		return s;
	return NULL;
}

static void
put_fields(struct request *r, int *rc, const char *prefix,
    const struct privacy_field *f, size_t n)
{
	bool en = strcmp(r->lang, "en") == 0;
	size_t i;

	for (i = 0; i < n; i++) {
		hputf(r, rc, en ? f[i].label_en : f[i].label_sv,
		    "%s.%zu.label", prefix, i);
		hputf(r, rc, en ? f[i].help_en : f[i].help_sv, "%s.%zu.help",
		    prefix, i);
		hputf(r, rc, f[i].service, "%s.%zu.service", prefix, i);
		hputf(r, rc, f[i].required ? "1" : "0", "%s.%zu.required",
		    prefix, i);
	}
}

/*
 * GET /integritet: the privacy notice (GDPR Art. 13) of the network of
 * the host. Read from the database on every request, not from the
 * dispatcher's network cache, so a change shows at once.
 */
int
h_privacy_notice(struct request *r)
{
	struct privacy_controller c;
	struct privacy_provider *p;
	struct privacy_field *netf;
	size_t np, nnetf, i, npnr = 0, nfields;
	bool en = strcmp(r->lang, "en") == 0;
	const char *base = en ? "/en" : "";
	int days, rc = TJG_OK;

	if ((rc = store_privacy_controller(r->db, r->a, r->network_id, &c)) !=
	    TJG_OK ||
	    (rc = store_privacy_providers(r->db, r->a, r->network_id, &p, &np,
	    &netf, &nnetf)) != TJG_OK ||
	    (rc = store_retention_days(r->db, r->conf, r->network_id,
	    &days)) != TJG_OK)
		return rc;
	hput(r, &rc, "Ctl.name", c.name);
	hput(r, &rc, "Ctl.legal_name", *c.legal_name != '\0' ? c.legal_name :
	    c.name);
	hput(r, &rc, "Ctl.org_number", c.org_number);
	hput(r, &rc, "Ctl.postal_address", c.postal_address);
	hput(r, &rc, "Ctl.email", c.privacy_email != NULL &&
	    *c.privacy_email != '\0' ? c.privacy_email : c.contact_email);
	hput(r, &rc, "Ctl.phone", c.contact_phone);
	hput(r, &rc, "Ctl.url", web_url(c.contact_url));
	hput(r, &rc, "Retention.days", hnum(r, days));
	hput(r, &rc, "Retention.backup_days", hnum(r,
	    r->conf->backup_keep_days));
	hput(r, &rc, "Links.rights", arena_printf(r->a, "%s/mina-uppgifter",
	    base));
	for (i = 0, nfields = nnetf; i < np; i++) {
		hputf(r, &rc, p[i].name, "Providers.%zu.name", i);
		hputf(r, &rc, p[i].legal_name, "Providers.%zu.legal_name", i);
		hputf(r, &rc, p[i].org_number, "Providers.%zu.org_number", i);
		hputf(r, &rc, web_url(p[i].privacy_url),
		    "Providers.%zu.privacy_url", i);
		nfields += p[i].nfields;
		if (p[i].requires_pnr) {
			npnr++;
			hputf(r, &rc, "1", "Providers.%zu.pnr", i);
			hputf(r, &rc, en ? p[i].pnr_reason_en :
			    p[i].pnr_reason_sv, "Providers.%zu.pnr_reason", i);
		}
		put_fields(r, &rc, arena_printf(r->a, "Providers.%zu.Fields",
		    i), p[i].fields, p[i].nfields);
	}
	put_fields(r, &rc, "NetFields", netf, nnetf);
	hput(r, &rc, "Count.pnr", hnum(r, (long long)npnr));
	hput(r, &rc, "Count.fields", hnum(r, (long long)nfields));
	if (rc != TJG_OK)
		return rc;
	return tmpl_render(r->tmpl, "privacy.cs", r->lang, &r->resp.body);
}

static void
put_list(struct request *r, int *rc, const char *prefix,
    const struct records_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		hputf(r, rc, l->v[i], "%s.%zu", prefix, i);
}

/* GET /admin/records (administrators): the records of processing. */
int
h_privacy_records(struct request *r)
{
	struct records rec;
	const struct records_activity *act;
	size_t i, j;
	int rc;

	if ((rc = records_build(r->db, r->a, r->conf, r->tmpl, r->lang,
	    r->network_id, time(NULL), &rec)) != TJG_OK)
		return rc;
	hput(r, &rc, "Records.title", rec.title);
	hput(r, &rc, "Records.intro", rec.intro);
	hput(r, &rc, "Records.generated", rec.generated);
	hput(r, &rc, "Records.slug", rec.network_slug);
	hput(r, &rc, "Records.controller_title", rec.controller_title);
	put_list(r, &rc, "Records.Controller", &rec.controller);
	for (i = 0; i < rec.nact; i++) {
		act = &rec.act[i];
		hputf(r, &rc, act->id, "Records.Act.%zu.id", i);
		hputf(r, &rc, act->name, "Records.Act.%zu.name", i);
		for (j = 0; j < RECORDS_NPARTS; j++) {
			hputf(r, &rc, rec.part_title[j],
			    "Records.Act.%zu.Parts.%zu.title", i, j);
			put_list(r, &rc, arena_printf(r->a,
			    "Records.Act.%zu.Parts.%zu.Items", i, j),
			    &act->part[j]);
		}
	}
	if (rc != TJG_OK)
		return rc;
	return admin_render(r, "admin/records.cs", "records");
}
