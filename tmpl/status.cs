<?cs ##################################################################
# status.cs: the receipt right after ordering (GET /kvitto/SECRET,
# Order.receipt = 1) and the status page (GET /status/SECRET).
#
# Reads Order.{ref, status, service, created, updated, message, receipt,
# erased, status_url}, Addr.{line, place} and Outlet.{code, apartment}
# (absent after erasure), Provider.{name, email, phone, url},
# Net.{name, email, phone, url}, and, only while the order can still be
# withdrawn, Withdraw.confirm_url (the status page's link to the
# confirmation) or Withdraw.{action, csrf} (the confirmation itself). No personal data: the page is
# reached by a link, and whoever has the link sees it.
?><?cs include:"layout.cs" ?><?cs

# status_label(s) and status_text(s): the translated state and what it
# means; only known values are shown.
?><?cs def:status_label(s) ?><?cs
if:s == "new" ?><?cs var:L.order_status.new ?><?cs
elif:s == "received" ?><?cs var:L.order_status.received ?><?cs
elif:s == "activated" ?><?cs var:L.order_status.activated ?><?cs
elif:s == "rejected" ?><?cs var:L.order_status.rejected ?><?cs
elif:s == "cancelled" ?><?cs var:L.order_status.cancelled ?><?cs
else ?><?cs var:L.order_status.unknown ?><?cs /if ?><?cs /def ?><?cs

def:status_text(s) ?><?cs
if:s == "new" ?><?cs var:L.order_status.new_text ?><?cs
elif:s == "received" ?><?cs var:L.order_status.received_text ?><?cs
elif:s == "activated" ?><?cs var:L.order_status.activated_text ?><?cs
elif:s == "rejected" ?><?cs var:L.order_status.rejected_text ?><?cs
elif:s == "cancelled" ?><?cs var:L.order_status.cancelled_text ?><?cs
else ?><?cs var:L.order_status.unknown_text ?><?cs /if ?><?cs /def ?><?cs

# contact(who, role): name, role and the ways to reach them. Links only
# to the web, never javascript: or data:.
?><?cs def:contact(who, role) ?><li>
<h3><?cs var:who.name ?></h3>
<p><?cs var:role ?></p>
<?cs if:string.length(who.email) || string.length(who.phone) || string.length(who.url) ?><ul class="ways">
<?cs if:string.length(who.email) ?><li><?cs var:L.contact.email ?>: <a href="mailto:<?cs var:who.email ?>"><?cs var:who.email ?></a></li>
<?cs /if ?><?cs if:string.length(who.phone) ?><li><?cs var:L.contact.phone ?>: <a href="tel:<?cs var:who.phone ?>"><?cs var:who.phone ?></a></li>
<?cs /if ?><?cs if:string.slice(who.url, 0, 8) == "https://" || string.slice(who.url, 0, 7) == "http://" ?><li><?cs var:L.contact.web ?>: <a href="<?cs var:who.url ?>"><?cs var:who.url ?></a></li>
<?cs /if ?></ul>
<?cs /if ?></li>
<?cs /def ?><?cs

if:Order.receipt == "1" ?><?cs call:page_start(L.receipt.title, Order.ref) ?>
<h1><?cs var:L.receipt.h1 ?></h1>
<?cs else ?><?cs call:page_start(L.track.title, Order.ref) ?>
<h1><?cs var:L.track.h1 ?></h1>
<?cs /if ?><p class="ref"><?cs var:L.order.ref ?>: <strong class="code"><?cs var:Order.ref ?></strong></p>
<?cs if:Order.receipt == "1" ?><section aria-labelledby="next-title">
<h2 id="next-title"><?cs var:L.receipt.next_title ?></h2>
<ol class="steps">
<li><strong><?cs var:Provider.name ?></strong> <?cs var:L.receipt.step1 ?></li>
<li><?cs var:L.receipt.step2 ?></li>
<li><?cs var:L.receipt.step3 ?></li>
</ol>
<p class="note"><?cs var:L.receipt.no_mail ?></p>
</section>
<?cs /if ?><section aria-labelledby="status-title">
<h2 id="status-title"><?cs var:L.track.status_title ?></h2>
<p class="order-status"><span class="status status-<?cs if:Order.status == "new" || Order.status == "received" || Order.status == "activated" || Order.status == "rejected" || Order.status == "cancelled" ?><?cs var:Order.status ?><?cs else ?>unknown<?cs /if ?>"><?cs call:status_label(Order.status) ?></span></p>
<p><?cs call:status_text(Order.status) ?></p>
<?cs if:string.length(Order.message) ?><div class="message">
<h3><?cs var:L.track.message_title ?> <?cs var:Provider.name ?></h3>
<p><?cs var:Order.message ?></p>
</div>
<?cs /if ?><dl class="facts where">
<dt><?cs var:L.order.service ?></dt>
<dd><?cs var:Order.service ?></dd>
<dt><?cs var:L.order.provider ?></dt>
<dd><?cs var:Provider.name ?></dd>
<?cs if:string.length(Addr.line) ?><dt><?cs var:L.order.address ?></dt>
<dd><?cs var:Addr.line ?><?cs if:string.length(Addr.place) ?>, <?cs var:Addr.place ?><?cs /if ?></dd>
<?cs /if ?><?cs if:string.length(Outlet.apartment) ?><dt><?cs var:L.outlets.apartment ?></dt>
<dd><?cs var:Outlet.apartment ?></dd>
<?cs /if ?><?cs if:string.length(Outlet.code) ?><dt><?cs var:L.outlets.code ?></dt>
<dd class="code"><?cs var:Outlet.code ?></dd>
<?cs /if ?><?cs if:string.length(Order.created) ?><dt><?cs var:L.track.created ?></dt>
<dd><?cs var:Order.created ?></dd>
<?cs /if ?><?cs if:string.length(Order.updated) ?><dt><?cs var:L.track.updated ?></dt>
<dd><?cs var:Order.updated ?></dd>
<?cs /if ?></dl>
<?cs if:Order.erased == "1" ?><p class="notice"><?cs var:L.track.erased ?></p>
<?cs /if ?></section>
<?cs if:string.length(Withdraw.confirm_url) ?><section aria-labelledby="withdraw-title">
<h2 id="withdraw-title"><?cs var:L.withdraw.title ?></h2>
<p><?cs var:L.withdraw.text ?></p>
<p><a class="button secondary" href="<?cs var:Withdraw.confirm_url ?>"><?cs var:L.withdraw.button ?></a></p>
</section>
<?cs /if ?><?cs if:string.length(Withdraw.action) ?><section class="confirm" aria-labelledby="withdraw-title">
<h2 id="withdraw-title"><?cs var:L.withdraw.confirm_title ?></h2>
<p><?cs var:L.withdraw.confirm_text ?></p>
<form class="withdraw" action="<?cs var:Withdraw.action ?>" method="post">
<input type="hidden" name="csrf" value="<?cs var:Withdraw.csrf ?>">
<button type="submit" class="secondary"><?cs var:L.withdraw.confirm_button ?></button>
<a href="<?cs var:Order.status_url ?>"><?cs var:L.withdraw.keep ?></a>
</form>
</section>
<?cs /if ?><?cs if:string.length(Order.status_url) ?><section aria-labelledby="link-title">
<h2 id="link-title"><?cs var:L.track.link_title ?></h2>
<p><?cs var:L.track.link_text ?></p>
<p><a class="permalink" href="<?cs var:Order.status_url ?>"><?cs var:L.track.link_label ?> <?cs var:Order.ref ?></a></p>
</section>
<?cs /if ?><section aria-labelledby="contact-title">
<h2 id="contact-title"><?cs var:L.contact.title ?></h2>
<ul class="contacts">
<?cs if:string.length(Provider.name) ?><?cs call:contact(Provider, L.contact.provider_role) ?><?cs /if ?><?cs
if:string.length(Net.name) ?><?cs call:contact(Net, L.contact.network_role) ?><?cs /if ?></ul>
</section>
<?cs call:page_end() ?>
