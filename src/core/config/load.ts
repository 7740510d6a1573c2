import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { FormatRegistry } from '@sinclair/typebox';
import { settings, type Config } from './schema.ts';

/** Raised when a setting is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

if (!FormatRegistry.Has('uri')) {
  FormatRegistry.Set('uri', (value) => URL.canParse(value));
}

type Source = Readonly<Record<string, string | undefined>>;

/**
 * Reads configuration from the environment and, when `ACCORD_CONFIG` names one, a JSON file whose keys are
 * the same variable names. The environment wins over the file. The result is validated and frozen.
 *
 * @example loadConfig({ ACCORD_PORT: '9000' }).port === 9000
 */
export function loadConfig(environment: Source = process.env, overrides: Source = {}): Config {
  const env: Record<string, string | undefined> = { ...environment };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) env[key] = value;
  const file = env.ACCORD_CONFIG ? readConfigFile(env.ACCORD_CONFIG) : {};
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const raw = env[setting.env] ?? file[setting.env];
    if (raw === undefined || raw === '') {
      out[key] = setting.default;
      continue;
    }
    out[key] = parseSetting(setting.env, setting.schema, raw);
  }
  checkTlsPair(out);
  return Object.freeze(out) as Config;
}

/** A certificate without its key (or the reverse) is refused, naming both: serving plain HTTP instead would hide it. */
function checkTlsPair(out: Record<string, unknown>) {
  const [cert, key] = [settings.tlsCertFile.env, settings.tlsKeyFile.env];
  if ((out.tlsCertFile === undefined) === (out.tlsKeyFile === undefined)) return;
  const [missing, present] = out.tlsCertFile === undefined ? [cert, key] : [key, cert];
  throw new ConfigError(missing, `not set, but ${present} is: HTTPS needs both (unset both for plain HTTP)`);
}

function parseSetting(variable: string, schema: (typeof settings)[keyof typeof settings]['schema'], raw: unknown) {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    if (schema.type === 'integer') value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (schema.type === 'number') value = /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    if (schema.type === 'boolean') value = parseBoolean(raw);
  }
  if (!Value.Check(schema, value)) {
    const first = [...Value.Errors(schema, value)][0];
    // A setting may say what it expects in words, where the schema's own message would only quote a pattern.
    const expected = (schema as { errorMessage?: string }).errorMessage ?? first?.message ?? 'invalid';
    throw new ConfigError(variable, `invalid value ${JSON.stringify(raw)} (${expected})`);
  }
  return value;
}

function parseBoolean(raw: string): boolean | string {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return raw;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('ACCORD_CONFIG', `cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError('ACCORD_CONFIG', `${path} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('ACCORD_CONFIG', `${path} must hold a JSON object of VARIABLE: value`);
  }
  const known = new Set(Object.values(settings).map((s) => s.env));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key as never)) throw new ConfigError(key, `unknown setting in ${path}`);
  }
  return parsed as Record<string, unknown>;
}
