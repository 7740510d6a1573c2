/** The object types STIX 2.1 defines, by kind (sections 4-7). */

export const SDO_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

export const SRO_TYPES = ['relationship', 'sighting'] as const;

export const SCO_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

export const META_TYPES = ['marking-definition', 'language-content', 'extension-definition'] as const;

const SDO = new Set<string>(SDO_TYPES);
const SRO = new Set<string>(SRO_TYPES);
const SCO = new Set<string>(SCO_TYPES);
const META = new Set<string>(META_TYPES);

export const isSdoType = (type: string): boolean => SDO.has(type);
export const isSroType = (type: string): boolean => SRO.has(type);
export const isScoType = (type: string): boolean => SCO.has(type);
export const isMetaType = (type: string): boolean => META.has(type);

/** Defined by the specification (as opposed to custom or extension-defined types). */
export const isSpecType = (type: string): boolean => SDO.has(type) || SRO.has(type) || SCO.has(type) || META.has(type);
