#!/usr/bin/env bash
# MariaDB down: the search answers 503 with Retry-After and an HTML page
# through both web servers; once MariaDB is back (same datadir) the same
# workers answer 200 again, without any restart of the web servers or the
# workers.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

q="/sok?q=$(urlencode "$(db_query "SELECT street FROM address LIMIT 1")")"

# The worker PIDs: lighttpd's children and the spawn-fcgi workers.
workers() {
	children "$(tjg_pids "$TJG_STATE/lighttpd.pid")" | tr '\n' ' '
	echo "/ $(tjg_pids "$TJG_STATE/spawn-fcgi.pid" | tr '\n' ' ')"
}

# all_alive: every spawn-fcgi worker still runs.
all_alive() {
	local pid
	for pid in $(tjg_pids "$TJG_STATE/spawn-fcgi.pid"); do
		tjg_alive "$pid" || return 1
	done
}

for srv in $TJG_SERVERS; do
	get "$(server_url "$srv")$q"
	is "$HTTP_STATUS" 200 "$srv: search answers 200 with MariaDB up"
done
before=$(workers)
note "workers: $before"

# Whatever happens below, MariaDB runs again when this test ends.
at_exit 'tjg_running "$TJG_STATE/mariadb.pid" mariadbd ||
    tjg_db_start "$TJG_STATE" >&2'
tjg_db_stop "$TJG_STATE"
check "MariaDB is stopped" -- \
    bash -c '! mariadb-admin --no-defaults -S "$1" -uroot ping \
    >/dev/null 2>&1' _ "$TJG_DB_SOCKET"

for srv in $TJG_SERVERS; do
	# Twice: the first request may be the one that finds the connection
	# dead, the second must not reconnect in a loop either.
	for n in 1 2; do
		get "$(server_url "$srv")$q"
		is "$HTTP_STATUS" 503 "$srv: search answers 503 with MariaDB down ($n)"
		like "$(header Retry-After)" '^[0-9]+$' "$srv: Retry-After ($n)"
		like "$(header Content-Type)" '^text/html' "$srv: an HTML page ($n)"
		like "$HTTP_BODY" '503' "$srv: the page shows the status ($n)"
	done
done

tjg_db_start "$TJG_STATE"
pass "MariaDB started again on the same datadir"

for srv in $TJG_SERVERS; do
	# Bounded: at most 40 tries a quarter of a second apart.
	for ((i = 1; i <= 40; i++)); do
		get "$(server_url "$srv")$q"
		[ "$HTTP_STATUS" = 200 ] && break
		sleep 0.25
	done
	is "$HTTP_STATUS" 200 "$srv: search answers 200 again (try $i)"
	# Every worker of the server has a connection again or makes one.
	ok=0
	for ((i = 0; i < 2 * TJG_WORKERS; i++)); do
		get "$(server_url "$srv")$q"
		[ "$HTTP_STATUS" = 200 ] || ok=1
	done
	ok $ok "$srv: the next $((2 * TJG_WORKERS)) searches answer 200"
done

is "$(workers)" "$before" "the same workers serve (none restarted)"
check "the spawn-fcgi workers all live" -- all_alive

done_testing
