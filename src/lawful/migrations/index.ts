import type { Migration } from 'kysely';
import * as lawful from './20261123-06-lawful.ts';
import * as countryRisk from './20261123-11-lawful-country-risk.ts';
import * as contactRegistry from './20261207-12-lawful-a-contact-registry.ts';
import * as agencyReview from './20261207-13-lawful-a-agency-review.ts';
import * as freeText from './20261207-14-lawful-b2-free-text.ts';
import * as requestText from './20261208-01-lawc-request-text-sealed.ts';
import * as targetMatch from './20261207-03-lawful-target-match-indexes.ts';

export const lawfulMigrations: Record<string, Migration> = {
  '20261123-06-lawful': lawful,
  '20261123-11-lawful-country-risk': countryRisk,
  '20261207-03-lawful-target-match-indexes': targetMatch,
  '20261207-12-lawful-a-contact-registry': contactRegistry,
  '20261207-13-lawful-a-agency-review': agencyReview,
  '20261207-14-lawful-b2-free-text': freeText,
  '20261208-01-lawc-request-text-sealed': requestText,
};
