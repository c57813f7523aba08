<?cs ##################################################################
# admin/services.cs: the services of the network's providers (all of
# them for administrators, with a provider filter; the own provider's
# for a provider user). Providers.N.{id, name} (administrators only),
# Filter.provider, Services.N.{id, provider, category, name, monthly,
# start_fee, binding, notice, campaign, campaign_value, campaign_months,
# limited, nareas, active}.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.services.title) ?><?cs
def:category(c) ?><?cs if:c == "internet" ?><?cs var:L.admin.services.cat.internet ?><?cs
elif:c == "tv" ?><?cs var:L.admin.services.cat.tv ?><?cs
elif:c == "phone" ?><?cs var:L.admin.services.cat.phone ?><?cs
else ?><?cs var:L.admin.services.cat.other ?><?cs /if ?><?cs /def ?>
<h1><?cs var:L.admin.services.title ?></h1>
<?cs call:flash() ?>
<p><?cs var:L.admin.services.intro ?></p>
<?cs if:subcount(Providers) > 0 ?><form method="get" action="<?cs var:Page.base ?>/admin/services" class="filters">
<div class="field">
<label for="provider"><?cs var:L.admin.services.filter_provider ?></label>
<select id="provider" name="provider">
<option value="0"><?cs var:L.admin.catalog.all ?></option>
<?cs each:p = Providers ?><option value="<?cs var:p.id ?>"<?cs if:Filter.provider == p.id ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.slug ?>)</option>
<?cs /each ?></select>
</div>
<button type="submit" class="secondary"><?cs var:L.admin.catalog.filter ?></button>
</form>
<?cs /if ?><p class="actions"><a href="<?cs var:Page.base ?>/admin/services/new<?cs if:string.length(Filter.provider) ?>?provider=<?cs var:Filter.provider ?><?cs /if ?>"><?cs var:L.admin.services.new ?></a></p>
<?cs if:subcount(Services) > 0 ?><table class="list">
<caption><?cs var:L.admin.services.caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.services.col_name ?></th>
<th scope="col"><?cs var:L.admin.services.col_provider ?></th>
<th scope="col"><?cs var:L.admin.services.col_category ?></th>
<th scope="col" class="num"><?cs var:L.admin.services.col_monthly ?></th>
<th scope="col" class="num"><?cs var:L.admin.services.col_start_fee ?></th>
<th scope="col"><?cs var:L.admin.services.col_binding ?></th>
<th scope="col"><?cs var:L.admin.services.col_campaign ?></th>
<th scope="col"><?cs var:L.admin.services.col_areas ?></th>
<th scope="col"><?cs var:L.admin.services.col_status ?></th>
</tr></thead>
<tbody>
<?cs each:s = Services ?><tr>
<th scope="row"><a href="<?cs var:Page.base ?>/admin/services/<?cs var:s.id ?>"><?cs var:s.name ?></a></th>
<td><?cs var:s.provider ?></td>
<td><?cs call:category(s.category) ?></td>
<td class="num"><?cs var:s.monthly ?></td>
<td class="num"><?cs var:s.start_fee ?></td>
<td><?cs var:s.binding ?> / <?cs var:s.notice ?> <?cs var:L.admin.services.months ?></td>
<td><?cs if:s.campaign == "percent" ?><?cs var:s.campaign_value ?> % <?cs var:L.admin.services.camp_off ?> <?cs var:L.admin.services.for ?> <?cs var:s.campaign_months ?> <?cs var:L.admin.services.months ?><?cs
elif:s.campaign == "amount" ?><?cs var:s.campaign_value ?> <?cs var:L.admin.services.camp_off ?> <?cs var:L.admin.services.for ?> <?cs var:s.campaign_months ?> <?cs var:L.admin.services.months ?><?cs
elif:s.campaign == "fixed" ?><?cs var:L.admin.services.camp_price ?> <?cs var:s.campaign_value ?> <?cs var:L.admin.services.for ?> <?cs var:s.campaign_months ?> <?cs var:L.admin.services.months ?><?cs
else ?>–<?cs /if ?></td>
<td><?cs if:s.limited == "1" ?><?cs var:s.nareas ?> <?cs var:L.admin.services.areas_here ?><?cs else ?><?cs var:L.admin.services.all_areas ?><?cs /if ?></td>
<td><?cs if:s.active == "1" ?><span class="badge badge-ok"><?cs var:L.admin.catalog.active ?></span><?cs else ?><span class="badge badge-bad"><?cs var:L.admin.catalog.inactive ?></span><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:L.admin.services.none_yet ?></p>
<?cs /if ?><?cs call:admin_end() ?>
