#!/usr/bin/env bash
# The authorization matrix of the console, generated from the route table
# (tjg.fcgi --routes), so a new route cannot escape it. Every /admin
# route that is not public is called by every identity:
#
#   anon	no session: a GET goes to the sign-in page, a POST is 403
#   andra	a network_admin of the other network, whose fresh session
#		cookie (and csrf) is sent to the demo host: the same as anon
#   provB	provider_user of telvira-demo (provider B)
#   support	network_support of demo
#   provA	provider_user of vindlo-demo (provider A)
#   admin	network_admin of demo
#
# A role the route does not list: 403 (the role message). A listed role:
# a POST without its csrf is 403 (the CSRF message), with it (and an
# otherwise empty body) neither 403, nor the sign-in page, nor a 5xx; a
# GET is 2xx or 3xx. For routes with '*' that provider users may use,
# provider B asking for provider A's object is 404. Each '*' is replaced
# by an object of provider A or network demo chosen by the segment before
# it; a segment without a fixture below fails the test, so a new kind of
# route cannot be left out. Destructive routes get throwaway objects
# (removed at the end), and /admin/logout runs last. Last, every link of
# each role's navigation bar must open for that role.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

B=$TJG_LIGHTTPD_URL
BA=http://andra.localhost:$TJG_PORT
RESOLVE=(--resolve "andra.localhost:$TJG_PORT:127.0.0.1")
RUN=$(printf '%x%x' "$(date +%s)" "$RANDOM")
U=m89${RUN}

MSG_SIGNIN="Du är inte inloggad"
MSG_ROLE="Din roll har inte tillgång till den här sidan"
MSG_CSRF="Formuläret hade gått ut eller kom inte från konsolen"

ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }

# --- the routes ------------------------------------------------------------

routes=$("$TJG_FCGI" --routes) || BAIL_OUT "tjg.fcgi --routes failed"
# Console routes with roles; /admin/logout last.
mapfile -t ROUTES < <(awk '$2 ~ /^\/admin(\/|$)/ && $3 != "public"' \
    <<<"$routes" | awk '{ print ($2 == "/admin/logout") "\t" $0 }' |
    sort -s -t "$(printf '\t')" -k1,1n | cut -f2-)
[ "${#ROUTES[@]}" -gt 0 ] || BAIL_OUT "no console routes in --routes"
like "$(awk '$2 == "/admin/login" { print $1 " " $3 }' <<<"$routes" |
    sort | tr '\n' ' ')" '^GET public POST public $' \
    "only the sign-in form is public under /admin"
unlisted=$(awk '$2 ~ /^\/admin/ && $3 == "public" &&
    $2 != "/admin/login"' <<<"$routes")
is "$unlisted" "" "no other public /admin route"
note "${#ROUTES[@]} console routes"

# --- identities -------------------------------------------------------------

IDS=(anon andra provB support provA admin)
declare -A USER=(
	[andra]=${U}n [provB]=${U}b [support]=${U}s [provA]=${U}a
	[admin]=${U}x
)
declare -A ROLE=(
	[andra]=network_admin [provB]=provider_user [support]=network_support
	[provA]=provider_user [admin]=network_admin
)
declare -A CSRF COOKIE
console_user "${USER[admin]}" network_admin
console_user "${USER[support]}" network_support
console_user "${USER[provA]}" provider_user vindlo-demo
console_user "${USER[provB]}" provider_user telvira-demo
console_user "${USER[andra]}" network_admin "" andra
ok $? "identities added"

jar_of() { echo "$TAP_TMP/jar-$1"; }

# signin ID: signs ID in (andra on its own host) and keeps its cookie and
# csrf token.
signin() {
	local id=$1 jar base=$B tok st
	jar=$(jar_of "$id")
	[ "$id" = andra ] && base=$BA
	rm -f "$jar"
	tok=$(curl -sS --max-time 15 "${RESOLVE[@]}" -c "$jar" -b "$jar" \
	    "$base/admin/login" | sed -n \
	    's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	st=$(curl -sS --max-time 15 "${RESOLVE[@]}" -c "$jar" -b "$jar" \
	    -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$tok" \
	    --data-urlencode "username=${USER[$id]}" \
	    --data-urlencode "password=$(console_password "${USER[$id]}")" \
	    "$base/admin/login")
	if [ "$st" != 303 ]; then
		diag "sign-in of $id answered $st"
		return 1
	fi
	COOKIE[$id]=$(awk -F '\t' '$6 == "tjg_session" { v = $7 }
	    END { print v }' "$jar")
	CSRF[$id]=$(curl -sS --max-time 15 "${RESOLVE[@]}" -b "$jar" \
	    "$base/admin" | sed -n \
	    's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' | head -n 1)
	[ -n "${CSRF[$id]}" ]
}

# alive ID: ID's session is still stored.
alive() {
	[ "$(db_query "SELECT COUNT(*) FROM session WHERE id_hash =
	    UNHEX(SHA2('${COOKIE[$1]}', 256))")" = 1 ]
}

for id in provB support provA admin; do
	check "$id signs in" -- signin "$id"
done
# Tokens the administrator makes through the console, removed at the end.
CLEAN=("DELETE FROM api_token WHERE created_by = (SELECT id FROM app_user
    WHERE username = '${USER[admin]}')")

# --- fixtures: one object of provider A or network demo per kind ----------

demo=$(db_query "SELECT id FROM network WHERE slug = 'demo'")
prov_a=$(db_query "SELECT id FROM provider WHERE slug = 'vindlo-demo'")
cleanup() {
	local sql
	for sql in "${CLEAN[@]}"; do
		db_query "$sql" >/dev/null 2>&1 || true
	done
}
at_exit cleanup

# pnr_make YYYYMMDD SERIAL: a fictional personnummer (as in 50-order.t).
pnr_make() {
	local ten="${1:2}$2" sum=0 i d
	for ((i = 0; i < 9; i++)); do
		d=${ten:i:1}
		((i % 2 == 0)) && d=$((d * 2))
		((d > 9)) && d=$((d - 9))
		sum=$((sum + d))
	done
	echo "$1$2$(((10 - sum % 10) % 10))"
}

# An order of provider A placed through the public form (as 70-api.t).
make_order() {
	local code svc jar tok html loc i secret
	read -r code < <(db_query "SELECT o.code FROM outlet o
	    JOIN address a ON a.id = o.address_id
	    WHERE o.network_id = $demo AND o.status = 'active'
	    AND o.apartment IS NOT NULL ORDER BY o.id LIMIT 1")
	svc=$(db_query "SELECT id FROM service WHERE provider_id = $prov_a
	    AND active = 1 AND limited_to_areas = 0 ORDER BY id LIMIT 1")
	jar=$TAP_TMP/jar-order
	html=$(curl -sS --max-time 15 -c "$jar" -b "$jar" \
	    "$B/bestall/$code/$svc") || return 1
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' <<<"$html" |
	    head -n 1)
	for ((i = 0; i < 50; i++)); do
		loc=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o /dev/null \
		    -w '%{http_code} %{redirect_url}' \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=Matris" \
		    --data-urlencode "last_name=Testsson" \
		    --data-urlencode "email=authz.$RANDOM@example.org" \
		    --data-urlencode "phone=070-123 45 67" \
		    --data-urlencode "pnr=$(pnr_make 19840229 321)" \
		    --data-urlencode "x1=1" --data-urlencode "x2=Standard" \
		    --data-urlencode "terms=1" "$B/bestall/$code/$svc") ||
		    return 1
		[ "${loc%% *}" = 429 ] || break
		db_query "DELETE FROM rate_limit" >/dev/null
		sleep 0.2
	done
	[ "${loc%% *}" = 303 ] || { diag "order form answered $loc"; return 1; }
	secret=${loc##*/}
	db_query "SELECT ref FROM orders WHERE status_token_hash =
	    UNHEX(SHA2('$secret', 256))"
}

# An import of the address register: the newest of demo, or one made by
# uploading a small file as the administrator.
make_import() {
	local f id name
	[ "$(db_query "SELECT COUNT(*) FROM information_schema.tables WHERE
	    table_schema = DATABASE() AND table_name = 'address_import'")" = 1 ] ||
	    { diag "no table address_import"; return 1; }
	id=$(db_query "SELECT id FROM address_import WHERE network_id = $demo
	    ORDER BY id DESC LIMIT 1")
	if [ -z "$id" ]; then
		f=$TAP_TMP/import.csv
		printf 'street;number;littera;postcode;city;area;outlet;apartment\nMatrisgatan;1;;12345;Teststad;;M89-%s;\n' \
		    "$RUN" >"$f"
		# The file's field name is not known here: try the usual ones.
		for name in file csv; do
			curl -sS --max-time 30 -o /dev/null -b "$(jar_of admin)" \
			    -F "csrf=${CSRF[admin]}" -F "$name=@$f;type=text/csv" \
			    "$B/admin/import" || true
			id=$(db_query "SELECT id FROM address_import
			    WHERE network_id = $demo ORDER BY id DESC LIMIT 1")
			[ -z "$id" ] || break
		done
	fi
	[ -n "$id" ] || { diag "no address_import of demo"; return 1; }
	echo "$id"
}

# new_fixture KIND: prints the id (or reference) for a '*' after
# /admin/KIND; fails for a kind without a fixture.
new_fixture() {
	local id tok
	case $1 in
	orders)
		make_order ;;
	services)
		# Provider A's, offered nowhere (limited to no area).
		db_query "INSERT INTO service (provider_id, category, name,
		    monthly_ore, limited_to_areas) VALUES ($prov_a, 'other',
		    'Matris $RUN', 100, 1); SELECT LAST_INSERT_ID()"
		;;
	fields)
		db_query "INSERT INTO form_field (provider_id, field_key,
		    label_sv, label_en, kind, active) VALUES ($prov_a,
		    'm89_$RUN', 'Matris', 'Matrix', 'text', 0);
		    SELECT LAST_INSERT_ID()"
		;;
	providers)
		echo "$prov_a" ;;
	tokens)
		tok=$(ctl token create --provider vindlo-demo \
		    --label "89-authz $RUN" 2>/dev/null) || return 1
		db_query "SELECT id FROM api_token WHERE token_hash =
		    UNHEX(SHA2('$tok', 256))"
		;;
	areas)
		db_query "INSERT INTO area (network_id, name) VALUES ($demo,
		    'Matris $RUN'); SELECT LAST_INSERT_ID()"
		;;
	addresses)
		# Inactive: the public search does not find it.
		db_query "INSERT INTO address (network_id, street, street_norm,
		    number, postcode, city, active) VALUES ($demo,
		    'Matrisgatan $RUN', 'matrisgatan $RUN', 1, '12345',
		    'Teststad', 0); SELECT LAST_INSERT_ID()"
		;;
	outlets)
		fixture addresses || return 1
		id=${FIX[addresses]}
		db_query "INSERT INTO outlet (network_id, address_id, code,
		    status) VALUES ($demo, $id, 'M89-$RUN', 'inactive');
		    SELECT LAST_INSERT_ID()"
		;;
	users)
		console_user "${U}t" network_support || return 1
		db_query "SELECT id FROM app_user WHERE username = '${U}t'"
		;;
	import)
		make_import ;;
	contacts)
		# Provider A's, not its responsible one (which may not go).
		db_query "INSERT INTO contact (provider_id, first_name,
		    last_name, email, role, review_due) VALUES ($prov_a,
		    'Matris', '$RUN', 'matris.$RUN@example.net', 'technical',
		    CURDATE()); SELECT LAST_INSERT_ID()"
		;;
	requests)
		# A request by letter of nobody (a random index): no orders.
		db_query "INSERT INTO dsr_request (network_id, kind, status,
		    channel, email_bidx, expires_at, verified_at) VALUES
		    ($demo, 'access', 'verified', 'letter',
		    UNHEX(SHA2('m89 $RUN', 256)), UTC_TIMESTAMP(6),
		    UTC_TIMESTAMP(6)); SELECT LAST_INSERT_ID()"
		;;
	*)
		return 1 ;;
	esac
}

declare -A FIX
# fixture KIND: sets FIX[KIND] to new_fixture's answer, made once (in this
# shell, so the answer and what to remove at the end are kept).
fixture() {
	local v f=$TAP_TMP/fixture-$1
	[ -n "${FIX[$1]:-}" ] && return 0
	new_fixture "$1" >"$f" || return 1
	v=$(tail -n 1 "$f")
	[ -n "$v" ] || return 1
	FIX[$1]=$v
	case $1 in
	services) CLEAN=("DELETE FROM service WHERE id = $v" "${CLEAN[@]}") ;;
	fields) CLEAN=("DELETE FROM form_field WHERE id = $v" "${CLEAN[@]}") ;;
	tokens) CLEAN=("DELETE FROM api_token WHERE id = $v" "${CLEAN[@]}") ;;
	outlets) CLEAN=("DELETE FROM outlet WHERE id = $v" "${CLEAN[@]}") ;;
	areas) CLEAN+=("DELETE FROM area WHERE id = $v") ;;
	addresses) CLEAN+=("DELETE FROM address WHERE id = $v") ;;
	users) CLEAN+=("DELETE FROM app_user WHERE id = $v") ;;
	contacts) CLEAN=("DELETE FROM contact WHERE id = $v" "${CLEAN[@]}") ;;
	requests) CLEAN=("DELETE FROM dsr_request WHERE id = $v" "${CLEAN[@]}") ;;
	esac
}

# path_of PATTERN: sets PATH_OF to the pattern with each '*' replaced by
# the fixture of the segment before it; fails with NO_FIXTURE set to that
# segment.
path_of() {
	local seg prev='' segs
	PATH_OF=
	IFS=/ read -ra segs <<<"$1"
	for seg in "${segs[@]}"; do
		[ -z "$seg" ] && continue
		if [ "$seg" = '*' ]; then
			NO_FIXTURE=$prev
			fixture "$prev" || return 1
			seg=${FIX[$prev]}
		fi
		PATH_OF+=/$seg
		prev=$seg
	done
}

# --- the matrix -------------------------------------------------------------

# call ID METHOD PATH [csrf|nocsrf]: the request as ID.
call() {
	local id=$1 method=$2 path=$3 mode=${4:-csrf} jar
	local opts=(-X "$method")
	if [ "$method" != GET ]; then
		if [ "$mode" = csrf ] && [ "$id" != anon ]; then
			opts+=(--data-urlencode "csrf=${CSRF[$id]}")
		else
			opts+=(--data-binary "")
		fi
	fi
	case $id in
	anon)
		get "$B$path" "${opts[@]}" ;;
	andra)
		get "$B$path" "${opts[@]}" -b "tjg_session=${COOKIE[andra]}" ;;
	*)
		jar=$(jar_of "$id")
		get "$B$path" "${opts[@]}" -b "$jar" -c "$jar" ;;
	esac
}

# Predicates of the last answer.
signin_redirect() {
	[ "$HTTP_STATUS" = 303 ] &&
	    [[ $(header Location) =~ ^/admin/login\?next= ]]
}
refused() {
	[ "$HTTP_STATUS" = 403 ] && [[ $HTTP_BODY == *"$1"* ]]
}
status_is() {
	[ "$HTTP_STATUS" = "$1" ]
}
allowed_get() {
	[ "$HTTP_STATUS" -ge 200 ] && [ "$HTTP_STATUS" -lt 400 ] &&
	    ! signin_redirect
}
allowed_post() {
	[ "$HTTP_STATUS" != 000 ] && [ "$HTTP_STATUS" != 403 ] &&
	    [ "$HTTP_STATUS" -lt 500 ] && ! signin_redirect
}
ended() {
	! alive "$1"
}

# expect NAME PREDICATE [ARGS]: one TAP line; the answer on a failure.
expect() {
	local name=$1 st=0
	shift
	"$@" || st=$?
	ok "$st" "$name"
	[ "$st" = 0 ] || diag "got $HTTP_STATUS $(header Location)"
}

for line in "${ROUTES[@]}"; do
	read -r method pattern roles <<<"$line"
	name="$method $pattern"
	if ! path_of "$pattern"; then
		fail "route $name has no fixture (for '$NO_FIXTURE' before '*')"
		continue
	fi
	path=$PATH_OF
	for id in "${IDS[@]}"; do
		what="$name as $id"
		if [ "$id" = anon ] || [ "$id" = andra ]; then
			# andra's session ends where it is refused: a new one.
			if [ "$id" = andra ] && ! signin andra; then
				fail "$what: the andra admin signs in on andra"
				continue
			fi
			call "$id" "$method" "$path"
			if [ "$method" = GET ]; then
				expect "$what: to the sign-in page" \
				    signin_redirect
			else
				expect "$what: 403, not signed in" \
				    refused "$MSG_SIGNIN"
			fi
			continue
		fi
		if [[ ",$roles," != *",${ROLE[$id]},"* ]]; then
			call "$id" "$method" "$path"
			expect "$what: 403, role not listed" refused "$MSG_ROLE"
			continue
		fi
		if [ "$method" != GET ]; then
			call "$id" "$method" "$path" nocsrf
			expect "$what without csrf: 403" refused "$MSG_CSRF"
		fi
		call "$id" "$method" "$path"
		if [ "$id" = provB ] && [[ $pattern == *'*'* ]]; then
			expect "$what: provider A's object is 404" status_is 404
		elif [ "$method" = GET ]; then
			expect "$what: allowed ($HTTP_STATUS)" allowed_get
		else
			expect "$what: allowed ($HTTP_STATUS)" allowed_post
			if [ "$pattern" = /admin/logout ]; then
				expect "$what: the session has ended" \
				    ended "$id"
			elif ! alive "$id"; then
				# A route may end the session (a password
				# change): sign in again.
				note "$what ended the session"
				check "$id signs in again" -- signin "$id"
			fi
		fi
	done
done

# --- the navigation offers only what the role may open ---------------------

for id in provB support provA admin; do
	alive "$id" || signin "$id" >/dev/null
	call "$id" GET /admin
	mapfile -t links < <(tr -d '\n' <"$HTTP_BODY_FILE" |
	    sed -n 's/.*<nav class="admin-nav"\(.*\)<\/nav>.*/\1/p' |
	    grep -o 'href="/admin[^"]*"' | sed 's/^href="//; s/"$//')
	check "$id: the navigation has links" -- test "${#links[@]}" -ge 2
	for link in "${links[@]}"; do
		call "$id" GET "$link"
		expect "$id: the navigation's $link opens ($HTTP_STATUS)" \
		    allowed_get
	done
done

done_testing
