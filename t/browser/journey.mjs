#!/usr/bin/env node
// t/browser/journey.mjs: the resident's whole journey in a real browser
// (Debian's chromium driven by playwright-core), twice: once with
// JavaScript enabled and once without (the guide must work without it).
//
//   landing -> search -> results -> address -> apartment -> services ->
//   order form ("Beställ" on a service of the provider that requires
//   personnummer) -> submit with an invalid e-mail -> error summary, field
//   marked invalid, input kept -> fix -> receipt with the order reference
//   -> status link -> status page with the withdraw button -> withdraw.
//
// Every page is checked with axe-core (WCAG 2.0/2.1 A and AA) and saved
// as a full-page PNG in the artifacts directory (the services page and the
// form also at 320 px width, where nothing may scroll sideways). Forms are
// filled through their labels, which checks the labelling as well.
//
// Output is TAP ("ok N - ...", "# ..." diagnostics, "1..N" at the end);
// the exit status is 1 when a test failed, 2 on bad usage (no TAP then).
//
// Usage: node journey.mjs [--name=value ...], every option also from the
// environment (in brackets):
//   --base        base URL of the guide (TJG_LIGHTTPD_URL)
//   --artifacts   directory for the screenshots (TJG_BROWSER_ARTIFACTS)
//   --query       the address typed into the search, "Storgatan 12B"
//   --address-id  address.id of that address (its link is /adress/ID)
//   --apartment   lägenhetsnummer of an active outlet there, "1201"
//   --code        that outlet's code
//   --service-id  a service of the provider that requires personnummer
//   --service     that service's name (checks the "Beställ" link's name)
//   --modes       "js,nojs" (default) or one of them
//   --chromium    the browser (TJG_CHROMIUM, default /usr/bin/chromium)
// The personnummer typed is fictional: born 1984-02-29, a random serial,
// the check digit computed (Luhn over the last ten digits).

import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomInt } from 'node:crypto';
import path from 'node:path';

const STEP_TIMEOUT = 10_000;	// one action or navigation
const RUN_TIMEOUT = 120_000;	// the whole run, both modes
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

// --- options -------------------------------------------------------------

function options() {
	const o = {};
	for (const a of process.argv.slice(2)) {
		const m = /^--([a-z-]+)=(.*)$/s.exec(a);
		if (!m) usage(`bad argument: ${a}`);
		o[m[1]] = m[2];
	}
	const env = process.env;
	o.base = (o.base || env.TJG_LIGHTTPD_URL || '').replace(/\/+$/, '');
	o.artifacts = o.artifacts || env.TJG_BROWSER_ARTIFACTS || '';
	o.chromium = o.chromium || env.TJG_CHROMIUM || '/usr/bin/chromium';
	o.modes = (o.modes || 'js,nojs').split(',');
	for (const k of ['base', 'artifacts', 'query', 'address-id',
	    'apartment', 'code', 'service-id', 'service']) {
		if (!o[k]) usage(`--${k} is missing`);
	}
	if (o.modes.some((m) => m !== 'js' && m !== 'nojs'))
		usage('--modes takes js, nojs or both');
	return o;
}

function usage(msg) {
	process.stderr.write(`journey.mjs: ${msg}\n`);
	process.exit(2);
}

// --- TAP -----------------------------------------------------------------

let tapN = 0;
let tapFailed = 0;
let aborted = false;	// the run's time is up: report nothing more

function diag(...lines) {
	if (aborted) return;
	for (const l of lines)
		for (const s of String(l).split('\n'))
			process.stdout.write(`# ${s}\n`);
}

function ok(cond, name, ...why) {
	if (aborted) return false;
	tapN++;
	if (cond) {
		process.stdout.write(`ok ${tapN} - ${name}\n`);
	} else {
		tapFailed++;
		process.stdout.write(`not ok ${tapN} - ${name}\n`);
		diag(...why);
	}
	return !!cond;
}

function is(got, want, name) {
	return ok(got === want, name, `         got: '${got}'`,
	    `    expected: '${want}'`);
}

function like(got, re, name) {
	return ok(re.test(got ?? ''), name, `                  '${short(got)}'`,
	    `    doesn't match ${re}`);
}

function unlike(got, re, name) {
	const m = re.exec(got ?? '');
	return ok(!m, name, m ? `    matches ${re} ('${m[0]}')` : '');
}

function short(s) {
	s = String(s ?? '').replace(/\s+/g, ' ');
	return s.length > 300 ? `${s.slice(0, 300)}... (${s.length} characters)` : s;
}

// --- test data -----------------------------------------------------------

// A fictional personnummer: YYYYMMDD + 3-digit serial + the Luhn check
// digit over the 10-digit form (YYMMDD + serial).
function pnrMake(date, serial) {
	const ten = date.slice(2) + serial;
	let sum = 0;
	for (let i = 0; i < 9; i++) {
		let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
		if (d > 9) d -= 9;
		sum += d;
	}
	return `${date}${serial}${(10 - (sum % 10)) % 10}`;
}

function luhnOk(ten) {
	let sum = 0;
	for (let i = 0; i < 10; i++) {
		let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
		if (d > 9) d -= 9;
		sum += d;
	}
	return sum % 10 === 0;
}

function isoDate(daysAhead) {
	const d = new Date(Date.now() + daysAhead * 86_400_000);
	return d.toISOString().slice(0, 10);
}

// click(locator): a mouse click in the middle of the element's box.
// Playwright's own choice of point fails on links that begin with a
// visually hidden span (<a><span class="vh">Lägenhet </span>1201</a>): it
// aims at the 1x1 px clipped span and reports that the table cell
// "intercepts pointer events", although a real click on the text works.
async function click(loc) {
	const b = await loc.boundingBox();
	if (!b) return loc.click();
	return loc.click({ position: { x: b.width / 2, y: b.height / 2 } });
}

// The first line of an error's message, without terminal colours.
function firstLine(e) {
	return String(e?.message ?? e).split('\n')[0].replace(/\x1b\[[0-9;]*m/g, '');
}

function escapeRe(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// --- the browser ---------------------------------------------------------

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// runAxe(page): the axe-core results of the page as it is now. The guide's
// CSP (default-src 'none') refuses the inline <script> of addScriptTag, so
// axe is evaluated through the DevTools protocol, which the CSP does not
// govern; that needs a page whose JavaScript is enabled (without it the
// evaluation runs, but axe's promises never settle).
async function runAxe(page) {
	await page.evaluate(axeSource);
	return page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags },
		resultTypes: ['violations', 'incomplete'],
	}).then((r) => ({
		incomplete: r.incomplete.map((v) => `${v.id} (${v.nodes.length})`),
		violations: r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.length,
			target: (v.nodes[0]?.target || []).join(' '),
			html: v.nodes[0]?.html || '',
			summary: v.nodes[0]?.failureSummary || '',
		})),
		passes: r.passes.length,
	})), AXE_TAGS);
}

// axeSelfTest(browser): axe must find what was planted in a page (an
// image without alt, an input without label), or a silent "no
// violations" would mean nothing.
async function axeSelfTest(browser, base) {
	const ctx = await browser.newContext();
	try {
		const page = await ctx.newPage();
		page.setDefaultTimeout(STEP_TIMEOUT);
		const url = `${base}/__axe-self-test`;
		await page.route(url, (route) => route.fulfill({
			status: 200, contentType: 'text/html; charset=utf-8',
			body: '<!DOCTYPE html><html lang="sv"><head><title>Test</title></head>' +
			    '<body><main><h1>Test</h1><img src="data:,"><input type="text"></main></body></html>',
		}));
		await page.goto(url);
		const ids = (await runAxe(page)).violations.map((v) => v.id);
		ok(ids.includes('image-alt') && ids.includes('label'),
		    'axe finds planted violations (image-alt, label)', `found: ${ids.join(', ') || 'none'}`);
	} finally {
		await ctx.close();
	}
}

class Journey {
	constructor(browser, o, mode) {
		this.browser = browser;
		this.o = o;
		this.mode = mode;
		this.js = mode === 'js';
		this.shot = 0;
		this.problems = [];
	}

	async open() {
		const viewport = { width: 1280, height: 900 };
		this.ctx = await this.browser.newContext({
			javaScriptEnabled: this.js, viewport, locale: 'sv-SE',
		});
		this.ctx.setDefaultTimeout(STEP_TIMEOUT);
		this.ctx.setDefaultNavigationTimeout(STEP_TIMEOUT);
		this.page = await this.ctx.newPage();
		// Sub-resources that fail (the stylesheet, say) and errors in
		// the console; favicon.ico is asked for by the browser itself.
		this.page.on('response', (r) => {
			if (r.status() >= 400 && !r.request().isNavigationRequest())
				this.problems.push({ url: r.url(), text: `${r.status()} ${r.url()}` });
		});
		this.page.on('requestfailed', (r) => this.problems.push({
		    url: r.url(), text: `failed ${r.url()}: ${r.failure()?.errorText}` }));
		this.page.on('console', (m) => {
			if (m.type() === 'error')
				this.problems.push({ url: m.location().url, console: true,
				    text: `console: ${m.text()} (${m.location().url})` });
		});
		if (!this.js) {
			// Without JavaScript axe runs in a second, JS-enabled
			// context, on the very response the journey got.
			this.axeCtx = await this.browser.newContext({ viewport, locale: 'sv-SE' });
			this.axeCtx.setDefaultTimeout(STEP_TIMEOUT);
			this.axeCtx.setDefaultNavigationTimeout(STEP_TIMEOUT);
			this.axePage = await this.axeCtx.newPage();
		}
	}

	async close() {
		for (const c of [this.ctx, this.axeCtx])
			if (c) await c.close().catch(() => {});
	}

	t(name) {
		return `${this.mode}: ${name}`;
	}

	// nav(action): runs action (a click, a goto) and waits for the main
	// frame's final (non-redirect) document response and its load.
	async nav(action) {
		const main = this.page.mainFrame();
		const resp = this.page.waitForResponse((r) =>
		    r.request().isNavigationRequest() && r.frame() === main &&
		    !(r.status() >= 300 && r.status() < 400));
		resp.catch(() => {});	// awaited below; no unhandled rejection
		await action();
		this.resp = await resp;
		this.body = await this.resp.body();
		await this.page.waitForLoadState('load');
		return this.resp;
	}

	// check(step): axe on the page, a full-page screenshot, and the
	// sub-resource problems seen since the last check.
	async check(step) {
		const file = `${this.mode}-${String(++this.shot).padStart(2, '0')}-${step}.png`;
		await this.page.screenshot({ path: path.join(this.o.artifacts, file), fullPage: true });
		let res;
		if (this.js) {
			res = await runAxe(this.page);
		} else {
			const url = this.page.url();
			const headers = { ...this.resp.headers() };
			delete headers['content-length'];
			delete headers['content-encoding'];
			delete headers['transfer-encoding'];
			delete headers['set-cookie'];
			const match = (u) => u.href === url;
			await this.axePage.route(match, (route) => route.fulfill({
				status: this.resp.status(), headers, body: this.body,
			}), { times: 1 });
			await this.axePage.goto(url, { waitUntil: 'load' });
			await this.axePage.unroute(match);
			res = await runAxe(this.axePage);
			// Axe must have looked at the very page of the journey.
			const [a, b] = [await this.axePage.title(), await this.page.title()];
			if (a !== b) res.violations.unshift({ id: 'replay', impact: 'test',
			    nodes: 0, target: '', help: `axe saw "${a}", the journey "${b}"`,
			    html: '', summary: '' });
		}
		const v = res.violations;
		if (res.incomplete.length)
			diag(`${this.mode}: ${step}: axe could not decide (check by hand): ${res.incomplete.join(', ')}`);
		ok(v.length === 0, this.t(`${step}: no axe violations (WCAG 2.1 A/AA, ${res.passes} rules pass)`),
		    ...v.map((x) => `${x.id} (${x.impact}) ${x.nodes} node(s), first: ${x.target}\n` +
			`    ${x.help}\n    ${short(x.html)}\n    ${short(x.summary)}`));
		// The console also reports the document's own 4xx status (the
		// 422 of a form with errors): that one is expected.
		const doc = this.page.url();
		const problems = this.problems.filter((p) => !/\/favicon\.ico$/.test(p.url) &&
		    !(p.console && p.url === doc && p.text.includes(`status of ${this.resp.status()} `)))
		    .map((p) => p.text);
		ok(problems.length === 0, this.t(`${step}: every sub-resource loads, no console errors`), ...problems);
		this.problems = [];
		return file;
	}

	// narrow(step): a 320 px wide full-page screenshot; the page must not
	// scroll sideways there (WCAG 1.4.10 reflow; tables scroll in their
	// own box and are allowed to).
	async narrow(step) {
		const old = this.page.viewportSize();
		await this.page.setViewportSize({ width: 320, height: 640 });
		const file = `${this.mode}-${String(this.shot).padStart(2, '0')}-${step}-320px.png`;
		await this.page.screenshot({ path: path.join(this.o.artifacts, file), fullPage: true });
		const w = await this.page.evaluate(() => document.documentElement.scrollWidth);
		ok(w <= 320, this.t(`${step}: no sideways scrolling at 320 px`),
		    `the page is ${w} px wide`);
		await this.page.setViewportSize(old);
	}

	async run() {
		const { o, page } = this;
		const T = (s) => this.t(s);
		const serial = String(randomInt(100, 1000));
		const pnr = pnrMake('19840229', serial);
		const rand = randomInt(1e5, 1e6);
		const person = {
			first: 'Testa', last: `Testsson-${rand}`,
			email: `testa.${rand}@example.org`, badEmail: `testa.${rand}.example.org`,
			// 070-1740605..699: reserved by PTS for fiction.
			phone: '070-174 06 42', pnr: `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
			day: isoDate(30),
		};
		ok(/^\d{12}$/.test(pnr) && luhnOk(pnr.slice(2)),
		    T(`a fictional personnummer valid by Luhn (serial ${serial})`));

		// 1. The landing page.
		await this.nav(() => page.goto(`${o.base}/`));
		is(this.resp.status(), 200, T('landing page answers 200'));
		is(await page.locator('html').getAttribute('lang'), 'sv', T('landing page is in Swedish'));
		// The network's own heading (console: Nätet) or the guide's.
		like(await page.locator('h1').innerText(), /tjänster|bredband/i, T('landing page has its heading'));
		await page.keyboard.press('Tab');
		is(await page.evaluate(() => document.activeElement?.textContent?.trim()),
		    'Hoppa till innehållet', T('the first Tab reaches the skip link'));
		await this.check('landing');

		// 2. The search, by its label.
		const q = page.getByLabel('Adress eller postnummer');
		await q.fill(o.query);
		await this.nav(() => click(page.getByRole('button', { name: 'Sök', exact: true })));
		is(this.resp.status(), 200, T('results page answers 200'));
		like(page.url(), /\/sok\?q=/, T('the search is a GET to /sok'));
		is(await page.getByLabel('Adress eller postnummer').inputValue(), o.query,
		    T('the query stays in the search field'));
		const hit = page.locator('ol.hits').getByRole('link', { name: o.query, exact: true })
		    .and(page.locator(`[href$="/adress/${o['address-id']}"]`));
		is(await hit.count(), 1, T(`results list the address "${o.query}"`));
		await this.check('results');

		// 3. The address: choose the apartment by its lägenhetsnummer.
		await this.nav(() => click(hit));
		is(this.resp.status(), 200, T('address page answers 200'));
		like(await page.locator('h1').innerText(), new RegExp(escapeRe(o.query)),
		    T('address page names the address'));
		like(await page.locator('main').innerText(), /10 = /, T('address page explains the lägenhetsnummer'));
		const apt = page.getByRole('link', { name: `Lägenhet ${o.apartment}`, exact: true });
		is(await apt.count(), 1, T(`a link for lägenhet ${o.apartment}`));
		await this.check('address');

		// 4. The services of the outlet.
		await this.nav(() => click(apt));
		is(this.resp.status(), 200, T('services page answers 200'));
		like(page.url(), new RegExp(`/uttag/${escapeRe(o.code)}$`), T('services page is the outlet\'s'));
		like(await page.locator('main').innerText(), new RegExp(escapeRe(o.code)),
		    T('services page shows the outlet code'));
		const buy = page.getByRole('link', { name: new RegExp(`^Beställ ${escapeRe(o.service)} från `) })
		    .and(page.locator(`[href$="/bestall/${o.code}/${o['service-id']}"]`));
		is(await buy.count(), 1, T(`a "Beställ" link named after "${o.service}"`));
		await this.check('services');
		await this.narrow('services');

		// 5. The order form.
		await this.nav(() => click(buy));
		is(this.resp.status(), 200, T('order form answers 200'));
		const form = page.locator('form#order-form');
		const field = {
			first: form.getByLabel('Förnamn'),
			last: form.getByLabel('Efternamn'),
			email: form.getByLabel('E-postadress'),
			phone: form.getByLabel('Telefonnummer'),
			pnr: form.getByLabel('Personnummer'),
			router: form.getByLabel('Router'),
			day: form.getByLabel('Önskad dag för installationsbesök'),
			sms: form.getByLabel('Skicka sms om driftstörningar'),
			terms: form.getByLabel('Jag har läst och godkänner'),
		};
		for (const [k, loc] of Object.entries(field))
			is(await loc.count(), 1, T(`form: one field labelled for ${k}`));
		like(await page.locator('#pnr-reason').innerText().catch(() => ''), /personnummer/,
		    T('form: says why the personnummer is needed'));
		const opts = await field.router.locator('option').allInnerTexts();
		ok(opts.includes('Standard') && opts.includes('Premium (+49 kr/mån)'),
		    T('form: Router offers Standard and Premium (+49 kr/mån)'), `options: ${opts.join(' | ')}`);
		is(await field.router.getAttribute('required'), '', T('form: Router is required'));
		await this.check('form');
		await this.narrow('form');

		// 6. Submit with an invalid e-mail address.
		await field.first.fill(person.first);
		await field.last.fill(person.last);
		await field.email.fill(person.badEmail);
		await field.phone.fill(person.phone);
		await field.pnr.fill(person.pnr);
		await field.router.selectOption({ label: 'Premium (+49 kr/mån)' });
		await field.day.fill(person.day);
		await field.sms.check();
		await field.terms.check();
		await this.nav(() => click(form.getByRole('button', { name: 'Skicka beställning' })));
		is(this.resp.status(), 422, T('an invalid e-mail address is refused (422)'));
		const alert = page.getByRole('alert');
		is(await alert.count(), 1, T('errors: one error summary with role=alert'));
		like(await alert.innerText().catch(() => ''), /E-postadress/, T('errors: the summary names the e-mail field'));
		is(await alert.locator('a[href="#email"]').count(), 1, T('errors: the summary links to the field'));
		is(await alert.locator('li').count(), 1, T('errors: and names nothing else'));
		is(await field.email.getAttribute('aria-invalid'), 'true', T('errors: the e-mail field is aria-invalid'));
		const described = (await field.email.getAttribute('aria-describedby')) || '';
		like(described, /\bemail-error\b/, T('errors: the field is described by its message'));
		like(await page.locator('#email-error').innerText().catch(() => ''), /e-postadress/i,
		    T('errors: the message is shown at the field'));
		is(await field.first.getAttribute('aria-invalid'), null, T('errors: a good field is not marked'));
		is(await field.first.inputValue(), person.first, T('kept: first name'));
		is(await field.last.inputValue(), person.last, T('kept: last name'));
		is(await field.email.inputValue(), person.badEmail, T('kept: the wrong e-mail, to correct'));
		is(await field.phone.inputValue(), person.phone, T('kept: phone'));
		is(await field.pnr.inputValue(), person.pnr, T('kept: personnummer'));
		is(await field.router.inputValue(), 'Premium (+49 kr/mån)', T('kept: Router'));
		is(await field.day.inputValue(), person.day, T('kept: installation day'));
		ok(await field.sms.isChecked(), T('kept: the network\'s checkbox'));
		ok(await field.terms.isChecked(), T('kept: the terms'));
		await this.check('form-errors');
		await alert.locator('a[href="#email"]').focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/#email$/);
		is(await page.evaluate(() => document.activeElement?.id), 'email',
		    T('errors: Enter on the summary link puts the focus in the field'));

		// 7. Correct it and send.
		await field.email.fill(person.email);
		await this.nav(() => click(form.getByRole('button', { name: 'Skicka beställning' })));
		is(this.resp.status(), 200, T('the corrected order leads to the receipt'));
		like(page.url(), /\/kvitto\/[0-9a-f]{64}$/, T('receipt: reached by post/redirect/get'));
		const ref = (await page.locator('p.ref strong').innerText().catch(() => '')).trim();
		like(ref, /^[0-9A-Z]{12}$/, T('receipt: an order reference of 12 characters [0-9A-Z]'));
		const receipt = await page.locator('body').innerText();
		unlike(receipt, new RegExp(`${pnr.slice(8)}|${escapeRe(person.email)}|${person.last}`),
		    T('receipt: shows no personal data'));
		const statusLink = page.getByRole('link', { name: `Status för beställning ${ref}` });
		is(await statusLink.count(), 1, T('receipt: a link to the status page'));
		await this.check('receipt');

		// 8. The status page.
		await this.nav(() => click(statusLink));
		is(this.resp.status(), 200, T('status page answers 200'));
		like(page.url(), /\/status\/[0-9a-f]{64}$/, T('status page: its own address'));
		like(await page.locator('p.ref').innerText().catch(() => ''), new RegExp(ref),
		    T('status page: the reference'));
		like(await page.locator('.order-status').innerText().catch(() => ''), /\S/,
		    T('status page: the status'));
		const withdraw = page.getByRole('link', { name: 'Ångra beställningen' });
		is(await withdraw.count(), 1, T('status page: a link to withdraw'));
		await this.check('status');

		// 9. Withdraw it, confirmed on a page of its own (it cannot be
		// undone), and leave nothing pending behind.
		await this.nav(() => click(withdraw));
		is(this.resp.status(), 200, T('withdraw: a confirmation page'));
		const yes = page.getByRole('button', { name: 'Ja, ångra beställningen' });
		is(await yes.count(), 1, T('withdraw: asks before withdrawing'));
		await this.check('withdraw-confirm');
		await this.nav(() => click(yes));
		is(this.resp.status(), 200, T('withdrawn: back on the status page'));
		is(await page.getByRole('link', { name: 'Ångra beställningen' }).count(), 0,
		    T('withdrawn: nothing to withdraw any more'));
		await this.check('withdrawn');
	}
}

// --- main ----------------------------------------------------------------

const o = options();
mkdirSync(o.artifacts, { recursive: true });
let browser;
let finished = false;

async function shutdown() {
	if (browser) {
		const b = browser;
		browser = null;
		await Promise.race([b.close().catch(() => {}),
		    new Promise((r) => setTimeout(r, 5000))]);
	}
}

function finish() {
	if (finished) return;
	finished = true;
	process.stdout.write(`1..${tapN}\n`);
	if (tapFailed) diag(`Looks like you failed ${tapFailed} test(s) of ${tapN}.`);
}

const watchdog = setTimeout(async () => {
	ok(false, `the run finished within ${RUN_TIMEOUT / 1000} s`);
	finish();
	aborted = true;
	await shutdown();
	process.exit(1);
}, RUN_TIMEOUT);
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, async () => {
		await shutdown();
		process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
	});
}

try {
	browser = await chromium.launch({
		executablePath: o.chromium, headless: true, args: CHROMIUM_ARGS,
		timeout: 30_000,
	});
	diag(`chromium ${browser.version()}, axe-core ${JSON.parse(readFileSync(
	    require.resolve('axe-core/package.json'), 'utf8')).version}, base ${o.base}`);
	await axeSelfTest(browser, o.base);
	for (const mode of o.modes) {
		const j = new Journey(browser, o, mode);
		try {
			await j.open();
			await j.run();
		} catch (e) {
			ok(false, `${mode}: the journey went on to its end`,
			    `stopped on ${j.page?.url() ?? '(no page)'}:`, firstLine(e));
			if (j.page && !j.page.isClosed()) {
				const file = path.join(o.artifacts, `${mode}-failure.png`);
				await j.page.screenshot({ path: file, fullPage: true }).catch(() => {});
				diag(`screenshot of the failure: ${file}`);
			}
		} finally {
			await j.close();
		}
	}
} catch (e) {
	ok(false, 'the browser runs', firstLine(e));
} finally {
	if (!aborted) {
		clearTimeout(watchdog);
		await shutdown();
		finish();
	}
}
if (!aborted) process.exit(tapFailed ? 1 : 0);
