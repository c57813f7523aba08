<?cs ##################################################################
# admin/network.cs: the network's settings (Form.<column>, as stored or
# as typed, with Form.errors.*), the current contrast (Contrast.text,
# Contrast.primary), the logo (Logo.type, .kb, .version, .max_kb), and
# the search snippet for the network's own web site (Embed.action),
# shown as text to copy.
?><?cs include:"admin/layout.cs" ?><?cs

def:area_field(name, label, value, hint) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:string.length(hint) ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p>
<?cs /if ?><?cs call:field_error(name) ?><textarea id="<?cs var:name ?>" name="<?cs var:name ?>" rows="4"<?cs if:string.length(Form.errors[name]) ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error<?cs if:string.length(hint) ?> <?cs var:name ?>-hint<?cs /if ?>"<?cs elif:string.length(hint) ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?>><?cs var:value ?></textarea>
</div>
<?cs /def ?><?cs

call:admin_start(L.admin.network.title) ?>
<h1><?cs var:L.admin.network.title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<p><?cs var:L.admin.network.intro ?></p>
<form method="post" action="<?cs var:Page.base ?>/admin/network" class="stack">
<?cs call:csrf() ?>
<fieldset>
<legend><?cs var:L.admin.network.org ?></legend>
<?cs call:text_field("name", L.admin.network.name, Form.name, L.admin.network.name_hint) ?>
<?cs call:text_field("legal_name", L.admin.network.legal_name, Form.legal_name, L.admin.network.legal_name_hint) ?>
<?cs call:text_field("org_number", L.admin.network.org_number, Form.org_number, L.admin.network.org_number_hint) ?>
<?cs call:area_field("postal_address", L.admin.network.postal_address, Form.postal_address, "") ?>
<?cs call:text_field("privacy_email", L.admin.network.privacy_email, Form.privacy_email, L.admin.network.privacy_email_hint) ?>
<?cs call:text_field("site_url", L.admin.network.site_url, Form.site_url, L.admin.network.url_hint) ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.network.contact ?></legend>
<p class="hint"><?cs var:L.admin.network.contact_intro ?></p>
<?cs call:text_field("contact_phone", L.admin.network.contact_phone, Form.contact_phone, "") ?>
<?cs call:text_field("contact_email", L.admin.network.contact_email, Form.contact_email, "") ?>
<?cs call:text_field("contact_url", L.admin.network.contact_url, Form.contact_url, L.admin.network.url_hint) ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.network.colours ?></legend>
<p class="hint"><?cs var:L.admin.network.colours_intro ?></p>
<?cs if:string.length(Contrast.text) ?><p><?cs var:L.admin.network.contrast_now ?> <?cs var:L.admin.network.contrast_text ?> <?cs var:Contrast.text ?>, <?cs var:L.admin.network.contrast_primary ?> <?cs var:Contrast.primary ?>.</p>
<?cs /if ?><?cs call:text_field("colour_primary", L.admin.network.colour_primary, Form.colour_primary, L.admin.network.colour_primary_hint) ?>
<?cs call:text_field("colour_accent", L.admin.network.colour_accent, Form.colour_accent, L.admin.network.colour_accent_hint) ?>
<?cs call:text_field("colour_text", L.admin.network.colour_text, Form.colour_text, L.admin.network.colour_hint) ?>
<?cs call:text_field("colour_background", L.admin.network.colour_background, Form.colour_background, L.admin.network.colour_background_hint) ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.network.texts ?></legend>
<p class="hint"><?cs var:L.admin.network.texts_intro ?></p>
<?cs call:text_field("landing_title_sv", L.admin.network.landing_title_sv, Form.landing_title_sv, "") ?>
<?cs call:area_field("landing_text_sv", L.admin.network.landing_text_sv, Form.landing_text_sv, "") ?>
<?cs call:text_field("landing_title_en", L.admin.network.landing_title_en, Form.landing_title_en, "") ?>
<?cs call:area_field("landing_text_en", L.admin.network.landing_text_en, Form.landing_text_en, "") ?>
<?cs call:area_field("footer_text_sv", L.admin.network.footer_text_sv, Form.footer_text_sv, L.admin.network.footer_hint) ?>
<?cs call:area_field("footer_text_en", L.admin.network.footer_text_en, Form.footer_text_en, "") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.network.settings ?></legend>
<?cs call:text_field("retention_days", L.admin.network.retention_days, Form.retention_days, L.admin.network.retention_hint) ?>
<?cs call:text_field("alert_email", L.admin.network.alert_email, Form.alert_email, L.admin.network.alert_email_hint) ?>
<?cs call:text_field("alert_unfetched_hours", L.admin.network.alert_unfetched, Form.alert_unfetched_hours, L.admin.network.hours_hint) ?>
<?cs call:text_field("alert_unacked_hours", L.admin.network.alert_unacked, Form.alert_unacked_hours, L.admin.network.hours_hint) ?>
<?cs call:text_field("embed_origins", L.admin.network.embed_origins, Form.embed_origins, L.admin.network.embed_origins_hint) ?>
</fieldset>
<p class="hint"><?cs var:L.admin.network.delay ?></p>
<button type="submit"><?cs var:L.admin.network.submit ?></button>
</form>

<section aria-labelledby="logo-title">
<h2 id="logo-title"><?cs var:L.admin.network.logo ?></h2>
<?cs if:string.length(Logo.type) ?><p><img class="logo-preview" src="/logo?v=<?cs var:Logo.version ?>" alt="<?cs var:L.admin.network.logo_current ?>"></p>
<p><?cs var:L.admin.network.logo_now ?> <?cs var:Logo.type ?>, <?cs var:Logo.kb ?> kB.</p>
<?cs else ?><p><?cs var:L.admin.network.logo_none ?></p>
<?cs /if ?><form method="post" action="<?cs var:Page.base ?>/admin/network/logo" enctype="multipart/form-data" class="stack">
<?cs call:csrf() ?>
<div class="field">
<label for="logo"><?cs var:L.admin.network.logo_file ?></label>
<p class="hint" id="logo-hint"><?cs var:L.admin.network.logo_hint ?> <?cs var:Logo.max_kb ?> kB.</p>
<?cs call:field_error("logo") ?><input type="file" id="logo" name="logo" accept="image/png,image/jpeg,image/webp"<?cs if:string.length(Form.errors.logo) ?> aria-invalid="true" aria-describedby="logo-error logo-hint"<?cs else ?> aria-describedby="logo-hint"<?cs /if ?>>
</div>
<button type="submit"><?cs var:L.admin.network.logo_submit ?></button>
</form>
<?cs if:string.length(Logo.type) ?><form method="post" action="<?cs var:Page.base ?>/admin/network/logo" class="actions">
<?cs call:csrf() ?><input type="hidden" name="remove" value="1">
<button type="submit" class="secondary"><?cs var:L.admin.network.logo_remove ?></button>
</form>
<?cs /if ?></section>

<section aria-labelledby="embed-title">
<h2 id="embed-title"><?cs var:L.admin.network.embed_title ?></h2>
<p><?cs var:L.admin.network.embed_intro ?></p>
<pre class="snippet"><code>&lt;form action="<?cs var:Embed.action ?>" method="get" role="search"&gt;
  &lt;label for="tjg-q"&gt;<?cs var:L.search.label ?>&lt;/label&gt;
  &lt;input type="search" id="tjg-q" name="q" autocomplete="address-line1"&gt;
  &lt;button type="submit"&gt;<?cs var:L.search.button ?>&lt;/button&gt;
&lt;/form&gt;</code></pre>
<p class="hint"><?cs var:L.admin.network.embed_after ?></p>
</section>
<?cs call:admin_end() ?>
