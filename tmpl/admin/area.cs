<?cs ##################################################################
# admin/area.cs: one area and its form. Area.id/name/code/active/
# addresses from the database; Form.name/code/active the form's values
# (the input kept after a refusal, with Form.errors.*).
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/catalog_macros.cs" ?><?cs call:admin_start(Area.name) ?>
<p class="back"><a href="<?cs var:Page.base ?>/admin/areas"><?cs var:L.admin.catalog.areas.back ?></a></p>
<h1><?cs var:L.admin.catalog.area.title ?> <?cs var:Area.name ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<dl class="facts">
<dt><?cs var:L.admin.catalog.area.code ?></dt><dd><?cs if:string.length(Area.code) ?><?cs var:Area.code ?><?cs else ?><?cs var:L.admin.catalog.none ?><?cs /if ?></dd>
<dt><?cs var:L.admin.catalog.state ?></dt><dd><?cs call:active_badge(Area.active) ?></dd>
<dt><?cs var:L.admin.catalog.area.addresses ?></dt><dd><a href="<?cs var:Page.base ?>/admin/addresses?area=<?cs var:Area.id ?>&amp;inactive=1"><?cs var:Area.addresses ?></a></dd>
</dl>
<h2><?cs var:L.admin.catalog.area.edit ?></h2>
<form method="post" action="<?cs var:Page.base ?>/admin/areas/<?cs var:Area.id ?>" class="stack">
<?cs call:csrf() ?>
<?cs call:text_field("name", L.admin.catalog.area.name, Form.name, "") ?>
<?cs call:text_field("code", L.admin.catalog.area.code, Form.code, L.admin.catalog.area.code_hint) ?>
<?cs call:check_field("active", L.admin.catalog.area.active, Form.active, L.admin.catalog.area.active_hint) ?>
<button type="submit"><?cs var:L.admin.catalog.save ?></button>
</form>
<?cs call:admin_end() ?>
