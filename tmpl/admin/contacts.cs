<?cs ##################################################################
# admin/contacts.cs: the contact register (GET /admin/contacts,
# fcgi/h_admin_contacts.c): the organisations without a responsible
# contact, the contacts due for review (flagged ones marked, each with a
# confirm button), the filter and the list.
#
# Reads Missing.N.name; Due.N.* and Contacts.N.* (id, url, first_name,
# last_name, username, email, phone, role, owner, owner_kind, added_by,
# added_at, confirmed_by, confirmed_at, review_due, due, flagged_at,
# purge_on, user); Orgs.N.{value, name, network, selected};
# Filter.{owner, role, q} (as typed); Form.errors.* (a bad filter: 422,
# and no list); List.{total, capped, filtered}; Today; Rules.{review_months,
# grace_days, purge_days}.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/contact_macros.cs" ?><?cs

def:role_option(v) ?><option value="<?cs var:v ?>"<?cs if:Filter.role == v ?> selected<?cs /if ?>><?cs call:contact_role(v) ?></option>
<?cs /def ?><?cs

call:admin_start(L.admin.contacts.title) ?>
<h1><?cs var:L.admin.contacts.title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<p><?cs var:L.admin.contacts.intro ?> <?cs var:Rules.review_months ?> <?cs var:L.admin.contacts.intro_months ?> <?cs var:L.admin.contacts.intro_grace ?> <?cs var:Rules.grace_days ?> <?cs var:L.admin.contacts.intro_grace_days ?> <?cs var:Rules.purge_days ?> <?cs var:L.admin.contacts.intro_purge_days ?></p>
<p class="actions"><a href="<?cs var:Page.base ?>/admin/contacts/new"><?cs var:L.admin.contacts.add ?></a></p>

<?cs if:subcount(Missing) > 0 ?><div class="notice contacts-missing" id="missing-responsible" role="alert">
<h2><?cs var:L.admin.contacts.missing.title ?></h2>
<p><?cs var:L.admin.contacts.missing.text ?></p>
<ul>
<?cs each:m = Missing ?><li><?cs var:m.name ?></li>
<?cs /each ?></ul>
<p><?cs var:L.admin.contacts.missing.fix ?></p>
</div>
<?cs /if ?>
<section aria-labelledby="due-heading">
<h2 id="due-heading"><?cs var:L.admin.contacts.due.title ?> (<?cs var:subcount(Due) ?>)</h2>
<?cs if:subcount(Due) > 0 ?><p><?cs var:L.admin.contacts.due.help ?> <?cs var:Today ?>.</p>
<table class="list" id="due">
<caption><?cs var:L.admin.contacts.due.caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.contacts.col.name ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.owner ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.role ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.email ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.review_due ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.status ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.action ?></th>
</tr></thead>
<tbody>
<?cs each:c = Due ?><tr id="due-<?cs var:c.id ?>">
<th scope="row"><a href="<?cs var:c.url ?>"><?cs var:c.first_name ?> <?cs var:c.last_name ?></a></th>
<td><?cs call:contact_owner(c) ?></td>
<td><?cs call:contact_role(c.role) ?></td>
<td><?cs var:c.email ?></td>
<td><?cs var:c.review_due ?></td>
<td><?cs call:contact_state(c) ?></td>
<td><form method="post" action="<?cs var:c.url ?>/confirm" class="actions"><?cs call:csrf() ?><button type="submit" class="secondary"><?cs var:L.admin.contacts.due.confirm ?><span class="vh"> <?cs var:c.first_name ?> <?cs var:c.last_name ?></span></button> <a href="<?cs var:c.url ?>"><?cs var:L.admin.contacts.due.edit ?><span class="vh"> <?cs var:c.first_name ?> <?cs var:c.last_name ?></span></a></form></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p id="no-due"><?cs var:L.admin.contacts.due.none ?></p>
<?cs /if ?></section>

<section aria-labelledby="list-heading">
<h2 id="list-heading"><?cs var:L.admin.contacts.list.title ?></h2>
<form method="get" action="<?cs var:Page.base ?>/admin/contacts" class="filters" role="search" aria-label="<?cs var:L.admin.contacts.filter_label ?>">
<div class="field">
<label for="owner"><?cs var:L.admin.contacts.owner_label ?></label>
<?cs call:field_error("owner") ?><select id="owner" name="owner"<?cs if:string.length(Form.errors.owner) ?> aria-invalid="true" aria-describedby="owner-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.contacts.any ?></option>
<?cs each:o = Orgs ?><option value="<?cs var:o.value ?>"<?cs if:o.selected ?> selected<?cs /if ?>><?cs var:o.name ?><?cs if:o.network == "1" ?> <?cs var:L.admin.contacts.network_suffix ?><?cs /if ?></option>
<?cs /each ?></select>
</div>
<div class="field">
<label for="role"><?cs var:L.admin.contacts.role_label ?></label>
<?cs call:field_error("role") ?><select id="role" name="role"<?cs if:string.length(Form.errors.role) ?> aria-invalid="true" aria-describedby="role-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.contacts.any ?></option>
<?cs call:role_option("admin") ?><?cs call:role_option("technical") ?><?cs call:role_option("orders") ?><?cs call:role_option("billing") ?><?cs call:role_option("privacy") ?><?cs call:role_option("other") ?></select>
</div>
<div class="field">
<label for="q"><?cs var:L.admin.contacts.q_label ?></label>
<?cs call:field_error("q") ?><input type="text" id="q" name="q" value="<?cs var:Filter.q ?>" aria-describedby="q-hint<?cs if:string.length(Form.errors.q) ?> q-error<?cs /if ?>"<?cs if:string.length(Form.errors.q) ?> aria-invalid="true"<?cs /if ?>>
<span class="hint" id="q-hint"><?cs var:L.admin.contacts.q_hint ?></span>
</div>
<div class="actions">
<button type="submit"><?cs var:L.admin.contacts.filter ?></button>
<a href="<?cs var:Page.base ?>/admin/contacts"><?cs var:L.admin.contacts.clear ?></a>
</div>
</form>
<?cs if:subcount(Form.errors) == 0 ?><?cs if:subcount(Contacts) > 0 ?><p class="count"><?cs var:L.admin.contacts.list.count ?> <span class="total"><?cs var:List.total ?></span></p>
<?cs if:List.capped ?><p class="notice"><?cs var:L.admin.contacts.list.capped ?></p>
<?cs /if ?><table class="list" id="contacts">
<caption><?cs var:L.admin.contacts.list.caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.contacts.col.name ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.username ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.email ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.phone ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.role ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.owner ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.added ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.confirmed ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.review_due ?></th>
<th scope="col"><?cs var:L.admin.contacts.col.user ?></th>
</tr></thead>
<tbody>
<?cs each:c = Contacts ?><tr id="contact-<?cs var:c.id ?>">
<th scope="row"><a href="<?cs var:c.url ?>"><?cs var:c.first_name ?> <?cs var:c.last_name ?></a></th>
<td><?cs call:or_none(c.username) ?></td>
<td><?cs var:c.email ?></td>
<td><?cs call:or_none(c.phone) ?></td>
<td><?cs call:contact_role(c.role) ?></td>
<td><?cs call:contact_owner(c) ?></td>
<td><?cs var:c.added_at ?> <?cs var:L.admin.contacts.by ?> <?cs call:who(c.added_by) ?></td>
<td><?cs if:string.length(c.confirmed_at) ?><?cs var:c.confirmed_at ?> <?cs var:L.admin.contacts.by ?> <?cs call:who(c.confirmed_by) ?><?cs else ?><?cs var:L.admin.contacts.never ?><?cs /if ?></td>
<td><?cs var:c.review_due ?><?cs if:c.due == "1" ?> <?cs call:contact_state(c) ?><?cs /if ?></td>
<td><?cs call:or_none(c.user) ?></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs elif:List.filtered ?><p class="none"><?cs var:L.admin.contacts.list.none ?></p>
<?cs else ?><p class="none"><?cs var:L.admin.contacts.list.empty ?></p>
<?cs /if ?><?cs /if ?></section>
<?cs call:admin_end() ?>
