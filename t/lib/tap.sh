# shellcheck shell=bash
# t/lib/tap.sh: small TAP helpers for bash tests, in the manner of
# Test::More. Source it; every assertion prints one "ok"/"not ok" line,
# explains a failure on stderr ("# ..." lines) and returns 0, so a test
# script may run under set -e. done_testing prints the plan and exits with
# the number of failures (at most 254), as Test::More does.
#
#   plan N | plan skip_all REASON | done_testing
#   ok COND_STATUS NAME	(pass the status of a command: ok $? "name",
#			 or use: check NAME -- command args...)
#   is GOT WANT NAME / isnt GOT UNWANTED NAME
#   like GOT ERE NAME / unlike GOT ERE NAME	(bash =~, extended regex)
#   pass NAME / fail NAME / diag TEXT / note TEXT / skip N REASON
#   get URL [curl options...]	GET (or any method with -X) with a timeout:
#	sets HTTP_STATUS (000 when no answer), HTTP_BODY, HTTP_HEADERS and
#	the files HTTP_BODY_FILE, HTTP_HEADERS_FILE; header NAME prints the
#	value of a response header (case-insensitive, last one wins).
#   urlencode STRING	percent-encodes every byte but [A-Za-z0-9._~-]
#   at_exit COMMAND	runs COMMAND (eval'd) when the test exits

TAP_N=0
TAP_FAILED=0
TAP_PLANNED=
TAP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tap.XXXXXX")
TAP_AT_EXIT=()
trap 'tap_exit' EXIT

# at_exit COMMAND...: runs COMMAND when the test exits, however it exits
# (last registered, first run).
at_exit() {
	TAP_AT_EXIT=("$*" "${TAP_AT_EXIT[@]}")
}

tap_exit() {
	local cmd
	for cmd in "${TAP_AT_EXIT[@]}"; do
		eval "$cmd" || true
	done
	rm -rf "$TAP_TMP"
}

# Seconds curl may take for one request.
TAP_TIMEOUT=${TAP_TIMEOUT:-15}

plan() {
	if [ "$1" = skip_all ]; then
		shift
		echo "1..0 # SKIP $*"
		exit 0
	fi
	TAP_PLANNED=$1
	echo "1..$1"
}

# diag TEXT...: each argument, each line of it, as a "# " line on stderr.
diag() {
	local arg line
	for arg in "$@"; do
		while IFS= read -r line; do
			printf '# %s\n' "$line" >&2
		done <<<"$arg"
	done
}

# note TEXT...: the same on stdout (shown by prove -v only).
note() {
	local arg line
	for arg in "$@"; do
		while IFS= read -r line; do
			printf '# %s\n' "$line"
		done <<<"$arg"
	done
}

# ok STATUS NAME: passes when STATUS is 0.
ok() {
	TAP_N=$((TAP_N + 1))
	if [ "$1" -eq 0 ] 2>/dev/null; then
		echo "ok $TAP_N - $2"
		return 0
	fi
	echo "not ok $TAP_N - $2"
	TAP_FAILED=$((TAP_FAILED + 1))
	diag "  Failed test '$2'"
	tap_caller
	return 0
}

# Names the line of the test script that called the assertion.
tap_caller() {
	local i
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		if [ "${BASH_SOURCE[i]}" != "${BASH_SOURCE[0]}" ]; then
			diag "  at ${BASH_SOURCE[i]##*/} line ${BASH_LINENO[i - 1]}."
			return 0
		fi
	done
}

pass() {
	ok 0 "$1"
}

fail() {
	ok 1 "$1"
}

# check NAME -- COMMAND...: passes when COMMAND succeeds.
check() {
	local name=$1 st=0
	shift
	[ "${1:-}" = -- ] && shift
	"$@" || st=$?
	ok "$st" "$name"
}

is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "         got: '$(tap_short "$1")'" \
		    "    expected: '$(tap_short "$2")'"
	fi
}

isnt() {
	if [ "$1" != "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "         got: '$(tap_short "$1")'" "    expected: anything else"
	fi
}

like() {
	if [[ $1 =~ $2 ]]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "                  '$(tap_short "$1")'" \
		    "    doesn't match '$2'"
	fi
}

unlike() {
	if [[ $1 =~ $2 ]]; then
		ok 1 "$3"
		diag "                  '$(tap_short "$1")'" \
		    "          matches '$2' ('${BASH_REMATCH[0]}')"
	else
		ok 0 "$3"
	fi
}

# skip N REASON: N skipped tests.
skip() {
	local i
	for ((i = 0; i < $1; i++)); do
		TAP_N=$((TAP_N + 1))
		echo "ok $TAP_N # skip $2"
	done
}

BAIL_OUT() {
	echo "Bail out!  $*"
	exit 255
}

done_testing() {
	if [ -z "$TAP_PLANNED" ]; then
		echo "1..$TAP_N"
	elif [ "$TAP_PLANNED" != "$TAP_N" ]; then
		diag "Looks like you planned $TAP_PLANNED tests but ran $TAP_N."
		exit 255
	fi
	if [ "$TAP_FAILED" -gt 0 ]; then
		diag "Looks like you failed $TAP_FAILED test(s) of $TAP_N."
	fi
	exit $((TAP_FAILED > 254 ? 254 : TAP_FAILED))
}

# $1 on one line (line breaks shown as "\n"), at most 300 characters,
# for diagnostics.
tap_short() {
	local s=${1//$'\r'/}
	s=${s//$'\n'/\\n}
	if [ ${#s} -gt 300 ]; then
		s="${s:0:300}... (${#1} characters)"
	fi
	printf '%s' "$s"
}

# get URL [curl options...]: see the top of the file.
# shellcheck disable=SC2034	# the variables are for the tests
get() {
	local url=$1 err
	shift
	HTTP_BODY_FILE=$TAP_TMP/body
	HTTP_HEADERS_FILE=$TAP_TMP/headers
	: >"$HTTP_BODY_FILE"
	: >"$HTTP_HEADERS_FILE"
	HTTP_STATUS=$(curl -sS --max-time "$TAP_TIMEOUT" -o "$HTTP_BODY_FILE" \
	    -D "$HTTP_HEADERS_FILE" -w '%{http_code}' "$@" -- "$url" \
	    2>"$TAP_TMP/curl.err") || true
	HTTP_STATUS=${HTTP_STATUS:-000}
	if [ "$HTTP_STATUS" = 000 ]; then
		err=$(cat "$TAP_TMP/curl.err")
		diag "no answer from $url: $err"
	fi
	HTTP_HEADERS=$(tr -d '\r' <"$HTTP_HEADERS_FILE")
	# Bash variables cannot hold NUL bytes; pages never contain them.
	HTTP_BODY=$(tr -d '\0' <"$HTTP_BODY_FILE")
	return 0
}

# header NAME: the value of response header NAME of the last get.
header() {
	awk -v name="$1" '
		BEGIN { name = tolower(name) }
		/^HTTP\// { v = ""; found = 0 }
		{
			sub(/\r$/, "")
			i = index($0, ":")
			if (i > 0 && tolower(substr($0, 1, i - 1)) == name) {
				v = substr($0, i + 1)
				sub(/^[ \t]+/, "", v)
				sub(/[ \t]+$/, "", v)
				found = 1
			}
		}
		END { if (found) print v }
	' "$HTTP_HEADERS_FILE"
}

# urlencode STRING: percent-encoding of the bytes of STRING.
urlencode() {
	local hex out='' i c ch
	hex=$(printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n')
	for ((i = 0; i < ${#hex}; i += 2)); do
		c=${hex:i:2}
		case $c in
		3[0-9] | 4[1-9a-f] | 5[0-9a] | 6[1-9a-f] | 7[0-9a] | 2d | 2e | 5f | 7e)
			printf -v ch '%b' "\\x$c"
			out+=$ch ;;
		*)
			out+=%${c^^} ;;
		esac
	done
	printf '%s' "$out"
}
