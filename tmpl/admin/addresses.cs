<?cs ##################################################################
# admin/addresses.cs: search and list the network's addresses.
# Filter.q/area/inactive; Addrs.N.id/text/area/external_id/outlets/
# active; List.total/page/pages/prev/next (prev and next are console
# paths without the language prefix); Areas.N for the area filter.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/catalog_macros.cs" ?><?cs call:admin_start(L.admin.catalog.addresses.title) ?>
<h1><?cs var:L.admin.catalog.addresses.title ?></h1>
<?cs call:flash() ?>
<p class="actions"><a href="<?cs var:Page.base ?>/admin/addresses/new"><?cs var:L.admin.catalog.addresses.new ?></a> <a href="<?cs var:Page.base ?>/admin/import"><?cs var:L.admin.catalog.addresses.import ?></a></p>
<form method="get" action="<?cs var:Page.base ?>/admin/addresses" class="filters" role="search">
<div class="field">
<label for="q"><?cs var:L.admin.catalog.addresses.q ?></label>
<input type="text" id="q" name="q" value="<?cs var:Filter.q ?>" aria-describedby="q-hint">
<p class="hint" id="q-hint"><?cs var:L.admin.catalog.addresses.q_hint ?></p>
</div>
<div class="field">
<label for="area"><?cs var:L.admin.catalog.col.area ?></label>
<select id="area" name="area">
<option value="0"<?cs if:Filter.area == "0" ?> selected<?cs /if ?>><?cs var:L.admin.catalog.addresses.all_areas ?></option>
<?cs each:a = Areas ?><option value="<?cs var:a.id ?>"<?cs if:Filter.area == a.id ?> selected<?cs /if ?>><?cs var:a.name ?></option>
<?cs /each ?></select>
</div>
<div class="field-check">
<input type="checkbox" id="inactive" name="inactive" value="1"<?cs if:Filter.inactive == "1" ?> checked<?cs /if ?>>
<label for="inactive"><?cs var:L.admin.catalog.addresses.inactive ?></label>
</div>
<button type="submit"><?cs var:L.admin.catalog.addresses.search ?></button>
</form>
<p role="status"><?cs var:L.admin.catalog.addresses.found ?> <?cs var:List.total ?></p>
<?cs if:subcount(Addrs) > 0 ?><table class="list">
<caption><?cs var:L.admin.catalog.addresses.caption ?> (<?cs var:L.admin.catalog.page ?> <?cs var:List.page ?> <?cs var:L.admin.catalog.of ?> <?cs var:List.pages ?>)</caption>
<thead><tr><th scope="col"><?cs var:L.admin.catalog.addresses.address ?></th><th scope="col"><?cs var:L.admin.catalog.col.area ?></th><th scope="col"><?cs var:L.admin.catalog.col.external_id ?></th><th scope="col" class="num"><?cs var:L.admin.catalog.addresses.outlets ?></th><th scope="col"><?cs var:L.admin.catalog.state ?></th></tr></thead>
<tbody>
<?cs each:x = Addrs ?><tr><th scope="row"><a href="<?cs var:Page.base ?>/admin/addresses/<?cs var:x.id ?>"><?cs var:x.text ?></a></th><td><?cs var:x.area ?></td><td><?cs var:x.external_id ?></td><td class="num"><?cs var:x.outlets ?></td><td><?cs call:active_badge(x.active) ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs /if ?><?cs if:string.length(List.prev) || string.length(List.next) ?><nav aria-label="<?cs var:L.admin.catalog.pages ?>"><ul class="pager">
<?cs if:string.length(List.prev) ?><li><a href="<?cs var:Page.base ?><?cs var:List.prev ?>" rel="prev"><?cs var:L.admin.catalog.prev ?></a></li><?cs /if ?>
<?cs if:string.length(List.next) ?><li><a href="<?cs var:Page.base ?><?cs var:List.next ?>" rel="next"><?cs var:L.admin.catalog.next ?></a></li><?cs /if ?>
</ul></nav>
<?cs /if ?><?cs call:admin_end() ?>
