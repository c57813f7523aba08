<?cs ##################################################################
# admin/contact.cs: a new contact (GET /admin/contacts/new) or one
# contact (GET /admin/contacts/ID) with its review facts and the confirm
# and remove buttons (fcgi/h_admin_contacts.c).
#
# Reads Form.{action, first_name, last_name, username, email, phone,
# role, user} (as typed or stored), Form.errors.*; Orgs.N.{value, name,
# network, selected} (new only: the owner's select); Users.N.{id, name,
# role, provider, disabled, selected}; Contact.* (edit only: as in
# admin/contacts.cs); Can.{confirm, remove}; Problem (a refusal);
# Rules.review_months.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/contact_macros.cs" ?><?cs

# input(name, type, label, value, hint, autocomplete): a labelled input
# with its hint and error.
?><?cs def:input(name, type, label, value, hint, autocomplete) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:string.length(hint) ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p>
<?cs /if ?><?cs call:field_error(name) ?><input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>" autocomplete="<?cs var:autocomplete ?>"<?cs if:string.length(Form.errors[name]) ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error<?cs if:string.length(hint) ?> <?cs var:name ?>-hint<?cs /if ?>"<?cs elif:string.length(hint) ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?>>
</div>
<?cs /def ?><?cs

def:role_option(v) ?><option value="<?cs var:v ?>"<?cs if:Form.role == v ?> selected<?cs /if ?>><?cs call:contact_role(v) ?></option>
<?cs /def ?><?cs

if:string.length(Contact.id) ?><?cs set:PageTitle = L.admin.contacts.form.edit_title ?><?cs else ?><?cs set:PageTitle = L.admin.contacts.form.new_title ?><?cs /if ?><?cs
call:admin_start(PageTitle) ?>
<p><a href="<?cs var:Page.base ?>/admin/contacts"><?cs var:L.admin.contacts.back ?></a></p>
<h1><?cs var:PageTitle ?><?cs if:string.length(Contact.id) ?>: <?cs var:Contact.first_name ?> <?cs var:Contact.last_name ?><?cs /if ?></h1>
<?cs call:flash() ?><?cs if:string.length(Problem) ?><div class="error-summary problem" role="alert" tabindex="-1">
<h2><?cs var:L.admin.contacts.form.problem ?></h2>
<p><?cs var:Problem ?></p>
</div>
<?cs /if ?><?cs call:error_summary() ?>
<?cs if:string.length(Contact.id) ?><h2><?cs var:L.admin.contacts.form.facts ?></h2>
<dl class="facts">
<dt><?cs var:L.admin.contacts.col.owner ?></dt><dd><?cs call:contact_owner(Contact) ?></dd>
<dt><?cs var:L.admin.contacts.col.added ?></dt><dd><?cs var:Contact.added_at ?> <?cs var:L.admin.contacts.by ?> <?cs call:who(Contact.added_by) ?></dd>
<dt><?cs var:L.admin.contacts.col.confirmed ?></dt><dd><?cs if:string.length(Contact.confirmed_at) ?><?cs var:Contact.confirmed_at ?> <?cs var:L.admin.contacts.by ?> <?cs call:who(Contact.confirmed_by) ?><?cs else ?><?cs var:L.admin.contacts.never ?><?cs /if ?></dd>
<dt><?cs var:L.admin.contacts.col.review_due ?></dt><dd><span id="review-due"><?cs var:Contact.review_due ?></span><?cs if:Contact.due == "1" ?> <?cs call:contact_state(Contact) ?><?cs /if ?></dd>
<dt><?cs var:L.admin.contacts.col.user ?></dt><dd><?cs call:or_none(Contact.user) ?></dd>
</dl>
<?cs /if ?>
<form method="post" action="<?cs var:Form.action ?>" class="stack" novalidate>
<?cs call:csrf() ?>
<?cs if:!string.length(Contact.id) ?><div class="field">
<label for="owner"><?cs var:L.admin.contacts.form.owner ?></label>
<p class="hint" id="owner-hint"><?cs var:L.admin.contacts.form.owner_hint ?></p>
<?cs call:field_error("owner") ?><select id="owner" name="owner" aria-describedby="owner-hint<?cs if:string.length(Form.errors.owner) ?> owner-error<?cs /if ?>"<?cs if:string.length(Form.errors.owner) ?> aria-invalid="true"<?cs /if ?>>
<option value=""><?cs var:L.admin.contacts.form.owner_choose ?></option>
<?cs each:o = Orgs ?><option value="<?cs var:o.value ?>"<?cs if:o.selected ?> selected<?cs /if ?>><?cs var:o.name ?><?cs if:o.network == "1" ?> <?cs var:L.admin.contacts.network_suffix ?><?cs /if ?></option>
<?cs /each ?></select>
</div>
<?cs /if ?><?cs call:input("first_name", "text", L.admin.contacts.form.first_name, Form.first_name, "", "off") ?>
<?cs call:input("last_name", "text", L.admin.contacts.form.last_name, Form.last_name, "", "off") ?>
<?cs call:input("username", "text", L.admin.contacts.form.username, Form.username, L.admin.contacts.form.username_hint, "off") ?>
<?cs call:input("email", "email", L.admin.contacts.form.email, Form.email, "", "off") ?>
<?cs call:input("phone", "tel", L.admin.contacts.form.phone, Form.phone, L.admin.contacts.form.phone_hint, "off") ?>
<div class="field">
<label for="role"><?cs var:L.admin.contacts.form.role ?></label>
<p class="hint" id="role-hint"><?cs var:L.admin.contacts.form.role_hint ?></p>
<?cs call:field_error("role") ?><select id="role" name="role" aria-describedby="role-hint<?cs if:string.length(Form.errors.role) ?> role-error<?cs /if ?>"<?cs if:string.length(Form.errors.role) ?> aria-invalid="true"<?cs /if ?>>
<?cs call:role_option("admin") ?><?cs call:role_option("technical") ?><?cs call:role_option("orders") ?><?cs call:role_option("billing") ?><?cs call:role_option("privacy") ?><?cs call:role_option("other") ?></select>
</div>
<div class="field">
<label for="user"><?cs var:L.admin.contacts.form.user ?></label>
<p class="hint" id="user-hint"><?cs var:L.admin.contacts.form.user_hint ?></p>
<?cs call:field_error("user") ?><select id="user" name="user" aria-describedby="user-hint<?cs if:string.length(Form.errors.user) ?> user-error<?cs /if ?>"<?cs if:string.length(Form.errors.user) ?> aria-invalid="true"<?cs /if ?>>
<option value=""><?cs var:L.admin.contacts.form.user_none ?></option>
<?cs each:u = Users ?><option value="<?cs var:u.id ?>"<?cs if:u.selected ?> selected<?cs /if ?>><?cs var:u.name ?> (<?cs call:role_name(u.role) ?><?cs if:string.length(u.provider) ?>, <?cs var:u.provider ?><?cs /if ?><?cs if:u.disabled ?>, <?cs var:L.admin.contacts.form.user_disabled ?><?cs /if ?>)</option>
<?cs /each ?></select>
</div>
<button type="submit"><?cs if:string.length(Contact.id) ?><?cs var:L.admin.contacts.form.save ?><?cs else ?><?cs var:L.admin.contacts.form.create ?><?cs /if ?></button>
</form>
<?cs if:string.length(Can.confirm) ?><h2><?cs var:L.admin.contacts.confirm.title ?></h2>
<p><?cs var:L.admin.contacts.confirm.text ?> <?cs var:Rules.review_months ?>.</p>
<form method="post" action="<?cs var:Can.confirm ?>" class="actions">
<?cs call:csrf() ?>
<button type="submit" class="secondary"><?cs var:L.admin.contacts.confirm.submit ?></button>
</form>
<?cs /if ?><?cs if:string.length(Can.remove) ?><h2><?cs var:L.admin.contacts.remove.title ?></h2>
<p><?cs var:L.admin.contacts.remove.text ?></p>
<form method="post" action="<?cs var:Can.remove ?>" class="actions">
<?cs call:csrf() ?>
<button type="submit" class="danger"><?cs var:L.admin.contacts.remove.submit ?></button>
</form>
<?cs /if ?>
<?cs call:admin_end() ?>
