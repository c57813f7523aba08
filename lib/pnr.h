/*
 * Swedish personnummer and samordningsnummer: reading what a resident
 * typed (10 or 12 digits, with or without a separator), checking the
 * Luhn digit and the date, inferring the century, and normalising to the
 * 12 digits that are stored inside the encrypted order blob.
 */
#ifndef TJG_PNR_H
#define TJG_PNR_H

#include <stdbool.h>

/* A calendar date; "today" for century inference and the future check. */
struct pnr_date {
	int	 y, m, d;
};

/*
 * Reasons pnr_parse gives for a rejected number. They are stable keys
 * for the language files and logs and never contain any of the input.
 */
#define PNR_EFORMAT	"pnr.format"	/* not one of the four shapes */
#define PNR_ELETTERS	"pnr.letters"	/* interim number: letter in serial */
#define PNR_ECHECKSUM	"pnr.checksum"	/* Luhn digit does not match */
#define PNR_EORG	"pnr.org"	/* organisation number (month >= 20) */
#define PNR_EDATE	"pnr.date"	/* no such date */
#define PNR_EFUTURE	"pnr.future"	/* date after today */

/*
 * Reads a personnummer or samordningsnummer in one of the forms
 * YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC or YYYYMMDDNNNC;
 * blanks (space, tab, CR, LF) around it are ignored, nothing else is.
 *
 * The Luhn digit C is checked over the 10-digit form. Without a century,
 * "-" (or no separator) picks the latest century that puts the date on
 * or before today; "+" marks a person in or after the calendar year of
 * their 100th birthday (Skatteverket's rule) and picks the latest century
 * with today->y - year >= 100. The date must exist (Gregorian leap
 * years) and must not be after today. A day of 61..91 is a
 * samordningsnummer (day + 60) and sets *samordning.
 *
 * On success writes the 12 digits YYYYMMDDNNNC (a samordningsnummer
 * keeps its day + 60) and a NUL to out, sets *why to NULL and returns
 * TJG_OK. On bad input writes "" to out, sets *why to one of the PNR_E*
 * keys above and returns TJG_EINVAL. samordning and why may be NULL.
 * today must be a real date with a year of 1000..9999; otherwise the
 * result is TJG_EINTERNAL with *why PNR_EFORMAT (a bug in the caller,
 * not bad input).
 */
int	 pnr_parse(const char *in, const struct pnr_date *today, char out[13],
	    bool *samordning, const char **why);

/*
 * True if ten[0..9] are ASCII digits whose Luhn sum (weights 2, 1, 2,
 * ..., from the left) is a multiple of 10. ten need not be terminated.
 */
bool	 pnr_luhn_ok(const char ten[10]);

/*
 * For tests and demo data: writes to out the 12-digit number YYYYMMDD
 * NNN C for the given date and serial (0..999), with day + 60 if
 * samordning, and the check digit computed. Nothing is validated, so it
 * also makes impossible dates and organisation-number shapes; each
 * field is taken modulo its width.
 */
void	 pnr_make(int y, int m, int d, int serial, bool samordning,
	    char out[13]);

#endif
