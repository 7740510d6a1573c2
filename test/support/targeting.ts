import { systemActor } from '../../src/core/audit/index.ts';
import type { CoreContext } from '../../src/core/context.ts';
import { syncCases } from '../../src/cases/service.ts';
import { ingestBatch } from '../../src/detect/ingest.ts';
import { importObjects } from '../../src/intel/service.ts';
import { indicator, relationship, sdo } from '../intel/fixtures.ts';

/**
 * Intelligence on a malware family and its C2 domain, and DNS events of the given people resolving it: after this,
 * each person has a targeting case for `malware`.
 */
export async function targetedPeople(ctx: CoreContext, malware: string, domain: string, people: string[]) {
  const family = sdo('malware', malware);
  const c2 = indicator(domain);
  await importObjects(ctx, systemActor('test'), [family, c2, relationship('indicates', c2.id, family.id)], 'test');
  const events = people.map((user, i) => JSON.stringify({ ts: 1_761_991_200 + i, user, query: domain }));
  await ingestBatch(ctx, Buffer.from(events.join('\n')), `targeted-${domain}`, 'http');
  await syncCases(ctx);
}
