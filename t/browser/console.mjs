#!/usr/bin/env node
// t/browser/console.mjs: the console (/admin/) in a real browser (Debian's
// chromium driven by playwright-core), without JavaScript (the console
// must work without it) and with it.
//
//   administrator: sign-in form -> overview -> the sections of the
//   navigation -> import addresses (upload a CSV, the preview with the
//   rejected line and its reason, apply, the result, the addresses found)
//   -> services -> new service (price "349,50") -> found in the list ->
//   orders filtered by reference -> the order without personal data ->
//   "Visa personuppgifter" -> the name -> status "Mottagen" with a comment
//   -> the flash, the status, the log -> sign out.
//   a user of another provider: the order is not in the list, and its
//   page is the 404 page. a user of the order's provider: finds and opens
//   it.
//
// Every page is checked with axe-core (WCAG 2.0/2.1 A and AA) and saved
// as a full-page PNG in the artifacts directory; the orders list and the
// order page also at 320 px width, where nothing may scroll sideways.
// Forms are filled through their labels, which checks the labelling as
// well. The shared parts (TAP, axe, screenshots, chromium) are in lib.mjs.
//
// Output is TAP ("ok N - ...", "# ..." diagnostics, "1..N" at the end);
// the exit status is 1 when a test failed, 2 on bad usage (no TAP then).
//
// Usage: node console.mjs [--name=value ...]; base, artifacts, chromium
// also from the environment (TJG_LIGHTTPD_URL, TJG_BROWSER_ARTIFACTS,
// TJG_CHROMIUM):
//   --base, --artifacts, --chromium, --modes ("js,nojs", default)
//   --admin, --admin-password      a network administrator of the network
//   --own, --own-password          a user of the orders' provider
//   --other, --other-password      a user of another provider
//   --service-provider             the slug of the provider the new
//                                  service is added for
// and for each mode M in --modes (each mode changes data of its own):
//   --ref-M       an order's reference (status new, personal data kept)
//   --name-M      the resident's name in that order, "Förnamn Efternamn"
//   --csv-M       an address file: two good lines with new addresses and
//                 outlets and one rejected line (line 4: its postcode)
//   --street-M    the street of those addresses
//   --service-M   the name of the service to add

import {
	options, usage, ok, is, like, unlike, click, escapeRe, Tab, attempt, main,
} from './lib.mjs';

const RUN_TIMEOUT = 120_000;	// the whole run, both modes

const o = options('console.mjs', ['admin', 'admin-password', 'own',
    'own-password', 'other', 'other-password', 'service-provider']);
for (const m of o.modes)
	for (const k of ['ref', 'name', 'csv', 'street', 'service'])
		if (!o[`${k}-${m}`]) usage(`--${k}-${m} is missing`);

// The sections of the navigation that exist for every console; the
// network, users and audit pages are not needed here.
const TOUR = [
	['Områden', 'areas'], ['Adresser och uttag', 'addresses'],
	['Leverantörer', 'providers'], ['Formulärfält', 'fields'],
	['Mitt konto', 'account'],
];

class ConsoleTab extends Tab {
	constructor(browser, mode, who) {
		super(browser, o, { mode, label: `${mode} ${who}`,
		    file: `console-${mode}-${who}` });
		this.ref = o[`ref-${mode}`];
	}

	get content() {
		return this.page.locator('main');
	}

	navLink(name) {
		return this.page.getByRole('navigation', { name: 'Konsolen' })
		    .getByRole('link', { name, exact: true });
	}

	async h1() {
		return (await this.page.locator('h1').innerText().catch(() => '')).trim();
	}

	// signIn(user, password): from the console's address through the
	// sign-in form to the overview.
	async signIn(user, password) {
		const { page } = this;
		const T = (s) => this.t(s);
		await this.nav(() => page.goto(`${o.base}/admin`));
		is(this.resp.status(), 200, T('the console sends to the sign-in form'));
		like(page.url(), /\/admin\/login\?next=%2Fadmin$/, T('sign-in: and back after'));
		is(await this.h1(), 'Logga in', T('sign-in: the form'));
		await this.check('login');
		await page.getByLabel('Användarnamn', { exact: true }).fill(user);
		await page.getByLabel('Lösenord', { exact: true }).fill(password);
		await this.nav(() => click(page.getByRole('button', { name: 'Logga in' })));
		is(this.resp.status(), 200, T('signed in'));
		like(page.url(), /\/admin$/, T('signed in: on the overview'));
		is(await this.h1(), 'Översikt', T('overview: its heading'));
		like(await page.locator('header .who').innerText().catch(() => ''),
		    new RegExp(escapeRe(user)), T('overview: names the user'));
		await this.check('overview');
	}

	// ordersFor(ref): the orders list filtered by ref through its form;
	// the links to ref in it.
	async ordersFor(ref) {
		const { page } = this;
		await this.nav(() => click(this.navLink('Beställningar')));
		is(this.resp.status(), 200, this.t('orders: the list'));
		await page.getByLabel('Beställningsnummer', { exact: true }).fill(ref);
		await this.nav(() => click(page.getByRole('button', { name: 'Filtrera' })));
		is(this.resp.status(), 200, this.t('orders: filtered'));
		like(page.url(), new RegExp(`[?&]ref=${ref}(&|$)`), this.t('orders: the filter is a GET'));
		is(await page.getByLabel('Beställningsnummer', { exact: true }).inputValue(), ref,
		    this.t('orders: the reference stays in its field'));
		return this.content.getByRole('link', { name: ref, exact: true });
	}

	async admin() {
		const { page } = this;
		const T = (s) => this.t(s);
		const m = this.mode;
		await this.signIn(o.admin, o['admin-password']);

		// The sections, each checked.
		for (const [name, key] of TOUR) {
			await this.nav(() => click(this.navLink(name)));
			is(this.resp.status(), 200, T(`${key}: answers 200`));
			is(await this.navLink(name).getAttribute('aria-current'), 'page',
			    T(`${key}: marked current in the navigation`));
			await this.check(key);
		}

		// Import addresses: upload, preview, apply, find them.
		await this.nav(() => click(this.navLink('Importera adresser')));
		is(await this.h1(), 'Importera adresser', T('import: the upload form'));
		await this.check('import');
		await page.getByLabel('Fil', { exact: true }).setInputFiles(o[`csv-${m}`]);
		await this.nav(() => click(page.getByRole('button', { name: 'Ladda upp och förhandsgranska' })));
		is(this.resp.status(), 200, T('import: uploaded'));
		like(page.url(), /\/admin\/import\/[0-9]+$/, T('import: to the preview, by redirect'));
		is(await this.h1(), 'Förhandsgranskning av import', T('preview: its heading'));
		const count = async (id) => (await page.locator(`#${id}`).innerText().catch(() => '')).trim();
		is(await count('records'), '3', T('preview: 3 lines read'));
		is(await count('addresses-added'), '2', T('preview: 2 addresses to add'));
		is(await count('outlets-added'), '2', T('preview: 2 outlets to add'));
		is(await count('rejected'), '1', T('preview: 1 line rejected'));
		const rejects = page.getByRole('table', { name: 'Avvisade rader med orsak' });
		const rows = rejects.locator('tbody tr');
		is(await rows.count(), 1, T('preview: the rejected line listed'));
		is((await rows.first().locator('td').first().innerText().catch(() => '')).trim(), '4',
		    T('preview: with its line number'));
		like(await rows.first().innerText().catch(() => ''), /postnum/i,
		    T('preview: and its reason, the postcode'));
		like(await this.content.innerText(), new RegExp(escapeRe(o[`street-${m}`])),
		    T('preview: shows the addresses to add'));
		await this.check('import-preview');
		await this.nav(() => click(page.getByRole('button', { name: 'Genomför importen' })));
		is(this.resp.status(), 200, T('import: applied'));
		is(await this.h1(), 'Genomförd import', T('import: the result'));
		like(await page.getByRole('status').first().innerText().catch(() => ''),
		    /Importen är genomförd/, T('import: the flash says so'));
		is(await count('done-addresses-added'), '2', T('import: 2 addresses added'));
		is(await count('done-outlets-added'), '2', T('import: 2 outlets added'));
		is(await count('done-rejected'), '1', T('import: 1 line skipped'));
		is(await page.getByRole('button', { name: 'Genomför importen' }).count(), 0,
		    T('import: nothing more to apply'));
		await this.check('import-done');
		await this.nav(() => click(this.navLink('Adresser och uttag')));
		await page.getByLabel('Sök', { exact: true }).fill(o[`street-${m}`]);
		await this.nav(() => click(page.getByRole('button', { name: 'Sök', exact: true })));
		const found = this.content.getByRole('link', { name: new RegExp(`^${escapeRe(o[`street-${m}`])} `) });
		is(await found.count(), 2, T('addresses: the two imported addresses found'));
		await this.check('addresses-found');

		// A new service for a provider, found in the list.
		const svc = o[`service-${m}`];
		await this.nav(() => click(this.navLink('Tjänster')));
		is(await this.h1(), 'Tjänster', T('services: the list'));
		await this.check('services');
		await this.nav(() => click(this.content.getByRole('link', { name: 'Ny tjänst', exact: true })));
		is(await this.h1(), 'Ny tjänst', T('new service: the form'));
		await this.check('service-new');
		const form = this.content.locator('form.stack');
		const provider = form.getByLabel('Leverantör', { exact: true });
		const option = provider.locator('option', { hasText: `(${o['service-provider']})` });
		const pname = (await option.innerText()).replace(/ \(.*$/, '');
		await provider.selectOption(await option.getAttribute('value'));
		await form.getByLabel('Typ av tjänst', { exact: true }).selectOption({ label: 'Bredband' });
		await form.getByLabel('Namn', { exact: true }).fill(svc);
		await form.getByLabel('Beskrivning', { exact: true }).fill('Lagd till av webbläsartestet.');
		await form.getByLabel('Hastighet nedströms (Mbit/s)', { exact: true }).fill('500');
		await form.getByLabel('Hastighet uppströms (Mbit/s)', { exact: true }).fill('500');
		await form.getByLabel('Pris per månad (kr)', { exact: true }).fill('349,50');
		await form.getByLabel('Startavgift (kr)', { exact: true }).fill('0');
		await form.getByLabel('Bindningstid (månader)', { exact: true }).fill('0');
		await form.getByLabel('Uppsägningstid (månader)', { exact: true }).fill('1');
		await this.nav(() => click(form.getByRole('button', { name: 'Skapa tjänsten' })));
		is(this.resp.status(), 200, T('new service: created'));
		like(page.url(), /\/admin\/services\/[0-9]+$/, T('new service: its page, by redirect'));
		is(await this.h1(), svc, T('new service: named'));
		like(await page.getByRole('status').first().innerText().catch(() => ''),
		    /Ändringarna är sparade/, T('new service: the flash says saved'));
		is(await form.getByLabel('Pris per månad (kr)', { exact: true }).inputValue()
		    .catch(() => ''), '349,50', T('new service: the price as typed'));
		await this.check('service-saved');
		await this.nav(() => click(this.content.getByRole('link', { name: 'Alla tjänster' })));
		const row = this.content.locator('tbody tr').filter({
		    has: page.getByRole('link', { name: svc, exact: true }) });
		is(await row.count(), 1, T('services: the new service is in the list'));
		like(await row.innerText().catch(() => ''), new RegExp(`${escapeRe(pname)}[^]*349,50`),
		    T(`services: with its provider, ${pname}, and its price`));
		await this.check('services-list');

		// The order: found by reference, personal data on request,
		// the status changed.
		const link = await this.ordersFor(this.ref);
		is(await link.count(), 1, T('orders: the order is listed'));
		is((await page.locator('.total').innerText().catch(() => '')).trim(), '1',
		    T('orders: and only it'));
		await this.check('orders-filtered');
		await this.narrow('orders-filtered');
		await this.nav(() => click(link));
		is(this.resp.status(), 200, T('order: its page'));
		is(await this.h1(), `Beställning ${this.ref}`, T('order: names the reference'));
		const name = o[`name-${m}`];
		const nameRe = new RegExp(escapeRe(name.split(' ').pop()));
		unlike(await page.locator('body').innerText(), nameRe, T('order: no personal data shown'));
		const show = page.getByRole('button', { name: 'Visa personuppgifter' });
		is(await show.count(), 1, T('order: a button to show it'));
		await this.check('order');
		await this.narrow('order');
		await this.nav(() => click(show));
		is(this.resp.status(), 200, T('order: personal data shown'));
		is((await page.locator('dl.pii dd').first().innerText().catch(() => '')).trim(), name,
		    T('order: the resident\'s name'));
		like(await page.locator('dl.pii').innerText().catch(() => ''), /@example\.org/,
		    T('order: and e-mail address'));
		const log = page.getByRole('table', { name: /Allt som har hänt med beställningen/ });
		like(await log.innerText().catch(() => ''), /Personuppgifterna visades/,
		    T('order: the showing is in the order log'));
		await this.check('order-shown');
		const comment = `Bekräftad per telefon (webbtest ${m})`;
		await page.getByLabel('Ny status', { exact: true }).selectOption({ label: 'Mottagen' });
		await page.getByLabel('Kommentar', { exact: true }).fill(comment);
		await this.nav(() => click(page.getByRole('button', { name: 'Ändra status' })));
		is(this.resp.status(), 200, T('status: changed'));
		like(page.url(), new RegExp(`/admin/orders/${this.ref}$`), T('status: back on the order, by redirect'));
		like(await page.getByRole('status').first().innerText().catch(() => ''),
		    /Statusen är ändrad/, T('status: the flash says so'));
		is((await page.locator('dl.facts .badge').first().innerText().catch(() => '')).trim(),
		    'Mottagen', T('status: the new status'));
		const last = log.locator('tbody tr').last();
		like(await last.innerText().catch(() => ''), new RegExp(`Mottagen[^]*${escapeRe(o.admin)}[^]*${escapeRe(comment)}`),
		    T('status: the log\'s last entry, with who and the comment'));
		unlike(await page.locator('body').innerText(), nameRe,
		    T('status: the personal data hidden again'));
		await this.check('order-status');
		await this.narrow('order-status');

		// Sign out.
		await this.nav(() => click(page.getByRole('button', { name: 'Logga ut' })));
		like(page.url(), /\/admin\/login/, T('signed out: the sign-in form'));
		like(await page.getByRole('status').first().innerText().catch(() => ''),
		    /Du är utloggad/, T('signed out: says so'));
		await this.check('signed-out');
		await this.nav(() => page.goto(`${o.base}/admin/orders/${this.ref}`));
		like(page.url(), /\/admin\/login\?next=/, T('signed out: the order asks for sign-in again'));
	}

	async other() {
		const { page } = this;
		const T = (s) => this.t(s);
		await this.signIn(o.other, o['other-password']);
		await this.nav(() => click(this.navLink('Beställningar')));
		is(this.resp.status(), 200, T('orders: the list'));
		is(await this.content.getByRole('link', { name: this.ref, exact: true }).count(), 0,
		    T('orders: without the other provider\'s order'));
		await this.check('orders');
		const link = await this.ordersFor(this.ref);
		is(await link.count(), 0, T('orders: nor when filtered by its reference'));
		like(await this.content.innerText(), /Inga beställningar matchar filtret/,
		    T('orders: none found'));
		await this.check('orders-none');
		await this.nav(() => page.goto(`${o.base}/admin/orders/${this.ref}`));
		is(this.resp.status(), 404, T('order: opened directly, 404'));
		is(await this.h1(), 'Sidan finns inte', T('order: the page that does not exist'));
		unlike(await page.locator('body').innerText(), new RegExp(this.ref + '|Vindlo'),
		    T('order: and nothing of the order'));
		await this.check('order-404');
	}

	async own() {
		const T = (s) => this.t(s);
		await this.signIn(o.own, o['own-password']);
		const link = await this.ordersFor(this.ref);
		is(await link.count(), 1, T('orders: its provider\'s order is listed'));
		await this.check('orders-filtered');
		await this.nav(() => click(link));
		is(this.resp.status(), 200, T('order: its page'));
		is(await this.h1(), `Beställning ${this.ref}`, T('order: names the reference'));
		is(await this.page.getByRole('button', { name: 'Ändra status' }).count(), 0,
		    T('order: no status change for a provider user'));
		await this.check('order');
	}
}

await main(o, RUN_TIMEOUT, async (browser) => {
	for (const mode of o.modes) {
		for (const who of ['admin', 'other', 'own']) {
			const tab = new ConsoleTab(browser, mode, who);
			await attempt(tab, `${mode} ${who}: went on to the end`, () => tab[who]());
		}
	}
});
