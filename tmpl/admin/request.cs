<?cs ##################################################################
# admin/request.cs: one data-subject request (GET /admin/requests/ID),
# the same page with the personal data after POST .../show, and the
# confirmation of an erasure (GET .../erase: Request.view "erase";
# fcgi/h_admin_dsr.c).
#
# Reads Request.{id, path, kind, status, channel, created, expires,
# verified, done, handler, note, order, order_url, attempts, by_email,
# by_pnr, view}, Case.{count, retention_days}, Orders.N.{ref, url,
# erase_url, status, created, service, provider, address, place,
# apartment, outlet} and, only after "show", Orders.N.pii.{shown,
# first_name, last_name, email, phone, pnr, invoice_street,
# invoice_postcode, invoice_city, extra.M.{label, value, check}};
# Can.{show, export, erase} (what the request allows); Form.{order,
# note} and Form.errors.* (the erasure's confirmation).
?><?cs include:"admin/layout.cs" ?><?cs

def:status_name(s) ?><?cs
if:s == "pending" ?><?cs var:L.admin.dsr.status.pending ?><?cs
elif:s == "verified" ?><?cs var:L.admin.dsr.status.verified ?><?cs
elif:s == "done" ?><?cs var:L.admin.dsr.status.done ?><?cs
elif:s == "rejected" ?><?cs var:L.admin.dsr.status.rejected ?><?cs
elif:s == "expired" ?><?cs var:L.admin.dsr.status.expired ?><?cs
else ?><?cs var:s ?><?cs /if ?><?cs /def ?><?cs

def:kind_name(k) ?><?cs
if:k == "access" ?><?cs var:L.admin.dsr.kind.access ?><?cs
elif:k == "erasure" ?><?cs var:L.admin.dsr.kind.erasure ?><?cs
elif:k == "rectification" ?><?cs var:L.admin.dsr.kind.rectification ?><?cs
else ?><?cs var:k ?><?cs /if ?><?cs /def ?><?cs

def:channel_name(c) ?><?cs
if:c == "web" ?><?cs var:L.admin.dsr.channel.web ?><?cs
elif:c == "letter" ?><?cs var:L.admin.dsr.channel.letter ?><?cs
elif:c == "phone" ?><?cs var:L.admin.dsr.channel.phone ?><?cs
elif:c == "email" ?><?cs var:L.admin.dsr.channel.email ?><?cs
elif:c == "visit" ?><?cs var:L.admin.dsr.channel.visit ?><?cs
elif:c == "other" ?><?cs var:L.admin.dsr.channel.other ?><?cs
else ?><?cs var:c ?><?cs /if ?><?cs /def ?><?cs

def:order_status(s) ?><?cs
if:s == "new" ?><?cs var:L.admin.orders.status.new ?><?cs
elif:s == "received" ?><?cs var:L.admin.orders.status.received ?><?cs
elif:s == "activated" ?><?cs var:L.admin.orders.status.activated ?><?cs
elif:s == "rejected" ?><?cs var:L.admin.orders.status.rejected ?><?cs
elif:s == "cancelled" ?><?cs var:L.admin.orders.status.cancelled ?><?cs
else ?><?cs var:s ?><?cs /if ?><?cs /def ?><?cs

call:admin_start(L.admin.dsr.request_title + " " + Request.id) ?>
<p><a href="<?cs var:Page.base ?>/admin/requests"><?cs var:L.admin.dsr.back ?></a></p>
<h1><?cs var:L.admin.dsr.request_title ?> <?cs var:Request.id ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<dl class="facts">
<dt><?cs var:L.admin.dsr.col.kind ?></dt><dd><?cs call:kind_name(Request.kind) ?><?cs if:string.length(Request.order) ?> (<a href="<?cs var:Request.order_url ?>"><?cs var:Request.order ?></a>)<?cs /if ?></dd>
<dt><?cs var:L.admin.dsr.col.status ?></dt><dd><?cs call:status_name(Request.status) ?></dd>
<dt><?cs var:L.admin.dsr.col.channel ?></dt><dd><?cs call:channel_name(Request.channel) ?></dd>
<dt><?cs var:L.admin.dsr.col.by ?></dt><dd><?cs if:Request.by_pnr == "1" ?><?cs var:L.admin.dsr.by_pnr ?><?cs else ?><?cs var:L.admin.dsr.by_email ?><?cs /if ?></dd>
<dt><?cs var:L.admin.dsr.col.created ?></dt><dd><?cs var:Request.created ?></dd>
<?cs if:Request.status == "pending" ?><dt><?cs var:L.admin.dsr.expires ?></dt><dd><?cs var:Request.expires ?></dd>
<dt><?cs var:L.admin.dsr.attempts ?></dt><dd><?cs var:Request.attempts ?></dd>
<?cs /if ?><?cs if:string.length(Request.verified) ?><dt><?cs var:L.admin.dsr.verified ?></dt><dd><?cs var:Request.verified ?></dd>
<?cs /if ?><dt><?cs var:L.admin.dsr.col.done ?></dt><dd><?cs if:string.length(Request.done) ?><?cs var:Request.done ?><?cs else ?><?cs var:L.admin.dsr.not_yet ?><?cs /if ?></dd>
<dt><?cs var:L.admin.dsr.col.handler ?></dt><dd><?cs if:string.length(Request.handler) ?><?cs var:Request.handler ?><?cs else ?><?cs var:L.admin.dsr.self_service ?><?cs /if ?></dd>
<?cs if:string.length(Request.note) ?><dt><?cs var:L.admin.dsr.note_label ?></dt><dd><?cs var:Request.note ?></dd>
<?cs /if ?></dl>
<?cs if:Request.view == "erase" ?><h2><?cs var:L.admin.dsr.confirm_title ?></h2>
<p><?cs if:string.length(Form.order) ?><?cs var:L.admin.dsr.confirm_one ?><?cs else ?><?cs var:L.admin.dsr.confirm_all ?><?cs /if ?></p>
<ul>
<?cs each:o = Orders ?><li><a href="<?cs var:o.url ?>"><?cs var:o.ref ?></a>: <?cs var:o.service ?>, <?cs var:o.provider ?> (<?cs call:order_status(o.status) ?>)</li>
<?cs /each ?></ul>
<p><?cs var:L.admin.dsr.confirm_what ?></p>
<form method="post" action="<?cs var:Request.path ?>/erase" class="stack">
<?cs call:csrf() ?>
<?cs if:string.length(Form.order) ?><input type="hidden" name="order" value="<?cs var:Form.order ?>">
<?cs /if ?><div class="field">
<label for="note"><?cs var:L.admin.dsr.erase_note_label ?></label>
<p class="hint" id="note-hint"><?cs var:L.admin.dsr.note_hint ?></p>
<?cs call:field_error("note") ?><textarea id="note" name="note" rows="3" maxlength="1000" aria-describedby="note-hint<?cs if:string.length(Form.errors.note) ?> note-error<?cs /if ?>"<?cs if:string.length(Form.errors.note) ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.note ?></textarea>
</div>
<div class="actions">
<button type="submit" class="danger"><?cs if:string.length(Form.order) ?><?cs var:L.admin.dsr.confirm_button_one ?><?cs else ?><?cs var:L.admin.dsr.confirm_button_all ?><?cs /if ?></button>
<a href="<?cs var:Request.path ?>"><?cs var:L.admin.dsr.confirm_keep ?></a>
</div>
</form>
<?cs else ?><h2><?cs var:L.admin.dsr.orders_title ?></h2>
<?cs if:Request.kind != "access" ?><p><?cs var:L.admin.dsr.orders_not_access ?></p>
<?cs elif:Request.status != "verified" && Request.status != "done" ?><p><?cs var:L.admin.dsr.orders_unproven ?></p>
<?cs elif:Case.count == 0 ?><p class="none"><?cs var:L.admin.dsr.orders_none ?></p>
<?cs else ?><table class="list">
<caption><?cs var:L.admin.dsr.orders_caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.orders.col.ref ?></th>
<th scope="col"><?cs var:L.admin.orders.col.created ?></th>
<th scope="col"><?cs var:L.admin.orders.col.provider ?></th>
<th scope="col"><?cs var:L.admin.orders.col.service ?></th>
<th scope="col"><?cs var:L.admin.orders.col.status ?></th>
<th scope="col"><?cs var:L.admin.dsr.col.erase ?></th>
</tr></thead>
<tbody>
<?cs each:o = Orders ?><tr>
<th scope="row"><a href="<?cs var:o.url ?>"><?cs var:o.ref ?></a></th>
<td><?cs var:o.created ?></td>
<td><?cs var:o.provider ?></td>
<td><?cs var:o.service ?></td>
<td><?cs call:order_status(o.status) ?></td>
<td><a href="<?cs var:o.erase_url ?>"><?cs var:L.admin.dsr.erase_one ?><span class="vh"> <?cs var:o.ref ?></span></a></td>
</tr>
<?cs /each ?></tbody>
</table>
<h2 id="pii"><?cs var:L.admin.orders.pii.title ?></h2>
<?cs if:Orders.0.pii.shown ?><div class="notice" role="status"><p><?cs var:L.admin.dsr.pii_logged ?></p></div>
<?cs each:o = Orders ?><h3><?cs var:o.ref ?></h3>
<dl class="facts pii">
<dt><?cs var:L.admin.orders.pii.name ?></dt><dd><?cs var:o.pii.first_name ?> <?cs var:o.pii.last_name ?></dd>
<dt><?cs var:L.admin.orders.pii.email ?></dt><dd><?cs var:o.pii.email ?></dd>
<dt><?cs var:L.admin.orders.pii.phone ?></dt><dd><?cs var:o.pii.phone ?></dd>
<?cs if:string.length(o.pii.pnr) ?><dt><?cs var:L.admin.orders.pii.pnr ?></dt><dd><?cs var:o.pii.pnr ?></dd>
<?cs /if ?><?cs if:string.length(o.pii.invoice_street) ?><dt><?cs var:L.admin.orders.pii.invoice ?></dt><dd><?cs var:o.pii.invoice_street ?>, <?cs var:o.pii.invoice_postcode ?> <?cs var:o.pii.invoice_city ?></dd>
<?cs /if ?><?cs if:string.length(o.address) ?><dt><?cs var:L.admin.orders.order.address ?></dt><dd><?cs var:o.address ?>, <?cs var:o.place ?><?cs if:string.length(o.apartment) ?> (<?cs var:o.apartment ?>)<?cs /if ?></dd>
<?cs /if ?><?cs each:x = o.pii.extra ?><dt><?cs var:x.label ?></dt><dd><?cs if:x.check ?><?cs var:L.admin.orders.pii.checked ?><?cs else ?><?cs var:x.value ?><?cs /if ?></dd>
<?cs /each ?></dl>
<?cs /each ?><?cs elif:string.length(Can.show) ?><p><?cs var:L.admin.dsr.pii_hidden ?></p>
<?cs /if ?><div class="actions">
<?cs if:string.length(Can.show) && !Orders.0.pii.shown ?><form method="post" action="<?cs var:Can.show ?>"><?cs call:csrf() ?><button type="submit" class="secondary"><?cs var:L.admin.dsr.show ?></button></form>
<?cs /if ?><?cs if:string.length(Can.export) ?><form method="post" action="<?cs var:Can.export ?>"><?cs call:csrf() ?><button type="submit" class="secondary"><?cs var:L.admin.dsr.export ?></button></form>
<?cs /if ?><?cs if:string.length(Can.erase) ?><a href="<?cs var:Can.erase ?>"><?cs var:L.admin.dsr.erase_all ?></a>
<?cs /if ?></div>
<p class="hint"><?cs var:L.admin.dsr.retention_pre ?> <?cs var:Case.retention_days ?> <?cs var:L.admin.dsr.retention_post ?></p>
<?cs /if ?><?cs /if ?>
<?cs call:admin_end() ?>
