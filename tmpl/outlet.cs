<?cs ##################################################################
# outlet.cs: what can be ordered on one outlet (GET /uttag/CODE).
#
# Reads Outlet.{code, apartment, status, active_from, url},
# Addr.{line, place, url}, Sort ("", "price" or "speed"),
# Sort.{price_url, speed_url}, Services.count, and Cats.N.key
# (internet, tv, phone, other) with Cats.N.Services.M.{id, name,
# description, provider, terms_url, down, up, monthly, start_fee, binding,
# notice, campaign.{kind, value, months, monthly}, total, total_months,
# order_url}. Prices arrive formatted ("299 kr"); months and Mbit/s as
# digits. order_url is absent when the outlet is inactive. The link back
# to the building is shown only for an apartment: a house with one outlet
# has no choice (/adress/ID sends it straight back here).
#
?><?cs include:"layout.cs" ?><?cs include:"service.cs" ?><?cs

# A link only to the web (or inside the site), never javascript: or data:.
?><?cs def:terms_link(s) ?><?cs
if:string.slice(s.terms_url, 0, 8) == "https://" || string.slice(s.terms_url, 0, 7) == "http://" || string.slice(s.terms_url, 0, 1) == "/" ?><p class="terms"><a href="<?cs var:s.terms_url ?>"><?cs var:L.service.terms ?><span class="vh">: <?cs var:s.name ?>, <?cs var:s.provider ?></span></a></p>
<?cs /if ?><?cs /def ?><?cs

# The heading text of a category.
?><?cs def:category(k) ?><?cs
if:k == "internet" ?><?cs var:L.cat.internet ?><?cs
elif:k == "tv" ?><?cs var:L.cat.tv ?><?cs
elif:k == "phone" ?><?cs var:L.cat.phone ?><?cs
else ?><?cs var:L.cat.other ?><?cs /if ?><?cs /def ?><?cs

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
<?cs /if ?><?cs each:c = Cats ?><section class="category" aria-labelledby="cat-<?cs name:c ?>">
<h2 id="cat-<?cs name:c ?>"><?cs call:category(c.key) ?></h2>
<ul class="services">
<?cs each:s = c.Services ?><li class="service">
<h3><?cs var:s.name ?> <span class="by"><?cs var:L.service.by ?> <?cs var:s.provider ?></span></h3>
<?cs if:string.length(s.description) ?><p class="desc"><?cs var:s.description ?></p>
<?cs /if ?><?cs call:facts(s) ?><?cs call:terms_link(s) ?><?cs if:string.length(s.order_url) ?><p class="buy"><a class="button" href="<?cs var:s.order_url ?>"><?cs var:L.service.order ?><span class="vh"> <?cs var:s.name ?> <?cs var:L.service.by ?> <?cs var:s.provider ?></span></a></p>
<?cs /if ?></li>
<?cs /each ?></ul>
</section>
<?cs /each ?><?cs else ?><h2><?cs var:L.outlet.none_title ?></h2>
<p><?cs var:L.outlet.none ?></p>
<?cs /if ?><?cs call:page_end() ?>
