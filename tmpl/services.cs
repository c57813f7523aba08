<?cs ##################################################################
# services.cs: the services of an outlet's area, by category: the middle
# of the services page (outlet.cs before it, page_end.cs after it).
#
# Reads Cats.N.key (internet, tv, phone, other) with Cats.N.Services.M.{id,
# name, description, provider, terms_url, down, up, monthly, start_fee,
# binding, notice, campaign.{kind, value, months, monthly}, total,
# total_months, order_url}. Prices arrive formatted ("299 kr"); months and
# Mbit/s as digits. order_url is absent when the outlet is inactive.
#
?><?cs include:"service.cs" ?><?cs

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

# The services, category by category.
?><?cs each:c = Cats ?><section class="category" aria-labelledby="cat-<?cs name:c ?>">
<h2 id="cat-<?cs name:c ?>"><?cs call:category(c.key) ?></h2>
<ul class="services">
<?cs each:s = c.Services ?><li class="service">
<h3><?cs var:s.name ?> <span class="by"><?cs var:L.service.by ?> <?cs var:s.provider ?></span></h3>
<?cs if:string.length(s.description) ?><p class="desc"><?cs var:s.description ?></p>
<?cs /if ?><?cs call:facts(s) ?><?cs call:terms_link(s) ?><?cs if:string.length(s.order_url) ?><p class="buy"><a class="button" href="<?cs var:s.order_url ?>"><?cs var:L.service.order ?><span class="vh"> <?cs var:s.name ?> <?cs var:L.service.by ?> <?cs var:s.provider ?></span></a></p>
<?cs /if ?></li>
<?cs /each ?></ul>
</section>
<?cs /each ?>