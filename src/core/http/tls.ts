import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ConfigError, settings, type Config } from '../config/index.ts';

/** The certificate (chain) and private key Accord serves HTTPS with. */
export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

const CERT = settings.tlsCertFile.env;
const KEY = settings.tlsKeyFile.env;

const reasons: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
};

/**
 * Reads and checks the certificate and key named by `ACCORD_TLS_CERT_FILE` and `ACCORD_TLS_KEY_FILE`, before anything
 * listens: every failure is a {@link ConfigError} naming the variable and the path, not only OpenSSL's code.
 * Undefined when TLS is off (the configuration has already refused one file without the other).
 */
export function loadTlsFiles(config: Config): TlsFiles | undefined {
  const { tlsCertFile: certPath, tlsKeyFile: keyPath } = config;
  if (certPath === undefined || keyPath === undefined) return undefined;
  const cert = readTlsFile(CERT, certPath);
  const key = readTlsFile(KEY, keyPath);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (error) {
    throw new ConfigError(CERT, `${certPath} holds no PEM certificate (${openSslReason(error)})`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(key.toString('latin1')))
      throw new ConfigError(KEY, `${keyPath} is encrypted with a passphrase; give Accord the key unencrypted`);
    throw new ConfigError(KEY, `${keyPath} holds no PEM private key (${openSslReason(error)})`);
  }
  if (!certificate.checkPrivateKey(privateKey))
    throw new ConfigError(KEY, `the key in ${keyPath} does not belong to the certificate in ${CERT} (${certPath})`);
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError(CERT, `${certPath} with ${KEY} (${keyPath}) cannot serve TLS (${openSslReason(error)})`);
  }
  return { cert, key };
}

function readTlsFile(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(variable, `cannot read ${path}: ${reasons[code] ?? code}`);
  }
}

const openSslReason = (error: unknown) =>
  error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/^error:[0-9A-F]+:/, '') : String(error);
