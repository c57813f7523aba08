<?cs ##################################################################
# outlet.cs: what can be ordered on one outlet (GET /uttag/CODE).
#
# The page comes in three parts: this one (up to the list), the list of
# services (services.cs, which h_order.c keeps rendered per area) and
# page_end.cs.
#
# Reads Outlet.{code, apartment, status, active_from, url},
# Addr.{line, place, url}, Sort ("", "price" or "speed"),
# Sort.{price_url, speed_url} and Services.count. The link back to the
# building is shown only for an apartment: a house with one outlet has no
# choice (/adress/ID sends it straight back here).
#
?><?cs include:"layout.cs" ?><?cs

call:page_start(L.outlet.title, Addr.line) ?>
<h1><?cs var:L.outlet.h1 ?> <span class="sub"><?cs var:Addr.line ?><?cs if:string.length(Outlet.apartment) ?>, <?cs var:L.outlet.apartment_short ?> <?cs var:Outlet.apartment ?><?cs /if ?></span></h1>
<dl class="facts where">
<dt><?cs var:L.outlet.address ?></dt>
<dd><?cs var:Addr.line ?><?cs if:string.length(Addr.place) ?>, <?cs var:Addr.place ?><?cs /if ?></dd>
<?cs if:string.length(Outlet.apartment) ?><dt><?cs var:L.outlets.apartment ?></dt>
<dd><?cs var:Outlet.apartment ?></dd>
<?cs /if ?><dt><?cs var:L.outlets.code ?></dt>
<dd class="code"><?cs var:Outlet.code ?></dd>
<dt><?cs var:L.outlets.status ?></dt>
<dd><?cs call:outlet_status(Outlet.status) ?></dd>
</dl>
<?cs if:string.length(Addr.url) && string.length(Outlet.apartment) ?><p><a href="<?cs var:Addr.url ?>"><?cs var:L.outlet.other_apartment ?></a></p>
<?cs /if ?><?cs if:Outlet.status == "inactive" ?><div class="notice notice-stop">
<h2><?cs var:L.outlet.inactive_title ?></h2>
<p><?cs var:L.outlet.inactive_text ?></p>
<p><?cs var:L.outlet.inactive_contact ?><?cs if:string.length(Net.name) ?> <strong><?cs var:Net.name ?></strong><?cs /if ?></p>
</div>
<?cs elif:Outlet.status == "planned" ?><div class="notice">
<h2><?cs if:string.length(Outlet.active_from) ?><?cs var:L.outlet.planned_from ?> <span class="nw"><?cs var:Outlet.active_from ?></span><?cs else ?><?cs var:L.outlet.planned_title ?><?cs /if ?></h2>
<p><?cs var:L.outlet.planned_text ?></p>
</div>
<?cs /if ?><?cs if:#Services.count > 0 ?><?cs if:Outlet.status == "inactive" ?><p><?cs var:L.outlet.inactive_list ?></p>
<?cs /if ?><?cs if:#Services.count > 1 ?><nav class="sort" aria-label="<?cs var:L.sort.label ?>">
<ul>
<li><a href="<?cs var:Sort.price_url ?>"<?cs if:Sort == "price" ?> aria-current="true"<?cs /if ?>><?cs var:L.sort.price ?></a></li>
<li><a href="<?cs var:Sort.speed_url ?>"<?cs if:Sort == "speed" ?> aria-current="true"<?cs /if ?>><?cs var:L.sort.speed ?></a></li>
</ul>
</nav>
<?cs /if ?><?cs else ?><h2><?cs var:L.outlet.none_title ?></h2>
<p><?cs var:L.outlet.none ?></p>
<?cs /if ?>