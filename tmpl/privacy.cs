<?cs ##################################################################
# privacy.cs: the privacy notice (GET /integritet, GDPR Art. 13).
#
# Reads Ctl.{name, legal_name, org_number, postal_address, email, phone,
# url} (the network as controller, from its database row),
# Retention.{days, backup_days} (records_retention_days() and [backup]
# keep_days), Links.rights (/mina-uppgifter in the page's language),
# Providers.N.{name, legal_name, org_number, privacy_url, pnr,
# pnr_reason, Fields.M.{label, help, service, required}} (the providers
# delivering in the network) and NetFields.M.* (the network's own extra
# fields), Count.{pnr, fields} (providers requiring personnummer, extra
# fields in all). Every fact comes from the configuration or the database; the
# texts are L.privacy.*.
?><?cs include:"layout.cs" ?><?cs

# field(f, owner): one extra field of the order form and who asks for it.
?><?cs def:field(f, owner) ?><li><?cs var:f.label ?> (<?cs var:owner ?><?cs if:string.length(f.service) ?>, <?cs var:L.privacy.for_service ?> <?cs var:f.service ?><?cs /if ?><?cs if:f.required == "1" ?>, <?cs var:L.privacy.required ?><?cs else ?>, <?cs var:L.privacy.optional ?><?cs /if ?>)<?cs if:string.length(f.help) ?>: <?cs var:f.help ?><?cs /if ?></li>
<?cs /def ?><?cs

call:page_start(L.privacy.title, "") ?>
<h1><?cs var:L.privacy.h1 ?></h1>
<p class="lead"><?cs var:L.privacy.intro ?></p>

<h2 id="ansvarig"><?cs var:L.privacy.controller_title ?></h2>
<p><strong><?cs var:Ctl.legal_name ?></strong> <?cs var:L.privacy.controller_text ?></p>
<dl class="facts">
<dt><?cs var:L.privacy.ctl_name ?></dt>
<dd><?cs var:Ctl.legal_name ?></dd>
<?cs if:string.length(Ctl.org_number) ?><dt><?cs var:L.privacy.ctl_org ?></dt>
<dd class="nw"><?cs var:Ctl.org_number ?></dd>
<?cs /if ?><?cs if:string.length(Ctl.postal_address) ?><dt><?cs var:L.privacy.ctl_address ?></dt>
<dd><?cs var:Ctl.postal_address ?></dd>
<?cs /if ?><?cs if:string.length(Ctl.email) ?><dt><?cs var:L.privacy.ctl_email ?></dt>
<dd><a href="mailto:<?cs var:Ctl.email ?>"><?cs var:Ctl.email ?></a></dd>
<?cs /if ?><?cs if:string.length(Ctl.phone) ?><dt><?cs var:L.privacy.ctl_phone ?></dt>
<dd><a href="tel:<?cs var:Ctl.phone ?>"><?cs var:Ctl.phone ?></a></dd>
<?cs /if ?><?cs if:string.length(Ctl.url) ?><dt><?cs var:L.privacy.ctl_web ?></dt>
<dd><a href="<?cs var:Ctl.url ?>"><?cs var:Ctl.url ?></a></dd>
<?cs /if ?></dl>

<h2 id="uppgifter"><?cs var:L.privacy.data_title ?></h2>
<p><?cs var:L.privacy.data_intro ?></p>
<ul>
<li><?cs var:L.privacy.data_name ?></li>
<li><?cs var:L.privacy.data_email ?></li>
<li><?cs var:L.privacy.data_phone ?></li>
<li><?cs var:L.privacy.data_address ?></li>
<li><?cs var:L.privacy.data_start ?></li>
<li><?cs var:L.privacy.data_invoice ?></li>
<li><?cs if:#Count.pnr > 0 ?><?cs var:L.privacy.data_pnr ?><?cs else ?><?cs var:L.privacy.data_pnr_none ?><?cs /if ?></li>
<?cs if:#Count.fields > 0 ?><li><?cs var:L.privacy.data_extra ?></li>
<?cs /if ?></ul>
<p><?cs var:L.privacy.data_needed ?></p>
<?cs if:#Count.pnr > 0 ?><h3 id="personnummer"><?cs var:L.privacy.pnr_title ?></h3>
<ul>
<?cs each:p = Providers ?><?cs if:p.pnr == "1" ?><li><strong><?cs var:p.name ?></strong><?cs if:string.length(p.pnr_reason) ?>: <?cs var:p.pnr_reason ?><?cs /if ?></li>
<?cs /if ?><?cs /each ?></ul>
<?cs /if ?><?cs if:#Count.fields > 0 ?><h3 id="extra"><?cs var:L.privacy.extra_title ?></h3>
<ul>
<?cs each:f = NetFields ?><?cs call:field(f, Ctl.name) ?><?cs /each ?><?cs
each:p = Providers ?><?cs each:f = p.Fields ?><?cs call:field(f, p.name) ?><?cs /each ?><?cs /each ?></ul>
<?cs /if ?>
<h2 id="grund"><?cs var:L.privacy.basis_title ?></h2>
<p><?cs var:L.privacy.basis_contract ?></p>
<p><?cs var:L.privacy.basis_pnr ?></p>
<p><?cs var:L.privacy.basis_automated ?></p>

<h2 id="mottagare"><?cs var:L.privacy.recipients_title ?></h2>
<p><?cs var:L.privacy.recipients_pre ?> <strong><?cs var:Ctl.legal_name ?></strong><?cs var:L.privacy.recipients_post ?></p>
<p><?cs var:L.privacy.recipients_provider ?></p>
<?cs if:subcount(Providers) > 0 ?><h3 id="leverantorer"><?cs var:L.privacy.providers_title ?> <?cs var:Ctl.name ?></h3>
<ul class="providers">
<?cs each:p = Providers ?><li><strong><?cs var:p.name ?></strong><?cs if:string.length(p.org_number) ?> (<?cs var:L.privacy.org_short ?> <span class="nw"><?cs var:p.org_number ?></span>)<?cs /if ?><?cs if:string.length(p.privacy_url) ?> – <a href="<?cs var:p.privacy_url ?>"><?cs var:L.privacy.provider_policy ?> <?cs var:p.name ?></a><?cs /if ?></li>
<?cs /each ?></ul>
<?cs /if ?>
<h2 id="var"><?cs var:L.privacy.where_title ?></h2>
<p><?cs var:L.privacy.where_text ?></p>

<h2 id="lagring"><?cs var:L.privacy.retention_title ?></h2>
<p><?cs var:L.privacy.retention_pre ?> <strong class="nw" id="retention-days"><?cs var:Retention.days ?> <?cs var:L.privacy.days ?></strong> <?cs var:L.privacy.retention_post ?></p>
<p><?cs var:L.privacy.backup_pre ?> <span class="nw"><?cs var:Retention.backup_days ?> <?cs var:L.privacy.days ?></span><?cs var:L.privacy.backup_post ?></p>
<p><?cs var:L.privacy.retention_provider ?></p>

<h2 id="skydd"><?cs var:L.privacy.security_title ?></h2>
<ul>
<li><?cs var:L.privacy.security_encrypted ?></li>
<li><?cs var:L.privacy.security_tls ?></li>
<li><?cs var:L.privacy.security_access ?></li>
<li><?cs var:L.privacy.security_logs ?></li>
</ul>

<h2 id="rattigheter"><?cs var:L.privacy.rights_title ?></h2>
<p><?cs var:L.privacy.rights_intro ?></p>
<ul class="rights">
<li><strong><?cs var:L.privacy.right_access ?></strong> <?cs var:L.privacy.right_access_how ?> <a href="<?cs var:Links.rights ?>"><?cs var:L.privacy.right_access_link ?></a></li>
<li><strong><?cs var:L.privacy.right_portability ?></strong> <?cs var:L.privacy.right_portability_how ?> <a href="<?cs var:Links.rights ?>"><?cs var:L.privacy.right_portability_link ?></a></li>
<li><strong><?cs var:L.privacy.right_erasure ?></strong> <?cs var:L.privacy.right_erasure_how ?> <a href="<?cs var:Links.rights ?>"><?cs var:L.privacy.right_erasure_link ?></a></li>
<li><strong><?cs var:L.privacy.right_withdraw ?></strong> <?cs var:L.privacy.right_withdraw_how ?></li>
<li><strong><?cs var:L.privacy.right_rectification ?></strong> <?cs var:L.privacy.right_rectification_how ?><?cs if:string.length(Ctl.email) ?> <a href="mailto:<?cs var:Ctl.email ?>"><?cs var:Ctl.email ?></a><?cs /if ?></li>
<li><strong><?cs var:L.privacy.right_restriction ?></strong> <?cs var:L.privacy.right_restriction_how ?><?cs if:string.length(Ctl.email) ?> <a href="mailto:<?cs var:Ctl.email ?>"><?cs var:Ctl.email ?></a><?cs /if ?></li>
<li><strong><?cs var:L.privacy.right_objection ?></strong> <?cs var:L.privacy.right_objection_how ?><?cs if:string.length(Ctl.email) ?> <a href="mailto:<?cs var:Ctl.email ?>"><?cs var:Ctl.email ?></a><?cs /if ?></li>
</ul>
<p><?cs var:L.privacy.rights_proof ?></p>

<h2 id="klagomal"><?cs var:L.privacy.complaint_title ?></h2>
<p><?cs var:L.privacy.complaint_text ?> <a href="https://www.imy.se/"<?cs if:Page.lang == "en" ?> hreflang="sv"<?cs /if ?>>www.imy.se</a>.</p>
<?cs call:page_end() ?>
