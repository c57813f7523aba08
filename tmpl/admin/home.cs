<?cs ##################################################################
# admin/home.cs: the overview.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.home.title) ?>
<h1><?cs var:L.admin.home.title ?></h1>
<?cs call:flash() ?>
<?cs call:admin_end() ?>
