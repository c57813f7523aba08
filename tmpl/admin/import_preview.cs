<?cs ##################################################################
# admin/import_preview.cs: an uploaded import. Before it is applied:
# what applying it would do now (Import.records/addresses_added/
# addresses_changed/outlets_added/outlets_changed/unchanged/rejected/
# expect, Import.fault, Import.sep, Import.cp1252, Import.ignored.N,
# Rejects.N.line/text, Added.N.line/kind/text, Changes.N.line/what/
# field/old/new, Import.*_more) and the button that applies it; after:
# Import.applied/applied_by and Done.*. Import.failed: why an apply was
# refused or rolled back. Import.id/filename/actor/size/created always.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.catalog.preview.title) ?>
<p class="back"><a href="<?cs var:Page.base ?>/admin/import"><?cs var:L.admin.catalog.preview.back ?></a></p>
<h1><?cs if:string.length(Import.applied) ?><?cs var:L.admin.catalog.preview.done_title ?><?cs else ?><?cs var:L.admin.catalog.preview.title ?><?cs /if ?></h1>
<?cs call:flash() ?><?cs if:string.length(Import.failed) ?><div class="error-summary" role="alert" tabindex="-1">
<h2><?cs var:L.admin.catalog.preview.failed ?></h2>
<p><?cs var:Import.failed ?></p>
</div>
<?cs /if ?><dl class="facts">
<dt><?cs var:L.admin.catalog.import.file ?></dt><dd><?cs var:Import.filename ?> (<?cs var:Import.size ?> <?cs var:L.admin.catalog.preview.bytes ?>)</dd>
<dt><?cs var:L.admin.catalog.import.uploaded ?></dt><dd><?cs var:Import.created ?>, <?cs var:Import.actor ?></dd>
<?cs if:string.length(Import.applied) ?><dt><?cs var:L.admin.catalog.import.applied ?></dt><dd><?cs var:Import.applied ?>, <?cs var:Import.applied_by ?></dd><?cs /if ?>
</dl>
<?cs if:string.length(Import.applied) ?><table class="list counts">
<caption><?cs var:L.admin.catalog.preview.result ?></caption>
<tbody>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.addresses_added ?></th><td class="num" id="done-addresses-added"><?cs var:Done.addresses_added ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.addresses_changed ?></th><td class="num" id="done-addresses-changed"><?cs var:Done.addresses_changed ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.outlets_added ?></th><td class="num" id="done-outlets-added"><?cs var:Done.outlets_added ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.outlets_changed ?></th><td class="num" id="done-outlets-changed"><?cs var:Done.outlets_changed ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.unchanged ?></th><td class="num" id="done-unchanged"><?cs var:Done.unchanged ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.rejected ?></th><td class="num" id="done-rejected"><?cs var:Done.rejected ?></td></tr>
</tbody>
</table>
<?cs elif:string.length(Import.fault) ?><div class="notice notice-stop" role="alert">
<h2><?cs var:L.admin.catalog.preview.unusable ?></h2>
<p><?cs var:Import.fault ?></p>
</div>
<p><a href="<?cs var:Page.base ?>/admin/import"><?cs var:L.admin.catalog.preview.again ?></a></p>
<?cs elif:string.length(Import.records) ?><div class="notice" role="status"><p><?cs var:L.admin.catalog.preview.nothing_yet ?></p></div>
<?cs if:Import.cp1252 == "1" ?><p class="note"><?cs var:L.admin.catalog.preview.cp1252 ?></p>
<?cs /if ?><?cs if:subcount(Import.ignored) > 0 ?><p class="note"><?cs var:L.admin.catalog.preview.ignored ?> <?cs each:c = Import.ignored ?><code><?cs var:c ?></code> <?cs /each ?></p>
<?cs /if ?><table class="list counts">
<caption><?cs var:L.admin.catalog.preview.summary ?></caption>
<tbody>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.records ?></th><td class="num" id="records"><?cs var:Import.records ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.addresses_added ?></th><td class="num" id="addresses-added"><?cs var:Import.addresses_added ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.addresses_changed ?></th><td class="num" id="addresses-changed"><?cs var:Import.addresses_changed ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.outlets_added ?></th><td class="num" id="outlets-added"><?cs var:Import.outlets_added ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.outlets_changed ?></th><td class="num" id="outlets-changed"><?cs var:Import.outlets_changed ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.unchanged ?></th><td class="num" id="unchanged"><?cs var:Import.unchanged ?></td></tr>
<tr><th scope="row"><?cs var:L.admin.catalog.preview.rejected ?></th><td class="num" id="rejected"><?cs var:Import.rejected ?></td></tr>
</tbody>
</table>
<form method="post" action="<?cs var:Page.base ?>/admin/import/<?cs var:Import.id ?>/apply" class="actions">
<?cs call:csrf() ?>
<input type="hidden" name="expect" value="<?cs var:Import.expect ?>">
<button type="submit"><?cs var:L.admin.catalog.preview.apply ?></button>
<?cs if:Import.rejected != "0" ?><p class="note"><?cs var:L.admin.catalog.preview.apply_skips ?></p><?cs /if ?>
</form>

<?cs if:subcount(Rejects) > 0 ?><h2 id="rejected-rows"><?cs var:L.admin.catalog.preview.rejected_title ?></h2>
<table class="list">
<caption><?cs var:L.admin.catalog.preview.rejected_caption ?></caption>
<thead><tr><th scope="col" class="num"><?cs var:L.admin.catalog.preview.line ?></th><th scope="col"><?cs var:L.admin.catalog.preview.reason ?></th></tr></thead>
<tbody>
<?cs each:x = Rejects ?><tr><td class="num"><?cs var:x.line ?></td><td><?cs var:x.text ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs if:string.length(Import.rejects_more) ?><p class="note"><?cs var:L.admin.catalog.preview.more ?> <?cs var:Import.rejects_more ?></p><?cs /if ?>
<?cs /if ?><?cs if:subcount(Added) > 0 ?><h2><?cs var:L.admin.catalog.preview.added_title ?></h2>
<table class="list">
<caption><?cs var:L.admin.catalog.preview.added_caption ?></caption>
<thead><tr><th scope="col" class="num"><?cs var:L.admin.catalog.preview.line ?></th><th scope="col"><?cs var:L.admin.catalog.preview.kind ?></th><th scope="col"><?cs var:L.admin.catalog.preview.what ?></th></tr></thead>
<tbody>
<?cs each:x = Added ?><tr><td class="num"><?cs var:x.line ?></td><td><?cs var:x.kind ?></td><td><?cs var:x.text ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs if:string.length(Import.added_more) ?><p class="note"><?cs var:L.admin.catalog.preview.more ?> <?cs var:Import.added_more ?></p><?cs /if ?>
<?cs /if ?><?cs if:subcount(Changes) > 0 ?><h2><?cs var:L.admin.catalog.preview.changed_title ?></h2>
<table class="list">
<caption><?cs var:L.admin.catalog.preview.changed_caption ?></caption>
<thead><tr><th scope="col" class="num"><?cs var:L.admin.catalog.preview.line ?></th><th scope="col"><?cs var:L.admin.catalog.preview.what ?></th><th scope="col"><?cs var:L.admin.catalog.preview.field ?></th><th scope="col"><?cs var:L.admin.catalog.preview.old ?></th><th scope="col"><?cs var:L.admin.catalog.preview.new ?></th></tr></thead>
<tbody>
<?cs each:x = Changes ?><tr><td class="num"><?cs var:x.line ?></td><td><?cs var:x.what ?></td><td><?cs var:x.field ?></td><td><?cs var:x.old ?></td><td><?cs var:x.new ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs if:string.length(Import.changes_more) ?><p class="note"><?cs var:L.admin.catalog.preview.changes_more ?></p><?cs /if ?>
<?cs /if ?><?cs else ?><p><?cs var:L.admin.catalog.preview.kept_by_cli ?></p>
<?cs /if ?><?cs call:admin_end() ?>
