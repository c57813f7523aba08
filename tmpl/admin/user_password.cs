<?cs ##################################################################
# admin/user_password.cs: the password of a new user (Shown.created "1")
# or a reset one, shown this once. Shown.{id, username, role, password}.
?><?cs include:"admin/layout.cs" ?><?cs if:Shown.created == "1" ?><?cs call:admin_start(L.admin.users.created_title) ?>
<h1><?cs var:L.admin.users.created_title ?></h1>
<?cs else ?><?cs call:admin_start(L.admin.users.reset_done_title) ?>
<h1><?cs var:L.admin.users.reset_done_title ?></h1>
<?cs /if ?><dl class="facts">
<dt><?cs var:L.admin.users.username ?></dt><dd><?cs var:Shown.username ?></dd>
<dt><?cs var:L.admin.users.role ?></dt><dd><?cs call:role_name(Shown.role) ?></dd>
<dt><?cs var:L.admin.users.password ?></dt><dd><code class="password"><?cs var:Shown.password ?></code></dd>
</dl>
<div class="notice" role="status"><p><?cs var:L.admin.users.shown_once ?></p></div>
<?cs if:Shown.created != "1" ?><p><?cs var:L.admin.users.sessions_ended ?></p>
<?cs /if ?><p><a href="<?cs var:Page.base ?>/admin/users/<?cs var:Shown.id ?>"><?cs var:L.admin.users.to_user ?></a></p>
<?cs call:admin_end() ?>
