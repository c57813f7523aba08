#!/usr/bin/env bash
# The console's providers, services and form fields (issue 5, point 5 and
# the network selling directly): a provider created with its feed counter
# and its place in the network, bad input refused with the form kept and
# nothing stored, the personnummer policy reaching the public order form,
# API tokens that work against the API until revoked, certificates
# checked on upload, services with prices typed in kronor, campaigns,
# areas, deactivation, extra form fields with checked options and
# patterns, a provider user limited to its own provider, and every change
# in the audit table.
#
# The public services page (/uttag/CODE) keeps a catalogue per worker
# and area for 60 s (fcgi/h_order.c), so it is asked only for areas this
# test creates and has not shown before; the order form (/bestall/...)
# reads the database every time. What is asserted about the public pages
# is said at each step.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"
command -v openssl >/dev/null || plan skip_all "openssl is missing"

base=$(server_url lighttpd)
S=$$$RANDOM
D=$TAP_TMP/work
mkdir -p "$D"
NET=$(db_query "SELECT id FROM network WHERE slug = 'demo'")
OTHER_NET=$(db_query "SELECT id FROM network WHERE slug = 'andra'")

# audit ACTION REF: how many audit entries of ACTION name object REF.
audit() {
	db_query "SELECT COUNT(*) FROM audit WHERE action = '$1'
	    AND object_ref = '$2' AND network_id = $NET"
}

# post_multipart JAR PATH [curl -F options]: as console_post, multipart.
post_multipart() {
	local jar=$1 path=$2 csrf out
	shift 2
	csrf=$(console_csrf "$jar")
	out=$(mktemp)
	read -r CONSOLE_STATUS CONSOLE_LOCATION < <(curl -s -b "$jar" \
	    -c "$jar" -o "$out" -w '%{http_code} %{redirect_url}\n' \
	    -F "csrf=$csrf" "$@" "$base$path")
	CONSOLE_BODY=$(cat "$out")
	rm -f "$out"
}

# id_of LOCATION: the id at the end of a redirect target.
id_of() {
	sed -n 's|.*/\([0-9][0-9]*\)$|\1|p' <<<"$1"
}

admin=prov-admin-$S
puser=prov-vindlo-$S
support=prov-support-$S
console_user "$admin" network_admin
console_user "$puser" provider_user vindlo-demo
console_user "$support" network_support
AJ=$TAP_TMP/admin.jar
PJ=$TAP_TMP/provider.jar
SJ=$TAP_TMP/support.jar
is "$(console_login "$admin" "$AJ")" 303 "the administrator signs in"
is "$(console_login "$puser" "$PJ")" 303 "the provider user signs in"
is "$(console_login "$support" "$SJ")" 303 "the support user signs in"

# make_area X: a new area of the network with one outlet, PROV-X-$S,
# never shown before; prints the area's id.
make_area() {
	local aid adr
	db_query "INSERT INTO area (network_id, name, code)
	    VALUES ($NET, 'Provområde $1 $S', NULL)"
	aid=$(db_query "SELECT id FROM area WHERE network_id = $NET
	    AND name = 'Provområde $1 $S'")
	db_query "INSERT INTO address (network_id, area_id, street,
	    street_norm, number, littera, postcode, city)
	    VALUES ($NET, $aid, 'Provgatan $1', 'provgatan $1',
	    $((S % 90000 + 1)), '', '12345', 'Provstad')"
	adr=$(db_query "SELECT MAX(id) FROM address WHERE area_id = $aid")
	db_query "INSERT INTO outlet (network_id, address_id, code, status)
	    VALUES ($NET, $adr, 'PROV-$1-$S', 'active')"
	echo "$aid"
}
AREA_a=$(make_area a)
AREA_b=$(make_area b)
OUT_A=PROV-a-$S
OUT_B=PROV-b-$S
AREA_OTHER=$(db_query "SELECT MIN(id) FROM area WHERE network_id = $OTHER_NET")

# --- Who may. ---------------------------------------------------------
console_get "$PJ" /admin/providers
is "$CONSOLE_STATUS" 403 "a provider user may not list providers"
console_post "$PJ" /admin/providers "" -d "name=x"
is "$CONSOLE_STATUS" 403 "nor create one"
console_get "$SJ" /admin/services
is "$CONSOLE_STATUS" 403 "a support user may not see services"
console_get "$SJ" /admin/fields
is "$CONSOLE_STATUS" 403 "nor form fields"
console_get "$AJ" /admin/providers
is "$CONSOLE_STATUS" 200 "the administrator lists the providers"
like "$CONSOLE_BODY" "Vindlo Bredband AB" "with the demo's providers"
unlike "$CONSOLE_BODY" "vindlo-andra" "but not another network's"
id_andra=$(db_query "SELECT id FROM provider WHERE slug = 'vindlo-andra'")
console_get "$AJ" "/admin/providers/$id_andra"
is "$CONSOLE_STATUS" 404 "another network's provider is not found"
console_get "$AJ" /admin/providers/nope
is "$CONSOLE_STATUS" 404 "nor is a provider id that is no number"

# --- Creating a provider. ---------------------------------------------
pname="Provleverantör $S AB"
slug=prov-$S
console_post "$AJ" /admin/providers "" --data-urlencode "slug=Prov $S" \
    --data-urlencode "name=$pname" --data-urlencode "org_number=12345" \
    --data-urlencode "terms_url=javascript:alert(1)" -d active=1
is "$CONSOLE_STATUS" 422 "a bad slug, org number and link are refused"
like "$CONSOLE_BODY" "value=\"Prov $S\"" "the slug typed is kept"
like "$CONSOLE_BODY" "value=\"$pname\"" "the name typed is kept"
for f in slug org_number terms_url; do
	grep -q "href=\"#$f\"" <<<"$CONSOLE_BODY"
	ok $? "the error summary links to $f"
done
is "$(db_query "SELECT COUNT(*) FROM provider WHERE name = '$pname'")" 0 \
    "nothing is stored"

console_post "$AJ" /admin/providers "" --data-urlencode "slug=$slug" \
    --data-urlencode "name=$pname" --data-urlencode "org_number=5561234567" \
    --data-urlencode "email=kund@prov.example" \
    --data-urlencode "terms_url=https://prov.example/villkor" \
    --data-urlencode "alert_unfetched_hours=" -d active=1
is "$CONSOLE_STATUS" 303 "a good provider is created"
PID=$(id_of "$CONSOLE_LOCATION")
like "$PID" '^[0-9]+$' "and the answer leads to its page"
is "$(db_query "SELECT slug, org_number, email, own_network_id IS NULL,
    alert_unfetched_hours IS NULL FROM provider WHERE id = ${PID:-0}")" \
    "$slug	556123-4567	kund@prov.example	1	1" \
    "stored with the org number dashed, empty thresholds as defaults"
is "$(db_query "SELECT active FROM provider_network
    WHERE provider_id = ${PID:-0} AND network_id = $NET")" 1 \
    "it delivers in this network"
is "$(db_query "SELECT last_seq FROM provider_feed
    WHERE provider_id = ${PID:-0}")" 0 "with its feed counter"
is "$(audit provider.create "$PID")" 1 "the creation is audited"

console_post "$AJ" /admin/providers "" --data-urlencode "slug=$slug" \
    --data-urlencode "name=Dubblett $S" \
    --data-urlencode "org_number=556123-4567"
is "$CONSOLE_STATUS" 422 "a slug that is taken is refused"
like "$CONSOLE_BODY" 'href="#slug"' "at the slug"
is "$(db_query "SELECT COUNT(*) FROM provider WHERE name = 'Dubblett $S'")" 0 \
    "and nothing is stored"

console_get "$AJ" "/admin/providers/$PID"
is "$CONSOLE_STATUS" 200 "the provider's page"
like "$CONSOLE_BODY" "$slug" "shows its slug"
like "$CONSOLE_BODY" 'action="/admin/providers/[0-9]+/tokens"' \
    "offers a new API token"

# --- Its services. ----------------------------------------------------
console_get "$AJ" /admin/services/new
is "$CONSOLE_STATUS" 200 "the new service form"
param_a=$(grep -o "name=\"a[0-9]*\" value=\"$AREA_a\"" <<<"$CONSOLE_BODY" |
    sed 's/name="\([^"]*\)".*/\1/')
param_b=$(grep -o "name=\"a[0-9]*\" value=\"$AREA_b\"" <<<"$CONSOLE_BODY" |
    sed 's/name="\([^"]*\)".*/\1/')
like "$param_a$param_b" '^a[0-9]+a[0-9]+$' "offers the test's areas"
unlike "$CONSOLE_BODY" "name=\"a[0-9]*\" value=\"$AREA_OTHER\"" \
    "and none of another network"

svc=(--data-urlencode "provider=$PID" -d category=internet
    --data-urlencode "name=Provfiber $S" --data-urlencode "monthly=1 299,50"
    --data-urlencode "start_fee=0" -d binding_months=12 -d notice_months=1
    -d down_mbps=100 -d up_mbps=100 -d active=1)
console_post "$AJ" /admin/services "" "${svc[@]}" \
    -d campaign_kind=percent -d campaign_value=150 -d campaign_months=0
is "$CONSOLE_STATUS" 422 "a campaign of 150 % for 0 months is refused"
like "$CONSOLE_BODY" 'href="#campaign_value"' "at its value"
like "$CONSOLE_BODY" 'href="#campaign_months"' "and at its months"
like "$CONSOLE_BODY" 'value="150"' "the value typed is kept"
like "$CONSOLE_BODY" 'value="1 299,50"' "so is the price"
console_post "$AJ" /admin/services "" "${svc[@]}" -d campaign_kind=none \
    -d campaign_value=20
is "$CONSOLE_STATUS" 422 "a campaign value without a campaign is refused"
like "$CONSOLE_BODY" 'href="#campaign_value"' "at the value"
console_post "$AJ" /admin/services "" \
    "${svc[@]/#monthly=1 299,50/monthly=1,299}"
is "$CONSOLE_STATUS" 422 "a price of \"1,299\" is not guessed at"
like "$CONSOLE_BODY" 'href="#monthly"' "at the price"
console_post "$AJ" /admin/services "" "${svc[@]}" \
    -d available_from=2027-05-01 -d available_until=2027-04-01
is "$CONSOLE_STATUS" 422 "an ordering window that ends before it starts"
like "$CONSOLE_BODY" 'href="#available_until"' "is refused at its end"
is "$(db_query "SELECT COUNT(*) FROM service WHERE name = 'Provfiber $S'")" 0 \
    "no refused service is stored"

console_post "$AJ" /admin/services "" "${svc[@]}"
is "$CONSOLE_STATUS" 303 "a service priced \"1 299,50\" is created"
SVC1=$(id_of "$CONSOLE_LOCATION")
is "$(db_query "SELECT provider_id, monthly_ore, start_fee_ore,
    binding_months, campaign_kind, limited_to_areas, active
    FROM service WHERE id = ${SVC1:-0}")" \
    "$PID	129950	0	12	none	0	1" "stored in öre"
is "$(audit service.create "$SVC1")" 1 "the creation is audited"
console_get "$AJ" "/admin/services/$SVC1"
like "$CONSOLE_BODY" 'value="1299,50"' "the form shows the price in kronor"

console_post "$AJ" /admin/services "" --data-urlencode "provider=$PID" \
    -d category=internet --data-urlencode "name=Provområdesfiber $S" \
    -d monthly=199 -d campaign_kind=fixed -d campaign_value=99 \
    -d campaign_months=3 -d limited_to_areas=1 -d active=1 \
    -d "$param_a=$AREA_a" -d "$param_b=$AREA_b"
is "$CONSOLE_STATUS" 303 "a service limited to two areas, with a campaign"
SVC2=$(id_of "$CONSOLE_LOCATION")
is "$(db_query "SELECT GROUP_CONCAT(area_id ORDER BY area_id)
    FROM service_area WHERE service_id = ${SVC2:-0}")" \
    "$(printf '%s\n' "$AREA_a" "$AREA_b" | sort -n | paste -sd,)" \
    "its service_area rows"
is "$(db_query "SELECT campaign_kind, campaign_value, campaign_months
    FROM service WHERE id = ${SVC2:-0}")" "fixed	9900	3" \
    "its campaign, the price in öre"
console_post "$AJ" "/admin/services/$SVC2" "" -d category=internet \
    --data-urlencode "name=Provområdesfiber $S" -d monthly=199 \
    -d campaign_kind=none -d limited_to_areas=1 -d active=1 \
    -d "$param_a=$AREA_OTHER"
is "$CONSOLE_STATUS" 400 "another network's area cannot be posted"
is "$(db_query "SELECT COUNT(*) FROM service_area
    WHERE service_id = ${SVC2:-0}")" 2 "and the areas stay as they were"
console_post "$AJ" "/admin/services/$SVC2" "" -d category=internet \
    --data-urlencode "name=Provområdesfiber $S" -d monthly=199 \
    -d campaign_kind=none -d limited_to_areas=1 -d active=1
is "$CONSOLE_STATUS" 422 "limited to areas but none chosen"
like "$CONSOLE_BODY" 'href="#limited_to_areas"' "is refused"

# The public guide: area a was never shown, so its page is fresh.
get "$base/uttag/$OUT_A"
is "$HTTP_STATUS" 200 "the services of an outlet in area a"
like "$HTTP_BODY" "Provfiber $S" "list the new provider's service"
like "$HTTP_BODY" "Provområdesfiber $S" "and the one limited to area a"
get "$base/bestall/$OUT_A/$SVC1"
is "$HTTP_STATUS" 200 "its order form (read from the database)"
like "$HTTP_BODY" "$pname" "names the new provider"
unlike "$HTTP_BODY" 'name="pnr"' "and asks no personnummer yet"

# --- The personnummer policy. -----------------------------------------
prov=(--data-urlencode "name=$pname" --data-urlencode "org_number=556123-4567"
    --data-urlencode "terms_url=https://prov.example/villkor" -d active=1)
console_post "$AJ" "/admin/providers/$PID" "" "${prov[@]}" \
    -d refuses_samordning=1
is "$CONSOLE_STATUS" 422 "refusing samordningsnummer without requiring pnr"
like "$CONSOLE_BODY" 'href="#refuses_samordning"' "is refused"
console_post "$AJ" "/admin/providers/$PID" "" "${prov[@]}" -d requires_pnr=1 \
    --data-urlencode "pnr_reason_sv=Skäl $S"
is "$CONSOLE_STATUS" 422 "requiring pnr without the English reason"
like "$CONSOLE_BODY" 'href="#pnr_reason_en"' "is refused"
like "$CONSOLE_BODY" "Skäl $S" "with the Swedish reason kept"
is "$(db_query "SELECT requires_pnr FROM provider WHERE id = $PID")" 0 \
    "and nothing changed"
reason="Vi gör en kreditprövning $S"
console_post "$AJ" "/admin/providers/$PID" "" "${prov[@]}" -d requires_pnr=1 \
    --data-urlencode "pnr_reason_sv=$reason" \
    --data-urlencode "pnr_reason_en=We run a credit check $S" \
    -d alert_unacked_hours=12 -d poll_interval_s=30
is "$CONSOLE_STATUS" 303 "requiring pnr with the reasons is saved"
is "$(db_query "SELECT requires_pnr, alert_unacked_hours, poll_interval_s
    FROM provider WHERE id = $PID")" "1	12	30" "in the database"
is "$(audit provider.update "$PID")" 1 "and audited"
get "$base/bestall/$OUT_A/$SVC1"
like "$HTTP_BODY" 'name="pnr"' "the order form now asks personnummer"
like "$HTTP_BODY" "$reason" "with the reason given"
get "$base/en/bestall/$OUT_A/$SVC1"
like "$HTTP_BODY" "We run a credit check $S" "in English too"

# --- API tokens. ------------------------------------------------------
get "$base/admin/providers/$PID/tokens" -b "$AJ" \
    --data-urlencode "csrf=$(console_csrf "$AJ")" \
    --data-urlencode "label=Provsystem $S"
is "$HTTP_STATUS" 200 "a token is created"
like "$(header Cache-Control)" "no-store" "the page showing it is not stored"
tok=$(sed -n 's/.*<code id="token-value">\([^<]*\)<.*/\1/p' <<<"$HTTP_BODY")
like "$tok" '^[A-Za-z0-9_-]{40,}$' "and shown"
TID=$(db_query "SELECT id FROM api_token WHERE provider_id = $PID
    AND token_hash = UNHEX(SHA2('$tok', 256))")
like "$TID" '^[0-9]+$' "only its SHA-256 is stored"
is "$(db_query "SELECT label FROM api_token WHERE id = ${TID:-0}")" \
    "Provsystem $S" "with its label"
get "$base/api/v1/orders" -H "Authorization: Bearer $tok"
is "$HTTP_STATUS" 200 "the token works against the API"
is "$(audit token.create "$TID")" 1 "its creation is audited"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE CONCAT_WS(' ', actor,
    action, object_ref, detail) LIKE '%$tok%'")" 0 \
    "and the token itself is in no audit entry"
console_get "$AJ" "/admin/providers/$PID"
like "$CONSOLE_BODY" "Provsystem $S" "the provider's page lists the token"
unlike "$CONSOLE_BODY" "$tok" "but never shows it again"
console_post "$AJ" "/admin/tokens/$TID/revoke"
is "$CONSOLE_STATUS" 303 "the token is revoked"
get "$base/api/v1/orders" -H "Authorization: Bearer $tok"
is "$HTTP_STATUS" 401 "and no longer works"
is "$(audit token.revoke "$TID")" 1 "the revocation is audited"
# A token of a provider of another network: not this network's to revoke.
other_tok=$("$TJG_CTL" -c "$TJG_CONF" token create --provider vindlo-andra \
    --label "prov-$S" 2>/dev/null)
OTID=$(db_query "SELECT id FROM api_token
    WHERE token_hash = UNHEX(SHA2('$other_tok', 256))")
console_post "$AJ" "/admin/tokens/$OTID/revoke"
is "$CONSOLE_STATUS" 404 "another network's provider's token is not found"
is "$(db_query "SELECT revoked_at IS NULL FROM api_token WHERE id = $OTID")" 1 \
    "and stays valid"
"$TJG_CTL" -c "$TJG_CONF" token revoke "$OTID" >/dev/null

# --- The certificate. -------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$D/key.pem" \
    -out "$D/cert.pem" -days 30 -subj "/CN=prov-$S" 2>/dev/null
want=$(openssl x509 -in "$D/cert.pem" -noout -fingerprint -sha256 |
    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
post_multipart "$AJ" "/admin/providers/$PID/cert" -F "cert=@$D/cert.pem"
is "$CONSOLE_STATUS" 303 "a valid certificate is uploaded"
is "$(db_query "SELECT LOWER(HEX(cert_sha256)) FROM provider
    WHERE id = $PID")" "$want" "stored with its SHA-256 fingerprint"
console_get "$AJ" "/admin/providers/$PID"
like "$CONSOLE_BODY" "CN=prov-$S" "the page shows its subject"
like "$CONSOLE_BODY" "$(tr 'a-f' 'A-F' <<<"${want:0:2}:${want:2:2}")" \
    "and its fingerprint"
is "$(audit provider.cert "$PID")" 1 "the upload is audited"

mkdir -p "$D/ca"
: >"$D/ca/index.txt"
echo 01 >"$D/ca/serial"
cat >"$D/ca/ca.cnf" <<EOF
[ca]
default_ca = d
[d]
database = $D/ca/index.txt
new_certs_dir = $D/ca
serial = $D/ca/serial
default_md = sha256
policy = p
[p]
commonName = supplied
EOF
openssl req -new -newkey rsa:2048 -nodes -keyout "$D/ca/key.pem" \
    -out "$D/ca/req.csr" -subj "/CN=expired-$S" 2>/dev/null
openssl ca -batch -config "$D/ca/ca.cnf" -selfsign -keyfile "$D/ca/key.pem" \
    -in "$D/ca/req.csr" -out "$D/expired.pem" -notext \
    -startdate 20200101000000Z -enddate 20200201000000Z >/dev/null 2>&1
post_multipart "$AJ" "/admin/providers/$PID/cert" -F "cert=@$D/expired.pem"
is "$CONSOLE_STATUS" 422 "an expired certificate is refused"
like "$CONSOLE_BODY" 'href="#cert"' "with a message at the upload"
head -c 3000 /dev/urandom >"$D/garbage.pem"
post_multipart "$AJ" "/admin/providers/$PID/cert" -F "cert=@$D/garbage.pem"
is "$CONSOLE_STATUS" 422 "a garbage file is refused"
post_multipart "$AJ" "/admin/providers/$PID/cert" -F "cert=@$D/key.pem"
is "$CONSOLE_STATUS" 422 "a private key is refused"
is "$(db_query "SELECT LOWER(HEX(cert_sha256)) FROM provider
    WHERE id = $PID")" "$want" "the old certificate is kept"
console_post "$AJ" "/admin/providers/$PID/cert" "" -d remove=1
is "$CONSOLE_STATUS" 303 "the certificate is removed"
is "$(db_query "SELECT cert_pem IS NULL AND cert_sha256 IS NULL
    FROM provider WHERE id = $PID")" 1 "from the database"
is "$(audit provider.cert_remove "$PID")" 1 "and audited"

# --- Form fields. -----------------------------------------------------
fld=(--data-urlencode "owner=provider:$PID" -d "field_key=router_$S"
    --data-urlencode "label_sv=Routerval $S" --data-urlencode "label_en=Router"
    -d kind=select -d max_len=200 -d active=1)
console_post "$AJ" /admin/fields "" "${fld[@]}" \
    --data-urlencode $'options=std|Standard|Standard\r\nprem|Premium'
is "$CONSOLE_STATUS" 422 "a select with a two-part option is refused"
like "$CONSOLE_BODY" 'href="#options"' "at the options"
like "$CONSOLE_BODY" "prem[|]Premium</textarea>" "which are kept"
console_post "$AJ" /admin/fields "" "${fld[@]}" \
    --data-urlencode $'options=std|Standard|Standard\nstd|Igen|Again'
is "$CONSOLE_STATUS" 422 "a select with a value twice is refused"
console_post "$AJ" /admin/fields "" "${fld[@]/#kind=select/kind=text}" \
    --data-urlencode "pattern=[0-9"
is "$CONSOLE_STATUS" 422 "a pattern that does not compile is refused"
like "$CONSOLE_BODY" 'href="#pattern"' "at the pattern"
is "$(db_query "SELECT COUNT(*) FROM form_field
    WHERE field_key = 'router_$S'")" 0 "no refused field is stored"
console_post "$AJ" /admin/fields "" "${fld[@]}" \
    --data-urlencode \
    $'options= std | Standard | Standard \r\nprem|Premium|Premium\r\n'
is "$CONSOLE_STATUS" 303 "a good select field is created"
FID=$(id_of "$CONSOLE_LOCATION")
is "$(db_query "SELECT provider_id, kind, REPLACE(options, '\n', '/')
    FROM form_field WHERE id = ${FID:-0}")" \
    "$PID	select	std|Standard|Standard/prem|Premium|Premium" \
    "its options stored trimmed, one a line"
is "$(audit field.create "$FID")" 1 "the creation is audited"
console_post "$AJ" /admin/fields "" "${fld[@]}" \
    --data-urlencode $'options=a\nb'
is "$CONSOLE_STATUS" 422 "the same key twice for one provider is refused"
like "$CONSOLE_BODY" 'href="#field_key"' "at the key"
console_post "$AJ" /admin/fields "" --data-urlencode "owner=service:$SVC1" \
    -d field_key=kundnr_$S --data-urlencode "label_sv=Kundnummer" \
    --data-urlencode "label_en=Customer number" -d kind=text \
    --data-urlencode "pattern=[0-9]{6}" -d max_len=6 -d active=1
is "$CONSOLE_STATUS" 303 "a text field of one service, with a pattern"
FID2=$(id_of "$CONSOLE_LOCATION")
is "$(db_query "SELECT service_id, pattern, max_len FROM form_field
    WHERE id = ${FID2:-0}")" "$SVC1	[0-9]{6}	6" "stored for the service"
get "$base/bestall/$OUT_A/$SVC1"
like "$HTTP_BODY" "Kundnummer" "the order form asks it"
like "$HTTP_BODY" "Routerval $S" "and the provider's select"

# --- A provider user. -------------------------------------------------
VINDLO=$(db_query "SELECT id FROM provider WHERE slug = 'vindlo-demo'")
TELVIRA_SVC=$(db_query "SELECT MIN(s.id) FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'telvira-demo'")
VINDLO_SVC=$(db_query "SELECT MIN(id) FROM service
    WHERE provider_id = $VINDLO")
KVISTRA_FIELD=$(db_query "SELECT MIN(f.id) FROM form_field f JOIN provider p
    ON p.id = f.provider_id WHERE p.slug = 'kvistra-demo'")
NET_FIELD=$(db_query "SELECT MIN(id) FROM form_field WHERE network_id = $NET")
console_get "$PJ" /admin/services
is "$CONSOLE_STATUS" 200 "a provider user lists services"
like "$CONSOLE_BODY" "href=\"/admin/services/$VINDLO_SVC\"" "its provider's"
unlike "$CONSOLE_BODY" "href=\"/admin/services/$TELVIRA_SVC\"" \
    "not another provider's"
unlike "$CONSOLE_BODY" "href=\"/admin/services/$SVC1\"" "nor the new one's"
console_get "$PJ" "/admin/services/$VINDLO_SVC"
is "$CONSOLE_STATUS" 200 "it opens its own service"
console_get "$PJ" "/admin/services/$TELVIRA_SVC"
is "$CONSOLE_STATUS" 404 "another provider's service is not found"
console_post "$PJ" "/admin/services/$TELVIRA_SVC" "" -d category=tv \
    -d name=x -d monthly=1
is "$CONSOLE_STATUS" 404 "nor can it be changed"
console_get "$PJ" /admin/fields
is "$CONSOLE_STATUS" 200 "a provider user lists form fields"
unlike "$CONSOLE_BODY" "href=\"/admin/fields/$KVISTRA_FIELD\"" \
    "not another provider's"
unlike "$CONSOLE_BODY" "href=\"/admin/fields/$NET_FIELD\"" "nor the network's"
console_get "$PJ" "/admin/fields/$KVISTRA_FIELD"
is "$CONSOLE_STATUS" 404 "another provider's field is not found"
console_get "$PJ" "/admin/fields/$NET_FIELD"
is "$CONSOLE_STATUS" 404 "nor is the network's"
console_get "$PJ" "/admin/fields/$FID"
is "$CONSOLE_STATUS" 404 "nor the new provider's"
console_get "$PJ" /admin/fields/new
unlike "$CONSOLE_BODY" 'value="network"' "it cannot give a field to the network"
unlike "$CONSOLE_BODY" "value=\"provider:$PID\"" "nor to another provider"
# Inactive, so the demo's order forms stay as the other tests expect.
console_post "$PJ" /admin/fields "" --data-urlencode "owner=network" \
    -d field_key=p_$S -d label_sv=x -d label_en=x -d kind=checkbox
is "$CONSOLE_STATUS" 422 "a provider user's field for the network is refused"
console_post "$PJ" /admin/fields "" \
    --data-urlencode "owner=service:$TELVIRA_SVC" -d field_key=p_$S \
    -d label_sv=x -d label_en=x -d kind=checkbox
is "$CONSOLE_STATUS" 422 "so is one for another provider's service"
console_post "$PJ" /admin/fields "" --data-urlencode "owner=provider:$VINDLO" \
    -d field_key=p_$S -d label_sv=Fråga -d label_en=Question -d kind=checkbox
is "$CONSOLE_STATUS" 303 "a field of its own provider is created"
is "$(db_query "SELECT provider_id, active FROM form_field
    WHERE field_key = 'p_$S'")" "$VINDLO	0" "inactive, as asked"
console_post "$PJ" /admin/services "" --data-urlencode "provider=$PID" \
    -d category=tv --data-urlencode "name=Prov-tv $S" -d monthly=99
is "$CONSOLE_STATUS" 303 "a provider user creates a service"
is "$(db_query "SELECT provider_id, active FROM service
    WHERE name = 'Prov-tv $S'")" "$VINDLO	0" \
    "for its own provider, whatever it posts (inactive, as asked)"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'service.create'
    AND actor = 'user:$puser'")" 1 "audited with the provider user's name"

# --- Deactivation, and the network selling itself. --------------------
console_post "$AJ" "/admin/services/$SVC2" "" -d category=internet \
    --data-urlencode "name=Provområdesfiber $S" -d monthly=199 \
    -d campaign_kind=none -d limited_to_areas=1 \
    -d "$param_a=$AREA_a" -d "$param_b=$AREA_b"
is "$CONSOLE_STATUS" 303 "the limited service is deactivated"
is "$(db_query "SELECT active, campaign_kind FROM service
    WHERE id = $SVC2")" "0	none" "in the database, not deleted"
is "$(db_query "SELECT detail FROM audit WHERE action = 'service.update'
    AND object_ref = '$SVC2'")" "deactivated" "audited as a deactivation"
# Area b's page was never shown, so no worker has it cached.
get "$base/uttag/$OUT_B"
is "$HTTP_STATUS" 200 "the services of an outlet in area b"
unlike "$HTTP_BODY" "Provområdesfiber $S" "no longer list it"
like "$HTTP_BODY" "Provfiber $S" "but the provider's other service"
get "$base/bestall/$OUT_A/$SVC2"
is "$HTTP_STATUS" 404 "and its order form is gone"

console_post "$AJ" "/admin/providers/$PID" "" \
    "${prov[@]/#active=1/own_network=1}" \
    -d requires_pnr=1 --data-urlencode "pnr_reason_sv=$reason" \
    --data-urlencode "pnr_reason_en=We run a credit check $S"
is "$CONSOLE_STATUS" 303 "the provider is marked as the network itself, and"
is "$(db_query "SELECT p.own_network_id, pn.active FROM provider p
    JOIN provider_network pn ON pn.provider_id = p.id
    WHERE p.id = $PID AND pn.network_id = $NET")" "$NET	0" \
    "stops delivering here: own_network_id set, provider_network inactive"
is "$(db_query "SELECT detail FROM audit WHERE action = 'provider.update'
    AND object_ref = '$PID' ORDER BY id DESC LIMIT 1")" "deactivated" \
    "audited as a deactivation"
console_get "$AJ" /admin/providers
like "$CONSOLE_BODY" "$pname</a> <span class=\"badge\">" \
    "the list marks the network's own provider"
get "$base/bestall/$OUT_A/$SVC1"
is "$HTTP_STATUS" 404 "its services can no longer be ordered"
is "$(db_query "SELECT COUNT(*) FROM provider WHERE id = $PID")" 1 \
    "the provider itself remains"
# Left as it was found: no test provider claims to be the network.
console_post "$AJ" "/admin/providers/$PID" "" \
    --data-urlencode "name=$pname" --data-urlencode "org_number=556123-4567" \
    -d requires_pnr=1 --data-urlencode "pnr_reason_sv=$reason" \
    --data-urlencode "pnr_reason_en=We run a credit check $S"
is "$CONSOLE_STATUS" 303 "unticking \"the network itself\" is saved"
is "$(db_query "SELECT own_network_id IS NULL FROM provider
    WHERE id = $PID")" 1 "and the network's claim is cleared"

# Every change of this test is in the audit, by this test's users.
is "$(db_query "SELECT COUNT(*) FROM audit WHERE actor IN ('user:$admin',
    'user:$puser') AND action IN ('provider.create', 'provider.update',
    'token.create', 'token.revoke', 'provider.cert',
    'provider.cert_remove', 'service.create', 'service.update',
    'field.create', 'field.update')")" 15 "fifteen changes, fifteen entries"

done_testing
