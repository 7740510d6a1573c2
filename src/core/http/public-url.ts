import { isIP } from 'node:net';
import type { Config } from '../config/index.ts';

/** Listen addresses that mean "every interface": nobody can be sent to them, so links name the machine itself. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The address people and peers reach Accord at, without a trailing slash: `ACCORD_PUBLIC_URL`, or else the configured
 * listen address (`https` when Accord serves TLS). Never the request's `Host` or `X-Forwarded-*` headers, which the
 * client chooses: every absolute URL Accord announces (TAXII discovery, set-up links, notices) is built from this.
 *
 * @example publicBaseUrl(loadConfig({ ACCORD_PUBLIC_URL: 'https://accord.example/' })) === 'https://accord.example'
 * @example publicBaseUrl(loadConfig({ ACCORD_HOST: '::1', ACCORD_PORT: '8443', ...tls })) === 'https://[::1]:8443'
 */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port' | 'tlsCertFile'>): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const scheme = config.tlsCertFile ? 'https' : 'http';
  const host = WILDCARDS.has(config.host) ? 'localhost' : isIP(config.host) === 6 ? `[${config.host}]` : config.host;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return `${scheme}://${host}${config.port === defaultPort ? '' : `:${config.port}`}`;
}

/**
 * An absolute URL of Accord's for `path` (which starts with `/`), under {@link publicBaseUrl}.
 *
 * @example publicLink(config, '/taxii2/api1/') === 'https://accord.example/taxii2/api1/'
 */
export const publicLink = (config: Parameters<typeof publicBaseUrl>[0], path: string): string =>
  `${publicBaseUrl(config)}${path}`;

/**
 * Where someone who received a notice can check it: the provider's own page (`ACCORD_NOTIFY_VERIFY_URL`, seen after
 * signing in to the provider), or else Accord's public "did you receive a security warning?" page, which needs no
 * sign-in (Accord has no accounts for the people it warns).
 */
export const noticeVerifyUrl = (config: Parameters<typeof publicBaseUrl>[0] & Pick<Config, 'notifyVerifyUrl'>) =>
  config.notifyVerifyUrl ?? publicLink(config, '/security-warning');

/** The variables a notice's verification paragraph needs: the sign-in wording only with the provider's own page. */
export const noticeVerifyVariables = (config: Parameters<typeof noticeVerifyUrl>[0]) => ({
  verify_url: noticeVerifyUrl(config),
  account_url: config.notifyVerifyUrl,
});
