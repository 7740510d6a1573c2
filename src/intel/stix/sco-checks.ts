import { isIPv4, isIPv6 } from 'node:net';
import { requireOneOf } from './cross-checks.ts';
import { type Issues, at, has, isPlainObject, own, show, type JsonObject } from './issues.ts';
import { checkProps } from './prop-checks.ts';
import { enumOf, ref, str, type PropTable } from './props.ts';
import type { TypeRule } from './rule.ts';
import { checkPredefinedExtensions } from './sco-extensions.ts';

/** Cross-property rules shared by the STIX Cyber-observable Objects (section 6). */

/** An SCO rule; every SCO also gets its predefined extensions checked. */
export function sco(props: PropTable, check?: (o: JsonObject, out: Issues) => void): TypeRule {
  return {
    category: 'sco',
    props,
    check: (o, out) => {
      check?.(o, out);
      checkPredefinedExtensions(o, out);
    },
  };
}

function cidr(isAddress: (text: string) => boolean, maxPrefix: number) {
  return (value: string): boolean => {
    const [address, prefix, ...rest] = value.split('/');
    if (rest.length > 0 || address === undefined || !isAddress(address)) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
  };
}

/** Sections 6.8 / 6.9: one address, or a CIDR block. */
export const isIpv4Value = cidr(isIPv4, 32);
export const isIpv6Value = cidr(isIPv6, 128);

export function addressValue(check: (v: string) => boolean, what: string) {
  return (o: JsonObject, out: Issues) => {
    const value = own(o, 'value');
    if (typeof value === 'string' && !check(value)) out.add('/value', `value ${show(value)} is not ${what}`);
  };
}

/** "At least one of the properties defined below MUST be included" (sections 6.13, 6.16-6.18). */
export function atLeastOneSpecific(props: PropTable, extensionsCount: boolean) {
  return (o: JsonObject, out: Issues) => {
    const specific = Object.keys(o).some(
      (k) => has(props, k) || (extensionsCount && k === 'extensions' && isPlainObject(own(o, k))),
    );
    if (!specific) out.add('', `at least one of ${Object.keys(props).join(', ')} must be present`);
  };
}

// A module constant, as checkProps expects of its tables (it lists each table's entries once).
const MIME_PART: PropTable = {
  body: str(),
  body_raw_ref: ref('artifact', 'file'),
  content_type: str(),
  content_disposition: str(),
};

/** Section 6.6: body vs body_multipart follow is_multipart; each MIME part has body or body_raw_ref. */
export function emailParts(o: JsonObject, out: Issues) {
  const multipart = own(o, 'is_multipart');
  if (multipart === true && has(o, 'body')) out.add('/body', 'body must not be present when is_multipart is true');
  if (multipart === false && has(o, 'body_multipart')) {
    out.add('/body_multipart', 'body_multipart must not be present when is_multipart is false');
  }
  const parts = own(o, 'body_multipart');
  if (!Array.isArray(parts)) return;
  parts.forEach((part, i) => {
    if (!isPlainObject(part)) return; // reported by the property table
    const base = at('/body_multipart', i);
    checkProps(MIME_PART, part, base, out);
    requireOneOf(part, ['body', 'body_raw_ref'], out, base);
  });
}

const REGISTRY_VALUE: PropTable = {
  name: str(),
  data: str(),
  data_type: enumOf(
    'REG_NONE',
    'REG_SZ',
    'REG_EXPAND_SZ',
    'REG_BINARY',
    'REG_DWORD',
    'REG_DWORD_BIG_ENDIAN',
    'REG_DWORD_LITTLE_ENDIAN',
    'REG_LINK',
    'REG_MULTI_SZ',
    'REG_RESOURCE_LIST',
    'REG_FULL_RESOURCE_DESCRIPTION',
    'REG_RESOURCE_REQUIREMENTS_LIST',
    'REG_QWORD',
    'REG_INVALID_TYPE',
  ),
};

/** Section 6.17.2: each registry value has at least one property; data_type is an enumeration. */
export function registryValues(o: JsonObject, out: Issues) {
  const values = own(o, 'values');
  if (!Array.isArray(values)) return;
  values.forEach((v, i) => {
    if (!isPlainObject(v)) return;
    checkProps(REGISTRY_VALUE, v, at('/values', i), out);
    requireOneOf(v, Object.keys(REGISTRY_VALUE), out, at('/values', i));
  });
}
