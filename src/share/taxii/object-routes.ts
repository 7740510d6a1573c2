import type { CoreContext } from '../../core/context.ts';
import type { AccordApp } from '../../core/http/fastify-types.ts';
import { notFound } from '../../core/errors.ts';
import { parseFilters, type RawQuery } from './filters.ts';
import { assertTaxiiContent, STIX_MEDIA_TYPE } from './media.ts';
import { readCollection } from './read.ts';
import { callerOf, paging, sendTaxii } from './respond.ts';
import { deleteObject, postEnvelope } from './write.ts';

const hidden = { hide: true, tags: ['taxii'] };
const read = { config: { permission: 'share:read' as const }, schema: hidden };
const write = { config: { permission: 'share:write' as const }, schema: hidden };

type Collection = { Params: { id: string }; Querystring: RawQuery };
type OneObject = { Params: { id: string; objectId: string }; Querystring: RawQuery };

/** The objects, object, versions and manifest endpoints of a collection (under the API root). */
export function objectRoutes(taxii: AccordApp, ctx: CoreContext) {
  const base = '/api1/collections/:id';

  taxii.get<Collection>(`${base}/objects/`, read, async (request, reply) => {
    const page = await readCollection(
      ctx,
      callerOf(request),
      request.params.id,
      parseFilters(request.query, 'objects'),
      'objects',
    );
    const objects = page.rows.map((r) => r.object);
    return sendTaxii(reply, { ...paging(page), ...(objects.length > 0 ? { objects } : {}) }, page);
  });

  taxii.post<Collection>(`${base}/objects/`, write, async (request, reply) => {
    assertTaxiiContent(request);
    return sendTaxii(
      reply,
      await postEnvelope(ctx, callerOf(request), request.params.id, request.body),
      undefined,
      202,
    );
  });

  taxii.get<Collection>(`${base}/manifest/`, read, async (request, reply) => {
    const filters = parseFilters(request.query, 'objects');
    const page = await readCollection(ctx, callerOf(request), request.params.id, filters, 'manifest');
    const objects = page.rows.map((r) => ({
      id: r.stix_id,
      date_added: r.date_added,
      version: r.version,
      // The version's own STIX version: a STIX 2.0 object is served as 2.0.
      media_type: r.spec_version === '2.1' ? STIX_MEDIA_TYPE : `application/stix+json;version=${r.spec_version}`,
    }));
    return sendTaxii(reply, { ...paging(page), ...(objects.length > 0 ? { objects } : {}) }, page);
  });

  taxii.get<OneObject>(`${base}/objects/:objectId/`, read, async (request, reply) => {
    const filters = { ...parseFilters(request.query, 'object'), ids: [request.params.objectId] };
    const page = await readCollection(ctx, callerOf(request), request.params.id, filters, 'object');
    if (!page.held) throw notFound(`no object ${request.params.objectId} in this collection`);
    const objects = page.rows.map((r) => r.object);
    return sendTaxii(reply, { ...paging(page), ...(objects.length > 0 ? { objects } : {}) }, page);
  });

  taxii.delete<OneObject>(`${base}/objects/:objectId/`, write, async (request, reply) => {
    const filters = parseFilters(request.query, 'delete');
    await deleteObject(ctx, callerOf(request), request.params.id, request.params.objectId, {
      ...filters,
      ids: [request.params.objectId],
    });
    return sendTaxii(reply, {});
  });

  taxii.get<OneObject>(`${base}/objects/:objectId/versions/`, read, async (request, reply) => {
    const filters = { ...parseFilters(request.query, 'versions'), ids: [request.params.objectId] };
    const page = await readCollection(ctx, callerOf(request), request.params.id, filters, 'versions');
    if (!page.held) throw notFound(`no object ${request.params.objectId} in this collection`);
    const versions = page.rows.map((r) => r.version);
    return sendTaxii(reply, { ...paging(page), ...(versions.length > 0 ? { versions } : {}) }, page);
  });
}
