<?cs ##################################################################
# admin/user_new.cs: a new console user. Form.{username, role,
# provider}, Form.errors.*, Providers.N.{id, name} (of this network).
# Its password is made by the server and shown once afterwards.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/user_fields.cs" ?><?cs call:admin_start(L.admin.users.new_title) ?>
<h1><?cs var:L.admin.users.new_title ?></h1>
<?cs call:error_summary() ?>
<p><?cs var:L.admin.users.new_intro ?></p>
<form method="post" action="<?cs var:Page.base ?>/admin/users" class="stack">
<?cs call:csrf() ?>
<?cs call:text_field("username", L.admin.users.username, Form.username, L.admin.users.username_hint) ?>
<?cs call:role_fields() ?>
<button type="submit"><?cs var:L.admin.users.create ?></button>
</form>
<p><a href="<?cs var:Page.base ?>/admin/users"><?cs var:L.admin.users.back ?></a></p>
<?cs call:admin_end() ?>
