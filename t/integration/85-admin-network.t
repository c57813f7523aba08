#!/usr/bin/env bash
# The console's pages for the network itself, its users and its audit
# log (through lighttpd), and the network's look on the public pages
# (through both web servers): settings saved and audited (field names,
# never values), colours with too little contrast refused (422, input
# kept, nothing written), /tema.css and /logo, the search snippet, users
# created with a password shown once that signs in, provider users only
# for the network's own providers, disabling and password resets ending
# sessions, no self-disable, another network's user not found, the audit
# log with its filters, and support and provider users refused.
#
# The demo network's row is copied first and put back at the end, so the
# other tests see the demo as it was.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

base=$(server_url lighttpd)
sfx="$$$RANDOM"
admin="netw-admin-$sfx"
support="netw-support-$sfx"
prov="netw-prov-$sfx"
other="netw-andra-$sfx"
jar=$TAP_TMP/admin

net_id=$(db_query "SELECT id FROM network WHERE slug = 'demo'")
db_query "DROP TABLE IF EXISTS netw_backup_$sfx;
    CREATE TABLE netw_backup_$sfx AS SELECT * FROM network WHERE id = $net_id"
had_logo=$(db_query "SELECT logo IS NOT NULL FROM network WHERE id = $net_id")
restore_network() {
	db_query "UPDATE network n JOIN netw_backup_$sfx b ON b.id = n.id SET
	    n.name = b.name, n.legal_name = b.legal_name,
	    n.org_number = b.org_number, n.postal_address = b.postal_address,
	    n.contact_email = b.contact_email,
	    n.contact_phone = b.contact_phone, n.contact_url = b.contact_url,
	    n.privacy_email = b.privacy_email, n.site_url = b.site_url,
	    n.colour_primary = b.colour_primary,
	    n.colour_accent = b.colour_accent, n.colour_text = b.colour_text,
	    n.colour_background = b.colour_background,
	    n.landing_title_sv = b.landing_title_sv,
	    n.landing_title_en = b.landing_title_en,
	    n.landing_text_sv = b.landing_text_sv,
	    n.landing_text_en = b.landing_text_en,
	    n.footer_text_sv = b.footer_text_sv,
	    n.footer_text_en = b.footer_text_en,
	    n.embed_origins = b.embed_origins,
	    n.retention_days = b.retention_days, n.alert_email = b.alert_email,
	    n.alert_unfetched_hours = b.alert_unfetched_hours,
	    n.alert_unacked_hours = b.alert_unacked_hours,
	    n.logo = b.logo, n.logo_type = b.logo_type,
	    n.updated_at = UTC_TIMESTAMP(6);
	    DROP TABLE netw_backup_$sfx"
	restored=1
}
restored=0
at_exit '[ "$restored" = 1 ] || restore_network'


console_user "$admin" network_admin
console_user "$support" network_support
console_user "$prov" provider_user vindlo-demo
console_user "$other" network_support "" andra
admin_id=$(db_query "SELECT id FROM app_user WHERE username = '$admin'")
other_id=$(db_query "SELECT id FROM app_user WHERE username = '$other'")
vindlo=$(db_query "SELECT id FROM provider WHERE slug = 'vindlo-demo'")
andra_prov=$(db_query "SELECT p.id FROM provider p JOIN provider_network pn
    ON pn.provider_id = p.id JOIN network n ON n.id = pn.network_id
    WHERE n.slug = 'andra' AND p.id NOT IN (SELECT provider_id FROM
    provider_network WHERE network_id = $net_id) ORDER BY p.id LIMIT 1")

is "$(console_login "$admin" "$jar")" 303 "the administrator signs in"

# audit_count WHERE: rows of the demo network's audit matching WHERE.
audit_count() {
	db_query "SELECT COUNT(*) FROM audit WHERE network_id = $net_id AND $1"
}

# signin NAME PASSWORD JAR: signs in by hand; prints the HTTP status.
signin() {
	local tok
	rm -f "$3"
	tok=$(curl -s -c "$3" -b "$3" "$base/admin/login" |
	    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	curl -s -c "$3" -b "$3" -o /dev/null -w '%{http_code}' \
	    --data-urlencode "csrf=$tok" --data-urlencode "username=$1" \
	    --data-urlencode "password=$2" "$base/admin/login"
}

# The password shown once on the last page.
shown_password() {
	sed -n 's/.*<code class="password">\([^<]*\)<\/code>.*/\1/p' \
	    <<<"$CONSOLE_BODY" | head -n 1
}

# --- Who may: support and provider users are refused everything. -------

for who in "$support" "$prov"; do
	j=$TAP_TMP/other-$who
	console_login "$who" "$j" >/dev/null
	for path in /admin/network /admin/users /admin/users/new \
	    "/admin/users/$admin_id" /admin/audit; do
		console_get "$j" "$path"
		is "$CONSOLE_STATUS" 403 "$who: GET $path is refused"
	done
	for path in /admin/network /admin/network/logo /admin/users \
	    "/admin/users/$admin_id" "/admin/users/$admin_id/password"; do
		console_post "$j" "$path" "" -d remove=1
		is "$CONSOLE_STATUS" 403 "$who: POST $path is refused"
	done
	for path in /logo /tema.css; do
		get "$base$path"
		isnt "$HTTP_STATUS" 403 "anyone may GET $path"
	done
done
console_get "$TAP_TMP/nobody" /admin/network
is "$CONSOLE_STATUS" 303 "signed out: GET /admin/network goes to sign-in"

# --- The settings page and its snippet. ---------------------------------

console_get "$jar" /admin/network
is "$CONSOLE_STATUS" 200 "the settings page"
like "$CONSOLE_BODY" 'name="colour_primary" value="#[0-9a-f]{6}"' \
    "shows the stored colours"
like "$CONSOLE_BODY" '<pre class="snippet"><code>&lt;form action="https://127\.0\.0\.1:[0-9]+/sok" method="get"' \
    "the snippet posts to this host's /sok over HTTPS, shown escaped"
like "$CONSOLE_BODY" '&lt;input type="search" id="tjg-q" name="q"' \
    "the snippet has the input q"
like "$CONSOLE_BODY" '&lt;label for="tjg-q"&gt;Adress eller postnummer&lt;/label&gt;' \
    "the input is labelled"
unlike "$CONSOLE_BODY" '<form action="https://' \
    "the snippet is not live markup on the page"
unlike "$CONSOLE_BODY" '&lt;script' "the snippet has no script"
console_get "$jar" /en/admin/network
like "$CONSOLE_BODY" 'The search box on your own website' "in English too"
like "$CONSOLE_BODY" '&lt;form action="https://[^"]*/en/sok"' \
    "the English snippet searches in English"

# network_form NAME=VALUE...: every field of the settings form, as
# stored, with the given ones replaced; as curl arguments in FORM.
FIELDS="name legal_name org_number postal_address contact_email
    contact_phone contact_url privacy_email site_url colour_primary
    colour_accent colour_text colour_background landing_title_sv
    landing_title_en landing_text_sv landing_text_en footer_text_sv
    footer_text_en embed_origins retention_days alert_email
    alert_unfetched_hours alert_unacked_hours"
network_form() {
	local f v kv
	declare -A set=()
	for kv in "$@"; do
		set[${kv%%=*}]=${kv#*=}
	done
	FORM=()
	for f in $FIELDS; do
		if [ -n "${set[$f]+x}" ]; then
			v=${set[$f]}
		else
			# raw (-r): line breaks as they are, not as \n
			v=$(tjg_sql -N -B -r tjg -e "SELECT COALESCE($f, '')
			    FROM network WHERE id = $net_id")
		fi
		FORM+=(--data-urlencode "$f=$v")
	done
}

# --- Saving the settings. ------------------------------------------------

title="Fiber i Testby $sfx"
before=$(audit_count "action = 'network.save'")
network_form contact_phone="08-123 45 67" colour_primary="#1F4E79" \
    colour_accent="#e35205" colour_text="#1a1a1a" \
    colour_background="#ffffff" landing_title_sv="$title" \
    landing_text_sv=$'Första stycket.\r\nAndra raden.' \
    footer_text_sv="Sidfot $sfx" retention_days=120 \
    embed_origins="https://www.example.org/ HTTPS://Stad.example.net" \
    alert_unfetched_hours=12 alert_unacked_hours=""
console_post "$jar" /admin/network "" "${FORM[@]}"
is "$CONSOLE_STATUS" 303 "saving the settings answers 303"
like "$CONSOLE_LOCATION" '/admin/network$' "back to the settings page"
IFS=$'\t' read -r phone primary ltitle ltext footer ret origins unf una < <(
    db_query "SELECT contact_phone, colour_primary, landing_title_sv,
    REPLACE(landing_text_sv, '\n', '|'), footer_text_sv, retention_days,
    embed_origins, alert_unfetched_hours,
    COALESCE(alert_unacked_hours, 'NULL') FROM network WHERE id = $net_id")
is "$phone" "08-123 45 67" "the phone is stored"
is "$primary" "#1f4e79" "the colour is stored in lower case"
is "$ltitle" "$title" "the landing title is stored"
is "$ltext" "Första stycket.|Andra raden." "line breaks stored as LF"
is "$footer" "Sidfot $sfx" "the footer text is stored"
is "$ret" 120 "the retention is stored"
is "$origins" "https://www.example.org https://stad.example.net" \
    "the origins are stored normalised"
is "$unf" 12 "the unfetched threshold is stored"
is "$una" NULL "an empty threshold is the configuration's default (NULL)"
is "$(audit_count "action = 'network.save'")" $((before + 1)) \
    "the save is audited once"
detail=$(db_query "SELECT detail FROM audit WHERE network_id = $net_id
    AND action = 'network.save' ORDER BY id DESC LIMIT 1")
like "$detail" 'contact_phone' "the audit names the changed fields"
like "$detail" 'colour_primary' "... the colour too"
unlike "$detail" '08-123|1f4e79|Testby' "... but never their values"
console_get "$jar" /admin/network
like "$CONSOLE_BODY" 'Inställningarna är sparade' "the confirmation is shown"
like "$CONSOLE_BODY" "value=\"$title\"" "the page shows the saved title"

console_post "$jar" /admin/network "" "${FORM[@]}"
is "$(audit_count "action = 'network.save'")" $((before + 1)) \
    "saving without a change writes nothing"

for srv in $TJG_SERVERS; do
	get "$(server_url "$srv")/tema.css?v=1"
	is "$HTTP_STATUS" 200 "$srv: /tema.css answers 200"
	like "$(header Content-Type)" '^text/css' "$srv: /tema.css is CSS"
	like "$HTTP_BODY" 'header\.site \{ background: #1f4e79; \}' \
	    "$srv: /tema.css has the new primary colour at once"
	like "$HTTP_BODY" 'body \{ background: #ffffff; color: #1a1a1a; \}' \
	    "$srv: /tema.css has the text and background colours"
	like "$(header Cache-Control)" 'public, max-age=300' \
	    "$srv: /tema.css may be cached"
	unlike "$(grep -i '^cache-control' "$HTTP_HEADERS_FILE" | tr -d '\r')" \
	    'no-store' "$srv: and no-store is not sent with it"
done

# --- Refused input: 422, the input kept, nothing written. --------------

snapshot() {
	db_query "SELECT CONCAT_WS('|', colour_primary, colour_text,
	    colour_background, contact_phone, updated_at) FROM network
	    WHERE id = $net_id"
}
was=$(snapshot)
network_form colour_text="#777777" colour_background="#ffffff" \
    contact_phone="08-999 99 99"
console_post "$jar" /admin/network "" "${FORM[@]}"
is "$CONSOLE_STATUS" 422 "grey text on white (4.48:1) is refused"
like "$CONSOLE_BODY" 'name="colour_text" value="#777777"' \
    "the typed colour is kept"
like "$CONSOLE_BODY" 'value="08-999 99 99"' "the other input is kept"
like "$CONSOLE_BODY" 'id="colour_text-error"[^<]*<span[^>]*>[^<]*</span>[^<]*4,4:1' \
    "the message gives the ratio, rounded down"
like "$CONSOLE_BODY" 'href="#colour_text"' "the summary links to the field"
is "$(snapshot)" "$was" "nothing is written"

network_form colour_primary="#ff6666"
console_post "$jar" /admin/network "" "${FORM[@]}"
is "$CONSOLE_STATUS" 422 "white on a light primary colour is refused"
like "$CONSOLE_BODY" 'id="colour_primary-error"' "at the primary colour"
network_form colour_background="#333333" colour_text="#ffffff"
console_post "$jar" /admin/network "" "${FORM[@]}"
is "$CONSOLE_STATUS" 422 "a dark background (the red errors) is refused"
like "$CONSOLE_BODY" 'id="colour_background-error"' "at the background"
network_form colour_accent="orange" retention_days=5000 \
    contact_email="nobody" contact_url="ftp://x" name="" \
    embed_origins="https://ok.example.org/path"
console_post "$jar" /admin/network "" "${FORM[@]}"
is "$CONSOLE_STATUS" 422 "malformed settings are refused"
for f in colour_accent retention_days contact_email contact_url name \
    embed_origins; do
	like "$CONSOLE_BODY" "id=\"$f-error\"" "... $f is marked"
done
is "$(snapshot)" "$was" "nothing is written either"

# --- The logo. ----------------------------------------------------------

png=$TAP_TMP/logo.png
base64 -d >"$png" <<<'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgCO35DwADGwHhvGmFYAAAAABJRU5ErkJggg=='
fake=$TAP_TMP/fake.png
echo "just text, not a picture" >"$fake"
svg=$TAP_TMP/logo.svg
echo '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' >"$svg"
big=$TAP_TMP/big.png
{ cat "$png"; head -c 210000 /dev/zero; } >"$big"

# upload FILE [TYPE]: posts the logo form; sets CONSOLE_STATUS/BODY.
upload() {
	local tok out
	tok=$(console_csrf "$jar")
	out=$(mktemp)
	CONSOLE_STATUS=$(curl -s -b "$jar" -c "$jar" -o "$out" \
	    -w '%{http_code}' -F "csrf=$tok" \
	    -F "logo=@$1;type=${2:-image/png}" "$base/admin/network/logo")
	CONSOLE_BODY=$(cat "$out")
	rm -f "$out"
}

upload "$fake"
is "$CONSOLE_STATUS" 422 "a text file called .png is refused"
like "$CONSOLE_BODY" 'id="logo-error"' "with a message at the file field"
upload "$svg" image/svg+xml
is "$CONSOLE_STATUS" 422 "an SVG is refused"
upload "$big"
is "$CONSOLE_STATUS" 422 "a logo over 200 kB is refused"
is "$(db_query "SELECT logo IS NULL FROM network WHERE id = $net_id")" \
    "$(db_query "SELECT logo IS NULL FROM netw_backup_$sfx")" \
    "no refused file is stored"
upload "$png" application/octet-stream
is "$CONSOLE_STATUS" 303 "a PNG is taken, whatever type the browser claims"
is "$(db_query "SELECT logo_type FROM network WHERE id = $net_id")" \
    image/png "stored as image/png"
is "$(audit_count "action = 'network.logo' AND detail LIKE 'type=image/png%'
    AND actor = 'user:$admin'")" 1 "the upload is audited"
for srv in $TJG_SERVERS; do
	get "$(server_url "$srv")/logo?v=2"
	is "$HTTP_STATUS" 200 "$srv: /logo answers 200"
	is "$(header Content-Type)" image/png "$srv: as image/png"
	is "$(header X-Content-Type-Options)" nosniff "$srv: nosniff"
	like "$(header Cache-Control)" 'public, max-age=300' \
	    "$srv: /logo may be cached"
	check "$srv: /logo is the uploaded file" -- cmp -s "$HTTP_BODY_FILE" "$png"
done
console_get "$jar" /admin/network
like "$CONSOLE_BODY" '<img class="logo-preview" src="/logo\?v=[0-9]+"' \
    "the settings page shows the logo"

# --- Users. -------------------------------------------------------------

console_get "$jar" /admin/users
is "$CONSOLE_STATUS" 200 "the users page"
like "$CONSOLE_BODY" "$prov</a></th>" "lists the provider user"
like "$CONSOLE_BODY" "$prov</a></th>[^/]*<td>[^<]*</td>[^/]*<td>Vindlo" \
    "with its provider"
unlike "$CONSOLE_BODY" "$other" "not the other network's user"
console_get "$jar" /admin/users/new
is "$CONSOLE_STATUS" 200 "the new user form"
like "$CONSOLE_BODY" "<option value=\"$vindlo\">" "offers the network's providers"
unlike "$CONSOLE_BODY" "<option value=\"$andra_prov\">" \
    "but not the other network's"

new1="netw-new-$sfx"
console_post "$jar" /admin/users "" --data-urlencode "username=$new1" \
    -d role=network_support -d provider=
is "$CONSOLE_STATUS" 200 "a support user is created, on a page of its own"
like "$(db_query "SELECT role, COALESCE(provider_id, 0), network_id FROM
    app_user WHERE username = '$new1'")" "^network_support	0	$net_id\$" \
    "stored with its role in this network"
pw1=$(shown_password)
like "$pw1" '^[A-Za-z0-9_-]{16}$' "the password is shown once"
is "$(audit_count "action = 'user.create' AND object_ref = '$new1'")" 1 \
    "the creation is audited"
is "$(audit_count "detail LIKE '%$pw1%'")" 0 "the password is not in the audit"
new1_id=$(db_query "SELECT id FROM app_user WHERE username = '$new1'")
j1=$TAP_TMP/new1
is "$(signin "$new1" "$pw1" "$j1")" 303 "the shown password signs in"
console_get "$j1" /admin
is "$CONSOLE_STATUS" 200 "the new user has a session"

console_post "$jar" /admin/users "" --data-urlencode "username=$new1" \
    -d role=network_support
is "$CONSOLE_STATUS" 422 "a taken user name is refused"
like "$CONSOLE_BODY" "value=\"$new1\"" "the name is kept"
console_post "$jar" /admin/users "" -d "username=a b" -d role=boss
is "$CONSOLE_STATUS" 422 "a bad name and role are refused"
like "$CONSOLE_BODY" 'id="username-error"' "at the name"
like "$CONSOLE_BODY" 'id="role-error"' "at the role"

new2="netw-prov2-$sfx"
console_post "$jar" /admin/users "" -d "username=$new2" -d role=provider_user
is "$CONSOLE_STATUS" 422 "a provider user needs a provider"
like "$CONSOLE_BODY" 'id="provider-error"' "at the provider"
console_post "$jar" /admin/users "" -d "username=$new2" -d role=provider_user \
    -d "provider=$andra_prov"
is "$CONSOLE_STATUS" 422 "a provider of another network is refused"
is "$(db_query "SELECT COUNT(*) FROM app_user WHERE username = '$new2'")" 0 \
    "no user is stored"
console_post "$jar" /admin/users "" -d "username=$new2" -d role=provider_user \
    -d "provider=$vindlo"
is "$CONSOLE_STATUS" 200 "a provider user of the network's provider"
is "$(db_query "SELECT provider_id FROM app_user WHERE username = '$new2'")" \
    "$vindlo" "belongs to the provider"
pw2=$(shown_password)
new2_id=$(db_query "SELECT id FROM app_user WHERE username = '$new2'")
j2=$TAP_TMP/new2
is "$(signin "$new2" "$pw2" "$j2")" 303 "the provider user signs in"

# Disabling ends the user's session.
console_get "$jar" "/admin/users/$new1_id"
is "$CONSOLE_STATUS" 200 "the user's page"
like "$CONSOLE_BODY" "$new1" "names the user"
console_post "$jar" "/admin/users/$new1_id" "" -d role=network_support \
    -d provider= -d disabled=1
is "$CONSOLE_STATUS" 303 "disabling answers 303"
is "$(db_query "SELECT disabled FROM app_user WHERE id = $new1_id")" 1 \
    "the user is disabled"
is "$(db_query "SELECT COUNT(*) FROM session WHERE user_id = $new1_id")" 0 \
    "the user's sessions are deleted"
console_get "$j1" /admin
is "$CONSOLE_STATUS" 303 "the disabled user's next request goes to sign-in"
like "$CONSOLE_LOCATION" '/admin/login' "... to the sign-in page"
is "$(signin "$new1" "$pw1" "$TAP_TMP/new1b")" 401 \
    "the disabled user cannot sign in"
is "$(audit_count "action = 'user.disable' AND object_ref = '$new1'")" 1 \
    "the disabling is audited"
console_post "$jar" "/admin/users/$new1_id" "" -d role=network_admin \
    -d provider=
is "$CONSOLE_STATUS" 303 "enabled again as an administrator"
is "$(db_query "SELECT CONCAT(role, disabled) FROM app_user
    WHERE id = $new1_id")" network_admin0 "role and state stored"
is "$(audit_count "action IN ('user.enable', 'user.role')
    AND object_ref = '$new1'")" 2 "both changes audited"

# A reset ends the sessions; only the new password works.
console_post "$jar" "/admin/users/$new2_id/password"
is "$CONSOLE_STATUS" 200 "the password is reset"
pw2b=$(shown_password)
like "$pw2b" '^[A-Za-z0-9_-]{16}$' "the new password is shown"
isnt "$pw2b" "$pw2" "it is a new one"
console_get "$j2" /admin
is "$CONSOLE_STATUS" 303 "the user's old session has ended"
is "$(signin "$new2" "$pw2" "$TAP_TMP/old")" 401 "the old password fails"
is "$(signin "$new2" "$pw2b" "$TAP_TMP/new")" 303 "the new password works"
is "$(audit_count "action = 'user.password' AND object_ref = '$new2'
    AND detail = 'reset'")" 1 "the reset is audited"

# No administrator locks themselves out.
console_post "$jar" "/admin/users/$admin_id" "" -d role=network_admin \
    -d provider= -d disabled=1
is "$CONSOLE_STATUS" 422 "an administrator cannot disable themselves"
like "$CONSOLE_BODY" 'id="disabled-error"' "with a message"
console_post "$jar" "/admin/users/$admin_id" "" -d role=network_support \
    -d provider=
is "$CONSOLE_STATUS" 422 "nor take away their own role"
console_post "$jar" "/admin/users/$admin_id/password"
is "$CONSOLE_STATUS" 422 "nor reset their own password here"
is "$(db_query "SELECT CONCAT(role, disabled) FROM app_user
    WHERE id = $admin_id")" network_admin0 "the administrator is unchanged"

# Another network's user, or no user at all, is not found.
for path in "/admin/users/$other_id" /admin/users/abc /admin/users/0 \
    /admin/users/999999999; do
	console_get "$jar" "$path"
	is "$CONSOLE_STATUS" 404 "GET $path: not found"
done
console_post "$jar" "/admin/users/$other_id" "" -d role=network_support \
    -d disabled=1
is "$CONSOLE_STATUS" 404 "the other network's user cannot be changed"
console_post "$jar" "/admin/users/$other_id/password"
is "$CONSOLE_STATUS" 404 "nor have its password reset"
is "$(db_query "SELECT disabled FROM app_user WHERE id = $other_id")" 0 \
    "the other network's user is untouched"

# --- The audit log. ------------------------------------------------------

# audit_page QUERY: the audit page; COUNT its total, ROWS its rows.
audit_page() {
	console_get "$jar" "/admin/audit$1"
	COUNT=$(sed -n 's/.*<span class="count">\([0-9]*\)<.*/\1/p' \
	    <<<"$CONSOLE_BODY")
	ROWS=$(grep -c '<tr class="entry">' <<<"$CONSOLE_BODY" || true)
}

audit_page ""
is "$CONSOLE_STATUS" 200 "the audit log"
all=$COUNT
is "$all" "$(audit_count 1)" "counts the network's entries"
is "$ROWS" "$((all > 100 ? 100 : all))" "shows at most 100 a page"
audit_page "?actor=$admin"
is "$COUNT" "$(audit_count "actor LIKE '%$admin%'")" \
    "the actor filter narrows to the administrator"
mine=$COUNT
audit_page "?actor=$admin&action=user.create"
is "$COUNT" 2 "... and to the two users created"
is "$ROWS" 2 "both shown"
like "$CONSOLE_BODY" "user:$admin" "showing who"
like "$CONSOLE_BODY" "<code>user.create</code>" "what"
like "$CONSOLE_BODY" "user $new2" "the object"
like "$CONSOLE_BODY" "role=provider_user provider=$vindlo" "the detail"
like "$CONSOLE_BODY" '127\.0\.0\.1' "and the IP address"
audit_page "?actor=$admin&action=user"
is "$COUNT" "$(audit_count "actor = 'user:$admin'
    AND action LIKE 'user.%'")" "an action prefix takes all user.* actions"
audit_page "?actor=$admin&kind=network"
is "$COUNT" 2 "object kind: the network's save and logo"
audit_page "?ref=$new1"
is "$COUNT" "$(audit_count "object_ref = '$new1'")" \
    "object reference: everything about one user"
today=$(TZ=Europe/Stockholm date +%F)
tomorrow=$(TZ=Europe/Stockholm date -d tomorrow +%F)
audit_page "?actor=$admin&from=$today&to=$today"
is "$COUNT" "$mine" "today's range has all of it"
audit_page "?actor=$admin&from=$tomorrow"
is "$COUNT" "" "from tomorrow: none"
like "$CONSOLE_BODY" 'Inga händelser' "says so"
audit_page "?from=2025-02-31"
is "$CONSOLE_STATUS" 422 "an impossible date is refused"
like "$CONSOLE_BODY" 'id="from-error"' "at the field"
like "$CONSOLE_BODY" 'value="2025-02-31"' "kept"
# Paging: 105 entries of one made-up actor, 100 a page.
db_query "INSERT INTO audit (network_id, actor, action, created_at)
    WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s
    WHERE i < 105) SELECT $net_id, 'cli:netw-bulk-$sfx', 'test.bulk',
    UTC_TIMESTAMP(6) - INTERVAL i SECOND FROM s"
audit_page "?actor=netw-bulk-$sfx"
is "$COUNT/$ROWS" 105/100 "105 entries: the first page shows 100"
like "$CONSOLE_BODY" "href=\"/admin/audit\\?actor=netw-bulk-$sfx&amp;page=2\" rel=\"next\"" \
    "and links the next page, the filter kept"
audit_page "?actor=netw-bulk-$sfx&page=2"
is "$ROWS" 5 "the second page shows the other 5"
like "$CONSOLE_BODY" 'rel="prev"' "and links back"
unlike "$CONSOLE_BODY" 'rel="next"' "but no further"
audit_page "?page=0"
is "$CONSOLE_STATUS" 400 "page 0 is a bad request"

# --- The public pages, after the workers' network cache (60 s). ---------
# Each worker keeps the network for a minute, so a fresh request may
# still be served the old look for up to that long: wait for it.

for srv in $TJG_SERVERS; do
	u=$(server_url "$srv")
	for ((i = 0; i < 75; i++)); do
		get "$u/"
		[[ $HTTP_BODY == *"$title"* && $HTTP_BODY == *'src="/logo?v='* ]] &&
		    break
		sleep 1
	done
	like "$HTTP_BODY" "<h1>$title</h1>" \
	    "$srv: the landing page has the network's title (after ${i}s)"
	like "$HTTP_BODY" '<p class="lead own-text">Första stycket.
Andra raden.</p>' "$srv: and its text, line breaks kept"
	like "$HTTP_BODY" '<img src="/logo\?v=[0-9]+" alt="Demo Stadsnät">' \
	    "$srv: the logo, named by its alt text"
	like "$HTTP_BODY" '<link rel="stylesheet" href="/tema.css\?v=[0-9]+">' \
	    "$srv: links the network's colours"
	like "$HTTP_BODY" '08-123 45 67' "$srv: the footer has the phone"
	like "$HTTP_BODY" "Sidfot $sfx" "$srv: and the footer text"
	get "$u/en/"
	unlike "$HTTP_BODY" "$title" "$srv: the English page keeps its own title"
done

# The demo's own look again, and the public pages back to it within the
# cache's minute, so the tests after this one see the demo as it was.
restore_network
for srv in $TJG_SERVERS; do
	u=$(server_url "$srv")
	for ((i = 0; i < 75; i++)); do
		get "$u/"
		[[ $HTTP_BODY != *"$title"* &&
		    ($had_logo = 1 || $HTTP_BODY != *'src="/logo?v='*) ]] &&
		    break
		sleep 1
	done
	unlike "$HTTP_BODY" "$title" "$srv: the old look is back (after ${i}s)"
done

done_testing
