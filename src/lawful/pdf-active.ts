import { inflateSync } from 'node:zlib';

/** One kind of active content found in a PDF, with where it was seen (top level or an inflated stream). */
export interface ActivePdfFinding {
  kind: 'javascript' | 'embedded_file' | 'launch' | 'open_action' | 'additional_actions' | 'rich_media' | 'xfa';
  name: string;
  where: 'file' | 'stream';
}

// PDF names that make a document act on its own when opened or clicked (ISO 32000: 12.6 actions, 7.11 files).
const ACTIVE_NAMES: Record<string, ActivePdfFinding['kind']> = {
  JS: 'javascript',
  JavaScript: 'javascript',
  EmbeddedFile: 'embedded_file',
  EmbeddedFiles: 'embedded_file',
  Launch: 'launch',
  OpenAction: 'open_action',
  AA: 'additional_actions',
  RichMedia: 'rich_media',
  XFA: 'xfa',
};

const MAX_STREAMS = 2_000;
const MAX_INFLATED = 64 * 1024 * 1024;

// A PDF name: `/` then regular characters; `#xx` is a hex escape (so `/J#61vaScript` is `/JavaScript`).
const NAME = /\/((?:[^\s()<>[\]{}/%#]|#[0-9A-Fa-f]{2})+)/g;

const decodeName = (raw: string) =>
  raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function namesIn(text: string, where: ActivePdfFinding['where'], into: Map<string, ActivePdfFinding>) {
  for (const m of text.matchAll(NAME)) {
    const name = decodeName(m[1]!);
    const kind = ACTIVE_NAMES[name];
    if (kind && !into.has(`${name}:${where}`)) into.set(`${name}:${where}`, { kind, name, where });
  }
}

/** The bodies of FlateDecode streams (object streams, content streams), inflated; undecodable ones are skipped. */
function* flateStreams(pdf: string): Generator<string> {
  const streamRe = /stream\r?\n/g;
  let count = 0;
  let inflated = 0;
  for (let m = streamRe.exec(pdf); m && count < MAX_STREAMS; m = streamRe.exec(pdf)) {
    const dictStart = pdf.lastIndexOf('<<', m.index);
    const dict = dictStart >= 0 ? pdf.slice(dictStart, m.index) : '';
    const start = m.index + m[0].length;
    const end = pdf.indexOf('endstream', start);
    if (end < 0) break;
    streamRe.lastIndex = end;
    count++;
    const filters = [...dict.matchAll(NAME)].map((n) => decodeName(n[1]!));
    if (!filters.includes('FlateDecode') && !filters.includes('Fl')) continue;
    try {
      const body = inflateSync(Buffer.from(pdf.slice(start, end), 'latin1'), {
        maxOutputLength: MAX_INFLATED - inflated,
      });
      inflated += body.length;
      yield body.toString('latin1');
    } catch {
      // A truncated or corrupt stream (the trailing EOL before `endstream` is tolerated by zlib): nothing to read.
    }
  }
}

/**
 * The active content of a PDF: JavaScript, embedded files, launch actions, open actions, additional actions, rich
 * media and XFA forms, found by their names in the file and in its FlateDecode streams (where object streams hide
 * dictionaries), hex-escaped names decoded. A heuristic over the bytes, not a PDF parser: encrypted PDFs, other
 * filters (LZW, ASCII85) and nested compression are not looked into. An `/OpenAction` is reported as found.
 */
export function activePdfContent(bytes: Buffer): ActivePdfFinding[] {
  const pdf = bytes.toString('latin1');
  const found = new Map<string, ActivePdfFinding>();
  namesIn(pdf, 'file', found);
  for (const body of flateStreams(pdf)) namesIn(body, 'stream', found);
  return [...found.values()];
}
