#!/usr/bin/env python3
"""Writes N valid order-form CSRF tokens (one per line) for the POST
benchmark, made the way lib/csrf.c makes them, from the stack's key file:
    tokens.py KEYFILE COOKIE PURPOSE N
Each token is a fresh form, so each POST creates an order."""
import base64, hashlib, hmac, os, sys

keyfile, cookie, purpose, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
key = None
for line in open(keyfile):
    w = line.split()
    if len(w) == 2 and w[0] == "index":
        key = base64.b64decode(w[1])
if key is None:
    sys.exit("no index key in " + keyfile)
for _ in range(n):
    nonce = base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()
    msg = b"csrf\0" + f"{cookie}|{nonce}|{purpose}".encode()
    print(nonce + "." + hmac.new(key, msg, hashlib.sha256).hexdigest())
