import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** The decoded body of a message's first part of a type (`text/html`), from its raw MIME source. */
export function mimePart(raw: string, type: string): string | undefined {
  for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split);
    if (!new RegExp(`^Content-Type: ${type}`, 'im').test(head)) continue;
    const body = part.slice(split).trim();
    if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
    if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
      const bytes = body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    return body;
  }
  return undefined;
}

/** A real SMTP server on a free port, keeping what it accepts. */
export async function startSmtpServer(
  options: {
    hangFirst?: boolean;
    refuse?: (address: string) => boolean;
    /** Answer the first n messages with a temporary `451`. */
    deferFirst?: number;
  } = {},
) {
  const received: ReceivedMail[] = [];
  let hanging = options.hangFirst === true;
  let deferring = options.deferFirst ?? 0;
  let started = 0;
  /** When each message's data ended (accepted, deferred or left hanging): the attempts the server saw. */
  const attempts: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.refuse?.(address.address)) return callback();
      const error = Object.assign(new Error(`<${address.address}>: no such mailbox here`), { responseCode: 550 });
      callback(error);
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      started++;
      stream.on('end', () => {
        attempts.push(Date.now());
        // A server that never answers the first message: the sender cannot know whether it was accepted.
        if (hanging) return void (hanging = false);
        if (deferring > 0) {
          deferring--;
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  // A client killed mid-message resets its connection: that is the test, not a failure of the server.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    /** Messages whose data was sent, accepted or not. */
    started: () => started,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface ReceivedHook {
  body: Record<string, unknown>;
  idempotencyKey: string;
  signatureValid: boolean;
}

/**
 * A product's notice receiver: checks the signature, shows a notice once per Idempotency-Key, and can be told to
 * fail the next few requests (to test retries).
 */
export async function startWebhookReceiver(secret: string, options: { delayMs?: number } = {}) {
  const received: ReceivedHook[] = [];
  const seenKeys = new Set<string>();
  let failNext = 0;
  let delayMs = options.delayMs ?? 0;
  /** Every request as it arrived (duplicates too), and the most that were open at once for one key. */
  const requests: { key: string; at: number }[] = [];
  const open = new Map<string, number>();
  let maxOpenPerKey = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    const key = String(req.headers['idempotency-key'] ?? '');
    requests.push({ key, at: Date.now() });
    open.set(key, (open.get(key) ?? 0) + 1);
    maxOpenPerKey = Math.max(maxOpenPerKey, open.get(key)!);
    res.on('close', () => open.set(key, open.get(key)! - 1));
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => void setTimeout(answer, delayMs));
    const answer = () => {
      if (failNext > 0) {
        failNext--;
        return void res.writeHead(503).end();
      }
      const header = String(req.headers['x-accord-signature'] ?? '');
      const m = /^t=(\d+),v2=([0-9a-f]{64})$/.exec(header);
      const fresh = !!m && Math.abs(Date.now() / 1000 - Number(m[1])) <= 300;
      const expected = m && fresh ? createHmac('sha256', secret).update(`${m[1]}.${key}.${body}`).digest() : null;
      const signatureValid = !!m && !!expected && timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
      if (!seenKeys.has(key)) {
        seenKeys.add(key);
        received.push({ body: JSON.parse(body) as Record<string, unknown>, idempotencyKey: key, signatureValid });
      }
      res.writeHead(signatureValid ? 200 : 401).end();
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notices`,
    received,
    requests,
    maxOpenPerKey: () => maxOpenPerKey,
    failNextRequests: (n: number) => void (failNext = n),
    /** How long the receiver takes to answer from now on. */
    answerAfter: (ms: number) => void (delayMs = ms),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
