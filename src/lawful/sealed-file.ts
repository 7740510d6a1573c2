import { createHash } from 'node:crypto';
import type { CoreContext } from '../core/context.ts';

/** A file as the lawful tables keep it: sealed (AES-256-GCM under the field's context) with its SHA-256. */
export interface SealedFile {
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content_enc: string;
}

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Seals a file for storage; the name is reduced to safe characters (it ends up in a download header). */
export function sealFile(
  ctx: CoreContext,
  context: string,
  file: { filename: string; contentType: string; bytes: Buffer },
): SealedFile {
  return {
    filename: file.filename.replace(/[^\w.\- ]/g, '_').slice(0, 200),
    content_type: file.contentType,
    size: file.bytes.length,
    sha256: digest(file.bytes),
    content_enc: ctx.keyring.encrypt(file.bytes.toString('base64'), context),
  };
}

/** The bytes of a sealed file, checked against the digest recorded when it was stored. */
export async function openSealedFile(
  ctx: CoreContext,
  context: string,
  file: SealedFile & { id: string },
): Promise<Buffer> {
  const bytes = Buffer.from(await ctx.keyring.decrypt(file.content_enc, context), 'base64');
  if (digest(bytes) !== file.sha256) throw new Error(`file ${file.id} does not match its digest`);
  return bytes;
}
