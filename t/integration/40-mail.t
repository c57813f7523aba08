#!/usr/bin/env bash
# Mail end to end: `tjgctl mail` hands queued messages to a real
# sendmail-compatible client (Debian's msmtp) that talks SMTP to a real
# server on loopback (python3-aiosmtpd, a small handler that keeps each
# message in a file, bounded lifetime, stopped by its PID).
#
#  - a message arrives with the right envelope, From, To, Subject (UTF-8,
#    decoded), body (quoted-printable, decoded); its row is sent with
#    to_addr and body erased; nothing personal on tjgctl's output;
#  - with the SMTP server down, a message is kept for a retry (attempt 1,
#    due in about 60 s, error without the address) and not tried again
#    before it is due; with the server back and the retry made due, it
#    is delivered;
#  - new mail can be queued at once while a sender holds a batch; three
#    concurrent `tjgctl mail` runs send each of 30 messages exactly once;
#  - `tjgctl mail --loop` sends what is queued while it runs and stops on
#    SIGTERM.
#
# The test sends whatever else is due in the stack's outbox too; its own
# rows (kind "test", a run tag in the subject) are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")"
. ../lib/tap.sh
. ../lib/env.sh

PY=/usr/bin/python3	# Debian's, which has aiosmtpd (not a pyenv shim)
MSMTP=/usr/bin/msmtp
[ -x "$MSMTP" ] || plan skip_all "msmtp is not installed"
"$PY" -c 'import aiosmtpd' 2>/dev/null ||
    plan skip_all "python3-aiosmtpd is not installed"
usage=$("$TJG_CTL" 2>&1) || true
grep -q '^ *mail' <<<"$usage" || BAIL_OUT "$TJG_CTL has no mail command"

dir=$TAP_TMP/mail
mkdir -p "$dir/box"
# [mail] sendmail is split on blanks: the paths must have none.
[[ $dir =~ [[:space:]] ]] && BAIL_OUT "temporary directory has a blank: $dir"
run=$$.$RANDOM		# tags this run's messages

# --- the SMTP server ------------------------------------------------------

cat >"$dir/smtpd.py" <<'EOF'
# A loopback SMTP server for tests: each message goes to DIR/N.eml (and
# its envelope recipients to DIR/N.rcpt, written first), atomically.
# Stops after LIFETIME seconds or on SIGTERM.
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

smtp_pid=
port=$(tjg_free_port 12525) || BAIL_OUT "no free port from 12525"

smtp_start() {
	local i
	"$PY" "$dir/smtpd.py" "$port" "$dir/box" 300 \
	    </dev/null >>"$dir/smtpd.log" 2>&1 &
	smtp_pid=$!
	for ((i = 0; i < 100; i++)); do
		tjg_alive "$smtp_pid" || break
		tjg_port_busy "$port" && return 0
		sleep 0.1
	done
	diag "$(cat "$dir/smtpd.log")"
	BAIL_OUT "the SMTP server did not start"
}

smtp_stop() {
	[ -n "$smtp_pid" ] || return 0
	kill -TERM "$smtp_pid" 2>/dev/null || true
	tjg_wait_gone "$smtp_pid" 10 || kill -KILL "$smtp_pid" 2>/dev/null ||
	    true
	smtp_pid=
}
at_exit smtp_stop
cleanup_rows() {
	db_query "DELETE FROM outbox WHERE kind = 'test'
	    AND subject LIKE '%[$run]%'"
}
at_exit cleanup_rows

# --- msmtp and the configuration ------------------------------------------

cat >"$dir/msmtprc" <<EOF
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
chmod 600 "$dir/msmtprc"

# mailconf FILE SENDMAIL: the stack's configuration with this [mail].
mailconf() {
	awk '/^\[/ { skip = ($0 == "[mail]") } !skip' "$TJG_CONF" >"$1"
	cat >>"$1" <<-EOF

		[mail]
		sendmail = $2
		from = Tjänsteguiden Test <noreply@example.se>
		max_attempts = 5
	EOF
}
conf=$dir/tjg.conf
mailconf "$conf" "$MSMTP -C $dir/msmtprc -t"

# --- helpers --------------------------------------------------------------

# queue TO SUBJECT BODY: a test message in the outbox; prints its id. The
# arguments must not hold a single quote.
queue() {
	db_query "INSERT INTO outbox (network_id, kind, to_addr, subject, body)
	    VALUES ((SELECT MIN(id) FROM network), 'test', '$1', '$2', '$3');
	    SELECT LAST_INSERT_ID()"
}

# mail ARGS...: runs tjgctl mail (bounded), output in MAIL_OUT, errors in
# MAIL_ERR, status in MAIL_RC.
mail() {
	MAIL_RC=0
	timeout 120 "$TJG_CTL" -c "$conf" mail "$@" >"$dir/out" \
	    2>"$dir/err" || MAIL_RC=$?
	MAIL_OUT=$(cat "$dir/out")
	MAIL_ERR=$(cat "$dir/err")
}

# arrived SUBJECT [SECS]: waits (bounded, default 10 s) for the message
# with SUBJECT (decoded) and prints its file name.
arrived() {
	local i f
	for ((i = 0; i < ${2:-10} * 10; i++)); do
		f=$(find_mail "$1")
		if [ -n "$f" ]; then
			echo "$f"
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# find_mail SUBJECT: the files of messages whose decoded Subject is SUBJECT.
find_mail() {
	"$PY" - "$dir/box" "$1" <<-'EOF'
		import email, email.policy, glob, sys
		for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
		    m = email.message_from_binary_file(open(f, "rb"),
		        policy=email.policy.default)
		    if str(m["Subject"]) == sys.argv[2]:
		        print(f)
	EOF
}

# field FILE NAME: a decoded header of a message, or "body" for the
# decoded text, or "raw-cte" for its Content-Transfer-Encoding.
field() {
	"$PY" - "$1" "$2" <<-'EOF'
		import email, email.policy, sys
		m = email.message_from_binary_file(open(sys.argv[1], "rb"),
		    policy=email.policy.default)
		if sys.argv[2] == "body":
		    sys.stdout.write(m.get_content())
		elif sys.argv[2] == "raw-cte":
		    print(m["Content-Transfer-Encoding"])
		else:
		    print(m[sys.argv[2]])
	EOF
}

row() {
	db_query "SELECT status, attempts, to_addr IS NULL, body IS NULL,
	    sent_at IS NOT NULL, erased_at IS NOT NULL
	    FROM outbox WHERE id = $1"
}

# --- 1. one message, delivered -------------------------------------------

smtp_start
pass "SMTP server listening on 127.0.0.1:$port (pid $smtp_pid)"

to1="anna.test.$RANDOM@example.org"
subj1="Din beställning är mottagen – ÅÄÖ åäö [$run]"
body1="Hej Anna,

Tack för din beställning hos Leverantören AB. Den här raden är lång nog att brytas mjukt av quoted-printable, och den slutar här.
.
From nu på: status på https://example.se/status/ABC123
Slut."
id1=$(queue "$to1" "$subj1" "$body1")
like "$id1" '^[0-9]+$' "message queued (outbox $id1)"

mail
is "$MAIL_RC" 0 "tjgctl mail exits 0"
check "it reports outbox $id1 sent" -- grep -qx "mail: $id1 sent" "$dir/out"
unlike "$MAIL_OUT$MAIL_ERR" "${to1%@*}|Anna" "nothing personal on its output"

f=$(arrived "$subj1") || true
check "the message arrived at the SMTP server, UTF-8 subject decoded" -- \
    test -n "$f"
if [ -n "$f" ]; then
	is "$(cat "${f%.eml}.rcpt")" "$to1" \
	    "the envelope names the recipient only"
	is "$(field "$f" To)" "$to1" "To:"
	is "$(field "$f" From)" "Tjänsteguiden Test <noreply@example.se>" \
	    "From: with the display name decoded"
	is "$(field "$f" body)" "$body1" "the body, decoded, is the text"
	is "$(field "$f" raw-cte)" quoted-printable "sent quoted-printable"
	like "$(field "$f" Message-ID)" '^<[0-9]+\.[0-9a-f]+@example\.se>$' \
	    "Message-ID at the sender's domain"
	like "$(field "$f" Date)" '\+0000$' "Date in UTC"
else
	skip 7 "no message"
fi
is "$(row "$id1")" "sent	1	1	1	1	1" \
    "the row is sent, with to_addr and body erased (NULL) and erased_at set"

# --- 2. SMTP server down: retry later ------------------------------------

smtp_stop
check "the SMTP server is stopped" -- bash -c \
    "! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null"

to2="bo.test.$RANDOM@example.org"
subj2="Andra brevet [$run]"
id2=$(queue "$to2" "$subj2" "Hej Bo, här är ditt brev.")
mail
is "$MAIL_RC" 0 "tjgctl mail exits 0 when delivery fails"
check "it reports outbox $id2 failed, attempt 1, retry in 60 s" -- \
    grep -qx "mail: $id2 failed (attempt 1, retry in 60 s)" "$dir/out"
is "$(db_query "SELECT status, attempts, to_addr IS NOT NULL,
    body IS NOT NULL FROM outbox WHERE id = $id2")" \
    "pending	1	1	1" \
    "the row is still pending, attempts 1, address and body kept"
delay=$(db_query "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6),
    next_attempt_at) FROM outbox WHERE id = $id2")
check "next_attempt_at is about 60 s in the future ($delay s)" -- \
    test "$delay" -ge 50 -a "$delay" -le 60
err2=$(db_query "SELECT last_error FROM outbox WHERE id = $id2")
note "last_error: $err2"
check "last_error says why" -- test -n "$err2" -a "$err2" != NULL
unlike "$err2$MAIL_OUT$MAIL_ERR" "${to2%@*}|@example\.org" \
    "neither the error nor the output names the recipient"

mail
unlike "$MAIL_OUT" "mail: $id2 " "a second run before it is due leaves it alone"
is "$(db_query "SELECT attempts FROM outbox WHERE id = $id2")" 1 \
    "  attempts still 1"

smtp_start
db_query "UPDATE outbox
    SET next_attempt_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND
    WHERE id = $id2"
mail
check "with the server back and the retry due, it is sent" -- \
    grep -qx "mail: $id2 sent" "$dir/out"
f=$(arrived "$subj2") || true
check "  and arrives" -- test -n "$f"
[ -n "$f" ] && is "$(field "$f" To)" "$to2" "  to its recipient" ||
    fail "  to its recipient"
is "$(row "$id2")" "sent	2	1	1	1	1" \
    "  its row is sent (2 attempts), erased"

# --- 3. concurrent senders ------------------------------------------------

# msmtp behind a pause (seconds in the file pause), so that runs overlap.
cat >"$dir/slow-msmtp" <<EOF
#!/bin/sh
sleep \$(cat $dir/pause)
exec $MSMTP -C $dir/msmtprc -t
EOF
chmod 755 "$dir/slow-msmtp"
mailconf "$dir/slow.conf" "$dir/slow-msmtp"

# While a sender holds a batch (here one message taking 3 s), new mail
# must be queued at once: the batch locks its rows only, no gap after
# them (READ COMMITTED), or every order would wait for the delivery.
echo 3 >"$dir/pause"
id3=$(queue "hold@example.org" "Långsamt [$run]" "Vänta.")
timeout 60 "$TJG_CTL" -c "$dir/slow.conf" mail >"$dir/hold.out" \
    2>"$dir/hold.err" &
hold_pid=$!
sleep 1
t0=$(date +%s%N)
extra=$(db_query "SET SESSION innodb_lock_wait_timeout = 2;
    INSERT INTO outbox (kind, to_addr, subject, body)
    VALUES ('test', 'extra@example.org', 'Extra [$run]', 'Extra');
    SELECT LAST_INSERT_ID()" 2>&1) || true
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
like "$extra" '^[0-9]+$' "mail can be queued while a sender holds a batch"
check "  without waiting for its locks (${ms} ms)" -- test "$ms" -lt 1500
st=0
wait "$hold_pid" || st=$?
is "$st" 0 "  and the sender finishes (status 0)"
check "  having sent its message" -- grep -qx "mail: $id3 sent" "$dir/hold.out"

echo 0.1 >"$dir/pause"
n=30
db_query "INSERT INTO outbox (kind, to_addr, subject, body)
    SELECT 'test', CONCAT('c', seq, '@example.org'),
	CONCAT('Parallellt ', seq, ' [$run]'), CONCAT('Brev ', seq)
    FROM seq_1_to_$n"
pids=()
for i in 1 2 3; do
	timeout 120 "$TJG_CTL" -c "$dir/slow.conf" mail >"$dir/conc.$i" \
	    2>"$dir/conc.$i.err" &
	pids+=($!)
done
st=0
for pid in "${pids[@]}"; do
	wait "$pid" || st=1
done
ok $st "three concurrent tjgctl mail runs exit 0"
is "$(db_query "SELECT COUNT(*) FROM outbox WHERE kind = 'test'
    AND subject LIKE 'Parallellt %[$run]' AND status = 'sent'")" "$n" \
    "all $n messages are sent"
ids=$(db_query "SELECT id FROM outbox WHERE kind = 'test'
    AND subject LIKE 'Parallellt %[$run]'")
reported=$(sed -n 's/^mail: \([0-9]*\) sent$/\1/p' "$dir"/conc.? | sort -n)
is "$(uniq -d <<<"$reported")" "" "no message is reported sent twice"
is "$(grep -cxF -f <(echo "$ids") <<<"$reported")" "$n" \
    "the runs report each of the $n sent between them"
for i in 1 2 3; do
	note "run $i sent $(grep -c ' sent$' "$dir/conc.$i") messages"
done
got=$("$PY" - "$dir/box" "$run" <<'EOF'
import collections, email, email.policy, glob, sys
seen = collections.Counter()
for f in glob.glob(sys.argv[1] + "/*.eml"):
    m = email.message_from_binary_file(open(f, "rb"),
        policy=email.policy.default)
    s = str(m["Subject"])
    if s.startswith("Parallellt ") and s.endswith("[%s]" % sys.argv[2]):
        seen[s] += 1
print(len(seen), sum(seen.values()))
EOF
)
is "$got" "$n $n" "the SMTP server got each of the $n exactly once"

# --- 4. --loop until SIGTERM -----------------------------------------------

# Not under timeout(1): it would pass its SIGTERM on to its whole process
# group too, so tjgctl would get two, the second possibly after it has
# restored the default action. The at_exit kill bounds it instead.
"$TJG_CTL" -c "$conf" mail --loop >"$dir/loop.out" 2>"$dir/loop.err" &
loop_pid=$!
at_exit "kill -KILL $loop_pid 2>/dev/null"
sleep 0.5
subj4="Medan den väntar [$run]"
id4=$(queue "loop.test@example.org" "$subj4" "Hej igen.")
f=$(arrived "$subj4" 20) || true
check "tjgctl mail --loop sends what is queued while it runs" -- test -n "$f"
kill -TERM "$loop_pid"
st=0
tjg_wait_gone "$loop_pid" 15 || st=1
ok $st "  and stops on SIGTERM"
wait "$loop_pid" && st=0 || st=$?
is "$st" 0 "  with status 0"
like "$(cat "$dir/loop.out")" "mail: $id4 sent" "  having reported it sent"

done_testing
