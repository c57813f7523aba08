/*
 * Typed request parameters: each route declares its parameters once (name,
 * type, bounds, required), and http_params_bind checks a parsed query or
 * body against that list, so handlers only ever see validated values.
 */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "http.h"

/* Sets *why (if wanted) to "<prefix><name><suffix>" in the arena. */
static int
fail(struct arena *a, const char **why, const char *prefix,
    const char *name, const char *suffix)
{
	if (why != NULL)
		*why = arena_printf(a, "%s%s%s", prefix, name, suffix);
	return TJG_EINVAL;
}

/* Parses an optional '-' and decimal digits, refusing overflow. */
static bool
parse_int(const char *s, size_t len, long long *out, bool *range)
{
	bool neg = false;
	long long v = 0;
	size_t i = 0;
	int d;

	*range = false;
	if (len > 0 && s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		d = s[i] - '0';
		/* Accumulate negatively so LLONG_MIN fits. */
		if (v < (LLONG_MIN + d) / 10) {
			*range = true;
			return false;
		}
		v = v * 10 - d;
	}
	if (!neg) {
		if (v == LLONG_MIN) {
			*range = true;
			return false;
		}
		v = -v;
	}
	*out = v;
	return true;
}

/* Checks a PARAM_STR or PARAM_TEXT value; returns a fault or NULL. */
static const char *
check_text(const struct param *d, const char *s, size_t len)
{
	unsigned char c;
	size_t i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == 0x7f || (c < 0x20 && (d->type == PARAM_STR ||
		    (c != '\n' && c != '\r' && c != '\t'))))
			return ": control character";
	}
	if (len > (unsigned long long)LLONG_MAX || (long long)len > d->max)
		return ": too long";
	if ((long long)len < d->min)
		return ": too short";
	return NULL;
}

/* Validates one value for its declaration and fills *pv. */
static int
bind_one(struct arena *a, const struct param *d, const struct kv *kv,
    struct pval *pv, const char **why)
{
	const char *s = kv->value, *e = kv->value + kv->len, *fault;
	bool range;

	pv->set = true;
	switch (d->type) {
	case PARAM_STR:
	case PARAM_TEXT:
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		if ((fault = check_text(d, s, (size_t)(e - s))) != NULL)
			return fail(a, why, "", d->name, fault);
		pv->s = arena_strndup(a, s, (size_t)(e - s));
		pv->len = (size_t)(e - s);
		break;
	case PARAM_INT:
		if (!parse_int(s, kv->len, &pv->i, &range))
			return fail(a, why, "", d->name,
			    range ? ": out of range" : ": not a number");
		if (pv->i < d->min || pv->i > d->max)
			return fail(a, why, "", d->name, ": out of range");
		pv->s = kv->value;
		pv->len = kv->len;
		break;
	case PARAM_FLAG:
		pv->s = kv->value;
		pv->len = kv->len;
		pv->i = 1;
		break;
	default:
		return fail(a, why, "", d->name, ": undeclared type");
	}
	return TJG_OK;
}

int
http_params_bind(struct arena *a, const struct param *decl, size_t ndecl,
    const struct kvlist *in, struct pval *out, const char **why)
{
	size_t i, j, n = in != NULL ? in->n : 0;
	int rc;

	if (why != NULL)
		*why = NULL;
	if (ndecl > 0)
		memset(out, 0, ndecl * sizeof(*out));
	for (i = 0; i < n; i++) {
		for (j = 0; j < ndecl; j++)
			if (strcmp(in->v[i].name, decl[j].name) == 0)
				break;
		if (j == ndecl) {
			if (why != NULL)
				*why = "unknown parameter";
			return TJG_EINVAL;
		}
		if (out[j].set)
			return fail(a, why, "duplicate parameter: ",
			    decl[j].name, "");
		if ((rc = bind_one(a, &decl[j], &in->v[i], &out[j],
		    why)) != TJG_OK)
			return rc;
	}
	for (j = 0; j < ndecl; j++)
		if ((decl[j].flags & PARAM_REQUIRED) && !out[j].set)
			return fail(a, why, "missing parameter: ",
			    decl[j].name, "");
	return TJG_OK;
}
