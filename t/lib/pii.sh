# shellcheck shell=bash
# t/lib/pii.sh: known fictional personal data, and orders placed with it
# through the public order form, for the tests of backups, keys and of
# where personal data must never appear. Source it after t/lib/env.sh.
#
#   pii_pnr YYYYMMDD SERIAL
#	a 12-digit personnummer valid by the Luhn check over its last ten
#	digits (made up: fictional).
#   pii_person
#	sets PII_FIRST, PII_LAST, PII_EMAIL (at example.net), PII_PHONE (as
#	typed, 070-...), PII_PHONE_DIGITS (its 9 digits after the 0, found
#	in both the typed and the +46 form) and PII_PNR (12 digits): unique
#	and fictional, new at each call.
#   pii_needles
#	prints, one a line, the strings that must not appear in clear:
#	the names, the e-mail, the phone's digits and the personnummer in
#	its 10-digit and YYMMDD-NNNN forms (the 12-digit form holds the
#	10-digit one).
#   pii_order BASE
#	orders the first service of vindlo-demo (which asks for the
#	personnummer) at an active apartment outlet of the demo network
#	on BASE, as the resident does (form, then post), with the PII_*
#	data. Sets ORDER_REF, ORDER_RECEIPT (the receipt's path) and
#	ORDER_STATUS (the status page's path); false if no order was made.
#	Every URL the journey's answers produced (Location headers, links,
#	form actions) is appended to the file PII_URLS.
#   pii_withdraw BASE STATUS
#	withdraws the order of the status page STATUS (ORDER_STATUS) on
#	BASE as the resident does (the confirmation page, then its form):
#	the order is then final, so retention runs from now. False unless
#	the answer is 303; the URLs are appended to PII_URLS.
#   pii_csrf FILE
#	the CSRF token of the first form of the page in FILE.

PII_URLS=${PII_URLS:-$TAP_TMP/pii-urls}

pii_pnr() {
	local ten="${1:2}$2" sum=0 i d
	for ((i = 0; i < 9; i++)); do
		d=${ten:i:1}
		((i % 2 == 0)) && d=$((d * 2))
		((d > 9)) && d=$((d - 9))
		sum=$((sum + d))
	done
	echo "$1$2$(((10 - sum % 10) % 10))"
}

# pii_letters N: N random lower-case letters.
pii_letters() {
	local a=abcdefghijklmnopqrstuvwxyz s='' i
	for ((i = 0; i < $1; i++)); do
		s+=${a:RANDOM % 26:1}
	done
	printf '%s' "$s"
}

pii_person() {
	local tag day serial digits
	tag=$(pii_letters 8)
	PII_FIRST="Fiktiva${tag:0:4}"
	PII_LAST="Provdotter${tag:4:4}"
	PII_EMAIL="pii.$tag@example.net"
	digits=$(printf '%07d' $(((RANDOM * 32768 + RANDOM) % 10000000)))
	PII_PHONE="070-${digits:0:3} ${digits:3:2} ${digits:5:2}"
	PII_PHONE_DIGITS="70$digits"
	day=$(printf '19%02d%02d%02d' $((50 + RANDOM % 50)) \
	    $((1 + RANDOM % 12)) $((1 + RANDOM % 28)))
	serial=$(printf '%03d' $((RANDOM % 1000)))
	PII_PNR=$(pii_pnr "$day" "$serial")
	export PII_FIRST PII_LAST PII_EMAIL PII_PHONE PII_PHONE_DIGITS PII_PNR
}

pii_needles() {
	printf '%s\n' "$PII_FIRST" "$PII_LAST" "$PII_EMAIL" \
	    "$PII_PHONE_DIGITS" "${PII_PNR:2}" "${PII_PNR:2:6}-${PII_PNR:8:4}"
}

# pii_collect FILE: the URLs in the headers and HTML of an answer.
pii_collect() {
	grep -oiE '(href|action|src)="[^"]*"|^location: *[^[:space:]]+' \
	    "$1" 2>/dev/null | sed -E 's/^[a-zA-Z]+(="|: *)//; s/"$//' \
	    >>"$PII_URLS" || true
}

pii_csrf() {
	sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' "$1" | head -n 1
}

pii_order() {
	local base=$1 jar out code svc tok st loc i
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	out=$(mktemp "$TAP_TMP/page.XXXXXX")
	read -r code < <(db_query "
	    SELECT o.code FROM outlet o JOIN address a ON a.id = o.address_id
	    JOIN network n ON n.id = a.network_id
	    WHERE n.slug = 'demo' AND o.status = 'active'
	    AND o.apartment IS NOT NULL ORDER BY o.id LIMIT 1")
	svc=$(db_query "SELECT s.id FROM service s JOIN provider p
	    ON p.id = s.provider_id WHERE p.slug = 'vindlo-demo'
	    ORDER BY s.id LIMIT 1")
	curl -sS --max-time 15 -c "$jar" -b "$jar" -D "$out.h" -o "$out" \
	    "$base/bestall/$code/$svc" || return 1
	pii_collect "$out.h"
	pii_collect "$out"
	tok=$(pii_csrf "$out")
	for ((i = 0; i < 50; i++)); do
		st=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -D "$out.h" \
		    -o "$out" -w '%{http_code}' \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=$PII_FIRST" \
		    --data-urlencode "last_name=$PII_LAST" \
		    --data-urlencode "email=$PII_EMAIL" \
		    --data-urlencode "phone=$PII_PHONE" \
		    --data-urlencode "pnr=${PII_PNR:2:6}-${PII_PNR:8:4}" \
		    --data-urlencode "x1=1" --data-urlencode "x2=Standard" \
		    --data-urlencode "terms=1" \
		    "$base/bestall/$code/$svc") || return 1
		[ "$st" = 429 ] || break
		db_query "DELETE FROM rate_limit" >/dev/null
		sleep 0.2
	done
	pii_collect "$out.h"
	pii_collect "$out"
	if [ "$st" != 303 ]; then
		diag "the order form answered $st"
		return 1
	fi
	loc=$(tr -d '\r' <"$out.h" | sed -n 's/^[Ll]ocation: *//p' | tail -n 1)
	ORDER_RECEIPT=${loc#http*://*/}
	ORDER_RECEIPT=/${ORDER_RECEIPT#/}
	ORDER_STATUS=${ORDER_RECEIPT/kvitto/status}
	ORDER_REF=$(db_query "SELECT ref FROM orders WHERE status_token_hash =
	    UNHEX(SHA2('${loc##*/}', 256))")
	# The receipt and the status page, as the resident sees them next.
	for loc in "$ORDER_RECEIPT" "$ORDER_STATUS"; do
		curl -sS --max-time 15 -c "$jar" -b "$jar" -D "$out.h" \
		    -o "$out" "$base$loc" || return 1
		pii_collect "$out.h"
		pii_collect "$out"
	done
	export ORDER_REF ORDER_RECEIPT ORDER_STATUS
	[ -n "$ORDER_REF" ]
}

pii_withdraw() {
	local base=$1 jar out tok st
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	out=$(mktemp "$TAP_TMP/page.XXXXXX")
	curl -sS --max-time 15 -c "$jar" -b "$jar" -D "$out.h" -o "$out" \
	    "$base$2/angra" || return 1
	pii_collect "$out.h"
	pii_collect "$out"
	tok=$(pii_csrf "$out")
	st=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -D "$out.h" -o "$out" \
	    -w '%{http_code}' --data-urlencode "csrf=$tok" \
	    "$base$2/angra") || return 1
	pii_collect "$out.h"
	pii_collect "$out"
	[ "$st" = 303 ]
}
