<?cs ##################################################################
# admin/login.cs: the sign-in form. Login.username (kept after an error),
# Login.next (where to go after), Login.csrf (the pre-session form
# token), Login.error (translated message), Login.status (429: wait).
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.login.title) ?>
<h1><?cs var:L.admin.login.title ?></h1>
<?cs if:string.length(Login.error) ?><div class="error-summary" role="alert" tabindex="-1">
<h2><?cs var:L.admin.login.failed ?></h2>
<p id="login-error"><?cs var:Login.error ?></p>
</div>
<?cs /if ?><?cs if:string.length(Login.signed_out) ?><div class="notice flash" role="status"><p><?cs var:L.admin.login.signed_out ?></p></div>
<?cs /if ?><form method="post" action="<?cs var:Page.base ?>/admin/login" class="stack login">
<input type="hidden" name="csrf" value="<?cs var:Login.csrf ?>">
<input type="hidden" name="next" value="<?cs var:Login.next ?>">
<div class="field">
<label for="username"><?cs var:L.admin.login.username ?></label>
<input type="text" id="username" name="username" value="<?cs var:Login.username ?>" autocomplete="username" autocapitalize="none" spellcheck="false" required<?cs if:string.length(Login.error) ?> aria-describedby="login-error"<?cs /if ?>>
</div>
<div class="field">
<label for="password"><?cs var:L.admin.login.password ?></label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
</div>
<button type="submit"><?cs var:L.admin.login.submit ?></button>
</form>
<p class="note"><?cs var:L.admin.login.help ?></p>
<?cs call:admin_end() ?>
