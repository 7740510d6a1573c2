import { TLP, type StixObject, type TlpLevel } from '../stix/index.ts';
import { buildIndicator, buildRelationship } from './build-objects.ts';
import { deterministicId, isUuid, UNDATED } from './ids.ts';
import type { RejectedRecord } from './result.ts';
import { classifyIndicatorValue, isKnownTypeHint } from './value-typing.ts';

type Json = Record<string, unknown>;

export interface MispImport {
  objects: StixObject[];
  rejected: RejectedRecord[];
  notes: string[];
}

const TLP_TAGS: Readonly<Record<string, TlpLevel>> = {
  'tlp:clear': 'V2_CLEAR',
  'tlp:white': 'V2_CLEAR',
  'tlp:green': 'V2_GREEN',
  'tlp:amber': 'V2_AMBER',
  'tlp:amber+strict': 'V2_AMBER_STRICT',
  'tlp:red': 'V2_RED',
};

// Galaxies whose clusters are actors or families; other galaxies (attack patterns, sectors, countries) are skipped.
const ACTOR_GALAXIES: Readonly<Record<string, 'intrusion-set' | 'malware'>> = {
  'threat-actor': 'intrusion-set',
  'mitre-intrusion-set': 'intrusion-set',
  'mitre-enterprise-attack-intrusion-set': 'intrusion-set',
  'mitre-mobile-attack-intrusion-set': 'intrusion-set',
  'microsoft-activity-group': 'intrusion-set',
  malpedia: 'malware',
  'mitre-malware': 'malware',
  'mitre-mobile-attack-malware': 'malware',
  android: 'malware',
  ransomware: 'malware',
  tool: 'malware',
  'mitre-tool': 'malware',
};

// Composite attribute types whose parts after the first are not indicators on their own (a port, a file name).
const SECONDARY_PARTS = new Set(['port', 'filename']);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The events of a MISP document: `{Event}`, `{response: [{Event}]}`, `[{Event}]`, or a bare event. */
export function mispEvents(document: unknown): Json[] {
  const unwrap = (d: unknown): Json[] => {
    if (Array.isArray(d)) return d.flatMap(unwrap);
    if (!isObject(d)) return [];
    if (isObject(d.Event)) return [d.Event];
    if ('response' in d) return unwrap(d.response);
    return 'Attribute' in d || 'Object' in d ? [d] : [];
  };
  return unwrap(document);
}

/** MISP timestamps are seconds since the epoch, as strings; dates are `YYYY-MM-DD`. */
function instant(value: unknown): string | undefined {
  const text = str(value);
  if (/^\d{1,12}$/.test(text)) return new Date(Number(text) * 1000).toISOString();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const t = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  return undefined;
}

const earliest = (...times: (string | undefined)[]) => times.filter((t): t is string => !!t).sort()[0] ?? UNDATED;

function tlpOf(tags: unknown): string | undefined {
  for (const tag of list(tags)) {
    const level = TLP_TAGS[str(tag.name).trim().toLowerCase()];
    if (level) return TLP[level].id;
  }
  return undefined;
}

/** `misp-galaxy:threat-actor="Void Balaur"` → ['threat-actor', 'Void Balaur']. */
function galaxyTag(name: string): [string, string] | undefined {
  const m = /^misp-galaxy:([a-z0-9-]+)="(.+)"$/i.exec(name.trim());
  return m ? [m[1]!.toLowerCase(), m[2]!] : undefined;
}

class EventReader {
  readonly objects: StixObject[] = [];
  readonly indicatorIds: string[] = [];
  readonly actors = new Map<string, StixObject>();
  readonly skipped = new Map<string, number>();

  constructor(
    private readonly out: MispImport,
    private readonly event: Json,
    private readonly created: string,
    readonly marking: string | undefined,
  ) {}

  /** One intrusion set or malware family per name, whether it comes from a galaxy block or a galaxy tag. */
  addActor(type: 'intrusion-set' | 'malware', name: string, cluster: Json = {}) {
    const key = `${type}|${name.trim().toLowerCase()}`;
    if (this.actors.has(key) || name.trim() === '') return;
    const meta = isObject(cluster.meta) ? cluster.meta : {};
    const aliases = Array.isArray(meta.synonyms) ? meta.synonyms.filter((s): s is string => typeof s === 'string') : [];
    const actor: StixObject = {
      type,
      spec_version: '2.1',
      id: isUuid(cluster.uuid)
        ? `${type}--${cluster.uuid.toLowerCase()}`
        : deterministicId(type, name.trim().toLowerCase()),
      created: UNDATED,
      modified: UNDATED,
      name: name.trim(),
      ...(type === 'malware' ? { is_family: true } : {}),
      ...(str(cluster.description) ? { description: str(cluster.description) } : {}),
      ...(aliases.length ? { aliases } : {}),
    };
    this.actors.set(key, actor);
  }

  readGalaxies() {
    for (const galaxy of list(this.event.Galaxy)) {
      const type = ACTOR_GALAXIES[str(galaxy.type).toLowerCase()];
      for (const cluster of list(galaxy.GalaxyCluster)) {
        if (type) this.addActor(type, str(cluster.value), cluster);
      }
    }
    for (const tag of list(this.event.Tag)) {
      const parsed = galaxyTag(str(tag.name));
      const type = parsed && ACTOR_GALAXIES[parsed[0]];
      if (parsed && type) this.addActor(type, parsed[1]);
    }
  }

  readAttribute(attribute: Json, where: string) {
    const type = str(attribute.type).trim();
    const raw = str(attribute.value);
    const uuid = isUuid(attribute.uuid) ? attribute.uuid.toLowerCase() : undefined;
    const record = uuid ? `attribute ${uuid}` : where;
    const typeParts = type.split('|');
    const valueParts = raw.split('|');
    if (typeParts.length !== valueParts.length && typeParts.length > 1) {
      this.out.rejected.push({
        record,
        value: raw,
        reason: `a ${type} attribute needs ${typeParts.length} values separated by |`,
      });
      return;
    }
    const indicatorParts = typeParts
      .map((t, i) => ({ hint: t, value: valueParts[i] ?? raw, position: i }))
      .filter((p, i) => (i === 0 || !SECONDARY_PARTS.has(p.hint.toLowerCase())) && isKnownTypeHint(p.hint));
    if (indicatorParts.length === 0) {
      this.skipped.set(type, (this.skipped.get(type) ?? 0) + 1);
      return;
    }
    const modified = instant(attribute.timestamp) ?? this.created;
    const created = earliest(this.created, modified);
    const marking = tlpOf(attribute.Tag) ?? this.marking;
    const fileName = typeParts[0] === 'filename' ? valueParts[0] : undefined;
    const comment = str(attribute.comment).trim();
    for (const part of fileName ? indicatorParts.filter((p) => p.position > 0) : indicatorParts) {
      const typed = classifyIndicatorValue(part.hint, part.value);
      if (!typed.ok) {
        this.out.rejected.push({ record, value: part.value, reason: typed.reason });
        continue;
      }
      if (typed.note) this.out.notes.push(`${record}: ${typed.note}`);
      // A single-value attribute keeps MISP's uuid, as MISP's own STIX export does; parts of composites get ids
      // derived from it, so that re-importing the event changes nothing.
      const id =
        uuid && typeParts.length === 1
          ? `indicator--${uuid}`
          : deterministicId('indicator', `${record}|${part.position}`);
      const description = [comment, fileName ? `file name: ${fileName}` : '', `MISP ${type} attribute`]
        .filter(Boolean)
        .join('; ');
      this.objects.push(
        buildIndicator({
          id,
          key: typed.patternKey,
          value: typed.value,
          pattern: typed.pattern,
          name: fileName ?? typed.value,
          description,
          created,
          modified: modified < created ? created : modified,
          ...(marking ? { markingRefs: [marking] } : {}),
        }),
      );
      this.indicatorIds.push(id);
    }
  }

  readAttributes() {
    list(this.event.Attribute).forEach((a, i) => this.readAttribute(a, `attribute ${i + 1}`));
    list(this.event.Object).forEach((o, i) =>
      list(o.Attribute).forEach((a, j) => this.readAttribute(a, `object ${i + 1} (${str(o.name)}) attribute ${j + 1}`)),
    );
  }
}

/**
 * Maps MISP events to STIX: each attribute that is an indicator (domain, ip-dst, url, email-src, hashes, their
 * `a|b` composites, also inside MISP objects) becomes an indicator, the event a report that refers to them, its
 * threat-actor and malware galaxies (blocks or `misp-galaxy:` tags) intrusion sets and malware linked by
 * `indicates`, and its `tlp:` tags TLP 2.0 markings (an attribute's own tag wins). Other attributes (comments, sizes)
 * are skipped with a note; values that are not what their type says are refused one by one.
 */
export function readMispDocument(document: unknown): MispImport {
  const out: MispImport = { objects: [], rejected: [], notes: [] };
  const events = mispEvents(document);
  if (events.length === 0) {
    out.rejected.push({ record: 'source', reason: 'not a MISP event (expected {"Event": {...}} or a list of them)' });
    return out;
  }
  events.forEach((event, i) => {
    const eventUuid = isUuid(event.uuid) ? event.uuid.toLowerCase() : undefined;
    const label = eventUuid ? `event ${eventUuid}` : `event ${i + 1}`;
    const date = instant(event.date);
    const timestamp = instant(event.timestamp) ?? instant(event.publish_timestamp);
    const created = earliest(date, timestamp);
    const reader = new EventReader(out, event, created, tlpOf(event.Tag));
    reader.readGalaxies();
    reader.readAttributes();
    const actors = [...reader.actors.values()];
    const relationships = reader.objects.flatMap((indicator) =>
      actors.map((a) => ({
        ...buildRelationship('indicates', String(indicator.id), String(a.id), String(indicator.created)),
        ...(indicator.object_marking_refs ? { object_marking_refs: indicator.object_marking_refs } : {}),
      })),
    );
    out.objects.push(...actors, ...reader.objects, ...relationships);
    const refs = [...actors, ...reader.objects, ...relationships].map((o) => String(o.id));
    if (eventUuid && refs.length > 0) {
      const modified = timestamp && timestamp > created ? timestamp : created;
      out.objects.push({
        type: 'report',
        spec_version: '2.1',
        id: `report--${eventUuid}`,
        created,
        modified,
        name: str(event.info).trim() || label,
        report_types: ['threat-report'],
        published: date ?? created,
        object_refs: refs,
        ...(reader.marking ? { object_marking_refs: [reader.marking] } : {}),
      });
    }
    if (reader.skipped.size > 0) {
      const counts = [...reader.skipped].map(([type, n]) => `${n} ${type}`).join(', ');
      out.notes.push(`${label}: skipped attributes that are not indicators: ${counts}`);
    }
  });
  return out;
}
