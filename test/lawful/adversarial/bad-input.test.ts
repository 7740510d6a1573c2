/**
 * Attack class 10: bad input. Blank targets, dates with offsets, PDFs with active content, NUL bytes and lone
 * surrogates: each gets a 4xx problem (never a 500), and active PDFs are flagged to the reviewer or refused.
 * Over HTTP, real database; the PDFs are built here in real PDF syntax.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgency, newOfficer, startTarget, subpoena, type Headers, type Target } from '../attacker.ts';

let t: Target;
let strict: Target;
let reviewer: Headers;
let officer: Headers;
let strictOfficer: Headers;

/** A minimal PDF: a catalog whose extra entries are `catalog`, and optionally an object stream holding `hidden`. */
function pdf(catalog = '', hidden?: string): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  parts.push(Buffer.from(`1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalog} >>\nendobj\n`));
  parts.push(Buffer.from('2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n'));
  if (hidden) {
    const body = deflateSync(Buffer.from(`3 0 ${hidden}`));
    parts.push(
      Buffer.from(`4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${body.length} >>\nstream\n`),
    );
    parts.push(body, Buffer.from('\nendstream\nendobj\n'));
  }
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n'));
  return Buffer.concat(parts);
}

async function setup(target: Target, name: string) {
  const admin = await target.staff('admin');
  const agency = await newAgency(target, admin, `${name} Police`, [`${name}-police.gov`]);
  return newOfficer(target, admin, agency, `officer-${name}`, `jane@${name}-police.gov`);
}

beforeAll(async () => {
  t = await startTarget();
  strict = await startTarget({ ACCORD_LAWFUL_REFUSE_ACTIVE_PDF: 'true' });
  reviewer = await t.staff('legal_reviewer');
  officer = await setup(t, 'bad');
  strictOfficer = await setup(strict, 'strict');
}, 180_000);
afterAll(async () => {
  await t?.close();
  await strict?.close();
});

const submit = (payload: unknown, as = officer, target = t) =>
  target.call('POST', '/api/lawful/portal/requests', as, payload);

async function upload(target: Target, as: Headers, id: string, bytes: Buffer) {
  const res = await fetch(`${target.base}/api/lawful/portal/requests/${id}/documents?filename=order.pdf`, {
    method: 'POST',
    headers: { ...as, 'content-type': 'application/pdf' },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('10. bad input', () => {
  it('targets empty after trimming are refused with a 400 naming the field', async () => {
    for (const blank of ['', '   ', '\u200B', ' \u2060 \t', '\u2800', '\u0085', '--'])
      for (const targets of [[blank], ['victim@example.org', blank]]) {
        const r = await submit(subpoena(targets));
        expect(r.status, JSON.stringify(blank)).toBe(400);
        expect(String(r.body.detail)).toContain('targets');
      }
  });

  it('dates with offsets are compared as instants', async () => {
    // 00:00+05:00 is 19:00Z the day before: from before to, although the strings sort the other way.
    const ok = await submit(
      subpoena(['a@example.org'], { date_from: '2026-01-01T00:00:00+05:00', date_to: '2026-01-01T00:00:00Z' }),
    );
    expect(ok.status).toBe(201);
    const bad = await submit(
      subpoena(['a@example.org'], { date_from: '2026-01-01T00:00:00Z', date_to: '2026-01-01T03:00:00+05:00' }),
    );
    expect(bad.status).toBe(400);
    expect(String(bad.body.detail)).toContain('date_from');
  });

  it('dates the database cannot hold are a 400 naming the field, never a 500', async () => {
    for (const [field, value] of [
      ['date_from', '0000-01-01T00:00:00Z'],
      ['date_from', '0001-01-01T00:30:00+01:00'],
      ['date_to', '9999-12-31T23:59:59-14:00'],
      ['nondisclosure_until', '0000-01-01T00:00:00Z'],
    ] as const) {
      const r = await submit(subpoena(['d@example.org'], { [field]: value }));
      expect(r.status, `${field}=${value}`).toBe(400);
      expect(String(r.body.detail)).toContain(field);
    }
  });

  it('NUL bytes and lone surrogates get a 400 problem on lawful routes, never a 500', async () => {
    const id = (await submit(subpoena(['b@example.org']))).body.id as string;
    // The query form: NUL, and a surrogate's bytes as a URL carries them (CESU-8, not valid UTF-8).
    const inQuery: Record<string, string> = { 'a\u0000b': 'a%00b', 'x\uD800y': 'x%ED%A0%80y', '\uDC00': '%ED%B0%80' };
    for (const evil of ['a\u0000b', 'x\uD800y', '\uDC00']) {
      const attempts = [
        await submit(subpoena([evil])),
        await submit({ ...subpoena(['c@example.org']), legal_basis: evil }),
        await t.call('POST', `/api/lawful/requests/${id}/clarification`, reviewer, { question: evil }),
        await t.call('POST', `/api/lawful/portal/requests/${id}/clarification`, officer, { answer: evil }),
        await t.call('POST', `/api/lawful/requests/${id}/decision`, reviewer, {
          decision: 'reject',
          reasons: evil,
          checklist: {},
        }),
      ];
      for (const r of attempts) {
        expect(r.status, JSON.stringify(evil)).toBe(400);
        expect(r.body.type).toBeDefined();
      }
      // A URL cannot carry a lone surrogate: its bytes decode to U+FFFD, not a state; NUL is refused. Both are a 400.
      const listed = await t.call('GET', `/api/lawful/requests?state=${inQuery[evil]}`, reviewer);
      expect(listed.status, JSON.stringify(evil)).toBe(400);
    }
  });

  it('a PDF with active content is flagged to the reviewer with evidence, even hidden or obfuscated', async () => {
    const cases: [string, Buffer, string][] = [
      ['plain JavaScript', pdf("/OpenAction << /S /JavaScript /JS (app.alert('x')) >>"), 'JavaScript'],
      ['hex-escaped name', pdf('/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>'), 'JavaScript'],
      ['embedded file', pdf('/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>'), 'EmbeddedFiles'],
      ['launch action', pdf('/AA << /O << /S /Launch /F (cmd.exe) >> >>'), 'Launch'],
      ['in an object stream', pdf('', '<< /S /JavaScript /JS (this.exportDataObject()) >>'), 'JavaScript'],
      ['XFA form', pdf('/AcroForm << /XFA 6 0 R >>'), 'XFA'],
      ['rich media', pdf('', '<< /Type /Annot /Subtype /RichMedia >>'), 'RichMedia'],
    ];
    for (const [what, bytes, name] of cases) {
      const id = (await submit(subpoena(['d@example.org']))).body.id as string;
      const up = await upload(t, officer, id, bytes);
      expect(up.status, what).toBe(201);
      const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
      const signal = (view.body.assessment as { id: string; evidence?: { found: string[] } }[]).find(
        (s) => s.id === 'active_pdf',
      );
      expect(signal?.evidence?.found, what).toContain(name);
    }
    const id = (await submit(subpoena(['e@example.org']))).body.id as string;
    expect((await upload(t, officer, id, pdf())).status).toBe(201);
    const view = await t.call('GET', `/api/lawful/requests/${id}`, reviewer);
    expect((view.body.assessment as { id: string }[]).map((s) => s.id)).not.toContain('active_pdf');
  });

  it('with ACCORD_LAWFUL_REFUSE_ACTIVE_PDF=true an active PDF is refused with a 422 problem', async () => {
    const id = (await submit(subpoena(['f@example.org']), strictOfficer, strict)).body.id as string;
    const refused = await upload(strict, strictOfficer, id, pdf('/OpenAction << /S /J#61vaScript /JS (x) >>'));
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBeDefined();
    expect((await upload(strict, strictOfficer, id, pdf())).status).toBe(201);
  });
});
