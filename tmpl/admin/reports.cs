<?cs ##################################################################
# admin/reports.cs: the volume report (GET /admin/reports,
# fcgi/h_admin_reports.c): the form (year, period, provider), the
# download links, a bar chart of the orders created per period (geometry
# from C) with the same numbers and the final states as a table, the
# year's totals per provider, and every period's services.
#
# Reads Filter.{year, period, provider} (as typed), Providers.N.{slug,
# name, selected}, Form.errors.* (bad input: 422, and no report);
# Report.{year, kind, provider}; Download.{csv, xml}; Chart.* (width,
# height, left, right, top, base, label_x, label_y, ticks.N.value/y/ty);
# Periods.N.{id, num, from, to, created, activated, rejected, cancelled,
# x, y, w, h, cx, rows.M.{kind, provider, service, category, created,
# activated, rejected, cancelled}}; Year.{from, to, created, ...};
# YearProviders.N.{slug, name, created, ...}. Every style is a class.
?><?cs include:"admin/layout.cs" ?><?cs

def:month(m) ?><?cs if:m == 1 ?><?cs var:L.admin.reports.month.jan ?><?cs
elif:m == 2 ?><?cs var:L.admin.reports.month.feb ?><?cs
elif:m == 3 ?><?cs var:L.admin.reports.month.mar ?><?cs
elif:m == 4 ?><?cs var:L.admin.reports.month.apr ?><?cs
elif:m == 5 ?><?cs var:L.admin.reports.month.may ?><?cs
elif:m == 6 ?><?cs var:L.admin.reports.month.jun ?><?cs
elif:m == 7 ?><?cs var:L.admin.reports.month.jul ?><?cs
elif:m == 8 ?><?cs var:L.admin.reports.month.aug ?><?cs
elif:m == 9 ?><?cs var:L.admin.reports.month.sep ?><?cs
elif:m == 10 ?><?cs var:L.admin.reports.month.oct ?><?cs
elif:m == 11 ?><?cs var:L.admin.reports.month.nov ?><?cs
else ?><?cs var:L.admin.reports.month.dec ?><?cs /if ?><?cs /def ?><?cs

def:month_short(m) ?><?cs if:m == 1 ?><?cs var:L.admin.reports.mon.jan ?><?cs
elif:m == 2 ?><?cs var:L.admin.reports.mon.feb ?><?cs
elif:m == 3 ?><?cs var:L.admin.reports.mon.mar ?><?cs
elif:m == 4 ?><?cs var:L.admin.reports.mon.apr ?><?cs
elif:m == 5 ?><?cs var:L.admin.reports.mon.may ?><?cs
elif:m == 6 ?><?cs var:L.admin.reports.mon.jun ?><?cs
elif:m == 7 ?><?cs var:L.admin.reports.mon.jul ?><?cs
elif:m == 8 ?><?cs var:L.admin.reports.mon.aug ?><?cs
elif:m == 9 ?><?cs var:L.admin.reports.mon.sep ?><?cs
elif:m == 10 ?><?cs var:L.admin.reports.mon.oct ?><?cs
elif:m == 11 ?><?cs var:L.admin.reports.mon.nov ?><?cs
else ?><?cs var:L.admin.reports.mon.dec ?><?cs /if ?><?cs /def ?><?cs

# period_label(p): "januari 2026", "kvartal 1 2026" or "2026".
?><?cs def:period_label(p) ?><?cs if:Report.kind == "month" ?><?cs call:month(p.num) ?> <?cs var:Report.year ?><?cs
elif:Report.kind == "quarter" ?><?cs var:L.admin.reports.quarter ?> <?cs var:p.num ?> <?cs var:Report.year ?><?cs
else ?><?cs var:Report.year ?><?cs /if ?><?cs /def ?><?cs

# period_short(p): under a bar: "jan", "K1", "2026".
?><?cs def:period_short(p) ?><?cs if:Report.kind == "month" ?><?cs call:month_short(p.num) ?><?cs
elif:Report.kind == "quarter" ?><?cs var:L.admin.reports.quarter_short ?><?cs var:p.num ?><?cs
else ?><?cs var:Report.year ?><?cs /if ?><?cs /def ?><?cs

def:category(c) ?><?cs if:c == "internet" ?><?cs var:L.admin.reports.category.internet ?><?cs
elif:c == "tv" ?><?cs var:L.admin.reports.category.tv ?><?cs
elif:c == "phone" ?><?cs var:L.admin.reports.category.phone ?><?cs
elif:c == "other" ?><?cs var:L.admin.reports.category.other ?><?cs
else ?><?cs var:c ?><?cs /if ?><?cs /def ?><?cs

def:count_cols() ?><th scope="col" class="num"><?cs var:L.admin.reports.col.created ?></th><th scope="col" class="num"><?cs var:L.admin.reports.col.activated ?></th><th scope="col" class="num"><?cs var:L.admin.reports.col.rejected ?></th><th scope="col" class="num"><?cs var:L.admin.reports.col.cancelled ?></th><?cs /def ?><?cs

def:count_cells(c) ?><td class="num"><?cs var:c.created ?></td><td class="num"><?cs var:c.activated ?></td><td class="num"><?cs var:c.rejected ?></td><td class="num"><?cs var:c.cancelled ?></td><?cs /def ?><?cs

def:period_option(v, text) ?><option value="<?cs var:v ?>"<?cs if:Filter.period == v ?> selected<?cs /if ?>><?cs var:text ?></option>
<?cs /def ?><?cs

call:admin_start(L.admin.reports.title) ?>
<h1><?cs var:L.admin.reports.title ?></h1>
<?cs call:flash() ?><?cs call:error_summary() ?>
<p><?cs var:L.admin.reports.intro ?></p>
<form method="get" action="<?cs var:Page.base ?>/admin/reports" class="filters" aria-label="<?cs var:L.admin.reports.form_label ?>">
<div class="field">
<label for="year"><?cs var:L.admin.reports.year_label ?></label>
<?cs call:field_error("year") ?><input type="text" inputmode="numeric" id="year" name="year" value="<?cs var:Filter.year ?>" size="6" aria-describedby="year-hint<?cs if:string.length(Form.errors.year) ?> year-error<?cs /if ?>"<?cs if:string.length(Form.errors.year) ?> aria-invalid="true"<?cs /if ?>>
<span class="hint" id="year-hint"><?cs var:L.admin.reports.year_hint ?></span>
</div>
<div class="field">
<label for="period"><?cs var:L.admin.reports.period_label ?></label>
<?cs call:field_error("period") ?><select id="period" name="period"<?cs if:string.length(Form.errors.period) ?> aria-invalid="true" aria-describedby="period-error"<?cs /if ?>>
<?cs call:period_option("month", L.admin.reports.kind.month) ?><?cs call:period_option("quarter", L.admin.reports.kind.quarter) ?><?cs call:period_option("year", L.admin.reports.kind.year) ?></select>
</div>
<div class="field">
<label for="provider"><?cs var:L.admin.reports.provider_label ?></label>
<?cs call:field_error("provider") ?><select id="provider" name="provider"<?cs if:string.length(Form.errors.provider) ?> aria-invalid="true" aria-describedby="provider-error"<?cs /if ?>>
<option value=""><?cs var:L.admin.reports.all ?></option>
<?cs each:p = Providers ?><option value="<?cs var:p.slug ?>"<?cs if:p.selected ?> selected<?cs /if ?>><?cs var:p.name ?></option>
<?cs /each ?></select>
</div>
<div class="actions">
<button type="submit"><?cs var:L.admin.reports.show ?></button>
</div>
</form>
<?cs if:subcount(Form.errors) == 0 ?>
<h2 id="report-heading"><?cs var:L.admin.reports.heading ?> <?cs var:Report.year ?><?cs if:string.length(Report.provider) ?>, <?cs var:Report.provider ?><?cs /if ?></h2>
<p><?cs var:L.admin.reports.definitions ?></p>
<ul class="downloads">
<li><a href="<?cs var:Download.csv ?>" id="download-csv" download><?cs var:L.admin.reports.download_csv ?></a></li>
<li><a href="<?cs var:Download.xml ?>" id="download-xml" download><?cs var:L.admin.reports.download_xml ?></a></li>
</ul>

<section aria-labelledby="per-period">
<h3 id="per-period"><?cs var:L.admin.reports.per_period ?></h3>
<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="<?cs var:Chart.width ?>" height="<?cs var:Chart.height ?>" viewBox="0 0 <?cs var:Chart.width ?> <?cs var:Chart.height ?>" role="img" aria-labelledby="chart-title chart-desc">
<title id="chart-title"><?cs var:L.admin.reports.chart_title ?> <?cs var:Report.year ?></title>
<desc id="chart-desc"><?cs var:L.admin.reports.chart_total ?> <?cs var:Year.created ?>. <?cs var:L.admin.reports.chart_see_table ?></desc>
<?cs each:t = Chart.ticks ?><line class="grid" x1="<?cs var:Chart.left ?>" y1="<?cs var:t.y ?>" x2="<?cs var:Chart.right ?>" y2="<?cs var:t.y ?>"/><text class="tick" x="<?cs var:Chart.label_x ?>" y="<?cs var:t.ty ?>"><?cs var:t.value ?></text>
<?cs /each ?><?cs each:p = Periods ?><rect class="bar" x="<?cs var:p.x ?>" y="<?cs var:p.y ?>" width="<?cs var:p.w ?>" height="<?cs var:p.h ?>"><title><?cs call:period_label(p) ?>: <?cs var:p.created ?></title></rect>
<text class="period" x="<?cs var:p.cx ?>" y="<?cs var:Chart.label_y ?>"><?cs call:period_short(p) ?></text>
<?cs /each ?><line class="axis" x1="<?cs var:Chart.left ?>" y1="<?cs var:Chart.top ?>" x2="<?cs var:Chart.left ?>" y2="<?cs var:Chart.base ?>"/>
<line class="axis" x1="<?cs var:Chart.left ?>" y1="<?cs var:Chart.base ?>" x2="<?cs var:Chart.right ?>" y2="<?cs var:Chart.base ?>"/>
</svg>
<table class="list" id="periods">
<caption><?cs var:L.admin.reports.per_period_caption ?> <?cs var:Report.year ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.reports.col.period ?></th><?cs call:count_cols() ?></tr></thead>
<tbody>
<?cs each:p = Periods ?><tr><th scope="row"><?cs call:period_label(p) ?></th><?cs call:count_cells(p) ?></tr>
<?cs /each ?></tbody>
<tfoot><tr><th scope="row"><?cs var:L.admin.reports.total ?></th><?cs call:count_cells(Year) ?></tr></tfoot>
</table>
</section>

<section aria-labelledby="per-provider">
<h3 id="per-provider"><?cs var:L.admin.reports.per_provider ?></h3>
<?cs if:subcount(YearProviders) > 0 ?><table class="list" id="providers">
<caption><?cs var:L.admin.reports.per_provider_caption ?> <?cs var:Year.from ?> – <?cs var:Year.to ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.reports.col.provider ?></th><?cs call:count_cols() ?></tr></thead>
<tbody>
<?cs each:p = YearProviders ?><tr><th scope="row"><?cs var:p.name ?></th><?cs call:count_cells(p) ?></tr>
<?cs /each ?></tbody>
<tfoot><tr><th scope="row"><?cs var:L.admin.reports.total ?></th><?cs call:count_cells(Year) ?></tr></tfoot>
</table>
<?cs else ?><p class="none"><?cs var:L.admin.reports.none ?></p>
<?cs /if ?></section>

<section aria-labelledby="per-service">
<h3 id="per-service"><?cs var:L.admin.reports.per_service ?></h3>
<table class="list" id="services">
<caption><?cs var:L.admin.reports.per_service_caption ?> <?cs var:Report.year ?></caption>
<thead><tr><th scope="col"><?cs var:L.admin.reports.col.provider ?></th><th scope="col"><?cs var:L.admin.reports.col.service ?></th><th scope="col"><?cs var:L.admin.reports.col.category ?></th><?cs call:count_cols() ?></tr></thead>
<?cs each:p = Periods ?><tbody>
<tr class="period"><th scope="rowgroup" colspan="7"><?cs call:period_label(p) ?> (<?cs var:p.from ?> – <?cs var:p.to ?>)</th></tr>
<?cs each:o = p.rows ?><?cs if:o.kind == "service" ?><tr><td><?cs var:o.provider ?></td><th scope="row"><?cs var:o.service ?></th><td><?cs call:category(o.category) ?></td><?cs call:count_cells(o) ?></tr>
<?cs else ?><tr class="subtotal"><th scope="row" colspan="3"><?cs var:L.admin.reports.sum ?> <?cs var:o.provider ?></th><?cs call:count_cells(o) ?></tr>
<?cs /if ?><?cs /each ?><tr class="total"><th scope="row" colspan="3"><?cs var:L.admin.reports.total ?> <?cs call:period_label(p) ?></th><?cs call:count_cells(p) ?></tr>
</tbody>
<?cs /each ?></table>
</section>
<?cs /if ?>
<?cs call:admin_end() ?>
