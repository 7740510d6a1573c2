import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, systemActor } from '../../src/core/audit/index.ts';
import { buildApp, type BuiltApp } from '../../src/core/http/app.ts';
import { syncCases, transitionCase } from '../../src/cases/service.ts';
import { ingestBatch } from '../../src/detect/ingest.ts';
import { importObjects } from '../../src/intel/service.ts';
import { modules } from '../../src/modules.ts';
import { requestNotice, setPolicy } from '../../src/notify/service.ts';
import { indicator, relationship, sdo } from '../intel/fixtures.ts';
import { tokenFor, type TestApp } from '../support/app.ts';
import { mimePart, startSmtpServer } from '../support/mail-and-hooks.ts';
import { createTestRuntime } from '../support/runtime.ts';

// Each person's language: from a locale in their telemetry, the provider's account data or an analyst's choice,
// used by the notices the automatic policy sends, with ACCORD_NOTIFY_DEFAULT_LANGUAGE (here Spanish) otherwise.
const actor = systemActor('test');
let t: TestApp;
let built: BuiltApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let analyst: { authorization: string };
let auditor: { authorization: string };
let batch = 0;

const call = (method: 'GET' | 'PUT', url: string, headers: { authorization: string }, payload?: object) =>
  built.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const people = ['claire', 'nolocale', 'jonas', 'layla', 'olga', 'mei'].map((name) => `${name}@example.org`);

/** One campaign per person (imported before any telemetry), so that each person's case is found by its actor. */
async function campaigns() {
  const objects = people.flatMap((person) => {
    const family = sdo('malware', `Family of ${person}`);
    const c2 = indicator(`c2.${person.split('@')[0]}.example`);
    return [family, c2, relationship('indicates', c2.id, family.id)];
  });
  await importObjects(t.runtime.ctx, actor, objects, 'test');
}

async function targeted(person: string, event: Record<string, unknown> = {}) {
  await see(person, event);
  await syncCases(t.runtime.ctx);
  const res = await call('GET', `/api/cases?actor=${encodeURIComponent(`Family of ${person}`)}`, analyst);
  return res.json<{ cases: { id: string }[] }>().cases[0]!.id;
}

/** A DNS event of the person resolving their campaign's C2, with more fields (a locale). */
async function see(person: string, event: Record<string, unknown>) {
  const line = { ts: 1_761_991_200 + ++batch, user: person, query: `c2.${person.split('@')[0]}.example`, ...event };
  await ingestBatch(t.runtime.ctx, Buffer.from(JSON.stringify(line)), `language-${batch}`, 'http');
}

/** What the automatic policy does for a confirmed case: a notice without a language asked for. */
async function automaticNotice(caseId: string) {
  for (const state of ['triage', 'confirmed'] as const) await transitionCase(t.runtime.ctx, actor, caseId, state);
  return (await requestNotice(t.runtime.ctx, systemActor('notify'), caseId)).notice;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  const runtime = await createTestRuntime(
    { work: true },
    { ACCORD_SMTP_URL: smtp.url, ACCORD_OUTBOUND_ALLOW_PRIVATE: 'true', ACCORD_NOTIFY_DEFAULT_LANGUAGE: 'es' },
  );
  built = await buildApp(runtime.ctx, modules);
  t = { ...built, runtime, close: async () => {} };
  analyst = await tokenFor(t, 'analyst');
  auditor = await tokenFor(t, 'auditor');
  await setPolicy(runtime.ctx, actor, '*', { mode: 'auto', min_confidence: 0, approvals_required: 1 });
  await campaigns();
}, 90_000);
afterAll(async () => {
  await built?.app.close();
  await t?.runtime.close();
  await smtp?.close();
});

describe("each person's language", () => {
  it("a locale in the person's telemetry is their language, and the automatic notice is written in it", async () => {
    const caseId = await targeted('claire@example.org', { locale: 'fr_FR.UTF-8' });
    const language = await call('GET', `/api/cases/${caseId}/language`, analyst);
    expect(language.json()).toEqual({ language: { language: 'fr-FR', source: 'telemetry' } });
    const notice = await automaticNotice(caseId);
    expect(notice.language).toBe('fr');
    const deadline = Date.now() + 30_000;
    while (!smtp.received.some((m) => m.to.includes('claire@example.org')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const mail = smtp.received.find((m) => m.to.includes('claire@example.org'))!;
    expect(mail.raw).toMatch(/^Content-Language: fr$/m);
    expect(mimePart(mail.raw, 'text/html')).toMatch(/<html lang="fr" dir="ltr">/);
  }, 60_000);

  it('without a known language, or in one without a notice, the configured default is used', async () => {
    const unknown = await targeted('nolocale@example.org');
    expect((await call('GET', `/api/cases/${unknown}/language`, analyst)).json()).toEqual({ language: null });
    expect((await automaticNotice(unknown)).language).toBe('es');
    // An Accept-Language header: its first choice is the person's language; there is no notice in German.
    const german = await targeted('jonas@example.org', { accept_language: 'de-CH,de;q=0.9,en;q=0.5' });
    expect((await call('GET', `/api/cases/${german}/language`, analyst)).json()).toEqual({
      language: { language: 'de-CH', source: 'telemetry' },
    });
    expect((await automaticNotice(german)).language).toBe('es');
  });

  it("an analyst's choice: permission, validation, audit; telemetry never overrides it", async () => {
    const caseId = await targeted('layla@example.org', { locale: 'en-GB' });
    const refused = await call('PUT', `/api/cases/${caseId}/language`, auditor, { language: 'ar' });
    expect(refused.statusCode).toBe(403);
    const bad = await call('PUT', `/api/cases/${caseId}/language`, analyst, { language: 'not a language' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const missing = await call('PUT', `/api/cases/00000000-0000-4000-8000-000000000000/language`, analyst, {
      language: 'ar',
    });
    expect(missing.statusCode).toBe(404);
    const set = await call('PUT', `/api/cases/${caseId}/language`, analyst, { language: 'ar_EG' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ language: 'ar-EG', source: 'analyst' });
    const [entry] = await listAuditEntries(t.runtime.ctx.db, { action: 'subject.language_set', limit: 1 });
    expect(entry).toMatchObject({ object_type: 'subject', actor_type: 'token' });
    expect(entry!.details).toEqual({ language: 'ar-EG', source: 'analyst', case: caseId });
    expect(JSON.stringify(entry)).not.toMatch(/layla/);

    await see('layla@example.org', { locale: 'fr' });
    expect((await call('GET', `/api/cases/${caseId}/language`, analyst)).json()).toEqual({
      language: { language: 'ar-EG', source: 'analyst' },
    });
    expect((await automaticNotice(caseId)).language).toBe('ar');
  });

  it("the provider's account data, by account in any spelling, through the API", async () => {
    const caseId = await targeted('olga@example.org', { locale: 'en' });
    const refused = await call('PUT', '/api/subjects/language', auditor, {
      account: 'olga@example.org',
      language: 'ru',
    });
    expect(refused.statusCode).toBe(403);
    const set = await call('PUT', '/api/subjects/language', analyst, { account: 'Olga@Example.org', language: 'ru' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ language: 'ru', source: 'provider' });
    const bad = await call('PUT', '/api/subjects/language', analyst, { account: 'olga@example.org', language: 'C' });
    expect(bad.statusCode).toBe(400);
    const [entry] = await listAuditEntries(t.runtime.ctx.db, { action: 'subject.language_set', limit: 1 });
    expect(entry!.details).toEqual({ language: 'ru', source: 'provider' });
    expect(JSON.stringify(entry)).not.toMatch(/olga/i);
    expect((await automaticNotice(caseId)).language).toBe('ru');
  });

  it('an analyst asking for a notice in a language gets that language', async () => {
    const caseId = await targeted('mei@example.org', { locale: 'zh-Hant-TW' });
    for (const state of ['triage', 'confirmed'] as const) await transitionCase(t.runtime.ctx, actor, caseId, state);
    expect((await requestNotice(t.runtime.ctx, actor, caseId, 'en')).notice.language).toBe('en');
  });
});
