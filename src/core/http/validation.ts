import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FastifySchemaCompiler } from 'fastify';
import { withNumericBounds } from './numeric-bounds.ts';

function makeAjv(options: Options) {
  const ajv = new Ajv({
    // Unknown fields are an error (schemas say additionalProperties: false), never silently dropped.
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
    ...options,
  });
  addFormats.default(ajv);
  boundDateTimes(ajv);
  return ajv;
}

/** An instant the database can store and compare: years 1900 to 9999 in UTC. */
export const isStorableInstant = (date: Date) => {
  const year = date.getUTCFullYear();
  return year >= 1900 && year <= 9999;
};

/**
 * A `date-time` or `date` must also be an instant the database can store and compare: years 1900 to 9999 once in
 * UTC. `0000-01-01T00:00:00Z` and `9999-12-31T23:59:59-14:00` are valid RFC 3339, and PostgreSQL refuses them
 * (out of range), which would be a 500 instead of a 400 naming the field.
 */
function boundDateTimes(ajv: Ajv) {
  for (const name of ['date-time', 'date'] as const) {
    // ajv-formats defines both as { validate, compare } (its type is the wider union of every format's form).
    const { validate, compare } = fullFormats[name] as {
      validate: (value: string) => boolean;
      compare: (a: string, b: string) => number | undefined;
    };
    ajv.addFormat(name, {
      type: 'string',
      validate: (value: string) => validate(value) && isStorableInstant(new Date(value)),
      compare,
    });
  }
}

// Bodies are JSON and must carry the declared types: "5" is not a number. Query strings and path parameters
// are text by nature and are coerced.
const bodyAjv = makeAjv({ coerceTypes: false });
const textAjv = makeAjv({ coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(withNumericBounds(schema)) as ReturnType<FastifySchemaCompiler<object>>;
};
