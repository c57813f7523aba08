#!/usr/bin/env bash
# The privacy notice (/integritet, both languages, both web servers) and
# the records of processing (/admin/records and `tjgctl records`): every
# fact they state comes from the database or the configuration, so the
# test changes the database (the network's controller details and its
# own retention) and the configuration (a second tjg.conf with other
# values) and checks that the pages follow.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

# conf_get SECTION KEY DEFAULT: a value of the stack's tjg.conf.
conf_get() {
	local v
	v=$(awk -v s="[$1]" -v k="$2" '
		/^\[/ { sec = ($0 == s) }
		sec && $1 == k && $2 == "=" { print $3 }' "$TJG_CONF")
	echo "${v:-$3}"
}

# has TEXT NEEDLE NAME: passes when TEXT contains NEEDLE (no regex).
has() {
	if [[ $1 == *"$2"* ]]; then
		pass "$3"
	else
		fail "$3"
		diag "    '$(tap_short "$2")' not found in '$(tap_short "$1")'"
	fi
}

# lacks TEXT NEEDLE NAME: passes when TEXT does not contain NEEDLE.
lacks() {
	if [[ $1 == *"$2"* ]]; then
		fail "$3"
		diag "    '$(tap_short "$2")' found"
	else
		pass "$3"
	fi
}

# flat TEXT: the text with its wrapped lines joined, one space between
# words.
flat() {
	tr '\n' ' ' <<<"$1" | tr -s ' '
}

# headings HTML: "ok" when there is one h1 and no heading level is
# skipped on the way down, else the offending sequence.
headings() {
	grep -o '<h[1-6]' <<<"$1" | tr -d '<h' | awk '
		{ if ($1 == 1) h1++; if ($1 > last + 1) bad = 1; last = $1;
		  seq = seq $1 }
		END { print (h1 == 1 && !bad) ? "ok" : seq }'
}

RETENTION=$(conf_get privacy retention_days 90)
KEEP=$(conf_get backup keep_days 90)

# The controller's details as an administrator would set them in the
# console (fictional), and the network's own retention, restored after.
read -r old_addr old_priv old_ret < <(db_query "
    SELECT QUOTE(postal_address), QUOTE(privacy_email),
    QUOTE(retention_days) FROM network WHERE slug = 'demo'")
at_exit "db_query \"UPDATE network SET postal_address = $old_addr,
    privacy_email = $old_priv, retention_days = $old_ret
    WHERE slug = 'demo'\""
ADDR="Box 9090, 123 45 Älvberga"
PRIV="dataskydd.$$@example.net"
db_query "UPDATE network SET postal_address = '$ADDR',
    privacy_email = '$PRIV', retention_days = NULL WHERE slug = 'demo'"
LEGAL=$(db_query "SELECT legal_name FROM network WHERE slug = 'demo'")
ORG=$(db_query "SELECT org_number FROM network WHERE slug = 'demo'")
OTHER=$(db_query "SELECT legal_name FROM network WHERE slug = 'andra'")
# The providers delivering in the network, with their privacy policies.
mapfile -t PROVIDERS < <(db_query "SELECT p.name FROM provider p
    JOIN provider_network pn ON pn.provider_id = p.id JOIN network n
    ON n.id = pn.network_id WHERE n.slug = 'demo' AND pn.active = 1
    AND p.active = 1 ORDER BY p.name")
mapfile -t POLICIES < <(db_query "SELECT p.privacy_url FROM provider p
    JOIN provider_network pn ON pn.provider_id = p.id JOIN network n
    ON n.id = pn.network_id WHERE n.slug = 'demo' AND pn.active = 1
    AND p.active = 1 ORDER BY p.name")
ok $((${#PROVIDERS[@]} < 2)) "the demo network has providers (${#PROVIDERS[@]})"

# --- the notice --------------------------------------------------------------

for server in $TJG_SERVERS; do
	base=$(server_url "$server")

	get "$base/integritet"
	is "$HTTP_STATUS" 200 "$server: /integritet answers"
	page=$HTTP_BODY
	has "$page" '<html lang="sv">' "$server: in Swedish"
	is "$(headings "$page")" ok "$server: one h1, headings in order"
	has "$page" "<strong>$LEGAL</strong> är personuppgiftsansvarig" \
	    "$server: the controller is the network's legal name"
	has "$page" "$ORG" "$server: with its organisation number"
	has "$page" "$ADDR" "$server: its postal address from the database"
	has "$page" "href=\"mailto:$PRIV\"" \
	    "$server: its privacy e-mail from the database"
	lacks "$page" "$OTHER" "$server: not the other network's"
	days="<strong class=\"nw\" id=\"retention-days\">$RETENTION"
	has "$page" "raderas $days dagar</strong>" \
	    "$server: the configured retention ($RETENTION days)"
	has "$page" "sparas i <span class=\"nw\">$KEEP dagar</span>" \
	    "$server: the configured backup window ($KEEP days)"
	for i in "${!PROVIDERS[@]}"; do
		has "$page" "<strong>${PROVIDERS[i]}</strong> (org.nr" \
		    "$server: lists ${PROVIDERS[i]}"
		has "$page" "href=\"${POLICIES[i]}\"" \
		    "$server: links its privacy policy"
	done
	has "$page" 'href="https://www.imy.se/"' "$server: links IMY"
	has "$page" "Integritetsskyddsmyndigheten" "$server: names IMY"
	ok $(($(grep -c 'href="/mina-uppgifter"' <<<"$page") < 3)) \
	    "$server: access, portability and erasure link /mina-uppgifter"
	has "$page" "artikel 6.1 b" "$server: the legal basis"
	has "$page" "2018:218" "$server: the personnummer law"
	has "$page" "EU/EES" "$server: where the data is processed"
	has "$page" "statussidan" "$server: withdrawal on the status page"
	has "$page" 'href="/integritet">' "$server: the footer links it too"

	get "$base/en/integritet"
	is "$HTTP_STATUS" 200 "$server: /en/integritet answers"
	page=$HTTP_BODY
	has "$page" '<html lang="en">' "$server: in English"
	is "$(headings "$page")" ok "$server: en: headings in order"
	has "$page" "<strong>$LEGAL</strong> is the controller" \
	    "$server: en: the controller"
	has "$page" "$ORG" "$server: en: the organisation number"
	has "$page" "href=\"mailto:$PRIV\"" "$server: en: the privacy e-mail"
	has "$page" "erased $days days</strong>" \
	    "$server: en: the configured retention"
	for i in "${!PROVIDERS[@]}"; do
		has "$page" "href=\"${POLICIES[i]}\"" \
		    "$server: en: links the policy of ${PROVIDERS[i]}"
	done
	has "$page" 'href="https://www.imy.se/"' "$server: en: links IMY"
	ok $(($(grep -c 'href="/en/mina-uppgifter"' <<<"$page") < 3)) \
	    "$server: en: the rights link /en/mina-uppgifter"
	has "$page" 'href="/en/integritet">' "$server: en: the footer link"

	# The other network's host: its own controller.
	get "http://andra.localhost:${base##*:}/integritet" \
	    --resolve "andra.localhost:${base##*:}:127.0.0.1"
	is "$HTTP_STATUS" 200 "$server: the other network's notice"
	has "$HTTP_BODY" "<strong>$OTHER</strong>" \
	    "$server: names the other network as controller"
	lacks "$HTTP_BODY" "$PRIV" "$server: not this network's contact"
done

# The network's own retention: read on every request (no cache), and the
# same number in the records.
db_query "UPDATE network SET retention_days = 45 WHERE slug = 'demo'"
for server in $TJG_SERVERS; do
	get "$(server_url "$server")/integritet"
	has "$HTTP_BODY" "id=\"retention-days\">45 dagar</strong>" \
	    "$server: the network's own retention at once"
done
out=$(flat "$("$TJG_CTL" -c "$TJG_CONF" records --network demo)")
has "$out" "raderas 45 dagar" "records: the network's own retention"
has "$out" "konfigurationens [privacy] retention_days är $RETENTION" \
    "records: and the configuration's value it overrides"
db_query "UPDATE network SET retention_days = NULL WHERE slug = 'demo'"
get "$(server_url lighttpd)/integritet"
has "$HTTP_BODY" "id=\"retention-days\">$RETENTION dagar</strong>" \
    "without it, the configured retention again"

# --- the order form ----------------------------------------------------------

read -r code < <(db_query "SELECT o.code FROM outlet o JOIN network n
    ON n.id = o.network_id WHERE n.slug = 'demo' AND o.status = 'active'
    ORDER BY o.id LIMIT 1")
read -r svc prov < <(db_query "SELECT s.id, REPLACE(p.name, ' ', '_')
    FROM service s JOIN provider p ON p.id = s.provider_id
    WHERE p.slug = 'vindlo-demo' ORDER BY s.id LIMIT 1")
prov=${prov//_/ }
for server in $TJG_SERVERS; do
	get "$(server_url "$server")/bestall/$code/$svc"
	is "$HTTP_STATUS" 200 "$server: the order form"
	section=$(sed -n '/<section class="privacy"/,/<\/section>/p' \
	    "$HTTP_BODY_FILE")
	has "$section" "<strong>$prov</strong>" \
	    "$server: says the chosen provider receives the data"
	has "$section" "<strong>Demo Stadsnät</strong>" \
	    "$server: and the network"
	has "$section" 'href="/integritet"' "$server: links the notice"
	get "$(server_url "$server")/en/bestall/$code/$svc"
	has "$HTTP_BODY" 'href="/en/integritet"' \
	    "$server: en: links the English notice"
done

# One stored order at least, so the records have a data key to count: the
# form as a resident fills it in (fictional data, as 81-admin-orders.t).
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
base=$(server_url lighttpd)
jar=$TAP_TMP/jar-order
html=$(curl -sS --max-time 15 -c "$jar" -b "$jar" "$base/bestall/$code/$svc")
tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p' <<<"$html" |
    head -n 1)
for ((i = 0; i < 50; i++)); do
	st=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o /dev/null \
	    -w '%{http_code}' --data-urlencode "csrf=$tok" \
	    --data-urlencode "first_name=Integra" \
	    --data-urlencode "last_name=Privatsson-$$" \
	    --data-urlencode "email=integra.$$@example.org" \
	    --data-urlencode "phone=070-123 45 67" \
	    --data-urlencode "pnr=$(pnr_make 19790412 432)" \
	    --data-urlencode "x1=1" --data-urlencode "x2=Standard" \
	    --data-urlencode "terms=1" "$base/bestall/$code/$svc")
	[ "$st" = 429 ] || break
	db_query "DELETE FROM rate_limit" >/dev/null
	sleep 0.2
done
is "$st" 303 "an order is placed"

# --- tjgctl records ----------------------------------------------------------

ACTIVITIES=("Beställningar från boende"
    "De boendes begäranden om sina uppgifter"
    "Konsolens användare och granskningsloggen" "Kontaktregistret"
    "Utskick av e-post" "Säkerhetskopior")

st=0
out=$("$TJG_CTL" -c "$TJG_CONF" records --network demo) || st=$?
is "$st" 0 "records: runs"
for a in "${ACTIVITIES[@]}"; do
	has "$out" "$a" "records: the activity \"$a\""
done
for part in Personuppgiftsansvarig Ändamål "Rättslig grund" \
    "Kategorier av registrerade" "Kategorier av personuppgifter" \
    Mottagare "Överföring till tredje land" "Lagringstid och gallring" \
    "Tekniska och organisatoriska säkerhetsåtgärder"; do
	n=6
	# The controller's details are under that title once more.
	[ "$part" = Personuppgiftsansvarig ] && n=7
	is "$(grep -c "^$part\$" <<<"$out")" "$n" "records: \"$part\" for each"
done
# The rest reads the text with its lines joined again.
out=$(flat "$out")
has "$out" "Namn: $LEGAL" "records: the controller"
has "$out" "Postadress: $ADDR" "records: its address from the database"
has "$out" "E-post i dataskyddsfrågor: $PRIV" "records: its privacy e-mail"
for i in "${!PROVIDERS[@]}"; do
	has "$out" "${PROVIDERS[i]}, organisationsnummer" \
	    "records: ${PROVIDERS[i]} is a recipient"
done
has "$out" "raderas $RETENTION dagar" "records: the configured retention"
has "$out" "(enligt [privacy] retention_days i konfigurationen)" \
    "records: says where it comes from"
has "$out" "sparas i $(conf_get privacy login_log_days 30) dagar" \
    "records: the sign-in log's days"
has "$out" "gäller i $(conf_get privacy code_minutes 10) minuter" \
    "records: the one-time code's minutes"
has "$out" "Säkerhetskopior sparas i $KEEP dagar" "records: the backups' days"
has "$out" "var $(conf_get contacts review_months 12):e månad" \
    "records: the contacts' review"
has "$out" "flaggas ([contacts] grace_days)" "records: the grace days"
# Every field the order form stores, and every extra field defined.
for f in first_name last_name email phone pnr invoice_street \
    invoice_postcode invoice_city; do
	has "$out" "orders.pii som \"$f\"" "records: the stored field $f"
done
while IFS=$'\t' read -r key label; do
	has "$out" "som \"x.$key\"" \
	    "records: the extra field $key ($label)"
done < <(db_query "SELECT f.field_key, f.label_sv FROM form_field f
    LEFT JOIN provider_network pn ON pn.provider_id = f.provider_id
    JOIN network n ON n.id = COALESCE(f.network_id, pn.network_id)
    WHERE n.slug = 'demo' AND f.active = 1 AND f.service_id IS NULL
	AND (f.provider_id IS NULL OR pn.active = 1)")
# The data keys in use, as the database counts them.
keys=$(db_query "SELECT pii_key_id, COUNT(*) FROM orders o JOIN network n
    ON n.id = o.network_id WHERE n.slug = 'demo' AND o.pii IS NOT NULL
    GROUP BY pii_key_id")
isnt "$keys" "" "the database has sealed orders"
while read -r kid n; do
	has "$out" "Nyckel-id $kid: $n beställningar" \
	    "records: key id $kid seals $n orders"
done <<<"$keys"

# Another configuration: every number follows it.
conf2=$TAP_TMP/tjg2.conf
awk '/^\[/ { skip = ($0 == "[privacy]" || $0 == "[backup]" ||
    $0 == "[contacts]") } !skip' "$TJG_CONF" >"$conf2"
cat >>"$conf2" <<'EOF'

[privacy]
retention_days = 123
code_minutes = 7
login_log_days = 11

[backup]
keep_days = 17

[contacts]
review_months = 6
grace_days = 9
purge_days = 21
EOF
st=0
out2=$("$TJG_CTL" -c "$conf2" records --network demo --format text) || st=$?
out2=$(flat "$out2")
is "$st" 0 "records with another configuration"
has "$out2" "raderas 123 dagar" "records: its retention_days"
lacks "$out2" "raderas $RETENTION dagar" "records: not the old one"
has "$out2" "gäller i 7 minuter" "records: its code_minutes"
has "$out2" "Inloggningsförsök sparas i 11 dagar" "records: its login_log_days"
has "$out2" "Säkerhetskopior sparas i 17 dagar" "records: its keep_days"
has "$out2" "var 6:e månad" "records: its review_months"
has "$out2" "inte bekräftats 9 dagar" "records: its grace_days"
has "$out2" "gallringen 21 dagar senare" "records: its purge_days"

# Every network, or an unknown one.
out=$("$TJG_CTL" -c "$TJG_CONF" records)
has "$out" "Namn: $LEGAL" "records without --network: this network"
has "$out" "Namn: $OTHER" "records without --network: and the other"
st=0
"$TJG_CTL" -c "$TJG_CONF" records --network nosuch >/dev/null 2>&1 || st=$?
is "$st" 1 "records: an unknown network fails"
st=0
"$TJG_CTL" -c "$TJG_CONF" records --format pdf >/dev/null 2>&1 || st=$?
is "$st" 2 "records: an unknown format is a usage error"

# --- /admin/records ----------------------------------------------------------

admin=privacy-admin-$$
support=privacy-support-$$
provider=privacy-vindlo-$$
console_user "$admin" network_admin
console_user "$support" network_support
console_user "$provider" provider_user vindlo-demo
jar_a=$TAP_TMP/jar-admin
jar_s=$TAP_TMP/jar-support
jar_p=$TAP_TMP/jar-provider
jar_n=$TAP_TMP/jar-none

: >"$jar_n"
console_get "$jar_n" /admin/records
is "$CONSOLE_STATUS" 303 "anonymous: to the sign-in page"

for server in $TJG_SERVERS; do
	base=$(server_url "$server")
	is "$(console_login "$admin" "$jar_a" "$base")" 303 \
	    "$server: the administrator signs in"
	console_get "$jar_a" /admin/records "$base"
	is "$CONSOLE_STATUS" 200 "$server: /admin/records for the administrator"
	page=$CONSOLE_BODY
	is "$(headings "$page")" ok "$server: one h1, headings in order"
	has "$page" 'href="/admin/records" aria-current="page"' \
	    "$server: in the navigation"
	for a in "${ACTIVITIES[@]}"; do
		has "$page" ">$a</h2>" "$server: the activity \"$a\""
	done
	has "$page" "raderas $RETENTION dagar" \
	    "$server: the configured retention"
	for i in "${!PROVIDERS[@]}"; do
		has "$page" "${PROVIDERS[i]}, organisationsnummer" \
		    "$server: ${PROVIDERS[i]} is a recipient"
	done
	has "$page" "Postadress: $ADDR" "$server: the controller's address"
	console_get "$jar_a" /en/admin/records "$base"
	is "$CONSOLE_STATUS" 200 "$server: in English too"
	has "$CONSOLE_BODY" '<html lang="en">' "$server: en: lang attribute"
	has "$CONSOLE_BODY" ">Residents&#39; orders</h2>" \
	    "$server: en: the activities in English"
	has "$CONSOLE_BODY" "erased $RETENTION days after" \
	    "$server: en: the configured retention"

	is "$(console_login "$support" "$jar_s" "$base")" 303 \
	    "$server: support signs in"
	console_get "$jar_s" /admin/records "$base"
	is "$CONSOLE_STATUS" 403 "$server: support is refused"
	lacks "$CONSOLE_BODY" 'href="/admin/records"' \
	    "$server: and has no link to it"
	is "$(console_login "$provider" "$jar_p" "$base")" 303 \
	    "$server: a provider user signs in"
	console_get "$jar_p" /admin/records "$base"
	is "$CONSOLE_STATUS" 403 "$server: a provider user is refused"
done

done_testing
