#!/usr/bin/env bash
# The volume reports (/admin/reports, its CSV and XML downloads, and
# tjgctl report volumes) against a seeded set of orders with known
# counts: orders of 2019 of two providers of the demo network, four
# services in three categories, created, activated, rejected and
# cancelled on both sides of the edges of Swedish months (summer time,
# year ends), some created in one month and ended in the next or in
# another year, five with their personal data erased, and two of the
# network "andra" that must not count. The console's tables, the CSV and
# the XML (valid against doc/volumes.xsd) show exactly the known counts
# for months, quarters and the year; every total is the sum of its rows
# and the database's COUNT(*); tjgctl prints the download byte for byte;
# an erasure changes nothing; downloads are audited; bad parameters are a
# 422 form (the console) or a usage error (tjgctl); support and provider
# users are refused.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

base=$(server_url lighttpd)
XSD=$(cd "$(dirname "$0")/../.." && pwd)/doc/volumes.xsd
ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }
Y=2019

# --- the seed ----------------------------------------------------------------

net=$(db_query "SELECT id FROM network WHERE slug = 'demo'")
net2=$(db_query "SELECT id FROM network WHERE slug = 'andra'")
pid() { db_query "SELECT id FROM provider WHERE slug = '$1'"; }
pv=$(pid vindlo-demo)
pk=$(pid kvistra-demo)
pv2=$(pid vindlo-andra)
pk2=$(pid kvistra-andra)
nv=$(db_query "SELECT name FROM provider WHERE id = $pv")
nk=$(db_query "SELECT name FROM provider WHERE id = $pk")
svc() { db_query "SELECT id FROM service WHERE provider_id = $1
    AND name = '$2'"; }
v1=$(svc "$pv" 'Bredband 100/100')	# internet
v2=$(svc "$pv" 'Bredband 250/250')	# internet
k1=$(svc "$pk" 'TV Bas')		# tv
k2=$(svc "$pk" 'Streamingbox (hyra)')	# other
a1=$(svc "$pv2" 'Bredband 100/100')
a2=$(svc "$pk2" 'TV Bas')
outlet=$(db_query "SELECT id FROM outlet WHERE network_id = $net
    ORDER BY id LIMIT 1")
outlet2=$(db_query "SELECT id FROM outlet WHERE network_id = $net2
    ORDER BY id LIMIT 1")
like "$v1 $v2 $k1 $k2 $a1 $a2 $outlet $outlet2" '^([0-9]+ ){7}[0-9]+$' \
    "the demo's providers, services and outlets"

tag=$(printf 'R%04d' $((RANDOM % 10000)))
at_exit "db_query \"DELETE FROM orders WHERE ref LIKE '$tag%'\""
values=()
# order N PROVIDER SERVICE STATUS CREATED [FINAL|-] [erased]: one order,
# times in UTC; erased ones have no outlet and no personal data.
order() {
	local n=$1 p=$2 s=$3 st=$4 c=$5 f=${6:--} e=${7:-} nt=$net o=$outlet
	if [ "$p" = "$pv2" ] || [ "$p" = "$pk2" ]; then
		nt=$net2
		o=$outlet2
	fi
	[ "$f" = - ] && f=NULL || f="'$f'"
	if [ -n "$e" ]; then
		o=NULL
		e="'$c' + INTERVAL 100 DAY"
	else
		e=NULL
	fi
	values+=("('$tag$(printf '%07d' "$n")', $nt, $o, $p, $s, '$st',
	    UNHEX(SHA2('$tag-$n-$RANDOM', 256)),
	    (SELECT name FROM service WHERE id = $s), 0, 0, 0, 0,
	    (SELECT last_seq FROM provider_feed WHERE provider_id = $p) + $n,
	    '$c', '$c', $f, $e)")
}
# order N PROVIDER SERVICE STATUS CREATED (UTC) [FINAL (UTC)] [erased]
order 1 "$pv" "$v1" new '2018-12-31 22:59:59.999999'	# 2018
order 2 "$pv" "$v1" new '2018-12-31 23:00:00'	# 1 Jan 00:00
order 3 "$pv" "$v1" activated '2019-01-20 10:00:00' '2019-02-03 09:00:00' erased
order 4 "$pv" "$v1" activated '2018-11-05 10:00:00' '2019-01-10 08:00:00'
order 5 "$pv" "$v2" received '2019-02-28 22:59:59'	# 28 Feb 23:59:59
order 6 "$pv" "$v2" rejected '2019-02-28 23:00:00' '2019-03-31 21:59:59.999999'
order 7 "$pv" "$v2" cancelled '2019-03-31 22:00:00' '2019-04-02 08:00:00' erased
order 8 "$pv" "$v1" activated '2019-04-30 22:30:00' '2019-05-10 12:00:00'
order 9 "$pv" "$v1" new '2019-10-27 00:30:00'	# 02:30 CEST
order 10 "$pv" "$v1" activated '2019-10-31 22:30:00' '2019-10-31 23:00:00' \
    erased
order 11 "$pv" "$v2" cancelled '2019-12-31 22:59:59.999999' \
    '2019-12-31 23:00:00'
order 12 "$pv" "$v2" new '2019-12-31 23:00:00'	# 2020
order 13 "$pk" "$k1" activated '2019-01-01 12:00:00' '2019-01-02 12:00:00'
order 14 "$pk" "$k1" rejected '2019-01-15 12:00:00' '2019-01-16 12:00:00' erased
order 15 "$pk" "$k1" activated '2019-06-30 21:59:59' '2019-06-30 22:00:00'
order 16 "$pk" "$k2" cancelled '2019-07-10 12:00:00' '2019-07-11 12:00:00'
order 17 "$pk" "$k2" new '2019-07-10 12:00:00'
order 18 "$pk" "$k2" received '2019-09-30 22:00:00'	# 1 Oct 00:00
order 19 "$pk" "$k1" activated '2019-11-30 23:00:00' '2020-01-05 12:00:00'
order 20 "$pk" "$k1" rejected '2019-03-15 12:00:00' '2019-04-01 12:00:00' erased
order 21 "$pv2" "$a1" activated '2019-05-05 12:00:00' '2019-05-06 12:00:00'
order 22 "$pk2" "$a2" new '2019-01-15 12:00:00'
sql="START TRANSACTION;
SELECT last_seq FROM provider_feed WHERE provider_id IN ($pv, $pk, $pv2, $pk2)
    FOR UPDATE;
INSERT INTO orders (ref, network_id, outlet_id, provider_id, service_id,
    status, status_token_hash, service_name, monthly_ore, start_fee_ore,
    binding_months, notice_months, feed_seq, created_at, updated_at,
    final_at, erased_at) VALUES $(IFS=,; echo "${values[*]}");
UPDATE provider_feed SET last_seq = last_seq + 100
    WHERE provider_id IN ($pv, $pk, $pv2, $pk2);
COMMIT;"
tjg_sql tjg -e "$sql" >/dev/null
is "$(db_query "SELECT COUNT(*), SUM(erased_at IS NOT NULL AND pii IS NULL
    AND outlet_id IS NULL) FROM orders WHERE ref LIKE '$tag%'")" "22	5" \
    "22 orders seeded, 5 of them with their personal data erased"

# What the seed must give per month: period;provider;service;created;
# activated;rejected;cancelled, in the report's order (periods; providers
# by name, Kvistra first; services by category, then name).
want_month="$Y-01;kvistra-demo;$k1;2;1;1;0
$Y-01;vindlo-demo;$v1;2;1;0;0
$Y-02;vindlo-demo;$v1;0;1;0;0
$Y-02;vindlo-demo;$v2;1;0;0;0
$Y-03;kvistra-demo;$k1;1;0;0;0
$Y-03;vindlo-demo;$v2;1;0;1;0
$Y-04;kvistra-demo;$k1;0;0;1;0
$Y-04;vindlo-demo;$v2;1;0;0;1
$Y-05;vindlo-demo;$v1;1;1;0;0
$Y-06;kvistra-demo;$k1;1;0;0;0
$Y-07;kvistra-demo;$k1;0;1;0;0
$Y-07;kvistra-demo;$k2;2;0;0;1
$Y-10;kvistra-demo;$k2;1;0;0;0
$Y-10;vindlo-demo;$v1;2;0;0;0
$Y-11;vindlo-demo;$v1;0;1;0;0
$Y-12;kvistra-demo;$k1;1;0;0;0
$Y-12;vindlo-demo;$v2;1;0;0;0"
want_quarter="$Y-Q1;kvistra-demo;$k1;3;1;1;0
$Y-Q1;vindlo-demo;$v1;2;2;0;0
$Y-Q1;vindlo-demo;$v2;2;0;1;0
$Y-Q2;kvistra-demo;$k1;1;0;1;0
$Y-Q2;vindlo-demo;$v1;1;1;0;0
$Y-Q2;vindlo-demo;$v2;1;0;0;1
$Y-Q3;kvistra-demo;$k1;0;1;0;0
$Y-Q3;kvistra-demo;$k2;2;0;0;1
$Y-Q4;kvistra-demo;$k1;1;0;0;0
$Y-Q4;kvistra-demo;$k2;1;0;0;0
$Y-Q4;vindlo-demo;$v1;2;1;0;0
$Y-Q4;vindlo-demo;$v2;1;0;0;0"
want_year="$Y;kvistra-demo;$k1;5;2;2;0
$Y;kvistra-demo;$k2;3;0;0;1
$Y;vindlo-demo;$v1;5;4;0;0
$Y;vindlo-demo;$v2;4;0;1;1"
MONTHS="$Y-01 $Y-02 $Y-03 $Y-04 $Y-05 $Y-06 $Y-07 $Y-08 $Y-09 $Y-10 $Y-11 $Y-12"
QUARTERS="$Y-Q1 $Y-Q2 $Y-Q3 $Y-Q4"

# The same in SQL, independently of the store: orders of the demo network
# per Swedish year, created and ended (final_at) in it, by status.
from="$(date -u -d "TZ=\"Europe/Stockholm\" $Y-01-01 00:00" '+%F %T')"
to="$(date -u -d "TZ=\"Europe/Stockholm\" $((Y + 1))-01-01 00:00" '+%F %T')"
is "$from $to" "2018-12-31 23:00:00 2019-12-31 23:00:00" \
    "the Swedish year $Y in UTC"
sql_counts=$(db_query "SELECT
    (SELECT COUNT(*) FROM orders WHERE network_id = $net
     AND created_at >= '$from' AND created_at < '$to'),
    (SELECT COUNT(*) FROM orders WHERE network_id = $net
     AND status = 'activated' AND final_at >= '$from' AND final_at < '$to'),
    (SELECT COUNT(*) FROM orders WHERE network_id = $net
     AND status = 'rejected' AND final_at >= '$from' AND final_at < '$to'),
    (SELECT COUNT(*) FROM orders WHERE network_id = $net
     AND status = 'cancelled' AND final_at >= '$from' AND final_at < '$to')" |
    tr '\t' ';')
is "$sql_counts" "17;6;3;2" \
    "SQL counts 17 created, 6 activated, 3 rejected, 2 cancelled in $Y"

# --- helpers -----------------------------------------------------------------

# prov_sums: the "period;provider;;c;a;r;x" totals of service rows.
prov_sums() {
	awk -F';' '{ k = $1 ";" $2; if (!(k in c)) o[++n] = k
	    c[k] += $4; a[k] += $5; r[k] += $6; x[k] += $7 }
	    END { for (i = 1; i <= n; i++) { k = o[i]
	    print k ";;" c[k] ";" a[k] ";" r[k] ";" x[k] } }'
}
# period_sums "P1 P2 ...": the "period;;;c;a;r;x" totals of service rows,
# every period listed (empty ones as zeros).
period_sums() {
	awk -F';' -v list="$1" 'BEGIN { n = split(list, p, " ") }
	    { c[$1] += $4; a[$1] += $5; r[$1] += $6; x[$1] += $7 }
	    END { for (i = 1; i <= n; i++) print p[i] ";;;" c[p[i]] + 0 ";" \
	    a[p[i]] + 0 ";" r[p[i]] + 0 ";" x[p[i]] + 0 }'
}
# year_rows: the year's provider totals and the total, from service rows.
year_rows() {
	awk -F';' -v y="$Y" '{ if (!($2 in c)) o[++n] = $2
	    c[$2] += $4; a[$2] += $5; r[$2] += $6; x[$2] += $7
	    C += $4; A += $5; R += $6; X += $7 }
	    END { for (i = 1; i <= n; i++) { k = o[i]
	    print "provider;" y ";" k ";;" c[k] ";" a[k] ";" r[k] ";" x[k] }
	    print "total;" y ";;;" C ";" A ";" R ";" X }'
}

# csv_rows FILE KIND: the rows of KIND ("service", "provider", "total") as
# "period;provider;service_id;created;activated;rejected;cancelled".
csv_rows() {
	sed '1s/^\xef\xbb\xbf//; s/\r$//' "$1" | awk -F';' -v k="$2" \
	    'NR > 1 && $1 == k { print $2 ";" $5 ";" $7 ";" $10 ";" $11 ";" \
	    $12 ";" $13 }'
}

# xml_rows FILE: the services of the XML in the same form (the writer puts
# one element on a line; validity is checked with xmllint separately).
xml_rows() {
	awk 'function at(n) { if (match($0, " " n "=\"[^\"]*\""))
	    return substr($0, RSTART + length(n) + 3, RLENGTH - length(n) - 4)
	    return "" }
	    /<period / { p = at("id") }
	    /<year / { p = "" }
	    /<provider / && p != "" { s = at("slug") }
	    /<service / { print p ";" s ";" at("id") ";" at("created") ";" \
	    at("activated") ";" at("rejected") ";" at("cancelled") }' "$1"
}
xml_periods() {
	awk 'function at(n) { if (match($0, " " n "=\"[^\"]*\""))
	    return substr($0, RSTART + length(n) + 3, RLENGTH - length(n) - 4)
	    return "" }
	    /<period / { print at("id") ";;;" at("created") ";" \
	    at("activated") ";" at("rejected") ";" at("cancelled") }' "$1"
}
# valid FILE: FILE is valid against volumes.xsd (xmllint says why not).
valid() {
	local out
	out=$(xmllint --noout --nonet --schema "$XSD" "$1" 2>&1) ||
	    { diag "$out"; return 1; }
}
# xp FILE XPATH: the string value of XPATH (elements by local name).
xp() {
	xmllint --xpath "$2" "$1" 2>/dev/null || true
}
e() { echo "*[local-name()='$1']"; }

# download JAR PATH FILE [BASE]: GET PATH into FILE; DL_STATUS, DL_TYPE
# and DL_DISPOSITION from the response.
download() {
	local h=$3.headers
	DL_STATUS=$(curl -s --max-time 15 -b "$1" -D "$h" -o "$3" \
	    -w '%{http_code}' "${4:-$base}$2")
	DL_TYPE=$(awk 'tolower($1) == "content-type:" { sub(/\r$/, "");
	    sub(/^[^:]*: */, ""); print }' "$h")
	DL_DISPOSITION=$(awk 'tolower($1) == "content-disposition:" {
	    sub(/\r$/, ""); sub(/^[^:]*: */, ""); print }' "$h")
}

# --- the administrator -------------------------------------------------------

admin=reports-admin-$$
console_user "$admin" network_admin
jar=$TAP_TMP/jar-admin
is "$(console_login "$admin" "$jar")" 303 "the administrator signs in"

# check_report KIND WANT PERIODS: the CSV and the XML of KIND.
check_report() {
	local kind=$1 want=$2 periods=$3 csv=$TAP_TMP/$1.csv xml=$TAP_TMP/$1.xml
	local q="year=$Y&period=$kind" n

	n=$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'report.export'
	    AND actor = 'user:$admin'")
	download "$jar" "/admin/reports/volumes.csv?$q" "$csv"
	is "$DL_STATUS" 200 "$kind: the CSV"
	is "$DL_TYPE" "text/csv; charset=utf-8" "$kind: CSV in UTF-8"
	is "$DL_DISPOSITION" \
	    "attachment; filename=\"volumes-demo-$Y-$kind.csv\"" \
	    "$kind: as an attachment with its name"
	is "$(head -c 3 "$csv" | od -An -tx1 | tr -d ' ')" efbbbf \
	    "$kind: with the byte order mark"
	is "$(head -n 1 "$csv" | sed '1s/^\xef\xbb\xbf//' | tr -d '\r')" \
	    "row;period;from;to;provider;provider_name;service_id;service;$(
	    )category;created;activated;rejected;cancelled" \
	    "$kind: the header row"
	is "$(grep -c $'\r$' "$csv")" "$(wc -l <"$csv")" \
	    "$kind: every row ends in CRLF"
	is "$(csv_rows "$csv" service)" "$want" \
	    "$kind: every service's counts are the seed's"
	# (a year's one period has the year's id)
	is "$(csv_rows "$csv" provider | head -n "$(prov_sums <<<"$want" |
	    grep -c .)")" "$(prov_sums <<<"$want")" \
	    "$kind: each provider's total per period is its services' sum"
	if [ "$kind" != year ]; then
		is "$(csv_rows "$csv" total | grep -v "^$Y;")" \
		    "$(period_sums "$periods" <<<"$want")" \
		    "$kind: each period's total, empty ones too"
		is "$(csv_rows "$csv" provider | grep "^$Y;")
$(csv_rows "$csv" total | grep "^$Y;")" \
		    "$(year_rows <<<"$want" | cut -d';' -f2-)" \
		    "$kind: the year's totals per provider and overall"
	else
		is "$(csv_rows "$csv" total)" \
		    "$(year_rows <<<"$want" | tail -n 1 | cut -d';' -f2-)" \
		    "year: the total once"
	fi
	is "$(csv_rows "$csv" total | tail -n 1 | cut -d';' -f4-)" \
	    "$sql_counts" "$kind: the total is the database's COUNT(*)"
	unlike "$(cat "$csv")" "andra" "$kind: nothing of the network andra"
	is "$(db_query "SELECT COUNT(*) FROM audit
	    WHERE action = 'report.export' AND actor = 'user:$admin'")" \
	    "$((n + 1))" "$kind: CSV audited"
	is "$(db_query "SELECT object_kind, object_ref, detail, network_id
	    FROM audit WHERE action = 'report.export' AND actor = 'user:$admin'
	    ORDER BY id DESC LIMIT 1")" \
	    "$(printf 'report\tvolumes\t%s\t%s' \
	    "format=csv year=$Y period=$kind provider=all" "$net")" \
	    "$kind: with its parameters"

	download "$jar" "/admin/reports/volumes.xml?$q" "$xml"
	is "$DL_STATUS" 200 "$kind: the XML"
	is "$DL_TYPE" "application/xml; charset=utf-8" "$kind: XML in UTF-8"
	is "$DL_DISPOSITION" \
	    "attachment; filename=\"volumes-demo-$Y-$kind.xml\"" \
	    "$kind: XML as an attachment"
	check "$kind: the XML is valid against volumes.xsd" -- valid "$xml"
	is "$(xml_rows "$xml")" "$want" "$kind: XML services as the seed"
	is "$(xml_periods "$xml")" "$(period_sums "$periods" <<<"$want")" \
	    "$kind: XML periods' totals"
	# XPath sums: the year = its periods = all services.
	local c y year="" periods="" services=""
	for c in created activated rejected cancelled; do
		y=$(xp "$xml" "string(/$(e volumes)/$(e year)/@$c)")
		year+="$y;"
		periods+="$(xp "$xml" "sum(/$(e volumes)/$(e period)/@$c)");"
		services+="$(xp "$xml" "sum(//$(e service)/@$c)");"
	done
	is "${year%;}" "$sql_counts" \
	    "$kind: the XML's year is the database's COUNT(*)"
	is "${periods%;} ${services%;}" "$sql_counts $sql_counts" \
	    "$kind: and the sum of its periods and of its services"
	is "$(xp "$xml" "string(/$(e volumes)/@network)") $(xp "$xml" \
	    "string(/$(e volumes)/@period)") $(xp "$xml" \
	    "string(/$(e volumes)/@timeZone)")" "demo $kind Europe/Stockholm" \
	    "$kind: the XML says what it is"

	ctl report volumes --year $Y --period "$kind" --network demo \
	    >"$TAP_TMP/ctl.csv"
	check "$kind: tjgctl's CSV is the download byte for byte" -- \
	    cmp -s "$TAP_TMP/ctl.csv" "$csv"
	ctl report volumes --year $Y --period "$kind" --network demo \
	    --format xml >"$TAP_TMP/ctl.xml"
	check "$kind: tjgctl's XML is the download byte for byte" -- \
	    cmp -s "$TAP_TMP/ctl.xml" "$xml"
}

check_report month "$want_month" "$MONTHS"
check_report quarter "$want_quarter" "$QUARTERS"
check_report year "$want_year" "$Y"

# --- the console's page ------------------------------------------------------

console_get "$jar" "/admin/reports?year=$Y&period=month"
PAGE=$CONSOLE_BODY
is "$CONSOLE_STATUS" 200 "the report page"
like "$PAGE" '<h1>Volymrapport</h1>' "in Swedish"
like "$PAGE" '<a href="/admin/reports" aria-current="page">Rapporter</a>' \
    "the navigation links it"

# table ID: the lines of the page's table with that id.
table() {
	sed -n "/<table class=\"list\" id=\"$1\">/,/<\/table>/p" <<<"$PAGE"
}
# cells ID: each row of table ID's body and foot, "|"-separated.
cells() {
	table "$1" | sed -n '/<tbody>/,/<\/tfoot>/p' | grep '<tr' |
	    sed 's/<\/t[hd]>/|/g; s/<[^>]*>//g; s/|$//'
}
swedish=(januari februari mars april maj juni juli augusti september
    oktober november december)
want_periods=""
i=0
while IFS=';' read -r _ _ _ c a r x; do
	want_periods+="${swedish[i]} $Y|$c|$a|$r|$x"$'\n'
	i=$((i + 1))
done < <(period_sums "$MONTHS" <<<"$want_month")
want_periods+="Totalt|${sql_counts//;/|}"
is "$(cells periods)" "$want_periods" \
    "per month: the counts of each month and the year's total"
is "$(cells providers)" "$nk|8|2|2|1
$nv|9|4|1|1
Totalt|${sql_counts//;/|}" "per provider: the year's totals and the total"
is "$(grep -c '<rect class="bar"' <<<"$PAGE")" 12 "the chart has 12 bars"
like "$PAGE" '<rect class="bar"[^>]*><title>januari 2019: 4</title>' \
    "January's bar: 4 created"
like "$PAGE" '<rect class="bar"[^>]*height="0"><title>augusti 2019: 0' \
    "August's bar is empty"
like "$PAGE" '<svg class="chart"[^>]* role="img"'\
' aria-labelledby="chart-title chart-desc">' "the chart is an image"
unlike "$PAGE" 'style=' "no style attribute"

# The table per service: "period|provider|service|category|counts" rows.
service_rows() {
	table services | awk '
	    /<tr class="period">/ { gsub(/<[^>]*>/, ""); sub(/ \(.*/, "")
		p = $0; next }
	    /<tr>/ && p != "" { gsub(/<\/t[hd]>/, "|"); gsub(/<[^>]*>/, "")
		sub(/\|$/, ""); print p "|" $0 }'
}
name_of() {
	case $1 in
	"$v1") echo "$nv|Bredband 100/100|Bredband" ;;
	"$v2") echo "$nv|Bredband 250/250|Bredband" ;;
	"$k1") echo "$nk|TV Bas|TV" ;;
	"$k2") echo "$nk|Streamingbox (hyra)|Övrigt" ;;
	esac
}
want_services=""
while IFS=';' read -r per _ s c a r x; do
	m=${swedish[$((10#${per#*-} - 1))]}
	want_services+="$m $Y|$(name_of "$s")|$c|$a|$r|$x"$'\n'
done <<<"$want_month"
is "$(service_rows)" "${want_services%$'\n'}" \
    "per service: each month's services with their counts"
is "$(table services | grep -c '<tr class="subtotal">')" \
    "$(prov_sums <<<"$want_month" | grep -c .)" \
    "a sum row for each provider in each month"
like "$(table services | grep '<tr class="total">' | head -n 1)" \
    "Totalt januari 2019</th><td class=\"num\">4</td>" \
    "and a total row for each month"
is "$(table services | grep -c '<tr class="total">')" 12 "all twelve"
like "$PAGE" "href=\"/admin/reports/volumes.csv\\?year=$Y&amp;period=month\"" \
    "a CSV link with the same parameters"
like "$PAGE" "href=\"/admin/reports/volumes.xml\\?year=$Y&amp;period=month\"" \
    "an XML link with the same parameters"

console_get "$jar" "/admin/reports?year=$Y&period=quarter"
PAGE=$CONSOLE_BODY
is "$(cells periods | head -n 4 | cut -d'|' -f1)" "kvartal 1 $Y
kvartal 2 $Y
kvartal 3 $Y
kvartal 4 $Y" "quarters: four rows"
is "$(grep -c '<rect class="bar"' <<<"$PAGE")" 4 "quarters: four bars"
console_get "$jar" "/admin/reports?year=$Y&period=year"
PAGE=$CONSOLE_BODY
is "$(cells periods)" "$Y|${sql_counts//;/|}
Totalt|${sql_counts//;/|}" "the year: one row"

# The default: this Swedish year, months, every provider.
console_get "$jar" /admin/reports
like "$CONSOLE_BODY" "name=\"year\" value=\"$(TZ=Europe/Stockholm date +%Y)\"" \
    "without parameters: this year"
like "$CONSOLE_BODY" '<option value="month" selected>' "and months"

console_get "$jar" "/en/admin/reports?year=$Y&period=month"
is "$CONSOLE_STATUS" 200 "English: the page"
like "$CONSOLE_BODY" '<h1>Volume report</h1>' "English: in English"
like "$CONSOLE_BODY" "<th scope=\"row\">January $Y</th>" "English: months"
like "$CONSOLE_BODY" "href=\"/en/admin/reports/volumes.csv" \
    "English: the links stay in English"

# The same through Apache.
apache=$(server_url apache)
is "$(console_login "$admin" "$TAP_TMP/jar-apache" "$apache")" 303 \
    "Apache: the administrator signs in"
download "$TAP_TMP/jar-apache" "/admin/reports/volumes.csv?year=$Y" \
    "$TAP_TMP/apache.csv" "$apache"
is "$DL_STATUS" 200 "Apache: the CSV"
check "Apache: the same bytes as through lighttpd" -- \
    cmp -s "$TAP_TMP/apache.csv" "$TAP_TMP/month.csv"
is "$DL_DISPOSITION" "attachment; filename=\"volumes-demo-$Y-month.csv\"" \
    "Apache: as an attachment"

# --- one provider ------------------------------------------------------------

q="year=$Y&period=quarter&provider=vindlo-demo"
download "$jar" "/admin/reports/volumes.csv?$q" "$TAP_TMP/v.csv"
is "$DL_STATUS" 200 "Vindlo only: the CSV"
is "$DL_DISPOSITION" \
    "attachment; filename=\"volumes-demo-$Y-quarter-vindlo-demo.csv\"" \
    "Vindlo only: named so"
want_v=$(grep ';vindlo-demo;' <<<"$want_quarter")
is "$(csv_rows "$TAP_TMP/v.csv" service)" "$want_v" \
    "Vindlo only: its services, as the seed"
is "$(csv_rows "$TAP_TMP/v.csv" total | tail -n 1)" \
    "$(year_rows <<<"$want_v" | tail -n 1 | cut -d';' -f2-)" \
    "Vindlo only: the total is Vindlo's"
is "$(db_query "SELECT detail FROM audit WHERE action = 'report.export'
    AND actor = 'user:$admin' ORDER BY id DESC LIMIT 1")" \
    "format=csv year=$Y period=quarter provider=vindlo-demo" \
    "Vindlo only: audited with the provider"
ctl report volumes --year $Y --period quarter --provider vindlo-demo \
    --network demo >"$TAP_TMP/ctl.csv"
check "Vindlo only: tjgctl's CSV is the download" -- \
    cmp -s "$TAP_TMP/ctl.csv" "$TAP_TMP/v.csv"
download "$jar" "/admin/reports/volumes.xml?$q" "$TAP_TMP/v.xml"
check "Vindlo only: the XML is valid" -- valid "$TAP_TMP/v.xml"
is "$(xp "$TAP_TMP/v.xml" "string(/$(e volumes)/@provider)")" vindlo-demo \
    "Vindlo only: the XML names the provider"
ctl report volumes --year $Y --period quarter --provider vindlo-demo \
    --network demo --format xml >"$TAP_TMP/ctl.xml"
check "Vindlo only: tjgctl's XML is the download" -- \
    cmp -s "$TAP_TMP/ctl.xml" "$TAP_TMP/v.xml"

# --- the other network, and erasure ------------------------------------------

ctl report volumes --year $Y --network andra >"$TAP_TMP/andra.csv"
is "$(csv_rows "$TAP_TMP/andra.csv" total | tail -n 1)" "$Y;;;2;1;0;0" \
    "andra: its own two orders, one activated"
is "$(csv_rows "$TAP_TMP/andra.csv" service | cut -d';' -f2 | sort -u |
    tr '\n' ' ')" "kvistra-andra vindlo-andra " "andra: its own providers"
is "$(db_query "SELECT actor LIKE 'cli:%', network_id, detail FROM audit
    WHERE action = 'report.export' ORDER BY id DESC LIMIT 1")" \
    "1	$net2	format=csv year=$Y period=month provider=all" \
    "tjgctl's export is audited as the console's"

ctl order erase "${tag}0000013" >/dev/null
is "$(db_query "SELECT erased_at IS NOT NULL, pii IS NULL FROM orders
    WHERE ref = '${tag}0000013'")" "1	1" "an order's personal data erased"
download "$jar" "/admin/reports/volumes.csv?year=$Y&period=month" \
    "$TAP_TMP/after.csv"
check "after the erasure the report is the same, byte for byte" -- \
    cmp -s "$TAP_TMP/after.csv" "$TAP_TMP/month.csv"

# --- bad parameters ----------------------------------------------------------

n=$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'report.export'")
console_get "$jar" "/admin/reports?year=99999&period=month"
is "$CONSOLE_STATUS" 422 "year 99999: 422"
like "$CONSOLE_BODY" '<div class="error-summary"' "year 99999: the errors"
like "$CONSOLE_BODY" '<a href="#year">Ange året med fyra siffror' \
    "year 99999: said at the field"
like "$CONSOLE_BODY" 'name="year" value="99999"' "year 99999: kept"
like "$CONSOLE_BODY" 'aria-invalid="true"' "year 99999: marked invalid"
unlike "$CONSOLE_BODY" 'id="periods"' "year 99999: no report"
console_get "$jar" "/admin/reports?year=$Y&period=week"
is "$CONSOLE_STATUS" 422 "period week: 422"
like "$CONSOLE_BODY" '<a href="#period">' "period week: said at the field"
like "$CONSOLE_BODY" "name=\"year\" value=\"$Y\"" "period week: year kept"
console_get "$jar" "/admin/reports?year=$Y&provider=vindlo-andra"
is "$CONSOLE_STATUS" 422 "another network's provider: 422"
like "$CONSOLE_BODY" '<a href="#provider">' "and said at the field"
console_get "$jar" "/admin/reports?year=abc&period=day"
is "$CONSOLE_STATUS" 422 "year abc, period day: 422"
download "$jar" "/admin/reports/volumes.csv?year=99999" "$TAP_TMP/bad.csv"
is "$DL_STATUS" 422 "CSV of year 99999: 422"
like "$(cat "$TAP_TMP/bad.csv")" '<a href="#year">' "CSV: the form, not a file"
is "$DL_DISPOSITION" "" "CSV: no attachment"
download "$jar" "/admin/reports/volumes.xml?year=$Y&period=week" \
    "$TAP_TMP/bad.xml"
is "$DL_STATUS" 422 "XML of period week: 422"
is "$(db_query "SELECT COUNT(*) FROM audit
    WHERE action = 'report.export'")" "$n" "nothing refused is audited"
console_get "$jar" "/admin/reports?year=$Y&format=csv"
is "$CONSOLE_STATUS" 400 "an unknown parameter: 400"

st=0
ctl report volumes --year 99999 --network demo >"$TAP_TMP/out" \
    2>"$TAP_TMP/err" || st=$?
is "$st" 2 "tjgctl: year 99999 is a usage error"
is "$(wc -c <"$TAP_TMP/out")" 0 "tjgctl: and prints no report"
like "$(cat "$TAP_TMP/err")" 'usage: tjgctl report volumes' \
    "tjgctl: with the usage"
st=0
ctl report volumes --year $Y --period week --network demo \
    >/dev/null 2>&1 || st=$?
is "$st" 2 "tjgctl: period week is a usage error"
st=0
ctl report volumes --year $Y --format pdf >/dev/null 2>&1 || st=$?
is "$st" 2 "tjgctl: format pdf is a usage error"
st=0
ctl report volumes --period month --network demo >/dev/null 2>&1 || st=$?
is "$st" 2 "tjgctl: no year is a usage error"
st=0
ctl report volumes --year $Y >/dev/null 2>"$TAP_TMP/err" || st=$?
is "$st" 2 "tjgctl: two networks and no --network: a usage error"
like "$(cat "$TAP_TMP/err")" 'give --network' "tjgctl: saying so"
st=0
ctl report volumes --year $Y --network nowhere >/dev/null 2>&1 || st=$?
is "$st" 1 "tjgctl: an unknown network fails"
st=0
ctl report volumes --year $Y --network demo --provider vindlo-andra \
    >/dev/null 2>&1 || st=$?
is "$st" 1 "tjgctl: another network's provider fails"

# --- who may ------------------------------------------------------------------

support=reports-support-$$
console_user "$support" network_support
sjar=$TAP_TMP/jar-support
is "$(console_login "$support" "$sjar")" 303 "support signs in"
puser=reports-vindlo-$$
console_user "$puser" provider_user vindlo-demo
pjar=$TAP_TMP/jar-vindlo
is "$(console_login "$puser" "$pjar")" 303 "Vindlo's user signs in"
for who in support vindlo; do
	j=$sjar
	[ "$who" = vindlo ] && j=$pjar
	for p in "/admin/reports?year=$Y" "/admin/reports/volumes.csv?year=$Y" \
	    "/admin/reports/volumes.xml?year=$Y"; do
		download "$j" "$p" "$TAP_TMP/refused"
		is "$DL_STATUS" 403 "$who: ${p%%\?*} is 403"
	done
	console_get "$j" /admin
	unlike "$CONSOLE_BODY" 'href="/admin/reports"' "$who: no link to it"
done
get "$base/admin/reports/volumes.csv?year=$Y"
is "$HTTP_STATUS" 303 "anonymous: sent to sign in"
unlike "$HTTP_BODY" 'row;period' "anonymous: no report"

done_testing
