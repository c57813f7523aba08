/*
 * Rendering through ClearSilver. One long-lived HDF per worker holds the
 * language texts (Lang.sv, Lang.en) and the parsed templates; each request
 * adds its own nodes, renders, and tmpl_clear() removes them again.
 * Config.VarEscapeMode = html is set before any template is parsed, so
 * every var: is HTML-escaped.
 *
 * Templates see:
 *   L.*        the texts of the request's language (a link to Lang.<lang>)
 *   Page.lang  "sv" or "en"; Page.path, Page.other_lang_url
 *   Net.*      the network (name, slug)
 *   Static     the static URL prefix
 *   anything a handler sets with tmpl_set*().
 */
#ifndef TJG_TMPL_H
#define TJG_TMPL_H

#include <stddef.h>

#include "buf.h"

struct tmpl;

/*
 * Loads lang/sv.hdf and lang/en.hdf from dir and remembers dir for
 * templates. Returns TJG_OK or TJG_ECONFIG with a message in err.
 */
int	 tmpl_open(struct tmpl **out, const char *dir, char *err,
	    size_t errlen);
void	 tmpl_close(struct tmpl *);

/*
 * Sets a node for the current request. name is one of our identifiers
 * ("Search.q", "Hits.3.street"), never user data; value is copied and
 * will be HTML-escaped when rendered. NULL value is skipped.
 */
int	 tmpl_set(struct tmpl *, const char *name, const char *value);
int	 tmpl_set_int(struct tmpl *, const char *name, long long value);
/* name built with printf-style arguments, e.g. "Hits.%zu.street". */
int	 tmpl_setf(struct tmpl *, const char *value, const char *namefmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * Renders template name (e.g. "search.cs") in language lang ("sv", "en")
 * and appends it to out. Template and ClearSilver errors are logged and
 * returned as TJG_EINTERNAL.
 */
int	 tmpl_render(struct tmpl *, const char *name, const char *lang,
	    struct buf *out);

/* Removes every node set for the current request. */
void	 tmpl_clear(struct tmpl *);

/* Returns the text of key (e.g. "err.notfound") in lang, or key itself. */
const char *tmpl_text(struct tmpl *, const char *lang, const char *key);

#endif
