import type { FastifyReply } from 'fastify';
import type { Config } from '../config/index.ts';
import { SESSION_COOKIE } from '../http/authenticate.ts';

/**
 * HttpOnly, SameSite=Strict, and Secure when the browser reaches Accord over HTTPS: the request came over TLS (Accord's
 * own, or a proxy's trusted through `ACCORD_TRUST_PROXY`), or `ACCORD_PUBLIC_URL` is an `https` address (a proxy in
 * front terminates TLS). Never on the strength of a certificate setting alone.
 */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expires: Date) {
  const secure = reply.request.protocol === 'https' || (config.publicUrl?.startsWith('https:') ?? false);
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
