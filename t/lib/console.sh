# shellcheck shell=bash
# t/lib/console.sh: the console (/admin/) from a test. Source it after
# t/lib/env.sh.
#
#   console_user NAME ROLE [PROVIDER] [NETWORK]
#	adds a console user with the password "$(console_password NAME)";
#	ROLE network_admin, network_support or provider_user (with the
#	provider's slug); NETWORK defaults to demo.
#   console_login NAME JAR [BASE]
#	signs NAME in on BASE (default: lighttpd), keeping the cookies in
#	the curl cookie jar JAR; prints the HTTP status (303 on success).
#   console_csrf JAR [BASE]
#	the session's CSRF token (from the account page).
#   console_get JAR PATH [BASE] [curl options...]
#	GET PATH: sets CONSOLE_STATUS, CONSOLE_LOCATION (the redirect
#	target) and CONSOLE_BODY (the body); prints nothing. Call it
#	directly, not in $(...) or a pipe, or the variables are lost.
#   console_post JAR PATH [BASE] [curl options, e.g. -d a=b ...]
#	POST PATH with the session's csrf added; as console_get. BASE ""
#	means lighttpd.
#
# Test users' passwords are derived from their names: fictional and
# never used outside a test.

console_password() {
	echo "test-password-of-$1"
}

console_user() {
	local name=$1 role=$2 provider=${3:-} network=${4:-demo}
	local args=(user add --network "$network" --role "$role")
	[ -n "$provider" ] && args+=(--provider "$provider")
	console_password "$name" | "$TJG_CTL" -c "$TJG_CONF" "${args[@]}" \
	    "$name" >/dev/null
}

console_login() {
	local name=$1 jar=$2 base=${3:-$(server_url lighttpd)} tok
	rm -f "$jar"
	tok=$(curl -s -c "$jar" -b "$jar" "$base/admin/login" |
	    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
	    --data-urlencode "csrf=$tok" --data-urlencode "username=$name" \
	    --data-urlencode "password=$(console_password "$name")" \
	    "$base/admin/login"
}

console_csrf() {
	local jar=$1 base=${2:-$(server_url lighttpd)}
	curl -s -b "$jar" -c "$jar" "$base/admin/account" |
	    sed -n 's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' |
	    head -n 1
}

console_get() {
	local jar=$1 path=$2 base=${3:-$(server_url lighttpd)} out
	shift 3 2>/dev/null || shift $#
	out=$(mktemp)
	read -r CONSOLE_STATUS CONSOLE_LOCATION < <(curl -s -b "$jar" \
	    -c "$jar" -o "$out" -w '%{http_code} %{redirect_url}\n' "$@" \
	    "$base$path")
	CONSOLE_BODY=$(cat "$out")
	rm -f "$out"
}

console_post() {
	local jar=$1 path=$2 base=${3:-$(server_url lighttpd)} csrf out
	shift 3 2>/dev/null || shift $#
	csrf=$(console_csrf "$jar" "$base")
	out=$(mktemp)
	read -r CONSOLE_STATUS CONSOLE_LOCATION < <(curl -s -b "$jar" \
	    -c "$jar" -o "$out" -w '%{http_code} %{redirect_url}\n' \
	    --data-urlencode "csrf=$csrf" "$@" "$base$path")
	CONSOLE_BODY=$(cat "$out")
	rm -f "$out"
}
