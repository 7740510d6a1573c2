/** Turning the feeds people use (lists, MISP events, the MVT index) into STIX objects for the store. */
export { readIndicatorList, type ListImport } from './csv-list.ts';
export { readMispDocument, mispEvents, type MispImport } from './misp-event.ts';
export { readMvtIndex, type MvtIndex, type MvtIndexEntry } from './mvt-index.ts';
export { classifyIndicatorValue, isKnownTypeHint } from './value-typing.ts';
export { refang } from './refang.ts';
export { stixStringLiteral, type Classification, type IndicatorKind } from './classification.ts';
export { deterministicId, uuidV5 } from './ids.ts';
