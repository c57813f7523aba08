<?cs ##################################################################
# admin/fields.cs: the extra fields of the order form, of the network,
# its providers and their services (a provider user: its own only).
# Providers.N.{id, name, slug} (administrators only), Filter.provider,
# Fields.N.{id, key, label, kind, owner, provider, service, required,
# active}.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.fields.title) ?><?cs
def:kind(k) ?><?cs if:k == "text" ?><?cs var:L.admin.fields.kind.text ?><?cs
elif:k == "select" ?><?cs var:L.admin.fields.kind.select ?><?cs
elif:k == "checkbox" ?><?cs var:L.admin.fields.kind.checkbox ?><?cs
else ?><?cs var:L.admin.fields.kind.date ?><?cs /if ?><?cs /def ?>
<h1><?cs var:L.admin.fields.title ?></h1>
<?cs call:flash() ?>
<p><?cs var:L.admin.fields.intro ?></p>
<?cs if:subcount(Providers) > 0 ?><form method="get" action="<?cs var:Page.base ?>/admin/fields" class="filters">
<div class="field">
<label for="provider"><?cs var:L.admin.services.filter_provider ?></label>
<select id="provider" name="provider">
<option value="0"><?cs var:L.admin.catalog.all ?></option>
<?cs each:p = Providers ?><option value="<?cs var:p.id ?>"<?cs if:Filter.provider == p.id ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.slug ?>)</option>
<?cs /each ?></select>
</div>
<button type="submit" class="secondary"><?cs var:L.admin.catalog.filter ?></button>
</form>
<?cs /if ?><p class="actions"><a href="<?cs var:Page.base ?>/admin/fields/new<?cs if:string.length(Filter.provider) ?>?owner=provider:<?cs var:Filter.provider ?><?cs /if ?>"><?cs var:L.admin.fields.new ?></a></p>
<?cs if:subcount(Fields) > 0 ?><table class="list">
<caption><?cs var:L.admin.fields.caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.fields.col_label ?></th>
<th scope="col"><?cs var:L.admin.fields.col_key ?></th>
<th scope="col"><?cs var:L.admin.fields.col_kind ?></th>
<th scope="col"><?cs var:L.admin.fields.col_owner ?></th>
<th scope="col"><?cs var:L.admin.fields.col_required ?></th>
<th scope="col"><?cs var:L.admin.fields.col_status ?></th>
</tr></thead>
<tbody>
<?cs each:f = Fields ?><tr>
<th scope="row"><a href="<?cs var:Page.base ?>/admin/fields/<?cs var:f.id ?>"><?cs var:f.label ?></a></th>
<td><code><?cs var:f.key ?></code></td>
<td><?cs call:kind(f.kind) ?></td>
<td><?cs if:f.owner == "network" ?><?cs var:L.admin.fields.owner.network ?><?cs
elif:f.owner == "provider" ?><?cs var:L.admin.fields.owner.provider ?>: <?cs var:f.provider ?><?cs
else ?><?cs var:L.admin.fields.owner.service ?>: <?cs var:f.provider ?> – <?cs var:f.service ?><?cs /if ?></td>
<td><?cs if:f.required == "1" ?><?cs var:L.admin.catalog.yes ?><?cs else ?><?cs var:L.admin.catalog.no ?><?cs /if ?></td>
<td><?cs if:f.active == "1" ?><span class="badge badge-ok"><?cs var:L.admin.catalog.active ?></span><?cs else ?><span class="badge badge-bad"><?cs var:L.admin.catalog.inactive ?></span><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:L.admin.fields.none_yet ?></p>
<?cs /if ?><?cs call:admin_end() ?>
