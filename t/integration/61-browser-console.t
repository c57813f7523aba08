#!/usr/bin/env bash
# The console (/admin/) in a real browser (t/browser/console.mjs:
# playwright-core driving Debian's chromium, axe-core for WCAG 2.1 AA),
# without JavaScript and with it: an administrator signs in, imports
# addresses from a CSV file (preview with the rejected line, apply),
# adds a service, finds an order placed here through the public form,
# shows its personal data and changes its status; a user of another
# provider cannot find or open the order, a user of the order's provider
# can. This script makes the users, the files and the orders (one of
# each per mode, fictional data), installs the npm packages from the
# lockfile when they are missing, passes the TAP of console.mjs through
# and then checks in the database that the browser's work landed there.
# Screenshots land in ${TJG_ARTIFACTS:-$TAP_TMP}/browser-console (TAP_TMP
# is removed at exit: set TJG_ARTIFACTS to keep them). TJG_BROWSER_MODES
# (default "nojs,js") chooses the runs.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

dir=$TJG_SRC/t/browser
chromium=${TJG_CHROMIUM:-/usr/bin/chromium}
base=$(server_url lighttpd)
modes=${TJG_BROWSER_MODES:-nojs,js}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	plan skip_all "node and npm are not installed"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] ||
    plan skip_all "node $(node --version) is too old (playwright-core needs 20)"
[ -x "$chromium" ] || plan skip_all "no chromium at $chromium"

# The packages, from the lockfile only, never a browser download.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d "$dir/node_modules/playwright-core" ] ||
    [ ! -d "$dir/node_modules/axe-core" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
	if ! timeout 300 npm ci --prefix "$dir" --no-audit --no-fund \
	    >"$TAP_TMP/npm.log" 2>&1; then
		fail "npm ci --prefix t/browser"
		diag "$(tail -n 30 "$TAP_TMP/npm.log")"
		done_testing
	fi
fi

# pnr_make YYYYMMDD SERIAL: a fictional personnummer with a valid check
# digit (as in 50-order.t).
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

# make_order CODE SERVICE LAST: orders SERVICE (of vindlo-demo, whose form
# has the network's checkbox x1 and the router x2) at outlet CODE through
# the public form, as the resident "Webba LAST"; prints the reference.
make_order() {
	local code=$1 svc=$2 last=$3 jar tok html loc i secret
	jar=$(mktemp "$TAP_TMP/jar.XXXXXX")
	html=$(curl -sS --max-time 15 -c "$jar" -b "$jar" \
	    "$base/bestall/$code/$svc") || return 1
	tok=$(sed -n 's/.*name="csrf"[^>]*value="\([^"]*\)".*/\1/p;
	    s/.*value="\([^"]*\)"[^>]*name="csrf".*/\1/p' <<<"$html" |
	    head -n 1)
	for ((i = 0; i < 50; i++)); do
		loc=$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o /dev/null \
		    -w '%{http_code} %{redirect_url}' \
		    --data-urlencode "csrf=$tok" \
		    --data-urlencode "first_name=Webba" \
		    --data-urlencode "last_name=$last" \
		    --data-urlencode "email=${last,,}@example.org" \
		    --data-urlencode "phone=070-174 06 43" \
		    --data-urlencode "pnr=$pnr" --data-urlencode "x1=1" \
		    --data-urlencode "x2=Standard" --data-urlencode "terms=1" \
		    "$base/bestall/$code/$svc") || return 1
		[ "${loc%% *}" = 429 ] || break
		db_query "DELETE FROM rate_limit" >/dev/null
		sleep 0.2
	done
	[ "${loc%% *}" = 303 ] || { diag "order form answered $loc"; return 1; }
	secret=${loc##*/}
	db_query "SELECT ref FROM orders WHERE status_token_hash =
	    UNHEX(SHA2('$secret', 256))"
}

# Letters only: street names with digits would read as house numbers.
tag=$(tr '0-9' 'a-j' <<<"$RANDOM$RANDOM")
TAG=${tag^^}
pnr=$(pnr_make 19840229 "$(printf '%03d' $((RANDOM % 1000)))")

# The order's provider (vindlo-demo, its service and an active outlet),
# another provider, and the provider of the new service.
code=$(db_query "SELECT o.code FROM outlet o JOIN network n
    ON n.id = o.network_id WHERE n.slug = 'demo' AND o.status = 'active'
    AND o.apartment IS NOT NULL ORDER BY o.id LIMIT 1")
svc=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = 'vindlo-demo' AND s.active = 1
    AND s.limited_to_areas = 0 ORDER BY s.id LIMIT 1")
area=$(db_query "SELECT a.name FROM area a JOIN network n
    ON n.id = a.network_id WHERE n.slug = 'demo' AND a.active = 1
    ORDER BY a.id LIMIT 1")
if [ -z "$code" ] || [ -z "$svc" ] || [ -z "$area" ]; then
	fail "the demo data has an outlet, a Vindlo service and an area"
	done_testing
fi

admin=bc-admin-$tag
own=bc-vindlo-$tag
other=bc-telvira-$tag
console_user "$admin" network_admin
console_user "$own" provider_user vindlo-demo
console_user "$other" provider_user telvira-demo

# Per mode: an order, and an address file with two new addresses (one
# with an apartment), each with an outlet, and one line with a bad
# postcode (line 4).
args=()
declare -A refs
IFS=, read -ra mode_list <<<"$modes"
for mode in "${mode_list[@]}"; do
	db_query "DELETE FROM rate_limit" >/dev/null
	ref=$(make_order "$code" "$svc" "Testsson-$tag-$mode") || ref=
	if [ -z "$ref" ]; then
		fail "$mode: an order placed through the public form"
		done_testing
	fi
	refs[$mode]=$ref
	street="Webbprovgatan $TAG ${mode^^}"
	csv=$TAP_TMP/import-$mode.csv
	cat >"$csv" <<-EOF
	street;number;littera;postcode;city;area;apartment;outlet_code;outlet_status
	$street;1;;50931;Älvberga;$area;;WEB-$TAG-${mode^^}-1;active
	$street;3;A;50931;Älvberga;$area;1101;WEB-$TAG-${mode^^}-2;active
	$street;5;;5093;Älvberga;$area;;WEB-$TAG-${mode^^}-3;active
	EOF
	args+=("--ref-$mode=$ref" "--csv-$mode=$csv" "--street-$mode=$street"
	    "--name-$mode=Webba Testsson-$tag-$mode"
	    "--service-$mode=Webbtjänst $TAG ${mode^^}")
done

artifacts=${TJG_ARTIFACTS:-$TAP_TMP}/browser-console
mkdir -p "$artifacts"
note "screenshots in $artifacts"

# console.mjs bounds itself (2 min); timeout is the last resort. Its TAP
# goes straight through but for the plan: the database's checks follow.
out=$TAP_TMP/console.tap
st=0
timeout -k 10 180 node "$dir/console.mjs" \
    --base="$base" --artifacts="$artifacts" --chromium="$chromium" \
    --modes="$modes" \
    --admin="$admin" --admin-password="$(console_password "$admin")" \
    --own="$own" --own-password="$(console_password "$own")" \
    --other="$other" --other-password="$(console_password "$other")" \
    --service-provider=ljusbo-demo "${args[@]}" \
    </dev/null | tee "$out" | grep -vE '^1\.\.[0-9]+' || st=$?
if ! grep -qE '^1\.\.[0-9]+' "$out"; then
	n=$(grep -cE '^(not )?ok [0-9]+' "$out" || true)
	echo "not ok $((n + 1)) - console.mjs ended without a plan (exit status $st)"
	echo "1..$((n + 1))"
	exit 1
fi
# tap.sh's counters go on from console.mjs's, for done_testing.
# shellcheck disable=SC2034
{
	TAP_N=$(grep -cE '^(not )?ok [0-9]+' "$out" || true)
	TAP_FAILED=$(grep -cE '^not ok [0-9]+' "$out" || true)
}

# What the browser did, in the database.
for mode in "${mode_list[@]}"; do
	street="Webbprovgatan $TAG ${mode^^}"
	is "$(db_query "SELECT COUNT(*) FROM address a JOIN network n
	    ON n.id = a.network_id WHERE n.slug = 'demo'
	    AND a.street = '$street'")" 2 "$mode: db: the two good addresses imported"
	is "$(db_query "SELECT GROUP_CONCAT(o.code ORDER BY o.code) FROM outlet o
	    WHERE o.code LIKE 'WEB-$TAG-${mode^^}-%'")" \
	    "WEB-$TAG-${mode^^}-1,WEB-$TAG-${mode^^}-2" \
	    "$mode: db: with their outlets, not the rejected line's"
	is "$(db_query "SELECT CONCAT(p.slug, ' ', s.monthly_ore, ' ',
	    s.active) FROM service s JOIN provider p ON p.id = s.provider_id
	    WHERE s.name = 'Webbtjänst $TAG ${mode^^}'")" \
	    "ljusbo-demo 34950 1" \
	    "$mode: db: the service, Ljusbo's, 349,50 kr (in öre)"
	ref=${refs[$mode]}
	is "$(db_query "SELECT status FROM orders WHERE ref = '$ref'")" \
	    received "$mode: db: the order is received"
	is "$(db_query "SELECT GROUP_CONCAT(e.kind ORDER BY e.id) FROM
	    order_event e JOIN orders o ON o.id = e.order_id
	    WHERE o.ref = '$ref'")" "created,viewed,received" \
	    "$mode: db: its log: created, viewed, received"
	is "$(db_query "SELECT GROUP_CONCAT(a.action ORDER BY a.id) FROM audit a
	    JOIN app_user u ON u.id = a.user_id WHERE a.object_ref = '$ref'
	    AND u.username = '$admin'")" "order.show,order.status" \
	    "$mode: db: the administrator's show and status change audited"
done
is "$(db_query "SELECT COUNT(*) FROM audit a JOIN app_user u
    ON u.id = a.user_id WHERE u.username = '$other'
    AND a.action LIKE 'order.%'")" 0 \
    "db: the other provider's user saw no order"
done_testing
