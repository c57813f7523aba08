#!/usr/bin/env python3
"""Walker of t/bench/feed: feedwalk.py BASE_URL TOKEN LIMIT WALKERS.

Starts WALKERS processes together; each is one provider client on one
keep-alive HTTP connection that walks the whole feed from after=0 with
pages of LIMIT orders, following next="..." until a page comes back
empty. Prints "ORDERS PAGES BAD SECONDS": orders and pages received by
all walkers, answers that were not 200 or had no next, and the wall time
from the common start to the last walker's end. (wrk cannot stop when a
walk ends: it always runs for its whole -d.)
"""
import http.client
import multiprocessing as mp
import re
import sys
import time
import urllib.parse

NEXT = re.compile(rb'<orders[^>]*?next="(\d+)"')
ORDER = re.compile(rb"<order[\s>]")


def walk(base, token, limit, start, out):
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    hdrs = {"Authorization": "Bearer " + token}
    after, orders, pages, bad = "0", 0, 0, 0
    start.wait()
    while True:
        conn.request("GET", "/api/v1/orders?after=%s&limit=%d" % (after, limit),
                     headers=hdrs)
        r = conn.getresponse()
        body = r.read()
        pages += 1
        m = NEXT.search(body)
        if r.status != 200 or m is None:
            bad += 1
            break
        n = len(ORDER.findall(body))
        orders += n
        if n == 0:
            break
        after = m.group(1).decode()
    out.put((orders, pages, bad, time.monotonic()))


def main():
    base, token, limit, walkers = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
        int(sys.argv[4])
    start, out = mp.Event(), mp.Queue()
    procs = [mp.Process(target=walk, args=(base, token, limit, start, out))
             for _ in range(walkers)]
    for p in procs:
        p.start()
    time.sleep(0.2)
    t0 = time.monotonic()
    start.set()
    res = [out.get() for _ in procs]
    for p in procs:
        p.join()
    print(sum(r[0] for r in res), sum(r[1] for r in res),
          sum(r[2] for r in res), "%.3f" % (max(r[3] for r in res) - t0))


if __name__ == "__main__":
    main()
