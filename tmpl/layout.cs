<?cs ##################################################################
# layout.cs: the frame every public page shares, as macros.
#
#   page_start(title, sub)  doctype, head, skip link, header, <main>.
#                           The <title> is "sub – title – site title";
#                           pass "" when there is no sub.
#   page_end()              </main>, footer, </html>.
#   search_form()           the address search form; reads Search.q and
#                           Search.error_text when the C side set them.
#   outlet_status(s)        the translated label of an outlet status.
#
# Reads L.* (texts of the request's language), Page.lang (which also
# decides the other language's code), Page.other_lang_url, Page.base,
# Static, and the network (set by the dispatcher for every page):
# Net.name, Net.version (its look's version: links /tema.css, its
# colours, and /logo with ?v= so caches see a change), Net.logo ("1"
# when it has one), Net.contact.{phone,email,url} and Net.footer (the
# text of the request's language) for the footer. Every var: is
# HTML-escaped (Config.VarEscapeMode = html); never use uvar:, alt:, lvar: or evar: (t/lint/templates.sh). No
# inline script or style: the CSP allows neither.
#
# Test strings with string.length(x), not if:x: ClearSilver reads "0" or
# "0000" as the number 0, which is false.
?><?cs def:page_start(title, sub) ?><!DOCTYPE html>
<html lang="<?cs if:Page.lang == "en" ?>en<?cs else ?>sv<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:string.length(sub) ?><?cs var:sub ?> – <?cs /if ?><?cs var:title ?> – <?cs var:L.site.title ?></title>
<link rel="stylesheet" href="<?cs if:string.length(Static) ?><?cs var:Static ?><?cs else ?>/static<?cs /if ?>/tjg.css">
<?cs if:string.length(Net.version) ?><link rel="stylesheet" href="/tema.css?v=<?cs var:Net.version ?>">
<?cs /if ?></head>
<body>
<a class="skip" href="#main"><?cs var:L.skip ?></a>
<header class="site">
<div class="wrap">
<p class="brand"><a href="<?cs var:Page.base ?>/"><?cs if:string.length(Net.logo) ?><img src="/logo?v=<?cs var:Net.version ?>" alt="<?cs var:Net.name ?>"> <?cs /if ?><?cs var:L.site.title ?></a><?cs if:string.length(Net.name) && !string.length(Net.logo) ?> <span class="net"><?cs var:Net.name ?></span><?cs /if ?></p>
<?cs if:string.length(Page.other_lang_url) ?><p class="lang"><a href="<?cs var:Page.other_lang_url ?>" lang="<?cs if:Page.lang == "en" ?>sv<?cs else ?>en<?cs /if ?>" hreflang="<?cs if:Page.lang == "en" ?>sv<?cs else ?>en<?cs /if ?>"><?cs var:L.lang.switch ?></a></p><?cs /if ?>
</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
<?cs /def ?><?cs

def:page_end() ?></div>
</main>
<footer class="site">
<div class="wrap">
<p><?cs var:L.site.title ?><?cs if:string.length(Net.name) ?> <?cs var:L.footer.for ?> <?cs var:Net.name ?><?cs /if ?></p>
<p><?cs var:L.footer.contact_network ?></p>
<?cs if:string.length(Net.contact.phone) || string.length(Net.contact.email) || string.length(Net.contact.url) ?><ul class="net-contact">
<?cs if:string.length(Net.contact.phone) ?><li><?cs var:L.footer.phone ?>: <span class="nw"><?cs var:Net.contact.phone ?></span></li>
<?cs /if ?><?cs if:string.length(Net.contact.email) ?><li><?cs var:L.footer.email ?>: <a href="mailto:<?cs var:Net.contact.email ?>"><?cs var:Net.contact.email ?></a></li>
<?cs /if ?><?cs if:string.length(Net.contact.url) ?><li><a href="<?cs var:Net.contact.url ?>"><?cs var:L.footer.web ?></a></li>
<?cs /if ?></ul>
<?cs /if ?><p><?cs var:L.footer.contact_provider ?></p>
<?cs if:string.length(Net.footer) ?><p class="own-text"><?cs var:Net.footer ?></p>
<?cs /if ?><p><a href="<?cs var:Page.base ?>/integritet"><?cs var:L.footer.privacy ?></a></p>
</div>
</footer>
</body>
</html>
<?cs /def ?><?cs

##################################################################
# The search form. With Search.error_text set, the input is marked
# invalid and described by the error message as well as by the hint.
?><?cs def:search_form() ?><form class="search" action="<?cs var:Page.base ?>/sok" method="get" role="search">
<label for="q"><?cs var:L.search.label ?></label>
<p class="hint" id="q-hint"><?cs var:L.search.hint ?></p>
<?cs if:string.length(Search.error_text) ?><p class="field-error" id="q-error"><span class="vh"><?cs var:L.search.error_prefix ?>: </span><?cs var:Search.error_text ?></p>
<?cs /if ?><div class="row">
<input type="search" id="q" name="q" value="<?cs var:Search.q ?>" maxlength="100" autocomplete="address-line1" spellcheck="false"<?cs if:string.length(Search.error_text) ?> aria-invalid="true" aria-describedby="q-error q-hint"<?cs else ?> aria-describedby="q-hint"<?cs /if ?>>
<button type="submit"><?cs var:L.search.button ?></button>
</div>
</form>
<?cs /def ?><?cs

##################################################################
# Outlet status label: only known values are shown, never the raw data.
?><?cs def:outlet_status(s) ?><?cs if:s == "active" ?><span class="status status-active"><?cs var:L.status.active ?></span><?cs
elif:s == "planned" ?><span class="status status-planned"><?cs var:L.status.planned ?></span><?cs
elif:s == "inactive" ?><span class="status status-inactive"><?cs var:L.status.inactive ?></span><?cs
else ?><span class="status"><?cs var:L.status.unknown ?></span><?cs /if ?><?cs /def ?>
