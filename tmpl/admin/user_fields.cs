<?cs ##################################################################
# admin/user_fields.cs: the role and provider of a console user, for the
# forms of user_new.cs and user.cs. Reads Form.role, Form.provider,
# Form.errors.*, Providers.N.{id, name}.
?><?cs def:role_fields() ?><div class="field">
<label for="role"><?cs var:L.admin.users.role ?></label>
<p class="hint" id="role-hint"><?cs var:L.admin.users.role_hint ?></p>
<?cs call:field_error("role") ?><select id="role" name="role"<?cs if:string.length(Form.errors.role) ?> aria-invalid="true" aria-describedby="role-error role-hint"<?cs else ?> aria-describedby="role-hint"<?cs /if ?>>
<option value="network_admin"<?cs if:Form.role == "network_admin" ?> selected<?cs /if ?>><?cs var:L.admin.role.network_admin ?></option>
<option value="network_support"<?cs if:Form.role == "network_support" ?> selected<?cs /if ?>><?cs var:L.admin.role.network_support ?></option>
<option value="provider_user"<?cs if:Form.role == "provider_user" ?> selected<?cs /if ?>><?cs var:L.admin.role.provider_user ?></option>
</select>
</div>
<div class="field">
<label for="provider"><?cs var:L.admin.users.provider ?></label>
<p class="hint" id="provider-hint"><?cs var:L.admin.users.provider_hint ?></p>
<?cs call:field_error("provider") ?><select id="provider" name="provider"<?cs if:string.length(Form.errors.provider) ?> aria-invalid="true" aria-describedby="provider-error provider-hint"<?cs else ?> aria-describedby="provider-hint"<?cs /if ?>>
<option value=""><?cs var:L.admin.users.no_provider ?></option>
<?cs each:p = Providers ?><option value="<?cs var:p.id ?>"<?cs if:Form.provider == p.id ?> selected<?cs /if ?>><?cs var:p.name ?></option>
<?cs /each ?></select>
</div>
<?cs /def ?>
