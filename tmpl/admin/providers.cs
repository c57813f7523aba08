<?cs ##################################################################
# admin/providers.cs: the providers delivering in the network.
# Providers.N.{id, slug, name, org_number, active, own, requires_pnr,
# nservices, ntokens, cert}.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.providers.title) ?>
<h1><?cs var:L.admin.providers.title ?></h1>
<?cs call:flash() ?>
<p><?cs var:L.admin.providers.intro ?></p>
<p class="actions"><a href="<?cs var:Page.base ?>/admin/providers/new"><?cs var:L.admin.providers.new ?></a></p>
<?cs if:subcount(Providers) > 0 ?><table class="list">
<caption><?cs var:L.admin.providers.caption ?></caption>
<thead><tr>
<th scope="col"><?cs var:L.admin.providers.col_name ?></th>
<th scope="col"><?cs var:L.admin.providers.col_slug ?></th>
<th scope="col"><?cs var:L.admin.providers.col_org ?></th>
<th scope="col"><?cs var:L.admin.providers.col_status ?></th>
<th scope="col" class="num"><?cs var:L.admin.providers.col_services ?></th>
<th scope="col" class="num"><?cs var:L.admin.providers.col_tokens ?></th>
<th scope="col"><?cs var:L.admin.providers.col_cert ?></th>
</tr></thead>
<tbody>
<?cs each:p = Providers ?><tr>
<th scope="row"><a href="<?cs var:Page.base ?>/admin/providers/<?cs var:p.id ?>"><?cs var:p.name ?></a><?cs if:p.own == "1" ?> <span class="badge"><?cs var:L.admin.providers.own ?></span><?cs /if ?></th>
<td><?cs var:p.slug ?></td>
<td><?cs var:p.org_number ?></td>
<td><?cs if:p.active == "1" ?><span class="badge badge-ok"><?cs var:L.admin.catalog.active ?></span><?cs else ?><span class="badge badge-bad"><?cs var:L.admin.catalog.inactive ?></span><?cs /if ?><?cs if:p.requires_pnr == "1" ?> <span class="badge"><?cs var:L.admin.providers.pnr ?></span><?cs /if ?></td>
<td class="num"><a href="<?cs var:Page.base ?>/admin/services?provider=<?cs var:p.id ?>"><?cs var:p.nservices ?></a></td>
<td class="num"><?cs var:p.ntokens ?></td>
<td><?cs if:p.cert == "1" ?><?cs var:L.admin.catalog.yes ?><?cs else ?><?cs var:L.admin.catalog.no ?><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:L.admin.providers.none_yet ?></p>
<?cs /if ?><?cs call:admin_end() ?>
