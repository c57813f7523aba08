<?cs
# service.cs: the macros that present one service the same way on the
# services page (outlet.cs) and the order form (order.cs): months(n),
# campaign(s), total(s) and facts(s), where s is a service node with the
# fields h_order.c's put_service() sets.

# months(n): "1 månad", "24 månader".
?><?cs def:months(n) ?><?cs var:n ?> <?cs if:#n == 1 ?><?cs var:L.unit.month ?><?cs else ?><?cs var:L.unit.months ?><?cs /if ?><?cs /def ?><?cs

# campaign(s): the campaign as one sentence, from its parts.
?><?cs def:campaign(s) ?><?cs
if:s.campaign.kind == "percent" ?><?cs var:s.campaign.value ?>&nbsp;% <?cs var:L.campaign.percent ?><?cs
elif:s.campaign.kind == "amount" ?><?cs var:s.campaign.value ?> <?cs var:L.campaign.amount ?><?cs
else ?><?cs var:L.campaign.fixed ?> <?cs var:s.campaign.monthly ?><?cs var:L.unit.per_month ?><?cs /if ?><?cs
if:#s.campaign.months > 0 ?> <?cs var:L.campaign.during ?> <?cs call:months(s.campaign.months) ?><?cs /if ?><?cs
if:s.campaign.kind == "percent" || s.campaign.kind == "amount" ?>: <?cs var:s.campaign.monthly ?><?cs var:L.unit.per_month ?><?cs /if ?>, <?cs var:L.campaign.then ?> <?cs var:s.monthly ?><?cs var:L.unit.per_month ?><?cs /def ?><?cs

# total(s): "Totalt under bindningstiden (24 mån)" or "Totalt de första 12
# månaderna".
?><?cs def:total(s) ?><?cs
if:#s.binding > 0 && #s.total_months == #s.binding ?><?cs var:L.service.total_binding ?> (<?cs var:s.total_months ?>&nbsp;<?cs var:L.unit.months_short ?>)<?cs
elif:#s.total_months == 1 ?><?cs var:L.service.total_first_one ?><?cs
else ?><?cs var:L.service.total_first_pre ?> <?cs var:s.total_months ?> <?cs var:L.service.total_first_post ?><?cs /if ?><?cs /def ?><?cs

# facts(s): speed, prices, campaign, terms and total of service s.
?><?cs def:facts(s) ?><dl class="facts">
<?cs if:string.length(s.down) ?><dt><?cs var:L.service.speed ?></dt>
<dd><?cs var:s.down ?>&nbsp;<?cs var:L.unit.mbps ?> <?cs var:L.service.down ?><?cs if:string.length(s.up) && #s.up > 0 ?>, <?cs var:s.up ?>&nbsp;<?cs var:L.unit.mbps ?> <?cs var:L.service.up ?><?cs /if ?></dd>
<?cs /if ?><dt><?cs var:L.service.monthly ?></dt>
<dd><strong><?cs var:s.monthly ?><?cs var:L.unit.per_month ?></strong></dd>
<?cs if:string.length(s.campaign.kind) ?><dt><?cs var:L.service.campaign ?></dt>
<dd><?cs call:campaign(s) ?></dd>
<?cs /if ?><dt><?cs var:L.service.start_fee ?></dt>
<dd><?cs var:s.start_fee ?></dd>
<dt><?cs var:L.service.binding ?></dt>
<dd><?cs if:#s.binding > 0 ?><?cs call:months(s.binding) ?><?cs else ?><?cs var:L.service.no_binding ?><?cs /if ?></dd>
<dt><?cs var:L.service.notice ?></dt>
<dd><?cs if:#s.notice > 0 ?><?cs call:months(s.notice) ?><?cs else ?><?cs var:L.service.no_notice ?><?cs /if ?></dd>
<?cs if:string.length(s.total) ?><dt><?cs call:total(s) ?></dt>
<dd><strong><?cs var:s.total ?></strong> <span class="note"><?cs var:L.service.incl_start_fee ?></span></dd>
<?cs /if ?></dl>
<?cs /def ?>