/*
 * Telephone numbers as residents type them, normalised to E.164 for the
 * order and the provider feed (ON-API customerDetails/phone).
 */
#ifndef TJG_PHONE_H
#define TJG_PHONE_H

#define PHONE_MAX_INPUT	40	/* bytes, after trimming blanks */

/*
 * Reasons phone_normalize gives for a rejected number: stable keys for
 * the language files and logs, never containing any of the input.
 */
#define PHONE_EFORMAT	"phone.format"	/* characters or prefix not allowed */
#define PHONE_ELETTERS	"phone.letters"	/* contains ASCII letters */
#define PHONE_ESHORT	"phone.short"	/* too few digits */
#define PHONE_ELONG	"phone.long"	/* too many digits or characters */
#define PHONE_ETRUNK	"phone.trunk"	/* a 0 written after +46 */

/*
 * Normalises a telephone number to E.164, "+" and 8..15 digits.
 *
 * Blanks (space, tab, CR, LF) around the number are ignored; inside it,
 * spaces, '-', '.', '/' and one level of parentheses group digits and
 * are dropped. A Swedish number is written either nationally with the
 * trunk 0 ("070-123 45 67", "(08) 12 34 56") or with +46 / 0046 and
 * without it ("+46 70 123 45 67"); its national significant number must
 * have 6..10 digits and must not start with 0, except for the "(0)"
 * written right after a country code ("+46 (0)70-123 45 67", also
 * "+44 (0)20 ..."), which is dropped. Other countries need "+" or "00"
 * and are kept as given, 8..15 digits with the country code. A number
 * with neither a leading 0 nor an international prefix is refused.
 *
 * On success writes the number and a NUL to out, sets *why to NULL and
 * returns TJG_OK; otherwise writes "" to out, sets *why to a PHONE_E*
 * key and returns TJG_EINVAL. why may be NULL.
 */
int	 phone_normalize(const char *in, char out[17], const char **why);

#endif
