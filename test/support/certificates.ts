import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './config.ts';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  cert: Buffer;
}

/** A fresh self-signed certificate for 127.0.0.1 and localhost, made with the machine's openssl. */
export function selfSignedCertificate(name = 'accord'): TestCertificate {
  const dir = tempDir('accord-tls-');
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, cert: readFileSync(certFile) };
}

/** A private key protected by a passphrase, which Accord cannot use unattended. */
export function encryptedKeyFile(): string {
  const file = join(tempDir('accord-tls-'), 'encrypted.key');
  execFileSync(
    'openssl',
    [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-aes-256-cbc',
      '-pass',
      'pass:secret',
      '-out',
      file,
    ],
    {
      stdio: 'ignore',
    },
  );
  return file;
}

/** A file holding `text`, for the certificate and key files that are not what they claim. */
export function fileHolding(text: string, name = 'garbage.pem'): string {
  const file = join(tempDir('accord-tls-'), name);
  writeFileSync(file, text);
  return file;
}
