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
// The shared parts (TAP, axe, screenshots, chromium) are in lib.mjs.
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

import { randomInt } from 'node:crypto';
import {
	options, ok, is, like, unlike, click, escapeRe, Tab, attempt, main,
} from './lib.mjs';

const RUN_TIMEOUT = 120_000;	// the whole run, both modes

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

class Journey extends Tab {
	constructor(browser, o, mode) {
		super(browser, o, { mode });
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

const o = options('journey.mjs', ['query', 'address-id', 'apartment', 'code',
    'service-id', 'service']);
await main(o, RUN_TIMEOUT, async (browser) => {
	for (const mode of o.modes) {
		const j = new Journey(browser, o, mode);
		await attempt(j, `${mode}: the journey went on to its end`, () => j.run());
	}
});
