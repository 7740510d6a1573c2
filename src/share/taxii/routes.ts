import type { CoreContext } from '../../core/context.ts';
import type { AccordApp } from '../../core/http/fastify-types.ts';
import { notFound } from '../../core/errors.ts';
import { publicLink } from '../../core/http/public-url.ts';
import { collectionFor, listCollections, rightsIn, type Collection } from '../collections.ts';
import { rawTaxiiError, sendTaxiiError } from './errors.ts';
import { assertAcceptsTaxii, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media.ts';
import { objectRoutes } from './object-routes.ts';
import { audited, auditRead } from './audit.ts';
import { callerOf, sendTaxii } from './respond.ts';
import { statusFor } from './write.ts';

export const API_ROOT = 'api1';
const hidden = { hide: true, tags: ['taxii'] };

const presentCollection = (c: Collection, rights: ReturnType<typeof rightsIn>) => ({
  id: c.id,
  title: c.title,
  ...(c.description ? { description: c.description } : {}),
  ...(c.alias ? { alias: c.alias } : {}),
  can_read: rights.canRead,
  can_write: rights.canWrite,
  media_types: [STIX_MEDIA_TYPE],
});

/**
 * The TAXII 2.1 server under `/taxii2/`: discovery, one API root, collections, objects, manifest, versions,
 * status. Its own plugin scope so that errors (authentication included) answer in TAXII's format and media type.
 */
export async function taxiiRoutes(app: AccordApp, ctx: CoreContext) {
  app.errorFormats.push({ prefix: '/taxii2', send: sendTaxiiError, raw: rawTaxiiError });
  await app.register(
    async (taxii) => {
      taxii.setErrorHandler((error, request, reply) => sendTaxiiError(error, request, reply));
      taxii.setNotFoundHandler((request, reply) => {
        const [path = '', query] = request.url.split('?', 2);
        // TAXII URLs end in a slash; like the reference server (medallion, on Flask), one without is redirected.
        if (path.startsWith('/taxii2/') && !path.endsWith('/'))
          return reply.redirect(`${path}/${query === undefined ? '' : `?${query}`}`, 308);
        return sendTaxiiError(notFound(`no TAXII resource at ${path}`), request, reply);
      });
      taxii.addHook('preValidation', async (request) => assertAcceptsTaxii(request));
      taxii.addContentTypeParser(/^application\/taxii\+json/i, { parseAs: 'string' }, (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch (error) {
          done(error as Error);
        }
      });

      const read = { config: { permission: 'share:read' as const }, schema: hidden };
      taxii.get('/', read, async (request, reply) => {
        await auditRead(ctx, callerOf(request), 'share.taxii.discovery_read', undefined);
        return sendTaxii(reply, {
          title: ctx.config.taxiiTitle,
          description: 'Threat intelligence shared by Accord over TAXII 2.1',
          default: publicLink(ctx.config, `/taxii2/${API_ROOT}/`),
          api_roots: [publicLink(ctx.config, `/taxii2/${API_ROOT}/`)],
        });
      });
      taxii.get(`/${API_ROOT}/`, read, async (request, reply) => {
        await auditRead(ctx, callerOf(request), 'share.taxii.api_root_read', { type: 'taxii_api_root', id: API_ROOT });
        return sendTaxii(reply, {
          title: `${ctx.config.taxiiTitle}: shared collections`,
          versions: [TAXII_MEDIA_TYPE],
          max_content_length: ctx.config.bodyLimitBytes,
        });
      });
      taxii.get(`/${API_ROOT}/collections/`, read, async (request, reply) => {
        const visible = (await listCollections(ctx))
          .map((c) => ({ c, rights: rightsIn(c, request.principal) }))
          .filter(({ rights }) => rights.canRead || rights.canWrite);
        await auditRead(ctx, callerOf(request), 'share.collections.listed', undefined, {
          collections: visible.map(({ c }) => c.id).slice(0, 100),
        });
        return sendTaxii(
          reply,
          visible.length > 0 ? { collections: visible.map(({ c, rights }) => presentCollection(c, rights)) } : {},
        );
      });
      taxii.get<{ Params: { id: string } }>(`/${API_ROOT}/collections/:id/`, read, async (request, reply) => {
        const target = { type: 'share_collection', id: request.params.id };
        const { collection, rights } = await audited(
          ctx,
          callerOf(request),
          'share.collection.read',
          target,
          () => collectionFor(ctx, request.principal, request.params.id, 'see'),
          (seen) => ({ collection: seen.collection.id }),
        );
        return sendTaxii(reply, presentCollection(collection, rights));
      });
      taxii.get<{ Params: { id: string } }>(`/${API_ROOT}/status/:id/`, read, async (request, reply) => {
        const caller = callerOf(request);
        const target = { type: 'share_status', id: request.params.id };
        return sendTaxii(
          reply,
          await audited(ctx, caller, 'share.status.read', target, () => statusFor(ctx, caller, request.params.id)),
        );
      });
      objectRoutes(taxii, ctx);
    },
    { prefix: '/taxii2' },
  );
}
