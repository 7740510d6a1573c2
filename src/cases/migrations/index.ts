import type { Migration } from 'kysely';
import * as cases from './20261123-04-cases.ts';

export const casesMigrations: Record<string, Migration> = {
  '20261123-04-cases': cases,
};
