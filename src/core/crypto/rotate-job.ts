import { recordAudit, systemActor } from '../audit/index.ts';
import type { CoreContext } from '../context.ts';
import { defineJob } from '../jobs/job.ts';
import type { EncryptedField } from './encrypted-fields.ts';
import { rotateDataKey } from './rotate.ts';

/** `keys.rotate` as a background job, so an administrator can rotate from the API while the service runs. */
export function keyRotationJob(c: CoreContext, fields: readonly EncryptedField[]) {
  return defineJob<{ requestedBy: string }>({
    name: 'keys.rotate',
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 3600,
    handler: async (data, { log }) => {
      const result = await rotateDataKey(c.db, c.keyring, fields);
      log.info({ newKeyId: result.newKeyId, reencrypted: result.reencrypted }, 'data key rotated');
      await c.db.transaction().execute((trx) =>
        recordAudit(trx, systemActor('key rotation job'), {
          action: 'keys.rotated',
          objectType: 'encryption_key',
          objectId: result.newKeyId,
          details: { requested_by: data.requestedBy, reencrypted: result.reencrypted, retired: result.retiredKeys },
        }),
      );
    },
  });
}
