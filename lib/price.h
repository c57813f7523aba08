/*
 * Price arithmetic in öre: what a service costs in a given month with
 * its campaign, and the total cost the guide shows before ordering.
 */
#ifndef TJG_PRICE_H
#define TJG_PRICE_H

#define PRICE_DEFAULT_PERIOD	12	/* months: no binding, no campaign */

struct price {
	long long	 monthly;		/* öre a month, normal price */
	long long	 start_fee;		/* öre, once */
	int		 binding_months;	/* 0: no binding period */
	enum price_campaign {
		CAMPAIGN_NONE,
		CAMPAIGN_PERCENT,	/* value: per cent off, 1..100 */
		CAMPAIGN_AMOUNT,	/* value: öre off a month */
		CAMPAIGN_FIXED		/* value: the monthly price in öre */
	}		 kind;
	long long	 value;
	int		 campaign_months;	/* months 1..n are campaign */
};

/*
 * The price in öre of month (1-based) of the subscription. Months 1 to
 * campaign_months get the campaign: PERCENT takes value per cent off
 * and rounds the price to whole öre, half an öre up; AMOUNT takes value
 * öre off, never going below 0; FIXED charges value. Negative prices
 * and values count as 0 and a percentage above 100 as 100. Returns 0
 * for a month below 1.
 */
long long	 price_month(const struct price *, int month);

/*
 * The start fee plus price_month for months 1..months (the start fee
 * alone if months < 1), saturating at LLONG_MAX.
 */
long long	 price_total(const struct price *, int months);

/*
 * The number of months the "total cost" is shown for: the binding
 * period if there is one; with no binding, the campaign period (so the
 * resident sees what the campaign is worth); with neither,
 * PRICE_DEFAULT_PERIOD (a year). A campaign longer than the binding
 * does not lengthen the period.
 */
int		 price_period(const struct price *);

/*
 * Maps the catalogue names "none", "percent", "amount" and "fixed"
 * (exact, lower case) to enum price_campaign; -1 for anything else
 * and for NULL.
 */
int		 price_kind_parse(const char *s);

#endif
