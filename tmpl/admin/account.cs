<?cs ##################################################################
# admin/account.cs: the signed-in user's own password. Form.errors.*
# as in layout.cs; Flash.text after a change.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.account.title) ?>
<h1><?cs var:L.admin.account.title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<dl class="facts">
<dt><?cs var:L.admin.account.username ?></dt><dd><?cs var:User.name ?></dd>
<dt><?cs var:L.admin.account.role ?></dt><dd><?cs call:role_name(User.role) ?></dd>
</dl>
<h2><?cs var:L.admin.account.change ?></h2>
<form method="post" action="<?cs var:Page.base ?>/admin/account" class="stack">
<?cs call:csrf() ?>
<div class="field">
<label for="current"><?cs var:L.admin.account.current ?></label>
<?cs call:field_error("current") ?><input type="password" id="current" name="current" autocomplete="current-password"<?cs if:string.length(Form.errors.current) ?> aria-invalid="true" aria-describedby="current-error"<?cs /if ?>>
</div>
<div class="field">
<label for="new"><?cs var:L.admin.account.new ?></label>
<p class="hint" id="new-hint"><?cs var:L.admin.account.new_hint ?></p>
<?cs call:field_error("new") ?><input type="password" id="new" name="new" autocomplete="new-password"<?cs if:string.length(Form.errors.new) ?> aria-invalid="true" aria-describedby="new-error new-hint"<?cs else ?> aria-describedby="new-hint"<?cs /if ?>>
</div>
<div class="field">
<label for="again"><?cs var:L.admin.account.again ?></label>
<?cs call:field_error("again") ?><input type="password" id="again" name="again" autocomplete="new-password"<?cs if:string.length(Form.errors.again) ?> aria-invalid="true" aria-describedby="again-error"<?cs /if ?>>
</div>
<button type="submit"><?cs var:L.admin.account.submit ?></button>
</form>
<?cs call:admin_end() ?>
