<?cs ##################################################################
# dsr.cs: the resident's own requests (/mina-uppgifter, fcgi/h_dsr.c),
# one view at a time (Dsr.view):
#
#   ask    the e-mail address used in an order (Form.{action, csrf,
#          email}; Dsr.ended after the resident ended a visit)
#   code   "if we have orders for this address, a code has been sent",
#          and where to type it (Form.{action, csrf}; Dsr.left: tries
#          left after a wrong code)
#   gone   the code can no longer be used (Dsr.error says why)
#   rate   too many codes asked for (429)
#   none   no proven request in this browser (403)
#   data   the orders with the personal data (Case.*, Orders.N.* with
#          .pii.*; Form.{csrf, copy, erase, end}; Dsr.erased: how many
#          orders were just erased)
#   erase  the confirmation of an erasure (Orders.N.*, Form.{csrf,
#          erase, back, order})
#
# Always: Dsr.{start_url, privacy_url, minutes}, Dsr.error (a message,
# translated). Whatever is shown comes from the orders of the proven
# address only.
?><?cs include:"layout.cs" ?><?cs

def:status_label(s) ?><?cs
if:s == "new" ?><?cs var:L.order_status.new ?><?cs
elif:s == "received" ?><?cs var:L.order_status.received ?><?cs
elif:s == "activated" ?><?cs var:L.order_status.activated ?><?cs
elif:s == "rejected" ?><?cs var:L.order_status.rejected ?><?cs
elif:s == "cancelled" ?><?cs var:L.order_status.cancelled ?><?cs
else ?><?cs var:L.order_status.unknown ?><?cs /if ?><?cs /def ?><?cs

# error(): the message of the view, announced.
?><?cs def:error() ?><?cs if:string.length(Dsr.error) ?><div class="error-summary" role="alert" tabindex="-1">
<h2><?cs var:L.dsr.error_title ?></h2>
<p><?cs var:Dsr.error ?></p>
</div>
<?cs /if ?><?cs /def ?><?cs

# order_facts(o): what the order is, without personal data.
?><?cs def:order_facts(o) ?><dl class="facts">
<dt><?cs var:L.order.ref ?></dt><dd class="code"><?cs var:o.ref ?></dd>
<dt><?cs var:L.dsr.status ?></dt><dd><?cs call:status_label(o.status) ?></dd>
<dt><?cs var:L.order.service ?></dt><dd><?cs var:o.service ?></dd>
<dt><?cs var:L.order.provider ?></dt><dd><?cs var:o.provider ?><?cs if:string.length(o.provider_email) ?>, <?cs var:o.provider_email ?><?cs /if ?><?cs if:string.length(o.provider_phone) ?>, <?cs var:o.provider_phone ?><?cs /if ?></dd>
<dt><?cs var:L.dsr.created ?></dt><dd><?cs var:o.created ?></dd>
<?cs if:string.length(o.address) ?><dt><?cs var:L.order.address ?></dt><dd><?cs var:o.address ?>, <?cs var:o.place ?></dd>
<?cs if:string.length(o.apartment) ?><dt><?cs var:L.outlets.apartment ?></dt><dd><?cs var:o.apartment ?></dd>
<?cs /if ?><dt><?cs var:L.outlets.code ?></dt><dd class="code"><?cs var:o.outlet ?></dd>
<?cs /if ?><?cs if:string.length(o.desired_start) ?><dt><?cs var:L.dsr.desired_start ?></dt><dd><?cs var:o.desired_start ?></dd>
<?cs /if ?></dl>
<?cs /def ?><?cs

# pii(p): the personal data of one order.
?><?cs def:pii(p) ?><dl class="facts pii">
<dt><?cs var:L.dsr.name ?></dt><dd><?cs var:p.first_name ?> <?cs var:p.last_name ?></dd>
<dt><?cs var:L.form.email ?></dt><dd><?cs var:p.email ?></dd>
<dt><?cs var:L.form.phone ?></dt><dd><?cs var:p.phone ?></dd>
<?cs if:string.length(p.pnr) ?><dt><?cs var:L.form.pnr ?></dt><dd><?cs var:p.pnr ?></dd>
<?cs /if ?><?cs if:string.length(p.invoice_street) ?><dt><?cs var:L.dsr.invoice ?></dt><dd><?cs var:p.invoice_street ?>, <?cs var:p.invoice_postcode ?> <?cs var:p.invoice_city ?></dd>
<?cs /if ?><?cs each:x = p.extra ?><dt><?cs var:x.label ?></dt><dd><?cs if:x.check ?><?cs var:L.dsr.checked ?><?cs else ?><?cs var:x.value ?><?cs /if ?></dd>
<?cs /each ?></dl>
<?cs /def ?><?cs
##################################################################
?><?cs if:Dsr.view == "ask" ?><?cs call:page_start(L.dsr.title, "") ?>
<h1><?cs var:L.dsr.h1 ?></h1>
<?cs if:Dsr.ended == "1" ?><div class="notice" role="status"><p><?cs var:L.dsr.ended ?></p></div>
<?cs /if ?><?cs call:error() ?><p class="lead"><?cs var:L.dsr.intro ?></p>
<ul>
<li><?cs var:L.dsr.right_access ?></li>
<li><?cs var:L.dsr.right_copy ?></li>
<li><?cs var:L.dsr.right_erase ?></li>
</ul>
<p><?cs var:L.dsr.how ?></p>
<form class="order" action="<?cs var:Form.action ?>" method="post" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Form.csrf ?>">
<div class="field">
<label for="email"><?cs var:L.dsr.email ?></label>
<p class="hint" id="email-hint"><?cs var:L.dsr.email_hint ?></p>
<?cs if:string.length(Dsr.error) ?><p class="field-error" id="email-error"><span class="vh"><?cs var:L.form.error_prefix ?>: </span><?cs var:Dsr.error ?></p>
<?cs /if ?><input type="email" id="email" name="email" value="<?cs var:Form.email ?>" maxlength="254" autocomplete="email" spellcheck="false" required<?cs if:string.length(Dsr.error) ?> aria-invalid="true" aria-describedby="email-error email-hint"<?cs else ?> aria-describedby="email-hint"<?cs /if ?>>
</div>
<div class="hp" aria-hidden="true">
<label for="website"><?cs var:L.form.hp ?></label>
<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">
</div>
<button type="submit"><?cs var:L.dsr.send_code ?></button>
</form>
<p><a href="<?cs var:Dsr.privacy_url ?>"><?cs var:L.order.privacy_link ?></a></p>
<?cs
##################################################################
?><?cs elif:Dsr.view == "code" ?><?cs call:page_start(L.dsr.code_title, "") ?>
<h1><?cs var:L.dsr.code_h1 ?></h1>
<?cs call:error() ?><p class="lead"><?cs var:L.dsr.sent ?></p>
<p><?cs var:L.dsr.sent_valid_pre ?> <?cs var:Dsr.minutes ?> <?cs var:L.dsr.sent_valid_post ?></p>
<?cs if:string.length(Dsr.left) ?><p class="notice" role="status"><?cs var:L.dsr.left_pre ?> <?cs var:Dsr.left ?><?cs if:Dsr.left == "1" ?> <?cs var:L.dsr.left_one ?><?cs /if ?></p>
<?cs /if ?><form class="order" action="<?cs var:Form.action ?>" method="post" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Form.csrf ?>">
<div class="field">
<label for="kod"><?cs var:L.dsr.code ?></label>
<p class="hint" id="kod-hint"><?cs var:L.dsr.code_hint ?></p>
<?cs if:string.length(Dsr.error) ?><p class="field-error" id="kod-error"><span class="vh"><?cs var:L.form.error_prefix ?>: </span><?cs var:Dsr.error ?></p>
<?cs /if ?><input type="text" class="short" id="kod" name="kod" value="" maxlength="20" inputmode="numeric" autocomplete="one-time-code" spellcheck="false" required<?cs if:string.length(Dsr.error) ?> aria-invalid="true" aria-describedby="kod-error kod-hint"<?cs else ?> aria-describedby="kod-hint"<?cs /if ?>>
</div>
<button type="submit"><?cs var:L.dsr.code_submit ?></button>
</form>
<p><?cs var:L.dsr.no_code ?> <a href="<?cs var:Dsr.start_url ?>"><?cs var:L.dsr.again ?></a></p>
<?cs
##################################################################
?><?cs elif:Dsr.view == "gone" ?><?cs call:page_start(L.dsr.gone_title, "") ?>
<h1><?cs var:L.dsr.gone_title ?></h1>
<?cs call:error() ?><p><a class="button" href="<?cs var:Dsr.start_url ?>"><?cs var:L.dsr.again ?></a></p>
<?cs
##################################################################
?><?cs elif:Dsr.view == "rate" ?><?cs call:page_start(L.dsr.rate_title, "") ?>
<h1><?cs var:L.dsr.rate_title ?></h1>
<p class="lead"><?cs var:L.dsr.rate_text ?></p>
<?cs
##################################################################
?><?cs elif:Dsr.view == "none" ?><?cs call:page_start(L.dsr.none_title, "") ?>
<h1><?cs var:L.dsr.none_title ?></h1>
<p class="lead"><?cs var:L.dsr.none_text ?></p>
<p><a class="button" href="<?cs var:Dsr.start_url ?>"><?cs var:L.dsr.again ?></a></p>
<?cs
##################################################################
?><?cs elif:Dsr.view == "data" ?><?cs call:page_start(L.dsr.data_title, "") ?>
<h1><?cs var:L.dsr.data_title ?></h1>
<?cs if:string.length(Dsr.erased) ?><div class="notice" role="status"><p><?cs var:L.dsr.erased_pre ?> <?cs var:Dsr.erased ?> <?cs if:Dsr.erased == "1" ?><?cs var:L.dsr.erased_one ?><?cs else ?><?cs var:L.dsr.erased_many ?><?cs /if ?></p></div>
<?cs /if ?><?cs if:Case.count == 0 ?><p class="lead"><?cs var:L.dsr.no_orders ?></p>
<?cs else ?><p class="lead"><?cs var:L.dsr.data_intro ?></p>
<section aria-labelledby="use-title">
<h2 id="use-title"><?cs var:L.dsr.use_title ?></h2>
<dl class="facts">
<dt><?cs var:L.dsr.controller ?></dt><dd><?cs var:Case.controller ?><?cs if:string.length(Case.contact) ?>, <?cs var:Case.contact ?><?cs /if ?></dd>
<dt><?cs var:L.dsr.purpose ?></dt><dd><?cs var:L.dsr.copy.purpose_order ?> <?cs var:L.dsr.copy.purpose_status ?></dd>
<dt><?cs var:L.dsr.recipients ?></dt><dd><?cs var:L.dsr.recipients_text ?></dd>
<dt><?cs var:L.dsr.retention ?></dt><dd><?cs var:Case.retention_days ?> <?cs var:L.dsr.retention_text ?></dd>
<dt><?cs var:L.dsr.source ?></dt><dd><?cs var:L.dsr.copy.source ?></dd>
</dl>
<p><a href="<?cs var:Dsr.privacy_url ?>"><?cs var:L.order.privacy_link ?></a></p>
</section>
<?cs each:o = Orders ?><section class="service" aria-labelledby="order-<?cs var:o.ref ?>">
<h2 id="order-<?cs var:o.ref ?>"><?cs var:o.service ?> <span class="sub"><?cs var:L.service.by ?> <?cs var:o.provider ?></span></h2>
<?cs call:order_facts(o) ?><h3><?cs var:L.dsr.your_data ?></h3>
<?cs if:o.pii.shown ?><?cs call:pii(o.pii) ?><?cs /if ?>
<p><a href="<?cs var:Form.erase ?>?order=<?cs var:o.ref ?>"><?cs var:L.dsr.erase_one ?> <?cs var:o.ref ?></a></p>
</section>
<?cs /each ?><section aria-labelledby="copy-title">
<h2 id="copy-title"><?cs var:L.dsr.copy_title ?></h2>
<p><?cs var:L.dsr.copy_text ?></p>
<form action="<?cs var:Form.copy ?>" method="post">
<input type="hidden" name="csrf" value="<?cs var:Form.csrf ?>">
<button type="submit"><?cs var:L.dsr.copy_button ?></button>
</form>
</section>
<section aria-labelledby="erase-title">
<h2 id="erase-title"><?cs var:L.dsr.erase_title ?></h2>
<p><?cs var:L.dsr.erase_text ?></p>
<p><a class="button" href="<?cs var:Form.erase ?>"><?cs var:L.dsr.erase_all ?></a></p>
</section>
<?cs /if ?><section aria-labelledby="end-title">
<h2 id="end-title"><?cs var:L.dsr.end_title ?></h2>
<p><?cs var:L.dsr.end_text ?></p>
<form action="<?cs var:Form.end ?>" method="post">
<input type="hidden" name="csrf" value="<?cs var:Form.csrf ?>">
<button type="submit" class="secondary"><?cs var:L.dsr.end_button ?></button>
</form>
</section>
<?cs
##################################################################
?><?cs elif:Dsr.view == "erase" ?><?cs call:page_start(L.dsr.confirm_title, "") ?>
<h1><?cs var:L.dsr.confirm_title ?></h1>
<p class="lead"><?cs if:string.length(Form.order) ?><?cs var:L.dsr.confirm_one ?><?cs else ?><?cs var:L.dsr.confirm_all ?><?cs /if ?></p>
<ul>
<?cs each:o = Orders ?><li><span class="code"><?cs var:o.ref ?></span>: <?cs var:o.service ?>, <?cs var:o.provider ?> (<?cs call:status_label(o.status) ?>)</li>
<?cs /each ?></ul>
<p><?cs var:L.dsr.confirm_what ?></p>
<p><?cs var:L.dsr.confirm_contract ?></p>
<form action="<?cs var:Form.erase ?>" method="post">
<input type="hidden" name="csrf" value="<?cs var:Form.csrf ?>">
<?cs if:string.length(Form.order) ?><input type="hidden" name="order" value="<?cs var:Form.order ?>">
<?cs /if ?><button type="submit" class="secondary"><?cs if:string.length(Form.order) ?><?cs var:L.dsr.confirm_button_one ?><?cs else ?><?cs var:L.dsr.confirm_button_all ?><?cs /if ?></button>
<a href="<?cs var:Form.back ?>"><?cs var:L.dsr.confirm_keep ?></a>
</form>
<?cs /if ?><?cs call:page_end() ?>
