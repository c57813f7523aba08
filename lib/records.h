/*
 * The records of processing (GDPR Art. 30) and the facts the privacy
 * notice shares with them, generated from the configuration, the
 * database and what the code stores, never typed in by hand: the console
 * page (/admin/records) and `tjgctl records` both print records_build(),
 * and the notice (/integritet) and `tjgctl purge` both take the
 * retention of an order's personal data from store_retention_days() (store_retention.h).
 */
#ifndef TJG_RECORDS_H
#define TJG_RECORDS_H

#include <stddef.h>
#include <time.h>

#include "arena.h"

struct conf;
struct db;
struct tmpl;

/*
 * The personal data of an order as the order form (fcgi/h_order.c)
 * encodes it into the encrypted orders.pii: one entry per name it
 * writes. "x." stands for the extra form fields ("x.<field_key>"). when
 * says when the form asks for it: "always", "pnr" (only where the
 * provider requires personnummer), "invoice" (only when the invoice
 * address differs), "extra" (the fields the network and providers
 * define). t/unit/t_records.c checks the table against h_order.c.
 */
struct records_pii {
	const char	*key;
	const char	*when;
};
extern const struct records_pii records_pii[];
extern const size_t records_npii;


/*
 * Returns text with each "{N}" (N = 1..9, N <= nargs) replaced by
 * args[N - 1], in the arena. Other braces are copied as they are. The
 * texts come from the language files; the arguments are data.
 */
const char *records_fill(struct arena *, const char *text,
	    const char *const *args, size_t nargs);

/* The parts of one processing activity, in the order of Art. 30(1). */
enum records_part {
	RECORDS_CONTROLLER,
	RECORDS_PURPOSES,
	RECORDS_BASIS,
	RECORDS_SUBJECTS,
	RECORDS_DATA,
	RECORDS_RECIPIENTS,
	RECORDS_TRANSFERS,
	RECORDS_RETENTION,
	RECORDS_SECURITY,
	RECORDS_NPARTS
};

struct records_list {
	const char	**v;	/* finished sentences, in the arena */
	size_t		  n, cap;
};

struct records_activity {
	const char		*id;	/* "orders", "dsr", ...: stable */
	const char		*name;
	struct records_list	 part[RECORDS_NPARTS];
};

#define RECORDS_NACTIVITIES	6

struct records {
	const char		*network_slug, *network_name;
	const char		*title, *intro, *generated;
	const char		*part_title[RECORDS_NPARTS];
	const char		*controller_title;
	struct records_list	 controller;	/* the network's details */
	struct records_activity	 act[RECORDS_NACTIVITIES];
	size_t			 nact;
};

/*
 * Builds the records of network in lang ("sv", "en"), with texts from
 * the language files of t and the facts of the configuration c and the
 * database at time now: the residents' orders, their requests about
 * their data, the console users and the audit log, the contact
 * register, mail delivery, and backups. Everything is in the arena.
 * TJG_ENOTFOUND if there is no such network; the store's errors.
 */
int	 records_build(struct db *, struct arena *, const struct conf *c,
	    struct tmpl *t, const char *lang, long long network, time_t now,
	    struct records *out);

#endif
