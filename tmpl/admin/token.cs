<?cs ##################################################################
# admin/token.cs: a new API token, shown once (the answer is no-store).
# Token.{value, id, label}, Provider.{id, name, slug}.
?><?cs include:"admin/layout.cs" ?><?cs call:admin_start(L.admin.providers.token_title) ?>
<h1><?cs var:L.admin.providers.token_title ?></h1>
<div class="notice" role="status"><p><?cs var:L.admin.providers.token_once ?></p></div>
<dl class="facts">
<dt><?cs var:L.admin.services.provider ?></dt><dd><?cs var:Provider.name ?> (<?cs var:Provider.slug ?>)</dd>
<?cs if:string.length(Token.label) ?><dt><?cs var:L.admin.providers.token_label ?></dt><dd><?cs var:Token.label ?></dd>
<?cs /if ?><dt id="token-title"><?cs var:L.admin.providers.token_value ?></dt>
<dd><pre class="snippet" aria-labelledby="token-title"><code id="token-value"><?cs var:Token.value ?></code></pre></dd>
</dl>
<p><?cs var:L.admin.providers.token_use ?></p>
<p><a href="<?cs var:Page.base ?>/admin/providers/<?cs var:Provider.id ?>#tokens"><?cs var:L.admin.providers.token_back ?></a></p>
<?cs call:admin_end() ?>
