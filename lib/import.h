/*
 * The import of a network's address register from CSV (doc/address-
 * import.md): reading the file into rows checked against the schema's
 * rules (import.c), and the diff of those rows against the database's
 * current state into a plan of what to add and change (import_diff.c).
 * Pure: no SQL, no I/O; the store (store_admin_catalog.c) reads the
 * state and applies the plan, the console and tjgctl show it. The field
 * checks are also the console forms' checks, so both follow
 * sql/001_init.sql the same way.
 */
#ifndef TJG_IMPORT_H
#define TJG_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

#define IMPORT_MAX_ROWS		200000	/* data rows in one file */
#define IMPORT_MAX_LINE		4096	/* bytes in one line */
#define IMPORT_MAX_COLUMNS	64	/* fields of the header */
#define IMPORT_VALUE_SHOWN	60	/* bytes of a bad value quoted back */

/* Schema limits (sql/001_init.sql). */
#define IMPORT_STREET_MAX	200
#define IMPORT_CITY_MAX		100
#define IMPORT_EXTID_MAX	64
#define IMPORT_AREA_MAX		200
#define IMPORT_AREA_CODE_MAX	32
#define IMPORT_CODE_MAX		32
#define IMPORT_DIST_MAX		32

enum import_col {
	IMPORT_C_STREET, IMPORT_C_NUMBER, IMPORT_C_LITTERA,
	IMPORT_C_POSTCODE, IMPORT_C_CITY, IMPORT_C_EXTERNAL_ID,
	IMPORT_C_AREA, IMPORT_C_APARTMENT, IMPORT_C_OUTLET_CODE,
	IMPORT_C_OUTLET_STATUS, IMPORT_C_ACTIVE_FROM, IMPORT_C_DISTINGUISHER,
	IMPORT_NCOLS
};

/* The column's name in the documented header ("outlet_code"). */
const char *import_col_name(enum import_col);

/*
 * Why a row is rejected. import_why_name() gives a stable word; the
 * console's text is admin.import.why.<word>, in which "{v}" stands for
 * the reject's value.
 */
enum import_why {
	IMPORT_W_LONG,		/* line longer than IMPORT_MAX_LINE */
	IMPORT_W_QUOTE,		/* a quoted field not closed on its line */
	IMPORT_W_AFTER_QUOTE,	/* text after a closing quote */
	IMPORT_W_FIELDS,	/* more fields than the header ({v}: count) */
	IMPORT_W_CONTROL,	/* control character ({v}: column) */
	IMPORT_W_MISSING,	/* required value empty ({v}: column) */
	IMPORT_W_TOO_LONG,	/* value too long ({v}: column) */
	IMPORT_W_STREET,	/* nothing searchable in the street name */
	IMPORT_W_NUMBER,	/* not 1..99999 */
	IMPORT_W_LITTERA,	/* not 0-2 letters */
	IMPORT_W_POSTCODE,	/* not five digits */
	IMPORT_W_APARTMENT,	/* not four digits */
	IMPORT_W_CODE,		/* outlet code of other characters */
	IMPORT_W_STATUS,	/* not active, planned, inactive */
	IMPORT_W_DATE,		/* not a YYYY-MM-DD date */
	IMPORT_W_NO_CODE,	/* outlet values without an outlet code */
	IMPORT_W_DUP_CODE,	/* outlet code already on line {v} */
	IMPORT_W_DUP_APARTMENT,	/* apartment of the address on line {v} */
	IMPORT_W_ADDR_DIFFERS,	/* same address as line {v}, other values */
	IMPORT_W_AREA_UNKNOWN,	/* no area called {v} */
	IMPORT_W_AREA_INACTIVE,	/* area {v} is deactivated */
	IMPORT_W_CODE_ELSEWHERE, /* outlet {v} is at another address */
	IMPORT_W_APARTMENT_TAKEN, /* apartment {v} has another outlet */
	IMPORT_W_MAX
};

const char *import_why_name(enum import_why);

/* What stops the whole file (no row is read then). */
enum import_fault {
	IMPORT_F_NONE,
	IMPORT_F_EMPTY,		/* no header line */
	IMPORT_F_HEADER,	/* header longer than a line may be, or bad */
	IMPORT_F_MISSING,	/* required column {v} not in the header */
	IMPORT_F_DUPLICATE,	/* column {v} named twice */
	IMPORT_F_TOO_MANY,	/* more than IMPORT_MAX_ROWS rows */
	IMPORT_F_MAX
};

const char *import_fault_name(enum import_fault);

/* A row that passed every check of its own. */
struct import_row {
	size_t		 line;		/* 1-based line of the file */
	const char	*street;	/* blanks collapsed */
	const char	*street_norm;	/* addr_norm(street) */
	int		 number;
	const char	*littera;	/* "" or 1-2 upper-case letters */
	char		 postcode[6];	/* five digits */
	const char	*city;
	const char	*external_id;	/* NULL: not given */
	const char	*area;		/* NULL: not given */
	const char	*apartment;	/* NULL: none (a house) */
	const char	*code;		/* NULL: no outlet on the row */
	const char	*status;	/* "active", ...; NULL: not given */
	const char	*active_from;	/* "YYYY-MM-DD"; NULL: not given */
	const char	*distinguisher;	/* NULL: not given */
};

struct import_reject {
	size_t		 line;
	enum import_why	 why;
	const char	*value;		/* "" or the value, cut short */
};

struct import_file {
	enum import_fault fault;
	const char	*fault_value;	/* column name, or "" */
	char		 sep;		/* ';', ',' or '\t' */
	bool		 bom;		/* started with a UTF-8 BOM */
	bool		 cp1252;	/* not UTF-8: read as Windows-1252 */
	bool		 has[IMPORT_NCOLS];	/* column in the header */
	const char	**ignored;	/* header names not understood */
	size_t		 nignored;
	struct import_row *rows;
	size_t		 nrows;
	struct import_reject *rejects;	/* in line order */
	size_t		 nrejects;
	size_t		 records;	/* data rows read, good and bad */
};

/* Reports progress: stage "read", "compare" or "write". */
struct import_progress {
	void	(*fn)(void *ctx, const char *stage, size_t done,
		    size_t total);
	void	*ctx;
};

/*
 * Reads a CSV file of len bytes (not NUL-terminated; may hold anything).
 * A file that is not valid UTF-8 is read as Windows-1252. Fills out,
 * allocating in the arena; a fault of the whole file is out->fault, bad
 * rows are out->rejects and the rest out->rows. progress may be NULL.
 * Always TJG_OK: every fault of the input is in out.
 */
int	 import_parse(struct arena *, const char *data, size_t len,
	    const struct import_progress *progress, struct import_file *out);

/*
 * A value to quote back in a reject: s itself, or its first
 * IMPORT_VALUE_SHOWN bytes (whole characters) and an ellipsis.
 */
const char *import_shown(struct arena *, const char *s);

/*
 * Field checks shared with the console forms. Each takes a trimmed
 * NUL-terminated value and returns true if it is acceptable, writing the
 * value as stored where there is an out parameter.
 */
/* "12345" or "123 45" -> "12345". */
bool	 import_check_postcode(const char *s, char out[6]);
/* 1..99999, digits only. */
bool	 import_check_number(const char *s, int *out);
/* "" or one or two ASCII letters -> upper case. */
bool	 import_check_littera(const char *s, char out[3]);
/* Four digits. */
bool	 import_check_apartment(const char *s);
/* ^[A-Za-z0-9][A-Za-z0-9-]*$, at most IMPORT_CODE_MAX -> upper case. */
bool	 import_check_code(const char *s, char out[IMPORT_CODE_MAX + 1]);
/* active/planned/inactive (or aktiv/planerad/inaktiv), any case. */
const char *import_check_status(const char *s);
/* A real calendar date written YYYY-MM-DD. */
bool	 import_check_date(const char *s);
/* No control characters (C0, DEL, C1) in s. */
bool	 import_check_text(const char *s);

/* The database's current state of one network, as the store reads it. */
struct import_db_area {
	long long	 id;
	const char	*name;
	bool		 active;
};

struct import_db_address {
	long long	 id, area_id;	/* area_id 0: none */
	const char	*street, *street_norm, *littera, *postcode, *city;
	const char	*external_id;	/* NULL: none */
	int		 number;
};

struct import_db_outlet {
	long long	 id, address_id;
	const char	*code, *apartment, *distinguisher, *status;
	const char	*active_from;	/* "YYYY-MM-DD" or NULL */
};

struct import_state {
	struct import_db_area		*areas;
	size_t				 nareas;
	struct import_db_address	*addresses;
	size_t				 naddresses;
	struct import_db_outlet		*outlets;
	size_t				 noutlets;
};

enum import_action { IMPORT_SAME, IMPORT_ADD, IMPORT_CHANGE };

/* One changed field: its column name, the value before and after. */
struct import_change {
	const char	*field;
	const char	*old, *new;	/* "" for none */
};

/* An address of the file, with the values it will have. */
struct import_address {
	size_t			 line;		/* its first row */
	enum import_action	 action;
	long long		 id;		/* the store sets it for ADD */
	const char		*street, *street_norm, *littera, *postcode;
	const char		*city, *external_id;	/* NULL: none */
	int			 number;
	long long		 area_id;	/* 0: none */
	struct import_change	*changes;
	size_t			 nchanges;
};

/* An outlet of the file, with the values it will have. */
struct import_outlet {
	size_t			 line;
	enum import_action	 action;
	long long		 id;		/* 0 for ADD */
	struct import_address	*address;
	const char		*code, *apartment, *distinguisher, *status;
	const char		*active_from;
	struct import_change	*changes;
	size_t			 nchanges;
};

struct import_plan {
	struct import_address	*addresses;	/* with an accepted row */
	size_t			 naddresses;
	struct import_outlet	*outlets;	/* accepted outlet rows */
	size_t			 noutlets;
	struct import_reject	*rejects;	/* file's and diff's, by line */
	size_t			 nrejects;
	size_t			 records;	/* data rows of the file */
	size_t			 unchanged;	/* accepted rows, no change */
	size_t			 addresses_added, addresses_changed;
	size_t			 outlets_added, outlets_changed;
};

/*
 * Compares the rows of f with the state st: an address is the one with
 * the same external_id, else the one with the same street (normalised),
 * number, littera and postcode; an outlet is the one with the same code.
 * Rows that would break a rule of the schema or contradict each other
 * are rejected (with the line and the reason); nothing is ever deleted.
 * The plan lives in the arena. progress may be NULL.
 */
int	 import_diff(struct arena *, const struct import_file *f,
	    const struct import_state *st,
	    const struct import_progress *progress, struct import_plan *out);

#endif
