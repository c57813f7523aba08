<?cs ##################################################################
# admin/areas.cs: the network's areas and the form for a new one.
# Areas.N.id/name/code/active/addresses; Form.name/code and
# Form.errors.* after a refused create.
?><?cs include:"admin/layout.cs" ?><?cs include:"admin/catalog_macros.cs" ?><?cs call:admin_start(L.admin.catalog.areas.title) ?>
<h1><?cs var:L.admin.catalog.areas.title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<p><?cs var:L.admin.catalog.areas.intro ?></p>
<?cs if:subcount(Areas) > 0 ?><table class="list">
<caption><?cs var:L.admin.catalog.areas.caption ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.catalog.area.name ?></th><th scope="col"><?cs var:L.admin.catalog.area.code ?></th><th scope="col"><?cs var:L.admin.catalog.state ?></th><th scope="col" class="num"><?cs var:L.admin.catalog.area.addresses ?></th></tr></thead>
<tbody>
<?cs each:a = Areas ?><tr><th scope="row"><a href="<?cs var:Page.base ?>/admin/areas/<?cs var:a.id ?>"><?cs var:a.name ?></a></th><td><?cs var:a.code ?></td><td><?cs call:active_badge(a.active) ?></td><td class="num"><a href="<?cs var:Page.base ?>/admin/addresses?area=<?cs var:a.id ?>&amp;inactive=1"><?cs var:a.addresses ?></a></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:L.admin.catalog.areas.none ?></p>
<?cs /if ?>
<h2><?cs var:L.admin.catalog.areas.new ?></h2>
<form method="post" action="<?cs var:Page.base ?>/admin/areas" class="stack">
<?cs call:csrf() ?>
<?cs call:text_field("name", L.admin.catalog.area.name, Form.name, "") ?>
<?cs call:text_field("code", L.admin.catalog.area.code, Form.code, L.admin.catalog.area.code_hint) ?>
<button type="submit"><?cs var:L.admin.catalog.areas.create ?></button>
</form>
<?cs call:admin_end() ?>
