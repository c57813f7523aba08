#!/usr/bin/env bash
# The console's orders (/admin/orders) on a real stack: orders placed
# through the public form for two providers; the list and each of its
# filters checked against the database (a bad filter is a 422 that keeps
# the input); the order page with its log and without personal data
# until "show", which writes the order log and the audit (nothing
# personal in it); a status change as the API's state machine allows
# (orders row, log, audit, feed sequence), refused ones changing nothing;
# the confirmation resent through the outbox with a new status link; an
# erased order; support (no status change or resend: 403), a provider
# user (its own orders only, another provider's order or another
# network's is 404) and anonymous visitors (to the sign-in page).
# Personnummer are generated and fictional.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

base=$(server_url lighttpd)

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

# make_order CODE SERVICE LAST [curl options]: orders SERVICE at outlet
# CODE through the public form (as 70-api.t does); prints "REF SECRET".
make_order() {
	local code=$1 svc=$2 last=$3 jar tok html loc i secret
	shift 3
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	html=$(curl -sS --max-time 15 -c "$jar" -b "$jar" "$@" \
	    "$base/bestall/$code/$svc") || return 1
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' <<<"$html" |
	    head -n 1)
	for ((i = 0; i < 50; i++)); do
		loc=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o /dev/null \
		    -w '%{http_code} %{redirect_url}' "$@" \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=Orda" \
		    --data-urlencode "last_name=$last" \
		    --data-urlencode "email=$(tr 'A-Z' 'a-z' <<<"$last")@example.org" \
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

# list JAR QUERY: GET /admin/orders?QUERY; sets CONSOLE_* and TOTAL (the
# count the page states, 0 for "none") and REFS (the listed references).
list() {
	console_get "$1" "/admin/orders${2:+?$2}"
	TOTAL=$(sed -n 's/.*class="total">\([0-9]*\)<.*/\1/p' \
	    <<<"$CONSOLE_BODY" | head -n 1)
	TOTAL=${TOTAL:-0}
	REFS=$(grep -oE 'href="/admin/orders/[0-9A-Z]{12}"' \
	    <<<"$CONSOLE_BODY" | sed 's/.*orders\/\([^"]*\)"/\1/' |
	    tr '\n' ' ' || true)
}

# has REF NAME / hasnt REF NAME: REF is (not) among the listed REFS.
has() { like " $REFS" " $1 " "$2"; }
hasnt() { unlike " $REFS" " $1 " "$2"; }

# count SQL-CONDITION: the demo network's orders o matching it.
count() {
	db_query "SELECT COUNT(*) FROM orders o LEFT JOIN outlet ot
	    ON ot.id = o.outlet_id LEFT JOIN address a ON a.id = ot.address_id
	    WHERE o.network_id = 1 AND ($1)"
}

oq() { db_query "SELECT $1 FROM orders WHERE ref = '$2'"; }
events() {
	db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
	    ON o.id = e.order_id WHERE o.ref = '$1'${2:+ AND $2}"
}
audits() {
	db_query "SELECT COUNT(*) FROM audit WHERE object_ref = '$1'${2:+ AND $2}"
}

# --- orders to look at ----------------------------------------------------

pnr=$(pnr_make 19840229 321)
# X: an apartment at an address without littera; Y: elsewhere.
IFS=$'\t' read -r street number code_x < <(db_query "
    SELECT a.street, a.number, o.code FROM outlet o
    JOIN address a ON a.id = o.address_id
    WHERE o.network_id = 1 AND o.status = 'active' AND a.littera = ''
    AND o.apartment IS NOT NULL ORDER BY o.id DESC LIMIT 1")
code_y=$(db_query "SELECT o.code FROM outlet o
    JOIN address a ON a.id = o.address_id
    WHERE o.network_id = 1 AND o.status = 'active'
    AND a.street <> '$street' ORDER BY o.id DESC LIMIT 1")
street_y=$(db_query "SELECT a.street FROM outlet o
    JOIN address a ON a.id = o.address_id WHERE o.code = '$code_y'
    AND o.network_id = 1")
svc_a1=1; svc_a2=2; svc_b=4	# Vindlo 100/100, Vindlo 250/250, Telvira 500/500
is "$(db_query "SELECT GROUP_CONCAT(p.slug ORDER BY s.id) FROM service s
    JOIN provider p ON p.id = s.provider_id WHERE s.id IN (1, 2, 4)")" \
    "vindlo-demo,vindlo-demo,telvira-demo" "the demo services used here"
tag="Ordtest$RANDOM"
db_query "DELETE FROM rate_limit" >/dev/null
read -r a1 a1_secret < <(make_order "$code_x" $svc_a1 "${tag}a")
read -r a2 a2_secret < <(make_order "$code_x" $svc_a2 "${tag}b")
read -r b1 b1_secret < <(make_order "$code_x" $svc_b "${tag}c")
read -r b2 b2_secret < <(make_order "$code_y" $svc_b "${tag}d")
like "$a1 $a2 $b1 $b2" '^([0-9A-Z]{12} ){3}[0-9A-Z]{12}$' \
    "four orders placed through the public form"
# One in the other network (andra), reached by its host name.
code_o=$(db_query "SELECT o.code FROM outlet o JOIN network n
    ON n.id = o.network_id WHERE n.slug = 'andra' AND o.status = 'active'
    ORDER BY o.id LIMIT 1")
svc_o=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'vindlo-andra' ORDER BY s.id
    LIMIT 1")
read -r other _ < <(make_order "$code_o" "$svc_o" "${tag}e" \
    -H "Host: andra.localhost")
like "$other" '^[0-9A-Z]{12}$' "and one in the other network"

# --- users -----------------------------------------------------------------

admin=orders-admin-$$
support=orders-support-$$
prov=orders-vindlo-$$
console_user "$admin" network_admin
console_user "$support" network_support
console_user "$prov" provider_user vindlo-demo
admin_id=$(db_query "SELECT id FROM app_user WHERE username = '$admin'")
prov_id=$(db_query "SELECT id FROM app_user WHERE username = '$prov'")
jar_a=$TAP_TMP/jar-admin
jar_s=$TAP_TMP/jar-support
jar_p=$TAP_TMP/jar-provider
jar_n=$TAP_TMP/jar-none

# --- anonymous -------------------------------------------------------------

: >"$jar_n"
console_get "$jar_n" /admin/orders
is "$CONSOLE_STATUS" 303 "anonymous: the list sends to the sign-in page"
like "$CONSOLE_LOCATION" '/admin/login\?next=%2Fadmin%2Forders$' \
    "anonymous: and back to the list after"
console_get "$jar_n" "/admin/orders/$a1"
is "$CONSOLE_STATUS" 303 "anonymous: an order page sends to the sign-in page"
get "$base/admin/orders/$a1/show" -X POST -d "csrf=x"
is "$HTTP_STATUS" 403 "anonymous: show is refused"
unlike "$HTTP_BODY" "${tag}a" "anonymous: and shows nothing"

# --- the list and its filters ---------------------------------------------

is "$(console_login "$admin" "$jar_a")" 303 "admin: signs in"
list "$jar_a" ""
is "$CONSOLE_STATUS" 200 "admin: the list"
is "$TOTAL" "$(count 1)" "admin: counts the network's orders"
for ref in "$a1" "$a2" "$b1" "$b2"; do
	has "$ref" "admin: lists $ref"
done
hasnt "$other" "admin: not the other network's order"
like "$CONSOLE_BODY" "<th scope=\"col\">" "admin: a table with column headers"
like "$CONSOLE_BODY" "$street $number, lgh [0-9]{4}" \
    "admin: the address with the apartment"
unlike "$CONSOLE_BODY" "$tag|$pnr|@example.org" "admin: no personal data listed"
like "$CONSOLE_BODY" 'name="provider"' "admin: may filter by provider"
# The newest first: the last order placed comes before the first.
pos_b2=$(grep -bo "$b2" <<<"$CONSOLE_BODY" | head -n 1 | cut -d: -f1 || true)
pos_a1=$(grep -bo "$a1" <<<"$CONSOLE_BODY" | head -n 1 | cut -d: -f1 || true)
check "admin: newest first" -- test "${pos_b2:-1}" -lt "${pos_a1:-0}"

list "$jar_a" "status=new"
is "$TOTAL" "$(count "o.status = 'new'")" "filter status=new: counted"
has "$a1" "filter status=new: lists a new order"
list "$jar_a" "status=cancelled"
is "$TOTAL" "$(count "o.status = 'cancelled'")" "filter status=cancelled: counted"
hasnt "$a1" "filter status=cancelled: not a new order"

list "$jar_a" "provider=2"
is "$TOTAL" "$(count "o.provider_id = 2")" "filter provider: counted"
has "$b1" "filter provider: Telvira's order"
hasnt "$a1" "filter provider: not Vindlo's"
like "$CONSOLE_BODY" '<option value="2" selected>' "filter provider: stays chosen"

list "$jar_a" "service=$svc_a2"
is "$TOTAL" "$(count "o.service_id = $svc_a2")" "filter service: counted"
has "$a2" "filter service: the order of that service"
hasnt "$a1" "filter service: not another service's"

today=$(TZ=Europe/Stockholm date +%F)
tomorrow=$(TZ=Europe/Stockholm date -d tomorrow +%F)
yesterday=$(TZ=Europe/Stockholm date -d yesterday +%F)
list "$jar_a" "from=$today&to=$today"
has "$a1" "filter today: today's order"
list "$jar_a" "from=$tomorrow"
is "$TOTAL" 0 "filter from tomorrow: nothing"
like "$CONSOLE_BODY" 'class="none"' "filter from tomorrow: says so"
list "$jar_a" "to=$yesterday"
hasnt "$a1" "filter up to yesterday: not today's order"
midnight=$(date -u -d "TZ=\"Europe/Stockholm\" $today 00:00" '+%F %T')
is "$TOTAL" "$(count "o.created_at < '$midnight'")" \
    "filter up to yesterday: counted up to Swedish midnight"

list "$jar_a" "ref=$a1"
is "$TOTAL" 1 "filter ref: exactly one"
has "$a1" "filter ref: that one"
list "$jar_a" "ref=$(tr 'A-Z' 'a-z' <<<"${a1:0:8}")"
has "$a1" "filter ref: the start, in lower case"
is "$TOTAL" "$(count "o.ref LIKE '${a1:0:8}%'")" "filter ref start: counted"

list "$jar_a" "address=$(urlencode "$street $number")"
is "$TOTAL" "$(count "a.number = $number AND a.street_norm LIKE
    CONCAT((SELECT street_norm FROM address WHERE network_id = 1
    AND street = '$street' LIMIT 1), '%')")" \
    "filter address: counted as the street prefix and number"
has "$a1" "filter address: orders at the address"
has "$b1" "filter address: of both providers"
hasnt "$b2" "filter address: not elsewhere"
list "$jar_a" "address=$(urlencode "$(tr 'A-Z' 'a-z' <<<"$street_y")")"
has "$b2" "filter address: the street in lower case, without number"

list "$jar_a" "provider=1&status=new&address=$(urlencode "$street $number")&from=$today"
has "$a1" "filters combined: Vindlo's new order there"
has "$a2" "filters combined: both of them"
hasnt "$b1" "filters combined: not Telvira's"

list "$jar_a" "from=2026-13-45&ref=$a1"
is "$CONSOLE_STATUS" 422 "a date that does not exist: 422, not 400"
like "$CONSOLE_BODY" 'value="2026-13-45"' "the bad date is kept"
like "$CONSOLE_BODY" "value=\"$a1\"" "and the other filters too"
like "$CONSOLE_BODY" 'href="#from"' "the error summary links to the field"
like "$CONSOLE_BODY" 'aria-invalid="true"' "the field is marked invalid"
is "$REFS" "" "no list with a bad filter"
list "$jar_a" "ref=AB%25"
is "$CONSOLE_STATUS" 422 "a reference with a wildcard: 422"
list "$jar_a" "from=$today&to=$yesterday"
is "$CONSOLE_STATUS" 422 "an end before the start: 422"
list "$jar_a" "status=bogus"
is "$CONSOLE_STATUS" 422 "an unknown status: 422"
list "$jar_a" "provider=x"
is "$CONSOLE_STATUS" 422 "a provider that is no id: 422"
list "$jar_a" "colour=red"
is "$CONSOLE_STATUS" 400 "an unknown parameter: 400"
list "$jar_a" "page=2"
is "$CONSOLE_STATUS" 200 "page 2"
like "$CONSOLE_BODY" 'rel="prev"' "page 2 links to page 1"
console_get "$jar_a" /en/admin/orders
is "$CONSOLE_STATUS" 200 "the list in English"
like "$CONSOLE_BODY" "Orders" "in English"

# The same through Apache.
apache=$(server_url apache)
is "$(console_login "$admin" "$TAP_TMP/jar-apache" "$apache")" 303 \
    "Apache: admin signs in"
console_get "$TAP_TMP/jar-apache" "/admin/orders?ref=$a1" "$apache"
is "$CONSOLE_STATUS" 200 "Apache: the list"
like "$CONSOLE_BODY" "/admin/orders/$a1\"" "Apache: with the order"
console_get "$TAP_TMP/jar-apache" "/admin/orders/$a1" "$apache"
is "$CONSOLE_STATUS" 200 "Apache: the order page"

# --- the order page and "show" ------------------------------------------------

get "$base/admin/orders/$a1" -b "$jar_a"
is "$HTTP_STATUS" 200 "admin: the order page"
like "$(header Cache-Control)" "no-store" "admin: not stored by caches"
like "$HTTP_BODY" "Bredband 100/100" "admin: the service as ordered"
like "$HTTP_BODY" "$street $number" "admin: the outlet's address"
like "$HTTP_BODY" "$code_x" "admin: the outlet code"
like "$HTTP_BODY" "Beställd" "admin: the log says created"
unlike "$HTTP_BODY" "${tag}a|@example.org|${pnr:8:4}" \
    "admin: no name, e-mail or personnummer before show"
like "$HTTP_BODY" "action=\"/admin/orders/$a1/show\"" "admin: a show button"
console_get "$jar_a" /admin/orders/NOSUCHORDER1
is "$CONSOLE_STATUS" 404 "admin: an unknown reference: 404"
console_get "$jar_a" /admin/orders/bad
is "$CONSOLE_STATUS" 404 "admin: a malformed reference: 404"
console_get "$jar_a" "/admin/orders/$other"
is "$CONSOLE_STATUS" 404 "admin: the other network's order: 404"

ev=$(events "$a1")
console_post "$jar_a" "/admin/orders/$a1/show"
is "$CONSOLE_STATUS" 200 "admin: show"
like "$CONSOLE_BODY" "Orda ${tag}a" "admin: shows the name"
like "$CONSOLE_BODY" "$(tr 'A-Z' 'a-z' <<<"${tag}a")@example.org" "admin: the e-mail"
like "$CONSOLE_BODY" "\\+46701234567" "admin: the phone"
like "$CONSOLE_BODY" "${pnr:0:8}-${pnr:8:4}" "admin: the personnummer"
like "$CONSOLE_BODY" "Router</dt><dd>Standard" "admin: an extra field with its label"
like "$CONSOLE_BODY" "Skicka sms om driftstörningar</dt><dd>Ja" \
    "admin: a checkbox field"
unlike "$CONSOLE_BODY" "action=\"/admin/orders/$a1/show\"" \
    "admin: no show button once shown"
is "$(events "$a1")" $((ev + 1)) "admin: show adds one log entry"
is "$(events "$a1" "e.kind = 'viewed' AND e.actor_kind = 'admin'
    AND e.actor_id = $admin_id")" 1 "admin: 'viewed', by the admin"
is "$(audits "$a1" "action = 'order.show' AND user_id = $admin_id
    AND actor = 'user:$admin' AND object_kind = 'order' AND network_id = 1
    AND ip IS NOT NULL")" 1 "admin: audited with the user and the reference"
audit_rows=$(db_query "SELECT * FROM audit WHERE object_ref = '$a1'")
unlike "$audit_rows" "$tag|example.org|${pnr:8:4}|46701234567" \
    "admin: nothing personal in the audit"
get "$base/admin/orders/$a1/show" -b "$jar_a" -X POST \
    --data-urlencode "csrf=$(console_csrf "$jar_a")"
like "$(header Cache-Control)" "no-store" "admin: the shown page is not stored"
console_get "$jar_a" "/admin/orders/$a1"
unlike "$CONSOLE_BODY" "${tag}a" "admin: hidden again on the next visit"
like "$CONSOLE_BODY" "Personuppgifterna visades</th>" \
    "admin: the log lists the showing"
like "$CONSOLE_BODY" "\\($admin\\)" "admin: with the user's name"
ev=$(events "$a1")
get "$base/admin/orders/$a1/show" -b "$jar_a" -X POST -d "csrf=wrong"
is "$HTTP_STATUS" 403 "admin: show without the session's token: 403"
is "$(events "$a1")" "$ev" "admin: and nothing logged"

# --- status changes -----------------------------------------------------------

seq=$(oq feed_seq "$a1")
ev=$(events "$a1")
au=$(audits "$a1")
console_post "$jar_a" "/admin/orders/$a1/status" "" \
    --data-urlencode "status=received" --data-urlencode "comment="
is "$CONSOLE_STATUS" 422 "status without a comment: 422"
like "$CONSOLE_BODY" 'href="#comment"' "and says where"
long=$(printf 'å%.0s' $(seq 1 1001))
console_post "$jar_a" "/admin/orders/$a1/status" "" \
    --data-urlencode "status=received" --data-urlencode "comment=$long"
is "$CONSOLE_STATUS" 422 "a comment over 1000 characters: 422"
like "$CONSOLE_BODY" "<option value=\"received\" selected>" "the chosen status is kept"
like "$CONSOLE_BODY" "ååååå</textarea>" "the comment is kept"
console_post "$jar_a" "/admin/orders/$a1/status" "" \
    --data-urlencode "status=new" --data-urlencode "comment=back"
is "$CONSOLE_STATUS" 422 "'new' is no status to move to: 422"
is "$(oq status "$a1") $(oq feed_seq "$a1") $(events "$a1") $(audits "$a1")" \
    "new $seq $ev $au" "refused changes change nothing"

console_post "$jar_a" "/admin/orders/$a1/status" "" \
    --data-urlencode "status=received" \
    --data-urlencode "comment=Leverantören bekräftade per telefon"
is "$CONSOLE_STATUS" 303 "new -> received: 303"
like "$CONSOLE_LOCATION" "/admin/orders/$a1\$" "back to the order"
is "$(oq status "$a1")" received "the order is received"
check "with a new place in the provider's feed" -- test \
    "$(oq feed_seq "$a1")" -gt "$seq"
is "$(db_query "SELECT last_seq FROM provider_feed WHERE provider_id = 1")" \
    "$(oq feed_seq "$a1")" "the provider's counter took that number"
is "$(events "$a1" "e.kind = 'received' AND e.actor_kind = 'admin'
    AND e.actor_id = $admin_id
    AND e.note = 'Leverantören bekräftade per telefon'")" 1 \
    "the log has the change, who and the comment"
is "$(audits "$a1" "action = 'order.status' AND user_id = $admin_id
    AND detail = 'new -> received'")" 1 "the audit has it, without the comment"
console_get "$jar_a" "/admin/orders/$a1"
like "$CONSOLE_BODY" "Statusen är ändrad" "a confirmation on the next page"
like "$CONSOLE_BODY" "Leverantören bekräftade per telefon" "the comment in the log"
unlike "$CONSOLE_BODY" '<option value="received"' "received is no longer offered"
like "$CONSOLE_BODY" '<option value="activated"' "activated is"

seq=$(oq feed_seq "$a1")
ev=$(events "$a1")
au=$(audits "$a1")
console_post "$jar_a" "/admin/orders/$a1/status" "" \
    --data-urlencode "status=received" --data-urlencode "comment=again"
is "$CONSOLE_STATUS" 409 "received -> received: refused (409)"
like "$CONSOLE_BODY" 'role="alert"' "with a message"
is "$(oq status "$a1") $(oq feed_seq "$a1") $(events "$a1") $(audits "$a1")" \
    "received $seq $ev $au" "and nothing changed"

console_post "$jar_a" "/admin/orders/$a2/status" "" \
    --data-urlencode "status=activated" --data-urlencode "comment=Klar"
is "$CONSOLE_STATUS" 303 "new -> activated: 303"
is "$(db_query "SELECT GROUP_CONCAT(e.kind ORDER BY e.id) FROM order_event e
    JOIN orders o ON o.id = e.order_id WHERE o.ref = '$a2'")" \
    "created,received,activated" "an implicit received, as the API does"
check "a final time is set" -- test "$(oq 'final_at IS NOT NULL' "$a2")" = 1
seq=$(oq feed_seq "$a2")
console_post "$jar_a" "/admin/orders/$a2/status" "" \
    --data-urlencode "status=cancelled" --data-urlencode "comment=ångrar"
is "$CONSOLE_STATUS" 409 "a final status absorbs (409)"
is "$(oq status "$a2") $(oq feed_seq "$a2")" "activated $seq" \
    "and nothing changed"
console_get "$jar_a" "/admin/orders/$a2"
unlike "$CONSOLE_BODY" "/admin/orders/$a2/status" "no status form once final"

# --- resend ---------------------------------------------------------------

ob=$(db_query "SELECT COUNT(*) FROM outbox x JOIN orders o
    ON o.id = x.order_id WHERE o.ref = '$b1' AND x.kind = 'receipt'")
get "$base/status/$b1_secret"
is "$HTTP_STATUS" 200 "the old status link works"
console_post "$jar_a" "/admin/orders/$b1/resend"
is "$CONSOLE_STATUS" 303 "resend: 303"
is "$(db_query "SELECT COUNT(*) FROM outbox x JOIN orders o
    ON o.id = x.order_id WHERE o.ref = '$b1' AND x.kind = 'receipt'
    AND x.network_id = 1")" $((ob + 1)) "resend: one more receipt in the outbox"
row=$(db_query "SELECT x.status, x.to_addr, x.subject FROM outbox x
    JOIN orders o ON o.id = x.order_id WHERE o.ref = '$b1'
    ORDER BY x.id DESC LIMIT 1")
is "$row" "$(printf 'pending\t%s@example.org\tDin beställning %s' \
    "$(tr 'A-Z' 'a-z' <<<"${tag}c")" "$b1")" \
    "resend: to the resident, with the subject of the receipt"
body=$(db_query "SELECT x.body FROM outbox x JOIN orders o
    ON o.id = x.order_id WHERE o.ref = '$b1' ORDER BY x.id DESC LIMIT 1")
first=$(db_query "SELECT x.body FROM outbox x JOIN orders o
    ON o.id = x.order_id WHERE o.ref = '$b1' ORDER BY x.id LIMIT 1")
new_link=$(grep -oE '/status/[0-9a-f]{64}' <<<"$body" | head -n 1)
like "$new_link" '^/status/[0-9a-f]{64}$' "resend: with a status link"
is "${body//$new_link/LINK}" "${first//\/status\/$b1_secret/LINK}" \
    "resend: the same mail as the order form made, but the link"
get "$base$new_link"
is "$HTTP_STATUS" 200 "resend: the new link opens the status page"
get "$base/status/$b1_secret"
is "$HTTP_STATUS" 404 "resend: the old link no longer does"
is "$(events "$b1" "e.kind = 'mail' AND e.actor_kind = 'admin'
    AND e.actor_id = $admin_id")" 1 "resend: in the order log"
is "$(audits "$b1" "action = 'order.resend' AND user_id = $admin_id")" 1 \
    "resend: in the audit"

# --- an erased order ----------------------------------------------------

"$TJG_CTL" -c "$TJG_CONF" order erase "$b2" >/dev/null
ok $? "tjgctl erases an order"
ob=$(db_query "SELECT COUNT(*) FROM outbox")
ev=$(events "$b2")
console_get "$jar_a" "/admin/orders/$b2"
is "$CONSOLE_STATUS" 200 "erased: the page"
like "$CONSOLE_BODY" "Personuppgifterna raderades 20[0-9-]+ [0-9:]+" \
    "erased: says when the personal data was erased"
unlike "$CONSOLE_BODY" "/admin/orders/$b2/(show|resend)" \
    "erased: no show or resend button"
console_post "$jar_a" "/admin/orders/$b2/show"
is "$CONSOLE_STATUS" 409 "erased: show is refused (409)"
console_post "$jar_a" "/admin/orders/$b2/resend"
is "$CONSOLE_STATUS" 409 "erased: resend is refused (409)"
like "$CONSOLE_BODY" 'role="alert"' "erased: with a message"
is "$(db_query "SELECT COUNT(*) FROM outbox") $(events "$b2")" "$ob $ev" \
    "erased: nothing queued or logged"
list "$jar_a" "ref=$b2"
like "$CONSOLE_BODY" "Raderad" "erased: listed without address"

# --- support --------------------------------------------------------------

is "$(console_login "$support" "$jar_s")" 303 "support: signs in"
list "$jar_s" ""
is "$CONSOLE_STATUS" 200 "support: the list"
has "$b1" "support: lists the orders"
console_get "$jar_s" "/admin/orders/$a1"
is "$CONSOLE_STATUS" 200 "support: the order page"
unlike "$CONSOLE_BODY" "/admin/orders/$a1/(status|resend)" \
    "support: no status or resend form"
console_post "$jar_s" "/admin/orders/$a1/show"
is "$CONSOLE_STATUS" 200 "support: show"
like "$CONSOLE_BODY" "Orda ${tag}a" "support: sees the name"
support_id=$(db_query "SELECT id FROM app_user WHERE username = '$support'")
is "$(events "$a1" "e.kind = 'viewed' AND e.actor_kind = 'admin'
    AND e.actor_id = $support_id")" 1 "support: the showing is logged"
is "$(audits "$a1" "action = 'order.show' AND user_id = $support_id")" 1 \
    "support: and audited"
seq=$(oq feed_seq "$a1")
ob=$(db_query "SELECT COUNT(*) FROM outbox")
console_post "$jar_s" "/admin/orders/$a1/status" "" \
    --data-urlencode "status=activated" --data-urlencode "comment=x"
is "$CONSOLE_STATUS" 403 "support: status change is 403"
console_post "$jar_s" "/admin/orders/$a1/resend"
is "$CONSOLE_STATUS" 403 "support: resend is 403"
is "$(oq status "$a1") $(oq feed_seq "$a1") $(db_query "SELECT COUNT(*) FROM outbox")" \
    "received $seq $ob" "support: nothing changed"

# --- a provider user ------------------------------------------------------

is "$(console_login "$prov" "$jar_p")" 303 "provider: signs in"
list "$jar_p" ""
is "$CONSOLE_STATUS" 200 "provider: the list"
is "$TOTAL" "$(count "o.provider_id = 1")" "provider: counts its own orders only"
has "$a1" "provider: lists its order"
hasnt "$b1" "provider: not Telvira's"
unlike "$CONSOLE_BODY" 'name="provider"' "provider: no provider filter"
unlike "$CONSOLE_BODY" "Telefoni Bas|Fiber 500" "provider: only its services to choose"
list "$jar_p" "provider=2"
hasnt "$b1" "provider: a provider filter in the URL shows nothing more"
console_get "$jar_p" "/admin/orders/$b1"
is "$CONSOLE_STATUS" 404 "provider: another provider's order is 404"
console_post "$jar_p" "/admin/orders/$b1/show"
is "$CONSOLE_STATUS" 404 "provider: and showing it is 404"
unlike "$CONSOLE_BODY" "${tag}c" "provider: with nothing of it"
console_get "$jar_p" "/admin/orders/$other"
is "$CONSOLE_STATUS" 404 "provider: another network's order is 404"
console_get "$jar_p" "/admin/orders/$a1"
is "$CONSOLE_STATUS" 200 "provider: its own order"
unlike "$CONSOLE_BODY" "Leverantören bekräftade per telefon" \
    "provider: not the network's internal comments"
unlike "$CONSOLE_BODY" "$admin" "provider: nor the names of the network's staff"
console_post "$jar_p" "/admin/orders/$a1/show"
is "$CONSOLE_STATUS" 200 "provider: shows its order's personal data"
like "$CONSOLE_BODY" "Orda ${tag}a" "provider: sees the name"
is "$(events "$a1" "e.kind = 'viewed' AND e.actor_kind = 'provider'
    AND e.actor_id = $prov_id")" 1 "provider: logged as the provider's user"
is "$(audits "$a1" "action = 'order.show' AND user_id = $prov_id
    AND provider_id = 1")" 1 "provider: and audited"
like "$CONSOLE_BODY" "Leverantören \\($prov\\)" \
    "provider: its own user's name in the log"
console_post "$jar_p" "/admin/orders/$a1/status" "" \
    --data-urlencode "status=activated" --data-urlencode "comment=x"
is "$CONSOLE_STATUS" 403 "provider: status change is 403"
console_post "$jar_p" "/admin/orders/$a1/resend"
is "$CONSOLE_STATUS" 403 "provider: resend is 403"

done_testing
