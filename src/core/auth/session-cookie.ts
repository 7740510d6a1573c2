import type { FastifyReply } from 'fastify';
import type { Config } from '../config/index.ts';
import { SESSION_COOKIE } from '../http/authenticate.ts';

/** HttpOnly, SameSite=Strict, and Secure whenever Accord is reached over TLS. */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expires: Date) {
  const secure = Boolean(config.tlsCertFile) || (config.publicUrl?.startsWith('https:') ?? false);
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
