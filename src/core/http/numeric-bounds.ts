/** The widest integer any request may carry: JavaScript's exact range, inside PostgreSQL's bigint. */
export const MAX_REQUEST_INTEGER = Number.MAX_SAFE_INTEGER;

type Schema = Record<string, unknown>;

/** Keywords whose value is data, not a schema. */
const valueKeywords = new Set(['const', 'enum', 'default', 'examples', 'required']);
/** Keywords whose value maps names (which may be anything, `default` included) to schemas. */
const schemaMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

const isNumeric = (type: unknown) =>
  type === 'integer' ||
  type === 'number' ||
  (Array.isArray(type) && type.some((t) => t === 'integer' || t === 'number'));

/**
 * A copy of a request schema in which every integer and number carries bounds within ±(2^53 − 1): a parameter
 * declared without a maximum (a cursor, an offset) cannot reach the database as 1e20 and fail there. Bounds a
 * schema declares itself are kept when they are narrower.
 */
export function withNumericBounds<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(withNumericBounds) as T;
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (valueKeywords.has(key)) copy[key] = value;
    else if (schemaMaps.has(key) && value !== null && typeof value === 'object') {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, withNumericBounds(s)]));
    } else copy[key] = withNumericBounds(value);
  }
  if (isNumeric(copy.type)) {
    if (typeof copy.maximum !== 'number' || copy.maximum > MAX_REQUEST_INTEGER) copy.maximum = MAX_REQUEST_INTEGER;
    if (typeof copy.minimum !== 'number' || copy.minimum < -MAX_REQUEST_INTEGER) copy.minimum = -MAX_REQUEST_INTEGER;
  }
  return copy as T;
}
