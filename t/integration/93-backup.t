#!/usr/bin/env bash
# Encrypted backups on the real stack: tjgctl backup --keygen and backup
# (a file of mode 0600 with no plaintext in it, the database password
# never on a command line), restore into a second database compared table
# by table with the first, tampered, cut, extended and foreign-key files
# refused with the second database left as it was, a failing dump that
# keeps nothing and deletes nothing, and keep_days (by the time in the
# names, with the clock moved by TJG_NOW).
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/pii.sh"

BDIR=$TAP_TMP/backups
CONF=$TAP_TMP/tjg.conf
SECOND=tjg_restore_93

ctl() {
	"$TJG_CTL" -c "$CONF" "$@"
}

# sql QUERY: rows of QUERY as root, on no particular database.
sql() {
	tjg_sql -N -B -e "$1"
}

# The stack's configuration with this test's [backup]: its own directory
# and key, and a dump program that notes how it was called (its
# arguments, the option file on descriptor 3) and then is mariadb-dump.
cp "$TJG_CONF" "$CONF"
cat >>"$CONF" <<EOF

[backup]
dir = $BDIR
key_file = $TAP_TMP/backup.key
keep_days = 90
dump = $TAP_TMP/dump
client = mariadb
EOF
cat >"$TAP_TMP/dump" <<'EOF'
#!/bin/sh
d=$(dirname "$0")
printf '%s\n' "$@" >"$d/dump.args"
stat -L -c %a /dev/fd/3 >"$d/dump.optmode"
grep -c '^password=' /dev/fd/3 >"$d/dump.optpw"
exec mariadb-dump "$@"
EOF
chmod 0755 "$TAP_TMP/dump"
password=$(sed -n 's/^password = //p' "$TJG_CONF")

# --- orders with known personal data ------------------------------------
pii_person
check "an order through lighttpd" -- pii_order "$TJG_LIGHTTPD_URL"
check "an order through Apache" -- pii_order "$TJG_APACHE_URL"

# --- the key --------------------------------------------------------------
out=$(ctl backup 2>&1) && fail "no backup without a backup key" ||
    pass "no backup without a backup key"
like "$out" "backup --keygen" "the message says how to make one"
check "and nothing was written" -- test ! -e "$BDIR"
st=0
out=$(ctl backup --keygen 2>&1) || st=$?
ok $st "backup --keygen"
like "$out" "backup key [0-9a-f]{16}" "names the key by its id"
is "$(stat -c %a "$TAP_TMP/backup.key")" 600 "the key file is mode 0600"
sum=$(sha256sum <"$TAP_TMP/backup.key")
out=$(ctl backup --keygen 2>&1) && fail "a second keygen is refused" ||
    pass "a second keygen is refused"
like "$out" "never replaced" "with the reason"
is "$(sha256sum <"$TAP_TMP/backup.key")" "$sum" "the key is unchanged"
keyid=$(ctl backup 2>&1 | grep -o 'backup key [0-9a-f]*' | head -n 1) || true

# --- a backup ---------------------------------------------------------------
files() {
	find "$BDIR" -maxdepth 1 -name 'tjg-*.sql.enc' -printf '%f\n' | sort
}
mapfile -t made < <(files)
is "${#made[@]}" 1 "one backup file"
file=$BDIR/${made[0]:-none}
like "${made[0]:-}" '^tjg-[0-9]{8}-[0-9]{6}\.sql\.enc$' \
    "named tjg-YYYYMMDD-HHMMSS.sql.enc"
like "$keyid" "backup key [0-9a-f]{16}" "made with the backup key"
is "$(stat -c %a "$file" 2>/dev/null)" 600 "the file is mode 0600"
is "$(find "$BDIR" -name '.*tmp' | wc -l)" 0 "no temporary file left"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'backup.create'
    AND object_ref = '${made[0]:-}'")" 1 "the backup is in the audit log"

# No plaintext: not a table's name, no SQL, nobody's data.
found=
for t in $(db_query "SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'tjg'") "INSERT INTO" "CREATE TABLE"; do
	grep -aqF "$t" "$file" && found+="$t "
done
is "$found" "" "no table name or SQL in clear in the backup"
found=
while read -r needle; do
	grep -aqiF "$needle" "$file" && found+="$needle "
done < <(pii_needles)
is "$found" "" "no name, e-mail, phone or personnummer in clear"
check "the file starts with the format's magic" -- \
    grep -aq '^TJGBAK' <(head -c 6 "$file")

# How mariadb-dump was called.
args=$(cat "$TAP_TMP/dump.args")
is "$(head -n 1 <<<"$args")" "--defaults-file=/dev/fd/3" \
    "the connection comes from an option file"
is "$(cat "$TAP_TMP/dump.optmode")" 600 "of mode 0600"
is "$(cat "$TAP_TMP/dump.optpw")" 1 "which holds the password"
if [ -n "$password" ] && grep -qF -- "$password" <<<"$args"; then
	fail "the password is not on the command line"
else
	pass "the password is not on the command line"
fi
like "$args" "--single-transaction" "a consistent snapshot"
is "$(tail -n 1 <<<"$args")" tjg "of the application's database"

# --- restore into a second database ---------------------------------------
at_exit "tjg_sql -e 'DROP DATABASE IF EXISTS $SECOND' >/dev/null 2>&1"
sql "DROP DATABASE IF EXISTS $SECOND;
    CREATE DATABASE $SECOND CHARACTER SET utf8mb4
    COLLATE utf8mb4_unicode_ci;
    GRANT ALL PRIVILEGES ON $SECOND.* TO 'tjg'@'localhost'"
st=0
out=$(ctl restore "$file" --database "$SECOND" 2>&1) || st=$?
ok $st "restore into $SECOND"
like "$out" "is intact" "authenticated first"
like "$out" "restored into database $SECOND" "then restored"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'backup.restore'
    AND object_ref = '${made[0]:-}'")" 1 "the restore is in the audit log"

# sums DB: "table rows checksum" for each table of tjg. The audit log is
# compared up to the last entry the second database has: the backup's
# own audit entries were written after the dump.
tables=$(db_query "SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'tjg' AND table_type = 'BASE TABLE'
    ORDER BY table_name")
last_audit=$(sql "SELECT COALESCE(MAX(id), 0) FROM $SECOND.audit")
sums() {
	local t
	for t in $tables; do
		if [ "$t" = audit ]; then
			echo "audit $(sql "SELECT COUNT(*), COALESCE(SUM(CRC32(
			    CONCAT_WS('|', id, user_id, network_id,
			    provider_id, actor, action, object_kind,
			    object_ref, detail, ip, created_at))), 0)
			    FROM \`$1\`.audit WHERE id <= $last_audit" |
			    tr '\t' ' ')"
			continue
		fi
		echo "$t $(sql "SELECT COUNT(*) FROM \`$1\`.\`$t\`")" \
		    "$(sql "CHECKSUM TABLE \`$1\`.\`$t\`" | cut -f 2)"
	done
}
check "the tables" -- test "$(wc -w <<<"$tables")" -gt 15
orig=$(sums tjg)
copy=$(sums "$SECOND")
while read -r t n c; do
	is "$(grep "^$t " <<<"$copy")" "$t $n $c" \
	    "$t: the same $n rows, the same checksum"
done <<<"$orig"
is "$(sql "SELECT COUNT(*) FROM $SECOND.orders WHERE pii IS NOT NULL")" \
    "$(db_query "SELECT COUNT(*) FROM orders WHERE pii IS NOT NULL")" \
    "the encrypted personal data came along"

# --- damaged files are refused before anything reaches the database --------
# A row only the second database has: any statement of a dump would
# replace the table and lose it.
sql "INSERT INTO $SECOND.audit (actor, action) VALUES ('test:93', 'marker')"
before=$(sums "$SECOND"; sql "SELECT COUNT(*) FROM $SECOND.audit")
size=$(stat -c %s "$file")

# flip FROM TO OFFSET: TO is FROM with the byte at OFFSET changed.
flip() {
	cp "$1" "$2"
	perl -e 'open(my $f, "+<", $ARGV[0]) or die "$ARGV[0]: $!";
	    binmode $f; seek($f, $ARGV[1], 0); read($f, my $c, 1);
	    seek($f, $ARGV[1], 0); print $f chr(ord($c) ^ 1);
	    close($f) or die' "$2" "$3"
}
flip "$file" "$TAP_TMP/flipped.enc" $((size / 2))
check "a copy with one byte in the middle changed" -- \
    test "$(cmp -l "$file" "$TAP_TMP/flipped.enc" | wc -l)" = 1
head -c $((size - 100)) "$file" >"$TAP_TMP/cut.enc"
{ cat "$file"; printf x; } >"$TAP_TMP/longer.enc"
flip "$file" "$TAP_TMP/header.enc" 20
for bad in flipped cut longer header; do
	out=$(ctl restore "$TAP_TMP/$bad.enc" --database "$SECOND" 2>&1) &&
	    fail "$bad: refused" || pass "$bad: refused"
	like "$out" "nothing was restored" "$bad: nothing was restored"
	unlike "$out" "is intact" "$bad: never called intact"
	is "$(sums "$SECOND"; sql "SELECT COUNT(*) FROM $SECOND.audit")" \
	    "$before" "$bad: the second database is as it was"
done
(umask 077 && printf 'backup %s\n' \
    "$(head -c 32 /dev/urandom | base64)" >"$TAP_TMP/other.key")
out=$(ctl restore "$file" --database "$SECOND" \
    --key-file "$TAP_TMP/other.key" 2>&1) &&
    fail "another backup key: refused" || pass "another backup key: refused"
like "$out" "made with backup key [0-9a-f]{16}, not with this key" \
    "another key: names the keys"
is "$(sums "$SECOND"; sql "SELECT COUNT(*) FROM $SECOND.audit")" \
    "$before" "another key: the second database is as it was"

# --- a dump that fails keeps nothing and deletes nothing --------------------
sed 's|^dump = .*|dump = false|' "$CONF" >"$TAP_TMP/false.conf"
cp "$file" "$BDIR/tjg-20000101-000000.sql.enc"
out=$("$TJG_CTL" -c "$TAP_TMP/false.conf" backup 2>&1) &&
    fail "a failing dump is a failed backup" ||
    pass "a failing dump is a failed backup"
like "$out" "nothing was kept" "and says so"
is "$(files | wc -l)" 2 "no new backup, the old one not deleted"
is "$(find "$BDIR" -name '.*tmp' | wc -l)" 0 "no temporary file left"

# --- keep_days ---------------------------------------------------------------
yesterday=$(date -u -d '-1 day' +%Y%m%d-%H%M%S)
cp "$file" "$BDIR/tjg-$yesterday.sql.enc"
echo "an operator's note" >"$BDIR/notes.txt"
: >"$BDIR/.tjg-20000101-000000.sql.enc.tmp"
sleep 1		# a new name, not the first backup's second
st=0
out=$(ctl backup) || st=$?
ok $st "another backup"
like "$out" "deleted tjg-20000101-000000.sql.enc \\(older than 90 days\\)" \
    "deletes the backup of 2000"
like "$out" "deleted .tjg-20000101-000000.sql.enc.tmp" \
    "and a temporary file of a backup that crashed"
check "the old backup is gone" -- \
    test ! -e "$BDIR/tjg-20000101-000000.sql.enc"
check "yesterday's is kept" -- test -e "$BDIR/tjg-$yesterday.sql.enc"
check "the first one is kept" -- test -e "$file"
check "other files are left alone" -- test -e "$BDIR/notes.txt"
is "$(files | wc -l)" 3 "three backups"

# 91 days on, every backup made so far is too old.
later=$(date -u -d '+91 days' '+%Y-%m-%d %H:%M:%S')
st=0
out=$(TJG_NOW=$later ctl backup) || st=$?
ok $st "a backup 91 days later (TJG_NOW)"
is "$(files)" "tjg-$(date -u -d "$later" +%Y%m%d-%H%M%S).sql.enc" \
    "only it is kept, named by the moved clock"
like "$out" "1 backup kept" "and it says so"
check "other files are still there" -- test -e "$BDIR/notes.txt"

done_testing
