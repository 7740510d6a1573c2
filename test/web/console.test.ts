import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { currentTotp } from '../../src/core/auth/totp.ts';
import { approveNotice, findNotices } from '../../src/notify/service.ts';
import { randomUUID } from 'node:crypto';
import { alertsList, answerQuestionnaire, createParty, importList } from '../../src/screening/service.ts';
import { createUser, ensureInitialAdmin } from '../../src/core/auth/users-service.ts';
import { seriousViolations, tab } from '../support/accessibility.ts';
import { launchBrowser, screenshot } from '../support/browser.ts';
import { tempDir } from '../support/config.ts';
import { startLiveApp } from '../support/live-app.ts';
import { startSmtpServer } from '../support/mail-and-hooks.ts';
import { targetedPeople } from '../support/targeting.ts';
import { bundle, indicator, relationship, sdo } from '../intel/fixtures.ts';

let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let page: Page;

beforeAll(async () => {
  smtp = await startSmtpServer();
  live = await startLiveApp({ ACCORD_SMTP_URL: smtp.url, ACCORD_PROVIDER_NAME: 'Example Mail' });
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await live?.close();
  await smtp?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('the staff console in Chromium', () => {
  it('the first administrator sets a password from the setup link and enrols TOTP', async () => {
    const token = await ensureInitialAdmin(live.ctx);
    await page.goto(`${live.url}/setup#token=${token}`);
    await page.getByLabel('Password').fill('a long admin password, for tests');
    await page.getByRole('button', { name: 'Set password' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    await page.getByLabel('Six-digit code').fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await heading('Dashboard').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Audit log');
    await screenshot(page, 'dashboard');
  });

  it('imports a bundle with progress and finds the actor page', async () => {
    const nso = sdo('intrusion-set', 'NSO Group', {
      aliases: ['Q Cyber Technologies'],
      description: 'Pegasus vendor.',
    });
    const pegasus = sdo('malware', 'Pegasus');
    const c2 = indicator('free247downloads.example');
    const file = join(tempDir('accord-bundle-'), 'pegasus.json');
    writeFileSync(
      file,
      JSON.stringify(
        bundle(
          nso,
          pegasus,
          c2,
          relationship('uses', nso.id, pegasus.id),
          relationship('indicates', c2.id, pegasus.id),
        ),
      ),
    );
    await page.getByRole('link', { name: 'Intelligence' }).click();
    await heading('Intelligence').waitFor();
    await page.getByLabel(/STIX 2.1 bundle/).setInputFiles(file);
    await page.getByRole('status').filter({ hasText: 'Imported: 5 new' }).waitFor();
    await page.getByRole('link', { name: 'NSO Group' }).click();
    await heading('NSO Group').waitFor();
    await page.getByText('Q Cyber Technologies').waitFor();
    await page.getByRole('cell', { name: c2.id }).first().waitFor();
    await screenshot(page, 'actor');
  });

  it('confirms a case from a scan and sends the notice', async () => {
    await targetedPeople(live.ctx, 'Predator (test)', 'c2.predator.example', ['amira@example.org']);
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Predator (test)' }).click();
    // Whom the case concerns shows only after a reveal with a reason (audited), and only on this view.
    expect(await page.content()).not.toContain('amira@example.org');
    await page.getByRole('button', { name: 'Reveal whom it concerns' }).click();
    await page.getByLabel(/Reason for revealing/).fill('short');
    await page.getByRole('button', { name: 'Reveal whom it concerns' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least 10 characters' }).waitFor();
    await page.getByLabel(/Reason for revealing/).fill('Checking the address before the notice');
    await page.getByRole('button', { name: 'Reveal whom it concerns' }).click();
    expect(await page.getByTestId('case-subject').textContent()).toBe('amira@example.org');
    const [revealed] = await listAuditEntries(live.ctx.db, { limit: 1, action: 'case.subject_revealed' });
    expect(revealed?.details).toMatchObject({ reason: 'Checking the address before the notice' });
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Predator (test)' }).click();
    await page.getByRole('button', { name: 'Reveal whom it concerns' }).waitFor();
    expect(await page.content()).not.toContain('amira@example.org');
    await page.getByRole('button', { name: 'Move to triage' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('confirmed');
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.notice[dir="rtl"]').waitFor();
    await screenshot(page, 'case');
    await page.getByRole('button', { name: 'Send notice' }).click();
    await expect.poll(() => page.getByTestId('notice-state').textContent()).toMatch(/pending approval \(0\/1/);
    // Four eyes: a colleague approves (the one who asked cannot), and the notice goes out.
    const [pending] = await findNotices(live.ctx, { state: 'pending_approval', limit: 1 });
    await approveNotice(live.ctx, { type: 'user', id: randomUUID(), label: 'colleague' }, pending!.id);
    await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(1);
    expect(smtp.received[0]!.to).toEqual(['amira@example.org']);
  });

  it('screens a vendor against an imported list and shows why it matched', async () => {
    await importList(live.ctx, systemActor('test'), {
      name: 'Entity List (test)',
      format: 'csv',
      content:
        'name,aliases,country,list,source_url\nCytrox AD,Cytrox Holdings Zrt,MK,Entity List,https://www.bis.gov/\n',
    });
    await page.getByRole('link', { name: 'Due diligence' }).click();
    await page.getByLabel('Screen a customer, partner or vendor').fill('CYTROX A.D.');
    await page.getByRole('button', { name: 'Screen' }).click();
    await page.getByRole('cell', { name: 'Cytrox AD' }).first().waitFor();
  });

  it('records a party and its questionnaire, and a decision by a reviewer who did neither', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Helix Systems');
    await page.getByLabel('Kind').selectOption('vendor');
    await page.getByRole('button', { name: 'Record party' }).click();
    await heading('Due diligence').waitFor();
    await page.getByRole('heading', { name: 'Due diligence: Helix Systems' }).waitFor();
    await page.getByLabel('Intended end use').fill('E-mail filtering for its own staff');
    await page.getByLabel('End users', { exact: true }).fill('Helix employees');
    await page.getByLabel('Product capability').selectOption('dual_use');
    await page.getByRole('button', { name: 'Save answers' }).click();
    await page.getByText(/risk medium \(answered by/).waitFor();
    // The decision reaches the service (the values are the API's): four eyes refuses the one who answered.
    await page.getByLabel('Reasons').fill('Low-risk filtering product for internal use.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('alert').filter({ hasText: 'four eyes' }).waitFor();

    // A list change that names the party raises an alert, weighed and acknowledged in the party's record.
    const test = systemActor('test');
    await importList(live.ctx, test, {
      name: 'Watch list (test)',
      format: 'csv',
      content: 'name,aliases,country,list,source_url\nHelix Systems,,,Watch list,https://example.org/\n',
    });
    const openAlerts = async () => (await alertsList(live.ctx, { status: 'open' })).length;
    await expect.poll(openAlerts, { timeout: 30_000 }).toBe(1);
    await page.reload();
    await page.getByRole('button', { name: 'Helix Systems' }).click();
    const conclusion = page.getByRole('region', { name: /Due diligence: Helix/ }).getByLabel(/Conclusion on/);
    await conclusion.fill('Same name, another company: registered elsewhere, no link found.');
    await page
      .getByRole('region', { name: /Due diligence: Helix/ })
      .getByRole('button', { name: 'Acknowledge' })
      .click();
    await expect.poll(openAlerts).toBe(0);

    const { id } = await createParty(live.ctx, test, { name: 'Northwind Analytics', kind: 'customer' });
    await answerQuestionnaire(live.ctx, test, id, {
      intended_end_use: 'Lawful interception appliances for resale',
      end_users: 'Ministry of the interior',
      country_risk: 'high',
      product_capability: 'surveillance',
      red_flags: ['government_security_end_user'],
    });
    await page.reload();
    await page.getByRole('button', { name: 'Northwind Analytics' }).click();
    await page.getByLabel('Decision', { exact: true }).selectOption('approved_with_conditions');
    await page.getByLabel('Reasons').fill('High risk: only the filtering module, no interception features.');
    await page.getByLabel('Conditions').fill('No interception module; end-use certificate renewed yearly.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => page.getByTestId('party-status').textContent()).toBe('approved with conditions');
    await page.getByRole('cell', { name: /end-use certificate/ }).waitFor();
    await page.evaluate("document.getElementById('record').scrollIntoView()");
    await screenshot(page, 'screening');
  });

  it('adds a user, revokes a token, registers an agency and its callback contact, creates a collection, assigns a case', async () => {
    await page.getByRole('link', { name: 'Users and tokens' }).click();
    await page.getByLabel('User name').fill('sam');
    await page.getByLabel('Role').selectOption('analyst');
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(await page.getByTestId('setup-link').textContent()).toContain('/setup#token=');
    await page.getByRole('cell', { name: 'sam', exact: true }).waitFor();
    await page.getByLabel('New token name').fill('nightly export');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('button', { name: 'Revoke nightly export' }).click();
    await page.getByRole('cell', { name: 'revoked', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Agencies' }).click();
    await page.getByLabel('Agency name').fill('Gendarmerie (test)');
    await page.getByLabel('Country (ISO code)').fill('FR');
    await page.getByLabel('Legal authority').fill('Code de procédure pénale, article 60-1');
    await page.getByLabel(/E-mail domains/).fill('gendarmerie.example');
    await page.getByRole('button', { name: 'Register agency' }).click();
    // Pending until another person approves it: listed with its look-alike check for the approver.
    await page.getByRole('cell', { name: 'registration: gendarmerie.example' }).waitFor();
    await page.getByRole('button', { name: 'Gendarmerie (test)' }).click();
    await page.getByLabel('Contact name').fill('Permanence');
    await page.getByLabel('Contact role').fill('duty officer');
    await page.getByLabel('Phone').fill('+33 1 00 00 00 00');
    await page.getByLabel(/Where the number comes from/).fill('switchboard listed on the official website');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('cell', { name: '+33 1 00 00 00 00' }).waitFor();
    // Verified by another person only: the one who added it is refused.
    await page.getByRole('button', { name: 'Verify Permanence' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /another person/ })
      .waitFor();

    await page.getByRole('link', { name: 'Sharing' }).click();
    await page.getByLabel('Title').fill('Peers (test)');
    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.getByRole('cell', { name: 'Peers (test)' }).waitFor();

    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Predator (test)' }).click();
    await page.getByLabel('Assign to').selectOption({ label: 'sam (analyst)' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect.poll(() => page.getByTestId('case-assignee').textContent()).toBe('sam');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a page to a role that may not see it', async () => {
    await createUser(
      live.ctx,
      { type: 'system', id: null, label: 'test' },
      { username: 'ana', role: 'analyst', password: 'an analyst password for tests' },
    );
    await browser.context.clearCookies();
    await page.goto(`${live.url}/console/sign-in`);
    await heading('Accord: sign in').waitFor();
    // The keyboard reaches the form's controls in order, each with a visible focus ring.
    const form = [await tab(page), await tab(page), await tab(page), await tab(page)];
    expect(form.map((f) => f.text)).toEqual(['Skip to content', 'User name', 'Password', 'Sign in']);
    expect(form.filter((f) => f.outline === 'none')).toEqual([]);
    await page.getByLabel('User name').fill('ana');
    await page.getByLabel('Password').fill('an analyst password for tests');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Dashboard').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain('Audit log');
    expect(await seriousViolations(page)).toEqual([]);
    // From the top, Tab reaches the skip link, then the main navigation in its order.
    await page.reload();
    await heading('Dashboard').waitFor();
    const menu = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    const reached = [];
    for (let i = 0; i <= menu.length; i++) reached.push(await tab(page));
    expect(reached.map((f) => f.text)).toEqual(['Skip to content', ...menu]);
    expect(reached.filter((f) => f.outline === 'none')).toEqual([]);
    await page.goto(`${live.url}/console/audit`);
    await heading('Not available to your role').waitFor();
    const api = await page.request.get(`${live.url}/api/audit`);
    expect(api.status()).toBe(403);
  });
});
