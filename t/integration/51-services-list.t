#!/usr/bin/env bash
# The services page of outlets that share an area: each worker keeps the
# area's rendered list with a slot for the outlet code in the order links
# (fcgi/h_order.c). Every page must still be its own outlet's: its code in
# every order link and no other's, no link on an inactive outlet, the
# language's links, the same order for every outlet, nothing of the slot
# left, and a list whose own texts hold the slot byte rendered for each
# outlet alone. Asked many times, so every worker answers from its copy.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

rounds=12
tag=T51$RANDOM
net=$(db_query "SELECT id FROM network WHERE slug = 'demo'")
vindlo=$(db_query "SELECT id FROM provider WHERE slug = 'vindlo-demo'")

# area NAME: a new area with one building of three apartments: outlets
# NAME-A and NAME-B active, NAME-C inactive. Prints the area's id.
area() {
	db_query "
	    INSERT INTO area (network_id, name) VALUES ($net, '$1');
	    SET @area = LAST_INSERT_ID();
	    INSERT INTO address (network_id, area_id, street, street_norm,
	        number, postcode, city)
	    VALUES ($net, @area, '$1-gatan', LOWER('$1-gatan'), 1, '12345',
	        'Teststad');
	    SET @addr = LAST_INSERT_ID();
	    INSERT INTO outlet (network_id, address_id, code, apartment, status)
	    VALUES ($net, @addr, '$1-A', '1001', 'active'),
	        ($net, @addr, '$1-B', '1002', 'active'),
	        ($net, @addr, '$1-C', '1003', 'inactive');
	    SELECT @area"
}
cleanup() {
	db_query "
	    DELETE FROM service WHERE name LIKE '$tag%';
	    DELETE o FROM outlet o JOIN address a ON a.id = o.address_id
	        WHERE a.street LIKE '$tag%';
	    DELETE FROM address WHERE street LIKE '$tag%';
	    DELETE FROM area WHERE name LIKE '$tag%'" || true
}
at_exit cleanup

plain=$(area "${tag}P")
slotted=$(area "${tag}S")
# A service of the second area only whose name holds the slot byte.
db_query "INSERT INTO service (provider_id, category, name, monthly_ore,
        limited_to_areas)
    VALUES ($vindlo, 'other', CONCAT('$tag kanal ', CHAR(1), ' extra'), 100,
        1);
    INSERT INTO service_area (service_id, area_id)
    VALUES (LAST_INSERT_ID(), $slotted)"

# links: the order links of the last page, one a line, in page order.
links() {
	grep -o 'href="[^"]*/bestall/[^"]*"' "$HTTP_BODY_FILE" |
	    sed 's/^href="//; s/"$//' || true
}
# services: how many services the last page lists.
services() {
	grep -c '<li class="service">' "$HTTP_BODY_FILE" || true
}
# slots: how many slot bytes (0x01) the last page holds; named: how many
# of them are in the name of the service that holds one.
slots() {
	tr -cd '\001' <"$HTTP_BODY_FILE" | wc -c
}
named() {
	grep -o "kanal $(printf '\001') extra" "$HTTP_BODY_FILE" | wc -l
}

# check_area AREA_NAME: the pages of A, B and C, in both languages and
# three sorts, asked $rounds times each.
check_area() {
	local name=$1 server base o l s n want bad order
	local -A first
	for server in $TJG_SERVERS; do
		base=$(server_url "$server")
		bad=0
		first=()
		for ((i = 0; i < rounds; i++)); do
			for o in A B C; do
				for l in "" /en; do
					for s in "" "?sort=price" "?sort=speed"; do
						get "$base$l/uttag/$name-$o$s"
						n=$(services)
						if [ "$HTTP_STATUS" != 200 ] ||
						    [ "$n" -lt 2 ] ||
						    [ "$(slots)" != "$(named)" ]; then
							diag "$l/uttag/$name-$o$s: status $HTTP_STATUS, $n services, $(slots) slot bytes"
							bad=$((bad + 1))
							continue
						fi
						if [ $o = C ]; then
							want=0
						else
							want=$n
						fi
						if [ "$(links | grep -c "^$l/bestall/$name-$o/[0-9]*\$")" != "$want" ] ||
						    [ "$(links | wc -l)" != "$want" ]; then
							diag "$l/uttag/$name-$o$s: links $(links | tr '\n' ' ')"
							bad=$((bad + 1))
						fi
						# The same services in the same order for
						# every outlet and every round.
						order=$(grep -o '<h3>[^<]*' "$HTTP_BODY_FILE" | tr '\n' '|')
						if [ -z "${first[k$l$s]:-}" ]; then
							first[k$l$s]=$order
						elif [ "${first[k$l$s]}" != "$order" ]; then
							diag "$l/uttag/$name-$o$s: other order: $order"
							bad=$((bad + 1))
						fi
					done
				done
			done
		done
		is "$bad" 0 "$server: $name: $((rounds * 18)) pages, each with its own outlet's links"
		isnt "${first[k?sort=price]}" "${first[k?sort=speed]}" \
		    "$server: $name: sorted by price is not sorted by speed"
	done
}

check_area "${tag}P"
check_area "${tag}S"

# The slotted area's page still names its own service, with the byte.
get "$(server_url lighttpd)/uttag/${tag}S-A"
like "$HTTP_BODY" "$tag kanal" "the service of the area alone is listed"
isnt "$(named)" 0 "with the slot byte in its name"
get "$(server_url lighttpd)/uttag/${tag}P-A"
unlike "$HTTP_BODY" "$tag kanal" "and not in the other area"

done_testing
