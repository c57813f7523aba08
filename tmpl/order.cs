<?cs ##################################################################
# order.cs: the order form (GET and POST /bestall/CODE/ID).
#
# Reads Outlet.{code, apartment, status, active_from, url},
# Addr.{line, place}, Service.{id, name, description, provider,
# provider_email, provider_phone, provider_url, terms_url, down, up,
# monthly, start_fee, binding, notice, campaign.*, total, total_months},
# Net.name, Form.{action, csrf, min_date, privacy_url},
# Form.pnr.{required, reason, no_samordning}, Form.v.<field> (what was
# typed), Form.err.<field> (translated messages), Errors.count and
# Errors.N.{field, text}, Form.Extra.N.{name, label, help, kind,
# required, max_len, value, Options.M.{value, label}}.
#
# Field names and ids: first_name, last_name, email, phone, pnr, invoice,
# invoice_street, invoice_postcode, invoice_city, start_date, x1..x8,
# terms, and the honeypot website. The form is sent without the
# browser's own validation (novalidate): the server checks everything
# and answers with the error summary and a message at each field.
#
?><?cs include:"layout.cs" ?><?cs include:"service.cs" ?><?cs

# req(r): the text mark of a required ("1") or optional ("0") field;
# none for anything else (the invoice address: its legend explains).
?><?cs def:req(r) ?><?cs if:r == "1" ?> <span class="req">(<?cs var:L.form.required ?>)</span><?cs elif:r == "0" ?> <span class="opt">(<?cs var:L.form.optional ?>)</span><?cs /if ?><?cs /def ?><?cs

# field_error(name): the message at a field, id NAME-error.
?><?cs def:field_error(name) ?><?cs if:string.length(Form.err[name]) ?><p class="field-error" id="<?cs var:name ?>-error"><span class="vh"><?cs var:L.form.error_prefix ?>: </span><?cs var:Form.err[name] ?></p>
<?cs /if ?><?cs /def ?><?cs

# described(name, hint): aria-invalid and aria-describedby of a field
# with an optional hint (hint is "1" when NAME-hint exists).
?><?cs def:described(name, hint) ?><?cs
if:string.length(Form.err[name]) ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error<?cs if:hint == "1" ?> <?cs var:name ?>-hint<?cs /if ?>"<?cs
elif:hint == "1" ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?><?cs /def ?><?cs

# text_field(name, type, label, r, hint, ac, im, maxlen): one labelled
# input whose value is kept in Form.v.NAME. r is "1" when required; hint
# and im (inputmode) may be "".
?><?cs def:text_field(name, type, label, r, hint, ac, im, maxlen) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?><?cs call:req(r) ?></label>
<?cs if:string.length(hint) ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p>
<?cs /if ?><?cs call:field_error(name) ?><input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:Form.v[name] ?>" maxlength="<?cs var:maxlen ?>" autocomplete="<?cs var:ac ?>"<?cs if:string.length(im) ?> inputmode="<?cs var:im ?>"<?cs /if ?><?cs if:type == "text" ?> spellcheck="false"<?cs /if ?><?cs if:r == "1" ?> required<?cs /if ?><?cs if:string.length(hint) ?><?cs call:described(name, "1") ?><?cs else ?><?cs call:described(name, "0") ?><?cs /if ?>>
</div>
<?cs /def ?><?cs

# extra_field(x): a field the provider or the network asked for.
?><?cs def:extra_field(x) ?><?cs
if:x.kind == "checkbox" ?><div class="field check">
<?cs if:string.length(x.help) ?><p class="hint" id="<?cs var:x.name ?>-hint"><?cs var:x.help ?></p>
<?cs /if ?><?cs call:field_error(x.name) ?><input type="checkbox" id="<?cs var:x.name ?>" name="<?cs var:x.name ?>" value="1"<?cs if:string.length(x.value) ?> checked<?cs /if ?><?cs if:x.required == "1" ?> required<?cs /if ?><?cs if:string.length(x.help) ?><?cs call:described(x.name, "1") ?><?cs else ?><?cs call:described(x.name, "0") ?><?cs /if ?>>
<label for="<?cs var:x.name ?>"><?cs var:x.label ?><?cs if:x.required == "1" ?><?cs call:req("1") ?><?cs /if ?></label>
</div>
<?cs else ?><div class="field">
<label for="<?cs var:x.name ?>"><?cs var:x.label ?><?cs call:req(x.required) ?></label>
<?cs if:string.length(x.help) ?><p class="hint" id="<?cs var:x.name ?>-hint"><?cs var:x.help ?></p>
<?cs elif:x.kind == "date" ?><p class="hint" id="<?cs var:x.name ?>-hint"><?cs var:L.form.date_hint ?></p>
<?cs /if ?><?cs call:field_error(x.name) ?><?cs
if:x.kind == "select" ?><select id="<?cs var:x.name ?>" name="<?cs var:x.name ?>"<?cs if:x.required == "1" ?> required<?cs /if ?><?cs if:string.length(x.help) ?><?cs call:described(x.name, "1") ?><?cs else ?><?cs call:described(x.name, "0") ?><?cs /if ?>>
<option value=""><?cs var:L.form.choose ?></option>
<?cs each:o = x.Options ?><option value="<?cs var:o.value ?>"<?cs if:string.length(x.value) && o.value == x.value ?> selected<?cs /if ?>><?cs var:o.label ?></option>
<?cs /each ?></select>
<?cs else ?><input type="<?cs if:x.kind == "date" ?>date<?cs else ?>text<?cs /if ?>" id="<?cs var:x.name ?>" name="<?cs var:x.name ?>" value="<?cs var:x.value ?>"<?cs if:x.kind == "date" ?> min="<?cs var:Form.min_date ?>" class="date"<?cs elif:#x.max_len > 0 ?> maxlength="<?cs var:x.max_len ?>"<?cs if:#x.max_len < 20 ?> class="short"<?cs /if ?><?cs /if ?> autocomplete="off"<?cs if:x.required == "1" ?> required<?cs /if ?><?cs if:string.length(x.help) || x.kind == "date" ?><?cs call:described(x.name, "1") ?><?cs else ?><?cs call:described(x.name, "0") ?><?cs /if ?>>
<?cs /if ?></div>
<?cs /if ?><?cs /def ?><?cs

# field_label(f): the label of field f, for the error summary.
?><?cs def:field_label(f) ?><?cs
if:f == "first_name" ?><?cs var:L.form.first_name ?><?cs
elif:f == "last_name" ?><?cs var:L.form.last_name ?><?cs
elif:f == "email" ?><?cs var:L.form.email ?><?cs
elif:f == "phone" ?><?cs var:L.form.phone ?><?cs
elif:f == "pnr" ?><?cs var:L.form.pnr ?><?cs
elif:f == "invoice_street" ?><?cs var:L.form.invoice_street_long ?><?cs
elif:f == "invoice_postcode" ?><?cs var:L.form.invoice_postcode_long ?><?cs
elif:f == "invoice_city" ?><?cs var:L.form.invoice_city_long ?><?cs
elif:f == "start_date" ?><?cs var:L.form.start_date ?><?cs
elif:f == "terms" ?><?cs var:L.form.terms_short ?><?cs
else ?><?cs each:x = Form.Extra ?><?cs if:x.name == f ?><?cs var:x.label ?><?cs /if ?><?cs /each ?><?cs /if ?><?cs /def ?><?cs

if:#Errors.count > 0 ?><?cs call:page_start(L.order.title, L.form.error_prefix) ?><?cs
else ?><?cs call:page_start(L.order.title, Service.name) ?><?cs /if ?>
<h1><?cs var:L.order.h1 ?> <span class="sub"><?cs var:Service.name ?> <?cs var:L.service.by ?> <?cs var:Service.provider ?></span></h1>
<?cs if:#Errors.count > 0 ?><div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title"><?cs var:L.form.error_title ?></h2>
<ul>
<?cs each:e = Errors ?><?cs if:?e.text ?><li><?cs if:e.field == "csrf" ?><a href="#order-form"><?cs var:e.text ?></a><?cs else ?><a href="#<?cs var:e.field ?>"><?cs call:field_label(e.field) ?>: <?cs var:e.text ?></a><?cs /if ?></li>
<?cs /if ?><?cs /each ?></ul>
</div>
<?cs /if ?><section class="chosen" aria-labelledby="chosen-title">
<h2 id="chosen-title"><?cs var:L.order.chosen_title ?></h2>
<dl class="facts where">
<dt><?cs var:L.order.service ?></dt>
<dd><strong><?cs var:Service.name ?></strong></dd>
<dt><?cs var:L.order.provider ?></dt>
<dd><?cs var:Service.provider ?></dd>
<dt><?cs var:L.order.address ?></dt>
<dd><?cs var:Addr.line ?><?cs if:string.length(Addr.place) ?>, <?cs var:Addr.place ?><?cs /if ?></dd>
<?cs if:string.length(Outlet.apartment) ?><dt><?cs var:L.outlets.apartment ?></dt>
<dd><?cs var:Outlet.apartment ?></dd>
<?cs /if ?><dt><?cs var:L.outlets.code ?></dt>
<dd class="code"><?cs var:Outlet.code ?></dd>
</dl>
<?cs call:facts(Service) ?><?cs if:Outlet.status == "planned" ?><p class="notice"><?cs if:string.length(Outlet.active_from) ?><?cs var:L.outlet.planned_from ?> <span class="nw"><?cs var:Outlet.active_from ?></span>. <?cs /if ?><?cs var:L.order.planned ?></p>
<?cs /if ?><ul class="links">
<?cs if:string.slice(Service.terms_url, 0, 8) == "https://" || string.slice(Service.terms_url, 0, 7) == "http://" || string.slice(Service.terms_url, 0, 1) == "/" ?><li><a href="<?cs var:Service.terms_url ?>"><?cs var:L.service.terms ?></a></li>
<?cs /if ?><?cs if:string.length(Outlet.url) ?><li><a href="<?cs var:Outlet.url ?>"><?cs var:L.order.change ?></a></li>
<?cs /if ?></ul>
</section>
<section class="privacy" aria-labelledby="privacy-title">
<h2 id="privacy-title"><?cs var:L.order.privacy_title ?></h2>
<ul>
<li><strong><?cs var:Service.provider ?></strong>, <?cs var:L.order.privacy_provider ?></li>
<?cs if:string.length(Net.name) ?><li><strong><?cs var:Net.name ?></strong>, <?cs var:L.order.privacy_network ?></li>
<?cs /if ?></ul>
<?cs if:string.length(Form.privacy_url) ?><p><a href="<?cs var:Form.privacy_url ?>"><?cs var:L.order.privacy_link ?></a></p>
<?cs /if ?></section>
<form id="order-form" class="order" action="<?cs var:Form.action ?>" method="post" novalidate aria-labelledby="form-title">
<h2 id="form-title"><?cs var:L.order.form_title ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Form.csrf ?>">
<p class="note"><?cs var:L.order.required_note ?></p>
<fieldset>
<legend><?cs var:L.form.you_legend ?></legend>
<?cs call:text_field("first_name", "text", L.form.first_name, "1", "", "given-name", "", "100") ?><?cs
call:text_field("last_name", "text", L.form.last_name, "1", "", "family-name", "", "100") ?><?cs
call:text_field("email", "email", L.form.email, "1", L.form.email_hint, "email", "", "254") ?><?cs
call:text_field("phone", "tel", L.form.phone, "1", L.form.phone_hint, "tel", "", "40") ?><?cs
if:Form.pnr.required == "1" ?><div class="field">
<label for="pnr"><?cs var:L.form.pnr ?><?cs call:req("1") ?></label>
<p class="hint" id="pnr-hint"><?cs var:L.form.pnr_hint ?><?cs if:Form.pnr.no_samordning == "1" ?> <strong><?cs var:L.form.pnr_no_samordning ?></strong><?cs else ?> <?cs var:L.form.pnr_samordning ?><?cs /if ?></p>
<?cs if:string.length(Form.pnr.reason) ?><p class="reason" id="pnr-reason"><?cs var:L.form.pnr_reason_pre ?> <?cs var:Service.provider ?> <?cs var:L.form.pnr_reason_post ?> <?cs var:Form.pnr.reason ?></p>
<?cs /if ?><?cs call:field_error("pnr") ?><input type="text" id="pnr" name="pnr" value="<?cs var:Form.v.pnr ?>" maxlength="20" inputmode="numeric" autocomplete="off" spellcheck="false" required<?cs if:string.length(Form.err.pnr) ?> aria-invalid="true"<?cs /if ?> aria-describedby="<?cs if:string.length(Form.err.pnr) ?>pnr-error <?cs /if ?>pnr-hint<?cs if:string.length(Form.pnr.reason) ?> pnr-reason<?cs /if ?>">
</div>
<?cs /if ?></fieldset>
<fieldset>
<legend><?cs var:L.form.invoice_title ?></legend>
<div class="field check">
<input type="checkbox" id="invoice" name="invoice" value="1"<?cs if:?Form.v.invoice ?> checked<?cs /if ?>>
<label for="invoice"><?cs var:L.form.invoice ?></label>
</div>
<fieldset class="sub">
<legend><?cs var:L.form.invoice_legend ?></legend>
<?cs call:text_field("invoice_street", "text", L.form.invoice_street, "if", "", "billing street-address", "", "200") ?><?cs
call:text_field("invoice_postcode", "text", L.form.invoice_postcode, "if", L.form.invoice_postcode_hint, "billing postal-code", "numeric", "10") ?><?cs
call:text_field("invoice_city", "text", L.form.invoice_city, "if", "", "billing address-level2", "", "100") ?></fieldset>
</fieldset>
<fieldset>
<legend><?cs var:L.form.delivery_legend ?></legend>
<div class="field">
<label for="start_date"><?cs var:L.form.start_date ?><?cs call:req("0") ?></label>
<p class="hint" id="start_date-hint"><?cs var:L.form.start_date_hint ?> <?cs var:L.form.date_hint ?></p>
<?cs call:field_error("start_date") ?><input type="date" class="date" id="start_date" name="start_date" value="<?cs var:Form.v.start_date ?>" min="<?cs var:Form.min_date ?>" autocomplete="off"<?cs call:described("start_date", "1") ?>>
</div>
</fieldset>
<?cs if:subcount(Form.Extra) > 0 ?><fieldset>
<legend><?cs var:L.form.extra_legend ?></legend>
<?cs each:x = Form.Extra ?><?cs call:extra_field(x) ?><?cs /each ?></fieldset>
<?cs /if ?><div class="field check terms">
<?cs call:field_error("terms") ?><input type="checkbox" id="terms" name="terms" value="1"<?cs if:?Form.v.terms ?> checked<?cs /if ?> required<?cs call:described("terms", "0") ?>>
<label for="terms"><?cs var:L.form.terms_pre ?> <?cs if:string.slice(Service.terms_url, 0, 8) == "https://" || string.slice(Service.terms_url, 0, 7) == "http://" || string.slice(Service.terms_url, 0, 1) == "/" ?><a href="<?cs var:Service.terms_url ?>"><?cs var:L.form.terms_link ?></a><?cs else ?><?cs var:L.form.terms_link ?><?cs /if ?><?cs call:req("1") ?></label>
</div>
<div class="hp" aria-hidden="true">
<label for="website"><?cs var:L.form.hp ?></label>
<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">
</div>
<p class="note"><?cs var:L.form.after ?></p>
<button type="submit"><?cs var:L.form.submit ?></button>
</form>
<?cs call:page_end() ?>
