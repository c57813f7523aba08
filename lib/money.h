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

#endif
