#!/usr/bin/env bash
# The provider API through both web servers: tokens made with tjgctl
# (401 without, with an unknown or a revoked one), orders placed through
# the public form, the feed (cursor, next, limit and cap, "fetched" once,
# 429 on fast polling), one provider never seeing another's orders (404,
# not 403), status reports (transitions, idempotent repeats, 409, hostile
# or broken XML and oversized bodies refused with nothing changed), the
# change coming back in the feed, the order log, the schema, and the
# message reaching the resident's status page. Every answer is checked
# with xmllint against doc/orderfeed.xsd. Last, several clients order at
# once while another pages the feed: no order may be missed.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

XSD=$TJG_SRC/doc/orderfeed.xsd
NS=urn:tjansteguiden:orderfeed:1
command -v xmllint >/dev/null || plan skip_all "xmllint is missing"

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

# xml_error CODE NAME: the last answer is an XML <error code="CODE">.
xml_error() {
	like "$(header Content-Type)" '^application/xml' "$1: XML, not HTML"
	like "$HTTP_BODY" "<error[^>]*code=\"$2\"" "$1: error code $2"
	valid "$1: the error validates"
}

# api TOKEN PATH [curl options]: a call of the API through $base.
api() {
	local tok=$1 path=$2
	shift 2
	get "$base/api/v1/$path" -H "Authorization: Bearer $tok" "$@"
}

# feed TOKEN AFTER [LIMIT]: one feed page, waiting out 429s (the stack
# polls at most once a second per provider).
feed() {
	local i
	for ((i = 0; i < 20; i++)); do
		api "$1" "orders?after=$2${3:+&limit=$3}"
		[ "$HTTP_STATUS" = 429 ] || return 0
		sleep "$(header Retry-After)"
	done
}

# The next cursor, and "REF SEQ" lines, of the last feed page.
next_of() {
	sed -n 's/.*<\([a-z]*:\)\{0,1\}orders [^>]*next="\([^"]*\)".*/\2/p' \
	    "$HTTP_BODY_FILE" | head -n 1
}
refs_of() {
	tr -d '\n' <"$HTTP_BODY_FILE" |
	    grep -oE '<([a-z]+:)?(reference|sequence)>[^<]*' |
	    sed 's/.*>//' | paste - - || true
}

# status_xml STATUS DATE [MORE]: a status report document.
status_xml() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusReport xmlns="%s"><status>%s</status><date>%s</date>%s</statusReport>\n' \
	    "$NS" "$1" "$2" "${3:-}"
}

# post_status TOKEN REF FILE: POSTs FILE as a status report.
post_status() {
	api "$1" "orders/$2/status" -H 'Content-Type: application/xml' \
	    --data-binary "@$3"
}

# events REF: the number of order_event rows of order REF.
events() {
	db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
	    ON o.id = e.order_id WHERE o.ref = '$1'"
}

# The provider A (requires personnummer) and one of its services, an
# active outlet, and provider B.
read -r addr_id code < <(db_query "
    SELECT a.id, o.code FROM outlet o JOIN address a ON a.id = o.address_id
    JOIN network n ON n.id = a.network_id
    WHERE n.slug = 'demo' AND o.status = 'active' AND o.apartment IS NOT NULL
    ORDER BY o.id LIMIT 1")
svc=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'vindlo-demo' ORDER BY s.id
    LIMIT 1")
prov_a=$(db_query "SELECT id FROM provider WHERE slug = 'vindlo-demo'")
pnr=$(pnr_make 19840229 321)

# make_order BASE [FIRST]: orders svc at the outlet through the public
# form; prints "REF SECRET" (SECRET of the status link). Retries when the
# order rate limit of the address answers 429.
make_order() {
	local b=$1 first=${2:-Testa} jar tok html loc i secret
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	html=$(curl -sS --max-time 15 -c "$jar" -b "$jar" \
	    "$b/bestall/$code/$svc") || return 1
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' <<<"$html" |
	    head -n 1)
	for ((i = 0; i < 50; i++)); do
		loc=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o /dev/null \
		    -w '%{http_code} %{redirect_url}' \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=$first" \
		    --data-urlencode "last_name=Testsson" \
		    --data-urlencode "email=api.$RANDOM@example.org" \
		    --data-urlencode "phone=070-123 45 67" \
		    --data-urlencode "pnr=$pnr" --data-urlencode "x1=1" \
		    --data-urlencode "x2=Standard" --data-urlencode "terms=1" \
		    "$b/bestall/$code/$svc") || return 1
		[ "${loc%% *}" = 429 ] || break
		db_query "DELETE FROM rate_limit" >/dev/null
		sleep 0.2
	done
	[ "${loc%% *}" = 303 ] || { diag "order form answered $loc"; return 1; }
	secret=${loc##*/}
	echo "$(db_query "SELECT ref FROM orders WHERE status_token_hash =
	    UNHEX(SHA2('$secret', 256))") $secret"
}

# --- tokens --------------------------------------------------------------

ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }
tok_a=$(ctl token create --provider vindlo-demo --label "70-api A" \
    2>/dev/null)
like "$tok_a" '^[A-Za-z0-9_-]{43}$' "tjgctl token create prints a 256-bit token"
tok_b=$(ctl token create --provider telvira-demo --label "70-api B" \
    2>/dev/null)
tok_r=$(ctl token create --provider vindlo-demo --label "70-api revoked" \
    2>/dev/null)
is "$(db_query "SELECT COUNT(*) FROM api_token WHERE token_hash =
    UNHEX(SHA2('$tok_a', 256))")" 1 "only the token's SHA-256 is stored"
is "$(db_query "SELECT COUNT(*) FROM api_token WHERE
    LOCATE('$tok_a', label) OR LOCATE('$tok_a', token_hash)")" 0 \
    "and never the token itself"
rid=$(db_query "SELECT id FROM api_token WHERE token_hash =
    UNHEX(SHA2('$tok_r', 256))")
ctl token revoke "$rid" >/dev/null
ok $? "tjgctl token revoke"
ctl token revoke "$rid" >/dev/null 2>&1 && fail "a second revoke fails" ||
    pass "a second revoke fails"
list=$(ctl token list --provider vindlo-demo)
like "$list" "70-api A" "tjgctl token list shows the label"
like "$list" "$rid	70-api revoked	[0-9-]+ [0-9:]+	-	[0-9-]+ " \
    "and when a token was revoked"
ctl token create --provider no-such-provider >/dev/null 2>&1 &&
    fail "a token for an unknown provider is refused" ||
    pass "a token for an unknown provider is refused"

for server in $TJG_SERVERS; do
	base=$(server_url "$server")

	# --- authentication, errors, schema ------------------------------
	get "$base/api/v1/orders"
	is "$HTTP_STATUS" 401 "$server: no token, 401"
	is "$(header WWW-Authenticate)" 'Bearer realm="tjansteguiden"' \
	    "$server: with WWW-Authenticate"
	xml_error "$server: 401" unauthorized
	api "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" orders
	is "$HTTP_STATUS" 401 "$server: an unknown token, 401"
	api "$tok_r" orders
	is "$HTTP_STATUS" 401 "$server: a revoked token, 401"
	xml_error "$server: revoked" unauthorized
	get "$base/api/v1/orders" -H "Authorization: Basic dGVzdDp0ZXN0"
	is "$HTTP_STATUS" 401 "$server: Basic instead of Bearer, 401"
	api "$tok_a" nothing-here
	is "$HTTP_STATUS" 404 "$server: an unknown API path, 404"
	xml_error "$server: 404" not-found
	api "$tok_a" orders -X DELETE
	is "$HTTP_STATUS" 405 "$server: a wrong method, 405"
	xml_error "$server: 405" method-not-allowed
	get "$base/api/v1/orderfeed.xsd"
	is "$HTTP_STATUS" 200 "$server: the schema is published"
	like "$(header Content-Type)" '^application/xml' "$server: as XML"
	check "$server: exactly doc/orderfeed.xsd" -- \
	    cmp -s "$HTTP_BODY_FILE" "$XSD"
	api "$tok_a" "orders?limit=0"
	is "$HTTP_STATUS" 400 "$server: limit=0 is refused"
	xml_error "$server: limit=0" bad-request
	for q in "limit=x" "after=-1" "after=1&after=2" "bogus=1"; do
		api "$tok_a" "orders?$q"
		is "$HTTP_STATUS" 400 "$server: $q is refused"
	done

	# --- orders and the feed -----------------------------------------
	db_query "DELETE FROM rate_limit" >/dev/null
	read -r ref1 sec1 < <(make_order "$base" "Ada")
	read -r ref2 sec2 < <(make_order "$base" "Bo")
	read -r ref3 sec3 < <(make_order "$base" "Cy")
	like "$ref1 $ref2 $ref3" '^[0-9A-Z]{12} [0-9A-Z]{12} [0-9A-Z]{12}$' \
	    "$server: three orders placed through the form"
	cursor=$(db_query "SELECT feed_seq - 1 FROM orders
	    WHERE ref = '$ref1'")

	feed "$tok_a" "$cursor" 2
	is "$HTTP_STATUS" 200 "$server: a feed page"
	like "$(header Content-Type)" '^application/xml' "$server: XML"
	valid "$server: the page validates"
	page=$(refs_of)
	is "$(wc -l <<<"$page")" 2 "$server: limit=2 gives two orders"
	is "$(cut -f1 <<<"$page" | tr '\n' ' ')" "$ref1 $ref2 " \
	    "$server: oldest first"
	next=$(next_of)
	is "$next" "$(tail -n 1 <<<"$page" | cut -f2)" \
	    "$server: next is the last sequence of the page"
	like "$HTTP_BODY" "<([a-z]+:)?firstName>Ada<" \
	    "$server: with the customer's details, decrypted"
	like "$HTTP_BODY" "<([a-z]+:)?personalIdentityNumber>$pnr<" \
	    "$server: the personnummer, 12 digits"
	like "$HTTP_BODY" "<([a-z]+:)?accessId>$code<" "$server: the outlet"
	like "$HTTP_BODY" "<([a-z]+:)?network>demo<" "$server: and its network"
	is "$(db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
	    ON o.id = e.order_id WHERE o.ref IN ('$ref1', '$ref2')
	    AND e.kind = 'fetched'")" 2 "$server: both recorded as fetched"
	is "$(db_query "SELECT acked_seq FROM provider_feed
	    WHERE provider_id = $prov_a")" "$cursor" \
	    "$server: after= acknowledged the cursor"

	feed "$tok_a" "$next"
	valid "$server: the next page validates"
	like "$(refs_of | cut -f1 | tr '\n' ' ')" "^$ref3 " \
	    "$server: continues with the third order"
	last=$(next_of)
	feed "$tok_a" "$last"
	is "$(refs_of)" "" "$server: an empty page at the end"
	is "$(next_of)" "$last" "$server: whose next is after"
	valid "$server: the empty page validates"

	seq1=$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref1'")
	feed "$tok_a" "$cursor" 1000
	valid "$server: the same orders again"
	is "$(db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
	    ON o.id = e.order_id WHERE o.ref = '$ref1' AND e.kind =
	    'fetched'")" 1 "$server: fetched is recorded once"
	is "$(db_query "SELECT feed_seq, fetched_at IS NOT NULL FROM orders
	    WHERE ref = '$ref1'")" "$(printf '%s\t1' "$seq1")" \
	    "$server: fetching sets fetched_at and keeps the sequence"
	feed "$tok_a" 0 5000
	is "$HTTP_STATUS" 200 "$server: limit above the cap is served"
	check "$server: with at most 1000 orders" -- test \
	    "$(refs_of | wc -l)" -le 1000

	# 429: the first poll after a pause passes, an immediate second not.
	sleep 1.1
	api "$tok_a" "orders?after=$last"
	is "$HTTP_STATUS" 200 "$server: a poll after the interval"
	api "$tok_a" "orders?after=$last"
	is "$HTTP_STATUS" 429 "$server: polling too fast, 429"
	like "$(header Retry-After)" '^[0-9]+$' "$server: with Retry-After"
	xml_error "$server: 429" too-many-requests

	# --- one order, other providers ----------------------------------
	api "$tok_a" "orders/$ref1"
	is "$HTTP_STATUS" 200 "$server: one order"
	valid "$server: the order validates"
	like "$HTTP_BODY" "<([a-z]+:)?reference>$ref1<" "$server: the right one"
	api "$tok_b" "orders/$ref1"
	is "$HTTP_STATUS" 404 "$server: another provider's order is 404"
	xml_error "$server: B asking for A's order" not-found
	api "$tok_b" "orders/$ref1/log"
	is "$HTTP_STATUS" 404 "$server: so is its log"
	printf '%s' "$(status_xml received 2026-01-15)" >"$TAP_TMP/st.xml"
	post_status "$tok_b" "$ref1" "$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 404 "$server: and a status report for it"
	is "$(db_query "SELECT status FROM orders WHERE ref = '$ref1'")" new \
	    "$server: which changed nothing"
	feed "$tok_b" 0 1000
	valid "$server: B's feed validates"
	unlike "$(refs_of | cut -f1 | tr '\n' ' ')" "$ref1|$ref2|$ref3" \
	    "$server: and has none of A's orders"
	api "$tok_a" "orders/ZZZZZZZZZZZZ"
	is "$HTTP_STATUS" 404 "$server: an unknown reference"
	api "$tok_a" "orders/nope"
	is "$HTTP_STATUS" 404 "$server: a malformed reference"

	# --- status reports ----------------------------------------------
	n=$(events "$ref1")
	status_xml received 2026-01-15 \
	    "<providerReference>PR-$server-1</providerReference><externalMessage>Vi kommer den 20 januari, $server.</externalMessage><note>intern anteckning</note>" \
	    >"$TAP_TMP/st.xml"
	post_status "$tok_a" "$ref1" "$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 200 "$server: received is accepted"
	valid "$server: the answer validates"
	like "$HTTP_BODY" "<([a-z]+:)?status>received<" \
	    "$server: the answer is the order as it is now"
	like "$HTTP_BODY" "PR-$server-1" "$server: with the provider's reference"
	is "$(events "$ref1")" $((n + 1)) "$server: one event written"
	row=$(db_query "SELECT status, provider_reference, status_date,
	    final_at IS NULL FROM orders WHERE ref = '$ref1'")
	is "$row" "$(printf 'received\tPR-%s-1\t2026-01-15\t1' "$server")" \
	    "$server: status, reference and date stored"
	is "$(db_query "SELECT note FROM order_event e JOIN orders o
	    ON o.id = e.order_id WHERE o.ref = '$ref1' AND e.kind =
	    'received'")" "intern anteckning" "$server: the note is in the log"
	seq2=$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref1'")
	check "$server: the order has a new, higher sequence" -- test \
	    "$seq2" -gt "$seq1"

	post_status "$tok_a" "$ref1" "$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 200 "$server: the same report again is fine"
	is "$(events "$ref1")" $((n + 1)) "$server: and writes nothing"
	is "$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref1'")" \
	    "$seq2" "$server: nor moves the order in the feed"

	get "$base/status/$sec1"
	is "$HTTP_STATUS" 200 "$server: the resident's status page"
	like "$HTTP_BODY" "Vi kommer den 20 januari, $server." \
	    "$server: shows the provider's message"

	status_xml activated 2026-01-20 >"$TAP_TMP/st.xml"
	post_status "$tok_a" "$ref1" "$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 200 "$server: received -> activated"
	is "$(db_query "SELECT status, final_at IS NOT NULL FROM orders
	    WHERE ref = '$ref1'")" "$(printf 'activated\t1')" \
	    "$server: final, with final_at"
	n=$(events "$ref1")
	status_xml received 2026-01-21 >"$TAP_TMP/st.xml"
	post_status "$tok_a" "$ref1" "$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 409 "$server: activated -> received is refused"
	xml_error "$server: 409" invalid-transition
	status_xml cancelled 2026-01-21 >"$TAP_TMP/st.xml"
	post_status "$tok_a" "$ref1" "$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 409 "$server: a final state absorbs"
	is "$(events "$ref1")" "$n" "$server: refused moves write nothing"

	status_xml activated 2026-01-22 >"$TAP_TMP/st.xml"
	post_status "$tok_a" "$ref2" "$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 200 "$server: new -> activated"
	is "$(db_query "SELECT GROUP_CONCAT(kind ORDER BY e.id) FROM
	    order_event e JOIN orders o ON o.id = e.order_id
	    WHERE o.ref = '$ref2'")" "created,fetched,received,activated" \
	    "$server: records an implicit received"
	status_xml rejected 2026-01-22 >"$TAP_TMP/st.xml"
	post_status "$tok_a" "$ref3" "$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 200 "$server: new -> rejected"

	# Hostile and broken reports: 400, nothing changed.
	db_query "UPDATE orders SET status = 'new', final_at = NULL
	    WHERE ref = '$ref3'" >/dev/null
	n=$(events "$ref3")
	s3=$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref3'")
	cat >"$TAP_TMP/xxe.xml" <<-EOF
		<?xml version="1.0"?>
		<!DOCTYPE statusReport [<!ENTITY x SYSTEM "file:///etc/passwd">]>
		<statusReport xmlns="$NS"><status>received</status><date>2026-01-15</date><note>&x;</note></statusReport>
	EOF
	cat >"$TAP_TMP/lol.xml" <<-EOF
		<?xml version="1.0"?>
		<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>
		<statusReport xmlns="$NS"><status>received</status><date>2026-01-15</date><note>&g;</note></statusReport>
	EOF
	printf '<statusReport xmlns="urn:example:other"><status>received</status><date>2026-01-15</date></statusReport>' \
	    >"$TAP_TMP/ns.xml"
	printf '<report xmlns="%s"><status>received</status><date>2026-01-15</date></report>' \
	    "$NS" >"$TAP_TMP/root.xml"
	status_xml received 2026-02-30 >"$TAP_TMP/date.xml"
	status_xml received 15/01/2026 >"$TAP_TMP/date2.xml"
	status_xml new 2026-01-15 >"$TAP_TMP/state.xml"
	printf '<statusReport xmlns="%s"><status>received' "$NS" \
	    >"$TAP_TMP/broken.xml"
	for f in xxe lol ns root date date2 state broken; do
		post_status "$tok_a" "$ref3" "$TAP_TMP/$f.xml"
		is "$HTTP_STATUS" 400 "$server: $f report refused"
		xml_error "$server: $f" bad-request
	done
	unlike "$HTTP_BODY" "root:" "$server: no file content leaks"
	{
		printf '<statusReport xmlns="%s"><status>received</status>' "$NS"
		printf '<date>2026-01-15</date><note>'
		head -c 70000 /dev/zero | tr '\0' a
		printf '</note></statusReport>'
	} >"$TAP_TMP/big.xml"
	post_status "$tok_a" "$ref3" "$TAP_TMP/big.xml"
	is "$HTTP_STATUS" 413 "$server: an oversized report, 413"
	xml_error "$server: 413" too-large
	status_xml received 2026-01-15 >"$TAP_TMP/st.xml"
	api "$tok_a" "orders/$ref3/status" -H 'Content-Type: text/plain' \
	    --data-binary "@$TAP_TMP/st.xml"
	is "$HTTP_STATUS" 400 "$server: a report that is not XML, 400"
	is "$(events "$ref3")" "$n" "$server: no refused report wrote an event"
	is "$(db_query "SELECT status, feed_seq FROM orders
	    WHERE ref = '$ref3'")" "$(printf 'new\t%s' "$s3")" \
	    "$server: nor changed the order"

	# The changes come back in the feed, each order once, with the
	# sequence of its latest change.
	feed "$tok_a" "$last" 1000
	valid "$server: the changes' page validates"
	page=$(refs_of)
	is "$(grep -c "^$ref1	" <<<"$page")" 1 "$server: order 1 once"
	is "$(grep "^$ref1	" <<<"$page" | cut -f2)" \
	    "$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref1'")" \
	    "$server: with its latest sequence"
	like "$HTTP_BODY" "Vi kommer den 20 januari" \
	    "$server: and the externalMessage"
	like "$(cut -f1 <<<"$page" | tr '\n' ' ')" "$ref2" \
	    "$server: order 2 is back too"

	# The order log.
	api "$tok_a" "orders/$ref1/log"
	is "$HTTP_STATUS" 200 "$server: the order log"
	valid "$server: the log validates"
	like "$HTTP_BODY" 'kind="created"[^>]*actor="resident"|actor="resident"[^>]*kind="created"' \
	    "$server: created by the resident"
	like "$HTTP_BODY" 'kind="fetched"' "$server: fetched"
	like "$HTTP_BODY" 'kind="activated"' "$server: activated"
	like "$HTTP_BODY" 'at="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"' \
	    "$server: times in RFC 3339 UTC"
done

# --- last_used_at ----------------------------------------------------------
is "$(db_query "SELECT last_used_at IS NOT NULL FROM api_token
    WHERE token_hash = UNHEX(SHA2('$tok_a', 256))")" 1 \
    "the token's last use is recorded"

# --- concurrency: ordering while paging -------------------------------------
# Four clients order through both servers while a fifth pages the feed
# with small pages; every order made must come by, none skipped.
before=$(db_query "SELECT COALESCE(MAX(id), 0) FROM orders")
cursor=$(db_query "SELECT last_seq FROM provider_feed
    WHERE provider_id = $prov_a")
base=$TJG_LIGHTTPD_URL
made=$TAP_TMP/made
: >"$made"
pids=()
for c in 1 2 3 4; do
	(
		for i in 1 2 3 4 5 6 7 8 9 10; do
			if ((i % 2)); then b=$TJG_LIGHTTPD_URL; else
				b=$TJG_APACHE_URL; fi
			make_order "$b" "C$c" >>"$made.$c" || echo FAIL >>"$made.$c"
		done
	) &
	pids+=($!)
done
seen=$TAP_TMP/seen
: >"$seen"
pages=0
bad=0
while :; do
	alive=0
	for p in "${pids[@]}"; do
		kill -0 "$p" 2>/dev/null && alive=1
	done
	feed "$tok_a" "$cursor" 3
	if [ "$HTTP_STATUS" != 200 ]; then
		bad=$((bad + 1))
		break
	fi
	xmllint --noout --schema "$XSD" "$HTTP_BODY_FILE" 2>/dev/null ||
	    bad=$((bad + 1))
	refs_of | cut -f1 | sed '/^$/d' >>"$seen"
	n=$(next_of)
	pages=$((pages + 1))
	# Done when every client had finished before the page was asked
	# for, and it came back empty.
	[ "$n" = "$cursor" ] && [ $alive = 0 ] && break
	cursor=$n
	[ $pages -lt 500 ] || break
done
for p in "${pids[@]}"; do wait "$p" || true; done
cat "$made".? >"$made"
is "$(grep -c FAIL "$made" || true)" 0 "the clients placed every order"
is "$bad" 0 "every page was a 200 and validated ($pages pages)"
created=$(db_query "SELECT ref FROM orders WHERE id > $before AND
    provider_id = $prov_a ORDER BY ref")
is "$(wc -l <<<"$created")" 40 "forty orders were made"
missing=$(comm -23 <(echo "$created") <(sort -u "$seen"))
is "$missing" "" "every one of them came by in the feed"
is "$(db_query "SELECT COUNT(*) FROM orders o WHERE id > $before AND
    provider_id = $prov_a AND NOT EXISTS (SELECT 1 FROM order_event e
    WHERE e.order_id = o.id AND e.kind = 'fetched')")" 0 \
    "and each is recorded as fetched"
is "$(db_query "SELECT COUNT(*) FROM (SELECT order_id FROM order_event
    e JOIN orders o ON o.id = e.order_id WHERE o.id > $before AND
    e.kind = 'fetched' GROUP BY order_id HAVING COUNT(*) > 1) t")" 0 \
    "exactly once"

done_testing
