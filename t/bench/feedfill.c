/*
 * Fills the feed for t/bench/feed: stores N orders of one service at one
 * outlet through the application's own code (store_order_insert: one
 * transaction each, with the provider's feed sequence, the "created"
 * event and the receipt mail), the personal data sealed with
 * crypto_seal under the stack's key file exactly as h_order_submit does,
 * so the feed really decrypts AES-256-GCM for every order it sends.
 * Prints the number stored and the orders per second on stdout.
 *
 * Build (from the source tree, after make in build/):
 *	cc -O2 -std=c11 -Ilib -Ibuild -o feedfill t/bench/feedfill.c \
 *	    build/lib/libtjg.a -lneo_cgi -lneo_cs -lneo_utl -lz \
 *	    $(pkg-config --libs libmariadb openssl libxml-2.0)
 * Run: feedfill TJG_CONF NETWORK_SLUG OUTLET_CODE SERVICE_ID PNR N
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "err.h"
#include "http.h"
#include "log.h"
#include "store.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(const char *what, int rc)
{
	fprintf(stderr, "feedfill: %s: %s\n", what, err_name(rc));
	exit(1);
}

int
main(int argc, char **argv)
{
	struct conf c;
	struct db *db = NULL;
	struct crypto_keys *keys = NULL;
	struct arena a;
	struct network net;
	struct outlet_view ov;
	struct service_view sv;
	struct new_order o;
	struct buf pii, blob;
	unsigned char tokhash[CRYPTO_SHA256_LEN], idem[CRYPTO_SHA256_LEN];
	unsigned char pnr_bidx[CRYPTO_BIDX_LEN], email_bidx[CRYPTO_BIDX_LEN];
	unsigned char rnd[32];
	char err[256], ref[CRYPTO_REF_LEN + 1], email[64], first[32];
	long long i, n, id, stored = 0;
	double t0, secs;
	int rc, tries;

	if (argc != 7) {
		fprintf(stderr, "usage: feedfill CONF NETWORK OUTLET SERVICE"
		    " PNR N\n");
		return 2;
	}
	n = atoll(argv[6]);
	log_open("feedfill", LOG_TO_STDERR, LOG_ERR);
	if (conf_load(&c, argv[1], err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "feedfill: %s\n", err);
		return 1;
	}
	if (crypto_keys_load(&keys, c.key_file, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "feedfill: %s\n", err);
		return 1;
	}
	if ((rc = db_open(&db, &c)) != TJG_OK)
		die("db_open", rc);
	arena_init(&a);
	if ((rc = store_network_by_slug(db, &a, argv[2], &net)) != TJG_OK)
		die("network", rc);
	if ((rc = store_outlet_by_code(db, &a, net.id, argv[3], &ov)) != TJG_OK)
		die("outlet", rc);
	if ((rc = store_service_for_area(db, &a, net.id, ov.area_id,
	    atoll(argv[4]), &sv)) != TJG_OK)
		die("service", rc);
	crypto_bidx(keys, "pnr", argv[5], pnr_bidx);

	buf_init(&pii);
	buf_init(&blob);
	t0 = now();
	for (i = 0; i < n; i++) {
		/* What validate() in fcgi/h_order.c puts in orders.pii. */
		snprintf(first, sizeof(first), "Bench%lld", i);
		snprintf(email, sizeof(email), "bench.%lld@example.org", i);
		buf_reset(&pii);
		http_form_add(&pii, "first_name", first);
		http_form_add(&pii, "last_name", "Testsson");
		http_form_add(&pii, "email", email);
		http_form_add(&pii, "phone", "+46701234567");
		http_form_add(&pii, "pnr", argv[5]);
		http_form_add(&pii, "x.bench", "Standard");
		crypto_bidx(keys, "email", email, email_bidx);
		if ((rc = crypto_random(rnd, sizeof(rnd))) != TJG_OK)
			die("random", rc);
		crypto_sha256(rnd, 16, tokhash);
		crypto_sha256(rnd + 16, 16, idem);

		memset(&o, 0, sizeof(o));
		o.network = net.id;
		o.area = ov.area_id;
		o.outlet = &ov;
		o.service = &sv;
		o.status_token_hash = tokhash;
		o.idem_hash = idem;
		o.lang = "sv";
		o.pnr_bidx = pnr_bidx;
		o.email_bidx = email_bidx;
		o.mail_to = email;
		o.mail_subject = "Din beställning";
		o.mail_body = "Benchmark order.";
		for (tries = 0; tries < 3; tries++) {
			if ((rc = crypto_ref(ref)) != TJG_OK)
				die("crypto_ref", rc);
			if ((rc = crypto_seal(keys, pii.p, pii.len, ref,
			    strlen(ref), &blob)) != TJG_OK)
				die("crypto_seal", rc);
			o.ref = ref;
			o.pii = blob.p;
			o.pii_len = blob.len;
			o.pii_key_id = crypto_blob_key_id(blob.p, blob.len);
			rc = store_order_insert(db, &o, &id);
			if (rc != TJG_ECONFLICT)
				break;
		}
		if (rc != TJG_OK)
			die("store_order_insert", rc);
		stored++;
	}
	secs = now() - t0;
	printf("%lld %.0f\n", stored, secs > 0 ? stored / secs : 0.0);
	crypto_buf_clear(&pii);
	crypto_buf_clear(&blob);
	arena_free(&a);
	db_close(db);
	crypto_keys_free(keys);
	conf_free(&c);
	return 0;
}
