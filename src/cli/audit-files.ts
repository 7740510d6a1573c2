import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MalformedCheckpoint, parseCheckpoints, type Checkpoint } from '../core/audit/index.ts';
import { CliError, exitCodes } from './run.ts';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** The checkpoints in a file kept from ACCORD_AUDIT_CHECKPOINT_FILE or from the public endpoint. */
export function readCheckpointFile(path: string): Checkpoint[] {
  const text = readText(path, 'checkpoint file');
  try {
    return parseCheckpoints(text);
  } catch (error) {
    if (error instanceof MalformedCheckpoint)
      throw new CliError(`${path} is not a checkpoint file: ${error.message}`, exitCodes.checkpointMalformed);
    throw error;
  }
}

/** A public key in PEM (SPKI), or the JSON answer of `GET /api/public/audit/checkpoint/key` saved to a file. */
export function readPublicKeyFile(path: string): KeyObject {
  let text = readText(path, 'public key file');
  try {
    const saved = JSON.parse(text) as { public_key?: unknown };
    if (typeof saved.public_key === 'string') text = saved.public_key;
  } catch {
    // not JSON: PEM
  }
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    throw new CliError(`${path} does not hold a public key in PEM`, exitCodes.checkpointMalformed);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new CliError(`${path} holds a ${key.asymmetricKeyType} key, not Ed25519`, exitCodes.checkpointMalformed);
  return key;
}
