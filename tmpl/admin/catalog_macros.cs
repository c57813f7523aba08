<?cs ##################################################################
# admin/catalog_macros.cs: form pieces shared by the catalogue's pages
# (areas.cs, area.cs, address.cs, outlet.cs). Include after layout.cs.
#
#   active_badge(active)      "active"/"inactive" as a badge with a word.
#   check_field(name, label, checked, hint)
#                             a labelled checkbox with its hint and error.
#   area_select(name, value, empty_label)
#                             the network's areas (Areas.N.id/name/active)
#                             as a select; value "0" is empty_label.
#   status_select(name, value)
#                             the outlet status (active, planned, inactive).
#   address_fields()          the fields of an address (Form.*).
#   outlet_fields(prefix)     the fields of an outlet (<prefix>.*).
?><?cs def:active_badge(active) ?><?cs if:active == "1" ?><span class="badge badge-ok"><?cs var:L.admin.catalog.active ?></span><?cs else ?><span class="badge badge-bad"><?cs var:L.admin.catalog.inactive ?></span><?cs /if ?><?cs /def ?><?cs

def:check_field(name, label, checked, hint) ?><div class="field-check">
<input type="checkbox" id="<?cs var:name ?>" name="<?cs var:name ?>" value="1"<?cs if:checked == "1" ?> checked<?cs /if ?><?cs if:string.length(hint) ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?>>
<label for="<?cs var:name ?>"><?cs var:label ?></label>
</div>
<?cs if:string.length(hint) ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p>
<?cs /if ?><?cs /def ?><?cs

def:area_select(name, value, empty_label) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:L.admin.catalog.col.area ?></label>
<?cs call:field_error(name) ?><select id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:string.length(Form.errors[name]) ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?>>
<option value="0"<?cs if:value == "0" ?> selected<?cs /if ?>><?cs var:empty_label ?></option>
<?cs each:a = Areas ?><option value="<?cs var:a.id ?>"<?cs if:value == a.id ?> selected<?cs /if ?>><?cs var:a.name ?><?cs if:a.active != "1" ?> (<?cs var:L.admin.catalog.inactive ?>)<?cs /if ?></option>
<?cs /each ?></select>
</div>
<?cs /def ?><?cs

def:status_option(value, current, label) ?><option value="<?cs var:value ?>"<?cs if:current == value ?> selected<?cs /if ?>><?cs var:label ?></option>
<?cs /def ?><?cs

def:status_select(name, value) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:L.admin.catalog.col.outlet_status ?></label>
<?cs call:field_error(name) ?><select id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:string.length(Form.errors[name]) ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?>>
<?cs call:status_option("active", value, L.admin.catalog.status.active) ?><?cs call:status_option("planned", value, L.admin.catalog.status.planned) ?><?cs call:status_option("inactive", value, L.admin.catalog.status.inactive) ?></select>
</div>
<?cs /def ?><?cs

def:address_fields() ?><?cs call:text_field("street", L.admin.catalog.col.street, Form.street, "") ?>
<?cs call:text_field("number", L.admin.catalog.col.number, Form.number, L.admin.catalog.hint.number) ?>
<?cs call:text_field("littera", L.admin.catalog.col.littera, Form.littera, L.admin.catalog.hint.littera) ?>
<?cs call:text_field("postcode", L.admin.catalog.col.postcode, Form.postcode, L.admin.catalog.hint.postcode) ?>
<?cs call:text_field("city", L.admin.catalog.col.city, Form.city, "") ?>
<?cs call:area_select("area", Form.area, L.admin.catalog.no_area) ?>
<?cs call:text_field("external_id", L.admin.catalog.col.external_id, Form.external_id, L.admin.catalog.hint.external_id) ?>
<?cs /def ?><?cs

def:outlet_fields(o) ?><?cs call:text_field("code", L.admin.catalog.col.outlet_code, o.code, L.admin.catalog.hint.code) ?>
<?cs call:text_field("apartment", L.admin.catalog.col.apartment, o.apartment, L.admin.catalog.hint.apartment) ?>
<?cs call:text_field("distinguisher", L.admin.catalog.col.distinguisher, o.distinguisher, L.admin.catalog.hint.distinguisher) ?>
<?cs call:status_select("status", o.status) ?>
<div class="field">
<label for="active_from"><?cs var:L.admin.catalog.col.active_from ?></label>
<p class="hint" id="active_from-hint"><?cs var:L.admin.catalog.hint.active_from ?></p>
<?cs call:field_error("active_from") ?><input type="date" id="active_from" name="active_from" value="<?cs var:o.active_from ?>"<?cs if:string.length(Form.errors.active_from) ?> aria-invalid="true" aria-describedby="active_from-error active_from-hint"<?cs else ?> aria-describedby="active_from-hint"<?cs /if ?>>
</div>
<?cs /def ?>
