<?cs ##################################################################
# admin/orders.cs: the network's orders, newest first, with the filter
# form (GET /admin/orders, fcgi/h_admin_orders.c).
#
# Reads Filter.{status, from, to, ref, address} (as typed),
# Providers.N.{id, name, selected} (network staff only),
# Services.N.{id, name, provider, selected}, Form.errors.* (a bad filter:
# 422, and no list), Orders.N.{ref, url, created, provider, service,
# status, address, apartment, fetched, erased} and List.{total, first,
# last, page, pages, prev_url, next_url}. No personal data is listed.
?><?cs include:"admin/layout.cs" ?><?cs

# status_badge(s): the status as a word in a badge; the colour only
# repeats what the word says.
?><?cs def:status_name(s) ?><?cs
if:s == "new" ?><?cs var:L.admin.orders.status.new ?><?cs
elif:s == "received" ?><?cs var:L.admin.orders.status.received ?><?cs
elif:s == "activated" ?><?cs var:L.admin.orders.status.activated ?><?cs
elif:s == "rejected" ?><?cs var:L.admin.orders.status.rejected ?><?cs
elif:s == "cancelled" ?><?cs var:L.admin.orders.status.cancelled ?><?cs
else ?><?cs var:s ?><?cs /if ?><?cs /def ?><?cs

def:status_badge(s) ?><span class="badge<?cs if:s == "activated" ?> badge-ok<?cs elif:s == "rejected" ?> badge-bad<?cs elif:s == "new" ?> badge-warn<?cs /if ?>"><?cs call:status_name(s) ?></span><?cs /def ?><?cs

def:status_option(v) ?><option value="<?cs var:v ?>"<?cs if:Filter.status == v ?> selected<?cs /if ?>><?cs call:status_name(v) ?></option>
<?cs /def ?><?cs

# filter_input(name, type, label, value, hint): a labelled input of the
# filter form with its error.
?><?cs def:filter_input(name, type, label, value, hint) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs call:field_error(name) ?><input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>" aria-describedby="<?cs var:name ?>-hint<?cs if:string.length(Form.errors[name]) ?> <?cs var:name ?>-error<?cs /if ?>"<?cs if:string.length(Form.errors[name]) ?> aria-invalid="true"<?cs /if ?>>
<span class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></span>
</div>
<?cs /def ?><?cs

call:admin_start(L.admin.orders.title) ?>
<h1><?cs var:L.admin.orders.title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<form method="get" action="<?cs var:Page.base ?>/admin/orders" class="filters" role="search" aria-label="<?cs var:L.admin.orders.filter_label ?>">
<div class="field">
<label for="status"><?cs var:L.admin.orders.status_label ?></label>
<?cs call:field_error("status") ?><select id="status" name="status"<?cs if:string.length(Form.errors.status) ?> aria-invalid="true" aria-describedby="status-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.orders.any ?></option>
<?cs call:status_option("new") ?><?cs call:status_option("received") ?><?cs call:status_option("activated") ?><?cs call:status_option("rejected") ?><?cs call:status_option("cancelled") ?></select>
</div>
<?cs if:User.role != "provider_user" ?><div class="field">
<label for="provider"><?cs var:L.admin.orders.provider_label ?></label>
<?cs call:field_error("provider") ?><select id="provider" name="provider"<?cs if:string.length(Form.errors.provider) ?> aria-invalid="true" aria-describedby="provider-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.orders.any ?></option>
<?cs each:p = Providers ?><option value="<?cs var:p.id ?>"<?cs if:p.selected ?> selected<?cs /if ?>><?cs var:p.name ?></option>
<?cs /each ?></select>
</div>
<?cs /if ?><div class="field">
<label for="service"><?cs var:L.admin.orders.service_label ?></label>
<?cs call:field_error("service") ?><select id="service" name="service"<?cs if:string.length(Form.errors.service) ?> aria-invalid="true" aria-describedby="service-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.orders.any ?></option>
<?cs each:s = Services ?><option value="<?cs var:s.id ?>"<?cs if:s.selected ?> selected<?cs /if ?>><?cs var:s.name ?><?cs if:User.role != "provider_user" ?> (<?cs var:s.provider ?>)<?cs /if ?></option>
<?cs /each ?></select>
</div>
<?cs call:filter_input("from", "date", L.admin.orders.from_label, Filter.from, L.admin.orders.date_hint) ?>
<?cs call:filter_input("to", "date", L.admin.orders.to_label, Filter.to, L.admin.orders.date_hint) ?>
<?cs call:filter_input("ref", "text", L.admin.orders.ref_label, Filter.ref, L.admin.orders.ref_hint) ?>
<?cs call:filter_input("address", "text", L.admin.orders.address_label, Filter.address, L.admin.orders.address_hint) ?>
<div class="actions">
<button type="submit"><?cs var:L.admin.orders.filter ?></button>
<a href="<?cs var:Page.base ?>/admin/orders"><?cs var:L.admin.orders.clear ?></a>
</div>
</form>
<?cs if:subcount(Form.errors) == 0 ?><?cs if:List.total > 0 ?><p class="count"><?cs var:L.admin.orders.count_pre ?> <?cs var:List.first ?>–<?cs var:List.last ?> <?cs var:L.admin.orders.count_of ?> <span class="total"><?cs var:List.total ?></span> <?cs var:L.admin.orders.count_post ?>.</p>
<?cs else ?><p class="none"><?cs var:L.admin.orders.none ?></p>
<?cs /if ?><?cs if:subcount(Orders) > 0 ?>
<div class="scroll" role="region" aria-labelledby="orders-caption" tabindex="0">
<table class="list orders">
<caption id="orders-caption"><?cs var:L.admin.orders.caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.orders.col.ref ?></th>
<th scope="col"><?cs var:L.admin.orders.col.created ?></th>
<?cs if:User.role != "provider_user" ?><th scope="col"><?cs var:L.admin.orders.col.provider ?></th>
<?cs /if ?><th scope="col"><?cs var:L.admin.orders.col.service ?></th>
<th scope="col"><?cs var:L.admin.orders.col.address ?></th>
<th scope="col"><?cs var:L.admin.orders.col.status ?></th>
<th scope="col"><?cs var:L.admin.orders.col.fetched ?></th>
</tr></thead>
<tbody>
<?cs each:o = Orders ?><tr>
<th scope="row"><a href="<?cs var:o.url ?>"><?cs var:o.ref ?></a></th>
<td><?cs var:o.created ?></td>
<?cs if:User.role != "provider_user" ?><td><?cs var:o.provider ?></td>
<?cs /if ?><td><?cs var:o.service ?></td>
<td><?cs if:o.erased == "1" ?><?cs var:L.admin.orders.erased_address ?><?cs else ?><?cs var:o.address ?><?cs if:string.length(o.apartment) ?>, <?cs var:L.admin.orders.apartment_short ?> <?cs var:o.apartment ?><?cs /if ?><?cs /if ?></td>
<td><?cs call:status_badge(o.status) ?></td>
<td><?cs if:o.fetched == "1" ?><?cs var:L.admin.orders.yes ?><?cs else ?><?cs var:L.admin.orders.no ?><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs /if ?><?cs if:List.pages > 1 || string.length(List.prev_url) ?><nav aria-label="<?cs var:L.admin.orders.pages ?>">
<ul class="pager">
<?cs if:string.length(List.prev_url) ?><li><a href="<?cs var:List.prev_url ?>" rel="prev"><?cs var:L.admin.orders.prev ?></a></li>
<?cs /if ?><li><?cs var:L.admin.orders.page ?> <?cs var:List.page ?> <?cs var:L.admin.orders.page_of ?> <?cs var:List.pages ?></li>
<?cs if:string.length(List.next_url) ?><li><a href="<?cs var:List.next_url ?>" rel="next"><?cs var:L.admin.orders.next ?></a></li>
<?cs /if ?></ul>
</nav>
<?cs /if ?><?cs /if ?>
<?cs call:admin_end() ?>
