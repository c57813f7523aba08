#!/usr/bin/env bash
# No personal data where it does not belong (DESIGN.md, "Personal data";
# issue 6 point 7). Orders are placed with known fictional personal data
# (a personnummer valid by its check digit, a unique name, e-mail and
# phone) through both web servers, the forms are sent wrong in every way
# that gives an error page, an administrator shows the data; the resident
# uses /mina-uppgifter on both servers (a code by mail, the code page,
# the orders page, the XML copy, the erasure of one order; a malformed
# address, a missing CSRF cookie, a wrong code 422, a used or expired
# request 410, the rate limit 429, no access 403); staff handle a request
# by letter in the console (/admin/requests: the personnummer typed into
# the POST form, 422s that keep it, show, export, erase one order) and
# one by phone (the e-mail address); the mail is sent, a backup made;
# then tjgctl purge runs with the clock moved past retention
# (TJG_NOW), which erases the last order. Then the data is searched for,
# in clear, in:
#
#   every URL the application produced (Location headers, links, form
#	actions of every page of the journey, of /mina-uppgifter, of the
#	console's request pages and of the error pages; the console's
#	search form is a POST),
#   the error pages (400, 403, 404, 410, 422, 429: outside the form
#	fields that keep what was typed, by design), the code page, the
#	console's request list and a request's page before "show", the
#	headers of the XML copies,
#   the web servers' logs, the workers' logs and every other log of the
#	stack ($TJG_STATE/*.log), and what tjgctl printed (purge's output
#	at the moved clock too),
#   the audit log and the order log,
#   the data-subject requests (dsr_request: blind indexes only, not
#	even a plain hash of the personnummer or the address),
#   the outbox after tjgctl mail sent the messages (the receipts and
#	the code mails),
#   the backup file,
#   the erased orders' rows and the provider's feed after the purge
#	(the erasure marker, no customer details),
#   the whole database outside the encrypted blobs (mariadb-dump with
#	blobs as hex: the blind indexes are HMACs and match nothing).
#
# Not covered, by design: the contact register (/admin/contacts) holds
# the network's and providers' staff, not residents.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"
. "$(dirname "$0")/../lib/pii.sh"

CONF=$TAP_TMP/tjg.conf
cp "$TJG_CONF" "$CONF"
cat >>"$CONF" <<EOF

[backup]
dir = $TAP_TMP/backups
key_file = $TAP_TMP/backup.key
EOF
ctl() {
	"$TJG_CTL" -c "$CONF" "$@"
}
# ctl_out ARGS...: tjgctl, its output kept in CTL_OUT.
CTL_OUT=$TAP_TMP/tjgctl.out
: >"$CTL_OUT"
ctl_out() {
	ctl "$@" >>"$CTL_OUT" 2>&1
}
: >"$PII_URLS"

pii_person
# The needles: pii_needles and the phone as it was typed.
mapfile -t NEEDLES < <(pii_needles; echo "$PII_PHONE")
note "looking for: ${NEEDLES[*]}"

# found FILE...: the needles found in the files, case-insensitively.
found() {
	local n hit=
	for n in "${NEEDLES[@]}"; do
		grep -aqiF -- "$n" "$@" 2>/dev/null && hit+="'$n' "
	done
	printf '%s' "$hit"
}

# none NAME FILE...: one assertion that none of it is in the files.
none() {
	local name=$1
	shift
	is "$(found "$@")" "" "$name: no personal data in clear"
}

# outside_fields FILE: the page without the values of its form fields
# (value="..." and what is between <textarea> tags), where the form
# rightly keeps what was typed.
outside_fields() {
	sed -E 's/value="[^"]*"//g' "$1" |
	    perl -0777 -pe 's{(<textarea[^>]*>).*?(</textarea>)}{$1$2}gs'
}

code=$(db_query "SELECT o.code FROM outlet o JOIN address a
    ON a.id = o.address_id JOIN network n ON n.id = a.network_id
    WHERE n.slug = 'demo' AND o.status = 'active'
    AND o.apartment IS NOT NULL ORDER BY o.id LIMIT 1")
svc=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'vindlo-demo' ORDER BY s.id
    LIMIT 1")

# err_page WANT NAME: the last answer (get) was WANT and holds no personal
# data outside its form fields, headers included; its URLs are collected.
n_err=0
err_page() {
	n_err=$((n_err + 1))
	is "$HTTP_STATUS" "$1" "$2: $1"
	pii_collect "$HTTP_HEADERS_FILE"
	pii_collect "$HTTP_BODY_FILE"
	outside_fields "$HTTP_BODY_FILE" >"$TAP_TMP/page-$n_err"
	cat "$HTTP_HEADERS_FILE" >>"$TAP_TMP/page-$n_err"
	none "$2: the $1 page" "$TAP_TMP/page-$n_err"
}

# The provider's feed from here on: the erasure markers are read at the
# end.
ftok=$(ctl token create --provider vindlo-demo --label "95-no-pii $$" \
    2>/dev/null)
ftok_id=$(db_query "SELECT id FROM api_token WHERE token_hash =
    UNHEX(SHA2('$ftok', 256))")
at_exit "ctl token revoke $ftok_id >/dev/null 2>&1"
cursor=$(db_query "SELECT COALESCE(MAX(f.last_seq), 0) FROM provider_feed f
    JOIN provider p ON p.id = f.provider_id WHERE p.slug = 'vindlo-demo'")
dsr_first=$(db_query "SELECT COALESCE(MAX(id), 0) + 1 FROM dsr_request")
outbox_first=$(db_query "SELECT COALESCE(MAX(id), 0) + 1 FROM outbox")

refs=()
for server in $TJG_SERVERS; do
	base=$(server_url "$server")
	jar=$TAP_TMP/jar-$server

	# --- the journey: search, building, outlet, form, receipt, status ---
	for path in / "/sok?q=$(urlencode "$(db_query "SELECT a.street
	    FROM address a JOIN outlet o ON o.address_id = a.id
	    WHERE o.code = '$code'")")" "/uttag/$code" /en "/en/uttag/$code"; do
		get "$base$path"
		pii_collect "$HTTP_HEADERS_FILE"
		pii_collect "$HTTP_BODY_FILE"
	done
	check "$server: an order" -- pii_order "$base"
	refs+=("$ORDER_REF")
	like "$(grep -c "kvitto" "$PII_URLS")" '^[1-9]' \
	    "$server: the journey's URLs are collected"

	# Withdrawn: the confirmation page and its answer.
	get "$base$ORDER_STATUS/angra" -c "$jar" -b "$jar"
	pii_collect "$HTTP_BODY_FILE"
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' "$HTTP_BODY_FILE" |
	    head -n 1)
	get "$base$ORDER_STATUS/angra" -c "$jar" -b "$jar" \
	    --data-urlencode "csrf=$tok"
	is "$HTTP_STATUS" 303 "$server: the order is withdrawn"
	pii_collect "$HTTP_HEADERS_FILE"

	# --- error pages with the personal data in the form -----------------
	form="$base/bestall/$code/$svc"
	get "$form" -c "$jar" -b "$jar"
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' "$HTTP_BODY_FILE" |
	    head -n 1)
	data=(--data-urlencode "first_name=$PII_FIRST"
	    --data-urlencode "last_name=$PII_LAST"
	    --data-urlencode "email=$PII_EMAIL"
	    --data-urlencode "phone=$PII_PHONE"
	    --data-urlencode "pnr=${PII_PNR:2:6}-${PII_PNR:8:4}")
	i=0
	# status|what|curl arguments (after the data)
	while IFS='|' read -r want what extra; do
		i=$((i + 1))
		# Every post counts against the order limit of the address.
		db_query "DELETE FROM rate_limit" >/dev/null
		# shellcheck disable=SC2086	# extra is split on purpose
		get "$form" -c "$jar" -b "$jar" --data-urlencode "csrf=$tok" \
		    "${data[@]}" $extra
		is "$HTTP_STATUS" "$want" "$server: $what: $want"
		# The search finds what is there: the form keeps the input.
		[ "$i" = 1 ] && like "$(found "$HTTP_BODY_FILE")" \
		    "$PII_LAST.*$PII_EMAIL" "$server: (the form kept the input)"
		pii_collect "$HTTP_HEADERS_FILE"
		pii_collect "$HTTP_BODY_FILE"
		outside_fields "$HTTP_BODY_FILE" >"$TAP_TMP/err-$server-$i"
		cat "$HTTP_HEADERS_FILE" >>"$TAP_TMP/err-$server-$i"
		none "$server: the $want page ($what)" "$TAP_TMP/err-$server-$i"
	done <<-EOF
		422|the terms not accepted|--data-urlencode x1=1
		422|a wrong date|--data-urlencode x1=1 --data-urlencode terms=1 --data-urlencode x3=2020-13-45
		400|the honeypot filled|--data-urlencode terms=1 --data-urlencode website=http://spam.example
		400|an unknown field|--data-urlencode terms=1 --data-urlencode nickname=x
		400|a field given twice|--data-urlencode terms=1 --data-urlencode first_name=x
	EOF
	# The same data at the wrong places, too long, and without the CSRF
	# cookie.
	long=(--data-urlencode "first_name=$PII_FIRST$(printf 'x%.0s' {1..120})"
	    "${data[@]:2}")
	for t in "400|a name too long|$form|long" \
	    "404|an unknown outlet|$base/bestall/NOPE-00000000/$svc|data" \
	    "404|an unknown service|$base/bestall/$code/999999|data" \
	    "404|an unknown page|$base/bestall/$code/$svc/more|data" \
	    "403|no CSRF cookie|$form|nocookie"; do
		IFS='|' read -r want what url how <<<"$t"
		i=$((i + 1))
		db_query "DELETE FROM rate_limit" >/dev/null
		case $how in
		long) get "$url" -c "$jar" -b "$jar" \
		    --data-urlencode "csrf=$tok" "${long[@]}" ;;
		data) get "$url" -c "$jar" -b "$jar" \
		    --data-urlencode "csrf=$tok" "${data[@]}" ;;
		nocookie) get "$url" --data-urlencode "csrf=$tok" \
		    "${data[@]}" ;;
		esac
		is "$HTTP_STATUS" "$want" "$server: $what: $want"
		pii_collect "$HTTP_HEADERS_FILE"
		pii_collect "$HTTP_BODY_FILE"
		outside_fields "$HTTP_BODY_FILE" >"$TAP_TMP/err-$server-$i"
		cat "$HTTP_HEADERS_FILE" >>"$TAP_TMP/err-$server-$i"
		none "$server: the $want page ($what)" "$TAP_TMP/err-$server-$i"
	done
	get "$base/status/$(printf '%064d' 0)"
	is "$HTTP_STATUS" 404 "$server: an unknown status link: 404"
	none "$server: the unknown status link's page" "$HTTP_BODY_FILE"
done

# --- the console: an administrator shows the data ------------------------------
admin=nopii-admin-$$
console_user "$admin" network_admin
is "$(console_login "$admin" "$TAP_TMP/jar-admin")" 303 \
    "an administrator signs in"
console_post "$TAP_TMP/jar-admin" "/admin/orders/${refs[0]}/show"
is "$CONSOLE_STATUS" 200 "and shows an order's personal data"
like "$CONSOLE_BODY" "$PII_LAST" "(it is there)"
console_get "$TAP_TMP/jar-admin" "/admin/orders?ref=${refs[0]}"
is "$CONSOLE_STATUS" 200 "the console's order list"
printf '%s' "$CONSOLE_BODY" >"$TAP_TMP/admin-list"
none "the console's order list" "$TAP_TMP/admin-list"

# --- a third order, withdrawn: the retention purge erases it -----------------
check "a third order (for the purge)" -- pii_order "$TJG_LIGHTTPD_URL"
refs+=("$ORDER_REF")
check "  withdrawn: final, retention runs" -- \
    pii_withdraw "$TJG_LIGHTTPD_URL" "$ORDER_STATUS"

# --- the resident's own pages (/mina-uppgifter) --------------------------------
# Swedish on lighttpd, English on Apache. The resident erases the first
# order on lighttpd.

# dget URL [curl options...]: get with the resident's cookies ($djar).
dget() {
	local url=$1
	shift
	get "$url" -c "$djar" -b "$djar" "$@"
}

# dsr_ask: asks for a code for the resident's address on $base$pre, from
# a fresh form.
dsr_ask() {
	dget "$base$pre/mina-uppgifter"
	pii_collect "$HTTP_BODY_FILE"
	dget "$base$pre/mina-uppgifter" \
	    --data-urlencode "csrf=$(pii_csrf "$HTTP_BODY_FILE")" \
	    --data-urlencode "email=$PII_EMAIL"
	pii_collect "$HTTP_HEADERS_FILE"
}

# dsr_code: the code of the newest code mail to the resident (the test
# stack's sendmail files each message in $TJG_MAIL_DIR).
dsr_code() {
	local f c
	while read -r f; do
		grep -qE '^Subject: (Din kod|Your code)' "$f" || continue
		c=$(sed -n 's/^ *\([0-9]\{6\}\)\r\{0,1\}$/\1/p' "$f" |
		    head -n 1)
		[ -n "$c" ] && { echo "$c"; return 0; }
	done < <(grep -liF -- "$PII_EMAIL" "$TJG_MAIL_DIR"/*.eml 2>/dev/null |
	    sort -r)
	return 1
}

for server in $TJG_SERVERS; do
	base=$(server_url "$server")
	pre=
	[ "$server" = apache ] && pre=/en
	djar=$TAP_TMP/dsr-jar-$server
	rm -f "$djar"
	db_query "DELETE FROM rate_limit" >/dev/null

	# The address is asked for; the forms sent wrong.
	dget "$base$pre/mina-uppgifter"
	is "$HTTP_STATUS" 200 "$server: $pre/mina-uppgifter"
	pii_collect "$HTTP_BODY_FILE"
	tok=$(pii_csrf "$HTTP_BODY_FILE")
	dget "$base$pre/mina-uppgifter" --data-urlencode "csrf=$tok" \
	    --data-urlencode "email=$PII_LAST <$PII_EMAIL>"
	err_page 422 "$server: a malformed address"
	like "$(found "$HTTP_BODY_FILE")" "$PII_EMAIL" \
	    "$server: (the form kept the input)"
	get "$base$pre/mina-uppgifter" --data-urlencode "csrf=$tok" \
	    --data-urlencode "email=$PII_EMAIL"
	err_page 403 "$server: asking without the CSRF cookie"
	dget "$base$pre/mina-uppgifter" --data-urlencode "csrf=$tok" \
	    --data-urlencode "email=$PII_EMAIL" \
	    --data-urlencode "website=http://spam.example"
	err_page 400 "$server: asking with the honeypot filled"
	dget "$base$pre/mina-uppgifter" --data-urlencode "csrf=$tok" \
	    --data-urlencode "email=$PII_EMAIL" \
	    --data-urlencode "name=$PII_FIRST $PII_LAST"
	err_page 400 "$server: asking with an unknown field"

	# The code, by mail.
	dsr_ask
	is "$HTTP_STATUS" 303 "$server: a code asked for"
	codepage=$(header Location)
	like "$codepage" "^$pre/mina-uppgifter/kod/[A-Za-z0-9_-]{43}\$" \
	    "$server: to a code page named by a token"
	check "$server: tjgctl mail sends the code" -- ctl_out mail
	c=$(dsr_code) || true
	like "$c" '^[0-9]{6}$' "$server: the code reached the resident's mail"
	dget "$base$codepage"
	is "$HTTP_STATUS" 200 "$server: the code page"
	pii_collect "$HTTP_BODY_FILE"
	cat "$HTTP_HEADERS_FILE" "$HTTP_BODY_FILE" >"$TAP_TMP/codepage"
	none "$server: the code page" "$TAP_TMP/codepage"
	tok=$(pii_csrf "$HTTP_BODY_FILE")
	dget "$base$codepage" --data-urlencode "csrf=$tok" \
	    --data-urlencode "kod=12"
	err_page 422 "$server: a code that is not six digits"
	dget "$base$codepage" --data-urlencode "csrf=$tok" \
	    --data-urlencode "kod=$(printf '%06d' $(((10#$c + 1) % 1000000)))"
	err_page 422 "$server: a wrong code"
	get "$base$codepage" --data-urlencode "csrf=$tok" \
	    --data-urlencode "kod=$c"
	err_page 403 "$server: the code without the CSRF cookie"
	dget "$base$pre/mina-uppgifter/kod/0000"
	err_page 404 "$server: a malformed code page"
	dget "$base$codepage" --data-urlencode "csrf=$tok" \
	    --data-urlencode "kod=$c"
	is "$HTTP_STATUS" 303 "$server: the right code"
	pii_collect "$HTTP_HEADERS_FILE"
	dget "$base$codepage" --data-urlencode "csrf=$tok" \
	    --data-urlencode "kod=$c"
	err_page 410 "$server: the code once more (the request is used)"

	# The orders page and the copy show the data, by design.
	dget "$base$pre/mina-uppgifter/visa"
	is "$HTTP_STATUS" 200 "$server: the orders page"
	like "$(found "$HTTP_BODY_FILE")" "$PII_LAST.*$PII_EMAIL" \
	    "$server: (it shows the data)"
	pii_collect "$HTTP_HEADERS_FILE"
	pii_collect "$HTTP_BODY_FILE"
	tok=$(pii_csrf "$HTTP_BODY_FILE")
	dget "$base$pre/mina-uppgifter/kopia" --data-urlencode "csrf=$tok"
	is "$HTTP_STATUS" 200 "$server: the XML copy"
	like "$(found "$HTTP_BODY_FILE")" "$PII_EMAIL" \
	    "$server: (it holds the data)"
	none "$server: the copy's headers (its file name)" \
	    "$HTTP_HEADERS_FILE"
	pii_collect "$HTTP_HEADERS_FILE"
	if [ "$server" = lighttpd ]; then
		dget "$base$pre/mina-uppgifter/radera?order=${refs[0]}"
		is "$HTTP_STATUS" 200 "$server: erasing an order asks first"
		pii_collect "$HTTP_BODY_FILE"
		dget "$base$pre/mina-uppgifter/radera" \
		    --data-urlencode "csrf=$(pii_csrf "$HTTP_BODY_FILE")" \
		    --data-urlencode "order=${refs[0]}"
		is "$HTTP_STATUS" 303 "$server: the resident erases ${refs[0]}"
		pii_collect "$HTTP_HEADERS_FILE"
		dget "$base$(header Location)"
		pii_collect "$HTTP_BODY_FILE"
		is "$(db_query "SELECT pii IS NULL FROM orders
		    WHERE ref = '${refs[0]}'")" 1 "$server: (it is erased)"
	fi
	get "$base$pre/mina-uppgifter/visa"
	err_page 403 "$server: the orders page without the cookie"
	dget "$base$pre/mina-uppgifter/kopia" --data-urlencode "csrf=x"
	err_page 403 "$server: the copy with a wrong CSRF token"
	dget "$base$pre/mina-uppgifter/avsluta" --data-urlencode "csrf=$tok"
	is "$HTTP_STATUS" 303 "$server: the resident finishes"
	pii_collect "$HTTP_HEADERS_FILE"

	# A request left past its ten minutes.
	db_query "DELETE FROM rate_limit" >/dev/null
	dsr_ask
	codepage=$(header Location)
	db_query "UPDATE dsr_request SET expires_at = UTC_TIMESTAMP(6) -
	    INTERVAL 1 MINUTE WHERE request_token_hash =
	    UNHEX(SHA2('${codepage##*/}', 256))" >/dev/null
	dget "$base$codepage"
	dget "$base$codepage" --data-urlencode "kod=$c" \
	    --data-urlencode "csrf=$(pii_csrf "$HTTP_BODY_FILE")"
	err_page 410 "$server: a code too late"

	# The rate limit: the sixth code in an hour.
	db_query "DELETE FROM rate_limit" >/dev/null
	for ((i = 0; i < 5; i++)); do
		dsr_ask
	done
	dsr_ask
	err_page 429 "$server: too many codes"
	db_query "DELETE FROM rate_limit" >/dev/null
done

# --- the console's handling of requests (/admin/requests) ----------------------
AJ=$TAP_TMP/jar-admin
pnr="${PII_PNR:2:6}-${PII_PNR:8:4}"
# More requests than a page of the list holds, so its pages' links are
# on every page (a 422 of the search included) and searched too.
at_exit "db_query \"DELETE FROM dsr_request
    WHERE note = '95-no-pii filler'\" >/dev/null 2>&1"
db_query "INSERT INTO dsr_request (network_id, kind, status, email_bidx,
    expires_at, note) WITH RECURSIVE s (n) AS (SELECT 1 UNION ALL
    SELECT n + 1 FROM s WHERE n < 51) SELECT n.id, 'access', 'expired',
    UNHEX(SHA2(CONCAT('95-no-pii filler ', s.n), 256)), UTC_TIMESTAMP(6),
    '95-no-pii filler' FROM s JOIN network n ON n.slug = 'demo'" >/dev/null
console_get "$AJ" /admin/requests
is "$CONSOLE_STATUS" 200 "the console's requests"
printf '%s' "$CONSOLE_BODY" >"$TAP_TMP/requests"
pii_collect "$TAP_TMP/requests"
# shellcheck disable=SC2016	# perl's, not the shell's
check "  its search by personnummer is a POST form" -- perl -0777 -ne \
    'exit !(m{<form\b([^>]*)>(?:(?!</form>).)*?name="pnr"}s &&
    $1 =~ /method="post"/i)' "$TAP_TMP/requests"
# console_err WANT NAME: as err_page, for the last console answer.
console_err() {
	printf '%s' "$CONSOLE_BODY" >"$HTTP_BODY_FILE"
	printf 'Location: %s\n' "$CONSOLE_LOCATION" >"$HTTP_HEADERS_FILE"
	HTTP_STATUS=$CONSOLE_STATUS
	err_page "$@"
}
console_post "$AJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "pnr=$pnr" --data-urlencode "note="
console_err 422 "a search by personnummer without a note"
like "$CONSOLE_BODY" 'rel="next"' "(the page links to the list's next page)"
like "$(found "$HTTP_BODY_FILE")" "$pnr" "(the form kept the personnummer)"
console_post "$AJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "pnr=$pnr" --data-urlencode "note=Brev om $PII_PNR"
console_err 422 "a search with the personnummer in the note"
console_post "$AJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "pnr=$pnr" --data-urlencode "email=$PII_EMAIL" \
    --data-urlencode "note=Brev"
console_err 422 "a search by both"
console_post "$AJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "pnr=$pnr" --data-urlencode "note=Brev, id-kort kontrollerat"
is "$CONSOLE_STATUS" 303 "a search by personnummer (POST): 303"
like "$CONSOLE_LOCATION" '/admin/requests/[0-9]+$' "  to the request's page"
echo "$CONSOLE_LOCATION" >>"$PII_URLS"
req=${CONSOLE_LOCATION##*/}
console_get "$AJ" "/admin/requests/$req"
printf '%s' "$CONSOLE_BODY" >"$TAP_TMP/request"
pii_collect "$TAP_TMP/request"
like "$CONSOLE_BODY" "${refs[1]}" "  the request's page lists the orders"
none "  the request's page before show" "$TAP_TMP/request"
console_post "$AJ" "/admin/requests/$req/show" ""
is "$CONSOLE_STATUS" 200 "  show"
like "$CONSOLE_BODY" "$PII_LAST" "  (the data is there)"
printf '%s' "$CONSOLE_BODY" >"$TAP_TMP/request"
pii_collect "$TAP_TMP/request"
console_post "$AJ" "/admin/requests/$req/export" "" -D "$TAP_TMP/exp.h"
is "$CONSOLE_STATUS" 200 "  export"
like "$CONSOLE_BODY" "$PII_EMAIL" "  (the copy holds the data)"
none "  the export's headers" "$TAP_TMP/exp.h"
pii_collect "$TAP_TMP/exp.h"
console_get "$AJ" "/admin/requests/$req/erase?order=${refs[1]}"
is "$CONSOLE_STATUS" 200 "  erasing an order asks first"
printf '%s' "$CONSOLE_BODY" >"$TAP_TMP/request"
pii_collect "$TAP_TMP/request"
console_post "$AJ" "/admin/requests/$req/erase" "" \
    --data-urlencode "order=${refs[1]}" --data-urlencode "note=Begärt i brevet"
is "$CONSOLE_STATUS" 303 "  the confirmed erasure of ${refs[1]}"
echo "$CONSOLE_LOCATION" >>"$PII_URLS"
is "$(db_query "SELECT pii IS NULL FROM orders WHERE ref = '${refs[1]}'")" \
    1 "  (it is erased)"
console_post "$AJ" /admin/requests "" --data-urlencode "channel=phone" \
    --data-urlencode "email=$PII_EMAIL" --data-urlencode "note=Telefon"
is "$CONSOLE_STATUS" 303 "a search by e-mail (POST): 303"
echo "$CONSOLE_LOCATION" >>"$PII_URLS"
req_e=${CONSOLE_LOCATION##*/}
console_get "$AJ" /admin/requests
printf '%s' "$CONSOLE_BODY" >"$TAP_TMP/requests"
pii_collect "$TAP_TMP/requests"
none "the console's list of requests" "$TAP_TMP/requests"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'dsr.search'
    AND object_ref IN ('$req', '$req_e')")" 2 \
    "the searches are audited"

# --- the data-subject requests ---------------------------------------------------
db_query "SELECT * FROM dsr_request WHERE id >= $dsr_first" \
    >"$TAP_TMP/dsr_request"
like "$(db_query "SELECT GROUP_CONCAT(DISTINCT CONCAT(kind, ':', channel)
    ORDER BY CONCAT(kind, ':', channel)) FROM dsr_request WHERE id >= $dsr_first")" \
    '^access:letter,access:phone,access:web,erasure:letter,erasure:web$' \
    "the requests of the resident and of the console are recorded"
none "the requests (dsr_request)" "$TAP_TMP/dsr_request"
h=
for n in "${NEEDLES[@]}" "$PII_PNR" "${PII_EMAIL,,}"; do
	h+="${h:+ UNION ALL }SELECT UNHEX(SHA2('$n', 256)) AS h"
done
is "$(db_query "SELECT COUNT(*) FROM dsr_request r JOIN ($h) x
    WHERE LOCATE(x.h, CONCAT_WS('', r.email_bidx, r.pnr_bidx, r.code_hash,
    r.request_token_hash, r.access_token_hash)) > 0")" 0 \
    "  not even a plain hash of the personnummer or the address"

# --- the mail is sent; purge and a backup run ---------------------------------
check "tjgctl mail" -- ctl_out mail
read -r n sent < <(db_query "SELECT COUNT(*), SUM(status = 'sent' AND
    to_addr IS NULL AND body IS NULL) FROM outbox WHERE order_id IN
    (SELECT id FROM orders WHERE ref IN ('${refs[0]}', '${refs[1]}'))")
check "the orders' mail" -- test "$n" -ge 2
like "$(found "$TJG_MAIL_DIR"/*)" "$PII_EMAIL" \
    "(the mail reached the mail program, addressed to the resident)"
is "$sent" "$n" "is sent, its address and text erased"
is "$(db_query "SELECT COUNT(*), SUM(status = 'sent' AND to_addr IS NULL
    AND body IS NULL) FROM outbox WHERE kind = 'dsr_code'
    AND id >= $outbox_first")" "14	14" \
    "the code mails (7 on each server): sent, address and text erased"
# The outbox as sent: the purge at the moved clock below deletes it.
db_query "SELECT * FROM outbox" >"$TAP_TMP/outbox"
check "tjgctl purge" -- ctl_out purge
check "tjgctl backup --keygen" -- ctl_out backup --keygen
check "tjgctl backup" -- ctl_out backup
backup=$(find "$TAP_TMP/backups" -name 'tjg-*.sql.enc' | head -n 1)
check "a backup file" -- test -s "$backup"
none "the backup file" "$backup"
none "what tjgctl printed" "$CTL_OUT"

# --- the retention purge, with the clock moved past retention -----------------
far=$(db_query "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 100 DAY,
    '%Y-%m-%d %H:%i:%s')")
purge_far() {
	TJG_NOW=$far "$TJG_CTL" -c "$CONF" purge >"$TAP_TMP/purge.out" 2>&1
}
check "tjgctl purge at $far (TJG_NOW)" -- purge_far
like "$(cat "$TAP_TMP/purge.out")" "purge: [1-9][0-9]* orders' personal data erased" \
    "  it erases orders"
none "what purge printed" "$TAP_TMP/purge.out"
is "$(db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
    ON o.id = e.order_id WHERE o.ref = '${refs[2]}' AND e.kind = 'erased'
    AND e.actor_kind = 'system'")" 1 "  the withdrawn order ${refs[2]} among them"
is "$(db_query "SELECT COUNT(*) FROM orders WHERE ref IN ('${refs[0]}',
    '${refs[1]}', '${refs[2]}') AND pii IS NULL AND pii_key_id IS NULL
    AND pnr_bidx IS NULL AND email_bidx IS NULL AND outlet_id IS NULL
    AND erased_at IS NOT NULL")" 3 \
    "the three orders: personal data, indexes and outlet gone"
db_query "SELECT * FROM orders WHERE ref IN ('${refs[0]}', '${refs[1]}',
    '${refs[2]}')" >"$TAP_TMP/erased"
none "the erased orders' rows" "$TAP_TMP/erased"

# The provider's feed since the test began: each order with its erasure
# marker and nothing else of the person.
: >"$TAP_TMP/feed"
after=$cursor
pages=()
for ((i = 0; i < 40; i++)); do
	get "$TJG_LIGHTTPD_URL/api/v1/orders?after=$after&limit=1000" \
	    -H "Authorization: Bearer $ftok"
	if [ "$HTTP_STATUS" = 429 ]; then
		sleep "$(header Retry-After)"
		continue
	fi
	[ "$HTTP_STATUS" = 200 ] || break
	pages+=("$TAP_TMP/feed-$i.xml")
	cp "$HTTP_BODY_FILE" "$TAP_TMP/feed-$i.xml"
	cat "$HTTP_BODY_FILE" >>"$TAP_TMP/feed"
	next=$(xmllint --xpath "string(/*/@next)" "$HTTP_BODY_FILE" \
	    2>/dev/null || true)
	if [ -z "$next" ] || [ "$next" = "$after" ] || [ "$(xmllint --xpath \
	    "count(/*/*[local-name()='order'])" "$HTTP_BODY_FILE" \
	    2>/dev/null)" -lt 1000 ]; then
		break
	fi
	after=$next
done
is "$HTTP_STATUS" 200 "the provider's feed after the purge"
# in_feed REF XPATH: the count of XPATH in the order REF, over the pages.
in_feed() {
	local f n=0 c
	for f in "${pages[@]}"; do
		c=$(xmllint --xpath "count(//*[local-name()='order'][*[local-name()='reference']='$1']/*[$2])" \
		    "$f" 2>/dev/null || echo 0)
		n=$((n + ${c%.*}))
	done
	echo "$n"
}
for r in "${refs[@]}"; do
	is "$(in_feed "$r" "local-name()='erased' and @at") $(in_feed "$r" \
	    "local-name()='customerDetails' or local-name()='encryptedCustomerDetails'")" "1 0" \
	    "  $r: the erasure marker, no customer details"
done
none "the feed" "$TAP_TMP/feed"

# --- the database outside the encrypted blobs -----------------------------------
db_query "SELECT * FROM audit" >"$TAP_TMP/audit"
check "the audit log has the showing" -- \
    grep -q "order.show.*${refs[0]}" "$TAP_TMP/audit"
none "the audit log" "$TAP_TMP/audit"
db_query "SELECT * FROM order_event" >"$TAP_TMP/order_event"
none "the order log" "$TAP_TMP/order_event"
none "the outbox after sending" "$TAP_TMP/outbox"
mariadb-dump --no-defaults -S "$TJG_DB_SOCKET" -uroot --hex-blob \
    --skip-extended-insert tjg >"$TAP_TMP/db.sql"
check "the whole database dumped" -- grep -q "INSERT INTO \`orders\`" \
    "$TAP_TMP/db.sql"
none "the whole database (blobs as hex)" "$TAP_TMP/db.sql"
while read -r t; do
	n=$(grep -c "^INSERT INTO \`$t\`" "$TAP_TMP/db.sql" || true)
	none "table $t ($n rows)" <(grep "^INSERT INTO \`$t\`" \
	    "$TAP_TMP/db.sql" || true)
done < <(db_query "SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'tjg' AND table_type = 'BASE TABLE'
    ORDER BY table_name")

# --- every URL the application produced -------------------------------------
sort -u "$PII_URLS" >"$TAP_TMP/urls"
check "URLs collected from the pages" -- \
    test "$(wc -l <"$TAP_TMP/urls")" -gt 20
perl -pe 's/\+/ /g; s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge' "$TAP_TMP/urls" \
    >"$TAP_TMP/urls-decoded"
none "the URLs (decoded)" "$TAP_TMP/urls-decoded"
none "the URLs (as sent)" "$TAP_TMP/urls"

# --- the logs ----------------------------------------------------------------
for f in "$TJG_STATE"/*.log; do
	none "log ${f##*/}" "$f"
done
check "the access logs saw the orders" -- \
    grep -q "POST /bestall/$code/$svc" "$TJG_STATE/lighttpd.access.log" \
    "$TJG_STATE/apache.access.log"

done_testing
