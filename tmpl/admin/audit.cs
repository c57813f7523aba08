<?cs ##################################################################
# admin/audit.cs: the network's audit log, newest first. Filters
# Form.{actor, action, kind, ref, from, to} (GET), Form.errors.*;
# Audit.{count, shown, first, last, page, pages, prev, next};
# Rows.N.{when, actor, action, kind, ref, detail, ip}.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.audit.title) ?>
<h1><?cs var:L.admin.audit.title ?></h1>
<?cs call:error_summary() ?>
<p><?cs var:L.admin.audit.intro ?></p>
<form method="get" action="<?cs var:Page.base ?>/admin/audit" class="filters" role="search" aria-label="<?cs var:L.admin.audit.filters ?>">
<?cs call:text_field("actor", L.admin.audit.actor, Form.actor, "") ?>
<?cs call:text_field("action", L.admin.audit.action, Form.action, "") ?>
<?cs call:text_field("kind", L.admin.audit.kind, Form.kind, "") ?>
<?cs call:text_field("ref", L.admin.audit.ref, Form.ref, "") ?>
<div class="field">
<label for="from"><?cs var:L.admin.audit.from ?></label>
<?cs call:field_error("from") ?><input type="date" id="from" name="from" value="<?cs var:Form.from ?>"<?cs if:string.length(Form.errors.from) ?> aria-invalid="true" aria-describedby="from-error"<?cs /if ?>>
</div>
<div class="field">
<label for="to"><?cs var:L.admin.audit.to ?></label>
<?cs call:field_error("to") ?><input type="date" id="to" name="to" value="<?cs var:Form.to ?>"<?cs if:string.length(Form.errors.to) ?> aria-invalid="true" aria-describedby="to-error"<?cs /if ?>>
</div>
<button type="submit"><?cs var:L.admin.audit.filter ?></button>
<a href="<?cs var:Page.base ?>/admin/audit"><?cs var:L.admin.audit.clear ?></a>
</form>
<p class="hint"><?cs var:L.admin.audit.filter_hint ?></p>
<?cs if:subcount(Form.errors) == 0 ?><p role="status"><?cs if:Audit.count == 0 ?><?cs var:L.admin.audit.none ?><?cs else ?><?cs var:L.admin.audit.showing ?> <?cs var:Audit.first ?>–<?cs var:Audit.last ?> <?cs var:L.admin.audit.of ?> <span class="count"><?cs var:Audit.count ?></span>.<?cs /if ?></p>
<?cs /if ?><?cs if:subcount(Rows) > 0 ?><div class="scroll">
<table class="list">
<caption><?cs var:L.admin.audit.caption ?></caption>
<thead>
<tr>
<th scope="col"><?cs var:L.admin.audit.when ?></th>
<th scope="col"><?cs var:L.admin.audit.who ?></th>
<th scope="col"><?cs var:L.admin.audit.what ?></th>
<th scope="col"><?cs var:L.admin.audit.object ?></th>
<th scope="col"><?cs var:L.admin.audit.detail ?></th>
<th scope="col"><?cs var:L.admin.audit.ip ?></th>
</tr>
</thead>
<tbody>
<?cs each:e = Rows ?><tr class="entry">
<td class="nw"><?cs var:e.when ?></td>
<td><?cs var:e.actor ?></td>
<td><code><?cs var:e.action ?></code></td>
<td><?cs if:string.length(e.kind) ?><?cs var:e.kind ?> <?cs var:e.ref ?><?cs /if ?></td>
<td><?cs var:e.detail ?></td>
<td><?cs var:e.ip ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs /if ?><?cs if:string.length(Audit.prev) || string.length(Audit.next) ?><nav aria-label="<?cs var:L.admin.audit.pages ?>">
<ul class="pager">
<?cs if:string.length(Audit.prev) ?><li><a href="<?cs var:Audit.prev ?>" rel="prev"><?cs var:L.admin.audit.prev ?></a></li>
<?cs /if ?><li><?cs var:L.admin.audit.page ?> <?cs var:Audit.page ?> <?cs var:L.admin.audit.of ?> <?cs var:Audit.pages ?></li>
<?cs if:string.length(Audit.next) ?><li><a href="<?cs var:Audit.next ?>" rel="next"><?cs var:L.admin.audit.next ?></a></li>
<?cs /if ?></ul>
</nav>
<?cs /if ?><?cs call:admin_end() ?>
