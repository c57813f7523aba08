<?cs ##################################################################
# admin/address.cs: a new address (Addr.new), or one address with its
# outlets. Addr.id/text/area/external_id/active/created/updated from the
# database; Form.* the address form's values; Outlets.N.id/code/
# apartment/distinguisher/status/status_text/active_from/orders;
# NewOutlet.* the new outlet form's values; Form.errors.* after a
# refusal (the two forms' fields have different names); Areas.N.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/catalog_macros.cs" ?><?cs if:Addr.new == "1" ?><?cs call:admin_start(L.admin.catalog.address.new) ?>
<p class="back"><a href="<?cs var:Page.base ?>/admin/addresses"><?cs var:L.admin.catalog.addresses.back ?></a></p>
<h1><?cs var:L.admin.catalog.address.new ?></h1>
<?cs call:error_summary() ?>
<form method="post" action="<?cs var:Page.base ?>/admin/addresses" class="stack">
<?cs call:csrf() ?>
<?cs call:address_fields() ?>
<button type="submit"><?cs var:L.admin.catalog.address.create ?></button>
</form>
<?cs else ?><?cs call:admin_start(Addr.text) ?>
<p class="back"><a href="<?cs var:Page.base ?>/admin/addresses"><?cs var:L.admin.catalog.addresses.back ?></a></p>
<h1><?cs var:Addr.text ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<dl class="facts">
<dt><?cs var:L.admin.catalog.state ?></dt><dd><?cs call:active_badge(Addr.active) ?><?cs if:Addr.active == "1" ?> <a href="<?cs var:Page.base ?>/adress/<?cs var:Addr.id ?>"><?cs var:L.admin.catalog.address.public ?></a><?cs /if ?></dd>
<dt><?cs var:L.admin.catalog.col.area ?></dt><dd><?cs if:string.length(Addr.area) ?><?cs var:Addr.area ?><?cs else ?><?cs var:L.admin.catalog.none ?><?cs /if ?></dd>
<dt><?cs var:L.admin.catalog.col.external_id ?></dt><dd><?cs if:string.length(Addr.external_id) ?><?cs var:Addr.external_id ?><?cs else ?><?cs var:L.admin.catalog.none ?><?cs /if ?></dd>
<dt><?cs var:L.admin.catalog.address.created ?></dt><dd><?cs var:Addr.created ?></dd>
<dt><?cs var:L.admin.catalog.address.updated ?></dt><dd><?cs var:Addr.updated ?></dd>
</dl>

<h2 id="outlets"><?cs var:L.admin.catalog.address.outlets ?></h2>
<?cs if:subcount(Outlets) > 0 ?><table class="list">
<caption><?cs var:L.admin.catalog.address.outlets_caption ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.catalog.col.outlet_code ?></th><th scope="col"><?cs var:L.admin.catalog.col.apartment ?></th><th scope="col"><?cs var:L.admin.catalog.col.distinguisher ?></th><th scope="col"><?cs var:L.admin.catalog.col.outlet_status ?></th><th scope="col"><?cs var:L.admin.catalog.col.active_from ?></th><th scope="col" class="num"><?cs var:L.admin.catalog.outlet.orders ?></th></tr></thead>
<tbody>
<?cs each:o = Outlets ?><tr><th scope="row"><a href="<?cs var:Page.base ?>/admin/outlets/<?cs var:o.id ?>"><?cs var:o.code ?></a></th><td><?cs var:o.apartment ?></td><td><?cs var:o.distinguisher ?></td><td><span class="badge<?cs if:o.status == "active" ?> badge-ok<?cs elif:o.status == "planned" ?> badge-warn<?cs else ?> badge-bad<?cs /if ?>"><?cs var:o.status_text ?></span></td><td><?cs var:o.active_from ?></td><td class="num"><?cs var:o.orders ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:L.admin.catalog.address.no_outlets ?></p>
<?cs /if ?>
<h3><?cs var:L.admin.catalog.address.add_outlet ?></h3>
<form method="post" action="<?cs var:Page.base ?>/admin/addresses/<?cs var:Addr.id ?>/outlets" class="stack">
<?cs call:csrf() ?>
<?cs call:outlet_fields(NewOutlet) ?>
<button type="submit"><?cs var:L.admin.catalog.address.add_outlet_submit ?></button>
</form>

<h2><?cs var:L.admin.catalog.address.edit ?></h2>
<form method="post" action="<?cs var:Page.base ?>/admin/addresses/<?cs var:Addr.id ?>" class="stack">
<?cs call:csrf() ?>
<?cs call:address_fields() ?>
<?cs call:check_field("active", L.admin.catalog.address.active, Form.active, L.admin.catalog.address.active_hint) ?>
<button type="submit"><?cs var:L.admin.catalog.save ?></button>
</form>
<?cs /if ?><?cs call:admin_end() ?>
