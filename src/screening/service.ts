// The screening module's public face: other modules and the CLI import from here.
export {
  importList,
  screeningLists,
  screeningListImports,
  type ImportListInput,
  type ListImportReport,
} from './lists.ts';
export { listFormats, type ListFormat } from './importers/list-record.ts';
export { screenQuery, type ScreenOutcome } from './screen.ts';
export {
  createParty,
  updateParty,
  rescreenParty,
  archiveParty,
  partiesList,
  partyRecord,
  partyKinds,
} from './parties.ts';
export { answerQuestionnaire, decide, assessRisk } from './due-diligence.ts';
export { alertsList, acknowledgeAlert } from './alerts.ts';
export { rescreenJob } from './rescreen-job.ts';
