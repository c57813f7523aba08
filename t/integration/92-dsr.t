#!/usr/bin/env bash
# The resident's rights, self-service (/mina-uppgifter), and their
# handling in the console (/admin/requests), end to end on the real stack
# with a real SMTP server (python3-aiosmtpd, msmtp as the sendmail of
# `tjgctl mail`, as in 40-mail.t; the messages land in $TJG_MAIL_DIR):
#
#  - orders placed through the public form with a generated, fictional
#    e-mail address and personnummer;
#  - a code asked for that address and for an unknown one: the same
#    answer (status, page), nothing in the URL but an opaque token; the
#    code mail goes out through the outbox and `tjgctl mail`, to the
#    known address only;
#  - a code typed wrong: a message, the try counted; after the limit the
#    request is expired and the right code no longer works;
#  - the right code: the orders with their personal data; the XML copy is
#    well-formed and holds the name, purposes, recipients, retention and
#    source; each showing and copy in the order log and the audit;
#  - erasure of one order (its pii NULL, "erased" by the resident, the
#    provider's feed shows the erasure marker) and of all; the requests
#    recorded (access and erasure, done); the rate limit (429);
#  - the console: staff find orders by personnummer (typed into a POST
#    form) and by e-mail, show, export and erase them, each step a
#    request and audited; bad input 422 with the input kept; provider
#    users 403;
#  - the personnummer and the e-mail addresses appear nowhere in the
#    audit, the requests, any URL the app answered with, or the stack's
#    logs.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

PY=/usr/bin/python3	# Debian's, which has aiosmtpd
MSMTP=/usr/bin/msmtp
[ -x "$MSMTP" ] || plan skip_all "msmtp is not installed"
"$PY" -c 'import aiosmtpd' 2>/dev/null ||
    plan skip_all "python3-aiosmtpd is not installed"
command -v xmllint >/dev/null || plan skip_all "xmllint is missing"

B=$TJG_LIGHTTPD_URL
RUN=$(printf '%x%x' "$(date +%s)" "$RANDOM")
U=d92${RUN}
XSD=$TJG_SRC/doc/orderfeed.xsd
ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }

# Every URL the application answered with (Location headers), to be
# searched for personal data at the end.
URLS=$TAP_TMP/urls
: >"$URLS"
seen_location() {
	header Location >>"$URLS"
}

# --- the SMTP server and msmtp (as 40-mail.t) -------------------------------

box=$TJG_MAIL_DIR/92-dsr.$$
mkdir -p "$box"
at_exit "rm -rf '$box'"
[[ $box =~ [[:space:]] ]] && BAIL_OUT "mail directory has a blank: $box"
cat >"$TAP_TMP/smtpd.py" <<'EOF'
import os, signal, sys, threading
from aiosmtpd.controller import Controller

port, box, lifetime = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])

class Box:
    n = 0
    async def handle_DATA(self, server, session, envelope):
        Box.n += 1
        name = os.path.join(box, "%d.%d" % (os.getpid(), Box.n))
        with open(name + ".rcpt", "w") as f:
            f.write("".join(r + "\n" for r in envelope.rcpt_tos))
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name + ".eml")
        return "250 OK"

stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: stop.set())
c = Controller(Box(), hostname="127.0.0.1", port=port)
c.start()
stop.wait(lifetime)
c.stop()
EOF
port=$(tjg_free_port 12625) || BAIL_OUT "no free port from 12625"
"$PY" "$TAP_TMP/smtpd.py" "$port" "$box" 600 </dev/null \
    >>"$TAP_TMP/smtpd.log" 2>&1 &
smtp_pid=$!
at_exit "kill -TERM $smtp_pid 2>/dev/null; tjg_wait_gone $smtp_pid 10 || true"
for ((i = 0; i < 100; i++)); do
	tjg_port_busy "$port" && break
	tjg_alive "$smtp_pid" || break
	sleep 0.1
done
tjg_port_busy "$port" || BAIL_OUT "the SMTP server did not start"
cat >"$TAP_TMP/msmtprc" <<EOF
defaults
auth off
tls off
timeout 5
syslog off

account default
host 127.0.0.1
port $port
from noreply@example.se
EOF
chmod 600 "$TAP_TMP/msmtprc"
MAILCONF=$TAP_TMP/tjg.conf
awk '/^\[/ { skip = ($0 == "[mail]") } !skip' "$TJG_CONF" >"$MAILCONF"
cat >>"$MAILCONF" <<EOF

[mail]
sendmail = $MSMTP -C $TAP_TMP/msmtprc -t
from = Tjänsteguiden Test <noreply@example.se>
EOF

# send_mail: delivers what the outbox holds, through SMTP.
send_mail() {
	timeout 120 "$TJG_CTL" -c "$MAILCONF" mail >"$TAP_TMP/mail.out" \
	    2>&1
}

# code_of TO: the code of the newest code mail to TO (waits up to 10 s).
code_of() {
	local i c
	for ((i = 0; i < 100; i++)); do
		c=$("$PY" - "$box" "$1" <<-'EOF'
			import email, email.policy, glob, os, re, sys
			best = None
			for f in glob.glob(sys.argv[1] + "/*.eml"):
			    m = email.message_from_binary_file(open(f, "rb"),
			        policy=email.policy.default)
			    if str(m["To"]) != sys.argv[2]:
			        continue
			    if not str(m["Subject"]).startswith(("Din kod", "Your code")):
			        continue
			    c = re.search(r"^\s+([0-9]{6})\s*$", m.get_content(), re.M)
			    if c and (best is None or os.path.getmtime(f) >= best[0]):
			        best = (os.path.getmtime(f), c.group(1))
			print(best[1] if best else "")
		EOF
		)
		if [ -n "$c" ]; then
			echo "$c"
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# mails_to TO: how many messages the SMTP server got for TO.
mails_to() {
	cat "$box"/*.rcpt 2>/dev/null | grep -cxF "$1" || true
}

# --- fixtures: fictional people and their orders ---------------------------

# pnr_make YYYYMMDD SERIAL: a personnummer valid by its Luhn digit,
# made up for the test (as in 50-order.t).
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

# The CSRF token of the last page's first form.
token() {
	sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' "$HTTP_BODY_FILE" |
	    head -n 1
}

email="dsr.$RUN@example.org"
other="dsr.other.$RUN@example.net"
third="dsr.third.$RUN@example.org"
unknown="nobody.$RUN@example.org"
last="Fiktivsson-$RUN"
pnr=$(pnr_make 19750612 $((RANDOM % 900 + 100)))
pnr10=${pnr:2}
note "fictional: $email, $pnr"

read -r code < <(db_query "SELECT o.code FROM outlet o
    JOIN network n ON n.id = o.network_id WHERE n.slug = 'demo'
    AND o.status = 'active' AND o.apartment IS NOT NULL
    ORDER BY o.id LIMIT 1 OFFSET 3")
svc_v=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'vindlo-demo'
    AND s.limited_to_areas = 0 ORDER BY s.id LIMIT 1")
svc_l=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'ljusbo-demo'
    AND s.limited_to_areas = 0 ORDER BY s.id LIMIT 1")

# make_order SERVICE FIRST EMAIL [PNR]: an order through the public form;
# prints its reference. x1 is the network's checkbox, x2 Vindlo's router.
make_order() {
	local jar=$TAP_TMP/jar-order loc i secret extra=()
	rm -f "$jar"
	[ -n "${4:-}" ] && extra=(--data-urlencode "pnr=$4"
	    --data-urlencode "x2=Standard")
	get "$B/bestall/$code/$1" -c "$jar" -b "$jar"
	local tok
	tok=$(token)
	for ((i = 0; i < 20; i++)); do
		loc=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o /dev/null \
		    -w '%{http_code} %{redirect_url}' \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=$2" \
		    --data-urlencode "last_name=$last" \
		    --data-urlencode "email=$3" \
		    --data-urlencode "phone=070-123 45 67" \
		    --data-urlencode "x1=1" "${extra[@]}" \
		    --data-urlencode "terms=1" "$B/bestall/$code/$1") || return 1
		[ "${loc%% *}" = 429 ] || break
		db_query "DELETE FROM rate_limit" >/dev/null
	done
	[ "${loc%% *}" = 303 ] || { diag "order form answered $loc"; return 1; }
	secret=${loc##*/}
	db_query "SELECT ref FROM orders WHERE status_token_hash =
	    UNHEX(SHA2('$secret', 256))"
}

db_query "DELETE FROM rate_limit"
ref1=$(make_order "$svc_v" "Testa" "$(tr a-z A-Z <<<"${email:0:1}")${email:1}" "$pnr")
ref2=$(make_order "$svc_l" "Testa" "$email")
refB=$(make_order "$svc_v" "Bertil" "$other" "$pnr")
refC=$(make_order "$svc_l" "Cecilia" "$third")
like "$ref1 $ref2 $refB $refC" '^[0-9A-Z]{12} [0-9A-Z]{12} [0-9A-Z]{12} [0-9A-Z]{12}$' \
    "four orders placed through the form (two for one address)"
id1=$(db_query "SELECT id FROM orders WHERE ref = '$ref1'")
id2=$(db_query "SELECT id FROM orders WHERE ref = '$ref2'")
idB=$(db_query "SELECT id FROM orders WHERE ref = '$refB'")
idC=$(db_query "SELECT id FROM orders WHERE ref = '$refC'")
send_mail	# the receipts, so the outbox holds only what follows

# --- asking for a code: the same answer for a known and an unknown address -

JAR=$TAP_TMP/jar-resident
rm -f "$JAR"
get "$B/mina-uppgifter" -c "$JAR" -b "$JAR"
is "$HTTP_STATUS" 200 "GET /mina-uppgifter"
like "$HTTP_BODY" 'name="email"' "  asks for the e-mail address"
like "$HTTP_BODY" '/integritet' "  links to the privacy notice"
get "$B/en/mina-uppgifter" -c "$JAR" -b "$JAR"
like "$HTTP_BODY" 'See, download or erase your data' "  and in English"

# ask EMAIL: asks for a code from a fresh form; sets ASK_STATUS,
# ASK_LOCATION and ASK_MS (milliseconds).
ask() {
	local tok t0
	get "$B/mina-uppgifter" -c "$JAR" -b "$JAR"
	tok=$(token)
	t0=$(date +%s%N)
	get "$B/mina-uppgifter" -c "$JAR" -b "$JAR" \
	    --data-urlencode "csrf=$tok" --data-urlencode "email=$1"
	ASK_MS=$((($(date +%s%N) - t0) / 1000000))
	ASK_STATUS=$HTTP_STATUS
	ASK_LOCATION=$(header Location)
	seen_location
}

before=$(db_query "SELECT COALESCE(MAX(id), 0) FROM dsr_request")
ask "$unknown"
st_u=$ASK_STATUS loc_u=$ASK_LOCATION ms_u=$ASK_MS
ask "$email"
st_k=$ASK_STATUS loc_k=$ASK_LOCATION ms_k=$ASK_MS
is "$st_u $st_k" "303 303" "known and unknown address: the same status (303)"
like "$loc_u" '^/mina-uppgifter/kod/[A-Za-z0-9_-]{43}$' \
    "  the unknown one to a code page named by an opaque token"
like "$loc_k" '^/mina-uppgifter/kod/[A-Za-z0-9_-]{43}$' \
    "  the known one too"
isnt "$loc_u" "$loc_k" "  each with its own token"
note "answer times: unknown ${ms_u} ms, known ${ms_k} ms"
check "  in about the same time (${ms_u} ms, ${ms_k} ms)" -- \
    test "$ms_u" -lt 1500 -a "$ms_k" -lt 1500
get "$B$loc_u" -b "$JAR"
st_u=$HTTP_STATUS
page_u=$(sed 's/value="[^"]*"//g; s#/kod/[A-Za-z0-9_-]*#/kod/T#g' \
    "$HTTP_BODY_FILE")
get "$B$loc_k" -b "$JAR"
page_k=$(sed 's/value="[^"]*"//g; s#/kod/[A-Za-z0-9_-]*#/kod/T#g' \
    "$HTTP_BODY_FILE")
is "$st_u $HTTP_STATUS" "200 200" "  both code pages answer 200"
is "$page_u" "$page_k" "  with the same page (but the token)"
like "$HTTP_BODY" 'Om vi har beställningar med den e-postadressen' \
    "  which says a code was sent if there are orders"
unlike "$HTTP_BODY$loc_k" "${email%@*}|${unknown%@*}" \
    "  neither the page nor the URL names the address"
is "$(db_query "SELECT COUNT(*), SUM(code_hash IS NULL),
    SUM(status = 'pending' AND kind = 'access' AND channel = 'web'
    AND email_bidx IS NOT NULL AND request_token_hash IS NOT NULL
    AND expires_at > UTC_TIMESTAMP(6) + INTERVAL 9 MINUTE)
    FROM dsr_request WHERE id > $before")" "2	1	2" \
    "two pending requests recorded; a code (hash) only for the known one"
is "$(db_query "SELECT COUNT(*) FROM outbox WHERE kind = 'dsr_code'
    AND status = 'pending' AND to_addr = '$email'")" 1 \
    "the code mail is queued in the outbox"

send_mail
c1=$(code_of "$email") || true
like "$c1" '^[0-9]{6}$' "tjgctl mail delivers the code to the address (SMTP)"
is "$(mails_to "$unknown")" 0 "nothing is sent to the unknown address"
is "$(db_query "SELECT COUNT(*) FROM outbox WHERE kind = 'dsr_code'
    AND to_addr IS NOT NULL")" 0 "the sent mail's address is erased"

# --- wrong codes, the limit --------------------------------------------------

codepage=$loc_k
# try CODE: posts CODE on the code page $codepage.
try() {
	local tok
	get "$B$codepage" -c "$JAR" -b "$JAR"
	tok=$(token)
	get "$B$codepage" -c "$JAR" -b "$JAR" --data-urlencode "csrf=$tok" \
	    --data-urlencode "kod=$1"
	seen_location
}
req_k=$(db_query "SELECT id FROM dsr_request WHERE id > $before
    AND code_hash IS NOT NULL")
wrong=$(printf '%06d' $(((10#$c1 + 1) % 1000000)))
try 12
is "$HTTP_STATUS" 422 "a code that is not six digits: 422"
like "$HTTP_BODY" 'sex siffror' "  says so"
is "$(db_query "SELECT attempts FROM dsr_request WHERE id = $req_k")" 0 \
    "  and costs no try"
try "$wrong"
is "$HTTP_STATUS" 422 "a wrong code: 422"
like "$HTTP_BODY" 'Koden stämmer inte' "  with a message"
like "$HTTP_BODY" 'Försök kvar: 4' "  and the tries left"
is "$(db_query "SELECT attempts, status FROM dsr_request
    WHERE id = $req_k")" "1	pending" "  the try is counted"
limit=5	# [privacy] code_attempts of the test stack (the default)
for ((i = 2; i < limit; i++)); do
	try "$wrong"
done
is "$HTTP_STATUS" 422 "wrong codes up to the limit: still 422"
try "$wrong"
is "$HTTP_STATUS" 410 "the ${limit}th wrong code: 410"
like "$HTTP_BODY" 'för många gånger' "  too many tries"
is "$(db_query "SELECT attempts, status FROM dsr_request
    WHERE id = $req_k")" "$limit	expired" "  the request is expired"
try "$c1"
is "$HTTP_STATUS" 410 "then even the right code no longer works"
codepage=$loc_u
try "123456"
is "$HTTP_STATUS" 422 "any code on the unknown address's page is wrong"

# --- the right code ------------------------------------------------------------

ask "$email"
codepage=$ASK_LOCATION
send_mail
c2=$(code_of "$email") || true
isnt "$c2" "" "a new code, mailed"
try "$c2"
is "$HTTP_STATUS" 303 "the right code: 303"
is "$(header Location)" "/mina-uppgifter/visa" "  to the data page"
like "$(header Set-Cookie)" '^tjg_dsr=[A-Za-z0-9_-]{43}; Path=/; Max-Age=1800; HttpOnly; SameSite=Strict' \
    "  with a random secret in an HttpOnly cookie, for 30 minutes"
req_a=$(db_query "SELECT id FROM dsr_request WHERE request_token_hash =
    UNHEX(SHA2('${codepage##*/}', 256))")
is "$(db_query "SELECT status, code_hash IS NULL,
    access_token_hash IS NOT NULL, verified_at IS NOT NULL
    FROM dsr_request WHERE id = $req_a")" "verified	1	1	1" \
    "  the request is verified, its code hash dropped"

get "$B/mina-uppgifter/visa"
is "$HTTP_STATUS" 403 "the data page without the cookie: 403"
get "$B/mina-uppgifter/visa" -b "$JAR" -c "$JAR"
is "$HTTP_STATUS" 200 "the data page with it: 200"
data_tok=$(token)
for r in "$ref1" "$ref2"; do
	like "$HTTP_BODY" "$r" "  lists order $r"
done
unlike "$HTTP_BODY" "$refB|$refC" "  and no one else's"
like "$HTTP_BODY" "Testa $last" "  with the name"
like "$HTTP_BODY" "$email" "  the e-mail address"
like "$HTTP_BODY" "${pnr:0:8}-${pnr:8}" "  the personnummer"
like "$HTTP_BODY" "Vindlo" "  the provider"
like "$HTTP_BODY" "Skickad till leverantören" "  the status"
like "$HTTP_BODY" "90 dagar" "  and how long it is kept"
is "$(db_query "SELECT COUNT(*) FROM order_event WHERE order_id IN
    ($id1, $id2) AND kind = 'viewed' AND actor_kind = 'resident'")" 2 \
    "  the showing is in each order's log (viewed, by the resident)"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE actor = 'resident'
    AND action = 'dsr.view' AND object_kind = 'order'
    AND object_ref IN ('$ref1', '$ref2')")" 2 \
    "  and in the audit (actor resident, object the order)"
is "$(db_query "SELECT status, done_at IS NOT NULL FROM dsr_request
    WHERE id = $req_a")" "done	1" "  the access request is done"

# --- the copy ------------------------------------------------------------------

get "$B/mina-uppgifter/kopia" -b "$JAR" -c "$JAR" --data-binary ""
is "$HTTP_STATUS" 403 "the copy without the form's token: 403"
get "$B/mina-uppgifter/kopia" -b "$JAR" -c "$JAR" \
    --data-urlencode "csrf=$data_tok"
is "$HTTP_STATUS" 200 "the copy: 200"
like "$(header Content-Type)" '^application/xml' "  as XML"
like "$(header Content-Disposition)" '^attachment; filename="mina-uppgifter\.xml"$' \
    "  a download"
COPY=$TAP_TMP/copy.xml
cp "$HTTP_BODY_FILE" "$COPY"
check "  well-formed (xmllint)" -- xmllint --noout --nonet "$COPY"
x() {
	xmllint --xpath "$1" "$COPY" 2>/dev/null || true
}
P="*[local-name()='order'][@reference='$ref1']"
is "$(x "count(//*[local-name()='order'])")" 2 "  both orders"
is "$(x "string(//$P/*[local-name()='customerDetails']/*[local-name()='lastName'])")" \
    "$last" "  the name"
is "$(x "string(//$P/*[local-name()='customerDetails']/*[local-name()='personalIdentityNumber'])")" \
    "$pnr" "  the personnummer"
is "$(x "string(//$P/*[local-name()='customerDetails']/*[local-name()='email'])")" \
    "$email" "  the e-mail address (as stored, lower case)"
like "$(x "count(//$P/*[local-name()='processing']/*[local-name()='purpose'])")" \
    '^[1-9]' "  the purposes"
like "$(x "string(//$P/*[local-name()='processing']/*[local-name()='recipient'][@role='provider'])")" \
    'Vindlo' "  the provider as a recipient"
like "$(x "string(//$P/*[local-name()='processing']/*[local-name()='recipient'][@role='network'])")" \
    'Demo' "  the network as a recipient"
is "$(x "string(//$P/*[local-name()='processing']/*[local-name()='retention']/@days)")" \
    90 "  the retention in days"
like "$(x "string(//$P/*[local-name()='processing']/*[local-name()='source'])")" \
    'beställningsformuläret' "  the source"
like "$(x "string(//$P/*[local-name()='processing']/*[local-name()='legalBasis'])")" \
    '6.1 b' "  the legal basis"
is "$(db_query "SELECT COUNT(*) FROM order_event WHERE order_id IN
    ($id1, $id2) AND kind = 'exported' AND actor_kind = 'resident'")" 2 \
    "  the copy is in each order's log (exported)"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE actor = 'resident'
    AND action = 'dsr.export' AND object_ref IN ('$ref1', '$ref2')")" 2 \
    "  and in the audit"

# --- erasure of one order, seen in the provider's feed ------------------------

tok=$(ctl token create --provider vindlo-demo --label "92-dsr $RUN" \
    2>/dev/null)
tok_id=$(db_query "SELECT id FROM api_token WHERE token_hash =
    UNHEX(SHA2('$tok', 256))")
at_exit "ctl token revoke $tok_id >/dev/null 2>&1"
cursor=$(db_query "SELECT last_seq FROM provider_feed f JOIN provider p
    ON p.id = f.provider_id WHERE p.slug = 'vindlo-demo'")

get "$B/mina-uppgifter/radera?order=$ref1" -b "$JAR" -c "$JAR"
is "$HTTP_STATUS" 200 "erasing one order asks first"
like "$HTTP_BODY" "$ref1" "  names the order"
unlike "$HTTP_BODY" "$ref2" "  and only that one"
erase_tok=$(token)
is "$(db_query "SELECT pii IS NOT NULL FROM orders WHERE id = $id1")" 1 \
    "  nothing is erased by asking"
get "$B/mina-uppgifter/radera" -b "$JAR" -c "$JAR" \
    --data-urlencode "csrf=$erase_tok" --data-urlencode "order=$ref1"
seen_location
is "$HTTP_STATUS" 303 "the confirmed erasure: 303"
is "$(header Location)" "/mina-uppgifter/visa?raderade=1" "  back to the data"
is "$(db_query "SELECT pii IS NULL AND pnr_bidx IS NULL AND
    email_bidx IS NULL AND erased_at IS NOT NULL FROM orders
    WHERE id = $id1")" 1 "  the order's personal data is NULL"
is "$(db_query "SELECT pii IS NOT NULL FROM orders WHERE id = $id2")" 1 \
    "  the other order is untouched"
is "$(db_query "SELECT COUNT(*) FROM order_event WHERE order_id = $id1
    AND kind = 'erased' AND actor_kind = 'resident'")" 1 \
    "  the order log says erased, by the resident"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE actor = 'resident'
    AND action = 'dsr.erase' AND object_ref = '$ref1'")" 1 \
    "  and so does the audit"
is "$(db_query "SELECT kind, status, order_id, done_at IS NOT NULL
    FROM dsr_request WHERE order_id = $id1 AND kind = 'erasure'")" \
    "erasure	done	$id1	1" "  recorded as an erasure request, done"

feed_get() {
	local i
	for ((i = 0; i < 20; i++)); do
		get "$B/api/v1/orders?after=$1" -H "Authorization: Bearer $tok"
		[ "$HTTP_STATUS" = 429 ] || return 0
		sleep "$(header Retry-After)"
	done
}
feed_get "$cursor"
is "$HTTP_STATUS" 200 "the provider's feed after the erasure"
O="//*[local-name()='order'][*[local-name()='reference']='$ref1']"
is "$(xmllint --xpath "count($O/*[local-name()='erased']/@at)" \
    "$HTTP_BODY_FILE" 2>/dev/null)" 1 "  shows the order with its erasure marker"
is "$(xmllint --xpath "count($O/*[local-name()='customerDetails'])" \
    "$HTTP_BODY_FILE" 2>/dev/null)" 0 "  and no personal data"
if xmllint --noout --schema "$XSD" "$HTTP_BODY_FILE" 2>/dev/null; then
	pass "  valid against the published schema"
else
	fail "  valid against the published schema"
fi

get "$B/mina-uppgifter/visa?raderade=1" -b "$JAR" -c "$JAR"
like "$HTTP_BODY" 'Uppgifterna i 1 beställning är raderade' \
    "the data page says so"
unlike "$HTTP_BODY" "$ref1" "  and no longer lists the erased order"
like "$HTTP_BODY" "$ref2" "  but the other"

# --- erasure of all ----------------------------------------------------------

get "$B/mina-uppgifter/radera" -b "$JAR" -c "$JAR"
is "$HTTP_STATUS" 200 "erasing all asks first"
like "$HTTP_BODY" "$ref2" "  listing what is left"
erase_tok=$(token)
get "$B/mina-uppgifter/radera" -b "$JAR" -c "$JAR" \
    --data-urlencode "csrf=$erase_tok"
seen_location
is "$HTTP_STATUS" 303 "erasing all: 303"
is "$(db_query "SELECT COUNT(*) FROM orders WHERE id IN ($id1, $id2)
    AND pii IS NULL AND erased_at IS NOT NULL")" 2 "  both orders erased"
is "$(db_query "SELECT COUNT(*) FROM dsr_request WHERE kind = 'erasure'
    AND status = 'done' AND (order_id = $id1 OR (order_id IS NULL
    AND id > $req_a AND channel = 'web'))")" 2 \
    "  two erasure requests recorded (one order, then all)"
get "$B/mina-uppgifter/visa" -b "$JAR" -c "$JAR"
like "$HTTP_BODY" 'Vi har inga beställningar med personuppgifter' \
    "  the data page has nothing left to show"
get "$B/mina-uppgifter/avsluta" -b "$JAR" -c "$JAR" \
    --data-urlencode "csrf=$(token)"
is "$HTTP_STATUS" 303 "finishing: 303"
like "$(header Set-Cookie)" '^tjg_dsr=-; Path=/; Max-Age=0' "  clears the cookie"
is "$(db_query "SELECT access_token_hash IS NULL FROM dsr_request
    WHERE id = $req_a")" 1 "  and the secret stops working"

# --- the rate limit ----------------------------------------------------------

db_query "DELETE FROM rate_limit"
rl="dsr.rate.$RUN@example.org"
for ((i = 1; i <= 5; i++)); do
	ask "$rl"
done
is "$ASK_STATUS" 303 "five codes an hour for one address: fine"
ask "$rl"
is "$ASK_STATUS" 429 "the sixth: 429"
like "$(header Retry-After)" '^[0-9]+$' "  with Retry-After"
like "$HTTP_BODY" 'För många koder' "  and a page that says why"
db_query "DELETE FROM rate_limit"

# --- the console -------------------------------------------------------------

console_user "${U}a" network_admin
console_user "${U}s" network_support
console_user "${U}p" provider_user vindlo-demo
SJ=$TAP_TMP/jar-support PJ=$TAP_TMP/jar-provider AJ=$TAP_TMP/jar-admin
is "$(console_login "${U}s" "$SJ") $(console_login "${U}p" "$PJ") $(console_login "${U}a" "$AJ")" \
    "303 303 303" "support, provider user and administrator sign in"
sid=$(db_query "SELECT id FROM app_user WHERE username = '${U}s'")

console_get "$PJ" /admin/requests
is "$CONSOLE_STATUS" 403 "a provider user: the list is 403"
console_get "$PJ" "/admin/requests/$req_a"
is "$CONSOLE_STATUS" 403 "  a request is 403"
console_post "$PJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "pnr=$pnr" --data-urlencode "note=Brev"
is "$CONSOLE_STATUS" 403 "  the search is 403"
console_post "$PJ" "/admin/requests/$req_a/export" ""
is "$CONSOLE_STATUS" 403 "  the export is 403"
console_post "$PJ" "/admin/requests/$req_a/erase" ""
is "$CONSOLE_STATUS" 403 "  the erasure is 403"

console_get "$AJ" /admin
like "$CONSOLE_BODY" '/admin/requests' "the console's menu links to the requests"
console_get "$SJ" /admin/requests
is "$CONSOLE_STATUS" 200 "support: the list of requests"
like "$CONSOLE_BODY" "/admin/requests/$req_a\"" "  lists the resident's request"
like "$CONSOLE_BODY" 'Mina uppgifter \(webben\)' "  with how it came"
console_get "$SJ" "/admin/requests?status=done&kind=erasure"
is "$CONSOLE_STATUS" 200 "  filtered by status and kind"
unlike "$CONSOLE_BODY" "/admin/requests/$req_a\"" "  the access request is filtered out"
like "$CONSOLE_BODY" 'Radering' "  erasures remain"
console_get "$SJ" "/admin/requests?status=bogus"
is "$CONSOLE_STATUS" 422 "  an unknown status: 422"
console_get "$SJ" "/admin/requests/$req_a"
is "$CONSOLE_STATUS" 200 "  the resident's request page"
like "$CONSOLE_BODY" 'Klar' "  done"

# search ARGS...: the search form posted by support, kept in SEARCH_*.
n_req() { db_query "SELECT COUNT(*) FROM dsr_request"; }
n0=$(n_req)
bad_pnr="${pnr:0:11}$(((${pnr:11:1} + 1) % 10))"
console_post "$SJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "pnr=$bad_pnr" --data-urlencode "note=Brev, id-kort"
is "$CONSOLE_STATUS" 422 "a personnummer with a wrong check digit: 422"
like "$CONSOLE_BODY" 'kontrollsiffran' "  says why"
like "$CONSOLE_BODY" "value=\"$bad_pnr\"" "  and keeps the input"
console_post "$SJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "note=Brev"
is "$CONSOLE_STATUS" 422 "neither personnummer nor e-mail: 422"
console_post "$SJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "pnr=$pnr" --data-urlencode "note=Brev om $pnr10"
is "$CONSOLE_STATUS" 422 "the personnummer in the note: 422"
console_post "$SJ" /admin/requests "" --data-urlencode "channel=pigeon" \
    --data-urlencode "pnr=$pnr" --data-urlencode "note=Brev"
is "$CONSOLE_STATUS" 422 "an unknown channel: 422"
is "$(n_req)" "$n0" "  no request recorded by any of them"

console_post "$SJ" /admin/requests "" --data-urlencode "channel=letter" \
    --data-urlencode "pnr=${pnr:2:6}-${pnr:8}" \
    --data-urlencode "note=Brev 3 mars, id-kort kontrollerat"
is "$CONSOLE_STATUS" 303 "support finds orders by personnummer (POST): 303"
like "$CONSOLE_LOCATION" '/admin/requests/[0-9]+$' "  to the new request's page"
echo "$CONSOLE_LOCATION" >>"$URLS"
req_p=${CONSOLE_LOCATION##*/}
is "$(db_query "SELECT kind, status, channel, pnr_bidx IS NOT NULL,
    email_bidx IS NULL, handled_by, note FROM dsr_request
    WHERE id = $req_p")" \
    "access	verified	letter	1	1	$sid	Brev 3 mars, id-kort kontrollerat" \
    "  recorded: verified, by letter, the personnummer's index only, handled by support"
is "$(db_query "SELECT actor, object_kind, detail FROM audit
    WHERE action = 'dsr.search' AND object_ref = '$req_p'")" \
    "user:${U}s	dsr_request	by pnr; orders found: 1" "  audited as dsr.search"
console_get "$SJ" "/admin/requests/$req_p"
is "$CONSOLE_STATUS" 200 "the request's page"
like "$CONSOLE_BODY" "$refB" "  lists the other order with that personnummer"
unlike "$CONSOLE_BODY" "$ref1|$ref2" "  not the erased ones"
unlike "$CONSOLE_BODY" "Bertil|$other|${pnr:0:8}" \
    "  and no personal data before an explicit show"
console_post "$SJ" "/admin/requests/$req_p/show" ""
is "$CONSOLE_STATUS" 200 "show: 200"
like "$CONSOLE_BODY" "Bertil $last" "  the name"
like "$CONSOLE_BODY" "$other" "  the e-mail address"
is "$(db_query "SELECT COUNT(*) FROM order_event WHERE order_id = $idB
    AND kind = 'viewed' AND actor_kind = 'admin' AND actor_id = $sid")" 1 \
    "  in the order log (viewed, by the user)"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'dsr.show'
    AND object_ref = '$refB' AND actor = 'user:${U}s'")" 1 "  and the audit"

console_post "$SJ" "/admin/requests/$req_p/export" "" -D "$TAP_TMP/exp.h"
is "$CONSOLE_STATUS" 200 "export: 200"
printf '%s' "$CONSOLE_BODY" >"$TAP_TMP/exp.xml"
check "  well-formed XML" -- xmllint --noout --nonet "$TAP_TMP/exp.xml"
like "$(tr -d '\r' <"$TAP_TMP/exp.h")" 'Content-Disposition: attachment' \
    "  a download"
is "$(xmllint --xpath "string(//*[local-name()='order'][@reference='$refB']/*[local-name()='customerDetails']/*[local-name()='firstName'])" \
    "$TAP_TMP/exp.xml" 2>/dev/null)" "Bertil" "  with the personal data"
is "$(db_query "SELECT status, handled_by FROM dsr_request
    WHERE id = $req_p")" "done	$sid" "  the request is done, by support"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'dsr.export'
    AND object_ref = '$refB'")" 1 "  audited as dsr.export"
is "$(db_query "SELECT COUNT(*) FROM order_event WHERE order_id = $idB
    AND kind = 'exported' AND actor_kind = 'admin'")" 1 "  in the order log"

console_get "$SJ" "/admin/requests/$req_p/erase"
is "$CONSOLE_STATUS" 200 "erase asks first"
like "$CONSOLE_BODY" "$refB" "  naming the order"
is "$(db_query "SELECT pii IS NOT NULL FROM orders WHERE id = $idB")" 1 \
    "  nothing erased by asking"
console_post "$SJ" "/admin/requests/$req_p/erase" "" \
    --data-urlencode "note=Begärt i brevet"
is "$CONSOLE_STATUS" 303 "the confirmed erasure: 303"
is "$(db_query "SELECT pii IS NULL AND erased_at IS NOT NULL FROM orders
    WHERE id = $idB")" 1 "  the order's personal data is erased"
is "$(db_query "SELECT COUNT(*) FROM order_event WHERE order_id = $idB
    AND kind = 'erased' AND actor_kind = 'admin' AND actor_id = $sid")" 1 \
    "  the log says erased, by the user"
is "$(db_query "SELECT kind, status, channel, handled_by, note,
    pnr_bidx IS NOT NULL FROM dsr_request WHERE id > $req_p
    AND kind = 'erasure' AND handled_by = $sid")" \
    "erasure	done	letter	$sid	Begärt i brevet	1" \
    "  recorded as an erasure request handled by support"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'dsr.erase'
    AND object_ref = '$refB' AND actor = 'user:${U}s'")" 1 \
    "  audited as dsr.erase"

console_post "$AJ" /admin/requests "" --data-urlencode "channel=phone" \
    --data-urlencode "email=${third^^}" \
    --data-urlencode "note=Telefon, kontrollfrågor besvarade"
is "$CONSOLE_STATUS" 303 "the administrator finds an order by e-mail"
echo "$CONSOLE_LOCATION" >>"$URLS"
req_e=${CONSOLE_LOCATION##*/}
is "$(db_query "SELECT email_bidx IS NOT NULL, pnr_bidx IS NULL
    FROM dsr_request WHERE id = $req_e")" "1	1" \
    "  the request keeps the e-mail's index only"
console_get "$AJ" "/admin/requests/$req_e"
like "$CONSOLE_BODY" "$refC" "  the page lists the order"
console_get "$AJ" "/admin/requests/$req_e/erase?order=$refC"
is "$CONSOLE_STATUS" 200 "  erasing that order asks first"
console_post "$AJ" "/admin/requests/$req_e/erase" "" \
    --data-urlencode "order=$refC"
is "$CONSOLE_STATUS" 303 "  and erases it"
is "$(db_query "SELECT pii IS NULL FROM orders WHERE id = $idC")" 1 \
    "  its personal data is gone"
is "$(db_query "SELECT order_id FROM dsr_request WHERE kind = 'erasure'
    AND id > $req_e")" "$idC" "  an erasure request for that order"
console_get "$SJ" "/admin/requests/999999999"
is "$CONSOLE_STATUS" 404 "an unknown request: 404"
console_get "$SJ" "/admin/requests/abc"
is "$CONSOLE_STATUS" 404 "a malformed id: 404"

# --- no personal data where it does not belong ----------------------------

# What must never appear: the personnummer (12, 10 digits, with a dash)
# and the e-mail addresses (the local parts are unique to this run).
PII="$pnr|$pnr10|${pnr:0:8}-${pnr:8}|${pnr10:0:6}-${pnr10:6}|dsr\.$RUN|dsr\.other\.$RUN|dsr\.third\.$RUN|nobody\.$RUN|dsr\.rate\.$RUN"
audit=$(db_query "SELECT CONCAT_WS(' ', actor, action, object_kind,
    object_ref, detail) FROM audit WHERE created_at >
    UTC_TIMESTAMP(6) - INTERVAL 1 HOUR")
unlike "$audit" "$PII" "the audit holds neither personnummer nor e-mail"
dsr=$(db_query "SELECT CONCAT_WS(' ', id, kind, status, channel, note,
    lang) FROM dsr_request")
unlike "$dsr" "$PII" "the requests hold neither (only blind indexes)"
is "$(db_query "SELECT COUNT(*) FROM dsr_request WHERE
    LOCATE(UNHEX(SHA2('$pnr', 256)), CONCAT_WS('', email_bidx, pnr_bidx,
    code_hash)) > 0")" 0 "  not even a plain hash of the personnummer"
unlike "$(cat "$URLS")" "$PII" "no URL the application answered with names them"
logs=$(cat "$TJG_STATE"/*.log 2>/dev/null)
unlike "$logs" "$PII" "the stack's logs (web servers, workers, tjgctl) name neither"
like "$logs" "dsr: request [0-9]+ verified" "  (the logs are the stack's: they hold the requests)"

done_testing
