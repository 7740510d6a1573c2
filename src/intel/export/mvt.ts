import { parsePattern, PatternSyntaxError, simpleComparisons } from '../pattern/index.ts';
import type { StixObject } from '../stix/index.ts';
import type { ExportedBundle } from './bundle.ts';

/**
 * The keys the Mobile Verification Toolkit reads from a STIX 2 file, in its spelling (checked against
 * mvt/common/indicators.py, `Indicators._process_indicator`, MVT 2.x): hash keys are lower-case and unquoted.
 */
const MVT_KEYS: Record<string, string> = {
  'domain-name:value': 'domain-name:value',
  'process:name': 'process:name',
  'email-addr:value': 'email-addr:value',
  'file:name': 'file:name',
  'file:path': 'file:path',
  'file:hashes.MD5': 'file:hashes.md5',
  "file:hashes.'SHA-1'": 'file:hashes.sha1',
  "file:hashes.'SHA-256'": 'file:hashes.sha256',
  'app:id': 'app:id',
  'configuration-profile:id': 'configuration-profile:id',
  'android-property:name': 'android-property:name',
  'url:value': 'url:value',
};

export interface MvtExport extends ExportedBundle {
  /** Indicators left out because MVT could not read them, with the reason. */
  omitted: { id: string; reason: string }[];
}

/**
 * A bundle MVT loads with `--iocs`. MVT reads a pattern by stripping the brackets and splitting at `=`, so each
 * exported indicator is one comparison `[key='value']` whose value holds no `=` or quote; anything else is left out
 * (and listed). Indicators are grouped by the malware they indicate, as MVT groups them into collections;
 * relationships to other objects are dropped because MVT ignores them.
 */
export function toMvtBundle(bundle: ExportedBundle): MvtExport {
  const omitted: MvtExport['omitted'] = [];
  const malware = new Map(bundle.objects.filter((o) => o.type === 'malware').map((o) => [o.id, o]));
  const indicators: StixObject[] = [];
  for (const o of bundle.objects) {
    if (o.type !== 'indicator') continue;
    const reason = mvtPattern(o);
    if (typeof reason === 'object') indicators.push({ ...o, pattern: reason.pattern });
    else omitted.push({ id: o.id, reason });
  }
  const kept = new Set(indicators.map((i) => i.id));
  const relationships = bundle.objects.filter(
    (o) =>
      o.type === 'relationship' &&
      o.relationship_type === 'indicates' &&
      kept.has(String(o.source_ref)) &&
      malware.has(String(o.target_ref)),
  );
  const used = new Set(relationships.map((r) => String(r.target_ref)));
  return {
    type: 'bundle',
    id: bundle.id,
    objects: [...[...malware.values()].filter((m) => used.has(m.id)), ...indicators, ...relationships],
    omitted,
  };
}

function mvtPattern(indicator: StixObject): { pattern: string } | string {
  if (indicator.pattern_type !== 'stix' || typeof indicator.pattern !== 'string') return 'not a STIX pattern';
  let comparisons;
  try {
    comparisons = simpleComparisons(parsePattern(indicator.pattern));
  } catch (error) {
    if (error instanceof PatternSyntaxError) return `pattern: ${error.message}`;
    throw error;
  }
  if (!comparisons || comparisons.length !== 1) return 'MVT reads one comparison per indicator';
  const c = comparisons[0]!;
  const key = MVT_KEYS[`${c.objectType}:${c.path}`];
  if (!key) return `MVT does not read ${c.objectType}:${c.path}`;
  const value = String(c.value);
  if (/[=']/.test(value)) return 'MVT cannot read a value containing = or a quote';
  return { pattern: `[${key}='${value}']` };
}
