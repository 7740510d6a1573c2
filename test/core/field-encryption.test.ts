import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit/index.ts';
import { rotateDataKey } from '../../src/core/crypto/rotate.ts';
import { recordHits } from '../../src/detect/record-hits.ts';
import { revealDetection } from '../../src/detect/detections.ts';
import { encryptedFields } from '../../src/modules.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

describe('field encryption', () => {
  it('round-trips and stores the key id with each value', async () => {
    const sealed = rt.ctx.keyring.encrypt('+44 7700 900123', 'people.phone');
    expect(sealed).toMatch(new RegExp(`^enc:v1:${rt.ctx.keyring.activeKeyId}:`));
    // Long enough, and with a space, that it cannot turn up by chance in the key id or the base64 ciphertext.
    expect(sealed).not.toContain('7700 900123');
    expect(await rt.ctx.keyring.decrypt(sealed, 'people.phone')).toBe('+44 7700 900123');
  });

  it('a value moved to another field does not decrypt (the field is bound in as associated data)', async () => {
    const sealed = rt.ctx.keyring.encrypt('secret', 'people.phone');
    await expect(rt.ctx.keyring.decrypt(sealed, 'people.email')).rejects.toThrow();
  });

  it('a tampered value fails to decrypt', async () => {
    const sealed = rt.ctx.keyring.encrypt('secret', 'people.phone');
    const body = Buffer.from(sealed.split(':').pop()!, 'base64');
    body[body.length - 1]! ^= 1;
    const tampered = `${sealed.slice(0, sealed.lastIndexOf(':') + 1)}${body.toString('base64')}`;
    await expect(rt.ctx.keyring.decrypt(tampered, 'people.phone')).rejects.toThrow();
  });

  it('rotation re-encrypts every registered field under a new key, and everything stays readable', async () => {
    const { created } = await recordHits(
      rt.ctx,
      [
        {
          subject: 'at-risk@example.org',
          time: new Date(),
          indicatorId: 'indicator--6f1c4ad2-0a5b-4c39-9d2e-6e39c7bdf1a1',
          key: 'domain-name:value',
          value: 'x.example',
          field: 'query',
          eventKey: 'k1',
        },
      ],
      { source: 'scan', foldWindowMs: 60_000 },
    );
    const before = rt.ctx.keyring.activeKeyId;
    const result = await rotateDataKey(rt.ctx.db, rt.ctx.keyring, encryptedFields);
    expect(result.newKeyId).not.toBe(before);
    expect(result.reencrypted['detect_detections.subject_enc']).toBe(1);
    const { rows } = await sql<{ subject_enc: string }>`select subject_enc from detect_detections`.execute(rt.ctx.db);
    expect(rows[0]!.subject_enc).toMatch(new RegExp(`^enc:v1:${result.newKeyId}:`));
    const revealed = await revealDetection(rt.ctx, systemActor('test'), created[0]!, 'after the key rotation');
    expect(revealed.subject).toBe('at-risk@example.org');
  });
});
