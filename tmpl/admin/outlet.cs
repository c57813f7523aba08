<?cs ##################################################################
# admin/outlet.cs: one outlet and its form. Outlet.id/code/status_text/
# orders/address_id/address from the database; Form.code/apartment/
# distinguisher/status/active_from the form's values (the input kept
# after a refusal, with Form.errors.*).
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/catalog_macros.cs" ?><?cs call:admin_start(Outlet.code) ?>
<p class="back"><a href="<?cs var:Page.base ?>/admin/addresses/<?cs var:Outlet.address_id ?>"><?cs var:Outlet.address ?></a></p>
<h1><?cs var:L.admin.catalog.outlet.title ?> <?cs var:Outlet.code ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<dl class="facts">
<dt><?cs var:L.admin.catalog.addresses.address ?></dt><dd><a href="<?cs var:Page.base ?>/admin/addresses/<?cs var:Outlet.address_id ?>"><?cs var:Outlet.address ?></a></dd>
<dt><?cs var:L.admin.catalog.col.outlet_status ?></dt><dd><?cs var:Outlet.status_text ?></dd>
<dt><?cs var:L.admin.catalog.outlet.orders ?></dt><dd><?cs var:Outlet.orders ?></dd>
</dl>
<p class="note"><?cs var:L.admin.catalog.outlet.never_deleted ?></p>
<h2><?cs var:L.admin.catalog.outlet.edit ?></h2>
<form method="post" action="<?cs var:Page.base ?>/admin/outlets/<?cs var:Outlet.id ?>" class="stack">
<?cs call:csrf() ?>
<?cs call:outlet_fields(Form) ?>
<button type="submit"><?cs var:L.admin.catalog.save ?></button>
</form>
<?cs call:admin_end() ?>
