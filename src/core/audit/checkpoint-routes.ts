import { Type } from '@sinclair/typebox';
import type { CoreContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { AccordApp } from '../http/fastify-types.ts';
import { problems } from '../http/schemas.ts';
import { CHECKPOINT_FORMAT } from './checkpoint.ts';
import { latestCheckpoint } from './checkpoint-service.ts';
import { publicKeyPem } from './signing-key.ts';

// Public, unauthenticated and cheap, but not unlimited.
const publicRead = { permission: 'public' as const, rateLimit: { max: 600, timeWindow: '1 minute' } };

const CheckpointBody = Type.Object({
  format: Type.Literal(CHECKPOINT_FORMAT),
  seq: Type.Integer(),
  hash: Type.String(),
  signed_at: Type.String(),
  key_id: Type.String(),
  signature: Type.String(),
});

/**
 * Anyone (a third party keeping watch) can poll the latest signed checkpoint and keep it: it names the chain's
 * entry count and head hash, nothing about what the entries say. `accord audit verify --checkpoint` checks the
 * chain against the checkpoints kept.
 */
export function checkpointRoutes(app: AccordApp, ctx: CoreContext) {
  app.get(
    '/api/public/audit/checkpoint/latest',
    {
      config: publicRead,
      schema: {
        tags: ['audit'],
        summary: 'The latest signed checkpoint of the audit chain (Ed25519), to keep and verify against later',
        response: { 200: CheckpointBody, ...problems(404) },
      },
    },
    async () => {
      const checkpoint = await latestCheckpoint(ctx.db);
      if (!checkpoint) throw notFound('no audit checkpoint has been signed yet');
      return checkpoint;
    },
  );

  app.get(
    '/api/public/audit/checkpoint/key',
    {
      config: publicRead,
      schema: {
        tags: ['audit'],
        summary: 'The public key that signs audit checkpoints (SPKI PEM) and its id',
        response: {
          200: Type.Object({ algorithm: Type.Literal('Ed25519'), key_id: Type.String(), public_key: Type.String() }),
        },
      },
    },
    async () => ({
      algorithm: 'Ed25519' as const,
      key_id: ctx.auditKey.keyId,
      public_key: publicKeyPem(ctx.auditKey.publicKey),
    }),
  );
}
