/*
 * The address register import, second half: the rows import_parse()
 * read, compared with the network's state as the store read it, into a
 * plan of what to add and change (with every changed value, old and
 * new) and the rows to reject because they would break a unique key or
 * contradict another row. Pure: store_import_apply() writes the plan.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "err.h"
#include "import.h"

#define PROGRESS_EVERY	1000	/* rows between progress reports */

static void
progress(const struct import_progress *p, const char *stage, size_t done,
    size_t total)
{
	if (p != NULL && p->fn != NULL)
		p->fn(p->ctx, stage, done, total);
}

static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* A hash table of string keys, sized once for at most n entries. */
struct map {
	const char	**keys;
	size_t		*vals;
	size_t		 mask;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static void
map_init(struct arena *a, struct map *m, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap <<= 1;
	m->keys = arena_calloc(a, cap, sizeof(*m->keys));
	m->vals = arena_calloc(a, cap, sizeof(*m->vals));
	m->mask = cap - 1;
}

static bool
map_get(const struct map *m, const char *k, size_t *v)
{
	size_t i;

	for (i = hash(k) & m->mask; m->keys[i] != NULL; i = (i + 1) & m->mask)
		if (strcmp(m->keys[i], k) == 0) {
			*v = m->vals[i];
			return true;
		}
	return false;
}

/* Adds k unless it is there already: the first value stays. */
static void
map_put(struct map *m, const char *k, size_t v)
{
	size_t i;

	for (i = hash(k) & m->mask; m->keys[i] != NULL; i = (i + 1) & m->mask)
		if (strcmp(m->keys[i], k) == 0)
			return;
	m->keys[i] = k;
	m->vals[i] = v;
}

static char *
upper_dup(struct arena *a, const char *s)
{
	char *o = arena_strdup(a, s), *p;

	for (p = o; *p != '\0'; p++)
		*p = upper(*p);
	return o;
}

/* The identity of an address without an external id. */
static const char *
addr_key(struct arena *a, const char *norm, int number, const char *littera,
    const char *postcode)
{
	return arena_printf(a, "%s\t%d\t%s\t%s", norm, number,
	    upper_dup(a, littera != NULL ? littera : ""), postcode);
}

static const char *
apt_key(struct arena *a, long long address, const char *apartment)
{
	return arena_printf(a, "%lld\t%s", address, apartment);
}

static bool
same(const char *x, const char *y)
{
	return x == NULL ? y == NULL : y != NULL && strcmp(x, y) == 0;
}

/* The rows of one address of the file. */
struct group {
	size_t		 first;		/* row index */
	const char	*key;
	const char	*ext;		/* first external id given */
	const char	*area;		/* first area given */
	long long	 area_id;
	size_t		 db;		/* address index, or SIZE_MAX */
	bool		 bad;		/* every row rejected */
	bool		 used;		/* some row accepted */
	struct import_address *out;
};

struct differ {
	struct arena		*a;
	const struct import_file *f;
	const struct import_state *st;
	struct import_plan	*plan;
	struct import_change	*chg;	/* changes being collected */
	size_t			 nchg;
};

static void
diff_reject(struct differ *d, size_t line, enum import_why why,
    const char *v)
{
	struct import_reject *r = &d->plan->rejects[d->plan->nrejects++];

	r->line = line;
	r->why = why;
	r->value = v != NULL ? v : "";
}

static void
change(struct differ *d, const char *field, const char *old, const char *new)
{
	struct import_change *c = &d->chg[d->nchg++];

	c->field = field;
	c->old = old != NULL ? old : "";
	c->new = new != NULL ? new : "";
}

/* Takes the changes collected since the last call into *out, *n. */
static void
changes_take(struct differ *d, struct import_change **out, size_t *n)
{
	*n = d->nchg;
	*out = NULL;
	if (d->nchg > 0) {
		*out = arena_alloc(d->a, d->nchg * sizeof(**out));
		memcpy(*out, d->chg, d->nchg * sizeof(**out));
	}
	d->nchg = 0;
}

static const char *
area_name(const struct import_state *st, long long id)
{
	size_t i;

	for (i = 0; id != 0 && i < st->nareas; i++)
		if (st->areas[i].id == id)
			return st->areas[i].name;
	return NULL;
}

/* The area called name: exactly, else by its folded form. */
static const struct import_db_area *
area_find(struct arena *a, const struct import_state *st, const char *name)
{
	const char *fold = addr_norm(a, name);
	size_t i;

	for (i = 0; i < st->nareas; i++)
		if (strcmp(st->areas[i].name, name) == 0)
			return &st->areas[i];
	for (i = 0; *fold != '\0' && i < st->nareas; i++)
		if (strcmp(addr_norm(a, st->areas[i].name), fold) == 0)
			return &st->areas[i];
	return NULL;
}

/* The address of group g with its final values and changes. */
static void
plan_address(struct differ *d, struct group *g)
{
	const struct import_row *r = &d->f->rows[g->first];
	const struct import_db_address *o;
	struct import_address *x = &d->plan->addresses[d->plan->naddresses++];
	long long area;

	memset(x, 0, sizeof(*x));
	g->out = x;
	x->line = r->line;
	x->street = r->street;
	x->street_norm = r->street_norm;
	x->number = r->number;
	x->littera = r->littera;
	x->postcode = r->postcode;
	x->city = r->city;
	x->external_id = g->ext;
	x->area_id = g->area != NULL ? g->area_id : 0;
	if (g->db == SIZE_MAX) {
		x->action = IMPORT_ADD;
		d->plan->addresses_added++;
		return;
	}
	o = &d->st->addresses[g->db];
	x->id = o->id;
	if (x->external_id == NULL)
		x->external_id = o->external_id;
	area = g->area != NULL ? g->area_id : o->area_id;
	x->area_id = area;
	if (strcmp(o->street, x->street) != 0)
		change(d, "street", o->street, x->street);
	if (o->number != x->number)
		change(d, "number", arena_printf(d->a, "%d", o->number),
		    arena_printf(d->a, "%d", x->number));
	if (strcasecmp(o->littera, x->littera) != 0)
		change(d, "littera", o->littera, x->littera);
	if (strcmp(o->postcode, x->postcode) != 0)
		change(d, "postcode", o->postcode, x->postcode);
	if (strcmp(o->city, x->city) != 0)
		change(d, "city", o->city, x->city);
	if (o->area_id != area)
		change(d, "area", area_name(d->st, o->area_id),
		    area_name(d->st, area));
	if (!same(o->external_id, x->external_id))
		change(d, "external_id", o->external_id, x->external_id);
	changes_take(d, &x->changes, &x->nchanges);
	x->action = x->nchanges > 0 ? IMPORT_CHANGE : IMPORT_SAME;
	if (x->action == IMPORT_CHANGE)
		d->plan->addresses_changed++;
}

/*
 * The outlet of row r at address x: new, or the database's outlet o
 * (SIZE_MAX: none) with its final values. False with the reason if the
 * row would break a unique key.
 */
static bool
plan_outlet(struct differ *d, const struct import_row *r, struct group *g,
    const struct map *apts, size_t o, struct import_outlet *y)
{
	const struct import_db_outlet *db;
	const struct import_db_address *addr = g->db != SIZE_MAX ?
	    &d->st->addresses[g->db] : NULL;
	size_t other;

	memset(y, 0, sizeof(*y));
	y->line = r->line;
	y->code = r->code;
	if (o == SIZE_MAX) {
		if (addr != NULL && r->apartment != NULL &&
		    map_get(apts, apt_key(d->a, addr->id, r->apartment),
		    &other)) {
			diff_reject(d, r->line, IMPORT_W_APARTMENT_TAKEN,
			    r->apartment);
			return false;
		}
		y->action = IMPORT_ADD;
		y->apartment = r->apartment;
		y->distinguisher = r->distinguisher;
		y->status = r->status != NULL ? r->status : "active";
		y->active_from = r->active_from;
		return true;
	}
	db = &d->st->outlets[o];
	if (addr == NULL || db->address_id != addr->id) {
		diff_reject(d, r->line, IMPORT_W_CODE_ELSEWHERE, r->code);
		return false;
	}
	y->id = db->id;
	y->code = db->code;
	y->apartment = d->f->has[IMPORT_C_APARTMENT] ? r->apartment :
	    db->apartment;
	y->distinguisher = r->distinguisher != NULL ? r->distinguisher :
	    db->distinguisher;
	y->status = r->status != NULL ? r->status : db->status;
	y->active_from = r->active_from != NULL ? r->active_from :
	    db->active_from;
	if (y->apartment != NULL && !same(y->apartment, db->apartment) &&
	    map_get(apts, apt_key(d->a, addr->id, y->apartment), &other) &&
	    other != o) {
		diff_reject(d, r->line, IMPORT_W_APARTMENT_TAKEN, y->apartment);
		return false;
	}
	if (!same(db->apartment, y->apartment))
		change(d, "apartment", db->apartment, y->apartment);
	if (!same(db->distinguisher, y->distinguisher))
		change(d, "distinguisher", db->distinguisher, y->distinguisher);
	if (!same(db->status, y->status))
		change(d, "outlet_status", db->status, y->status);
	if (!same(db->active_from, y->active_from))
		change(d, "active_from", db->active_from, y->active_from);
	changes_take(d, &y->changes, &y->nchanges);
	y->action = y->nchanges > 0 ? IMPORT_CHANGE : IMPORT_SAME;
	return true;
}

static int
by_line(const void *x, const void *y)
{
	const struct import_reject *a = x, *b = y;

	return a->line < b->line ? -1 : a->line > b->line;
}

int
import_diff(struct arena *a, const struct import_file *f,
    const struct import_state *st, const struct import_progress *pr,
    struct import_plan *out)
{
	const struct import_db_area *ar;
	const struct import_row *r;
	struct map dbext, dbkey, dbcode, dbapt, gext, gkey, fcode, fapt;
	struct group *groups, *g;
	struct differ d;
	size_t n = f->nrows, ng = 0, i, k, o, line;
	size_t *rowg;
	bool *ok, *claimed;
	const char *key;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	d.a = a;
	d.f = f;
	d.st = st;
	d.plan = out;
	d.chg = arena_alloc(a, 8 * sizeof(*d.chg));
	out->records = f->records;
	out->rejects = arena_calloc(a, f->nrejects + n + 1,
	    sizeof(*out->rejects));
	if (f->nrejects > 0)
		memcpy(out->rejects, f->rejects, f->nrejects *
		    sizeof(*f->rejects));
	out->nrejects = f->nrejects;
	if (f->fault != IMPORT_F_NONE)
		return TJG_OK;

	/* The database's addresses and outlets by their identities. */
	map_init(a, &dbext, st->naddresses);
	map_init(a, &dbkey, st->naddresses);
	for (i = 0; i < st->naddresses; i++) {
		if (st->addresses[i].external_id != NULL)
			map_put(&dbext, st->addresses[i].external_id, i);
		map_put(&dbkey, addr_key(a, st->addresses[i].street_norm,
		    st->addresses[i].number, st->addresses[i].littera,
		    st->addresses[i].postcode), i);
	}
	map_init(a, &dbcode, st->noutlets);
	map_init(a, &dbapt, st->noutlets);
	for (i = 0; i < st->noutlets; i++) {
		map_put(&dbcode, upper_dup(a, st->outlets[i].code), i);
		if (st->outlets[i].apartment != NULL)
			map_put(&dbapt, apt_key(a, st->outlets[i].address_id,
			    st->outlets[i].apartment), i);
	}
	claimed = arena_calloc(a, st->naddresses + 1, sizeof(*claimed));

	/* The file's rows by address: the rows of one must agree. */
	groups = arena_calloc(a, n + 1, sizeof(*groups));
	rowg = arena_calloc(a, n + 1, sizeof(*rowg));
	ok = arena_calloc(a, n + 1, sizeof(*ok));
	map_init(a, &gext, n);
	map_init(a, &gkey, n);
	for (i = 0; i < n; i++) {
		r = &f->rows[i];
		key = addr_key(a, r->street_norm, r->number, r->littera,
		    r->postcode);
		g = NULL;
		if (r->external_id != NULL && map_get(&gext, r->external_id,
		    &k))
			g = &groups[k];
		else if (map_get(&gkey, key, &k) && (r->external_id == NULL ||
		    groups[k].ext == NULL)) {
			g = &groups[k];
			if (r->external_id != NULL) {
				/* The address's id, given on a later row. */
				g->ext = r->external_id;
				map_put(&gext, r->external_id, k);
			}
		}
		if (g == NULL) {
			g = &groups[ng];
			g->first = i;
			g->key = key;
			g->ext = r->external_id;
			g->area = r->area;
			g->db = SIZE_MAX;
			map_put(&gkey, key, ng);
			if (r->external_id != NULL)
				map_put(&gext, r->external_id, ng);
			ng++;
		} else {
			const struct import_row *fr = &f->rows[g->first];

			if (strcmp(fr->street, r->street) != 0 ||
			    fr->number != r->number ||
			    strcmp(fr->littera, r->littera) != 0 ||
			    strcmp(fr->postcode, r->postcode) != 0 ||
			    strcmp(fr->city, r->city) != 0 ||
			    (g->area != NULL && r->area != NULL &&
			    strcmp(g->area, r->area) != 0)) {
				diff_reject(&d, r->line,
				    IMPORT_W_ADDR_DIFFERS, arena_printf(a,
				    "%zu", fr->line));
				continue;
			}
			if (g->area == NULL)
				g->area = r->area;
		}
		rowg[i] = (size_t)(g - groups);
		ok[i] = true;
		if ((i + 1) % PROGRESS_EVERY == 0)
			progress(pr, "compare", i + 1, 2 * n);
	}

	/*
	 * Each group's address in the database: by external id first (all
	 * of them, so a match by key cannot take an address another row
	 * names by its id), then by key.
	 */
	for (k = 0; k < ng; k++)
		if (groups[k].ext != NULL && map_get(&dbext, groups[k].ext,
		    &o)) {
			groups[k].db = o;
			claimed[o] = true;
		}
	for (k = 0; k < ng; k++) {
		g = &groups[k];
		if (g->db == SIZE_MAX && map_get(&dbkey, g->key, &o) &&
		    !claimed[o] && (g->ext == NULL ||
		    st->addresses[o].external_id == NULL)) {
			g->db = o;
			claimed[o] = true;
		}
		if (g->area == NULL)
			continue;
		if ((ar = area_find(a, st, g->area)) == NULL || !ar->active)
			g->bad = true;
		else
			g->area_id = ar->id;
	}

	/* Rejected rows: of a bad area, duplicates, broken unique keys. */
	map_init(a, &fcode, n);
	map_init(a, &fapt, n);
	out->addresses = arena_calloc(a, ng + 1, sizeof(*out->addresses));
	out->outlets = arena_calloc(a, n + 1, sizeof(*out->outlets));
	for (i = 0; i < n; i++) {
		if (!ok[i])
			continue;
		r = &f->rows[i];
		g = &groups[rowg[i]];
		ok[i] = false;
		if (g->bad) {
			ar = area_find(a, st, g->area);
			diff_reject(&d, r->line, ar == NULL ?
			    IMPORT_W_AREA_UNKNOWN : IMPORT_W_AREA_INACTIVE,
			    import_shown(a, g->area));
			continue;
		}
		if (r->code != NULL && map_get(&fcode, r->code, &line)) {
			diff_reject(&d, r->line, IMPORT_W_DUP_CODE,
			    arena_printf(a, "%zu", line));
			continue;
		}
		if (r->apartment != NULL && map_get(&fapt, apt_key(a,
		    (long long)rowg[i], r->apartment), &line)) {
			diff_reject(&d, r->line, IMPORT_W_DUP_APARTMENT,
			    arena_printf(a, "%zu", line));
			continue;
		}
		if (r->code != NULL)
			map_put(&fcode, r->code, r->line);
		if (r->apartment != NULL)
			map_put(&fapt, apt_key(a, (long long)rowg[i],
			    r->apartment), r->line);
		if (r->code != NULL) {
			if (!map_get(&dbcode, r->code, &o))
				o = SIZE_MAX;
			if (!plan_outlet(&d, r, g, &dbapt, o,
			    &out->outlets[out->noutlets]))
				continue;
			out->noutlets++;
		}
		ok[i] = true;
		g->used = true;
		if ((i + 1) % PROGRESS_EVERY == 0)
			progress(pr, "compare", n + i + 1, 2 * n);
	}

	/* The plan: addresses with an accepted row, in the file's order. */
	for (k = 0; k < ng; k++)
		if (groups[k].used)
			plan_address(&d, &groups[k]);
	for (i = 0; i < out->noutlets; i++) {
		if (out->outlets[i].action == IMPORT_ADD)
			out->outlets_added++;
		else if (out->outlets[i].action == IMPORT_CHANGE)
			out->outlets_changed++;
	}
	/* Outlets were planned in the order of their accepted rows. */
	for (i = 0, k = 0; i < n; i++) {
		if (!ok[i])
			continue;
		r = &f->rows[i];
		g = &groups[rowg[i]];
		if (r->code != NULL) {
			out->outlets[k].address = g->out;
			if (out->outlets[k++].action != IMPORT_SAME)
				continue;
		}
		if (g->out->action == IMPORT_SAME)
			out->unchanged++;
	}
	qsort(out->rejects, out->nrejects, sizeof(*out->rejects), by_line);
	progress(pr, "compare", 2 * n, 2 * n);
	return TJG_OK;
}
