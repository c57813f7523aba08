#!/usr/bin/env bash
# The contact register (/admin/contacts, tjgctl contacts review, the
# "contacts" step of tjgctl purge) on a real stack, with two providers of
# its own delivering in demo:
#
#  - create, edit, confirm and remove through the console, each landing in
#    the contact table and the audit (by contact id, never a name or an
#    address); a bad form is a 422 that keeps the input and changes
#    nothing; a console user is linked by the form, and removing its
#    contact disables it and ends its session;
#  - the warning for an organisation without a responsible contact, on the
#    register and on the overview, appears and disappears; the last
#    responsible contact can be neither removed nor re-roled;
#  - the due list (review dates set in the past with SQL: the console
#    runs on the real clock), flagged contacts marked;
#  - with TJG_NOW moved a year on: `tjgctl contacts review` queues one mail
#    per organisation with due contacts, to its responsible contact, once
#    a day; `tjgctl mail` delivers it; later it flags the overdue ones;
#    `tjgctl purge` removes those flagged purge_days earlier, disables the
#    linked user (who is signed out and cannot sign in), audited; a second
#    run does nothing;
#  - support and provider users are refused (403), a contact of another
#    network's provider is not found (404).
# Names and addresses are fictional (example.net/example.org).
set -euo pipefail
. "$(dirname "$0")/../lib/tap.sh"
. "$(dirname "$0")/../lib/env.sh"
. "$(dirname "$0")/../lib/console.sh"

base=$(server_url lighttpd)
RUN=$(printf '%x%x' "$(date +%s)" "$RANDOM")
tag=k86$RUN			# in every name and address of this test
ctl() { "$TJG_CTL" -c "$TJG_CONF" "$@"; }

# --- the organisations and users -------------------------------------------

demo=$(db_query "SELECT id FROM network WHERE slug = 'demo'")
pa=$(db_query "INSERT INTO provider (slug, name, org_number)
    VALUES ('c86a-$RUN', 'Kontakttest A $RUN AB', '556086-0001');
    SELECT LAST_INSERT_ID()")
pb=$(db_query "INSERT INTO provider (slug, name, org_number)
    VALUES ('c86b-$RUN', 'Kontakttest B $RUN AB', '556086-0002');
    SELECT LAST_INSERT_ID()")
db_query "INSERT INTO provider_network (provider_id, network_id)
    VALUES ($pa, $demo), ($pb, $demo)"
name_a="Kontakttest A $RUN AB"
name_b="Kontakttest B $RUN AB"
# The other network's provider, for a contact demo must not see.
p_other=$(db_query "SELECT p.id FROM provider p JOIN provider_network pn
    ON pn.provider_id = p.id JOIN network n ON n.id = pn.network_id
    WHERE n.slug = 'andra' AND p.id NOT IN (SELECT provider_id FROM
    provider_network WHERE network_id = $demo) ORDER BY p.id LIMIT 1")

admin=c86adm-$$
support=c86sup-$$
usera=c86pa-$$			# provider user of A, linked to a contact
userb=c86pb-$$			# provider user of B, purged with its contact
console_user "$admin" network_admin
console_user "$support" network_support
console_user "$usera" provider_user "c86a-$RUN"
console_user "$userb" provider_user "c86b-$RUN"
uid() { db_query "SELECT id FROM app_user WHERE username = '$1'"; }
admin_id=$(uid "$admin")
usera_id=$(uid "$usera")
userb_id=$(uid "$userb")

cleanup() {
	db_query "DELETE FROM contact WHERE email LIKE '%$tag%'
	    OR provider_id IN ($pa, $pb);
	    DELETE FROM outbox WHERE kind = 'contact_review'
	    AND subject LIKE '%$RUN%';
	    DELETE FROM contact_review_mail WHERE owner_kind = 'provider'
	    AND owner_id IN ($pa, $pb);
	    DELETE FROM app_user WHERE username IN ('$admin', '$support',
	    '$usera', '$userb');
	    DELETE FROM provider WHERE id IN ($pa, $pb)" >/dev/null
}
at_exit cleanup

like "$pa $pb $admin_id $usera_id $userb_id" '^[0-9]+( [0-9]+){4}$' \
    "two providers delivering in demo, and four console users"

jar=$TAP_TMP/admin.jar
is "$(console_login "$admin" "$jar")" 303 "the administrator signs in"

today=$(db_query "SELECT DATE(UTC_TIMESTAMP())")
next_review=$(db_query "SELECT DATE(UTC_TIMESTAMP()) + INTERVAL 12 MONTH")

# row ID COLUMNS: the contact's columns, tab-separated.
row() { db_query "SELECT $2 FROM contact WHERE id = $1"; }
count() { db_query "SELECT COUNT(*) FROM contact WHERE $1"; }
audits() {
	db_query "SELECT COUNT(*) FROM audit WHERE action = '$1'
	    AND object_kind = '${3:-contact}' AND object_ref = '$2'"
}
# id_of: the contact id of the last redirect (/admin/contacts/ID).
id_of() { sed -n 's,.*/admin/contacts/\([0-9]*\)$,\1,p' <<<"$CONSOLE_LOCATION"; }
# create OWNER FIRST LAST ROLE [more curl options]: POST /admin/contacts,
# with the e-mail address first.TAG@example.net unless one is given.
create() {
	local owner=$1 first=$2 last=$3 role=$4 email=()
	shift 4
	[[ " $* " == *" email="* ]] || email=(--data-urlencode \
	    "email=$(tr 'A-ZÅÄÖ' 'a-zåäö' <<<"$first").$tag@example.net")
	console_post "$jar" /admin/contacts "" --data-urlencode "owner=$owner" \
	    --data-urlencode "first_name=$first" \
	    --data-urlencode "last_name=$last" \
	    --data-urlencode "role=$role" "${email[@]}" "$@"
}
# missing_on PATH NAME: is NAME listed as missing its responsible contact?
missing_contacts() {
	console_get "$jar" /admin/contacts
	sed -n '/id="missing-responsible"/,/<\/div>/p' <<<"$CONSOLE_BODY"
}
missing_home() {
	console_get "$jar" /admin
	sed -n '/id="contacts-missing"/,/<\/ul>/p' <<<"$CONSOLE_BODY"
}

# --- the warning, before any contact ----------------------------------------

console_get "$jar" /admin/contacts
is "$CONSOLE_STATUS" 200 "GET /admin/contacts"
like "$CONSOLE_BODY" 'Kontaktpersoner' "  the register's page"
like "$(missing_contacts)" "$name_a" \
    "the register warns that A has no responsible contact"
like "$(missing_contacts)" "$name_b" "  and B"
like "$(missing_home)" "$name_a" "the overview warns about A too"
console_get "$jar" /admin/contacts/new
is "$CONSOLE_STATUS" 200 "GET /admin/contacts/new"
like "$CONSOLE_BODY" "<option value=\"$pa\">$name_a</option>" \
    "  offers provider A as the organisation"
like "$CONSOLE_BODY" "<option value=\"$usera_id\">$usera " \
    "  and the network's console users to link"

# --- create ---------------------------------------------------------------

n0=$(count "provider_id = $pa")
create "$pa" "Alva" "Provsdotter" admin --data-urlencode "email=not-an-address" \
    --data-urlencode "phone=070-123 45 67"
is "$CONSOLE_STATUS" 422 "a bad e-mail address: 422"
like "$CONSOLE_BODY" 'id="email-error"' "  with the message at the field"
like "$CONSOLE_BODY" 'value="not-an-address"' "  the address kept as typed"
like "$CONSOLE_BODY" 'value="Provsdotter"' "  and the other fields too"
like "$CONSOLE_BODY" "<option value=\"$pa\" selected>" "  the owner kept"
is "$(count "provider_id = $pa")" "$n0" "  and nothing stored"
create "$pa" "" "Provsdotter" admin
is "$CONSOLE_STATUS" 422 "no first name: 422"
create "network" "Alva" "Provsdotter" owner
is "$CONSOLE_STATUS" 422 "an unknown role: 422"
create "$p_other" "Alva" "Provsdotter" admin
is "$CONSOLE_STATUS" 422 "another network's provider as owner: 422"
is "$(count "provider_id = $pa OR email LIKE '%$tag%'")" "$n0" \
    "  nothing stored by the bad forms"

create "$pa" "Alva" "Provsdotter" admin --data-urlencode "phone=070-123 45 67" \
    --data-urlencode "username=alva.p"
is "$CONSOLE_STATUS" 303 "a responsible contact of A is added (303)"
r1=$(id_of)
like "$r1" '^[0-9]+$' "  to its page (contact $r1)"
is "$(row "$r1" "COALESCE(network_id, 0), provider_id, first_name,
    last_name, username, email, phone, role, added_by, review_due,
    confirmed_at IS NULL, flagged_at IS NULL")" \
    "$(printf '0\t%s\tAlva\tProvsdotter\talva.p\talva.%s@example.net\t+46701234567\tadmin\t%s\t%s\t1\t1' \
    "$pa" "$tag" "$admin_id" "$next_review")" \
    "  stored: owner, names, e-mail, phone (E.164), role, who added it, review in 12 months"
is "$(audits contact.create "$r1")" 1 "  audited (contact.create)"
console_get "$jar" "/admin/contacts/$r1"
is "$CONSOLE_STATUS" 200 "its page"
like "$CONSOLE_BODY" "$admin" "  says who added it"
like "$CONSOLE_BODY" "id=\"review-due\">$next_review<" "  and the review date"
unlike "$(missing_contacts)" "$name_a" \
    "the warning for A is gone from the register"
like "$(missing_contacts)" "$name_b" "  B's remains"
unlike "$(missing_home)" "$name_a" "  and gone from the overview"

# A contact linked to A's console user; B's contact cannot take it.
create "$pb" "Bo" "Försöksson" technical --data-urlencode "user=$usera_id"
is "$CONSOLE_STATUS" 422 "A's console user cannot be linked to B's contact (422)"
like "$CONSOLE_BODY" 'id="user-error"' "  the message at the field"
create "$pa" "Cilla" "Länksdotter" technical --data-urlencode "user=$usera_id"
is "$CONSOLE_STATUS" 303 "a contact of A linked to A's console user"
l1=$(id_of)
is "$(db_query "SELECT contact_id FROM app_user WHERE id = $usera_id")" \
    "$l1" "  app_user.contact_id is set"
console_get "$jar" /admin/contacts
like "$CONSOLE_BODY" "id=\"contact-$l1\">" "the list shows it"
row_html=$(sed -n "/id=\"contact-$l1\"/,/<\/tr>/p" <<<"$CONSOLE_BODY")
like "$row_html" "$usera" "  with its console user"
like "$row_html" "Teknik" "  its role"
like "$row_html" "$name_a" "  and organisation"

# --- filters ----------------------------------------------------------------

console_get "$jar" "/admin/contacts?owner=$pa&role=admin"
like "$CONSOLE_BODY" "id=\"contact-$r1\"" "filtered by organisation and role"
unlike "$CONSOLE_BODY" "id=\"contact-$l1\"" "  the other role is left out"
console_get "$jar" "/admin/contacts?q=L%C3%A4nksdotter"
like "$CONSOLE_BODY" "id=\"contact-$l1\"" "a search by name finds it"
unlike "$CONSOLE_BODY" "id=\"contact-$r1\"" "  and only it"
console_get "$jar" "/admin/contacts?role=boss&q=Cilla"
is "$CONSOLE_STATUS" 422 "a bad filter: 422"
like "$CONSOLE_BODY" 'value="Cilla"' "  the search kept"

# --- edit ---------------------------------------------------------------------

edit() {
	local id=$1
	shift
	console_post "$jar" "/admin/contacts/$id" "" "$@"
}
edit "$l1" --data-urlencode "first_name=Cilla" \
    --data-urlencode "last_name=Länksdotter" \
    --data-urlencode "email=cilla.$tag@example.net" \
    --data-urlencode "phone=08-12 34 56" --data-urlencode "role=technical" \
    --data-urlencode "user=$usera_id"
is "$CONSOLE_STATUS" 303 "an edit is saved (303)"
phone=$(row "$l1" "phone")
is "$phone" "+468123456" "  the phone number, stored in E.164"
is "$(db_query "SELECT detail FROM audit WHERE action = 'contact.edit'
    AND object_ref = '$l1' ORDER BY id DESC LIMIT 1")" "changed: phone" \
    "  audited (contact.edit) with the field's name only"
edit "$l1" --data-urlencode "first_name=Cilla" \
    --data-urlencode "last_name=Länksdotter" \
    --data-urlencode "email=cilla at example" --data-urlencode "role=technical"
is "$CONSOLE_STATUS" 422 "an edit with a bad e-mail address: 422"
like "$CONSOLE_BODY" 'value="cilla at example"' "  the input kept"
is "$(row "$l1" "email, phone")" \
    "$(printf 'cilla.%s@example.net\t%s' "$tag" "$phone")" "  nothing changed"

# --- the last responsible contact ------------------------------------------

console_post "$jar" "/admin/contacts/$r1/remove" ""
is "$CONSOLE_STATUS" 409 "removing A's only responsible contact is refused (409)"
like "$CONSOLE_BODY" "enda ansvariga kontaktperson" "  with the reason"
is "$(count "id = $r1")" 1 "  it is still there"
edit "$r1" --data-urlencode "first_name=Alva" \
    --data-urlencode "last_name=Provsdotter" \
    --data-urlencode "email=alva.$tag@example.net" --data-urlencode "role=billing"
is "$CONSOLE_STATUS" 422 "so is giving it another role (422)"
like "$CONSOLE_BODY" 'id="role-error"' "  with the message at the role"
is "$(row "$r1" role)" admin "  the role is unchanged"

create "$pa" "Dag" "Ansvarsson" admin
is "$CONSOLE_STATUS" 303 "a second responsible contact of A is named"
r2=$(id_of)
console_post "$jar" "/admin/contacts/$r1/remove" ""
is "$CONSOLE_STATUS" 303 "now the first can be removed (303)"
is "$(count "id = $r1")" 0 "  it is gone"
is "$(audits contact.remove "$r1")" 1 "  audited (contact.remove)"
unlike "$(missing_contacts)" "$name_a" "  A still has a responsible contact"

# --- removing a linked contact disables its console user -------------------

ajar=$TAP_TMP/usera.jar
is "$(console_login "$usera" "$ajar")" 303 "A's console user signs in"
console_get "$ajar" /admin
is "$CONSOLE_STATUS" 200 "  and sees the overview"
console_post "$jar" "/admin/contacts/$l1/remove" ""
is "$CONSOLE_STATUS" 303 "its contact is removed"
is "$(db_query "SELECT disabled, contact_id IS NULL FROM app_user
    WHERE id = $usera_id")" "$(printf '1\t1')" "  the user is disabled"
is "$(db_query "SELECT COUNT(*) FROM session WHERE user_id = $usera_id")" 0 \
    "  its sessions are ended"
is "$(db_query "SELECT detail FROM audit WHERE action = 'contact.remove'
    AND object_ref = '$l1'")" "users disabled: $usera_id" \
    "  audited with the user's id"
is "$(audits user.disable "$usera" user)" 1 "  and the user's disabling"
console_get "$ajar" /admin
is "$CONSOLE_STATUS" 303 "  its next request goes to the sign-in page"
like "$CONSOLE_LOCATION" '/admin/login' "  (to $CONSOLE_LOCATION)"

# --- the due list -------------------------------------------------------------

create "$pb" "Erik" "Flaggsson" admin --data-urlencode "user=$userb_id"
is "$CONSOLE_STATUS" 303 "B's responsible contact, linked to B's user"
f1=$(id_of)
unlike "$(missing_home)" "$name_b" "B's warning is gone from the overview"
db_query "UPDATE contact SET review_due = CURDATE() - INTERVAL 5 DAY
    WHERE id = $r2;
    UPDATE contact SET review_due = CURDATE() - INTERVAL 40 DAY,
    flagged_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = $f1"
purge_on=$(db_query "SELECT DATE(flagged_at + INTERVAL 60 DAY) FROM contact
    WHERE id = $f1")
console_get "$jar" /admin/contacts
due_html=$(sed -n '/<table class="list" id="due">/,/<\/table>/p' \
    <<<"$CONSOLE_BODY")
like "$due_html" "id=\"due-$r2\"" "the due list shows a contact past its review date"
like "$due_html" "id=\"due-$f1\"" "  and a flagged one"
f_html=$(sed -n "/id=\"due-$f1\"/,/<\/tr>/p" <<<"$CONSOLE_BODY")
like "$f_html" 'badge-bad flagged">Flaggad<' "  marked flagged in words"
like "$f_html" "$purge_on" "  with its day of removal ($purge_on)"
unlike "$due_html" "id=\"due-$l1\"" "  not the others"
console_get "$jar" /admin
due_n=$(sed -n 's/.*id="contacts-due">\([0-9]*\)<.*/\1/p' <<<"$CONSOLE_BODY")
check "the overview counts the due contacts ($due_n)" -- test "${due_n:-0}" -ge 2

# --- confirm ------------------------------------------------------------------

for c in "$r2" "$f1"; do
	console_post "$jar" "/admin/contacts/$c/confirm" ""
	is "$CONSOLE_STATUS" 303 "contact $c is confirmed (303)"
	is "$(row "$c" "review_due, confirmed_by, confirmed_at IS NOT NULL,
	    flagged_at IS NULL")" \
	    "$(printf '%s\t%s\t1\t1' "$next_review" "$admin_id")" \
	    "  review in 12 months, confirmed by the administrator, flag cleared"
	is "$(audits contact.confirm "$c")" 1 "  audited (contact.confirm)"
done
console_get "$jar" /admin/contacts
unlike "$CONSOLE_BODY" "id=\"due-($r2|$f1)\"" "they leave the due list"

# --- nothing personal in the audit ------------------------------------------

is "$(db_query "SELECT COUNT(*) FROM audit WHERE action LIKE 'contact.%'
    AND (detail LIKE '%$tag%' OR detail LIKE '%Provsdotter%'
    OR detail LIKE '%Länksdotter%' OR detail LIKE '%Flaggsson%'
    OR object_ref LIKE '%$tag%')")" 0 \
    "no name or e-mail address in the audit"

# --- roles --------------------------------------------------------------------

sjar=$TAP_TMP/support.jar
bjar=$TAP_TMP/userb.jar
is "$(console_login "$support" "$sjar")" 303 "support signs in"
is "$(console_login "$userb" "$bjar")" 303 "B's provider user signs in"
for who in sjar bjar; do
	j=${!who}
	for path in /admin/contacts /admin/contacts/new "/admin/contacts/$r2"; do
		console_get "$j" "$path"
		is "$CONSOLE_STATUS" 403 "$who: GET $path is refused (403)"
	done
	for path in /admin/contacts "/admin/contacts/$r2" \
	    "/admin/contacts/$r2/confirm" "/admin/contacts/$r2/remove"; do
		console_post "$j" "$path" ""
		is "$CONSOLE_STATUS" 403 "$who: POST $path is refused (403)"
	done
done
is "$(count "id = $r2")" 1 "  the contact is untouched"

if [ -n "$p_other" ]; then
	other=$(db_query "INSERT INTO contact (provider_id, first_name,
	    last_name, email, role, review_due) VALUES ($p_other, 'Gun',
	    'Annannät', 'gun.$tag@example.org', 'technical', CURDATE());
	    SELECT LAST_INSERT_ID()")
	console_get "$jar" "/admin/contacts/$other"
	is "$CONSOLE_STATUS" 404 "another network's provider's contact: 404"
	console_post "$jar" "/admin/contacts/$other/remove" ""
	is "$CONSOLE_STATUS" 404 "  and cannot be removed"
	console_get "$jar" /admin/contacts
	unlike "$CONSOLE_BODY" "Annannät" "  nor is it listed"
	db_query "DELETE FROM contact WHERE id = $other"
else
	skip 3 "no provider of andra alone"
fi
console_get "$jar" /admin/contacts/12x
is "$CONSOLE_STATUS" 404 "a malformed id: 404"
console_get "$jar" /en/admin/contacts
like "$CONSOLE_BODY" "Contact persons" "the register in English"

# --- tjgctl contacts review ------------------------------------------------

# Due (review date passed) but within the grace period.
t1=$(db_query "SELECT CONCAT(DATE('$next_review') + INTERVAL 10 DAY,
    ' 08:00:00')")
t1b=${t1% *}" 15:00:00"
# outbox ORG-NAME: the contact_review mails of an organisation.
outbox() {
	db_query "SELECT COUNT(*) FROM outbox WHERE kind = 'contact_review'
	    AND subject LIKE '%$1%'${2:+ AND $2}"
}
out=$(TJG_NOW=$t1 ctl contacts review 2>&1)
ok $? "TJG_NOW=$t1 tjgctl contacts review"
note "$out"
like "$out" "provider c86a-$RUN: 1 due for review, mail queued to 1 responsible contact" \
    "  A: one due, mailed to its responsible contact"
like "$out" "provider c86b-$RUN: 1 due for review, mail queued to 1 responsible contact" \
    "  B too"
unlike "$out" "$tag|Provsdotter|Ansvarsson|Flaggsson" "  nothing personal printed"
is "$(outbox "$name_a")" 1 "one mail queued for A"
is "$(outbox "$name_b")" 1 "one mail queued for B"
is "$(db_query "SELECT to_addr FROM outbox WHERE kind = 'contact_review'
    AND subject LIKE '%$name_a%'")" "dag.$tag@example.net" \
    "  A's goes to its responsible contact"
body=$(db_query "SELECT body FROM outbox WHERE kind = 'contact_review'
    AND subject LIKE '%$name_a%'")
like "$body" "Dag Ansvarsson" "  listing the contact due"
like "$body" "IN ENGLISH" "  Swedish with English below"
unlike "$body" "Flaggsson" "  and nothing of B"
is "$(count "id IN ($r2, $f1) AND flagged_at IS NOT NULL")" 0 \
    "  within the grace period nothing is flagged"
is "$(db_query "SELECT COUNT(*) FROM audit WHERE action = 'contact.review'
    AND object_kind = 'provider' AND object_ref IN ('$pa', '$pb')")" 2 \
    "  audited per organisation"

out=$(TJG_NOW=$t1b ctl contacts review 2>&1)
ok $? "a second run the same day"
like "$out" "provider c86a-$RUN: 1 due for review, already mailed" \
    "  says A was mailed already"
is "$(outbox "$name_a") $(outbox "$name_b")" "1 1" "  and queues nothing"

# tjgctl mail hands it to the stack's mail sink.
ctl mail >"$TAP_TMP/mail.out" 2>&1
ok $? "tjgctl mail"
is "$(outbox "$name_a" "status = 'sent' AND to_addr IS NULL")" 1 \
    "  A's review mail is sent, its address and text erased"
msg=
for f in "$TJG_MAIL_DIR"/*; do
	[ -f "$f" ] || continue
	if perl -MMIME::QuotedPrint -0777 -ne 'print decode_qp($_)' "$f" |
	    grep -q "Tjänsteguidens kontaktregister för $name_a"; then
		msg=$f
	fi
done
isnt "$msg" "" "  it reached the mail program"
if [ -n "$msg" ]; then
	text=$(perl -MMIME::QuotedPrint -0777 -ne 'print decode_qp($_)' "$msg")
	like "$text" "To: dag.$tag@example.net" "  addressed to the responsible contact"
	like "$text" "Dag Ansvarsson, Ansvarig kontaktperson" "  with the list"
	like "$text" "granskas senast $next_review" "  and the review date"
else
	skip 3 "no message"
fi

# Past the grace period: flagged.
t2=$(db_query "SELECT CONCAT(DATE('$next_review') + INTERVAL 35 DAY,
    ' 08:00:00')")
out=$(TJG_NOW=$t2 ctl contacts review 2>&1)
ok $? "TJG_NOW=$t2 tjgctl contacts review"
is "$(count "id IN ($r2, $f1) AND flagged_at = '$t2'")" 2 \
    "  flags the contacts not confirmed 30 days after their review date"
is "$(audits contact.flag "$r2") $(audits contact.flag "$f1")" "1 1" \
    "  audited (contact.flag)"
is "$(outbox "$name_b")" 2 "  and mails B again on the new day"
like "$(db_query "SELECT body FROM outbox WHERE kind = 'contact_review'
    AND subject LIKE '%$name_b%' ORDER BY id DESC LIMIT 1")" \
    "flaggad: tas bort ur registret" "  saying it is flagged"

# A's contact is confirmed in time; B's is not.
console_post "$jar" "/admin/contacts/$r2/confirm" ""
is "$CONSOLE_STATUS" 303 "A's responsible contact is confirmed"
is "$(row "$r2" "flagged_at IS NULL")" 1 "  its flag cleared"

# --- tjgctl purge -------------------------------------------------------------

t3=$(db_query "SELECT CONCAT(DATE('$t2') + INTERVAL 61 DAY, ' 08:00:00')")
is "$(console_login "$userb" "$bjar")" 303 "B's user is signed in before the purge"
out=$(TJG_NOW=$t3 ctl purge 2>&1)
ok $? "TJG_NOW=$t3 tjgctl purge"
note "$out"
is "$(count "id = $f1")" 0 "  removes the contact flagged 60 days before"
is "$(count "id = $r2")" 1 "  keeps the confirmed one"
is "$(row "$r2" "flagged_at = '$t3'")" 1 \
    "  which is flagged again, being overdue by then"
like "$out" "contact $f1 was the last responsible contact of provider $pb" \
    "  and says B lost its responsible contact"
is "$(db_query "SELECT disabled FROM app_user WHERE id = $userb_id")" 1 \
    "  disables the user linked to it"
is "$(db_query "SELECT COUNT(*) FROM session WHERE user_id = $userb_id")" 0 \
    "  ends its sessions"
is "$(audits contact.purge "$f1")" 1 "  audited (contact.purge)"
like "$(db_query "SELECT detail FROM audit WHERE action = 'contact.purge'
    AND object_ref = '$f1'")" "users disabled: $userb_id" \
    "  naming the user by id"
is "$(audits user.disable "$userb" user)" 1 "  and the user's disabling"
console_get "$bjar" /admin
is "$CONSOLE_STATUS" 303 "B's user's next request goes to the sign-in page"
is "$(console_login "$userb" "$bjar")" 401 "  and it cannot sign in again"

out=$(TJG_NOW=$t3 ctl purge 2>&1)
ok $? "a second purge at the same time"
like "$out" "purge: 0 contacts flagged \(.*\), 0 removed" "  does nothing"
is "$(count "id = $r2")" 1 "  A's contact stays"

is "$(console_login "$admin" "$jar")" 303 "the administrator signs in again"
like "$(missing_contacts)" "$name_b" "the register warns again that B has none"

done_testing
