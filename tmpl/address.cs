<?cs ##################################################################
# address.cs: the outlets of one building (GET /adress/ID), and the
# outlet-code form (GET /uttag?kod=...).
#
# Reads Addr.line ("Storgatan 12 B"), Addr.place ("123 45 Stad"),
# Addr.count, Outlets.N.{code, apartment, status, active_from, url}, and
# Code.value / Code.error_text (the code as typed and the translated
# message, set only when a code could not be used). Without Addr.line the
# page is only the outlet-code form.
?><?cs include:"layout.cs" ?><?cs

# The outlet-code form; the input is described by its hint and, when
# Code.error_text is set, by the error message.
?><?cs def:code_form() ?><form class="search code-form" action="<?cs var:Page.base ?>/uttag" method="get">
<label for="kod"><?cs var:L.code.label ?></label>
<p class="hint" id="kod-hint"><?cs var:L.code.hint ?></p>
<?cs if:string.length(Code.error_text) ?><p class="field-error" id="kod-error"><span class="vh"><?cs var:L.search.error_prefix ?>: </span><?cs var:Code.error_text ?></p>
<?cs /if ?><div class="row">
<input type="text" id="kod" name="kod" value="<?cs var:Code.value ?>" maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false"<?cs if:string.length(Code.error_text) ?> aria-invalid="true" aria-describedby="kod-error kod-hint"<?cs else ?> aria-describedby="kod-hint"<?cs /if ?>>
<button type="submit"><?cs var:L.code.button ?></button>
</div>
</form>
<?cs /def ?><?cs

if:string.length(Addr.line) ?><?cs
	if:string.length(Code.error_text) ?><?cs call:page_start(L.address.title, L.search.error_prefix) ?><?cs
	else ?><?cs call:page_start(L.address.title, Addr.line) ?><?cs /if ?><?cs
else ?><?cs
	if:string.length(Code.error_text) ?><?cs call:page_start(L.code.title, L.search.error_prefix) ?><?cs
	else ?><?cs call:page_start(L.code.title, "") ?><?cs /if ?><?cs
/if ?>
<?cs def:code_errors() ?><?cs if:string.length(Code.error_text) ?><div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title"><?cs var:L.code.error_title ?></h2>
<ul>
<li><a href="#kod"><?cs var:Code.error_text ?></a></li>
</ul>
</div>
<?cs /if ?><?cs /def ?><?cs
if:string.length(Addr.line) ?><h1><?cs var:L.address.h1 ?> <span class="sub"><?cs var:Addr.line ?><?cs if:string.length(Addr.place) ?>, <?cs var:Addr.place ?><?cs /if ?></span></h1>
<?cs call:code_errors() ?><p><a href="<?cs var:Page.base ?>/sok"><?cs var:L.address.other_address ?></a></p>
<section aria-labelledby="apt">
<h2 id="apt"><?cs var:L.address.which_title ?></h2>
<p><?cs var:L.apartment.explain ?></p>
<?cs if:subcount(Outlets) > 0 ?><p><?cs var:L.address.intro ?></p>
<div class="scroll">
<table class="outlets apartments">
<caption><?cs var:L.address.caption ?><span class="vh"> <?cs var:L.outlets.caption_at ?> <?cs var:Addr.line ?></span></caption>
<thead><tr><th scope="col"><?cs var:L.outlets.apartment ?></th><th scope="col"><?cs var:L.outlets.code ?></th><th scope="col"><?cs var:L.outlets.status ?></th></tr></thead>
<tbody>
<?cs each:o = Outlets ?><tr><th scope="row"><?cs if:string.length(o.apartment) ?><a href="<?cs var:o.url ?>"><span class="vh"><?cs var:L.address.apartment_prefix ?> </span><?cs var:o.apartment ?></a><?cs else ?><?cs var:L.outlets.no_apartment ?><?cs /if ?></th><td class="code"><?cs if:string.length(o.apartment) ?><?cs var:o.code ?><?cs else ?><a href="<?cs var:o.url ?>"><span class="vh"><?cs var:L.outlets.code ?> </span><?cs var:o.code ?></a><?cs /if ?></td><td><?cs call:outlet_status(o.status) ?><?cs if:o.status == "planned" && string.length(o.active_from) ?> <span class="from"><?cs var:L.address.from ?> <?cs var:o.active_from ?></span><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs else ?><p><strong><?cs var:L.outlets.none ?></strong></p>
<?cs /if ?><p><?cs var:L.apartment.where ?></p>
</section>
<section aria-labelledby="code-title">
<h2 id="code-title"><?cs var:L.code.alt_title ?></h2>
<p><?cs var:L.code.alt_intro ?></p>
<?cs call:code_form() ?></section>
<?cs else ?><h1><?cs var:L.code.h1 ?></h1>
<?cs call:code_errors() ?><p class="lead"><?cs var:L.code.alt_intro ?></p>
<?cs call:code_form() ?><p><?cs var:L.code.no_code ?> <a href="<?cs var:Page.base ?>/sok"><?cs var:L.code.search_link ?></a></p>
<?cs /if ?><?cs call:page_end() ?>
