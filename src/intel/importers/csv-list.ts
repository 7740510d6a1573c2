import { parse } from 'csv-parse/sync';
import type { StixObject } from '../stix/index.ts';
import { buildIndicator, buildNamed, buildRelationship } from './build-objects.ts';
import type { Classification } from './classification.ts';
import type { RejectedRecord } from './result.ts';
import { classifyIndicatorValue, isKnownTypeHint } from './value-typing.ts';

export interface ListImport {
  objects: StixObject[];
  rejected: RejectedRecord[];
  notes: string[];
}

// Header names (lower case, `-` and spaces as `_`) of the columns that are not values of a known type.
const VALUE_COLUMNS = new Set(['value', 'indicator', 'ioc', 'observable', 'artifact', 'entity']);
const TYPE_COLUMNS = new Set(['type', 'entity_type', 'indicator_type', 'ioc_type', 'kind', 'observable_type']);
const DESCRIPTION_COLUMNS = new Set(['description', 'comment', 'comments', 'context', 'notes', 'note']);
const ACTOR_COLUMNS = new Set(['actor', 'threat_actor', 'group', 'intrusion_set', 'campaign_actor']);
const MALWARE_COLUMNS = new Set(['malware', 'family', 'malware_family', 'tool', 'spyware']);

const MAX_NOTES = 100;

interface Columns {
  /** Columns whose header names the kind of value (`domain_name`, `ip_address`, `sha256`): index and that hint. */
  typed: { index: number; hint: string }[];
  value?: number;
  type?: number;
  description?: number;
  actor?: number;
  malware?: number;
}

const headerKey = (cell: string) =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const typeHintOf = (key: string) => [key, key.replace(/_(name|address|addr)$/, '')].find(isKnownTypeHint);

/** The column layout if the first row is a header (it names at least one value column); otherwise undefined. */
function readHeader(row: string[]): Columns | undefined {
  const columns: Columns = { typed: [] };
  row.forEach((cell, index) => {
    const key = headerKey(cell);
    if (VALUE_COLUMNS.has(key)) columns.value ??= index;
    else if (TYPE_COLUMNS.has(key)) columns.type ??= index;
    else if (DESCRIPTION_COLUMNS.has(key)) columns.description ??= index;
    else if (ACTOR_COLUMNS.has(key)) columns.actor ??= index;
    else if (MALWARE_COLUMNS.has(key)) columns.malware ??= index;
    else {
      const hint = typeHintOf(key);
      if (hint) columns.typed.push({ index, hint });
    }
  });
  // `domain,evil.example` names a type but is data: a header holds no cell that reads as an indicator.
  if (row.some((cell) => classifyIndicatorValue(undefined, cell).ok)) return undefined;
  return columns.value !== undefined || columns.typed.length > 0 ? columns : undefined;
}

/**
 * Reads an indicator list: a CSV file with a header, or a plain list with one value per line. With a header, each
 * column named for a kind of value (`domain`, `ip_address`, `sha256`, `url`...) gives an indicator per row, and a
 * `value` column is typed by a `type` column (`entity_type`, `indicator_type`...) or by its look. A `description`
 * column becomes the indicators' description; an `actor` or `malware` column links them to an intrusion set or a
 * malware family. Without a header a row is `type,value[,actor]` when its first cell names a kind of value
 * (`domain,evil.example,Predator`), otherwise one value typed by its look. Lines starting with `#` are comments.
 * Values are refanged and normalised; what cannot be an indicator is refused line by line.
 */
export function readIndicatorList(text: string): ListImport {
  const out: ListImport = { objects: [], rejected: [], notes: [] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      comment: '#',
      comment_no_infix: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    out.rejected.push({ record: 'source', reason: `not a CSV or text list: ${(error as Error).message}` });
    return out;
  }
  if (records.length === 0) {
    out.rejected.push({ record: 'source', reason: 'the list holds no values' });
    return out;
  }
  const header = readHeader(records[0]!.record);
  const rows = header ? records.slice(1) : records;
  const columns: Columns = header ?? { typed: [], value: 0 };
  const seen = new Set<string>();
  const actors = new Map<string, StixObject>();
  const relationships = new Set<string>();
  let duplicates = 0;
  let notes = 0;

  const actorFor = (type: 'intrusion-set' | 'malware', name: string) => {
    const key = `${type}|${name.trim().toLowerCase()}`;
    let object = actors.get(key);
    if (!object) {
      object = buildNamed(type, name);
      actors.set(key, object);
      out.objects.push(object);
    }
    return object;
  };

  for (const { record: row, info } of rows) {
    const line = `line ${info.lines}`;
    const cell = (index: number | undefined) => (index === undefined ? '' : (row[index] ?? '').trim());
    // Without a header a row is `type,value[,actor]` when its first cell names a type, else one value.
    const typedRow = !header && row.length >= 2 && isKnownTypeHint(row[0]!);
    const layout: Columns = header ? columns : typedRow ? { typed: [], type: 0, value: 1, actor: 2 } : columns;
    const candidates: { hint: string | undefined; value: string }[] = layout.typed.map((c) => ({
      hint: c.hint,
      value: cell(c.index),
    }));
    if (layout.value !== undefined) {
      const whole = !header && !typedRow;
      candidates.push({ hint: cell(layout.type) || undefined, value: whole ? row.join(',') : cell(layout.value) });
    }
    const description = cell(layout.description);
    const links = [
      cell(layout.actor) && actorFor('intrusion-set', cell(layout.actor)),
      cell(layout.malware) && actorFor('malware', cell(layout.malware)),
    ].filter((o): o is StixObject => !!o);

    for (const { hint, value } of candidates) {
      if (value === '') continue;
      const typed: Classification = classifyIndicatorValue(hint, value);
      if (!typed.ok) {
        out.rejected.push({ record: line, value, reason: typed.reason });
        continue;
      }
      if (typed.note && notes++ < MAX_NOTES) out.notes.push(`${line}: ${typed.note}`);
      const key = `${typed.patternKey}=${typed.value}`;
      const indicator = buildIndicator({
        key: typed.patternKey,
        value: typed.value,
        pattern: typed.pattern,
        ...(description ? { description } : {}),
      });
      if (!seen.has(key)) {
        seen.add(key);
        out.objects.push(indicator);
      } else duplicates++;
      for (const target of links) {
        const relation = `${indicator.id}|${String(target.id)}`;
        if (relationships.has(relation)) continue;
        relationships.add(relation);
        out.objects.push(buildRelationship('indicates', String(indicator.id), String(target.id)));
      }
    }
  }
  if (notes > MAX_NOTES) out.notes.push(`${notes - MAX_NOTES} more values were changed on the way in`);
  if (duplicates > 0) out.notes.push(`${duplicates} values appeared more than once in the list and were imported once`);
  return out;
}
