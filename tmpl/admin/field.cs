<?cs ##################################################################
# admin/field.cs: a new extra field of the order form (no Field.id,
# Owners.N.{value, kind, provider, service} to choose from) or one field
# (Field.{id, key, owner, provider, service, service_id}).
# Form.v.*, Form.errors.*.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/catalog_form.cs" ?><?cs
if:string.length(Field.id) ?><?cs set:title = Field.key ?><?cs
else ?><?cs set:title = L.admin.fields.new_title ?><?cs /if ?><?cs
call:admin_start(title) ?><?cs
def:owner_text(kind, provider, service) ?><?cs if:kind == "network" ?><?cs var:L.admin.fields.owner.network ?> (<?cs var:Net.name ?>)<?cs
elif:kind == "provider" ?><?cs var:L.admin.fields.owner.provider ?>: <?cs var:provider ?><?cs
else ?><?cs var:L.admin.fields.owner.service ?>: <?cs var:provider ?> – <?cs var:service ?><?cs /if ?><?cs /def ?>
<p><a href="<?cs var:Page.base ?>/admin/fields"><?cs var:L.admin.fields.back ?></a></p>
<h1><?cs var:title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<form method="post" action="<?cs var:Page.base ?>/admin/fields<?cs if:string.length(Field.id) ?>/<?cs var:Field.id ?><?cs /if ?>" class="stack" novalidate>
<?cs call:csrf() ?>
<?cs if:string.length(Field.id) ?><dl class="facts"><dt><?cs var:L.admin.fields.owner ?></dt><dd><?cs call:owner_text(Field.owner, Field.provider, Field.service) ?><?cs if:string.length(Field.service_id) ?> (<a href="<?cs var:Page.base ?>/admin/services/<?cs var:Field.service_id ?>"><?cs var:L.admin.catalog.show ?></a>)<?cs /if ?></dd></dl>
<?cs else ?><div class="field">
<label for="owner"><?cs var:L.admin.fields.owner ?></label>
<p class="hint" id="owner-hint"><?cs var:L.admin.fields.owner_hint ?></p>
<?cs call:field_error("owner") ?><select id="owner" name="owner"<?cs call:described("owner", "1") ?>>
<option value=""><?cs var:L.admin.fields.owner_choose ?></option>
<?cs each:o = Owners ?><option value="<?cs var:o.value ?>"<?cs if:Form.v.owner == o.value ?> selected<?cs /if ?>><?cs call:owner_text(o.kind, o.provider, o.service) ?></option>
<?cs /each ?></select>
</div>
<?cs /if ?><?cs call:in_field("field_key", L.admin.fields.field_key, L.admin.fields.key_hint, "text", "64", "") ?>
<?cs call:in_field("label_sv", L.admin.fields.label_sv, "", "text", "200", "") ?>
<?cs call:in_field("label_en", L.admin.fields.label_en, "", "text", "200", "") ?>
<?cs call:area_field("help_sv", L.admin.fields.help_sv, L.admin.fields.help_hint, "500", "2") ?>
<?cs call:area_field("help_en", L.admin.fields.help_en, "", "500", "2") ?>
<div class="field">
<label for="kind"><?cs var:L.admin.fields.kind ?></label>
<?cs call:field_error("kind") ?><select id="kind" name="kind"<?cs call:described("kind", "") ?>>
<option value="text"<?cs if:Form.v.kind == "text" ?> selected<?cs /if ?>><?cs var:L.admin.fields.kind.text ?></option>
<option value="select"<?cs if:Form.v.kind == "select" ?> selected<?cs /if ?>><?cs var:L.admin.fields.kind.select ?></option>
<option value="checkbox"<?cs if:Form.v.kind == "checkbox" ?> selected<?cs /if ?>><?cs var:L.admin.fields.kind.checkbox ?></option>
<option value="date"<?cs if:Form.v.kind == "date" ?> selected<?cs /if ?>><?cs var:L.admin.fields.kind.date ?></option>
</select>
</div>
<?cs call:area_field("options", L.admin.fields.options, L.admin.fields.options_hint, "20000", "6") ?>
<?cs call:check_field("required", L.admin.fields.required, "") ?>
<?cs call:in_field("pattern", L.admin.fields.pattern, L.admin.fields.pattern_hint, "text", "200", "") ?>
<?cs call:in_field("max_len", L.admin.fields.max_len, L.admin.fields.max_len_hint, "text", "3", "numeric") ?>
<?cs call:in_field("sort", L.admin.fields.sort, L.admin.fields.sort_hint, "text", "6", "numeric") ?>
<?cs call:check_field("active", L.admin.fields.active, L.admin.fields.active_hint) ?>
<p class="hint"><?cs var:L.admin.catalog.cache_hint ?></p>
<button type="submit"><?cs if:string.length(Field.id) ?><?cs var:L.admin.fields.save ?><?cs else ?><?cs var:L.admin.fields.create ?><?cs /if ?></button>
</form>
<?cs call:admin_end() ?>
