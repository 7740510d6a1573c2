import { parse } from 'yaml';

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

export interface MvtIndexEntry {
  /** 1-based position in the index, for reports. */
  position: number;
  name: string;
  sources: string[];
  references: string[];
  url: string;
}

export interface MvtIndex {
  entries: MvtIndexEntry[];
  rejected: { record: string; reason: string }[];
}

/**
 * Reads the index of the Mobile Verification Toolkit's community indicators (`indicators.yaml`): a list of STIX 2
 * files, each given as `type: github` with `github: {owner, repo, branch, path}` or as `type: download` with a
 * `download_url` (absolute http(s) only). `githubRawBase` lets an air-gapped installation point at a mirror.
 */
export function readMvtIndex(text: string, githubRawBase = 'https://raw.githubusercontent.com'): MvtIndex {
  const out: MvtIndex = { entries: [], rejected: [] };
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    out.rejected.push({ record: 'source', reason: `not a YAML document: ${(error as Error).message.split('\n')[0]}` });
    return out;
  }
  const list = (document as { indicators?: unknown } | null)?.indicators;
  if (!Array.isArray(list)) {
    out.rejected.push({
      record: 'source',
      reason: 'not an MVT indicators index (expected a list under `indicators:`)',
    });
    return out;
  }
  list.forEach((raw: unknown, i) => {
    const position = i + 1;
    const entry = (raw ?? {}) as Record<string, unknown>;
    const name = typeof entry.name === 'string' ? entry.name : `entry ${position}`;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
    let url: string | undefined;
    if (entry.type === 'github') {
      const g = (entry.github ?? {}) as Record<string, unknown>;
      if (
        [g.owner, g.repo, g.branch, g.path].every((p) => typeof p === 'string' && p !== '' && !String(p).includes('..'))
      ) {
        url = `${githubRawBase.replace(/\/$/, '')}/${[g.owner, g.repo, g.branch, g.path].map((p) => String(p).split('/').map(encodeURIComponent).join('/')).join('/')}`;
      }
    } else if (entry.type === 'download' && typeof entry.download_url === 'string') {
      // Only an absolute http(s) URL: a path, file: or a relative name would be read from the server's disk, and
      // the answer would tell whether that file exists. The reason names the rule, never the file.
      if (!isHttpUrl(entry.download_url)) {
        out.rejected.push({
          record: `index entry ${position} (${name})`,
          reason: 'download_url must be an absolute http or https URL',
        });
        return;
      }
      url = entry.download_url;
    }
    if (!url) {
      out.rejected.push({
        record: `index entry ${position} (${name})`,
        reason: `unsupported entry: type ${String(entry.type)} without a usable location`,
      });
      return;
    }
    out.entries.push({ position, name, sources: strings(entry.sources), references: strings(entry.references), url });
  });
  return out;
}
