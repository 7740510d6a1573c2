import type { Migration } from 'kysely';
import * as detect from './20261123-02-detect.ts';
import * as changes from './20261123-03-detect-changes.ts';
import * as subjectMatch from './20261207-03-detect-subject-match-index.ts';
import * as subjectLanguage from './20261208-01-notc-subject-language.ts';

export const detectMigrations: Record<string, Migration> = {
  '20261123-02-detect': detect,
  '20261123-03-detect-changes': changes,
  '20261207-03-detect-subject-match-index': subjectMatch,
  '20261208-01-notc-subject-language': subjectLanguage,
};
