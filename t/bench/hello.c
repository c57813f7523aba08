/*
 * The benchmark's yardstick: the smallest useful libfcgi responder,
 * answering every request with a fixed page of about the guide's size.
 * Build: cc -O2 -o hello hello.c -lfcgi
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <fcgiapp.h>

int
main(void)
{
	static char page[2400];
	char head[160];
	FCGX_Request r;
	int n;

	memset(page, 'x', sizeof(page));
	memcpy(page, "<!DOCTYPE html><title>hello</title><p>", 38);
	n = snprintf(head, sizeof(head), "Status: 200 OK\r\n"
	    "Content-Type: text/html\r\nContent-Length: %d\r\n\r\n",
	    (int)sizeof(page));
	signal(SIGPIPE, SIG_IGN);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&r, 0, 0) != 0)
		return 1;
	while (FCGX_Accept_r(&r) >= 0) {
		FCGX_PutStr(head, n, r.out);
		FCGX_PutStr(page, (int)sizeof(page), r.out);
		FCGX_Finish_r(&r);
	}
	return 0;
}
