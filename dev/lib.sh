# shellcheck shell=bash
# dev/lib.sh: shell functions shared by dev/stack, dev/demo, dev/test and the
# integration tests (t/lib/env.sh). Source it from bash; it sets no options.
#
# A stack lives in one state directory STATE:
#
#   STATE/stack.env	the environment of the stack (sourced by tests)
#   STATE/tjg.conf	configuration of tjg.fcgi and tjgctl
#   STATE/keys		their key file (personal data encryption)
#   STATE/mail/		mail "sent" by the application, one file each
#   STATE/data/		MariaDB datadir; STATE/mysql.sock its socket
#   STATE/*.pid		PIDs of what was started, one per line
#   STATE/*.log		logs of every server; the workers log to
#			lighttpd.out.log (lighttpd passes its stderr on)
#			and apache-workers.log (spawn-fcgi's)
#
# Everything started is stopped by the PIDs recorded here, never by name.

TJG_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages needed to build, test and run (PLATFORM.md, "Packages").
TJG_PACKAGES=(libfcgi-dev libfcgi-bin libmariadb-dev libssl-dev libxml2-dev
	clearsilver-dev mariadb-server lighttpd lighttpd-mod-openssl apache2
	libapache2-mod-fcgid spawn-fcgi autoconf automake libtool pkg-config wrk
	libxml2-utils curl clang libclang-rt-14-dev tidy make gcc tzdata
	python3-aiosmtpd python3-cryptography msmtp chromium openssl)

tjg_log() {
	printf '%s\n' "$*" >&2
}

tjg_die() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

# Prints the last lines of each readable file given, as context for an error.
tjg_show_logs() {
	local f
	for f in "$@"; do
		[ -s "$f" ] || continue
		tjg_log "--- last lines of $f:"
		tail -n 30 "$f" >&2
	done
}

# Installs the missing packages of TJG_PACKAGES; a quick no-op when all are
# there.
tjg_deps() {
	local missing=() p
	local -A ok=()

	while read -r p; do
		ok[$p]=1
	done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' \
	    "${TJG_PACKAGES[@]}" 2>/dev/null | awk '$2 == "installed" {print $1}')
	for p in "${TJG_PACKAGES[@]}"; do
		[ -n "${ok[$p]:-}" ] || missing+=("$p")
	done
	# node and npm for t/browser: the machine's own where it has them
	# (NodeSource's nodejs ships npm and conflicts with Debian's npm);
	# Debian's otherwise.
	command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		tjg_die "missing packages (install them as root):" \
		    "${missing[*]}"
	fi
	tjg_log "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    "${missing[@]}" >/dev/null
}

# tjg_build DIR [configure options...]: an out-of-tree build in DIR (relative
# to the source tree). Regenerates configure when it is missing or stale,
# configures when DIR has no Makefile or was configured with other options
# (options are compared only when some are given), then runs make.
tjg_build() {
	local dir=$1 want have
	shift
	case $dir in /*) ;; *) dir=$TJG_SRC/$dir ;; esac
	if [ ! -x "$TJG_SRC/configure" ] ||
	    [ "$TJG_SRC/configure.ac" -nt "$TJG_SRC/configure" ] ||
	    [ "$TJG_SRC/Makefile.am" -nt "$TJG_SRC/Makefile.in" ]; then
		mkdir -p "$TJG_SRC/m4"
		(cd "$TJG_SRC" && autoreconf -fi) || return 1
	fi
	mkdir -p "$dir"
	# config.status --config quotes only options that need it; ours
	# never do.
	want="$*"
	have=
	[ -f "$dir/Makefile" ] &&
	    have=$("$dir/config.status" --config | tr -d "'")
	if [ ! -f "$dir/Makefile" ] ||
	    { [ $# -gt 0 ] && [ "$have" != "$want" ]; }; then
		(cd "$dir" && "$TJG_SRC/configure" "$@") || return 1
	fi
	make -C "$dir" -j2
}

# --- processes -----------------------------------------------------------

# True if PID runs and is not a zombie (a stopped daemon re-parented to
# PID 1 can stay a zombie for seconds: kill -0 would still succeed).
tjg_alive() {
	local stat
	[ -n "${1:-}" ] || return 1
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[ "${stat%% *}" != Z ]
}

# True if PID is alive and its command name (/proc/PID/comm, at most 15
# characters) is NAME: a PID file left from an earlier run can name a PID
# that now belongs to someone else.
tjg_is() {
	local comm
	tjg_alive "$1" || return 1
	comm=$(cat "/proc/$1/comm" 2>/dev/null) || return 1
	[ "$comm" = "${2:0:15}" ]
}

# Waits at most SECS (default 20) for PID to be gone; false on timeout.
tjg_wait_gone() {
	local pid=$1 i n=$(( ${2:-20} * 10 ))
	for ((i = 0; i < n; i++)); do
		tjg_alive "$pid" || return 0
		sleep 0.1
	done
	return 1
}

# The PIDs in FILE, one per word (spawn-fcgi writes no final newline).
tjg_pids() {
	[ -r "$1" ] || return 0
	tr -s ' ' '\n' <"$1" | grep -E '^[0-9]+$' || true
}

# tjg_stop_pidfile FILE NAME [SECS]: stops every process listed in FILE whose
# command name is NAME: SIGTERM, wait (bounded), SIGKILL if need be. Removes
# FILE. A missing file or dead process is fine (stop twice is safe).
tjg_stop_pidfile() {
	local file=$1 name=$2 secs=${3:-20} pid pids=()
	for pid in $(tjg_pids "$file"); do
		if tjg_is "$pid" "$name"; then
			kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
		fi
	done
	for pid in "${pids[@]}"; do
		if ! tjg_wait_gone "$pid" "$secs"; then
			tjg_log "$name (pid $pid) ignored SIGTERM; killing it"
			kill -KILL "$pid" 2>/dev/null
			tjg_wait_gone "$pid" 5 || tjg_log "$name (pid $pid) survives"
		fi
	done
	rm -f "$file"
}

# True if FILE lists at least one live process called NAME.
tjg_running() {
	local pid
	for pid in $(tjg_pids "$1"); do
		tjg_is "$pid" "$2" && return 0
	done
	return 1
}

# --- ports ---------------------------------------------------------------

# True if something accepts connections on 127.0.0.1:PORT.
tjg_port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the first port from START (at most 100 tried) nobody listens on.
tjg_free_port() {
	local p
	for ((p = $1; p < $1 + 100; p++)); do
		if ! tjg_port_busy "$p"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# tjg_wait_http URL PID [SECS]: waits (bounded, default 15 s) until URL
# answers with any HTTP status while PID lives; false otherwise.
tjg_wait_http() {
	local url=$1 pid=$2 i n=$(( ${3:-15} * 10 )) code
	for ((i = 0; i < n; i++)); do
		tjg_alive "$pid" || return 1
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
		    "$url" 2>/dev/null) || true
		[ "${code:-000}" != 000 ] && return 0
		sleep 0.1
	done
	return 1
}

# --- the environment of a stack ------------------------------------------

# tjg_env STATE [new]: sets and exports the variables of a stack in STATE:
# from STATE/stack.env when it exists (and "new" is not given), else from
# the caller's environment and defaults, writing STATE/stack.env. The conf
# files and the tests read these.
tjg_env() {
	local state=$1 v
	if [ "${2:-}" != new ] && [ -r "$state/stack.env" ]; then
		# shellcheck disable=SC1091
		. "$state/stack.env"
		return 0
	fi
	export TJG_STATE=$state
	export TJG_BUILD=${TJG_BUILD:-$TJG_SRC/build}
	export TJG_PORT=${TJG_PORT:-8080}
	export TJG_APACHE_PORT=${TJG_APACHE_PORT:-8081}
	export TJG_WORKERS=${TJG_WORKERS:-4}
	export TJG_FCGI=${TJG_FCGI:-$TJG_BUILD/fcgi/tjg.fcgi}
	export TJG_CTL=${TJG_CTL:-$TJG_BUILD/cli/tjgctl}
	export TJG_CONF=$state/tjg.conf
	export TJG_STATIC=${TJG_STATIC:-$state/static}
	export TJG_DB_SOCKET=$state/mysql.sock
	export TJG_MAIL_DIR=$state/mail
	export TJG_LIGHTTPD_URL=http://127.0.0.1:$TJG_PORT
	export TJG_APACHE_URL=http://127.0.0.1:$TJG_APACHE_PORT
	for v in TJG_STATE TJG_BUILD TJG_PORT TJG_APACHE_PORT TJG_WORKERS \
	    TJG_FCGI TJG_CTL TJG_CONF TJG_STATIC TJG_DB_SOCKET TJG_MAIL_DIR \
	    TJG_LIGHTTPD_URL TJG_APACHE_URL; do
		printf 'export %s=%q\n' "$v" "${!v}"
	done >"$state/stack.env"
}

# tjg_state_dir STATE: creates STATE (mode 0711: the Apache children run
# as www-data and must reach the worker socket in it) and checks that
# www-data can get there through every parent directory.
tjg_state_dir() {
	mkdir -p "$1"
	chmod 0711 "$1"
	if [ "$(id -u)" -eq 0 ] && id www-data >/dev/null 2>&1 &&
	    ! runuser -u www-data -- test -x "$1"; then
		tjg_die "www-data cannot reach $1 (a parent directory is not" \
		    "traversable); choose another state directory"
	fi
}

# --- MariaDB -------------------------------------------------------------

# The MariaDB client as root (socket authentication) on the stack's socket.
tjg_sql() {
	mariadb --no-defaults --default-character-set=utf8mb4 \
	    -S "$TJG_STATE/mysql.sock" -uroot "$@"
}

# tjg_db_start STATE: creates the datadir on first use, starts mariadbd in
# the background and waits (at most 30 s) until it answers. Extra server
# options may come in TJG_MARIADB_FLAGS (e.g. --performance-schema=ON to
# see where a benchmark's statements spend their time).
tjg_db_start() {
	local state=$1 pid i user
	user=$(id -un)
	if tjg_running "$state/mariadb.pid" mariadbd; then
		return 0
	fi
	if [ ! -d "$state/data/mysql" ]; then
		rm -rf "$state/data"
		mariadb-install-db --no-defaults --user="$user" \
		    --datadir="$state/data" \
		    --auth-root-authentication-method=socket \
		    --skip-test-db --skip-name-resolve \
		    >"$state/mariadb-install.log" 2>&1 || {
			tjg_show_logs "$state/mariadb-install.log"
			tjg_die "mariadb-install-db failed"
		}
	fi
	rm -f "$state/mysql.sock"
	mariadbd --no-defaults --user="$user" --datadir="$state/data" \
	    --socket="$state/mysql.sock" --pid-file="$state/mariadbd.pid" \
	    --log-error="$state/mariadb.log" --skip-networking \
	    --character-set-server=utf8mb4 \
	    --collation-server=utf8mb4_unicode_ci \
	    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
	    --innodb-flush-log-at-trx-commit=2 ${TJG_MARIADB_FLAGS:-} \
	    </dev/null >>"$state/mariadb.log" 2>&1 &
	pid=$!
	echo "$pid" >"$state/mariadb.pid"
	for ((i = 0; i < 300; i++)); do
		if ! tjg_alive "$pid"; then
			tjg_show_logs "$state/mariadb.log"
			tjg_die "mariadbd exited during start-up"
		fi
		mariadb-admin --no-defaults -S "$state/mysql.sock" -uroot \
		    ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	tjg_show_logs "$state/mariadb.log"
	tjg_die "mariadbd did not answer within 30 s"
}

# tjg_db_stop STATE: stops the MariaDB started in STATE (by its PID).
tjg_db_stop() {
	tjg_stop_pidfile "$1/mariadb.pid" mariadbd 60
}

# tjg_db_setup STATE: the database tjg, the user tjg@localhost with a random
# password (kept from an earlier STATE/tjg.conf), STATE/tjg.conf (written
# anew each time), the key file STATE/keys (created once by tjgctl keygen)
# and a mail sink STATE/sendmail that files each message in STATE/mail/.
tjg_db_setup() {
	local state=$1 pw=
	[ -r "$state/tjg.conf" ] &&
	    pw=$(sed -n 's/^password = //p' "$state/tjg.conf")
	[ -n "$pw" ] || pw=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
	tjg_sql <<-EOF
		CREATE DATABASE IF NOT EXISTS tjg
		    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'tjg'@'localhost';
		ALTER USER 'tjg'@'localhost' IDENTIFIED BY '$pw';
		GRANT ALL PRIVILEGES ON tjg.* TO 'tjg'@'localhost';
	EOF
	mkdir -p "$state/mail"
	cat >"$state/sendmail" <<-'EOF'
		#!/bin/sh
		# Mail sink of the local stack ([mail] sendmail in tjg.conf):
		# each message becomes one file in mail/ next to this script.
		set -e
		f=$(dirname "$0")/mail/$(date +%Y%m%dT%H%M%S.%N)-$$.eml
		cat >"$f.tmp"
		mv "$f.tmp" "$f"
	EOF
	chmod 0755 "$state/sendmail"
	(umask 077 && cat >"$state/tjg.conf") <<-EOF
		# Written by dev/lib.sh (tjg_db_setup) for the local stack in
		# $state. Plain HTTP on loopback only: secure_cookies is off.

		[app]
		templates = $TJG_SRC/tmpl
		static_url = /static
		secure_cookies = false
		log = stderr
		log_level = info

		[database]
		socket = $state/mysql.sock
		user = tjg
		password = $pw
		name = tjg

		[crypto]
		key_file = $state/keys

		[mail]
		sendmail = $state/sendmail -t -i
		from = noreply@localhost

		[api]
		# Short, so the tests can show a 429 and still page quickly.
		poll_interval = 1
		schema = $TJG_SRC/doc/orderfeed.xsd

		[hosts]
		127.0.0.1 = demo
		localhost = demo
		andra.localhost = andra
	EOF
	if [ ! -s "$state/keys" ]; then
		"$TJG_CTL" -c "$state/tjg.conf" keygen \
		    >>"$state/tjgctl.log" 2>&1 || {
			tjg_show_logs "$state/tjgctl.log"
			tjg_die "tjgctl keygen failed"
		}
	fi
}

# tjg_db_load STATE ADDRESSES: applies the migrations and loads the two demo
# networks unless they are already there.
tjg_db_load() {
	local state=$1 n=$2 have
	"$TJG_CTL" -c "$state/tjg.conf" migrate --dir "$TJG_SRC/sql" \
	    >>"$state/tjgctl.log" 2>&1 || {
		tjg_show_logs "$state/tjgctl.log"
		tjg_die "tjgctl migrate failed"
	}
	have=$(tjg_sql -N -B tjg -e "SELECT slug FROM network")
	if ! grep -qx demo <<<"$have"; then
		tjg_log "loading the demo network ($n addresses)"
		"$TJG_CTL" -c "$state/tjg.conf" demo --slug demo \
		    --name "Demo Stadsnät" --addresses "$n" \
		    </dev/null >>"$state/tjgctl.log" 2>&1 || {
			tjg_show_logs "$state/tjgctl.log"
			tjg_die "tjgctl demo (demo) failed"
		}
	fi
	if ! grep -qx andra <<<"$have"; then
		"$TJG_CTL" -c "$state/tjg.conf" demo --slug andra \
		    --name "Andra Stadsnätet" --addresses 200 --seed 2 \
		    </dev/null >>"$state/tjgctl.log" 2>&1 || {
			tjg_show_logs "$state/tjgctl.log"
			tjg_die "tjgctl demo (andra) failed"
		}
	fi
}

# --- web servers ---------------------------------------------------------

# The command name of the workers (for tjg_is).
tjg_fcgi_name() {
	basename "$TJG_FCGI"
}

# tjg_static STATE: the static files served by the web servers, copied
# into STATE/static (when TJG_STATIC is the default): Apache's children run
# as www-data, and the source tree may lie below a directory they cannot
# enter (a clone in a mode-0700 mktemp directory), while STATE is made
# reachable by tjg_state_dir.
tjg_static() {
	[ "$TJG_STATIC" = "$1/static" ] || return 0
	mkdir -p "$TJG_STATIC"
	cp -R "$TJG_SRC/tmpl/static/." "$TJG_STATIC/"
	chmod -R a+rX "$TJG_STATIC"
}

# tjg_lighttpd_start STATE: lighttpd on 127.0.0.1:TJG_PORT spawning
# TJG_WORKERS workers; waits (bounded) until the port answers. The
# configuration is conf/lighttpd.conf unless TJG_LIGHTTPD_CONF names
# another (t/bench does); TJG_APACHE_CONF does the same for Apache.
tjg_lighttpd_start() {
	local state=$1 pid
	tjg_static "$state"
	local conf=${TJG_LIGHTTPD_CONF:-$TJG_SRC/conf/lighttpd.conf}
	tjg_running "$state/lighttpd.pid" lighttpd && return 0
	tjg_port_busy "$TJG_PORT" && tjg_die "port $TJG_PORT is taken"
	lighttpd -tt -f "$conf" >"$state/lighttpd.check.log" 2>&1 || {
		tjg_show_logs "$state/lighttpd.check.log"
		tjg_die "lighttpd rejects $conf"
	}
	lighttpd -D -f "$conf" </dev/null >>"$state/lighttpd.out.log" 2>&1 &
	pid=$!
	echo "$pid" >"$state/lighttpd.pid"
	tjg_wait_http "$TJG_LIGHTTPD_URL/static/tjg.css" "$pid" 15 || {
		tjg_show_logs "$state/lighttpd.out.log" \
		    "$state/lighttpd.error.log"
		tjg_die "lighttpd did not start"
	}
}

tjg_lighttpd_stop() {
	tjg_stop_pidfile "$1/lighttpd.pid" lighttpd
}

# tjg_apache_start STATE: TJG_WORKERS workers under spawn-fcgi on
# STATE/tjg-apache.sock (reachable by www-data), then Apache on
# 127.0.0.1:TJG_APACHE_PORT; waits (bounded) until the port answers.
tjg_apache_start() {
	local state=$1 pid sock owner=()
	tjg_static "$state"
	local conf=${TJG_APACHE_CONF:-$TJG_SRC/conf/apache.conf}
	sock=$state/tjg-apache.sock
	if ! tjg_running "$state/spawn-fcgi.pid" "$(tjg_fcgi_name)"; then
		rm -f "$sock" "$state/spawn-fcgi.pid"
		if [ "$(id -u)" -eq 0 ]; then
			owner=(-U www-data -G www-data)
		fi
		# The workers inherit this environment (TJG_CONF). spawn-fcgi
		# points their stderr at /dev/null; the shell puts it back
		# into a log and execs the worker (same PID, same name).
		# shellcheck disable=SC2016
		spawn-fcgi -s "$sock" -M 0660 "${owner[@]}" \
		    -F "$TJG_WORKERS" -P "$state/spawn-fcgi.pid" \
		    -- /bin/sh -c 'exec "$0" 2>>"$1"' \
		    "$TJG_FCGI" "$state/apache-workers.log" \
		    </dev/null >>"$state/spawn-fcgi.log" 2>&1 || {
			tjg_show_logs "$state/spawn-fcgi.log"
			tjg_die "spawn-fcgi failed"
		}
	fi
	tjg_running "$state/apache.pid" apache2 && return 0
	tjg_port_busy "$TJG_APACHE_PORT" &&
	    tjg_die "port $TJG_APACHE_PORT is taken"
	apache2 -f "$conf" -t >"$state/apache.check.log" 2>&1 || {
		tjg_show_logs "$state/apache.check.log"
		tjg_die "apache2 rejects $conf"
	}
	apache2 -f "$conf" -DFOREGROUND </dev/null \
	    >>"$state/apache.out.log" 2>&1 &
	pid=$!
	echo "$pid" >"$state/apache.pid"
	tjg_wait_http "$TJG_APACHE_URL/static/tjg.css" "$pid" 15 || {
		tjg_show_logs "$state/apache.out.log" "$state/apache.error.log"
		tjg_die "apache2 did not start"
	}
}

tjg_apache_stop() {
	tjg_stop_pidfile "$1/apache.pid" apache2
	tjg_stop_pidfile "$1/spawn-fcgi.pid" "$(tjg_fcgi_name)"
	rm -f "$1/tjg-apache.sock"
}

# --- the whole stack -----------------------------------------------------

# tjg_stack_start STATE [ADDRESSES]: MariaDB, schema and demo data, lighttpd
# and Apache. Uses the environment set by tjg_env.
tjg_stack_start() {
	local state=$1 n=${2:-5000} f
	for f in "$TJG_FCGI" "$TJG_CTL"; do
		[ -x "$f" ] || tjg_die "$f is missing (build first)"
	done
	tjg_db_start "$state"
	tjg_db_setup "$state"
	tjg_db_load "$state" "$n"
	tjg_lighttpd_start "$state"
	tjg_apache_start "$state"
	tjg_wait_app "$TJG_LIGHTTPD_URL/" || {
		tjg_show_logs "$state/lighttpd.out.log" \
		    "$state/lighttpd.error.log"
		tjg_die "the application does not answer under lighttpd"
	}
	tjg_wait_app "$TJG_APACHE_URL/" || {
		tjg_show_logs "$state/apache-workers.log" \
		    "$state/apache.error.log"
		tjg_die "the application does not answer under Apache"
	}
}

# Waits (at most 15 s) until URL answers 200.
tjg_wait_app() {
	local i code
	for ((i = 0; i < 150; i++)); do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
		    "$1" 2>/dev/null) || true
		[ "$code" = 200 ] && return 0
		sleep 0.1
	done
	return 1
}

# tjg_stack_stop STATE: stops what tjg_stack_start started, in reverse
# order; safe to run twice.
tjg_stack_stop() {
	local state=$1
	[ -d "$state" ] || return 0
	TJG_FCGI=${TJG_FCGI:-tjg.fcgi}
	tjg_apache_stop "$state"
	tjg_lighttpd_stop "$state"
	tjg_db_stop "$state"
}

# tjg_stack_status STATE: one line per component; true if all run.
tjg_stack_status() {
	local state=$1 rc=0 f name pid
	for f in mariadb:mariadbd lighttpd:lighttpd \
	    spawn-fcgi:"$(tjg_fcgi_name)" apache:apache2; do
		name=${f#*:}
		f=${f%%:*}
		pid=$(tjg_pids "$state/$f.pid" | tr '\n' ' ')
		if tjg_running "$state/$f.pid" "$name"; then
			printf '%-12s running  pid %s\n' "$f" "${pid% }"
		else
			printf '%-12s stopped\n' "$f"
			rc=1
		fi
	done
	return $rc
}
