/*
 * Amounts of money, kept as whole öre (1/100 krona) in a long long
 * everywhere, formatted for the resident's language.
 */
#ifndef TJG_MONEY_H
#define TJG_MONEY_H

#include <stddef.h>

/* Bytes money_fmt needs for any amount, with the NUL. */
#define MONEY_FMT_MAX	40

/*
 * Formats ore for display, in UTF-8:
 *   Swedish (any lang but English): "1 234 kr", "1 234,50 kr", "0 kr",
 *     "-50 kr", thousands and the unit separated by NO-BREAK SPACE
 *     (U+00A0), decimal comma;
 *   English (lang "en", "en-..." or "en_..."): "SEK 1,234",
 *     "SEK 1,234.50", "SEK -50", a NO-BREAK SPACE after "SEK".
 * Öre are shown, as two digits, only when they are not zero. lang may
 * be NULL (Swedish). Writes "" if len is too small for the whole text;
 * MONEY_FMT_MAX is always enough.
 */
void	 money_fmt(long long ore, const char *lang, char *out, size_t len);

/* Largest amount money_parse accepts: 999 999 999,99 kr. */
#define MONEY_PARSE_MAX	99999999999LL

/*
 * Reads an amount of kronor as people type it into the console, into
 * öre: "299", "299,50", "299.5", "1 299 kr", "1 299,50 kr", "299:-",
 * "299,-", "SEK 299". Digits may be grouped by thousands with a space,
 * a NO-BREAK SPACE or a NARROW NO-BREAK SPACE (then every group after
 * the first has exactly three digits); the decimal separator is ',' or
 * '.' followed by one or two digits, or ":-" / ",-" ends it; "kr",
 * "kr." or "SEK" (any case) may follow and "SEK" may precede; blanks
 * around it are ignored. Anything else is refused rather than guessed
 * at: a minus sign, three decimals ("1,299" is not 1 299 kr), commas
 * grouping thousands, an empty text, more than MONEY_PARSE_MAX. Returns
 * TJG_OK and sets *ore, or TJG_EINVAL (*ore 0).
 */
int	 money_parse(const char *s, long long *ore);

#endif
