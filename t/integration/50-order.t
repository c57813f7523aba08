#!/usr/bin/env bash
# The resident's order through both web servers: address -> outlet ->
# services -> form (every kind of validation error, the input kept) ->
# stored order (encrypted, one order for a double submit) -> receipt ->
# status page -> withdrawal. Personnummer are generated and fictional.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

# pnr_make YYYYMMDD SERIAL: a 12-digit personnummer valid by the Luhn
# check over its last ten digits (fictional: made up for the test).
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

# The CSRF token of the last page (first form).
token() {
	sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' "$HTTP_BODY_FILE" |
	    head -n 1
}

# An active outlet in a building with several apartments, and its address.
read -r addr_id code < <(db_query "
    SELECT a.id, o.code FROM outlet o JOIN address a ON a.id = o.address_id
    JOIN network n ON n.id = a.network_id
    WHERE n.slug = 'demo' AND o.status = 'active' AND o.apartment IS NOT NULL
    ORDER BY o.id LIMIT 1")
inactive=$(db_query "SELECT o.code FROM outlet o JOIN network n
    ON n.id = o.network_id WHERE n.slug = 'demo' AND o.status = 'inactive'
    ORDER BY o.id LIMIT 1")
# A service of the provider that requires personnummer and has the router
# and installation-day fields; one of the provider refusing samordning.
svc_pnr=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'vindlo-demo' ORDER BY s.id
    LIMIT 1")
svc_nosam=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'telvira-demo'
    AND s.limited_to_areas = 0 ORDER BY s.id LIMIT 1")

first="Testa"
last="Testsson-$RANDOM"
pnr=$(pnr_make 19840229 321)
sam=$(pnr_make 19840291 321)	# samordningsnummer: day 29 + 60
bad_pnr="${pnr:0:11}$(((${pnr:11:1} + 1) % 10))"

for server in $TJG_SERVERS; do
	base=$(server_url "$server")
	jar=$TAP_TMP/jar-$server
	rm -f "$jar"
	email="testa.$RANDOM@example.org"

	get "$base/adress/$addr_id"
	is "$HTTP_STATUS" 200 "$server: the building's page"
	like "$HTTP_BODY" "$code" "$server: lists the outlet code"
	like "$HTTP_BODY" "10 = " "$server: explains the lägenhetsnummer"

	get "$base/uttag?kod=$(tr 'A-Z' 'a-z' <<<"$code")"
	is "$HTTP_STATUS" 302 "$server: an outlet code typed in lower case"
	like "$(header Location)" "/uttag/$code\$" "$server: leads to the outlet"
	get "$base/uttag?kod=NOPE-0000000"
	is "$HTTP_STATUS" 422 "$server: an unknown code is refused"
	like "$HTTP_BODY" 'name="kod"' "$server: with the form again"

	get "$base/uttag/$code"
	is "$HTTP_STATUS" 200 "$server: the services of the outlet"
	like "$HTTP_BODY" "/bestall/$code/$svc_pnr" "$server: links to the order form"
	like "$HTTP_BODY" "Vindlo" "$server: names the provider"
	get "$base/uttag/$code?sort=price"
	is "$HTTP_STATUS" 200 "$server: sorted by price"
	get "$base/uttag/$code?sort=bogus"
	is "$HTTP_STATUS" 400 "$server: an unknown sort is refused"
	get "$base/uttag/$inactive"
	is "$HTTP_STATUS" 200 "$server: an inactive outlet's page"
	unlike "$HTTP_BODY" "/bestall/$inactive/" "$server: offers nothing to order"
	get "$base/bestall/$inactive/$svc_pnr"
	is "$HTTP_STATUS" 404 "$server: and its order form does not exist"

	form="$base/bestall/$code/$svc_pnr"
	get "$form" -c "$jar" -b "$jar"
	is "$HTTP_STATUS" 200 "$server: the order form"
	like "$HTTP_BODY" 'name="pnr"' "$server: asks for personnummer"
	like "$HTTP_BODY" 'name="x[0-9]"' "$server: has the extra fields"
	like "$(header Set-Cookie)" "HttpOnly; SameSite=Strict" "$server: CSRF cookie"
	tok=$(token)
	isnt "$tok" "" "$server: a CSRF token"
	router=$(db_query "SELECT COUNT(*) FROM form_field ff JOIN network n
	    ON n.id = ff.network_id WHERE n.slug = 'demo'")
	# x1 is the network's checkbox, x2 the router select, x3 the date.
	post=(-c "$jar" -b "$jar" --data-urlencode "csrf=$tok"
	    --data-urlencode "first_name=" --data-urlencode "last_name=$last"
	    --data-urlencode "email=not-an-address" --data-urlencode "phone=12"
	    --data-urlencode "pnr=$bad_pnr" --data-urlencode "x2=Gold"
	    --data-urlencode "x3=2020-13-45")
	get "$form" "${post[@]}"
	is "$HTTP_STATUS" 422 "$server: a form full of mistakes"
	like "$HTTP_BODY" 'role="alert"' "$server: an error summary"
	like "$HTTP_BODY" "value=\"$last\"" "$server: the last name is kept"
	like "$HTTP_BODY" 'value="not-an-address"' "$server: the e-mail is kept"
	is "$(grep -o "$bad_pnr" "$HTTP_BODY_FILE" | wc -l)" 1 \
	    "$server: the personnummer is kept, once, in its own field"
	like "$HTTP_BODY" 'aria-invalid="true"' "$server: fields marked invalid"
	for f in first_name email phone pnr x2 x3 terms; do
		grep -q "href=\"#$f\"" "$HTTP_BODY_FILE"
		ok $? "$server: the summary links to $f"
	done
	is "$router" 1 "$server: (the network has one extra field)"

	before=$(db_query "SELECT COUNT(*) FROM orders")

	# Telvira refuses samordningsnummer.
	get "$base/bestall/$code/$svc_nosam" -c "$jar" -b "$jar"
	tok2=$(token)
	get "$base/bestall/$code/$svc_nosam" -c "$jar" -b "$jar" \
	    --data-urlencode "csrf=$tok2" --data-urlencode "first_name=$first" \
	    --data-urlencode "last_name=$last" --data-urlencode "email=$email" \
	    --data-urlencode "phone=0701234567" --data-urlencode "pnr=$sam" \
	    --data-urlencode "terms=1"
	is "$HTTP_STATUS" 422 "$server: samordningsnummer refused where the provider says so"

	# The honeypot and the CSRF check.
	get "$form" -c "$jar" -b "$jar" --data-urlencode "csrf=$tok" \
	    --data-urlencode "website=http://spam.example"
	is "$HTTP_STATUS" 400 "$server: a filled honeypot is refused"
	get "$form" --data-urlencode "csrf=$tok" \
	    --data-urlencode "first_name=$first"
	is "$HTTP_STATUS" 403 "$server: no CSRF cookie, no order"
	like "$HTTP_BODY" 'name="first_name"' "$server: the form comes back"

	good=(-c "$jar" -b "$jar" --data-urlencode "csrf=$tok"
	    --data-urlencode "first_name=$first"
	    --data-urlencode "last_name=$last" --data-urlencode "email=$email"
	    --data-urlencode "phone=070-123 45 67"
	    --data-urlencode "pnr=${pnr:2:6}-${pnr:8:4}"
	    --data-urlencode "x1=1" --data-urlencode "x2=Standard"
	    --data-urlencode "terms=1")
	get "$form" "${good[@]}"
	is "$HTTP_STATUS" 303 "$server: a good order is accepted"
	loc=$(header Location)
	like "$loc" '^(/en)?/kvitto/[0-9a-f]{64}$' "$server: to the receipt"
	unlike "$loc$HTTP_BODY" "$pnr|$email|$last" "$server: nothing personal in the redirect"
	get "$form" "${good[@]}"
	is "$HTTP_STATUS" 303 "$server: the same form sent again"
	is "$(header Location)" "$loc" "$server: leads to the same receipt"
	after=$(db_query "SELECT COUNT(*) FROM orders")
	is "$after" $((before + 1)) "$server: and made one order only"

	get "$base$loc"
	is "$HTTP_STATUS" 200 "$server: the receipt"
	ref=$(db_query "SELECT ref FROM orders ORDER BY id DESC LIMIT 1")
	like "$HTTP_BODY" "$ref" "$server: shows the reference"
	unlike "$HTTP_BODY" "${pnr:8:4}|$email|$last" \
	    "$server: no personal data on the receipt"

	# The newest data key of the key file seals new orders.
	newest=$(awk '$1 == "data" && $2 > n { n = $2 } END { print n }' \
	    "$TJG_STATE/keys")
	row=$(db_query "SELECT status, feed_seq > 0, pii IS NOT NULL,
	    pnr_bidx IS NOT NULL, email_bidx IS NOT NULL, pii_key_id
	    FROM orders WHERE ref = '$ref'")
	is "$row" "$(printf 'new\t1\t1\t1\t1\t%s' "$newest")" \
	    "$server: stored as new, with blob, indexes, a feed number, under the newest key"
	clear=$(db_query "SELECT COUNT(*) FROM orders WHERE ref = '$ref' AND
	    (LOCATE('$last', pii) OR LOCATE('${pnr}', pii) OR
	     LOCATE('$email', pii) OR LOCATE('46701234567', pii))")
	is "$clear" 0 "$server: the blob holds no name, personnummer, e-mail or phone in clear"
	dump=$(db_query "SELECT * FROM orders WHERE ref = '$ref'")
	unlike "$dump" "$last|$pnr|$email" "$server: nor does any other column"
	is "$(db_query "SELECT kind FROM order_event e JOIN orders o
	    ON o.id = e.order_id WHERE o.ref = '$ref'")" created \
	    "$server: the order log says created"
	is "$(db_query "SELECT COUNT(*) FROM outbox x JOIN orders o
	    ON o.id = x.order_id WHERE o.ref = '$ref' AND x.kind = 'receipt'
	    AND x.status = 'pending'")" 1 "$server: a confirmation mail is queued"
	body=$(db_query "SELECT body FROM outbox x JOIN orders o
	    ON o.id = x.order_id WHERE o.ref = '$ref'")
	like "$body" "$ref" "$server: the mail names the reference"
	like "$body" "/status/[0-9a-f]{64}" "$server: and the status link"
	unlike "$body" "$pnr" "$server: but not the personnummer"

	# tjgctl mail hands the receipt to the stack's sendmail (a sink that
	# files each message): the status link works, the row is erased.
	"$TJG_CTL" -c "$TJG_CONF" mail >"$TAP_TMP/mail.out" 2>&1
	ok $? "$server: tjgctl mail runs"
	is "$(db_query "SELECT x.status, x.to_addr IS NULL, x.body IS NULL
	    FROM outbox x JOIN orders o ON o.id = x.order_id
	    WHERE o.ref = '$ref'")" "$(printf 'sent\t1\t1')" \
	    "$server: the receipt is sent and its address and text erased"
	msg=$(grep -l "$ref" "$TJG_MAIL_DIR"/* 2>/dev/null | head -n 1)
	isnt "$msg" "" "$server: the receipt reached the mail program"
	# The body is quoted-printable: long lines are folded with "=".
	link=$(perl -MMIME::QuotedPrint -0777 -ne 'print decode_qp($_)' \
	    "${msg:-/dev/null}" | grep -o 'http[^ ]*/status/[0-9a-f]*' |
	    head -n 1)
	like "$link" "/status/[0-9a-f]{64}$" "$server: with the status link"
	get "$link"
	is "$HTTP_STATUS" 200 "$server: the link in the mail opens the status page"

	status=${loc/kvitto/status}
	get "$base$status" -c "$jar" -b "$jar"
	is "$HTTP_STATUS" 200 "$server: the status page"
	like "$HTTP_BODY" "/angra" "$server: offers withdrawal while new"
	unlike "$HTTP_BODY" 'name="csrf"' "$server: behind a confirmation page"
	get "$base$status/angra" -c "$jar" -b "$jar"
	is "$HTTP_STATUS" 200 "$server: the confirmation page"
	like "$HTTP_BODY" 'method="post"' "$server: asks before withdrawing"
	wtok=$(token)
	seq=$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref'")
	get "$base$status/angra" --data-urlencode "csrf=$wtok"
	is "$HTTP_STATUS" 403 "$server: withdrawal needs the CSRF cookie"
	get "$base$status/angra" -c "$jar" -b "$jar" \
	    --data-urlencode "csrf=$wtok"
	is "$HTTP_STATUS" 303 "$server: withdrawn"
	is "$(db_query "SELECT status FROM orders WHERE ref = '$ref'")" \
	    cancelled "$server: the order is cancelled"
	check "$server: with a new place in the feed" -- test \
	    "$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref'")" \
	    -gt "$seq"
	is "$(db_query "SELECT GROUP_CONCAT(kind ORDER BY e.id) FROM
	    order_event e JOIN orders o ON o.id = e.order_id
	    WHERE o.ref = '$ref'")" "created,cancelled" \
	    "$server: and the log says so"
	get "$base$status" -c "$jar" -b "$jar"
	unlike "$HTTP_BODY" "/angra" "$server: nothing to withdraw any more"
	get "$base$status/angra" -c "$jar" -b "$jar"
	is "$HTTP_STATUS" 409 "$server: nor a confirmation page"
	get "$base$status/angra" -c "$jar" -b "$jar" \
	    --data-urlencode "csrf=$wtok"
	is "$HTTP_STATUS" 409 "$server: a second withdrawal is a conflict"
	get "$base/status/$(printf '%064d' 0)"
	is "$HTTP_STATUS" 404 "$server: an unknown status link"
done

# --- the per-address limit: orders stored from one address in an hour -----

base=$(server_url lighttpd)
jar=$TAP_TMP/jar-limit
limit=$(awk -F ' *= *' '/^\[/ { s = $0 } s == "[app]" &&
    $1 == "order_rate_limit" { print $2 }' "$TJG_CONF")
limit=${limit:-20}
form="$base/bestall/$code/$svc_pnr"
# order EMAIL: the form fetched anew (a fresh token) and sent.
order() {
	get "$form" -c "$jar" -b "$jar"
	get "$form" -c "$jar" -b "$jar" --data-urlencode "csrf=$(token)" \
	    --data-urlencode "first_name=$first" \
	    --data-urlencode "last_name=$last" --data-urlencode "email=$1" \
	    --data-urlencode "phone=070-123 45 67" --data-urlencode "pnr=$pnr" \
	    --data-urlencode "x1=1" --data-urlencode "x2=Standard" \
	    --data-urlencode "terms=1"
}
db_query "DELETE FROM rate_limit" >/dev/null
order "limit.$RANDOM@example.org"
is "$HTTP_STATUS" 303 "limit: an order from a fresh address"
is "$(db_query "SELECT COUNT(*), SUM(count) FROM rate_limit")" \
    "$(printf '1\t1')" "limit: counted once in the address's bucket"
order "not an e-mail"
is "$HTTP_STATUS" 422 "limit: a form with mistakes"
is "$(db_query "SELECT SUM(count) FROM rate_limit")" 1 \
    "limit: does not count: only stored orders do"
db_query "UPDATE rate_limit SET count = $limit" >/dev/null
before=$(db_query "SELECT COUNT(*) FROM orders")
order "limit.$RANDOM@example.org"
is "$HTTP_STATUS" 429 "limit: order $((limit + 1)) within the hour: 429"
is "$(db_query "SELECT COUNT(*) FROM orders")" "$before" \
    "limit: and nothing is stored"
is "$(db_query "SELECT SUM(count) FROM rate_limit")" "$limit" \
    "limit: nor counted"
db_query "DELETE FROM rate_limit" >/dev/null
order "limit.$RANDOM@example.org"
is "$HTTP_STATUS" 303 "limit: the next window takes orders again"
done_testing
