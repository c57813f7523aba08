/*
 * libFuzzer harness for the address register import: import_parse on the
 * input in place (so a read past its end is caught), the invariants of
 * the rows and rejects it returns, then import_diff of the rows against
 * an empty state and against a small fixed one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "import.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena a;

static struct import_db_area areas[] = {
	{ 1, "Centrum", true },
	{ 2, "Norr", false },
};
static struct import_db_address addresses[] = {
	{ 10, 1, "Storgatan", "storgatan", "", "12345", "Stad", "A1", 1 },
	{ 11, 0, "Storgatan", "storgatan", "B", "12345", "Stad", NULL, 1 },
};
static struct import_db_outlet outlets[] = {
	{ 100, 10, "K-1", "1101", NULL, "active", NULL },
	{ 101, 10, "K-2", "1102", "7", "planned", "2030-01-01" },
	{ 102, 11, "K-3", NULL, NULL, "inactive", NULL },
};

/* Aborts unless every accepted row holds what the schema allows. */
static void
check_rows(const struct import_file *f)
{
	char pc[6], lit[3], code[IMPORT_CODE_MAX + 1];
	const struct import_row *r;
	size_t i;

	for (i = 0; i < f->nrows; i++) {
		r = &f->rows[i];
		if (r->line < 2 || (i > 0 && r->line <= f->rows[i - 1].line) ||
		    *r->street == '\0' || *r->street_norm == '\0' ||
		    strlen(r->street) > IMPORT_STREET_MAX ||
		    !import_check_text(r->street) ||
		    r->number < 1 || r->number > 99999 ||
		    !import_check_littera(r->littera, lit) ||
		    strcmp(lit, r->littera) != 0 ||
		    !import_check_postcode(r->postcode, pc) ||
		    *r->city == '\0' || strlen(r->city) > IMPORT_CITY_MAX ||
		    (r->apartment != NULL &&
		    !import_check_apartment(r->apartment)) ||
		    (r->code != NULL && (!import_check_code(r->code, code) ||
		    strcmp(code, r->code) != 0)) ||
		    (r->status != NULL && import_check_status(r->status) ==
		    NULL) ||
		    (r->active_from != NULL &&
		    !import_check_date(r->active_from)) ||
		    (r->code == NULL && (r->apartment != NULL ||
		    r->status != NULL || r->distinguisher != NULL)))
			abort();
	}
}

static void
check_plan(const struct import_file *f, const struct import_plan *p)
{
	size_t i, accepted = 0;

	for (i = 1; i < p->nrejects; i++)
		if (p->rejects[i].line < p->rejects[i - 1].line)
			abort();
	for (i = 0; i < p->nrejects; i++)
		if ((unsigned)p->rejects[i].why >= IMPORT_W_MAX ||
		    p->rejects[i].value == NULL)
			abort();
	if (f->fault != IMPORT_F_NONE)
		return;
	if (p->nrejects > f->records || p->noutlets > f->nrows ||
	    p->naddresses > f->nrows)
		abort();
	accepted = f->records - p->nrejects;
	if (p->unchanged > accepted || p->outlets_added +
	    p->outlets_changed > p->noutlets || p->addresses_added +
	    p->addresses_changed > p->naddresses)
		abort();
	for (i = 0; i < p->noutlets; i++)
		if (p->outlets[i].address == NULL ||
		    (p->outlets[i].action == IMPORT_ADD) !=
		    (p->outlets[i].id == 0))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct import_state none;
	static const struct import_state some = { areas, 2, addresses, 2,
	    outlets, 3 };
	struct import_file f;
	struct import_plan p;

	if (import_parse(&a, (const char *)data, size, NULL, &f) != TJG_OK)
		abort();
	if (f.nrows + f.nrejects > f.records || (f.fault != IMPORT_F_NONE &&
	    f.nrows > 0))
		abort();
	check_rows(&f);
	if (import_diff(&a, &f, &none, NULL, &p) != TJG_OK)
		abort();
	check_plan(&f, &p);
	if (f.fault == IMPORT_F_NONE && p.addresses_added != p.naddresses)
		abort();
	if (import_diff(&a, &f, &some, NULL, &p) != TJG_OK)
		abort();
	check_plan(&f, &p);
	arena_reset(&a);
	return 0;
}
