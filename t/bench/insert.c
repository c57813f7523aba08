/*
 * The yardstick of the order POST: one-row INSERTs, each its own
 * transaction (autocommit), through a prepared statement over the same
 * MariaDB socket, for a number of seconds. Prints inserts per second.
 * Build: cc -O2 -o insert insert.c $(pkg-config --cflags --libs libmariadb)
 * Run: insert SOCKET USER PASSWORD DATABASE SECONDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	static const char create[] = "CREATE TABLE IF NOT EXISTS bench_insert"
	    " (id BIGINT AUTO_INCREMENT PRIMARY KEY, ref CHAR(12),"
	    " blob_ BLOB, n BIGINT) ENGINE=InnoDB";
	static const char ins[] =
	    "INSERT INTO bench_insert (ref, blob_, n) VALUES (?, ?, ?)";
	char ref[13] = "BENCH0000000", blob[160];
	unsigned long reflen = 12, bloblen = sizeof(blob);
	MYSQL_BIND b[3];
	MYSQL_STMT *st;
	MYSQL *m;
	long long n = 0;
	double t0, secs;

	if (argc != 6)
		return 2;
	secs = atof(argv[5]);
	memset(blob, 'x', sizeof(blob));
	if ((m = mysql_init(NULL)) == NULL ||
	    mysql_real_connect(m, NULL, argv[2], argv[3], argv[4], 0, argv[1],
	    0) == NULL || mysql_query(m, create) != 0 ||
	    (st = mysql_stmt_init(m)) == NULL ||
	    mysql_stmt_prepare(st, ins, strlen(ins)) != 0) {
		fprintf(stderr, "insert: %s\n", mysql_error(m));
		return 1;
	}
	memset(b, 0, sizeof(b));
	b[0].buffer_type = MYSQL_TYPE_STRING;
	b[0].buffer = ref;
	b[0].length = &reflen;
	b[1].buffer_type = MYSQL_TYPE_BLOB;
	b[1].buffer = blob;
	b[1].length = &bloblen;
	b[2].buffer_type = MYSQL_TYPE_LONGLONG;
	b[2].buffer = &n;
	if (mysql_stmt_bind_param(st, b) != 0)
		return 1;
	t0 = now();
	while (now() - t0 < secs) {
		if (mysql_stmt_execute(st) != 0) {
			fprintf(stderr, "insert: %s\n", mysql_stmt_error(st));
			return 1;
		}
		n++;
	}
	printf("%.0f\n", n / (now() - t0));
	mysql_stmt_close(st);
	mysql_close(m);
	return 0;
}
