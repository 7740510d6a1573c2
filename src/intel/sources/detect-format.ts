/** The import formats Accord reads. */
export const importFormats = ['stix', 'misp', 'csv', 'mvt-index'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Recognises a source's format from its first bytes (and name); `--format` overrides this. */
export function detectFormat(head: string, name: string): ImportFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/\.ya?ml$/i.test(name) || /^indicators\s*:/m.test(text)) return 'mvt-index';
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"(Event|response)"\s*:/.test(text) && !/"type"\s*:\s*"bundle"/.test(text)) return 'misp';
    return 'stix';
  }
  return 'csv';
}
