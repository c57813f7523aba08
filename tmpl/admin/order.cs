<?cs ##################################################################
# admin/order.cs: one order (GET /admin/orders/REF), and the same page
# with its personal data after POST .../show (fcgi/h_admin_orders.c).
#
# Reads Order.{ref, url, status, status_date, lang, provider, service,
# desired_start, provider_reference, external_message, created, updated,
# fetched, final, erased, problem}, Terms.{monthly, start_fee, binding,
# notice, campaign.{kind, value, months}}, Outlet.{address, place,
# apartment, code, distinguisher} (absent once erased), Log.N.{kind,
# actor, user, at, note}, Can.{show, resend, status} (the form actions
# the user may use), Next.N (the statuses the order may move to),
# Form.{status, comment} and Form.errors.* (a refused status change), and
# only after "show" Pii.{shown, first_name, last_name, email, phone, pnr,
# invoice_street, invoice_postcode, invoice_city, extra.N.{label, value,
# check}}.
?><?cs include:"admin/layout.cs" ?><?cs

def:status_name(s) ?><?cs
if:s == "new" ?><?cs var:L.admin.orders.status.new ?><?cs
elif:s == "received" ?><?cs var:L.admin.orders.status.received ?><?cs
elif:s == "activated" ?><?cs var:L.admin.orders.status.activated ?><?cs
elif:s == "rejected" ?><?cs var:L.admin.orders.status.rejected ?><?cs
elif:s == "cancelled" ?><?cs var:L.admin.orders.status.cancelled ?><?cs
else ?><?cs var:s ?><?cs /if ?><?cs /def ?><?cs

def:status_badge(s) ?><span class="badge<?cs if:s == "activated" ?> badge-ok<?cs elif:s == "rejected" ?> badge-bad<?cs elif:s == "new" ?> badge-warn<?cs /if ?>"><?cs call:status_name(s) ?></span><?cs /def ?><?cs

def:event_name(k) ?><?cs
if:k == "created" ?><?cs var:L.admin.orders.event.created ?><?cs
elif:k == "fetched" ?><?cs var:L.admin.orders.event.fetched ?><?cs
elif:k == "received" ?><?cs var:L.admin.orders.event.received ?><?cs
elif:k == "activated" ?><?cs var:L.admin.orders.event.activated ?><?cs
elif:k == "rejected" ?><?cs var:L.admin.orders.event.rejected ?><?cs
elif:k == "cancelled" ?><?cs var:L.admin.orders.event.cancelled ?><?cs
elif:k == "viewed" ?><?cs var:L.admin.orders.event.viewed ?><?cs
elif:k == "exported" ?><?cs var:L.admin.orders.event.exported ?><?cs
elif:k == "erased" ?><?cs var:L.admin.orders.event.erased ?><?cs
elif:k == "status" ?><?cs var:L.admin.orders.event.status ?><?cs
elif:k == "mail" ?><?cs var:L.admin.orders.event.mail ?><?cs
elif:k == "note" ?><?cs var:L.admin.orders.event.note ?><?cs
else ?><?cs var:k ?><?cs /if ?><?cs /def ?><?cs

def:actor_name(a) ?><?cs
if:a == "resident" ?><?cs var:L.admin.orders.actor.resident ?><?cs
elif:a == "provider" ?><?cs var:L.admin.orders.actor.provider ?><?cs
elif:a == "admin" ?><?cs var:L.admin.orders.actor.admin ?><?cs
elif:a == "system" ?><?cs var:L.admin.orders.actor.system ?><?cs
else ?><?cs var:a ?><?cs /if ?><?cs /def ?><?cs

def:or_none(v) ?><?cs if:string.length(v) ?><?cs var:v ?><?cs else ?><?cs var:L.admin.orders.order.none ?><?cs /if ?><?cs /def ?><?cs

call:admin_start(L.admin.orders.order.title + " " + Order.ref) ?>
<p><a href="<?cs var:Page.base ?>/admin/orders"><?cs var:L.admin.orders.order.back ?></a></p>
<h1><?cs var:L.admin.orders.order.title ?> <?cs var:Order.ref ?></h1>
<?cs call:flash() ?><?cs if:string.length(Order.problem) ?><div class="error-summary" role="alert" tabindex="-1">
<h2><?cs var:L.admin.orders.order.problem ?></h2>
<p><?cs var:Order.problem ?></p>
</div>
<?cs /if ?><?cs call:error_summary() ?>
<dl class="facts">
<dt><?cs var:L.admin.orders.order.status ?></dt><dd><?cs call:status_badge(Order.status) ?></dd>
<?cs if:string.length(Order.status_date) ?><dt><?cs var:L.admin.orders.order.status_date ?></dt><dd><?cs var:Order.status_date ?></dd>
<?cs /if ?><dt><?cs var:L.admin.orders.order.created ?></dt><dd><?cs var:Order.created ?></dd>
<dt><?cs var:L.admin.orders.order.fetched ?></dt><dd><?cs if:string.length(Order.fetched) ?><?cs var:Order.fetched ?><?cs else ?><?cs var:L.admin.orders.order.not_fetched ?><?cs /if ?></dd>
<?cs if:string.length(Order.final) ?><dt><?cs var:L.admin.orders.order.final ?></dt><dd><?cs var:Order.final ?></dd>
<?cs /if ?><?cs if:string.length(Order.erased) ?><dt><?cs var:L.admin.orders.order.erased ?></dt><dd><?cs var:Order.erased ?></dd>
<?cs /if ?><dt><?cs var:L.admin.orders.order.updated ?></dt><dd><?cs var:Order.updated ?></dd>
<dt><?cs var:L.admin.orders.order.lang ?></dt><dd><?cs if:Order.lang == "en" ?><?cs var:L.admin.orders.order.lang_en ?><?cs else ?><?cs var:L.admin.orders.order.lang_sv ?><?cs /if ?></dd>
</dl>

<h2><?cs var:L.admin.orders.order.service_title ?></h2>
<dl class="facts">
<dt><?cs var:L.admin.orders.order.service ?></dt><dd><?cs var:Order.service ?></dd>
<dt><?cs var:L.admin.orders.order.provider ?></dt><dd><?cs var:Order.provider ?></dd>
<dt><?cs var:L.admin.orders.order.monthly ?></dt><dd><?cs var:Terms.monthly ?></dd>
<dt><?cs var:L.admin.orders.order.start_fee ?></dt><dd><?cs var:Terms.start_fee ?></dd>
<dt><?cs var:L.admin.orders.order.binding ?></dt><dd><?cs var:Terms.binding ?> <?cs var:L.admin.orders.order.months ?></dd>
<dt><?cs var:L.admin.orders.order.notice ?></dt><dd><?cs var:Terms.notice ?> <?cs var:L.admin.orders.order.months ?></dd>
<?cs if:string.length(Terms.campaign.kind) ?><dt><?cs var:L.admin.orders.order.campaign ?></dt><dd><?cs
if:Terms.campaign.kind == "percent" ?><?cs var:Terms.campaign.value ?> % <?cs var:L.admin.orders.order.campaign_percent ?><?cs
elif:Terms.campaign.kind == "amount" ?><?cs var:Terms.campaign.value ?> <?cs var:L.admin.orders.order.campaign_amount ?><?cs
else ?><?cs var:Terms.campaign.value ?> <?cs var:L.admin.orders.order.campaign_fixed ?><?cs /if ?> <?cs var:L.admin.orders.order.campaign_during ?> <?cs var:Terms.campaign.months ?> <?cs var:L.admin.orders.order.months ?></dd>
<?cs /if ?><dt><?cs var:L.admin.orders.order.desired_start ?></dt><dd><?cs call:or_none(Order.desired_start) ?></dd>
</dl>

<h2><?cs var:L.admin.orders.order.outlet_title ?></h2>
<?cs if:string.length(Outlet.address) ?><dl class="facts">
<dt><?cs var:L.admin.orders.order.address ?></dt><dd><?cs var:Outlet.address ?>, <?cs var:Outlet.place ?></dd>
<dt><?cs var:L.admin.orders.order.apartment ?></dt><dd><?cs call:or_none(Outlet.apartment) ?></dd>
<dt><?cs var:L.admin.orders.order.outlet_code ?></dt><dd><?cs var:Outlet.code ?></dd>
<?cs if:string.length(Outlet.distinguisher) ?><dt><?cs var:L.admin.orders.order.distinguisher ?></dt><dd><?cs var:Outlet.distinguisher ?></dd>
<?cs /if ?></dl>
<?cs else ?><p><?cs var:L.admin.orders.order.outlet_erased ?></p>
<?cs /if ?>
<h2><?cs var:L.admin.orders.order.from_provider ?></h2>
<dl class="facts">
<dt><?cs var:L.admin.orders.order.provider_reference ?></dt><dd><?cs call:or_none(Order.provider_reference) ?></dd>
<dt><?cs var:L.admin.orders.order.external_message ?></dt><dd><?cs call:or_none(Order.external_message) ?></dd>
</dl>

<h2 id="pii"><?cs var:L.admin.orders.pii.title ?></h2>
<?cs if:string.length(Order.erased) ?><p><?cs var:L.admin.orders.pii.erased_pre ?> <?cs var:Order.erased ?>. <?cs var:L.admin.orders.pii.erased_post ?></p>
<?cs elif:Pii.shown ?><div class="notice" role="status"><p><?cs var:L.admin.orders.pii.logged ?></p></div>
<dl class="facts pii">
<dt><?cs var:L.admin.orders.pii.name ?></dt><dd><?cs var:Pii.first_name ?> <?cs var:Pii.last_name ?></dd>
<dt><?cs var:L.admin.orders.pii.email ?></dt><dd><?cs var:Pii.email ?></dd>
<dt><?cs var:L.admin.orders.pii.phone ?></dt><dd><?cs var:Pii.phone ?></dd>
<?cs if:string.length(Pii.pnr) ?><dt><?cs var:L.admin.orders.pii.pnr ?></dt><dd><?cs var:Pii.pnr ?></dd>
<?cs /if ?><?cs if:string.length(Pii.invoice_street) ?><dt><?cs var:L.admin.orders.pii.invoice ?></dt><dd><?cs var:Pii.invoice_street ?>, <?cs var:Pii.invoice_postcode ?> <?cs var:Pii.invoice_city ?></dd>
<?cs /if ?></dl>
<?cs if:subcount(Pii.extra) > 0 ?><h3><?cs var:L.admin.orders.pii.extra_title ?></h3>
<dl class="facts">
<?cs each:x = Pii.extra ?><dt><?cs var:x.label ?></dt><dd><?cs if:x.check ?><?cs var:L.admin.orders.pii.checked ?><?cs else ?><?cs var:x.value ?><?cs /if ?></dd>
<?cs /each ?></dl>
<?cs /if ?><?cs elif:string.length(Can.show) ?><p><?cs var:L.admin.orders.pii.hidden ?></p>
<form method="post" action="<?cs var:Can.show ?>" class="actions">
<?cs call:csrf() ?>
<button type="submit" class="secondary"><?cs var:L.admin.orders.pii.show ?></button>
</form>
<?cs /if ?>
<?cs if:User.role == "network_admin" ?><h2><?cs var:L.admin.orders.change.title ?></h2>
<?cs if:string.length(Can.status) ?><p><?cs var:L.admin.orders.change.intro ?></p>
<form method="post" action="<?cs var:Can.status ?>" class="stack">
<?cs call:csrf() ?>
<div class="field">
<label for="status"><?cs var:L.admin.orders.change.status ?></label>
<?cs call:field_error("status") ?><select id="status" name="status"<?cs if:string.length(Form.errors.status) ?> aria-invalid="true" aria-describedby="status-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.orders.change.choose ?></option>
<?cs each:s = Next ?><option value="<?cs var:s ?>"<?cs if:Form.status == s ?> selected<?cs /if ?>><?cs call:status_name(s) ?></option>
<?cs /each ?></select>
</div>
<div class="field">
<label for="comment"><?cs var:L.admin.orders.change.comment ?></label>
<p class="hint" id="comment-hint"><?cs var:L.admin.orders.change.comment_hint ?></p>
<?cs call:field_error("comment") ?><textarea id="comment" name="comment" rows="4" maxlength="1000" aria-describedby="comment-hint<?cs if:string.length(Form.errors.comment) ?> comment-error<?cs /if ?>"<?cs if:string.length(Form.errors.comment) ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.comment ?></textarea>
</div>
<button type="submit"><?cs var:L.admin.orders.change.submit ?></button>
</form>
<?cs else ?><p><?cs var:L.admin.orders.change.final ?></p>
<?cs /if ?><?cs if:string.length(Can.resend) ?><h2><?cs var:L.admin.orders.resend.title ?></h2>
<p><?cs var:L.admin.orders.resend.intro ?></p>
<form method="post" action="<?cs var:Can.resend ?>" class="actions">
<?cs call:csrf() ?>
<button type="submit" class="secondary"><?cs var:L.admin.orders.resend.submit ?></button>
</form>
<?cs /if ?><?cs /if ?>
<h2><?cs var:L.admin.orders.log.title ?></h2>
<div class="scroll" role="region" aria-labelledby="log-caption" tabindex="0">
<table class="list log">
<caption id="log-caption"><?cs var:L.admin.orders.log.caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.orders.log.at ?></th>
<th scope="col"><?cs var:L.admin.orders.log.event ?></th>
<th scope="col"><?cs var:L.admin.orders.log.who ?></th>
<th scope="col"><?cs var:L.admin.orders.log.note ?></th>
</tr></thead>
<tbody>
<?cs each:e = Log ?><tr>
<td><?cs var:e.at ?></td>
<th scope="row"><?cs call:event_name(e.kind) ?></th>
<td><?cs call:actor_name(e.actor) ?><?cs if:string.length(e.user) ?> (<?cs var:e.user ?>)<?cs /if ?></td>
<td><?cs var:e.note ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs call:admin_end() ?>
