import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../core/auth/principal.ts';
import { TAXII_MEDIA_TYPE } from './media.ts';
import type { Caller, ReadPage } from './read.ts';

/** Who is calling, for the services and the audit log. */
export const callerOf = (request: FastifyRequest): Caller => ({
  principal: request.principal,
  actor: actorOf(request.principal, request.ip, request.id),
});

/** Sends a TAXII resource with the exact media type (and, for pages, the date-added headers). */
export function sendTaxii(reply: FastifyReply, body: unknown, page?: ReadPage, status = 200) {
  if (page?.first && page.last) {
    reply.header('x-taxii-date-added-first', page.first);
    reply.header('x-taxii-date-added-last', page.last);
  }
  // A serializer of our own: Fastify would otherwise rewrite the media type (`version="2.1"; charset=utf-8`),
  // and TAXII clients compare it exactly.
  return reply.code(status).type(TAXII_MEDIA_TYPE).serializer(JSON.stringify).send(body);
}

/** The `more` and `next` members every paged TAXII resource carries. */
export const paging = (page: ReadPage) => ({ more: page.more, ...(page.next ? { next: page.next } : {}) });
