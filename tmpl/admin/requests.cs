<?cs ##################################################################
# admin/requests.cs: the network's data-subject requests, newest first,
# with the filter (GET /admin/requests), and the form for a request that
# came by letter, phone or in person (POST /admin/requests,
# fcgi/h_admin_dsr.c).
#
# Reads Filter.{status, kind} (as typed), Requests.N.{id, url, kind,
# status, channel, created, verified, done, handler, order, by_email,
# by_pnr}, List.{total, page, pages, prev_url, next_url}, Form.{channel,
# pnr, email, note} (kept on a 422: the page is the answer to a POST, so
# nothing of it is in a URL) and Form.errors.*. No personal data is
# listed: a request holds only blind indexes.
?><?cs include:"admin/layout.cs" ?><?cs

def:status_name(s) ?><?cs
if:s == "pending" ?><?cs var:L.admin.dsr.status.pending ?><?cs
elif:s == "verified" ?><?cs var:L.admin.dsr.status.verified ?><?cs
elif:s == "done" ?><?cs var:L.admin.dsr.status.done ?><?cs
elif:s == "rejected" ?><?cs var:L.admin.dsr.status.rejected ?><?cs
elif:s == "expired" ?><?cs var:L.admin.dsr.status.expired ?><?cs
else ?><?cs var:s ?><?cs /if ?><?cs /def ?><?cs

def:status_badge(s) ?><span class="badge<?cs if:s == "done" ?> badge-ok<?cs elif:s == "verified" || s == "pending" ?> badge-warn<?cs /if ?>"><?cs call:status_name(s) ?></span><?cs /def ?><?cs

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

def:option(v, cur, text) ?><option value="<?cs var:v ?>"<?cs if:cur == v ?> selected<?cs /if ?>><?cs var:text ?></option>
<?cs /def ?><?cs

call:admin_start(L.admin.dsr.title) ?>
<h1><?cs var:L.admin.dsr.title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<p><?cs var:L.admin.dsr.intro ?></p>
<form method="get" action="<?cs var:Page.base ?>/admin/requests" class="filters" role="search" aria-label="<?cs var:L.admin.dsr.filter_label ?>">
<div class="field">
<label for="status"><?cs var:L.admin.dsr.status_label ?></label>
<?cs call:field_error("status") ?><select id="status" name="status"<?cs if:string.length(Form.errors.status) ?> aria-invalid="true" aria-describedby="status-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.dsr.any ?></option>
<?cs call:option("pending", Filter.status, L.admin.dsr.status.pending) ?><?cs call:option("verified", Filter.status, L.admin.dsr.status.verified) ?><?cs call:option("done", Filter.status, L.admin.dsr.status.done) ?><?cs call:option("rejected", Filter.status, L.admin.dsr.status.rejected) ?><?cs call:option("expired", Filter.status, L.admin.dsr.status.expired) ?></select>
</div>
<div class="field">
<label for="kind"><?cs var:L.admin.dsr.kind_label ?></label>
<?cs call:field_error("kind") ?><select id="kind" name="kind"<?cs if:string.length(Form.errors.kind) ?> aria-invalid="true" aria-describedby="kind-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.dsr.any ?></option>
<?cs call:option("access", Filter.kind, L.admin.dsr.kind.access) ?><?cs call:option("erasure", Filter.kind, L.admin.dsr.kind.erasure) ?><?cs call:option("rectification", Filter.kind, L.admin.dsr.kind.rectification) ?></select>
</div>
<div class="actions">
<button type="submit"><?cs var:L.admin.dsr.filter ?></button>
<a href="<?cs var:Page.base ?>/admin/requests"><?cs var:L.admin.dsr.clear ?></a>
</div>
</form>
<?cs if:string.length(List.total) ?><?cs if:List.total > 0 ?><table class="list requests">
<caption><?cs var:L.admin.dsr.caption ?> (<?cs var:List.total ?>)</caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.dsr.col.id ?></th>
<th scope="col"><?cs var:L.admin.dsr.col.created ?></th>
<th scope="col"><?cs var:L.admin.dsr.col.kind ?></th>
<th scope="col"><?cs var:L.admin.dsr.col.status ?></th>
<th scope="col"><?cs var:L.admin.dsr.col.channel ?></th>
<th scope="col"><?cs var:L.admin.dsr.col.by ?></th>
<th scope="col"><?cs var:L.admin.dsr.col.done ?></th>
<th scope="col"><?cs var:L.admin.dsr.col.handler ?></th>
</tr></thead>
<tbody>
<?cs each:q = Requests ?><tr>
<th scope="row"><a href="<?cs var:q.url ?>"><?cs var:q.id ?></a></th>
<td><?cs var:q.created ?></td>
<td><?cs call:kind_name(q.kind) ?><?cs if:string.length(q.order) ?> (<?cs var:q.order ?>)<?cs /if ?></td>
<td><?cs call:status_badge(q.status) ?></td>
<td><?cs call:channel_name(q.channel) ?></td>
<td><?cs if:q.by_pnr == "1" ?><?cs var:L.admin.dsr.by_pnr ?><?cs else ?><?cs var:L.admin.dsr.by_email ?><?cs /if ?></td>
<td><?cs if:string.length(q.done) ?><?cs var:q.done ?><?cs else ?><?cs var:L.admin.dsr.not_yet ?><?cs /if ?></td>
<td><?cs if:string.length(q.handler) ?><?cs var:q.handler ?><?cs else ?><?cs var:L.admin.dsr.self_service ?><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p class="none"><?cs var:L.admin.dsr.none ?></p>
<?cs /if ?><?cs if:List.pages > 1 ?><nav aria-label="<?cs var:L.admin.dsr.pages ?>">
<ul class="pager">
<?cs if:string.length(List.prev_url) ?><li><a href="<?cs var:List.prev_url ?>" rel="prev"><?cs var:L.admin.dsr.prev ?></a></li>
<?cs /if ?><li><?cs var:L.admin.dsr.page ?> <?cs var:List.page ?> <?cs var:L.admin.dsr.page_of ?> <?cs var:List.pages ?></li>
<?cs if:string.length(List.next_url) ?><li><a href="<?cs var:List.next_url ?>" rel="next"><?cs var:L.admin.dsr.next ?></a></li>
<?cs /if ?></ul>
</nav>
<?cs /if ?><?cs /if ?>
<h2 id="new"><?cs var:L.admin.dsr.new_title ?></h2>
<p><?cs var:L.admin.dsr.new_intro ?></p>
<form method="post" action="<?cs var:Page.base ?>/admin/requests" class="stack" autocomplete="off">
<?cs call:csrf() ?>
<div class="field">
<label for="channel"><?cs var:L.admin.dsr.channel_label ?></label>
<?cs call:field_error("channel") ?><select id="channel" name="channel"<?cs if:string.length(Form.errors.channel) ?> aria-invalid="true" aria-describedby="channel-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.dsr.choose ?></option>
<?cs call:option("letter", Form.channel, L.admin.dsr.channel.letter) ?><?cs call:option("phone", Form.channel, L.admin.dsr.channel.phone) ?><?cs call:option("email", Form.channel, L.admin.dsr.channel.email) ?><?cs call:option("visit", Form.channel, L.admin.dsr.channel.visit) ?><?cs call:option("other", Form.channel, L.admin.dsr.channel.other) ?></select>
</div>
<fieldset>
<legend><?cs var:L.admin.dsr.who_legend ?></legend>
<p class="hint"><?cs var:L.admin.dsr.who_hint ?></p>
<?cs call:text_field("pnr", L.admin.dsr.pnr_label, Form.pnr, L.admin.dsr.pnr_hint) ?>
<?cs call:text_field("email", L.admin.dsr.email_label, Form.email, L.admin.dsr.email_hint) ?>
</fieldset>
<div class="field">
<label for="note"><?cs var:L.admin.dsr.note_label ?></label>
<p class="hint" id="note-hint"><?cs var:L.admin.dsr.note_hint ?></p>
<?cs call:field_error("note") ?><textarea id="note" name="note" rows="3" maxlength="1000" aria-describedby="note-hint<?cs if:string.length(Form.errors.note) ?> note-error<?cs /if ?>"<?cs if:string.length(Form.errors.note) ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.note ?></textarea>
</div>
<button type="submit"><?cs var:L.admin.dsr.search ?></button>
</form>
<?cs call:admin_end() ?>
