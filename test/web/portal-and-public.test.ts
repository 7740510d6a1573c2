import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { currentTotp } from '../../src/core/auth/totp.ts';
import { createUser } from '../../src/core/auth/users-service.ts';
import { importObjects, publishProfile } from '../../src/intel/service.ts';
import {
  addContact,
  createAgency,
  decideAgencyChange,
  inviteOfficer,
  verifyContact,
} from '../../src/lawful/service.ts';
import { approveRelease, buildDraft, publishRelease } from '../../src/transparency/service.ts';
import { seriousViolations, scrollsSideways, tab } from '../support/accessibility.ts';
import { launchBrowser, screenshot } from '../support/browser.ts';
import { tempDir } from '../support/config.ts';
import { startLiveApp } from '../support/live-app.ts';
import { TLP } from '../../src/intel/stix/index.ts';
import { indicator, relationship, sdo } from '../intel/fixtures.ts';
import { agency as reportAgency, notices, requests } from '../transparency/factory.ts';

let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const actor = systemActor('test');

beforeAll(async () => {
  live = await startLiveApp({ ACCORD_PROVIDER_NAME: 'Example Mail' });
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** A new account's first sign-in: its password from the setup link, then TOTP enrolment. Returns the secret. */
async function enrolFrom(setupLink: string, password: string) {
  await browser.context.clearCookies();
  await page.goto(setupLink);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  await page.getByLabel('Six-digit code').fill(currentTotp(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  return secret;
}

/** Signing in again with the second factor already enrolled. */
async function signIn(where: 'console' | 'portal', username: string, password: string, secret: string) {
  await browser.context.clearCookies();
  await page.goto(`${live.url}/${where}/sign-in`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The next 30-second step's code (accepted as clock drift): this step's may have been used at enrolment, and a
  // code is accepted once.
  await page.getByLabel('Six-digit code').fill(currentTotp(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Verify' }).click();
}

const requestState = () => page.getByTestId('request-state').textContent();

describe('the agency portal and the review console', () => {
  it('an officer submits an emergency request; a reviewer cannot approve it before a callback is recorded', async () => {
    const { id: agencyId, change_id } = await createAgency(live.ctx, actor, {
      name: 'Metro Police',
      country: 'GB',
      agency_type: 'police',
      legal_authority: 'Investigatory Powers Act 2016',
      email_domains: ['metro-police.example'],
    });
    // Registry data is reviewed: a second person approves the registration and verifies the contact.
    const registrar = { ...actor, label: 'second registrar' };
    await decideAgencyChange(live.ctx, registrar, change_id, {
      approve: true,
      reasons: 'checked',
      acknowledge_lookalikes: true,
    });
    const contact = await addContact(live.ctx, actor, agencyId, {
      name: 'Duty inspector',
      role: 'supervisor',
      phone: '+44 20 7946 0000',
      source: 'switchboard number from the force website',
    });
    await verifyContact(live.ctx, registrar, agencyId, contact.id);
    const { setupToken } = await inviteOfficer(live.ctx, actor, agencyId, {
      username: 'officer-jones',
      email: 'p.jones@metro-police.example',
    });
    const officerSecret = await enrolFrom(`${live.url}/setup#token=${setupToken}`, 'an officer password for tests');
    await heading("Your agency's requests").waitFor();
    await page.getByRole('link', { name: 'Submit a new request' }).click();
    await page.getByLabel('Type').selectOption('emergency_disclosure');
    await page.getByLabel('Legal basis').fill('Section 61, threat to life');
    await page.getByLabel('Issuing authority').fill('Duty superintendent');
    await page.getByLabel('Case number').fill('EM-2026-77');
    await page.getByLabel('Target accounts').fill('missing.person@example.org');
    await page.getByLabel('The imminent danger').fill('A missing person has threatened to end their life tonight.');
    const pdf = join(tempDir('accord-pdf-'), 'order.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await page.getByLabel('Supporting document (PDF)').setInputFiles(pdf);
    await page.getByRole('button', { name: 'Submit' }).click();
    await heading('Request EM-2026-77').waitFor();
    expect(await page.getByTestId('portal-state').textContent()).toBe('submitted');
    await screenshot(page, 'agency-portal');

    const reviewer = await createUser(live.ctx, actor, { username: 'rev', role: 'legal_reviewer' });
    const reviewerSecret = await enrolFrom(
      `${live.url}/setup#token=${reviewer.setupToken}`,
      'a reviewer password for tests',
    );
    await heading('Dashboard').waitFor();
    await page.getByRole('link', { name: 'Lawful requests' }).click();
    await page.getByRole('link', { name: 'emergency disclosure' }).click();
    await page
      .getByText(/emergency.*callback/i)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.getByLabel('Reasons').fill('Threat to life, narrow request');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /callback/ })
      .waitFor();
    expect(await page.getByTestId('request-state').textContent()).toBe('in review');
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await screenshot(page, 'lawful-review');

    const requestPage = page.url();

    // The targets are masked. A reviewer reveals them with a reason (checked as the server checks it), and sees them
    // on this view only: leaving the page forgets them.
    expect(await page.getByTestId('targets-masked').textContent()).toBe('m•••@•••.org');
    expect(await page.content()).not.toContain('missing.person@');
    await page.getByRole('button', { name: 'Reveal targets' }).click();
    await page.getByLabel(/Reason for revealing/).fill('too short');
    await page.getByRole('button', { name: 'Reveal targets' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least 10 characters' }).waitFor();
    // The server's own problem detail is shown: here the request is altered on its way to give one.
    await page.route(
      '**/reveal',
      (route) => route.continue({ postData: JSON.stringify({ reason: 'x', extra: true }) }),
      { times: 1 },
    );
    await page.getByLabel(/Reason for revealing/).fill('Confirming the account before the callback');
    await page.getByRole('button', { name: 'Reveal targets' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /reason|extra|propert/i })
      .waitFor();
    await page.getByRole('button', { name: 'Reveal targets' }).click();
    await page.getByTestId('revealed').getByText('missing.person@example.org').waitFor();
    await page.getByText(/threatened to end their life/).waitFor();
    const reveals = await listAuditEntries(live.ctx.db, { limit: 10, action: 'lawful_request.targets_revealed' });
    expect(reveals.map((e) => e.details)).toEqual([
      expect.objectContaining({ reason: 'Confirming the account before the callback' }),
    ]);
    await page.getByRole('link', { name: 'Lawful requests' }).click();
    await page.getByRole('link', { name: 'emergency disclosure' }).click();
    await page.getByTestId('targets-masked').waitFor();
    expect(await page.getByTestId('revealed').count()).toBe(0);
    expect(await page.content()).not.toContain('missing.person@');

    // The reviewer asks the agency a question; the officer signs in again (second factor enrolled) and answers it.
    await page.getByLabel('Question for the agency').fill('Which of the accounts did the person use last?');
    await page.getByRole('button', { name: 'Ask for clarification' }).click();
    await expect.poll(requestState).toBe('clarification requested');
    await signIn('portal', 'officer-jones', 'an officer password for tests', officerSecret);
    await heading("Your agency's requests").waitFor();
    await page.getByRole('link', { name: 'EM-2026-77' }).click();
    await page.getByText('Which of the accounts did the person use last?').waitFor();
    await page.getByLabel('Your answer').fill('The first one; it was used this week.');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => page.getByTestId('portal-state').textContent()).toBe('in review');

    // Back in review, the dashboard counts it as waiting for a reviewer. With the callback recorded through the
    // registered contact, the decision goes to a second reviewer.
    await signIn('console', 'rev', 'a reviewer password for tests', reviewerSecret);
    const waiting = page.locator('.card', { hasText: 'requests awaiting a reviewer' }).locator('strong');
    await expect.poll(() => waiting.textContent()).toBe('1');
    await page.goto(requestPage);
    await page.getByLabel('Independently sourced contact').selectOption({ index: 1 });
    await page.getByLabel('Outcome').selectOption('confirmed');
    await page.getByRole('button', { name: 'Record callback' }).click();
    await page.getByRole('cell', { name: /outcome: confirmed/ }).waitFor();
    await page.getByLabel('Reasons', { exact: true }).fill('Threat to life, narrow request');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(requestState).toBe('awaiting second approval');

    // A second reviewer disagrees, with the reason, and the request goes back to review; deciding again, it waits
    // for a third reviewer, who agrees, attaches the production and discloses.
    const second = await createUser(live.ctx, actor, { username: 'rev2', role: 'legal_reviewer' });
    await enrolFrom(`${live.url}/setup#token=${second.setupToken}`, 'a second reviewer password');
    await heading('Dashboard').waitFor();
    await page.goto(requestPage);
    await page.getByLabel(/Your reasons/).fill('The legal process that must follow an emergency request is missing.');
    await page.getByRole('button', { name: 'Disagree and send back to review' }).click();
    await expect.poll(requestState).toBe('in review');
    await page.getByRole('cell', { name: /agree: false/ }).waitFor();
    await page.getByLabel('Reasons', { exact: true }).fill('Threat to life; the agency confirmed by phone');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(requestState).toBe('awaiting second approval');
    const third = await createUser(live.ctx, actor, { username: 'rev3', role: 'legal_reviewer' });
    await enrolFrom(`${live.url}/setup#token=${third.setupToken}`, 'a third reviewer password');
    await heading('Dashboard').waitFor();
    await page.goto(requestPage);
    await page.getByRole('button', { name: 'Approve as second reviewer' }).click();
    await expect.poll(requestState).toBe('approved');
    const data = join(tempDir('accord-production-'), 'subscriber.csv');
    writeFileSync(data, 'account,last_sign_in\nmissing.person@example.org,2026-11-30T21:04:00Z\n');
    await page.getByLabel(/Data to produce/).setInputFiles(data);
    await page.getByRole('status').filter({ hasText: 'Attached subscriber.csv' }).waitFor();
    await page.getByRole('button', { name: 'Disclose' }).click();
    await expect.poll(requestState).toBe('disclosed');

    // Another officer of the agency downloads the production from the portal.
    const { setupToken: colleague } = await inviteOfficer(live.ctx, actor, agencyId, {
      username: 'officer-khan',
      email: 's.khan@metro-police.example',
    });
    await enrolFrom(`${live.url}/setup#token=${colleague}`, 'a colleague officer password');
    await page.getByRole('link', { name: 'EM-2026-77' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'subscriber.csv' }).click(),
    ]);
    expect(readFileSync((await download.path())!, 'utf8')).toContain('missing.person@example.org');

    // An auditor reads the request with its targets masked, and is offered no way to reveal them.
    await createUser(live.ctx, actor, { username: 'aud', role: 'auditor', password: 'an auditor password for tests' });
    await browser.context.clearCookies();
    await page.goto(`${live.url}/console/sign-in`);
    await page.getByLabel('User name').fill('aud');
    await page.getByLabel('Password').fill('an auditor password for tests');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Dashboard').waitFor();
    await page.goto(requestPage);
    expect(await page.getByTestId('targets-masked').textContent()).toBe('m•••@•••.org');
    expect(await page.getByRole('button', { name: 'Reveal targets' }).count()).toBe(0);
  });
});

describe('the public site', () => {
  it('shows the published transparency figures with charts and downloads, without the console bundle', async () => {
    const fr = await reportAgency(live.ctx, 'FR');
    await requests(live.ctx, { agency: fr, type: 'subpoena', state: 'disclosed', count: 37 });
    await requests(live.ctx, { agency: fr, type: 'court_order', state: 'rejected', count: 5 });
    await notices(live.ctx, 'FR', 4);
    const draft = await buildDraft(live.ctx, actor, { period: '2026H1' });
    // Approved by an identified reviewer other than the builder, as every release is.
    await approveRelease(live.ctx, { type: 'user', id: 'public-page-reviewer', label: 'reviewer' }, draft.id);
    await publishRelease(live.ctx, actor, draft.id);

    await page.goto(`${live.url}/transparency`);
    expect(await page.locator('[data-figure=requests]').textContent()).toBe('42');
    expect(await page.locator('[data-figure=notified]').textContent()).toBe('4');
    // What the page fetched, read in the page (typed here by hand: the tests compile without the DOM library).
    // Speed is for benchmarks; what keeps this page fast is that it needs none of the console's bundle.
    const fetched = await page.evaluate(() =>
      (performance as unknown as { getEntriesByType(type: string): { name: string }[] })
        .getEntriesByType('resource')
        .map((r) => new URL(r.name).pathname),
    );
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.filter((path) => path.startsWith('/ui/'))).toEqual([]);
    // The charts are drawn (Chart.js sets the canvas size) and every format can be downloaded.
    await expect.poll(() => page.locator('#chart-countries').getAttribute('width')).not.toBeNull();
    expect(await page.getByRole('link', { name: /JSON: every period/ }).getAttribute('href')).toBe(
      '/api/public/transparency/export?format=json',
    );
    await screenshot(page, 'public-transparency');
  });

  it('shows a published actor profile and the security-warning page', async () => {
    const nso = sdo('intrusion-set', 'NSO Group', {
      description: 'Israeli vendor of the Pegasus spyware, on the US Entity List since 2021.',
      aliases: ['Q Cyber Technologies'],
      object_marking_refs: [TLP.V2_CLEAR.id],
    });
    const pegasus = sdo('malware', 'Pegasus');
    const c2 = indicator('free247downloads.example');
    await importObjects(
      live.ctx,
      actor,
      [nso, pegasus, c2, relationship('uses', nso.id, pegasus.id), relationship('indicates', c2.id, pegasus.id)],
      'test',
    );
    await publishProfile(live.ctx, actor, nso.id);
    await page.goto(`${live.url}/actors`);
    await page.getByRole('link', { name: 'NSO Group' }).click();
    await heading('NSO Group').waitFor();
    await page.getByText("[domain-name:value = 'free247downloads.example']").waitFor();
    await screenshot(page, 'public-actor');
    await page.getByRole('link', { name: 'Did you receive a security warning?' }).click();
    await heading('Did you receive a security warning from us?').waitFor();
    await screenshot(page, 'public-security-warning');
  });

  it('passes an accessibility check, is keyboard-navigable, reads right to left in Arabic and fits a phone', async () => {
    await page.goto(`${live.url}/actors`);
    await page.getByRole('link', { name: 'NSO Group' }).click();
    await heading('NSO Group').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    for (const path of ['/', '/transparency', '/actors', '/security-warning', '/security-warning?lang=ar']) {
      await page.goto(`${live.url}${path}`);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    // Our warning in Arabic: the page is Arabic and right to left; the site's English frame says so too.
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('header').getAttribute('dir')).toBe('ltr');
    await heading(/ربما استُهدف حسابك/).waitFor();

    // From the top of a page, Tab reaches the skip link and then the main navigation in order, each with a ring.
    await page.goto(`${live.url}/transparency`);
    const focused = [];
    for (let i = 0; i < 5; i++) focused.push(await tab(page));
    expect(focused.map((f) => f.text)).toEqual([
      'Skip to content',
      'About',
      'Transparency report',
      'Actor profiles',
      'Did you receive a security warning?',
    ]);
    expect(focused.filter((f) => f.outline === 'none')).toEqual([]);

    // A phone: the report fits the width (its wide table scrolls in its own box).
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.goto(`${live.url}/transparency`);
      expect(await scrollsSideways(page)).toBe(false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });
});
