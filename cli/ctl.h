/*
 * tjgctl's commands: one function each, in cli/ctl_<area>.c files, all
 * called from the table in cli/tjgctl.c with argv[0] the command name.
 * They return the exit status: 0 done, 1 failed, 2 usage.
 */
#ifndef TJG_CTL_H
#define TJG_CTL_H

#include "arena.h"
#include "conf.h"

struct db;

struct ctl {
	struct conf	 conf;
	const char	*conf_path;
	struct db	*db;
	struct arena	 a;
};

/* Connects to the database, or prints why not; TJG_OK or an error. */
int	ctl_open_db(struct ctl *);

/* cli/ctl_user.c: tjgctl user add|passwd|disable */
int	cmd_user(struct ctl *, int argc, char **argv);

/* cli/ctl_import.c: tjgctl import-addresses [--apply] FILE */
int	cmd_import_addresses(struct ctl *, int argc, char **argv);

/* Issue 6/7 commands: add their declarations below their marker. */
/* ctl: privacy (records, backup, restore, rekey) */
/* cli/ctl_retention.c: purge steps (ctl_purge.c) for the privacy rules */
int	purge_orders(struct ctl *, const char *now);
int	purge_requests(struct ctl *, const char *now);
int	purge_outbox(struct ctl *, const char *now);
/* cli/ctl_records.c: tjgctl records [--network SLUG] [--format text] */
int	cmd_records(struct ctl *, int argc, char **argv);
/* cli/ctl_backup.c: tjgctl backup [--keygen], tjgctl restore FILE ... */
int	cmd_backup(struct ctl *, int argc, char **argv);
int	cmd_restore(struct ctl *, int argc, char **argv);
/* cli/ctl_rekey.c: tjgctl rekey [--batch N], tjgctl keys [--remove ID] */
int	cmd_rekey(struct ctl *, int argc, char **argv);
int	cmd_keys(struct ctl *, int argc, char **argv);

/* ctl: contacts and reports */
/*
 * cli/ctl_contacts.c: tjgctl contacts review; purge_contacts() is the
 * "contacts" step of tjgctl purge (now: UTC "YYYY-MM-DD HH:MM:SS").
 */
int	cmd_contacts(struct ctl *, int argc, char **argv);
int	purge_contacts(struct ctl *, const char *now);
/* cli/ctl_report.c: tjgctl report volumes --year YYYY [...] */
int	cmd_report(struct ctl *, int argc, char **argv);

/* cli/ctl_purge.c: tjgctl purge (retention), one step per kind of data */
int	cmd_purge(struct ctl *, int argc, char **argv);

#endif
