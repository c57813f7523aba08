#!/usr/bin/env bash
# The provider API's end-to-end encryption and erasure markers, through
# lighttpd: a provider's X.509 certificate registered with tjgctl provider
# cert (refusals: garbage, a private key, an expired certificate, an
# unknown provider), an order placed through the public form, its
# customer details in the feed and in GET /orders/REF only as CMS
# EnvelopedData that openssl cms opens with the provider's key (and
# nothing in clear); then tjgctl order erase: the order comes back after
# the cursor with a higher sequence and <erased at=".."> and none of the
# personal data, the outlet or the address; the log says erased; the row
# keeps no personal data; a second erase changes nothing. Every document
# is checked with xmllint against doc/orderfeed.xsd. Uses the provider
# ljusbo-demo, which the other API tests leave alone, and removes its
# certificate and token at the end.
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"

XSD=$TJG_SRC/doc/orderfeed.xsd
command -v xmllint >/dev/null || plan skip_all "xmllint is missing"
command -v openssl >/dev/null || plan skip_all "openssl is missing"

PROV=ljusbo-demo
base=$(server_url lighttpd)

ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }

# valid NAME [FILE]: the last answer (or FILE) validates against the
# published schema.
valid() {
	local f=${2:-$HTTP_BODY_FILE}
	if xmllint --noout --schema "$XSD" "$f" 2>"$TAP_TMP/xmllint.err"; then
		pass "$1"
	else
		fail "$1"
		diag "$(head -c 2000 "$f")" "$(cat "$TAP_TMP/xmllint.err")"
	fi
}

# api PATH [curl options]: a call of the API with the test's token.
api() {
	local path=$1
	shift
	get "$base/api/v1/$path" -H "Authorization: Bearer $tok" "$@"
}

# feed AFTER: one feed page, waiting out 429s.
feed() {
	local i
	for ((i = 0; i < 20; i++)); do
		api "orders?after=$1"
		[ "$HTTP_STATUS" = 429 ] || return 0
		sleep "$(header Retry-After)"
	done
}

next_of() {
	xmllint --xpath 'string(/*[local-name()="orders"]/@next)' \
	    "$HTTP_BODY_FILE" 2>/dev/null || true
}

# of_order REF PATH: the string value of PATH (relative to the order REF,
# e.g. "*[local-name()='sequence']") in the last answer; has REF NAME:
# how many NAME elements the order REF has there.
ORDER="//*[local-name()='order']"
of_order() {
	xmllint --xpath \
	    "string(${ORDER}[*[local-name()='reference']='$1']/$2)" \
	    "$HTTP_BODY_FILE" 2>/dev/null || true
}
has() {
	xmllint --xpath \
	    "count(${ORDER}[*[local-name()='reference']='$1']/*[local-name()='$2'])" \
	    "$HTTP_BODY_FILE" 2>/dev/null || true
}

# make_order FIRST LAST EMAIL: orders svc at the outlet through the
# public form (as in 50-order.t and 70-api.t); prints the reference.
make_order() {
	local jar tok html loc i secret
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
		    --data-urlencode "first_name=$1" \
		    --data-urlencode "last_name=$2" \
		    --data-urlencode "email=$3" \
		    --data-urlencode "phone=070-123 45 67" \
		    --data-urlencode "x1=1" --data-urlencode "terms=1" \
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

read -r code < <(db_query "
    SELECT o.code FROM outlet o JOIN address a ON a.id = o.address_id
    JOIN network n ON n.id = a.network_id
    WHERE n.slug = 'demo' AND o.status = 'active' AND o.apartment IS NOT NULL
    ORDER BY o.id LIMIT 1")
svc=$(db_query "SELECT s.id FROM service s JOIN provider p
    ON p.id = s.provider_id WHERE p.slug = '$PROV'
    AND s.limited_to_areas = 0 ORDER BY s.id LIMIT 1")

tok=$(ctl token create --provider "$PROV" --label "71-api" 2>/dev/null)
like "$tok" '^[A-Za-z0-9_-]{43}$' "a token for $PROV"
tok_id=$(db_query "SELECT id FROM api_token WHERE token_hash =
    UNHEX(SHA2('$tok', 256))")
at_exit "ctl token revoke $tok_id >/dev/null 2>&1"
at_exit "ctl provider cert $PROV --remove >/dev/null 2>&1"

# --- tjgctl provider cert ------------------------------------------------
D=$TAP_TMP
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=test -days 2 \
    -keyout "$D/key.pem" -out "$D/cert.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=other -days 2 \
    -keyout "$D/key2.pem" -out "$D/cert2.pem" 2>/dev/null
check "a key and a certificate made with openssl" -- test -s "$D/cert.pem"

echo "not a certificate" >"$D/garbage.pem"
ctl provider cert "$PROV" "$D/garbage.pem" >/dev/null 2>&1 &&
    fail "a file without a certificate is refused" ||
    pass "a file without a certificate is refused"
cat "$D/key.pem" "$D/cert.pem" >"$D/both.pem"
err=$(ctl provider cert "$PROV" "$D/both.pem" 2>&1 >/dev/null) &&
    fail "a file with the private key is refused" ||
    pass "a file with the private key is refused"
like "$err" "private key" "with the reason"
ctl provider cert no-such-provider "$D/cert.pem" >/dev/null 2>&1 &&
    fail "an unknown provider is refused" ||
    pass "an unknown provider is refused"
if python3 -c 'import cryptography' 2>/dev/null; then
	python3 - "$D/expired.pem" <<-'EOF'
	import datetime, sys
	from cryptography import x509
	from cryptography.hazmat.primitives import hashes, serialization
	from cryptography.hazmat.primitives.asymmetric import rsa
	from cryptography.x509.oid import NameOID
	k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
	n = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "expired")])
	now = datetime.datetime.now(datetime.timezone.utc)
	c = (x509.CertificateBuilder().subject_name(n).issuer_name(n)
	    .public_key(k.public_key()).serial_number(1)
	    .not_valid_before(now - datetime.timedelta(days=10))
	    .not_valid_after(now - datetime.timedelta(days=1))
	    .sign(k, hashes.SHA256()))
	open(sys.argv[1], "wb").write(c.public_bytes(serialization.Encoding.PEM))
	EOF
	err=$(ctl provider cert "$PROV" "$D/expired.pem" 2>&1 >/dev/null) &&
	    fail "an expired certificate is refused" ||
	    pass "an expired certificate is refused"
	like "$err" "expired" "with the reason"
else
	skip 2 "python3-cryptography is missing (no expired certificate)"
fi
is "$(db_query "SELECT cert_pem IS NULL FROM provider
    WHERE slug = '$PROV'")" 1 "nothing was stored by the refusals"

out=$(ctl provider cert "$PROV" "$D/cert.pem")
ok $? "tjgctl provider cert SLUG FILE.pem"
fp=$(openssl x509 -in "$D/cert.pem" -outform DER | sha256sum | cut -c1-64)
like "$out" "$fp" "it prints the certificate's SHA-256"
is "$(db_query "SELECT HEX(cert_sha256) FROM provider
    WHERE slug = '$PROV'" | tr 'A-F' 'a-f')" "$fp" \
    "cert_sha256 is the SHA-256 of the DER certificate"
want_after=$(date -u -d "$(openssl x509 -in "$D/cert.pem" -noout -enddate |
    cut -d= -f2)" '+%Y-%m-%d %H:%M:%S')
is "$(db_query "SELECT DATE_FORMAT(cert_not_after, '%Y-%m-%d %H:%i:%s')
    FROM provider WHERE slug = '$PROV'")" "$want_after" \
    "cert_not_after is the certificate's notAfter"
db_query "SELECT cert_pem FROM provider WHERE slug = '$PROV'" |
    sed 's/\\n/\n/g' >"$D/stored.pem"
check "the stored certificate is the one given" -- \
    cmp -s <(openssl x509 -in "$D/stored.pem" -outform DER) \
    <(openssl x509 -in "$D/cert.pem" -outform DER)

# --- an order, encrypted to the certificate ------------------------------
db_query "DELETE FROM rate_limit" >/dev/null
email="cms.$RANDOM@example.org"
ref=$(make_order "Åsa" "Krypt-$RANDOM" "$email")
like "$ref" '^[0-9A-Z]{12}$' "an order placed through the form"
cursor=$(db_query "SELECT feed_seq - 1 FROM orders WHERE ref = '$ref'")

# decrypt NAME KEY CERT: opens $D/enc.b64 into $D/plain.xml.
decrypt() {
	base64 -d "$D/enc.b64" >"$D/enc.der" 2>/dev/null &&
	    openssl cms -decrypt -inform DER -in "$D/enc.der" -recip "$3" \
	    -inkey "$2" -out "$D/plain.xml" 2>"$D/cms.err"
}

# check_encrypted WHAT: the last answer carries order $ref encrypted.
check_encrypted() {
	local first last_name mail
	valid "$1: validates against the schema"
	of_order "$ref" "*[local-name()='encryptedCustomerDetails']" \
	    >"$D/enc.b64"
	check "$1: encryptedCustomerDetails present" -- test -s "$D/enc.b64"
	is "$(has "$ref" customerDetails)" 0 \
	    "$1: no clear customerDetails"
	unlike "$HTTP_BODY" "$email|firstName|Krypt-" \
	    "$1: no name or e-mail address anywhere in clear"
	like "$(of_order "$ref" "*[local-name()='accessId']")" \
	    "^$code\$" "$1: the outlet is still in clear"
	if decrypt "$1" "$D/key.pem" "$D/cert.pem"; then
		pass "$1: openssl cms -decrypt opens it with the key"
	else
		fail "$1: openssl cms -decrypt opens it with the key"
		diag "$(cat "$D/cms.err")"
	fi
	valid "$1: the plaintext is a valid customerData" "$D/plain.xml"
	first=$(xmllint --xpath "string(//*[local-name()='firstName'])" \
	    "$D/plain.xml" 2>/dev/null || true)
	last_name=$(xmllint --xpath "string(//*[local-name()='lastName'])" \
	    "$D/plain.xml" 2>/dev/null || true)
	mail=$(xmllint --xpath "string(//*[local-name()='email'])" \
	    "$D/plain.xml" 2>/dev/null || true)
	is "$first" "Åsa" "$1: the first name as ordered"
	like "$last_name" '^Krypt-[0-9]+$' "$1: the last name as ordered"
	is "$mail" "$email" "$1: the e-mail address as ordered"
	decrypt "$1" "$D/key2.pem" "$D/cert2.pem" &&
	    fail "$1: another key cannot open it" ||
	    pass "$1: another key cannot open it"
}

feed "$cursor"
is "$HTTP_STATUS" 200 "the feed"
check_encrypted "feed"
next=$(next_of)
seq1=$(of_order "$ref" "*[local-name()='sequence']")
like "$next" '^[0-9]+$' "the page's next cursor"

api "orders/$ref"
is "$HTTP_STATUS" 200 "GET /orders/REF"
check_encrypted "GET /orders/REF"

# --- erasure ---------------------------------------------------------------
out=$(ctl order erase "$ref")
ok $? "tjgctl order erase REF"
like "$out" "erased" "says so"
is "$(db_query "SELECT pii IS NULL AND pii_key_id IS NULL AND
    pnr_bidx IS NULL AND email_bidx IS NULL AND outlet_id IS NULL AND
    provider_reference IS NULL AND external_message IS NULL AND
    erased_at IS NOT NULL FROM orders WHERE ref = '$ref'")" 1 \
    "the row keeps no personal data (pii NULL, erased_at set)"
seq2=$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref'")
ok "$((seq2 > seq1 ? 0 : 1))" "a higher sequence ($seq1 -> $seq2)"

feed "$next"
is "$HTTP_STATUS" 200 "the feed after the cursor"
valid "the page with the erased order validates"
is "$(of_order "$ref" "*[local-name()='sequence']")" "$seq2" \
    "the order reappears after the cursor with its new sequence"
like "$(of_order "$ref" "*[local-name()='erased']/@at")" \
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' "with <erased at=\"..\">"
for el in encryptedCustomerDetails customerDetails accessId streetName \
    streetNumber postalCode city mduApartmentNumber invoiceDetails \
    extraFields providerReference externalMessage; do
	is "$(has "$ref" "$el")" 0 \
	    "erased: no $el"
done
unlike "$HTTP_BODY" "$email|Krypt-|$code" \
    "erased: no e-mail, name or outlet code anywhere"

api "orders/$ref"
is "$HTTP_STATUS" 200 "GET /orders/REF of the erased order"
valid "it validates"
like "$HTTP_BODY" "<([a-z]+:)?erased at=\"" "with the erasure marker"

api "orders/$ref/log"
is "$HTTP_STATUS" 200 "the order's log"
valid "the log validates"
like "$HTTP_BODY" 'kind="erased"' "the log shows erased"

ctl order erase "$ref" >/dev/null
ok $? "erasing again succeeds"
is "$(db_query "SELECT feed_seq FROM orders WHERE ref = '$ref'")" "$seq2" \
    "and leaves the sequence alone"
is "$(db_query "SELECT COUNT(*) FROM order_event e JOIN orders o
    ON o.id = e.order_id WHERE o.ref = '$ref' AND e.kind = 'erased'")" 1 \
    "and writes no second event"
ctl order erase NOSUCHORDER1 >/dev/null 2>&1 &&
    fail "an unknown reference is refused" ||
    pass "an unknown reference is refused"

# --- without the certificate, clear again ---------------------------------
ctl provider cert "$PROV" --remove >/dev/null
ok $? "tjgctl provider cert SLUG --remove"
is "$(db_query "SELECT cert_pem IS NULL AND cert_sha256 IS NULL AND
    cert_not_after IS NULL FROM provider WHERE slug = '$PROV'")" 1 \
    "clears the certificate"
ref2=$(make_order "Bea" "Klar-$RANDOM" "clear.$RANDOM@example.org")
api "orders/$ref2"
is "$HTTP_STATUS" 200 "a new order"
valid "validates"
like "$HTTP_BODY" "<([a-z]+:)?firstName>Bea<" "its customer details in clear"
unlike "$HTTP_BODY" "encryptedCustomerDetails" "and not encrypted"

done_testing
