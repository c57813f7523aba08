# shellcheck shell=bash
# t/lib/env.sh: the environment of an integration test. Source it after
# t/lib/tap.sh. It needs a running stack, named by TJG_STATE (dev/test
# starts one and exports it; by hand: TJG_STATE=tmp/demo prove
# t/integration/ against a running dev/demo). Without one the test is
# skipped.
#
# Gives: the variables of STATE/stack.env (TJG_LIGHTTPD_URL, TJG_APACHE_URL,
# TJG_DB_SOCKET, TJG_CONF, TJG_CTL, TJG_FCGI, TJG_MAIL_DIR where the
# application's mail lands, ...), TJG_SERVERS (the names
# "lighttpd apache"), server_url NAME, db_query SQL (root, through the
# stack's socket; tab-separated rows), children PID, and the dev/lib.sh
# functions, among them tjg_db_stop/tjg_db_start "$TJG_STATE" and
# tjg_pids FILE.

if [ -z "${TJG_STATE:-}" ] || [ ! -r "$TJG_STATE/stack.env" ]; then
	plan skip_all "no test stack (TJG_STATE unset; run dev/test)"
fi

# shellcheck source=../../dev/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../dev/lib.sh"
tjg_env "$TJG_STATE"
export LC_ALL=C.UTF-8

# shellcheck disable=SC2034	# for the tests
TJG_SERVERS="lighttpd apache"

# server_url NAME: the base URL (no trailing slash) of web server NAME.
server_url() {
	case $1 in
	lighttpd) echo "$TJG_LIGHTTPD_URL" ;;
	apache) echo "$TJG_APACHE_URL" ;;
	*) return 1 ;;
	esac
}

# children PID: the PIDs whose parent is PID, sorted (from /proc, so it
# needs no procps).
children() {
	local f stat rest
	for f in /proc/[0-9]*/stat; do
		stat=$(cat "$f" 2>/dev/null) || continue
		rest=${stat##*) }	# state ppid ...
		rest=${rest#* }
		[ "${rest%% *}" = "$1" ] || continue
		f=${f#/proc/}
		echo "${f%/stat}"
	done | sort -n
}

# db_query SQL: rows of the result, tab-separated, no column names.
db_query() {
	tjg_sql -N -B tjg -e "$1"
}
