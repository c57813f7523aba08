<?cs ##################################################################
# admin/import.cs: upload an address register file, how it must look,
# and the latest imports. Import.max_kb; Imports.N.id/filename/actor/
# created/applied; Form.errors.file after a refused upload.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.catalog.import.title) ?>
<h1><?cs var:L.admin.catalog.import.title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<p><?cs var:L.admin.catalog.import.intro ?></p>
<form method="post" action="<?cs var:Page.base ?>/admin/import" enctype="multipart/form-data" class="stack">
<?cs call:csrf() ?>
<div class="field">
<label for="file"><?cs var:L.admin.catalog.import.file ?></label>
<p class="hint" id="file-hint"><?cs var:L.admin.catalog.import.file_hint ?> <?cs var:Import.max_kb ?> kB.</p>
<?cs call:field_error("file") ?><input type="file" id="file" name="file" accept=".csv,.txt,text/csv,text/plain"<?cs if:string.length(Form.errors.file) ?> aria-invalid="true" aria-describedby="file-error file-hint"<?cs else ?> aria-describedby="file-hint"<?cs /if ?>>
</div>
<button type="submit"><?cs var:L.admin.catalog.import.upload ?></button>
</form>

<h2><?cs var:L.admin.catalog.import.format ?></h2>
<p><?cs var:L.admin.catalog.import.format_intro ?></p>
<table class="list">
<caption><?cs var:L.admin.catalog.import.columns ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.catalog.import.column ?></th><th scope="col"><?cs var:L.admin.catalog.import.meaning ?></th></tr></thead>
<tbody>
<tr><th scope="row"><code>street</code></th><td><?cs var:L.admin.catalog.import.c_street ?></td></tr>
<tr><th scope="row"><code>number</code></th><td><?cs var:L.admin.catalog.import.c_number ?></td></tr>
<tr><th scope="row"><code>postcode</code></th><td><?cs var:L.admin.catalog.import.c_postcode ?></td></tr>
<tr><th scope="row"><code>city</code></th><td><?cs var:L.admin.catalog.import.c_city ?></td></tr>
<tr><th scope="row"><code>littera</code></th><td><?cs var:L.admin.catalog.import.c_littera ?></td></tr>
<tr><th scope="row"><code>external_id</code></th><td><?cs var:L.admin.catalog.import.c_external_id ?></td></tr>
<tr><th scope="row"><code>area</code></th><td><?cs var:L.admin.catalog.import.c_area ?></td></tr>
<tr><th scope="row"><code>apartment</code></th><td><?cs var:L.admin.catalog.import.c_apartment ?></td></tr>
<tr><th scope="row"><code>outlet_code</code></th><td><?cs var:L.admin.catalog.import.c_outlet_code ?></td></tr>
<tr><th scope="row"><code>outlet_status</code></th><td><?cs var:L.admin.catalog.import.c_outlet_status ?></td></tr>
<tr><th scope="row"><code>active_from</code></th><td><?cs var:L.admin.catalog.import.c_active_from ?></td></tr>
<tr><th scope="row"><code>distinguisher</code></th><td><?cs var:L.admin.catalog.import.c_distinguisher ?></td></tr>
</tbody>
</table>
<ul>
<li><?cs var:L.admin.catalog.import.rule_rows ?></li>
<li><?cs var:L.admin.catalog.import.rule_identity ?></li>
<li><?cs var:L.admin.catalog.import.rule_empty ?></li>
<li><?cs var:L.admin.catalog.import.rule_never_delete ?></li>
<li><?cs var:L.admin.catalog.import.rule_text ?></li>
<li><?cs var:L.admin.catalog.import.rule_limits ?></li>
</ul>
<p><?cs var:L.admin.catalog.import.example ?></p>
<pre class="snippet">street;number;littera;postcode;city;area;apartment;outlet_code;outlet_status;external_id
Storgatan;12;B;12345;Exempelstad;Centrum;1101;SN-100234;active;A00001
Storgatan;12;B;12345;Exempelstad;Centrum;1102;SN-100235;active;A00001
"Villavägen";3;;12346;Exempelstad;Norr;;SN-100300;planned;A00002</pre>

<h2><?cs var:L.admin.catalog.import.latest ?></h2>
<?cs if:subcount(Imports) > 0 ?><table class="list">
<caption><?cs var:L.admin.catalog.import.latest_caption ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.catalog.import.file ?></th><th scope="col"><?cs var:L.admin.catalog.import.uploaded ?></th><th scope="col"><?cs var:L.admin.catalog.import.by ?></th><th scope="col"><?cs var:L.admin.catalog.import.applied ?></th></tr></thead>
<tbody>
<?cs each:i = Imports ?><tr><th scope="row"><a href="<?cs var:Page.base ?>/admin/import/<?cs var:i.id ?>"><?cs if:string.length(i.filename) ?><?cs var:i.filename ?><?cs else ?><?cs var:L.admin.catalog.import.title ?> <?cs var:i.id ?><?cs /if ?></a></th><td><?cs var:i.created ?></td><td><?cs var:i.actor ?></td><td><?cs if:string.length(i.applied) ?><?cs var:i.applied ?><?cs else ?><?cs var:L.admin.catalog.import.not_applied ?><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs else ?><p><?cs var:L.admin.catalog.import.none ?></p>
<?cs /if ?><?cs call:admin_end() ?>
