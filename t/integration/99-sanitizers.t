#!/usr/bin/env bash
# Runs last: the logs of the stack's workers hold no report of
# AddressSanitizer or UndefinedBehaviorSanitizer (dev/test runs the stack
# on the sanitizer build), and no worker crashed along the way.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

logs=()
for f in "$TJG_STATE"/lighttpd.out.log "$TJG_STATE"/lighttpd.error.log \
    "$TJG_STATE"/apache-workers.log; do
	[ -r "$f" ] && logs+=("$f")
done
isnt "${#logs[@]}" 0 "the workers' logs are there"
for f in "${logs[@]}"; do
	found=$(grep -E 'AddressSanitizer|LeakSanitizer|runtime error:' "$f" |
	    head -n 5 || true)
	is "$found" "" "no sanitizer report in ${f##*/}"
done
crashed=$(grep -E 'child (signaled|exited)|died|Segmentation' \
    "$TJG_STATE"/lighttpd.error.log 2>/dev/null | head -n 5 || true)
is "$crashed" "" "lighttpd saw no worker die"
done_testing
