<?cs ##################################################################
# search.cs: the address search and its results.
#
# Reads Search.q (the query as typed), Search.error_text (translated
# message, set only for a query that cannot be searched), Search.count,
# Search.fuzzy, Search.limited, and Hits.N.{street, number, littera,
# postcode, city, url} with Hits.N.Outlets.M.{code, apartment, status}.
# Without Search.count and Search.error_text (no query yet) only the form
# is shown.
?><?cs include:"layout.cs" ?><?cs
# address(h): "Storgatan 12B", street, number and littera of hit h.
?><?cs def:address(h) ?><?cs var:h.street ?> <?cs var:h.number ?><?cs var:h.littera ?><?cs /def ?><?cs

if:string.length(Search.error_text) ?><?cs call:page_start(L.search.title, L.search.error_prefix) ?><?cs
elif:?Search.count ?><?cs call:page_start(L.search.title, Search.q) ?><?cs
else ?><?cs call:page_start(L.search.title, "") ?><?cs /if ?>
<h1><?cs var:L.search.h1 ?></h1>
<?cs if:string.length(Search.error_text) ?><div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title"><?cs var:L.search.error_title ?></h2>
<ul>
<li><a href="#q"><?cs var:Search.error_text ?></a></li>
</ul>
</div>
<?cs /if ?><?cs call:search_form() ?>
<?cs if:!string.length(Search.error_text) && ?Search.count ?><section class="results" aria-labelledby="results-title">
<?cs if:#Search.count == 0 ?><h2 id="results-title"><?cs var:L.results.none ?></h2>
<p><?cs var:L.results.none_help ?></p>
<?cs else ?><h2 id="results-title"><?cs var:Search.count ?> <?cs if:#Search.count == 1 ?><?cs var:L.results.found_one ?><?cs else ?><?cs var:L.results.found_many ?><?cs /if ?></h2>
<?cs if:Search.fuzzy == 1 ?><p class="note"><?cs var:L.results.fuzzy ?></p>
<?cs /if ?><?cs if:Search.limited == 1 ?><p class="note"><?cs var:L.results.limited ?></p>
<?cs /if ?><ol class="hits">
<?cs each:h = Hits ?><li>
<h3><?cs if:string.length(h.url) ?><a href="<?cs var:h.url ?>"><?cs call:address(h) ?></a><?cs else ?><?cs call:address(h) ?><?cs /if ?></h3>
<p class="place"><?cs var:h.postcode ?> <?cs var:h.city ?></p>
<?cs if:subcount(h.Outlets) > 0 ?><div class="scroll">
<table class="outlets">
<caption><?cs var:L.outlets.caption ?><span class="vh"> <?cs var:L.outlets.caption_at ?> <?cs call:address(h) ?></span></caption>
<thead><tr><th scope="col"><?cs var:L.outlets.apartment ?></th><th scope="col"><?cs var:L.outlets.code ?></th><th scope="col"><?cs var:L.outlets.status ?></th></tr></thead>
<tbody>
<?cs each:o = h.Outlets ?><tr><th scope="row"><?cs if:string.length(o.apartment) ?><?cs var:o.apartment ?><?cs else ?><?cs var:L.outlets.no_apartment ?><?cs /if ?></th><td class="code"><?cs var:o.code ?></td><td><?cs call:outlet_status(o.status) ?></td></tr>
<?cs /each ?></tbody>
</table>
</div>
<?cs else ?><p><?cs var:L.outlets.none ?></p>
<?cs /if ?></li>
<?cs /each ?></ol>
<h2><?cs var:L.apartment.title ?></h2>
<p class="note"><?cs var:L.apartment.explain ?></p>
<?cs /if ?></section>
<?cs /if ?><?cs call:page_end() ?>
