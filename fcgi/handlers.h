/*
 * The request handlers, one file per area (h_<area>.c), and the indexes
 * of their declared parameters in struct request's p[].
 */
#ifndef TJG_HANDLERS_H
#define TJG_HANDLERS_H

#include "http.h"

/* h_guide.c: the public guide. */
enum { SEARCH_Q, SEARCH_NPARAMS };

int	h_guide_landing(struct request *);
int	h_guide_search(struct request *);

#endif
