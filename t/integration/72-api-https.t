#!/usr/bin/env bash
# The provider API over HTTPS, as providers use it (issue 4): a second
# lighttpd from conf/lighttpd-tls.conf (mod_openssl) with a self-signed
# certificate for 127.0.0.1 made here, on free loopback ports, with its
# own state directory (sockets, logs) and its own workers of the stack's
# binary (TJG_FCGI: the sanitizer build under dev/test) on the stack's
# database and tjg.conf. Every call goes through curl --cacert (the
# certificate is verified, never -k): a token made with tjgctl, an order
# placed through the public form, the feed, the order, a status report,
# the order log and the schema, each answer checked with xmllint against
# doc/orderfeed.xsd. Plain HTTP to the TLS port, TLS 1.1 and a
# certificate that does not verify all fail. The lighttpd is stopped by
# its PID, and its workers' log must hold no sanitizer report.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

XSD=$TJG_SRC/doc/orderfeed.xsd
NS=urn:tjansteguiden:orderfeed:1
command -v xmllint >/dev/null || plan skip_all "xmllint is missing"
command -v openssl >/dev/null || plan skip_all "openssl is missing"
[ -e /usr/lib/lighttpd/mod_openssl.so ] ||
    plan skip_all "mod_openssl is missing (package lighttpd-mod-openssl)"

# --- a certificate, and the TLS lighttpd ------------------------------------

tls=$TAP_TMP/tls
mkdir -p "$tls"
chmod 0700 "$tls"
cert=$tls/cert.pem
key=$tls/key.pem
# selfsigned KEY CERT: a new key and a self-signed certificate for IP
# 127.0.0.1 (subjectAltName: curl checks the address against it).
selfsigned() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	    -addext "subjectAltName=IP:127.0.0.1" -keyout "$1" -out "$2" \
	    >>"$tls/openssl.log" 2>&1
}
check "a self-signed certificate for IP 127.0.0.1" -- selfsigned "$key" "$cert"
# Another certificate for the same address, which did not sign the server's.
selfsigned "$tls/other.key" "$tls/other.pem"

tls_port=$(tjg_free_port 38443)
plain_port=$(tjg_free_port $((tls_port + 1)))
# Everything conf/lighttpd-tls.conf reads; TJG_STATE and TJG_PORT only
# for this lighttpd (the test keeps the stack's for db_query).
lenv=(TJG_SRC="$TJG_SRC" TJG_STATE="$tls" TJG_PORT="$plain_port"
	TJG_WORKERS=2 TJG_FCGI="$TJG_FCGI" TJG_CONF="$TJG_CONF"
	TJG_STATIC="$TJG_STATIC" TJG_TLS_ADDR=127.0.0.1
	TJG_TLS_PORT="$tls_port" TJG_TLS_CERT="$cert" TJG_TLS_KEY="$key")
conf=$TJG_SRC/conf/lighttpd-tls.conf
check "lighttpd accepts conf/lighttpd-tls.conf" -- \
    env "${lenv[@]}" lighttpd -tt -f "$conf"

lpid=
stop_tls() {
	[ -n "$lpid" ] || return 0
	if tjg_is "$lpid" lighttpd; then
		kill -TERM "$lpid" 2>/dev/null || true
		tjg_wait_gone "$lpid" 20 || kill -KILL "$lpid" 2>/dev/null || true
	fi
	wait "$lpid" 2>/dev/null || true
	lpid=
}
at_exit stop_tls
env "${lenv[@]}" lighttpd -D -f "$conf" </dev/null \
    >>"$tls/lighttpd.out.log" 2>&1 &
lpid=$!

base=https://127.0.0.1:$tls_port
tlsopt=(--cacert "$cert")

# Bounded wait: the TLS port serves a static file, then the application
# answers (sanitizer workers start slowly).
up=0
for ((i = 0; i < 300; i++)); do
	tjg_alive "$lpid" || break
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
	    "${tlsopt[@]}" "$base/" 2>/dev/null) || true
	if [ "$code" = 200 ]; then
		up=1
		break
	fi
	sleep 0.1
done
if [ $up = 0 ]; then
	diag "$(tail -n 20 "$tls/lighttpd.out.log" "$tls/lighttpd.error.log" \
	    2>/dev/null)"
	BAIL_OUT "the TLS lighttpd did not come up on port $tls_port"
fi
pass "lighttpd with TLS answers on 127.0.0.1:$tls_port"

# --- TLS itself ---------------------------------------------------------------

get "$base/static/tjg.css" "${tlsopt[@]}" -w '%{http_code} %{scheme}'
like "$HTTP_STATUS" '^200 HTTPS$' "a static file over HTTPS, the certificate verified"
tlsver=$(curl -sS --max-time 10 "${tlsopt[@]}" -o /dev/null \
    -w '%{http_version}' "$base/" 2>&1 || true)
like "$tlsver" '^(1\.1|2)$' "the application over HTTPS"

# Plain HTTP to the TLS port: no answer from the application.
st=$(curl -sS --max-time 10 -o "$tls/plain.out" -w '%{http_code}' \
    "http://127.0.0.1:$tls_port/api/v1/orderfeed.xsd" 2>/dev/null) || true
check "plain HTTP to the TLS port does not reach the application" -- \
    test "${st:-000}" != 200
check "and gets nothing of it" -- \
    sh -c "! grep -q 'xs:schema' '$tls/plain.out' 2>/dev/null"

# TLS 1.1 and older are refused: by curl with --tls-max 1.1, and by the
# server itself (openssl s_client offering only TLS 1.1 at security level
# 0, so the client has no objection of its own).
curl -sS --max-time 10 "${tlsopt[@]}" --tlsv1.0 --tls-max 1.1 \
    -o /dev/null "$base/static/tjg.css" 2>"$tls/tls11.err" &&
    fail "curl --tls-max 1.1 fails" || pass "curl --tls-max 1.1 fails"
s_out=$(openssl s_client -connect "127.0.0.1:$tls_port" -tls1_1 \
    -cipher 'DEFAULT:@SECLEVEL=0' </dev/null 2>&1 || true)
like "$s_out" 'alert protocol version' \
    "the server itself refuses TLS 1.1 (alert protocol_version)"
s_out=$(openssl s_client -connect "127.0.0.1:$tls_port" -tls1_2 \
    -CAfile "$cert" -verify_return_error </dev/null 2>&1 || true)
like "$s_out" 'Protocol *: TLSv1\.2' "TLS 1.2 is offered"
like "$s_out" 'Verify return code: 0 \(ok\)' "with a certificate that verifies"

# The certificate is really checked.
curl -sS --max-time 10 --cacert "$tls/other.pem" -o /dev/null \
    "$base/static/tjg.css" 2>"$tls/wrong.err" &&
    fail "another certificate as --cacert fails" ||
    pass "another certificate as --cacert fails"
like "$(cat "$tls/wrong.err")" 'certificate' "  (a certificate error)"
curl -sS --max-time 10 --cacert "$cert" -o /dev/null \
    "https://localhost:$tls_port/static/tjg.css" 2>/dev/null &&
    fail "a name the certificate does not carry fails" ||
    pass "a name the certificate does not carry fails"

# --- the provider's calls over HTTPS -----------------------------------------

# valid NAME: the last answer validates against the published schema.
valid() {
	if xmllint --noout --schema "$XSD" "$HTTP_BODY_FILE" \
	    2>"$TAP_TMP/xmllint.err"; then
		pass "$1"
	else
		fail "$1"
		diag "$(head -c 2000 "$HTTP_BODY_FILE")" \
		    "$(cat "$TAP_TMP/xmllint.err")"
	fi
}

# api TOKEN PATH [curl options]: a call of the API over HTTPS.
api() {
	local tok=$1 path=$2
	shift 2
	get "$base/api/v1/$path" "${tlsopt[@]}" \
	    -H "Authorization: Bearer $tok" "$@"
}

# feed TOKEN AFTER [LIMIT]: one feed page, waiting out 429s.
feed() {
	local i
	for ((i = 0; i < 20; i++)); do
		api "$1" "orders?after=$2${3:+&limit=$3}"
		[ "$HTTP_STATUS" = 429 ] || return 0
		sleep "$(header Retry-After)"
	done
}

# pnr_make YYYYMMDD SERIAL: a fictional personnummer with a valid check
# digit (as in 50-order.t).
pnr_make() {
	local ten="${1:2}$2" sum=0 i d
	for ((i = 0; i < 9; i++)); do
		d=${ten:i:1}
		((i % 2 == 0)) && d=$((d * 2))
		((d > 9)) && d=$((d - 9))
		sum=$((sum + d))
	done
	echo "$1$2$(((10 - sum % 10) % 10))"
}

code=$(db_query "
    SELECT o.code FROM outlet o JOIN address a ON a.id = o.address_id
    JOIN network n ON n.id = a.network_id
    WHERE n.slug = 'demo' AND o.status = 'active' AND o.apartment IS NOT NULL
    ORDER BY o.id LIMIT 1 OFFSET 1")
svc=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'vindlo-demo' ORDER BY s.id
    LIMIT 1")
pnr=$(pnr_make 19840229 321)

# make_order FIRST: orders svc at the outlet through the public form over
# HTTPS; prints "REF SECRET". Retries when the rate limit answers 429.
make_order() {
	local jar tok html loc i secret
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	html=$(curl -sS --max-time 15 "${tlsopt[@]}" -c "$jar" -b "$jar" \
	    "$base/bestall/$code/$svc") || return 1
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' <<<"$html" |
	    head -n 1)
	for ((i = 0; i < 50; i++)); do
		loc=$(curl -sS --max-time 15 "${tlsopt[@]}" -c "$jar" -b "$jar" \
		    -o /dev/null -w '%{http_code} %{redirect_url}' \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=$1" \
		    --data-urlencode "last_name=Testsson" \
		    --data-urlencode "email=https.$RANDOM@example.org" \
		    --data-urlencode "phone=070-123 45 67" \
		    --data-urlencode "pnr=$pnr" --data-urlencode "x1=1" \
		    --data-urlencode "x2=Standard" --data-urlencode "terms=1" \
		    "$base/bestall/$code/$svc") || return 1
		[ "${loc%% *}" = 429 ] || break
		db_query "DELETE FROM rate_limit" >/dev/null
		sleep 0.2
	done
	[ "${loc%% *}" = 303 ] || { diag "order form answered $loc"; return 1; }
	secret=${loc##*/}
	echo "$(db_query "SELECT ref FROM orders WHERE status_token_hash =
	    UNHEX(SHA2('$secret', 256))") $secret"
}

tok=$("$TJG_CTL" -c "$TJG_CONF" token create --provider vindlo-demo \
    --label "72-api-https" 2>/dev/null)
like "$tok" '^[A-Za-z0-9_-]{43}$' "a token from tjgctl token create"

get "$base/api/v1/orders" "${tlsopt[@]}"
is "$HTTP_STATUS" 401 "HTTPS: no token, 401"
valid "HTTPS: the 401 validates"

get "$base/api/v1/orderfeed.xsd" "${tlsopt[@]}"
is "$HTTP_STATUS" 200 "HTTPS: the schema"
check "HTTPS: exactly doc/orderfeed.xsd" -- cmp -s "$HTTP_BODY_FILE" "$XSD"

db_query "DELETE FROM rate_limit" >/dev/null
read -r ref sec < <(make_order "Tove") || true
like "${ref:-}" '^[0-9A-Z]{12}$' "HTTPS: an order placed through the form"

cursor=$(db_query "SELECT feed_seq - 1 FROM orders WHERE ref = '${ref:-}'")
feed "$tok" "${cursor:-0}" 1
is "$HTTP_STATUS" 200 "HTTPS: the feed"
like "$(header Content-Type)" '^application/xml' "HTTPS: as XML"
valid "HTTPS: the feed page validates"
like "$HTTP_BODY" "<([a-z]+:)?reference>$ref<" "HTTPS: with the new order"
like "$HTTP_BODY" "<([a-z]+:)?firstName>Tove<" \
    "HTTPS: its customer details decrypted"
like "$HTTP_BODY" "<([a-z]+:)?personalIdentityNumber>$pnr<" \
    "HTTPS: and the personnummer"
is "$(db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
    ON o.id = e.order_id WHERE o.ref = '$ref' AND e.kind = 'fetched'")" 1 \
    "HTTPS: the delivery is recorded as fetched"

api "$tok" "orders/$ref"
is "$HTTP_STATUS" 200 "HTTPS: one order"
valid "HTTPS: the order validates"

printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusReport xmlns="%s"><status>received</status><date>2026-01-15</date><providerReference>TLS-1</providerReference><externalMessage>Mottagen via HTTPS.</externalMessage></statusReport>\n' \
    "$NS" >"$TAP_TMP/st.xml"
check "the status report validates before it is sent" -- \
    sh -c 'xmllint --noout --schema "$1" "$2" 2>/dev/null' _ "$XSD" \
    "$TAP_TMP/st.xml"
api "$tok" "orders/$ref/status" -H 'Content-Type: application/xml' \
    --data-binary "@$TAP_TMP/st.xml"
is "$HTTP_STATUS" 200 "HTTPS: a status report is accepted"
valid "HTTPS: the answer validates"
is "$(db_query "SELECT status, provider_reference FROM orders
    WHERE ref = '$ref'")" "$(printf 'received\tTLS-1')" \
    "HTTPS: the order is received, with the provider's reference"

api "$tok" "orders/$ref/log"
is "$HTTP_STATUS" 200 "HTTPS: the order log"
valid "HTTPS: the log validates"
like "$HTTP_BODY" 'kind="fetched"' "HTTPS: the log has fetched"
like "$HTTP_BODY" 'kind="received"' "HTTPS: and received"

# --- stop, and the workers' log ----------------------------------------------

pid=$lpid
stop_tls
check "the TLS lighttpd stopped (by its PID)" -- sh -c "! kill -0 $pid 2>/dev/null"
found=$(grep -hE 'AddressSanitizer|LeakSanitizer|runtime error:' \
    "$tls/lighttpd.out.log" "$tls/lighttpd.error.log" 2>/dev/null |
    head -n 5 || true)
is "$found" "" "no sanitizer report from the TLS lighttpd's workers"
crashed=$(grep -E 'child (signaled|exited)|died|Segmentation' \
    "$tls/lighttpd.error.log" 2>/dev/null | head -n 5 || true)
is "$crashed" "" "no worker died"

done_testing
