#!/usr/bin/env bash
# The console's catalogue on the real stack: areas (create, a duplicate
# refused with the input kept, deactivate, all audited), addresses
# (a bad postcode refused with nothing stored, create, deactivate: gone
# from the public search), outlets (add, a taken apartment refused,
# inactive instead of deleted), and the import of the address register:
# a clean file applied by tjgctl, then a file full of mistakes through
# the console (preview with every rejected line and its reason, nothing
# written before apply, apply in one transaction, a second apply 409,
# the audit) with the same counts from tjgctl. Support and provider
# users are refused every route (403); another network's ids are 404.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

base=$(server_url lighttpd)
# Letters only: street names with digits would read as house numbers.
tag=$(tr '0-9' 'a-j' <<<"$RANDOM$RANDOM")
TAG=${tag^^}
admin=cat-admin-$tag
support=cat-support-$tag
provider=cat-provider-$tag
console_user "$admin" network_admin
console_user "$support" network_support
console_user "$provider" provider_user vindlo-demo
jar=$TAP_TMP/admin
is "$(console_login "$admin" "$jar")" 303 "the administrator signs in"

q() {
	db_query "$1"
}
audited() {
	q "SELECT COUNT(*) FROM audit WHERE action = '$1' AND object_ref = '$2'"
}
# The id at the end of the last redirect.
loc_id() {
	sed -n 's|.*/\([0-9][0-9]*\)$|\1|p' <<<"$CONSOLE_LOCATION"
}

# --- Areas -----------------------------------------------------------
console_get "$jar" /admin/areas
is "$CONSOLE_STATUS" 200 "areas: the list"
like "$CONSOLE_BODY" 'Centrum' "areas: shows the demo's areas"

area_name="Katalogområde $tag"
console_post "$jar" /admin/areas "" --data-urlencode "name=$area_name" \
    --data-urlencode "code=K$TAG"
is "$CONSOLE_STATUS" 303 "areas: create"
area=$(loc_id)
like "$CONSOLE_LOCATION" "/admin/areas/$area\$" "areas: to the new area"
is "$(q "SELECT CONCAT(name, '|', code, '|', active) FROM area
    WHERE id = '$area'")" "$area_name|K$TAG|1" "areas: stored"
is "$(audited area.create "$area")" 1 "areas: creation audited"

console_post "$jar" /admin/areas "" --data-urlencode "name=$area_name" \
    --data-urlencode "code=X$TAG"
is "$CONSOLE_STATUS" 422 "areas: a duplicate name is refused"
like "$CONSOLE_BODY" "value=\"X$TAG\"" "areas: the input is kept"
like "$CONSOLE_BODY" 'href="#name"' "areas: the summary names the field"
is "$(q "SELECT COUNT(*) FROM area WHERE code = 'X$TAG'")" 0 \
    "areas: nothing stored"
console_post "$jar" /admin/areas "" --data-urlencode "name=" \
    --data-urlencode "code=bad code"
is "$CONSOLE_STATUS" 422 "areas: an empty name and a bad code are refused"

console_get "$jar" "/admin/areas/$area"
is "$CONSOLE_STATUS" 200 "areas: the edit form"
like "$CONSOLE_BODY" "value=\"$area_name\"" "areas: filled in"
console_post "$jar" "/admin/areas/$area" "" \
    --data-urlencode "name=$area_name" --data-urlencode "code=K$TAG"
is "$CONSOLE_STATUS" 303 "areas: deactivate (the box unticked)"
is "$(q "SELECT active FROM area WHERE id = '$area'")" 0 \
    "areas: stored inactive, not deleted"
is "$(q "SELECT COUNT(*) FROM audit WHERE action = 'area.update'
    AND object_ref = '$area' AND detail LIKE '%active=0%'")" 1 \
    "areas: deactivation audited"
console_post "$jar" "/admin/areas/$area" "" \
    --data-urlencode "name=$area_name" --data-urlencode "code=K$TAG" \
    --data-urlencode "active=1"
is "$(q "SELECT active FROM area WHERE id = '$area'")" 1 \
    "areas: active again"
console_get "$jar" /admin/areas/nope
is "$CONSOLE_STATUS" 404 "areas: a bad id is not found"
other_area=$(q "SELECT a.id FROM area a JOIN network n ON n.id =
    a.network_id WHERE n.slug = 'andra' LIMIT 1")
console_get "$jar" "/admin/areas/$other_area"
is "$CONSOLE_STATUS" 404 "areas: another network's area is not found"

# --- Addresses and outlets -------------------------------------------
street="Katalog${tag}vägen"
addr=(--data-urlencode "street=$street" --data-urlencode "number=5"
    --data-urlencode "littera=b" --data-urlencode "city=Katalogstad"
    --data-urlencode "area=$area" --data-urlencode "external_id=MAN$TAG-1")
console_post "$jar" /admin/addresses "" "${addr[@]}" \
    --data-urlencode "postcode=1234"
is "$CONSOLE_STATUS" 422 "address: a four-digit postcode is refused"
like "$CONSOLE_BODY" 'value="1234"' "address: the postcode is kept"
like "$CONSOLE_BODY" "value=\"Katalog${tag}v" "address: the street is kept"
like "$CONSOLE_BODY" 'href="#postcode"' "address: the summary names it"
is "$(q "SELECT COUNT(*) FROM address WHERE external_id = 'MAN$TAG-1'")" \
    0 "address: nothing stored"

console_post "$jar" /admin/addresses "" "${addr[@]}" \
    --data-urlencode "postcode=123 45"
is "$CONSOLE_STATUS" 303 "address: create"
aid=$(loc_id)
is "$(q "SELECT CONCAT(street_norm, '|', number, '|', littera, '|',
    postcode, '|', area_id, '|', active) FROM address WHERE id = '$aid'")" \
    "katalog${tag}vagen|5|B|12345|$area|1" \
    "address: stored, normalised, in the area"
is "$(audited address.create "$aid")" 1 "address: creation audited"

console_get "$jar" "/admin/addresses?q=$(urlencode "Katalog${tag}v")"
is "$CONSOLE_STATUS" 200 "addresses: search"
like "$CONSOLE_BODY" "/admin/addresses/$aid\"" "addresses: finds it"
console_get "$jar" "/admin/addresses?q=MAN$TAG-1"
like "$CONSOLE_BODY" "/admin/addresses/$aid\"" "addresses: by external id"

console_post "$jar" "/admin/addresses/$aid/outlets" "" \
    --data-urlencode "code=man$tag-1" --data-urlencode "apartment=1101" \
    --data-urlencode "status=active"
is "$CONSOLE_STATUS" 303 "outlet: add"
oid=$(q "SELECT id FROM outlet WHERE code = 'MAN$TAG-1'")
isnt "$oid" "" "outlet: stored with the code in capitals"
is "$(audited outlet.create "$oid")" 1 "outlet: audited"
console_post "$jar" "/admin/addresses/$aid/outlets" "" \
    --data-urlencode "code=MAN$TAG-2" --data-urlencode "apartment=1101" \
    --data-urlencode "status=active"
is "$CONSOLE_STATUS" 422 "outlet: the apartment of another outlet is refused"
like "$CONSOLE_BODY" "value=\"MAN$TAG-2\"" "outlet: the input is kept"
console_post "$jar" "/admin/addresses/$aid/outlets" "" \
    --data-urlencode "code=-bad code" --data-urlencode "apartment=11" \
    --data-urlencode "status=open" --data-urlencode "active_from=2025-02-30"
is "$CONSOLE_STATUS" 422 "outlet: bad code, apartment, status and date"
for f in code apartment status active_from; do
	like "$CONSOLE_BODY" "href=\"#$f\"" "outlet: the summary names $f"
done
is "$(q "SELECT COUNT(*) FROM outlet WHERE address_id = '$aid'")" 1 \
    "outlet: nothing more stored"

console_get "$jar" "/admin/outlets/$oid"
is "$CONSOLE_STATUS" 200 "outlet: the edit form"
console_post "$jar" "/admin/outlets/$oid" "" \
    --data-urlencode "code=MAN$TAG-1" --data-urlencode "apartment=1101" \
    --data-urlencode "status=inactive"
is "$CONSOLE_STATUS" 303 "outlet: set inactive"
is "$(q "SELECT status FROM outlet WHERE id = '$oid'")" inactive \
    "outlet: stored inactive"
is "$(q "SELECT COUNT(*) FROM audit WHERE action = 'outlet.update'
    AND object_ref = '$oid' AND detail LIKE '%status=inactive%'")" 1 \
    "outlet: audited"

# The public search, with the address and its area active or not.
pub() {
	get "$base/sok?q=$(urlencode "Katalog${tag}vägen 5")"
}
pub
like "$HTTP_BODY" "href=\"/adress/$aid\"" "public: the address is found"
console_post "$jar" "/admin/areas/$area" "" \
    --data-urlencode "name=$area_name" --data-urlencode "code=K$TAG"
pub
unlike "$HTTP_BODY" "href=\"/adress/$aid\"" \
    "public: not found in a deactivated area"
console_post "$jar" "/admin/areas/$area" "" \
    --data-urlencode "name=$area_name" --data-urlencode "code=K$TAG" \
    --data-urlencode "active=1"
console_post "$jar" "/admin/addresses/$aid" "" "${addr[@]}" \
    --data-urlencode "postcode=12345"
is "$CONSOLE_STATUS" 303 "address: deactivate (the box unticked)"
is "$(q "SELECT active FROM address WHERE id = '$aid'")" 0 \
    "address: stored inactive"
is "$(q "SELECT COUNT(*) FROM audit WHERE action = 'address.update'
    AND object_ref = '$aid' AND detail LIKE '%active=0%'")" 1 \
    "address: deactivation audited"
pub
is "$HTTP_STATUS" 200 "public: the search answers"
unlike "$HTTP_BODY" "href=\"/adress/$aid\"" \
    "public: a deactivated address is not found"
get "$base/adress/$aid"
is "$HTTP_STATUS" 404 "public: nor its page"
console_get "$jar" "/admin/addresses?q=$(urlencode "Katalog${tag}v")"
unlike "$CONSOLE_BODY" "/admin/addresses/$aid\"" \
    "addresses: hidden from the list by default"
console_get "$jar" "/admin/addresses?q=$(urlencode "Katalog${tag}v")&inactive=1"
like "$CONSOLE_BODY" "/admin/addresses/$aid\"" "addresses: shown on request"
other_addr=$(q "SELECT a.id FROM address a JOIN network n ON n.id =
    a.network_id WHERE n.slug = 'andra' LIMIT 1")
console_get "$jar" "/admin/addresses/$other_addr"
is "$CONSOLE_STATUS" 404 "addresses: another network's is not found"

# --- The import ------------------------------------------------------
S="Katalog${tag}gatan"
good=$TAP_TMP/good.csv
cat >"$good" <<EOF
street;number;littera;postcode;city;area;apartment;outlet_code;outlet_status;external_id
$S;1;;12345;Katalogstad;Centrum;1101;CAT$TAG-1;active;CAT$TAG-A1
$S;1;;12345;Katalogstad;Centrum;1102;CAT$TAG-2;active;CAT$TAG-A1
$S;3;B;12345;Katalogstad;Centrum;;CAT$TAG-3;active;CAT$TAG-A2
EOF
last_audit=$(q "SELECT COALESCE(MAX(id), 0) FROM audit")
out=$("$TJG_CTL" -c "$TJG_CONF" import-addresses --network demo --apply \
    "$good" 2>"$TAP_TMP/cli.err") && st=0 || st=$?
is "$st" 0 "tjgctl: a clean file is applied"
like "$out" "addresses added: 2" "tjgctl: two addresses"
like "$out" "outlets added: 3" "tjgctl: three outlets"
unlike "$(cat "$TAP_TMP/cli.err")" $'\r' "tjgctl: no progress line when piped"
is "$(q "SELECT COUNT(*) FROM outlet WHERE code LIKE 'CAT$TAG-_'")" 3 \
    "tjgctl: the outlets are stored"
is "$(q "SELECT COUNT(*) FROM audit WHERE action = 'address.import'
    AND id > $last_audit AND actor LIKE 'cli:%'
    AND detail LIKE 'addresses_added=2 %'")" 1 \
    "tjgctl: audited"

# Line numbers of the file full of mistakes are in the comments.
bad=$TAP_TMP/mistakes.csv
long=$(printf '%4100s' '' | tr ' ' x)
cat >"$bad" <<EOF
street;number;littera;postcode;city;area;apartment;outlet_code;outlet_status;active_from;external_id
$S;1;;12345;Katalogstad;Centrum;1101;CAT$TAG-1;active;;CAT$TAG-A1
$S;1;;12345;Katalogstad;Centrum;1102;CAT$TAG-2;planned;2031-01-01;CAT$TAG-A1
$S;3;B;12345;Nystad;Centrum;;CAT$TAG-3;active;;CAT$TAG-A2
$S;5;;12345;Katalogstad;Centrum;1101;CAT$TAG-4;;;CAT$TAG-A3
$S;5;;12345;Katalogstad;Centrum;1102;cat$tag-5;;;CAT$TAG-A3
$S;7;;1234;Katalogstad;Centrum;;CAT$TAG-6;;;CAT$TAG-A4
$S;9;;12345;Katalogstad;Centrum;;CAT$TAG 7;;;CAT$TAG-A5
$S;11;;;Katalogstad;Centrum;;CAT$TAG-8;;;CAT$TAG-A6
$S;5;;12345;Katalogstad;Centrum;1103;CAT$TAG-4;;;CAT$TAG-A3
"$S;13;;12345;Katalogstad;Centrum;;CAT$TAG-9;;;CAT$TAG-A7
$S;15;;12345;$long;Centrum;;CAT$TAG-10;;;CAT$TAG-A8
"$S, ""Norra""";17;;12345;Katalogstad;Centrum;;CAT$TAG-11;;;CAT$TAG-A9
$S;19;;12345;Katalogstad;Ingenstans;;CAT$TAG-12;;;CAT$TAG-A10
$S;21;;12345;Katalogstad;Centrum;12;CAT$TAG-13;;;CAT$TAG-A11
$S;0;;12345;Katalogstad;Centrum;;CAT$TAG-14;;;CAT$TAG-A12

$S;23;;12345;Katalogstad;Centrum;;CAT$TAG-15;closed;;CAT$TAG-A13
EOF
# Line 2 unchanged, 3 an outlet changed, 4 an address changed, 5 and 6 a
# new address with two outlets, 13 a new one with quotes; the rest bad.

upload() {
	local csrf
	csrf=$(console_csrf "$jar")
	read -r CONSOLE_STATUS CONSOLE_LOCATION < <(curl -s -b "$jar" \
	    -c "$jar" -o "$TAP_TMP/up" -w '%{http_code} %{redirect_url}\n' \
	    -F "csrf=$csrf" "$@" "$base/en/admin/import")
	CONSOLE_BODY=$(cat "$TAP_TMP/up")
}
console_get "$jar" /admin/import
is "$CONSOLE_STATUS" 200 "import: the upload form"
like "$CONSOLE_BODY" 'enctype="multipart/form-data"' "import: a file upload"
like "$CONSOLE_BODY" 'outlet_code' "import: the format is explained"
upload -F "file=@/dev/null;filename=empty.csv"
is "$CONSOLE_STATUS" 422 "import: an empty upload is refused"
upload -F "file=@$bad;filename=mistakes.csv;type=text/csv" -F "note=x"
is "$CONSOLE_STATUS" 400 "import: nothing but the file and the csrf"
before=$(q "SELECT COUNT(*) FROM address_import")
upload -F "file=@$bad;filename=mistakes.csv;type=text/csv"
is "$CONSOLE_STATUS" 303 "import: the upload is stored"
imp=$(loc_id)
like "$CONSOLE_LOCATION" "/en/admin/import/$imp\$" "import: to the preview"
is "$(q "SELECT COUNT(*) FROM address_import")" $((before + 1)) \
    "import: one file stored"
is "$(audited address.import.upload "$imp")" 1 "import: the upload audited"

console_get "$jar" "/en/admin/import/$imp"
is "$CONSOLE_STATUS" 200 "preview: shown"
page=$CONSOLE_BODY
count() {
	sed -n "s/.*id=\"$1\">\\([0-9]*\\)<.*/\\1/p" <<<"$page"
}
is "$(count records)" 16 "preview: 16 lines read"
is "$(count addresses-added)" 2 "preview: 2 addresses to add"
is "$(count addresses-changed)" 1 "preview: 1 address to change"
is "$(count outlets-added)" 3 "preview: 3 outlets to add"
is "$(count outlets-changed)" 1 "preview: 1 outlet to change"
is "$(count unchanged)" 1 "preview: 1 line unchanged"
is "$(count rejected)" 10 "preview: 10 lines rejected"
rejected_line() {
	like "$page" "<td class=\"num\">$1</td><td>$2" "preview: line $1: $3"
}
rejected_line 7 'postcode 1234 is not five digits' "a four-digit postcode"
rejected_line 8 "outlet code CAT$TAG 7 may only hold" "a space in a code"
rejected_line 9 'column postcode is empty' "an empty postcode"
rejected_line 10 'the outlet code is already on line 5' "a duplicate code"
rejected_line 11 'a quoted field is not closed' "an unclosed quote"
rejected_line 12 'the line is longer than 4096 bytes' "an overlong line"
rejected_line 14 'there is no area called Ingenstans' "an unknown area"
rejected_line 15 'apartment number 12 is not four digits' "a short apartment"
rejected_line 16 'number 0 is not a whole number' "number 0"
rejected_line 18 'outlet status closed is not' "an unknown status"
like "$page" "<td>Nystad</td>" "preview: the city change, new value"
like "$page" "<td>Katalogstad</td><td>Nystad</td>" \
    "preview: old -> new"
like "$page" "<td>active</td><td>planned</td>" \
    "preview: the outlet's status, old -> new"
like "$page" "$S, &quot;Norra&quot; 17" "preview: the quoted street"
expect=$(sed -n 's/.*name="expect" value="\([^"]*\)".*/\1/p' <<<"$page")
is "$expect" "2-1-3-1-10" "preview: the apply form carries the counts"
is "$(q "SELECT COUNT(*) FROM outlet WHERE code LIKE 'CAT$TAG-%'")" 3 \
    "preview: nothing written"
is "$(q "SELECT city FROM address WHERE external_id = 'CAT$TAG-A2'")" \
    Katalogstad "preview: no address changed"

# The same file through tjgctl, before anything is applied.
out=$("$TJG_CTL" -c "$TJG_CONF" import-addresses --network demo "$bad" \
    2>/dev/null) && st=0 || st=$?
is "$st" 1 "tjgctl: exit 1 when a line is rejected"
for pair in "rows: 16" "addresses added: 2" "addresses changed: 1" \
    "outlets added: 3" "outlets changed: 1" "rows unchanged: 1" \
    "rows rejected: 10"; do
	like "$out" "$pair" "tjgctl: $pair, as the console"
done
like "$out" "line 7: rejected: postcode 1234 is not five digits" \
    "tjgctl: the reasons in the same words"
out=$("$TJG_CTL" -c "$TJG_CONF" import-addresses --network demo --apply \
    "$bad" 2>/dev/null) && st=0 || st=$?
is "$st" 1 "tjgctl: --apply refuses a file with rejected lines"
like "$out" "not applied" "tjgctl: and says so"
is "$(q "SELECT COUNT(*) FROM outlet WHERE code LIKE 'CAT$TAG-%'")" 3 \
    "tjgctl: nothing written"

console_post "$jar" "/en/admin/import/$imp/apply" "" \
    --data-urlencode "expect=2-1-3-1-9"
is "$CONSOLE_STATUS" 409 "apply: refused when the plan is not the preview's"
like "$CONSOLE_BODY" "Nothing was saved" "apply: and says so"
console_post "$jar" "/en/admin/import/$imp/apply" "" \
    --data-urlencode "expect=$expect"
is "$CONSOLE_STATUS" 303 "apply: done"
like "$CONSOLE_LOCATION" "/en/admin/import/$imp\$" "apply: to the result"
is "$(q "SELECT COUNT(*) FROM outlet WHERE code LIKE 'CAT$TAG-%'")" 6 \
    "apply: exactly the three new outlets"
is "$(q "SELECT GROUP_CONCAT(code ORDER BY code) FROM outlet
    WHERE code LIKE 'CAT$TAG-%'")" \
    "CAT$TAG-1,CAT$TAG-11,CAT$TAG-2,CAT$TAG-3,CAT$TAG-4,CAT$TAG-5" \
    "apply: the good lines' outlets, codes in capitals"
is "$(q "SELECT city FROM address WHERE external_id = 'CAT$TAG-A2'")" \
    Nystad "apply: the address changed"
is "$(q "SELECT CONCAT(status, ' ', active_from) FROM outlet
    WHERE code = 'CAT$TAG-2'")" "planned 2031-01-01" "apply: the outlet changed"
is "$(q "SELECT COUNT(*) FROM address WHERE external_id LIKE 'CAT$TAG-A%'")" \
    4 "apply: two addresses added"
is "$(q "SELECT street_norm FROM address WHERE external_id = 'CAT$TAG-A9'")" \
    "katalog${tag}gatan norra" "apply: street_norm kept in step"
is "$(q "SELECT COUNT(*) FROM address_import WHERE id = '$imp'
    AND applied_at IS NOT NULL AND rows_rejected = 10")" 1 \
    "apply: the import marked applied"
is "$(q "SELECT detail FROM audit WHERE action = 'address.import'
    AND object_ref = '$imp'")" \
    "addresses_added=2 addresses_changed=1 outlets_added=3 outlets_changed=1 unchanged=1 rejected=10" \
    "apply: audited with the counts"
console_get "$jar" "/en/admin/import/$imp"
like "$CONSOLE_BODY" 'The import is done' "apply: the result page confirms"
like "$CONSOLE_BODY" 'id="done-outlets-added">3<' "apply: with its counts"
console_post "$jar" "/en/admin/import/$imp/apply" "" \
    --data-urlencode "expect=$expect"
is "$CONSOLE_STATUS" 409 "apply: a second apply is refused"
is "$(q "SELECT COUNT(*) FROM audit WHERE action = 'address.import'
    AND object_ref = '$imp'")" 1 "apply: and writes nothing"

# Uploaded again, the file now changes nothing but its rejected lines.
upload -F "file=@$bad;filename=mistakes.csv;type=text/csv"
imp2=$(loc_id)
console_get "$jar" "/en/admin/import/$imp2"
page=$CONSOLE_BODY
is "$(count unchanged)" 6 "again: the six good lines are unchanged"
is "$(count addresses-added)$(count outlets-added)" 00 "again: nothing to add"
console_post "$jar" "/en/admin/import/$imp2/apply" "" \
    --data-urlencode "expect=$expect"
is "$CONSOLE_STATUS" 409 "again: the old preview's counts are refused"

# --- Who may ---------------------------------------------------------
for who in "$support" "$provider"; do
	j=$TAP_TMP/jar-$who
	is "$(console_login "$who" "$j")" 303 "$who signs in"
	for path in /admin/areas "/admin/areas/$area" /admin/addresses \
	    /admin/addresses/new "/admin/addresses/$aid" "/admin/outlets/$oid" \
	    /admin/import "/admin/import/$imp"; do
		console_get "$j" "$path"
		is "$CONSOLE_STATUS" 403 "$who: GET $path is refused"
	done
	for path in /admin/areas "/admin/areas/$area" /admin/addresses \
	    "/admin/addresses/$aid" "/admin/addresses/$aid/outlets" \
	    "/admin/outlets/$oid" /admin/import "/admin/import/$imp2/apply"; do
		console_post "$j" "$path" "" --data-urlencode "name=x"
		is "$CONSOLE_STATUS" 403 "$who: POST $path is refused"
	done
done
get "$base/admin/areas"
is "$HTTP_STATUS" 303 "anonymous: to the sign-in page"
is "$(q "SELECT active FROM area WHERE id = '$area'")" 1 \
    "nothing changed by the refused users"

done_testing
