import { webLinkProblem } from '../../core/http/web-link.ts';
import { checkHashes } from './hashes.ts';
import { type Issues, at, has, isPlainObject, kindOf, own } from './issues.ts';

/**
 * External references (section 2.5): `source_name` is required and at least one of `description`,
 * `url` or `external_id` must accompany it; `hashes`, when present, is a valid hashes dictionary.
 */
export function checkExternalReferences(value: unknown, out: Issues): void {
  const base = '/external_references';
  if (!Array.isArray(value)) {
    out.add(base, `external_references must be a list (got ${kindOf(value)})`);
    return;
  }
  if (value.length === 0) out.add(base, 'external_references must not be an empty list');
  value.forEach((ref, i) => {
    const path = at(base, i);
    if (!isPlainObject(ref)) {
      out.add(path, `external_references entries must be objects (got ${kindOf(ref)})`);
      return;
    }
    const source = own(ref, 'source_name');
    if (source === undefined) out.add(at(path, 'source_name'), 'source_name is required in an external reference');
    else if (typeof source !== 'string')
      out.add(at(path, 'source_name'), `source_name must be a string (got ${kindOf(source)})`);
    for (const field of ['description', 'url', 'external_id']) {
      const v = own(ref, field);
      if (v !== undefined && typeof v !== 'string')
        out.add(at(path, field), `${field} must be a string (got ${kindOf(v)})`);
    }
    // A reference URL is shown as a link on public pages: refuse script and other non-web schemes at the door.
    const url = own(ref, 'url');
    if (typeof url === 'string') {
      const problem = webLinkProblem(url);
      if (problem) out.add(at(path, 'url'), problem);
    }
    if (!['description', 'url', 'external_id'].some((f) => has(ref, f))) {
      out.add(path, 'an external reference needs at least one of description, url or external_id besides source_name');
    }
    if (has(ref, 'hashes')) checkHashes(own(ref, 'hashes'), at(path, 'hashes'), 'hashes', out);
  });
}
