import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/core/auth/users-service.ts';
import { encryptedKeyFile, fileHolding, selfSignedCertificate } from '../support/certificates.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/config.ts';
import { TEST_MASTER_KEY } from '../support/env.ts';
import { startLiveApp } from '../support/live-app.ts';

const certificate = selfSignedCertificate();
const tlsEnv = { ACCORD_TLS_CERT_FILE: certificate.certFile, ACCORD_TLS_KEY_FILE: certificate.keyFile };

describe('accord serve refuses a TLS configuration it cannot honour: one line naming the variable, exit 1', () => {
  // Its own data directory and key, no database: every refusal comes before the database is opened.
  const base = {
    PATH: process.env.PATH ?? '',
    ACCORD_LOG_LEVEL: 'silent',
    ACCORD_DATA_DIR: tempDir('accord-tls-startup-'),
    ACCORD_MASTER_KEY: TEST_MASTER_KEY,
    ACCORD_PORT: '0',
  };
  const refused = async (env: Record<string, string>, ...expected: string[]) => {
    const result = await runCli(['serve'], { ...base, ...env });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
    expect(result.stderr).not.toContain('listening');
    for (const text of expected) expect(result.stderr).toContain(text);
    return result.stderr;
  };
  const other = selfSignedCertificate('other');

  it('a certificate without a key, and a key without a certificate, name both variables', async () => {
    await refused({ ACCORD_TLS_CERT_FILE: certificate.certFile }, 'ACCORD_TLS_KEY_FILE', 'ACCORD_TLS_CERT_FILE');
    await refused({ ACCORD_TLS_KEY_FILE: certificate.keyFile }, 'ACCORD_TLS_CERT_FILE', 'ACCORD_TLS_KEY_FILE');
  });

  it('a missing file, a directory, garbage: the variable and the path', async () => {
    const missing = `${tempDir()}/absent.crt`;
    await refused({ ...tlsEnv, ACCORD_TLS_CERT_FILE: missing }, 'ACCORD_TLS_CERT_FILE', missing, 'no such file');
    const dir = tempDir();
    await refused({ ...tlsEnv, ACCORD_TLS_KEY_FILE: dir }, 'ACCORD_TLS_KEY_FILE', dir, 'directory');
    const garbage = fileHolding('not a certificate\n');
    await refused({ ...tlsEnv, ACCORD_TLS_CERT_FILE: garbage }, 'ACCORD_TLS_CERT_FILE', garbage, 'no PEM certificate');
    await refused({ ...tlsEnv, ACCORD_TLS_KEY_FILE: garbage }, 'ACCORD_TLS_KEY_FILE', garbage, 'no PEM private key');
    // The two files swapped: the key where the certificate belongs.
    await refused(
      { ACCORD_TLS_CERT_FILE: certificate.keyFile, ACCORD_TLS_KEY_FILE: certificate.certFile },
      'ACCORD_TLS_CERT_FILE',
      certificate.keyFile,
    );
  });

  it('a key of another certificate, and a key locked with a passphrase', async () => {
    await refused(
      { ...tlsEnv, ACCORD_TLS_KEY_FILE: other.keyFile },
      'ACCORD_TLS_KEY_FILE',
      other.keyFile,
      'does not belong to the certificate',
      certificate.certFile,
    );
    const locked = encryptedKeyFile();
    await refused({ ...tlsEnv, ACCORD_TLS_KEY_FILE: locked }, 'ACCORD_TLS_KEY_FILE', locked, 'passphrase');
  });
});

describe('Accord serving HTTPS', () => {
  let live: Awaited<ReturnType<typeof startLiveApp>>;
  let port: number;
  let stopped = false;
  // Trusts this test's certificate only: a handshake that fails verification fails the test.
  const agent = new Agent({ ca: certificate.cert, keepAlive: true });
  const https = (path: string, { method = 'GET', body }: { method?: string; body?: unknown } = {}) =>
    new Promise<{ statusCode: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const headers = body === undefined ? {} : { 'content-type': 'application/json' };
      const req = request(`https://127.0.0.1:${port}${path}`, { method, headers, agent }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  beforeAll(async () => {
    live = await startLiveApp(tlsEnv);
    port = Number(new URL(live.url).port);
    expect(live.url).toMatch(/^https:/);
  }, 90_000);
  afterAll(async () => {
    agent.destroy();
    if (!stopped) await live?.close();
  });

  it('answers over TLS with HSTS and the security headers', async () => {
    for (const path of ['/healthz', '/api/docs/', '/no-such-route']) {
      const res = await https(path);
      expect(res.headers['strict-transport-security'], path).toBe('max-age=31536000');
      expect(String(res.headers['content-security-policy']), path).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('sets the session cookie Secure when the sign-in came over TLS', async () => {
    const username = 'tls-analyst';
    const password = 'correct horse battery staple';
    await createUser(live.ctx, { type: 'system', id: null, label: 'test' }, { username, role: 'analyst', password });
    const res = await https('/api/auth/login', { method: 'POST', body: { username, password } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^accord_session=/);
    expect(cookie).toMatch(/;\s*Secure/i);
  });

  it('redirects a plain HTTP GET sent to its port to HTTPS at its own address, whatever the Host header says', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/docs/?x=1`, {
      redirect: 'manual',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`https://127.0.0.1:${port}/api/docs/?x=1`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(await res.text()).toContain('This port speaks HTTPS');
  });

  it('answers a plain HTTP POST with a 400 problem, and still speaks TLS afterwards', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 400, code: 'https_required' });
    expect((await https('/healthz')).statusCode).toBe(200);
  });

  it('ends a connection that never says anything once the server closes', async () => {
    const silent = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => silent.once('connect', resolve));
    const closed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    stopped = true;
    await live.close();
    await closed;
  });
});
