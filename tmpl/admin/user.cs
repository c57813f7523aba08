<?cs ##################################################################
# admin/user.cs: one console user of the network. Edit.{id, username,
# stored_role, provider_name, stored_disabled, created, last_login, self
# ("1" for the signed-in user)}; the form's Form.{role, provider,
# disabled} (as stored or as typed) and Form.errors.*; Providers.N.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/user_fields.cs" ?><?cs call:admin_start(Edit.username) ?>
<h1><?cs var:L.admin.users.user ?> <?cs var:Edit.username ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<dl class="facts">
<dt><?cs var:L.admin.users.role ?></dt><dd><?cs call:role_name(Edit.stored_role) ?><?cs if:string.length(Edit.provider_name) ?>, <?cs var:Edit.provider_name ?><?cs /if ?></dd>
<dt><?cs var:L.admin.users.status ?></dt><dd><?cs if:Edit.stored_disabled == "1" ?><?cs var:L.admin.users.disabled ?><?cs else ?><?cs var:L.admin.users.active ?><?cs /if ?></dd>
<dt><?cs var:L.admin.users.created ?></dt><dd><?cs var:Edit.created ?></dd>
<dt><?cs var:L.admin.users.last_login ?></dt><dd><?cs if:string.length(Edit.last_login) ?><?cs var:Edit.last_login ?><?cs else ?><?cs var:L.admin.users.never ?><?cs /if ?></dd>
</dl>
<h2><?cs var:L.admin.users.change ?></h2>
<?cs if:Edit.self == "1" ?><p class="notice"><?cs var:L.admin.users.self_note ?></p>
<?cs /if ?><form method="post" action="<?cs var:Page.base ?>/admin/users/<?cs var:Edit.id ?>" class="stack">
<?cs call:csrf() ?>
<?cs call:role_fields() ?>
<?cs call:field_error("disabled") ?><div class="field-check">
<input type="checkbox" id="disabled" name="disabled" value="1"<?cs if:Form.disabled == "1" ?> checked<?cs /if ?> aria-describedby="disabled-hint<?cs if:string.length(Form.errors.disabled) ?> disabled-error<?cs /if ?>">
<label for="disabled"><?cs var:L.admin.users.disable ?></label>
</div>
<p class="hint" id="disabled-hint"><?cs var:L.admin.users.disable_hint ?></p>
<button type="submit"><?cs var:L.admin.users.save ?></button>
</form>
<h2 id="password"><?cs var:L.admin.users.reset_title ?></h2>
<?cs call:field_error("password") ?><?cs if:Edit.self == "1" ?><p><a href="<?cs var:Page.base ?>/admin/account"><?cs var:L.admin.users.own_password ?></a></p>
<?cs else ?><p><?cs var:L.admin.users.reset_intro ?></p>
<form method="post" action="<?cs var:Page.base ?>/admin/users/<?cs var:Edit.id ?>/password">
<?cs call:csrf() ?>
<button type="submit" class="danger"><?cs var:L.admin.users.reset ?></button>
</form>
<?cs /if ?><p><a href="<?cs var:Page.base ?>/admin/users"><?cs var:L.admin.users.back ?></a></p>
<?cs call:admin_end() ?>
