#!/usr/bin/env bash
# The console's overview (/admin): orders placed through the public form,
# then made late by moving their times back; the alerts list exactly the
# orders past their provider's thresholds (the provider's own, else the
# network's, else the configuration's), an order fetched through the API
# and received is not listed, nor a cancelled or an erased one; the chart
# has one bar per Swedish calendar day and its table and the provider
# table show what the database holds; a provider user sees only its own
# provider; the English page; at most 100 rows of a kind with the total;
# anonymous is sent to the sign-in page.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

NS=urn:tjansteguiden:orderfeed:1
base=$(server_url lighttpd)
ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }

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
pnr=$(pnr_make 19840229 321)

# The configuration's thresholds (the defaults unless the stack sets them).
conf_hours() {
	local v
	v=$(awk -F= -v k="$1" '{ gsub(/[[:space:]]/, "") }
	    $1 == k { v = $2 } END { print v }' "$TJG_CONF")
	echo "${v:-$2}"
}
conf_unfetched=$(conf_hours alert_unfetched_hours 24)
conf_unacked=$(conf_hours alert_unacked_hours 72)

read -r addr_id code < <(db_query "
    SELECT a.id, o.code FROM outlet o JOIN address a ON a.id = o.address_id
    JOIN network n ON n.id = a.network_id
    WHERE n.slug = 'demo' AND o.status = 'active' AND o.apartment IS NOT NULL
    ORDER BY o.id LIMIT 1")
net=$(db_query "SELECT id FROM network WHERE slug = 'demo'")
prov_v=$(db_query "SELECT id FROM provider WHERE slug = 'vindlo-demo'")
prov_t=$(db_query "SELECT id FROM provider WHERE slug = 'telvira-demo'")
name_v=$(db_query "SELECT name FROM provider WHERE id = $prov_v")
svc_v=$(db_query "SELECT id FROM service WHERE provider_id = $prov_v
    ORDER BY id LIMIT 1")
svc_t=$(db_query "SELECT id FROM service WHERE provider_id = $prov_t
    AND limited_to_areas = 0 ORDER BY id LIMIT 1")

# The thresholds are put back as they were, whatever happens.
read -r n_unf n_una < <(db_query "SELECT
    COALESCE(alert_unfetched_hours, 'NULL'),
    COALESCE(alert_unacked_hours, 'NULL') FROM network WHERE id = $net")
read -r v_unf v_una < <(db_query "SELECT
    COALESCE(alert_unfetched_hours, 'NULL'),
    COALESCE(alert_unacked_hours, 'NULL') FROM provider WHERE id = $prov_v")
at_exit "db_query 'UPDATE network SET alert_unfetched_hours = $n_unf,
    alert_unacked_hours = $n_una WHERE id = $net'"
at_exit "db_query 'UPDATE provider SET alert_unfetched_hours = $v_unf,
    alert_unacked_hours = $v_una WHERE id = $prov_v'"

# make_order SVC [FIELD=VALUE...]: orders SVC at the outlet through the
# public form and prints its reference. Waits out the order rate limit.
make_order() {
	local svc=$1 jar tok html loc i extra=() f
	shift
	for f in "$@"; do
		extra+=(--data-urlencode "$f")
	done
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	html=$(curl -sS --max-time 15 -c "$jar" -b "$jar" \
	    "$base/bestall/$code/$svc") || return 1
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' <<<"$html" |
	    head -n 1)
	for ((i = 0; i < 50; i++)); do
		loc=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o /dev/null \
		    -w '%{http_code} %{redirect_url}' \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=Larma" \
		    --data-urlencode "last_name=Testsson" \
		    --data-urlencode "email=alerts.$RANDOM@example.org" \
		    --data-urlencode "phone=070-123 45 67" \
		    --data-urlencode "pnr=$pnr" --data-urlencode "terms=1" \
		    "${extra[@]}" "$base/bestall/$code/$svc") || return 1
		[ "${loc%% *}" = 429 ] || break
		db_query "DELETE FROM rate_limit" >/dev/null
		sleep 0.2
	done
	[ "${loc%% *}" = 303 ] || { diag "order form answered $loc"; return 1; }
	db_query "SELECT ref FROM orders WHERE status_token_hash =
	    UNHEX(SHA2('${loc##*/}', 256))"
}

order_v() { make_order "$svc_v" x1=1 x2=Standard; }
order_t() { make_order "$svc_t" x1=1; }

# ago REF MINUTES [FETCHED_MINUTES]: the order was created MINUTES ago
# (and fetched FETCHED_MINUTES ago).
ago() {
	local fetched=NULL
	[ -n "${3:-}" ] && fetched="UTC_TIMESTAMP(6) - INTERVAL $3 MINUTE"
	db_query "UPDATE orders SET
	    created_at = UTC_TIMESTAMP(6) - INTERVAL $2 MINUTE,
	    fetched_at = $fetched WHERE ref = '$1'"
}

# --- the orders --------------------------------------------------------------

db_query "DELETE FROM rate_limit" >/dev/null
v1=$(order_v)	# not fetched for 3.5 h: late for Vindlo's own 2 h
v2=$(order_v)	# not fetched for 1 h: in time
v3=$(order_v)	# fetched 30.5 h ago, still new: late for 20 h, not 72 h
v4=$(order_v)	# fetched through the API and received: never late
v5=$(order_v)	# not fetched for 30.5 h, but cancelled
t1=$(order_t)	# not fetched for 12.5 h: late for 10 h, not 24 h
t2=$(order_t)	# not fetched for 30.5 h: late for 24 h and 10 h
t3=$(order_t)	# fetched 80.5 h ago, still new: late for 72 h and 20 h
t4=$(order_t)	# not fetched for 30.5 h, but erased
mine="$v1 $v2 $v3 $v4 $v5 $t1 $t2 $t3 $t4"
like "$mine" '^([0-9A-Z]{12} ){8}[0-9A-Z]{12}$' \
    "nine orders placed through the public form"

# v4: fetched through the provider API and reported received.
tok=$(ctl token create --provider vindlo-demo --label "82-admin-alerts" \
    2>/dev/null)
at_exit "db_query \"UPDATE api_token SET revoked_at = UTC_TIMESTAMP(6)
    WHERE token_hash = UNHEX(SHA2('$tok', 256))\""
cursor=$(db_query "SELECT feed_seq - 1 FROM orders WHERE ref = '$v4'")
for ((i = 0; i < 20; i++)); do
	get "$base/api/v1/orders?after=$cursor&limit=1" \
	    -H "Authorization: Bearer $tok"
	[ "$HTTP_STATUS" = 429 ] || break
	sleep 1
done
like "$HTTP_BODY" "<([a-z]+:)?reference>$v4<" "v4 fetched through the API"
printf '<?xml version="1.0" encoding="UTF-8"?>
<statusReport xmlns="%s"><status>received</status><date>%s</date>
</statusReport>\n' "$NS" "$(date -u +%F)" >"$TAP_TMP/received.xml"
get "$base/api/v1/orders/$v4/status" -H "Authorization: Bearer $tok" \
    -H 'Content-Type: application/xml' --data-binary "@$TAP_TMP/received.xml"
is "$HTTP_STATUS" 200 "v4 reported received"
is "$(db_query "SELECT status, fetched_at IS NOT NULL FROM orders
    WHERE ref = '$v4'")" "received	1" "v4 is fetched and received"

ago "$v1" 210
ago "$v2" 60
ago "$v3" 1860 1830
ago "$v4" 6060 6000
ago "$v5" 1830
db_query "UPDATE orders SET status = 'cancelled',
    final_at = UTC_TIMESTAMP(6) WHERE ref = '$v5'"
ago "$t1" 750
ago "$t2" 1830
ago "$t3" 4860 4830
ago "$t4" 1830
ctl order erase "$t4" >/dev/null
is "$(db_query "SELECT erased_at IS NOT NULL FROM orders
    WHERE ref = '$t4'")" 1 "t4 is erased"

# Vindlo's own threshold for fetching; none of its own for acknowledging.
db_query "UPDATE provider SET alert_unfetched_hours = 2,
    alert_unacked_hours = NULL WHERE id = $prov_v"
db_query "UPDATE network SET alert_unfetched_hours = NULL,
    alert_unacked_hours = NULL WHERE id = $net"

# --- helpers that read the page ----------------------------------------------

# table ID: the lines of the page's table with that id.
table() {
	sed -n "/<table class=\"list\" id=\"$1\">/,/<\/table>/p" <<<"$PAGE"
}

# refs ID: the order references linked from table ID, sorted.
refs() {
	table "$1" | grep -o '/admin/orders/[0-9A-Z]\{12\}"' |
	    sed 's|.*/||; s|"||' | sort || true
}

# row ID REF: the table row of REF, tags taken out, cells "|"-separated.
row() {
	table "$1" | grep "/admin/orders/$2\"" |
	    sed 's/&nbsp;/ /g; s/<\/t[hd]>/|/g; s/<[^>]*>//g' || true
}

# expect KIND [PROVIDER]: the references SQL says are late, sorted: the
# same rules written once more, independently of the store.
expect() {
	local cond
	if [ "$1" = unfetched ]; then
		cond="o.fetched_at IS NULL AND o.created_at < UTC_TIMESTAMP(6)
		    - INTERVAL COALESCE(p.alert_unfetched_hours,
		    n.alert_unfetched_hours, $conf_unfetched) HOUR"
	else
		cond="o.fetched_at < UTC_TIMESTAMP(6)
		    - INTERVAL COALESCE(p.alert_unacked_hours,
		    n.alert_unacked_hours, $conf_unacked) HOUR"
	fi
	db_query "SELECT o.ref FROM orders o
	    JOIN provider p ON p.id = o.provider_id
	    JOIN network n ON n.id = o.network_id
	    WHERE n.id = $net AND o.status = 'new' AND o.erased_at IS NULL
	    AND ${2:+p.id = $2 AND} $cond" | LC_ALL=C sort
}

# day_rows: "DATE COUNT" of each day in the table of days.
day_rows() {
	table days | sed -n 's|<tr><th scope="row">\([0-9-]*\)</th>'\
'<td class="num">\([0-9]*\)</td></tr>|\1 \2|p'
}

# has SET REF...: each REF is a line of SET.
has() {
	local r
	for r in "${@:2}"; do
		grep -qx "$r" <<<"$1" || return 1
	done
}
lacks() {
	local r
	for r in "${@:2}"; do
		grep -qx "$r" <<<"$1" && return 1
	done
	return 0
}

# overview JAR [PATH]: GET the overview into PAGE.
overview() {
	console_get "$1" "${2:-/admin}"
	PAGE=$CONSOLE_BODY
}

# --- anonymous ---------------------------------------------------------------

get "$base/admin"
is "$HTTP_STATUS" 303 "anonymous: redirected"
like "$(header Location)" '/admin/login\?next=%2Fadmin$' \
    "anonymous: to the sign-in page, back to the overview after it"
unlike "$HTTP_BODY" "$v1" "anonymous: sees nothing"

# --- the administrator: the provider's thresholds and the configuration's ---

admin=alerts-admin-$$
console_user "$admin" network_admin
jar=$TAP_TMP/jar-admin
is "$(console_login "$admin" "$jar")" 303 "the administrator signs in"
overview "$jar"
is "$CONSOLE_STATUS" 200 "the overview"
like "$PAGE" '<h1>Översikt</h1>' "in Swedish"

got=$(refs unfetched)
is "$got" "$(expect unfetched)" "not fetched: exactly the late orders"
check "not fetched: v1 (Vindlo's 2 h), t2 ($conf_unfetched h configured)" \
    -- has "$got" "$v1" "$t2"
check "not fetched: not v2 (1 h), t1 (12.5 h), cancelled v5, erased t4" \
    -- lacks "$got" "$v2" "$t1" "$v5" "$t4"
like "$PAGE" "Inte hämtade i tid \($(grep -c . <<<"$got")\)" \
    "not fetched: counted in the heading"
is "$(row unfetched "$v1")" "$v1|$name_v|$(TZ=Europe/Stockholm date -d \
    "$(db_query "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i')
    FROM orders WHERE ref = '$v1'") UTC" '+%F %H:%M')|2 h|1 h|" \
    "not fetched: v1 with Vindlo, Swedish time, its 2 h limit, 1 h late"
like "$(row unfetched "$t2")" \
    "\|$conf_unfetched h\|$((30 - conf_unfetched)) h\|$" \
    "not fetched: t2 with the configured limit"
like "$(table unfetched | grep -o "/admin/orders/$v1\"")" . \
    "not fetched: v1 links to its order"

got=$(refs unacked)
is "$got" "$(expect unacked)" "not acknowledged: exactly the late orders"
check "not acknowledged: t3 after the configured $conf_unacked h" -- \
    has "$got" "$t3"
check "not acknowledged: not v3 (30.5 h), nor v4 (received)" -- \
    lacks "$got" "$v3" "$v4"
like "$(row unacked "$t3")" "\|$conf_unacked h\|$((80 - conf_unacked)) h\|$" \
    "not acknowledged: t3 with the configured limit"
like "$PAGE" "Inte kvitterade i tid \($(grep -c . <<<"$got")\)" \
    "not acknowledged: counted in the heading"
unlike "$PAGE" 'id="no-alerts"' "no 'no alerts' while there are some"

# --- the network's own thresholds --------------------------------------------

db_query "UPDATE network SET alert_unfetched_hours = 10,
    alert_unacked_hours = 20 WHERE id = $net"
overview "$jar"
got=$(refs unfetched)
is "$got" "$(expect unfetched)" "network 10 h: exactly the late orders"
check "network 10 h: now t1 too, and still v1 (Vindlo's 2 h wins)" -- \
    has "$got" "$t1" "$t2" "$v1"
check "network 10 h: still not v2, v5, t4" -- lacks "$got" "$v2" "$v5" "$t4"
like "$(row unfetched "$t1")" '\|10 h\|2 h\|$' "network 10 h: t1 is 2 h late"
like "$(row unfetched "$v1")" '\|2 h\|1 h\|$' "network 10 h: v1 keeps 2 h"
order=$(table unfetched |
    grep -o "/admin/orders/\($v1\|$t1\|$t2\)\"" | sed 's|.*/||; s|"||' |
    tr '\n' ' ')
is "$order" "$t2 $t1 $v1 " "the most overdue first"
got=$(refs unacked)
is "$got" "$(expect unacked)" "network 20 h: exactly the late orders"
check "network 20 h: v3 and t3" -- has "$got" "$v3" "$t3"
check "network 20 h: never the received v4" -- lacks "$got" "$v4"
like "$(row unacked "$v3")" '\|20 h\|10 h\|$' "network 20 h: v3 10 h late"
fetched=$(TZ=Europe/Stockholm date -d "$(db_query "SELECT
    DATE_FORMAT(fetched_at, '%Y-%m-%d %H:%i') FROM orders
    WHERE ref = '$v3'") UTC" '+%F %H:%M')
like "$(row unacked "$v3")" "\|$fetched\|" \
    "network 20 h: v3 fetched, Swedish time"

# --- orders per day ----------------------------------------------------------

is "$(grep -c '<rect class="bar"' <<<"$PAGE")" 30 "the chart has 30 bars"
like "$PAGE" '<svg class="chart"[^>]* role="img"'\
' aria-labelledby="chart-title chart-desc">' \
    "the chart is an image with a title and a description"
unlike "$PAGE" 'style=' "and no style attribute"
today=$(TZ=Europe/Stockholm date +%F)
first=$(TZ=Europe/Stockholm date -d "$today -29 days" +%F)
days=$(day_rows)
is "$(wc -l <<<"$days")" 30 "the table has 30 days"
is "$(head -n 1 <<<"$days" | cut -d' ' -f1) $(tail -n 1 <<<"$days" |
    cut -d' ' -f1)" "$first $today" "from 29 days ago to today"

# The orders of the network since the first day began in Sweden, each
# counted on its Swedish date.
from=$(date -u -d "TZ=\"Europe/Stockholm\" $first 00:00" '+%F %T')
db_query "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s UTC')
    FROM orders WHERE network_id = $net AND created_at >= '$from'" \
    >"$TAP_TMP/created"
want=$( (TZ=Europe/Stockholm date -f "$TAP_TMP/created" +%F 2>/dev/null ||
    true) | sort | uniq -c | awk '{ print $2, $1 }')
bad=0
while read -r d n; do
	w=$(awk -v d="$d" '$1 == d { print $2 }' <<<"$want")
	[ "${w:-0}" = "$n" ] || { diag "$d: page $n, database ${w:-0}"; bad=1; }
done <<<"$days"
ok $bad "every day's number is the database's count on that Swedish day"
total=$(awk '{ s += $2 } END { print s }' <<<"$days")
is "$total" "$(db_query "SELECT COUNT(*) FROM orders WHERE network_id = $net
    AND created_at >= '$from'")" "the days add up to the window's orders"
like "$(table days)" \
    "<tfoot><tr><th scope=\"row\">Totalt</th><td class=\"num\">$total</td>" \
    "with the total"
like "$PAGE" "<title>$(TZ=Europe/Stockholm date -d "$(db_query "SELECT
    DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') FROM orders
    WHERE ref = '$t3'") UTC" +%F): [1-9]" \
    "t3's day (moved 3 days back) has a bar with orders"

# --- orders per provider -----------------------------------------------------

# provider_rows: "name|new|received|activated|rejected|cancelled|total"
# of the page's table body.
provider_rows() {
	table providers | sed -n '/<tbody>/,/<\/tbody>/p' | grep '<tr>' |
	    sed 's/<\/t[hd]>/|/g; s/<[^>]*>//g; s/|$//'
}
# sql_rows [PROVIDER]: the same from the database, counted per status.
sql_rows() {
	local id name st n out
	while read -r id name; do
		out="$name"
		for st in new received activated rejected cancelled; do
			n=$(db_query "SELECT COUNT(*) FROM orders
			    WHERE provider_id = $id AND network_id = $net
			    AND status = '$st' AND created_at >= '$from'")
			out+="|$n"
		done
		n=$(db_query "SELECT COUNT(*) FROM orders
		    WHERE provider_id = $id AND network_id = $net
		    AND created_at >= '$from'")
		echo "$out|$n"
	done < <(db_query "SELECT p.id, p.name FROM provider p
	    JOIN provider_network pn ON pn.provider_id = p.id
	    WHERE pn.network_id = $net ${1:+AND p.id = $1}
	    ORDER BY p.name")
}
is "$(provider_rows)" "$(sql_rows)" \
    "per provider and status: the database's counts"
like "$(provider_rows | grep "^$name_v|")" \
    '^[^|]*\|([3-9]|[1-9][0-9]+)\|[1-9]' \
    "Vindlo's new and received orders are counted"
like "$(table providers)" '<tfoot>' "with a total row"

# --- support sees the same; English ------------------------------------------

support=alerts-support-$$
console_user "$support" network_support
sjar=$TAP_TMP/jar-support
console_login "$support" "$sjar" >/dev/null
overview "$sjar"
is "$CONSOLE_STATUS" 200 "support: the overview"
is "$(refs unfetched)" "$(expect unfetched)" "support: the same alerts"

overview "$jar" /en/admin
is "$CONSOLE_STATUS" 200 "English: the overview"
like "$PAGE" '<h1>Overview</h1>' "English: in English"
like "$PAGE" "href=\"/en/admin/orders/$v1\"" "English: links stay in English"
like "$PAGE" "Not fetched in time \([0-9]+\)" "English: the headings"

# --- a provider user ---------------------------------------------------------

puser=alerts-vindlo-$$
console_user "$puser" provider_user vindlo-demo
pjar=$TAP_TMP/jar-vindlo
is "$(console_login "$puser" "$pjar")" 303 "Vindlo's user signs in"
overview "$pjar"
is "$CONSOLE_STATUS" 200 "Vindlo: the overview"
like "$PAGE" "Du ser bara beställningar till $name_v\." "Vindlo: told so"
got=$(refs unfetched)
is "$got" "$(expect unfetched "$prov_v")" "Vindlo: exactly its late orders"
check "Vindlo: v1, none of Telvira's" -- has "$got" "$v1"
check "Vindlo: none of Telvira's" -- lacks "$got" "$t1" "$t2"
got=$(refs unacked)
is "$got" "$(expect unacked "$prov_v")" "Vindlo: exactly its unacknowledged"
check "Vindlo: v3 but not t3" -- has "$got" "$v3"
check "Vindlo: not t3" -- lacks "$got" "$t3"
unlike "$PAGE" "Telvira" "Vindlo: Telvira is not named anywhere"
is "$(provider_rows)" "$(sql_rows "$prov_v")" "Vindlo: one row, its counts"
unlike "$(table providers)" '<tfoot>' "Vindlo: no total row for one"
days=$(day_rows)
is "$(awk '{ s += $2 } END { print s }' <<<"$days")" \
    "$(db_query "SELECT COUNT(*) FROM orders WHERE network_id = $net
    AND provider_id = $prov_v AND created_at >= '$from'")" \
    "Vindlo: the days count its orders only"

# --- no alerts ---------------------------------------------------------------

# With generous thresholds none of Vindlo's orders is late (the oldest
# was moved 101 h back), and the page says so.
db_query "UPDATE network SET alert_unfetched_hours = 1000,
    alert_unacked_hours = 1000 WHERE id = $net"
db_query "UPDATE provider SET alert_unfetched_hours = NULL WHERE id = $prov_v"
overview "$pjar"
is "$(expect unfetched "$prov_v")$(expect unacked "$prov_v")" "" \
    "1000 h: (nothing of Vindlo's is late)"
like "$PAGE" '<p class="notice" id="no-alerts">Inga larm\.' \
    "1000 h: 'no alerts', said plainly"
like "$PAGE" '<h2 id="alerts">Larm \(0\)</h2>' "1000 h: none counted"
unlike "$PAGE" 'id="unfetched"' "1000 h: and no empty tables"

# --- at most 100 of a kind ---------------------------------------------------

# 101 more late orders of Kvistra, written straight into the table (the
# form would take minutes), taken away again at the end.
prov_k=$(db_query "SELECT id FROM provider WHERE slug = 'kvistra-demo'")
svc_k=$(db_query "SELECT id FROM service WHERE provider_id = $prov_k
    ORDER BY id LIMIT 1")
outlet=$(db_query "SELECT id FROM outlet WHERE code = '$code'
    AND network_id = $net")
tag=$(printf 'Q%05d' $((RANDOM % 100000)))
at_exit "db_query \"DELETE FROM orders WHERE ref LIKE '$tag%'\""
tjg_sql tjg <<EOF
START TRANSACTION;
SELECT last_seq INTO @s FROM provider_feed WHERE provider_id = $prov_k
    FOR UPDATE;
INSERT INTO orders (ref, network_id, outlet_id, provider_id, service_id,
    status_token_hash, service_name, monthly_ore, start_fee_ore,
    binding_months, notice_months, feed_seq, created_at)
SELECT CONCAT('$tag', LPAD(seq, 6, '0')), $net, $outlet, $prov_k, $svc_k,
    UNHEX(SHA2(CONCAT('$tag', seq, RAND()), 256)), 'TV Bas', 19900, 0, 0,
    1, @s + seq, UTC_TIMESTAMP(6) - INTERVAL 2000 HOUR
    FROM seq_1_to_101;
UPDATE provider_feed SET last_seq = @s + 101 WHERE provider_id = $prov_k;
COMMIT;
EOF
is "$(db_query "SELECT COUNT(*) FROM orders WHERE ref LIKE '$tag%'")" 101 \
    "101 orders of Kvistra, not fetched for 2000 h"
overview "$jar"
n=$(expect unfetched | grep -c .)
is "$(refs unfetched | grep -c .)" 100 "100 rows listed"
like "$PAGE" "Inte hämtade i tid \($n\)" "the heading counts all $n"
like "$PAGE" "Visar de 100 mest försenade av $n beställningarna" \
    "and says that 100 of them are shown"
check "the 100 are among the most overdue" -- \
    has "$(refs unfetched)" "${tag}000001"

done_testing
