import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigError, type Config } from '../../core/config/index.ts';
import { DEFAULT_MAPPING, type FieldMapping } from './ndjson-reader.ts';

const FieldList = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 });

/** A mapping file: any of the three parts; each list given replaces the default one, the rest keep theirs. */
export const FieldMappingFile = Type.Object(
  {
    time: Type.Optional(FieldList),
    subject: Type.Optional(FieldList),
    locale: Type.Optional(FieldList),
    values: Type.Optional(Type.Record(Type.String(), FieldList)),
  },
  { additionalProperties: false },
);
export type FieldMappingFile = Static<typeof FieldMappingFile>;

export class FieldMappingError extends Error {}

const OBJECT_PATH = /^[a-z0-9-]+:[A-Za-z0-9_.'[\]*-]+$/;

/**
 * Reads a field mapping for NDJSON, Zeek and CSV telemetry: which fields hold the event time, the account or device,
 * and the values to match under each STIX key. For example, for a proxy that logs `{"dest_host": …, "login": …}`:
 * `{"subject": ["login"], "values": {"domain-name:value": ["dest_host"]}}`. Nested fields are dotted paths.
 */
export function loadFieldMapping(path: string): FieldMapping {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new FieldMappingError(`cannot read the field mapping ${path} (${reason})`);
  }
  if (!Value.Check(FieldMappingFile, document)) {
    const first = Value.Errors(FieldMappingFile, document).First();
    throw new FieldMappingError(
      `the field mapping ${path} is not valid: ${first ? `${first.path || '/'} ${first.message}` : 'unexpected shape'}`,
    );
  }
  // Keys are STIX object paths (`domain-name:value`): anything else would silently match nothing.
  const badKey = Object.keys(document.values ?? {}).find((key) => !OBJECT_PATH.test(key));
  if (badKey !== undefined) {
    throw new FieldMappingError(`the field mapping ${path} is not valid: /values/${badKey} is not a STIX object path`);
  }
  return mergeFieldMapping(document);
}

export function mergeFieldMapping(file: FieldMappingFile, base: FieldMapping = DEFAULT_MAPPING): FieldMapping {
  return {
    time: file.time ?? base.time,
    subject: file.subject ?? base.subject,
    locale: file.locale ?? base.locale,
    values: { ...base.values, ...file.values },
  };
}

const loaded = new Map<string, FieldMapping>();

/** The mapping ACCORD_DETECT_FIELD_MAPPING names (read once), or the default; a bad file is a configuration error. */
export function configuredFieldMapping(config: Pick<Config, 'detectFieldMapping'>): FieldMapping {
  const path = config.detectFieldMapping;
  if (path === undefined) return DEFAULT_MAPPING;
  let mapping = loaded.get(path);
  if (!mapping) {
    try {
      mapping = loadFieldMapping(path);
    } catch (error) {
      throw new ConfigError('ACCORD_DETECT_FIELD_MAPPING', (error as Error).message);
    }
    loaded.set(path, mapping);
  }
  return mapping;
}
