<?cs ##################################################################
# admin/service.cs: a new service (no Service.id) or one service.
# Service.{id, name, provider_id, provider}; Providers.N.{id, name, slug,
# active} for an administrator's choice of provider; Areas.N.{id, name,
# code, active, param, checked}, AreasMore; Form.v.*, Form.errors.*.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/catalog_form.cs" ?><?cs
if:string.length(Service.id) ?><?cs set:title = Service.name ?><?cs
else ?><?cs set:title = L.admin.services.new_title ?><?cs /if ?><?cs
call:admin_start(title) ?>
<p><a href="<?cs var:Page.base ?>/admin/services"><?cs var:L.admin.services.back ?></a></p>
<h1><?cs var:title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<?cs if:string.length(Service.id) ?><ul class="actions">
<li><a href="<?cs var:Page.base ?>/admin/fields/new?owner=service:<?cs var:Service.id ?>"><?cs var:L.admin.services.new_field ?></a></li>
</ul>
<?cs /if ?><form method="post" action="<?cs var:Page.base ?>/admin/services<?cs if:string.length(Service.id) ?>/<?cs var:Service.id ?><?cs /if ?>" class="stack" novalidate>
<?cs call:csrf() ?>
<fieldset>
<legend><?cs var:L.admin.services.sec_service ?></legend>
<?cs if:string.length(Service.provider) ?><dl class="facts"><dt><?cs var:L.admin.services.provider ?></dt><dd><?cs var:Service.provider ?></dd></dl>
<?cs else ?><div class="field">
<label for="provider"><?cs var:L.admin.services.provider ?></label>
<?cs call:field_error("provider") ?><select id="provider" name="provider"<?cs call:described("provider", "") ?>>
<option value=""><?cs var:L.admin.services.provider_choose ?></option>
<?cs each:p = Providers ?><option value="<?cs var:p.id ?>"<?cs if:Form.v.provider == p.id ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.slug ?>)<?cs if:p.active != "1" ?> – <?cs var:L.admin.catalog.inactive ?><?cs /if ?></option>
<?cs /each ?></select>
</div>
<?cs /if ?><div class="field">
<label for="category"><?cs var:L.admin.services.category ?></label>
<?cs call:field_error("category") ?><select id="category" name="category"<?cs call:described("category", "") ?>>
<option value="internet"<?cs if:Form.v.category == "internet" ?> selected<?cs /if ?>><?cs var:L.admin.services.cat.internet ?></option>
<option value="tv"<?cs if:Form.v.category == "tv" ?> selected<?cs /if ?>><?cs var:L.admin.services.cat.tv ?></option>
<option value="phone"<?cs if:Form.v.category == "phone" ?> selected<?cs /if ?>><?cs var:L.admin.services.cat.phone ?></option>
<option value="other"<?cs if:Form.v.category == "other" ?> selected<?cs /if ?>><?cs var:L.admin.services.cat.other ?></option>
</select>
</div>
<?cs call:in_field("name", L.admin.services.name, "", "text", "200", "") ?>
<?cs call:area_field("description", L.admin.services.description, "", "4000", "3") ?>
<?cs call:in_field("external_code", L.admin.services.external_code, L.admin.services.external_code_hint, "text", "64", "") ?>
<?cs call:in_field("down_mbps", L.admin.services.down_mbps, L.admin.services.speed_hint, "text", "7", "numeric") ?>
<?cs call:in_field("up_mbps", L.admin.services.up_mbps, "", "text", "7", "numeric") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.services.sec_price ?></legend>
<?cs call:in_field("monthly", L.admin.services.monthly, L.admin.services.price_hint, "text", "20", "decimal") ?>
<?cs call:in_field("start_fee", L.admin.services.start_fee, "", "text", "20", "decimal") ?>
<?cs call:in_field("binding_months", L.admin.services.binding_months, L.admin.services.months_hint, "text", "2", "numeric") ?>
<?cs call:in_field("notice_months", L.admin.services.notice_months, "", "text", "2", "numeric") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.services.sec_campaign ?></legend>
<div class="field">
<label for="campaign_kind"><?cs var:L.admin.services.campaign_kind ?></label>
<?cs call:field_error("campaign_kind") ?><select id="campaign_kind" name="campaign_kind"<?cs call:described("campaign_kind", "") ?>>
<option value="none"<?cs if:Form.v.campaign_kind == "none" ?> selected<?cs /if ?>><?cs var:L.admin.services.camp.none ?></option>
<option value="percent"<?cs if:Form.v.campaign_kind == "percent" ?> selected<?cs /if ?>><?cs var:L.admin.services.camp.percent ?></option>
<option value="amount"<?cs if:Form.v.campaign_kind == "amount" ?> selected<?cs /if ?>><?cs var:L.admin.services.camp.amount ?></option>
<option value="fixed"<?cs if:Form.v.campaign_kind == "fixed" ?> selected<?cs /if ?>><?cs var:L.admin.services.camp.fixed ?></option>
</select>
</div>
<?cs call:in_field("campaign_value", L.admin.services.campaign_value, L.admin.services.campaign_value_hint, "text", "20", "decimal") ?>
<?cs call:in_field("campaign_months", L.admin.services.campaign_months, "", "text", "2", "numeric") ?>
<?cs call:in_field("campaign_until", L.admin.services.campaign_until, L.admin.services.campaign_until_hint, "date", "10", "") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.services.sec_terms ?></legend>
<?cs call:in_field("terms_url", L.admin.services.terms_url, L.admin.services.terms_hint, "url", "500", "") ?>
<?cs call:in_field("available_from", L.admin.services.available_from, L.admin.services.window_hint, "date", "10", "") ?>
<?cs call:in_field("available_until", L.admin.services.available_until, "", "date", "10", "") ?>
</fieldset>
<fieldset>
<legend><?cs var:L.admin.services.sec_areas ?></legend>
<?cs call:check_field("limited_to_areas", L.admin.services.limited_to_areas, L.admin.services.limited_hint) ?>
<?cs if:subcount(Areas) > 0 ?><fieldset>
<legend><?cs var:L.admin.services.areas_legend ?></legend>
<?cs each:a = Areas ?><div class="field-check">
<input type="checkbox" id="<?cs var:a.param ?>" name="<?cs var:a.param ?>" value="<?cs var:a.id ?>"<?cs if:a.checked == "1" ?> checked<?cs /if ?>>
<label for="<?cs var:a.param ?>"><?cs var:a.name ?><?cs if:string.length(a.code) ?> (<?cs var:a.code ?>)<?cs /if ?><?cs if:a.active != "1" ?> – <?cs var:L.admin.services.area_inactive ?><?cs /if ?></label>
</div>
<?cs /each ?><?cs if:string.length(AreasMore) ?><p class="notice"><?cs var:L.admin.services.areas_more ?> <?cs var:AreasMore ?></p>
<?cs /if ?></fieldset>
<?cs else ?><p><?cs var:L.admin.services.areas_none ?></p>
<?cs /if ?></fieldset>
<?cs call:in_field("sort", L.admin.services.sort, L.admin.services.sort_hint, "text", "6", "numeric") ?>
<?cs call:check_field("active", L.admin.services.active, L.admin.services.active_hint) ?>
<p class="hint"><?cs var:L.admin.catalog.cache_hint ?></p>
<button type="submit"><?cs if:string.length(Service.id) ?><?cs var:L.admin.services.save ?><?cs else ?><?cs var:L.admin.services.create ?><?cs /if ?></button>
</form>
<?cs call:admin_end() ?>
