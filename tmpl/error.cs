<?cs ##################################################################
# error.cs: every HTML error page. Error.title and Error.message are
# already translated by the C side (err.<status>.title/message);
# Error.status is the HTTP status. Error.detail is deliberately not
# shown: it is a developer's note in English, for the log. Error.reason
# is a translated reason (from an "err.*" text key), shown when set.
?><?cs include:"layout.cs" ?><?cs call:page_start(Error.title, "") ?>
<h1><?cs var:Error.title ?></h1>
<p class="lead"><?cs var:Error.message ?></p>
<?cs if:string.length(Error.reason) ?><p><?cs var:Error.reason ?></p>
<?cs /if ?><?cs if:string.length(Error.status) ?><p class="note"><?cs var:L.error.code ?> <?cs var:Error.status ?></p>
<?cs /if ?><ul class="links">
<li><a href="<?cs var:Page.base ?>/"><?cs var:L.error.home ?></a></li>
<li><a href="<?cs var:Page.base ?>/sok"><?cs var:L.error.search ?></a></li>
</ul>
<?cs call:page_end() ?>
