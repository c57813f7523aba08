<?cs ##################################################################
# admin/provider.cs: a new provider (no Provider.id), or one provider's
# settings, API tokens and certificate. Form.v.* the form's values,
# Form.errors.* as in layout.cs (Form.errors.cert for the upload).
# Provider.{id, slug, name, nservices, own_other};
# Tokens.N.{id, label, created, last_used, revoked, created_by};
# Cert.{subject, fingerprint, not_after, expired}.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/catalog_form.cs" ?><?cs
if:string.length(Provider.id) ?><?cs set:title = Provider.name ?><?cs
else ?><?cs set:title = L.admin.providers.new_title ?><?cs /if ?><?cs
call:admin_start(title) ?>
<p><a href="<?cs var:Page.base ?>/admin/providers"><?cs var:L.admin.providers.back ?></a></p>
<h1><?cs var:title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<?cs if:string.length(Provider.id) ?><nav aria-label="<?cs var:L.admin.providers.links ?>"><ul class="actions">
<li><a href="<?cs var:Page.base ?>/admin/services?provider=<?cs var:Provider.id ?>"><?cs var:L.admin.providers.services_link ?></a> (<?cs var:Provider.nservices ?>)</li>
<li><a href="<?cs var:Page.base ?>/admin/fields?provider=<?cs var:Provider.id ?>"><?cs var:L.admin.providers.fields_link ?></a></li>
<li><a href="#tokens"><?cs var:L.admin.providers.tokens_title ?></a></li>
<li><a href="#certificate"><?cs var:L.admin.providers.cert_title ?></a></li>
</ul></nav>
<?cs /if ?><form method="post" action="<?cs var:Page.base ?>/admin/providers<?cs if:string.length(Provider.id) ?>/<?cs var:Provider.id ?><?cs /if ?>" class="stack" novalidate>
<?cs call:csrf() ?>
<fieldset>
<legend><?cs var:L.admin.providers.sec_company ?></legend>
<?cs if:string.length(Provider.id) ?><dl class="facts"><dt><?cs var:L.admin.providers.slug ?></dt><dd><?cs var:Provider.slug ?></dd></dl>
<?cs else ?><?cs call:in_field("slug", L.admin.providers.slug, L.admin.providers.slug_hint, "text", "64", "") ?><?cs /if ?>
<?cs call:in_field("name", L.admin.providers.name, "", "text", "200", "") ?>
<?cs call:in_field("legal_name", L.admin.providers.legal_name, "", "text", "200", "") ?>
<?cs call:in_field("org_number", L.admin.providers.org_number, L.admin.providers.org_hint, "text", "11", "numeric") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.providers.sec_contact ?></legend>
<?cs call:in_field("email", L.admin.providers.email, "", "email", "254", "") ?>
<?cs call:in_field("phone", L.admin.providers.phone, "", "tel", "32", "") ?>
<?cs call:in_field("url", L.admin.providers.url, L.admin.providers.url_hint, "url", "500", "") ?>
<?cs call:in_field("terms_url", L.admin.providers.terms_url, "", "url", "500", "") ?>
<?cs call:in_field("privacy_url", L.admin.providers.privacy_url, "", "url", "500", "") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.providers.sec_pnr ?></legend>
<?cs call:check_field("requires_pnr", L.admin.providers.requires_pnr, "") ?>
<?cs call:check_field("refuses_samordning", L.admin.providers.refuses_samordning, L.admin.providers.nosam_hint) ?>
<?cs call:area_field("pnr_reason_sv", L.admin.providers.pnr_reason_sv, L.admin.providers.reason_hint, "500", "2") ?>
<?cs call:area_field("pnr_reason_en", L.admin.providers.pnr_reason_en, "", "500", "2") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.providers.sec_alerts ?></legend>
<?cs call:in_field("alert_unfetched_hours", L.admin.providers.alert_unfetched_hours, L.admin.providers.hours_hint, "text", "5", "numeric") ?>
<?cs call:in_field("alert_unacked_hours", L.admin.providers.alert_unacked_hours, L.admin.providers.hours_hint, "text", "5", "numeric") ?>
<?cs call:in_field("alert_email", L.admin.providers.alert_email, L.admin.providers.alert_email_hint, "email", "254", "") ?>
<?cs call:in_field("poll_interval_s", L.admin.providers.poll_interval_s, L.admin.providers.poll_hint, "text", "6", "numeric") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.providers.sec_network ?></legend>
<?cs call:check_field("own_network", L.admin.providers.own_network, L.admin.providers.own_hint) ?>
<?cs if:Provider.own_other == "1" ?><p class="notice"><?cs var:L.admin.providers.own_other ?></p>
<?cs /if ?><?cs call:check_field("active", L.admin.providers.active, L.admin.providers.active_hint) ?>
</fieldset>
<p class="hint"><?cs var:L.admin.catalog.cache_hint ?></p>
<button type="submit"><?cs if:string.length(Provider.id) ?><?cs var:L.admin.providers.save ?><?cs else ?><?cs var:L.admin.providers.create ?><?cs /if ?></button>
</form>
<?cs if:string.length(Provider.id) ?>
<h2 id="tokens"><?cs var:L.admin.providers.tokens_title ?></h2>
<p><?cs var:L.admin.providers.tokens_intro ?></p>
<?cs if:subcount(Tokens) > 0 ?><table class="list">
<caption><?cs var:L.admin.providers.tokens_caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.providers.token_label ?></th>
<th scope="col"><?cs var:L.admin.providers.token_created ?></th>
<th scope="col"><?cs var:L.admin.providers.token_last_used ?></th>
<th scope="col"><?cs var:L.admin.providers.token_status ?></th>
</tr></thead>
<tbody>
<?cs each:t = Tokens ?><tr>
<th scope="row"><?cs if:string.length(t.label) ?><?cs var:t.label ?><?cs else ?>#<?cs var:t.id ?><?cs /if ?></th>
<td><?cs var:t.created ?><?cs if:string.length(t.created_by) ?> <?cs var:L.admin.providers.token_by ?> <?cs var:t.created_by ?><?cs /if ?></td>
<td><?cs if:string.length(t.last_used) ?><?cs var:t.last_used ?><?cs else ?><?cs var:L.admin.providers.token_never ?><?cs /if ?></td>
<td><?cs if:string.length(t.revoked) ?><span class="badge badge-bad"><?cs var:L.admin.providers.token_revoked ?></span> <?cs var:t.revoked ?><?cs
else ?><form method="post" action="<?cs var:Page.base ?>/admin/tokens/<?cs var:t.id ?>/revoke"><?cs call:csrf() ?><span class="badge badge-ok"><?cs var:L.admin.catalog.active ?></span> <button type="submit" class="secondary"><?cs var:L.admin.providers.token_revoke ?><span class="vh"> <?cs if:string.length(t.label) ?><?cs var:t.label ?><?cs else ?>#<?cs var:t.id ?><?cs /if ?></span></button></form><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:L.admin.providers.tokens_none ?></p>
<?cs /if ?><form method="post" action="<?cs var:Page.base ?>/admin/providers/<?cs var:Provider.id ?>/tokens" class="stack">
<?cs call:csrf() ?>
<h3><?cs var:L.admin.providers.token_new ?></h3>
<div class="field">
<label for="label"><?cs var:L.admin.providers.token_label ?></label>
<p class="hint" id="label-hint"><?cs var:L.admin.providers.token_label_hint ?></p>
<input type="text" id="label" name="label" maxlength="100" aria-describedby="label-hint">
</div>
<button type="submit"><?cs var:L.admin.providers.token_create ?></button>
</form>

<h2 id="certificate"><?cs var:L.admin.providers.cert_title ?></h2>
<p><?cs var:L.admin.providers.cert_intro ?></p>
<?cs if:string.length(Cert.fingerprint) ?><dl class="facts">
<dt><?cs var:L.admin.providers.cert_subject ?></dt><dd><?cs var:Cert.subject ?></dd>
<dt><?cs var:L.admin.providers.cert_fingerprint ?></dt><dd><code id="cert-fingerprint"><?cs var:Cert.fingerprint ?></code></dd>
<dt><?cs var:L.admin.providers.cert_not_after ?></dt><dd><?cs var:Cert.not_after ?><?cs if:Cert.expired == "1" ?> <span class="badge badge-bad"><?cs var:L.admin.providers.cert_expired ?></span><?cs /if ?></dd>
</dl>
<form method="post" action="<?cs var:Page.base ?>/admin/providers/<?cs var:Provider.id ?>/cert" class="actions">
<?cs call:csrf() ?><input type="hidden" name="remove" value="1">
<button type="submit" class="danger"><?cs var:L.admin.providers.cert_remove ?></button>
</form>
<?cs else ?><p><?cs var:L.admin.providers.cert_none ?></p>
<?cs /if ?><form method="post" action="<?cs var:Page.base ?>/admin/providers/<?cs var:Provider.id ?>/cert" enctype="multipart/form-data" class="stack">
<?cs call:csrf() ?>
<div class="field">
<label for="cert"><?cs var:L.admin.providers.cert_file ?></label>
<p class="hint" id="cert-hint"><?cs var:L.admin.providers.cert_hint ?></p>
<?cs call:field_error("cert") ?><input type="file" id="cert" name="cert" accept=".pem,.crt,.cer"<?cs call:described("cert", "1") ?>>
</div>
<button type="submit"><?cs var:L.admin.providers.cert_upload ?></button>
</form>
<?cs /if ?><?cs call:admin_end() ?>
