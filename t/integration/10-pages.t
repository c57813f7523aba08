#!/usr/bin/env bash
# The public pages through both web servers: landing page (Swedish and
# English), valid HTML, security headers, 404, 405 and the static CSS.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

# check_html NAME: the last response's body passes tidy without errors
# (warnings are fine); tidy's report is shown on failure.
check_html() {
	local st=0
	tidy -q -e "$HTTP_BODY_FILE" >"$TAP_TMP/tidy" 2>&1 || st=$?
	if [ "$st" -lt 2 ]; then
		pass "$1"
	else
		fail "$1"
		diag "$(cat "$TAP_TMP/tidy")"
	fi
}

# check_headers WHAT: the headers every page must carry.
check_headers() {
	local what=$1 csp script len
	csp=$(header Content-Security-Policy)
	like "$csp" "frame-ancestors 'none'" "$what: CSP has frame-ancestors 'none'"
	# The rule for scripts: script-src, else default-src.
	script=$(tr ';' '\n' <<<"$csp" | sed -n 's/^ *script-src //p')
	[ -n "$script" ] ||
	    script=$(tr ';' '\n' <<<"$csp" | sed -n 's/^ *default-src //p')
	isnt "$script" "" "$what: CSP restricts scripts"
	unlike "$script" "unsafe-inline|unsafe-eval" \
	    "$what: CSP allows no inline script"
	is "$(header X-Content-Type-Options)" nosniff "$what: nosniff"
	isnt "$(header Referrer-Policy)" "" "$what: Referrer-Policy"
	len=$(header Content-Length)
	is "$len" "$(wc -c <"$HTTP_BODY_FILE" | tr -d ' ')" \
	    "$what: Content-Length is the body's length"
	like "$(header Content-Type)" '^text/html; *charset=utf-8' \
	    "$what: HTML in UTF-8"
}

for srv in $TJG_SERVERS; do
	base=$(server_url "$srv")

	get "$base/"
	is "$HTTP_STATUS" 200 "$srv: / answers 200"
	check_headers "$srv: /"
	like "$HTTP_BODY" '<html[^>]* lang="sv"' "$srv: / is in Swedish"
	like "$HTTP_BODY" '<form[^>]* action="/sok"' "$srv: / has the search form"
	like "$HTTP_BODY" '<input[^>]* name="q"' "$srv: the form has the input q"
	check_html "$srv: / is valid HTML"

	get "$base/en/"
	is "$HTTP_STATUS" 200 "$srv: /en/ answers 200"
	like "$HTTP_BODY" '<html[^>]* lang="en"' "$srv: /en/ is in English"
	like "$HTTP_BODY" '<input[^>]* name="q"' "$srv: /en/ has the search input"
	check_html "$srv: /en/ is valid HTML"

	get "$base/no/such/page"
	is "$HTTP_STATUS" 404 "$srv: an unknown path answers 404"
	check_headers "$srv: 404"
	like "$HTTP_BODY" '404' "$srv: the 404 page shows the status"
	check_html "$srv: the 404 page is valid HTML"

	get "$base/" --data-raw 'q=1'
	is "$HTTP_STATUS" 405 "$srv: POST / answers 405"
	like "$(header Allow)" 'GET' "$srv: 405 names the allowed methods"
	like "$HTTP_BODY" '405' "$srv: the 405 page shows the status"

	get "$base/static/tjg.css"
	is "$HTTP_STATUS" 200 "$srv: /static/tjg.css is served"
	like "$(header Content-Type)" '^text/css' "$srv: as text/css"
	check "$srv: it is the file in tmpl/static" -- \
	    cmp -s "$HTTP_BODY_FILE" "$TJG_SRC/tmpl/static/tjg.css"
done

done_testing
