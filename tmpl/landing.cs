<?cs ##################################################################
# landing.cs: the network's start page. What the guide is, how it works,
# the address search, and what a lägenhetsnummer is.
# Reads: L.*, Page.*, Static, Net.name (through layout.cs).
?><?cs include:"layout.cs" ?><?cs call:page_start(L.landing.title, "") ?>
<h1><?cs var:L.landing.h1 ?></h1>
<p class="lead"><?cs var:L.landing.intro ?></p>
<?cs call:search_form() ?>
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
