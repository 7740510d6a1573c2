import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, type Config } from '../config/index.ts';

/** The Ed25519 key that signs audit checkpoints. It lives in a file, never in the database it vouches for. */
export interface AuditSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER): names the key in each checkpoint. */
  readonly keyId: string;
  readonly path: string;
  readonly generated: boolean;
}

const VARIABLE = 'ACCORD_AUDIT_SIGNING_KEY_FILE';

export const signingKeyPath = (config: Pick<Config, 'auditSigningKeyFile' | 'dataDir'>) =>
  config.auditSigningKeyFile ?? join(config.dataDir, 'audit-signing.key');

/**
 * Reads the signing key (PKCS#8 PEM) from ACCORD_AUDIT_SIGNING_KEY_FILE, or `audit-signing.key` in the data
 * directory; a missing file is created with a new key, readable by its owner only (0600).
 */
export function loadAuditSigningKey(config: Pick<Config, 'auditSigningKeyFile' | 'dataDir'>): AuditSigningKey {
  const path = signingKeyPath(config);
  let generated = false;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(path, error);
    pem = createKeyFile(path);
    generated = true;
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new ConfigError(VARIABLE, `${path} does not hold a private key in PEM (PKCS#8)`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(
      VARIABLE,
      `${path} holds a ${privateKey.asymmetricKeyType} key; audit checkpoints need Ed25519`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), path, generated };
}

/** Names a public key: the first 16 hex digits of the SHA-256 of its SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export const publicKeyPem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

function createKeyFile(path: string): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process starting at the same moment wrote it first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8');
    throw unreadable(path, error);
  }
  chmodSync(path, 0o600);
  return pem;
}

const unreadable = (path: string, error: unknown) =>
  new ConfigError(VARIABLE, `cannot read or create ${path} (${(error as NodeJS.ErrnoException).code ?? error})`);
