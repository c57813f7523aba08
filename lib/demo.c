/*
 * Demo data generator. A seeded splitmix64 generator drives everything,
 * so the same seed always builds the same city: one fictional city name,
 * districts (areas) with their own postcode ranges, Swedish-looking
 * street names composed from parts, numbers with and without littera,
 * villas with one outlet and blocks of flats whose apartments follow the
 * lägenhetsnummer rule (floor 10 = entrance floor, 09 below it, 11, 12 …
 * above; then the door, 01, 02 …), and four fictional providers.
 *
 * Fiction is kept fictional: organisation numbers carry a deliberately
 * wrong check digit, phone numbers come from the series PTS reserves for
 * fiction (070-174 06 05 … 070-174 06 99), web and mail addresses are
 * under example.com and example.net.
 *
 * All SQL lives in store_catalog.c; this file only decides what to write.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "demo.h"
#include "err.h"
#include "store.h"

#define DEMO_PROGRESS_EVERY	10000	/* addresses between progress lines */
#define DEMO_SCRATCH_EVERY	1000	/* addresses between scratch resets */
#define DEMO_MAX_AREAS		12
#define DEMO_CODE_SPACE		10000000u /* 7-digit outlet serials */
#define DEMO_MAX_SLUG		48	/* provider slugs add up to 8 */

/* splitmix64: tiny, fast, and good enough to make data look random. */
struct rng {
	uint64_t	 s;
};

enum density { DENSE, MIXED, SUBURB };

struct area_def {
	const char	*name;
	enum density	 density;
};

/*
 * Fictional districts, in the order they are created (small demos use
 * the first few, so those mix all three kinds of district).
 */
static const struct area_def AREAS[DEMO_MAX_AREAS] = {
	{ "Centrum", DENSE },
	{ "Ekbacken", SUBURB },
	{ "Norra Berga", MIXED },
	{ "Hamnstaden", DENSE },
	{ "Lindhöjden", SUBURB },
	{ "Kvarnbyn", MIXED },
	{ "Sjöängen", SUBURB },
	{ "Gamla staden", DENSE },
	{ "Tallmon", SUBURB },
	{ "Södra Berga", MIXED },
	{ "Östervik", SUBURB },
	{ "Västra fältet", MIXED },
};

static const char *const CITY_HEADS[] = {
	"Sjö", "Ek", "Björk", "Älv", "Lind", "Gran", "Hassel", "Rönn",
};
static const char *const CITY_TAILS[] = {
	"hamra", "valla", "sunda", "holma", "torpa", "åsa", "berga", "vika",
};

/* Stems of town streets: trades, buildings, institutions. */
static const char *const TOWN_STEMS[] = {
	"Stor", "Lill", "Kyrko", "Skol", "Järnvägs", "Hamn", "Verkstads",
	"Kvarn", "Mölle", "Torg", "Bruks", "Tull", "Post", "Präst",
	"Fabriks", "Hantverkar", "Smedje", "Garvare", "Bryggare", "Skeppar",
	"Fiskar", "Klockar", "Tegel", "Såg", "Gjuteri", "Stations",
	"Gästgivare", "Rådhus", "Borgmästar", "Bagar", "Skräddar", "Slotts",
	"Bro", "Strand", "Sjö", "Kanal", "Magasins", "Väveri", "Spinneri",
	"Apoteks", "Tingshus", "Teater", "Park", "Trädgårds", "Kungs",
	"Drottning", "Prins", "Kaserns", "Lasaretts", "Biblioteks",
};

/*
 * Stems of nature names: trees, plants and animals first, then landscape
 * words, which are not joined with a place word ("Bergbergsvägen").
 */
static const char *const NATURE_STEMS[] = {
	"Björk", "Ek", "Lind", "Tall", "Gran", "Asp", "Al", "Rönn",
	"Hassel", "Lönn", "Alm", "Sälg", "Hägg", "En", "Ljung", "Ros",
	"Lilje", "Viol", "Blåbärs", "Lingon", "Hjort", "Räv", "Uggle",
	"Svan", "Trast", "Fink", "Lärk", "Tranbärs", "Vass",
	"Sjö", "Strand", "Berg", "Dal", "Äng", "Hag", "Lund", "Skog",
	"Käll", "Bäck", "Sten",
};
#define NATURE_JOINABLE	29	/* the first stems, joinable with a place */

/* Place words joined between a nature stem and the suffix. */
static const char *const PLACE_STEMS[] = {
	"dals", "bergs", "hags", "viks", "näs", "lunds", "ängs", "backs",
	"ås", "holms", "torps", "sunds", "gårds", "by", "hems", "hults",
	"mo", "kärrs", "fors", "valls", "lids", "kulle", "ö", "dungs",
	"lycke", "ryds",
};

/* Separate first words; the last two never go with "Stor"/"Lill". */
static const char *const DIRECTIONS[] = {
	"Norra", "Södra", "Östra", "Västra", "Stora", "Lilla",
};

struct suffix {
	const char	*s;
	int		 town_w, nature_w;	/* weights by kind of stem */
	int		 min, max;		/* addresses on such a street */
	bool		 urban;			/* blocks of flats are common */
};

static const struct suffix SUFFIXES[] = {
	{ "gatan", 60, 15, 20, 60, true },
	{ "vägen", 10, 40, 20, 60, false },
	{ "gränd", 10, 3, 4, 16, true },
	{ "allén", 5, 7, 20, 40, true },
	{ "stigen", 0, 15, 10, 30, false },
	{ "backen", 3, 12, 8, 30, false },
	{ "torget", 6, 0, 2, 10, true },
	{ "plan", 4, 2, 2, 8, true },
	{ "leden", 2, 6, 20, 60, false },
};

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

struct demo {
	struct db	*db;
	struct arena	*a;		/* the caller's, for long-lived bits */
	struct arena	 scratch;	/* per-address strings, reset often */
	struct rng	 rng;
	FILE		*progress;
	bool		 tty;
	const char	*slug;
	char		 prefix[8];	/* of outlet codes: "DEMO" */
	char		 city[32];
	long long	 network;
	long long	 areas[DEMO_MAX_AREAS];
	size_t		 nareas;
	unsigned	 postbase;	/* first three postcode digits */
	time_t		 today;
	uint64_t	*seen;		/* hashes of street names taken */
	size_t		 seen_mask;
	size_t		 target, naddresses, noutlets, nstreets;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n); n > 0. */
static unsigned
rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(((rng_next(r) >> 32) * n) >> 32);
}

/* A number in [lo, hi]. */
static int
rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (unsigned)(hi - lo + 1));
}

/* True with a probability of permille/1000. */
static bool
rng_chance(struct rng *r, unsigned permille)
{
	return rng_below(r, 1000) < permille;
}

/* The Luhn check digit over the digits of s. */
static int
luhn_digit(const char *s)
{
	size_t i, n = strlen(s);
	int sum = 0, d;

	for (i = 0; i < n; i++) {
		d = s[n - 1 - i] - '0';
		if (i % 2 == 0 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return (10 - sum % 10) % 10;
}

/*
 * A made-up organisation number "556NNN-NNNN" whose check digit is wrong
 * on purpose, so that it can never be a real company's number.
 */
static const char *
fake_org_number(struct demo *d)
{
	char digits[10];
	int check;

	snprintf(digits, sizeof(digits), "556%06u",
	    rng_below(&d->rng, 1000000));
	check = (luhn_digit(digits) + 1 + (int)rng_below(&d->rng, 9)) % 10;
	return arena_printf(d->a, "%.6s-%.3s%d", digits, digits + 6, check);
}

/* A phone number from the series reserved for fiction, 05..99. */
static const char *
fake_phone(struct demo *d, unsigned n)
{
	return arena_printf(d->a, "070-174 06 %02u", 5 + n % 95);
}

static uint64_t
fnv1a(const char *s, uint64_t salt)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ salt;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h != 0 ? h : 1;
}

/* Adds h to the set of taken names; false if it was already there. */
static bool
seen_add(struct demo *d, uint64_t h)
{
	size_t i = (size_t)h & d->seen_mask;

	while (d->seen[i] != 0) {
		if (d->seen[i] == h)
			return false;
		i = (i + 1) & d->seen_mask;
	}
	d->seen[i] = h;
	return true;
}

/*
 * Appends word to the name in buf the Swedish way: where a compound would
 * get three equal consonants in a row, one is dropped ("Tall" + "lund"
 * -> "Tallund").
 */
static void
join(char *buf, size_t len, const char *word)
{
	size_t n = strlen(buf);

	if (n >= 2 && buf[n - 1] == buf[n - 2] && *word == buf[n - 1])
		word++;
	snprintf(buf + n, len - n, "%s", word);
}

static const struct suffix *
pick_suffix(struct demo *d, bool town, bool compound)
{
	unsigned total = 0, x;
	size_t i;
	int w;

	for (i = 0; i < NELEM(SUFFIXES); i++) {
		w = town ? SUFFIXES[i].town_w : SUFFIXES[i].nature_w;
		if (!compound || SUFFIXES[i].max > 10)
			total += (unsigned)w;
	}
	x = rng_below(&d->rng, total);
	for (i = 0; i < NELEM(SUFFIXES); i++) {
		w = town ? SUFFIXES[i].town_w : SUFFIXES[i].nature_w;
		if (compound && SUFFIXES[i].max <= 10)
			continue;
		if (x < (unsigned)w)
			return &SUFFIXES[i];
		x -= (unsigned)w;
	}
	return &SUFFIXES[0];
}

/*
 * Composes a street name into buf and picks its area. A name is first
 * tried unique in the whole city; after many collisions (a city far
 * larger than the name space) the same name may recur in another area,
 * as happens after municipal mergers. NULL if even that fails.
 */
static const struct suffix *
street_name(struct demo *d, char *buf, size_t len, size_t *area)
{
	const struct suffix *sf;
	const char *stem, *place, *dir;
	unsigned tries, kind, ndir;
	uint64_t h;

	for (tries = 0; tries < 100000; tries++) {
		*area = rng_below(&d->rng, (unsigned)d->nareas);
		kind = rng_below(&d->rng, 10);
		place = "";
		if (kind < 3) {
			stem = TOWN_STEMS[rng_below(&d->rng,
			    NELEM(TOWN_STEMS))];
			sf = pick_suffix(d, true, false);
		} else if (kind < 6) {
			stem = NATURE_STEMS[rng_below(&d->rng,
			    NELEM(NATURE_STEMS))];
			sf = pick_suffix(d, false, false);
		} else {
			stem = NATURE_STEMS[rng_below(&d->rng,
			    NATURE_JOINABLE)];
			place = PLACE_STEMS[rng_below(&d->rng,
			    NELEM(PLACE_STEMS))];
			sf = pick_suffix(d, false, true);
			/* Not "Granbacksbacken". */
			if (strncmp(place, sf->s, 3) == 0)
				continue;
		}
		dir = NULL;
		if (rng_chance(&d->rng, tries < 20 ? 80 : 600)) {
			ndir = strncmp(stem, "Stor", 4) == 0 ||
			    strncmp(stem, "Lill", 4) == 0 ? 4 :
			    (unsigned)NELEM(DIRECTIONS);
			dir = DIRECTIONS[rng_below(&d->rng, ndir)];
		}
		snprintf(buf, len, "%s%s", dir ? dir : "", dir ? " " : "");
		join(buf, len, stem);
		join(buf, len, place);
		join(buf, len, sf->s);
		h = fnv1a(buf, 0);
		if (tries < 60) {
			if (!seen_add(d, h))
				continue;
			/* Also claim it in its area for the fallback. */
			(void)seen_add(d, fnv1a(buf, *area + 1));
			return sf;
		}
		if (seen_add(d, fnv1a(buf, *area + 1)))
			return sf;
	}
	return NULL;
}

static void
report(struct demo *d, bool last)
{
	if (d->progress == NULL)
		return;
	fprintf(d->progress, "%sdemo: %zu/%zu addresses, %zu outlets, "
	    "%zu streets%s", d->tty ? "\r" : "", d->naddresses, d->target,
	    d->noutlets, d->nstreets, d->tty && !last ? "" : "\n");
	fflush(d->progress);
}

/* "YYYY-MM-DD" days after today (UTC), in the scratch arena. */
static const char *
date_after(struct demo *d, int days)
{
	time_t t = d->today + (time_t)days * 86400;
	struct tm tm;
	char buf[16];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%d", &tm) == 0)
		return NULL;
	return arena_strdup(&d->scratch, buf);
}

/*
 * The code printed on the n-th outlet's socket: the network prefix, a
 * 7-digit serial scrambled so neighbours do not get similar codes, and a
 * Luhn digit: "DEMO-48213907". The scramble (affine map, digit reversal,
 * affine map, all modulo 10^7 with multipliers prime to 10) is a
 * bijection, so codes stay unique.
 */
static const char *
outlet_code(struct demo *d, size_t n)
{
	char digits[8];
	uint64_t x, r;
	int i;

	x = ((uint64_t)n * 7654321u + 1234567u) % DEMO_CODE_SPACE;
	for (r = 0, i = 0; i < 7; i++, x /= 10)
		r = r * 10 + x % 10;
	x = (r * 2718281u + 314159u) % DEMO_CODE_SPACE;
	snprintf(digits, sizeof(digits), "%07u", (unsigned)x);
	return arena_printf(&d->scratch, "%s-%s%d", d->prefix, digits,
	    luhn_digit(digits));
}

static int
add_outlet(struct demo *d, long long address, const char *apartment,
    const char *distinguisher, const char *planned_from)
{
	struct new_outlet o;

	if (d->noutlets >= DEMO_CODE_SPACE)
		return TJG_EINVAL;
	memset(&o, 0, sizeof(o));
	o.address = address;
	o.network = d->network;
	o.code = outlet_code(d, d->noutlets);
	o.apartment = apartment;
	o.distinguisher = distinguisher;
	o.status = "active";
	if (planned_from != NULL) {
		o.status = "planned";
		o.active_from = planned_from;
	} else if (rng_chance(&d->rng, 20))
		o.status = "inactive";
	d->noutlets++;
	return store_outlet_insert(d->db, &o, NULL);
}

/*
 * A block of flats: floors 10 (entrance) and up, sometimes a basement
 * floor 09 with fewer doors; doors numbered 01, 02 … on each floor.
 * Some housing associations also mark flats with their own running
 * number (mduDistinguisher) — the number residents confuse with the
 * lägenhetsnummer.
 */
static int
add_flats(struct demo *d, long long address, enum density dens,
    const char *planned_from)
{
	int floor, top, door, doors, own = 0;
	const char *apt, *dist;
	bool owns;
	int rc;

	top = 10 + rng_range(&d->rng, 1, dens == DENSE ? 6 : 3);
	doors = rng_range(&d->rng, 2, dens == DENSE ? 5 : 4);
	owns = rng_chance(&d->rng, 300);
	floor = rng_chance(&d->rng, 120) ? 9 : 10;
	for (; floor <= top; floor++) {
		for (door = 1; door <= (floor == 9 ? 2 : doors); door++) {
			apt = arena_printf(&d->scratch, "%02d%02d", floor,
			    door);
			dist = owns ? arena_printf(&d->scratch, "%d", ++own) :
			    NULL;
			if ((rc = add_outlet(d, address, apt, dist,
			    planned_from)) != TJG_OK)
				return rc;
		}
	}
	return TJG_OK;
}

static int
add_address(struct demo *d, const char *street, const struct suffix *sf,
    size_t area, const char *postcode, int number, const char *littera)
{
	struct new_address ad;
	const char *planned;
	long long id;
	unsigned mdu;
	int rc;

	memset(&ad, 0, sizeof(ad));
	ad.network = d->network;
	ad.area = d->areas[area];
	ad.street = street;
	ad.number = number;
	ad.littera = littera;
	ad.postcode = postcode;
	ad.city = d->city;
	ad.external_id = arena_printf(&d->scratch, "A%08zu",
	    d->naddresses + 1);
	if ((rc = store_address_insert(d->db, &d->scratch, &ad, &id))
	    != TJG_OK)
		return rc;
	d->naddresses++;

	/* New buildings: every outlet planned, from a date ahead. */
	planned = NULL;
	if (rng_chance(&d->rng, 60) &&
	    (planned = date_after(d, rng_range(&d->rng, 14, 300))) == NULL)
		return TJG_EINTERNAL;

	switch (AREAS[area].density) {
	case DENSE:
		mdu = sf->urban ? 550 : 120;
		break;
	case MIXED:
		mdu = sf->urban ? 300 : 50;
		break;
	default:
		mdu = sf->urban ? 100 : 15;
		break;
	}
	if (rng_chance(&d->rng, mdu))
		rc = add_flats(d, id, AREAS[area].density, planned);
	else
		rc = add_outlet(d, id, NULL, NULL, planned);
	if (rc != TJG_OK)
		return rc;

	if (d->naddresses % DEMO_SCRATCH_EVERY == 0)
		arena_reset(&d->scratch);
	if (d->naddresses % DEMO_PROGRESS_EVERY == 0)
		report(d, false);
	return TJG_OK;
}

/*
 * One street: 20-60 numbers (fewer on a square or an alley), a gap now
 * and then, about 15 % of the addresses with a littera (12 A, 12 B …),
 * and a second postcode for the far end of long streets. Each area owns
 * the postcodes NNN10-19, NNN30-39 and NNN50-59 of its own NNN.
 */
static int
add_street(struct demo *d)
{
	static const char *const LETTERS[] = { "A", "B", "C" };
	const struct suffix *sf;
	char name[128], postcode[6];
	unsigned code, far;
	size_t area, total, done, i, nlet;
	int number, rc;

	if ((sf = street_name(d, name, sizeof(name), &area)) == NULL)
		return TJG_EINTERNAL;
	d->nstreets++;
	total = (size_t)rng_range(&d->rng, sf->min, sf->max);
	if (total > d->target - d->naddresses)
		total = d->target - d->naddresses;
	code = (d->postbase + (unsigned)area) * 100 +
	    10 * (1 + 2 * rng_below(&d->rng, 3)) + rng_below(&d->rng, 9);
	far = total > 30 ? code + 1 : code;

	for (number = 1, done = 0; done < total; number++) {
		if (rng_chance(&d->rng, 60))
			number++;
		snprintf(postcode, sizeof(postcode), "%05u",
		    done > total / 2 ? far : code);
		nlet = rng_chance(&d->rng, 65) ? 2 + rng_below(&d->rng, 2) : 0;
		for (i = 0; i < (nlet > 0 ? nlet : 1) && done < total;
		    i++, done++)
			if ((rc = add_address(d, name, sf, area, postcode,
			    number, nlet > 0 ? LETTERS[i] : "")) != TJG_OK)
				return rc;
	}
	return TJG_OK;
}

static int
load_network(struct demo *d, const char *name)
{
	struct new_network n;
	struct new_area ar;
	size_t i;
	int rc;

	memset(&n, 0, sizeof(n));
	n.slug = d->slug;
	n.name = name;
	n.legal_name = arena_printf(d->a, "%s Stadsnät AB", d->city);
	n.org_number = fake_org_number(d);
	n.contact_email = arena_printf(d->a, "kundservice@%s.example.net",
	    d->slug);
	n.contact_phone = fake_phone(d, 0);
	n.contact_url = arena_printf(d->a, "https://www.%s.example.net/",
	    d->slug);
	n.landing_title_sv = arena_printf(d->a, "Beställ bredband, tv och "
	    "telefoni i %s", d->city);
	n.landing_title_en = arena_printf(d->a, "Order broadband, TV and "
	    "telephony in %s", d->city);
	n.landing_text_sv = "Sök din adress för att se vilka tjänster du "
	    "kan beställa på ditt stadsnätsuttag. Du väljer fritt bland "
	    "leverantörerna i nätet.";
	n.landing_text_en = "Search for your address to see the services "
	    "you can order on your network outlet. You are free to choose "
	    "among the providers in the network.";
	if ((rc = store_network_insert(d->db, &n, &d->network)) != TJG_OK)
		return rc;

	d->nareas = d->target / 2000;
	if (d->nareas < 3)
		d->nareas = 3;
	if (d->nareas > DEMO_MAX_AREAS)
		d->nareas = DEMO_MAX_AREAS;
	for (i = 0; i < d->nareas; i++) {
		memset(&ar, 0, sizeof(ar));
		ar.network = d->network;
		ar.name = AREAS[i].name;
		ar.code = arena_printf(d->a, "O%02zu", i + 1);
		if ((rc = store_area_insert(d->db, &ar, &d->areas[i]))
		    != TJG_OK)
			return rc;
	}
	return TJG_OK;
}

struct provider_def {
	const char	*slug, *name, *domain;
	int		 requires_pnr, refuses_samordning;
	const char	*reason_sv, *reason_en;
};

struct service_def {
	int		 provider;	/* index into PROVIDERS */
	const char	*category, *name, *description, *code;
	int		 down, up;
	long long	 monthly, start;
	int		 binding, notice;
	const char	*campaign;
	long long	 cvalue;
	int		 cmonths;
	bool		 limited;	/* only in every other area */
};

static const struct provider_def PROVIDERS[] = {
	{ "vindlo", "Vindlo Bredband AB", "vindlo.example.com", 1, 0,
	  "Vi gör en kreditupplysning innan avtalet tecknas, och den "
	  "kräver ditt personnummer.",
	  "We run a credit check before the contract is signed, which "
	  "needs your personal identity number." },
	{ "telvira", "Telvira AB", "telvira.example.com", 1, 1,
	  "Personnumret behövs för kreditupplysningen. Vi kan inte teckna "
	  "avtal med samordningsnummer.",
	  "Your personal identity number is needed for the credit check. "
	  "We cannot sign contracts with a coordination number." },
	{ "ljusbo", "Ljusbo Fiber AB", "ljusbo.example.com", 0, 0,
	  NULL, NULL },
	{ "kvistra", "Kvistra TV AB", "kvistra.example.com", 0, 0,
	  NULL, NULL },
};

static const struct service_def SERVICES[] = {
	{ 0, "internet", "Bredband 100/100", "Fiberbredband för vardagen.",
	  "V100", 100, 100, 29900, 0, 0, 1, NULL, 0, 0, false },
	{ 0, "internet", "Bredband 250/250", "För familjen som streamar.",
	  "V250", 250, 250, 39900, 0, 12, 1, "percent", 50, 3, false },
	{ 0, "internet", "Bredband 1000/1000", "Full fart, router ingår.",
	  "V1000", 1000, 1000, 54900, 49500, 12, 1, NULL, 0, 0, false },
	{ 1, "internet", "Fiber 500/500", "Snabbt och stabilt.",
	  "T-500", 500, 500, 44900, 0, 24, 3, "fixed", 19900, 6, false },
	{ 1, "internet", "Fiber 1000/1000", "Vår snabbaste anslutning.",
	  "T-1000", 1000, 1000, 59900, 0, 24, 3, NULL, 0, 0, true },
	{ 1, "phone", "Telefoni Bas", "Fast telefoni över fibern, behåll "
	  "ditt nummer.", "T-TEL", 0, 0, 4900, 0, 0, 1, NULL, 0, 0, false },
	{ 2, "internet", "Ljusbo 100", "Utan bindningstid.",
	  "LB100", 100, 100, 27900, 0, 0, 1, "amount", 5000, 6, false },
	{ 2, "internet", "Ljusbo 250", "Utan bindningstid.",
	  "LB250", 250, 250, 34900, 0, 0, 1, NULL, 0, 0, false },
	{ 2, "phone", "Ljusbo Telefoni", "Ring fritt till fasta nummer i "
	  "Sverige.", "LBTEL", 0, 0, 2900, 0, 0, 1, NULL, 0, 0, true },
	{ 3, "tv", "TV Bas", "25 kanaler, tv-box ingår.",
	  "KTV-S", 0, 0, 19900, 0, 0, 1, NULL, 0, 0, false },
	{ 3, "tv", "TV Stor", "60 kanaler och playtjänster.",
	  "KTV-L", 0, 0, 39900, 29500, 12, 1, "fixed", 0, 2, false },
	{ 3, "other", "Streamingbox (hyra)", "Box för tv och play, hyrs "
	  "per månad.", "KBOX", 0, 0, 4900, 0, 12, 1, NULL, 0, 0, true },
};

/*
 * Extra order-form fields, one of each kind and each owner: the network
 * asks about outage texts, the first provider about the router and its
 * place, the TV provider for the customer number at the current provider.
 */
static int
load_form_fields(struct demo *d, const long long *pids)
{
	struct new_form_field f[4];
	size_t i;
	int rc;

	memset(f, 0, sizeof(f));
	f[0].network = d->network;
	f[0].key = "sms_outages";
	f[0].label_sv = "Skicka sms om driftstörningar";
	f[0].label_en = "Text me about outages";
	f[0].kind = "checkbox";
	f[1].provider = pids[0];
	f[1].key = "router";
	f[1].label_sv = "Router";
	f[1].label_en = "Router";
	f[1].help_sv = "Premium ger bättre wifi i större bostäder.";
	f[1].help_en = "Premium gives better wifi in larger homes.";
	f[1].kind = "select";
	f[1].options = "Standard\nPremium (+49 kr/mån)";
	f[1].required = 1;
	f[2].provider = pids[0];
	f[2].key = "install_day";
	f[2].label_sv = "Önskad dag för installationsbesök";
	f[2].label_en = "Preferred day for the installation visit";
	f[2].kind = "date";
	f[2].sort = 1;
	f[3].provider = pids[3];
	f[3].key = "current_customer_no";
	f[3].label_sv = "Kundnummer hos nuvarande tv-leverantör";
	f[3].label_en = "Customer number at your current TV provider";
	f[3].help_sv = "6–10 siffror. Lämna tomt om du inte har tv i dag.";
	f[3].help_en = "6–10 digits. Leave empty if you have no TV today.";
	f[3].kind = "text";
	f[3].pattern = "[0-9]{6,10}";
	f[3].max_len = 10;
	for (i = 0; i < NELEM(f); i++)
		if ((rc = store_form_field_insert(d->db, &f[i], NULL)) !=
		    TJG_OK)
			return rc;
	return TJG_OK;
}

static int
load_providers(struct demo *d)
{
	long long pids[NELEM(PROVIDERS)], sid;
	const struct provider_def *p;
	const struct service_def *s;
	struct new_provider np;
	struct new_service ns;
	size_t i, k;
	int rc;

	for (i = 0; i < NELEM(PROVIDERS); i++) {
		p = &PROVIDERS[i];
		memset(&np, 0, sizeof(np));
		np.slug = arena_printf(d->a, "%s-%s", p->slug, d->slug);
		np.name = p->name;
		np.legal_name = p->name;
		np.org_number = fake_org_number(d);
		np.email = arena_printf(d->a, "kundservice@%s", p->domain);
		np.phone = fake_phone(d, 10 * (unsigned)(i + 1));
		np.url = arena_printf(d->a, "https://www.%s/", p->domain);
		np.terms_url = arena_printf(d->a, "https://www.%s/villkor",
		    p->domain);
		np.privacy_url = arena_printf(d->a,
		    "https://www.%s/integritet", p->domain);
		np.requires_pnr = p->requires_pnr;
		np.refuses_samordning = p->refuses_samordning;
		np.pnr_reason_sv = p->reason_sv;
		np.pnr_reason_en = p->reason_en;
		if ((rc = store_provider_insert(d->db, &np, &pids[i]))
		    != TJG_OK ||
		    (rc = store_provider_network_add(d->db, pids[i],
		    d->network)) != TJG_OK)
			return rc;
	}
	if ((rc = load_form_fields(d, pids)) != TJG_OK)
		return rc;
	for (i = 0; i < NELEM(SERVICES); i++) {
		s = &SERVICES[i];
		memset(&ns, 0, sizeof(ns));
		ns.provider = pids[s->provider];
		ns.category = s->category;
		ns.name = s->name;
		ns.description = s->description;
		ns.external_code = s->code;
		ns.down_mbps = s->down;
		ns.up_mbps = s->up;
		ns.monthly_ore = s->monthly;
		ns.start_fee_ore = s->start;
		ns.binding_months = s->binding;
		ns.notice_months = s->notice;
		ns.campaign_kind = s->campaign;
		ns.campaign_value = s->cvalue;
		ns.campaign_months = s->cmonths;
		ns.limited_to_areas = s->limited;
		ns.sort = (int)i;
		if ((rc = store_service_insert(d->db, &ns, &sid)) != TJG_OK)
			return rc;
		for (k = 0; s->limited && k < d->nareas; k += 2)
			if ((rc = store_service_area_add(d->db, sid,
			    d->areas[k])) != TJG_OK)
				return rc;
	}
	return TJG_OK;
}

/*
 * True for a slug the schema accepts ([a-z0-9][a-z0-9-]*) that leaves
 * room for the provider slugs built from it.
 */
static bool
slug_ok(const char *slug)
{
	size_t i;
	char c;

	for (i = 0; (c = slug[i]) != '\0'; i++) {
		if (i >= DEMO_MAX_SLUG)
			return false;
		if ((c < 'a' || c > 'z') && (c < '0' || c > '9') &&
		    (c != '-' || i == 0))
			return false;
	}
	return i > 0;
}

/* Outlet code prefix: the slug's letters and digits, upper case. */
static void
make_prefix(const char *slug, char *out, size_t len)
{
	size_t n = 0;

	for (; *slug != '\0' && n + 1 < len; slug++) {
		if (*slug >= 'a' && *slug <= 'z')
			out[n++] = (char)(*slug - 'a' + 'A');
		else if (*slug >= '0' && *slug <= '9')
			out[n++] = *slug;
	}
	if (n == 0)
		out[n++] = 'N';
	out[n] = '\0';
}

int
demo_load(struct db *db, struct arena *a, const char *slug,
    const char *name, size_t naddresses, unsigned seed, FILE *progress)
{
	struct demo d;
	size_t nseen;
	int exists, rc;
	bool tx = false;

	if (slug == NULL || !slug_ok(slug) || name == NULL ||
	    naddresses == 0 || naddresses > DEMO_MAX_ADDRESSES)
		return TJG_EINVAL;
	memset(&d, 0, sizeof(d));
	arena_init(&d.scratch);
	d.db = db;
	d.a = a;
	d.slug = slug;
	d.target = naddresses;
	d.progress = progress;
	d.tty = progress != NULL && isatty(fileno(progress));
	d.rng.s = 0x746a67u ^ ((uint64_t)seed << 32 | seed);
	d.today = time(NULL);
	make_prefix(slug, d.prefix, sizeof(d.prefix));
	snprintf(d.city, sizeof(d.city), "%s%s",
	    CITY_HEADS[rng_below(&d.rng, NELEM(CITY_HEADS))],
	    CITY_TAILS[rng_below(&d.rng, NELEM(CITY_TAILS))]);
	d.postbase = 300 + rng_below(&d.rng, 560);

	/*
	 * At most two hashes per street and one street per two addresses
	 * (but the last): the table stays at most half full.
	 */
	for (nseen = 1024; nseen < 2 * (naddresses + 64); nseen *= 2)
		;
	if ((d.seen = calloc(nseen, sizeof(*d.seen))) == NULL) {
		rc = TJG_EINTERNAL;
		goto out;
	}
	d.seen_mask = nseen - 1;

	if ((rc = db_begin(db)) != TJG_OK)
		goto out;
	tx = true;
	if ((rc = store_network_exists(db, slug, &exists)) != TJG_OK)
		goto out;
	if (exists) {
		rc = TJG_ECONFLICT;
		goto out;
	}
	if ((rc = load_network(&d, name)) != TJG_OK ||
	    (rc = load_providers(&d)) != TJG_OK)
		goto out;
	while (d.naddresses < d.target)
		if ((rc = add_street(&d)) != TJG_OK)
			goto out;
	if ((rc = db_commit(db)) != TJG_OK)
		goto out;
	tx = false;
	report(&d, true);
out:
	if (tx)
		db_rollback(db);
	free(d.seen);
	arena_free(&d.scratch);
	return rc;
}
