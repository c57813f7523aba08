/*
 * Tests for lib/import.c: reading the address register's CSV (BOM,
 * quotes, separators, line ends, Windows-1252, limits), every check of a
 * row, duplicates within the file, and the diff against a database state
 * (added, changed with old and new values, unchanged, rejected).
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "import.h"
#include "tap.h"

static struct arena A;

static void
parse(const char *s, struct import_file *f)
{
	int rc = import_parse(&A, s, strlen(s), NULL, f);

	if (rc != TJG_OK)
		printf("# import_parse returned %d\n", rc);
}

/* The reject of line, or NULL. */
static const struct import_reject *
rej(const struct import_reject *v, size_t n, size_t line)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].line == line)
			return &v[i];
	return NULL;
}

#define REJECTS(f, ln, w, val) do {					\
	const struct import_reject *r_ = rej((f)->rejects,		\
	    (f)->nrejects, ln);						\
	ok(r_ != NULL && r_->why == (w), "line %d rejected: %s",	\
	    (int)(ln), import_why_name(w));				\
	if (r_ != NULL && (val) != NULL)				\
		is_str(r_->value, (val), "line %d: value", (int)(ln));	\
	if (r_ != NULL && r_->why != (w))				\
		printf("#   got %s\n", import_why_name(r_->why));	\
} while (0)

static void
test_checks(void)
{
	char pc[6], lit[3], code[IMPORT_CODE_MAX + 1];
	int n;

	ok(import_check_postcode("12345", pc) && strcmp(pc, "12345") == 0,
	    "postcode: 12345");
	ok(import_check_postcode("123 45", pc) && strcmp(pc, "12345") == 0,
	    "postcode: 123 45");
	ok(!import_check_postcode("1234", pc), "postcode: 1234 refused");
	ok(!import_check_postcode("123456", pc), "postcode: six digits");
	ok(!import_check_postcode("1234a", pc), "postcode: a letter");
	ok(!import_check_postcode("", pc), "postcode: empty");
	ok(import_check_number("1", &n) && n == 1, "number: 1");
	ok(import_check_number("99999", &n) && n == 99999, "number: 99999");
	ok(import_check_number("007", &n) && n == 7, "number: 007 is 7");
	ok(!import_check_number("0", &n), "number: 0 refused");
	ok(!import_check_number("100000", &n), "number: 100000 refused");
	ok(!import_check_number("-3", &n), "number: negative refused");
	ok(!import_check_number("12b", &n), "number: letters refused");
	ok(!import_check_number("", &n), "number: empty refused");
	ok(import_check_littera("", lit) && *lit == '\0', "littera: none");
	ok(import_check_littera("b", lit) && strcmp(lit, "B") == 0,
	    "littera: upper-cased");
	ok(import_check_littera("Ab", lit) && strcmp(lit, "AB") == 0,
	    "littera: two letters");
	ok(!import_check_littera("ABC", lit), "littera: three refused");
	ok(!import_check_littera("1", lit), "littera: digit refused");
	ok(!import_check_littera("\xc3\x85", lit), "littera: Å refused");
	ok(import_check_apartment("1101"), "apartment: 1101");
	ok(!import_check_apartment("110"), "apartment: three digits");
	ok(!import_check_apartment("11011"), "apartment: five digits");
	ok(!import_check_apartment("11a1"), "apartment: a letter");
	ok(import_check_code("ab-123", code) && strcmp(code, "AB-123") == 0,
	    "code: upper-cased");
	ok(import_check_code("9", code), "code: one digit");
	ok(!import_check_code("-AB", code), "code: leading dash refused");
	ok(!import_check_code("A B", code), "code: space refused");
	ok(!import_check_code("A_B", code), "code: underscore refused");
	ok(!import_check_code("\xc3\x85" "1", code), "code: Å refused");
	ok(!import_check_code("", code), "code: empty refused");
	ok(import_check_code("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", code),
	    "code: 32 characters");
	ok(!import_check_code("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", code),
	    "code: 33 characters refused");
	is_str(import_check_status("Active"), "active", "status: Active");
	is_str(import_check_status("planerad"), "planned", "status: planerad");
	is_str(import_check_status("INAKTIV"), "inactive", "status: INAKTIV");
	ok(import_check_status("closed") == NULL, "status: closed refused");
	ok(import_check_date("2024-02-29"), "date: leap day");
	ok(!import_check_date("2023-02-29"), "date: no leap day in 2023");
	ok(!import_check_date("2024-04-31"), "date: April 31 refused");
	ok(!import_check_date("2024-13-01"), "date: month 13 refused");
	ok(!import_check_date("0999-01-01"), "date: before year 1000");
	ok(!import_check_date("2024-1-01"), "date: one-digit month");
	ok(!import_check_date("2024-01-01x"), "date: trailing text");
	ok(import_check_text("Storgatan \xc3\xa5"), "text: plain");
	ok(!import_check_text("a\tb"), "text: tab refused");
	ok(!import_check_text("a\xc2\x85" "b"), "text: C1 control refused");
	ok(!import_check_text("a\x7f"), "text: DEL refused");
}

static void
test_format(void)
{
	struct import_file f;

	/* ';', a BOM, CRLF, quotes with "" and a separator inside. */
	parse("\xef\xbb\xbfstreet;number;postcode;city;outlet_code\r\n"
	    "Storgatan;1;123 45;Stad;AB-1\r\n"
	    "\"Lilla \"\"Gr\xc3\xa4nd\"\"\";2;12345; \"S;tad\" ;ab-2\r\n", &f);
	ok(f.fault == IMPORT_F_NONE, "bom/crlf: no fault");
	ok(f.bom && !f.cp1252 && f.sep == ';', "bom/crlf: BOM seen, ';'");
	is_int(f.nrows, 2, "bom/crlf: two rows");
	is_int(f.nrejects, 0, "bom/crlf: nothing rejected");
	if (f.nrows == 2) {
		is_str(f.rows[0].postcode, "12345", "postcode normalised");
		is_str(f.rows[0].code, "AB-1", "code kept");
		is_str(f.rows[1].street, "Lilla \"Gr\xc3\xa4nd\"",
		    "quoted street with \"\"");
		is_str(f.rows[1].city, "S;tad", "separator inside quotes");
		is_str(f.rows[1].code, "AB-2", "code upper-cased");
		is_int(f.rows[1].line, 3, "line numbers count the header");
		is_str(f.rows[0].littera, "", "no littera");
		ok(f.rows[0].apartment == NULL && f.rows[0].status == NULL,
		    "absent columns are NULL");
	}

	/* ',' with LF, columns in another order, Swedish names. */
	parse("Ort,Postnummer,Gata,Nummer,L\xc3\xa4genhetsnummer,Uttagskod,"
	    "Omr\xc3\xa5" "de,Something\n"
	    "Stad,12345,Storgatan,12B,1101,K-1,Norr,x\n", &f);
	ok(f.fault == IMPORT_F_NONE && f.sep == ',', "comma: no fault, ','");
	ok(f.has[IMPORT_C_APARTMENT] && f.has[IMPORT_C_AREA] &&
	    !f.has[IMPORT_C_LITTERA], "Swedish column names understood");
	is_int(f.nignored, 1, "an unknown column is ignored");
	if (f.nignored == 1)
		is_str(f.ignored[0], "Something", "and named");
	is_int(f.nrows, 1, "comma: one row");
	if (f.nrows == 1) {
		is_int(f.rows[0].number, 12, "12B: number");
		is_str(f.rows[0].littera, "B", "12B: littera");
		is_str(f.rows[0].apartment, "1101", "apartment");
		is_str(f.rows[0].area, "Norr", "area");
		is_str(f.rows[0].street_norm, "storgatan", "street normalised");
	}

	/* Tab, a lone CR as line end, blank and empty rows skipped. */
	parse("street\tnumber\tpostcode\tcity\r\rA\t1\t12345\tS\r\t\t\t\r"
	    "B\t2\t12345\tS", &f);
	ok(f.fault == IMPORT_F_NONE && f.sep == '\t', "tab: no fault");
	is_int(f.nrows, 2, "tab: two rows, blank ones skipped");
	is_int(f.records, 2, "tab: two records");
	if (f.nrows == 2)
		is_int(f.rows[1].line, 5, "CR line ends counted");

	parse("street;number;postcode;city\n;;;\n\n  \nA;1;12345;S\n", &f);
	is_int(f.nrows, 1, "';;;' rows are skipped");
	is_int(f.records, 1, "and not counted");

	/* Windows-1252 from a spreadsheet. */
	parse("street;number;postcode;city\nK\xf6pmangatan;3;12345;"
	    "G\xf6teborg\n", &f);
	ok(f.cp1252, "cp1252: seen");
	if (f.nrows == 1) {
		is_str(f.rows[0].street, "K\xc3\xb6pmangatan",
		    "cp1252: street decoded");
		is_str(f.rows[0].city, "G\xc3\xb6teborg", "cp1252: city");
	} else
		ok(0, "cp1252: one row");

	/* Faults of the whole file. */
	parse("", &f);
	ok(f.fault == IMPORT_F_EMPTY, "empty file");
	parse("\n\n   \n", &f);
	ok(f.fault == IMPORT_F_EMPTY, "blank file");
	parse("street;number;city\nA;1;S\n", &f);
	ok(f.fault == IMPORT_F_MISSING, "missing column");
	is_str(f.fault_value, "postcode", "missing column named");
	is_int(f.nrows, 0, "no rows without a column");
	parse("street;number;postcode;city;Postnummer\n", &f);
	ok(f.fault == IMPORT_F_DUPLICATE, "column twice");
	is_str(f.fault_value, "postcode", "column twice: named");
	parse("\"street;number;postcode;city\n", &f);
	ok(f.fault == IMPORT_F_HEADER, "broken header quote");
}

static void
test_rows(void)
{
	struct import_file f;
	char *big;
	size_t i;

	parse("street;number;littera;postcode;city;apartment;outlet_code;"
	    "outlet_status;active_from;external_id;distinguisher\n"
	    /* 2 */ "Storgatan;1;;1234;Stad;;A-1;;;;\n"
	    /* 3 */ "Storgatan;0;;12345;Stad;;A-2;;;;\n"
	    /* 4 */ "Storgatan;1;ABC;12345;Stad;;A-3;;;;\n"
	    /* 5 */ "Storgatan;1;;12345;Stad;110;A-4;;;;\n"
	    /* 6 */ "Storgatan;1;;12345;Stad;;A_5;;;;\n"
	    /* 7 */ "Storgatan;1;;12345;Stad;;A-6;closed;;;\n"
	    /* 8 */ "Storgatan;1;;12345;Stad;;A-7;;2023-02-29;;\n"
	    /* 9 */ "Storgatan;1;;12345;Stad;1101;;;;;\n"
	    /* 10 */ "Storgatan;1;;12345;;;A-8;;;;\n"
	    /* 11 */ ";1;;12345;Stad;;A-9;;;;\n"
	    /* 12 */ "!!!;1;;12345;Stad;;A-10;;;;\n"
	    /* 13 */ "Storgatan;1;;12345;Stad;;\"A-11;;;;\n"
	    /* 14 */ "Storgatan;1;;12345;Stad;;\"A-12\"x;;;;\n"
	    /* 15 */ "Storgatan;1;;12345;Stad;;A-13;;;;;extra\n"
	    /* 16 */ "Storgatan;1;;12345;St\x01" "ad;;A-14;;;;\n"
	    /* 17 */ "Storgatan;12B;C;12345;Stad;;A-15;;;;\n"
	    /* 18 */ "Storgatan;1;;12345;Stad;;A-16;;;"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "4;\n"
	    /* 19 */ "Storgatan;1;;12345;Stad;1101;A-17;Planerad;2024-02-29;"
	    "X1;7;\n"
	    /* 20 */ "Storgatan;1;;12345;Stad\n", &f);
	ok(f.fault == IMPORT_F_NONE, "rows: no fault");
	is_int(f.records, 19, "rows: 19 records");
	REJECTS(&f, 2, IMPORT_W_POSTCODE, "1234");
	REJECTS(&f, 3, IMPORT_W_NUMBER, "0");
	REJECTS(&f, 4, IMPORT_W_LITTERA, "ABC");
	REJECTS(&f, 5, IMPORT_W_APARTMENT, "110");
	REJECTS(&f, 6, IMPORT_W_CODE, "A_5");
	REJECTS(&f, 7, IMPORT_W_STATUS, "closed");
	REJECTS(&f, 8, IMPORT_W_DATE, "2023-02-29");
	REJECTS(&f, 9, IMPORT_W_NO_CODE, "");
	REJECTS(&f, 10, IMPORT_W_MISSING, "city");
	REJECTS(&f, 11, IMPORT_W_MISSING, "street");
	REJECTS(&f, 12, IMPORT_W_STREET, "!!!");
	REJECTS(&f, 13, IMPORT_W_QUOTE, "");
	REJECTS(&f, 14, IMPORT_W_AFTER_QUOTE, "");
	REJECTS(&f, 15, IMPORT_W_FIELDS, "12");
	REJECTS(&f, 16, IMPORT_W_CONTROL, "city");
	REJECTS(&f, 17, IMPORT_W_NUMBER, "12B");
	REJECTS(&f, 18, IMPORT_W_TOO_LONG, "external_id");
	is_int(f.nrows, 2, "rows: two good ones");
	if (f.nrows == 2) {
		is_int(f.rows[0].line, 19, "good: line 19");
		is_str(f.rows[0].status, "planned", "good: status");
		is_str(f.rows[0].active_from, "2024-02-29", "good: date");
		is_str(f.rows[0].external_id, "X1", "good: external id");
		is_str(f.rows[0].distinguisher, "7", "good: distinguisher");
		is_int(f.rows[1].line, 20, "fewer fields than the header: "
		    "the rest are empty");
	}
	for (i = 1; i < f.nrejects; i++)
		if (f.rejects[i].line <= f.rejects[i - 1].line)
			break;
	ok(i >= f.nrejects, "rejects in line order");

	/* A line over 4096 bytes, and the one after it. */
	big = malloc(6000);
	strcpy(big, "street;number;postcode;city\nA;1;12345;");
	memset(big + strlen(big), 'x', 4100);
	strcpy(big + strlen("street;number;postcode;city\nA;1;12345;") + 4100,
	    "\nB;2;12345;S\n");
	parse(big, &f);
	REJECTS(&f, 2, IMPORT_W_LONG, "");
	is_int(f.nrows, 1, "the line after a long one is read");
	free(big);

	/* A bad value is quoted back cut short, on a character. */
	parse("street;number;postcode;city\nA;1;\xc3\xa5\xc3\xa5\xc3\xa5"
	    "\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5"
	    "\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5"
	    "\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5"
	    "\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5;S\n", &f);
	if (f.nrejects == 1)
		ok(strlen(f.rejects[0].value) <= IMPORT_VALUE_SHOWN + 3 &&
		    strstr(f.rejects[0].value, "\xe2\x80\xa6") != NULL,
		    "long value cut with an ellipsis");
	else
		ok(0, "long value rejected");
}

static void
test_limit(void)
{
	struct import_file f;
	const char *row = "A;1;12345;S\n";
	size_t n = IMPORT_MAX_ROWS + 1, i, len = strlen(row);
	char *s = malloc(64 + n * len), *p;

	p = s + sprintf(s, "street;number;postcode;city\n");
	for (i = 0; i < n; i++, p += len)
		memcpy(p, row, len);
	if (import_parse(&A, s, (size_t)(p - s), NULL, &f) != TJG_OK)
		ok(0, "limit: parsed");
	ok(f.fault == IMPORT_F_TOO_MANY, "more than %d rows: refused",
	    IMPORT_MAX_ROWS);
	if (import_parse(&A, s, (size_t)(p - s - len), NULL, &f) != TJG_OK)
		ok(0, "limit: parsed");
	ok(f.fault == IMPORT_F_NONE && f.nrows == IMPORT_MAX_ROWS,
	    "exactly %d rows: read", IMPORT_MAX_ROWS);
	free(s);
	arena_reset(&A);
}

/* A database with three areas, three addresses and five outlets. */
static struct import_db_area areas[] = {
	{ 1, "Norr", true },
	{ 2, "S\xc3\xb6" "der", true },
	{ 3, "Gamla stan", false },
};
static struct import_db_address addresses[] = {
	{ 10, 1, "Storgatan", "storgatan", "", "12345", "Stad", "E10", 1 },
	{ 11, 0, "Lillgatan", "lillgatan", "a", "12345", "Stad", NULL, 2 },
	{ 12, 2, "Torget", "torget", "", "12346", "Stad", "E12", 3 },
};
static struct import_db_outlet outlets[] = {
	{ 100, 10, "K-100", "1101", NULL, "active", NULL },
	{ 101, 10, "K-101", "1102", "4", "active", NULL },
	{ 102, 11, "K-102", NULL, NULL, "planned", "2030-01-01" },
	{ 103, 12, "K-103", NULL, NULL, "active", NULL },
	{ 104, 10, "K-110", "1103", NULL, "active", NULL },
};
static const struct import_state state = {
	areas, 3, addresses, 3, outlets, 5,
};

static const struct import_outlet *
outlet_of(const struct import_plan *p, size_t line)
{
	size_t i;

	for (i = 0; i < p->noutlets; i++)
		if (p->outlets[i].line == line)
			return &p->outlets[i];
	return NULL;
}

static const struct import_address *
address_of(const struct import_plan *p, size_t line)
{
	size_t i;

	for (i = 0; i < p->naddresses; i++)
		if (p->addresses[i].line == line)
			return &p->addresses[i];
	return NULL;
}

/* The change of field in v[n], or NULL. */
static const struct import_change *
changed(const struct import_change *v, size_t n, const char *field)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].field, field) == 0)
			return &v[i];
	return NULL;
}

static void
diff(const char *csv, const struct import_state *st, struct import_file *f,
    struct import_plan *p)
{
	parse(csv, f);
	if (import_diff(&A, f, st, NULL, p) != TJG_OK)
		ok(0, "import_diff");
}

static void
test_diff_empty(void)
{
	static const struct import_state none;
	struct import_file f;
	struct import_plan p;

	diff("street;number;postcode;city;apartment;outlet_code;external_id\n"
	    /* 2 */ "Storgatan;1;12345;Stad;1101;A-1;\n"
	    /* 3 */ "Storgatan;1;12345;Stad;1102;A-2;\n"
	    /* 4 */ "storgatan;1;12345;Stad;1103;A-3;\n"
	    /* 5 */ "Storgatan;1;12345;Staden;1104;A-4;\n"
	    /* 6 */ "Storgatan;1;12345;Stad;1105;a-1;\n"
	    /* 7 */ "Storgatan;1;12345;Stad;1101;A-5;\n"
	    /* 8 */ "Villav\xc3\xa4gen;3;12345;Stad;;V-1;\n"
	    /* 9 */ "Villav\xc3\xa4gen;5;12345;Stad;;;\n"
	    /* 10 */ "Parken;1;12345;Stad;;P-1;X1\n"
	    /* 11 */ "Parken;1;12345;Stad;;P-2;X2\n"
	    /* 12 */ "Parken;1;12345;Stad;;P-3;\n", &none, &f, &p);
	is_int(p.records, 11, "empty db: 11 records");
	REJECTS(&p, 4, IMPORT_W_ADDR_DIFFERS, "2");
	REJECTS(&p, 5, IMPORT_W_ADDR_DIFFERS, "2");
	REJECTS(&p, 6, IMPORT_W_DUP_CODE, "2");
	REJECTS(&p, 7, IMPORT_W_DUP_APARTMENT, "2");
	is_int(p.nrejects, 4, "empty db: four rejected");
	is_int(p.addresses_added, 5, "empty db: five addresses added");
	is_int(p.outlets_added, 6, "empty db: six outlets added");
	is_int(p.addresses_changed + p.outlets_changed + p.unchanged, 0,
	    "empty db: nothing changed or unchanged");
	ok(outlet_of(&p, 3) != NULL && outlet_of(&p, 3)->address ==
	    outlet_of(&p, 2)->address, "rows of one address share it");
	ok(outlet_of(&p, 12) != NULL && outlet_of(&p, 12)->address ==
	    outlet_of(&p, 10)->address, "a row without id joins the first "
	    "with the same address");
	ok(outlet_of(&p, 11) != NULL && outlet_of(&p, 11)->address !=
	    outlet_of(&p, 10)->address, "another id is another address");
	ok(outlet_of(&p, 2) != NULL &&
	    strcmp(outlet_of(&p, 2)->status, "active") == 0,
	    "a new outlet is active by default");
	ok(address_of(&p, 9) != NULL && address_of(&p, 9)->action ==
	    IMPORT_ADD, "an address row without an outlet adds the address");
}

static void
test_diff_state(void)
{
	struct import_file f;
	struct import_plan p;
	const struct import_address *x;
	const struct import_outlet *y;
	const struct import_change *c;

	diff("external_id;street;number;littera;postcode;city;area;"
	    "apartment;outlet_code;outlet_status;active_from;distinguisher\n"
	    /* 2: the same */
	    "E10;Storgatan;1;;12345;Stad;Norr;1101;K-100;;;\n"
	    /* 3: the same, id-less, no area given */
	    ";Lillgatan;2;A;123 45;Stad;;;k-102;planned;;\n"
	    /* 4: outlet changed (status, distinguisher) */
	    "E10;Storgatan;1;;12345;Stad;Norr;1102;K-101;inactive;;5\n"
	    /* 5: address by id, city and area changed; a new outlet */
	    "E12;Torget;3;;12346;Nystad;Norr;;K-104;;;\n"
	    /* 6: new address */
	    "E13;Nygatan;9;;12345;Stad;;1001;K-105;;;\n"
	    /* 7: an outlet of another address */
	    "E13;Nygatan;9;;12345;Stad;;1002;K-103;;;\n"
	    /* 8: apartment of the address taken by another outlet */
	    "E10;Storgatan;1;;12345;Stad;Norr;1103;K-106;;;\n"
	    /* 9: unknown area */
	    "E20;Bygatan;1;;12345;Stad;Ost;;K-107;;;\n"
	    /* 10: inactive area */
	    "E21;Bygatan;2;;12345;Stad;Gamla stan;;K-108;;;\n"
	    /* 11: area by folded name */
	    "E22;Bygatan;3;;12345;Stad;s\xc3\xb6" "der;;K-109;;;\n",
	    &state, &f, &p);
	is_int(p.records, 10, "state: ten records");
	REJECTS(&p, 7, IMPORT_W_CODE_ELSEWHERE, "K-103");
	REJECTS(&p, 8, IMPORT_W_APARTMENT_TAKEN, "1103");
	REJECTS(&p, 9, IMPORT_W_AREA_UNKNOWN, "Ost");
	REJECTS(&p, 10, IMPORT_W_AREA_INACTIVE, "Gamla stan");
	is_int(p.nrejects, 4, "state: four rejected");
	is_int(p.unchanged, 2, "state: two rows unchanged");
	is_int(p.addresses_added, 2, "state: two addresses added");
	is_int(p.addresses_changed, 1, "state: one address changed");
	is_int(p.outlets_added, 3, "state: three outlets added");
	is_int(p.outlets_changed, 1, "state: one outlet changed");

	y = outlet_of(&p, 4);
	ok(y != NULL && y->action == IMPORT_CHANGE && y->id == 101,
	    "outlet K-101 changes");
	if (y != NULL) {
		c = changed(y->changes, y->nchanges, "outlet_status");
		ok(c != NULL && strcmp(c->old, "active") == 0 &&
		    strcmp(c->new, "inactive") == 0, "status: old -> new");
		c = changed(y->changes, y->nchanges, "distinguisher");
		ok(c != NULL && strcmp(c->old, "4") == 0 &&
		    strcmp(c->new, "5") == 0, "distinguisher: old -> new");
		is_int(y->nchanges, 2, "only those two");
	}
	y = outlet_of(&p, 3);
	ok(y != NULL && y->action == IMPORT_SAME && y->id == 102 &&
	    y->address->id == 11, "K-102 by code, address by key: same");
	x = address_of(&p, 5);
	ok(x != NULL && x->action == IMPORT_CHANGE && x->id == 12,
	    "address E12 changes");
	if (x != NULL) {
		c = changed(x->changes, x->nchanges, "city");
		ok(c != NULL && strcmp(c->old, "Stad") == 0 &&
		    strcmp(c->new, "Nystad") == 0, "city: old -> new");
		c = changed(x->changes, x->nchanges, "area");
		ok(c != NULL && strcmp(c->old, "S\xc3\xb6" "der") == 0 &&
		    strcmp(c->new, "Norr") == 0, "area: by name");
		is_int(x->area_id, 1, "area id to write");
		is_int(x->nchanges, 2, "only those two");
	}
	y = outlet_of(&p, 5);
	ok(y != NULL && y->action == IMPORT_ADD && y->address == x,
	    "the new outlet is at the changed address");
	x = address_of(&p, 11);
	ok(x != NULL && x->action == IMPORT_ADD && x->area_id == 2,
	    "area found by its folded name");
	x = address_of(&p, 6);
	ok(x != NULL && x->action == IMPORT_ADD &&
	    strcmp(x->external_id, "E13") == 0, "a new address with its id");

	/* By key: the id is set; littera compared without case. */
	diff("street;number;littera;postcode;city;external_id\n"
	    "Lillgatan;2;a;12345;Stad;E11\n", &state, &f, &p);
	x = address_of(&p, 2);
	ok(x != NULL && x->action == IMPORT_CHANGE && x->id == 11,
	    "by key: the address without id");
	if (x != NULL) {
		c = changed(x->changes, x->nchanges, "external_id");
		ok(c != NULL && *c->old == '\0' && strcmp(c->new, "E11") == 0,
		    "its id is set");
		is_int(x->nchanges, 1, "nothing else (littera a = A)");
	}
	/* By id: a renamed street is a change, not a new address. */
	diff("street;number;postcode;city;external_id\n"
	    "Storgatan;1;12345;Stad;E12\n"
	    "Torget;3;12346;Stad;E99\n", &state, &f, &p);
	x = address_of(&p, 2);
	ok(x != NULL && x->action == IMPORT_CHANGE && x->id == 12 &&
	    changed(x->changes, x->nchanges, "street") != NULL,
	    "by id: street renamed");
	x = address_of(&p, 3);
	ok(x != NULL && x->action == IMPORT_ADD,
	    "same key, other id of an address that has one: a new address");
	/* Outlet values left empty change nothing. */
	diff("street;number;postcode;city;outlet_code\n"
	    "Lillgatan;2A;12345;Stad;K-102\n", &state, &f, &p);
	is_int(p.unchanged, 1, "empty outlet values: unchanged");
	/* An apartment column left empty means no apartment. */
	diff("street;number;postcode;city;apartment;outlet_code\n"
	    "Storgatan;1;12345;Stad;;K-100\n", &state, &f, &p);
	y = outlet_of(&p, 2);
	ok(y != NULL && y->action == IMPORT_CHANGE && y->apartment == NULL,
	    "apartment removed when the column is there and empty");
	/* A fault of the file plans nothing. */
	diff("street;number;city\nA;1;S\n", &state, &f, &p);
	ok(p.naddresses == 0 && p.noutlets == 0, "fault: empty plan");
}

int
main(void)
{
	arena_init(&A);
	test_checks();
	test_format();
	test_rows();
	test_limit();
	test_diff_empty();
	test_diff_state();
	arena_free(&A);
	return done_testing();
}
