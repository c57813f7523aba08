#!/usr/bin/env bash
# Console sign-in, sessions and CSRF against the real stack: the session
# cookie and its attributes, the same 401 for a wrong password, an unknown
# and a disabled user, a new session id at every sign-in (fixation),
# sessions stored by hash, sign-out that really ends the session, idle
# and absolute time-outs, throttling per account and per address (429
# with Retry-After, even for the right password), login_attempt without
# user names, CSRF on console POSTs and on the sign-in form, tjgctl user
# disable and passwd ending sessions, networks kept apart by host name,
# the "next" parameter, and the audit of sign-in and sign-out.
#
# Every request comes from an address of its own on the loopback network
# (curl --interface 127.80.x.y), so the failures made here throttle no
# other test; their login_attempt rows are removed at the end.
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
IDLE=$(conf_get console session_idle 1800)
MAX=$(conf_get console session_max 43200)
WINDOW=$(conf_get console login_window 900)
MAX_ACCOUNT=$(conf_get console login_max_account 5)
MAX_IP=$(conf_get console login_max_ip 30)
SECURE=$(conf_get app secure_cookies true)

RUN=$(printf '%x%x' "$(date +%s)" "$RANDOM")
U=s80${RUN}	# prefix of this run's user names
# newip: an address of 127.80.0.0/16 for one part of the test.
IPS=()
newip() {
	NEWIP=127.80.$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1))
	IPS+=("$NEWIP")
}
cleanup() {
	local ip
	for ip in "${IPS[@]}"; do
		db_query "DELETE FROM login_attempt WHERE ip = '::ffff:$ip'" ||
		    true
	done
}
at_exit cleanup

ANDRA_PORT=$TJG_PORT
B=$TJG_LIGHTTPD_URL
BA=http://andra.localhost:$ANDRA_PORT
newip
IP=$NEWIP
# Options of every request: the address, andra.localhost on loopback.
net() {
	NET=(--interface "$IP" --resolve "andra.localhost:$ANDRA_PORT:127.0.0.1"
	    --resolve "andra.localhost:$TJG_APACHE_PORT:127.0.0.1")
}
net

# form_token JAR [BASE]: the sign-in form's token (and its cookie in JAR).
form_token() {
	curl -sS --max-time 15 -c "$1" -b "$1" "${NET[@]}" \
	    "${2:-$B}/admin/login" |
	    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1
}

# signin NAME PASSWORD JAR [BASE] [more curl options]: the sign-in form
# posted as a browser does; the answer as with get.
signin() {
	local name=$1 pw=$2 jar=$3 base=${4:-$B} tok
	shift 3
	shift 2>/dev/null || true
	tok=$(form_token "$jar" "$base")
	get "$base/admin/login" -c "$jar" -b "$jar" "${NET[@]}" \
	    --data-urlencode "csrf=$tok" --data-urlencode "username=$name" \
	    --data-urlencode "password=$pw" "$@"
}

# cget JAR PATH [BASE]: a GET with the session of JAR.
cget() {
	get "${3:-$B}$2" -c "$1" -b "$1" "${NET[@]}"
}

# csrf_of JAR [BASE]: the session's token, from its account page.
csrf_of() {
	curl -sS --max-time 15 -b "$1" -c "$1" "${NET[@]}" \
	    "${2:-$B}/admin/account" |
	    sed -n 's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' |
	    head -n 1
}

# cpost JAR PATH [curl options]: a POST with the session of JAR (csrf as
# given in the options, if any).
cpost() {
	local jar=$1 path=$2
	shift 2
	get "$B$path" -c "$jar" -b "$jar" "${NET[@]}" "$@"
}

# cookie_of JAR: the session cookie's value in JAR.
cookie_of() {
	awk -F '\t' '$6 == "tjg_session" { v = $7 } END { print v }' "$1"
}

# rows COOKIE: session rows stored for that cookie value (by its hash).
rows() {
	db_query "SELECT COUNT(*) FROM session
	    WHERE id_hash = UNHEX(SHA2('$1', 256))"
}

# to_signin NAME: the last answer sent the browser to the sign-in page.
to_signin() {
	is "$HTTP_STATUS" 303 "$1: 303"
	like "$(header Location)" '^/admin/login(\?|$)' \
	    "$1: to the sign-in page"
}

# login_error: the message of the last sign-in page.
login_error() {
	tr -d '\n' <"$HTTP_BODY_FILE" |
	    sed -n 's/.*<p id="login-error">\([^<]*\)<\/p>.*/\1/p'
}

# normalised: the last page without what differs by design (the typed
# name, the form token).
normalised() {
	sed -e 's/name="csrf" value="[^"]*"/name="csrf"/' \
	    -e 's/name="username" value="[^"]*"/name="username"/' \
	    "$HTTP_BODY_FILE"
}

user_id() {
	db_query "SELECT id FROM app_user WHERE username = '$1'"
}

ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }

A=${U}a		# network_admin of demo
A2=${U}b	# another one, for another session's token
D=${U}d		# disabled by tjgctl
P=${U}p		# password changed by tjgctl
T=${U}t		# throttled account
V=${U}v		# signs in from a throttled address
N=${U}n		# network_admin of andra
W=${U}w		# own password changed in the console
G=${U}g		# guesses its current password on the account page
for u in "$A" "$A2" "$D" "$P" "$T" "$V" "$W" "$G"; do
	console_user "$u" network_admin
done
console_user "$N" network_admin "" andra
ok $? "test users added"

# --- sign-in, the cookie, the stored session -----------------------------

for server in $TJG_SERVERS; do
	base=$(server_url "$server")
	jar=$TAP_TMP/jar-$server
	rm -f "$jar"
	get "$base/admin/login" -c "$jar" -b "$jar" "${NET[@]}"
	is "$HTTP_STATUS" 200 "$server: the sign-in form"
	like "$(header Set-Cookie)" '^tjg_csrf=' \
	    "$server: the form sets its token's cookie"
	signin "$A" "$(console_password "$A")" "$jar" "$base"
	is "$HTTP_STATUS" 303 "$server: right password: 303"
	is "$(header Location)" /admin "$server: to /admin"
	c=$(grep -i '^Set-Cookie: tjg_session=' "$HTTP_HEADERS_FILE" |
	    tr -d '\r' || true)
	like "$c" '^Set-Cookie: tjg_session=[A-Za-z0-9_-]{43};' \
	    "$server: a session cookie of 256 random bits"
	like "$c" '; HttpOnly(;|$)' "$server: HttpOnly"
	like "$c" '; SameSite=Strict(;|$)' "$server: SameSite=Strict"
	like "$c" '; Path=/(;|$)' "$server: Path=/"
	unlike "$c" 'Max-Age|Expires' "$server: ends with the browser"
	if [ "$SECURE" = false ]; then
		unlike "$c" '; Secure' \
		    "$server: no Secure (secure_cookies = false here)"
	else
		like "$c" '; Secure(;|$)' "$server: Secure"
	fi
	cookie=$(cookie_of "$jar")
	cget "$jar" /admin "$base"
	is "$HTTP_STATUS" 200 "$server: the session opens /admin"
	like "$HTTP_BODY" "$A" "$server: the page names the user"
	is "$(rows "$cookie")" 1 "$server: the session is stored by SHA-256"
	is "$(db_query "SELECT COUNT(*) FROM session WHERE
	    LOCATE('$cookie', id_hash) OR LOCATE('$cookie', csrf_secret) OR
	    id_hash = '$cookie'")" 0 \
	    "$server: the cookie value itself is not stored"
done

# --- wrong password, unknown user, disabled user: one answer -------------

jar=$TAP_TMP/jar-wrong
signin "$A" "wrong password of $A" "$jar"
is "$HTTP_STATUS" 401 "wrong password: 401"
wrong_msg=$(login_error)
wrong_page=$(normalised)
is "$wrong_msg" "Fel användarnamn eller lösenord." "wrong password: message"
is "$(grep -ci '^Set-Cookie: tjg_session' "$HTTP_HEADERS_FILE" || true)" 0 \
    "wrong password: no session cookie"
like "$HTTP_BODY" "value=\"$A\"" "wrong password: the name is kept"
unlike "$HTTP_BODY" "wrong password of" "wrong password: not echoed"

signin "${U}nobody" "$(console_password "$A")" "$jar"
is "$HTTP_STATUS" 401 "unknown user: 401"
is "$(login_error)" "$wrong_msg" "unknown user: the same message"
is "$(normalised)" "$wrong_page" "unknown user: the same page"

ctl user disable "$D" >/dev/null
signin "$D" "$(console_password "$D")" "$jar"
is "$HTTP_STATUS" 401 "disabled user, right password: 401"
is "$(normalised)" "$wrong_page" "disabled user: the same page"
ctl user enable "$D" >/dev/null

signin "${A^^}" "$(console_password "$A")" "$jar"
is "$HTTP_STATUS" 303 "the user name is not case-sensitive"

# --- a new session id at every sign-in (fixation) ------------------------

jar=$TAP_TMP/jar-fix
rm -f "$jar"
planted=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
planted=${planted:0:43}
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\ttjg_session\t%s\n' "$planted" >"$jar"
signin "$A" "$(console_password "$A")" "$jar"
is "$HTTP_STATUS" 303 "sign-in with a planted cookie"
first=$(cookie_of "$jar")
isnt "$first" "$planted" "the planted session id is replaced"
is "$(rows "$planted")" 0 "no session under the planted id"

# An attacker's own live session planted in the victim's browser.
jar2=$TAP_TMP/jar-fix2
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\ttjg_session\t%s\n' "$first" >"$jar2"
signin "$A2" "$(console_password "$A2")" "$jar2"
second=$(cookie_of "$jar2")
isnt "$second" "$first" "a live planted session id is replaced too"
is "$(rows "$first")" 0 "and that session has ended"
cget "$jar2" /admin
like "$HTTP_BODY" "$A2" "the browser is the new user's"
unlike "$HTTP_BODY" "</span>${A}[[:space:]]" "and not the planted one's"

signin "$A2" "$(console_password "$A2")" "$jar2"
third=$(cookie_of "$jar2")
isnt "$third" "$second" "signing in again gives a new id"
is "$(rows "$second")" 0 "and ends the session before"
is "$(rows "$third")" 1 "the new one is stored"

# --- sign-out --------------------------------------------------------------

jar=$TAP_TMP/jar-out
other=$TAP_TMP/jar-out-other
signin "$A" "$(console_password "$A")" "$jar"
signin "$A" "$(console_password "$A")" "$other"
cookie=$(cookie_of "$jar")
cp "$jar" "$TAP_TMP/jar-out-replay"
cpost "$jar" /admin/logout -d ""
is "$HTTP_STATUS" 403 "sign-out without csrf: 403"
is "$(rows "$cookie")" 1 "and the session stays"
cpost "$jar" /admin/logout --data-urlencode "csrf=$(csrf_of "$jar")"
is "$HTTP_STATUS" 303 "sign-out: 303"
like "$(header Location)" '^/admin/login\?out=1$' "to the sign-in page"
like "$(header Set-Cookie)" '^tjg_session=-; Path=/; Max-Age=0' \
    "the cookie is cleared"
is "$(rows "$cookie")" 0 "the session row is gone"
cget "$TAP_TMP/jar-out-replay" /admin/account
to_signin "the old cookie replayed"
is "$(header Location)" "/admin/login?next=%2Fadmin%2Faccount" \
    "the sign-in page is told where to go back to"
cpost "$TAP_TMP/jar-out-replay" /admin/account \
    --data-urlencode "csrf=$(csrf_of "$other")"
is "$HTTP_STATUS" 403 "a POST with the old cookie: 403"
cget "$other" /admin
is "$HTTP_STATUS" 200 "the user's other session goes on"
get "$B/admin/login?out=1" "${NET[@]}"
like "$HTTP_BODY" "Du är utloggad" "the sign-in page says so"

# --- time-outs ----------------------------------------------------------

jar=$TAP_TMP/jar-idle
signin "$A" "$(console_password "$A")" "$jar"
cookie=$(cookie_of "$jar")
h="UNHEX(SHA2('$cookie', 256))"
db_query "UPDATE session SET last_seen_at = UTC_TIMESTAMP(6) -
    INTERVAL $((IDLE - 120)) SECOND WHERE id_hash = $h"
cget "$jar" /admin
is "$HTTP_STATUS" 200 "idle for less than session_idle: still signed in"
is "$(db_query "SELECT last_seen_at > UTC_TIMESTAMP(6) - INTERVAL 60 SECOND
    FROM session WHERE id_hash = $h")" 1 "and last_seen_at is moved on"
db_query "UPDATE session SET last_seen_at = UTC_TIMESTAMP(6) -
    INTERVAL $((IDLE + 60)) SECOND WHERE id_hash = $h"
cget "$jar" /admin
to_signin "idle beyond session_idle"
is "$(rows "$cookie")" 0 "the idle session's row is deleted"

signin "$A" "$(console_password "$A")" "$jar"
cookie=$(cookie_of "$jar")
h="UNHEX(SHA2('$cookie', 256))"
db_query "UPDATE session SET created_at = UTC_TIMESTAMP(6) -
    INTERVAL $((MAX - 120)) SECOND WHERE id_hash = $h"
cget "$jar" /admin
is "$HTTP_STATUS" 200 "younger than session_max: still signed in"
db_query "UPDATE session SET created_at = UTC_TIMESTAMP(6) -
    INTERVAL $((MAX + 60)) SECOND, last_seen_at = UTC_TIMESTAMP(6)
    WHERE id_hash = $h"
cget "$jar" /admin
to_signin "older than session_max, though just used"
is "$(rows "$cookie")" 0 "the old session's row is deleted"

# --- throttling per account ---------------------------------------------

newip
IP=$NEWIP
net
jar=$TAP_TMP/jar-throttle
codes=
for ((i = 1; i <= MAX_ACCOUNT; i++)); do
	signin "$T" "wrong password $i" "$jar"
	codes+="$HTTP_STATUS "
done
is "$codes" "$(printf '401 %.0s' $(seq "$MAX_ACCOUNT"))" \
    "$MAX_ACCOUNT wrong passwords: 401 each"
signin "$T" "$(console_password "$T")" "$jar"
is "$HTTP_STATUS" 429 "then even the right password: 429"
is "$(header Retry-After)" "$WINDOW" "with Retry-After"
is "$(login_error)" \
    "För många misslyckade försök med lösenordet. Vänta en stund och försök igen." \
    "and a clear message"
is "$(grep -ci '^Set-Cookie: tjg_session' "$HTTP_HEADERS_FILE" || true)" 0 \
    "and no session"
signin "${T^^}" "$(console_password "$T")" "$jar"
is "$HTTP_STATUS" 429 "the same account in other letter case: 429"
newip
IP=$NEWIP
net
signin "$T" "$(console_password "$T")" "$jar"
is "$HTTP_STATUS" 429 "the account from another address: 429"
signin "$V" "$(console_password "$V")" "$jar"
is "$HTTP_STATUS" 303 "another account from the same addresses: 303"
get "$B/en/admin/login" "${NET[@]}" -c "$jar" -b "$jar"
tok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$HTTP_BODY_FILE" |
    head -n 1)
get "$B/en/admin/login" -c "$jar" -b "$jar" "${NET[@]}" \
    --data-urlencode "csrf=$tok" --data-urlencode "username=$T" \
    --data-urlencode "password=x"
is "$HTTP_STATUS" 429 "in English too"
like "$(login_error)" "^Too many failed attempts with the password" "with the English message"
# The window passing (moved back by SQL) lifts it.
db_query "UPDATE login_attempt SET created_at = created_at -
    INTERVAL $((WINDOW + 10)) SECOND WHERE user_id = $(user_id "$T")"
signin "$T" "$(console_password "$T")" "$jar"
is "$HTTP_STATUS" 303 "after the window: signed in"

# --- throttling per address ---------------------------------------------

newip
IP=$NEWIP
net
codes=
for ((i = 1; i <= MAX_IP; i++)); do
	signin "${U}ghost$i" "$(console_password "${U}ghost$i")" "$jar"
	codes+="$HTTP_STATUS "
done
is "$codes" "$(printf '401 %.0s' $(seq "$MAX_IP"))" \
    "$MAX_IP failures under different names: 401 each"
signin "$V" "$(console_password "$V")" "$jar"
is "$HTTP_STATUS" 429 "then a real user from that address: 429"
signin "${U}fresh" "whatever" "$jar"
is "$HTTP_STATUS" 429 "and a fresh name: 429"
is "$(header Retry-After)" "$WINDOW" "with Retry-After"
ip_throttled=$IP
newip
IP=$NEWIP
net
signin "$V" "$(console_password "$V")" "$jar"
is "$HTTP_STATUS" 303 "the same user from another address: 303"

# No user name in clear, and a keyed hash (not a bare SHA-256 of it).
is "$(db_query "SELECT COUNT(*) FROM login_attempt
    WHERE ip = '::ffff:$ip_throttled'")" "$MAX_IP" \
    "every failure was recorded, the refused ones not"
is "$(db_query "SELECT COUNT(*) FROM login_attempt
    WHERE ip = '::ffff:$ip_throttled' AND (
    account_hash = UNHEX(SHA2('${U}ghost1', 256)) OR
    account_hash = UNHEX(SHA2(LOWER('${U}ghost1'), 256)) OR
    LOCATE('${U}ghost', account_hash))")" 0 \
    "login_attempt holds no user name, nor its plain SHA-256"
is "$(db_query "SELECT COUNT(*) FROM information_schema.columns
    WHERE table_schema = 'tjg' AND table_name = 'login_attempt' AND
    data_type IN ('varchar', 'char', 'text', 'mediumtext', 'longtext')")" \
    0 "login_attempt has no text column for a name"
is "$(db_query "SELECT COUNT(DISTINCT account_hash) FROM login_attempt
    WHERE ip = '::ffff:$ip_throttled'")" "$MAX_IP" \
    "one account hash per name"

# --- CSRF on console POSTs ----------------------------------------------

newip
IP=$NEWIP
net
jar=$TAP_TMP/jar-csrf
jar_b=$TAP_TMP/jar-csrf-b
signin "$W" "$(console_password "$W")" "$jar"
signin "$A2" "$(console_password "$A2")" "$jar_b"
csrf=$(csrf_of "$jar")
csrf_b=$(csrf_of "$jar_b")
like "$csrf" '^[0-9a-f]{64}$' "the session's token is on its forms"
isnt "$csrf" "$csrf_b" "each session has its own token"
hash_before=$(db_query "SELECT password_hash FROM app_user
    WHERE username = '$W'")
audit_before=$(db_query "SELECT COUNT(*) FROM audit
    WHERE object_ref = '$W' AND action = 'user.password'")
change=(--data-urlencode "current=$(console_password "$W")"
    --data-urlencode "new=a new password for $W"
    --data-urlencode "again=a new password for $W")
csrf_refused() {
	is "$HTTP_STATUS" 403 "$1: 403"
	like "$HTTP_BODY" "Formuläret hade gått ut eller kom inte från" \
	    "$1: the CSRF message"
	is "$(db_query "SELECT password_hash FROM app_user
	    WHERE username = '$W'")" "$hash_before" "$1: nothing changed"
}
cpost "$jar" /admin/account "${change[@]}"
csrf_refused "no csrf"
cpost "$jar" /admin/account "${change[@]}" --data-urlencode "csrf="
csrf_refused "empty csrf"
cpost "$jar" /admin/account "${change[@]}" \
    --data-urlencode "csrf=$(printf '%064d' 0)"
csrf_refused "wrong csrf"
cpost "$jar" /admin/account "${change[@]}" --data-urlencode "csrf=$csrf_b"
csrf_refused "another session's csrf"
cpost "$jar" /admin/account "${change[@]}" \
    --data-urlencode "csrf=${csrf:0:63}"
csrf_refused "csrf one character short"
cpost "$jar" /admin/account "${change[@]}" --data-urlencode "csrf=$csrf" \
    --data-urlencode "csrf=$csrf"
csrf_refused "csrf twice"
cpost "$jar" "/admin/account?csrf=$csrf_b" "${change[@]}" \
    --data-urlencode "csrf=$csrf"
csrf_refused "a second csrf in the query"
cpost "$jar" /admin/account "${change[@]}" -H "X-CSRF-Token: $csrf"
csrf_refused "csrf in a header only"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE object_ref = '$W' AND
    action = 'user.password'")" "$audit_before" "no refused POST was audited"

# The same request with the right token goes through: the control.
old=$(cookie_of "$jar")
cpost "$jar" /admin/account "${change[@]}" --data-urlencode "csrf=$csrf"
is "$HTTP_STATUS" 303 "the right csrf: the password is changed"
isnt "$(db_query "SELECT password_hash FROM app_user WHERE username = '$W'")" \
    "$hash_before" "the hash changed"
isnt "$(cookie_of "$jar")" "$old" "the changing session gets a new id"
is "$(rows "$old")" 0 "and the old id is ended"
cget "$jar" /admin
is "$HTTP_STATUS" 200 "and the user stays signed in"

# The sign-in form's own token.
jar=$TAP_TMP/jar-form
rm -f "$jar"
get "$B/admin/login" -c "$jar" -b "$jar" "${NET[@]}" \
    --data-urlencode "username=$A" \
    --data-urlencode "password=$(console_password "$A")"
is "$HTTP_STATUS" 403 "sign-in without the form's token: 403"
is "$(login_error)" "Formuläret hade gått ut. Försök igen." \
    "sign-in without the token: the message"
is "$(grep -ci '^Set-Cookie: tjg_session' "$HTTP_HEADERS_FILE" || true)" 0 \
    "sign-in without the token: no session"
tok=$(form_token "$TAP_TMP/jar-form-other")
get "$B/admin/login" -c "$jar" -b "$jar" "${NET[@]}" \
    --data-urlencode "csrf=$tok" --data-urlencode "username=$A" \
    --data-urlencode "password=$(console_password "$A")"
is "$HTTP_STATUS" 403 "sign-in with another browser's form token: 403"

# --- tjgctl user disable and passwd end sessions ---------------------------

jar=$TAP_TMP/jar-disable
signin "$D" "$(console_password "$D")" "$jar"
is "$HTTP_STATUS" 303 "signed in before disable"
cookie=$(cookie_of "$jar")
out=$(ctl user disable "$D")
like "$out" "disabled, sessions ended" "tjgctl user disable"
is "$(db_query "SELECT COUNT(*) FROM session
    WHERE user_id = $(user_id "$D")")" 0 "no session of the disabled user"
cget "$jar" /admin
to_signin "the disabled user's session"
ctl user enable "$D" >/dev/null

jar=$TAP_TMP/jar-passwd
signin "$P" "$(console_password "$P")" "$jar"
cookie=$(cookie_of "$jar")
newpw="another password of $P"
hash_before=$(db_query "SELECT password_hash FROM app_user
    WHERE username = '$P'")
printf 'short\n' | ctl user passwd "$P" >/dev/null 2>&1 &&
    fail "tjgctl user passwd refuses a short password" ||
    pass "tjgctl user passwd refuses a short password"
is "$(rows "$cookie")" 1 "and the session stays"
out=$(printf '%s\n' "$newpw" | ctl user passwd "$P")
like "$out" "password set, sessions ended" "tjgctl user passwd"
isnt "$(db_query "SELECT password_hash FROM app_user WHERE username = '$P'")" \
    "$hash_before" "the hash changed"
is "$(rows "$cookie")" 0 "the session row is gone"
cget "$jar" /admin
to_signin "the session after tjgctl user passwd"
signin "$P" "$(console_password "$P")" "$TAP_TMP/jar-passwd2"
is "$HTTP_STATUS" 401 "the old password: 401"
signin "$P" "$newpw" "$TAP_TMP/jar-passwd2"
is "$HTTP_STATUS" 303 "the new password: 303"

# --- networks are kept apart by host name --------------------------------

jar=$TAP_TMP/jar-andra
signin "$A" "$(console_password "$A")" "$jar" "$BA"
is "$HTTP_STATUS" 401 "a demo admin cannot sign in on andra.localhost"
signin "$N" "$(console_password "$N")" "$jar" "$BA"
is "$HTTP_STATUS" 303 "the andra admin signs in on andra.localhost"
cget "$jar" /admin "$BA"
is "$HTTP_STATUS" 200 "and sees andra's console"
like "$HTTP_BODY" "Andra Stadsnätet" "named for andra"
signin "$N" "$(console_password "$N")" "$TAP_TMP/jar-andra-demo"
is "$HTTP_STATUS" 401 "the andra admin cannot sign in on demo"
acookie=$(cookie_of "$jar")
get "$B/admin" "${NET[@]}" -b "tjg_session=$acookie"
to_signin "andra's session cookie sent to demo"
get "$B/admin/account" "${NET[@]}" -b "tjg_session=$acookie" \
    --data-urlencode "csrf=$(printf '%064d' 0)"
is "$HTTP_STATUS" 403 "andra's session cookie on a demo POST: 403"

# --- "next" only leads into the console --------------------------------

jar=$TAP_TMP/jar-next
next_to() {
	local want=$1 next=$2
	signin "$A" "$(console_password "$A")" "$jar" "$B" \
	    --data-urlencode "next=$next"
	is "$HTTP_STATUS $(header Location)" "303 $want" "next=$next -> $want"
}
next_to /admin/account /admin/account
next_to "/admin/account?x=1" "/admin/account?x=1"
next_to /admin //evil.example
next_to /admin //evil.example/admin
next_to /admin https://evil.example
next_to /admin https://evil.example/admin
next_to /admin /admin//evil.example
next_to /admin '/admin\evil.example'
next_to /admin /adminx
next_to /admin /admin@evil.example
next_to /admin /
next_to /admin /sok
next_to /admin ""
get "$B/admin/login?next=//evil.example" "${NET[@]}"
like "$HTTP_BODY" 'name="next" value="/admin"' \
    "the form carries only a safe next"
get "$B/en/admin/account" "${NET[@]}"
is "$HTTP_STATUS $(header Location)" \
    "303 /en/admin/login?next=%2Fadmin%2Faccount" \
    "an English page sends to the English sign-in, back to the same page"
tok=$(curl -sS -c "$jar" -b "$jar" "${NET[@]}" \
    "$B/en/admin/login?next=%2Fadmin%2Faccount" |
    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
get "$B/en/admin/login" -c "$jar" -b "$jar" "${NET[@]}" \
    --data-urlencode "csrf=$tok" --data-urlencode "username=$A" \
    --data-urlencode "password=$(console_password "$A")" \
    --data-urlencode "next=/admin/account"
is "$HTTP_STATUS $(header Location)" "303 /en/admin/account" \
    "and lands there in English"

# --- the account page's current password is throttled too -------------

newip
IP=$NEWIP
net
jar=$TAP_TMP/jar-guess
signin "$G" "$(console_password "$G")" "$jar"
is "$HTTP_STATUS" 303 "the guesser signs in"
csrf=$(csrf_of "$jar")
guess=(--data-urlencode "csrf=$csrf" --data-urlencode "new=a new long password"
    --data-urlencode "again=a new long password")
for i in $(seq 1 "$MAX_ACCOUNT"); do
	cpost "$jar" /admin/account "${guess[@]}" \
	    --data-urlencode "current=guess number $i"
done
is "$HTTP_STATUS" 422 "wrong current passwords: 422"
cpost "$jar" /admin/account "${guess[@]}" \
    --data-urlencode "current=$(console_password "$G")"
is "$HTTP_STATUS" 422 "after $MAX_ACCOUNT wrong guesses the right one is refused"
like "$(tr -d '\n' <"$HTTP_BODY_FILE")" "Vänta en stund" \
    "with the throttling message"
hash_after=$(db_query "SELECT password_hash FROM app_user
    WHERE username = '$G'")
signin "$G" "$(console_password "$G")" "$TAP_TMP/jar-guess2"
is "$HTTP_STATUS" 429 "and the account's sign-in is throttled as well"
is "$(db_query "SELECT COUNT(*) FROM login_attempt a JOIN app_user u
    ON u.id = a.user_id WHERE u.username = '$G' AND a.ok = 0")" \
    "$MAX_ACCOUNT" "each wrong guess recorded as a failed attempt"
is "$(db_query "SELECT password_hash FROM app_user WHERE username = '$G'")" \
    "$hash_after" "and the password was not changed"

# --- the audit of sign-in and sign-out -----------------------------------

newip
IP=$NEWIP
net
jar=$TAP_TMP/jar-audit
signin "$A2" "$(console_password "$A2")" "$jar"
cpost "$jar" /admin/logout --data-urlencode "csrf=$(csrf_of "$jar")"
is "$(db_query "SELECT CONCAT_WS(' ', action, actor, object_kind, object_ref,
    ip, network_id) FROM audit WHERE ip = '::ffff:$IP' ORDER BY id")" \
    "login user:$A2 user $A2 ::ffff:$IP 1
logout user:$A2 user $A2 ::ffff:$IP 1" \
    "login and logout audited with who, network and address"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'login' AND
    object_ref = '$T' AND created_at > UTC_TIMESTAMP(6) -
    INTERVAL 1 HOUR")" 1 "failed attempts are not audited as sign-ins"
pw_hits=0
for u in "$A" "$A2" "$D" "$P" "$T" "$V" "$W" "$N"; do
	n=$(db_query "SELECT COUNT(*) FROM audit WHERE LOCATE(
	    '$(console_password "$u")', CONCAT_WS('|', actor, action,
	    object_kind, object_ref, detail)) > 0")
	pw_hits=$((pw_hits + n))
done
n=$(db_query "SELECT COUNT(*) FROM audit WHERE LOCATE('password of',
    CONCAT_WS('|', actor, action, object_kind, object_ref, detail)) > 0")
is "$((pw_hits + n))" 0 "no password in the audit"
if grep -q -e "test-password-of-$U" -e "password of $U" \
    "$TJG_STATE"/*.log 2>/dev/null; then
	fail "no password in the logs"
else
	pass "no password in the logs"
fi

done_testing
