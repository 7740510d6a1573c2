import { expect, it } from 'vitest';
import * as web from '../../web/src/api-values.ts';
import { roles } from '../../src/core/auth/permissions.ts';
import { revealReasonLength } from '../../src/core/http/reveal-reason.ts';
import { caseStates } from '../../src/cases/states.ts';
import { noticeLanguages } from '../../src/notify/render-notice.ts';
import { dataCategories, requestTypes } from '../../src/lawful/intake.ts';
import { criteria } from '../../src/lawful/checklist.ts';
import { partyKinds } from '../../src/screening/parties.ts';
import { capabilities, countryRisks, decisions, redFlags } from '../../src/screening/due-diligence.ts';

// A console form that sends a value the API no longer accepts fails for every user (it happened: `approve` was
// sent where the API takes `approved`).
it('the console offers exactly the values the API accepts', () => {
  expect(web.roles).toEqual(roles);
  expect(web.caseStates).toEqual(caseStates);
  expect(web.noticeLanguages).toEqual(noticeLanguages);
  expect(web.requestTypes).toEqual(requestTypes);
  expect(web.dataCategories).toEqual(dataCategories);
  expect(web.reviewCriteria).toEqual(criteria);
  expect(web.partyKinds).toEqual(partyKinds);
  expect(web.screeningDecisions).toEqual(decisions);
  expect(web.countryRisks).toEqual(countryRisks);
  expect(web.capabilities).toEqual(capabilities);
  expect(web.redFlags).toEqual(redFlags);
  expect(web.revealReasonLength).toEqual(revealReasonLength);
});
