<?cs ##################################################################
# admin/layout.cs: the frame of every console page (/admin/), as macros.
#
#   admin_start(title)    doctype, head, skip link, header with the user
#                         and the sign-out button, the navigation of the
#                         user's role, <main>. Nav.current names the
#                         section to mark ("orders", "areas", ...).
#   admin_end()           </main>, </html>.
#   csrf()                the hidden field every console form must post.
#   error_summary()       the list of Form.errors.N.field / .text at the
#                         top of a form, linking to each field.
#   field_error(name)     the message of Form.errors.<name> under a field.
#   text_field(name, label, value, hint)
#                         a labelled one-line input with its error.
#   flash()               a confirmation after a POST/redirect/GET:
#                         Flash.text, set by the handler.
#
# Reads L.* (texts), Page.*, Static, Net.name, User.name, User.role,
# User.provider, Csrf, Nav.current. Every var: is HTML-escaped; never use
# uvar:, alt:, lvar: or evar:. No inline script or style (CSP).
#
# Test strings with string.length(x), not if:x ("0" is false).
?><?cs def:nav_item(key, path, text) ?><li><a href="<?cs var:Page.base ?><?cs var:path ?>"<?cs if:Nav.current == key ?> aria-current="page"<?cs /if ?>><?cs var:text ?></a></li><?cs /def ?><?cs

def:role_name(r) ?><?cs if:r == "network_admin" ?><?cs var:L.admin.role.network_admin ?><?cs
elif:r == "network_support" ?><?cs var:L.admin.role.network_support ?><?cs
elif:r == "provider_user" ?><?cs var:L.admin.role.provider_user ?><?cs
else ?><?cs var:r ?><?cs /if ?><?cs /def ?><?cs

def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs /def ?><?cs

def:admin_start(title) ?><!DOCTYPE html>
<html lang="<?cs if:Page.lang == "en" ?>en<?cs else ?>sv<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title><?cs var:title ?> – <?cs var:L.admin.title ?> – <?cs var:Net.name ?></title>
<link rel="stylesheet" href="<?cs if:string.length(Static) ?><?cs var:Static ?><?cs else ?>/static<?cs /if ?>/tjg.css">
<link rel="stylesheet" href="<?cs if:string.length(Static) ?><?cs var:Static ?><?cs else ?>/static<?cs /if ?>/admin.css">
</head>
<body class="admin">
<a class="skip" href="#main"><?cs var:L.skip ?></a>
<header class="site">
<div class="wrap">
<p class="brand"><a href="<?cs var:Page.base ?>/admin"><?cs var:L.admin.title ?></a> <span class="net"><?cs var:Net.name ?></span></p>
<?cs if:string.length(User.name) ?><div class="who">
<p><span class="vh"><?cs var:L.admin.signed_in_as ?> </span><?cs var:User.name ?> (<?cs call:role_name(User.role) ?><?cs if:string.length(User.provider) ?>, <?cs var:User.provider ?><?cs /if ?>)</p>
<form method="post" action="<?cs var:Page.base ?>/admin/logout"><?cs call:csrf() ?><button type="submit" class="link"><?cs var:L.admin.logout ?></button></form>
</div>
<?cs /if ?><?cs if:string.length(Page.other_lang_url) ?><p class="lang"><a href="<?cs var:Page.other_lang_url ?>" lang="<?cs if:Page.lang == "en" ?>sv<?cs else ?>en<?cs /if ?>" hreflang="<?cs if:Page.lang == "en" ?>sv<?cs else ?>en<?cs /if ?>"><?cs var:L.lang.switch ?></a></p><?cs /if ?>
</div>
<?cs if:string.length(User.name) ?><nav class="admin-nav" aria-label="<?cs var:L.admin.nav.label ?>">
<ul class="wrap">
<?cs call:nav_item("home", "/admin", L.admin.nav.home) ?>
<?cs call:nav_item("orders", "/admin/orders", L.admin.nav.orders) ?>
<?cs if:User.role == "network_admin" ?>
<?cs call:nav_item("areas", "/admin/areas", L.admin.nav.areas) ?>
<?cs call:nav_item("addresses", "/admin/addresses", L.admin.nav.addresses) ?>
<?cs call:nav_item("import", "/admin/import", L.admin.nav.import) ?>
<?cs call:nav_item("providers", "/admin/providers", L.admin.nav.providers) ?>
<?cs /if ?><?cs if:User.role == "network_admin" || User.role == "provider_user" ?>
<?cs call:nav_item("services", "/admin/services", L.admin.nav.services) ?>
<?cs call:nav_item("fields", "/admin/fields", L.admin.nav.fields) ?>
<?cs /if ?><?cs if:User.role == "network_admin" ?>
<?cs call:nav_item("network", "/admin/network", L.admin.nav.network) ?>
<?cs call:nav_item("users", "/admin/users", L.admin.nav.users) ?>
<?cs call:nav_item("audit", "/admin/audit", L.admin.nav.audit) ?>
<?cs call:nav_item("records", "/admin/records", L.admin.nav.records) ?>
<?cs call:nav_item("contacts", "/admin/contacts", L.admin.contacts.nav) ?>
<?cs call:nav_item("reports", "/admin/reports", L.admin.nav.reports) ?>
<?cs /if ?>
<?cs if:User.role == "network_admin" || User.role == "network_support" ?><?cs call:nav_item("requests", "/admin/requests", L.admin.nav.requests) ?><?cs /if ?>
<?cs call:nav_item("account", "/admin/account", L.admin.nav.account) ?>
</ul>
</nav>
<?cs /if ?></header>
<main id="main" tabindex="-1">
<div class="wrap">
<?cs /def ?><?cs

def:admin_end() ?></div>
</main>
</body>
</html>
<?cs /def ?><?cs

def:error_summary() ?><?cs if:subcount(Form.errors) > 0 ?><div class="error-summary" role="alert" tabindex="-1">
<h2><?cs var:L.admin.form.errors ?></h2>
<ul>
<?cs each:e = Form.errors ?><li><a href="#<?cs name:e ?>"><?cs var:e ?></a></li>
<?cs /each ?></ul>
</div>
<?cs /if ?><?cs /def ?><?cs

def:field_error(name) ?><?cs if:string.length(Form.errors[name]) ?><p class="field-error" id="<?cs var:name ?>-error"><span class="vh"><?cs var:L.admin.form.error_prefix ?>: </span><?cs var:Form.errors[name] ?></p>
<?cs /if ?><?cs /def ?><?cs

def:text_field(name, label, value, hint) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:string.length(hint) ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p>
<?cs /if ?><?cs call:field_error(name) ?><input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>"<?cs if:string.length(Form.errors[name]) ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error<?cs if:string.length(hint) ?> <?cs var:name ?>-hint<?cs /if ?>"<?cs elif:string.length(hint) ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?>>
</div>
<?cs /def ?><?cs

def:flash() ?><?cs if:string.length(Flash.text) ?><div class="notice flash" role="status"><p><?cs var:Flash.text ?></p></div>
<?cs /if ?><?cs /def ?>
