/*
 * libFuzzer harness for crypto_open. The input is one byte whose value
 * modulo 32 is the AAD length, the AAD, then the blob. Whatever it holds,
 * crypto_open must refuse it (TJG_EINVAL, nothing returned): nobody
 * forges a GCM tag without the key, so TJG_OK aborts. Then the whole
 * input is sealed and must open again, and must be refused once a byte
 * the input chooses is changed. The keys are the fixed test keys of
 * t/unit/t_crypto.c, written to a key file in a temporary directory at
 * start and removed as soon as they are loaded.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "crypto.h"
#include "err.h"

#define IDX	"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define D1	"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="
#define D2	"QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8="

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct crypto_keys *keys;
static struct buf out, sealed;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char text[] = "index " IDX "\ndata 1 " D1 "\n"
	    "data 2 " D2 "\n";
	const char *tmpdir = getenv("TMPDIR");
	char dir[PATH_MAX], path[PATH_MAX], err[PATH_MAX + 200];
	int fd;

	(void)argc;
	(void)argv;
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	if (snprintf(dir, sizeof(dir), "%s/fuzz_crypto.XXXXXX", tmpdir) >=
	    (int)sizeof(dir) || mkdtemp(dir) == NULL ||
	    snprintf(path, sizeof(path), "%s/keys", dir) >= (int)sizeof(path))
		abort();
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1 ||
	    write(fd, text, sizeof(text) - 1) != (ssize_t)sizeof(text) - 1 ||
	    close(fd) == -1)
		abort();
	if (crypto_keys_load(&keys, path, err, sizeof(err)) != TJG_OK) {
		fprintf(stderr, "fuzz_crypto_open: %s\n", err);
		abort();
	}
	if (unlink(path) == -1 || rmdir(dir) == -1)
		abort();
	buf_init(&out);
	buf_init(&sealed);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *aad, *blob;
	size_t alen = 0, blen = 0, i;
	int id;

	if (size > 0) {
		alen = data[0] % 32;
		if (alen > size - 1)
			alen = size - 1;
		blen = size - 1 - alen;
	}
	aad = size > 0 ? data + 1 : data;
	blob = aad + alen;

	if (crypto_open(keys, blob, blen, aad, alen, &out) != TJG_EINVAL ||
	    out.len != 0)
		abort();
	id = crypto_blob_key_id(blob, blen);
	if (blen < CRYPTO_OVERHEAD || blob[0] == 0 ? id != -1 : id != blob[0])
		abort();

	/* The input as plaintext: seals, opens, and a change is caught. */
	if (crypto_seal(keys, data, size, aad, alen, &sealed) != TJG_OK ||
	    sealed.len != size + CRYPTO_OVERHEAD ||
	    crypto_blob_key_id(sealed.p, sealed.len) != 2)
		abort();
	if (crypto_open(keys, sealed.p, sealed.len, aad, alen, &out) !=
	    TJG_OK || out.len != size || memcmp(out.p, data, size) != 0)
		abort();
	i = size >= 2 ? ((size_t)data[size - 1] << 8 | data[size - 2]) : 0;
	sealed.p[i % sealed.len] ^= (char)(size > 0 ? data[0] | 1 : 1);
	if (crypto_open(keys, sealed.p, sealed.len, aad, alen, &out) !=
	    TJG_EINVAL || out.len != 0)
		abort();
	return 0;
}
