/*
 * ClearSilver rendering: a long-lived HDF with the language texts and the
 * escaping configuration, parse trees cached per template, per-request
 * nodes removed after each render.
 */
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "err.h"
#include "log.h"
#include "tmpl.h"

#define TMPL_MAX	96

struct tmpl_cache {
	char	*name;
	CSPARSE	*cs;
};

struct tmpl {
	HDF			*hdf;
	char			*dir;
	struct tmpl_cache	 cache[TMPL_MAX];
	size_t			 ncache;
};

/* Nodes that live as long as the worker; everything else is per request. */
static const char *const keep[] = { "Config", "Lang", "hdf", "L" };

/* Logs and frees a ClearSilver error; returns TJG_EINTERNAL. */
static int
neo_fail(NEOERR *e, const char *what)
{
	STRING s;

	string_init(&s);
	nerr_error_string(e, &s);
	log_err("tmpl: %s: %s", what, s.buf != NULL ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&e);
	return TJG_EINTERNAL;
}

/* Texts of the page groups: lang/<lang>/NAME.hdf, in name order. */
static int
read_more(HDF *lang, const char *dir, const char *name, char *err,
    size_t errlen)
{
	char pattern[4096];
	glob_t g;
	NEOERR *e;
	size_t i;
	int rc;

	snprintf(pattern, sizeof(pattern), "%s/lang/%s/*.hdf", dir, name);
	if ((rc = glob(pattern, 0, NULL, &g)) == GLOB_NOMATCH)
		return TJG_OK;
	if (rc != 0) {
		snprintf(err, errlen, "%s: cannot list", pattern);
		return TJG_ECONFIG;
	}
	for (i = 0; i < g.gl_pathc; i++)
		if ((e = hdf_read_file(lang, g.gl_pathv[i])) != STATUS_OK) {
			neo_fail(e, g.gl_pathv[i]);
			snprintf(err, errlen, "%s: cannot read language file",
			    g.gl_pathv[i]);
			globfree(&g);
			return TJG_ECONFIG;
		}
	globfree(&g);
	return TJG_OK;
}

int
tmpl_open(struct tmpl **out, const char *dir, char *err, size_t errlen)
{
	static const char *const langs[] = { "sv", "en" };
	struct tmpl *t;
	char path[4096], node[32];
	HDF *lang;
	NEOERR *e;
	size_t i;

	*out = NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL || (t->dir = strdup(dir)) ==
	    NULL)
		abort();
	if ((e = hdf_init(&t->hdf)) != STATUS_OK ||
	    (e = hdf_set_value(t->hdf, "Config.VarEscapeMode", "html")) !=
	    STATUS_OK ||
	    (e = hdf_set_value(t->hdf, "Config.TimeFooter", "0")) != STATUS_OK ||
	    (e = hdf_set_value(t->hdf, "hdf.loadpaths.0", dir)) != STATUS_OK) {
		neo_fail(e, "init");
		snprintf(err, errlen, "%s: cannot initialise ClearSilver", dir);
		goto fail;
	}
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		snprintf(path, sizeof(path), "%s/lang/%s.hdf", dir, langs[i]);
		snprintf(node, sizeof(node), "Lang.%s", langs[i]);
		if ((e = hdf_get_node(t->hdf, node, &lang)) != STATUS_OK ||
		    (e = hdf_read_file(lang, path)) != STATUS_OK) {
			neo_fail(e, path);
			snprintf(err, errlen, "%s: cannot read language file",
			    path);
			goto fail;
		}
		if (read_more(lang, dir, langs[i], err, errlen) != TJG_OK)
			goto fail;
	}
	*out = t;
	return TJG_OK;
fail:
	tmpl_close(t);
	return TJG_ECONFIG;
}

void
tmpl_close(struct tmpl *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncache; i++) {
		cs_destroy(&t->cache[i].cs);
		free(t->cache[i].name);
	}
	if (t->hdf != NULL)
		hdf_destroy(&t->hdf);
	free(t->dir);
	free(t);
}

int
tmpl_set(struct tmpl *t, const char *name, const char *value)
{
	NEOERR *e;

	if (value == NULL)
		return TJG_OK;
	if ((e = hdf_set_value(t->hdf, name, value)) != STATUS_OK)
		return neo_fail(e, name);
	return TJG_OK;
}

int
tmpl_set_int(struct tmpl *t, const char *name, long long value)
{
	char v[32];

	snprintf(v, sizeof(v), "%lld", value);
	return tmpl_set(t, name, v);
}

int
tmpl_setf(struct tmpl *t, const char *value, const char *namefmt, ...)
{
	char name[256];
	va_list ap;
	int n;

	va_start(ap, namefmt);
	n = vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(name)) {
		log_err("tmpl: node name too long");
		return TJG_EINTERNAL;
	}
	return tmpl_set(t, name, value);
}

static NEOERR *
append(void *ctx, char *s)
{
	buf_adds(ctx, s);
	return STATUS_OK;
}

static CSPARSE *
parsed(struct tmpl *t, const char *name, int *rc)
{
	CSPARSE *cs = NULL;
	NEOERR *e;
	size_t i;

	for (i = 0; i < t->ncache; i++)
		if (strcmp(t->cache[i].name, name) == 0)
			return t->cache[i].cs;
	if (t->ncache == TMPL_MAX) {
		log_err("tmpl: more than %d templates", TMPL_MAX);
		*rc = TJG_EINTERNAL;
		return NULL;
	}
	if ((e = cs_init(&cs, t->hdf)) != STATUS_OK ||
	    (e = cgi_register_strfuncs(cs)) != STATUS_OK ||
	    (e = cs_parse_file(cs, name)) != STATUS_OK) {
		*rc = neo_fail(e, name);
		cs_destroy(&cs);
		return NULL;
	}
	if ((t->cache[t->ncache].name = strdup(name)) == NULL)
		abort();
	t->cache[t->ncache++].cs = cs;
	return cs;
}

int
tmpl_render(struct tmpl *t, const char *name, const char *lang,
    struct buf *out)
{
	char link[16];
	CSPARSE *cs;
	NEOERR *e;
	int rc = TJG_OK;

	if (strcmp(lang, "sv") != 0 && strcmp(lang, "en") != 0)
		lang = "sv";
	snprintf(link, sizeof(link), "Lang.%s", lang);
	if ((e = hdf_set_symlink(t->hdf, "L", link)) != STATUS_OK)
		return neo_fail(e, "language link");
	if ((cs = parsed(t, name, &rc)) == NULL)
		return rc;
	if ((e = cs_render(cs, out, append)) != STATUS_OK)
		return neo_fail(e, name);
	return TJG_OK;
}

void
tmpl_clear(struct tmpl *t)
{
	HDF *node, *next;
	char name[128];
	NEOERR *e;
	size_t i;

	for (node = hdf_obj_child(t->hdf); node != NULL; node = next) {
		next = hdf_obj_next(node);
		snprintf(name, sizeof(name), "%s", hdf_obj_name(node));
		for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
			if (strcmp(name, keep[i]) == 0)
				break;
		if (i == sizeof(keep) / sizeof(keep[0]) &&
		    (e = hdf_remove_tree(t->hdf, name)) != STATUS_OK)
			(void)neo_fail(e, "clear");
	}
}

const char *
tmpl_text(struct tmpl *t, const char *lang, const char *key)
{
	char name[256];

	snprintf(name, sizeof(name), "Lang.%s.%s", lang, key);
	return hdf_get_value(t->hdf, name, key);
}
