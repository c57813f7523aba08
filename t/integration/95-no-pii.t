#!/usr/bin/env bash
# No personal data where it does not belong (DESIGN.md, "Personal data";
# issue 6 point 7). Orders are placed with known fictional personal data
# (a personnummer valid by its check digit, a unique name, e-mail and
# phone) through both web servers, the forms are sent wrong in every way
# that gives an error page, an administrator shows the data, the mail is
# sent, a backup made; then the data is searched for, in clear, in:
#
#   every URL the application produced (Location headers, links, form
#	actions of every page of the journey and of the error pages),
#   the error pages (400, 403, 404, 422: outside the form fields that
#	keep what the resident typed, by design),
#   the web servers' logs, the workers' logs and every other log of the
#	stack ($TJG_STATE/*.log), and what tjgctl printed,
#   the audit log and the order log,
#   the outbox after tjgctl mail sent the messages,
#   the backup file,
#   the whole database outside the encrypted blobs (mariadb-dump with
#	blobs as hex: the blind indexes are HMACs and match nothing).
#
# Still to cover when they land: the resident's own pages
# (/mina-uppgifter: the code mail in the outbox after sending, its URLs,
# its error pages, dsr_request) and the retention purge (the erased
# order in the database, the feed's erasure marker, purge's output).
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

# --- the mail is sent; purge and a backup run ---------------------------------
check "tjgctl mail" -- ctl_out mail
read -r n sent < <(db_query "SELECT COUNT(*), SUM(status = 'sent' AND
    to_addr IS NULL AND body IS NULL) FROM outbox WHERE order_id IN
    (SELECT id FROM orders WHERE ref IN ('${refs[0]}', '${refs[1]}'))")
check "the orders' mail" -- test "$n" -ge 2
like "$(found "$TJG_MAIL_DIR"/*)" "$PII_EMAIL" \
    "(the mail reached the mail program, addressed to the resident)"
is "$sent" "$n" "is sent, its address and text erased"
check "tjgctl purge" -- ctl_out purge
check "tjgctl backup --keygen" -- ctl_out backup --keygen
check "tjgctl backup" -- ctl_out backup
backup=$(find "$TAP_TMP/backups" -name 'tjg-*.sql.enc' | head -n 1)
check "a backup file" -- test -s "$backup"
none "the backup file" "$backup"
none "what tjgctl printed" "$CTL_OUT"

# --- the database outside the encrypted blobs -----------------------------------
db_query "SELECT * FROM audit" >"$TAP_TMP/audit"
check "the audit log has the showing" -- \
    grep -q "order.show.*${refs[0]}" "$TAP_TMP/audit"
none "the audit log" "$TAP_TMP/audit"
db_query "SELECT * FROM order_event" >"$TAP_TMP/order_event"
none "the order log" "$TAP_TMP/order_event"
db_query "SELECT * FROM outbox" >"$TAP_TMP/outbox"
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
