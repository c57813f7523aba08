<?cs ##################################################################
# admin/users.cs: the network's console users, staff and provider users.
# Users.N.{id, name, role, provider, disabled ("1"/"0"), last_login}.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.users.title) ?>
<h1><?cs var:L.admin.users.title ?></h1>
<?cs call:flash() ?>
<p><?cs var:L.admin.users.intro ?></p>
<p class="actions"><a class="button" href="<?cs var:Page.base ?>/admin/users/new"><?cs var:L.admin.users.new ?></a></p>
<table class="list">
<caption><?cs var:L.admin.users.caption ?> (<?cs var:subcount(Users) ?>)</caption>
<thead>
<tr>
<th scope="col"><?cs var:L.admin.users.username ?></th>
<th scope="col"><?cs var:L.admin.users.role ?></th>
<th scope="col"><?cs var:L.admin.users.provider ?></th>
<th scope="col"><?cs var:L.admin.users.status ?></th>
<th scope="col"><?cs var:L.admin.users.last_login ?></th>
</tr>
</thead>
<tbody>
<?cs each:u = Users ?><tr>
<th scope="row"><a href="<?cs var:Page.base ?>/admin/users/<?cs var:u.id ?>"><?cs var:u.name ?></a></th>
<td><?cs call:role_name(u.role) ?></td>
<td><?cs var:u.provider ?></td>
<td><?cs if:u.disabled == "1" ?><span class="badge badge-bad"><?cs var:L.admin.users.disabled ?></span><?cs else ?><span class="badge badge-ok"><?cs var:L.admin.users.active ?></span><?cs /if ?></td>
<td><?cs if:string.length(u.last_login) ?><?cs var:u.last_login ?><?cs else ?><?cs var:L.admin.users.never ?><?cs /if ?></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs call:admin_end() ?>
