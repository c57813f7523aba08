#!/usr/bin/env bash
# Retention: tjgctl purge with the clock moved by TJG_NOW. Orders placed
# through the public form (provider kvistra-demo, which the other API
# tests leave alone, and kvistra-andra in the network andra): two fetched
# through the API (one then activated), one withdrawn by the resident
# (final, never fetched), one left new and unfetched. Then:
#   - the real clock and +89 days: nothing of them erased;
#   - andra's own retention_days (10, set with SQL) at +11 days: andra's
#     final order erased, its new one and all of demo's kept, andra's
#     mail deleted;
#   - +91 days: exactly the fetched and final orders erased (personal
#     data, blind indexes and outlet gone; an "erased" event by system;
#     status, prices and times kept), the unfetched new one untouched,
#     the old mail deleted; a second run erases nothing and says 0; the
#     feed shows the erasure marker for each erased order;
#   - data-subject requests (inserted with SQL): pending ones past
#     expires_at expired with their code erased, access tokens erased
#     after their window, leftover codes erased; a leftover sent mail
#     still holding its address is erased;
#   - a failing step makes the exit status 1 while the others still run;
#   - a purge of 1500 due orders (three batches) running while
#     residents place orders: every order is whole, every due one erased;
#   - conf/tjg-purge.timer and .service pass systemd-analyze verify.
# The purge is global: it also erases what earlier tests left that is due
# at the moved clock, so expected counts are read from the database just
# before each run.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

XSD=$TJG_SRC/doc/orderfeed.xsd
command -v xmllint >/dev/null || plan skip_all "xmllint is missing"

base=$(server_url lighttpd)
ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }

# --- the systemd units ------------------------------------------------------

if command -v systemd-analyze >/dev/null; then
	# The example paths (/usr/local/bin) need not exist here: verify a
	# copy that runs the built tjgctl instead.
	mkdir "$TAP_TMP/units"
	sed "s|/usr/local/bin/tjgctl|$TJG_CTL|" \
	    "$TJG_SRC/conf/tjg-purge.service" \
	    >"$TAP_TMP/units/tjg-purge.service"
	cp "$TJG_SRC/conf/tjg-purge.timer" "$TAP_TMP/units/"
	if systemd-analyze verify --man=no "$TAP_TMP/units/tjg-purge.service" \
	    "$TAP_TMP/units/tjg-purge.timer" >"$TAP_TMP/verify" 2>&1 &&
	    ! grep -q . "$TAP_TMP/verify"; then
		pass "tjg-purge.timer and .service pass systemd-analyze verify"
	else
		fail "tjg-purge.timer and .service pass systemd-analyze verify"
		diag "$(cat "$TAP_TMP/verify")"
	fi
else
	skip 1 "systemd-analyze is not installed (a lint of conf/tjg-purge.*)"
fi
cron=$(grep -v '^#' "$TJG_SRC/conf/tjg-purge.cron" | grep -c .)
is "$cron" 2 "conf/tjg-purge.cron has two cron lines"
like "$(grep -v '^#' "$TJG_SRC/conf/tjg-purge.cron" | head -n 1)" \
    '^[0-9]+ [0-9]+ \* \* \* [a-z-]+ .*tjgctl purge' \
    "a daily line of /etc/cron.d running tjgctl purge"
like "$(grep -v '^#' "$TJG_SRC/conf/tjg-purge.cron" | tail -n 1)" \
    '^[0-9]+ [0-9]+ \* \* \* [a-z-]+ .*tjgctl contacts review' \
    "and one running the contact register's review"

# --- helpers ----------------------------------------------------------------

# at DAYS: the database's UTC now moved DAYS days, as TJG_NOW wants it.
at() {
	db_query "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL $1 DAY,
	    '%Y-%m-%d %H:%i:%s')"
}

# purge [NOW]: runs tjgctl purge (with TJG_NOW=NOW when given); sets
# OUT (stdout), ERR (stderr) and RC.
purge() {
	RC=0
	TJG_NOW=${1:-} "$TJG_CTL" -c "$TJG_CONF" purge \
	    >"$TAP_TMP/purge.out" 2>"$TAP_TMP/purge.err" || RC=$?
	OUT=$(cat "$TAP_TMP/purge.out")
	ERR=$(cat "$TAP_TMP/purge.err")
}

# due NOW: how many orders the rule makes due at NOW (the test's own
# statement of it: retain_from more than the network's days, else 90,
# before NOW).
due() {
	db_query "SELECT COUNT(*) FROM orders o JOIN network n
	    ON n.id = o.network_id WHERE o.erased_at IS NULL
	    AND o.retain_from < '$1' - INTERVAL COALESCE(n.retention_days, 90)
	    DAY"
}

# mail_due NOW: how many mails are past retention at NOW.
mail_due() {
	db_query "SELECT COUNT(*) FROM outbox m LEFT JOIN network n
	    ON n.id = m.network_id
	    WHERE m.created_at < '$1' - INTERVAL COALESCE(n.retention_days, 90)
	    DAY"
}

# orders_line N NAME: a line of the last run says N orders were erased.
orders_line() {
	if grep -qxE "purge: $1 orders' personal data erased \(retention 90 days[^)]*\)" \
	    <<<"$OUT"; then
		pass "$2"
	else
		fail "$2"
		diag "$OUT"
	fi
}

# erased REF: "1" when REF's personal data is erased; kept REF: "1" when
# it is all there.
erased() {
	db_query "SELECT pii IS NULL AND pii_key_id IS NULL AND pnr_bidx IS NULL
	    AND email_bidx IS NULL AND outlet_id IS NULL
	    AND erased_at IS NOT NULL FROM orders WHERE ref = '$1'"
}
kept() {
	db_query "SELECT pii IS NOT NULL AND email_bidx IS NOT NULL
	    AND outlet_id IS NOT NULL AND erased_at IS NULL
	    FROM orders WHERE ref = '$1'"
}

# stats REF: what must survive an erasure.
stats() {
	db_query "SELECT network_id, provider_id, service_id, area_id, status,
	    service_name, monthly_ore, start_fee_ore, binding_months,
	    campaign_kind, created_at, fetched_at, final_at, status_date
	    FROM orders WHERE ref = '$1'"
}

# erased_events REF: the order's "erased" events by the system.
erased_events() {
	db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
	    ON o.id = e.order_id WHERE o.ref = '$1' AND e.kind = 'erased'
	    AND e.actor_kind = 'system' AND e.actor_id IS NULL"
}

# mails REF: the order's rows in the mail queue.
mails() {
	db_query "SELECT COUNT(*) FROM outbox m JOIN orders o
	    ON o.id = m.order_id WHERE o.ref = '$1'"
}

# make_order HOST CODE SVC FIRST: orders SVC at outlet CODE through the
# public form of the network served at HOST; prints "REF SECRET".
make_order() {
	local host=$1 code=$2 svc=$3 first=$4 jar tok html loc i secret
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	html=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -H "Host: $host" \
	    "$base/bestall/$code/$svc") || return 1
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p' \
	    <<<"$html" | head -n 1)
	for ((i = 0; i < 50; i++)); do
		loc=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -H "Host: $host" \
		    -o /dev/null -w '%{http_code} %{redirect_url}' \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=$first" \
		    --data-urlencode "last_name=Gallringsson" \
		    --data-urlencode "email=purge.$RANDOM$RANDOM@example.org" \
		    --data-urlencode "phone=070-123 45 67" \
		    --data-urlencode "x1=1" --data-urlencode "terms=1" \
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

# withdraw HOST SECRET: the resident withdraws the order (confirmed).
withdraw() {
	local jar tok
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	get "$base/status/$2/angra" -H "Host: $1" -c "$jar" -b "$jar"
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p' \
	    <<<"$HTTP_BODY" | head -n 1)
	get "$base/status/$2/angra" -H "Host: $1" -c "$jar" -b "$jar" \
	    --data-urlencode "csrf=$tok"
	[ "$HTTP_STATUS" = 303 ]
}

# feed AFTER: one page of kvistra-demo's feed, waiting out 429s.
feed() {
	local i
	for ((i = 0; i < 20; i++)); do
		get "$base/api/v1/orders?after=$1&limit=1000" \
		    -H "Authorization: Bearer $tok"
		[ "$HTTP_STATUS" = 429 ] || return 0
		sleep "$(header Retry-After)"
	done
}

# in_feed REF WHAT: count of WHAT ("erased", "customerDetails") in the
# order REF of the last feed page.
in_feed() {
	xmllint --xpath "count(//*[local-name()='order'][*[local-name()='reference']='$1']/*[local-name()='$2'])" \
	    "$HTTP_BODY_FILE" 2>/dev/null || true
}

# --- the orders -------------------------------------------------------------

code=$(db_query "SELECT o.code FROM outlet o JOIN address a
    ON a.id = o.address_id JOIN network n ON n.id = a.network_id
    WHERE n.slug = 'demo' AND o.status = 'active'
    AND o.apartment IS NOT NULL ORDER BY o.id LIMIT 1")
svc=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'kvistra-demo' AND s.active = 1
    AND s.limited_to_areas = 0 ORDER BY s.id LIMIT 1")
acode=$(db_query "SELECT o.code FROM outlet o JOIN address a
    ON a.id = o.address_id JOIN network n ON n.id = a.network_id
    WHERE n.slug = 'andra' AND o.status = 'active'
    AND o.apartment IS NOT NULL ORDER BY o.id LIMIT 1")
asvc=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'kvistra-andra' AND s.active = 1
    AND s.limited_to_areas = 0 ORDER BY s.id LIMIT 1")
prov=$(db_query "SELECT id FROM provider WHERE slug = 'kvistra-demo'")

tok=$(ctl token create --provider kvistra-demo --label "91-purge" 2>/dev/null)
like "$tok" '^[A-Za-z0-9_-]{43}$' "a token for kvistra-demo"
tok_id=$(db_query "SELECT id FROM api_token WHERE token_hash =
    UNHEX(SHA2('$tok', 256))")
at_exit "ctl token revoke $tok_id >/dev/null 2>&1"
at_exit "db_query \"UPDATE network SET retention_days = NULL
    WHERE slug = 'andra'\" >/dev/null"

db_query "DELETE FROM rate_limit" >/dev/null
cursor=$(db_query "SELECT last_seq FROM provider_feed
    WHERE provider_id = $prov")
read -r f1 f1s < <(make_order localhost "$code" "$svc" Fetchad)
read -r f2 f2s < <(make_order localhost "$code" "$svc" Aktiverad)
feed "$cursor"
is "$HTTP_STATUS" 200 "the provider fetches its feed"
is "$(db_query "SELECT COUNT(*) FROM orders WHERE ref IN ('$f1', '$f2')
    AND fetched_at IS NOT NULL")" 2 "two orders fetched"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<statusReport xmlns="urn:tjansteguiden:orderfeed:1"><status>activated</status><date>2026-01-20</date><providerReference>PR-91</providerReference></statusReport>\n' \
    >"$TAP_TMP/st.xml"
get "$base/api/v1/orders/$f2/status" -H "Authorization: Bearer $tok" \
    -H 'Content-Type: application/xml' --data-binary "@$TAP_TMP/st.xml"
is "$HTTP_STATUS" 200 "one of them activated by the provider"
read -r w1 w1s < <(make_order localhost "$code" "$svc" Angrad)
read -r n1 n1s < <(make_order localhost "$code" "$svc" Ohamtad)
check "one withdrawn by the resident before it was fetched" -- \
    withdraw localhost "$w1s"
read -r a1 a1s < <(make_order andra.localhost "$acode" "$asvc" Andra)
read -r a2 a2s < <(make_order andra.localhost "$acode" "$asvc" Andraoh)
check "andra: one withdrawn" -- withdraw andra.localhost "$a1s"
like "$f1 $f2 $w1 $n1 $a1 $a2" '^([0-9A-Z]{12} ){5}[0-9A-Z]{12}$' \
    "six orders placed through the form"
is "$(db_query "SELECT GROUP_CONCAT(CONCAT(status, ':',
    fetched_at IS NOT NULL, final_at IS NOT NULL) ORDER BY id)
    FROM orders WHERE ref IN ('$f1', '$f2', '$w1', '$n1', '$a1', '$a2')")" \
    "new:10,activated:11,cancelled:01,new:00,cancelled:01,new:00" \
    "fetched, fetched and final, final, neither; andra: final, neither"
for r in "$f1" "$f2" "$w1" "$n1"; do
	eval "before_$r=\$(stats $r)"
done

# --- requests and mail (SQL) ------------------------------------------------

# dsr ID_TAG STATUS EXPIRES VERIFIED CODE TOKEN: a data-subject request
# of demo, tagged in its note.
dsr() {
	db_query "INSERT INTO dsr_request (network_id, kind, status, email_bidx,
	    code_hash, expires_at, access_token_hash, verified_at, note)
	    VALUES (1, 'access', '$2', UNHEX(SHA2('91-purge $1', 256)),
	    $5, $3, $6, $4, '91-purge $1')" >/dev/null
}
dsr_row() {
	db_query "SELECT status, code_hash IS NOT NULL,
	    access_token_hash IS NOT NULL FROM dsr_request
	    WHERE note = '91-purge $1'"
}
NOW6="UTC_TIMESTAMP(6)"
H="UNHEX(SHA2(UUID(), 256))"
db_query "DELETE FROM dsr_request WHERE note LIKE '91-purge %'" >/dev/null
dsr stale pending "$NOW6 - INTERVAL 1 MINUTE" NULL "$H" NULL
dsr fresh pending "$NOW6 + INTERVAL 1 DAY" NULL "$H" NULL
dsr oldtok verified "$NOW6 - INTERVAL 2 DAY" \
    "$NOW6 - INTERVAL 2 DAY - INTERVAL 5 MINUTE" NULL "$H"
dsr newtok verified "$NOW6 - INTERVAL 50 MINUTE" "$NOW6 - INTERVAL 1 HOUR" \
    NULL "$H"
dsr leftcode done "$NOW6 - INTERVAL 3 HOUR" "$NOW6 - INTERVAL 3 HOUR" \
    "$H" NULL
db_query "INSERT INTO outbox (network_id, kind, to_addr, subject, body,
    status, attempts, sent_at) VALUES (1, 'receipt',
    'kvar.91@example.net', '91-purge leftover', 'Hej', 'sent', 1,
    UTC_TIMESTAMP(6))" >/dev/null

# --- the real clock ---------------------------------------------------------

exp=$(due "$(at 0)")
exp_exp=$(db_query "SELECT COUNT(*) FROM dsr_request WHERE status = 'pending'
    AND expires_at < UTC_TIMESTAMP(6)")
exp_left=$(db_query "SELECT COUNT(*) FROM outbox WHERE status IN ('sent',
    'failed') AND (to_addr IS NOT NULL OR body IS NOT NULL)")
purge
is "$RC" 0 "now: purge exits 0"
like "$OUT" "^purge: now is [0-9-]{10} [0-9:]{8} UTC" "now: says its clock"
orders_line "$exp" "now: $exp orders erased (the due ones of earlier tests)"
for r in "$f1" "$f2" "$w1" "$n1" "$a1" "$a2"; do
	is "$(kept "$r")" 1 "now: $r keeps its personal data"
done
like "$OUT" "purge: $exp_exp unverified requests expired with their codes, [0-9]+ other stale codes and [0-9]+ access tokens erased" \
    "now: the requests line"
is "$(dsr_row stale)" "$(printf 'expired\t0\t0')" \
    "now: a pending request past expires_at is expired, its code erased"
is "$(dsr_row fresh)" "$(printf 'pending\t1\t0')" \
    "now: one not yet expired is left alone"
is "$(dsr_row oldtok)" "$(printf 'verified\t0\t0')" \
    "now: an access token a day past its window is erased"
is "$(dsr_row newtok)" "$(printf 'verified\t0\t1')" \
    "now: one verified an hour ago is kept"
is "$(dsr_row leftcode)" "$(printf 'done\t0\t0')" \
    "now: a code left on a finished request is erased"
like "$OUT" "purge: $exp_left sent or failed mails' addresses and texts erased, [0-9]+ mails past retention deleted" \
    "now: the mail line"
is "$(db_query "SELECT to_addr IS NULL AND body IS NULL
    AND erased_at IS NOT NULL FROM outbox
    WHERE subject = '91-purge leftover'")" 1 \
    "now: the leftover sent mail lost its address and text"

# --- +89 days ---------------------------------------------------------------

t89=$(at 89)
exp=$(due "$t89")
purge "$t89"
is "$RC" 0 "+89 days: purge exits 0"
like "$OUT" "^purge: now is $t89 UTC" "+89 days: runs on the moved clock"
orders_line "$exp" "+89 days: $exp orders erased"
for r in "$f1" "$f2" "$w1" "$n1" "$a1" "$a2"; do
	is "$(kept "$r")" 1 "+89 days: $r keeps its personal data"
done
is "$(dsr_row fresh)" "$(printf 'expired\t0\t0')" \
    "+89 days: the moved clock expires the other pending request"
is "$(dsr_row newtok)" "$(printf 'verified\t0\t0')" \
    "+89 days: and erases the other access token"
is "$(mails "$f1")" 1 "+89 days: the receipt mail is still queued"

# --- andra's own retention: 10 days -----------------------------------------

db_query "UPDATE network SET retention_days = 10 WHERE slug = 'andra'" \
    >/dev/null
t11=$(at 11)
exp=$(due "$t11")
purge "$t11"
is "$RC" 0 "+11 days: purge exits 0"
orders_line "$exp" "+11 days: $exp orders erased"
like "$OUT" "retention 90 days; network andra: 10 days\\)" \
    "+11 days: names andra's own retention"
is "$(erased "$a1")" 1 "+11 days: andra's final order is erased"
is "$(erased_events "$a1")" 1 "+11 days: with an erased event by system"
is "$(kept "$a2")" 1 "+11 days: andra's unfetched new order is not"
for r in "$f1" "$f2" "$w1" "$n1"; do
	is "$(kept "$r")" 1 "+11 days: demo's $r is not (90 days)"
done
is "$(mails "$a2")" 0 "+11 days: andra's mail is deleted"
is "$(mails "$f1")" 1 "+11 days: demo's is not"
db_query "UPDATE network SET retention_days = NULL WHERE slug = 'andra'" \
    >/dev/null

# --- +91 days ---------------------------------------------------------------

t91=$(at 91)
exp=$(due "$t91")
exp_mail=$(mail_due "$t91")
check "+91 days: at least our three orders are due" -- test "$exp" -ge 3
ev=$(db_query "SELECT COUNT(*) FROM order_event")
purge "$t91"
is "$RC" 0 "+91 days: purge exits 0"
orders_line "$exp" "+91 days: $exp orders erased"
like "$OUT" "[0-9]+ sent or failed mails' addresses and texts erased, $exp_mail mails past retention deleted" \
    "+91 days: the mail line counts the deleted mail"
for r in "$f1" "$f2" "$w1"; do
	is "$(erased "$r")" 1 "+91 days: $r: personal data, indexes, outlet gone"
	is "$(erased_events "$r")" 1 "+91 days: $r: one erased event by system"
	eval "want=\$before_$r"
	is "$(stats "$r")" "$want" \
	    "+91 days: $r keeps status, prices and times"
	is "$(mails "$r")" 0 "+91 days: $r: its mail is deleted"
done
is "$(db_query "SELECT provider_reference IS NULL FROM orders
    WHERE ref = '$f2'")" 1 "+91 days: the provider's reference is gone too"
is "$(kept "$n1")" 1 "+91 days: the new order never fetched is untouched"
is "$(erased_events "$n1")" 0 "+91 days: and has no erased event"
is "$(db_query "SELECT COUNT(*) FROM order_event")" $((ev + exp)) \
    "+91 days: one event per erased order, nothing else"
unlike "$OUT$ERR" "Gallringsson|example\\.org" \
    "+91 days: no personal data in the output"

seqs=$(db_query "SELECT GROUP_CONCAT(feed_seq ORDER BY id) FROM orders")
ev=$(db_query "SELECT COUNT(*) FROM order_event")
purge "$t91"
is "$RC" 0 "again: purge exits 0"
orders_line 0 "again: 0 orders erased"
like "$OUT" "purge: 0 unverified requests expired with their codes, 0 other stale codes and 0 access tokens erased" \
    "again: no requests"
like "$OUT" "purge: 0 sent or failed mails' addresses and texts erased, 0 mails past retention deleted" \
    "again: no mail"
is "$(db_query "SELECT COUNT(*) FROM order_event")" "$ev" \
    "again: no event written"
is "$(db_query "SELECT GROUP_CONCAT(feed_seq ORDER BY id) FROM orders")" \
    "$seqs" "again: no order moved in the feed"

# The provider sees each erasure in its feed.
feed "$cursor"
is "$HTTP_STATUS" 200 "the feed after the purge"
if xmllint --noout --schema "$XSD" "$HTTP_BODY_FILE" 2>"$TAP_TMP/x.err"
then
	pass "the feed validates"
else
	fail "the feed validates"
	diag "$(cat "$TAP_TMP/x.err")"
fi
for r in "$f1" "$f2" "$w1"; do
	is "$(in_feed "$r" erased)" 1 "feed: $r has the erasure marker"
	is "$(in_feed "$r" customerDetails)" 0 "feed: $r has no customer details"
done
is "$(in_feed "$n1" erased)" 0 "feed: the unfetched order has no marker"
is "$(in_feed "$n1" customerDetails)" 1 "feed: and its customer details"
unlike "$HTTP_BODY" "Fetchad|Aktiverad|Angrad" \
    "feed: none of the erased names"

# --- a failing step ---------------------------------------------------------

db_query "RENAME TABLE dsr_request TO dsr_request_91" >/dev/null
at_exit "db_query 'RENAME TABLE dsr_request_91 TO dsr_request' \
    >/dev/null 2>&1"
purge
db_query "RENAME TABLE dsr_request_91 TO dsr_request" >/dev/null
is "$RC" 1 "a failing step: purge exits 1"
like "$ERR" "purge requests" "which names the step"
orders_line 0 "the orders step still ran"
like "$OUT" "mails past retention deleted" "the mail step still ran"

# --- while residents order --------------------------------------------------

# 1500 due orders (three batches of 500), cloned from the new order
# with a fetch 200 days ago and their own feed numbers.
pfx=$(printf 'Q%03X' $((RANDOM % 4096)))
db_query "SET max_recursive_iterations = 2000;
    START TRANSACTION;
    SELECT last_seq INTO @base FROM provider_feed WHERE provider_id = $prov
        FOR UPDATE;
    INSERT INTO orders (ref, network_id, outlet_id, area_id, provider_id,
        service_id, status_token_hash, idem_hash, lang, service_name,
        monthly_ore, start_fee_ore, binding_months, notice_months, pii,
        pii_key_id, pnr_bidx, email_bidx, feed_seq, fetched_at, created_at)
    WITH RECURSIVE s (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s
        WHERE n < 1500)
    SELECT CONCAT('$pfx', LPAD(s.n, 8, '0')), o.network_id, o.outlet_id,
        o.area_id, o.provider_id, o.service_id,
        UNHEX(SHA2(CONCAT('$pfx', s.n), 256)),
        UNHEX(SHA2(CONCAT('idem $pfx', s.n), 256)), o.lang, o.service_name,
        o.monthly_ore, o.start_fee_ore, o.binding_months, o.notice_months,
        o.pii, o.pii_key_id, o.pnr_bidx, o.email_bidx, @base + s.n,
        UTC_TIMESTAMP(6) - INTERVAL 200 DAY,
        UTC_TIMESTAMP(6) - INTERVAL 201 DAY
    FROM s JOIN orders o ON o.ref = '$n1';
    UPDATE provider_feed SET last_seq = @base + 1500 WHERE provider_id = $prov;
    COMMIT" >/dev/null
is "$(db_query "SELECT COUNT(*) FROM orders WHERE ref LIKE '$pfx%'
    AND erased_at IS NULL")" 1500 "1500 due orders"
exp=$(due "$(at 0)")
db_query "DELETE FROM rate_limit" >/dev/null
TJG_NOW='' "$TJG_CTL" -c "$TJG_CONF" purge >"$TAP_TMP/bg.out" \
    2>"$TAP_TMP/bg.err" &
bg=$!
# The orders start once the purge is erasing.
for ((i = 0; i < 100; i++)); do
	[ "$(db_query "SELECT COUNT(*) FROM orders WHERE ref LIKE '$pfx%'
	    AND erased_at IS NOT NULL")" -gt 0 ] && break
	sleep 0.05
done
for i in 1 2 3 4 5; do
	make_order localhost "$code" "$svc" "Samtidig" >"$TAP_TMP/conc.$i" &
done
wait "$bg" && rc=0 || rc=$?
wait
is "$rc" 0 "concurrent: purge exits 0"
OUT=$(cat "$TAP_TMP/bg.out")
orders_line "$exp" "concurrent: all $exp due orders erased"
is "$(db_query "SELECT COUNT(*) FROM orders WHERE ref LIKE '$pfx%'
    AND erased_at IS NULL")" 0 "concurrent: none of the 1500 left"
is "$(db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
    ON o.id = e.order_id WHERE o.ref LIKE '$pfx%' AND e.kind = 'erased'
    AND e.actor_kind = 'system'")" 1500 "concurrent: 1500 erased events"
refs=""
for i in 1 2 3 4 5; do
	read -r r _ <"$TAP_TMP/conc.$i" || true
	like "$r" '^[0-9A-Z]{12}$' "concurrent: order $i placed"
	refs="$refs${refs:+, }'$r'"
done
is "$(db_query "SELECT COUNT(*) FROM orders o WHERE o.ref IN ($refs)
    AND o.pii IS NOT NULL AND o.erased_at IS NULL
    AND (SELECT COUNT(*) FROM order_event e WHERE e.order_id = o.id
        AND e.kind = 'created') = 1
    AND (SELECT COUNT(*) FROM outbox m WHERE m.order_id = o.id) = 1")" 5 \
    "concurrent: each whole (personal data, created event, receipt mail)"
check "concurrent: orders were placed while the purge was erasing" -- \
    test "$(db_query "SELECT COUNT(*) FROM orders WHERE ref IN ($refs)
    AND created_at < (SELECT MAX(e.created_at) FROM order_event e
        JOIN orders o ON o.id = e.order_id WHERE o.ref LIKE '$pfx%'
        AND e.kind = 'erased')")" -gt 0

# --- a wrong clock ----------------------------------------------------------

ev=$(db_query "SELECT COUNT(*) FROM order_event")
purge "2026-02-30 00:00:00"
is "$RC" 1 "an impossible TJG_NOW: exit 1"
is "$OUT" "" "and nothing done"
is "$(db_query "SELECT COUNT(*) FROM order_event")" "$ev" "nothing written"

done_testing
