#!/usr/bin/env bash
# Key rotation on the real stack: orders under the current data key;
# tjgctl keygen adds the next; its removal and the old one's are refused
# while orders use them; the workers notice the changed key file by
# themselves within ten seconds (an order sealed under the old key in
# that moment is named by rekey); new orders use the new key; rekey
# moves every order to it (in batches, with a progress line on a
# terminal, idempotent) keeping each blob bound to its order; the old key
# is removed, and after another restart every order still reads, in the
# console's "show". Re-runnable: it starts from whatever key is newest.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"
. "$(dirname "$0")/../lib/pii.sh"

ctl() {
	"$TJG_CTL" -c "$TJG_CONF" "$@"
}

# Restarts both web servers (and so their workers); the database keeps
# running.
restart_web() {
	tjg_apache_stop "$TJG_STATE"
	tjg_lighttpd_stop "$TJG_STATE"
	tjg_lighttpd_start "$TJG_STATE"
	tjg_apache_start "$TJG_STATE"
	tjg_wait_app "$TJG_LIGHTTPD_URL/" && tjg_wait_app "$TJG_APACHE_URL/"
}

# The newest data key, from tjgctl keys.
newest() {
	ctl keys | awk -F '\t' '$3 ~ /^newest/ { print $1 }'
}

key_of() {
	db_query "SELECT pii_key_id, ASCII(pii) FROM orders WHERE ref = '$1'" |
	    tr '\t' ' '
}

# A person, an order by them on BASE; remembers the reference and the
# last name (to find on the order's page).
declare -A LAST
order_as_new_person() {
	pii_person
	pii_order "$1" || return 1
	LAST[$ORDER_REF]=$PII_LAST
}

admin=keys-admin-$$
console_user "$admin" network_admin
jar=$TAP_TMP/jar
is "$(console_login "$admin" "$jar")" 303 "an administrator signs in"

# readable REF: the console's "show" opens the order's personal data.
readable() {
	console_post "$jar" "/admin/orders/$1/show"
	[ "$CONSOLE_STATUS" = 200 ] && [[ $CONSOLE_BODY == *"${LAST[$1]}"* ]]
}

# --- orders under the current key ------------------------------------------
old=$(newest)
like "$old" '^[0-9]+$' "the newest data key is $old"
check "an order through lighttpd" -- \
    order_as_new_person "$TJG_LIGHTTPD_URL"
a=$ORDER_REF
check "an order through Apache" -- order_as_new_person "$TJG_APACHE_URL"
b=$ORDER_REF
is "$(key_of "$a")" "$old $old" "sealed under key $old"
is "$(key_of "$b")" "$old $old" "both"
check "readable in the console" -- readable "$a"

# --- a new key -----------------------------------------------------------------
keys_sum() {
	sha256sum <"$(sed -n 's/^key_file = //p' "$TJG_CONF")"
}
# rekey tells stale workers by orders created since the key file's
# mtime (whole seconds): let the orders above be a second older.
sleep 1
st=0
out=$(ctl keygen) || st=$?
ok $st "keygen"
new=$((old + 1))
is "$(newest)" "$new" "key $new is now the newest"
sum=$(keys_sum)
st=0
out=$(ctl keys --remove "$old" 2>&1) || st=$?
is "$st" 1 "key $old is not removed while orders use it"
like "$out" "still seals the personal data of [0-9]+ orders?: run tjgctl rekey first" \
    "and says what to do"
st=0
out=$(ctl keys --remove "$new" 2>&1) || st=$?
is "$st" 1 "the newest key is not removed"
like "$out" "is the newest" "with the reason"
is "$(keys_sum)" "$sum" "the key file is unchanged"

# A worker checks the key file at most every ten seconds: an order placed
# at once may still be sealed under the old key, later ones are not.
check "an order right after keygen" -- \
    order_as_new_person "$TJG_LIGHTTPD_URL"
c=$ORDER_REF
c_key=$(key_of "$c")
like "$c_key" "^($old $old|$new $new)\$" "is sealed under key $old or $new"
stale=0		# an order was sealed under the old key after keygen
[ "$c_key" = "$old $old" ] && stale=1
for server in lighttpd apache; do
	key=
	for i in $(seq 1 10); do
		order_as_new_person "$(server_url "$server")" || break
		key=$(key_of "$ORDER_REF")
		[ "$key" = "$new $new" ] && break
		stale=1
		sleep 2
	done
	is "$key" "$new $new" \
	    "$server: its workers load key $new by themselves, no restart"
done

# --- rekey --------------------------------------------------------------------
left() {
	db_query "SELECT COUNT(*) FROM orders WHERE pii IS NOT NULL AND
	    (ASCII(pii) <> $new OR pii_key_id IS NULL OR pii_key_id <> $new)"
}
before=$(left)
check "orders to re-encrypt" -- test "$before" -ge 3
# On a terminal (script(1) gives it one) rekey shows its progress.
st=0
script -qec "$TJG_CTL -c $TJG_CONF rekey --batch 2" /dev/null \
    >"$TAP_TMP/rekey.out" 2>&1 || st=$?
ok $st "rekey in batches of 2"
out=$(tr -d '\r' <"$TAP_TMP/rekey.out")
like "$out" "rekey: $before orders? re-encrypted under data key $new" \
    "re-encrypts every order under key $new"
like "$out" "rekey: $before of $before orders" "with a progress line"
if [ "$stale" = 1 ]; then
	like "$out" "WARNING: .* a worker has not loaded data key $new" \
	    "and names the worker that sealed under the old key after keygen"
else
	unlike "$out" "WARNING" "and no worker sealed under the old key"
fi
is "$(left)" 0 "no order is left under another key"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'keys.rekey'
    AND object_ref = '$new'")" 1 "the rekey is in the audit log"

restart_web
ok $? "the workers are restarted"
is "$(console_login "$admin" "$jar")" 303 "signed in again"
check "an order after the restart" -- order_as_new_person "$TJG_APACHE_URL"
d=$ORDER_REF
is "$(key_of "$d")" "$new $new" "new orders use key $new"

st=0
out=$(ctl rekey) || st=$?
ok $st "rekey again"
like "$out" "rekey: 0 orders re-encrypted" "finds nothing to do"
unlike "$out" "WARNING" "and no stale worker"

for r in "$a" "$b" "$c" "$d"; do
	check "order $r reads after rekey" -- readable "$r"
done
# Every order of the network with personal data opens.
bad=
for r in $(db_query "SELECT o.ref FROM orders o JOIN network n
    ON n.id = o.network_id WHERE n.slug = 'demo' AND o.pii IS NOT NULL"); do
	console_post "$jar" "/admin/orders/$r/show"
	[ "$CONSOLE_STATUS" = 200 ] || bad+="$r "
done
is "$bad" "" "every order of the network opens"

# Still bound to its order: another order's blob does not open.
saved=$(db_query "SELECT HEX(pii) FROM orders WHERE ref = '$a'")
db_query "UPDATE orders SET pii = (SELECT pii FROM (SELECT pii FROM orders
    WHERE ref = '$b') x) WHERE ref = '$a'"
console_post "$jar" "/admin/orders/$a/show"
isnt "$CONSOLE_STATUS" 200 "a blob moved to another order does not open"
db_query "UPDATE orders SET pii = UNHEX('$saved') WHERE ref = '$a'"
check "and back in its place it does" -- readable "$a"

# --- the old key goes ---------------------------------------------------------
st=0
out=$(ctl keys --remove "$old") || st=$?
ok $st "key $old is removed once no order uses it"
like "$out" "data key $old removed" "says so"
check "its line is gone from the key file" -- \
    test "$(grep -c "^data $old " "$(sed -n 's/^key_file = //p' \
    "$TJG_CONF")")" = 0
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'keys.remove'
    AND object_ref = '$old'")" 1 "the removal is in the audit log"
is "$(ctl keys | cut -f 1 | grep -cx "$old")" 0 "keys no longer lists it"

restart_web
ok $? "the workers are restarted without key $old"
is "$(console_login "$admin" "$jar")" 303 "signed in again"
for r in "$a" "$b" "$c" "$d"; do
	check "order $r still reads" -- readable "$r"
done
check "an order after the removal" -- \
    order_as_new_person "$TJG_LIGHTTPD_URL"
is "$(key_of "$ORDER_REF")" "$new $new" "under key $new"
check "and it reads" -- readable "$ORDER_REF"

done_testing
