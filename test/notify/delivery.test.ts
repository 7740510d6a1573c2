import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { buildApp, type BuiltApp } from '../../src/core/http/app.ts';
import { noticeVerifyUrl } from '../../src/core/http/public-url.ts';
import { syncCases } from '../../src/cases/service.ts';
import { DetectionEngine } from '../../src/detect/engine/engine.ts';
import { scanSource } from '../../src/detect/scan.ts';
import { importFrom } from '../../src/intel/local-import.ts';
import { modules } from '../../src/modules.ts';
import { tokenFor, type TestApp } from '../support/app.ts';
import { repoRoot } from '../support/cli.ts';
import { mimePart, startSmtpServer, startWebhookReceiver } from '../support/mail-and-hooks.ts';
import { createTestRuntime } from '../support/runtime.ts';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
let t: TestApp;
let built: BuiltApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let alice: { authorization: string };
let bob: { authorization: string };
const dir = mkdtempSync(join(tmpdir(), 'accord-notify-'));

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  headers: { authorization: string },
  payload?: object,
) => built.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function scan(name: string, lines: object[]) {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n'));
  const engine = new DetectionEngine();
  await engine.refresh(t.runtime.ctx);
  await scanSource(t.runtime.ctx, engine, path, { record: true });
  await syncCases(t.runtime.ctx);
}

async function caseOf(actor: string, state = 'new') {
  const res = await call('GET', `/api/cases?actor=${encodeURIComponent(actor)}&state=${state}`, alice);
  return res.json<{ cases: { id: string }[] }>().cases;
}

async function confirm(id: string) {
  for (const state of ['triage', 'confirmed']) {
    expect((await call('POST', `/api/cases/${id}/transition`, alice, { state })).statusCode).toBe(200);
  }
}

async function until<T>(fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  smtp = await startSmtpServer({ refuse: (address) => address.startsWith('nobody@') });
  hooks = await startWebhookReceiver(SECRET);
  const runtime = await createTestRuntime(
    { work: true },
    {
      ACCORD_SMTP_URL: smtp.url,
      ACCORD_NOTIFY_WEBHOOK_URL: hooks.url,
      ACCORD_NOTIFY_WEBHOOK_SECRET: SECRET,
      ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true',
      ACCORD_PROVIDER_NAME: 'ExampleMail',
      // A retry is due after 1 s (x 3 per attempt), not the 30 s of an installation.
      ACCORD_NOTIFY_RETRY_SECONDS: '1',
    },
  );
  built = await buildApp(runtime.ctx, modules);
  t = { ...built, runtime, close: async () => {} };
  alice = await tokenFor(t, 'analyst');
  bob = await tokenFor(t, 'analyst');
  await importFrom(runtime.ctx, systemActor('test'), {
    source: resolve(repoRoot, '../shared/data/iocs/pegasus.stix2'),
  });
  await scan('pegasus.ndjson', [
    { ts: 1_761_991_200, user: 'amira@example.org', query: 'free247downloads.com' },
    { ts: 1_761_991_300, user: 'omar@example.org', query: 'example.org' },
  ]);
}, 90_000);
afterAll(async () => {
  await built?.app.close();
  await t?.runtime.close();
  await smtp?.close();
  await hooks?.close();
});

describe('from a scan to a notice people can trust', () => {
  let noticeId: string;
  let caseId: string;

  it('a confirmed case leads to a notice that waits for someone else to approve it', async () => {
    [{ id: caseId }] = (await caseOf('Pegasus')) as [{ id: string }];
    const early = await call('POST', '/api/notifications', alice, { case_id: caseId, language: 'ar' });
    expect(early.statusCode).toBe(409);
    await confirm(caseId);
    const asked = await call('POST', '/api/notifications', alice, { case_id: caseId, language: 'ar' });
    expect(asked.statusCode).toBe(201);
    const { notice } = asked.json<{ notice: { id: string; state: string } }>();
    noticeId = notice.id;
    expect(notice.state).toBe('pending_approval');
    const own = await call('POST', `/api/notifications/${noticeId}/approve`, alice);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ detail: expect.stringMatching(/cannot approve it/) });
  });

  it('approval sends it by e-mail and to the product, signed; a failing receiver is retried without duplicates', async () => {
    hooks.failNextRequests(1);
    const approved = await call('POST', `/api/notifications/${noticeId}/approve`, bob);
    expect(approved.json()).toMatchObject({ state: 'approved' });
    const status = await until(async () => {
      const s = (await call('GET', `/api/notifications/${noticeId}`, alice)).json<{
        state: string;
        deliveries: { channel: string; status: string; attempts: number }[];
      }>();
      return s.state === 'delivered' ? s : undefined;
    });
    expect(status.deliveries).toEqual([
      expect.objectContaining({ channel: 'email', status: 'sent', attempts: 1 }),
      expect.objectContaining({ channel: 'webhook', status: 'sent', attempts: 2 }),
    ]);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['amira@example.org']);
    const html = mimePart(mail.raw, 'text/html');
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toMatch(/Access Now/);
    expect(mimePart(mail.raw, 'text/plain')).toMatch(/https:\/\/www\.accessnow\.org\/help\//);
    // No display name is known: a neutral greeting, never the address; the check goes to Accord's public page.
    const text = mimePart(mail.raw, 'text/plain');
    expect(text).toContain('مرحبًا،');
    expect(text).not.toContain('amira@');
    expect(noticeVerifyUrl(t.runtime.ctx.config)).toMatch(/\/security-warning$/);
    expect(text).toContain(noticeVerifyUrl(t.runtime.ctx.config));
    expect(text).not.toContain('بتسجيل الدخول إلى ExampleMail');
    expect(mail.raw).toMatch(/Content-Language: ar/);
    // RFC 3834: auto-replies must not answer a notice.
    expect(mail.raw).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(hooks.received).toHaveLength(1);
    expect(hooks.received[0]).toMatchObject({
      signatureValid: true,
      body: { account: 'amira@example.org', dir: 'rtl' },
    });
    expect(JSON.stringify(hooks.received[0]!.body)).not.toMatch(/Pegasus|free247downloads/);
    const c = (await call('GET', `/api/cases/${caseId}`, alice)).json<{ state: string }>();
    expect(c.state).toBe('notified');
    const audit = await listAuditEntries(t.runtime.ctx.db, { limit: 50, objectId: noticeId });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['notice.requested', 'notice.approved', 'notice.delivered']),
    );
    expect(JSON.stringify(audit)).not.toContain('amira@');
  });

  it('a second detection for the same campaign does not notify the person twice', async () => {
    expect((await call('POST', `/api/cases/${caseId}/transition`, alice, { state: 'closed' })).statusCode).toBe(200);
    await scan('again.ndjson', [{ ts: 1_762_100_000, user: 'amira@example.org', query: 'x.free247downloads.com' }]);
    const [again] = await caseOf('Pegasus');
    await confirm(again!.id);
    const asked = await call('POST', '/api/notifications', alice, { case_id: again!.id });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ outcome: 'deduplicated', notice: { id: noticeId } });
    expect(smtp.received).toHaveLength(1);
  });

  it('a suppressed account gets no notice, and the reason is kept', async () => {
    const admin = await tokenFor(t, 'admin');
    const added = await call('POST', '/api/notifications/suppressions', admin, {
      account: 'lina@example.org',
      reason: 'QA test account',
    });
    expect(added.statusCode).toBe(204);
    expect(
      (await call('POST', '/api/notifications/suppressions', alice, { account: 'x@example.org', reason: 'nope' }))
        .statusCode,
    ).toBe(403);
    await scan('lina.ndjson', [{ ts: 1_762_200_000, user: 'LINA@example.org', query: 'free247downloads.com' }]);
    const [lina] = await caseOf('Pegasus');
    await confirm(lina!.id);
    const asked = await call('POST', '/api/notifications', alice, { case_id: lina!.id });
    expect(asked.json()).toMatchObject({ outcome: 'suppressed', notice: { state: 'suppressed' } });
  });

  it('an automatic policy notifies confident confirmed cases without approval; figures count delivered notices', async () => {
    const admin = await tokenFor(t, 'admin');
    const set = await call('PUT', '/api/notifications/policies/Pegasus', admin, {
      mode: 'auto',
      min_confidence: 50,
      approvals_required: 1,
    });
    expect(set.statusCode).toBe(204);
    await scan('sara.ndjson', [{ ts: 1_762_300_000, user: 'sara@example.org', query: 'free247downloads.com' }]);
    const [sara] = await caseOf('Pegasus');
    const context = await call('PATCH', `/api/cases/${sara!.id}`, alice, { country: 'mx', sector: 'journalism' });
    expect(context.json()).toMatchObject({ country: 'MX', sector: 'journalism' });
    await confirm(sara!.id);
    const asked = await call('POST', '/api/notifications', alice, { case_id: sara!.id, language: 'es' });
    expect(asked.json()).toMatchObject({ outcome: 'created', notice: { state: 'approved' } });
    const id = asked.json<{ notice: { id: string } }>().notice.id;
    await until(async () => {
      const s = (await call('GET', `/api/notifications/${id}`, alice)).json<{ state: string }>();
      return s.state === 'delivered' ? s : undefined;
    });
    expect(smtp.received.map((m) => m.to.join()).join(' ')).toBe('amira@example.org sara@example.org');
    const figures = (await call('GET', '/api/notifications/figures', admin)).json<{
      delivered: number;
      byCampaign: unknown[];
    }>();
    expect(
      await until(async () => {
        const f = (await call('GET', '/api/notifications/figures', admin)).json<{ delivered: number }>();
        return f.delivered === 2 ? f : undefined;
      }),
    ).toMatchObject({ delivered: 2, byCampaign: [{ campaign: 'Pegasus', notices: 2 }] });
    expect(figures).toMatchObject({
      byCountry: expect.arrayContaining([
        { country: 'MX', notices: 1 },
        { country: 'unknown', notices: 1 },
      ]),
    });
    void figures;
  });

  it('a refused address is given up at once, and the refusal is recorded without the address', async () => {
    await scan('nobody.ndjson', [{ ts: 1_762_400_000, user: 'nobody@example.org', query: 'free247downloads.com' }]);
    const [nobody] = await caseOf('Pegasus');
    await confirm(nobody!.id);
    const asked = await call('POST', '/api/notifications', alice, { case_id: nobody!.id });
    const id = asked.json<{ notice: { id: string } }>().notice.id;
    const status = await until(async () => {
      const s = (await call('GET', `/api/notifications/${id}`, alice)).json<{
        state: string;
        deliveries: { channel: string; status: string; attempts: number; last_error: string | null }[];
      }>();
      return s.state === 'approved' ? undefined : s;
    });
    expect(status.state).toBe('delivered');
    expect(status.deliveries[0]).toMatchObject({ channel: 'email', status: 'dead', attempts: 1 });
    expect(status.deliveries[0]!.last_error).toMatch(/550.*\[account\]/);
    expect(JSON.stringify(await listAuditEntries(t.runtime.ctx.db, { limit: 200 }))).not.toContain('nobody@');
  });
});
