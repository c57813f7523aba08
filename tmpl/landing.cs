<?cs ##################################################################
# landing.cs: the network's start page. What the guide is, how it works,
# the address search, the outlet-code form (GET Page.base/uttag?kod=)
# and what a lägenhetsnummer is.
# The network's own title and text (Net.landing.title, .text, in the
# request's language, set in the console) replace the general ones.
# Reads: L.*, Page.*, Static, Net.* (through layout.cs).
?><?cs include:"layout.cs" ?><?cs if:string.length(Net.landing.title) ?><?cs call:page_start(Net.landing.title, "") ?><?cs else ?><?cs call:page_start(L.landing.title, "") ?><?cs /if ?>
<h1><?cs if:string.length(Net.landing.title) ?><?cs var:Net.landing.title ?><?cs else ?><?cs var:L.landing.h1 ?><?cs /if ?></h1>
<?cs if:string.length(Net.landing.text) ?><p class="lead own-text"><?cs var:Net.landing.text ?></p>
<?cs else ?><p class="lead"><?cs var:L.landing.intro ?></p>
<?cs /if ?>
<?cs call:search_form() ?>
<section class="code-alt" aria-labelledby="code-title">
<h2 id="code-title"><?cs var:L.code.alt_title ?></h2>
<form class="search code-form" action="<?cs var:Page.base ?>/uttag" method="get">
<label for="kod"><?cs var:L.code.label ?></label>
<p class="hint" id="kod-hint"><?cs var:L.code.alt_intro ?></p>
<div class="row">
<input type="text" id="kod" name="kod" maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="kod-hint">
<button type="submit"><?cs var:L.code.button ?></button>
</div>
</form>
</section>
<section aria-labelledby="how">
<h2 id="how"><?cs var:L.landing.how_title ?></h2>
<ol class="steps">
<li><?cs var:L.landing.step1 ?></li>
<li><?cs var:L.landing.step2 ?></li>
<li><?cs var:L.landing.step3 ?></li>
</ol>
</section>
<section aria-labelledby="apt">
<h2 id="apt"><?cs var:L.apartment.title ?></h2>
<p><?cs var:L.apartment.explain ?></p>
<p><?cs var:L.apartment.where ?></p>
</section>
<?cs call:page_end() ?>
