import type { Migration } from 'kysely';
import * as cases from './20261123-04-cases.ts';
import * as subjectMatch from './20261207-03-cases-subject-match-index.ts';

export const casesMigrations: Record<string, Migration> = {
  '20261123-04-cases': cases,
  '20261207-03-cases-subject-match-index': subjectMatch,
};
