import { checkRef } from './prop-checks.ts';
import { type Issues, at, has, isPlainObject, kindOf, own, show, type JsonObject } from './issues.ts';
import { isLanguageTag } from './language-tag.ts';

/**
 * Granular markings (section 7.2.3): each entry has a non-empty `selectors` list and exactly one of
 * `marking_ref` or `lang`. Selectors are dot-separated property names / dictionary keys and `[n]`
 * list indexes, and must select content actually present in the object.
 */

const INDEX_RE = /^\[(0|[1-9]\d*)\]$/;

/** Why a selector does not resolve against `root`, or null when it selects existing content. */
export function selectorProblem(root: JsonObject, selector: string): string | null {
  if (selector === '') return 'is empty';
  let node: unknown = root;
  let walked = '';
  for (const part of selector.split('.')) {
    if (part === '') return 'has an empty component';
    const index = INDEX_RE.exec(part);
    if (index) {
      if (!Array.isArray(node)) return `uses ${part} but ${walked || 'the object'} is not a list`;
      const i = Number(index[1]);
      if (i >= node.length) return `uses ${part} but ${walked} has only ${node.length} entries`;
      node = node[i];
    } else {
      if (part.includes('[') || part.includes(']')) return `has a malformed list index ${show(part)}`;
      if (!isPlainObject(node)) return `names ${show(part)} but ${walked || 'the object'} is not an object`;
      if (!has(node, part)) return `names ${show(part)}, which is not present${walked ? ` in ${walked}` : ''}`;
      node = node[part];
    }
    walked = walked ? `${walked}.${part}` : part;
  }
  return null;
}

export function checkGranularMarkings(o: JsonObject, out: Issues): void {
  const list = own(o, 'granular_markings');
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    out.add('/granular_markings', `granular_markings must be a list (got ${kindOf(list)})`);
    return;
  }
  if (list.length === 0) out.add('/granular_markings', 'granular_markings must not be an empty list');
  list.forEach((marking, i) => {
    const path = at('/granular_markings', i);
    if (!isPlainObject(marking)) {
      out.add(path, `granular_markings entries must be objects (got ${kindOf(marking)})`);
      return;
    }
    const hasRef = has(marking, 'marking_ref');
    const hasLang = has(marking, 'lang');
    if (hasRef === hasLang) out.add(path, 'a granular marking must have exactly one of marking_ref or lang');
    if (hasRef)
      checkRef(own(marking, 'marking_ref'), ['marking-definition'], at(path, 'marking_ref'), 'marking_ref', out);
    if (hasLang && !isLanguageTag(own(marking, 'lang'))) {
      out.add(at(path, 'lang'), `lang ${show(own(marking, 'lang'))} is not an RFC 5646 language code`);
    }
    const selectors = own(marking, 'selectors');
    const selPath = at(path, 'selectors');
    if (selectors === undefined) {
      out.add(selPath, 'selectors is required in a granular marking');
      return;
    }
    if (!Array.isArray(selectors)) {
      out.add(selPath, `selectors must be a list of strings (got ${kindOf(selectors)})`);
      return;
    }
    if (selectors.length === 0) out.add(selPath, 'selectors must not be an empty list');
    selectors.forEach((selector, j) => {
      if (typeof selector !== 'string') {
        out.add(at(selPath, j), `selectors entries must be strings (got ${kindOf(selector)})`);
        return;
      }
      const problem = selectorProblem(o, selector);
      if (problem) out.add(at(selPath, j), `selector ${show(selector)} ${problem}`);
    });
  });
}
