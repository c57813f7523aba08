#!/usr/bin/env bash
# The resident's journey in a real browser (t/browser/journey.mjs:
# playwright-core driving Debian's chromium, axe-core for WCAG 2.1 AA),
# with JavaScript and without, through lighttpd: landing -> search ->
# address -> apartment -> services -> order form -> errors -> receipt ->
# status -> withdrawal. This script picks the address, installs the npm
# packages from the lockfile when they are missing and passes the TAP of
# journey.mjs through. Screenshots land in ${TJG_ARTIFACTS:-$TAP_TMP}/browser
# (TAP_TMP is removed at exit: set TJG_ARTIFACTS to keep them).
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

dir=$TJG_SRC/t/browser
chromium=${TJG_CHROMIUM:-/usr/bin/chromium}

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

# An address with several apartments, one of them active, and a service
# of the provider that requires personnummer (and has the extra fields).
# (Tab is whitespace to read: an empty littera must be the last field.)
IFS=$'\t' read -r addr_id street number apartment code littera < <(db_query "
    SELECT a.id, a.street, a.number, o.apartment, o.code, a.littera
    FROM address a JOIN network n ON n.id = a.network_id
    JOIN outlet o ON o.address_id = a.id
    WHERE n.slug = 'demo' AND o.status = 'active' AND o.apartment IS NOT NULL
	AND (SELECT COUNT(*) FROM outlet o2 WHERE o2.address_id = a.id
	    AND o2.apartment IS NOT NULL) >= 3
    ORDER BY a.id, o.apartment LIMIT 1") || true
IFS=$'\t' read -r svc_id svc_name < <(db_query "
    SELECT s.id, s.name FROM service s JOIN provider p ON p.id = s.provider_id
    WHERE p.slug = 'vindlo-demo' AND s.active = 1 AND s.limited_to_areas = 0
    ORDER BY s.id LIMIT 1") || true
if [ -z "${addr_id:-}" ] || [ -z "${svc_id:-}" ]; then
	fail "the demo data has an address with apartments and a Vindlo service"
	done_testing
fi

artifacts=${TJG_ARTIFACTS:-$TAP_TMP}/browser
mkdir -p "$artifacts"
note "screenshots in $artifacts"

# journey.mjs bounds itself (2 min); timeout is the last resort. Its TAP
# goes straight through; without a plan (a crash) one failure is added.
out=$TAP_TMP/journey.tap
st=0
timeout -k 10 180 node "$dir/journey.mjs" \
    --base="$TJG_LIGHTTPD_URL" --artifacts="$artifacts" \
    --chromium="$chromium" \
    --query="$street $number$littera" --address-id="$addr_id" \
    --apartment="$apartment" --code="$code" \
    --service-id="$svc_id" --service="$svc_name" \
    </dev/null | tee "$out" || st=$?	# pipefail: node's status
if ! grep -qE '^1\.\.[0-9]+' "$out"; then
	n=$(grep -cE '^(not )?ok [0-9]+' "$out" || true)
	echo "not ok $((n + 1)) - journey.mjs ended without a plan (exit status $st)"
	echo "1..$((n + 1))"
	exit 1
fi
exit "$st"
