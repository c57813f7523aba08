#!/usr/bin/env bash
# The address search through both web servers: exact, forgiving (case,
# diacritics, typos), by postcode; bad input (400/414/422); and the
# separation of the two demo networks chosen by Host header.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

# A real address of a network: a one-word street of at least 8 letters
# (for the typos), preferably with å/ä/ö and a littera, with outlets.
# Prints id, street, number, littera, postcode, city (tab-separated).
pick_address() {
	db_query "
	    SELECT a.id, a.street, a.number, a.littera, a.postcode, a.city
	    FROM address a JOIN network n ON n.id = a.network_id
	    WHERE n.slug = '$1' AND a.street NOT LIKE '% %'
		AND CHAR_LENGTH(a.street) >= 8
		AND EXISTS (SELECT 1 FROM outlet o WHERE o.address_id = a.id)
	    ORDER BY (a.street COLLATE utf8mb4_bin REGEXP '[åäöÅÄÖ]') DESC,
		(a.littera <> '') DESC, a.id
	    LIMIT 1"
}

# The outlet codes of every address of network $1 in street $2.
street_codes() {
	db_query "
	    SELECT o.code FROM outlet o
	    JOIN address a ON a.id = o.address_id
	    JOIN network n ON n.id = a.network_id
	    WHERE n.slug = '$1' AND a.street = '${2//\'/\'\'}'"
}

# Lower case without diacritics: "Älvägen" -> "alvagen" (byte-wise, so it
# works in any locale).
fold() {
	sed -e 's/[åÅäÄ]/a/g; s/[öÖ]/o/g; s/[éÉ]/e/g; s/[üÜ]/u/g' <<<"$1" |
	    tr 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' 'abcdefghijklmnopqrstuvwxyz'
}

# check_html NAME: the last page passes tidy without errors (warnings
# are fine).
check_html() {
	local st=0
	tidy -q -e "$HTTP_BODY_FILE" >"$TAP_TMP/tidy" 2>&1 || st=$?
	ok $((st >= 2)) "$1"
	[ "$st" -lt 2 ] || diag "$(cat "$TAP_TMP/tidy")"
}

# search BASE QUERY [curl options]: GET BASE/sok?q=QUERY (encoded).
search() {
	local base=$1 q=$2
	shift 2
	get "$base/sok?q=$(urlencode "$q")" "$@"
}

# found WHAT: the last page lists the picked address.
found() {
	is "$HTTP_STATUS" 200 "$1: 200"
	like "$HTTP_BODY" "$street $number$littera" "$1: shows the address"
	like "$HTTP_BODY" "$pc_fmt $city" "$1: shows postcode and city"
}

# bad STATUS WHAT: the last answer is an HTML error page with STATUS.
bad() {
	is "$HTTP_STATUS" "$1" "$2: $1"
	like "$(header Content-Type)" '^text/html' "$2: an HTML page"
	like "$HTTP_BODY" "$1" "$2: the page shows the status"
}

# The message for an empty search, as the Swedish language file words it.
empty_msg=$(sed -n 's/^search\.err_empty *= *//p' "$TJG_SRC/tmpl/lang/sv.hdf" \
    2>/dev/null || true)

row=$(pick_address demo)
[ -n "$row" ] || BAIL_OUT "no demo address in the database"
# Fields split at a separator that is not white space: a tab is, and
# consecutive tabs (an empty littera) would merge.
IFS=$'\x1f' read -r addr_id street number littera postcode city \
    <<<"${row//$'\t'/$'\x1f'}"
pc_fmt="${postcode:0:3} ${postcode:3:2}"
code=$(db_query "SELECT code FROM outlet WHERE address_id = $addr_id LIMIT 1")
note "demo address: $street $number$littera, $pc_fmt $city ($code)"

# Two typos in the middle of the street name: a letter dropped, two
# neighbours swapped; at a letter unlike its neighbours, so that the typo
# is a real one ("Tallvägen" -> "Talvägen" would be too kind).
mid=$(( ${#street} / 2 ))
while [ $mid -lt $(( ${#street} - 2 )) ] &&
    { [ "${street:mid:1}" = "${street:mid-1:1}" ] ||
    [ "${street:mid:1}" = "${street:mid+1:1}" ]; }; do
	mid=$((mid + 1))
done
dropped="${street:0:mid}${street:mid+1}"
swapped="${street:0:mid}${street:mid+1:1}${street:mid:1}${street:mid+2}"

row=$(pick_address andra)
[ -n "$row" ] || BAIL_OUT "no address of the second network in the database"
IFS=$'\x1f' read -r _ a_street a_number a_littera _ _ \
    <<<"${row//$'\t'/$'\x1f'}"
note "andra address: $a_street $a_number$a_littera"
demo_codes=$(street_codes demo "$street")
andra_codes=$(street_codes andra "$a_street")

# shared_codes CODES: the codes of the list that appear on the last page.
shared_codes() {
	grep -oF -f <(printf '%s\n' "$1") "$HTTP_BODY_FILE" | sort -u |
	    tr '\n' ' ' || true
}

for srv in $TJG_SERVERS; do
	base=$(server_url "$srv")

	search "$base" "$street $number$littera"
	found "$srv: exact search"
	like "$HTTP_BODY" "$code" "$srv: exact search shows the outlet code"
	like "$HTTP_BODY" '<input[^>]* name="q"' "$srv: results keep the form"
	check_html "$srv: the results page is valid HTML"

	get "$base/en/sok?q=$(urlencode "$street $number$littera")"
	found "$srv: English search"
	like "$HTTP_BODY" '<html[^>]* lang="en"' "$srv: English results"

	search "$base" "$(fold "$street") $number$(fold "$littera")"
	found "$srv: lower case without diacritics"

	search "$base" "$dropped $number$littera"
	found "$srv: a letter dropped ($dropped)"

	search "$base" "$swapped $number$littera"
	found "$srv: two letters swapped ($swapped)"

	search "$base" "$pc_fmt"
	is "$HTTP_STATUS" 200 "$srv: postcode NNN NN: 200"
	like "$HTTP_BODY" "$pc_fmt $city" "$srv: postcode NNN NN finds addresses"

	search "$base" "$postcode"
	is "$HTTP_STATUS" 200 "$srv: postcode NNNNN: 200"
	like "$HTTP_BODY" "$pc_fmt $city" "$srv: postcode NNNNN finds addresses"

	# Bad input.
	get "$base/sok?q="
	is "$HTTP_STATUS" 422 "$srv: empty q: 422"
	like "$HTTP_BODY" '<input[^>]* name="q"' "$srv: empty q: the form again"
	if [ -n "$empty_msg" ]; then
		check "$srv: empty q: says \"$empty_msg\"" -- \
		    grep -qF "$empty_msg" "$HTTP_BODY_FILE"
	else
		like "$HTTP_BODY" 'role="alert"' "$srv: empty q: an error message"
	fi

	get "$base/sok?q=x&q=y"
	bad 400 "$srv: q twice"
	get "$base/sok?q=x&colour=red"
	bad 400 "$srv: unknown parameter"
	get "$base/sok?q=$(printf '%0300d' 0)"
	bad 400 "$srv: q of 300 bytes"
	get "$base/sok?q=%FF"
	bad 400 "$srv: invalid UTF-8"
	get "$base/sok?q=a%00b"
	bad 400 "$srv: NUL byte"
	# The web server itself may refuse a request line this long: Apache
	# with 414, lighttpd with 431 (its header limit, 8 KB by default).
	get "$base/sok?q=$(printf '%020000d' 0)"
	like "$HTTP_STATUS" '^(400|414|431)$' "$srv: 20 KB query refused"

	# Host header chooses the network; neither sees the other's outlets.
	search "$base" "$street $number$littera"
	isnt "$(shared_codes "$demo_codes")" "" \
	    "$srv: demo host shows the demo street's outlets (control)"
	search "$base" "$street $number$littera" -H 'Host: andra.localhost'
	like "$HTTP_STATUS" '^(200|422)$' "$srv: andra host answers the search"
	is "$(shared_codes "$demo_codes")" "" \
	    "$srv: andra host shows none of demo's outlets"

	search "$base" "$a_street $a_number$a_littera" -H 'Host: andra.localhost'
	isnt "$(shared_codes "$andra_codes")" "" \
	    "$srv: andra host shows andra's outlets (control)"
	search "$base" "$a_street $a_number$a_littera"
	like "$HTTP_STATUS" '^(200|422)$' "$srv: demo host answers the search"
	is "$(shared_codes "$andra_codes")" "" \
	    "$srv: demo host shows none of andra's outlets"
done

done_testing
