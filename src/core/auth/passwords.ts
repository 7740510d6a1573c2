import { hash, verify } from '@node-rs/argon2';
import { validationFailed } from '../errors.ts';

// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane); @node-rs/argon2 defaults to argon2id.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashSecret = (secret: string): Promise<string> => hash(secret, options);

export async function verifySecret(stored: string, secret: string): Promise<boolean> {
  try {
    return await verify(stored, secret);
  } catch {
    return false;
  }
}

// A real hash of a random value: verifying against it when the user does not exist costs the same time
// as a real check, so response times do not reveal which usernames exist.
let decoy: Promise<string> | undefined;
export async function verifyDecoy(secret: string): Promise<false> {
  decoy ??= hashSecret(crypto.randomUUID());
  await verifySecret(await decoy, secret);
  return false;
}

export const MIN_PASSWORD_LENGTH = 12;

export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw validationFailed(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > 256) throw validationFailed('the password must have at most 256 characters');
}
