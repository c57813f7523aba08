// t/browser/lib.mjs: what the browser tests share (journey.mjs, the
// resident's journey; console.mjs, the console): their options, TAP output,
// Debian's chromium through playwright-core, axe-core (WCAG 2.0/2.1 A and
// AA), full-page screenshots and the time bound of a run.
//
//   options(prog, required)   --name=value arguments (base, artifacts,
//                             chromium and modes also from the environment)
//   diag, ok, is, like, unlike, short
//                             TAP, in the manner of Test::More
//   click, firstLine, escapeRe
//   runAxe(page), axeSelfTest(browser, base)
//   Tab                       one browser context (one user, one mode):
//                             nav() to a page, check() it with axe and a
//                             screenshot, narrow() at 320 px
//   attempt(tab, name, fn)    runs fn, turning an exception into a failed
//                             test with a screenshot; closes the tab
//   main(o, runTimeout, body) launches chromium, runs body(browser) within
//                             runTimeout ms, prints the plan and exits

import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const STEP_TIMEOUT = 10_000;	// one action or navigation
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

// --- options -------------------------------------------------------------

let progName = 'browser test';

// options(prog, required): the --name=value arguments as an object;
// base, artifacts, chromium and modes ("js,nojs" by default, split into
// an array) also from the environment. Exits with status 2 when one of
// required is missing.
export function options(prog, required) {
	progName = prog;
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
	for (const k of ['base', 'artifacts', ...required]) {
		if (!o[k]) usage(`--${k} is missing`);
	}
	if (o.modes.some((m) => m !== 'js' && m !== 'nojs'))
		usage('--modes takes js, nojs or both');
	return o;
}

export function usage(msg) {
	process.stderr.write(`${progName}: ${msg}\n`);
	process.exit(2);
}

// --- TAP -----------------------------------------------------------------

let tapN = 0;
let tapFailed = 0;
let aborted = false;	// the run's time is up: report nothing more

export function diag(...lines) {
	if (aborted) return;
	for (const l of lines)
		for (const s of String(l).split('\n'))
			process.stdout.write(`# ${s}\n`);
}

export function ok(cond, name, ...why) {
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

export function is(got, want, name) {
	return ok(got === want, name, `         got: '${got}'`,
	    `    expected: '${want}'`);
}

export function like(got, re, name) {
	return ok(re.test(got ?? ''), name, `                  '${short(got)}'`,
	    `    doesn't match ${re}`);
}

export function unlike(got, re, name) {
	const m = re.exec(got ?? '');
	return ok(!m, name, m ? `    matches ${re} ('${m[0]}')` : '');
}

export function short(s) {
	s = String(s ?? '').replace(/\s+/g, ' ');
	return s.length > 300 ? `${s.slice(0, 300)}... (${s.length} characters)` : s;
}

// --- small helpers -------------------------------------------------------

// click(locator): a mouse click in the middle of the element's box.
// Playwright's own choice of point fails on links that begin with a
// visually hidden span (<a><span class="vh">Lägenhet </span>1201</a>): it
// aims at the 1x1 px clipped span and reports that the table cell
// "intercepts pointer events", although a real click on the text works.
export async function click(loc) {
	const b = await loc.boundingBox();
	if (!b) return loc.click();
	return loc.click({ position: { x: b.width / 2, y: b.height / 2 } });
}

// The first line of an error's message, without terminal colours.
export function firstLine(e) {
	return String(e?.message ?? e).split('\n')[0].replace(/\x1b\[[0-9;]*m/g, '');
}

export function escapeRe(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// --- axe-core ------------------------------------------------------------

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// runAxe(page): the axe-core results of the page as it is now. The guide's
// CSP (default-src 'none') refuses the inline <script> of addScriptTag, so
// axe is evaluated through the DevTools protocol, which the CSP does not
// govern; that needs a page whose JavaScript is enabled (without it the
// evaluation runs, but axe's promises never settle).
export async function runAxe(page) {
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

// axeSelfTest(browser, base): axe must find what was planted in a page (an
// image without alt, an input without label), or a silent "no
// violations" would mean nothing.
export async function axeSelfTest(browser, base) {
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

// --- a tab ---------------------------------------------------------------

// new Tab(browser, o, { mode, label, file }): one browser context, with
// JavaScript when mode is "js". Test names begin with "label: ",
// screenshots are named "file-NN-step.png" in o.artifacts (label and
// file default to the mode).
export class Tab {
	constructor(browser, o, { mode, label, file }) {
		this.browser = browser;
		this.o = o;
		this.mode = mode;
		this.js = mode === 'js';
		this.label = label ?? mode;
		this.file = file ?? mode;
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
			// context, on the very response the tab got.
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
		return `${this.label}: ${name}`;
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
		const file = `${this.file}-${String(++this.shot).padStart(2, '0')}-${step}.png`;
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
			// A header sent twice comes joined by a newline,
			// which route.fulfill cannot send (the page then
			// hangs or comes from the server): join by commas.
			for (const [k, v] of Object.entries(headers))
				headers[k] = v.split('\n').join(', ');
			const match = (u) => u.href === url;
			await this.axePage.route(match, (route) => route.fulfill({
				status: this.resp.status(), headers, body: this.body,
			}), { times: 1 });
			await this.axePage.goto(url, { waitUntil: 'load' });
			await this.axePage.unroute(match);
			res = await runAxe(this.axePage);
			// Axe must have looked at the very page of the tab.
			const [a, b] = [await this.axePage.title(), await this.page.title()];
			if (a !== b) res.violations.unshift({ id: 'replay', impact: 'test',
			    nodes: 0, target: '', help: `axe saw "${a}", the tab "${b}"`,
			    html: '', summary: '' });
		}
		const v = res.violations;
		if (res.incomplete.length)
			diag(`${this.label}: ${step}: axe could not decide (check by hand): ${res.incomplete.join(', ')}`);
		ok(v.length === 0, this.t(`${step}: no axe violations (WCAG 2.1 A/AA, ${res.passes} rules pass)`),
		    ...v.map((x) => `${x.id} (${x.impact}) ${x.nodes} node(s), first: ${x.target}\n` +
			`    ${x.help}\n    ${short(x.html)}\n    ${short(x.summary)}`));
		// The browser also reports the document's own 4xx status (the
		// 422 of a form with errors, a 404 page): that one is expected.
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
		const file = `${this.file}-${String(this.shot).padStart(2, '0')}-${step}-320px.png`;
		await this.page.screenshot({ path: path.join(this.o.artifacts, file), fullPage: true });
		const w = await this.page.evaluate(() => document.documentElement.scrollWidth);
		// Those that stick out: the innermost elements past the edge,
		// outside any box that scrolls by itself.
		const wide = w <= 320 ? [] : await this.page.evaluate(() => {
			const out = [];
			for (const e of document.body.querySelectorAll('*')) {
				if (e.getBoundingClientRect().right <= 320 ||
				    [...e.children].some((c) => c.getBoundingClientRect().right > 320))
					continue;
				let p = e.parentElement;
				while (p && getComputedStyle(p).overflowX === 'visible')
					p = p.parentElement;
				if (p && p !== document.body && p !== document.documentElement)
					continue;
				const r = Math.round(e.getBoundingClientRect().right);
				out.push(`${r} px: ${e.outerHTML.slice(0, 120).replace(/\s+/g, ' ')}`);
			}
			return out.slice(0, 5);
		});
		ok(w <= 320, this.t(`${step}: no sideways scrolling at 320 px`),
		    `the page is ${w} px wide`, ...wide);
		await this.page.setViewportSize(old);
	}
}

// attempt(tab, name, fn): opens tab and runs fn(); an exception is the
// failed test "name", with where it stopped and a screenshot of it. The
// tab is closed in the end. True when fn ran to its end.
export async function attempt(tab, name, fn) {
	try {
		await tab.open();
		await fn();
		return true;
	} catch (e) {
		ok(false, name, `stopped on ${tab.page?.url() ?? '(no page)'}:`, firstLine(e));
		if (tab.page && !tab.page.isClosed()) {
			const file = path.join(tab.o.artifacts, `${tab.file}-failure.png`);
			await tab.page.screenshot({ path: file, fullPage: true }).catch(() => {});
			diag(`screenshot of the failure: ${file}`);
		}
		return false;
	} finally {
		await tab.close();
	}
}

// --- the run -------------------------------------------------------------

// main(o, runTimeout, body): launches o.chromium, checks axe on a planted
// page and runs body(browser); the plan comes at the end. After
// runTimeout ms a failure is reported and the process ends. Exits 1 when
// a test failed, 0 otherwise.
export async function main(o, runTimeout, body) {
	mkdirSync(o.artifacts, { recursive: true });
	let browser;
	let finished = false;

	const shutdown = async () => {
		if (browser) {
			const b = browser;
			browser = null;
			await Promise.race([b.close().catch(() => {}),
			    new Promise((r) => setTimeout(r, 5000))]);
		}
	};
	const finish = () => {
		if (finished) return;
		finished = true;
		process.stdout.write(`1..${tapN}\n`);
		if (tapFailed) diag(`Looks like you failed ${tapFailed} test(s) of ${tapN}.`);
	};

	const watchdog = setTimeout(async () => {
		ok(false, `the run finished within ${runTimeout / 1000} s`);
		finish();
		aborted = true;
		await shutdown();
		process.exit(1);
	}, runTimeout);
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
		await body(browser);
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
}
