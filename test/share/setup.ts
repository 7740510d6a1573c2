import { systemActor } from '../../src/core/audit/index.ts';
import { importObjects } from '../../src/intel/service.ts';
import { createCollection, publishObjects } from '../../src/share/service.ts';
import { tokenFor, type TestApp } from '../support/app.ts';

export const TAXII = 'application/taxii+json;version=2.1';
export const ROOT = '/taxii2/api1';

/** A token holder with both Bearer and Basic credentials. */
export async function taxiiUser(t: TestApp, role: 'peer' | 'analyst' = 'peer') {
  const { authorization, username } = (await tokenFor(t, role)) as { authorization: string; username: string };
  const token = authorization.slice('Bearer '.length);
  return {
    username,
    bearer: { authorization, accept: TAXII },
    basic: { authorization: `Basic ${Buffer.from(`${username}:${token}`).toString('base64')}`, accept: TAXII },
  };
}

/** Stores objects in the intel store and publishes them to a new collection readable by `readers`. */
export async function collectionWith(
  t: TestApp,
  objects: Array<Record<string, unknown>>,
  groups: { read: string[]; write?: string[]; amber?: string[]; alias?: string },
) {
  const ctx = t.runtime.ctx;
  const actor = systemActor('test');
  const report = await importObjects(ctx, actor, objects, 'test');
  if (report.rejectedCount > 0) throw new Error(JSON.stringify(report.rejected));
  const collection = await createCollection(ctx, actor, {
    title: 'Test collection',
    readGroups: groups.read,
    writeGroups: groups.write ?? [],
    amberGroups: groups.amber ?? [],
    ...(groups.alias ? { alias: groups.alias } : {}),
  });
  await publishObjects(
    ctx,
    actor,
    collection.id,
    objects.map((o) => String(o.id)),
  );
  return collection;
}
