import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { exportFormats } from './formats/index.ts';

export const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const FormatQuery = Type.Object(
  {
    format: Type.Union(
      exportFormats.map((f) => Type.Literal(f)),
      { default: 'json' },
    ),
  },
  { additionalProperties: false },
);

/** Sends an exported file as a download. */
export function sendFile(reply: FastifyReply, file: { body: string; type: string; filename: string }) {
  reply.header('content-type', file.type);
  reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  return reply.send(file.body);
}
