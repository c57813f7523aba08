<?cs ##################################################################
# admin/home.cs: the overview. The alerts first (what needs doing), then
# orders per day (an SVG bar chart whose geometry C has computed, and the
# same numbers as a table) and orders per provider and status.
#
# Reads Period.from/.to/.days; Unfetched.* and Unacked.* (total, shown,
# rows.N.ref/provider/created/fetched/limit/late), Alerts.limit; Chart.*
# (width, height, left, right, top, base, label_x, label_y,
# ticks.N.value/y/ty); Days.N.* (date, day, month, count, x, y, w, h, cx,
# label), PerDay.total/peak/peak_date; Providers.N.* (name, new, received,
# activated, rejected, cancelled, total) and Totals.* with several.
# ContactsMissing.N.name and ContactsDue (administrators: the contact
# register's notice, from admin_contacts_notice()).
# Geometry goes into SVG attributes; every style is a class (CSP).
?><?cs include:"admin/layout.cs" ?><?cs

def:month(m) ?><?cs if:m == 1 ?><?cs var:L.admin.home.month.jan ?><?cs
elif:m == 2 ?><?cs var:L.admin.home.month.feb ?><?cs
elif:m == 3 ?><?cs var:L.admin.home.month.mar ?><?cs
elif:m == 4 ?><?cs var:L.admin.home.month.apr ?><?cs
elif:m == 5 ?><?cs var:L.admin.home.month.may ?><?cs
elif:m == 6 ?><?cs var:L.admin.home.month.jun ?><?cs
elif:m == 7 ?><?cs var:L.admin.home.month.jul ?><?cs
elif:m == 8 ?><?cs var:L.admin.home.month.aug ?><?cs
elif:m == 9 ?><?cs var:L.admin.home.month.sep ?><?cs
elif:m == 10 ?><?cs var:L.admin.home.month.oct ?><?cs
elif:m == 11 ?><?cs var:L.admin.home.month.nov ?><?cs
else ?><?cs var:L.admin.home.month.dec ?><?cs /if ?><?cs /def ?><?cs

def:hours(h) ?><?cs var:h ?>&nbsp;<?cs var:L.admin.home.hours ?><?cs /def ?><?cs

def:late(h) ?><?cs if:h > 0 ?><?cs call:hours(h) ?><?cs else ?><?cs var:L.admin.home.under_hour ?><?cs /if ?><?cs /def ?><?cs

def:late_table(id, set, caption, fetched) ?><?cs if:set.total > 0 ?><table class="list" id="<?cs var:id ?>">
<caption><?cs var:caption ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.home.col.ref ?></th><th scope="col"><?cs var:L.admin.home.col.provider ?></th><th scope="col"><?cs var:L.admin.home.col.created ?></th><?cs if:fetched ?><th scope="col"><?cs var:L.admin.home.col.fetched ?></th><?cs /if ?><th scope="col" class="num"><?cs var:L.admin.home.col.limit ?></th><th scope="col" class="num"><?cs var:L.admin.home.col.late ?></th></tr></thead>
<tbody>
<?cs each:o = set.rows ?><tr><th scope="row"><a href="<?cs var:Page.base ?>/admin/orders/<?cs var:o.ref ?>"><?cs var:o.ref ?></a></th><td><?cs var:o.provider ?></td><td><?cs var:o.created ?></td><?cs if:fetched ?><td><?cs var:o.fetched ?></td><?cs /if ?><td class="num"><?cs call:hours(o.limit) ?></td><td class="num"><?cs call:late(o.late) ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs if:#set.shown < #set.total ?><p class="notice"><?cs var:L.admin.home.showing ?> <?cs var:set.shown ?> <?cs var:L.admin.home.showing_of ?> <?cs var:set.total ?> <?cs var:L.admin.home.showing_end ?> <a href="<?cs var:Page.base ?>/admin/orders"><?cs var:L.admin.nav.orders ?></a>.</p>
<?cs /if ?><?cs else ?><p><?cs var:L.admin.home.none ?></p>
<?cs /if ?><?cs /def ?><?cs

def:status_cells(p) ?><td class="num"><?cs var:p.new ?></td><td class="num"><?cs var:p.received ?></td><td class="num"><?cs var:p.activated ?></td><td class="num"><?cs var:p.rejected ?></td><td class="num"><?cs var:p.cancelled ?></td><td class="num"><?cs var:p.total ?></td><?cs /def ?><?cs

call:admin_start(L.admin.home.title) ?>
<h1><?cs var:L.admin.home.title ?></h1>
<?cs call:flash() ?>
<?cs if:subcount(ContactsMissing) > 0 || ContactsDue > 0 ?><div class="notice contacts-notice" id="contacts-notice" role="status">
<?cs if:subcount(ContactsMissing) > 0 ?><p><?cs var:L.admin.contacts.home.missing ?></p>
<ul id="contacts-missing">
<?cs each:m = ContactsMissing ?><li><?cs var:m.name ?></li>
<?cs /each ?></ul>
<?cs /if ?><?cs if:ContactsDue > 0 ?><p><?cs var:L.admin.contacts.home.due ?> <span id="contacts-due"><?cs var:ContactsDue ?></span></p>
<?cs /if ?><p><a href="<?cs var:Page.base ?>/admin/contacts"><?cs var:L.admin.contacts.home.link ?></a></p>
</div>
<?cs /if ?>
<p><?cs var:L.admin.home.period ?> <?cs var:Period.from ?> <?cs var:L.admin.home.period_to ?> <?cs var:Period.to ?> <?cs var:L.admin.home.period_tz ?><?cs if:string.length(User.provider) ?> <?cs var:L.admin.home.own ?> <?cs var:User.provider ?>.<?cs /if ?></p>

<section aria-labelledby="alerts">
<h2 id="alerts"><?cs var:L.admin.home.alerts ?> (<?cs var:#Unfetched.total + #Unacked.total ?>)</h2>
<?cs if:Unfetched.total == 0 && Unacked.total == 0 ?><p class="notice" id="no-alerts"><?cs var:L.admin.home.no_alerts ?></p>
<?cs else ?>
<h3 id="unfetched-heading"><?cs var:L.admin.home.unfetched ?> (<?cs var:Unfetched.total ?>)</h3>
<p><?cs var:L.admin.home.unfetched_help ?></p>
<?cs call:late_table("unfetched", Unfetched, L.admin.home.unfetched_caption, 0) ?>
<h3 id="unacked-heading"><?cs var:L.admin.home.unacked ?> (<?cs var:Unacked.total ?>)</h3>
<p><?cs var:L.admin.home.unacked_help ?></p>
<?cs call:late_table("unacked", Unacked, L.admin.home.unacked_caption, 1) ?>
<?cs /if ?></section>

<section aria-labelledby="per-day">
<h2 id="per-day"><?cs var:L.admin.home.per_day ?></h2>
<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="<?cs var:Chart.width ?>" height="<?cs var:Chart.height ?>" viewBox="0 0 <?cs var:Chart.width ?> <?cs var:Chart.height ?>" role="img" aria-labelledby="chart-title chart-desc">
<title id="chart-title"><?cs var:L.admin.home.per_day ?>, <?cs var:Period.from ?> – <?cs var:Period.to ?></title>
<desc id="chart-desc"><?cs if:PerDay.total > 0 ?><?cs var:L.admin.home.chart_total ?> <?cs var:PerDay.total ?> <?cs var:L.admin.home.chart_orders ?> <?cs var:Period.days ?> <?cs var:L.admin.home.chart_days ?> <?cs var:L.admin.home.chart_peak ?> <?cs var:PerDay.peak_date ?>: <?cs var:PerDay.peak ?>.<?cs else ?><?cs var:L.admin.home.chart_none ?><?cs /if ?> <?cs var:L.admin.home.chart_see_table ?></desc>
<?cs each:t = Chart.ticks ?><line class="grid" x1="<?cs var:Chart.left ?>" y1="<?cs var:t.y ?>" x2="<?cs var:Chart.right ?>" y2="<?cs var:t.y ?>"/><text class="tick" x="<?cs var:Chart.label_x ?>" y="<?cs var:t.ty ?>"><?cs var:t.value ?></text>
<?cs /each ?><?cs each:d = Days ?><rect class="bar" x="<?cs var:d.x ?>" y="<?cs var:d.y ?>" width="<?cs var:d.w ?>" height="<?cs var:d.h ?>"><title><?cs var:d.date ?>: <?cs var:d.count ?></title></rect>
<?cs if:d.label ?><text class="day" x="<?cs var:d.cx ?>" y="<?cs var:Chart.label_y ?>"><?cs var:d.day ?> <?cs call:month(d.month) ?></text>
<?cs /if ?><?cs /each ?><line class="axis" x1="<?cs var:Chart.left ?>" y1="<?cs var:Chart.top ?>" x2="<?cs var:Chart.left ?>" y2="<?cs var:Chart.base ?>"/>
<line class="axis" x1="<?cs var:Chart.left ?>" y1="<?cs var:Chart.base ?>" x2="<?cs var:Chart.right ?>" y2="<?cs var:Chart.base ?>"/>
</svg>
<details>
<summary><?cs var:L.admin.home.chart_table ?></summary>
<table class="list" id="days">
<caption><?cs var:L.admin.home.per_day ?>, <?cs var:Period.from ?> – <?cs var:Period.to ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.home.col.day ?></th><th scope="col" class="num"><?cs var:L.admin.home.col.orders ?></th></tr></thead>
<tbody>
<?cs each:d = Days ?><tr><th scope="row"><?cs var:d.date ?></th><td class="num"><?cs var:d.count ?></td></tr>
<?cs /each ?></tbody>
<tfoot><tr><th scope="row"><?cs var:L.admin.home.total ?></th><td class="num"><?cs var:PerDay.total ?></td></tr></tfoot>
</table>
</details>
</section>

<section aria-labelledby="per-provider">
<h2 id="per-provider"><?cs var:L.admin.home.per_provider ?></h2>
<?cs if:subcount(Providers) > 0 ?><table class="list" id="providers">
<caption><?cs var:L.admin.home.per_provider_caption ?>, <?cs var:Period.from ?> – <?cs var:Period.to ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.home.col.provider ?></th><th scope="col" class="num"><?cs var:L.admin.home.status.new ?></th><th scope="col" class="num"><?cs var:L.admin.home.status.received ?></th><th scope="col" class="num"><?cs var:L.admin.home.status.activated ?></th><th scope="col" class="num"><?cs var:L.admin.home.status.rejected ?></th><th scope="col" class="num"><?cs var:L.admin.home.status.cancelled ?></th><th scope="col" class="num"><?cs var:L.admin.home.total ?></th></tr></thead>
<tbody>
<?cs each:p = Providers ?><tr><th scope="row"><?cs var:p.name ?></th><?cs call:status_cells(p) ?></tr>
<?cs /each ?></tbody>
<?cs if:subcount(Totals) > 0 ?><tfoot><tr><th scope="row"><?cs var:L.admin.home.total ?></th><?cs call:status_cells(Totals) ?></tr></tfoot>
<?cs /if ?></table>
<?cs else ?><p><?cs var:L.admin.home.no_providers ?></p>
<?cs /if ?></section>
<?cs call:admin_end() ?>
