/*
 * Campaign and total-cost arithmetic on prices in öre. All of it is
 * integer arithmetic: no floating point ever touches money.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "price.h"

static long long
nonneg(long long v)
{
	return v > 0 ? v : 0;
}

static long long
sat_add(long long a, long long b)
{
	long long r;

	return __builtin_add_overflow(a, b, &r) ? LLONG_MAX : r;
}

static long long
sat_mul(long long a, long long b)
{
	long long r;

	return __builtin_mul_overflow(a, b, &r) ? LLONG_MAX : r;
}

/*
 * m (>= 0) less pct (0..100) per cent, rounded half up. Split as
 * m = 100q + r so that nothing can overflow.
 */
static long long
percent_off(long long m, long long pct)
{
	long long keep = 100 - pct;

	return m / 100 * keep + (m % 100 * keep + 50) / 100;
}

long long
price_month(const struct price *p, int month)
{
	long long m = nonneg(p->monthly), v = nonneg(p->value);

	if (month < 1)
		return 0;
	if (month > p->campaign_months)
		return m;
	switch (p->kind) {
	case CAMPAIGN_PERCENT:
		return percent_off(m, v > 100 ? 100 : v);
	case CAMPAIGN_AMOUNT:
		return m > v ? m - v : 0;
	case CAMPAIGN_FIXED:
		return v;
	case CAMPAIGN_NONE:
	default:
		return m;
	}
}

long long
price_total(const struct price *p, int months)
{
	long long total = nonneg(p->start_fee);
	int camp;

	if (months < 1)
		return total;
	/* Every campaign month costs the same, and so does every other. */
	camp = p->campaign_months < 0 ? 0 : p->campaign_months;
	if (camp > months)
		camp = months;
	if (camp > 0)
		total = sat_add(total, sat_mul(price_month(p, 1), camp));
	return sat_add(total, sat_mul(nonneg(p->monthly),
	    (long long)months - camp));
}

int
price_period(const struct price *p)
{
	if (p->binding_months > 0)
		return p->binding_months;
	if (p->kind != CAMPAIGN_NONE && p->campaign_months > 0)
		return p->campaign_months;
	return PRICE_DEFAULT_PERIOD;
}

int
price_kind_parse(const char *s)
{
	static const char *const names[] = {
		[CAMPAIGN_NONE] = "none",
		[CAMPAIGN_PERCENT] = "percent",
		[CAMPAIGN_AMOUNT] = "amount",
		[CAMPAIGN_FIXED] = "fixed",
	};
	size_t i;

	for (i = 0; s != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}
